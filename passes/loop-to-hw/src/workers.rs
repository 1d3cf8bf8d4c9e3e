//! Restructuring of `loop.parallel` nests: splitting the innermost dimension off a
//! multi-dimensional loop (so the vectoriser sees a one-dimensional innermost loop) and
//! mapping outermost parallel loops onto workers (`hw.parallel`).

use strata_dialect_tensor::util::i32_array_attr;
use strata_ir::{Body, Context, InsertPoint, Op, OpBuilder, OpRef, OperationState, Value};

/// `(n, k)` of a `loop.parallel`.
pub(crate) fn parallel_dims(ctx: &Context, body: &Body, p: Op) -> Option<(usize, usize)> {
    strata_dialect_loop::ParallelOp(OpRef::new(ctx, body, p))
        .dims()
        .ok()
}

fn set_segments(ctx: &Context, body: &mut Body, p: Op, n: usize) {
    let n = i32::try_from(n).expect("a loop has fewer than 2^31 dimensions");
    let seg = i32_array_attr(ctx, &[n, n, n, 0]);
    body.op_mut(p).props = ctx.dict_attr(&[("operandSegmentSizes", seg)]);
}

/// The body block of a verified region op and its terminator.
fn body_block(body: &Body, op: Op) -> (strata_ir::Block, Op) {
    let region = body.regions(op)[0];
    let block = body.region_blocks(region)[0];
    let term = body
        .last_op(block)
        .expect("a verified loop body ends in its terminator");
    (block, term)
}

/// Move every op of `from` before its terminator to the end of `to`.
fn move_body(body: &mut Body, from: strata_ir::Block, term: Op, to: strata_ir::Block) {
    for o in body.block_op_vec(from) {
        if o == term {
            break;
        }
        body.move_op(o, InsertPoint::End(to));
    }
}

/// A new one-block region op `name` with bounds `(lb, ub, step)` and an `index` block
/// argument, not yet inserted; returns the op, its block and the argument.
fn new_loop(
    ctx: &Context,
    body: &mut Body,
    like: Op,
    name: &str,
    bounds: [Value; 3],
) -> (Op, strata_ir::Block, Value) {
    let mut st = OperationState::new(ctx, ctx.op_name(name), body.op(like).loc);
    st.operands = bounds.to_vec();
    if name == "loop.parallel" {
        let seg = i32_array_attr(ctx, &[1, 1, 1, 0]);
        st.props = Some(ctx.dict_attr(&[("operandSegmentSizes", seg)]));
    }
    let r = st.add_region(body);
    let block = body.create_block();
    body.append_block(r, block);
    let arg = body.add_block_arg(block, ctx.index_type());
    (body.create_op(st), block, arg)
}

/// Split the last dimension of the `n`-dimensional (`n >= 2`) reduction-free `loop.parallel`
/// `p` into a one-dimensional `loop.parallel` nested in it.
pub(crate) fn split_innermost(ctx: &Context, body: &mut Body, p: Op, n: usize) {
    let ops = body.operand_vec(p);
    let (block, term) = body_block(body, p);
    let last_iv = body.block_args(block)[n - 1];
    let bounds = [ops[n - 1], ops[2 * n - 1], ops[3 * n - 1]];
    let (inner, nb, j) = new_loop(ctx, body, p, "loop.parallel", bounds);
    move_body(body, block, term, nb);
    OpBuilder::at_end(ctx, body, nb).build("loop.yield", &[], &[], &[]);
    body.insert_op(inner, InsertPoint::Before(term));
    body.replace_all_uses(last_iv, j);
    body.erase_block_arg(block, n - 1);
    let keep: Vec<Value> = (0..3)
        .flat_map(|s| ops[s * n..s * n + n - 1].iter().copied())
        .collect();
    body.set_operands(p, &keep);
    set_segments(ctx, body, p, n - 1);
}

/// Replace the `n`-dimensional reduction-free `loop.parallel` `p` by a `hw.parallel` over its
/// first dimension whose body is the rest of the nest (`p` without its first dimension when
/// `n >= 2`, `p`'s body when `n == 1`).
pub(crate) fn to_workers(ctx: &Context, body: &mut Body, p: Op, n: usize) {
    let ops = body.operand_vec(p);
    let (block, term) = body_block(body, p);
    let iv0 = body.block_args(block)[0];
    let (hw, hb, i0) = new_loop(ctx, body, p, "hw.parallel", [ops[0], ops[n], ops[2 * n]]);
    body.insert_op(hw, InsertPoint::Before(p));
    body.replace_all_uses(iv0, i0);
    if n == 1 {
        move_body(body, block, term, hb);
        body.erase_op(p);
    } else {
        body.erase_block_arg(block, 0);
        let keep: Vec<Value> = (0..3)
            .flat_map(|s| ops[s * n + 1..s * n + n].iter().copied())
            .collect();
        body.set_operands(p, &keep);
        set_segments(ctx, body, p, n - 1);
        body.move_op(p, InsertPoint::End(hb));
    }
    OpBuilder::at_end(ctx, body, hb).build("hw.yield", &[], &[], &[]);
}
