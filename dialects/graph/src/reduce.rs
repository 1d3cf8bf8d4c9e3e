//! Reductions (`reduce_sum`, `reduce_mean`, `reduce_max`, `reduce_min`, `reduce_prod`: ONNX
//! opset 18 semantics with the axes as an attribute) and `argmax` / `argmin`.

use crate::attr::{i64_array_c, i64_c, Attrs};
use crate::fold::{operand, to_value_if_same_type, Folded};
use crate::shape::{normalize_axes, normalize_axis, reduce_shape};
use crate::util::{operands, require_min_rank, tensor, Elems, ANY_TENSOR, NUMERIC_TENSOR};
use crate::verify::{merged_attrs, verify_inferred};
use strata_ir::{op, Arity, Attribute, Context, OpRef, Traits, Type};

/// The reduced axes of a reduction over an operand of rank `rank` (`None`: no reduction,
/// i.e. empty `axes` with `noop_with_empty_axes = 1`).
pub fn reduction_axes(a: &Attrs<'_>, rank: usize) -> Result<Option<Vec<usize>>, String> {
    let noop = a.flag("noop_with_empty_axes", false)?;
    let axes = a.ints("axes")?.unwrap_or_default();
    if axes.is_empty() {
        return Ok(if noop {
            None
        } else {
            Some((0..rank).collect())
        });
    }
    normalize_axes(&axes, rank).map(Some)
}

/// Inference of the reductions.
pub fn infer_reduce(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    infer_reduce_of(ctx, types, attrs, Elems::Numeric)
}

/// Inference of `reduce_max` and `reduce_min`, which also take `i1` (any, resp. all).
pub fn infer_reduce_ordered(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    infer_reduce_of(ctx, types, attrs, Elems::Any)
}

fn infer_reduce_of(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
    elems: Elems,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, elems)?;
    let x = ops[0];
    let a = Attrs::new(ctx, attrs);
    let keepdims = a.flag("keepdims", true)?;
    Ok(vec![match reduction_axes(&a, x.rank())? {
        None => x.ty,
        Some(axes) => tensor(ctx, &reduce_shape(x.shape, &axes, keepdims), x.elem),
    }])
}

fn fold_reduce(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    let a = Attrs::new(op.ctx, merged_attrs(&op));
    let noop = a.flag("noop_with_empty_axes", false).ok()?;
    let empty = a.ints("axes").ok()?.unwrap_or_default().is_empty();
    if noop && empty {
        return to_value_if_same_type(&op, operand(&op, 0)?);
    }
    None
}

macro_rules! reduce_op {
    ($(#[doc = $doc:literal])* $Name:ident = $name:literal, $summary:literal) => {
        reduce_op! {
            $(#[doc = $doc])* $Name = $name, $summary, NUMERIC_TENSOR, infer_reduce
        }
    };
    (
        $(#[doc = $doc:literal])* $Name:ident = $name:literal, $summary:literal,
        $elems:expr, $infer:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [input];
            results: [output];
            attrs: [axes = "axes", keepdims = "keepdims",
                    noop_with_empty_axes = "noop_with_empty_axes"];
            def: {
                traits: Traits::PURE,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some($elems),
                result_type: Some($elems),
                attrs: &[i64_array_c("axes"), i64_c("keepdims"), i64_c("noop_with_empty_axes")],
                verify: Some(verify_inferred),
                infer: Some($infer),
                fold: Some(fold_reduce),
            }
        }
    };
}

reduce_op! {
    /// Sum over `axes` (ONNX `ReduceSum`, opset 13/18). `axes` (distinct, in
    /// `[-rank, rank - 1]`) default to all axes when absent or empty, unless
    /// `noop_with_empty_axes = 1`, which makes the op the identity. Reduced dimensions are
    /// kept as 1 with `keepdims = 1` (the default) and removed otherwise. The sum of no
    /// elements is 0; integers wrap; floats accumulate in the element type in row-major order.
    ///
    /// Folds to its operand when it reduces nothing.
    ///
    /// ```mlir
    /// %0 = "graph.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
    /// ```
    ReduceSumOp = "graph.reduce_sum", "sum reduction"
}
reduce_op! {
    /// Arithmetic mean over `axes` (ONNX `ReduceMean`, opset 18): the sum (as
    /// `graph.reduce_sum`) divided by the number of reduced elements; attributes as
    /// `graph.reduce_sum`. The mean of no elements is NaN (floats); for integers the division
    /// truncates toward zero and an empty reduction is undefined.
    ///
    /// ```mlir
    /// %0 = "graph.reduce_mean"(%x) <{axes = array<i64: 2, 3>}> : (tensor<1x64x?x?xf32>) -> tensor<1x64x1x1xf32>
    /// ```
    ReduceMeanOp = "graph.reduce_mean", "mean reduction"
}
reduce_op! {
    /// Maximum over `axes` (ONNX `ReduceMax`, opset 18); attributes as `graph.reduce_sum`.
    /// NaN propagates; the maximum of no elements is the lowest value of the element type
    /// (`-inf` for floats, `false` for `i1`, where the maximum is "any").
    ///
    /// ```mlir
    /// %0 = "graph.reduce_max"(%x) <{axes = array<i64: -1>, keepdims = 1 : i64}> : (tensor<4x16xi32>) -> tensor<4x1xi32>
    /// ```
    ReduceMaxOp = "graph.reduce_max", "max reduction", ANY_TENSOR, infer_reduce_ordered
}
reduce_op! {
    /// Minimum over `axes` (ONNX `ReduceMin`, opset 18); attributes as `graph.reduce_sum`.
    /// NaN propagates; the minimum of no elements is the highest value of the element type
    /// (`+inf` for floats, `true` for `i1`, where the minimum is "all").
    ///
    /// ```mlir
    /// %0 = "graph.reduce_min"(%x) : (tensor<4x16xf32>) -> tensor<1x1xf32>
    /// ```
    ReduceMinOp = "graph.reduce_min", "min reduction", ANY_TENSOR, infer_reduce_ordered
}
reduce_op! {
    /// Product over `axes` (ONNX `ReduceProd`, opset 18); attributes as `graph.reduce_sum`.
    /// The product of no elements is 1; integers wrap.
    ///
    /// ```mlir
    /// %0 = "graph.reduce_prod"(%x) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<3x?xi64>) -> tensor<?xi64>
    /// ```
    ReduceProdOp = "graph.reduce_prod", "product reduction"
}

/// Inference of `argmax` / `argmin`: an `i64` result with `axis` reduced.
pub fn infer_arg(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Numeric)?;
    let x = ops[0];
    require_min_rank(&x, "input", 1)?;
    let a = Attrs::new(ctx, attrs);
    let axis = normalize_axis(a.i64("axis", 0)?, x.rank())?;
    let keepdims = a.flag("keepdims", true)?;
    a.flag("select_last_index", false)?;
    Ok(vec![tensor(
        ctx,
        &reduce_shape(x.shape, &[axis], keepdims),
        ctx.i64(),
    )])
}

macro_rules! arg_op {
    ($(#[doc = $doc:literal])* $Name:ident = $name:literal, $summary:literal) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [input];
            results: [output];
            attrs: [axis = "axis", keepdims = "keepdims", select_last_index = "select_last_index"];
            def: {
                traits: Traits::PURE,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some(NUMERIC_TENSOR),
                result_type: Some(NUMERIC_TENSOR),
                attrs: &[i64_c("axis"), i64_c("keepdims"), i64_c("select_last_index")],
                verify: Some(verify_inferred),
                infer: Some(infer_arg),
            }
        }
    };
}

arg_op! {
    /// Index of the maximum along `axis` (ONNX `ArgMax`, opset 13), as `i64`. `axis`
    /// defaults to 0; `keepdims` (default 1) keeps the reduced dimension as 1. On ties the
    /// first index wins, or the last with `select_last_index = 1`. A NaN counts as greater
    /// than every number (the first NaN wins). The reduced dimension must not be empty.
    ///
    /// ```mlir
    /// %0 = "graph.argmax"(%x) <{axis = 1 : i64, keepdims = 0 : i64}> : (tensor<8x1000xf32>) -> tensor<8xi64>
    /// ```
    ArgMaxOp = "graph.argmax", "index of the maximum along an axis"
}
arg_op! {
    /// Index of the minimum along `axis` (ONNX `ArgMin`, opset 13), as `i64`; attributes as
    /// `graph.argmax`. A NaN counts as smaller than every number (the first NaN wins).
    ///
    /// ```mlir
    /// %0 = "graph.argmin"(%x) <{axis = -1 : i64, select_last_index = 1 : i64}> : (tensor<2x5xi32>) -> tensor<2x1xi64>
    /// ```
    ArgMinOp = "graph.argmin", "index of the minimum along an axis"
}
