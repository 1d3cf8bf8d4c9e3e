//! Verifier tests for the `test` ops, building IR directly.

use strata_dialect_test::DIALECT;
use strata_ir::verify::verify_module;
use strata_ir::{
    AttrKind, Attribute, Block, Body, Context, Module, Op, OpBuilder, OpRef, OperationState,
    Traits, Type, Value,
};

fn ctx() -> Context {
    let mut ctx = Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_test::register(&mut ctx);
    ctx
}

fn messages(ctx: &Context, m: &Module) -> Vec<String> {
    match verify_module(ctx, m) {
        Ok(()) => Vec::new(),
        Err(ds) => ds.into_iter().map(|d| d.message).collect(),
    }
}

fn with_module(f: impl FnOnce(&Context, &mut Body, Block)) -> (Context, Module) {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    f(&ctx, m.region_body_mut(), blk);
    (ctx, m)
}

/// Build a region op `name` at the end of `block`: one region with one block (arguments
/// `args`) filled by `fill` with a builder on that block. Returns the op.
fn region_op(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    name: &str,
    props: &[(&str, Attribute)],
    (operands, results): (&[Value], &[Type]),
    args: &[Type],
    fill: &dyn Fn(&mut OpBuilder<'_>, &[Value]),
) -> Op {
    let mut st = OperationState::new(ctx, ctx.op_name(name), ctx.unknown_loc());
    st.operands = operands.to_vec();
    st.result_types = results.to_vec();
    if !props.is_empty() {
        st.props = Some(ctx.dict_attr(props));
    }
    let r = st.add_region(body);
    let rb = st.region_body(body);
    let b = rb.create_block();
    rb.append_block(r, b);
    let vals: Vec<Value> = args.iter().map(|&t| rb.add_block_arg(b, t)).collect();
    let mut builder = OpBuilder::at_end(ctx, rb, b);
    fill(&mut builder, &vals);
    let op = body.create_op(st);
    body.append_op(block, op);
    op
}

fn pure(b: &mut OpBuilder<'_>, operands: &[Value], ty: Type) -> Value {
    b.build_value("test.pure", operands, ty, &[])
}

fn sym(ctx: &Context, name: &str) -> [(&'static str, Attribute); 1] {
    [("sym_name", ctx.string_attr(name))]
}

#[test]
fn dialect_lists_its_ops() {
    assert_eq!(DIALECT.ops.len(), 11);
    for d in DIALECT.ops {
        assert!(
            d.description.contains("```mlir"),
            "{} has no example",
            d.name
        );
        assert!(!d.summary.is_empty(), "{} has no summary", d.name);
    }
}

#[test]
fn test_op_accepts_anything() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut b = OpBuilder::at_end(ctx, body, blk);
        let v = pure(&mut b, &[], ctx.i32());
        // Operands, results, two regions (one empty block without terminator), attributes.
        let mut st = OperationState::new(ctx, ctx.op_name("test.op"), ctx.unknown_loc());
        st.operands = vec![v, v];
        st.result_types = vec![ctx.f32(), ctx.index_type()];
        st.attrs = Some(ctx.dict_attr(&[("anything", ctx.unit_attr())]));
        for _ in 0..2 {
            let r = st.add_region(body);
            let bb = body.create_block();
            body.append_block(r, bb);
        }
        let op = body.create_op(st);
        body.append_op(blk, op);
    });
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
    assert!(!ctx.op_def_by_name("test.op").unwrap().has(Traits::PURE));
    assert!(ctx.op_def_by_name("test.pure").unwrap().has(Traits::PURE));
}

#[test]
fn regions_of_each_kind_verify() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        let mut b = OpBuilder::at_end(ctx, body, blk);
        let outer = pure(&mut b, &[], i32t);
        // test.region uses a value from above and yields it.
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[outer], &[i32t]),
            &[i32t],
            &|b, a| {
                let x = pure(b, &[a[0], outer], i32t);
                b.build("test.yield", &[x], &[], &[]);
            },
        );
        // test.isolated: its own body, ended by test.terminator.
        let iso = region_op(
            ctx,
            body,
            blk,
            "test.isolated",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                let x = pure(b, &[], i32t);
                b.build("test.terminator", &[x], &[], &[]);
            },
        );
        assert!(body.nested(iso).is_some());
        // test.graph_region: forward references, no terminator.
        region_op(
            ctx,
            body,
            blk,
            "test.graph_region",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                let first = b.build("test.pure", &[], &[i32t], &[]);
                let first_v = b.body.result(first, 0);
                let second = pure(b, &[first_v], i32t);
                b.body.set_operands(first, &[second]);
            },
        );
    });
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
}

#[test]
fn missing_terminator() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                pure(b, &[], b.ctx.i32());
            },
        );
        region_op(
            ctx,
            body,
            blk,
            "test.isolated",
            &[],
            (&[], &[]),
            &[],
            &|_, _| {},
        );
    });
    let msgs = messages(&ctx, &m);
    assert!(msgs[0].starts_with("block with no terminator"), "{msgs:?}");
    assert_eq!(
        msgs[1],
        "'test.isolated' op empty block: expect at least a terminator"
    );
    assert_eq!(msgs.len(), 2);
}

#[test]
fn terminator_not_last() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                b.build("test.terminator", &[], &[], &[]);
                b.build("test.yield", &[], &[], &[]);
            },
        );
    });
    assert_eq!(
        messages(&ctx, &m),
        ["'test.terminator' op must be the last operation in the parent block"]
    );
}

#[test]
fn use_before_def_and_dominance() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        // Use before def in one block.
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                let user = b.build("test.pure", &[], &[i32t], &[]);
                let def = pure(b, &[], i32t);
                b.body.set_operands(user, &[def]);
                b.build("test.yield", &[], &[], &[]);
            },
        );
        // A value of a block that does not dominate the use (sibling blocks).
        let mut st = OperationState::new(ctx, ctx.op_name("test.region"), ctx.unknown_loc());
        let r = st.add_region(body);
        let (b0, b1, b2) = (
            body.create_block(),
            body.create_block(),
            body.create_block(),
        );
        for bb in [b0, b1, b2] {
            body.append_block(r, bb);
        }
        let op = body.create_op(st);
        body.append_op(blk, op);
        // b0: br ^b2 ; b1: %v = pure; br ^b2 ; b2: use %v
        let mut sb = OperationState::new(ctx, ctx.op_name("test.br"), ctx.unknown_loc());
        sb.successors = vec![b2];
        let br0 = body.create_op(sb);
        body.append_op(b0, br0);
        let mut b = OpBuilder::at_end(ctx, body, b1);
        let v = pure(&mut b, &[], i32t);
        let mut sb = OperationState::new(ctx, ctx.op_name("test.br"), ctx.unknown_loc());
        sb.successors = vec![b2];
        b.create(sb);
        let mut b = OpBuilder::at_end(ctx, body, b2);
        pure(&mut b, &[v], i32t);
        b.build("test.yield", &[], &[], &[]);
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "'test.pure' op operand #0 does not dominate this use",
            "'test.pure' op operand #0 does not dominate this use"
        ]
    );
}

#[test]
fn branch_operands_must_match_block_arguments() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        let mut st = OperationState::new(ctx, ctx.op_name("test.region"), ctx.unknown_loc());
        let r = st.add_region(body);
        let blocks: Vec<Block> = (0..4).map(|_| body.create_block()).collect();
        for &bb in &blocks {
            body.append_block(r, bb);
        }
        let a = body.add_block_arg(blocks[1], i32t);
        body.add_block_arg(blocks[2], i64t);
        let op = body.create_op(st);
        body.append_op(blk, op);
        let br = |body: &mut Body, from: Block, to: &[Block], args: &[Value]| {
            let mut sb = OperationState::new(ctx, ctx.op_name("test.br"), ctx.unknown_loc());
            sb.successors = to.to_vec();
            sb.operands = args.to_vec();
            let o = body.create_op(sb);
            body.append_op(from, o);
        };
        let mut b = OpBuilder::at_end(ctx, body, blocks[0]);
        let v = pure(&mut b, &[], i32t);
        br(body, blocks[0], &[blocks[1]], &[v]); // ok
        br(body, blocks[1], &[blocks[2]], &[a]); // type mismatch
        br(body, blocks[2], &[blocks[3]], &[v]); // count mismatch
        br(body, blocks[3], &[], &[]); // no successor
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "type mismatch for bb argument #0 of successor #0",
            "branch has 1 operands for successor #0, but target block has 0",
            "'test.br' op requires 1 successor but found 0",
        ]
    );
}

#[test]
fn region_yield_must_match_results() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[i32t]),
            &[],
            &|b, _| {
                b.build("test.yield", &[], &[], &[]);
            },
        );
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[i32t]),
            &[],
            &|b, _| {
                let v = pure(b, &[], i64t);
                b.build("test.yield", &[v], &[], &[]);
            },
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(
        msgs[0],
        "'test.region' op region yields 0 values, but the op has 1 results"
    );
    assert!(
        msgs[1].starts_with("'test.region' op type of yielded value #0 ("),
        "{msgs:?}"
    );
    assert_eq!(msgs.len(), 2);
}

#[test]
fn wrong_region_counts() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut b = OpBuilder::at_end(ctx, body, blk);
        b.build("test.region", &[], &[], &[]);
        b.build("test.graph_region", &[], &[], &[]);
        let v = pure(&mut b, &[], ctx.i32());
        b.build("test.isolated", &[v], &[], &[]);
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "'test.region' op requires one region",
            "'test.graph_region' op requires one region",
            // The first failed count of an op is reported, as MLIR's trait checks do.
            "'test.isolated' op requires zero operands",
        ]
    );
}

#[test]
fn symbols_resolve_through_tables() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut b = OpBuilder::at_end(ctx, body, blk);
        b.build("test.symbol", &[], &[], &sym(ctx, "a"));
        let r = ctx.symbol_ref_attr("a");
        b.build("test.use_symbol", &[], &[], &[("sym", r)]);
        let nested = ctx.attr(AttrKind::SymbolRef {
            root: ctx.sym("t"),
            nested: Box::new([ctx.sym("b")]),
        });
        b.build("test.use_symbol", &[], &[ctx.i32()], &[("sym", nested)]);
        region_op(
            ctx,
            body,
            blk,
            "test.symbol_table",
            &sym(ctx, "t"),
            (&[], &[]),
            &[],
            &|b, _| {
                let c = b.ctx;
                b.build("test.symbol", &[], &[], &[("sym_name", c.string_attr("b"))]);
                // Inner lookups see the inner table first, then the module.
                b.build(
                    "test.use_symbol",
                    &[],
                    &[],
                    &[("sym", c.symbol_ref_attr("b"))],
                );
                b.build(
                    "test.use_symbol",
                    &[],
                    &[],
                    &[("sym", c.symbol_ref_attr("a"))],
                );
            },
        );
    });
    assert_eq!(messages(&ctx, &m), Vec::<String>::new());
}

#[test]
fn dangling_and_duplicate_symbols() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut b = OpBuilder::at_end(ctx, body, blk);
        b.build("test.symbol", &[], &[], &sym(ctx, "a"));
        b.build("test.symbol", &[], &[], &sym(ctx, "a"));
        b.build(
            "test.use_symbol",
            &[],
            &[],
            &[("sym", ctx.symbol_ref_attr("missing"))],
        );
        b.build("test.use_symbol", &[], &[], &[]);
        b.build("test.symbol", &[], &[], &[]);
        let p = [
            ("sym_name", ctx.string_attr("v")),
            ("sym_visibility", ctx.string_attr("odd")),
        ];
        b.build("test.symbol", &[], &[], &p);
        // A symbol inside a non-table region.
        region_op(
            ctx,
            body,
            blk,
            "test.region",
            &[],
            (&[], &[]),
            &[],
            &|b, _| {
                b.build(
                    "test.symbol",
                    &[],
                    &[],
                    &[("sym_name", b.ctx.string_attr("in"))],
                );
                b.build("test.yield", &[], &[], &[]);
            },
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(msgs[0], "redefinition of symbol named 'a'");
    assert!(msgs[1].starts_with("'test.use_symbol' op '"), "{msgs:?}");
    assert!(
        msgs[1].ends_with("' does not reference a valid symbol"),
        "{msgs:?}"
    );
    assert_eq!(msgs[2], "'test.use_symbol' op requires attribute 'sym'");
    assert_eq!(msgs[3], "'test.symbol' op requires attribute 'sym_name'");
    assert!(
        msgs[4].starts_with("'test.symbol' op visibility expected to be one of"),
        "{msgs:?}"
    );
    assert_eq!(
        msgs[5],
        "'test.symbol' op symbol's parent must have the SymbolTable trait"
    );
    assert_eq!(msgs.len(), 6);
}

#[test]
fn symbol_table_block_arguments() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        region_op(
            ctx,
            body,
            blk,
            "test.symbol_table",
            &[],
            (&[], &[]),
            &[ctx.i32()],
            &|_, _| {},
        );
    });
    assert_eq!(
        messages(&ctx, &m),
        ["'test.symbol_table' op region should have no arguments"]
    );
}

#[test]
fn typed_wrappers_cast_by_name() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut b = OpBuilder::at_end(ctx, body, blk);
        b.build("test.symbol", &[], &[], &sym(ctx, "a"));
    });
    let body = m.region_body();
    let op = body.first_op(m.block().unwrap()).unwrap();
    let r = OpRef::new(&ctx, body, op);
    let s = strata_dialect_test::SymbolOp::cast(r).unwrap();
    assert_eq!(s.sym_name(), Some(ctx.string_attr("a")));
    assert!(strata_dialect_test::PureOp::cast(r).is_none());
}
