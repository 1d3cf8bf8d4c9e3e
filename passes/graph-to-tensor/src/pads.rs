//! `graph.pad` in the modes `reflect`, `edge` and `wrap`, and in `constant` mode with
//! negative pads (which crop). Each output position of an axis reads one input position
//! (or the fill value), known at compile time, as the interpreter computes it: `edge`
//! clamps, `reflect` mirrors about the end elements (period `2 * (n - 1)`), `wrap` repeats
//! (period `n`).
//!
//! Axis by axis, the output positions are cut into maximal runs whose sources step by
//! `+1`, `0` or `-1`; a `+1` run is a `tensor.extract_slice`, the others a copying
//! `tensor.generic` reading the input along the axis through the affine map `a + step * i`
//! (a fill run is a `tensor.fill`), and the runs are concatenated along the axis. A pad of a few elements is a handful of copies, whatever the
//! size of the tensor; the result is exact for every element type.

use crate::build::{is_float, map, signless_width, Cv};
use crate::nn::slice_dim;
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::structured::{add, mul};
use strata_dialect_tensor::IteratorType::Parallel;
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::Value;

/// The largest number of runs built for one axis.
const MAX_RUNS: usize = 256;

/// The source of each output position of an axis of length `n` padded by `lo`/`hi`
/// (`None`: the fill value).
fn sources(mode: &str, n: i64, lo: i64, hi: i64) -> Option<Vec<Option<i64>>> {
    let len = n.checked_add(lo)?.checked_add(hi)?;
    if len < 1 || n < 1 {
        return None;
    }
    Some(
        (0..len)
            .map(|o| {
                let p = o - lo;
                if (0..n).contains(&p) {
                    return Some(p);
                }
                match mode {
                    "edge" => Some(p.clamp(0, n - 1)),
                    "reflect" if n == 1 => Some(0),
                    "reflect" => {
                        let period = 2 * (n - 1);
                        let q = p.rem_euclid(period);
                        Some(if q >= n { period - q } else { q })
                    }
                    "wrap" => Some(p.rem_euclid(n)),
                    _ => None,
                }
            })
            .collect(),
    )
}

/// A run of output positions: its length, and the first source and step (`None`: fill).
type Run = (i64, Option<(i64, i64)>);

/// Cut `src` into maximal runs of fill or of sources stepping by `+1`, `0` or `-1`.
fn runs(src: &[Option<i64>]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut i = 0;
    while i < src.len() {
        let mut j = i + 1;
        let step = match (src[i], src.get(i + 1).copied().flatten()) {
            (Some(a), Some(b)) if (-1..=1).contains(&(b - a)) => b - a,
            _ => 1,
        };
        while j < src.len() {
            match (src[i], src[j]) {
                (None, None) => {}
                (Some(a), Some(b)) if b == a + step * (j - i) as i64 => {}
                _ => break,
            }
            j += 1;
        }
        out.push(((j - i) as i64, src[i].map(|a| (a, step))));
        i = j;
    }
    out
}

/// `graph.pad` (see the module docs); the constant mode with non-negative pads is
/// [`crate::nn::pad`]'s.
pub fn pad(cv: &mut Cv<'_>, x: Value, shape: &[i64], out: &[i64], a: &Attrs<'_>) -> Option<Value> {
    let ctx = cv.ctx;
    let elem = crate::build::elem_of(ctx, cv.body.value_type(x));
    let float = is_float(ctx, elem);
    if !float && signless_width(ctx, elem).is_none() {
        return None;
    }
    let r = shape.len();
    let pads = a.ints("pads").ok()??;
    let mode = a
        .choice("mode", "constant", &["constant", "reflect", "edge", "wrap"])
        .ok()?;
    if pads.len() != 2 * r || out.len() != r {
        return None;
    }
    let (fill_f, fill_i) = if float {
        (a.f64("constant_value", 0.0).ok()?, 0)
    } else {
        (0.0, a.i64("constant_value", 0).ok()?)
    };
    // Every axis's runs first, so that nothing is built for an op that does not convert.
    let mut plan = Vec::new();
    for d in 0..r {
        let src = sources(mode, shape[d], pads[d], pads[r + d])?;
        if src.len() as i64 != out[d] {
            return None;
        }
        if out[d] == shape[d] && src.iter().enumerate().all(|(i, &s)| s == Some(i as i64)) {
            continue;
        }
        let rs = runs(&src);
        if rs.len() > MAX_RUNS {
            return None;
        }
        plan.push((d, rs));
    }
    let mut cur = x;
    let mut cs = shape.to_vec();
    for (d, rs) in plan {
        let mut parts = Vec::new();
        for &(len, run) in &rs {
            let mut ps = cs.clone();
            ps[d] = len;
            let Some((first, step)) = run else {
                parts.push(if float {
                    cv.filled(fill_f, &ps, elem)
                } else {
                    cv.filled_int(i128::from(fill_i), &ps, elem)
                });
                continue;
            };
            if step == 1 {
                // A slice (a generic reading `first + i` would see its loop indexed alone,
                // with the input's extent).
                parts.push(slice_dim(cv, cur, &cs, d, first, len, elem));
                continue;
            }
            let along: AffineExpr = match step {
                0 => Const(first),
                _ => add(Const(first), mul(Dim(d as u32), step)),
            };
            let m: Vec<AffineExpr> = (0..r)
                .map(|i| if i == d { along.clone() } else { Dim(i as u32) })
                .collect();
            let init = cv.empty(&ps, elem);
            parts.push(cv.generic(
                &[cur],
                init,
                vec![map(r, m), AffineMap::identity(r as u32)],
                &vec![Parallel; r],
                |_, v| v[0],
            ));
        }
        cs[d] = out[d];
        cur = if parts.len() == 1 {
            parts[0]
        } else {
            let ty = ctx.tensor_type(&cs, elem);
            let dim = ctx.int_attr(d as i128, ctx.int_type(64));
            cv.v("tensor.concat", &parts, ty, &[("dim", dim)])
        };
    }
    Some(cur)
}
