//! Custom assembly formats of the arith and math ops, described declaratively (MLIR's
//! `assemblyFormat` strings) by a [`Format`]: the operand layout ([`FormatKind`]) plus the
//! optional keyword groups an op accepts after its operands.

use strata_ir::CustomFormat;

/// The shape of an op's custom form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FormatKind {
    /// `$operand [flags] attr-dict : type($result)`.
    Unary,
    /// `$lhs, $rhs [flags] attr-dict : type($result)`.
    Binary,
    /// `$a, $b, $c [flags] attr-dict : type($result)`.
    Ternary,
    /// `$in [flags] attr-dict : type($in) to type($out)`.
    Cast,
    /// `$predicate, $lhs, $rhs attr-dict : type($lhs)` (integer predicate keywords).
    CmpI,
    /// `$predicate, $lhs, $rhs [fastmath] attr-dict : type($lhs)` (float predicate keywords).
    CmpF,
    /// `$condition, $true, $false attr-dict : [type($condition),] type($result)`.
    Select,
    /// `attr-dict $value`.
    Constant,
    /// `$lhs, $rhs attr-dict : type($sum), type($overflow)`.
    TwoResultTypes,
    /// `$lhs, $rhs attr-dict : type($lhs)` with two results of that type.
    BinaryTwoResults,
    /// `$operand attr-dict : type($operand)` (result type derived: `i1` of the same shape,
    /// fastmath only in the attribute dictionary).
    Classify,
    /// `$lhs, $rhs [fastmath] attr-dict : type($lhs), type($rhs)`.
    FPowI,
    /// `$value to [$min, $max] [fastmath] attr-dict : type($result)`.
    Clamp,
    /// `$operand [fastmath] attr-dict : type($operand)` with two results of that type.
    SinCos,
}

/// How an op's fast-math flags appear in its custom form.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum FastMathSyntax {
    /// The op has no `fastmath` property.
    None,
    /// `DefaultValuedAttr`: `fastmath<...>` printed unless `none`; a missing property means
    /// `none` and is materialised by the parser.
    Default,
    /// `OptionalAttr`: `fastmath<...>` printed whenever the property is present (even
    /// `none`).
    Optional,
}

/// A custom assembly format.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Format {
    /// The operand layout.
    pub kind: FormatKind,
    /// `overflow<...>` (`overflowFlags`, default `none`).
    pub overflow: bool,
    /// `exact` (`isExact` unit property).
    pub exact: bool,
    /// A rounding-mode keyword (`roundingmode`).
    pub rounding: bool,
    /// `fastmath<...>`.
    pub fastmath: FastMathSyntax,
}

impl Format {
    /// A format with no optional groups.
    pub const fn new(kind: FormatKind) -> Format {
        Format {
            kind,
            overflow: false,
            exact: false,
            rounding: false,
            fastmath: FastMathSyntax::None,
        }
    }
    /// Accept `overflow<...>`.
    pub const fn overflow(self) -> Format {
        Format {
            overflow: true,
            ..self
        }
    }
    /// Accept `exact`.
    pub const fn exact(self) -> Format {
        Format {
            exact: true,
            ..self
        }
    }
    /// Accept a rounding-mode keyword.
    pub const fn rounding(self) -> Format {
        Format {
            rounding: true,
            ..self
        }
    }
    /// Default-valued `fastmath<...>`.
    pub const fn fastmath(self) -> Format {
        Format {
            fastmath: FastMathSyntax::Default,
            ..self
        }
    }
    /// Optional `fastmath<...>`.
    pub const fn optional_fastmath(self) -> Format {
        Format {
            fastmath: FastMathSyntax::Optional,
            ..self
        }
    }
}

/// The `format` field of an op definition for a [`Format`].
pub const fn custom(f: &'static Format) -> Option<&'static dyn CustomFormat> {
    Some(f)
}

// ----- printing and parsing, independent of the IR printer/parser API -----

use crate::enums::{CmpFPredicate, CmpIPredicate, FastMathFlags, OverflowFlags, RoundingMode};
use crate::util::{operand, result};
use strata_ir::{AttrKind, Attribute, Diagnostic, NamedAttr, OpRef, Type, TypeKind, Value};

/// The printing operations a custom format needs (implemented over the IR's
/// `OpAsmPrinter`).
pub trait AsmOut {
    /// Write literal text.
    fn write(&mut self, s: &str);
    /// Print an SSA operand (`%0`, `%arg1`, `%r#1`).
    fn operand(&mut self, v: Value);
    /// Print a type.
    fn ty(&mut self, t: Type);
    /// Print an attribute with its type where the generic syntax needs it (`42 : i32`,
    /// `true`, `dense<1> : vector<4xi32>`).
    fn attr(&mut self, a: Attribute);
    /// Print ` {a, b = 1}` for a non-empty list of entries (already sorted by name).
    fn attr_dict(&mut self, entries: &[NamedAttr]);
}

/// The inherent attribute names a format prints itself (elided from `attr-dict`).
fn consumed(f: &Format) -> &'static [&'static str] {
    match f.kind {
        FormatKind::Constant => &["value"],
        FormatKind::CmpI => &["predicate"],
        FormatKind::CmpF => &["predicate", "fastmath"],
        FormatKind::Classify => &[],
        _ => &["overflowFlags", "isExact", "roundingmode", "fastmath"],
    }
}

/// The `attr-dict` entries: discardable attributes and inherent ones the format does not
/// print itself, minus default-valued properties, sorted by name (as MLIR prints them).
pub fn attr_dict_entries(f: &Format, op: &OpRef<'_>) -> Vec<NamedAttr> {
    let ctx = op.ctx;
    let d = op.body.op(op.op);
    if d.attrs == ctx.empty_dict()
        && (d.props == ctx.empty_dict() || is_default_props(ctx, d.props))
    {
        // Nothing but default-valued properties, which are never printed.
        return Vec::new();
    }
    let skip = consumed(f);
    let mut out: Vec<NamedAttr> = Vec::new();
    for e in ctx
        .dict_entries(d.props)
        .iter()
        .chain(ctx.dict_entries(d.attrs))
    {
        let name = ctx.str(e.name);
        if skip.contains(&name) || out.iter().any(|o| o.name == e.name) {
            continue;
        }
        let is_default = match name {
            "fastmath" => FastMathFlags::from_attr(ctx, e.value) == Some(FastMathFlags::NONE),
            "overflowFlags" => OverflowFlags::from_attr(ctx, e.value) == Some(OverflowFlags::NONE),
            _ => false,
        };
        if !is_default {
            out.push(*e);
        }
    }
    out.sort_by(|a, b| ctx.str(a.name).cmp(ctx.str(b.name)));
    out
}

fn ty_of(op: &OpRef<'_>, v: Option<Value>) -> Option<Type> {
    v.map(|v| op.ty(v))
}

/// Print the optional keyword groups of `f` (`overflow<..>`, `exact`, rounding mode,
/// `fastmath<..>`), each preceded by a space.
fn print_flags(f: &Format, op: &OpRef<'_>, out: &mut dyn AsmOut) {
    let ctx = op.ctx;
    if f.overflow {
        if let Some(o) = op
            .attr("overflowFlags")
            .and_then(|a| OverflowFlags::from_attr(ctx, a))
        {
            if o != OverflowFlags::NONE {
                out.write(&format!(" overflow<{}>", o.keywords()));
            }
        }
    }
    if f.exact && op.attr("isExact").is_some() {
        out.write(" exact");
    }
    if f.rounding {
        if let Some(r) = op
            .attr("roundingmode")
            .and_then(|a| RoundingMode::from_attr(ctx, a))
        {
            out.write(" ");
            out.write(r.keyword());
        }
    }
    let fm = op
        .attr("fastmath")
        .and_then(|a| FastMathFlags::from_attr(ctx, a));
    match (f.fastmath, fm) {
        (FastMathSyntax::Default, Some(m)) if m != FastMathFlags::NONE => {
            out.write(&format!(" fastmath<{}>", m.keywords()))
        }
        (FastMathSyntax::Optional, Some(m)) => out.write(&format!(" fastmath<{}>", m.keywords())),
        _ => {}
    }
}

fn print_operands(op: &OpRef<'_>, out: &mut dyn AsmOut) {
    for (i, v) in op.body.operands(op.op).enumerate() {
        out.write(if i == 0 { " " } else { ", " });
        out.operand(v);
    }
}

/// Print the custom form of `op` after its name (MLIR's output, byte for byte, through
/// `out`). Returns `false` (printing nothing) when the op's structure does not fit the
/// format, so the caller can fall back to the generic form.
pub fn print_custom(f: &Format, op: &OpRef<'_>, out: &mut dyn AsmOut) -> bool {
    if !fits(f, op) {
        return false;
    }
    let ctx = op.ctx;
    // The common case: no discardable attributes and only default-valued properties, which
    // print nothing (no keyword groups, no attr-dict).
    let plain = {
        let d = op.body.op(op.op);
        d.attrs == ctx.empty_dict()
            && (d.props == ctx.empty_dict()
                || (f.fastmath != FastMathSyntax::Optional && is_default_props(ctx, d.props))
                || (f.fastmath == FastMathSyntax::Optional && is_overflow_none_props(ctx, d.props)))
    };
    let dict = if plain {
        Vec::new()
    } else {
        attr_dict_entries(f, op)
    };
    let (o0, o1) = (operand(op, 0), operand(op, 1));
    let (r0, r1) = (result(op, 0), result(op, 1));
    match f.kind {
        FormatKind::Constant => {
            out.attr_dict(&dict);
            let Some(v) = op.attr("value") else {
                return false;
            };
            out.write(" ");
            out.attr(v);
            return true;
        }
        FormatKind::CmpI | FormatKind::CmpF => {
            let p = op.attr("predicate");
            let kw = if f.kind == FormatKind::CmpI {
                p.and_then(|a| CmpIPredicate::from_attr(ctx, a))
                    .map(|p| p.keyword())
            } else {
                p.and_then(|a| CmpFPredicate::from_attr(ctx, a))
                    .map(|p| p.keyword())
            };
            let Some(kw) = kw else { return false };
            out.write(" ");
            out.write(kw);
            for v in op.body.operands(op.op) {
                out.write(", ");
                out.operand(v);
            }
        }
        FormatKind::Clamp => {
            let (Some(v), Some(lo), Some(hi)) = (o0, o1, operand(op, 2)) else {
                return false;
            };
            out.write(" ");
            out.operand(v);
            out.write(" to [");
            out.operand(lo);
            out.write(", ");
            out.operand(hi);
            out.write("]");
        }
        _ => print_operands(op, out),
    }
    if !plain {
        print_flags(f, op, out);
        out.attr_dict(&dict);
    }
    out.write(" : ");
    let none: [Option<Type>; 2] = [None, None];
    let (types, n): ([Option<Type>; 2], usize) = match f.kind {
        FormatKind::Unary | FormatKind::Binary | FormatKind::Ternary | FormatKind::Clamp => {
            ([ty_of(op, r0), None], 1)
        }
        FormatKind::CmpI
        | FormatKind::CmpF
        | FormatKind::BinaryTwoResults
        | FormatKind::Classify
        | FormatKind::SinCos => ([ty_of(op, o0), None], 1),
        FormatKind::Cast => {
            out.ty(ty_of(op, o0).unwrap_or_else(|| ctx.none_type()));
            out.write(" to ");
            ([ty_of(op, r0), None], 1)
        }
        FormatKind::Select => {
            let c = ty_of(op, o0);
            if c.is_some_and(|c| ctx.type_kind(c).shape().is_some()) {
                ([c, ty_of(op, r0)], 2)
            } else {
                ([ty_of(op, r0), None], 1)
            }
        }
        FormatKind::TwoResultTypes => ([ty_of(op, r0), ty_of(op, r1)], 2),
        FormatKind::FPowI => ([ty_of(op, o0), ty_of(op, o1)], 2),
        FormatKind::Constant => (none, 0),
    };
    for (i, t) in types[..n].iter().enumerate() {
        if i > 0 {
            out.write(", ");
        }
        out.ty(t.unwrap_or_else(|| ctx.none_type()));
    }
    true
}

/// Whether the op's operand/result counts and types fit the format (the custom form can
/// only print IR that it can parse back).
pub fn fits(f: &Format, op: &OpRef<'_>) -> bool {
    let ctx = op.ctx;
    let n_ops = op.body.num_operands(op.op);
    let n_res = op.body.results(op.op).len();
    let ot = |i| operand(op, i).map(|v| op.ty(v));
    let rt = |i| result(op, i).map(|v| op.ty(v));
    let all_same = |ts: &[Option<Type>]| ts.iter().all(|t| t.is_some() && *t == ts[0]);
    let i1_shape = |t: Option<Type>| t.map(|t| crate::consts::i1_same_shape(ctx, t));
    match f.kind {
        FormatKind::Constant => {
            n_ops == 0
                && n_res == 1
                && op
                    .attr("value")
                    .and_then(|v| crate::consts::attr_type(ctx, v))
                    == rt(0)
        }
        FormatKind::Unary => n_ops == 1 && n_res == 1 && all_same(&[ot(0), rt(0)]),
        FormatKind::Binary => n_ops == 2 && n_res == 1 && all_same(&[ot(0), ot(1), rt(0)]),
        FormatKind::Ternary | FormatKind::Clamp => {
            n_ops == 3 && n_res == 1 && all_same(&[ot(0), ot(1), ot(2), rt(0)])
        }
        FormatKind::Cast => n_ops == 1 && n_res == 1,
        FormatKind::CmpI | FormatKind::CmpF => {
            n_ops == 2 && n_res == 1 && all_same(&[ot(0), ot(1)]) && rt(0) == i1_shape(ot(0))
        }
        FormatKind::Select => {
            let cond_ok = match ot(0) {
                Some(c) if ctx.type_kind(c).shape().is_some() => true,
                Some(c) => c == ctx.i1(),
                None => false,
            };
            n_ops == 3 && n_res == 1 && cond_ok && all_same(&[ot(1), ot(2), rt(0)])
        }
        FormatKind::TwoResultTypes => n_ops == 2 && n_res == 2 && all_same(&[ot(0), ot(1), rt(0)]),
        FormatKind::BinaryTwoResults => {
            n_ops == 2 && n_res == 2 && all_same(&[ot(0), ot(1), rt(0), rt(1)])
        }
        FormatKind::Classify => n_ops == 1 && n_res == 1 && rt(0) == i1_shape(ot(0)),
        FormatKind::FPowI => {
            n_ops == 2 && n_res == 1 && ot(0).is_some() && ot(1).is_some() && rt(0) == ot(0)
        }
        FormatKind::SinCos => n_ops == 1 && n_res == 2 && all_same(&[ot(0), rt(0), rt(1)]),
    }
}

/// MLIR's SSA name hint for an op's first result (`OpAsmOpInterface::getAsmResultNames`):
/// `%true`/`%false` for `i1` constants, `%c42_i32` for integer constants (`%c16` for
/// `index`), `%cst` for other constants, `%c4_vscale` for `arith.muli` of an index constant
/// by `vector.vscale`.
pub fn result_name_hint(op: &OpRef<'_>) -> Option<String> {
    let ctx = op.ctx;
    match op.name() {
        "arith.constant" => {
            let value = op.attr("value")?;
            let ty = result(op, 0).map(|v| op.ty(v))?;
            match ctx.attr_kind(value) {
                AttrKind::Bool(b) => Some(if *b { "true" } else { "false" }.into()),
                AttrKind::Integer { value, ty: aty } => match ctx.type_kind(ty) {
                    TypeKind::Integer { width: 1, .. } => {
                        Some(if *value != 0 { "true" } else { "false" }.into())
                    }
                    TypeKind::Integer { .. } => Some(format!(
                        "c{value}_{}",
                        strata_ir::text::print_type(ctx, *aty)
                    )),
                    _ => Some(format!("c{value}")),
                },
                _ => Some("cst".into()),
            }
        }
        "arith.muli" => {
            let ty = result(op, 0).map(|v| op.ty(v))?;
            if !ctx.type_kind(ty).is_index() {
                return None;
            }
            let (a, b) = (operand(op, 0)?, operand(op, 1)?);
            let base = |c: Value, s: Value| -> Option<i128> {
                let v = crate::fold::defining_named(op, s, "vector.vscale")?;
                let _ = v;
                let k = crate::ops::constant_value(op, c)?;
                Some(k.splat_value()? as i64 as i128)
            };
            let n = base(a, b).or_else(|| base(b, a))?;
            Some(format!("c{n}_vscale"))
        }
        _ => None,
    }
}

/// The parsing operations a custom format needs (implemented over the IR's
/// `OpAsmParser`).
pub trait AsmIn {
    /// An operand reference not yet resolved to a value.
    type Operand: Clone;
    /// Parse an SSA operand reference.
    fn operand(&mut self) -> Result<Self::Operand, Diagnostic>;
    /// Consume `p` (punctuation such as `,` `:` `[` `]` `<` `>`) if next.
    fn optional_punct(&mut self, p: &str) -> bool;
    /// Consume the keyword `kw` if next.
    fn optional_keyword(&mut self, kw: &str) -> bool;
    /// Parse a bare keyword.
    fn keyword(&mut self) -> Result<String, Diagnostic>;
    /// Parse a type.
    fn ty(&mut self) -> Result<Type, Diagnostic>;
    /// Parse an attribute (with its optional `: type`).
    fn attr(&mut self) -> Result<Attribute, Diagnostic>;
    /// Parse an optional `{...}` attribute dictionary.
    fn optional_attr_dict(&mut self) -> Result<Vec<NamedAttr>, Diagnostic>;
    /// Whether the next token is `:` (consuming nothing). Only a shortcut: the default,
    /// `false`, is always correct.
    fn at_colon(&self) -> bool {
        false
    }
    /// An error at the current position.
    fn error(&self, msg: &str) -> Diagnostic;
    /// Resolve operands against their types.
    fn resolve(
        &mut self,
        operands: &[Self::Operand],
        types: &[Type],
    ) -> Result<Vec<Value>, Diagnostic>;
    /// Resolve operands against their types, appending the values to `out` (by default
    /// through [`AsmIn::resolve`]).
    fn resolve_into(
        &mut self,
        operands: &[Self::Operand],
        types: &[Type],
        out: &mut Vec<Value>,
    ) -> Result<(), Diagnostic> {
        out.extend(self.resolve(operands, types)?);
        Ok(())
    }
    /// The context.
    fn ctx(&self) -> &strata_ir::Context;
}

/// What a parsed custom form describes (to fill an `OperationState`).
#[derive(Debug, Default)]
pub struct Parsed {
    /// Operand values.
    pub operands: Vec<Value>,
    /// Result types.
    pub result_types: Vec<Type>,
    /// Inherent attributes.
    pub props: Vec<(String, Attribute)>,
    /// Discardable attributes.
    pub attrs: Vec<NamedAttr>,
}

/// Inherent attributes gathered while parsing, in order, without allocating for the few
/// that an op has.
struct Props<'n> {
    len: usize,
    inline: [(&'n str, Attribute); 4],
    spill: Vec<(&'n str, Attribute)>,
}

impl<'n> Props<'n> {
    fn new(filler: Attribute) -> Self {
        Props {
            len: 0,
            inline: [("", filler); 4],
            spill: Vec::new(),
        }
    }
    fn push(&mut self, name: &'n str, value: Attribute) {
        if self.len < self.inline.len() && self.spill.is_empty() {
            self.inline[self.len] = (name, value);
            self.len += 1;
        } else {
            self.spill.push((name, value));
        }
    }
    /// Remove the entries named `name`.
    fn remove(&mut self, name: &str) {
        let mut j = 0;
        for i in 0..self.len {
            if self.inline[i].0 != name {
                self.inline[j] = self.inline[i];
                j += 1;
            }
        }
        self.len = j;
        self.spill.retain(|(n, _)| *n != name);
    }
    fn iter(&self) -> impl Iterator<Item = (&'n str, Attribute)> + '_ {
        self.inline[..self.len].iter().chain(&self.spill).copied()
    }
    fn is_empty(&self) -> bool {
        self.len == 0 && self.spill.is_empty()
    }
    fn contains(&self, name: &str) -> bool {
        self.iter().any(|(n, _)| n == name)
    }
}

/// Where [`parse_into`] puts what it parses.
struct Sink<'n, 'o> {
    operands: &'o mut Vec<Value>,
    result_types: &'o mut Vec<Type>,
    props: Props<'n>,
    attrs: Vec<NamedAttr>,
}

#[inline]
fn expect<I: AsmIn + ?Sized>(p: &mut I, punct: &str) -> Result<(), Diagnostic> {
    if p.optional_punct(punct) {
        Ok(())
    } else {
        Err(expected_punct(p, punct))
    }
}

#[cold]
fn expected_punct<I: AsmIn + ?Sized>(p: &mut I, punct: &str) -> Diagnostic {
    p.error(&format!("expected '{punct}'"))
}

/// Up to three operands `a, b, c` (no allocation).
fn operand_list<I: AsmIn + ?Sized>(
    p: &mut I,
    n: usize,
) -> Result<[Option<I::Operand>; 3], Diagnostic> {
    debug_assert!(n <= 3);
    let mut v: [Option<I::Operand>; 3] = [None, None, None];
    for (i, slot) in v.iter_mut().enumerate().take(n) {
        if i > 0 {
            expect(p, ",")?;
        }
        *slot = Some(p.operand()?);
    }
    Ok(v)
}

/// Resolve the first `types.len()` operands of `ops` against `types`, in order.
fn resolve_list<I: AsmIn + ?Sized>(
    p: &mut I,
    ops: &[Option<I::Operand>; 3],
    types: &[Type],
    out: &mut Vec<Value>,
) -> Result<(), Diagnostic> {
    for (o, t) in ops.iter().zip(types) {
        let o = o.as_ref().expect("operand parsed");
        p.resolve_into(std::slice::from_ref(o), std::slice::from_ref(t), out)?;
    }
    Ok(())
}

/// `<flag, flag>` after `fastmath`/`overflow`.
fn flag_list<I: AsmIn + ?Sized>(p: &mut I) -> Result<Vec<String>, Diagnostic> {
    expect(p, "<")?;
    let mut v = vec![p.keyword()?];
    while p.optional_punct(",") {
        v.push(p.keyword()?);
    }
    expect(p, ">")?;
    Ok(v)
}

fn parse_flags<I: AsmIn + ?Sized>(
    f: &Format,
    p: &mut I,
    out: &mut Sink<'_, '_>,
) -> Result<(), Diagnostic> {
    if f.overflow {
        let o = if p.optional_keyword("overflow") {
            let l = flag_list(p)?;
            OverflowFlags::parse_list(l.iter().map(String::as_str)).ok_or_else(|| {
                p.error("expected one of [none, nsw, nuw] for integer overflow flags")
            })?
        } else {
            OverflowFlags::NONE
        };
        out.props.push("overflowFlags", o.attr(p.ctx()));
    }
    if f.exact && p.optional_keyword("exact") {
        out.props.push("isExact", p.ctx().unit_attr());
    }
    if f.rounding {
        for &m in RoundingMode::ALL {
            if p.optional_keyword(m.keyword()) {
                out.props.push("roundingmode", m.attr(p.ctx()));
                break;
            }
        }
    }
    if f.fastmath != FastMathSyntax::None {
        if p.optional_keyword("fastmath") {
            let l = flag_list(p)?;
            let m = FastMathFlags::parse_list(l.iter().map(String::as_str)).ok_or_else(|| {
                p.error("expected one of [none, reassoc, nnan, ninf, nsz, arcp, contract, afn, fast] for fastmath flags")
            })?;
            out.props.push("fastmath", m.attr(p.ctx()));
        } else if f.fastmath == FastMathSyntax::Default {
            out.props
                .push("fastmath", FastMathFlags::NONE.attr(p.ctx()));
        }
    }
    Ok(())
}

/// Move inherent attributes written in the `attr-dict` into the properties (as MLIR does),
/// and keep the rest as discardable attributes. `inherent` maps a name to the op's property
/// name when it is one.
fn take_attr_dict<'n, I: AsmIn + ?Sized>(
    p: &mut I,
    out: &mut Sink<'n, '_>,
    inherent: &dyn Fn(&str) -> Option<&'n str>,
) -> Result<(), Diagnostic> {
    for e in p.optional_attr_dict()? {
        match inherent(p.ctx().str(e.name)) {
            Some(name) => {
                out.props.remove(name);
                out.props.push(name, e.value);
            }
            None => out.attrs.push(e),
        }
    }
    Ok(())
}

/// Parse the custom form of an op after its name. `inherent` lists the op's property names
/// (from its definition) so that they can be written in the attribute dictionary too.
pub fn parse_custom<I: AsmIn + ?Sized>(
    f: &Format,
    p: &mut I,
    inherent: &[&str],
) -> Result<Parsed, Diagnostic> {
    let mut parsed = Parsed::default();
    let filler = p.ctx().empty_dict();
    let mut sink = Sink {
        operands: &mut parsed.operands,
        result_types: &mut parsed.result_types,
        props: Props::new(filler),
        attrs: Vec::new(),
    };
    let lookup = |n: &str| inherent.iter().copied().find(|i| *i == n);
    parse_into(f, p, &lookup, &mut sink)?;
    parsed.props = sink.props.iter().map(|(n, a)| (n.to_string(), a)).collect();
    parsed.attrs = sink.attrs;
    Ok(parsed)
}

/// [`parse_custom`] into a [`Sink`].
fn parse_into<'n, I: AsmIn + ?Sized>(
    f: &Format,
    p: &mut I,
    inherent: &dyn Fn(&str) -> Option<&'n str>,
    out: &mut Sink<'n, '_>,
) -> Result<(), Diagnostic> {
    match f.kind {
        FormatKind::Constant => {
            take_attr_dict(p, out, inherent)?;
            let v = p.attr()?;
            let t = crate::consts::attr_type(p.ctx(), v)
                .ok_or_else(|| p.error("expected a typed attribute"))?;
            out.props.push("value", v);
            out.result_types.push(t);
            Ok(())
        }
        FormatKind::CmpI | FormatKind::CmpF => {
            let kw = p.keyword()?;
            let pred = if f.kind == FormatKind::CmpI {
                CmpIPredicate::from_keyword(&kw).map(|x| x.attr(p.ctx()))
            } else {
                CmpFPredicate::from_keyword(&kw).map(|x| x.attr(p.ctx()))
            };
            let pred = pred.ok_or_else(|| p.error(&format!("invalid predicate '{kw}'")))?;
            out.props.push("predicate", pred);
            expect(p, ",")?;
            let ops = operand_list(p, 2)?;
            parse_flags(f, p, out)?;
            take_attr_dict(p, out, inherent)?;
            expect(p, ":")?;
            let t = p.ty()?;
            resolve_list(p, &ops, &[t, t], out.operands)?;
            out.result_types
                .push(crate::consts::i1_same_shape(p.ctx(), t));
            Ok(())
        }
        FormatKind::Select => {
            let ops = operand_list(p, 3)?;
            take_attr_dict(p, out, inherent)?;
            expect(p, ":")?;
            let mut t = p.ty()?;
            let mut cond = p.ctx().i1();
            if p.optional_punct(",") {
                cond = t;
                t = p.ty()?;
            }
            resolve_list(p, &ops, &[cond, t, t], out.operands)?;
            out.result_types.push(t);
            Ok(())
        }
        FormatKind::Clamp => {
            let v = p.operand()?;
            if !p.optional_keyword("to") {
                return Err(p.error("expected 'to'"));
            }
            expect(p, "[")?;
            let lo = p.operand()?;
            expect(p, ",")?;
            let hi = p.operand()?;
            expect(p, "]")?;
            parse_flags(f, p, out)?;
            take_attr_dict(p, out, inherent)?;
            expect(p, ":")?;
            let t = p.ty()?;
            resolve_list(p, &[Some(v), Some(lo), Some(hi)], &[t, t, t], out.operands)?;
            out.result_types.push(t);
            Ok(())
        }
        _ => {
            let n = match f.kind {
                FormatKind::Unary
                | FormatKind::Cast
                | FormatKind::Classify
                | FormatKind::SinCos => 1,
                FormatKind::Ternary => 3,
                _ => 2,
            };
            let ops = operand_list(p, n)?;
            if p.at_colon() {
                // No keyword groups and no attr-dict: what `parse_flags` gives for absent
                // groups (the default-valued properties).
                if f.overflow {
                    out.props
                        .push("overflowFlags", OverflowFlags::NONE.attr(p.ctx()));
                }
                if f.fastmath == FastMathSyntax::Default {
                    out.props
                        .push("fastmath", FastMathFlags::NONE.attr(p.ctx()));
                }
            } else {
                parse_flags(f, p, out)?;
                take_attr_dict(p, out, inherent)?;
            }
            if f.kind == FormatKind::Classify && !out.props.contains("fastmath") {
                out.props
                    .push("fastmath", FastMathFlags::NONE.attr(p.ctx()));
            }
            expect(p, ":")?;
            let t = p.ty()?;
            // Operand types (the first `n_in`) and result types (the first `n_out`).
            let (operand_types, n_in, result_types, n_out): ([Type; 3], usize, [Type; 2], usize) =
                match f.kind {
                    FormatKind::Cast => {
                        if !p.optional_keyword("to") {
                            return Err(p.error("expected 'to'"));
                        }
                        let r = p.ty()?;
                        ([t; 3], 1, [r, r], 1)
                    }
                    FormatKind::TwoResultTypes => {
                        expect(p, ",")?;
                        let o = p.ty()?;
                        ([t; 3], 2, [t, o], 2)
                    }
                    FormatKind::FPowI => {
                        expect(p, ",")?;
                        let r = p.ty()?;
                        ([t, r, r], 2, [t, t], 1)
                    }
                    FormatKind::BinaryTwoResults => ([t; 3], 2, [t, t], 2),
                    FormatKind::SinCos => ([t; 3], 1, [t, t], 2),
                    FormatKind::Classify => {
                        let i1 = crate::consts::i1_same_shape(p.ctx(), t);
                        ([t; 3], 1, [i1, i1], 1)
                    }
                    _ => ([t; 3], n, [t, t], 1),
                };
            resolve_list(p, &ops, &operand_types[..n_in], out.operands)?;
            out.result_types.extend_from_slice(&result_types[..n_out]);
            Ok(())
        }
    }
}

// ----- glue to the IR's OpAsmParser / OpAsmPrinter -----

use strata_ir::text::{OpAsmParser, OpAsmPrinter, UnresolvedOperand};

impl AsmOut for OpAsmPrinter<'_, '_> {
    fn write(&mut self, s: &str) {
        self.write_str(s);
    }
    fn operand(&mut self, v: Value) {
        self.print_operand(v);
    }
    fn ty(&mut self, t: Type) {
        self.print_type(t);
    }
    fn attr(&mut self, a: Attribute) {
        self.print_attribute(a);
    }
    fn attr_dict(&mut self, entries: &[NamedAttr]) {
        if entries.is_empty() {
            return;
        }
        let dict = self.ctx().attr(AttrKind::Dict(entries.into()));
        self.print_optional_attr_dict(dict, &[]);
    }
}

impl AsmIn for OpAsmParser<'_, '_> {
    type Operand = UnresolvedOperand;
    fn operand(&mut self) -> Result<UnresolvedOperand, Diagnostic> {
        self.parse_operand()
    }
    #[inline]
    fn optional_punct(&mut self, p: &str) -> bool {
        match p.as_bytes() {
            [b','] => self.parse_optional_comma(),
            [b':'] => self.parse_optional_colon(),
            [b'='] => self.parse_optional_equal(),
            [b'['] => self.parse_optional_lsquare(),
            [b']'] => self.parse_optional_rsquare(),
            [b'<'] => self.parse_optional_less(),
            [b'>'] => self.parse_optional_greater(),
            [b'{'] => self.parse_optional_lbrace(),
            [b'}'] => self.parse_optional_rbrace(),
            _ => false,
        }
    }
    fn optional_keyword(&mut self, kw: &str) -> bool {
        self.parse_optional_keyword(kw)
    }
    fn keyword(&mut self) -> Result<String, Diagnostic> {
        match self.parse_optional_keyword_any() {
            Some(k) => Ok(k.to_string()),
            None => Err(self.emit_error("expected keyword")),
        }
    }
    fn ty(&mut self) -> Result<Type, Diagnostic> {
        self.parse_type()
    }
    fn attr(&mut self) -> Result<Attribute, Diagnostic> {
        self.parse_attribute()
    }
    fn optional_attr_dict(&mut self) -> Result<Vec<NamedAttr>, Diagnostic> {
        match self.parse_optional_dict()? {
            Some(d) => Ok(AsmIn::ctx(self).dict_entries(d).to_vec()),
            None => Ok(Vec::new()),
        }
    }
    fn error(&self, msg: &str) -> Diagnostic {
        self.emit_error(msg)
    }
    fn resolve(
        &mut self,
        operands: &[UnresolvedOperand],
        types: &[Type],
    ) -> Result<Vec<Value>, Diagnostic> {
        let mut out = Vec::new();
        self.resolve_operands(operands, types, &mut out)?;
        Ok(out)
    }
    fn resolve_into(
        &mut self,
        operands: &[UnresolvedOperand],
        types: &[Type],
        out: &mut Vec<Value>,
    ) -> Result<(), Diagnostic> {
        self.resolve_operands(operands, types, out)
    }
    fn ctx(&self) -> &strata_ir::Context {
        OpAsmParser::ctx(self)
    }
    fn at_colon(&self) -> bool {
        self.peek_colon()
    }
}

/// [`strata_ir::Context::cached_attr`] key of the properties `{fastmath = #arith.fastmath<none>}`.
static FASTMATH_NONE_PROPS_KEY: &str = "arith.props{fastmath=none}";
/// [`strata_ir::Context::cached_attr`] key of `{overflowFlags = #arith.overflow<none>}`.
static OVERFLOW_NONE_PROPS_KEY: &str = "arith.props{overflowFlags=none}";

/// Whether `props` is one of the default property dictionaries that the parser builds
/// (`{fastmath = none}`, `{overflowFlags = none}`) — these print nothing in the attr-dict.
fn is_default_props(ctx: &strata_ir::Context, props: Attribute) -> bool {
    let cached =
        |key: &'static str, name: &'static str, value: fn(&strata_ir::Context) -> Attribute| {
            ctx.cached_attr(key, || ctx.dict_attr(&[(name, value(ctx))]))
        };
    props
        == cached(FASTMATH_NONE_PROPS_KEY, "fastmath", |c| {
            FastMathFlags::NONE.attr(c)
        })
        || props
            == cached(OVERFLOW_NONE_PROPS_KEY, "overflowFlags", |c| {
                OverflowFlags::NONE.attr(c)
            })
}

/// Whether `props` is the default `{overflowFlags = #arith.overflow<none>}`.
fn is_overflow_none_props(ctx: &strata_ir::Context, props: Attribute) -> bool {
    props
        == ctx.cached_attr(OVERFLOW_NONE_PROPS_KEY, || {
            ctx.dict_attr(&[("overflowFlags", OverflowFlags::NONE.attr(ctx))])
        })
}

impl CustomFormat for Format {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut strata_ir::OperationState,
    ) -> Result<(), Diagnostic> {
        let ctx = OpAsmParser::ctx(p);
        let def = ctx.op_def(state.name);
        let inherent = |name: &str| -> Option<&'static str> {
            def?.attrs.iter().find(|a| a.name == name).map(|a| a.name)
        };
        let mut sink = Sink {
            operands: &mut state.operands,
            result_types: &mut state.result_types,
            props: Props::new(ctx.empty_dict()),
            attrs: Vec::new(),
        };
        parse_into(self, p, &inherent, &mut sink)?;
        let Sink { props, attrs, .. } = sink;
        if !props.is_empty() {
            state.props = Some(match (state.props, props.iter().next(), props.len) {
                // The default properties of most ops: one dictionary per context.
                (None, Some(("fastmath", v)), 1)
                    if props.spill.is_empty() && v == FastMathFlags::NONE.attr(ctx) =>
                {
                    ctx.cached_attr(FASTMATH_NONE_PROPS_KEY, || {
                        ctx.dict_attr(&[("fastmath", v)])
                    })
                }
                (None, Some(("overflowFlags", v)), 1)
                    if props.spill.is_empty() && v == OverflowFlags::NONE.attr(ctx) =>
                {
                    ctx.cached_attr(OVERFLOW_NONE_PROPS_KEY, || {
                        ctx.dict_attr(&[("overflowFlags", v)])
                    })
                }
                (existing, _, _) => {
                    let mut entries: Vec<NamedAttr> = existing
                        .map(|d| ctx.dict_entries(d).to_vec())
                        .unwrap_or_default();
                    for (name, value) in props.iter() {
                        let sym = ctx.sym(name);
                        entries.retain(|e| e.name != sym);
                        entries.push(NamedAttr { name: sym, value });
                    }
                    ctx.attr(AttrKind::Dict(entries.into()))
                }
            });
        }
        if !attrs.is_empty() {
            let mut all: Vec<NamedAttr> = state
                .attrs
                .map(|d| ctx.dict_entries(d).to_vec())
                .unwrap_or_default();
            all.extend(attrs);
            state.attrs = Some(ctx.attr(AttrKind::Dict(all.into())));
        }
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        print_custom(self, &op, p);
    }
    fn prints_only_own_types_and_attrs(&self) -> bool {
        // Operand and result types, the `value` property and dictionaries of the op's own
        // attributes (and `none` where a type is missing).
        true
    }
}

/// The declared names of the results of multi-result ops, which MLIR uses as their SSA
/// names (`%low, %high = arith.mulsi_extended ...`).
pub fn multi_result_names(op_name: &str) -> Option<&'static [&'static str]> {
    match op_name {
        "arith.mulsi_extended" | "arith.mului_extended" => Some(&["low", "high"]),
        "arith.addui_extended" => Some(&["sum", "overflow"]),
        "math.sincos" => Some(&["sin", "cos"]),
        _ => None,
    }
}

/// SSA result name hints of the arith and math ops (see [`result_name_hint`] and
/// [`multi_result_names`]).
struct NameHints;

impl strata_ir::text::OpAsmInterface for NameHints {
    fn result_names(&self, op: OpRef<'_>, set: &mut dyn FnMut(Value, &str)) {
        if let Some(names) = multi_result_names(op.name()) {
            for (i, n) in names.iter().enumerate() {
                if let Some(r) = result(&op, i) {
                    set(r, n);
                }
            }
        } else if let (Some(name), Some(r)) = (result_name_hint(&op), result(&op, 0)) {
            set(r, &name);
        }
    }
}

static NAME_HINTS: NameHints = NameHints;

/// Attach the arith dialect's assembly interfaces (result name hints: `%c0_i32`, `%cst`,
/// `%true`, `%low, %high`) to a context. Call after registering the dialect.
pub fn register_interfaces(ctx: &mut strata_ir::Context) {
    for op in [
        "arith.constant",
        "arith.muli",
        "arith.mulsi_extended",
        "arith.mului_extended",
        "arith.addui_extended",
    ] {
        ctx.attach_interface::<dyn strata_ir::text::OpAsmInterface>(op, &NAME_HINTS);
    }
}

/// Attach the math dialect's assembly interfaces (`%sin, %cos = math.sincos ...`).
pub fn register_math_interfaces(ctx: &mut strata_ir::Context) {
    ctx.attach_interface::<dyn strata_ir::text::OpAsmInterface>("math.sincos", &NAME_HINTS);
}
