//! Cost models: the default FLOP + memory-traffic estimate ([`FlopMemoryCost`]), an op
//! count ([`OpCount`]), and the registry targets add theirs to ([`COST_MODELS`]).
//!
//! [`FlopMemoryCost`] estimates, from the static shapes the analysis infers:
//! `flops + byte_weight * bytes + op_overhead`, where `bytes` is the size of the operands
//! read and the results written. Ops that only relabel the data of their operand (reshape,
//! flatten, squeeze, unsqueeze, identity, and splits into contiguous chunks) are views and
//! cost nothing; constants cost their bytes (read once). FLOPs per op:
//!
//! | ops | FLOPs |
//! |---|---|
//! | `conv` | `2 * |out| * C/group * prod(kernel)` (+ `|out|` with a bias) |
//! | `conv_transpose` | `2 * |in| * M/group * prod(kernel)` |
//! | `matmul` | `2 * |out| * K` |
//! | `gemm` | `2 * M * N * K + 2 * M * N` |
//! | pooling | `|out| * prod(kernel)`; global pooling `|in|` |
//! | reductions, `argmax`/`argmin` | `|in|` |
//! | `softmax`, `log_softmax` | `5 * |x|`; `layer_norm`, `instance_norm` `8 * |x|`; `batch_norm` `2 * |x|` |
//! | transcendental elementwise (`exp`, `log`, `tanh`, `sigmoid`, `erf`, `pow`, `sin`, `cos`, `sqrt`) | `4 * |out|`; `gelu` `8 * |out|` |
//! | other elementwise | `|out|` |
//! | data movement (`transpose`, `concat`, `slice`, `pad`, ...) | 0 (bytes only) |
//!
//! Dynamic dimensions count as [`FlopMemoryCost::dynamic_dim`].

use crate::extract::{CostModel, OpInfo};
use strata_ir::{Context, Traits, Type, TypeKind};

/// The default cost model (see the [module docs](self)).
#[derive(Clone, Copy, Debug)]
pub struct FlopMemoryCost {
    /// Cost of one byte read or written, in FLOPs.
    pub byte_weight: f64,
    /// Fixed cost of one (non-view) op, in FLOPs: launching a kernel, a loop nest.
    pub op_overhead: f64,
    /// Size assumed for a dynamic dimension.
    pub dynamic_dim: f64,
}

impl Default for FlopMemoryCost {
    fn default() -> Self {
        FlopMemoryCost {
            byte_weight: 1.0,
            op_overhead: 1000.0,
            dynamic_dim: 64.0,
        }
    }
}

fn dims(ctx: &Context, t: Type) -> Vec<i64> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, .. } | TypeKind::Vector { shape, .. } => shape.to_vec(),
        _ => Vec::new(),
    }
}

impl FlopMemoryCost {
    fn numel(&self, ctx: &Context, t: Type) -> f64 {
        dims(ctx, t)
            .iter()
            .map(|&d| if d < 0 { self.dynamic_dim } else { d as f64 })
            .product()
    }
    fn bytes(&self, ctx: &Context, t: Type) -> f64 {
        let kind = ctx.type_kind(t);
        let elem = kind.element_type().unwrap_or(t);
        let bits = match ctx.type_kind(elem) {
            TypeKind::Integer { width, .. } => f64::from(*width),
            TypeKind::Float(k) => f64::from(k.width()),
            TypeKind::Index => 64.0,
            _ => 32.0,
        };
        self.numel(ctx, t) * (bits / 8.0).max(1.0)
    }
    fn dim(&self, d: i64) -> f64 {
        if d < 0 {
            self.dynamic_dim
        } else {
            d as f64
        }
    }
}

/// Whether `split` along its axis gives contiguous chunks (every dimension before the axis
/// is 1), so its results are views.
fn split_is_view(op: &OpInfo<'_>) -> bool {
    let Some(&x) = op.operands.first() else {
        return false;
    };
    let shape = dims(op.ctx, x);
    let axis = op
        .ctx
        .dict_get(op.props, "axis")
        .and_then(|a| strata_dialect_graph::attr::i64_value(op.ctx, a))
        .unwrap_or(0);
    let rank = shape.len() as i64;
    let axis = if axis < 0 { axis + rank } else { axis };
    (0..rank).contains(&axis) && shape[..axis as usize].iter().all(|&d| d == 1)
}

impl CostModel for FlopMemoryCost {
    fn op_cost(&self, op: &OpInfo<'_>) -> f64 {
        let ctx = op.ctx;
        let short = op.name.split_once('.').map_or(op.name, |(_, s)| s);
        let is_view = matches!(
            short,
            "reshape"
                | "flatten"
                | "squeeze"
                | "unsqueeze"
                | "identity"
                | "expand_shape"
                | "collapse_shape"
        ) || (short == "split" && split_is_view(op));
        if is_view {
            return 0.0;
        }
        let bytes: f64 = op
            .operands
            .iter()
            .chain(op.results)
            .map(|&t| self.bytes(ctx, t))
            .sum();
        if op.def.is_some_and(|d| d.has(Traits::CONSTANT_LIKE)) {
            return op.results.iter().map(|&t| self.bytes(ctx, t)).sum::<f64>() * self.byte_weight;
        }
        let out = op.results.first().map_or(1.0, |&t| self.numel(ctx, t));
        let input = op.operands.first().map_or(1.0, |&t| self.numel(ctx, t));
        let kernel =
            |w: Type| -> f64 { dims(ctx, w).iter().skip(2).map(|&d| self.dim(d)).product() };
        let group = || -> f64 {
            op.ctx
                .dict_get(op.props, "group")
                .and_then(|a| strata_dialect_graph::attr::i64_value(op.ctx, a))
                .unwrap_or(1)
                .max(1) as f64
        };
        let flops = match short {
            "conv" => {
                let w = op.operands.get(1).copied();
                let c = op
                    .operands
                    .first()
                    .and_then(|&x| dims(ctx, x).get(1).copied())
                    .map_or(1.0, |d| self.dim(d));
                let k = w.map_or(1.0, kernel);
                let bias = if op.operands.len() > 2 { out } else { 0.0 };
                2.0 * out * (c / group()) * k + bias
            }
            "conv_transpose" => {
                let w = op.operands.get(1).copied();
                let m = w
                    .and_then(|w| dims(ctx, w).get(1).copied())
                    .map_or(1.0, |d| self.dim(d));
                2.0 * input * m * w.map_or(1.0, kernel)
            }
            "matmul" => {
                let k = op
                    .operands
                    .first()
                    .and_then(|&a| dims(ctx, a).last().copied())
                    .map_or(1.0, |d| self.dim(d));
                2.0 * out * k
            }
            "gemm" => {
                let trans_a = ctx
                    .dict_get(op.props, "trans_a")
                    .and_then(|a| strata_dialect_graph::attr::i64_value(ctx, a))
                    .unwrap_or(0);
                let a = op
                    .operands
                    .first()
                    .map(|&a| dims(ctx, a))
                    .unwrap_or_default();
                let k =
                    if trans_a != 0 { a.first() } else { a.last() }.map_or(1.0, |&d| self.dim(d));
                2.0 * out * k + 2.0 * out
            }
            "max_pool" | "average_pool" | "lp_pool" => {
                let k: f64 = ctx
                    .dict_get(op.props, "kernel_shape")
                    .and_then(|a| strata_dialect_graph::attr::i64_array(ctx, a))
                    .map_or(1.0, |v| v.iter().map(|&d| d as f64).product());
                out * k
            }
            "global_average_pool"
            | "global_max_pool"
            | "reduce_sum"
            | "reduce_mean"
            | "reduce_max"
            | "reduce_min"
            | "reduce_prod"
            | "argmax"
            | "argmin" => input,
            "softmax" | "log_softmax" => 5.0 * input,
            "layer_norm" | "instance_norm" => 8.0 * input,
            "batch_norm" => 2.0 * input,
            "exp" | "log" | "tanh" | "sigmoid" | "erf" | "pow" | "sin" | "cos" | "sqrt" | "elu"
            | "hard_swish" => 4.0 * out,
            "gelu" => 8.0 * out,
            "transpose" | "concat" | "split" | "slice" | "pad" | "tile" | "gather" | "resize"
            | "expand" | "shape" | "cast" => 0.0,
            _ => out,
        };
        flops + self.byte_weight * bytes + self.op_overhead
    }
}

/// Every op costs 1 (so extraction minimises the number of ops); views too.
#[derive(Clone, Copy, Debug, Default)]
pub struct OpCount;

impl CostModel for OpCount {
    fn op_cost(&self, _op: &OpInfo<'_>) -> f64 {
        1.0
    }
}

/// A named cost model, selectable with the `saturate` pass's `cost-model` option.
pub struct CostModelInfo {
    /// Name (`flop-memory`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Create it.
    pub create: fn() -> Box<dyn CostModel>,
}

impl std::fmt::Debug for CostModelInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CostModelInfo")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Cost models registered at link time (targets add theirs).
#[linkme::distributed_slice]
pub static COST_MODELS: [CostModelInfo];

#[allow(
    unsafe_code,
    reason = "linkme registration in the crate that declares the slice"
)]
#[linkme::distributed_slice(COST_MODELS)]
static FLOP_MEMORY: CostModelInfo = CostModelInfo {
    name: "flop-memory",
    summary: "FLOPs + bytes moved + a fixed per-op overhead, from inferred static shapes",
    create: || Box::new(FlopMemoryCost::default()),
};

#[allow(
    unsafe_code,
    reason = "linkme registration in the crate that declares the slice"
)]
#[linkme::distributed_slice(COST_MODELS)]
static OP_COUNT: CostModelInfo = CostModelInfo {
    name: "op-count",
    summary: "number of ops",
    create: || Box::new(OpCount),
};

/// Look a cost model up by name.
pub fn lookup_cost_model(name: &str) -> Option<&'static CostModelInfo> {
    COST_MODELS.iter().find(|c| c.name == name)
}
