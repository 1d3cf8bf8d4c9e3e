//! Spatial sampling ops that have no exact composition of other graph ops: `grid_sample`
//! (ONNX `GridSample`).

use crate::attr::{i64_c, string_c, Attrs};
use crate::shape::{dims_compatible, format_shape, join_dim};
use crate::util::{operands, tensor, Elems, FLOAT_TENSOR};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

/// Inference of `grid_sample`.
pub fn infer_grid_sample(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Float)?;
    let (x, g) = (&ops[0], &ops[1]);
    let a = Attrs::new(ctx, attrs);
    a.choice("mode", "linear", &["linear", "nearest", "cubic"])?;
    a.choice("padding_mode", "zeros", &["zeros", "border", "reflection"])?;
    a.flag("align_corners", false)?;
    let r = x.rank();
    if r < 3 {
        return Err(format!(
            "input must have rank 3 or more (N x C x D1 ...), but has rank {r}"
        ));
    }
    let n = r - 2;
    if g.rank() != r {
        return Err(format!(
            "grid must have rank {r} (N x D1' ... x {n}), but has rank {}",
            g.rank()
        ));
    }
    if !dims_compatible(g.shape[r - 1], n as i64) {
        return Err(format!(
            "the last dimension of the grid must be {n} (the spatial rank), but is {}",
            format_shape(&g.shape[r - 1..])
        ));
    }
    if !dims_compatible(x.shape[0], g.shape[0]) {
        return Err(format!(
            "batch sizes of the input and the grid differ ({} vs {})",
            format_shape(&x.shape[..1]),
            format_shape(&g.shape[..1])
        ));
    }
    let batch = join_dim(x.shape[0], g.shape[0]);
    let mut shape = vec![batch, x.shape[1]];
    shape.extend_from_slice(&g.shape[1..r - 1]);
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

op! {
    /// Sample an `N x C x D1 ... Dn` input at the normalised coordinates of an
    /// `N x O1 ... On x n` grid (ONNX `GridSample`, opset 22), giving `N x C x O1 ... On`.
    /// The grid's last dimension lists the coordinates innermost axis first (`x` for `Dn`,
    /// then `y`, ...), each in `[-1, 1]` over the axis: with `align_corners = 1` -1 and 1
    /// are the centres of the first and last elements (`c = (g + 1) / 2 * (L - 1)`), with
    /// `align_corners = 0` (default) their outer edges (`c = ((g + 1) * L - 1) / 2`); this
    /// denormalisation is computed in the grid's precision (`f32` for narrower floats).
    ///
    /// `mode`: `"linear"` (default) interpolates n-linearly between the two neighbours of
    /// each coordinate, `"nearest"` takes the element at the coordinate rounded half to
    /// even, `"cubic"` interpolates with Keys' cubic kernel (`a = -0.75`) over four
    /// neighbours per axis. `padding_mode`: outside the borders (`[-0.5, L - 0.5]`, or
    /// `[0, L - 1]` with `align_corners`), `"zeros"` (default) reads zeros, `"border"`
    /// clamps the coordinate and the neighbours to `[0, L - 1]`, `"reflection"` reflects
    /// them at the borders. Interpolation runs in `f64` and rounds once. This is ONNX's
    /// reference implementation (`onnx/reference/ops/op_grid_sample.py`, after PyTorch's
    /// `grid_sampler`). Floats only.
    ///
    /// ```mlir
    /// %0 = "graph.grid_sample"(%x, %grid) <{align_corners = 1 : i64, mode = "cubic", padding_mode = "border"}> : (tensor<1x3x32x32xf32>, tensor<1x8x8x2xf32>) -> tensor<1x3x8x8xf32>
    /// ```
    pub struct GridSampleOp = "graph.grid_sample";
    summary: "sample at normalised grid coordinates";
    operands: [input, grid];
    results: [output];
    attrs: [mode = "mode", padding_mode = "padding_mode", align_corners = "align_corners"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[string_c("mode"), string_c("padding_mode"), i64_c("align_corners")],
        verify: Some(verify_inferred),
        infer: Some(infer_grid_sample),
    }
}
