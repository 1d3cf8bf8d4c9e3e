//! Reductions (`reduce_sum`, `reduce_mean`, `reduce_max`, `reduce_min`, `reduce_prod`),
//! `argmax`/`argmin`, `softmax`/`log_softmax` and the normalisations (`layer_norm`,
//! `batch_norm`, `instance_norm`, `lrn`).
//!
//! Reductions follow the dialect exactly: elements are combined in row-major order of the
//! input, in the element type (floats are rounded to it after every step; integers wrap).
//! `reduce_mean` divides that sum by the count once (correctly rounded). Softmax and the
//! normalisations compute their statistics in `f64` (two passes for the variance) and round
//! each output once.

use super::{
    axis, broadcast_offsets, float_values, from_int_values, int_range, int_values, operands, Cx,
};
use crate::dtype::DType;
use crate::error::{ensure, Result};
use crate::numeric::round_to_kind;
use crate::ops::arith::{maximum, minimum};
use crate::ops::{Sem, Table};
use crate::tensor::{strides, Tensor};

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, crate::ops::ComputeFn)] = &[
        ("graph.reduce_sum", |cx, i| reduce(cx, i, Kind::Sum)),
        ("graph.reduce_mean", |cx, i| reduce(cx, i, Kind::Mean)),
        ("graph.reduce_max", |cx, i| reduce(cx, i, Kind::Max)),
        ("graph.reduce_min", |cx, i| reduce(cx, i, Kind::Min)),
        ("graph.reduce_prod", |cx, i| reduce(cx, i, Kind::Prod)),
        ("graph.argmax", |cx, i| arg_reduce(cx, i, true)),
        ("graph.argmin", |cx, i| arg_reduce(cx, i, false)),
        ("graph.softmax", |cx, i| softmax(cx, i, false)),
        ("graph.log_softmax", |cx, i| softmax(cx, i, true)),
        ("graph.layer_norm", layer_norm),
        ("graph.batch_norm", batch_norm),
        ("graph.instance_norm", instance_norm),
        ("graph.lrn", lrn),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Sum,
    Mean,
    Max,
    Min,
    Prod,
}

/// The reduced axes (sorted, distinct), or `None` for the identity (`noop_with_empty_axes`).
fn reduced_axes(cx: &Cx<'_>, rank: usize) -> Result<Option<Vec<usize>>> {
    let axes = cx.ints("axes")?.unwrap_or_default();
    if axes.is_empty() {
        if cx.int_or("noop_with_empty_axes", 0)? != 0 {
            return Ok(None);
        }
        return Ok(Some((0..rank).collect()));
    }
    let mut v = strata_dialect_graph::shape::normalize_axes(&axes, rank)?;
    v.sort_unstable();
    Ok(Some(v))
}

/// For every input element (row-major), the index of the output element it reduces into,
/// and the output shape.
fn reduce_map(
    cx: &Cx<'_>,
    shape: &[usize],
    axes: &[usize],
    keepdims: bool,
) -> Result<(Vec<usize>, Vec<usize>, usize)> {
    let kept: Vec<usize> = shape
        .iter()
        .enumerate()
        .map(|(d, &n)| if axes.contains(&d) { 1 } else { n })
        .collect();
    let kst = strides(&kept);
    let st: Vec<isize> = (0..shape.len())
        .map(|d| {
            if axes.contains(&d) {
                0
            } else {
                kst[d] as isize
            }
        })
        .collect();
    let map = super::affine_offsets(shape, 0, &st, cx.max_elements)?;
    let out_shape: Vec<usize> = if keepdims {
        kept.clone()
    } else {
        shape
            .iter()
            .enumerate()
            .filter(|(d, _)| !axes.contains(d))
            .map(|(_, &n)| n)
            .collect()
    };
    let count: usize = axes.iter().map(|&d| shape[d]).product();
    Ok((map, out_shape, count))
}

fn reduce(cx: &Cx<'_>, ins: &[&Tensor], kind: Kind) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.dtype() != DType::Bool || matches!(kind, Kind::Max | Kind::Min),
        "expected a numeric operand, got {}",
        x.type_str()
    );
    let Some(axes) = reduced_axes(cx, x.rank())? else {
        return Ok(vec![x.clone()]);
    };
    let keepdims = cx.int_or("keepdims", 1)? != 0;
    let (map, out_shape, count) = reduce_map(cx, x.shape(), &axes, keepdims)?;
    let n_out = cx.numel(&out_shape)?;
    let dt = x.dtype();
    if let Some(k) = dt.float_kind() {
        let init = match kind {
            Kind::Sum | Kind::Mean => 0.0,
            Kind::Prod => 1.0,
            Kind::Max => f64::NEG_INFINITY,
            Kind::Min => f64::INFINITY,
        };
        let mut acc = vec![init; n_out];
        for (i, v) in x.to_f64_vec().into_iter().enumerate() {
            let a = &mut acc[map[i]];
            *a = match kind {
                Kind::Sum | Kind::Mean => round_to_kind(k, *a + v),
                Kind::Prod => round_to_kind(k, *a * v),
                Kind::Max => maximum(*a, v),
                Kind::Min => minimum(*a, v),
            };
        }
        if kind == Kind::Mean {
            for a in &mut acc {
                *a /= count as f64;
            }
        }
        return Ok(vec![Tensor::from_f64s(dt, out_shape, &acc)?]);
    }
    let (lo, hi) = int_range(dt);
    let init = match kind {
        Kind::Sum | Kind::Mean => 0,
        Kind::Prod => 1,
        Kind::Max => lo,
        Kind::Min => hi,
    };
    let mut acc = vec![init; n_out];
    for (i, v) in int_values(x)?.into_iter().enumerate() {
        let a = &mut acc[map[i]];
        *a = match kind {
            Kind::Sum | Kind::Mean => a.wrapping_add(v),
            Kind::Prod => a.wrapping_mul(v),
            Kind::Max => (*a).max(v),
            Kind::Min => (*a).min(v),
        };
    }
    if kind == Kind::Mean {
        ensure!(
            count > 0,
            "the mean of an empty integer reduction is undefined"
        );
        // The sum wraps in the element type first.
        let wrapped = int_values(&from_int_values(dt, vec![n_out], &acc)?)?;
        acc = wrapped.into_iter().map(|s| s / count as i128).collect();
    }
    Ok(vec![from_int_values(dt, out_shape, &acc)?])
}

/// `(outer, len, inner)` sizes around `axis`.
fn split_at_axis(shape: &[usize], axis: usize) -> (usize, usize, usize) {
    (
        shape[..axis].iter().product(),
        shape[axis],
        shape[axis + 1..].iter().product(),
    )
}

fn arg_reduce(cx: &Cx<'_>, ins: &[&Tensor], max: bool) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.dtype() != DType::Bool,
        "expected a numeric operand, got {}",
        x.type_str()
    );
    ensure!(x.rank() >= 1, "expected rank >= 1, got {}", x.type_str());
    let ax = axis(cx.int_or("axis", 0)?, x.rank())?;
    let keepdims = cx.int_or("keepdims", 1)? != 0;
    let last = cx.int_or("select_last_index", 0)? != 0;
    let (outer, len, inner) = split_at_axis(x.shape(), ax);
    ensure!(len > 0, "the reduced dimension {ax} is empty");
    // Keys: floats as f64 (NaN handled below), integers exact (as f64 would lose u64/i64).
    let fv = if x.dtype().is_float() {
        x.to_f64_vec()
    } else {
        Vec::new()
    };
    let iv = if x.dtype().is_float() {
        Vec::new()
    } else {
        int_values(x)?
    };
    let better = |a: usize, b: usize| -> (bool, bool) {
        // (strictly better, equal)
        if fv.is_empty() {
            let (p, q) = (iv[a], iv[b]);
            return (if max { p > q } else { p < q }, p == q);
        }
        let (p, q) = (fv[a], fv[b]);
        match (p.is_nan(), q.is_nan()) {
            (true, false) => (true, false),
            (_, true) => (false, false),
            _ => (if max { p > q } else { p < q }, p == q),
        }
    };
    let mut out = Vec::with_capacity(outer * inner);
    for o in 0..outer {
        for i in 0..inner {
            let at = |j: usize| (o * len + j) * inner + i;
            let mut best = 0usize;
            for j in 1..len {
                let (b, eq) = better(at(j), at(best));
                if b || (last && eq) {
                    best = j;
                }
            }
            out.push(best as i64);
        }
    }
    let mut shape = x.shape().to_vec();
    if keepdims {
        shape[ax] = 1;
    } else {
        shape.remove(ax);
    }
    Ok(vec![Tensor::from_vec(shape, out)?])
}

fn softmax(cx: &Cx<'_>, ins: &[&Tensor], log: bool) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let xv = float_values(x)?;
    ensure!(x.rank() >= 1, "expected rank >= 1, got {}", x.type_str());
    let ax = axis(cx.int_or("axis", -1)?, x.rank())?;
    let (outer, len, inner) = split_at_axis(x.shape(), ax);
    let mut out = vec![0.0f64; xv.len()];
    for o in 0..outer {
        for i in 0..inner {
            let at = |j: usize| (o * len + j) * inner + i;
            let m = (0..len).fold(f64::NEG_INFINITY, |m, j| m.max(xv[at(j)]));
            let sum: f64 = (0..len).map(|j| libm::exp(xv[at(j)] - m)).sum();
            for j in 0..len {
                let d = xv[at(j)] - m;
                out[at(j)] = if log {
                    d - libm::log(sum)
                } else {
                    libm::exp(d) / sum
                };
            }
        }
    }
    Ok(vec![Tensor::from_f64s(
        x.dtype(),
        x.shape().to_vec(),
        &out,
    )?])
}

/// The `epsilon` attribute (default `1e-5` as an `f32`, as ONNX's float attribute).
fn epsilon(cx: &Cx<'_>) -> Result<f64> {
    cx.float_or("epsilon", 1e-5f32 as f64)
}

/// Mean and biased variance of `v` (two passes in `f64`).
fn moments(v: impl Iterator<Item = f64> + Clone) -> (f64, f64) {
    let n = v.clone().count() as f64;
    let mean = v.clone().sum::<f64>() / n;
    let var = v.map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, var)
}

fn layer_norm(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 3)?;
    let (x, scale) = (ins[0], ins[1]);
    let xv = float_values(x)?;
    ensure!(x.rank() >= 1, "expected rank >= 1, got {}", x.type_str());
    let ax = axis(cx.int_or("axis", -1)?, x.rank())?;
    let eps = epsilon(cx)?;
    let norm_shape = x.shape()[ax..].to_vec();
    let outer: usize = x.shape()[..ax].iter().product();
    let len: usize = norm_shape.iter().product();
    let check = |t: &Tensor, what: &str| -> Result<Vec<f64>> {
        ensure!(
            t.dtype() == x.dtype(),
            "{what} has element type {}, expected {}",
            t.dtype(),
            x.dtype()
        );
        let offs = broadcast_offsets(t.shape(), &norm_shape, cx.max_elements)?;
        let v = t.to_f64_vec();
        Ok(offs.into_iter().map(|o| v[o]).collect())
    };
    let sv = check(scale, "scale")?;
    let bv = match ins.get(2) {
        Some(b) => check(b, "bias")?,
        None => vec![0.0; len],
    };
    let mut out = vec![0.0f64; xv.len()];
    for o in 0..outer {
        let row = &xv[o * len..(o + 1) * len];
        let (mean, var) = moments(row.iter().copied());
        let inv = 1.0 / (var + eps).sqrt();
        for j in 0..len {
            out[o * len + j] = (row[j] - mean) * inv * sv[j] + bv[j];
        }
    }
    Ok(vec![Tensor::from_f64s(
        x.dtype(),
        x.shape().to_vec(),
        &out,
    )?])
}

/// A per-channel vector operand of `c` elements.
fn channel_vector(t: &Tensor, c: usize, dtype: DType, what: &str) -> Result<Vec<f64>> {
    ensure!(
        t.dtype() == dtype && t.shape() == [c],
        "{what} must be tensor<{c}x{dtype}>, got {}",
        t.type_str()
    );
    Ok(t.to_f64_vec())
}

fn batch_norm(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 5, 5)?;
    let x = ins[0];
    let xv = float_values(x)?;
    ensure!(x.rank() >= 2, "expected rank >= 2, got {}", x.type_str());
    let (n, c) = (x.shape()[0], x.shape()[1]);
    let plane: usize = x.shape()[2..].iter().product();
    let eps = epsilon(cx)?;
    let dt = x.dtype();
    let scale = channel_vector(ins[1], c, dt, "scale")?;
    let bias = channel_vector(ins[2], c, dt, "bias")?;
    let mean = channel_vector(ins[3], c, dt, "mean")?;
    let var = channel_vector(ins[4], c, dt, "variance")?;
    let mut out = vec![0.0f64; xv.len()];
    for b in 0..n {
        for ch in 0..c {
            let k = scale[ch] / (var[ch] + eps).sqrt();
            let base = (b * c + ch) * plane;
            for i in base..base + plane {
                out[i] = (xv[i] - mean[ch]) * k + bias[ch];
            }
        }
    }
    Ok(vec![Tensor::from_f64s(dt, x.shape().to_vec(), &out)?])
}

fn instance_norm(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 3)?;
    let x = ins[0];
    let xv = float_values(x)?;
    ensure!(x.rank() >= 3, "expected rank >= 3, got {}", x.type_str());
    let (n, c) = (x.shape()[0], x.shape()[1]);
    let plane: usize = x.shape()[2..].iter().product();
    let eps = epsilon(cx)?;
    let dt = x.dtype();
    let scale = channel_vector(ins[1], c, dt, "scale")?;
    let bias = channel_vector(ins[2], c, dt, "bias")?;
    let mut out = vec![0.0f64; xv.len()];
    for b in 0..n {
        for ch in 0..c {
            let base = (b * c + ch) * plane;
            let p = &xv[base..base + plane];
            let (mean, var) = moments(p.iter().copied());
            let inv = 1.0 / (var + eps).sqrt();
            for (j, &v) in p.iter().enumerate() {
                out[base + j] = (v - mean) * inv * scale[ch] + bias[ch];
            }
        }
    }
    Ok(vec![Tensor::from_f64s(dt, x.shape().to_vec(), &out)?])
}

/// Local response normalization across channels (window sums in `f64`, one rounding).
fn lrn(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let xv = float_values(x)?;
    ensure!(x.rank() >= 2, "expected rank >= 2, got {}", x.type_str());
    let size = cx.int("size")?.ok_or("missing attribute 'size'")?;
    ensure!(size >= 1, "attribute 'size' must be >= 1, got {size}");
    let alpha = cx.float_or("alpha", 1e-4)?;
    let beta = cx.float_or("beta", 0.75)?;
    let bias = cx.float_or("bias", 1.0)?;
    let (n, c) = (x.shape()[0], x.shape()[1]);
    let plane: usize = x.shape()[2..].iter().product();
    let size_u = usize::try_from(size).unwrap_or(usize::MAX);
    let (lo, hi) = ((size_u - 1) / 2, size_u / 2);
    cx.work(&[xv.len(), size_u.min(c.max(1))])?;
    let mut out = vec![0.0f64; xv.len()];
    for b in 0..n {
        for ch in 0..c {
            let first = ch.saturating_sub(lo);
            let last = ch.saturating_add(hi).min(c - 1);
            for p in 0..plane {
                let mut sum = 0.0f64;
                for i in first..=last {
                    let v = xv[(b * c + i) * plane + p];
                    sum += v * v;
                }
                let k = (b * c + ch) * plane + p;
                out[k] = xv[k] / (bias + alpha / size as f64 * sum).powf(beta);
            }
        }
    }
    Ok(vec![Tensor::from_f64s(
        x.dtype(),
        x.shape().to_vec(),
        &out,
    )?])
}
