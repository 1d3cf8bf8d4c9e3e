//! Custom assembly formats through `OpAsmParser` / `OpAsmPrinter`, with a tiny test dialect
//! (`t.func`, `t.return`, `t.add`, `t.const`, `t.br`, `t.loop`) and a `builtin.module` with
//! MLIR's `module @name attributes {...} {...}` syntax.

use strata_ir::text::{
    self, Argument, Delimiter, OpAsmInterface, OpAsmParser, OpAsmPrinter, ParseOptions,
    PrintOptions,
};
use strata_ir::{
    Arity, AttrKind, Attribute, Context, CustomFormat, Diagnostic, DialectDef, NamedAttr, OpDef,
    OpRef, OperationState, Traits, TypeKind, Value,
};

fn all_attrs(op: &OpRef<'_>) -> Attribute {
    let ctx = op.ctx;
    let d = op.body.op(op.op);
    let mut all: Vec<NamedAttr> = ctx.dict_entries(d.props).to_vec();
    all.extend_from_slice(ctx.dict_entries(d.attrs));
    ctx.attr(AttrKind::Dict(all.into()))
}

fn set_prop(p: &OpAsmParser<'_, '_>, state: &mut OperationState, name: &str, a: Attribute) {
    let ctx = p.ctx();
    let d = state.props.unwrap_or_else(|| ctx.empty_dict());
    state.props = Some(ctx.dict_set(d, name, Some(a)));
}

fn ensure_block(p: &mut OpAsmParser<'_, '_>, state: &mut OperationState, r: strata_ir::Region) {
    let rb = state.region_body(p.body());
    if rb.region_blocks(r).is_empty() {
        let b = rb.create_block();
        rb.append_block(r, b);
    }
}

struct ModuleFormat;
impl CustomFormat for ModuleFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        if let Some(name) = p.parse_optional_symbol_name()? {
            let a = p.ctx().string_attr(&name);
            set_prop(p, state, "sym_name", a);
        }
        p.parse_optional_attr_dict_with_keyword(state)?;
        let r = p.parse_region(state, &[])?;
        ensure_block(p, state, r);
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        if let Some(a) = op.attr("sym_name") {
            if let AttrKind::String { value, .. } = op.ctx.attr_kind(a) {
                p.write_str(" ");
                p.print_symbol_name(std::str::from_utf8(value).unwrap());
            }
        }
        p.print_optional_attr_dict_with_keyword(all_attrs(&op), &["sym_name"]);
        p.write_str(" ");
        let r = op.body.regions(op.op)[0];
        p.print_region(r, false, true, false);
    }
}

struct FuncFormat;
impl CustomFormat for FuncFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let name = p.parse_symbol_name()?;
        let a = p.ctx().string_attr(&name);
        set_prop(p, state, "sym_name", a);
        let sig = p.parse_function_signature(false)?;
        let inputs: Vec<_> = sig.args.iter().map(|a| a.ty).collect();
        let ft = p.ctx().function_type(&inputs, &sig.results);
        let fa = p.ctx().type_attr(ft);
        set_prop(p, state, "function_type", fa);
        p.parse_optional_attr_dict_with_keyword(state)?;
        let args: Vec<Argument> = if sig.named { sig.args } else { Vec::new() };
        p.parse_optional_region(state, &args)?;
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let ctx = op.ctx;
        let name = match ctx.attr_kind(op.attr("sym_name").unwrap()) {
            AttrKind::String { value, .. } => String::from_utf8(value.to_vec()).unwrap(),
            _ => unreachable!(),
        };
        p.write_str(" ");
        p.print_symbol_name(&name);
        let (ins, outs) = match ctx.attr_kind(op.attr("function_type").unwrap()) {
            AttrKind::Type(t) => match ctx.type_kind(*t) {
                TypeKind::Function { inputs, results } => (inputs.to_vec(), results.to_vec()),
                _ => unreachable!(),
            },
            _ => unreachable!(),
        };
        let region = op.body.regions(op.op).first().copied();
        let has_body = region.is_some_and(|r| !p.region_body().region_blocks(r).is_empty());
        p.print_function_signature(
            region.filter(|_| has_body),
            &ins,
            None,
            false,
            &outs,
            None,
            false,
        );
        p.print_optional_attr_dict_with_keyword(all_attrs(&op), &["sym_name", "function_type"]);
        if let (Some(r), true) = (region, has_body) {
            p.write_str(" ");
            p.print_region(r, false, true, false);
        }
    }
}

/// `operands (: types)?` for ops whose results have the operand types (`t.add`) or no
/// results (`t.return`).
struct OperandsFormat;
impl CustomFormat for OperandsFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let ops = p.parse_operand_list(Delimiter::None)?;
        p.parse_attr_dict(state)?;
        if ops.is_empty() {
            return Ok(());
        }
        let ty = p.parse_colon_type()?;
        p.resolve_operands_same_type(&ops, ty, &mut state.operands)?;
        if p.num_results() > 0 {
            state.result_types.push(ty);
        }
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let ops = op.body.operand_vec(op.op);
        if !ops.is_empty() {
            p.write_str(" ");
            p.print_operands(&ops);
        }
        p.print_optional_attr_dict(all_attrs(&op), &[]);
        if let Some(&v) = ops.first() {
            p.write_str(" : ");
            p.print_type(op.body.value_type(v));
        }
    }
}

/// `t.const 5 : i32`.
struct ConstFormat;
impl CustomFormat for ConstFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let a = p.parse_attribute()?;
        let ty = match p.ctx().attr_kind(a) {
            AttrKind::Integer { ty, .. } | AttrKind::Float { ty, .. } => *ty,
            _ => return Err(p.emit_error("expected a typed number")),
        };
        set_prop(p, state, "value", a);
        state.result_types.push(ty);
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        p.print_attribute(op.attr("value").unwrap());
    }
}

/// `t.br ^bb1(%a : i32)`.
struct BrFormat;
impl CustomFormat for BrFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let b = p.parse_successor_and_use_list(&mut state.operands)?;
        state.successors.push(b);
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" ");
        let ops = op.body.operand_vec(op.op);
        p.print_successor_and_use_list(op.body.successors(op.op)[0], &ops);
    }
}

/// `t.loop %i = %lb to %ub { ... }` (not isolated; the entry block has the index argument).
struct LoopFormat;
impl CustomFormat for LoopFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let mut iv = p.parse_argument(false, false)?;
        iv.ty = p.ctx().index_type();
        p.parse_equal()?;
        let lb = p.parse_operand()?;
        p.parse_keyword("to")?;
        let ub = p.parse_operand()?;
        let idx = p.ctx().index_type();
        p.resolve_operands_same_type(&[lb, ub], idx, &mut state.operands)?;
        p.parse_region(state, &[iv])?;
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        let r = op.body.regions(op.op)[0];
        let entry = op.body.entry_block(r).unwrap();
        let iv = op.body.block_args(entry)[0];
        p.write_str(" ");
        p.print_region_value(iv);
        p.write_str(" = ");
        p.print_operand(op.body.operand(op.op, 0));
        p.write_str(" to ");
        p.print_operand(op.body.operand(op.op, 1));
        p.write_str(" ");
        p.print_region(r, false, true, false);
    }
}

/// `t.pack [%a, %b] sizes <1, 2> : i32` (exercises `parse_comma_separated_list`).
struct PackFormat;
impl CustomFormat for PackFormat {
    fn parse(
        &self,
        p: &mut OpAsmParser<'_, '_>,
        state: &mut OperationState,
    ) -> Result<(), Diagnostic> {
        let mut ops = Vec::new();
        p.parse_comma_separated_list(Delimiter::Square, |p| {
            ops.push(p.parse_operand()?);
            Ok(())
        })?;
        p.parse_keyword("sizes")?;
        let mut sizes = Vec::new();
        let i64t = p.ctx().int_type(64);
        p.parse_comma_separated_list(Delimiter::LessGreater, |p| {
            let v = p.parse_integer()?;
            sizes.push(p.ctx().int_attr(v as i128, i64t));
            Ok(())
        })?;
        let a = p.ctx().array_attr(&sizes);
        set_prop(p, state, "sizes", a);
        let ty = p.parse_colon_type()?;
        p.resolve_operands_same_type(&ops, ty, &mut state.operands)?;
        state.result_types.push(ty);
        Ok(())
    }
    fn print(&self, p: &mut OpAsmPrinter<'_, '_>, op: OpRef<'_>) {
        p.write_str(" [");
        let ops = op.body.operand_vec(op.op);
        p.print_operands(&ops);
        p.write_str("] sizes <");
        if let AttrKind::Array(items) = op.ctx.attr_kind(op.attr("sizes").unwrap()) {
            for (i, a) in items.iter().enumerate() {
                if i > 0 {
                    p.write_str(", ");
                }
                p.print_attr_value_without_type(*a);
            }
        }
        p.write_str("> : ");
        p.print_type(op.body.value_type(op.result(0)));
    }
}

static MODULE: OpDef = OpDef {
    traits: Traits::ISOLATED_FROM_ABOVE
        .with(Traits::NO_TERMINATOR)
        .with(Traits::SYMBOL_TABLE),
    regions: Arity::Exactly(1),
    format: Some(&ModuleFormat),
    ..OpDef::new("builtin.module")
};
static BUILTIN: DialectDef = DialectDef {
    name: "builtin",
    summary: "",
    description: "",
    ops: &[&MODULE],
};

static FUNC: OpDef = OpDef {
    traits: Traits::ISOLATED_FROM_ABOVE.with(Traits::SYMBOL),
    regions: Arity::Range(0, 1),
    format: Some(&FuncFormat),
    ..OpDef::new("t.func")
};
static RETURN: OpDef = OpDef {
    traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE),
    format: Some(&OperandsFormat),
    ..OpDef::new("t.return")
};
static ADD: OpDef = OpDef {
    traits: Traits::PURE,
    format: Some(&OperandsFormat),
    ..OpDef::new("t.add")
};
static CONST: OpDef = OpDef {
    format: Some(&ConstFormat),
    ..OpDef::new("t.const")
};
static BR: OpDef = OpDef {
    traits: Traits::TERMINATOR,
    successors: Arity::Exactly(1),
    format: Some(&BrFormat),
    ..OpDef::new("t.br")
};
static LOOP: OpDef = OpDef {
    regions: Arity::Exactly(1),
    format: Some(&LoopFormat),
    ..OpDef::new("t.loop")
};
static PLAIN: OpDef = OpDef::new("t.plain");
static PACK: OpDef = OpDef {
    format: Some(&PackFormat),
    ..OpDef::new("t.pack")
};
static T: DialectDef = DialectDef {
    name: "t",
    summary: "",
    description: "",
    ops: &[&FUNC, &RETURN, &ADD, &CONST, &BR, &LOOP, &PLAIN, &PACK],
};

struct FuncAsm;
impl OpAsmInterface for FuncAsm {
    fn default_dialect(&self) -> &'static str {
        "t"
    }
}
struct ConstAsm;
impl OpAsmInterface for ConstAsm {
    fn result_names(&self, op: OpRef<'_>, set: &mut dyn FnMut(Value, &str)) {
        if let Some(AttrKind::Integer { value, .. }) = op.attr("value").map(|a| op.ctx.attr_kind(a))
        {
            set(op.result(0), &format!("c{value}"));
        }
    }
}
static FUNC_ASM: FuncAsm = FuncAsm;
static CONST_ASM: ConstAsm = ConstAsm;

fn ctx() -> Context {
    let mut ctx = Context::new();
    ctx.register_dialect(&BUILTIN);
    ctx.register_dialect(&T);
    ctx.attach_interface::<dyn OpAsmInterface>("t.func", &FUNC_ASM);
    ctx.attach_interface::<dyn OpAsmInterface>("t.const", &CONST_ASM);
    ctx
}

fn roundtrip(ctx: &Context, src: &str, opts: &PrintOptions) -> String {
    let m = text::parse(ctx, "in.mlir", src, &ParseOptions::default())
        .unwrap_or_else(|d| panic!("{}: {}", src, d[0].message));
    text::print_module(ctx, &m, opts)
}

/// Inside `t.func` (default dialect `t`), `t.` is left out of op names; inside `t.loop` (no
/// default dialect) it is not.
const CUSTOM: &str = r#"module {
  t.func @f(%arg0: i32, %arg1: i32) -> i32 {
    %0 = add %arg0, %arg1 : i32
    %c5 = const 5 : i32
    %c5_0 = const 5 : i32
    %1 = add %0, %c5 : i32
    %2 = pack [%1, %0] sizes <1, -2> : i32
    %3 = pack [] sizes <> : i32
    br ^bb1(%2 : i32)
  ^bb1(%4: i32):  // pred: ^bb0
    return %4 : i32
  }
  t.func @g(%arg0: index, %arg1: index) {
    loop %arg2 = %arg0 to %arg1 {
      %0 = t.add %arg2, %arg2 : index
      t.loop %arg3 = %arg2 to %0 {
        "t.plain"() : () -> ()
      }
      t.return
    }
    return
  }
  t.func @decl(i32) -> (i32, f32) attributes {t.x}
}

"#;

#[test]
fn custom_form_round_trips() {
    let ctx = ctx();
    let out = roundtrip(&ctx, CUSTOM, &PrintOptions::default());
    assert_eq!(out, CUSTOM);
    // The printed text is a fixed point.
    assert_eq!(roundtrip(&ctx, &out, &PrintOptions::default()), out);
}

#[test]
fn custom_and_generic_forms_agree() {
    let ctx = ctx();
    let custom = roundtrip(&ctx, CUSTOM, &PrintOptions::default());
    let generic = roundtrip(
        &ctx,
        CUSTOM,
        &PrintOptions {
            generic: true,
            debug_info: false,
        },
    );
    assert!(generic.starts_with("\"builtin.module\"() ({\n  \"t.func\"() <{function_type = (i32, i32) -> i32, sym_name = \"f\"}> ({\n  ^bb0(%arg"), "{generic}");
    // Generic numbering is unique across the module (MLIR's generic printer).
    assert!(generic.contains("\"t.add\"(%arg"), "{generic}");
    // Parsing the generic form and printing the custom one gives the custom text back.
    assert_eq!(roundtrip(&ctx, &generic, &PrintOptions::default()), custom);
    assert_eq!(
        roundtrip(
            &ctx,
            &generic,
            &PrintOptions {
                generic: true,
                debug_info: false
            }
        ),
        generic
    );
}

#[test]
fn custom_form_with_locations() {
    let ctx = ctx();
    let src = "t.func @f(%a: i32 loc(\"x\":1:1)) -> i32 {\n  return %a : i32 loc(\"r\":2:2)\n} loc(\"f\":3:3)\n";
    let opts = PrintOptions {
        generic: false,
        debug_info: true,
    };
    let out = roundtrip(&ctx, src, &opts);
    assert_eq!(
        out,
        "#loc2 = loc(\"x\":1:1)\nmodule {\n  t.func @f(%arg0: i32 loc(\"x\":1:1)) -> i32 {\n    return %arg0 : i32 loc(#loc3)\n  } loc(#loc1)\n} loc(#loc)\n#loc = loc(\"in.mlir\":0:0)\n#loc1 = loc(\"f\":3:3)\n#loc3 = loc(\"r\":2:2)\n\n"
    );
    // Location aliases defined after their use parse back to the same text.
    assert_eq!(roundtrip(&ctx, &out, &opts), out);
}

#[test]
fn named_module_with_attributes() {
    let ctx = ctx();
    let src = "module @m attributes {t.a = 1 : i32} {\n}\n";
    let out = roundtrip(&ctx, src, &PrintOptions::default());
    assert_eq!(out, "module @m attributes {t.a = 1 : i32} {\n}\n\n");
}

fn parse_err(ctx: &Context, src: &str) -> (String, u32, u32) {
    let d = match text::parse(ctx, "e.mlir", src, &ParseOptions::default()) {
        Ok(_) => panic!("expected an error for {src}"),
        Err(d) => d.into_iter().next().unwrap(),
    };
    let (_, l, c) = ctx.loc_file_line_col(d.loc).unwrap();
    (d.message, l, c)
}

#[test]
fn custom_form_errors() {
    let ctx = ctx();
    assert_eq!(
        parse_err(
            &ctx,
            "t.func @f(%a: index) {\n  t.loop %a = %a to %a {\n  }\n  return\n}"
        ),
        ("region entry argument '%a' is already in use".into(), 2, 10)
    );
    assert_eq!(
        parse_err(&ctx, "t.nope"),
        ("custom op 't.nope' is unknown".into(), 1, 1)
    );
    assert_eq!(
        parse_err(&ctx, "nope"),
        (
            "custom op 'nope' is unknown (tried 'builtin.nope' as well)".into(),
            1,
            1
        )
    );
    let (m, _, _) = parse_err(&ctx, "foo.bar");
    assert!(
        m.starts_with("Dialect `foo' not found for custom op 'foo.bar' "),
        "{m}"
    );
    assert_eq!(
        parse_err(&ctx, "t.func @f() {\n  %0 = t.add : i32\n  return\n}"),
        ("cannot name an operation with no results".into(), 2, 3)
    );
    assert_eq!(
        parse_err(&ctx, "t.func @f() {\n  t.br ^bb7\n}"),
        ("reference to an undefined block".into(), 2, 8)
    );
    assert_eq!(
        parse_err(
            &ctx,
            "%0 = \"t.plain\"() : () -> i32\nt.func @f() {\n  %1 = t.add %0, %0 : i32\n  return\n}"
        ),
        (
            "use of value '%0' defined outside of the region of an isolated-from-above op".into(),
            3,
            14
        )
    );
}

/// Mutations of the custom-form text never panic, and whatever parses prints back to a
/// fixed point.
#[test]
fn mutated_custom_inputs_never_panic() {
    let ctx = ctx();
    let iters: usize = std::env::var("STRATA_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(500);
    let specials: &[u8] = b"{}()[]<>%^#!@\":=,-0x.e9\n \\\xff:";
    let mut seed: u64 = 0x2545F4914F6CDD1D;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let base = CUSTOM.as_bytes();
    for _ in 0..iters {
        let mut v = base.to_vec();
        for _ in 0..(1 + next() % 4) {
            let i = (next() as usize) % v.len();
            match next() % 4 {
                0 => v[i] = specials[(next() as usize) % specials.len()],
                1 => {
                    v.remove(i);
                }
                2 => {
                    let end = (i + (next() as usize % 30)).min(v.len());
                    v.drain(i..end);
                }
                _ => v.insert(i, specials[(next() as usize) % specials.len()]),
            }
            if v.is_empty() {
                break;
            }
        }
        let Ok(m) = text::parse_bytes(&ctx, "m.mlir", &v, &ParseOptions::default()) else {
            continue;
        };
        for generic in [false, true] {
            let opts = PrintOptions {
                generic,
                debug_info: false,
            };
            let out = text::print_module(&ctx, &m, &opts);
            let again = roundtrip(&ctx, &out, &opts);
            assert_eq!(again, out, "input: {}", String::from_utf8_lossy(&v));
        }
    }
}
