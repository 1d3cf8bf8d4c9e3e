//! The verifier: structural invariants and per-op constraints, reported as located
//! [`Diagnostic`]s (never a panic).
//!
//! Checked for every op, crossing into nested bodies:
//! * unregistered ops are rejected unless [`Context::allow_unregistered`] is set;
//! * registered ops: operand/result/region/successor counts, operand/result type constraints,
//!   required inherent attributes and their constraints, [`Traits`] (terminator placement,
//!   same-type traits, single-block regions, block terminators), then the custom verifier;
//! * operands are values of the op's own scope, attached, and dominate the use in CFG regions
//!   (graph regions are exempt); successors are blocks of the same region; entry blocks have no
//!   predecessors;
//! * symbol tables hold no duplicate symbol names.

use crate::dominance::DominanceInfo;
use crate::{Arity, Block, Body, Context, Diagnostic, Module, Op, OpRef, Region, Traits, ValueDef};

/// Maximum nesting of isolated-from-above bodies the verifier follows.
const MAX_DEPTH: usize = 4096;

/// Verify a whole module. Returns every error found, in IR order.
pub fn verify_module(ctx: &Context, module: &Module) -> Result<(), Vec<Diagnostic>> {
    verify_op(ctx, &module.body, module.op, None)
}

/// Verify `op` (and everything nested) held in `body`, with `parent` the chain of enclosing
/// isolated ops (for symbol lookups).
pub fn verify_op(
    ctx: &Context,
    body: &Body,
    op: Op,
    parent: Option<&OpRef<'_>>,
) -> Result<(), Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let mut v = Verifier {
        ctx,
        errs: &mut errs,
        last_type_check: None,
        last_attr_check: None,
    };
    v.verify_scope(body, &[], &[op], parent, 0);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

/// Verify the contents of isolated op `op` whose nested body has been taken out of `holder`
/// (as the pass manager does to run function passes in parallel). `chain` is the enclosing
/// isolated op of `holder`, for symbol lookups. The op's own verifier is not run (it needs its
/// body in place); the whole module is verified again once bodies are put back.
pub fn verify_unit(
    ctx: &Context,
    holder: &Body,
    op: Op,
    nested: &Body,
    chain: Option<&OpRef<'_>>,
) -> Result<(), Vec<Diagnostic>> {
    let mut errs = Vec::new();
    let owner = OpRef {
        ctx,
        body: holder,
        op,
        parent: chain,
        region_override: Some(nested),
    };
    let mut v = Verifier {
        ctx,
        errs: &mut errs,
        last_type_check: None,
        last_attr_check: None,
    };
    v.verify_regions(holder, op, nested, chain);
    v.verify_nested(nested, &owner, 1);
    if errs.is_empty() {
        Ok(())
    } else {
        Err(errs)
    }
}

#[derive(Clone, Copy)]
enum Count {
    Operands,
    Results,
    Regions,
    Successors,
}

/// The messages of MLIR's count traits (`OneOperand`, `NResults`, `AtLeastNRegions`, ...).
fn count_message(kind: Count, arity: Arity, found: usize) -> String {
    use Arity::*;
    match (kind, arity) {
        (Count::Operands, Exactly(0)) => "requires zero operands".into(),
        (Count::Operands, Exactly(1)) => "requires a single operand".into(),
        (Count::Operands, Exactly(n)) => format!("expected {n} operands, but found {found}"),
        (Count::Operands, AtLeast(n)) => {
            format!("expected {n} or more operands, but found {found}")
        }
        (Count::Results, Exactly(0)) => "requires zero results".into(),
        (Count::Results, Exactly(1)) => "requires one result".into(),
        (Count::Results, Exactly(n)) => format!("expected {n} results, but found {found}"),
        (Count::Results, AtLeast(n)) => format!("expected {n} or more results, but found {found}"),
        (Count::Regions, Exactly(0)) => "requires zero regions".into(),
        (Count::Regions, Exactly(1)) => "requires one region".into(),
        (Count::Regions, Exactly(n)) => format!("expected {n} regions"),
        (Count::Regions, AtLeast(n)) => format!("expected {n} or more regions"),
        (Count::Successors, Exactly(1)) => format!("requires 1 successor but found {found}"),
        (Count::Successors, Exactly(n)) => format!("requires {n} successors but found {found}"),
        (Count::Successors, AtLeast(n)) => {
            format!("requires at least {n} successors but found {found}")
        }
        (kind, Range(lo, hi)) => {
            let what = match kind {
                Count::Operands => "operands",
                Count::Results => "results",
                Count::Regions => "regions",
                Count::Successors => "successors",
            };
            format!("expected between {lo} and {hi} {what}, but found {found}")
        }
    }
}

struct Verifier<'c, 'e> {
    ctx: &'c Context,
    errs: &'e mut Vec<Diagnostic>,
    /// The last type constraint checked, the type and the answer: consecutive ops mostly
    /// check the same constraint on the same type.
    last_type_check: Option<(usize, crate::Type, bool)>,
    /// The same for the last attribute constraint.
    last_attr_check: Option<(usize, crate::Attribute, bool)>,
}

impl Verifier<'_, '_> {
    /// `check(ctx, t)`, remembering the last answer.
    fn type_ok(&mut self, check: fn(&Context, crate::Type) -> bool, t: crate::Type) -> bool {
        let key = check as usize;
        if let Some((k, lt, ok)) = self.last_type_check {
            if k == key && lt == t {
                return ok;
            }
        }
        let ok = check(self.ctx, t);
        self.last_type_check = Some((key, t, ok));
        ok
    }

    /// `check(ctx, a)` for an attribute constraint, remembering the last answer.
    fn attr_ok(
        &mut self,
        check: fn(&Context, crate::Attribute) -> bool,
        a: crate::Attribute,
    ) -> bool {
        let key = check as usize;
        if let Some((k, la, ok)) = self.last_attr_check {
            if k == key && la == a {
                return ok;
            }
        }
        let ok = check(self.ctx, a);
        self.last_attr_check = Some((key, a, ok));
        ok
    }

    /// Verify `roots` (ops of `body`) and everything nested, with dominance over `body`.
    fn verify_scope(
        &mut self,
        body: &Body,
        root_blocks: &[Block],
        roots: &[Op],
        parent: Option<&OpRef<'_>>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH {
            if let Some(&r) = roots.first() {
                self.errs.push(Diagnostic::error(
                    body.op(r).loc,
                    "nesting limit exceeded: IR is nested too deeply to verify",
                ));
            }
            return;
        }
        // Collect all ops of this body under the roots (pre-order), and the blocks.
        let mut ops = Vec::with_capacity(roots.len());
        let mut blocks = root_blocks.to_vec();
        let mut stack = Vec::new();
        for &r in roots {
            if body.regions(r).is_empty() {
                ops.push(r);
                continue;
            }
            stack.push(r);
            while let Some(o) = stack.pop() {
                ops.push(o);
                if body.nested(o).is_some() {
                    continue;
                }
                for &reg in body.regions(o).iter().rev() {
                    for &b in body.region_blocks(reg).iter().rev() {
                        blocks.push(b);
                        let from = stack.len();
                        stack.extend(body.block_ops(b));
                        stack[from..].reverse();
                    }
                }
            }
        }
        let mut dom = DominanceInfo::new(body, blocks.iter().copied());
        let ctx = self.ctx;
        // As MLIR's `mayBeGraphRegion`: regions of unregistered ops may be graph regions, so
        // dominance is not required in them.
        // Most operands are checked in the region of the previous one: remember the answer.
        let last_graph: std::cell::Cell<Option<(Region, bool)>> = std::cell::Cell::new(None);
        let is_graph_uncached = |r: Region| -> bool {
            match body.region_parent(r) {
                Some(p) => ctx
                    .op_def(body.name(p))
                    .is_none_or(|d| d.has(Traits::GRAPH_REGION)),
                // Root regions of a nested body: the owner decides; handled by the caller.
                None => {
                    parent.is_some_and(|p| p.def().is_some_and(|d| d.has(Traits::GRAPH_REGION)))
                }
            }
        };
        let is_graph = |r: Region| -> bool {
            if let Some((lr, g)) = last_graph.get() {
                if lr == r {
                    return g;
                }
            }
            let g = is_graph_uncached(r);
            last_graph.set(Some((r, g)));
            g
        };
        for &o in &ops {
            let r = OpRef {
                ctx,
                body,
                op: o,
                parent,
                region_override: None,
            };
            self.verify_one(&r);
            self.verify_operands(&r, &mut dom, &is_graph);
            self.verify_regions(body, o, body.region_body(o), parent);
        }
        // Recurse into nested bodies after this scope (deterministic IR order).
        for &o in &ops {
            if let Some(nb) = body.nested(o) {
                let me = OpRef {
                    ctx,
                    body,
                    op: o,
                    parent,
                    region_override: None,
                };
                self.verify_nested(nb, &me, depth + 1);
            }
        }
    }

    fn verify_nested(&mut self, nb: &Body, owner: &OpRef<'_>, depth: usize) {
        // The roots of a nested body are the ops of the owner's regions' blocks.
        let mut root_blocks = Vec::new();
        let mut roots = Vec::new();
        for &r in owner.body.regions(owner.op) {
            for &b in nb.region_blocks(r) {
                root_blocks.push(b);
                roots.extend(nb.block_ops(b));
            }
        }
        self.verify_scope(nb, &root_blocks, &roots, Some(owner), depth);
    }

    fn verify_one(&mut self, r: &OpRef<'_>) {
        let ctx = self.ctx;
        let body = r.body;
        let op = r.op;
        let info = ctx.op_info(body.name(op));
        let Some(def) = info.def else {
            let dialect = ctx.str(info.dialect);
            if !ctx.allow_unregistered && !ctx.is_dialect_registered(dialect) {
                self.errs.push(Diagnostic::error(
                    r.loc(),
                    format!(
                        "unregistered operation '{}' found in dialect ('{}') that does not allow unknown operations",
                        r.name(),
                        dialect
                    ),
                ));
            } else if !ctx.allow_unregistered {
                self.errs.push(Diagnostic::error(
                    r.loc(),
                    format!(
                        "operation '{}' is not registered in dialect '{}'",
                        r.name(),
                        dialect
                    ),
                ));
            }
            return;
        };
        let before = self.errs.len();
        let n_operands = body.num_operands(op);
        let n_results = body.results(op).len();
        let n_regions = body.regions(op).len();
        let n_succ = body.successors(op).len();
        for (kind, arity, found) in [
            (Count::Operands, def.operands, n_operands),
            (Count::Results, def.results, n_results),
            (Count::Regions, def.regions, n_regions),
            (Count::Successors, def.successors, n_succ),
        ] {
            if !arity.allows(found) {
                self.errs.push(r.error(count_message(kind, arity, found)));
                return;
            }
        }
        if let Some(c) = def.operand_type {
            for (i, v) in body.operands(op).enumerate() {
                let t = body.value_type(v);
                if !self.type_ok(c.check, t) {
                    self.errs.push(r.error(format_args!(
                        "operand #{i} must be {}, but got '{}'",
                        c.description,
                        crate::text::print_type(ctx, t)
                    )));
                    // Like MLIR's generated verifiers: the first failed constraint is reported.
                    return;
                }
            }
        }
        if let Some(c) = def.result_type {
            for (i, &v) in body.results(op).iter().enumerate() {
                let t = body.value_type(v);
                if !self.type_ok(c.check, t) {
                    self.errs.push(r.error(format_args!(
                        "result #{i} must be {}, but got '{}'",
                        c.description,
                        crate::text::print_type(ctx, t)
                    )));
                    return;
                }
            }
        }
        for a in def.attrs {
            match r.attr(a.name) {
                None if a.required => self
                    .errs
                    .push(r.error(format_args!("requires attribute '{}'", a.name))),
                Some(v) if !self.attr_ok(a.check, v) => self.errs.push(r.error(format_args!(
                    "attribute '{}' failed to satisfy constraint: {}",
                    a.name, a.description
                ))),
                _ => {}
            }
        }
        if def.has(Traits::TERMINATOR) {
            if let Some(b) = body.parent_block(op) {
                if body.last_op(b) != Some(op) {
                    self.errs
                        .push(r.error("must be the last operation in the parent block"));
                }
            }
        }
        if def.has(Traits::SAME_OPERANDS_AND_RESULT_TYPE) {
            let mut tys = body.operands(op).map(|v| body.value_type(v));
            let first = tys
                .next()
                .or_else(|| body.results(op).first().map(|&v| body.value_type(v)));
            let all_same = first.is_none_or(|f| {
                body.operands(op).all(|v| body.value_type(v) == f)
                    && body.results(op).iter().all(|&v| body.value_type(v) == f)
            });
            if !all_same {
                self.errs
                    .push(r.error("requires the same type for all operands and results"));
            }
        } else if def.has(Traits::SAME_OPERANDS_TYPE) {
            let first = body.operands(op).next().map(|v| body.value_type(v));
            if let Some(f) = first {
                if !body.operands(op).all(|v| body.value_type(v) == f) {
                    self.errs
                        .push(r.error("requires all operands to have the same type"));
                }
            }
        }
        if def.has(Traits::SYMBOL_TABLE) {
            let (_, dups) = crate::symbol_table::symbols(ctx, body, op);
            let rb = body.region_body(op);
            for (first, dup) in dups {
                let name = crate::symbol_table::symbol_name(ctx, rb, dup).unwrap_or(b"");
                self.errs.push(
                    Diagnostic::error(
                        rb.op(dup).loc,
                        format!(
                            "redefinition of symbol named '{}'",
                            String::from_utf8_lossy(name)
                        ),
                    )
                    .with_note(rb.op(first).loc, "see existing symbol definition here"),
                );
            }
        }
        if self.errs.len() == before {
            if let Some(f) = def.verify {
                if let Err(d) = f(*r) {
                    self.errs.push(d);
                }
            }
        }
    }

    fn verify_regions(&mut self, body: &Body, op: Op, rb: &Body, parent: Option<&OpRef<'_>>) {
        if body.regions(op).is_empty() {
            return;
        }
        let ctx = self.ctx;
        let def = ctx.op_def(body.name(op));
        let _ = parent;
        for &reg in body.regions(op) {
            let blocks = rb.region_blocks(reg);
            if let Some(d) = def {
                if d.has(Traits::SINGLE_BLOCK) && blocks.len() > 1 {
                    self.errs.push(
                        OpRef::new(ctx, body, op)
                            .error(format_args!("expects region to have 0 or 1 blocks")),
                    );
                }
            }
            for (bi, &b) in blocks.iter().enumerate() {
                // Terminator requirement for registered parents without NoTerminator.
                if let Some(d) = def {
                    if !d.has(Traits::NO_TERMINATOR) {
                        match rb.last_op(b) {
                            None => self.errs.push(
                                OpRef::new(ctx, body, op)
                                    .error("empty block: expect at least a terminator"),
                            ),
                            Some(last) => {
                                let last_def = ctx.op_def(rb.name(last));
                                if last_def.is_some_and(|ld| !ld.has(Traits::TERMINATOR)) {
                                    let printed = crate::text::print_op(
                                        ctx,
                                        rb,
                                        last,
                                        &crate::text::PrintOptions {
                                            generic: true,
                                            debug_info: false,
                                        },
                                    );
                                    let first_line = printed.lines().next().unwrap_or("").trim();
                                    self.errs.push(Diagnostic::error(
                                        rb.op(last).loc,
                                        format!("block with no terminator, has {first_line}"),
                                    ));
                                }
                            }
                        }
                    }
                }
                // Successors stay in the region; the entry block has no predecessors.
                for o in rb.block_ops(b) {
                    for &s in rb.successors(o) {
                        if rb.block_parent(s) != Some(reg) {
                            self.errs.push(Diagnostic::error(
                                rb.op(o).loc,
                                format!(
                                    "'{}' op branching to block of a different region",
                                    ctx.op_name_str(rb.name(o))
                                ),
                            ));
                        } else if Some(s) == blocks.first().copied() {
                            self.errs.push(Diagnostic::error(
                                rb.op(o).loc,
                                "entry block of region may not have predecessors",
                            ));
                        }
                    }
                }
                let _ = bi;
            }
        }
    }

    fn verify_operands(
        &mut self,
        r: &OpRef<'_>,
        dom: &mut DominanceInfo<'_>,
        is_graph: &dyn Fn(Region) -> bool,
    ) {
        let body = r.body;
        let op = r.op;
        let Some(b) = body.parent_block(op) else {
            return;
        };
        if !dom.is_reachable(b) {
            return;
        }
        for (i, v) in body.operands(op).enumerate() {
            if !body.is_valid_value(v) {
                self.errs.push(r.error(format_args!(
                    "operand #{i} refers to a value of another scope"
                )));
                continue;
            }
            let attached = match body.value_def(v) {
                ValueDef::Result(d, _) => !body.is_erased(d) && body.parent_block(d).is_some(),
                ValueDef::BlockArg(bb, _) => body.block_parent(bb).is_some(),
            };
            if !attached || !dom.value_dominates(v, op, is_graph) {
                let mut d = r.error(format_args!("operand #{i} does not dominate this use"));
                if let ValueDef::Result(def, _) = body.value_def(v) {
                    d = d.with_note(body.op(def).loc, "operand defined here");
                }
                self.errs.push(d);
            }
        }
    }
}
