//! `graph.resize`: ONNX's reference implementation (`onnx/reference/ops/op_resize.py`).
//!
//! Nearest-neighbour resizing without a crop box only selects elements, so it is a gather
//! and exact for every dtype. Every other form is separable: each axis is resized in turn
//! in `f64` (a weighted sum of clamped neighbours per output position, the weights and
//! neighbour window computed exactly as the reference does), and the result is rounded once
//! to the element type (integers: half to even, saturating).

use super::{dims_usize, gather, operands, table_offsets, Cx};
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;
use strata_dialect_graph::resize_taps::{taps, Axis, Kernel};

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.resize", Sem::Compute(resize));
}

fn resize(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let r = x.rank();
    let mode = cx.string("mode")?.unwrap_or_else(|| "nearest".into());
    let ctm = cx
        .string("coordinate_transformation_mode")?
        .unwrap_or_else(|| "half_pixel".into());
    let nearest = cx
        .string("nearest_mode")?
        .unwrap_or_else(|| "round_prefer_floor".into());
    let antialias = cx.int_or("antialias", 0)? != 0;
    let exclude_outside = cx.int_or("exclude_outside", 0)? != 0;
    let extrapolation = cx.float_or("extrapolation_value", 0.0)?;
    let roi = cx.floats("roi")?;
    if let Some(roi) = &roi {
        ensure!(roi.len() == 2 * r, "'roi' needs {} values", 2 * r);
    }
    let (out_dims, scales): (Vec<usize>, Vec<f64>) = match (cx.floats("scales")?, cx.ints("sizes")?)
    {
        (Some(s), sizes) => {
            ensure!(s.len() == r, "'scales' needs {r} values");
            ensure!(s.iter().all(|&v| v > 0.0), "scales must be positive");
            let dims = match sizes {
                Some(sz) => {
                    ensure!(sz.len() == r, "'sizes' needs {r} values");
                    dims_usize(&sz)?
                }
                None => x
                    .shape()
                    .iter()
                    .zip(&s)
                    .map(|(&d, &sc)| (d as f64 * sc).floor() as usize)
                    .collect(),
            };
            (dims, s)
        }
        (None, Some(sz)) => {
            ensure!(sz.len() == r, "'sizes' needs {r} values");
            let dims = dims_usize(&sz)?;
            let s = dims
                .iter()
                .zip(x.shape())
                .map(|(&o, &i)| o as f64 / i as f64)
                .collect();
            (dims, s)
        }
        (None, None) => bail!("one of 'scales' and 'sizes' must be given"),
    };
    cx.numel(&out_dims)?;
    let axis = |d: usize| Axis {
        ctm: &ctm,
        len: x.shape()[d],
        out: out_dims[d],
        scale: scales[d],
        roi: roi.as_ref().map(|v| (v[d], v[d + r])),
    };
    let kernel = match mode.as_str() {
        "nearest" => Kernel::Nearest(&nearest),
        "linear" => Kernel::Linear { antialias },
        "cubic" => Kernel::Cubic {
            a: cx.float_or("cubic_coeff_a", -0.75)?,
            antialias,
        },
        other => bail!("unsupported resize mode '{other}'"),
    };
    if let Kernel::Nearest(_) = kernel {
        if ctm != "tf_crop_and_resize" && !exclude_outside {
            // A gather: one source index per output position and axis.
            let st = crate::tensor::strides(x.shape());
            let mut tables = Vec::with_capacity(r);
            for (d, &sd) in st.iter().enumerate() {
                let ax = axis(d);
                ensure!(
                    ax.len > 0 || ax.out == 0,
                    "cannot resize the empty dimension {d}"
                );
                cx.numel(&[ax.out])?;
                let t = if ax.identity() {
                    (0..ax.out).map(|i| i * sd).collect()
                } else {
                    taps(&ax, &kernel, false)?
                        .into_iter()
                        .map(|t| {
                            // Tap indices are clamped into `0..len`.
                            t.and_then(|ws| ws.into_iter().find(|&(_, w)| w == 1.0))
                                .map_or(0, |(i, _)| i as usize * sd)
                        })
                        .collect()
                };
                tables.push(t);
            }
            let offs = table_offsets(&tables, cx.max_elements)?;
            return Ok(vec![gather(x, out_dims, &offs)?]);
        }
    }
    let mut cur = x.to_f64_vec();
    let mut shape = x.shape().to_vec();
    for d in 0..r {
        let ax = axis(d);
        if ax.identity() {
            continue;
        }
        ensure!(
            ax.len > 0 || ax.out == 0,
            "cannot resize the empty dimension {d}"
        );
        let width = kernel.width(ax.scale);
        if width > (1u64 << 20) as f64 {
            bail!("resize kernel of {width} taps is too wide");
        }
        let outer: usize = shape[..d].iter().product();
        let inner: usize = shape[d + 1..].iter().product();
        cx.numel(&[ax.out])?;
        cx.work(&[ax.out, width as usize])?;
        cx.work(&[outer, ax.out, inner, width as usize])?;
        let taps = taps(&ax, &kernel, exclude_outside)?;
        let mut next = Vec::with_capacity(outer * ax.out * inner);
        for o in 0..outer {
            for t in &taps {
                match t {
                    None => next.extend(std::iter::repeat_n(extrapolation, inner)),
                    Some(ws) => {
                        for i in 0..inner {
                            let mut acc = 0.0;
                            // Tap indices are clamped into `0..len`.
                            for &(k, w) in ws {
                                acc += w * cur[(o * ax.len + k as usize) * inner + i];
                            }
                            next.push(acc);
                        }
                    }
                }
            }
        }
        cur = next;
        shape[d] = ax.out;
    }
    if !x.dtype().is_float() {
        cur.iter_mut().for_each(|v| *v = v.round_ties_even());
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), shape, &cur)?])
}
