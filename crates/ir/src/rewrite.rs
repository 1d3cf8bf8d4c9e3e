//! Pattern rewriting: [`RewritePattern`]s and the [`PatternRewriter`] through which they
//! change IR (MLIR's `RewritePattern` / `PatternRewriter`).
//!
//! A pattern matches one op and, when it applies, rewrites it *through the rewriter*: every
//! change (ops created, modified in place, moved, replaced, erased, blocks changed) is recorded
//! as a [`Change`] so that a driver (the greedy driver, the walk driver, dialect conversion in
//! `strata-pass`) can keep its worklist up to date without rescanning the IR.
//!
//! Dialects declare canonicalization patterns with the op they are rooted at
//! ([`OpDef::canonicalize`](crate::OpDef::canonicalize)) and a constant materialiser on their
//! constant op ([`OpDef::materialize_constant`](crate::OpDef::materialize_constant)):
//!
//! ```
//! use strata_ir::rewrite::{PatternRewriter, RewritePattern};
//! use strata_ir::{Op, OpDef, Traits};
//!
//! /// `demo.neg(demo.neg(x)) -> x`.
//! struct DoubleNeg;
//! impl RewritePattern for DoubleNeg {
//!     fn name(&self) -> &str {
//!         "demo-double-neg"
//!     }
//!     fn root(&self) -> Option<&str> {
//!         Some("demo.neg")
//!     }
//!     fn match_and_rewrite(&self, op: Op, rw: &mut PatternRewriter<'_>) -> bool {
//!         let body = rw.body();
//!         let Some(inner) = body.defining_op(body.operand(op, 0)) else {
//!             return rw.notify_match_failure(op, "operand is not an op result");
//!         };
//!         if body.name(inner) != body.name(op) {
//!             return rw.notify_match_failure(op, "operand is not a demo.neg");
//!         }
//!         let x = body.operand(inner, 0);
//!         rw.replace_op(op, &[x]);
//!         true
//!     }
//! }
//!
//! static NEG: OpDef = OpDef {
//!     traits: Traits::PURE,
//!     canonicalize: &[&DoubleNeg],
//!     ..OpDef::new("demo.neg")
//! };
//! # let _ = &NEG;
//! ```

use crate::entity::EntityRef;
use crate::registry::MaterializeConstantFn;
use crate::{
    Attribute, Block, Body, Context, FoldResult, InsertPoint, IrMapping, Location, Op, OpBuilder,
    OpRef, OperationState, Region, Traits, Type, Use, Value,
};
use smallvec::SmallVec;
use std::hash::{Hash, Hasher};

/// A rewrite rooted at one op (MLIR's `RewritePattern`).
///
/// Contract: return `true` exactly when the IR was changed, and change it only through the
/// [`PatternRewriter`] (or announce raw changes with [`PatternRewriter::notify_modified`]).
/// Drivers in checker mode flag patterns that return `true` without changing anything, and
/// patterns that change the IR but return `false`.
pub trait RewritePattern: Send + Sync {
    /// A name for diagnostics and for enabling/disabling the pattern (`fold-double-neg`).
    fn name(&self) -> &str;
    /// The op name this pattern matches (`arith.addi`), or `None` to be tried on every op.
    fn root(&self) -> Option<&str> {
        None
    }
    /// How profitable the rewrite is: patterns with a higher benefit are tried first; ties
    /// keep registration order.
    fn benefit(&self) -> u16 {
        1
    }
    /// Try to rewrite `op`. The rewriter's insertion point is right before `op`.
    fn match_and_rewrite(&self, op: Op, rewriter: &mut PatternRewriter<'_>) -> bool;
}

/// One change made through a [`PatternRewriter`], in the order they happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// An op was created (and inserted at the insertion point, if there was one) or a
    /// detached op was inserted.
    Created(Op),
    /// An op's operands, attributes, location, successors or regions changed in place.
    Modified(Op),
    /// An op was moved to another place in the same body.
    Moved(Op),
    /// All results of an op were replaced; the op is erased right after ([`Change::Erased`]).
    Replaced(Op),
    /// An op was erased together with everything nested in it.
    Erased {
        /// The erased op.
        op: Op,
        /// Defining ops of the erased ops' operands (outside the erased op) that are left
        /// with at most one user: candidates for dead-code removal and further folding.
        operand_defs: SmallVec<[Op; 2]>,
    },
    /// Blocks of a region were created, erased, split, merged or had their arguments
    /// changed.
    RegionModified(Region),
}

/// The interface through which patterns change IR: creates ops at an insertion point and
/// records every [`Change`] for the driver.
pub struct PatternRewriter<'a> {
    /// The context.
    pub ctx: &'a Context,
    body: &'a mut Body,
    ip: Option<InsertPoint>,
    /// Location given to ops built with [`PatternRewriter::build`] (drivers set it to the
    /// matched op's location).
    pub loc: Location,
    changes: Vec<Change>,
    track_effects: bool,
    record_failures: bool,
    failures: Vec<(Op, String)>,
}

impl<'a> PatternRewriter<'a> {
    /// A rewriter over `body` with no insertion point.
    pub fn new(ctx: &'a Context, body: &'a mut Body) -> Self {
        PatternRewriter {
            ctx,
            body,
            ip: None,
            loc: ctx.unknown_loc(),
            changes: Vec::new(),
            track_effects: false,
            record_failures: false,
            failures: Vec::new(),
        }
    }

    // ----- driver-facing -----

    /// When on, in-place modifications that leave an op structurally unchanged (same
    /// [`op_fingerprint`]) are not recorded, so that drivers can tell a rewrite that did
    /// nothing. Costs a fingerprint per modification; drivers enable it in checker mode.
    pub fn set_track_effects(&mut self, on: bool) {
        self.track_effects = on;
    }
    /// When on, [`PatternRewriter::notify_match_failure`] keeps its reasons (for debugging
    /// and conversion diagnostics); off by default so that failing matches cost nothing.
    pub fn set_record_failures(&mut self, on: bool) {
        self.record_failures = on;
    }
    /// The recorded match-failure reasons `(op, reason)`, taken out.
    pub fn take_failures(&mut self) -> Vec<(Op, String)> {
        std::mem::take(&mut self.failures)
    }
    /// The changes recorded so far.
    pub fn changes(&self) -> &[Change] {
        &self.changes
    }
    /// The changes recorded so far, taken out (the log is left empty).
    pub fn take_changes(&mut self) -> Vec<Change> {
        std::mem::take(&mut self.changes)
    }
    /// Whether any change was recorded since the log was last taken.
    pub fn has_changes(&self) -> bool {
        !self.changes.is_empty()
    }

    // ----- reading -----

    /// The body being rewritten (read-only: change it through the rewriter).
    pub fn body(&self) -> &Body {
        self.body
    }
    /// The body, mutably, *without* recording anything. Drivers do not see changes made
    /// through it: follow them with [`PatternRewriter::notify_modified`] (or use it only for
    /// nested bodies of isolated ops, which drivers handle separately).
    pub fn body_mut_untracked(&mut self) -> &mut Body {
        self.body
    }
    /// A read-only view of `op` (no parent chain).
    pub fn op_ref(&self, op: Op) -> OpRef<'_> {
        OpRef::new(self.ctx, self.body, op)
    }
    /// The constant value of `v`, if it is defined by a constant-like op.
    pub fn constant_value(&self, v: Value) -> Option<Attribute> {
        constant_value(self.ctx, self.body, v)
    }

    // ----- insertion point -----

    /// The current insertion point (`None`: ops are created detached).
    pub fn insertion_point(&self) -> Option<InsertPoint> {
        self.ip
    }
    /// Set the insertion point.
    pub fn set_insertion_point(&mut self, ip: InsertPoint) {
        self.ip = Some(ip);
    }
    /// Clear the insertion point: ops are created detached.
    pub fn clear_insertion_point(&mut self) {
        self.ip = None;
    }

    // ----- creating -----

    /// Create the op described by `state` at the insertion point (which then moves past it,
    /// as with [`OpBuilder`]).
    pub fn create(&mut self, state: OperationState) -> Op {
        let op = self.body.create_op(state);
        if let Some(ip) = self.ip {
            self.body.insert_op(op, ip);
            self.ip = Some(advance(ip, op));
        }
        self.changes.push(Change::Created(op));
        op
    }
    /// Create op `name` with operands, result types and inherent attributes at
    /// [`PatternRewriter::loc`].
    pub fn build(
        &mut self,
        name: &str,
        operands: &[Value],
        result_types: &[Type],
        props: &[(&str, Attribute)],
    ) -> Op {
        let mut st = OperationState::new(self.ctx, self.ctx.op_name(name), self.loc);
        st.operands = operands.to_vec();
        st.result_types = result_types.to_vec();
        if !props.is_empty() {
            st.props = Some(self.ctx.dict_attr(props));
        }
        self.create(st)
    }
    /// Like [`PatternRewriter::build`] for single-result ops; returns the result.
    pub fn build_value(
        &mut self,
        name: &str,
        operands: &[Value],
        result_type: Type,
        props: &[(&str, Attribute)],
    ) -> Value {
        let op = self.build(name, operands, &[result_type], props);
        self.body.result(op, 0)
    }
    /// Run `f` with an [`OpBuilder`] at the insertion point and location, recording every op
    /// it creates (for helpers written against `OpBuilder`). `f` must only create ops.
    pub fn with_builder<R>(&mut self, f: impl FnOnce(&mut OpBuilder<'_>) -> R) -> R {
        let start = self.body.op_capacity();
        let mut b = OpBuilder {
            ctx: self.ctx,
            body: &mut *self.body,
            ip: self.ip,
            loc: self.loc,
        };
        let r = f(&mut b);
        self.ip = b.ip;
        for i in start..self.body.op_capacity() {
            let op = Op::new(i);
            if !self.body.is_erased(op) {
                self.changes.push(Change::Created(op));
            }
        }
        r
    }
    /// Insert a detached op (created with [`Body::create_op`] or taken out with
    /// [`PatternRewriter::detach_op`]) at `at`.
    pub fn insert_op(&mut self, op: Op, at: InsertPoint) {
        self.body.insert_op(op, at);
        self.changes.push(Change::Created(op));
    }
    /// Clone `op` (with its regions) at the insertion point, remapping operands through
    /// `map`; returns the clone.
    pub fn clone_op(&mut self, op: Op, map: &mut IrMapping) -> Op {
        let new = self.body.clone_op(self.ctx, op, map);
        if let Some(ip) = self.ip {
            self.body.insert_op(new, ip);
            self.ip = Some(advance(ip, new));
        }
        for o in crate::walk::ops_in_body_preorder(self.body, new) {
            self.changes.push(Change::Created(o));
        }
        new
    }
    /// Materialise a constant of dialect `dialect` (through its constant op's
    /// [`OpDef::materialize_constant`](crate::OpDef::materialize_constant) hook) at the
    /// insertion point, at `loc`. `None` when the dialect has no materialiser or it cannot
    /// represent `value` as `ty`.
    pub fn materialize_constant(
        &mut self,
        dialect: &str,
        value: Attribute,
        ty: Type,
        loc: Location,
    ) -> Option<Value> {
        let f = constant_materializer(self.ctx, dialect)?;
        let saved = self.loc;
        self.loc = loc;
        let v = self.with_builder(|b| f(b, value, ty));
        self.loc = saved;
        v
    }

    // ----- replacing and erasing -----

    /// Replace every use of `op`'s results by `values` (one per result) and erase `op`.
    ///
    /// # Panics
    /// If `values` does not have one value per result (a bug in the calling pattern).
    pub fn replace_op(&mut self, op: Op, values: &[Value]) {
        let results: SmallVec<[Value; 2]> = self.body.results(op).iter().copied().collect();
        assert_eq!(
            results.len(),
            values.len(),
            "replace_op: {} replacement values for {} results",
            values.len(),
            results.len()
        );
        self.changes.push(Change::Replaced(op));
        for (&r, &v) in results.iter().zip(values) {
            self.replace_all_uses_with(r, v);
        }
        self.erase_op(op);
    }
    /// Create the op described by `state` at the insertion point and replace `op` by its
    /// results. Returns the new op.
    pub fn replace_op_with_new(&mut self, op: Op, state: OperationState) -> Op {
        let new = self.create(state);
        let vals: SmallVec<[Value; 2]> = self.body.results(new).iter().copied().collect();
        self.replace_op(op, &vals);
        new
    }
    /// Erase `op` and everything nested in it. Its results must be unused (outside it).
    pub fn erase_op(&mut self, op: Op) {
        if self.body.is_erased(op) {
            return;
        }
        let subtree = if self.body.regions(op).is_empty() || self.body.nested(op).is_some() {
            vec![op]
        } else {
            crate::walk::ops_in_body_preorder(self.body, op)
        };
        let inside: rustc_hash::FxHashSet<Op> = if subtree.len() > 1 {
            subtree.iter().copied().collect()
        } else {
            Default::default()
        };
        let is_inside = |o: Op| o == op || inside.contains(&o);
        let mut operand_defs: SmallVec<[Op; 2]> = SmallVec::new();
        for &o in &subtree {
            for v in self.body.operands(o) {
                let Some(d) = self.body.defining_op(v) else {
                    continue;
                };
                if is_inside(d) || operand_defs.contains(&d) {
                    continue;
                }
                // At most one distinct user left once the subtree is gone.
                let mut other: Option<Op> = None;
                let mut more = false;
                for u in self.body.uses(v) {
                    if is_inside(u.op) || Some(u.op) == other {
                        continue;
                    }
                    if other.is_none() {
                        other = Some(u.op);
                    } else {
                        more = true;
                        break;
                    }
                }
                if !more {
                    operand_defs.push(d);
                }
            }
        }
        debug_assert!(
            subtree
                .iter()
                .all(|&o| self.body.results(o).iter().all(|&r| self
                    .body
                    .uses(r)
                    .iter()
                    .all(|u| is_inside(u.op)))),
            "erase_op: results of the erased op are still used"
        );
        if let Some(ip) = self.ip {
            // Keep the insertion point valid.
            let fixed = match ip {
                InsertPoint::Before(o) if is_inside(o) => self.after_erase_point(op),
                InsertPoint::After(o) if is_inside(o) => self.after_erase_point(op),
                other => Some(other),
            };
            self.ip = fixed;
        }
        self.body.erase_op(op);
        self.changes.push(Change::Erased { op, operand_defs });
    }
    /// Where to insert once `op` is gone: before its next op, else at its block's end.
    fn after_erase_point(&self, op: Op) -> Option<InsertPoint> {
        if let Some(n) = self.body.next_op(op) {
            return Some(InsertPoint::Before(n));
        }
        self.body.parent_block(op).map(InsertPoint::End)
    }
    /// Replace every use of `from` by `to`; every user is recorded as modified.
    pub fn replace_all_uses_with(&mut self, from: Value, to: Value) {
        if from == to {
            return;
        }
        let mut last: Option<Op> = None;
        for u in self.body.uses(from) {
            if last != Some(u.op) {
                self.changes.push(Change::Modified(u.op));
                last = Some(u.op);
            }
        }
        self.body.replace_all_uses(from, to);
    }
    /// Replace the uses of `from` for which `pred` holds by `to`.
    pub fn replace_uses_with_if(&mut self, from: Value, to: Value, pred: impl Fn(Use) -> bool) {
        if from == to {
            return;
        }
        let uses: Vec<Use> = self
            .body
            .uses(from)
            .iter()
            .copied()
            .filter(|&u| pred(u))
            .collect();
        for u in uses {
            self.changes.push(Change::Modified(u.op));
            self.body.set_operand(u.op, u.index as usize, to);
        }
    }

    // ----- modifying in place -----

    /// Modify `op` in place with `f` (operands, attributes, location, successors), recording
    /// it as modified. `f` must only change `op` itself.
    pub fn modify_op_in_place<R>(&mut self, op: Op, f: impl FnOnce(&mut Body) -> R) -> R {
        let before = self
            .track_effects
            .then(|| op_fingerprint(self.ctx, self.body, op));
        let r = f(self.body);
        if before.is_none_or(|b| b != op_fingerprint(self.ctx, self.body, op)) {
            self.changes.push(Change::Modified(op));
        }
        r
    }
    /// Record that `op` was changed by other means (e.g. through
    /// [`PatternRewriter::body_mut_untracked`]).
    pub fn notify_modified(&mut self, op: Op) {
        self.changes.push(Change::Modified(op));
    }
    /// Set operand `i` of `op`.
    pub fn set_operand(&mut self, op: Op, i: usize, v: Value) {
        if self.body.operand(op, i) != v {
            self.body.set_operand(op, i, v);
            self.changes.push(Change::Modified(op));
        }
    }
    /// Replace all operands of `op`.
    pub fn set_operands(&mut self, op: Op, values: &[Value]) {
        if !self.body.operands(op).eq(values.iter().copied()) {
            self.body.set_operands(op, values);
            self.changes.push(Change::Modified(op));
        }
    }
    /// Set (or with `None` remove) the inherent attribute `name` of `op`.
    pub fn set_attr(&mut self, op: Op, name: &str, value: Option<Attribute>) {
        let old = self.body.op(op).props;
        let new = self.ctx.dict_set(old, name, value);
        if new != old {
            self.body.op_mut(op).props = new;
            self.changes.push(Change::Modified(op));
        }
    }
    /// Set (or with `None` remove) the discardable attribute `name` of `op`.
    pub fn set_discardable_attr(&mut self, op: Op, name: &str, value: Option<Attribute>) {
        let old = self.body.op(op).attrs;
        let new = self.ctx.dict_set(old, name, value);
        if new != old {
            self.body.op_mut(op).attrs = new;
            self.changes.push(Change::Modified(op));
        }
    }

    // ----- moving ops and blocks -----

    /// Move `op` (attached or not) to `at`.
    pub fn move_op(&mut self, op: Op, at: InsertPoint) {
        self.body.move_op(op, at);
        self.changes.push(Change::Moved(op));
    }
    /// Move `op` right before `before`.
    pub fn move_op_before(&mut self, op: Op, before: Op) {
        self.move_op(op, InsertPoint::Before(before));
    }
    /// Unlink `op` from its block without erasing it (put it back with
    /// [`PatternRewriter::insert_op`] or erase it).
    pub fn detach_op(&mut self, op: Op) {
        self.body.detach_op(op);
        self.changes.push(Change::Moved(op));
    }
    /// Move the ops of `src` right before `before`, replacing `src`'s arguments by `args`,
    /// and remove `src` from its region (MLIR's `inlineBlockBefore`).
    ///
    /// # Panics
    /// If `args` does not have one value per block argument.
    pub fn inline_block_before(&mut self, src: Block, before: Op, args: &[Value]) {
        self.inline_block(src, InsertPoint::Before(before), args);
    }
    /// Move the ops of `src` to the end of `dst`, replacing `src`'s arguments by `args`, and
    /// remove `src` from its region (MLIR's `mergeBlocks`).
    pub fn merge_blocks(&mut self, src: Block, dst: Block, args: &[Value]) {
        self.inline_block(src, InsertPoint::End(dst), args);
    }
    fn inline_block(&mut self, src: Block, at: InsertPoint, args: &[Value]) {
        let bargs: SmallVec<[Value; 4]> = self.body.block_args(src).iter().copied().collect();
        assert_eq!(
            bargs.len(),
            args.len(),
            "inline_block: {} values for {} block arguments",
            args.len(),
            bargs.len()
        );
        for (&a, &v) in bargs.iter().zip(args) {
            self.replace_all_uses_with(a, v);
        }
        if let Some(r) = self.body.block_parent(src) {
            self.changes.push(Change::RegionModified(r));
        }
        let mut at = at;
        for o in self.body.block_op_vec(src) {
            self.body.move_op(o, at);
            self.changes.push(Change::Moved(o));
            if let InsertPoint::Start(_) = at {
                at = InsertPoint::After(o);
            }
        }
        self.body.detach_block(src);
    }
    /// Move all blocks of `src` into `dst` at block position `index` (MLIR's
    /// `inlineRegionBefore`).
    pub fn inline_region_before(&mut self, src: Region, dst: Region, index: usize) {
        self.body.inline_region(src, dst, index);
        self.changes.push(Change::RegionModified(src));
        self.changes.push(Change::RegionModified(dst));
    }
    /// Split `block` before `op`; returns the new block holding `op` and what followed it.
    pub fn split_block(&mut self, block: Block, op: Op) -> Block {
        let new = self.body.split_block(block, op);
        if let Some(r) = self.body.block_parent(block) {
            self.changes.push(Change::RegionModified(r));
        }
        new
    }
    /// Create a block with arguments of types `arg_types`, appended to `region` (or
    /// detached with `None`).
    pub fn create_block(&mut self, region: Option<Region>, arg_types: &[Type]) -> Block {
        let b = self.body.create_block();
        for &t in arg_types {
            self.body.add_block_arg(b, t);
        }
        if let Some(r) = region {
            self.body.append_block(r, b);
            self.changes.push(Change::RegionModified(r));
        }
        b
    }
    /// Add an argument of type `ty` to `block`.
    pub fn add_block_arg(&mut self, block: Block, ty: Type) -> Value {
        let v = self.body.add_block_arg(block, ty);
        if let Some(r) = self.body.block_parent(block) {
            self.changes.push(Change::RegionModified(r));
        }
        v
    }
    /// Change the type of value `v` (a block argument or result), recording its users and
    /// its defining op (or block) as changed.
    pub fn set_value_type(&mut self, v: Value, ty: Type) {
        if self.body.value_type(v) == ty {
            return;
        }
        self.body.set_value_type(v, ty);
        match self.body.value_def(v) {
            crate::ValueDef::Result(op, _) => self.changes.push(Change::Modified(op)),
            crate::ValueDef::BlockArg(b, _) => {
                if let Some(r) = self.body.block_parent(b) {
                    self.changes.push(Change::RegionModified(r));
                }
            }
        }
        let users: SmallVec<[Op; 4]> = self.body.uses(v).iter().map(|u| u.op).collect();
        for u in users {
            self.changes.push(Change::Modified(u));
        }
    }
    /// Erase `block` and all its ops (their results must be unused outside the block).
    pub fn erase_block(&mut self, block: Block) {
        if let Some(r) = self.body.block_parent(block) {
            self.changes.push(Change::RegionModified(r));
        }
        self.body.detach_block(block);
        // Last op first: uses between ops of the block go away with their users.
        for o in self.body.block_op_vec(block).into_iter().rev() {
            self.erase_op(o);
        }
    }

    // ----- debugging -----

    /// Record why a pattern did not apply to `op` (kept only when the driver asked for it)
    /// and return `false`, so patterns can `return rw.notify_match_failure(op, "...")`.
    pub fn notify_match_failure(&mut self, op: Op, reason: impl std::fmt::Display) -> bool {
        if self.record_failures {
            self.failures.push((op, reason.to_string()));
        }
        false
    }
}

/// The insertion point after creating `op` at `ip`.
fn advance(ip: InsertPoint, op: Op) -> InsertPoint {
    match ip {
        InsertPoint::Start(_) | InsertPoint::After(_) => InsertPoint::After(op),
        other => other,
    }
}

/// The constant value of `v`: the attribute its defining op folds to when that op is
/// registered with [`Traits::CONSTANT_LIKE`] (falling back to its `value` attribute).
pub fn constant_value(ctx: &Context, body: &Body, v: Value) -> Option<Attribute> {
    let op = body.defining_op(v)?;
    constant_op_value(ctx, body, op)
}

/// The value of a constant-like op (see [`constant_value`]), `None` for other ops.
pub fn constant_op_value(ctx: &Context, body: &Body, op: Op) -> Option<Attribute> {
    let def = ctx.op_def(body.name(op))?;
    if !def.has(Traits::CONSTANT_LIKE) || body.results(op).len() != 1 {
        return None;
    }
    let r = OpRef::new(ctx, body, op);
    if let Some(fold) = def.fold {
        let none: SmallVec<[Option<Attribute>; 2]> =
            (0..body.num_operands(op)).map(|_| None).collect();
        if let Some(res) = fold(r, &none) {
            return match res.as_slice() {
                [FoldResult::Attr(a)] => Some(*a),
                _ => None,
            };
        }
    }
    r.attr("value")
}

/// Whether `op` itself is free of side effects: its op is registered and [`Traits::PURE`],
/// and none of its operands is a memref. An op taking a buffer may write it (a structured
/// op in buffer form is declared pure for its tensor form), so it is never treated as pure.
pub fn is_pure(ctx: &Context, body: &Body, op: Op) -> bool {
    ctx.op_def(body.name(op))
        .is_some_and(|d| d.has(Traits::PURE))
        && !body
            .operands(op)
            .any(|v| ctx.type_kind(body.value_type(v)).is_memref())
}

/// Whether `op` can be erased because nothing observes it (MLIR's `isOpTriviallyDead`): its
/// results are unused, it is registered, [`Traits::PURE`], neither a terminator nor a symbol
/// (symbols may be referenced by name), and every op nested in it (through regions and nested
/// bodies) is pure as well.
pub fn is_trivially_dead(ctx: &Context, body: &Body, op: Op) -> bool {
    let Some(def) = ctx.op_def(body.name(op)) else {
        return false;
    };
    if !is_pure(ctx, body, op)
        || def.has(Traits::TERMINATOR)
        || def.has(Traits::SYMBOL)
        || body.results(op).iter().any(|&r| body.has_uses(r))
    {
        return false;
    }
    if body.regions(op).is_empty() {
        return true;
    }
    crate::walk::walk(body, op, crate::walk::Order::Pre, &mut |b, o| {
        if is_pure(ctx, b, o) {
            std::ops::ControlFlow::Continue(())
        } else {
            std::ops::ControlFlow::Break(())
        }
    })
    .is_continue()
}

/// The constant materialiser of dialect `dialect`: the hook of the first op of the dialect
/// (in declaration order) that has [`OpDef::materialize_constant`](crate::OpDef) set.
pub fn constant_materializer(ctx: &Context, dialect: &str) -> Option<MaterializeConstantFn> {
    ctx.dialects()
        .find(|d| d.name == dialect)?
        .ops
        .iter()
        .find_map(|d| d.materialize_constant)
}

/// A hash of `op`'s own state: name, location, attributes, operands, result types,
/// successors and region/block structure (not the ops inside its regions). Equal
/// fingerprints before and after a rewrite mean the op was left unchanged.
pub fn op_fingerprint(ctx: &Context, body: &Body, op: Op) -> u64 {
    let _ = ctx;
    let mut h = rustc_hash::FxHasher::default();
    let d = body.op(op);
    body.is_erased(op).hash(&mut h);
    d.name().hash(&mut h);
    d.loc.hash(&mut h);
    d.props.hash(&mut h);
    d.attrs.hash(&mut h);
    for v in body.operands(op) {
        v.hash(&mut h);
    }
    for &r in body.results(op) {
        body.value_type(r).hash(&mut h);
    }
    body.successors(op).hash(&mut h);
    body.parent_block(op).hash(&mut h);
    body.prev_op(op).hash(&mut h);
    let rb = body.region_body(op);
    for &r in body.regions(op) {
        r.hash(&mut h);
        for &b in rb.region_blocks(r) {
            b.hash(&mut h);
            for &a in rb.block_args(b) {
                rb.value_type(a).hash(&mut h);
            }
            rb.first_op(b).hash(&mut h);
            rb.block_len(b).hash(&mut h);
        }
    }
    h.finish()
}
