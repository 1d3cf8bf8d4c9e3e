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

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.resize", Sem::Compute(resize));
}

/// Python's `math.isclose(a, b)` with its default tolerances (relative 1e-9, absolute 0).
fn isclose(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// How one axis is resized.
struct Axis<'a> {
    ctm: &'a str,
    /// The input and output lengths.
    len: usize,
    out: usize,
    scale: f64,
    /// `(start, end)` of the crop box (`tf_crop_and_resize` only).
    roi: Option<(f64, f64)>,
}

impl Axis<'_> {
    /// The input coordinate of output position `y`, and whether it lies outside the input
    /// (only `tf_crop_and_resize` extrapolates).
    fn source(&self, y: f64) -> Result<(f64, bool)> {
        let l = self.len as f64;
        let w = self.scale * l;
        let s = self.scale;
        Ok(match self.ctm {
            "half_pixel" => ((y + 0.5) / s - 0.5, false),
            "half_pixel_symmetric" => {
                let adjustment = self.out as f64 / w;
                let offset = l / 2.0 * (1.0 - adjustment);
                (offset + (y + 0.5) / s - 0.5, false)
            }
            "pytorch_half_pixel" if w == 1.0 => (-0.5, false),
            "pytorch_half_pixel" => ((y + 0.5) / s - 0.5, false),
            "align_corners" if w == 1.0 => (0.0, false),
            "align_corners" => (y * (l - 1.0) / (w - 1.0), false),
            "asymmetric" => (y / s, false),
            "tf_crop_and_resize" => {
                let Some((start, end)) = self.roi else {
                    bail!("'tf_crop_and_resize' requires 'roi'");
                };
                let x = if w == 1.0 {
                    (end - start) * (l - 1.0) / 2.0
                } else {
                    y * (end - start) * (l - 1.0) / (w - 1.0)
                };
                let x = x + start * (l - 1.0);
                (x, x < 0.0 || x > l - 1.0)
            }
            other => bail!("unknown coordinate_transformation_mode '{other}'"),
        })
    }
}

/// The interpolation kernel.
enum Kernel<'a> {
    Nearest(&'a str),
    Linear { antialias: bool },
    Cubic { a: f64, antialias: bool },
}

impl Kernel<'_> {
    /// The weights of the neighbours of a coordinate with fractional part `ratio` (in
    /// `(0, 1]`) on an axis of scale `scale`.
    fn coeffs(&self, ratio: f64, scale: f64) -> Result<Vec<f64>> {
        Ok(match *self {
            Kernel::Nearest(mode) => {
                if ratio == ratio.trunc() {
                    return Ok(vec![0.0, 1.0]);
                }
                let (l, r) = match mode {
                    "round_prefer_floor" => (ratio <= 0.5, ratio > 0.5),
                    "round_prefer_ceil" => (ratio < 0.5, ratio >= 0.5),
                    "floor" => (true, false),
                    "ceil" => (false, true),
                    other => bail!("unknown nearest_mode '{other}'"),
                };
                vec![f64::from(u8::from(l)), f64::from(u8::from(r))]
            }
            Kernel::Linear { antialias: false } => vec![1.0 - ratio, ratio],
            Kernel::Linear { antialias: true } => {
                let s = scale.min(1.0);
                let start = (-1.0 / s).floor() + 1.0;
                let footprint = 2.0 - 2.0 * start;
                let c: Vec<f64> = (0..footprint as usize)
                    .map(|i| (1.0 - ((start + i as f64 - ratio) * s).abs()).clamp(0.0, 1.0))
                    .collect();
                normalized(c)
            }
            Kernel::Cubic {
                a,
                antialias: false,
            } => {
                let (r, q) = (ratio, 1.0 - ratio);
                vec![
                    ((a * (r + 1.0) - 5.0 * a) * (r + 1.0) + 8.0 * a) * (r + 1.0) - 4.0 * a,
                    ((a + 2.0) * r - (a + 3.0)) * r * r + 1.0,
                    ((a + 2.0) * q - (a + 3.0)) * q * q + 1.0,
                    ((a * (q + 1.0) - 5.0 * a) * (q + 1.0) + 8.0 * a) * (q + 1.0) - 4.0 * a,
                ]
            }
            Kernel::Cubic { a, antialias: true } => {
                let s = scale.min(1.0);
                let keys = |x: f64| {
                    let x = x.abs();
                    let (x2, x3) = (x * x, x * x * x);
                    if x <= 1.0 {
                        (a + 2.0) * x3 - (a + 3.0) * x2 + 1.0
                    } else if x < 2.0 {
                        a * x3 - 5.0 * a * x2 + 8.0 * a * x - 4.0 * a
                    } else {
                        0.0
                    }
                };
                let start = (-2.0 / s).floor() + 1.0;
                let end = 2.0 - start;
                let c: Vec<f64> = (0..(end - start) as usize)
                    .map(|i| keys(s * (start + i as f64 - ratio)))
                    .collect();
                normalized(c)
            }
        })
    }
    /// The number of weights on an axis of scale `scale` (bounded by the caller).
    fn width(&self, scale: f64) -> f64 {
        let s = scale.min(1.0);
        match self {
            Kernel::Nearest(_) | Kernel::Linear { antialias: false } => 2.0,
            Kernel::Cubic {
                antialias: false, ..
            } => 4.0,
            Kernel::Linear { antialias: true } => 2.0 - 2.0 * ((-1.0 / s).floor() + 1.0),
            Kernel::Cubic {
                antialias: true, ..
            } => 2.0 - 2.0 * ((-2.0 / s).floor() + 1.0),
        }
    }
}

fn normalized(c: Vec<f64>) -> Vec<f64> {
    let sum: f64 = c.iter().sum();
    c.into_iter().map(|v| v / sum).collect()
}

/// One output position of an axis: clamped neighbour indices and their weights, or the
/// extrapolation value.
enum Tap {
    Sum(Vec<(usize, f64)>),
    Extrapolated,
}

/// The taps of every output position of `ax`.
fn taps(ax: &Axis<'_>, kernel: &Kernel<'_>, exclude_outside: bool) -> Result<Vec<Tap>> {
    let mut out = Vec::with_capacity(ax.out);
    let last = ax.len as i64 - 1;
    for o in 0..ax.out {
        let (x, extrapolated) = ax.source(o as f64)?;
        if extrapolated {
            out.push(Tap::Extrapolated);
            continue;
        }
        let xi = x.floor();
        let ratio = if x == xi { 1.0 } else { x - xi };
        let mut c = kernel.coeffs(ratio, ax.scale)?;
        let n = c.len() as i64;
        // The `n` indices nearest to `x`, ties to the smaller (the reference's window).
        let pad = (n + 1) / 2;
        let xp = x + pad as f64;
        let p = xp.floor();
        let frac = xp - p;
        let offset = if n % 2 == 0 {
            if frac == 0.0 {
                -(n / 2)
            } else {
                -(n / 2) + 1
            }
        } else if frac <= 0.5 {
            -((n - 1) / 2)
        } else {
            -((n - 1) / 2) + 1
        };
        if p.is_nan() || p.abs() >= 9.0e15 {
            bail!("resize coordinate {x} out of range");
        }
        let start = p as i64 + offset - pad;
        if exclude_outside {
            for (k, w) in c.iter_mut().enumerate() {
                let i = start + k as i64;
                if i < 0 || i > last {
                    *w = 0.0;
                }
            }
            let sum: f64 = c.iter().sum();
            let sum = if sum == 0.0 { 1.0 } else { sum };
            c.iter_mut().for_each(|w| *w /= sum);
        }
        let t = c
            .into_iter()
            .enumerate()
            .map(|(k, w)| ((start + k as i64).clamp(0, last) as usize, w))
            .collect();
        out.push(Tap::Sum(t));
    }
    Ok(out)
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
    let identity = |ax: &Axis<'_>| {
        isclose(ax.scale, 1.0)
            && ax.out == ax.len
            && ax
                .roi
                .is_none_or(|(s, e)| isclose(s, 0.0) && isclose(e, 1.0))
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
                let t = if identity(&ax) {
                    (0..ax.out).map(|i| i * sd).collect()
                } else {
                    taps(&ax, &kernel, false)?
                        .into_iter()
                        .map(|t| match t {
                            Tap::Sum(ws) => ws
                                .into_iter()
                                .find(|&(_, w)| w == 1.0)
                                .map_or(0, |(i, _)| i * sd),
                            Tap::Extrapolated => 0,
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
        if identity(&ax) {
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
                    Tap::Extrapolated => next.extend(std::iter::repeat_n(extrapolation, inner)),
                    Tap::Sum(ws) => {
                        for i in 0..inner {
                            let mut acc = 0.0;
                            for &(k, w) in ws {
                                acc += w * cur[(o * ax.len + k) * inner + i];
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
