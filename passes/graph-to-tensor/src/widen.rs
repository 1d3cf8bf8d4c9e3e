//! The precision of `f16`/`bf16` ops whose interpreter semantics round once.
//!
//! The interpreter evaluates the accumulating and multi-step graph ops — `matmul`, `gemm`,
//! `conv`, `conv_transpose`, `average_pool`, `global_average_pool`, `softmax`,
//! `log_softmax` and the normalisations (`batch_norm`, `layer_norm`, `instance_norm`,
//! `lrn`) — in `f64` and rounds each output element once to the element type
//! (`crates/interp/src/ops/graph/mod.rs`). Their generic lowerings compute every step in
//! the element type, which for the 16-bit floats rounds each partial sum (an 11- or 8-bit
//! significand) and each intermediate (`exp`, the softmax sum, the mean): results one or
//! more ulps away from the interpreter's.
//!
//! So on `f16`/`bf16` operands these ops are lowered as their `f32` form between
//! conversions: every operand is widened with an element-wise `arith.extf` (exact), the
//! `f32` lowering of [`crate::lower::convert`] computes the result, and one element-wise
//! `arith.truncf` rounds it to the element type, e.g. for `graph.matmul` on `f16`:
//!
//! ```text
//! %a32 = tensor.generic ins(%a : tensor<4x8xf16>) { arith.extf }  -> tensor<4x8xf32>
//! %b32 = tensor.generic ins(%b : tensor<8x6xf16>) { arith.extf }  -> tensor<8x6xf32>
//! %c32 = tensor.matmul ins(%a32, %b32) outs(fill 0.0 : tensor<4x6xf32>)
//! %c   = tensor.generic ins(%c32 : tensor<4x6xf32>) { arith.truncf } -> tensor<4x6xf16>
//! ```
//!
//! The element-wise ops whose scalar computation rounds more than once (`sigmoid`, `elu`,
//! `hard_sigmoid`, `hard_swish`, `gelu`, and `leaky_relu`, whose `alpha` an `f16` may not
//! hold) compute inside their one generic's body in `f64` ([`crate::lower`]: `extf` of the
//! arguments, the `f64` computation, `truncf`): the interpreter's own evaluation, so the
//! results agree bit for bit (up to the C library's transcendental functions against the
//! interpreter's `libm`), at no cost in memory, and where `f32` would not do: `alpha * x +
//! beta` of `hard_sigmoid` with `alpha = 0.3` lands within `2^-24` of an `f16` rounding
//! tie for one input in 35. Single-step element-wise ops and the ordered reductions
//! (`reduce_*`, which the dialect defines in the element type) are unchanged: they already
//! round like the interpreter.
//!
//! A product of two `f16` (or `bf16`) values is exact in `f32` (22 or 16 significant bits),
//! so an `f32` accumulation differs from the interpreter's `f64` one by at most the `f32`
//! rounding of the running sums (relative 2^-24 per step), far below the final rounding to
//! the 16-bit type (2^-11 or 2^-8); the two round to different values only when the exact
//! result lies within that distance of a rounding boundary. The `f32` forms also reach the
//! target's `f32` micro-kernels (matrix products, convolutions). Ops on `f32` and `f64` are
//! not touched.

use crate::build::{elem_of, float_kind, shape_of, Cv};
use strata_dialect_graph::attr::Attrs;
use strata_ir::{Context, FloatKind, Type, Value};

/// The graph ops computed in `f32` on `f16`/`bf16` operands (see the module documentation).
pub const WIDENED: &[&str] = &[
    "graph.matmul",
    "graph.gemm",
    "graph.conv",
    "graph.conv_transpose",
    "graph.average_pool",
    "graph.global_average_pool",
    "graph.softmax",
    "graph.log_softmax",
    "graph.batch_norm",
    "graph.layer_norm",
    "graph.instance_norm",
    "graph.lrn",
];

/// Whether `t` is `f16` or `bf16`.
pub fn is_half(ctx: &Context, t: Type) -> bool {
    matches!(float_kind(ctx, t), Some(FloatKind::F16 | FloatKind::BF16))
}

/// Convert graph op `name` (one of [`WIDENED`], result type `result`) when its result and
/// every operand have the same 16-bit float element type: widen, lower the `f32` form,
/// round once. `None`, having built nothing, for any other op or types, or when the `f32`
/// form has no lowering.
pub fn convert(
    cv: &mut Cv<'_>,
    name: &str,
    operands: &[Value],
    result: Type,
    attrs: Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    if !WIDENED.contains(&name) {
        return None;
    }
    let elem = elem_of(ctx, result);
    if !is_half(ctx, elem) {
        return None;
    }
    let out = shape_of(ctx, result)?;
    let mut shapes = Vec::with_capacity(operands.len());
    for &v in operands {
        let t = cv.body.value_type(v);
        if elem_of(ctx, t) != elem {
            return None;
        }
        shapes.push(shape_of(ctx, t)?);
    }
    let f32t = ctx.f32();
    let wide: Vec<Value> = operands
        .iter()
        .zip(&shapes)
        .map(|(&v, s)| {
            cv.elementwise(&[v], s, f32t, |sb, a| {
                sb.op("arith.extf", &[a[0]], f32t, &[])
            })
        })
        .collect();
    let wide_result = ctx.tensor_type(&out, f32t);
    let Some(y) = crate::lower::convert(cv, name, &wide, wide_result, attrs, None) else {
        undo(cv, &wide);
        return None;
    };
    Some(cv.elementwise(&[y], &out, elem, |sb, a| {
        sb.op("arith.truncf", &[a[0]], elem, &[])
    }))
}

/// Erase the widening generics `vs` (and their `tensor.empty` inits) that nothing uses.
fn undo(cv: &mut Cv<'_>, vs: &[Value]) {
    for &v in vs {
        if cv.body.has_uses(v) {
            continue;
        }
        let Some(op) = cv.body.defining_op(v) else {
            continue;
        };
        let init = cv.body.operands(op).last();
        cv.body.erase_op(op);
        if let Some(i) = init {
            if !cv.body.has_uses(i) {
                if let Some(e) = cv.body.defining_op(i) {
                    cv.body.erase_op(e);
                }
            }
        }
    }
}
