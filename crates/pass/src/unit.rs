//! [`IrUnit`]: what a pass runs on — one isolated-from-above op, its nested body (mutable) and
//! the body holding the op (shared, so sibling functions can be read, e.g. for symbol lookups,
//! while many functions are transformed in parallel).

use indexmap::IndexMap;
use strata_ir::{Body, Context, Diagnostic, Op, OpName, OpRef, Region};

/// One isolated-from-above op handed to a pass.
pub struct IrUnit<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body holding [`IrUnit::op`] (its nested body has been taken out of it).
    pub holder: &'a Body,
    /// The op the pass runs on.
    pub op: Op,
    /// The op's regions' body: everything the pass may change.
    pub body: &'a mut Body,
    /// The enclosing isolated op of `holder` (with its own chain), for symbol lookups.
    pub chain: Option<&'a OpRef<'a>>,
    pub(crate) diags: Vec<Diagnostic>,
    pub(crate) stats: IndexMap<&'static str, u64>,
}

impl<'a> IrUnit<'a> {
    /// A unit over `op` of `holder` with nested body `body`.
    pub fn new(
        ctx: &'a Context,
        holder: &'a Body,
        op: Op,
        body: &'a mut Body,
        chain: Option<&'a OpRef<'a>>,
    ) -> Self {
        IrUnit {
            ctx,
            holder,
            op,
            body,
            chain,
            diags: Vec::new(),
            stats: IndexMap::new(),
        }
    }
    /// The op's name.
    pub fn name(&self) -> OpName {
        self.holder.name(self.op)
    }
    /// The op's name as text.
    pub fn name_str(&self) -> &'a str {
        self.ctx.op_name_str(self.holder.name(self.op))
    }
    /// The op's regions (ids in [`IrUnit::body`]).
    pub fn regions(&self) -> &[Region] {
        self.holder.regions(self.op)
    }
    /// The ops directly inside the op's regions, in order.
    pub fn top_ops(&self) -> Vec<Op> {
        self.body.ops_in_regions(self.holder.regions(self.op))
    }
    /// A view of the op itself (its regions are reached through [`OpRef::region_body`]).
    pub fn op_ref(&self) -> OpRef<'_> {
        OpRef {
            ctx: self.ctx,
            body: self.holder,
            op: self.op,
            parent: self.chain,
            region_override: Some(&*self.body),
        }
    }
    /// Report a diagnostic (in IR order with those of sibling units).
    pub fn emit(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }
    /// Add `delta` to the pass statistic `name` (`--mlir-pass-statistics`).
    pub fn stat(&mut self, name: &'static str, delta: u64) {
        *self.stats.entry(name).or_insert(0) += delta;
    }
    /// The diagnostics emitted so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diags
    }
}
