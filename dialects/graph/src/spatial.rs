//! Spatial sampling ops that have no exact composition of other graph ops: `grid_sample`
//! (ONNX `GridSample`), `roi_align` (`RoiAlign`) and `deform_conv` (`DeformConv`).

use crate::attr::{float_c, i64_array_c, i64_c, string_c, Attrs};
use crate::shape::{conv_output_dim, dims_compatible, format_shape, join_dim, Window, DYN};
use crate::util::{
    all_at_least, operand, operands, require_rank, require_vector, same_elem, tensor, Elems,
    ANY_TENSOR, FLOAT_TENSOR,
};
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

/// Inference of `roi_align`.
pub fn infer_roi_align(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 3 {
        return Err(format!("expected 3 operands, but found {}", types.len()));
    }
    let x = operand(ctx, 0, types[0], Elems::Float)?;
    let rois = operand(ctx, 1, types[1], Elems::Float)?;
    let idx = operand(ctx, 2, types[2], Elems::Int)?;
    require_rank(&x, "input", 4)?;
    require_rank(&rois, "rois", 2)?;
    if !dims_compatible(rois.shape[1], 4) {
        return Err(format!(
            "rois must be R x 4, but have shape {}",
            format_shape(rois.shape)
        ));
    }
    require_vector(&idx, "batch_indices", rois.shape[0])?;
    let a = Attrs::new(ctx, attrs);
    a.choice("mode", "avg", &["avg", "max"])?;
    a.choice(
        "coordinate_transformation_mode",
        "half_pixel",
        &["half_pixel", "output_half_pixel"],
    )?;
    let oh = a.i64("output_height", 1)?;
    let ow = a.i64("output_width", 1)?;
    all_at_least("output_height", &[oh], 1)?;
    all_at_least("output_width", &[ow], 1)?;
    all_at_least("sampling_ratio", &[a.i64("sampling_ratio", 0)?], 0)?;
    let scale = a.f64("spatial_scale", 1.0)?;
    if !scale.is_finite() {
        return Err(format!(
            "attribute 'spatial_scale' must be finite, but is {scale}"
        ));
    }
    let r = join_dim(rois.shape[0], idx.shape[0]);
    Ok(vec![tensor(ctx, &[r, x.shape[1], oh, ow], x.elem)])
}

op! {
    /// Region-of-interest align (ONNX `RoiAlign`, opset 22): for each of the `R` boxes
    /// `[x1, y1, x2, y2]` of `rois` (scaled by `spatial_scale`, default 1, and shifted by
    /// -0.5 with `coordinate_transformation_mode = "half_pixel"`, the default; with
    /// `"output_half_pixel"` unshifted and at least 1 wide and high), on image
    /// `batch_indices[r]` of the `N x C x H x W` input, an `output_height x output_width`
    /// (default 1) grid of bins, each pooling a `sampling_ratio`-square grid of bilinear
    /// samples (`ceil(bin size)` per axis when `sampling_ratio = 0`, the default) by
    /// average (`mode = "avg"`, default) or by the maximum of the weighted corner values
    /// (`"max"`, as ONNX's reference). Samples beyond one pixel outside the image are 0;
    /// others are clamped into it. Result `R x C x output_height x output_width`, computed in
    /// `f64`. Floats only; `batch_indices` integers in `[0, N)`.
    ///
    /// ```mlir
    /// %0 = "graph.roi_align"(%x, %rois, %idx) <{output_height = 7 : i64, output_width = 7 : i64, sampling_ratio = 2 : i64, spatial_scale = 6.250000e-02 : f32}> : (tensor<1x256x32x32xf32>, tensor<10x4xf32>, tensor<10xi64>) -> tensor<10x256x7x7xf32>
    /// ```
    pub struct RoiAlignOp = "graph.roi_align";
    summary: "region-of-interest align";
    operands: [input, rois, batch_indices];
    results: [output];
    attrs: [mode = "mode", output_height = "output_height", output_width = "output_width",
            sampling_ratio = "sampling_ratio", spatial_scale = "spatial_scale",
            coordinate_transformation_mode = "coordinate_transformation_mode"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[string_c("mode"), i64_c("output_height"), i64_c("output_width"),
                 i64_c("sampling_ratio"), float_c("spatial_scale"),
                 string_c("coordinate_transformation_mode")],
        verify: Some(verify_inferred),
        infer: Some(infer_roi_align),
    }
}

/// Inference of `deform_conv`.
pub fn infer_deform_conv(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 3, 5, Elems::Float)?;
    same_elem(ctx, &ops)?;
    let (x, w, off) = (&ops[0], &ops[1], &ops[2]);
    require_rank(x, "input", 4)?;
    require_rank(w, "weight", 4)?;
    require_rank(off, "offset", 4)?;
    let a = Attrs::new(ctx, attrs);
    let strides = a.ints_len("strides", 2, 1)?;
    all_at_least("strides", &strides, 1)?;
    let dilations = a.ints_len("dilations", 2, 1)?;
    all_at_least("dilations", &dilations, 1)?;
    let pads = a.ints_len("pads", 4, 0)?;
    all_at_least("pads", &pads, 0)?;
    let group = a.i64("group", 1)?;
    let og = a.i64("offset_group", 1)?;
    all_at_least("group", &[group], 1)?;
    all_at_least("offset_group", &[og], 1)?;
    let known = |d: i64| d >= 0;
    let (ic, oc, icg) = (x.shape[1], w.shape[0], w.shape[1]);
    if known(ic) && known(icg) && (ic != icg * group || ic % og != 0) {
        return Err(format!(
            "input channels ({ic}) must be weight channels ({icg}) times group ({group}) and a multiple of offset_group ({og})"
        ));
    }
    if known(oc) && oc % group != 0 {
        return Err(format!(
            "output channels ({oc}) must be a multiple of group ({group})"
        ));
    }
    let (kh, kw) = (w.shape[2], w.shape[3]);
    if known(kh) && known(kw) && !dims_compatible(off.shape[1], og * kh * kw * 2) {
        return Err(format!(
            "offset must have offset_group * kernel size * 2 = {} channels, but has {}",
            og * kh * kw * 2,
            format_shape(&off.shape[1..2])
        ));
    }
    let mut out = vec![join_dim(x.shape[0], off.shape[0]), oc];
    for i in 0..2 {
        let win = Window {
            kernel: w.shape[2 + i],
            stride: strides[i],
            dilation: dilations[i],
            pad_begin: pads[i],
            pad_end: pads[2 + i],
        };
        let d = conv_output_dim(x.shape[2 + i], &win)?;
        if !dims_compatible(d, off.shape[2 + i]) {
            return Err(format!(
                "offset's spatial shape {} does not match the output size {d}",
                format_shape(&off.shape[2..])
            ));
        }
        out.push(if d == DYN { off.shape[2 + i] } else { d });
    }
    if let Some(b) = ops.get(3) {
        require_vector(b, "bias", oc)?;
    }
    if let Some(m) = ops.get(4) {
        require_rank(m, "mask", 4)?;
        if known(kh) && known(kw) && !dims_compatible(m.shape[1], og * kh * kw) {
            return Err(format!(
                "mask must have offset_group * kernel size = {} channels, but has {}",
                og * kh * kw,
                format_shape(&m.shape[1..2])
            ));
        }
        if !dims_compatible(m.shape[2], out[2]) || !dims_compatible(m.shape[3], out[3]) {
            return Err("mask's spatial shape does not match the output".to_string());
        }
    }
    Ok(vec![tensor(ctx, &out, x.elem)])
}

op! {
    /// Deformable 2-D convolution (ONNX `DeformConv`, opset 22) of `X: N x C x H x W` by
    /// `W: M x C/group x kH x kW` with `offset: N x (offset_group * kH * kW * 2) x oH x oW`,
    /// optional `B: M` and `mask: N x (offset_group * kH * kW) x oH x oW` (pass a zero bias
    /// to give a mask alone). Kernel tap `(a, b)` of output `(i, j)` reads the input at
    /// `(i * stride_h - pad_top + a * dilation_h + dy, j * stride_w - pad_left + b *
    /// dilation_w + dx)`, where `(dy, dx)` are the tap's offsets (for the tap's input
    /// channel's offset group: channels are split into `offset_group` consecutive groups),
    /// by bilinear interpolation with zeros outside the input, times the mask value (default
    /// 1). Attributes `strides`, `dilations`, `pads` (4 values), `group`, `offset_group`
    /// (defaults 1, 1, 0, 1, 1). Sums in `f64`, rounded once.
    ///
    /// ```mlir
    /// %0 = "graph.deform_conv"(%x, %w, %off, %b, %mask) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x8x8xf32>, tensor<6xf32>, tensor<1x9x8x8xf32>) -> tensor<1x6x8x8xf32>
    /// ```
    pub struct DeformConvOp = "graph.deform_conv";
    summary: "deformable convolution";
    operands: [input, weight, offset, bias, mask];
    results: [output];
    attrs: [strides = "strides", dilations = "dilations", pads = "pads", group = "group",
            offset_group = "offset_group"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(3, 5),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[i64_array_c("strides"), i64_array_c("dilations"), i64_array_c("pads"),
                 i64_c("group"), i64_c("offset_group")],
        verify: Some(verify_inferred),
        infer: Some(infer_deform_conv),
    }
}
