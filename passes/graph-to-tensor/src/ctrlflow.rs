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
//!
//! A counted `graph.loop` whose trip count is known only at run time (left by
//! `unroll-regions`: no early exit, no scan outputs) becomes a `loop.for` over
//! `0 .. max(M, 0)` carrying its tensors ([`convert_loop`]); the iteration argument is the
//! induction variable as a `tensor<i64>` (`tensor.fill`), the condition argument the
//! constant true.

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
        if !static_signless(ctx, t) {
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

/// Convert a counted `graph.loop` (left by `unroll-regions`: run-time trip count, no early
/// exit, no scan outputs) into a `loop.for` over `0 .. max(M, 0)` carrying its tensors; the
/// body's iteration argument is the induction variable as a `tensor<i64>`, its condition
/// argument the constant true. Or say why not (nothing changed then).
pub fn convert_loop(ctx: &Context, body: &mut Body, op: Op) -> Result<(), String> {
    let operands: Vec<Value> = body.operands(op).collect();
    if operands.len() < 2 {
        return Err("expects a trip count and a condition".into());
    }
    let (trip, carried) = (operands[0], &operands[2..]);
    let tt = body.value_type(trip);
    let tshape = match ctx.type_kind(tt) {
        TypeKind::RankedTensor { shape, elem, .. }
            if matches!(ctx.type_kind(*elem), TypeKind::Integer { width: 64, .. })
                && shape.iter().all(|&d| d == 1) =>
        {
            shape.to_vec()
        }
        _ => {
            return Err(format!(
                "the trip count must be a static tensor of i64 with one element, but is {}",
                strata_ir::text::print_type(ctx, tt)
            ))
        }
    };
    let results = body.results(op).to_vec();
    let ctypes: Vec<_> = carried.iter().map(|&v| body.value_type(v)).collect();
    let rtypes: Vec<_> = results.iter().map(|&r| body.value_type(r)).collect();
    if rtypes != ctypes {
        return Err(
            "only a loop without scan outputs whose results have the types of its carried \
             values converts (a loop with a run-time trip count left by unroll-regions)"
                .into(),
        );
    }
    for (i, &t) in rtypes.iter().enumerate() {
        if !static_signless(ctx, t) {
            return Err(format!(
                "carried value #{i} is {}: only tensors of static shape and signless element \
                 type convert",
                strata_ir::text::print_type(ctx, t)
            ));
        }
    }
    let Some(&region) = body.regions(op).first() else {
        return Err("expects a body region".into());
    };
    let blocks = body.region_blocks(region).to_vec();
    let [old] = blocks[..] else {
        return Err(format!(
            "the body must have one block, but has {}",
            blocks.len()
        ));
    };
    let Some(y) = body
        .last_op(old)
        .filter(|&y| ctx.op_name_str(body.name(y)) == "graph.yield")
    else {
        return Err("the body does not end with 'graph.yield'".into());
    };
    let args = body.block_args(old).to_vec();
    let yielded: Vec<Value> = body.operands(y).collect();
    if args.len() != 2 + carried.len() || yielded.len() != 1 + carried.len() {
        return Err("the body's arguments or yielded values do not match".into());
    }
    // No early exit: the loop runs exactly max(M, 0) iterations (what unroll-regions
    // leaves; any other loop reaching this conversion is refused, never run as a counted
    // loop with its condition ignored).
    let is_true = |body: &Body, v: Value| {
        crate::unroll::const_of(ctx, body, v)
            .is_some_and(|d| d.num_elements() == 1 && d.int(0).is_some_and(|x| x != 0))
    };
    if !is_true(body, operands[1]) || !(yielded[0] == args[1] || is_true(body, yielded[0])) {
        return Err(
            "only a loop without an early exit converts (its initial condition the constant \
             true and its body yielding true or its condition unchanged): the loop dialect \
             has no while loop"
                .into(),
        );
    }
    let ytypes: Vec<_> = yielded[1..].iter().map(|&v| body.value_type(v)).collect();
    let atypes: Vec<_> = args[2..].iter().map(|&v| body.value_type(v)).collect();
    if ytypes != rtypes || atypes != rtypes {
        return Err(
            "the body's carried arguments and yielded values must have the static result \
             types"
                .into(),
        );
    }
    let loc = body.op(op).loc;
    let index = ctx.index_type();
    let i64t = ctx.int_type(64);
    let mk = |body: &mut Body, name: &str, ops: &[Value], ty: Option<_>, props, at| {
        let mut st = OperationState::new(ctx, ctx.op_name(name), loc);
        st.operands = ops.to_vec();
        st.result_types = ty.into_iter().collect();
        st.props = props;
        let o = body.create_op(st);
        body.insert_op(o, at);
        body.results(o).first().copied()
    };
    let cst = |body: &mut Body, v: i128, ty, at| {
        let props = Some(ctx.dict_attr(&[("value", ctx.int_attr(v, ty))]));
        mk(body, "arith.constant", &[], Some(ty), props, at).expect("a constant has a result")
    };
    let before = InsertPoint::Before(op);
    let mut idx = Vec::with_capacity(tshape.len());
    for _ in &tshape {
        idx.push(cst(body, 0, index, before));
    }
    let mut ex_ops = vec![trip];
    ex_ops.extend(idx);
    let m = mk(body, "tensor.extract", &ex_ops, Some(i64t), None, before)
        .expect("an extract has a result");
    let ub =
        mk(body, "arith.index_cast", &[m], Some(index), None, before).expect("a cast has a result");
    let lb = cst(body, 0, index, before);
    let step = cst(body, 1, index, before);
    // The new body block: (iv, carried...), the old block's ops moved into it.
    let nb = body.create_block();
    let iv = body.add_block_arg(nb, index);
    let mut new_args = Vec::with_capacity(rtypes.len());
    for &t in &rtypes {
        new_args.push(body.add_block_arg(nb, t));
    }
    for o in body.block_op_vec(old) {
        body.move_op(o, InsertPoint::End(nb));
    }
    let first = body.first_op(nb).expect("the yield at least");
    let at = InsertPoint::Before(first);
    if body.has_uses(args[0]) {
        let i =
            mk(body, "arith.index_cast", &[iv], Some(i64t), None, at).expect("a cast has a result");
        let t = ctx.tensor_type(&[], i64t);
        let e = mk(body, "tensor.empty", &[], Some(t), None, at).expect("an empty has a result");
        let f = mk(body, "tensor.fill", &[i, e], Some(t), None, at).expect("a fill has a result");
        body.replace_all_uses(args[0], f);
    }
    mk(
        body,
        "loop.yield",
        &yielded[1..],
        None,
        None,
        InsertPoint::Before(y),
    );
    body.erase_op(y);
    if body.has_uses(args[1]) {
        let t = ctx.tensor_type(&[], ctx.i1());
        let value = strata_dialect_graph::dense::dense_attr(
            ctx,
            t,
            &strata_dialect_graph::dense::Values::Int(vec![1]),
        )
        .expect("a bool scalar encodes");
        let props = Some(ctx.dict_attr(&[("value", value)]));
        let c =
            mk(body, "arith.constant", &[], Some(t), props, at).expect("a constant has a result");
        body.replace_all_uses(args[1], c);
    }
    for (&a, &n) in args[2..].iter().zip(&new_args) {
        body.replace_all_uses(a, n);
    }
    let mut st = OperationState::new(ctx, ctx.op_name("loop.for"), loc);
    st.operands = [lb, ub, step]
        .into_iter()
        .chain(carried.iter().copied())
        .collect();
    st.result_types = rtypes;
    let nr = st.add_region(body);
    body.append_block(nr, nb);
    let new_for = body.create_op(st);
    body.insert_op(new_for, before);
    let news = body.results(new_for).to_vec();
    for (old_r, new_r) in results.into_iter().zip(news) {
        body.replace_all_uses(old_r, new_r);
    }
    body.erase_op(op);
    // The constant initial condition, when nothing else reads it.
    if let Some(d) = body.defining_op(operands[1]) {
        let dn = ctx.op_name_str(body.name(d));
        if matches!(dn, "graph.constant" | "arith.constant") && !body.has_uses(operands[1]) {
            body.erase_op(d);
        }
    }
    Ok(())
}

/// Whether `t` is a tensor of static shape and signless (or float) element type.
fn static_signless(ctx: &Context, t: strata_ir::Type) -> bool {
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
    signless && shape_of(ctx, t).is_some()
}
