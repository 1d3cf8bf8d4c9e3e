//! The greedy pattern rewrite driver (MLIR's `applyPatternsGreedily`).
//!
//! Each iteration fills a worklist with the ops of the given regions (pre-order for
//! top-down, post-order for bottom-up; constant ops are uniqued and hoisted to the entry block
//! of their insertion region as they are met) and processes it LIFO. For each op:
//!
//! 1. a trivially dead op (registered, [`Traits::PURE`] and only pure ops nested in it, not a
//!    terminator or symbol, results unused) is erased;
//! 2. otherwise, unless it is constant-like, it is folded: [`OpDef::fold`] with the constant
//!    values of its operands (from constant-like defining ops), then the trait folds
//!    (commutative ops move constant operands to the end in place, involutions
//!    `f(f(x)) -> x`, idempotent ops `f(x, x) -> x` and `f(f(x)) -> f(x)`). Attribute fold
//!    results are materialised right before the op by the op's dialect's constant
//!    materialiser ([`OpDef::materialize_constant`]);
//! 3. otherwise the patterns rooted at the op (and the patterns for any op) are tried by
//!    decreasing benefit, ties in registration order, until one applies.
//!
//! Every change is reported by the [`PatternRewriter`], and only the ops it concerns are
//! (re-)added to the worklist: created and modified ops (with their ancestors up to the
//! driver's regions), users of replaced values, and defining ops of erased ops' operands
//! left with at most one user. Nothing rescans the IR within an iteration, so an iteration
//! costs O(ops + changes). Iterations repeat (after erasing unreachable blocks when region
//! simplification is on) until one changes nothing, or the iteration or rewrite limit is hit.
//! Unlike MLIR, an iteration also ends after 16 changes per op it started with (plus 1024):
//! patterns that keep recreating each other's roots (`a -> b -> a`) would otherwise never
//! finish an iteration; this way they run into the iteration limit and are reported.
//!
//! **Checker mode** ([`GreedyConfig::check`], used by `canonicalize{test-convergence=true}`):
//! every pattern application is checked — a pattern that returns success but changed nothing
//! (same [`op_fingerprint`] of its root, no recorded change) or that returns failure after
//! changing the IR is reported by name — and after convergence one more iteration runs and
//! must change nothing. Non-convergence at the iteration limit is always reported as a
//! diagnostic naming what was still firing in the last iteration.
//!
//! [`OpDef::fold`]: strata_ir::OpDef::fold
//! [`OpDef::materialize_constant`]: strata_ir::OpDef::materialize_constant

use super::{ops_postorder, ops_preorder, FrozenPatternSet};
use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;
use strata_ir::entity::EntityRef;
use strata_ir::rewrite::{
    constant_materializer, constant_op_value, constant_value, is_trivially_dead, op_fingerprint,
    Change, PatternRewriter,
};
use strata_ir::{
    Attribute, Body, Context, Diagnostic, FoldResult, InsertPoint, Location, MaterializeConstantFn,
    Op, OpDef, OpName, OpRef, Region, Symbol, Traits, Type, Value,
};

/// How much the driver simplifies regions between iterations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum RegionSimplification {
    /// Leave blocks alone.
    Disabled,
    /// Erase blocks unreachable from their region's entry block.
    Normal,
}

/// Which ops the driver may process (MLIR's `GreedyRewriteStrictness`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Strictness {
    /// Any op, including ops created by rewrites and ops they modified.
    AnyOp,
    /// Only the ops present when the driver started, and ops it created.
    ExistingAndNewOps,
    /// Only the ops present when the driver started.
    ExistingOps,
}

/// Configuration of the greedy driver (MLIR's `GreedyRewriteConfig`).
#[derive(Clone, Debug)]
pub struct GreedyConfig {
    /// Maximum number of iterations (`None`: no limit). Default 10.
    pub max_iterations: Option<u32>,
    /// Maximum number of pattern applications ("fuel"; folds and dead-code removal are not
    /// counted). `None` (the default): no limit.
    pub max_num_rewrites: Option<u64>,
    /// Process ops top-down (pre-order) rather than bottom-up (reverse post-order).
    pub top_down: bool,
    /// Fold ops (and apply trait folds) before trying patterns.
    pub fold: bool,
    /// Unique constant ops per insertion region and hoist them to its entry block.
    pub cse_constants: bool,
    /// Region simplification between iterations.
    pub region_simplification: RegionSimplification,
    /// Which ops may be processed.
    pub strictness: Strictness,
    /// Checker mode: check every pattern application and re-run once after convergence.
    pub check: bool,
    /// Keep the reasons given to [`PatternRewriter::notify_match_failure`] in
    /// [`GreedyOutcome::match_failures`].
    pub record_match_failures: bool,
}

impl Default for GreedyConfig {
    fn default() -> Self {
        GreedyConfig {
            max_iterations: Some(10),
            max_num_rewrites: None,
            top_down: true,
            fold: true,
            cse_constants: true,
            region_simplification: RegionSimplification::Normal,
            strictness: Strictness::AnyOp,
            check: false,
            record_match_failures: false,
        }
    }
}

/// A reason a pattern gave for not applying (see [`GreedyConfig::record_match_failures`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatchFailure {
    /// The pattern's name.
    pub pattern: String,
    /// The op's name.
    pub op: String,
    /// The op's location.
    pub loc: Location,
    /// The reason.
    pub reason: String,
}

/// What a greedy run did.
#[derive(Clone, Debug, Default)]
pub struct GreedyOutcome {
    /// Whether the last iteration changed nothing (and the rewrite limit was not hit).
    pub converged: bool,
    /// Whether the IR was changed at all.
    pub changed: bool,
    /// Number of iterations run (not counting the checker's extra one).
    pub iterations: u32,
    /// Pattern applications.
    pub num_rewrites: u64,
    /// Successful folds (including trait folds).
    pub num_folds: u64,
    /// Trivially dead ops erased.
    pub num_dead_erased: u64,
    /// Non-convergence and checker findings, as errors.
    pub diagnostics: Vec<Diagnostic>,
    /// Match failure reasons, when recorded.
    pub match_failures: Vec<MatchFailure>,
}

/// Apply `patterns` (with folding and dead-code removal) greedily to the ops in `regions` of
/// `body` until nothing changes. Nested bodies of isolated ops are not entered.
pub fn apply_patterns_greedily(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    patterns: &FrozenPatternSet<'_>,
    config: &GreedyConfig,
) -> GreedyOutcome {
    let mut d = Driver::new(ctx, body, regions.to_vec(), patterns, config);
    if config.strictness != Strictness::AnyOp {
        let ops = ops_preorder(d.rw.body(), regions);
        d.allow(&ops);
    }
    let mut iterations = 0u32;
    let mut changed_last = true;
    let mut changed_any = false;
    while changed_last {
        if config.max_iterations.is_some_and(|m| iterations >= m) {
            break;
        }
        iterations += 1;
        d.fired.clear();
        changed_last = d.iteration();
        changed_any |= changed_last;
        if d.budget_hit {
            break;
        }
    }
    let converged = !changed_last && !d.budget_hit;
    if !converged {
        let msg = if d.budget_hit {
            format!(
                "greedy pattern rewriter stopped before converging: reached max-num-rewrites={}",
                config.max_num_rewrites.unwrap_or(0)
            )
        } else {
            format!(
                "greedy pattern rewriter did not converge after {iterations} iteration{}",
                if iterations == 1 { "" } else { "s" }
            )
        };
        let diag = d.fired_diagnostic(msg, "still firing in the last iteration");
        d.diags.push(diag);
    } else if config.check {
        d.fired.clear();
        if d.iteration() {
            changed_any = true;
            let diag = d.fired_diagnostic(
                "pattern rewriting did not converge: the IR still changed in an extra iteration \
                 after convergence"
                    .to_string(),
                "changed in the extra iteration",
            );
            d.diags.push(diag);
        }
    }
    d.outcome(converged, changed_any, iterations)
}

/// Apply `patterns` greedily to `ops` (and, depending on [`GreedyConfig::strictness`], to the
/// ops their rewrites create or touch), processing the worklist once (MLIR's
/// `applyOpPatternsGreedily`). `converged` means the worklist was drained.
pub fn apply_op_patterns_greedily(
    ctx: &Context,
    body: &mut Body,
    ops: &[Op],
    patterns: &FrozenPatternSet<'_>,
    config: &GreedyConfig,
) -> GreedyOutcome {
    let mut d = Driver::new(ctx, body, Vec::new(), patterns, config);
    if config.strictness != Strictness::AnyOp {
        d.allow(ops);
    }
    for &op in ops.iter().rev() {
        d.add_single(op);
    }
    d.start_iteration(ops.len());
    let changed = d.process_worklist();
    let converged = !d.budget_hit && d.worklist.is_empty();
    if !converged {
        let msg = if d.budget_hit {
            format!(
                "greedy pattern rewriter stopped before converging: reached max-num-rewrites={}",
                config.max_num_rewrites.unwrap_or(0)
            )
        } else {
            "greedy pattern rewriter stopped before converging: too many changes for the \
             number of ops"
                .to_string()
        };
        let diag = d.fired_diagnostic(msg, "fired");
        d.diags.push(diag);
    }
    d.outcome(converged, changed, 1)
}

/// An iteration stops after this many changes per op it was seeded with (plus
/// [`MIN_CHANGES_PER_ITERATION`]), so that patterns recreating each other's roots cannot
/// keep one iteration going forever; the iteration limit then ends the run.
const CHANGES_PER_OP: u64 = 16;
/// See [`CHANGES_PER_OP`].
const MIN_CHANGES_PER_ITERATION: u64 = 1024;

/// What made a change (for diagnostics naming what was still firing).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
enum Firing {
    Pattern(u32),
    Fold(OpName),
    Dead(OpName),
    UnreachableBlocks,
}

/// Key of a uniqued constant: insertion region, dialect, value, type.
type ConstKey = (Region, Symbol, Attribute, Type);

/// A trait fold's outcome.
enum TraitFold {
    Replace(SmallVec<[Value; 1]>),
    SortOperands(SmallVec<[Value; 4]>),
}

struct Driver<'a, 'p> {
    ctx: &'a Context,
    rw: PatternRewriter<'a>,
    patterns: &'a FrozenPatternSet<'p>,
    config: &'a GreedyConfig,
    scope: Vec<Region>,
    worklist: Vec<Op>,
    in_list: Vec<bool>,
    allowed: Vec<bool>,
    uniqued: FxHashMap<ConstKey, Op>,
    owned: FxHashMap<Op, ConstKey>,
    materializers: FxHashMap<Symbol, Option<MaterializeConstantFn>>,
    fired: IndexMap<Firing, (u64, Location)>,
    flagged: FxHashSet<(u32, bool)>,
    num_rewrites: u64,
    num_folds: u64,
    num_dead: u64,
    budget_hit: bool,
    iter_changes: u64,
    iter_limit: u64,
    ir_changed: bool,
    diags: Vec<Diagnostic>,
    failures: Vec<MatchFailure>,
}

impl<'a, 'p> Driver<'a, 'p> {
    fn new(
        ctx: &'a Context,
        body: &'a mut Body,
        scope: Vec<Region>,
        patterns: &'a FrozenPatternSet<'p>,
        config: &'a GreedyConfig,
    ) -> Self {
        let mut rw = PatternRewriter::new(ctx, body);
        rw.set_track_effects(config.check);
        rw.set_record_failures(config.record_match_failures);
        Driver {
            ctx,
            rw,
            patterns,
            config,
            scope,
            worklist: Vec::new(),
            in_list: Vec::new(),
            allowed: Vec::new(),
            uniqued: FxHashMap::default(),
            owned: FxHashMap::default(),
            materializers: FxHashMap::default(),
            fired: IndexMap::new(),
            flagged: FxHashSet::default(),
            num_rewrites: 0,
            num_folds: 0,
            num_dead: 0,
            budget_hit: false,
            iter_changes: 0,
            iter_limit: u64::MAX,
            ir_changed: false,
            diags: Vec::new(),
            failures: Vec::new(),
        }
    }

    fn outcome(self, converged: bool, changed: bool, iterations: u32) -> GreedyOutcome {
        GreedyOutcome {
            converged,
            changed: changed || self.ir_changed,
            iterations,
            num_rewrites: self.num_rewrites,
            num_folds: self.num_folds,
            num_dead_erased: self.num_dead,
            diagnostics: self.diags,
            match_failures: self.failures,
        }
    }

    // ----- worklist -----

    /// Mark `ops` as processable under a strict mode.
    fn allow(&mut self, ops: &[Op]) {
        for &op in ops {
            set_flag(&mut self.allowed, op, true);
        }
    }

    fn is_allowed(&self, op: Op) -> bool {
        self.config.strictness == Strictness::AnyOp
            || self.allowed.get(op.index()).copied().unwrap_or(false)
    }

    fn add_single(&mut self, op: Op) {
        if !self.is_allowed(op) || flag(&self.in_list, op) {
            return;
        }
        set_flag(&mut self.in_list, op, true);
        self.worklist.push(op);
    }

    fn in_scope(&self, body: &Body, r: Region) -> bool {
        if self.scope.is_empty() {
            body.region_parent(r).is_none()
        } else {
            self.scope.contains(&r)
        }
    }

    /// Add `op` and its ancestors up to the driver's regions (MLIR's `addToWorklist`).
    fn add_to_worklist(&mut self, op: Op) {
        let body = self.rw.body();
        if body.is_erased(op) {
            return;
        }
        let mut chain: SmallVec<[Op; 4]> = SmallVec::new();
        let mut cur = op;
        loop {
            chain.push(cur);
            let Some(r) = body.parent_block(cur).and_then(|b| body.block_parent(b)) else {
                return;
            };
            if self.in_scope(body, r) {
                break;
            }
            match body.region_parent(r) {
                Some(p) => cur = p,
                None => return,
            }
        }
        for o in chain {
            self.add_single(o);
        }
    }

    fn clear_worklist(&mut self) {
        for op in std::mem::take(&mut self.worklist) {
            set_flag(&mut self.in_list, op, false);
        }
    }

    fn process_changes(&mut self, changes: Vec<Change>) {
        for c in changes {
            match c {
                Change::Created(op) => {
                    if self.config.strictness == Strictness::ExistingAndNewOps {
                        set_flag(&mut self.allowed, op, true);
                    }
                    self.add_to_worklist(op);
                }
                Change::Modified(op) | Change::Moved(op) => self.add_to_worklist(op),
                Change::Replaced(_) => {}
                Change::Erased { op, operand_defs } => {
                    if let Some(k) = self.owned.remove(&op) {
                        if self.uniqued.get(&k) == Some(&op) {
                            self.uniqued.remove(&k);
                        }
                    }
                    for d in operand_defs {
                        self.add_to_worklist(d);
                    }
                }
                Change::RegionModified(r) => {
                    if let Some(p) = self.rw.body().region_parent(r) {
                        self.add_to_worklist(p);
                    }
                }
            }
        }
    }

    fn fire(&mut self, what: Firing, loc: Location) {
        self.fired.entry(what).or_insert((0, loc)).0 += 1;
    }

    fn fired_diagnostic(&self, msg: String, lead: &str) -> Diagnostic {
        let loc = self
            .fired
            .values()
            .next()
            .map_or(self.ctx.unknown_loc(), |&(_, l)| l);
        let mut d = Diagnostic::error(loc, msg);
        for (what, &(n, l)) in &self.fired {
            let times = if n == 1 {
                String::new()
            } else {
                format!(" ({n} times)")
            };
            let text = match *what {
                Firing::Pattern(i) => format!("pattern '{}'", self.patterns.pattern(i).name()),
                Firing::Fold(n) => format!("folding of '{}'", self.ctx.op_name_str(n)),
                Firing::Dead(n) => format!("erasure of dead '{}'", self.ctx.op_name_str(n)),
                Firing::UnreachableBlocks => "erasure of unreachable blocks".to_string(),
            };
            d = d.with_note(l, format!("{lead}: {text}{times}"));
        }
        d
    }

    // ----- iterations -----

    /// One iteration: fill the worklist, process it, simplify regions. Whether anything
    /// changed.
    fn iteration(&mut self) -> bool {
        self.clear_worklist();
        let ops = if self.config.top_down {
            ops_preorder(self.rw.body(), &self.scope)
        } else {
            ops_postorder(self.rw.body(), &self.scope)
        };
        let mut list = Vec::with_capacity(ops.len());
        for op in ops {
            if !self.is_allowed(op) {
                continue;
            }
            if self.config.cse_constants {
                if let Some(v) = constant_op_value(self.ctx, self.rw.body(), op) {
                    if !self.insert_known_constant(op, v) {
                        continue;
                    }
                }
            }
            list.push(op);
        }
        // Constant uniquing does not make the iteration count as changing the IR (as in
        // MLIR: the walk covers every op anyway), but the IR did change.
        self.ir_changed |= !self.rw.take_changes().is_empty();
        if self.config.top_down {
            list.reverse();
        }
        self.start_iteration(list.len());
        for op in list {
            self.add_single(op);
        }
        let mut changed = self.process_worklist();
        if self.config.region_simplification == RegionSimplification::Normal
            && self.erase_unreachable_blocks()
        {
            changed = true;
        }
        changed
    }

    /// Reset the per-iteration change counter for an iteration seeded with `n` ops.
    fn start_iteration(&mut self, n: usize) {
        self.iter_changes = 0;
        self.iter_limit = (n as u64)
            .saturating_mul(CHANGES_PER_OP)
            .saturating_add(MIN_CHANGES_PER_ITERATION);
    }

    fn budget_left(&self) -> bool {
        self.config
            .max_num_rewrites
            .is_none_or(|m| self.num_rewrites < m)
    }

    fn process_worklist(&mut self) -> bool {
        let mut changed = false;
        while let Some(&op) = self.worklist.last() {
            if !self.budget_left() {
                self.budget_hit = true;
                break;
            }
            if self.iter_changes >= self.iter_limit {
                // Patterns that keep recreating each other's roots: end the iteration (it
                // counts as changing the IR) and let the iteration limit stop the driver.
                changed = true;
                break;
            }
            self.worklist.pop();
            set_flag(&mut self.in_list, op, false);
            let body = self.rw.body();
            if body.is_erased(op) || body.parent_block(op).is_none() {
                continue;
            }
            let name = body.name(op);
            let loc = body.op(op).loc;
            let def = self.ctx.op_def(name);
            if is_trivially_dead(self.ctx, body, op) {
                self.rw.erase_op(op);
                let ch = self.rw.take_changes();
                self.process_changes(ch);
                self.num_dead += 1;
                self.iter_changes += 1;
                self.fire(Firing::Dead(name), loc);
                changed = true;
                continue;
            }
            if self.config.fold {
                if let Some(def) = def {
                    if self.try_fold(op, def) {
                        self.num_folds += 1;
                        self.iter_changes += 1;
                        self.fire(Firing::Fold(name), loc);
                        changed = true;
                        continue;
                    }
                }
            }
            if self.try_patterns(op, name, loc) {
                changed = true;
                self.iter_changes += 1;
            }
        }
        changed
    }

    // ----- folding -----

    fn try_fold(&mut self, op: Op, def: &'static OpDef) -> bool {
        if def.has(Traits::CONSTANT_LIKE) {
            return false;
        }
        let ctx = self.ctx;
        let body = self.rw.body();
        let consts: SmallVec<[Option<Attribute>; 4]> = body
            .operands(op)
            .map(|v| constant_value(ctx, body, v))
            .collect();
        let results: SmallVec<[Value; 2]> = body.results(op).iter().copied().collect();
        let folded = def
            .fold
            .and_then(|f| f(OpRef::new(ctx, body, op), &consts))
            .filter(|r| valid_fold(body, &results, r));
        if let Some(folded) = folded {
            return self.apply_fold(op, &results, &folded);
        }
        match trait_fold(body, op, def, &consts) {
            Some(TraitFold::Replace(vals)) => {
                self.rw.replace_op(op, &vals);
                let ch = self.rw.take_changes();
                self.process_changes(ch);
                true
            }
            Some(TraitFold::SortOperands(vals)) => {
                self.rw.set_operands(op, &vals);
                let ch = self.rw.take_changes();
                self.process_changes(ch);
                true
            }
            None => false,
        }
    }

    fn apply_fold(&mut self, op: Op, results: &[Value], folded: &[FoldResult]) -> bool {
        let body = self.rw.body();
        let loc = body.op(op).loc;
        let dialect = self.ctx.op_info(body.name(op)).dialect;
        self.rw.set_insertion_point(InsertPoint::Before(op));
        self.rw.loc = loc;
        let mut vals: SmallVec<[Value; 2]> = SmallVec::new();
        let mut created: SmallVec<[Value; 2]> = SmallVec::new();
        for (fr, &res) in folded.iter().zip(results) {
            match *fr {
                FoldResult::Value(v) => vals.push(v),
                FoldResult::Attr(a) => {
                    let ty = self.rw.body().value_type(res);
                    match self.materialize(dialect, a, ty) {
                        Some(v) => {
                            vals.push(v);
                            created.push(v);
                        }
                        None => {
                            for v in created {
                                if let Some(d) = self.rw.body().defining_op(v) {
                                    if !self.rw.body().has_uses(v) {
                                        self.rw.erase_op(d);
                                    }
                                }
                            }
                            self.rw.take_changes();
                            return false;
                        }
                    }
                }
            }
        }
        self.rw.replace_op(op, &vals);
        let ch = self.rw.take_changes();
        self.process_changes(ch);
        true
    }

    /// Materialise `value : ty` with `dialect`'s materialiser at the rewriter's insertion
    /// point.
    fn materialize(&mut self, dialect: Symbol, value: Attribute, ty: Type) -> Option<Value> {
        let ctx = self.ctx;
        let f = (*self
            .materializers
            .entry(dialect)
            .or_insert_with(|| constant_materializer(ctx, ctx.str(dialect))))?;
        let v = self.rw.with_builder(|b| f(b, value, ty))?;
        if self.rw.body().value_type(v) != ty {
            if let Some(d) = self.rw.body().defining_op(v) {
                if !self.rw.body().has_uses(v) {
                    self.rw.erase_op(d);
                }
            }
            return None;
        }
        Some(v)
    }

    // ----- constants -----

    /// The region constants used by `op` are hoisted to: the nearest enclosing region that
    /// is one of the driver's regions, a root region of the body, or a region of an
    /// unregistered op.
    fn insertion_region(&self, op: Op) -> Option<Region> {
        let body = self.rw.body();
        let mut block = body.parent_block(op)?;
        loop {
            let r = body.block_parent(block)?;
            if self.scope.contains(&r) {
                return Some(r);
            }
            let Some(p) = body.region_parent(r) else {
                return Some(r);
            };
            if self.ctx.op_def(body.name(p)).is_none() {
                return Some(r);
            }
            block = body.parent_block(p)?;
        }
    }

    /// MLIR's `OperationFolder::insertKnownConstant`: unique constant `op` (value `value`)
    /// in its insertion region and hoist it to the start of the region's entry block. A
    /// constant that absorbs a duplicate loses its location (it stands for both), as in
    /// MLIR.
    /// Returns `false` when `op` was replaced by an existing constant (and erased).
    fn insert_known_constant(&mut self, op: Op, value: Attribute) -> bool {
        let body = self.rw.body();
        let Some(block) = body.parent_block(op) else {
            return true;
        };
        let unknown = self.ctx.unknown_loc();
        let prev_owned = body
            .prev_op(op)
            .is_some_and(|p| self.owned.contains_key(&p));
        if self.owned.contains_key(&op) {
            if body.first_op(block) != Some(op) && !prev_owned {
                self.rw.move_op(op, InsertPoint::Start(block));
            }
            return true;
        }
        let Some(region) = self.insertion_region(op) else {
            return true;
        };
        let body = self.rw.body();
        let Some(&res) = body.results(op).first() else {
            return true;
        };
        let key = (
            region,
            self.ctx.op_info(body.name(op)).dialect,
            value,
            body.value_type(res),
        );
        if let Some(&existing) = self.uniqued.get(&key) {
            if existing != op && !body.is_erased(existing) {
                let r = body.result(existing, 0);
                self.rw.replace_op(op, &[r]);
                self.rw
                    .modify_op_in_place(existing, |b| b.op_mut(existing).loc = unknown);
                return false;
            }
        }
        let Some(entry) = self.rw.body().entry_block(region) else {
            return true;
        };
        if block != entry || (self.rw.body().first_op(entry) != Some(op) && !prev_owned) {
            self.rw.move_op(op, InsertPoint::Start(entry));
        }
        self.uniqued.insert(key, op);
        self.owned.insert(op, key);
        true
    }

    // ----- patterns -----

    fn try_patterns(&mut self, op: Op, name: OpName, loc: Location) -> bool {
        let patterns = self.patterns;
        for &pi in patterns.for_op(name) {
            let pat = patterns.pattern(pi);
            let before = self
                .config
                .check
                .then(|| op_fingerprint(self.ctx, self.rw.body(), op));
            self.rw.set_insertion_point(InsertPoint::Before(op));
            self.rw.loc = loc;
            let ok = pat.match_and_rewrite(op, &mut self.rw);
            let changes = self.rw.take_changes();
            if self.config.record_match_failures {
                for (o, reason) in self.rw.take_failures() {
                    let body = self.rw.body();
                    let (op_name, op_loc) = if body.is_erased(o) {
                        (self.ctx.op_name_str(name).to_string(), loc)
                    } else {
                        (
                            self.ctx.op_name_str(body.name(o)).to_string(),
                            body.op(o).loc,
                        )
                    };
                    self.failures.push(MatchFailure {
                        pattern: pat.name().to_string(),
                        op: op_name,
                        loc: op_loc,
                        reason,
                    });
                }
            }
            if let Some(before) = before {
                let body = self.rw.body();
                let same = !body.is_erased(op) && op_fingerprint(self.ctx, body, op) == before;
                if ok && changes.is_empty() && same && self.flagged.insert((pi, true)) {
                    self.diags.push(Diagnostic::error(
                        loc,
                        format!(
                            "pattern '{}' returned success but did not change the IR",
                            pat.name()
                        ),
                    ));
                }
                if !ok && (!changes.is_empty() || !same) && self.flagged.insert((pi, false)) {
                    self.diags.push(Diagnostic::error(
                        loc,
                        format!(
                            "pattern '{}' returned failure but changed the IR",
                            pat.name()
                        ),
                    ));
                }
            }
            if ok || !changes.is_empty() {
                self.process_changes(changes);
                if ok {
                    self.num_rewrites += 1;
                }
                self.fire(Firing::Pattern(pi), loc);
                return true;
            }
        }
        false
    }

    // ----- region simplification -----

    /// Erase blocks unreachable from their region's entry, in the driver's regions and the
    /// regions nested in them (this body only). Regions whose unreachable blocks define
    /// values used elsewhere (possible in graph regions) are left alone.
    fn erase_unreachable_blocks(&mut self) -> bool {
        let body = self.rw.body();
        let mut regions: Vec<Region> = self.scope.clone();
        if regions.is_empty() {
            return false;
        }
        for op in ops_preorder(body, &self.scope) {
            if body.nested(op).is_none() {
                regions.extend_from_slice(body.regions(op));
            }
        }
        let mut changed = false;
        for r in regions {
            let body = self.rw.body();
            if body.region_parent(r).is_some_and(|p| body.is_erased(p)) {
                continue;
            }
            let blocks = body.region_blocks(r);
            if blocks.len() < 2 {
                continue;
            }
            let mut reachable: FxHashSet<strata_ir::Block> = FxHashSet::default();
            let mut stack = vec![blocks[0]];
            while let Some(b) = stack.pop() {
                if !reachable.insert(b) {
                    continue;
                }
                for o in body.block_ops(b) {
                    stack.extend(body.successors(o).iter().copied());
                }
            }
            let dead: Vec<strata_ir::Block> = blocks
                .iter()
                .copied()
                .filter(|b| !reachable.contains(b))
                .collect();
            if dead.is_empty() {
                continue;
            }
            // Everything defined in the dead blocks, and whether it is used only there.
            let mut dead_ops: Vec<Op> = Vec::new();
            let mut dead_blocks: Vec<strata_ir::Block> = dead.clone();
            let mut i = 0;
            while i < dead_blocks.len() {
                let b = dead_blocks[i];
                i += 1;
                for o in body.block_ops(b) {
                    dead_ops.push(o);
                    if body.nested(o).is_none() {
                        for &rr in body.regions(o) {
                            dead_blocks.extend_from_slice(body.region_blocks(rr));
                        }
                    }
                }
            }
            let dead_set: FxHashSet<Op> = dead_ops.iter().copied().collect();
            let used_outside = |v: Value| body.uses(v).iter().any(|u| !dead_set.contains(&u.op));
            let escapes = dead_ops
                .iter()
                .any(|&o| body.results(o).iter().any(|&v| used_outside(v)))
                || dead_blocks
                    .iter()
                    .any(|&b| body.block_args(b).iter().any(|&v| used_outside(v)));
            if escapes {
                continue;
            }
            let loc = dead_ops
                .first()
                .map_or(self.ctx.unknown_loc(), |&o| body.op(o).loc);
            let raw = self.rw.body_mut_untracked();
            for &o in &dead_ops {
                raw.set_operands(o, &[]);
            }
            for &b in &dead {
                raw.erase_block(b);
            }
            if let Some(p) = self.rw.body().region_parent(r) {
                self.add_to_worklist(p);
            }
            self.fire(Firing::UnreachableBlocks, loc);
            changed = true;
        }
        changed
    }
}

/// Whether fold results can replace `results`: one per result, values of the right type
/// that are not the op's own results.
fn valid_fold(body: &Body, results: &[Value], folded: &[FoldResult]) -> bool {
    folded.len() == results.len()
        && !folded.is_empty()
        && folded.iter().zip(results).all(|(f, &r)| match *f {
            FoldResult::Value(v) => {
                body.is_valid_value(v)
                    && !results.contains(&v)
                    && body.value_type(v) == body.value_type(r)
            }
            FoldResult::Attr(_) => true,
        })
}

/// The folds implied by traits (MLIR's `foldTraits`): involution, idempotence, and moving
/// constant operands of commutative ops to the end.
fn trait_fold(body: &Body, op: Op, def: &OpDef, consts: &[Option<Attribute>]) -> Option<TraitFold> {
    let n = body.num_operands(op);
    let single_result = body.results(op).len() == 1;
    if single_result {
        let res_ty = body.value_type(body.result(op, 0));
        let same_name_def = |v: Value| {
            body.defining_op(v)
                .filter(|&d| d != op && body.name(d) == body.name(op))
        };
        if def.has(Traits::INVOLUTION) && n == 1 {
            if let Some(inner) = same_name_def(body.operand(op, 0)) {
                if body.num_operands(inner) == 1 {
                    let x = body.operand(inner, 0);
                    if body.value_type(x) == res_ty {
                        return Some(TraitFold::Replace(SmallVec::from_elem(x, 1)));
                    }
                }
            }
        }
        if def.has(Traits::IDEMPOTENT) {
            if n == 2 && body.operand(op, 0) == body.operand(op, 1) {
                let x = body.operand(op, 0);
                if body.value_type(x) == res_ty {
                    return Some(TraitFold::Replace(SmallVec::from_elem(x, 1)));
                }
            }
            if n == 1 {
                let x = body.operand(op, 0);
                if same_name_def(x).is_some() && body.value_type(x) == res_ty {
                    return Some(TraitFold::Replace(SmallVec::from_elem(x, 1)));
                }
            }
        }
    }
    if def.has(Traits::COMMUTATIVE) && n >= 2 {
        let first_const = consts.iter().position(Option::is_some)?;
        if consts[first_const..].iter().any(Option::is_none) {
            let operands = body.operand_vec(op);
            let mut sorted: SmallVec<[Value; 4]> = SmallVec::new();
            sorted.extend(
                operands
                    .iter()
                    .zip(consts)
                    .filter(|(_, c)| c.is_none())
                    .map(|(&v, _)| v),
            );
            sorted.extend(
                operands
                    .iter()
                    .zip(consts)
                    .filter(|(_, c)| c.is_some())
                    .map(|(&v, _)| v),
            );
            return Some(TraitFold::SortOperands(sorted));
        }
    }
    None
}

fn flag(v: &[bool], op: Op) -> bool {
    v.get(op.index()).copied().unwrap_or(false)
}

fn set_flag(v: &mut Vec<bool>, op: Op, on: bool) {
    let i = op.index();
    if i >= v.len() {
        if !on {
            return;
        }
        v.resize((i + 1).max(v.len() * 2), false);
    }
    v[i] = on;
}
