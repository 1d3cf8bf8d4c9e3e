//! Normalisation ops: `softmax`, `log_softmax` (ONNX opset 13 semantics: along one axis),
//! `layer_norm`, `batch_norm` (inference form), `instance_norm` and `lrn`. Floats only; all operands
//! share the element type.

use crate::attr::{float_c, i64_c, Attrs};
use crate::shape::{format_shape, normalize_axis, unidirectional_broadcastable};
use crate::util::{operands, require_min_rank, require_vector, same_elem, Elems, FLOAT_TENSOR};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

/// Inference of `softmax` and `log_softmax`: `axis` (default -1) must be in range; the
/// result type is the operand type.
pub fn infer_softmax(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    require_min_rank(&ops[0], "input", 1)?;
    normalize_axis(Attrs::new(ctx, attrs).i64("axis", -1)?, ops[0].rank())?;
    Ok(vec![ops[0].ty])
}

op! {
    /// Softmax along one axis (ONNX `Softmax`, opset 13):
    /// `Y = exp(X - max(X, axis)) / sum(exp(X - max(X, axis)), axis)`, where `max` and `sum`
    /// reduce `axis` only (default -1, in `[-rank, rank - 1]`) with kept dimensions. Rank
    /// >= 1, floats only.
    ///
    /// ```mlir
    /// %0 = "graph.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x8x128xf32>) -> tensor<2x8x128xf32>
    /// ```
    pub struct SoftmaxOp = "graph.softmax";
    summary: "softmax along an axis";
    operands: [input];
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_c("axis")],
        verify: Some(verify_inferred),
        infer: Some(infer_softmax),
    }
}

op! {
    /// Log of softmax along one axis (ONNX `LogSoftmax`, opset 13):
    /// `Y = (X - max(X, axis)) - log(sum(exp(X - max(X, axis)), axis))`; `axis` defaults to
    /// -1. Rank >= 1, floats only.
    ///
    /// ```mlir
    /// %0 = "graph.log_softmax"(%x) <{axis = 1 : i64}> : (tensor<4x10xf32>) -> tensor<4x10xf32>
    /// ```
    pub struct LogSoftmaxOp = "graph.log_softmax";
    summary: "log-softmax along an axis";
    operands: [input];
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_c("axis")],
        verify: Some(verify_inferred),
        infer: Some(infer_softmax),
    }
}

fn epsilon(a: &Attrs<'_>) -> Result<f64, String> {
    let e = a.f64("epsilon", 1e-5)?;
    if !(e >= 0.0 && e.is_finite()) {
        return Err(format!(
            "attribute 'epsilon' must be finite and non-negative, but got {e}"
        ));
    }
    Ok(e)
}

/// Inference of `layer_norm`.
pub fn infer_layer_norm(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 3, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let x = ops[0];
    require_min_rank(&x, "input", 1)?;
    let a = Attrs::new(ctx, attrs);
    let axis = normalize_axis(a.i64("axis", -1)?, x.rank())?;
    epsilon(&a)?;
    let normalized = &x.shape[axis..];
    for (o, what) in ops[1..].iter().zip(["scale", "bias"]) {
        if !unidirectional_broadcastable(o.shape, normalized) {
            return Err(format!(
                "{what} shape {} does not broadcast to the normalized shape {}",
                format_shape(o.shape),
                format_shape(normalized)
            ));
        }
    }
    Ok(vec![x.ty])
}

op! {
    /// Layer normalization (ONNX `LayerNormalization`, opset 17, inference output only):
    /// over the dimensions `axis ... rank-1` (`axis` defaults to -1),
    /// `Y = (X - mean) / sqrt(var + epsilon) * scale + bias`, with `mean` and the biased
    /// variance `var` computed per index of the leading dimensions `0 ... axis-1`. `scale` and
    /// the optional `bias` (absent: 0) broadcast unidirectionally to the normalized shape
    /// `X.shape[axis:]`. `epsilon` defaults to `1e-5`. Statistics are computed in the element
    /// type (ONNX's `stash_type` is not an attribute).
    ///
    /// ```mlir
    /// %0 = "graph.layer_norm"(%x, %g, %b) <{axis = -1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<2x?x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x?x768xf32>
    /// ```
    pub struct LayerNormOp = "graph.layer_norm";
    summary: "layer normalization";
    operands: [input, scale];
    results: [output];
    attrs: [axis = "axis", epsilon = "epsilon"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(2, 3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_c("axis"), float_c("epsilon")],
        verify: Some(verify_inferred),
        infer: Some(infer_layer_norm),
    }
}

/// Inference of `batch_norm`: `x` of rank >= 2 and four vectors of `C` elements.
pub fn infer_batch_norm(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 5, 5, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let x = ops[0];
    require_min_rank(&x, "input", 2)?;
    let a = Attrs::new(ctx, attrs);
    epsilon(&a)?;
    a.f64("momentum", 0.9)?;
    if a.flag("training_mode", false)? {
        return Err("attribute 'training_mode' must be 0 (inference only)".to_string());
    }
    let c = x.shape[1];
    for (o, what) in ops[1..].iter().zip(["scale", "bias", "mean", "variance"]) {
        require_vector(o, what, c)?;
    }
    Ok(vec![x.ty])
}

op! {
    /// Batch normalization in inference mode (ONNX `BatchNormalization`, opset 15 with
    /// `training_mode = 0`): for `X` of shape `N x C x D1 ... Dn` (rank >= 2),
    /// `Y[n, c, ...] = (X[n, c, ...] - mean[c]) / sqrt(var[c] + epsilon) * scale[c] +
    /// bias[c]`. `scale`, `bias`, `mean` and `var` are vectors of `C` elements; `epsilon`
    /// defaults to `1e-5`; `momentum` is accepted and ignored.
    ///
    /// ```mlir
    /// %0 = "graph.batch_norm"(%x, %s, %b, %m, %v) <{epsilon = 9.99999974E-6 : f32}> : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
    /// ```
    pub struct BatchNormOp = "graph.batch_norm";
    summary: "batch normalization (inference)";
    operands: [input, scale, bias, mean, var];
    results: [output];
    attrs: [epsilon = "epsilon", momentum = "momentum"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(5),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[float_c("epsilon"), float_c("momentum"), i64_c("training_mode")],
        verify: Some(verify_inferred),
        infer: Some(infer_batch_norm),
    }
}

/// Inference of `instance_norm`: `x` of rank >= 3, `scale` and `bias` of `C` elements.
pub fn infer_instance_norm(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 3, 3, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let x = ops[0];
    require_min_rank(&x, "input", 3)?;
    epsilon(&Attrs::new(ctx, attrs))?;
    let c = x.shape[1];
    require_vector(&ops[1], "scale", c)?;
    require_vector(&ops[2], "bias", c)?;
    Ok(vec![x.ty])
}

op! {
    /// Instance normalization (ONNX `InstanceNormalization`, opset 6): for `X` of shape
    /// `N x C x D1 ... Dn` (rank >= 3), each `(n, c)` plane is normalized over its spatial
    /// positions: `Y = (X - mean) / sqrt(var + epsilon) * scale[c] + bias[c]` with the biased
    /// variance. `epsilon` defaults to `1e-5`.
    ///
    /// ```mlir
    /// %0 = "graph.instance_norm"(%x, %s, %b) <{epsilon = 9.99999974E-6 : f32}> : (tensor<1x32x64x64xf32>, tensor<32xf32>, tensor<32xf32>) -> tensor<1x32x64x64xf32>
    /// ```
    pub struct InstanceNormOp = "graph.instance_norm";
    summary: "instance normalization";
    operands: [input, scale, bias];
    results: [output];
    attrs: [epsilon = "epsilon"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[float_c("epsilon")],
        verify: Some(verify_inferred),
        infer: Some(infer_instance_norm),
    }
}

/// Inference of `lrn`: `x` of rank >= 2; `size` (required) >= 1; `alpha`, `beta`, `bias`
/// finite.
pub fn infer_lrn(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    require_min_rank(&ops[0], "input", 2)?;
    let a = Attrs::new(ctx, attrs);
    if !a.has("size") {
        return Err("requires attribute 'size'".to_string());
    }
    let size = a.i64("size", 1)?;
    if size < 1 {
        return Err(format!("attribute 'size' must be >= 1, but got {size}"));
    }
    for (name, default) in [("alpha", 1e-4), ("beta", 0.75), ("bias", 1.0)] {
        let v = a.f64(name, default)?;
        if !v.is_finite() {
            return Err(format!("attribute '{name}' must be finite, but got {v}"));
        }
    }
    Ok(vec![ops[0].ty])
}

op! {
    /// Local response normalization across channels (ONNX `LRN`, opset 13): for `X` of
    /// shape `N x C x D1 ... Dk` (rank >= 2),
    /// `Y[n, c, d] = X[n, c, d] / (bias + alpha / size * square_sum[n, c, d]) ^ beta`, where
    /// `square_sum[n, c, d]` sums `X[n, i, d]^2` over the channels
    /// `max(0, c - floor((size - 1) / 2)) <= i <= min(C - 1, c + ceil((size - 1) / 2))`.
    /// `size` (>= 1) is required; `alpha` defaults to `1e-4`, `beta` to `0.75`, `bias` to
    /// `1.0`. Floats only.
    ///
    /// ```mlir
    /// %0 = "graph.lrn"(%x) <{alpha = 9.99999974E-5 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = 5 : i64}> : (tensor<1x96x55x55xf32>) -> tensor<1x96x55x55xf32>
    /// ```
    pub struct LrnOp = "graph.lrn";
    summary: "local response normalization";
    operands: [input];
    results: [output];
    attrs: [size = "size", alpha = "alpha", beta = "beta", bias = "bias"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_c("size"), float_c("alpha"), float_c("beta"), float_c("bias")],
        verify: Some(verify_inferred),
        infer: Some(infer_lrn),
    }
}
