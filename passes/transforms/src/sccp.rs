//! `sccp`: sparse conditional constant propagation (Wegman–Zadeck), as MLIR's `-sccp` within
//! a function.
//!
//! **Analysis.** Each value has a lattice value: *unknown* (not reached yet), a *constant*
//! attribute, or *overdefined*. Starting from the entry blocks of the op's root regions (whose
//! arguments are overdefined), executable blocks are visited and each op is simulated:
//!
//! * ops with an operand still unknown wait;
//! * ops with a folder ([`OpDef::fold`](strata_ir::OpDef)) are folded with the constant
//!   operands (`None` for overdefined ones); attribute results become constants, value results
//!   take that value's lattice, and a failed fold makes the results overdefined; ops without a
//!   folder have overdefined results;
//! * ops with regions have overdefined results; the entry blocks of their (non-isolated)
//!   regions become executable with overdefined arguments;
//! * terminators with successors make edges executable: with a [`BranchOpInterface`] only
//!   the successor selected by constant operands (all of them when undecided), and the
//!   forwarded operands flow into the successor's block arguments; without the interface
//!   every successor is executable with overdefined arguments.
//!
//! **Rewrite.** Values with a constant lattice value in executable code are replaced by a
//! constant materialised at the start of the entry block of their root region (one per
//! attribute and type, reusing constants already leading that block); ops whose results are
//! all replaced and that are effect free are erased. Branches whose successor is decided are
//! replaced by an unconditional branch when their interface can build one
//! ([`BranchOpInterface::replace_with_branch`]), and blocks that are not executable and no
//! longer targeted by executable code are erased.
//!
//! Limitations: the analysis is intraprocedural (call results and function arguments are
//! overdefined) and does not look into region ops (no `RegionBranchOpInterface` yet).
//! Constants are materialised by the constant materialiser of the dialect of the op that
//! folded to them, else by `arith`'s (`arith.constant`: integer, index, float and elements
//! attributes); values no dialect can materialise are left in place. The in-tree branch ops
//! with an interface are `test.br` (and MLIR's `cf.br`/`cf.cond_br` if they appear); Strata
//! has no `cf` dialect yet, so conditional branches are only understood in that generic form.
//!
//! Statistics: `num-constants` (values replaced), `num-erased-ops`, `num-erased-blocks`.
//!
//! [`BranchOpInterface`]: crate::interfaces::BranchOpInterface
//! [`BranchOpInterface::replace_with_branch`]: crate::interfaces::BranchOpInterface::replace_with_branch

use crate::interfaces::branch_interface;
use crate::util::{has, materialize_constant, visit_bodies, would_be_trivially_dead, BodyScope};
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use strata_ir::entity::SecondaryMap;
use strata_ir::{
    Attribute, Block, Body, Context, FoldResult, InsertPoint, Op, OpName, OpRef, Region, Traits,
    Type, Value,
};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `sccp`.
#[linkme::distributed_slice(PASSES)]
pub static SCCP: PassInfo = PassInfo {
    name: "sccp",
    summary: "Sparse Conditional Constant Propagation",
    description: "Propagates constants through the values and the control flow of CFG \
                  regions, folding ops with constant operands and following only the branch \
                  successors that constant conditions select; replaces constant values by \
                  constants at the start of the entry block and erases the code and blocks \
                  found unreachable. Intraprocedural.\n\n\
                  Statistics: `num-constants` (values replaced), `num-erased-ops`, \
                  `num-erased-blocks`.",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Sccp)),
};

/// The `sccp` pass.
pub struct Sccp;

impl Pass for Sccp {
    fn info(&self) -> &'static PassInfo {
        &SCCP
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let owner = crate::util::traits(unit.ctx, unit.holder, unit.op);
        let regions = unit.regions().to_vec();
        let s = sccp(unit.ctx, unit.body, &regions, owner);
        unit.stat("num-constants", s.constants);
        unit.stat("num-erased-ops", s.erased_ops);
        unit.stat("num-erased-blocks", s.erased_blocks);
        if s == SccpStats::default() {
            am.preserve_all();
        }
        Ok(())
    }
}

/// What an SCCP run changed.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub struct SccpStats {
    /// Values replaced by constants (including constants merged into one).
    pub constants: u64,
    /// Ops erased after their results were replaced.
    pub erased_ops: u64,
    /// Unreachable blocks erased.
    pub erased_blocks: u64,
}

/// Run SCCP on `regions` of `body` (root regions of an op with traits `owner`) and on every
/// isolated body nested in them.
pub fn sccp(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> SccpStats {
    let mut total = SccpStats::default();
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| {
            let mut s = Solver::new(ctx);
            s.solve(b, scope.regions);
            let st = s.rewrite(b, scope.regions);
            total.constants += st.constants;
            total.erased_ops += st.erased_ops;
            total.erased_blocks += st.erased_blocks;
        },
    );
    total
}

/// The lattice value of one SSA value.
#[derive(Clone, Copy, Default, PartialEq, Eq, Debug)]
pub enum Lattice {
    /// Not reached yet.
    #[default]
    Unknown,
    /// Always this constant; the op name is the op whose folding produced it (its dialect
    /// materialises the constant).
    Constant(Attribute, Option<OpName>),
    /// Not a single constant.
    Overdefined,
}

impl Lattice {
    /// The least upper bound.
    pub fn join(self, other: Lattice) -> Lattice {
        match (self, other) {
            (Lattice::Unknown, x) | (x, Lattice::Unknown) => x,
            (Lattice::Constant(a, o), Lattice::Constant(b, _)) if a == b => Lattice::Constant(a, o),
            _ => Lattice::Overdefined,
        }
    }
    /// The constant, if this is one.
    pub fn constant(self) -> Option<Attribute> {
        match self {
            Lattice::Constant(a, _) => Some(a),
            _ => None,
        }
    }
    fn same(self, other: Lattice) -> bool {
        match (self, other) {
            (Lattice::Constant(a, _), Lattice::Constant(b, _)) => a == b,
            _ => self == other,
        }
    }
}

/// The SCCP solver for one body.
pub struct Solver<'c> {
    ctx: &'c Context,
    lattice: SecondaryMap<Value, Lattice>,
    executable: SecondaryMap<Block, bool>,
    edges: FxHashSet<(Block, Block)>,
    block_work: Vec<Block>,
    value_work: Vec<Value>,
}

impl<'c> Solver<'c> {
    /// An empty solver.
    pub fn new(ctx: &'c Context) -> Self {
        Solver {
            ctx,
            lattice: SecondaryMap::new(),
            executable: SecondaryMap::new(),
            edges: FxHashSet::default(),
            block_work: Vec::new(),
            value_work: Vec::new(),
        }
    }

    /// The lattice value of `v` (after [`Solver::solve`]).
    pub fn value(&self, v: Value) -> Lattice {
        self.lattice[v]
    }

    /// Whether block `b` was found executable.
    pub fn is_executable(&self, b: Block) -> bool {
        self.executable[b]
    }

    /// Run the analysis from the entry blocks of `regions`.
    pub fn solve(&mut self, body: &Body, regions: &[Region]) {
        for &r in regions {
            if let Some(e) = body.entry_block(r) {
                self.mark_entry(body, e);
            }
        }
        loop {
            if let Some(b) = self.block_work.pop() {
                let ops: SmallVec<[Op; 16]> = body.block_ops(b).collect();
                for op in ops {
                    self.visit(body, op);
                }
            } else if let Some(v) = self.value_work.pop() {
                let users: SmallVec<[Op; 8]> = body.uses(v).iter().map(|u| u.op).collect();
                for u in users {
                    if body.parent_block(u).is_some_and(|b| self.executable[b]) {
                        self.visit(body, u);
                    }
                }
            } else {
                break;
            }
        }
    }

    fn mark_entry(&mut self, body: &Body, b: Block) {
        if self.mark_block(b) {
            for &a in body.block_args(b) {
                self.set(a, Lattice::Overdefined);
            }
        }
    }

    fn mark_block(&mut self, b: Block) -> bool {
        if self.executable[b] {
            return false;
        }
        self.executable[b] = true;
        self.block_work.push(b);
        true
    }

    /// Join `l` into the lattice of `v`, queueing its users when it changes.
    fn set(&mut self, v: Value, l: Lattice) {
        let old = self.lattice[v];
        let new = old.join(l);
        if !new.same(old) {
            self.lattice[v] = new;
            self.value_work.push(v);
        }
    }

    fn overdefine_results(&mut self, body: &Body, op: Op) {
        for &r in body.results(op) {
            self.set(r, Lattice::Overdefined);
        }
    }

    fn visit(&mut self, body: &Body, op: Op) {
        let ctx = self.ctx;
        if !body.regions(op).is_empty() {
            self.overdefine_results(body, op);
            if body.nested(op).is_none() {
                for &r in body.regions(op) {
                    if let Some(e) = body.entry_block(r) {
                        self.mark_entry(body, e);
                    }
                }
            }
            return;
        }
        if !body.successors(op).is_empty() {
            self.visit_branch(body, op);
            return;
        }
        if body.results(op).is_empty() {
            return;
        }
        let mut operands: SmallVec<[Option<Attribute>; 4]> = SmallVec::new();
        for v in body.operands(op) {
            match self.lattice[v] {
                Lattice::Unknown => return,
                l => operands.push(l.constant()),
            }
        }
        let Some(fold) = ctx.op_def(body.name(op)).and_then(|d| d.fold) else {
            self.overdefine_results(body, op);
            return;
        };
        let results: SmallVec<[Value; 2]> = body.results(op).iter().copied().collect();
        match fold(OpRef::new(ctx, body, op), &operands) {
            Some(folded) if folded.len() == results.len() => {
                for (r, f) in results.into_iter().zip(folded) {
                    let l = match f {
                        FoldResult::Attr(a) => Lattice::Constant(a, Some(body.name(op))),
                        FoldResult::Value(v) if body.is_valid_value(v) => self.lattice[v],
                        FoldResult::Value(_) => Lattice::Overdefined,
                    };
                    self.set(r, l);
                }
            }
            _ => self.overdefine_results(body, op),
        }
    }

    fn visit_branch(&mut self, body: &Body, op: Op) {
        let ctx = self.ctx;
        let Some(from) = body.parent_block(op) else {
            return;
        };
        let mut operands: SmallVec<[Option<Attribute>; 4]> = SmallVec::new();
        for v in body.operands(op) {
            match self.lattice[v] {
                Lattice::Unknown => return,
                l => operands.push(l.constant()),
            }
        }
        self.overdefine_results(body, op);
        let iface = branch_interface(ctx, body.name(op));
        let r = OpRef::new(ctx, body, op);
        let taken = iface.and_then(|i| i.successor_for_operands(r, &operands));
        for (i, &s) in body.successors(op).iter().enumerate() {
            if taken.is_some_and(|t| t != i) {
                continue;
            }
            self.edges.insert((from, s));
            self.mark_block(s);
            let args = body.block_args(s);
            let forwarded = iface
                .and_then(|it| it.successor_operands(r, i))
                .filter(|f| f.len() == args.len());
            match forwarded {
                Some(f) => {
                    for (&a, &v) in args.iter().zip(f.iter()) {
                        let l = self.lattice[v];
                        self.set(a, l);
                    }
                }
                None => {
                    for &a in args {
                        self.set(a, Lattice::Overdefined);
                    }
                }
            }
        }
    }

    /// Rewrite `body` with the solution: see the [module docs](self).
    pub fn rewrite(&self, body: &mut Body, regions: &[Region]) -> SccpStats {
        let ctx = self.ctx;
        let mut stats = SccpStats::default();
        let mut pools: FxHashMap<Region, ConstPool> = FxHashMap::default();
        for &r in regions {
            pools.insert(r, ConstPool::seed(self, ctx, body, r));
        }
        // Values and ops, in pre-order over executable blocks.
        let mut stack: Vec<Block> = Vec::new();
        for &r in regions.iter().rev() {
            stack.extend(body.region_blocks(r).iter().rev().copied());
        }
        let mut branches: Vec<Op> = Vec::new();
        let mut live_regions: Vec<Region> = regions.to_vec();
        while let Some(b) = stack.pop() {
            if !self.executable[b] {
                continue;
            }
            let Some(root) = root_region(body, b) else {
                continue;
            };
            for a in body.block_args(b).to_vec() {
                if self.replace(ctx, body, &mut pools, root, a) == Some(true) {
                    stats.constants += 1;
                }
            }
            let mut nested: Vec<Block> = Vec::new();
            for op in body.block_op_vec(b) {
                let results: SmallVec<[Value; 2]> = body.results(op).iter().copied().collect();
                let mut all = !results.is_empty();
                for &res in &results {
                    match self.replace(ctx, body, &mut pools, root, res) {
                        Some(had_uses) => stats.constants += u64::from(had_uses),
                        None => all = false,
                    }
                }
                if all
                    && results.iter().all(|&r| !body.has_uses(r))
                    && would_be_trivially_dead(ctx, body, op)
                {
                    for p in pools.values_mut() {
                        if p.cursor == Some(op) {
                            p.cursor = body.prev_op(op);
                        }
                    }
                    body.erase_op(op);
                    stats.erased_ops += 1;
                    continue;
                }
                if body.successors(op).len() > 1 {
                    branches.push(op);
                }
                if body.nested(op).is_none() {
                    for &r in body.regions(op) {
                        live_regions.push(r);
                        nested.extend(body.region_blocks(r).iter().copied());
                    }
                }
            }
            stack.extend(nested.into_iter().rev());
        }
        // Branches with one executable successor become unconditional.
        for op in branches {
            let Some(from) = body.parent_block(op) else {
                continue;
            };
            let succs = body.successors(op).to_vec();
            let live: Vec<usize> = (0..succs.len())
                .filter(|&i| self.edges.contains(&(from, succs[i])))
                .collect();
            if let [i] = live[..] {
                if succs.iter().any(|&s| s != succs[i]) {
                    if let Some(iface) = branch_interface(ctx, body.name(op)) {
                        iface.replace_with_branch(ctx, body, op, i);
                    }
                }
            }
        }
        // Unreachable blocks no executable code branches to.
        for r in live_regions {
            if body.entry_block(r).is_none_or(|e| !self.executable[e]) {
                continue;
            }
            stats.erased_blocks += self.erase_dead_blocks(body, r);
        }
        stats
    }

    /// Replace `v` by a pooled constant if its lattice value is constant. `None` when `v`
    /// is not replaced (not constant, not materialisable, or itself pooled); otherwise whether
    /// it had uses.
    fn replace(
        &self,
        ctx: &Context,
        body: &mut Body,
        pools: &mut FxHashMap<Region, ConstPool>,
        root: Region,
        v: Value,
    ) -> Option<bool> {
        let Lattice::Constant(attr, origin) = self.lattice[v] else {
            return None;
        };
        let pool = pools.get_mut(&root)?;
        if pool.is_pooled(v) {
            return None;
        }
        let ty = body.value_type(v);
        let c = pool.get(ctx, body, origin, attr, ty)?;
        let had_uses = body.has_uses(v);
        body.replace_all_uses(v, c);
        Some(had_uses)
    }

    fn erase_dead_blocks(&self, body: &mut Body, r: Region) -> u64 {
        let blocks = body.region_blocks(r).to_vec();
        let dead: FxHashSet<Block> = blocks
            .iter()
            .copied()
            .filter(|&b| !self.executable[b])
            .collect();
        if dead.is_empty() {
            return 0;
        }
        // Dead blocks still targeted from executable code stay, with what they reach.
        let mut keep: FxHashSet<Block> = FxHashSet::default();
        let mut work: Vec<Block> = Vec::new();
        for &b in &blocks {
            if dead.contains(&b) {
                continue;
            }
            if let Some(t) = body.last_op(b) {
                for &s in body.successors(t) {
                    if dead.contains(&s) && keep.insert(s) {
                        work.push(s);
                    }
                }
            }
        }
        while let Some(b) = work.pop() {
            if let Some(t) = body.last_op(b) {
                for &s in body.successors(t) {
                    if dead.contains(&s) && keep.insert(s) {
                        work.push(s);
                    }
                }
            }
        }
        let mut n = 0;
        for b in blocks {
            if dead.contains(&b) && !keep.contains(&b) {
                body.erase_block(b);
                n += 1;
            }
        }
        n
    }
}

/// The root region (owned by no op of `body`) containing block `b`.
fn root_region(body: &Body, b: Block) -> Option<Region> {
    let mut r = body.block_parent(b)?;
    loop {
        let Some(p) = body.region_parent(r) else {
            return Some(r);
        };
        r = body.block_parent(body.parent_block(p)?)?;
    }
}

/// The constants materialised at the start of a root region's entry block.
struct ConstPool {
    entry: Option<Block>,
    /// The last constant of the leading run (new constants go after it).
    cursor: Option<Op>,
    cache: FxHashMap<(Attribute, Type), Value>,
    /// The values of `cache`.
    pooled: FxHashSet<Value>,
}

impl ConstPool {
    /// Seed with the constant ops leading the entry block of `r`.
    fn seed(s: &Solver<'_>, ctx: &Context, body: &Body, r: Region) -> ConstPool {
        let entry = body.entry_block(r);
        let mut pool = ConstPool {
            entry,
            cursor: None,
            cache: FxHashMap::default(),
            pooled: FxHashSet::default(),
        };
        let Some(e) = entry else {
            return pool;
        };
        for op in body.block_ops(e) {
            if !has(ctx, body, op, Traits::CONSTANT_LIKE) || body.results(op).len() != 1 {
                break;
            }
            let v = body.result(op, 0);
            if let Some(a) = s.lattice[v].constant() {
                let key = (a, body.value_type(v));
                if let std::collections::hash_map::Entry::Vacant(e) = pool.cache.entry(key) {
                    e.insert(v);
                    pool.pooled.insert(v);
                }
            }
            pool.cursor = Some(op);
        }
        pool
    }

    fn is_pooled(&self, v: Value) -> bool {
        self.pooled.contains(&v)
    }

    fn get(
        &mut self,
        ctx: &Context,
        body: &mut Body,
        origin: Option<OpName>,
        attr: Attribute,
        ty: Type,
    ) -> Option<Value> {
        if let Some(&v) = self.cache.get(&(attr, ty)) {
            return Some(v);
        }
        let ip = match (self.cursor, self.entry) {
            (Some(c), _) => InsertPoint::After(c),
            (None, Some(e)) => InsertPoint::Start(e),
            (None, None) => return None,
        };
        let v = materialize_constant(ctx, body, ip, ctx.unknown_loc(), origin, attr, ty)?;
        self.cursor = body.defining_op(v);
        self.cache.insert((attr, ty), v);
        self.pooled.insert(v);
        Some(v)
    }
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Block, Body, Context, Module, Op, Value};

    fn addi(c: &Context, body: &mut Body, blk: Block, a: Value, b: Value) -> Value {
        at_end(c, body, blk).build_value("arith.addi", &[a, b], c.i32(), &[])
    }

    fn returned(m: &mut Module, f: Op, blk: Block) -> Value {
        let body = fbody(m, f);
        let r = body.last_op(blk).expect("return");
        body.operand(r, 0)
    }

    fn const_of(c: &Context, m: &mut Module, f: Op, v: Value) -> Option<i128> {
        let body = fbody(m, f);
        let a = strata_ir::rewrite::constant_value(c, body, v)?;
        match c.attr_kind(a) {
            strata_ir::AttrKind::Integer { value, .. } => Some(*value),
            _ => None,
        }
    }

    #[test]
    fn straight_line_folding() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[i32t], &[i32t, i32t], false);
        let body = fbody(&mut m, f);
        let arg = body.block_args(e)[0];
        let mut b = at_end(&c, body, e);
        let c1 = const_i32(&mut b, 1);
        let c2 = const_i32(&mut b, 2);
        let s = addi(&c, body, e, c1, c2);
        let t = addi(&c, body, e, s, arg); // overdefined
        let (_, rb) = {
            let mut b = at_end(&c, body, e);
            region_op(&mut b, "test.region", &[], &[])
        };
        let inner = addi(&c, body, rb, s, c1);
        let mut ib = at_end(&c, body, rb);
        effect(&mut ib, &[inner]);
        ib.build("test.yield", &[], &[], &[]);
        let mut b = at_end(&c, body, e);
        ret(&mut b, &[s, t]);
        let rep = run(&c, &mut m, "builtin.module(func.func(sccp))");
        assert!(stat(&rep, "(2) num-constants"), "{:?}", rep.statistics);
        let r = returned(&mut m, f, e);
        assert_eq!(const_of(&c, &mut m, f, r), Some(3));
        // `t` and the region op stay; the inner add became a constant 4.
        assert_eq!(count(&c, &m, "arith.addi"), 1);
        assert_eq!(count(&c, &m, "test.region"), 1);
        let before = fingerprint(&c, &m);
        run(&c, &mut m, "builtin.module(func.func(sccp))");
        assert_eq!(before, fingerprint(&c, &m));
    }

    #[test]
    fn constant_branches_prune_blocks() {
        let c = ctx();
        let mut m = Module::new(&c);
        let (i1, i32t) = (c.i1(), c.i32());
        let (f, e) = add_func(&c, &mut m, "f", &[], &[i32t], false);
        let body = fbody(&mut m, f);
        let [a, bb] = new_blocks(body, e, 2)[..] else {
            unreachable!("two blocks")
        };
        let mut b = at_end(&c, body, e);
        let t = b.build_value("arith.constant", &[], i1, &[("value", c.int_attr(1, i1))]);
        let c1 = const_i32(&mut b, 1);
        let c2 = const_i32(&mut b, 2);
        cond_br(&c, body, e, t, (a, &[c1]), (bb, &[c2]));
        let x = body.add_block_arg(a, i32t);
        let y = body.add_block_arg(bb, i32t);
        ret(&mut at_end(&c, body, a), &[x]);
        ret(&mut at_end(&c, body, bb), &[y]);
        let rep = run(&c, &mut m, "builtin.module(func.func(sccp))");
        assert!(stat(&rep, "(1) num-erased-blocks"), "{:?}", rep.statistics);
        assert_eq!(count(&c, &m, "cf.cond_br"), 0);
        assert_eq!(count(&c, &m, "cf.br"), 1);
        let r = returned(&mut m, f, a);
        assert_eq!(const_of(&c, &mut m, f, r), Some(1));
    }

    #[test]
    fn block_arguments_join_over_executable_edges() {
        for (second, expect) in [(1, Some(1)), (2, None)] {
            let c = ctx();
            let mut m = Module::new(&c);
            let (i1, i32t) = (c.i1(), c.i32());
            let (f, e) = add_func(&c, &mut m, "f", &[i1], &[i32t], false);
            let body = fbody(&mut m, f);
            let cond = body.block_args(e)[0];
            let [a, bb, merge] = new_blocks(body, e, 3)[..] else {
                unreachable!("three blocks")
            };
            let mut b = at_end(&c, body, e);
            let c1 = const_i32(&mut b, 1);
            let cs = const_i32(&mut b, second);
            cond_br(&c, body, e, cond, (a, &[]), (bb, &[]));
            br(&c, body, a, merge, &[c1]);
            br(&c, body, bb, merge, &[cs]);
            let x = body.add_block_arg(merge, i32t);
            ret(&mut at_end(&c, body, merge), &[x]);
            run(&c, &mut m, "builtin.module(func.func(sccp))");
            let r = returned(&mut m, f, merge);
            assert_eq!(const_of(&c, &mut m, f, r), expect);
            assert_eq!(count(&c, &m, "cf.cond_br"), 1);
        }
    }

    #[test]
    fn unknown_ops_are_overdefined_and_nothing_changes() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[], &[i32t], false);
        let body = fbody(&mut m, f);
        let mut b = at_end(&c, body, e);
        let x = effect(&mut b, &[]);
        let y = pure(&mut b, &[x], 1);
        ret(&mut b, &[y]);
        let before = fingerprint(&c, &m);
        run(&c, &mut m, "builtin.module(func.func(sccp))");
        assert_eq!(before, fingerprint(&c, &m));
    }
}
