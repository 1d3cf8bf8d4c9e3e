//! `graph.if` with a run-time condition as real control flow at the tensor level: the
//! condition's one element is read with `tensor.extract`, and the two regions move into a
//! `loop.if` whose results are tensors (as MLIR's `scf.if` on tensors before
//! bufferization). Only the taken region runs: nothing is evaluated speculatively, so an
//! untaken branch that would index out of bounds or divide by zero is harmless
//! (`docs/lowering.md`, the tensor level). The graph ops inside the regions are converted
//! where they now stand, like any others.
//!
//! ```mlir
//! %r = "graph.if"(%cond) ({ ... "graph.yield"(%a) ... }, { ... "graph.yield"(%b) ... })
//!        : (tensor<i1>) -> tensor<5xf32>
//! // becomes
//! %c = "tensor.extract"(%cond) : (tensor<i1>) -> i1
//! %r = "loop.if"(%c) ({ ... "loop.yield"(%a) ... }, { ... "loop.yield"(%b) ... })
//!        : (i1) -> tensor<5xf32>
//! ```
//!
//! Every result must be a tensor of static shape and signless element type that both
//! regions yield with exactly that type (no shape that depends on the branch taken); the
//! condition a tensor of `i1` with one element. Anything else is refused with the reason.

use crate::build::shape_of;
use strata_ir::{Body, Context, InsertPoint, Op, OperationState, TypeKind, Value};

/// Convert the `graph.if` `op`, or say why not (nothing changed then).
pub fn convert_if(ctx: &Context, body: &mut Body, op: Op) -> Result<(), String> {
    let operands: Vec<Value> = body.operands(op).collect();
    let [cond] = operands[..] else {
        return Err(format!("expects one condition, has {}", operands.len()));
    };
    let ct = body.value_type(cond);
    let cshape = match ctx.type_kind(ct) {
        TypeKind::RankedTensor { shape, elem, .. }
            if matches!(ctx.type_kind(*elem), TypeKind::Integer { width: 1, .. })
                && shape.iter().all(|&d| d == 1) =>
        {
            shape.to_vec()
        }
        _ => {
            return Err(format!(
                "the condition must be a static tensor of i1 with one element, but is {}",
                strata_ir::text::print_type(ctx, ct)
            ))
        }
    };
    let results = body.results(op).to_vec();
    let rtypes: Vec<_> = results.iter().map(|&r| body.value_type(r)).collect();
    for (i, &t) in rtypes.iter().enumerate() {
        let signless = match ctx.type_kind(t) {
            TypeKind::RankedTensor { elem, .. } => !matches!(
                ctx.type_kind(*elem),
                TypeKind::Integer {
                    signedness: strata_ir::Signedness::Unsigned,
                    ..
                }
            ),
            _ => false,
        };
        if shape_of(ctx, t).is_none() || !signless {
            return Err(format!(
                "result #{i} is {}: only tensors of static shape and signless element type \
                 convert",
                strata_ir::text::print_type(ctx, t)
            ));
        }
    }
    let regions = body.regions(op).to_vec();
    let [then_r, else_r] = regions[..] else {
        return Err(format!("expects two regions, has {}", regions.len()));
    };
    let mut yields = Vec::new();
    for (r, what) in [(then_r, "then"), (else_r, "else")] {
        let blocks = body.region_blocks(r).to_vec();
        let [b] = blocks[..] else {
            return Err(format!(
                "the {what} region must have one block, but has {}",
                blocks.len()
            ));
        };
        let Some(y) = body
            .last_op(b)
            .filter(|&y| ctx.op_name_str(body.name(y)) == "graph.yield")
        else {
            return Err(format!("the {what} region does not end with 'graph.yield'"));
        };
        let ytypes: Vec<_> = body.operands(y).map(|v| body.value_type(v)).collect();
        if ytypes != rtypes {
            let show = |ts: &[strata_ir::Type]| {
                ts.iter()
                    .map(|&t| strata_ir::text::print_type(ctx, t))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            return Err(format!(
                "the {what} region yields ({}), but the results are ({}): both regions must \
                 yield the static result types (a shape that depends on the branch taken \
                 cannot be compiled)",
                show(&ytypes),
                show(&rtypes)
            ));
        }
        yields.push(y);
    }
    let loc = body.op(op).loc;
    let index = ctx.index_type();
    let mut idx = Vec::with_capacity(cshape.len());
    for _ in &cshape {
        let mut st = OperationState::new(ctx, ctx.op_name("arith.constant"), loc);
        st.result_types = vec![index];
        st.props = Some(ctx.dict_attr(&[("value", ctx.int_attr(0, index))]));
        let c = body.create_op(st);
        body.insert_op(c, InsertPoint::Before(op));
        idx.push(body.result(c, 0));
    }
    let mut st = OperationState::new(ctx, ctx.op_name("tensor.extract"), loc);
    st.operands = std::iter::once(cond).chain(idx).collect();
    st.result_types = vec![ctx.int_type(1)];
    let ex = body.create_op(st);
    body.insert_op(ex, InsertPoint::Before(op));
    let c = body.result(ex, 0);
    let mut st = OperationState::new(ctx, ctx.op_name("loop.if"), loc);
    st.operands = vec![c];
    st.result_types = rtypes;
    let new_then = st.add_region(body);
    let new_else = st.add_region(body);
    body.inline_region(then_r, new_then, 0);
    body.inline_region(else_r, new_else, 0);
    let new_if = body.create_op(st);
    body.insert_op(new_if, InsertPoint::Before(op));
    for y in yields {
        let vals: Vec<Value> = body.operands(y).collect();
        let mut st = OperationState::new(ctx, ctx.op_name("loop.yield"), body.op(y).loc);
        st.operands = vals;
        let ny = body.create_op(st);
        body.insert_op(ny, InsertPoint::Before(y));
        body.erase_op(y);
    }
    let new_results = body.results(new_if).to_vec();
    for (old, new) in results.into_iter().zip(new_results) {
        body.replace_all_uses(old, new);
    }
    body.erase_op(op);
    Ok(())
}
