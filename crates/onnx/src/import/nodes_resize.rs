//! Lowering of `Resize` (opsets 10-19) and `Upsample` to `graph.resize`: the constant
//! `roi`/`scales`/`sizes` inputs become attributes, and ONNX's `axes` and
//! `keep_aspect_ratio_policy` are resolved here into full-rank `scales`/`sizes`, exactly as
//! ONNX's reference implementation computes them.

use super::nodes_basic::{f32s_attr, N};
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::resize::RESIZE_COORDINATE_MODES;
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{AttrKind, Attribute, Context};

/// `array<f64: values...>`.
fn f64_array_attr(ctx: &Context, values: &[f64]) -> Attribute {
    let data: Vec<u8> = values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .collect();
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.f64(),
        len: u32::try_from(values.len()).expect("resize arrays hold one value per dimension"),
        data: data.into(),
    })
}

/// The static length of dimension `d` of `shape`, or `Unsupported`.
fn static_dim(n: &N<'_>, shape: &[i64], d: usize) -> Result<i64> {
    match shape.get(d) {
        Some(&v) if !is_dynamic(v) => Ok(v),
        _ => Err(n.unsupported("axes or keep_aspect_ratio_policy on a dynamic dimension")),
    }
}

/// `axes` normalised to `[0, rank)`, checked distinct (`None`: every axis, in order).
fn resize_axes(n: &N<'_>, rank: usize) -> Result<Option<Vec<usize>>> {
    let Some(axes) = n.attrs.ints("axes")? else {
        return Ok(None);
    };
    let r = rank as i64;
    let mut out = Vec::with_capacity(axes.len());
    for a in axes {
        let v = if a < 0 { a + r } else { a };
        if !(0..r).contains(&v) || out.contains(&(v as usize)) {
            return Err(n.invalid(format!("axes: {a} is out of range or repeated")));
        }
        out.push(v as usize);
    }
    Ok(Some(out))
}

/// Spread per-axis `values` over every dimension (`fill(d)` for the others).
fn spread<T: Copy>(
    n: &N<'_>,
    what: &str,
    values: &[T],
    axes: &[usize],
    rank: usize,
    mut fill: impl FnMut(usize) -> Result<T>,
) -> Result<Vec<T>> {
    if values.len() != axes.len() {
        return Err(n.invalid(format!(
            "{what} has {} values for {} axes",
            values.len(),
            axes.len()
        )));
    }
    let mut out = Vec::with_capacity(rank);
    for d in 0..rank {
        out.push(match axes.iter().position(|&a| a == d) {
            Some(i) => values[i],
            None => fill(d)?,
        });
    }
    Ok(out)
}

pub(crate) fn lower_resize(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (shape, elem) = lw.shape_of(x);
    let rank = shape.len();
    let upsample = n.node.op_type == "Upsample";
    let mode = n.attrs.string("mode")?.unwrap_or_else(|| "nearest".into());
    let mode = match mode.as_str() {
        "nearest" => "nearest",
        "linear" | "bilinear" => "linear",
        "cubic" => "cubic",
        other => return Err(n.unsupported(&format!("mode {other}"))),
    };
    if mode != "nearest" && !lw.ctx.type_kind(elem).is_float() {
        return Err(n.unsupported(&format!("mode {mode} on a non-float tensor")));
    }
    let (scales, sizes) = if upsample {
        let s = if n.opset >= 9 {
            lw.const_floats(n, 1)?
        } else {
            n.attrs
                .floats("scales")?
                .map(|v| v.into_iter().map(f64::from).collect())
        };
        (s, None)
    } else if n.opset == 10 {
        (lw.const_floats(n, 1)?, None)
    } else {
        let scales = lw.const_floats(n, 2)?.filter(|v| !v.is_empty());
        let sizes = lw.const_ints(n, 3)?.filter(|v| !v.is_empty());
        (scales, sizes)
    };
    let legacy = upsample || n.opset == 10;
    let ctm = if legacy {
        "asymmetric".to_string()
    } else {
        n.attrs
            .string("coordinate_transformation_mode")?
            .unwrap_or_else(|| "half_pixel".into())
    };
    if !RESIZE_COORDINATE_MODES.contains(&ctm.as_str()) {
        return Err(n.unsupported(&format!("coordinate_transformation_mode {ctm}")));
    }
    let axes = if legacy { None } else { resize_axes(n, rank)? };
    let all: Vec<usize> = (0..rank).collect();
    let ax = axes.as_deref().unwrap_or(&all);
    let nearest = if legacy {
        "floor".to_string()
    } else {
        n.attrs
            .string("nearest_mode")?
            .unwrap_or_else(|| "round_prefer_floor".into())
    };
    let mut props = vec![
        ("mode", lw.ctx.string_attr(mode)),
        ("coordinate_transformation_mode", lw.ctx.string_attr(&ctm)),
        ("nearest_mode", lw.ctx.string_attr(&nearest)),
    ];
    let policy = n
        .attrs
        .string("keep_aspect_ratio_policy")?
        .unwrap_or_else(|| "stretch".into());
    match (scales, sizes) {
        (_, Some(sizes)) => {
            let sizes = match &axes {
                Some(a) => spread(n, "sizes", &sizes, a, rank, |d| static_dim(n, &shape, d))?,
                None => sizes,
            };
            if sizes.len() != rank {
                return Err(n.invalid(format!("sizes has {} values for rank {rank}", sizes.len())));
            }
            if policy == "stretch" {
                props.push(("sizes", i64_array_attr(lw.ctx, &sizes)));
            } else {
                // The reference: one scale for every resized axis, the smallest
                // (`not_larger`) or largest (`not_smaller`) of `size / dim`, and sizes
                // `int(scale * dim + 0.5)`.
                let mut ratios = Vec::with_capacity(ax.len());
                for &d in ax {
                    ratios.push(sizes[d] as f64 / static_dim(n, &shape, d)? as f64);
                }
                let scale = match policy.as_str() {
                    "not_larger" => ratios.iter().copied().fold(f64::INFINITY, f64::min),
                    "not_smaller" => ratios.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    other => {
                        return Err(n.invalid(format!("unknown keep_aspect_ratio_policy {other}")))
                    }
                };
                if !(scale.is_finite() && scale > 0.0) {
                    return Err(n.invalid("keep_aspect_ratio_policy needs positive sizes"));
                }
                let mut scales = vec![1.0; rank];
                let mut out = shape.clone();
                for &d in ax {
                    scales[d] = scale;
                    let v = (scale * static_dim(n, &shape, d)? as f64 + 0.5).trunc();
                    if v >= 9.0e15 {
                        return Err(n.invalid("resized dimension overflows"));
                    }
                    out[d] = v as i64;
                }
                props.push(("sizes", i64_array_attr(lw.ctx, &out)));
                props.push(("scales", f64_array_attr(lw.ctx, &scales)));
            }
        }
        (Some(scales), None) => {
            let scales = match &axes {
                Some(a) => spread(n, "scales", &scales, a, rank, |_| Ok(1.0))?,
                None => scales,
            };
            props.push(("scales", f32s_attr(lw, &scales)));
        }
        (None, None) => return Err(n.invalid("Resize needs scales or sizes")),
    }
    if ctm == "tf_crop_and_resize" {
        let roi = lw
            .const_floats(n, 1)?
            .filter(|v| !v.is_empty())
            .ok_or_else(|| n.invalid("tf_crop_and_resize needs roi"))?;
        let roi = match &axes {
            Some(a) => {
                let k = a.len();
                if roi.len() != 2 * k {
                    return Err(n.invalid(format!("roi has {} values for {k} axes", roi.len())));
                }
                let mut full = vec![0.0; rank];
                full.extend(std::iter::repeat_n(1.0, rank));
                for (i, &d) in a.iter().enumerate() {
                    full[d] = roi[i];
                    full[rank + d] = roi[k + i];
                }
                full
            }
            None => roi,
        };
        props.push(("roi", f64_array_attr(lw.ctx, &roi)));
        let ev = n.attrs.float("extrapolation_value")?.unwrap_or(0.0);
        props.push((
            "extrapolation_value",
            lw.ctx.float_attr(f64::from(ev), lw.ctx.f32()),
        ));
    }
    if mode == "cubic" {
        let a = n.attrs.float("cubic_coeff_a")?.unwrap_or(-0.75);
        props.push((
            "cubic_coeff_a",
            lw.ctx.float_attr(f64::from(a), lw.ctx.f32()),
        ));
    }
    if !legacy {
        let eo = n.attrs.int_or("exclude_outside", 0)?;
        if eo != 0 {
            props.push(("exclude_outside", i64_attr(lw.ctx, eo)));
        }
        let aa = n.attrs.int_or("antialias", 0)?;
        if aa != 0 && mode != "nearest" {
            props.push(("antialias", i64_attr(lw.ctx, aa)));
        }
    }
    lw.emit(n, "graph.resize", &[x], &props)
}
