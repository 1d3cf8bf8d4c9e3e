//! Pattern rewrite drivers (MLIR's `Transforms/Utils`):
//!
//! * [`FrozenPatternSet`]: patterns indexed by root op, ordered by benefit;
//! * [`greedy`]: the greedy worklist driver (`applyPatternsGreedily`) with folding, constant
//!   uniquing, dead-code removal, region simplification and a convergence checker;
//! * [`walk`](mod@walk): a single pre- or post-order sweep (`walkAndApplyPatterns`);
//! * [`conversion`]: the dialect conversion framework (targets, type converters, conversion
//!   patterns, partial and full conversion).
//!
//! Patterns themselves ([`RewritePattern`]) and the [`PatternRewriter`] live in
//! [`strata_ir::rewrite`], so dialects can declare canonicalization patterns with their ops.

pub mod conversion;
pub mod greedy;
pub mod walk;

use rustc_hash::FxHashMap;
use strata_ir::rewrite::RewritePattern;
pub use strata_ir::rewrite::{Change, PatternRewriter};
use strata_ir::{Body, Context, Op, OpName, Region};

/// A set of patterns ready to be applied: for every op name, the patterns rooted at it and
/// the patterns for any op, merged by decreasing benefit (ties keep the order in which the
/// patterns were given).
pub struct FrozenPatternSet<'p> {
    patterns: Vec<&'p dyn RewritePattern>,
    by_root: FxHashMap<OpName, Vec<u32>>,
    any: Vec<u32>,
}

impl<'p> FrozenPatternSet<'p> {
    /// Index `patterns` (their root op names are interned in `ctx`).
    pub fn new(ctx: &Context, patterns: Vec<&'p dyn RewritePattern>) -> Self {
        let key = |i: &u32| (std::cmp::Reverse(patterns[*i as usize].benefit()), *i);
        let mut any: Vec<u32> = Vec::new();
        let mut rooted: Vec<(OpName, u32)> = Vec::new();
        for (i, p) in patterns.iter().enumerate() {
            match p.root() {
                Some(r) => rooted.push((ctx.op_name(r), i as u32)),
                None => any.push(i as u32),
            }
        }
        any.sort_by_key(key);
        let mut by_root: FxHashMap<OpName, Vec<u32>> = FxHashMap::default();
        for (name, i) in rooted {
            by_root.entry(name).or_insert_with(|| any.clone()).push(i);
        }
        for list in by_root.values_mut() {
            list.sort_by_key(key);
        }
        FrozenPatternSet {
            patterns,
            by_root,
            any,
        }
    }
    /// The indices of the patterns to try on an op named `name`, best first.
    pub fn for_op(&self, name: OpName) -> &[u32] {
        self.by_root.get(&name).map_or(&self.any, Vec::as_slice)
    }
    /// Pattern number `i` (in the order given to [`FrozenPatternSet::new`]).
    pub fn pattern(&self, i: u32) -> &'p dyn RewritePattern {
        self.patterns[i as usize]
    }
    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }
    /// Whether the set holds no pattern.
    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}

/// Every canonicalization pattern declared by the ops of the dialects registered in `ctx`
/// ([`OpDef::canonicalize`](strata_ir::OpDef::canonicalize)), in dialect registration and op
/// declaration order.
pub fn canonicalization_patterns(ctx: &Context) -> Vec<&'static dyn RewritePattern> {
    ctx.dialects()
        .flat_map(|d| d.ops.iter())
        .flat_map(|def| def.canonicalize.iter().copied())
        .collect()
}

/// The ops of `body` nested in `regions` (crossing regions of non-isolated ops, not nested
/// bodies) in pre-order.
pub fn ops_preorder(body: &Body, regions: &[Region]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack: Vec<Op> = Vec::new();
    for &r in regions.iter().rev() {
        push_region_ops(body, r, &mut stack);
    }
    while let Some(o) = stack.pop() {
        out.push(o);
        if body.nested(o).is_some() {
            continue;
        }
        for &r in body.regions(o).iter().rev() {
            push_region_ops(body, r, &mut stack);
        }
    }
    out
}

/// The ops of `body` nested in `regions` in post-order (nested ops before their parent).
pub fn ops_postorder(body: &Body, regions: &[Region]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack: Vec<(Op, bool)> = Vec::new();
    let mut tmp = Vec::new();
    for &r in regions.iter().rev() {
        push_region_ops(body, r, &mut tmp);
    }
    stack.extend(tmp.drain(..).map(|o| (o, false)));
    while let Some((o, expanded)) = stack.pop() {
        if expanded || body.nested(o).is_some() || body.regions(o).is_empty() {
            out.push(o);
            continue;
        }
        stack.push((o, true));
        for &r in body.regions(o).iter().rev() {
            push_region_ops(body, r, &mut tmp);
        }
        stack.extend(tmp.drain(..).map(|o| (o, false)));
    }
    out
}

/// Push the ops of region `r` onto `stack` in reverse order (so popping yields IR order).
fn push_region_ops(body: &Body, r: Region, stack: &mut Vec<Op>) {
    for &b in body.region_blocks(r).iter().rev() {
        let start = stack.len();
        stack.extend(body.block_ops(b));
        stack[start..].reverse();
    }
}
