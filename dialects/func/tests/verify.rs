//! Verifier and folder tests for the `func` ops, building IR directly.

use strata_dialect_func::{CallOp, ConstantOp, FuncOp, DIALECT};
use strata_ir::rewrite::PatternRewriter;
use strata_ir::verify::verify_module;
use strata_ir::{
    op, Arity, Attribute, Block, Body, Context, DialectDef, FoldResult, InsertPoint, Module, Op,
    OpBuilder, OpRef, OperationState, Traits, Type, Value,
};

op! {
    /// A registered op with one ordinary region.
    ///
    /// ```mlir
    /// "tf.wrap"() ({ }) : () -> ()
    /// ```
    pub struct WrapOp = "tf.wrap";
    summary: "test wrapper";
    def: { regions: Arity::Exactly(1), traits: Traits::NO_TERMINATOR }
}

op! {
    /// A registered producer of one value of any type.
    ///
    /// ```mlir
    /// %0 = "tf.val"() : () -> i32
    /// ```
    pub struct ValOp = "tf.val";
    summary: "test value";
    def: { operands: Arity::Exactly(0), results: Arity::Exactly(1) }
}

static TF: DialectDef = DialectDef {
    name: "tf",
    summary: "",
    description: "",
    ops: &[&WrapOp::DEF, &ValOp::DEF],
};

fn ctx() -> Context {
    let mut ctx = Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_func::register(&mut ctx);
    ctx.register_dialect(&TF);
    ctx
}

fn messages(ctx: &Context, m: &Module) -> Vec<String> {
    match verify_module(ctx, m) {
        Ok(()) => Vec::new(),
        Err(ds) => ds.into_iter().map(|d| d.message).collect(),
    }
}

fn ok(ctx: &Context, m: &Module) {
    assert_eq!(messages(ctx, m), Vec::<String>::new());
}

/// What to put in a function.
enum Fill<'f> {
    /// An external declaration (no block).
    External,
    /// An entry block with these argument types, filled by the closure.
    Body(Vec<Type>, &'f dyn Fn(&mut OpBuilder<'_>, &[Value])),
}

/// Add `func.func @name` of type `inputs -> results` to `block` of `body`.
fn func(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    name: &str,
    (inputs, results): (&[Type], &[Type]),
    extra: &[(&str, Attribute)],
    fill: Fill<'_>,
) -> Op {
    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    let mut props = vec![
        ("sym_name", ctx.string_attr(name)),
        (
            "function_type",
            ctx.type_attr(ctx.function_type(inputs, results)),
        ),
    ];
    props.extend_from_slice(extra);
    st.props = Some(ctx.dict_attr(&props));
    let r = st.add_region(body);
    if let Fill::Body(args, f) = fill {
        let rb = st.region_body(body);
        let b = rb.create_block();
        rb.append_block(r, b);
        let vals: Vec<Value> = args.iter().map(|&t| rb.add_block_arg(b, t)).collect();
        let mut builder = OpBuilder::at_end(ctx, rb, b);
        f(&mut builder, &vals);
    }
    let op = body.create_op(st);
    body.append_op(block, op);
    op
}

fn ret(b: &mut OpBuilder<'_>, vals: &[Value]) {
    b.build("func.return", vals, &[], &[]);
}

fn val(b: &mut OpBuilder<'_>, ty: Type) -> Value {
    b.build_value("tf.val", &[], ty, &[])
}

fn call(b: &mut OpBuilder<'_>, callee: &str, args: &[Value], results: &[Type]) -> Op {
    let c = b.ctx.symbol_ref_attr(callee);
    b.build("func.call", args, results, &[("callee", c)])
}

fn with_module(f: impl FnOnce(&Context, &mut Body, Block)) -> (Context, Module) {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    f(&ctx, m.region_body_mut(), blk);
    (ctx, m)
}

fn private(ctx: &Context) -> [(&'static str, Attribute); 1] {
    [("sym_visibility", ctx.string_attr("private"))]
}

#[test]
fn dialect_lists_its_ops() {
    let names: Vec<&str> = DIALECT.ops.iter().map(|d| d.name).collect();
    assert_eq!(
        names,
        [
            "func.func",
            "func.return",
            "func.call",
            "func.call_indirect",
            "func.constant"
        ]
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
fn valid_functions_and_calls() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, f32t) = (ctx.i32(), ctx.f32());
        let p = private(ctx);
        func(
            ctx,
            body,
            blk,
            "ext",
            (&[i32t], &[f32t]),
            &p,
            Fill::External,
        );
        func(
            ctx,
            body,
            blk,
            "id",
            (&[i32t], &[i32t]),
            &[],
            Fill::Body(vec![i32t], &|b, a| ret(b, a)),
        );
        func(
            ctx,
            body,
            blk,
            "calls",
            (&[i32t], &[f32t]),
            &[],
            Fill::Body(vec![i32t], &|b, a| {
                let x = call(b, "id", a, &[i32t]);
                let x = b.body.result(x, 0);
                let y = call(b, "ext", &[x], &[f32t]);
                let y = b.body.result(y, 0);
                let fty = b.ctx.function_type(&[i32t], &[i32t]);
                let f = b.build_value(
                    "func.constant",
                    &[],
                    fty,
                    &[("value", b.ctx.symbol_ref_attr("id"))],
                );
                b.build("func.call_indirect", &[f, x], &[i32t], &[]);
                // A call from inside a nested non-isolated region resolves too.
                let mut st = OperationState::new(b.ctx, b.ctx.op_name("tf.wrap"), b.loc);
                let r = st.add_region(b.body);
                let inner = b.body.create_block();
                b.body.append_block(r, inner);
                let w = b.create(st);
                let _ = w;
                let mut ib = OpBuilder::at_end(b.ctx, b.body, inner);
                call(&mut ib, "id", &[x], &[i32t]);
                ret(b, &[y]);
            }),
        );
    });
    ok(&ctx, &m);
    let body = m.region_body();
    let funcs: Vec<FuncOp<'_>> = body
        .block_ops(m.block().unwrap())
        .filter_map(|o| FuncOp::cast(OpRef::new(&ctx, body, o)))
        .collect();
    assert_eq!(funcs.len(), 3);
    assert!(funcs[0].is_external());
    assert!(!funcs[1].is_external());
    assert_eq!(funcs[1].name().as_deref(), Some("id"));
    assert_eq!(
        funcs[1].function_type(),
        Some(ctx.function_type(&[ctx.i32()], &[ctx.i32()]))
    );
}

#[test]
fn public_declaration_rejected() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        func(ctx, body, blk, "ext", (&[], &[]), &[], Fill::External);
    });
    assert_eq!(
        messages(&ctx, &m),
        ["'func.func' op symbol declaration cannot have public visibility"]
    );
}

#[test]
fn bad_visibility() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let v = [("sym_visibility", ctx.string_attr("foo"))];
        func(
            ctx,
            body,
            blk,
            "f",
            (&[], &[]),
            &v,
            Fill::Body(vec![], &|b, a| ret(b, a)),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].starts_with(
        "'func.func' op visibility expected to be one of [\"public\", \"private\", \"nested\"], but got "
    ));
}

#[test]
fn missing_and_malformed_properties() {
    let ctx = ctx();
    let mut m = Module::new(&ctx);
    let blk = m.block().unwrap();
    let body = m.region_body_mut();
    // No properties at all.
    let mut st = OperationState::new(&ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.add_region(body);
    let op = body.create_op(st);
    body.append_op(blk, op);
    // function_type that is not a function type.
    let mut st = OperationState::new(&ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("g")),
        ("function_type", ctx.type_attr(ctx.i32())),
    ]));
    st.add_region(body);
    let op = body.create_op(st);
    body.append_op(blk, op);
    assert_eq!(
        messages(&ctx, &m),
        [
            "'func.func' op requires attribute 'sym_name'",
            "'func.func' op requires attribute 'function_type'",
            "'func.func' op attribute 'function_type' failed to satisfy constraint: type attribute of function type",
        ]
    );
}

#[test]
fn entry_block_signature_mismatch() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        func(
            ctx,
            body,
            blk,
            "n",
            (&[i32t], &[]),
            &[],
            Fill::Body(vec![], &|b, _| ret(b, &[])),
        );
        func(
            ctx,
            body,
            blk,
            "t",
            (&[i32t], &[]),
            &[],
            Fill::Body(vec![i64t], &|b, _| ret(b, &[])),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(
        msgs[0],
        "'func.func' op entry block must have 1 arguments to match function signature"
    );
    assert!(
        msgs[1].starts_with("'func.func' op type of entry block argument #0("),
        "{msgs:?}"
    );
    assert!(msgs[1]
        .contains(") must match the type of the corresponding argument in function signature("));
    assert_eq!(msgs.len(), 2);
}

#[test]
fn arg_and_result_attribute_arrays() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        let d = |n: &str| ctx.dict_attr(&[(n, ctx.unit_attr())]);
        let e = ctx.empty_dict();
        let cases: [(&str, Attribute); 5] = [
            ("arg_attrs", ctx.array_attr(&[d("a.b"), e])),
            ("arg_attrs", ctx.array_attr(&[d("nodot")])),
            ("res_attrs", ctx.array_attr(&[e, e])),
            ("res_attrs", ctx.array_attr(&[d("nodot")])),
            ("arg_attrs", ctx.array_attr(&[ctx.int_attr(1, ctx.i64())])),
        ];
        for (i, (name, a)) in cases.into_iter().enumerate() {
            let props = [("sym_visibility", ctx.string_attr("private")), (name, a)];
            func(
                ctx,
                body,
                blk,
                &format!("f{i}"),
                (&[i32t], &[i32t]),
                &props,
                Fill::External,
            );
        }
        // Valid arrays.
        let props = [
            ("sym_visibility", ctx.string_attr("private")),
            ("arg_attrs", ctx.array_attr(&[d("x.y")])),
            ("res_attrs", ctx.array_attr(&[e])),
        ];
        func(
            ctx,
            body,
            blk,
            "good",
            (&[i32t], &[i32t]),
            &props,
            Fill::External,
        );
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "'func.func' op expects argument attribute array to have the same number of elements as the number of function arguments, got 2, but expected 1",
            "'func.func' op arguments may only have dialect attributes",
            "'func.func' op expects result attribute array to have the same number of elements as the number of function results, got 2, but expected 1",
            "'func.func' op results may only have dialect attributes",
            "'func.func' op attribute 'arg_attrs' failed to satisfy constraint: Array of dictionary attributes",
        ]
    );
}

#[test]
fn func_needs_symbol_table_parent() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let mut st = OperationState::new(ctx, ctx.op_name("tf.wrap"), ctx.unknown_loc());
        let r = st.add_region(body);
        let inner = body.create_block();
        body.append_block(r, inner);
        let w = body.create_op(st);
        body.append_op(blk, w);
        func(
            ctx,
            body,
            inner,
            "f",
            (&[], &[]),
            &[],
            Fill::Body(vec![], &|b, a| ret(b, a)),
        );
    });
    assert_eq!(
        messages(&ctx, &m),
        ["'func.func' op symbol's parent must have the SymbolTable trait"]
    );
}

#[test]
fn missing_terminator_and_empty_block() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        func(
            ctx,
            body,
            blk,
            "e",
            (&[], &[]),
            &[],
            Fill::Body(vec![], &|_, _| {}),
        );
        func(
            ctx,
            body,
            blk,
            "n",
            (&[], &[]),
            &[],
            Fill::Body(vec![], &|b, _| {
                val(b, i32t);
            }),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert_eq!(
        msgs[0],
        "'func.func' op empty block: expect at least a terminator"
    );
    assert!(msgs[1].starts_with("block with no terminator"), "{msgs:?}");
}

#[test]
fn return_count_and_types() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        func(
            ctx,
            body,
            blk,
            "two",
            (&[], &[i32t, i32t]),
            &[],
            Fill::Body(vec![], &|b, _| {
                let v = val(b, i32t);
                ret(b, &[v]);
            }),
        );
        func(
            ctx,
            body,
            blk,
            "ty",
            (&[], &[i32t]),
            &[],
            Fill::Body(vec![], &|b, _| {
                let v = val(b, i64t);
                ret(b, &[v]);
            }),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(
        msgs[0],
        "'func.return' op has 1 operands, but enclosing function (@two) returns 2"
    );
    assert!(
        msgs[1].starts_with("type of return operand 0 ("),
        "{msgs:?}"
    );
    assert!(msgs[1].ends_with(") in function @ty"), "{msgs:?}");
    assert_eq!(msgs.len(), 2);
}

#[test]
fn return_outside_function() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        func(
            ctx,
            body,
            blk,
            "f",
            (&[], &[]),
            &[],
            Fill::Body(vec![], &|b, _| {
                let mut st = OperationState::new(b.ctx, b.ctx.op_name("tf.wrap"), b.loc);
                let r = st.add_region(b.body);
                let inner = b.body.create_block();
                b.body.append_block(r, inner);
                b.create(st);
                let mut ib = OpBuilder::at_end(b.ctx, b.body, inner);
                ret(&mut ib, &[]);
                ret(b, &[]);
            }),
        );
        // At the module level.
        let mut b = OpBuilder::at_end(ctx, body, blk);
        ret(&mut b, &[]);
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "'func.return' op expects parent op 'func.func'",
            "'func.return' op expects parent op 'func.func'"
        ]
    );
}

#[test]
fn call_errors() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        let p = private(ctx);
        func(ctx, body, blk, "g", (&[i32t], &[i32t]), &p, Fill::External);
        let mut b = OpBuilder::at_end(ctx, body, blk);
        b.build(
            "tf.val",
            &[],
            &[i32t],
            &[("sym_name", ctx.string_attr("notfunc"))],
        );
        func(
            ctx,
            body,
            blk,
            "f",
            (&[i32t], &[]),
            &[],
            Fill::Body(vec![i32t], &|b, a| {
                call(b, "nope", a, &[]);
                call(b, "notfunc", a, &[]);
                call(b, "g", &[], &[i32t]);
                let w = val(b, i64t);
                call(b, "g", &[w], &[i32t]);
                call(b, "g", a, &[]);
                call(b, "g", a, &[i64t]);
                b.build("func.call", a, &[], &[]);
                let nested = b.ctx.attr(strata_ir::AttrKind::SymbolRef {
                    root: b.ctx.sym("g"),
                    nested: Box::new([b.ctx.sym("h")]),
                });
                b.build("func.call", a, &[], &[("callee", nested)]);
                ret(b, &[]);
            }),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(
        msgs[0],
        "'func.call' op 'nope' does not reference a valid function"
    );
    assert_eq!(
        msgs[1],
        "'func.call' op 'notfunc' does not reference a valid function"
    );
    assert_eq!(
        msgs[2],
        "'func.call' op incorrect number of operands for callee"
    );
    assert!(
        msgs[3].starts_with("'func.call' op operand type mismatch: expected operand type '"),
        "{msgs:?}"
    );
    assert!(msgs[3].ends_with("' for operand number 0"), "{msgs:?}");
    assert_eq!(
        msgs[4],
        "'func.call' op incorrect number of results for callee"
    );
    assert_eq!(msgs[5], "'func.call' op result type mismatch at index 0");
    assert_eq!(msgs[6], "'func.call' op requires attribute 'callee'");
    assert_eq!(
        msgs[7],
        "'func.call' op attribute 'callee' failed to satisfy constraint: flat symbol reference attribute"
    );
    assert_eq!(msgs.len(), 8);
    // The result mismatch carries the two type lists as notes.
    let ds = verify_module(&ctx, &m).unwrap_err();
    let notes: Vec<&str> = ds[5].notes.iter().map(|n| n.message.as_str()).collect();
    assert!(notes[0].starts_with("      op result types: "));
    assert!(notes[1].starts_with("function result types: "));
}

#[test]
fn call_indirect_errors() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let (i32t, i64t) = (ctx.i32(), ctx.i64());
        let fty = ctx.function_type(&[i32t], &[i32t]);
        func(
            ctx,
            body,
            blk,
            "f",
            (&[fty, i32t], &[]),
            &[],
            Fill::Body(vec![fty, i32t], &|b, a| {
                b.build("func.call_indirect", &[], &[], &[]);
                b.build("func.call_indirect", &[a[1]], &[], &[]);
                let w = val(b, i64t);
                b.build("func.call_indirect", &[a[0], w], &[i32t], &[]);
                b.build("func.call_indirect", &[a[0]], &[i32t], &[]);
                b.build("func.call_indirect", &[a[0], a[1]], &[i64t], &[]);
                b.build("func.call_indirect", &[a[0], a[1]], &[i32t], &[]);
                ret(b, &[]);
            }),
        );
    });
    let msgs = messages(&ctx, &m);
    assert_eq!(
        msgs[0],
        "'func.call_indirect' op expected 1 or more operands, but found 0"
    );
    assert!(
        msgs[1].starts_with("'func.call_indirect' op operand #0 must be function type, but got '")
    );
    assert_eq!(
        msgs[2],
        "'func.call_indirect' op failed to verify that callee input types match argument types"
    );
    assert_eq!(
        msgs[3],
        "'func.call_indirect' op failed to verify that callee input types match argument types"
    );
    assert_eq!(
        msgs[4],
        "'func.call_indirect' op failed to verify that callee result types match result types"
    );
    assert_eq!(msgs.len(), 5);
}

#[test]
fn constant_errors_and_fold() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        let fty = ctx.function_type(&[], &[]);
        func(
            ctx,
            body,
            blk,
            "f",
            (&[], &[]),
            &[],
            Fill::Body(vec![], &|b, _| {
                let c = |n: &str| b.ctx.symbol_ref_attr(n);
                b.build("func.constant", &[], &[fty], &[("value", c("f"))]);
                b.build("func.constant", &[], &[fty], &[("value", c("nope"))]);
                b.build("func.constant", &[], &[i32t], &[("value", c("f"))]);
                b.build("func.constant", &[], &[fty], &[]);
                b.build(
                    "func.constant",
                    &[],
                    &[fty],
                    &[("value", b.ctx.string_attr("f"))],
                );
                ret(b, &[]);
            }),
        );
    });
    assert_eq!(
        messages(&ctx, &m),
        [
            "'func.constant' op reference to undefined function 'nope'",
            "'func.constant' op reference to function with mismatched type",
            "'func.constant' op requires attribute 'value'",
            "'func.constant' op attribute 'value' failed to satisfy constraint: flat symbol reference attribute",
        ]
    );
    let body = m.region_body();
    let f = body.block_ops(m.block().unwrap()).next().unwrap();
    let fb = body.nested(f).unwrap();
    let entry = fb.entry_block(body.regions(f)[0]).unwrap();
    let c = fb.first_op(entry).unwrap();
    let r = OpRef::new(&ctx, fb, c);
    assert!(ConstantOp::cast(r).is_some());
    let fold = ctx.op_def(fb.name(c)).unwrap().fold.unwrap();
    assert_eq!(
        fold(r, &[]),
        Some(vec![FoldResult::Attr(ctx.symbol_ref_attr("f"))])
    );
    assert!(CallOp::cast(r).is_none());
}

#[test]
fn duplicate_functions() {
    let (ctx, m) = with_module(|ctx, body, blk| {
        for _ in 0..2 {
            func(
                ctx,
                body,
                blk,
                "f",
                (&[], &[]),
                &[],
                Fill::Body(vec![], &|b, a| ret(b, a)),
            );
        }
    });
    assert_eq!(messages(&ctx, &m), ["redefinition of symbol named 'f'"]);
}

#[test]
fn indirect_call_of_constant_canonicalizes_to_call() {
    let (ctx, mut m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        let fty = ctx.function_type(&[i32t], &[i32t]);
        func(
            ctx,
            body,
            blk,
            "id",
            (&[i32t], &[i32t]),
            &[],
            Fill::Body(vec![i32t], &|b, a| ret(b, a)),
        );
        func(
            ctx,
            body,
            blk,
            "f",
            (&[i32t], &[i32t]),
            &[],
            Fill::Body(vec![i32t], &|b, a| {
                let c = b.build_value(
                    "func.constant",
                    &[],
                    fty,
                    &[("value", b.ctx.symbol_ref_attr("id"))],
                );
                let r = b.build_value("func.call_indirect", &[c, a[0]], i32t, &[]);
                ret(b, &[r]);
            }),
        );
    });
    let pattern = ctx
        .op_def_by_name("func.call_indirect")
        .unwrap()
        .canonicalize[0];
    let blk = m.block().unwrap();
    let f = m.region_body().block_op_vec(blk)[1];
    let region = m.region_body().regions(f)[0];
    let fb = m.region_body_mut().nested_mut(f).unwrap();
    let entry = fb.entry_block(region).unwrap();
    let ops = fb.block_op_vec(entry);
    let mut rw = PatternRewriter::new(&ctx, fb);
    rw.set_insertion_point(InsertPoint::Before(ops[1]));
    assert!(pattern.match_and_rewrite(ops[1], &mut rw));
    let ops = fb.block_op_vec(entry);
    let names: Vec<&str> = ops.iter().map(|&o| ctx.op_name_str(fb.name(o))).collect();
    assert_eq!(names, ["func.constant", "func.call", "func.return"]);
    let call = CallOp::cast(OpRef::new(&ctx, fb, ops[1])).unwrap();
    assert_eq!(call.callee(), Some(ctx.symbol_ref_attr("id")));
    assert_eq!(fb.operand_vec(ops[1]).as_slice(), fb.block_args(entry));
    assert_eq!(fb.operand(ops[2], 0), fb.result(ops[1], 0));
    ok(&ctx, &m);
}

#[test]
fn indirect_call_of_argument_is_left_alone() {
    let (ctx, mut m) = with_module(|ctx, body, blk| {
        let i32t = ctx.i32();
        let fty = ctx.function_type(&[], &[i32t]);
        func(
            ctx,
            body,
            blk,
            "f",
            (&[fty], &[]),
            &[],
            Fill::Body(vec![fty], &|b, a| {
                b.build("func.call_indirect", &[a[0]], &[i32t], &[]);
                ret(b, &[]);
            }),
        );
    });
    let pattern = ctx
        .op_def_by_name("func.call_indirect")
        .unwrap()
        .canonicalize[0];
    let blk = m.block().unwrap();
    let f = m.region_body().block_op_vec(blk)[0];
    let region = m.region_body().regions(f)[0];
    let fb = m.region_body_mut().nested_mut(f).unwrap();
    let entry = fb.entry_block(region).unwrap();
    let call = fb.first_op(entry).unwrap();
    let mut rw = PatternRewriter::new(&ctx, fb);
    rw.set_insertion_point(InsertPoint::Before(call));
    assert!(!pattern.match_and_rewrite(call, &mut rw));
    assert!(!rw.has_changes());
}

#[test]
fn constants_are_materialized() {
    let (ctx, mut m) = with_module(|_, _, _| {});
    let blk = m.block().unwrap();
    let materialize = ctx
        .op_def_by_name("func.constant")
        .unwrap()
        .materialize_constant
        .unwrap();
    let fty = ctx.function_type(&[], &[]);
    let mut b = OpBuilder::at_end(&ctx, m.region_body_mut(), blk);
    let v = materialize(&mut b, ctx.symbol_ref_attr("g"), fty).unwrap();
    let op = b.body.defining_op(v).unwrap();
    assert_eq!(ctx.op_name_str(b.body.name(op)), "func.constant");
    assert!(materialize(&mut b, ctx.symbol_ref_attr("g"), ctx.i32()).is_none());
    assert!(materialize(&mut b, ctx.int_attr(1, ctx.i32()), fty).is_none());
}
