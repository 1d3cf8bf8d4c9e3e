//! Spatial sampling ops: `graph.grid_sample`, following ONNX's reference implementation
//! (`onnx/reference/ops/op_grid_sample.py`): coordinates are denormalised in the grid's
//! precision (`f32` unless the grid is `f64`), border handling and reflection as the
//! reference does them, interpolation in `f64` rounded once to the element type.

use super::{operands, Cx};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.grid_sample", Sem::Compute(grid_sample));
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
