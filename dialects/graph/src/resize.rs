//! The `resize` op (ONNX `Resize`/`Upsample`): nearest, n-linear and cubic interpolation
//! with every coordinate transformation, antialiasing, `exclude_outside` and the crop box of
//! `tf_crop_and_resize`. ONNX's `axes` and `keep_aspect_ratio_policy` are resolved by the
//! importer into full-rank `scales`/`sizes`.

use crate::attr::{float_array_c, float_c, i64_array_c, i64_c, string_c, Attrs};
use crate::shape::{is_dynamic, DYN};
use crate::util::{all_at_least, operands, tensor, Elems, ANY_TENSOR};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type};

/// The values of `coordinate_transformation_mode`.
pub const RESIZE_COORDINATE_MODES: &[&str] = &[
    "half_pixel",
    "half_pixel_symmetric",
    "pytorch_half_pixel",
    "align_corners",
    "asymmetric",
    "tf_crop_and_resize",
];

/// Inference of `resize`.
pub fn infer_resize(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let x = ops[0];
    let r = x.rank();
    let a = Attrs::new(ctx, attrs);
    let mode = a.choice("mode", "nearest", &["nearest", "linear", "cubic"])?;
    if mode != "nearest" && !Elems::Float.accepts(ctx, x.elem) {
        return Err(format!("'{mode}' mode requires a float tensor"));
    }
    let ctm = a.choice(
        "coordinate_transformation_mode",
        "half_pixel",
        RESIZE_COORDINATE_MODES,
    )?;
    a.choice(
        "nearest_mode",
        "round_prefer_floor",
        &["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"],
    )?;
    a.flag("exclude_outside", false)?;
    if a.flag("antialias", false)? && mode == "nearest" {
        return Err("'antialias' requires 'linear' or 'cubic' mode".to_string());
    }
    for f in ["cubic_coeff_a", "extrapolation_value"] {
        let v = a.f64(f, 0.0)?;
        if !v.is_finite() {
            return Err(format!("attribute '{f}' must be finite, but is {v}"));
        }
    }
    match (a.floats("roi")?, ctm == "tf_crop_and_resize") {
        (Some(roi), true) => {
            if roi.len() != 2 * r {
                return Err(format!(
                    "attribute 'roi' must have {} elements (twice the rank), but has {}",
                    2 * r,
                    roi.len()
                ));
            }
            if let Some(v) = roi.iter().find(|v| !v.is_finite()) {
                return Err(format!(
                    "attribute 'roi' must hold finite values, but holds {v}"
                ));
            }
        }
        (None, true) => return Err("'tf_crop_and_resize' requires attribute 'roi'".to_string()),
        (Some(_), false) => {
            return Err("attribute 'roi' is only used by 'tf_crop_and_resize'".to_string())
        }
        (None, false) => {}
    }
    let scales = a.floats("scales")?;
    if let Some(scales) = &scales {
        if scales.len() != r {
            return Err(format!(
                "attribute 'scales' must have {r} elements (the rank), but has {}",
                scales.len()
            ));
        }
        if let Some(s) = scales.iter().find(|s| !(s.is_finite() && **s > 0.0)) {
            return Err(format!(
                "attribute 'scales' must hold positive finite values, but holds {s}"
            ));
        }
    }
    let shape = match (scales, a.ints("sizes")?) {
        (None, None) => return Err("requires attribute 'scales' or 'sizes'".to_string()),
        (Some(scales), None) => x
            .shape
            .iter()
            .zip(&scales)
            .map(|(&d, &s)| {
                if is_dynamic(d) {
                    return Ok(DYN);
                }
                let v = (d as f64 * s).floor();
                if v >= 9.0e15 {
                    return Err("resized dimension overflows".to_string());
                }
                Ok(v as i64)
            })
            .collect::<Result<Vec<_>, String>>()?,
        (_, Some(sizes)) => {
            if sizes.len() != r {
                return Err(format!(
                    "attribute 'sizes' must have {r} elements (the rank), but has {}",
                    sizes.len()
                ));
            }
            all_at_least("sizes", &sizes, 0)?;
            sizes
        }
    };
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

op! {
    /// Resize by interpolation (ONNX `Resize`, opset 19, with `scales`, `sizes` and `roi` as
    /// attributes; ONNX's `axes` and `keep_aspect_ratio_policy` are resolved into full-rank
    /// `scales`/`sizes` by the importer). At least one of `scales` (float array, one positive
    /// value per dimension; output size `floor(dim * scale)`) and `sizes` (`i64` array, the
    /// output shape) is given: with `sizes` alone the scale of an axis is `out / in`; with
    /// both, `sizes` is the output shape and `scales` the scales of the coordinate transform.
    ///
    /// The interpolation is separable: axes are resized one after the other (in `f64`, the
    /// result rounded once to the element type; an axis whose scale is 1 within 1e-9 and
    /// whose length does not change is skipped). Each output coordinate `x` of an axis
    /// (input length `L`, output length `O`, scale `s`, unrounded output length `W = s * L`)
    /// maps to an input coordinate by `coordinate_transformation_mode`: `"half_pixel"`
    /// (default) `(x + 0.5) / s - 0.5`; `"half_pixel_symmetric"` the same plus
    /// `L / 2 * (1 - O / W)`; `"pytorch_half_pixel"` `W == 1 ? -0.5 : (x + 0.5) / s - 0.5`;
    /// `"align_corners"` `W == 1 ? 0 : x * (L - 1) / (W - 1)`; `"asymmetric"` `x / s`;
    /// `"tf_crop_and_resize"` `start * (L - 1) + x * (end - start) * (L - 1) / (W - 1)` (or
    /// `(end - start) * (L - 1) / 2` plus the same offset when `W == 1`) with the axis's
    /// `start`/`end` from `roi` (`[starts..., ends...]`, normalised coordinates, required by
    /// and only allowed with this mode); outputs whose coordinate falls outside `[0, L - 1]`
    /// are `extrapolation_value` (default 0).
    ///
    /// Then, with `i = floor(c)` and `t = c - i` (taken as 1 when `c` is an integer, so the
    /// left neighbour is preferred), the output is a weighted sum of the neighbours of `c`,
    /// indices clamped to `[0, L - 1]`: `mode = "nearest"` (default) takes one neighbour
    /// chosen by `nearest_mode` (`"round_prefer_floor"` (default), `"round_prefer_ceil"`,
    /// `"floor"`, `"ceil"`); `"linear"` weights `i, i + 1` by `1 - t, t`; `"cubic"` weights
    /// `i - 1 .. i + 2` with Keys' kernel of parameter `cubic_coeff_a` (default -0.75).
    /// `antialias = 1` (linear and cubic) widens the kernel by `1 / s` when downscaling
    /// (`s < 1`) and normalises its weights; `exclude_outside = 1` zeroes the weights of
    /// neighbours outside `[0, L - 1]` and renormalises. `linear` and `cubic` need floats.
    /// This is ONNX's reference implementation (`onnx/reference/ops/op_resize.py`).
    ///
    /// ```mlir
    /// %0 = "graph.resize"(%x) <{mode = "nearest", scales = array<f32: 1.0, 1.0, 2.0, 2.0>}> : (tensor<1x256x20x20xf32>) -> tensor<1x256x40x40xf32>
    /// %1 = "graph.resize"(%x) <{cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = 1 : i64, mode = "cubic", sizes = array<i64: 1, 256, 8, 8>}> : (tensor<1x256x20x20xf32>) -> tensor<1x256x8x8xf32>
    /// %2 = "graph.resize"(%x) <{coordinate_transformation_mode = "tf_crop_and_resize", mode = "linear", roi = array<f64: 0.0, 0.0, 0.4, 0.6, 1.0, 1.0, 0.6, 0.8>, sizes = array<i64: 1, 256, 3, 3>}> : (tensor<1x256x20x20xf32>) -> tensor<1x256x3x3xf32>
    /// ```
    pub struct ResizeOp = "graph.resize";
    summary: "resize by interpolation";
    operands: [input];
    results: [output];
    attrs: [mode = "mode", scales = "scales", sizes = "sizes",
            coordinate_transformation_mode = "coordinate_transformation_mode",
            nearest_mode = "nearest_mode", roi = "roi", cubic_coeff_a = "cubic_coeff_a",
            exclude_outside = "exclude_outside", antialias = "antialias",
            extrapolation_value = "extrapolation_value"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[string_c("mode"), float_array_c("scales"), i64_array_c("sizes"),
                 string_c("coordinate_transformation_mode"), string_c("nearest_mode"),
                 float_array_c("roi"), float_c("cubic_coeff_a"), i64_c("exclude_outside"),
                 i64_c("antialias"), float_c("extrapolation_value")],
        verify: Some(verify_inferred),
        infer: Some(infer_resize),
    }
}
