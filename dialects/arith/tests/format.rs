//! Custom-form printing and parsing through the format-independent `AsmOut`/`AsmIn`
//! interfaces, with a minimal printer/parser for the few types used here. Expected strings
//! are mlir-opt-22's output.

mod common;

use common::*;
use strata_dialect_arith::format::{
    parse_custom, print_custom, result_name_hint, AsmIn, AsmOut, Format, FormatKind,
};
use strata_dialect_arith::{CmpFPredicate, FastMathFlags, OverflowFlags, RoundingMode};
use strata_ir::{
    AttrKind, Attribute, Context, Diagnostic, NamedAttr, OpRef, Type, TypeKind, Value,
};

fn ty_str(ctx: &Context, t: Type) -> String {
    match ctx.type_kind(t) {
        TypeKind::Integer { width, .. } => format!("i{width}"),
        TypeKind::Index => "index".into(),
        TypeKind::Float(k) => k.keyword().into(),
        TypeKind::Vector { shape, elem, .. } => {
            format!(
                "vector<{}x{}>",
                shape
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("x"),
                ty_str(ctx, *elem)
            )
        }
        k => format!("{k:?}"),
    }
}

struct Out<'a> {
    ctx: &'a Context,
    s: String,
    names: Vec<(Value, String)>,
}

impl AsmOut for Out<'_> {
    fn write(&mut self, s: &str) {
        self.s.push_str(s);
    }
    fn operand(&mut self, v: Value) {
        let n = self
            .names
            .iter()
            .find(|(x, _)| *x == v)
            .map(|(_, n)| n.clone())
            .unwrap_or("%?".into());
        self.s.push_str(&n);
    }
    fn ty(&mut self, t: Type) {
        let s = ty_str(self.ctx, t);
        self.s.push_str(&s);
    }
    fn attr(&mut self, a: Attribute) {
        let s = match self.ctx.attr_kind(a) {
            AttrKind::Integer { value, ty } => format!("{value} : {}", ty_str(self.ctx, *ty)),
            AttrKind::Bool(b) => b.to_string(),
            k => format!("{k:?}"),
        };
        self.s.push_str(&s);
    }
    fn attr_dict(&mut self, entries: &[NamedAttr]) {
        if entries.is_empty() {
            return;
        }
        let parts: Vec<String> = entries
            .iter()
            .map(|e| match self.ctx.attr_kind(e.value) {
                AttrKind::Unit => self.ctx.str(e.name).to_string(),
                AttrKind::Opaque { body, .. } => {
                    format!("{} = #arith.{body}", self.ctx.str(e.name))
                }
                k => format!("{} = {k:?}", self.ctx.str(e.name)),
            })
            .collect();
        self.s.push_str(&format!(" {{{}}}", parts.join(", ")));
    }
}

fn print(ctx: &Context, s: &Scratch, f: &Format, op: strata_ir::Op) -> String {
    let names: Vec<(Value, String)> = s
        .args
        .iter()
        .enumerate()
        .map(|(i, &v)| (v, format!("%arg{i}")))
        .collect();
    let mut out = Out {
        ctx,
        s: String::new(),
        names,
    };
    assert!(print_custom(f, &OpRef::new(ctx, &s.body, op), &mut out));
    out.s
}

#[test]
fn prints_like_mlir_opt() {
    let ctx = context();
    let (i32t, f32t) = (ctx.i32(), ctx.f32());
    let v = vector(&ctx, &[4], f32t);
    let vb = vector(&ctx, &[4], ctx.i1());
    let mut s = Scratch::new(&[i32t, i32t, f32t, ctx.i1(), vb, v, ctx.f64()]);
    let a = s.args.clone();
    let binary = Format::new(FormatKind::Binary).overflow();
    let op = s.op(
        &ctx,
        "arith.addi",
        &[a[0], a[1]],
        &[i32t],
        &[("overflowFlags", OverflowFlags(3).attr(&ctx))],
    );
    assert_eq!(
        print(&ctx, &s, &binary, op),
        " %arg0, %arg1 overflow<nsw, nuw> : i32"
    );
    let op = s.op(
        &ctx,
        "arith.addi",
        &[a[0], a[1]],
        &[i32t],
        &[("overflowFlags", OverflowFlags::NONE.attr(&ctx))],
    );
    assert_eq!(print(&ctx, &s, &binary, op), " %arg0, %arg1 : i32");
    let fbin = Format::new(FormatKind::Binary).fastmath();
    let op = s.op(
        &ctx,
        "arith.mulf",
        &[a[2], a[2]],
        &[f32t],
        &[("fastmath", FastMathFlags(6).attr(&ctx))],
    );
    assert_eq!(
        print(&ctx, &s, &fbin, op),
        " %arg2, %arg2 fastmath<nnan,ninf> : f32"
    );
    let cmpf = Format::new(FormatKind::CmpF).fastmath();
    let op = s.op(
        &ctx,
        "arith.cmpf",
        &[a[2], a[2]],
        &[ctx.i1()],
        &[
            ("predicate", CmpFPredicate::Une.attr(&ctx)),
            ("fastmath", FastMathFlags::NONE.attr(&ctx)),
        ],
    );
    assert_eq!(print(&ctx, &s, &cmpf, op), " une, %arg2, %arg2 : f32");
    let select = Format::new(FormatKind::Select);
    let op = s.op(&ctx, "arith.select", &[a[4], a[5], a[5]], &[v], &[]);
    assert_eq!(
        print(&ctx, &s, &select, op),
        " %arg4, %arg5, %arg5 : vector<4xi1>, vector<4xf32>"
    );
    let op = s.op(&ctx, "arith.select", &[a[3], a[0], a[1]], &[i32t], &[]);
    assert_eq!(print(&ctx, &s, &select, op), " %arg3, %arg0, %arg1 : i32");
    let truncf = Format::new(FormatKind::Cast).rounding().optional_fastmath();
    let op = s.op(
        &ctx,
        "arith.truncf",
        &[a[6]],
        &[f32t],
        &[
            ("roundingmode", RoundingMode::Downward.attr(&ctx)),
            ("fastmath", FastMathFlags::NONE.attr(&ctx)),
        ],
    );
    assert_eq!(
        print(&ctx, &s, &truncf, op),
        " %arg6 downward fastmath<none> : f64 to f32"
    );
    let classify = Format::new(FormatKind::Classify);
    let mut b = strata_ir::OpBuilder::at_end(&ctx, &mut s.body, s.block);
    let mut st = strata_ir::OperationState::new(&ctx, ctx.op_name("math.isnan"), ctx.unknown_loc());
    st.operands = vec![a[2]];
    st.result_types = vec![ctx.i1()];
    st.props = Some(ctx.dict_attr(&[("fastmath", FastMathFlags::NNAN.attr(&ctx))]));
    st.attrs = Some(ctx.dict_attr(&[("zzz", ctx.unit_attr()), ("aaa", ctx.unit_attr())]));
    let op = b.create(st);
    assert_eq!(
        print(&ctx, &s, &classify, op),
        " %arg2 {aaa, fastmath = #arith.fastmath<nnan>, zzz} : f32"
    );
    let constant = Format::new(FormatKind::Constant);
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[i32t],
        &[("value", ctx.int_attr(-7, i32t))],
    );
    assert_eq!(print(&ctx, &s, &constant, op), " -7 : i32");
    assert_eq!(
        result_name_hint(&OpRef::new(&ctx, &s.body, op)).as_deref(),
        Some("c-7_i32")
    );
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[ctx.i1()],
        &[("value", ctx.bool_attr(false))],
    );
    assert_eq!(
        result_name_hint(&OpRef::new(&ctx, &s.body, op)).as_deref(),
        Some("false")
    );
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[ctx.index_type()],
        &[("value", ctx.int_attr(0, ctx.index_type()))],
    );
    assert_eq!(
        result_name_hint(&OpRef::new(&ctx, &s.body, op)).as_deref(),
        Some("c0")
    );
}

/// A token-list parser over pre-split input.
struct In<'a> {
    ctx: &'a Context,
    toks: Vec<String>,
    pos: usize,
    args: Vec<Value>,
}

impl AsmIn for In<'_> {
    type Operand = usize;
    fn operand(&mut self) -> Result<usize, Diagnostic> {
        let t = self.toks[self.pos].clone();
        self.pos += 1;
        t.strip_prefix("%arg")
            .and_then(|n| n.parse().ok())
            .ok_or_else(|| self.error("expected operand"))
    }
    fn optional_punct(&mut self, p: &str) -> bool {
        if self.toks.get(self.pos).is_some_and(|t| t == p) {
            self.pos += 1;
            true
        } else {
            false
        }
    }
    fn optional_keyword(&mut self, kw: &str) -> bool {
        self.optional_punct(kw)
    }
    fn keyword(&mut self) -> Result<String, Diagnostic> {
        let t = self
            .toks
            .get(self.pos)
            .cloned()
            .ok_or_else(|| self.error("eof"))?;
        self.pos += 1;
        Ok(t)
    }
    fn ty(&mut self) -> Result<Type, Diagnostic> {
        let t = self.keyword()?;
        Ok(match t.as_str() {
            "i32" => self.ctx.i32(),
            "f32" => self.ctx.f32(),
            "f64" => self.ctx.f64(),
            "i1" => self.ctx.i1(),
            _ => return Err(self.error("unknown type")),
        })
    }
    fn attr(&mut self) -> Result<Attribute, Diagnostic> {
        let v: i128 = self.keyword()?.parse().map_err(|_| self.error("int"))?;
        self.optional_punct(":");
        let t = self.ty()?;
        Ok(self.ctx.int_attr(v, t))
    }
    fn optional_attr_dict(&mut self) -> Result<Vec<NamedAttr>, Diagnostic> {
        if !self.optional_punct("{") {
            return Ok(vec![]);
        }
        let mut v = vec![];
        while !self.optional_punct("}") {
            let name = self.keyword()?;
            let value = if self.optional_punct("=") {
                self.attr()?
            } else {
                self.ctx.unit_attr()
            };
            v.push(NamedAttr {
                name: self.ctx.sym(&name),
                value,
            });
            self.optional_punct(",");
        }
        Ok(v)
    }
    fn error(&self, msg: &str) -> Diagnostic {
        Diagnostic::error(self.ctx.unknown_loc(), msg)
    }
    fn resolve(&mut self, operands: &[usize], _: &[Type]) -> Result<Vec<Value>, Diagnostic> {
        Ok(operands.iter().map(|&i| self.args[i]).collect())
    }
    fn ctx(&self) -> &Context {
        self.ctx
    }
}

fn parse(
    ctx: &Context,
    f: &Format,
    src: &str,
    args: &[Value],
    inherent: &[&str],
) -> strata_dialect_arith::format::Parsed {
    let toks = src
        .replace(',', " , ")
        .replace(':', " : ")
        .replace('<', " < ")
        .replace('>', " > ")
        .replace('{', " { ")
        .replace('}', " } ")
        .replace('[', " [ ")
        .replace(']', " ] ")
        .split_whitespace()
        .map(String::from)
        .collect();
    let mut p = In {
        ctx,
        toks,
        pos: 0,
        args: args.to_vec(),
    };
    let r = parse_custom(f, &mut p, inherent).unwrap();
    assert_eq!(p.pos, p.toks.len(), "unconsumed input in {src:?}");
    r
}

#[test]
fn parses_flags_defaults_and_attr_dict() {
    let ctx = context();
    let s = Scratch::new(&[ctx.i32(), ctx.f32(), ctx.f64()]);
    let a = s.args.clone();
    let f = Format::new(FormatKind::Binary).overflow();
    let r = parse(
        &ctx,
        &f,
        "%arg0, %arg0 overflow<nuw, nsw> {x} : i32",
        &a,
        &["overflowFlags"],
    );
    assert_eq!(r.operands, vec![a[0], a[0]]);
    assert_eq!(r.result_types, vec![ctx.i32()]);
    assert_eq!(
        r.props,
        vec![("overflowFlags".to_string(), OverflowFlags(3).attr(&ctx))]
    );
    assert_eq!(r.attrs.len(), 1);
    let f = Format::new(FormatKind::Binary).fastmath();
    let r = parse(&ctx, &f, "%arg1, %arg1 : f32", &a, &["fastmath"]);
    assert_eq!(
        r.props,
        vec![("fastmath".to_string(), FastMathFlags::NONE.attr(&ctx))]
    );
    let f = Format::new(FormatKind::Cast).rounding().optional_fastmath();
    let r = parse(
        &ctx,
        &f,
        "%arg2 upward : f64 to f32",
        &a,
        &["roundingmode", "fastmath"],
    );
    assert_eq!(
        r.props,
        vec![("roundingmode".to_string(), RoundingMode::Upward.attr(&ctx))]
    );
    assert_eq!(r.result_types, vec![ctx.f32()]);
    let f = Format::new(FormatKind::CmpF).fastmath();
    let r = parse(
        &ctx,
        &f,
        "olt, %arg1, %arg1 fastmath<fast> : f32",
        &a,
        &["predicate", "fastmath"],
    );
    assert_eq!(r.result_types, vec![ctx.i1()]);
    assert_eq!(
        r.props[0],
        ("predicate".to_string(), CmpFPredicate::Olt.attr(&ctx))
    );
    assert_eq!(
        r.props[1],
        ("fastmath".to_string(), FastMathFlags::FAST.attr(&ctx))
    );
    let f = Format::new(FormatKind::Constant);
    let r = parse(&ctx, &f, "{a} 3 : i32", &a, &["value"]);
    assert_eq!(r.result_types, vec![ctx.i32()]);
    assert_eq!(
        r.props,
        vec![("value".to_string(), ctx.int_attr(3, ctx.i32()))]
    );
}
