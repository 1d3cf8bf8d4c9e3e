//! The cost model hook of a target: an estimate of the work of one op, and the estimate of a
//! region's work built from it (loop bodies multiplied by their trip counts when those are
//! constants). Code generators use it to decide whether a parallel loop is worth handing to
//! worker threads.

use strata_ir::{AttrKind, Body, Context, Op, OpRef, Region, Value};

/// A target's estimate of the cost of ops, in abstract units (about one cycle of a simple
/// scalar instruction).
pub trait CostModel: Send + Sync {
    /// The cost of executing `op` once, not counting the ops nested in its regions.
    fn op_cost(&self, op: &OpRef<'_>) -> f64;
}

/// The constant value of an `index`/integer value defined by `arith.constant`.
fn constant_int(ctx: &Context, body: &Body, v: Value) -> Option<i128> {
    let op = body.defining_op(v)?;
    if ctx.op_name_str(body.name(op)) != "arith.constant" {
        return None;
    }
    let a = OpRef::new(ctx, body, op).attr("value")?;
    match ctx.attr_kind(a) {
        AttrKind::Integer { value, .. } => Some(*value),
        _ => None,
    }
}

/// Trip count of one loop dimension given its bound and step operands (1 when unknown).
fn trips(ctx: &Context, body: &Body, lb: Value, ub: Value, step: Value) -> f64 {
    match (
        constant_int(ctx, body, lb),
        constant_int(ctx, body, ub),
        constant_int(ctx, body, step),
    ) {
        (Some(l), Some(u), Some(s)) if s > 0 => ((u - l).max(0) as f64 / s as f64).ceil(),
        _ => 1.0,
    }
}

/// The estimated cost of running `region` of `body` once: the sum of
/// [`estimate_op_cost`] over its ops.
pub fn estimate_region_cost(
    ctx: &Context,
    body: &Body,
    region: Region,
    model: &dyn CostModel,
) -> f64 {
    let mut total = 0.0;
    for &block in body.region_blocks(region) {
        for op in body.block_ops(block) {
            total += estimate_op_cost(ctx, body, op, model);
        }
    }
    total
}

/// The estimated cost of running `op` once: its [`CostModel::op_cost`] plus its regions'
/// costs, a `loop.for` or `loop.parallel` body counted once per iteration (trip counts from
/// constant bounds; unknown bounds count once), a `loop.if` counting its costlier branch.
pub fn estimate_op_cost(ctx: &Context, body: &Body, op: Op, model: &dyn CostModel) -> f64 {
    let r = OpRef::new(ctx, body, op);
    let own = model.op_cost(&r);
    let regions = body.regions(op);
    if regions.is_empty() || body.has_nested_slot(op) {
        return own;
    }
    let nested: Vec<f64> = regions
        .iter()
        .map(|&reg| estimate_region_cost(ctx, body, reg, model))
        .collect();
    own + match r.name() {
        "loop.for" if body.num_operands(op) >= 3 => {
            let ops = body.operand_vec(op);
            trips(ctx, body, ops[0], ops[1], ops[2]) * nested[0]
        }
        "loop.parallel" => {
            let ops = body.operand_vec(op);
            let n = strata_dims(&r).unwrap_or(0);
            let mut count = 1.0;
            for d in 0..n {
                count *= trips(ctx, body, ops[d], ops[n + d], ops[2 * n + d]);
            }
            count * nested.iter().sum::<f64>()
        }
        "loop.if" => nested.iter().cloned().fold(0.0, f64::max),
        _ => nested.iter().sum(),
    }
}

/// The number of dimensions of a `loop.parallel` from its `operandSegmentSizes`.
fn strata_dims(op: &OpRef<'_>) -> Option<usize> {
    let a = op.attr("operandSegmentSizes")?;
    match op.ctx.attr_kind(a) {
        AttrKind::DenseArray { data, len, .. } if *len == 4 && data.len() == 16 => {
            let n = i32::from_le_bytes(data[0..4].try_into().ok()?);
            let total = op.body.num_operands(op.op);
            usize::try_from(n)
                .ok()
                .filter(|&n| n >= 1 && 3 * n <= total)
        }
        _ => None,
    }
}
