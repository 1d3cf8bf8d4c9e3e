//! The walk pattern driver (MLIR's `walkAndApplyPatterns`): one sweep over the ops of some
//! regions, in pre- or post-order, applying at each op the first pattern (by benefit) that
//! succeeds. No folding, no dead-code removal, no iteration: ops created by rewrites are not
//! visited, ops erased before their turn are skipped. Cheaper than the greedy driver when
//! patterns are known not to enable each other.

use super::{ops_postorder, ops_preorder, FrozenPatternSet};
use strata_ir::rewrite::PatternRewriter;
use strata_ir::walk::Order;
use strata_ir::{Body, Context, InsertPoint, Region};

/// What a walk did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WalkOutcome {
    /// Whether the IR changed.
    pub changed: bool,
    /// Number of successful pattern applications.
    pub num_rewrites: u64,
}

/// Visit every op of `regions` of `body` once in `order` (not entering nested bodies) and
/// apply the first matching pattern of `patterns` to it.
pub fn apply_patterns_walk(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    patterns: &FrozenPatternSet<'_>,
    order: Order,
) -> WalkOutcome {
    let ops = match order {
        Order::Pre => ops_preorder(body, regions),
        Order::Post => ops_postorder(body, regions),
    };
    let mut rw = PatternRewriter::new(ctx, body);
    let mut out = WalkOutcome::default();
    for op in ops {
        let b = rw.body();
        if b.is_erased(op) || b.parent_block(op).is_none() {
            continue;
        }
        let name = b.name(op);
        let loc = b.op(op).loc;
        for &pi in patterns.for_op(name) {
            rw.set_insertion_point(InsertPoint::Before(op));
            rw.loc = loc;
            let ok = patterns.pattern(pi).match_and_rewrite(op, &mut rw);
            let changed = !rw.take_changes().is_empty();
            out.changed |= changed;
            if ok {
                out.num_rewrites += 1;
            }
            if ok || changed || rw.body().is_erased(op) {
                break;
            }
        }
    }
    out
}
