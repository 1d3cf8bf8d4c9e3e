//! `cse`: common sub-expression elimination, as MLIR's `-cse`.
//!
//! Pure ops ([`Traits::PURE`]) without regions that are not terminators are keyed by their
//! name, operands, result types and inherent and discardable attributes. Walking the IR in
//! dominance order, an op equal to one seen before in a dominating position is replaced by it:
//!
//! * a single-block region is one scope; a multi-block CFG region is walked along its
//!   dominator tree, each block a scope nested in its immediate dominator's (blocks unreachable
//!   from the entry are left alone, as are multi-block graph regions);
//! * regions of non-isolated ops are scopes nested in the scope of the op's block, so values
//!   computed outside are reused inside; an op's regions are processed before the op itself;
//! * isolated-from-above ops start from an empty table (their nested bodies are processed
//!   separately);
//! * in graph regions, where a use may precede its definition, uses already visited are not
//!   rewritten and the duplicate is kept while it still has uses.
//!
//! Ops found trivially dead on the way (effect free, unused) are erased too, and so are the
//! ops left unused by the erasures, so that a second run changes nothing. Statistics:
//! `num-cse'd` and `num-dce'd`. The walk is iterative and the hash table (Fx hashing, no
//! random state) is only looked up, never iterated, so the result is deterministic.

use crate::util::{
    dom_tree, has, is_graph_region, is_trivially_dead, visit_bodies, BodyScope, DomTree,
};
use rustc_hash::{FxHashMap, FxHasher};
use smallvec::SmallVec;
use std::hash::{Hash, Hasher};
use strata_ir::{Body, Context, Op, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `cse`.
#[linkme::distributed_slice(PASSES)]
pub static CSE: PassInfo = PassInfo {
    name: "cse",
    summary: "Eliminate common sub-expressions",
    description: "Replaces each pure, region-free op by an identical op (same name, operands, \
                  result types and attributes) that dominates it, following the dominator tree \
                  of CFG regions; values defined outside a non-isolated region are reused \
                  inside it, and isolated-from-above ops start a fresh scope. Trivially dead \
                  ops met on the way are erased.\n\n\
                  Statistics: `num-cse'd` (ops replaced), `num-dce'd` (dead ops erased).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Cse)),
};

/// The `cse` pass.
pub struct Cse;

impl Pass for Cse {
    fn info(&self) -> &'static PassInfo {
        &CSE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let owner = crate::util::traits(unit.ctx, unit.holder, unit.op);
        let regions = unit.regions().to_vec();
        let stats = cse(unit.ctx, unit.body, &regions, owner);
        unit.stat("num-cse'd", stats.num_cse);
        unit.stat("num-dce'd", stats.num_dce);
        if stats.num_cse == 0 && stats.num_dce == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// What a CSE run changed.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct CseStats {
    /// Ops replaced by an equivalent dominating op.
    pub num_cse: u64,
    /// Trivially dead ops erased.
    pub num_dce: u64,
}

/// Run CSE on `regions` of `body` (the root regions of an isolated op with traits `owner`) and
/// on every isolated body nested in them.
pub fn cse(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> CseStats {
    let mut stats = CseStats::default();
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| {
            let mut d = Driver {
                ctx,
                owner: scope.owner,
                table: FxHashMap::default(),
                log: Vec::new(),
                scopes: Vec::new(),
                trees: Vec::new(),
                to_erase: Vec::new(),
                stats: CseStats::default(),
            };
            d.run(b, scope.regions);
            stats.num_cse += d.stats.num_cse;
            stats.num_dce += d.stats.num_dce;
        },
    );
    stats
}

/// Pending work of the iterative walk.
enum Item {
    /// Process a region.
    Region(Region),
    /// Open a scope.
    Enter,
    /// Close the innermost scope, forgetting the ops it added.
    Exit,
    /// Process node `1` of dominator tree `0` and its subtree.
    DomNode(usize, u32),
    /// Process the ops of a block from this op on.
    Ops(Option<Op>, bool),
    /// Simplify an op whose regions have been processed.
    Simplify(Op, bool),
}

struct Driver<'c> {
    ctx: &'c Context,
    owner: Traits,
    /// Hash of an op's key -> the ops with that hash currently in scope (innermost last).
    table: FxHashMap<u64, SmallVec<[Op; 1]>>,
    /// Hashes inserted, in order (undone when scopes close).
    log: Vec<u64>,
    /// `log` length at each open scope.
    scopes: Vec<usize>,
    trees: Vec<DomTree>,
    to_erase: Vec<Op>,
    stats: CseStats,
}

impl Driver<'_> {
    fn run(&mut self, body: &mut Body, regions: &[Region]) {
        // Every op may enter the table: size it once instead of growing it step by step.
        self.table.reserve(body.op_capacity());
        self.log.reserve(body.op_capacity());
        let mut stack: Vec<Item> = regions.iter().rev().map(|&r| Item::Region(r)).collect();
        while let Some(item) = stack.pop() {
            match item {
                Item::Region(r) => self.region(body, r, &mut stack),
                Item::Enter => self.scopes.push(self.log.len()),
                Item::Exit => {
                    let mark = self.scopes.pop().unwrap_or(0);
                    while self.log.len() > mark {
                        let Some(h) = self.log.pop() else { break };
                        if let Some(chain) = self.table.get_mut(&h) {
                            chain.pop();
                            if chain.is_empty() {
                                self.table.remove(&h);
                            }
                        }
                    }
                }
                Item::DomNode(t, n) => {
                    let block = self.trees[t].blocks[n as usize];
                    stack.push(Item::Exit);
                    for &c in self.trees[t].children[n as usize].iter().rev() {
                        stack.push(Item::DomNode(t, c));
                    }
                    stack.push(Item::Ops(body.first_op(block), false));
                    stack.push(Item::Enter);
                }
                Item::Ops(mut next, graph) => {
                    while let Some(op) = next {
                        next = body.next_op(op);
                        if !body.regions(op).is_empty() && body.nested(op).is_none() {
                            // Regions first, then the op, then the rest of the block.
                            stack.push(Item::Ops(next, graph));
                            stack.push(Item::Simplify(op, graph));
                            for &r in body.regions(op).iter().rev() {
                                stack.push(Item::Region(r));
                            }
                            break;
                        }
                        self.simplify(body, op, graph);
                    }
                }
                Item::Simplify(op, graph) => self.simplify(body, op, graph),
            }
        }
        // Erase the replaced and dead ops, then the ops that only they used (so that a
        // second run finds nothing to do).
        let mut work: Vec<Op> = Vec::new();
        for op in std::mem::take(&mut self.to_erase) {
            if body.is_erased(op) {
                continue;
            }
            work.extend(body.operands(op).filter_map(|v| body.defining_op(v)));
            body.erase_op(op);
        }
        while let Some(op) = work.pop() {
            if body.is_erased(op) || !is_trivially_dead(self.ctx, body, op) {
                continue;
            }
            work.extend(body.operands(op).filter_map(|v| body.defining_op(v)));
            body.erase_op(op);
            self.stats.num_dce += 1;
        }
    }

    fn region(&mut self, body: &Body, r: Region, stack: &mut Vec<Item>) {
        let blocks = body.region_blocks(r);
        let graph = is_graph_region(self.ctx, body, r, self.owner);
        match blocks {
            [] => {}
            [b] => {
                stack.push(Item::Exit);
                stack.push(Item::Ops(body.first_op(*b), graph));
                stack.push(Item::Enter);
            }
            // Multi-block graph regions have no dominance order to follow (as in MLIR).
            _ if graph => {}
            _ => {
                let tree = dom_tree(body, r);
                if tree.blocks.is_empty() {
                    return;
                }
                self.trees.push(tree);
                stack.push(Item::DomNode(self.trees.len() - 1, 0));
            }
        }
    }

    /// Whether `op` takes part in CSE at all.
    fn eligible(&self, body: &Body, op: Op) -> bool {
        body.regions(op).is_empty()
            && has(self.ctx, body, op, Traits::PURE)
            && !has(self.ctx, body, op, Traits::TERMINATOR)
    }

    fn simplify(&mut self, body: &mut Body, op: Op, graph: bool) {
        let ctx = self.ctx;
        let traits = crate::util::traits(ctx, body, op);
        if traits.contains(Traits::TERMINATOR) {
            return;
        }
        if is_trivially_dead(ctx, body, op) {
            self.to_erase.push(op);
            self.stats.num_dce += 1;
            return;
        }
        if !traits.contains(Traits::PURE) || !body.regions(op).is_empty() {
            return;
        }
        let h = key_hash(body, op);
        // One probe of the table: find an equivalent op or record this one.
        let chain = self.table.entry(h).or_default();
        let existing = chain
            .iter()
            .rev()
            .copied()
            .find(|&e| equivalent(body, e, op));
        let Some(existing) = existing else {
            chain.push(op);
            self.log.push(h);
            return;
        };
        let results: SmallVec<[_; 2]> = body.results(op).iter().copied().collect();
        let repl: SmallVec<[_; 2]> = body.results(existing).iter().copied().collect();
        if graph {
            // Uses already visited are in the table: rewriting them would change their keys.
            for (&old, &new) in results.iter().zip(repl.iter()) {
                let uses: Vec<_> = body
                    .uses(old)
                    .iter()
                    .copied()
                    .filter(|u| !self.in_table(body, u.op))
                    .collect();
                for u in uses {
                    body.set_operand(u.op, u.index as usize, new);
                }
            }
            if results.iter().all(|&r| !body.has_uses(r)) {
                self.to_erase.push(op);
            }
        } else {
            for (&old, &new) in results.iter().zip(repl.iter()) {
                body.replace_all_uses(old, new);
            }
            self.to_erase.push(op);
        }
        let unknown = ctx.unknown_loc();
        if body.op(existing).loc == unknown && body.op(op).loc != unknown {
            body.op_mut(existing).loc = body.op(op).loc;
        }
        self.stats.num_cse += 1;
    }

    /// Whether `op` itself is currently in the table.
    fn in_table(&self, body: &Body, op: Op) -> bool {
        if !self.eligible(body, op) {
            return false;
        }
        self.table
            .get(&key_hash(body, op))
            .is_some_and(|chain| chain.contains(&op))
    }
}

/// The hash of an op's CSE key: name, inherent and discardable attributes, operands and
/// result types.
fn key_hash(body: &Body, op: Op) -> u64 {
    let mut h = FxHasher::default();
    let d = body.op(op);
    d.name().hash(&mut h);
    d.props.hash(&mut h);
    d.attrs.hash(&mut h);
    body.num_operands(op).hash(&mut h);
    for v in body.operands(op) {
        v.hash(&mut h);
    }
    for &r in body.results(op) {
        body.value_type(r).hash(&mut h);
    }
    h.finish()
}

/// Whether two ops have the same CSE key.
fn equivalent(body: &Body, a: Op, b: Op) -> bool {
    let (da, db) = (body.op(a), body.op(b));
    da.name() == db.name()
        && da.props == db.props
        && da.attrs == db.attrs
        && body.num_operands(a) == body.num_operands(b)
        && body.operands(a).eq(body.operands(b))
        && body.results(a).len() == body.results(b).len()
        && body
            .results(a)
            .iter()
            .zip(body.results(b))
            .all(|(&x, &y)| body.value_type(x) == body.value_type(y))
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Module, OpBuilder};

    #[test]
    fn identical_pure_ops_are_merged_and_uses_redirected() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[i32t], &[i32t, i32t, i32t], false);
        let body = fbody(&mut m, f);
        let a = body.block_args(e)[0];
        let mut b = at_end(&c, body, e);
        let x = pure(&mut b, &[a], 1);
        let y = pure(&mut b, &[a], 1);
        let z = pure(&mut b, &[a], 2);
        let s = effect(&mut b, &[]);
        let t = effect(&mut b, &[]);
        let u = pure(&mut b, &[y, s], 1);
        let w = pure(&mut b, &[x, s], 1);
        let _ = t;
        let sum = pure(&mut b, &[u, w, z], 3);
        ret(&mut b, &[sum, x, y]);
        let r = run(&c, &mut m, "builtin.module(func.func(cse))");
        assert!(stat(&r, "(2) num-cse'd"), "{:?}", r.statistics);
        // x/y merged, u/w merged; z differs by tag; effects stay.
        assert_eq!(count(&c, &m, "test.pure"), 4);
        assert_eq!(count(&c, &m, "test.op"), 2);
        let body = fbody(&mut m, f);
        let rets = body.last_op(e).expect("return");
        assert_eq!(body.operand(rets, 1), body.operand(rets, 2));
        // A second run changes nothing.
        let before = fingerprint(&c, &m);
        let r = run(&c, &mut m, "builtin.module(func.func(cse))");
        assert!(!stat(&r, "num-cse'd") || stat(&r, "(0) num-cse'd"));
        assert_eq!(before, fingerprint(&c, &m));
    }

    #[test]
    fn nested_regions_see_outer_values_but_not_siblings() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (f, e) = add_func(&c, &mut m, "f", &[], &[], false);
        let body = fbody(&mut m, f);
        let mut b = at_end(&c, body, e);
        let outer = pure(&mut b, &[], 7);
        effect(&mut b, &[outer]);
        let (_, r1) = region_op(&mut b, "test.region", &[], &[]);
        let (_, r2) = region_op(&mut b, "test.region", &[], &[]);
        ret(&mut b, &[]);
        for blk in [r1, r2] {
            let mut ib = at_end(&c, body, blk);
            let same = pure(&mut ib, &[], 7); // replaced by `outer`
            let inner = pure(&mut ib, &[], 8); // not shared between the two regions
            effect(&mut ib, &[same, inner]);
            ib.build("test.yield", &[], &[], &[]);
        }
        run(&c, &mut m, "builtin.module(func.func(cse))");
        assert_eq!(count(&c, &m, "test.pure"), 3);
    }

    #[test]
    fn isolated_ops_start_a_fresh_scope() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (f, e) = add_func(&c, &mut m, "f", &[], &[], false);
        let body = fbody(&mut m, f);
        let mut b = at_end(&c, body, e);
        let outer = pure(&mut b, &[], 7);
        effect(&mut b, &[outer]);
        let (iso, ib) = region_op(&mut b, "test.isolated", &[], &[]);
        ret(&mut b, &[]);
        let nb = body.nested_mut(iso).expect("isolated body");
        let mut bb = OpBuilder::at_end(&c, nb, ib);
        let p = pure(&mut bb, &[], 7);
        let q = pure(&mut bb, &[], 7);
        effect(&mut bb, &[p, q]);
        bb.build("test.terminator", &[], &[], &[]);
        run(&c, &mut m, "builtin.module(cse)");
        // The two inside merge; the inside one cannot use the outside one.
        assert_eq!(count(&c, &m, "test.pure"), 2);
    }

    #[test]
    fn cfg_regions_follow_the_dominator_tree() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i1 = c.i1();
        let (f, e) = add_func(&c, &mut m, "f", &[i1], &[], false);
        let body = fbody(&mut m, f);
        let cond = body.block_args(e)[0];
        let [b1, b2, b3] = new_blocks(body, e, 3)[..] else {
            unreachable!("three blocks")
        };
        let mut b = at_end(&c, body, e);
        let x = pure(&mut b, &[], 1);
        effect(&mut b, &[x]);
        cond_br(&c, body, e, cond, (b1, &[]), (b2, &[]));
        for blk in [b1, b2] {
            let mut bb = at_end(&c, body, blk);
            let dup = pure(&mut bb, &[], 1); // dominated by the entry: merged
            let y = pure(&mut bb, &[], 2); // siblings: kept in both
            effect(&mut bb, &[dup, y]);
            br(&c, body, blk, b3, &[]);
        }
        let mut bb = at_end(&c, body, b3);
        let y = pure(&mut bb, &[], 2); // not dominated by b1 or b2: kept
        effect(&mut bb, &[y]);
        ret(&mut bb, &[]);
        run(&c, &mut m, "builtin.module(func.func(cse))");
        assert_eq!(count(&c, &m, "test.pure"), 4);
    }

    #[test]
    fn graph_regions_and_dead_ops() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (f, e) = add_func(&c, &mut m, "f", &[], &[], false);
        let body = fbody(&mut m, f);
        let mut b = at_end(&c, body, e);
        let dead = pure(&mut b, &[], 9);
        let _ = dead;
        let (_, g) = region_op(&mut b, "test.graph_region", &[], &[]);
        ret(&mut b, &[]);
        let mut gb = at_end(&c, body, g);
        let p = pure(&mut gb, &[], 1);
        let q = pure(&mut gb, &[], 1);
        effect(&mut gb, &[p, q]);
        let r = run(&c, &mut m, "builtin.module(func.func(cse))");
        assert!(stat(&r, "(1) num-cse'd"), "{:?}", r.statistics);
        assert!(stat(&r, "(1) num-dce'd"), "{:?}", r.statistics);
        assert_eq!(count(&c, &m, "test.pure"), 1);
    }

    #[test]
    fn the_kept_op_takes_a_known_location() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (f, e) = add_func(&c, &mut m, "f", &[], &[], false);
        let body = fbody(&mut m, f);
        let mut b = at_end(&c, body, e);
        let x = pure(&mut b, &[], 1);
        b.loc = c.file_loc("a.mlir", 3, 4);
        let y = pure(&mut b, &[], 1);
        effect(&mut b, &[x, y]);
        ret(&mut b, &[]);
        run(&c, &mut m, "builtin.module(func.func(cse))");
        let body = fbody(&mut m, f);
        let first = body.first_op(e).expect("op");
        assert_eq!(body.op(first).loc, c.file_loc("a.mlir", 3, 4));
    }
}
