//! The verifier on built IR: inferred versus declared result types, optional trailing
//! results, generic constraints, attributes given as discardable attributes, and
//! MLIR-style messages.

mod common;

use common::{ctx, props, t, A};
use strata_ir::verify::verify_op;
use strata_ir::{Attribute, Body, Context, OpBuilder, OperationState};

/// Build `graph.<op>` on block arguments of types `inputs` with declared `results` and
/// verify it; returns the error messages.
fn verify(op: &str, inputs: &[&str], results: &[&str], attrs: &[(&str, A<'_>)]) -> Vec<String> {
    let ctx = ctx();
    verify_in(&ctx, op, inputs, results, attrs, false)
}

fn verify_in(
    ctx: &Context,
    op: &str,
    inputs: &[&str],
    results: &[&str],
    attrs: &[(&str, A<'_>)],
    discardable: bool,
) -> Vec<String> {
    let mut body = Body::new();
    let block = body.create_block();
    let args: Vec<_> = inputs
        .iter()
        .map(|s| body.add_block_arg(block, t(ctx, s)))
        .collect();
    let p = props(ctx, attrs);
    let p: Vec<(&str, Attribute)> = p.iter().map(|(n, a)| (n.as_str(), *a)).collect();
    let mut st = OperationState::new(ctx, ctx.op_name(&format!("graph.{op}")), ctx.unknown_loc());
    st.operands = args;
    st.result_types = results.iter().map(|s| t(ctx, s)).collect();
    if !p.is_empty() {
        if discardable {
            st.attrs = Some(ctx.dict_attr(&p));
        } else {
            st.props = Some(ctx.dict_attr(&p));
        }
    }
    let mut b = OpBuilder::at_end(ctx, &mut body, block);
    let o = b.create(st);
    match verify_op(ctx, &body, o, None) {
        Ok(()) => Vec::new(),
        Err(ds) => ds.into_iter().map(|d| d.message).collect(),
    }
}

#[track_caller]
fn valid(op: &str, inputs: &[&str], results: &[&str], attrs: &[(&str, A<'_>)]) {
    assert_eq!(verify(op, inputs, results, attrs), Vec::<String>::new());
}

#[track_caller]
fn invalid(op: &str, inputs: &[&str], results: &[&str], attrs: &[(&str, A<'_>)], needle: &str) {
    let msgs = verify(op, inputs, results, attrs);
    assert_eq!(
        msgs.len(),
        1,
        "expected one error for graph.{op}, got {msgs:?}"
    );
    assert!(
        msgs[0].starts_with(&format!("'graph.{op}' op ")),
        "message {:?} lacks the op prefix",
        msgs[0]
    );
    assert!(
        msgs[0].contains(needle),
        "{:?} does not contain {needle:?}",
        msgs[0]
    );
}

#[test]
fn declared_results_must_be_compatible() {
    valid("add", &["2x3xf32", "3xf32"], &["2x3xf32"], &[]);
    // More and less static than inferred are both accepted.
    valid("add", &["2x3xf32", "3xf32"], &["?x3xf32"], &[]);
    valid("add", &["?x3xf32", "3xf32"], &["4x3xf32"], &[]);
    invalid(
        "add",
        &["2x3xf32", "3xf32"],
        &["2x4xf32"],
        &[],
        "inferred type(s)",
    );
    invalid(
        "add",
        &["2x3xf32", "3xf32"],
        &["2x3xf16"],
        &[],
        "are incompatible with return type(s)",
    );
    invalid(
        "add",
        &["2x3xf32", "3xf32"],
        &["6xf32"],
        &[],
        "incompatible",
    );
    invalid(
        "equal",
        &["2xf32", "2xf32"],
        &["2xf32"],
        &[],
        "incompatible",
    );
    invalid("relu", &["4xf32"], &["4xf32", "4xf32"], &[], "result");
}

#[test]
fn inference_errors_are_op_errors() {
    invalid(
        "add",
        &["2x3xf32", "4xf32"],
        &["2x3xf32"],
        &[],
        "broadcast-compatible",
    );
    invalid(
        "softmax",
        &["4x10xf32"],
        &["4x10xf32"],
        &[("axis", A::Int(5))],
        "out of range",
    );
    invalid(
        "conv",
        &["1x3x8x8xf32", "4x2x3x3xf32"],
        &["1x4x6x6xf32"],
        &[],
        "input channels",
    );
}

#[test]
fn generic_constraints_come_first() {
    invalid(
        "exp",
        &["4xi32"],
        &["4xf32"],
        &[],
        "operand #0 must be ranked tensor of floating-point values",
    );
    invalid(
        "add",
        &["4xf32"],
        &["4xf32"],
        &[],
        "expected 2 operands, but found 1",
    );
    invalid(
        "reshape",
        &["4xf32"],
        &["4xf32"],
        &[],
        "requires attribute 'shape'",
    );
    invalid(
        "softmax",
        &["4xf32"],
        &["4xf32"],
        &[("axis", A::S("last"))],
        "attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute",
    );
    invalid(
        "transpose",
        &["4xf32"],
        &["4xf32"],
        &[("perm", A::Int(0))],
        "i64 dense array attribute",
    );
}

#[test]
fn optional_trailing_results() {
    let p = [("kernel_shape", A::Ints(&[2, 2]))];
    valid("max_pool", &["1x1x4x4xf32"], &["1x1x3x3xf32"], &p);
    valid(
        "max_pool",
        &["1x1x4x4xf32"],
        &["1x1x3x3xf32", "1x1x3x3xi64"],
        &p,
    );
    invalid(
        "max_pool",
        &["1x1x4x4xf32"],
        &["1x1x3x3xf32", "1x1x3x3xi32"],
        &p,
        "incompatible",
    );
    valid("dropout", &["2x8xf32"], &["2x8xf32"], &[]);
    valid("dropout", &["2x8xf32"], &["2x8xf32", "2x8xi1"], &[]);
}

#[test]
fn variadic_results_of_split() {
    let p = [("num_outputs", A::Int(2))];
    valid("split", &["4x6xf32"], &["2x6xf32", "2x6xf32"], &p);
    invalid(
        "split",
        &["4x6xf32"],
        &["2x6xf32"],
        &p,
        "expected 2 results, but found 1",
    );
    invalid(
        "split",
        &["4x6xf32"],
        &["2x6xf32", "2x6xf32", "0x6xf32"],
        &p,
        "expected 2 results, but found 3",
    );
}

#[test]
fn attributes_may_be_discardable() {
    let ctx = ctx();
    let p = [("axes", A::Ints(&[0])), ("keepdims", A::Int(0))];
    assert_eq!(
        verify_in(&ctx, "reduce_sum", &["2x3xf32"], &["3xf32"], &p, true),
        Vec::<String>::new()
    );
    let msgs = verify_in(&ctx, "reduce_sum", &["2x3xf32"], &["1x3xf32"], &p, true);
    assert_eq!(msgs.len(), 1);
}

#[test]
fn constants() {
    let ctx = ctx();
    let mut body = Body::new();
    let block = body.create_block();
    let ty = t(&ctx, "2xf32");
    let value = strata_dialect_graph::dense::dense_attr(
        &ctx,
        ty,
        &strata_dialect_graph::dense::Values::Float(vec![1.0, 2.0]),
    )
    .unwrap();
    let mut b = OpBuilder::at_end(&ctx, &mut body, block);
    let good = b.build("graph.constant", &[], &[ty], &[("value", value)]);
    let bad = b.build(
        "graph.constant",
        &[],
        &[t(&ctx, "?xf32")],
        &[("value", value)],
    );
    let junk = b.build(
        "graph.constant",
        &[],
        &[ty],
        &[("value", ctx.string_attr("x"))],
    );
    assert!(verify_op(&ctx, &body, good, None).is_ok());
    let msg = |op| {
        verify_op(&ctx, &body, op, None)
            .unwrap_err()
            .remove(0)
            .message
    };
    assert!(msg(bad).contains("does not match the result type"));
    assert!(msg(junk).contains("dense elements or dense resource attribute"));
}

#[test]
fn build_infers_result_types() {
    let ctx = ctx();
    let mut body = Body::new();
    let block = body.create_block();
    let x = body.add_block_arg(block, t(&ctx, "2x3xf32"));
    let mut b = OpBuilder::at_end(&ctx, &mut body, block);
    let perm = strata_dialect_graph::attr::i64_array_attr(&ctx, &[1, 0]);
    let op =
        strata_dialect_graph::build(&mut b, "graph.transpose", &[x], &[("perm", perm)]).unwrap();
    let r = body.result(op, 0);
    assert_eq!(common::show(&ctx, body.value_type(r)), "3x2xf32");
    assert!(verify_op(&ctx, &body, op, None).is_ok());
    let mut b = OpBuilder::at_end(&ctx, &mut body, block);
    let bad = strata_dialect_graph::build(
        &mut b,
        "graph.transpose",
        &[x],
        &[(
            "perm",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[0]),
        )],
    );
    assert!(bad.unwrap_err().contains("not a permutation"));
}

#[test]
fn dialect_is_complete() {
    let ctx = ctx();
    let d = &strata_dialect_graph::DIALECT;
    assert_eq!(d.ops.len(), 124);
    for def in d.ops {
        assert!(def.name.starts_with("graph."));
        assert!(!def.summary.is_empty(), "{} has no summary", def.name);
        assert!(
            def.description.contains("```mlir"),
            "{} has no example",
            def.name
        );
        assert!(
            def.description.contains("\"graph."),
            "{} example is not generic",
            def.name
        );
        // Region ops take their result types from their regions: no inference.
        let region_op = def.regions != strata_ir::Arity::Exactly(0);
        assert!(
            def.verify.is_some() && (def.infer.is_some() || region_op),
            "{}",
            def.name
        );
        assert!(def.has(strata_ir::Traits::PURE), "{} is not pure", def.name);
        assert!(ctx.op_def_by_name(def.name).is_some());
    }
}
