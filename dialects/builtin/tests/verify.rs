//! Verifier and folder tests for the `builtin` ops, building IR directly.

use strata_dialect_builtin::{ModuleOp, UnrealizedConversionCastOp, DIALECT};
use strata_ir::verify::verify_module;
use strata_ir::{
    op, Arity, Attribute, Block, Body, Context, DialectDef, FoldResult, Module, Op, OpBuilder,
    OpRef, OperationState, Type,
};

op! {
    /// A registered op with one region that is not a symbol table.
    ///
    /// ```mlir
    /// "tb.wrap"() ({ }) : () -> ()
    /// ```
    pub struct WrapOp = "tb.wrap";
    summary: "test wrapper";
    def: {
        regions: Arity::Exactly(1),
        traits: strata_ir::Traits::NO_TERMINATOR,
    }
}

static TB: DialectDef = DialectDef {
    name: "tb",
    summary: "",
    description: "",
    ops: &[&WrapOp::DEF],
};

fn ctx() -> Context {
    let mut ctx = Context::new();
    strata_dialect_builtin::register(&mut ctx);
    ctx.register_dialect(&TB);
    ctx
}

fn messages(ctx: &Context, m: &Module) -> Vec<String> {
    match verify_module(ctx, m) {
        Ok(()) => Vec::new(),
        Err(ds) => ds.into_iter().map(|d| d.message).collect(),
    }
}

/// Create a region op `name` with `props` at the end of `block` of `body`; its region gets
/// `nblocks` blocks, the first with arguments `args`. Returns the op and its first block.
fn region_op(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    name: &str,
    props: &[(&str, Attribute)],
    nblocks: usize,
    args: &[Type],
) -> (Op, Option<Block>) {
    let mut st = OperationState::new(ctx, ctx.op_name(name), ctx.unknown_loc());
    if !props.is_empty() {
        st.props = Some(ctx.dict_attr(props));
    }
    let r = st.add_region(body);
    let rb = st.region_body(body);
    let mut first = None;
    for i in 0..nblocks {
        let b = rb.create_block();
        if i == 0 {
            for &t in args {
                rb.add_block_arg(b, t);
            }
            first = Some(b);
        }
        rb.append_block(r, b);
    }
    let op = body.create_op(st);
    body.append_op(block, op);
    (op, first)
}

#[test]
fn dialect_lists_its_ops() {
    let names: Vec<&str> = DIALECT.ops.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        ["builtin.module", "builtin.unrealized_conversion_cast"]
    );
    for d in DIALECT.ops {
        assert!(
            d.description.contains("```mlir"),
            "{} has no example",
            d.name
        );
    }
}

#[test]
fn empty_module_verifies() {
    let ctx = ctx();
    let m = Module::new(&ctx);
    assert!(
        m.body.nested(m.op).is_some(),
        "builtin.module owns a nested body"
    );
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
    assert!(ModuleOp::cast(OpRef::new(&ctx, &m.body, m.op)).is_some());
}

#[test]
fn nested_named_modules_verify() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let name = ctx.string_attr("inner");
    let vis = ctx.string_attr("nested");
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &[("sym_name", name), ("sym_visibility", vis)],
        1,
        &[],
    );
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
}

#[test]
fn module_region_without_block() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &[],
        0,
        &[],
    );
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.module' op region #0 ('bodyRegion') failed to verify constraint: region with 1 blocks"]
    );
}

#[test]
fn module_region_with_two_blocks() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &[],
        2,
        &[],
    );
    let msgs = messages(&ctx, &m);
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(msgs[0].contains("0 or 1 blocks"), "{msgs:?}");
}

#[test]
fn module_region_with_arguments() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &[],
        1,
        &[ctx.i32()],
    );
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.module' op region should have no arguments"]
    );
}

#[test]
fn module_bad_visibility() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let props = [
        ("sym_name", ctx.string_attr("m")),
        ("sym_visibility", ctx.string_attr("bad")),
    ];
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &props,
        1,
        &[],
    );
    let msgs = messages(&ctx, &m);
    assert_eq!(msgs.len(), 1);
    assert!(
        msgs[0].starts_with(
            "'builtin.module' op visibility expected to be one of [\"public\", \"private\", \"nested\"], but got "
        ),
        "{msgs:?}"
    );
}

#[test]
fn module_sym_name_must_be_a_string() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let props = [("sym_name", ctx.int_attr(3, ctx.i64()))];
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &props,
        1,
        &[],
    );
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.module' op attribute 'sym_name' failed to satisfy constraint: string attribute"]
    );
}

#[test]
fn named_module_needs_a_symbol_table_parent() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let body = m.region_body_mut();
    let (_, inner) = region_op(&ctx, body, blk, "tb.wrap", &[], 1, &[]);
    let props = [("sym_name", ctx.string_attr("m"))];
    region_op(&ctx, body, inner.unwrap(), "builtin.module", &props, 1, &[]);
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.module' op symbol's parent must have the SymbolTable trait"]
    );
    // An unnamed module is not a symbol, so it may be nested anywhere.
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let body = m.region_body_mut();
    let (_, inner) = region_op(&ctx, body, blk, "tb.wrap", &[], 1, &[]);
    region_op(&ctx, body, inner.unwrap(), "builtin.module", &[], 1, &[]);
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
}

#[test]
fn duplicate_symbols_in_module() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let props = [("sym_name", ctx.string_attr("x"))];
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &props,
        1,
        &[],
    );
    region_op(
        &ctx,
        m.region_body_mut(),
        blk,
        "builtin.module",
        &props,
        1,
        &[],
    );
    assert_eq!(messages(&ctx, &m), ["redefinition of symbol named 'x'"]);
}

#[test]
fn module_wrong_counts() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let body = m.region_body_mut();
    let mut b = OpBuilder::at_end(&ctx, body, blk);
    let v = b.build_value("builtin.unrealized_conversion_cast", &[], ctx.i32(), &[]);
    let mut st = OperationState::new(&ctx, ctx.op_name("builtin.module"), ctx.unknown_loc());
    st.operands.push(v);
    st.result_types.push(ctx.i32());
    b.create(st);
    // Like MLIR's trait verification, the first failed count is reported.
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.module' op requires zero operands"]
    );
}

fn cast(b: &mut OpBuilder<'_>, inputs: &[strata_ir::Value], outs: &[Type]) -> Op {
    b.build("builtin.unrealized_conversion_cast", inputs, outs, &[])
}

fn fold(ctx: &Context, body: &Body, op: Op) -> Option<Vec<FoldResult>> {
    let def = ctx.op_def(body.name(op)).unwrap();
    (def.fold.unwrap())(OpRef::new(ctx, body, op), &[])
}

#[test]
fn cast_requires_a_result() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let mut b = OpBuilder::at_end(&ctx, m.region_body_mut(), blk);
    let c = cast(&mut b, &[], &[ctx.i32()]);
    let v = b.body.result(c, 0);
    cast(&mut b, &[v], &[]);
    assert_eq!(
        messages(&ctx, &m),
        ["'builtin.unrealized_conversion_cast' op expected at least one result for cast operation"]
    );
}

#[test]
fn cast_folds() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let mut b = OpBuilder::at_end(&ctx, m.region_body_mut(), blk);
    let (i32t, f32t, i64t) = (ctx.i32(), ctx.f32(), ctx.i64());
    let src = cast(&mut b, &[], &[i32t, i64t]);
    let (a, c) = (b.body.result(src, 0), b.body.result(src, 1));
    // Same types: folds to the inputs.
    let same = cast(&mut b, &[a, c], &[i32t, i64t]);
    // A -> B -> A folds to the original values.
    let there = cast(&mut b, &[a, c], &[f32t]);
    let x = b.body.result(there, 0);
    let back = cast(&mut b, &[x], &[i32t, i64t]);
    // A -> B -> C does not fold.
    let other = cast(&mut b, &[x], &[i64t]);
    // Operands that are not exactly the results of the first cast do not fold.
    let two = cast(&mut b, &[a], &[f32t, f32t]);
    let (p, q) = (b.body.result(two, 0), b.body.result(two, 1));
    let swapped = cast(&mut b, &[q, p], &[i32t]);
    let partial = cast(&mut b, &[p], &[i32t]);
    let body = m.region_body();
    assert_eq!(
        fold(&ctx, body, same),
        Some(vec![FoldResult::Value(a), FoldResult::Value(c)])
    );
    assert_eq!(
        fold(&ctx, body, back),
        Some(vec![FoldResult::Value(a), FoldResult::Value(c)])
    );
    assert_eq!(fold(&ctx, body, other), None);
    assert_eq!(fold(&ctx, body, swapped), None);
    assert_eq!(fold(&ctx, body, partial), None);
    assert_eq!(fold(&ctx, body, src), None);
    let typed = UnrealizedConversionCastOp::cast(OpRef::new(&ctx, body, back));
    assert!(typed.is_some());
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
}
