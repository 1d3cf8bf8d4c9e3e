//! Control flow and limits: calls (direct, indirect, recursive), CFG loops with block
//! arguments, region ops, fuel exhaustion on a self-looping CFG, the call-depth limit, ops
//! without semantics and other located errors.

mod common;

use common::*;
use strata_dialect_arith::CmpIPredicate;
use strata_interp::{Interpreter, Tensor};
use strata_ir::{AttrKind, Attribute, Context, Module};

fn segments(ctx: &Context, s: &[i32]) -> Attribute {
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.i32(),
        len: s.len() as u32,
        data: s.iter().flat_map(|x| x.to_le_bytes()).collect(),
    })
}

fn i64c(ctx: &Context, v: i64) -> Attribute {
    ctx.int_attr(v as i128, ctx.i64())
}

#[test]
fn direct_call() {
    let ctx = strata::default_context();
    let i64t = ctx.i64();
    let mut m = Module::new(&ctx);
    add_func(&ctx, &mut m, "double", &[i64t], &[i64t], |b, a| {
        let s = b.v("arith.addi", &[a[0], a[0]], i64t, &[]);
        b.ret(&[s]);
    });
    add_func(&ctx, &mut m, "f", &[i64t], &[i64t, i64t], |b, a| {
        let r = b.op(
            "func.call",
            &[a[0]],
            &[i64t],
            &[("callee", ctx.symbol_ref_attr("double"))],
        );
        let r2 = b.op(
            "func.call",
            &[r[0]],
            &[i64t],
            &[("callee", ctx.symbol_ref_attr("double"))],
        );
        b.ret(&[r[0], r2[0]]);
    });
    let out = run(&ctx, &m, &[Tensor::scalar(21i64)]).unwrap();
    assert_eq!(out, vec![Tensor::scalar(42i64), Tensor::scalar(84i64)]);
}

/// `@fact(n) = n <= 1 ? 1 : n * fact(n - 1)` with `cf.cond_br`.
fn factorial_module(ctx: &Context) -> Module {
    let i64t = ctx.i64();
    let mut m = Module::new(ctx);
    add_func(ctx, &mut m, "f", &[i64t], &[i64t], |b, a| {
        let one = b.constant(i64c(ctx, 1), i64t);
        let c = b.v(
            "arith.cmpi",
            &[a[0], one],
            ctx.i1(),
            &[("predicate", CmpIPredicate::Sle.attr(ctx))],
        );
        let (base, _) = b.block(&[]);
        let (rec, _) = b.block(&[]);
        b.op_with(
            "cf.cond_br",
            &[c],
            &[],
            &[("operandSegmentSizes", segments(ctx, &[1, 0, 0]))],
            &[base, rec],
        );
        b.at(base);
        b.ret(&[one]);
        b.at(rec);
        let n1 = b.v("arith.subi", &[a[0], one], i64t, &[]);
        let r = b.op(
            "func.call",
            &[n1],
            &[i64t],
            &[("callee", ctx.symbol_ref_attr("f"))],
        );
        let p = b.v("arith.muli", &[a[0], r[0]], i64t, &[]);
        b.ret(&[p]);
    });
    m
}

#[test]
fn recursion_and_depth_limit() {
    let ctx = strata::default_context();
    let m = factorial_module(&ctx);
    let out = run(&ctx, &m, &[Tensor::scalar(10i64)]).unwrap();
    assert_eq!(out, vec![Tensor::scalar(3_628_800i64)]);
    // 1000 nested calls exceed the default depth: a diagnostic, not a stack overflow.
    let d = Interpreter::new(&ctx, &m)
        .run("f", &[Tensor::scalar(1000i64)])
        .unwrap_err();
    assert!(
        d.message.contains("call depth limit of 128"),
        "{}",
        d.message
    );
    assert!(!d.notes.is_empty() && d.notes[0].message == "called from here");
    let shallow = Interpreter::new(&ctx, &m).with_max_depth(5);
    // Five nested activations are allowed, six are not.
    assert!(shallow.run("f", &[Tensor::scalar(5i64)]).is_ok());
    assert!(shallow.run("f", &[Tensor::scalar(6i64)]).is_err());
}

#[test]
fn cfg_loop_with_block_arguments() {
    // sum = 0; for i in 0..n { sum += i }
    let ctx = strata::default_context();
    let i64t = ctx.i64();
    let m = single(&ctx, &[i64t], &[i64t], |b, a| {
        let zero = b.constant(i64c(&ctx, 0), i64t);
        let (head, h) = b.block(&[i64t, i64t]);
        let (body, bv) = b.block(&[i64t, i64t]);
        let (exit, ev) = b.block(&[i64t]);
        b.op_with("cf.br", &[zero, zero], &[], &[], &[head]);
        b.at(head);
        let c = b.v(
            "arith.cmpi",
            &[h[0], a[0]],
            ctx.i1(),
            &[("predicate", CmpIPredicate::Slt.attr(&ctx))],
        );
        b.op_with(
            "cf.cond_br",
            &[c, h[0], h[1], h[1]],
            &[],
            &[("operandSegmentSizes", segments(&ctx, &[1, 2, 1]))],
            &[body, exit],
        );
        b.at(body);
        let one = b.constant(i64c(&ctx, 1), i64t);
        let s = b.v("arith.addi", &[bv[1], bv[0]], i64t, &[]);
        let i = b.v("arith.addi", &[bv[0], one], i64t, &[]);
        b.op_with("test.br", &[i, s], &[], &[], &[head]);
        b.at(exit);
        b.ret(&[ev[0]]);
    });
    let out = run(&ctx, &m, &[Tensor::scalar(100i64)]).unwrap();
    assert_eq!(out, vec![Tensor::scalar(4950i64)]);
    // Each iteration costs 6 ops: a small budget runs out, with the step count in the message.
    let d = Interpreter::new(&ctx, &m)
        .with_fuel(50)
        .run("f", &[Tensor::scalar(100i64)])
        .unwrap_err();
    assert!(
        d.message.contains("fuel exhausted after 50 steps"),
        "{}",
        d.message
    );
}

#[test]
fn fuel_stops_a_self_loop() {
    let ctx = strata::default_context();
    let m = single(&ctx, &[], &[], |b, _| {
        let (l, _) = b.block(&[]);
        b.op_with("test.br", &[], &[], &[], &[l]);
        b.at(l);
        b.op_with("test.br", &[], &[], &[], &[l]);
    });
    let d = Interpreter::new(&ctx, &m)
        .with_fuel(10_000)
        .run("f", &[])
        .unwrap_err();
    assert!(
        d.message.contains("fuel exhausted after 10000 steps"),
        "{}",
        d.message
    );
}

#[test]
fn ops_without_semantics_are_located_errors() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    let m = single(&ctx, &[i32t], &[i32t], |b, a| {
        let mut st = strata_ir::OperationState::new(
            b.ctx,
            b.ctx.op_name("test.pure"),
            b.ctx.file_loc("in.mlir", 3, 7),
        );
        st.operands = vec![a[0]];
        st.result_types = vec![i32t];
        let op = b.body.create_op(st);
        b.body.append_op(b.block, op);
        let r = b.body.result(op, 0);
        b.ret(&[r]);
    });
    let d = Interpreter::new(&ctx, &m)
        .run("f", &[Tensor::scalar(1i32)])
        .unwrap_err();
    assert_eq!(d.message, "op 'test.pure' is not interpretable");
    assert_eq!(ctx.loc_file_line_col(d.loc), Some(("in.mlir", 3, 7)));
    assert!(!strata_interp::is_interpretable("test.pure"));
    assert!(strata_interp::is_interpretable("arith.addi"));

    let cast = one_op(
        &ctx,
        "builtin.unrealized_conversion_cast",
        &[i32t],
        &[ctx.i64()],
        &[],
    );
    let e = run(&ctx, &cast, &[Tensor::scalar(1i32)]).unwrap_err();
    assert!(e.contains("unrealized conversion cast"), "{e}");
}

#[test]
fn indirect_calls_and_regions() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    let fty = ctx.function_type(&[i32t], &[i32t]);
    let mut m = Module::new(&ctx);
    add_func(&ctx, &mut m, "neg", &[i32t], &[i32t], |b, a| {
        let z = b.constant(ctx.int_attr(0, i32t), i32t);
        let r = b.v("arith.subi", &[z, a[0]], i32t, &[]);
        b.ret(&[r]);
    });
    add_func(&ctx, &mut m, "f", &[i32t], &[i32t], |b, a| {
        let f = b.v(
            "func.constant",
            &[],
            fty,
            &[("value", ctx.symbol_ref_attr("neg"))],
        );
        let r = b.op("func.call_indirect", &[f, a[0]], &[i32t], &[]);
        // test.region: a region that uses values from above and yields a result.
        let mut st = strata_ir::OperationState::new(
            b.ctx,
            b.ctx.op_name("test.region"),
            b.ctx.unknown_loc(),
        );
        st.result_types = vec![i32t];
        let region = st.add_region(b.body);
        let inner = b.body.create_block();
        b.body.append_block(region, inner);
        let op = b.body.create_op(st);
        b.body.append_op(b.block, op);
        let outer = b.block;
        b.at(inner);
        let d = b.v("arith.muli", &[r[0], r[0]], i32t, &[]);
        b.op("test.yield", &[d], &[], &[]);
        b.at(outer);
        let res = b.body.result(op, 0);
        b.ret(&[res]);
    });
    let out = run(&ctx, &m, &[Tensor::scalar(-7i32)]).unwrap();
    assert_eq!(out, vec![Tensor::scalar(49i32)]);
}

#[test]
fn missing_functions_and_declarations() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    let mut m = Module::new(&ctx);
    // An external declaration: a function with an empty region.
    let fty = ctx.function_type(&[], &[i32t]);
    let mut st = strata_ir::OperationState::new(&ctx, ctx.op_name("func.func"), ctx.unknown_loc());
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr("ext")),
        ("function_type", ctx.type_attr(fty)),
        ("sym_visibility", ctx.string_attr("private")),
    ]));
    let block = m.block().unwrap();
    let body = m.region_body_mut();
    st.add_region(body);
    let op = body.create_op(st);
    body.append_op(block, op);
    add_func(&ctx, &mut m, "f", &[], &[i32t], |b, _| {
        let r = b.op(
            "func.call",
            &[],
            &[i32t],
            &[("callee", ctx.symbol_ref_attr("ext"))],
        );
        b.ret(&r);
    });
    add_func(&ctx, &mut m, "g", &[], &[i32t], |b, _| {
        let r = b.op(
            "func.call",
            &[],
            &[i32t],
            &[("callee", ctx.symbol_ref_attr("nope"))],
        );
        b.ret(&r);
    });
    let e = run(&ctx, &m, &[]).unwrap_err();
    assert!(e.contains("external declaration"), "{e}");
    let d = Interpreter::new(&ctx, &m).run("g", &[]).unwrap_err();
    assert!(d.message.contains("does not resolve"), "{}", d.message);
    let d = Interpreter::new(&ctx, &m).run("h", &[]).unwrap_err();
    assert!(d.message.contains("no function named @h"), "{}", d.message);
}

#[test]
fn element_limit_applies_to_constants() {
    let ctx = strata::default_context();
    let t = tn(&[4, 4], &[1.0f32; 16]);
    let ty = t.ir_type(&ctx, false);
    let m = single(&ctx, &[], &[ty], |b, _| {
        let c = b.constant(t.to_dense_attr(&ctx), ty);
        b.ret(&[c]);
    });
    assert!(Interpreter::new(&ctx, &m).run("f", &[]).is_ok());
    let d = Interpreter::new(&ctx, &m)
        .with_max_elements(8)
        .run("f", &[])
        .unwrap_err();
    assert!(
        d.message.contains("more than the limit of 8"),
        "{}",
        d.message
    );
}
