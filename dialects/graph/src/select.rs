//! Bitwise and selection ops: `bitwise_and`, `bitwise_or`, `bitwise_xor`, `bitwise_not`
//! (integers), `top_k`, `gather_nd`, and the ops whose result sizes depend on the data:
//! `non_zero`, `unique` and `non_max_suppression`, whose data-dependent dimensions are
//! dynamic (`?`) in the result types and known only when the op runs.

use crate::attr::{float_c, i64_c, Attrs};
use crate::shape::{broadcast_all, dims_compatible, format_shape, is_dynamic, normalize_axis, DYN};
use crate::util::{
    operand as check_operand, operands, ranked, require_min_rank, same_elem, tensor, Elems,
    ANY_TENSOR, NUMERIC_TENSOR,
};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, AttrConstraint, Attribute, Context, Traits, Type, TypeConstraint};

/// A ranked tensor of integers (not `i1`).
pub const INT_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of integer values",
    check: |ctx, t| ranked(ctx, t).is_some_and(|(_, e)| Elems::Int.accepts(ctx, e)),
};

/// Inference of the binary bitwise ops: integer operands of one type, broadcast.
pub fn infer_bitwise(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Int)?;
    same_elem(ctx, &ops)?;
    let shape = broadcast_all(&[ops[0].shape, ops[1].shape])
        .map_err(|e| format!("operands don't have broadcast-compatible shapes: {e}"))?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

/// Inference of `bitwise_not`: one integer operand, same type.
pub fn infer_bitwise_not(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Int)?;
    Ok(vec![ops[0].ty])
}

macro_rules! bitwise_op {
    ($(#[doc = $doc:literal])* $Name:ident = $name:literal, $summary:literal, $traits:expr) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [lhs, rhs];
            results: [result];
            def: {
                traits: $traits,
                operands: Arity::Exactly(2),
                results: Arity::Exactly(1),
                operand_type: Some(INT_TENSOR),
                result_type: Some(INT_TENSOR),
                verify: Some(verify_inferred),
                infer: Some(infer_bitwise),
            }
        }
    };
}

const COMM: Traits = Traits::PURE.with(Traits::COMMUTATIVE);

bitwise_op! {
    /// Elementwise bitwise and of integers of one type with numpy broadcasting (ONNX
    /// `BitwiseAnd`, opset 18), on the two's complement bits of signed types.
    ///
    /// ```mlir
    /// %0 = "graph.bitwise_and"(%a, %b) : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
    /// ```
    BitwiseAndOp = "graph.bitwise_and", "elementwise bitwise and", COMM
}
bitwise_op! {
    /// Elementwise bitwise or of integers of one type with numpy broadcasting (ONNX
    /// `BitwiseOr`, opset 18), on the two's complement bits of signed types.
    ///
    /// ```mlir
    /// %0 = "graph.bitwise_or"(%a, %b) : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
    /// ```
    BitwiseOrOp = "graph.bitwise_or", "elementwise bitwise or", COMM
}
bitwise_op! {
    /// Elementwise bitwise exclusive or of integers of one type with numpy broadcasting
    /// (ONNX `BitwiseXor`, opset 18), on the two's complement bits of signed types.
    ///
    /// ```mlir
    /// %0 = "graph.bitwise_xor"(%a, %b) : (tensor<2x?xi16>, tensor<1xi16>) -> tensor<2x?xi16>
    /// ```
    BitwiseXorOp = "graph.bitwise_xor", "elementwise bitwise exclusive or", COMM
}

op! {
    /// Elementwise bitwise complement of integers (ONNX `BitwiseNot`, opset 18): every bit
    /// flipped (`-x - 1` for signed types, `2^n - 1 - x` for unsigned ones).
    ///
    /// ```mlir
    /// %0 = "graph.bitwise_not"(%a) : (tensor<3x4xui16>) -> tensor<3x4xui16>
    /// ```
    pub struct BitwiseNotOp = "graph.bitwise_not";
    summary: "elementwise bitwise complement";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(INT_TENSOR),
        result_type: Some(INT_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_bitwise_not),
    }
}

const fn required(c: AttrConstraint) -> AttrConstraint {
    AttrConstraint {
        required: true,
        ..c
    }
}

/// Inference of `top_k`.
pub fn infer_top_k(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Numeric)?;
    let x = ops[0];
    require_min_rank(&x, "input", 1)?;
    let a = Attrs::new(ctx, attrs);
    let axis = normalize_axis(a.i64("axis", -1)?, x.rank())?;
    let k = a.i64_req("k")?;
    let dim = x.shape[axis];
    if k < 0 || (!is_dynamic(dim) && k > dim) {
        return Err(format!(
            "attribute 'k' ({k}) must be in [0, {}] (the size of axis {axis})",
            if is_dynamic(dim) {
                "?".into()
            } else {
                dim.to_string()
            }
        ));
    }
    a.flag("largest", true)?;
    a.flag("sorted", true)?;
    let mut shape = x.shape.to_vec();
    shape[axis] = k;
    Ok(vec![
        tensor(ctx, &shape, x.elem),
        tensor(ctx, &shape, ctx.i64()),
    ])
}

op! {
    /// The `k` largest (or, with `largest = 0`, smallest) elements along `axis` (ONNX
    /// `TopK`, opset 11, with `k` as an attribute): `values` and their `indices` (`i64`)
    /// along the axis, whose size becomes `k`. Results are sorted (largest first, or
    /// smallest first); equal values keep increasing index order, as ONNX specifies. NaN
    /// orders above every number. `axis` defaults to -1; `sorted = 0` is accepted (the
    /// results are sorted anyway, which conforms).
    ///
    /// ```mlir
    /// %0:2 = "graph.top_k"(%x) <{axis = 1 : i64, k = 3 : i64}> : (tensor<3x4xf32>) -> (tensor<3x3xf32>, tensor<3x3xi64>)
    /// ```
    pub struct TopKOp = "graph.top_k";
    summary: "k largest or smallest elements along an axis, with their indices";
    operands: [input];
    results: [values, indices];
    attrs: [k = "k", axis = "axis", largest = "largest", sorted = "sorted"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(2),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[required(i64_c("k")), i64_c("axis"), i64_c("largest"), i64_c("sorted")],
        verify: Some(verify_inferred),
        infer: Some(infer_top_k),
    }
}

/// Inference of `gather_nd`.
pub fn infer_gather_nd(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 2 {
        return Err(format!("expected 2 operands, but found {}", types.len()));
    }
    let data = check_operand(ctx, 0, types[0], Elems::Any)?;
    let idx = check_operand(ctx, 1, types[1], Elems::Int)?;
    require_min_rank(&data, "data", 1)?;
    require_min_rank(&idx, "indices", 1)?;
    let b = Attrs::new(ctx, attrs).i64("batch_dims", 0)?;
    let (r, q) = (data.rank(), idx.rank());
    if b < 0 || b as usize >= r.min(q) {
        return Err(format!(
            "attribute 'batch_dims' ({b}) must be in [0, {}) (below both ranks)",
            r.min(q)
        ));
    }
    let b = b as usize;
    for d in 0..b {
        if !dims_compatible(data.shape[d], idx.shape[d]) {
            return Err(format!(
                "batch dimension {d} of data ({}) and indices ({}) differ",
                format_shape(&data.shape[d..=d]),
                format_shape(&idx.shape[d..=d])
            ));
        }
    }
    let k = idx.shape[q - 1];
    if is_dynamic(k) {
        return Err("the last dimension of indices must be static".into());
    }
    if k < 1 || k as usize > r - b {
        return Err(format!(
            "the last dimension of indices ({k}) must be in [1, {}] (rank - batch_dims)",
            r - b
        ));
    }
    let mut shape = idx.shape[..q - 1].to_vec();
    shape.extend_from_slice(&data.shape[b + k as usize..]);
    Ok(vec![tensor(ctx, &shape, data.elem)])
}

op! {
    /// Gather slices by index tuples (ONNX `GatherND`, opset 13): `indices` of shape
    /// `[b..., q..., k]` addresses `k`-tuples into `data` after its first `batch_dims`
    /// dimensions (which both share); the result has shape
    /// `indices.shape[:-1] ++ data.shape[batch_dims + k:]` and holds the addressed slices.
    /// Negative indices count from the end; out-of-range indices are an error (reported by
    /// the interpreter). `k` must be static.
    ///
    /// ```mlir
    /// %0 = "graph.gather_nd"(%x, %i) <{batch_dims = 1 : i64}> : (tensor<2x2x2xi32>, tensor<2x1xi64>) -> tensor<2x2xi32>
    /// ```
    pub struct GatherNdOp = "graph.gather_nd";
    summary: "gather slices addressed by index tuples";
    operands: [data, indices];
    results: [output];
    attrs: [batch_dims = "batch_dims"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("batch_dims")],
        verify: Some(verify_inferred),
        infer: Some(infer_gather_nd),
    }
}

/// Inference of `non_zero`: `tensor<r x ? x i64>` for an operand of rank `r`.
pub fn infer_non_zero(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    Ok(vec![tensor(ctx, &[ops[0].rank() as i64, DYN], ctx.i64())])
}

op! {
    /// The indices of the non-zero elements (ONNX `NonZero`, opset 13): a `[rank, n]`
    /// `i64` tensor whose column `j` is the position of the `j`-th non-zero (true, or
    /// non-zero number; NaN counts as non-zero) element in row-major order. `n` is only
    /// known when the op runs, so the result's second dimension is dynamic.
    ///
    /// ```mlir
    /// %0 = "graph.non_zero"(%c) : (tensor<2x2xi1>) -> tensor<2x?xi64>
    /// ```
    pub struct NonZeroOp = "graph.non_zero";
    summary: "indices of the non-zero elements";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_non_zero),
    }
}

/// Inference of `unique`.
pub fn infer_unique(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let a = Attrs::new(ctx, attrs);
    a.flag("sorted", true)?;
    let i64t = ctx.i64();
    let (y, inverse) = match a.i64_opt("axis")? {
        None => {
            let n = if x.shape.iter().any(|&d| is_dynamic(d)) {
                DYN
            } else {
                x.shape
                    .iter()
                    .try_fold(1i64, |acc, &d| acc.checked_mul(d))
                    .ok_or("the number of elements overflows")?
            };
            (vec![DYN], n)
        }
        Some(axis) => {
            require_min_rank(&x, "input", 1)?;
            let axis = normalize_axis(axis, x.rank())?;
            let mut y = x.shape.to_vec();
            y[axis] = DYN;
            (y, x.shape[axis])
        }
    };
    Ok(vec![
        tensor(ctx, &y, x.elem),
        tensor(ctx, &[DYN], i64t),
        tensor(ctx, &[inverse], i64t),
        tensor(ctx, &[DYN], i64t),
    ])
}

op! {
    /// The unique elements, or unique slices along `axis` (ONNX `Unique`, opset 11):
    /// `output` holds them (sorted ascending with `sorted = 1`, the default, else in order
    /// of first occurrence), `indices` the position of each one's first occurrence,
    /// `inverse_indices` the index in `output` of every input element (or slice), and
    /// `counts` how often each occurs. Without `axis` the input is flattened. The number of
    /// unique values is only known when the op runs (dynamic dimensions). Results after
    /// the first are optional.
    ///
    /// ```mlir
    /// %0:4 = "graph.unique"(%x) <{axis = 0 : i64}> : (tensor<3x3xf32>) -> (tensor<?x3xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>)
    /// ```
    pub struct UniqueOp = "graph.unique";
    summary: "unique elements or slices, with their positions and counts";
    operands: [input];
    results: [output];
    attrs: [axis = "axis", sorted = "sorted"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Range(1, 4),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[i64_c("axis"), i64_c("sorted")],
        verify: Some(verify_inferred),
        infer: Some(infer_unique),
    }
}

/// Inference of `non_max_suppression`.
pub fn infer_nms(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Float)?;
    let (boxes, scores) = (ops[0], ops[1]);
    same_elem(ctx, &ops)?;
    if boxes.rank() != 3 || !dims_compatible(boxes.shape[2], 4) {
        return Err(format!(
            "boxes must have shape [batches, boxes, 4], but have {}",
            format_shape(boxes.shape)
        ));
    }
    if scores.rank() != 3
        || !dims_compatible(scores.shape[0], boxes.shape[0])
        || !dims_compatible(scores.shape[2], boxes.shape[1])
    {
        return Err(format!(
            "scores must have shape [batches, classes, boxes] matching boxes {}, but have {}",
            format_shape(boxes.shape),
            format_shape(scores.shape)
        ));
    }
    let a = Attrs::new(ctx, attrs);
    a.flag("center_point_box", false)?;
    if a.i64("max_output_boxes_per_class", 0)? < 0 {
        return Err("attribute 'max_output_boxes_per_class' must not be negative".into());
    }
    a.f64("iou_threshold", 0.0)?;
    a.f64("score_threshold", 0.0)?;
    Ok(vec![tensor(ctx, &[DYN, 3], ctx.i64())])
}

op! {
    /// Non-maximum suppression (ONNX `NonMaxSuppression`, opset 11, with the scalar inputs
    /// as attributes): for every batch and class, boxes are taken by decreasing score
    /// (equal scores: lower box index first) and kept unless their intersection over union
    /// with an already kept box of that class exceeds `iou_threshold` (default 0), at most
    /// `max_output_boxes_per_class` (default 0: none) per class. With `score_threshold`,
    /// only boxes scoring above it are candidates. Boxes are `[y1, x1, y2, x2]` corners in
    /// any order (`center_point_box = 0`, the default) or `[x_center, y_center, width,
    /// height]` (`1`). The result lists `[batch, class, box]` triples in that order; their
    /// number is dynamic. Arithmetic is in the element type, as ONNX's reference.
    ///
    /// ```mlir
    /// %0 = "graph.non_max_suppression"(%b, %s) <{iou_threshold = 5.000000e-01 : f32, max_output_boxes_per_class = 3 : i64}> : (tensor<1x6x4xf32>, tensor<1x1x6xf32>) -> tensor<?x3xi64>
    /// ```
    pub struct NonMaxSuppressionOp = "graph.non_max_suppression";
    summary: "select boxes by score, suppressing overlapping ones";
    operands: [boxes, scores];
    results: [selected_indices];
    attrs: [
        center_point_box = "center_point_box",
        max_output_boxes_per_class = "max_output_boxes_per_class",
        iou_threshold = "iou_threshold",
        score_threshold = "score_threshold"
    ];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[
            i64_c("center_point_box"),
            i64_c("max_output_boxes_per_class"),
            float_c("iou_threshold"),
            float_c("score_threshold"),
        ],
        verify: Some(verify_inferred),
        infer: Some(infer_nms),
    }
}
