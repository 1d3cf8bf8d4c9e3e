//! Walkers over ops, crossing into nested bodies: pre-order and post-order, interruptible,
//! iterative (no recursion, so arbitrarily deep IR cannot overflow the stack).

use crate::{Body, Op};
use std::ops::ControlFlow;

/// Visit order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Order {
    /// Parents before their nested ops.
    Pre,
    /// Nested ops before their parents.
    Post,
}

/// Walk `op` and every op nested in it (through regions and nested bodies), calling `f` with
/// the body holding each op. Return `ControlFlow::Break` from `f` to stop; the walk returns it.
pub fn walk<'a, B>(
    body: &'a Body,
    op: Op,
    order: Order,
    f: &mut dyn FnMut(&'a Body, Op) -> ControlFlow<B>,
) -> ControlFlow<B> {
    // Stack entries: (body, op, children pushed?).
    let mut stack: Vec<(&'a Body, Op, bool)> = vec![(body, op, false)];
    while let Some((b, o, expanded)) = stack.pop() {
        if expanded {
            f(b, o)?;
            continue;
        }
        if order == Order::Pre {
            f(b, o)?;
        } else {
            stack.push((b, o, true));
        }
        let rb = b.region_body(o);
        // Push children in reverse so they are visited in order.
        for &r in b.regions(o).iter().rev() {
            for &blk in rb.region_blocks(r).iter().rev() {
                let ops: Vec<Op> = rb.block_ops(blk).collect();
                for &c in ops.iter().rev() {
                    stack.push((rb, c, false));
                }
            }
        }
    }
    ControlFlow::Continue(())
}

/// Collect all ops nested in `op` (including it) in pre-order, for walks that need to mutate
/// or that only need ops of `body` itself (not crossing into nested bodies).
pub fn ops_in_body_preorder(body: &Body, op: Op) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack = vec![op];
    while let Some(o) = stack.pop() {
        out.push(o);
        if body.nested(o).is_some() {
            continue;
        }
        for &r in body.regions(o).iter().rev() {
            for &blk in body.region_blocks(r).iter().rev() {
                let ops: Vec<Op> = body.block_ops(blk).collect();
                stack.extend(ops.iter().rev());
            }
        }
    }
    out
}
