//! Ops that keep the elements and their row-major order and only change the shape
//! (`reshape`, `flatten`, `squeeze`, `unsqueeze`), `expand` (broadcast to a shape),
//! `identity` and `dropout` (inference: identity).
//!
//! The reshape-like ops fold into each other: a chain of them whose final type equals the
//! type of the chain's source folds to the source (`squeeze(unsqueeze(x))`,
//! `reshape(reshape(x))`, ...), and a constant operand folds to a constant of the new shape.

use crate::attr::{float_c, i64_array_c, i64_array_req, i64_c, Attrs};
use crate::fold::{
    const_operand, defining, fold_reshape_const, operand, result_type, to_value_if_same_type,
    Folded,
};
use crate::shape::{
    broadcast_shapes, format_shape, is_dynamic, normalize_axes, reshape_shape, DYN,
};
use crate::util::{all_at_least, operands, tensor, Elems, ANY_TENSOR};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, FoldResult, OpRef, Traits, Type};

/// The names of the ops that only change the shape.
pub const RESHAPE_LIKE: &[&str] = &[
    "graph.reshape",
    "graph.flatten",
    "graph.squeeze",
    "graph.unsqueeze",
];

/// Folder shared by the reshape-like ops.
pub fn fold_reshape_like(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(f) = to_value_if_same_type(&op, x) {
        return Some(f);
    }
    for name in RESHAPE_LIKE {
        if let Some(inner) = defining(&op, x, name) {
            if let Some(f) = to_value_if_same_type(&op, operand(&inner, 0)?) {
                return Some(f);
            }
        }
    }
    fold_reshape_const(&op, consts)
}

/// Inference of `reshape` ([`reshape_shape`]).
pub fn infer_reshape(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let a = Attrs::new(ctx, attrs);
    let target = a
        .ints("shape")?
        .ok_or_else(|| "requires attribute 'shape'".to_string())?;
    let allowzero = a.flag("allowzero", false)?;
    let shape = reshape_shape(ops[0].shape, &target, allowzero)?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

op! {
    /// Reshape to the static target `shape` attribute (ONNX `Reshape`, opset 14, with the
    /// shape as an attribute), keeping the elements in row-major order. Without `allowzero`
    /// (the default 0), a `0` in `shape` copies the input dimension at the same index and
    /// one `-1` is inferred from the element count; with `allowzero = 1`, `0` is a literal
    /// zero (and cannot be combined with `-1`). Inference resolves `0` and `-1` into the
    /// result type (to `?` when they depend on dynamic input dimensions); the interpreter
    /// resolves them the same way on the actual input shape. Builders that know the input
    /// shape may resolve them first ([`reshape_shape`]) and store the explicit shape.
    ///
    /// Folds to its operand when the types are equal, through chains of reshape-like ops
    /// back to a value of the result type, and constants.
    ///
    /// ```mlir
    /// %0 = "graph.reshape"(%x) <{shape = array<i64: 0, -1>}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
    /// ```
    pub struct ReshapeOp = "graph.reshape";
    summary: "reshape to a static target shape";
    operands: [input];
    results: [output];
    attrs: [shape = "shape", allowzero = "allowzero"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("shape"), i64_c("allowzero")],
        verify: Some(verify_inferred),
        infer: Some(infer_reshape),
        fold: Some(fold_reshape_like),
        canonicalize: crate::canonicalize::RESHAPE_PATTERNS,
    }
}

fn product(dims: &[i64]) -> Result<i64, String> {
    let mut acc: i64 = 1;
    for &d in dims {
        if is_dynamic(d) {
            return Ok(DYN);
        }
        acc = acc
            .checked_mul(d)
            .ok_or_else(|| "dimension product overflows".to_string())?;
    }
    Ok(acc)
}

/// Inference of `flatten`.
pub fn infer_flatten(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let axis = Attrs::new(ctx, attrs).i64("axis", 1)?;
    // `axis` is in `[-rank, rank]`; negative values count from the rank.
    let r = x.rank() as i64;
    if axis < -r || axis > r {
        return Err(format!(
            "axis {axis} is out of range for rank {r} (expected [{}, {r}])",
            -r
        ));
    }
    let axis = if axis < 0 { axis + r } else { axis } as usize;
    let shape = [product(&x.shape[..axis])?, product(&x.shape[axis..])?];
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

op! {
    /// Flatten into a matrix (ONNX `Flatten`, opset 13): dimensions `0 ... axis-1` become
    /// the rows and `axis ... rank-1` the columns (an empty product is 1). `axis` defaults
    /// to 1 and may be in `[-rank, rank]`.
    ///
    /// Folds like `graph.reshape`.
    ///
    /// ```mlir
    /// %0 = "graph.flatten"(%x) <{axis = 1 : i64}> : (tensor<?x512x1x1xf32>) -> tensor<?x512xf32>
    /// ```
    pub struct FlattenOp = "graph.flatten";
    summary: "flatten into a 2-D tensor";
    operands: [input];
    results: [output];
    attrs: [axis = "axis"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis")],
        verify: Some(verify_inferred),
        infer: Some(infer_flatten),
        fold: Some(fold_reshape_like),
        canonicalize: crate::canonicalize::FLATTEN_PATTERNS,
    }
}

/// Inference of `squeeze`.
pub fn infer_squeeze(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let axes: Vec<usize> = match Attrs::new(ctx, attrs).ints("axes")? {
        Some(axes) => {
            let axes = normalize_axes(&axes, x.rank())?;
            if let Some(&bad) = axes
                .iter()
                .find(|&&i| x.shape[i] != 1 && !is_dynamic(x.shape[i]))
            {
                return Err(format!(
                    "cannot squeeze axis {bad} of size {}",
                    x.shape[bad]
                ));
            }
            axes
        }
        None => {
            if x.shape.iter().any(|&d| is_dynamic(d)) {
                return Err(format!(
                    "requires 'axes' when the input shape {} has dynamic dimensions",
                    format_shape(x.shape)
                ));
            }
            (0..x.rank()).filter(|&i| x.shape[i] == 1).collect()
        }
    };
    let shape: Vec<i64> = (0..x.rank())
        .filter(|i| !axes.contains(i))
        .map(|i| x.shape[i])
        .collect();
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

op! {
    /// Remove dimensions of size 1 (ONNX `Squeeze`, opset 13, with the axes as an
    /// attribute). `axes` (distinct, in `[-rank, rank - 1]`) name dimensions that must be 1
    /// (a dynamic one must be 1 at run time); when absent, every dimension of size 1 is
    /// removed, which requires a static input shape.
    ///
    /// Folds like `graph.reshape` (e.g. `squeeze(unsqueeze(x))` to `x`).
    ///
    /// ```mlir
    /// %0 = "graph.squeeze"(%x) <{axes = array<i64: 0, 2>}> : (tensor<1x?x1x4xf32>) -> tensor<?x4xf32>
    /// ```
    pub struct SqueezeOp = "graph.squeeze";
    summary: "remove dimensions of size 1";
    operands: [input];
    results: [output];
    attrs: [axes = "axes"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_c("axes")],
        verify: Some(verify_inferred),
        infer: Some(infer_squeeze),
        fold: Some(fold_reshape_like),
        canonicalize: crate::canonicalize::SQUEEZE_PATTERNS,
    }
}

/// Inference of `unsqueeze`.
pub fn infer_unsqueeze(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let axes = Attrs::new(ctx, attrs)
        .ints("axes")?
        .ok_or_else(|| "requires attribute 'axes'".to_string())?;
    let out_rank = x
        .rank()
        .checked_add(axes.len())
        .ok_or_else(|| "rank overflows".to_string())?;
    let axes = normalize_axes(&axes, out_rank)?;
    let mut src = x.shape.iter();
    let shape: Vec<i64> = (0..out_rank)
        .map(|i| {
            if axes.contains(&i) {
                1
            } else {
                src.next().copied().unwrap_or(1)
            }
        })
        .collect();
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

op! {
    /// Insert dimensions of size 1 (ONNX `Unsqueeze`, opset 13, with the axes as an
    /// attribute). `axes` (required, distinct) index the *output*, of rank `rank +
    /// len(axes)`, and may be negative (`[-out_rank, out_rank - 1]`).
    ///
    /// Folds like `graph.reshape` (e.g. `unsqueeze(squeeze(x))` to `x`).
    ///
    /// ```mlir
    /// %0 = "graph.unsqueeze"(%x) <{axes = array<i64: 0, -1>}> : (tensor<3x4xf32>) -> tensor<1x3x4x1xf32>
    /// ```
    pub struct UnsqueezeOp = "graph.unsqueeze";
    summary: "insert dimensions of size 1";
    operands: [input];
    results: [output];
    attrs: [axes = "axes"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("axes")],
        verify: Some(verify_inferred),
        infer: Some(infer_unsqueeze),
        fold: Some(fold_reshape_like),
        canonicalize: crate::canonicalize::UNSQUEEZE_PATTERNS,
    }
}

/// Inference of `expand`: the numpy broadcast of the input shape and `shape`.
pub fn infer_expand(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let target = Attrs::new(ctx, attrs)
        .ints("shape")?
        .ok_or_else(|| "requires attribute 'shape'".to_string())?;
    all_at_least("shape", &target, 0)?;
    let shape =
        broadcast_shapes(ops[0].shape, &target).map_err(|e| format!("cannot expand: {e}"))?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

fn fold_expand(op: OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(f) = to_value_if_same_type(&op, x) {
        return Some(f);
    }
    let d = const_operand(op.ctx, consts, 0)?;
    if !d.is_splat() {
        return None;
    }
    let attr = crate::dense::dense_attr(op.ctx, result_type(&op, 0)?, &d.values)?;
    Some(vec![FoldResult::Attr(attr)])
}

op! {
    /// Broadcast to a shape (ONNX `Expand`, opset 13, with the shape as an attribute): the
    /// result shape is the numpy broadcast of the input shape and `shape` (so a `1` in
    /// `shape` keeps the input dimension, and `shape` may have a lower rank than the input).
    ///
    /// Folds to its operand when the types are equal, and splat constants.
    ///
    /// ```mlir
    /// %0 = "graph.expand"(%x) <{shape = array<i64: 2, 1, 6>}> : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
    /// ```
    pub struct ExpandOp = "graph.expand";
    summary: "broadcast to a shape";
    operands: [input];
    results: [output];
    attrs: [shape = "shape"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_array_req("shape")],
        verify: Some(verify_inferred),
        infer: Some(infer_expand),
        fold: Some(fold_expand),
    }
}

/// Inference of `identity`: the operand type.
pub fn infer_identity(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    Ok(vec![ops[0].ty])
}

fn fold_identity(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    to_value_if_same_type(&op, operand(&op, 0)?)
}

op! {
    /// The identity (ONNX `Identity`, opset 19 on tensors).
    ///
    /// Folds to its operand.
    ///
    /// ```mlir
    /// %0 = "graph.identity"(%x) : (tensor<2x?xi64>) -> tensor<2x?xi64>
    /// ```
    pub struct IdentityOp = "graph.identity";
    summary: "identity";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_identity),
        fold: Some(fold_identity),
    }
}

/// Inference of `dropout`: the output (the operand type) and the optional `i1` mask.
pub fn infer_dropout(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    let ratio = Attrs::new(ctx, attrs).f64("ratio", 0.5)?;
    if !(0.0..1.0).contains(&ratio) {
        return Err(format!(
            "attribute 'ratio' must be in [0, 1), but got {ratio}"
        ));
    }
    Ok(vec![ops[0].ty, tensor(ctx, ops[0].shape, ctx.i1())])
}

fn fold_dropout(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    let mut out = to_value_if_same_type(&op, x)?;
    if let Some(mask_ty) = result_type(&op, 1) {
        let ones = crate::dense::dense_attr(op.ctx, mask_ty, &crate::dense::Values::Int(vec![1]))?;
        out.push(FoldResult::Attr(ones));
    }
    Some(out)
}

op! {
    /// Dropout in inference mode (ONNX `Dropout`, opset 13 with `training_mode` false): the
    /// output is the input; the optional second result `mask` (`i1`, the input's shape) is
    /// all true. `ratio` (default `0.5`, in `[0, 1)`) and `seed` are accepted and unused.
    ///
    /// Folds to its operand (and the mask to a true splat when its shape is static).
    ///
    /// ```mlir
    /// %0:2 = "graph.dropout"(%x) <{ratio = 1.000000e-01 : f32}> : (tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xi1>)
    /// ```
    pub struct DropoutOp = "graph.dropout";
    summary: "dropout (inference: identity)";
    operands: [input];
    results: [output];
    attrs: [ratio = "ratio", seed = "seed"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Range(1, 2),
        operand_type: Some(crate::util::FLOAT_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[float_c("ratio"), i64_c("seed")],
        verify: Some(verify_inferred),
        infer: Some(infer_dropout),
        fold: Some(fold_dropout),
    }
}
