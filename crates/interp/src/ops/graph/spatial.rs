//! Spatial sampling ops, following ONNX's reference implementations
//! (`onnx/reference/ops/op_*.py`): `graph.grid_sample` (coordinates denormalised in the
//! grid's precision, `f32` unless the grid is `f64`, border handling and reflection as the
//! reference does them), `graph.roi_align` and `graph.deform_conv`. Interpolation and sums
//! run in `f64`, rounded once to the element type.

use super::{operands, Cx};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.grid_sample", Sem::Compute(grid_sample));
    t.insert("graph.roi_align", Sem::Compute(roi_align));
    t.insert("graph.deform_conv", Sem::Compute(deform_conv));
}

#[derive(Clone, Copy, PartialEq)]
enum Padding {
    Zeros,
    Border,
    Reflection,
}

/// Reflect `x` at the borders `lo` and `hi` until it lies between them (the reference's
/// `_gs_reflect`; a zero-width range gives `lo`).
fn reflect(x: f64, lo: f64, hi: f64) -> f64 {
    let rng = hi - lo;
    if rng <= 0.0 {
        return lo;
    }
    let (dx, from_lo) = if x < lo {
        (lo - x, true)
    } else if x > hi {
        (x - hi, false)
    } else {
        return x;
    };
    let n = (dx / rng).trunc();
    let r = dx - n * rng;
    let even = n % 2.0 == 0.0;
    match (from_lo, even) {
        (true, true) | (false, false) => lo + r,
        (true, false) | (false, true) => hi - r,
    }
}

/// One spatial axis: its length, borders and padding mode.
struct Axis {
    len: usize,
    lo: f64,
    hi: f64,
    padding: Padding,
}

impl Axis {
    /// The element read for integer position `i` (`None`: a zero).
    fn pixel(&self, i: f64) -> Option<usize> {
        let last = self.len as f64 - 1.0;
        let i = match self.padding {
            Padding::Zeros => {
                if !(0.0..=last).contains(&i) {
                    return None;
                }
                i
            }
            Padding::Border => i.clamp(0.0, last),
            Padding::Reflection => reflect(i, self.lo, self.hi).trunc().clamp(0.0, last),
        };
        Some(i as usize)
    }
}

/// Keys' cubic weights (`a = -0.75`) of the four neighbours `floor - 1 ..= floor + 2` of a
/// coordinate with fractional part `t`.
fn cubic(t: f64) -> [f64; 4] {
    let a = -0.75;
    let x = t.abs();
    [
        ((a * (x + 1.0) - 5.0 * a) * (x + 1.0) + 8.0 * a) * (x + 1.0) - 4.0 * a,
        ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0,
        ((a + 2.0) * (1.0 - x) - (a + 3.0)) * (1.0 - x) * (1.0 - x) + 1.0,
        ((a * (2.0 - x) - 5.0 * a) * (2.0 - x) + 8.0 * a) * (2.0 - x) - 4.0 * a,
    ]
}

/// The weighted sum over the taps of axes `d..`, innermost axis first (the reference's
/// nesting), starting at element offset `base`.
fn nest(
    xv: &[f64],
    taps: &[Vec<(Option<usize>, f64)>],
    strides: &[usize],
    d: usize,
    base: usize,
) -> f64 {
    if d == taps.len() {
        return xv[base];
    }
    let mut acc = 0.0;
    for &(i, w) in &taps[d] {
        if let Some(i) = i {
            acc += w * nest(xv, taps, strides, d + 1, base + i * strides[d]);
        }
    }
    acc
}

fn grid_sample(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (x, g) = (ins[0], ins[1]);
    ensure!(
        x.dtype().is_float() && g.dtype().is_float(),
        "grid_sample needs float tensors, got {} and {}",
        x.type_str(),
        g.type_str()
    );
    let r = x.rank();
    ensure!(r >= 3, "grid_sample needs an input of rank 3 or more");
    let n = r - 2;
    ensure!(n <= 8, "grid_sample supports at most 8 spatial dimensions");
    ensure!(
        g.rank() == r && g.shape()[r - 1] == n && g.shape()[0] == x.shape()[0],
        "grid of shape {:?} does not match an input of shape {:?}",
        g.shape(),
        x.shape()
    );
    let mode = cx.string("mode")?.unwrap_or_else(|| "linear".into());
    let padding = match cx.string("padding_mode")?.as_deref().unwrap_or("zeros") {
        "zeros" => Padding::Zeros,
        "border" => Padding::Border,
        "reflection" => Padding::Reflection,
        other => bail!("unknown padding_mode '{other}'"),
    };
    let align = cx.int_or("align_corners", 0)? != 0;
    let (batch, chans) = (x.shape()[0], x.shape()[1]);
    let dims = &x.shape()[2..];
    let mut out_shape = vec![batch, chans];
    out_shape.extend_from_slice(&g.shape()[1..r - 1]);
    let total = cx.numel(&out_shape)?;
    let per_axis: usize = match mode.as_str() {
        "nearest" => 1,
        "linear" => 2,
        "cubic" => 4,
        other => bail!("unknown mode '{other}'"),
    };
    cx.work(&[total, per_axis.pow(n as u32)])?;
    ensure!(
        total == 0 || dims.iter().all(|&l| l > 0),
        "grid_sample cannot sample an empty input"
    );
    let positions: usize = g.shape()[1..r - 1].iter().product();
    let axes: Vec<Axis> = dims
        .iter()
        .map(|&len| {
            let l = len as f64;
            let (lo, hi) = if align {
                (0.0, l - 1.0)
            } else {
                (-0.5, l - 0.5)
            };
            Axis {
                len,
                lo,
                hi,
                padding,
            }
        })
        .collect();
    // Coordinates are denormalised in the grid's precision, as the reference stores them.
    let narrow = g.dtype() != DType::F64;
    let round = |v: f64| if narrow { f64::from(v as f32) } else { v };
    let denorm = |v: f64, len: usize| -> f64 {
        let l = len as f64;
        if narrow {
            let (v, l) = (v as f32, l as f32);
            f64::from(if align {
                (v + 1.0) / 2.0 * (l - 1.0)
            } else {
                ((v + 1.0) * l - 1.0) / 2.0
            })
        } else if align {
            (v + 1.0) / 2.0 * (l - 1.0)
        } else {
            ((v + 1.0) * l - 1.0) / 2.0
        }
    };
    let xv = x.to_f64_vec();
    let gv = g.to_f64_vec();
    let spatial: usize = dims.iter().product();
    let strides = crate::tensor::strides(dims);
    let mut out = vec![0.0; total];
    let mut taps: Vec<Vec<(Option<usize>, f64)>> = vec![Vec::new(); n];
    for b in 0..batch {
        for p in 0..positions {
            let mut nan = false;
            for (d, ax) in axes.iter().enumerate() {
                // The grid lists the innermost axis first.
                let mut c = denorm(gv[(b * positions + p) * n + (n - 1 - d)], ax.len);
                if mode == "nearest" {
                    c = c.round_ties_even();
                }
                if c < ax.lo || c > ax.hi {
                    c = match padding {
                        Padding::Zeros => c,
                        Padding::Border => c.clamp(0.0, ax.len as f64 - 1.0),
                        Padding::Reflection => round(reflect(c, ax.lo, ax.hi)),
                    };
                }
                nan |= c.is_nan();
                let t = &mut taps[d];
                t.clear();
                let f = c.floor();
                match per_axis {
                    1 => t.push((ax.pixel(c.trunc()), 1.0)),
                    2 => {
                        t.push((ax.pixel(f), 1.0 - (c - f)));
                        t.push((ax.pixel(f + 1.0), c - f));
                    }
                    _ => {
                        let w = cubic(c - f);
                        for (k, &wk) in w.iter().enumerate() {
                            t.push((ax.pixel(f - 1.0 + k as f64), wk));
                        }
                    }
                }
            }
            for ch in 0..chans {
                let o = (b * chans + ch) * positions + p;
                out[o] = if nan {
                    f64::NAN
                } else {
                    nest(&xv, &taps, &strides, 0, (b * chans + ch) * spatial)
                };
            }
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}

/// One bilinear sample of `roi_align`: four element offsets (within an image plane) and
/// their weights (all zero for samples beyond one pixel outside the image).
#[derive(Clone, Copy, Default)]
struct Sample {
    pos: [usize; 4],
    w: [f64; 4],
}

/// The reference's `pre_calc_for_bilinear_interpolate` for one sample at `(y, x)`.
fn roi_sample(y: f64, x: f64, h: usize, w: usize) -> Sample {
    let (hf, wf) = (h as f64, w as f64);
    if !(-1.0..=hf).contains(&y) || !(-1.0..=wf).contains(&x) {
        return Sample::default();
    }
    let (mut y, mut x) = (y.max(0.0), x.max(0.0));
    let (mut yl, mut xl) = (y.trunc() as usize, x.trunc() as usize);
    let yh = if yl + 1 >= h {
        yl = h - 1;
        y = yl as f64;
        yl
    } else {
        yl + 1
    };
    let xh = if xl + 1 >= w {
        xl = w - 1;
        x = xl as f64;
        xl
    } else {
        xl + 1
    };
    let (ly, lx) = (y - yl as f64, x - xl as f64);
    let (hy, hx) = (1.0 - ly, 1.0 - lx);
    Sample {
        pos: [yl * w + xl, yl * w + xh, yh * w + xl, yh * w + xh],
        w: [hy * hx, hy * lx, ly * hx, ly * lx],
    }
}

fn roi_align(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 3)?;
    let (x, rois, idx) = (ins[0], ins[1], ins[2]);
    ensure!(
        x.dtype().is_float() && x.rank() == 4 && rois.rank() == 2 && rois.shape()[1] == 4,
        "roi_align needs an N x C x H x W float input and R x 4 rois"
    );
    let nr = rois.shape()[0];
    ensure!(
        idx.shape() == [nr],
        "batch_indices must have one value per roi"
    );
    let (n, c, h, w) = (x.shape()[0], x.shape()[1], x.shape()[2], x.shape()[3]);
    let oh = usize::try_from(cx.int_or("output_height", 1)?).map_err(|_| "bad output_height")?;
    let ow = usize::try_from(cx.int_or("output_width", 1)?).map_err(|_| "bad output_width")?;
    let ratio = cx.int_or("sampling_ratio", 0)?;
    let scale = cx.float_or("spatial_scale", 1.0)?;
    let max = cx.string("mode")?.as_deref() == Some("max");
    let half = cx
        .string("coordinate_transformation_mode")?
        .is_none_or(|m| m == "half_pixel");
    let out_shape = vec![nr, c, oh, ow];
    let total = cx.numel(&out_shape)?;
    ensure!(
        total == 0 || (h > 0 && w > 0),
        "roi_align needs a non-empty image"
    );
    let bidx = idx.to_i64_vec()?;
    let xv = x.to_f64_vec();
    let rv = rois.to_f64_vec();
    let mut out = vec![0.0; total];
    let mut budget: usize = 0;
    for r in 0..nr {
        let b = bidx[r];
        ensure!(
            (0..n as i64).contains(&b),
            "batch index {b} out of range for {n} images"
        );
        let off = if half { 0.5 } else { 0.0 };
        let sw = rv[r * 4] * scale - off;
        let sh = rv[r * 4 + 1] * scale - off;
        let (mut rw, mut rh) = (
            rv[r * 4 + 2] * scale - off - sw,
            rv[r * 4 + 3] * scale - off - sh,
        );
        if !half {
            rw = rw.max(1.0);
            rh = rh.max(1.0);
        }
        let (bh, bw) = (rh / oh as f64, rw / ow as f64);
        let grid = |v: f64| -> usize {
            let g = if ratio > 0 { ratio as f64 } else { v.ceil() };
            if g.is_nan() || g < 0.0 {
                0
            } else {
                g.min(1e15) as usize
            }
        };
        let (gh, gw) = (grid(bh), grid(bw));
        budget = budget.saturating_add(
            c.saturating_mul(oh * ow)
                .saturating_mul(gh.saturating_mul(gw)),
        );
        cx.work(&[budget])?;
        let count = (gh * gw).max(1) as f64;
        let mut samples = Vec::with_capacity(oh * ow * gh * gw);
        for ph in 0..oh {
            for pw in 0..ow {
                for iy in 0..gh {
                    let yy = sh + ph as f64 * bh + (iy as f64 + 0.5) * bh / gh as f64;
                    for ix in 0..gw {
                        let xx = sw + pw as f64 * bw + (ix as f64 + 0.5) * bw / gw as f64;
                        samples.push(roi_sample(yy, xx, h, w));
                    }
                }
            }
        }
        if samples.is_empty() {
            // No samples: every bin is 0 (the reference's initial value), as `out` holds.
            continue;
        }
        for ch in 0..c {
            let plane = &xv[(b as usize * c + ch) * h * w..][..h * w];
            for (bin, ss) in samples.chunks(gh * gw).enumerate().take(oh * ow) {
                let v = if max {
                    ss.iter()
                        .map(|s| {
                            (0..4)
                                .map(|k| s.w[k] * plane[s.pos[k]])
                                .fold(f64::NEG_INFINITY, f64::max)
                        })
                        .reduce(f64::max)
                        .unwrap_or(0.0)
                } else {
                    ss.iter()
                        .map(|s| (0..4).map(|k| s.w[k] * plane[s.pos[k]]).sum::<f64>())
                        .sum::<f64>()
                        / count
                };
                out[(r * c + ch) * oh * ow + bin] = v;
            }
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}

/// Bilinear interpolation of an `h x w` plane at `(y, x)`, zeros outside.
fn bilinear_zero(plane: &[f64], h: usize, w: usize, y: f64, x: f64) -> f64 {
    let (y0, x0) = (y.floor(), x.floor());
    let (ty, tx) = (y - y0, x - x0);
    let at = |i: f64, j: f64| -> f64 {
        if (0.0..h as f64).contains(&i) && (0.0..w as f64).contains(&j) {
            plane[i as usize * w + j as usize]
        } else {
            0.0
        }
    };
    (1.0 - ty) * ((1.0 - tx) * at(y0, x0) + tx * at(y0, x0 + 1.0))
        + ty * ((1.0 - tx) * at(y0 + 1.0, x0) + tx * at(y0 + 1.0, x0 + 1.0))
}

fn deform_conv(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 5)?;
    let (x, wt, off) = (ins[0], ins[1], ins[2]);
    ensure!(
        x.rank() == 4 && wt.rank() == 4 && off.rank() == 4,
        "deform_conv needs rank-4 input, weight and offset"
    );
    let (n, c, h, w) = (x.shape()[0], x.shape()[1], x.shape()[2], x.shape()[3]);
    let (m, icg, kh, kw) = (wt.shape()[0], wt.shape()[1], wt.shape()[2], wt.shape()[3]);
    let (oh, ow) = (off.shape()[2], off.shape()[3]);
    let group = usize::try_from(cx.int_or("group", 1)?).map_err(|_| "bad group")?;
    let og = usize::try_from(cx.int_or("offset_group", 1)?).map_err(|_| "bad offset_group")?;
    ensure!(
        group > 0 && og > 0 && c == icg * group && m % group == 0 && c % og == 0,
        "deform_conv channel counts do not match group and offset_group"
    );
    let k = kh * kw;
    ensure!(
        off.shape()[0] == n && off.shape()[1] == og * k * 2,
        "offset must be N x (offset_group * kH * kW * 2) x oH x oW"
    );
    let attr2 = |name: &str, len: usize, default: i64| -> Result<Vec<f64>> {
        let v = cx.ints(name)?.unwrap_or_else(|| vec![default; len]);
        ensure!(v.len() == len, "'{name}' needs {len} values");
        Ok(v.into_iter().map(|v| v as f64).collect())
    };
    let strides = attr2("strides", 2, 1)?;
    let dil = attr2("dilations", 2, 1)?;
    let pads = attr2("pads", 4, 0)?;
    let bias = match ins.get(3) {
        Some(b) => {
            ensure!(b.shape() == [m], "bias must have {m} values");
            b.to_f64_vec()
        }
        None => vec![0.0; m],
    };
    let mask = match ins.get(4) {
        Some(mk) => {
            ensure!(
                mk.shape() == [n, og * k, oh, ow],
                "mask must be N x (offset_group * kH * kW) x oH x oW"
            );
            Some(mk.to_f64_vec())
        }
        None => None,
    };
    let out_shape = vec![n, m, oh, ow];
    let total = cx.numel(&out_shape)?;
    cx.work(&[total, icg, k, 4])?;
    let (xv, wv, ov) = (x.to_f64_vec(), wt.to_f64_vec(), off.to_f64_vec());
    let (ocpg, icpog) = (m / group, c / og);
    let plane = oh * ow;
    let mut out = vec![0.0; total];
    for b in 0..n {
        for oc in 0..m {
            let g = oc / ocpg;
            for i in 0..oh {
                for j in 0..ow {
                    let mut acc = 0.0;
                    for icl in 0..icg {
                        let ic = g * icg + icl;
                        let o = ic / icpog;
                        let xp = &xv[(b * c + ic) * h * w..][..h * w];
                        for a in 0..kh {
                            for bb in 0..kw {
                                let tap = (o * kh + a) * kw + bb;
                                let at = |comp: usize| {
                                    ov[((b * og * k + tap) * 2 + comp) * plane + i * ow + j]
                                };
                                let y = i as f64 * strides[0] - pads[0] + a as f64 * dil[0] + at(0);
                                let xx =
                                    j as f64 * strides[1] - pads[1] + bb as f64 * dil[1] + at(1);
                                let mut v = bilinear_zero(xp, h, w, y, xx);
                                if let Some(mk) = &mask {
                                    v *= mk[(b * og * k + tap) * plane + i * ow + j];
                                }
                                acc += v * wv[((oc * icg + icl) * kh + a) * kw + bb];
                            }
                        }
                    }
                    out[((b * m + oc) * oh + i) * ow + j] = acc + bias[oc];
                }
            }
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}
