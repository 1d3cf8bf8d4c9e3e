//! `unroll-regions`: the graph dialect's region ops whose control decisions are known at
//! compile time become straight-line graph ops, so that `graph-to-tensor` and the rest of the
//! pipeline see no regions.
//!
//! * `graph.if` whose condition is a compile-time constant: the taken region is inlined
//!   before the op (the other region is dropped). With a run-time condition the op is left
//!   alone (a later conversion gives it real control flow, or fails naming it).
//! * `graph.loop` whose trip count and initial condition are compile-time constants: the
//!   body is copied once per iteration with the iteration number as a `graph.constant` and
//!   the carried values threaded through; after each copy the condition it yields must be
//!   a compile-time constant too (early exit decided at compile time). The scan outputs
//!   are the yielded values stacked with `graph.unsqueeze` + `graph.concat` (a zero-trip
//!   loop's scan outputs are empty constants). A *counted* loop whose trip count is known
//!   only at run time (initial condition the constant true, the body yielding the constant
//!   true or its condition argument unchanged, no scan outputs) is left alone:
//!   `graph-to-tensor` makes it a `loop.for` (`ctrlflow`).
//! * `graph.scan` whose scanned length is static: the body is copied once per slice; each
//!   scan input slice is a `graph.slice` of length one along the scanned axis (from the end
//!   in the reverse direction) and a `graph.squeeze`; the scan outputs are stacked along
//!   their axes (reversed where their direction is 1).
//!
//! "Compile-time constant" means a `graph.constant`, or an op whose graph folder evaluates
//! it from such constants (recursively, [`MAX_FOLD_DEPTH`] levels), so the pass needs no
//! `canonicalize` before it to see a trip count computed from constants.
//!
//! Unrolling is bounded: the ops copied or built in one function may not exceed `max-ops`
//! (every copy of a body counts at least one, so an empty body cannot loop forever). Any
//! other `graph.loop` whose trip count or condition is not a compile-time constant, a scan with a
//! dynamic or zero length, and a region op past the bound are errors naming the op and the
//! pass. Region ops nested in bodies are unrolled after their parent (the copies of the
//! parent's body), so an inner trip count may depend on the outer iteration number.
//!
//! After unrolling, the result types of graph ops that read the (now often more static)
//! values are re-inferred, and a function's result types are refined to the types of the
//! values it returns when those are compatible and more static (a `Loop` scan output
//! declared `tensor<?xf32>` becomes `tensor<5xf32>` once the trip count is known).

use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::dense::{dense_attr, Dense, Values};
use strata_dialect_graph::region::ScanAttrs;
use strata_dialect_graph::util::{ranked, ty_str, types_compatible};
use strata_ir::registry::FoldResult;
use strata_ir::rewrite::constant_value;
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{
    AttrKind, Attribute, Body, Context, Diagnostic, InsertPoint, IrMapping, Op, OpBuilder, OpRef,
    Region, Type, TypeKind, Value,
};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// How many producer levels [`const_of`] folds through to find a constant.
pub const MAX_FOLD_DEPTH: usize = 64;

const PASS: &str = "unroll-regions";

/// Registration of `unroll-regions`.
#[linkme::distributed_slice(PASSES)]
pub static UNROLL_REGIONS: PassInfo = PassInfo {
    name: PASS,
    summary: "Unroll graph.loop/graph.scan with compile-time trip counts, inline constant graph.if",
    description: "Inlines the taken region of a `graph.if` whose condition is a compile-time \
                  constant; copies the body of a `graph.loop` once per iteration when its trip \
                  count and conditions are compile-time constants, and of a `graph.scan` once \
                  per slice of its statically sized scan inputs (slices as `graph.slice` + \
                  `graph.squeeze`, scan outputs stacked with `graph.unsqueeze` + \
                  `graph.concat`). A `graph.if` with a run-time condition is left alone, and \
                  so is a counted loop with a run-time trip count (condition always true, no \
                  scan outputs). Any other \
                  loop whose trip count or condition is not known, a scan of dynamic or zero \
                  length, or unrolling past `max-ops` copied ops in a function is an error \
                  naming the op. Afterwards the result types of graph ops and of the \
                  functions are refined to the more static types of the unrolled values.\n\n\
                  Statistics: `num-unrolled` (region ops replaced), `num-copied` (ops \
                  copied from bodies).",
    anchor: Some("builtin.module"),
    options: &[PassOptionInfo {
        name: "max-ops",
        description: "the most ops that unrolling may copy or build in one function",
        default: "200000",
        kind: OptionKind::UInt,
    }],
    create: |o| {
        Ok(Box::new(UnrollRegions {
            max_ops: o.get_u64("max-ops"),
        }))
    },
};

/// The `unroll-regions` pass.
pub struct UnrollRegions {
    /// The most ops unrolling may copy into one function.
    pub max_ops: u64,
}

/// What [`unroll_function`] did.
#[derive(Default, Debug)]
pub struct Stats {
    /// Region ops replaced.
    pub unrolled: u64,
    /// Ops copied from region bodies.
    pub copied: u64,
    /// A diagnostic for each region op that could not be unrolled (in IR order).
    pub errors: Vec<Diagnostic>,
}

impl Pass for UnrollRegions {
    fn info(&self) -> &'static PassInfo {
        &UNROLL_REGIONS
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let mut stats = Stats::default();
        for f in unit.top_ops() {
            unroll_function(unit.ctx, unit.body, f, self.max_ops, &mut stats);
        }
        unit.stat("num-unrolled", stats.unrolled);
        unit.stat("num-copied", stats.copied);
        if !stats.errors.is_empty() {
            for d in stats.errors {
                unit.emit(d);
            }
            return Err(PassFailed);
        }
        if stats.unrolled == 0 {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("{PASS}{{max-ops={}}}", self.max_ops)
    }
}

/// Unroll the region ops of `f` (an op of `mbody` with a nested body, e.g. `func.func`) and
/// refine the types afterwards (including `f`'s result types when it is a `func.func`).
pub fn unroll_function(ctx: &Context, mbody: &mut Body, f: Op, max_ops: u64, st: &mut Stats) {
    let regions = mbody.regions(f).to_vec();
    let Some(body) = mbody.nested_mut(f) else {
        return;
    };
    let before = st.unrolled;
    let mut budget = max_ops;
    let mut skip: Vec<Op> = Vec::new();
    loop {
        let next = body
            .ops_in_regions(&regions)
            .into_iter()
            .flat_map(|o| ops_in_body_preorder(body, o))
            .find(|&o| is_region_op(ctx, body, o) && !skip.contains(&o));
        let Some(op) = next else { break };
        match unroll_op(ctx, body, op, &mut budget) {
            Ok(Some(copied)) => {
                st.unrolled += 1;
                st.copied += copied;
            }
            Ok(None) => skip.push(op),
            Err(d) => {
                st.errors.push(d);
                skip.push(op);
            }
        }
    }
    if st.unrolled == before {
        return;
    }
    let tops = body.ops_in_regions(&regions);
    refine_types(ctx, body, &tops);
    if ctx.op_name_str(mbody.name(f)) == "func.func" {
        refine_signature(ctx, mbody, f);
    }
}

fn is_region_op(ctx: &Context, body: &Body, op: Op) -> bool {
    !body.is_erased(op)
        && body.nested(op).is_none()
        && matches!(
            ctx.op_name_str(body.name(op)),
            "graph.if" | "graph.loop" | "graph.scan"
        )
}

fn error(ctx: &Context, body: &Body, op: Op, msg: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::error(
        body.op(op).loc,
        format!(
            "'{}' is not supported in pass '{PASS}': {msg}",
            ctx.op_name_str(body.name(op))
        ),
    )
}

/// Unroll one region op; `Ok(Some(ops copied))` when replaced, `Ok(None)` when left alone
/// (a `graph.if` with a run-time condition).
fn unroll_op(
    ctx: &Context,
    body: &mut Body,
    op: Op,
    budget: &mut u64,
) -> Result<Option<u64>, Diagnostic> {
    let name = ctx.op_name_str(body.name(op)).to_string();
    let regions = body.regions(op).to_vec();
    let results = body.results(op).to_vec();
    let mut u = Unroller {
        ctx,
        body,
        op,
        budget,
        copied: 0,
    };
    let values = match name.as_str() {
        "graph.if" => {
            let Some(c) = const_bool(ctx, u.body, u.body.operand(op, 0)) else {
                return Ok(None);
            };
            let r = regions[if c { 0 } else { 1 }];
            u.copy_body(r, &[])?
        }
        "graph.loop" if counted_at_run_time(ctx, u.body, op) => return Ok(None),
        "graph.loop" => u.unroll_loop(regions[0], results.len())?,
        _ => u.unroll_scan(regions[0], results.len())?,
    };
    let copied = u.copied;
    if values.len() != results.len() {
        return Err(error(
            ctx,
            body,
            op,
            format_args!("{} values for {} results", values.len(), results.len()),
        ));
    }
    for (&r, &v) in results.iter().zip(&values) {
        body.replace_all_uses(r, v);
    }
    body.erase_op(op);
    Ok(Some(copied))
}

/// The state of unrolling one region op: new ops go before it.
struct Unroller<'a, 'b> {
    ctx: &'a Context,
    body: &'b mut Body,
    op: Op,
    budget: &'b mut u64,
    copied: u64,
}

impl Unroller<'_, '_> {
    fn err(&self, msg: impl std::fmt::Display) -> Diagnostic {
        error(self.ctx, self.body, self.op, msg)
    }

    /// Take `n` ops from the budget of the function, or fail naming the bound.
    fn charge(&mut self, n: u64) -> Result<(), Diagnostic> {
        if n > *self.budget {
            return Err(self.err(
                "unrolling would create more ops than the bound (option 'max-ops' of the pass)",
            ));
        }
        *self.budget -= n;
        Ok(())
    }

    /// Build graph op `name` before the region op, its result types inferred.
    fn build(
        &mut self,
        name: &str,
        operands: &[Value],
        props: &[(&str, Attribute)],
    ) -> Result<Value, Diagnostic> {
        self.charge(1)?;
        let loc = self.body.op(self.op).loc;
        let mut b = OpBuilder::new(self.ctx, self.body);
        b.set_insertion_point(InsertPoint::Before(self.op));
        b.loc = loc;
        let op = strata_dialect_graph::build(&mut b, name, operands, props)
            .map_err(|m| self.err(format_args!("cannot build '{name}': {m}")))?;
        Ok(self.body.result(op, 0))
    }

    fn constant(&mut self, ty: Type, values: Values) -> Result<Value, Diagnostic> {
        let attr = dense_attr(self.ctx, ty, &values).ok_or_else(|| {
            self.err(format_args!(
                "cannot build a constant of type '{}'",
                ty_str(self.ctx, ty)
            ))
        })?;
        self.build("graph.constant", &[], &[("value", attr)])
    }

    /// Copy the ops of the single block of `r` before the region op, its arguments bound to
    /// `args`; the (mapped) values its terminator yields.
    fn copy_body(&mut self, r: Region, args: &[Value]) -> Result<Vec<Value>, Diagnostic> {
        let blocks = self.body.region_blocks(r).to_vec();
        let [block] = blocks.as_slice() else {
            return Err(self.err("expects single-block regions"));
        };
        let block = *block;
        let params = self.body.block_args(block).to_vec();
        if params.len() != args.len() {
            return Err(self.err(format_args!(
                "the body takes {} arguments, {} given",
                params.len(),
                args.len()
            )));
        }
        let size = self
            .body
            .block_ops(block)
            .map(|o| ops_in_body_preorder(self.body, o).len() as u64)
            .sum::<u64>();
        // At least one op per copy, so that even an empty body bounds an unbounded loop.
        self.charge(size.max(1))?;
        self.copied += size;
        let mut map = IrMapping::default();
        for (&p, &a) in params.iter().zip(args) {
            map.values.insert(p, a);
        }
        let ops = self.body.block_op_vec(block);
        let Some((&term, rest)) = ops.split_last() else {
            return Err(self.err("expects a terminated body"));
        };
        for &o in rest {
            let c = self.body.clone_op(self.ctx, o, &mut map);
            self.body.insert_op(c, InsertPoint::Before(self.op));
        }
        Ok(self.body.operands(term).map(|v| map.value(v)).collect())
    }

    /// Stack `parts` (one per iteration, same type) along a new axis `axis` of the result.
    fn stack(&mut self, parts: &[Value], axis: i64) -> Result<Value, Diagnostic> {
        let ctx = self.ctx;
        let mut ups = Vec::with_capacity(parts.len());
        for &p in parts {
            let up = self.build(
                "graph.unsqueeze",
                &[p],
                &[("axes", i64_array_attr(ctx, &[axis]))],
            )?;
            ups.push(up);
        }
        if ups.len() == 1 {
            return Ok(ups[0]);
        }
        self.build("graph.concat", &ups, &[("axis", i64_attr(ctx, axis))])
    }

    fn unroll_loop(&mut self, r: Region, nres: usize) -> Result<Vec<Value>, Diagnostic> {
        let ctx = self.ctx;
        let ops: Vec<Value> = self.body.operands(self.op).collect();
        let Some(max) = const_int(ctx, self.body, ops[0]) else {
            return Err(self.err("the trip count is not a compile-time constant"));
        };
        let Some(mut cond) = const_bool(ctx, self.body, ops[1]) else {
            return Err(self.err("the initial condition is not a compile-time constant"));
        };
        let mut carried = ops[2..].to_vec();
        let n = carried.len();
        let k = nres
            .checked_sub(n)
            .ok_or_else(|| self.err("fewer results than carried values"))?;
        let mut scans: Vec<Vec<Value>> = vec![Vec::new(); k];
        let i64t = ctx.int_type(64);
        let scalar_i64 = ctx.tensor_type(&[], i64t);
        let scalar_i1 = ctx.tensor_type(&[], ctx.i1());
        let mut true_v = None;
        let mut i: i128 = 0;
        while i < max && cond {
            let iv = self.constant(scalar_i64, Values::Int(vec![i]))?;
            let cv = match true_v {
                Some(v) => v,
                None => {
                    let v = self.constant(scalar_i1, Values::Int(vec![1]))?;
                    true_v = Some(v);
                    v
                }
            };
            let mut args = vec![iv, cv];
            args.extend_from_slice(&carried);
            let vals = self.copy_body(r, &args)?;
            if vals.len() != 1 + n + k {
                return Err(self.err("the body yields the wrong number of values"));
            }
            cond = const_bool(ctx, self.body, vals[0]).ok_or_else(|| {
                self.err(format_args!(
                    "the condition yielded at iteration {i} is not a compile-time constant"
                ))
            })?;
            carried = vals[1..=n].to_vec();
            for (j, &v) in vals[1 + n..].iter().enumerate() {
                scans[j].push(v);
            }
            i += 1;
        }
        let results: Vec<Value> = self.body.results(self.op).to_vec();
        let mut out = carried;
        for (j, parts) in scans.iter().enumerate() {
            if parts.is_empty() {
                let ty = self.body.value_type(results[n + j]);
                let shape = ranked(ctx, ty).map(|(s, e)| (s.to_vec(), e));
                let Some((mut s, e)) =
                    shape.filter(|(s, _)| !s.is_empty() && s[1..].iter().all(|&d| d >= 0))
                else {
                    return Err(self.err(format_args!(
                        "zero iterations: scan output #{j} of type '{}' needs static \
                         dimensions after the first",
                        ty_str(ctx, ty)
                    )));
                };
                s[0] = 0;
                let t = ctx.tensor_type(&s, e);
                let vals = if strata_dialect_graph::util::elem_class(ctx, e)
                    .is_some_and(|c| c == strata_dialect_graph::util::ElemClass::Float)
                {
                    Values::Float(Vec::new())
                } else {
                    Values::Int(Vec::new())
                };
                out.push(self.constant(t, vals)?);
            } else {
                out.push(self.stack(parts, 0)?);
            }
        }
        Ok(out)
    }

    fn unroll_scan(&mut self, r: Region, nres: usize) -> Result<Vec<Value>, Diagnostic> {
        let ctx = self.ctx;
        let ops: Vec<Value> = self.body.operands(self.op).collect();
        let props =
            strata_dialect_graph::verify::merged_attrs(&OpRef::new(ctx, self.body, self.op));
        let a = ScanAttrs::read(ctx, props, ops.len(), nres).map_err(|m| self.err(m))?;
        let m = a.num_scan_inputs;
        let n = ops.len() - m;
        let k = nres - n;
        let mut xs: Vec<(Value, usize)> = Vec::with_capacity(m);
        let mut len: Option<i64> = None;
        for (j, &x) in ops[n..].iter().enumerate() {
            let ty = self.body.value_type(x);
            let Some((shape, _)) = ranked(ctx, ty) else {
                return Err(self.err(format_args!("scan input #{j} is not a ranked tensor")));
            };
            let ax = strata_dialect_graph::shape::normalize_axis(a.input_axes[j], shape.len())
                .map_err(|e| self.err(format_args!("scan input #{j}: {e}")))?;
            let d = shape[ax];
            if d < 0 {
                return Err(self.err(format_args!(
                    "scan input #{j} ('{}') has a dynamic scanned length",
                    ty_str(ctx, ty)
                )));
            }
            if len.is_some_and(|l| l != d) {
                return Err(self.err("the scan inputs differ in their scanned length"));
            }
            len = Some(d);
            xs.push((x, ax));
        }
        let len = len.unwrap_or(0);
        if len == 0 {
            return Err(self.err("a scan with zero iterations has no scan output shape"));
        }
        let mut states = ops[..n].to_vec();
        let mut scans: Vec<Vec<Value>> = vec![Vec::new(); k];
        for it in 0..len {
            let mut args = states.clone();
            for (j, &(x, ax)) in xs.iter().enumerate() {
                let pos = if a.input_directions[j] == 1 {
                    len - 1 - it
                } else {
                    it
                };
                let ax = ax as i64;
                let s = self.build(
                    "graph.slice",
                    &[x],
                    &[
                        ("starts", i64_array_attr(ctx, &[pos])),
                        ("ends", i64_array_attr(ctx, &[pos + 1])),
                        ("axes", i64_array_attr(ctx, &[ax])),
                        ("steps", i64_array_attr(ctx, &[1])),
                    ],
                )?;
                let q = self.build(
                    "graph.squeeze",
                    &[s],
                    &[("axes", i64_array_attr(ctx, &[ax]))],
                )?;
                args.push(q);
            }
            let vals = self.copy_body(r, &args)?;
            if vals.len() != n + k {
                return Err(self.err("the body yields the wrong number of values"));
            }
            states = vals[..n].to_vec();
            for (j, &v) in vals[n..].iter().enumerate() {
                scans[j].push(v);
            }
        }
        let mut out = states;
        for (j, mut parts) in scans.into_iter().enumerate() {
            if a.output_directions[j] == 1 {
                parts.reverse();
            }
            let rank = ranked(ctx, self.body.value_type(parts[0]))
                .map(|(s, _)| s.len())
                .ok_or_else(|| self.err(format_args!("scan output #{j} is not a ranked tensor")))?;
            let ax = strata_dialect_graph::shape::normalize_axis(a.output_axes[j], rank + 1)
                .map_err(|e| self.err(format_args!("scan output #{j}: {e}")))?;
            out.push(self.stack(&parts, ax as i64)?);
        }
        Ok(out)
    }
}

/// The value of `v` when it is a compile-time constant: a constant op's value, or what the
/// graph folder of its defining op computes from constant operands (at most
/// [`MAX_FOLD_DEPTH`] producers deep).
pub fn const_of(ctx: &Context, body: &Body, v: Value) -> Option<Dense> {
    const_attr(ctx, body, v, MAX_FOLD_DEPTH).and_then(|a| Dense::from_attr(ctx, a))
}

fn const_attr(ctx: &Context, body: &Body, v: Value, depth: usize) -> Option<Attribute> {
    if let Some(a) = constant_value(ctx, body, v) {
        return Some(a);
    }
    if depth == 0 {
        return None;
    }
    let op = body.defining_op(v)?;
    if !body.regions(op).is_empty() {
        return None;
    }
    let fold = ctx.op_def(body.name(op))?.fold?;
    let consts: Vec<Option<Attribute>> = body
        .operands(op)
        .map(|o| const_attr(ctx, body, o, depth - 1))
        .collect();
    if consts.iter().any(Option::is_none) {
        return None;
    }
    let idx = body.results(op).iter().position(|&r| r == v)?;
    let folded = fold(OpRef::new(ctx, body, op), &consts)?;
    match folded.get(idx)? {
        FoldResult::Attr(a) => Some(*a),
        FoldResult::Value(w) if *w != v => const_attr(ctx, body, *w, depth - 1),
        FoldResult::Value(_) => None,
    }
}

/// Whether the `graph.loop` `op` is a counted loop whose trip count is known only at run
/// time, left for `graph-to-tensor` (a `loop.for`): the trip count is not a compile-time
/// constant, the initial condition is the constant true and the body yields the constant
/// true or its condition argument as it is (so the loop never exits early), and there are no
/// scan outputs (their length would depend on the data).
fn counted_at_run_time(ctx: &Context, body: &Body, op: Op) -> bool {
    let ops: Vec<Value> = body.operands(op).collect();
    if ops.len() < 2
        || const_int(ctx, body, ops[0]).is_some()
        || const_bool(ctx, body, ops[1]) != Some(true)
        || body.results(op).len() != ops.len() - 2
    {
        return false;
    }
    let Some(&r) = body.regions(op).first() else {
        return false;
    };
    let Some(b) = body.entry_block(r) else {
        return false;
    };
    let Some(y) = body.last_op(b) else {
        return false;
    };
    let (args, ys) = (body.block_args(b), body.operands(y).next());
    match ys {
        Some(c) => args.get(1) == Some(&c) || const_bool(ctx, body, c) == Some(true),
        None => false,
    }
}

/// A single-element integer constant.
fn const_int(ctx: &Context, body: &Body, v: Value) -> Option<i128> {
    let d = const_of(ctx, body, v)?;
    (d.num_elements() == 1).then(|| d.int(0)).flatten()
}

/// A single-element boolean constant.
fn const_bool(ctx: &Context, body: &Body, v: Value) -> Option<bool> {
    let d = const_of(ctx, body, v)?;
    if d.num_elements() != 1 || d.elem != ctx.i1() {
        return None;
    }
    d.int(0).map(|x| x != 0)
}

/// Re-infer the result types of the graph ops under `tops` (in IR order), taking an
/// inferred type where it is compatible with the declared one and differs from it.
fn refine_types(ctx: &Context, body: &mut Body, tops: &[Op]) {
    let ops: Vec<Op> = tops
        .iter()
        .flat_map(|&o| ops_in_body_preorder(body, o))
        .collect();
    for op in ops {
        if body.is_erased(op) || !ctx.op_name_str(body.name(op)).starts_with("graph.") {
            continue;
        }
        let inferred = {
            let r = OpRef::new(ctx, body, op);
            match strata_dialect_graph::verify::infer_op(&r) {
                Some(Ok(t)) => t,
                _ => continue,
            }
        };
        let results = body.results(op).to_vec();
        for (&res, &t) in results.iter().zip(&inferred) {
            let declared = body.value_type(res);
            if declared != t && types_compatible(ctx, declared, t) {
                body.set_value_type(res, t);
            }
        }
    }
}

/// Give `func.func` `f` the result types of the values its `func.return`s hand back where
/// those are compatible with the declared ones (all returns must agree).
fn refine_signature(ctx: &Context, mbody: &mut Body, f: Op) {
    let props = mbody.op(f).props;
    let Some(fty) = ctx.dict_get(props, "function_type") else {
        return;
    };
    let AttrKind::Type(fty) = *ctx.attr_kind(fty) else {
        return;
    };
    let TypeKind::Function { inputs, results } = ctx.type_kind(fty).clone() else {
        return;
    };
    let regions = mbody.regions(f).to_vec();
    let Some(body) = mbody.nested(f) else {
        return;
    };
    let mut new = results.clone();
    for r in &regions {
        for &b in body.region_blocks(*r) {
            let Some(t) = body.last_op(b) else { continue };
            if ctx.op_name_str(body.name(t)) != "func.return" || body.num_operands(t) != new.len() {
                continue;
            }
            for (i, v) in body.operands(t).enumerate() {
                let vt = body.value_type(v);
                if types_compatible(ctx, results[i], vt) && (new[i] == results[i] || new[i] == vt) {
                    new[i] = vt;
                } else {
                    new[i] = results[i];
                }
            }
        }
    }
    if new != results {
        let props = ctx.dict_set(
            props,
            "function_type",
            Some(ctx.type_attr(ctx.function_type(&inputs, &new))),
        );
        mbody.op_mut(f).props = props;
    }
}
