//! Bitwise and selection graph ops: `bitwise_and`, `bitwise_or`, `bitwise_xor`,
//! `bitwise_not`, `top_k`, `gather_nd`, `non_zero`, `unique` and `non_max_suppression`,
//! following ONNX's reference implementation (`onnx/reference/ops/op_*.py`).
//!
//! Selection is exact for every dtype: values are compared exactly (integers as `i128`,
//! floats as `f64`, with NaN ordered above every number and equal to itself) and moved by
//! offsets. Results whose sizes depend on the data get their dimensions here; the result
//! types declare them `?`.

use super::{broadcast, broadcast_offsets, from_int_values, gather, int_values, operands, Cx};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::{shape_str, Tensor};
use std::cmp::Ordering;

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, crate::ops::ComputeFn)] = &[
        ("graph.bitwise_and", |cx, i| bitwise(cx, i, |a, b| a & b)),
        ("graph.bitwise_or", |cx, i| bitwise(cx, i, |a, b| a | b)),
        ("graph.bitwise_xor", |cx, i| bitwise(cx, i, |a, b| a ^ b)),
        ("graph.bitwise_not", bitwise_not),
        ("graph.top_k", top_k),
        ("graph.gather_nd", gather_nd),
        ("graph.non_zero", non_zero),
        ("graph.unique", unique),
        ("graph.non_max_suppression", non_max_suppression),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

fn require_int(t: &Tensor) -> Result<()> {
    ensure!(
        t.dtype().is_int() && t.dtype() != DType::Bool,
        "expected an integer tensor, got {}",
        t.type_str()
    );
    Ok(())
}

/// A binary bitwise op on the two's complement values (sign-extended to `i128`, which
/// commutes with `& | ^`), wrapped back to the dtype.
fn bitwise(cx: &Cx<'_>, ins: &[&Tensor], f: fn(i128, i128) -> i128) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    require_int(a)?;
    ensure!(
        a.dtype() == b.dtype(),
        "expected operands of one type, got {} and {}",
        a.type_str(),
        b.type_str()
    );
    let out = broadcast(&[a.shape(), b.shape()])?;
    let oa = broadcast_offsets(a.shape(), &out, cx.max_elements)?;
    let ob = broadcast_offsets(b.shape(), &out, cx.max_elements)?;
    let (x, y) = (int_values(a)?, int_values(b)?);
    let v: Vec<i128> = oa.iter().zip(&ob).map(|(&i, &j)| f(x[i], y[j])).collect();
    Ok(vec![from_int_values(a.dtype(), out, &v)?])
}

fn bitwise_not(_: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    require_int(x)?;
    let v: Vec<i128> = int_values(x)?.into_iter().map(|a| !a).collect();
    Ok(vec![from_int_values(x.dtype(), x.shape().to_vec(), &v)?])
}

/// Exact comparable values of a tensor.
enum Keys {
    Int(Vec<i128>),
    Float(Vec<f64>),
}

impl Keys {
    fn of(t: &Tensor) -> Result<Keys> {
        Ok(if t.dtype().is_float() {
            Keys::Float(t.to_f64_vec())
        } else {
            Keys::Int(int_values(t)?)
        })
    }
    /// Total order: numbers ascending, NaN above every number and equal to NaN.
    fn cmp(&self, i: usize, j: usize) -> Ordering {
        match self {
            Keys::Int(v) => v[i].cmp(&v[j]),
            Keys::Float(v) => match (v[i].is_nan(), v[j].is_nan()) {
                (true, true) => Ordering::Equal,
                (true, false) => Ordering::Greater,
                (false, true) => Ordering::Less,
                _ => v[i].partial_cmp(&v[j]).unwrap_or(Ordering::Equal),
            },
        }
    }
    fn is_zero(&self, i: usize) -> bool {
        match self {
            Keys::Int(v) => v[i] == 0,
            Keys::Float(v) => v[i] == 0.0,
        }
    }
}

/// `outer`, `dim`, `inner` of `shape` around axis `ax`.
fn split_at(shape: &[usize], ax: usize) -> (usize, usize, usize) {
    let outer = shape[..ax].iter().product();
    let inner = shape[ax + 1..].iter().product();
    (outer, shape[ax], inner)
}

fn top_k(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.rank() >= 1 && x.dtype() != DType::Bool,
        "expected a numeric tensor of rank >= 1, got {}",
        x.type_str()
    );
    let ax = super::axis(cx.int_or("axis", -1)?, x.rank())?;
    let k = cx
        .int("k")?
        .ok_or_else(|| crate::error::Error::new("requires attribute 'k'"))?;
    let (outer, dim, inner) = split_at(x.shape(), ax);
    ensure!(
        (0..=dim as i64).contains(&k),
        "k ({k}) must be in [0, {dim}] (the size of axis {ax})"
    );
    let k = k as usize;
    let largest = cx.int_or("largest", 1)? != 0;
    let mut shape = x.shape().to_vec();
    shape[ax] = k;
    let n = cx.numel(&shape)?;
    cx.work(&[
        outer,
        inner,
        dim.max(1),
        (usize::BITS - dim.leading_zeros()) as usize,
    ])?;
    let keys = Keys::of(x)?;
    let (mut offs, mut idx) = (vec![0usize; n], vec![0i128; n]);
    let mut order: Vec<usize> = Vec::with_capacity(dim);
    for o in 0..outer {
        for i in 0..inner {
            let at = |j: usize| (o * dim + j) * inner + i;
            order.clear();
            order.extend(0..dim);
            // Stable sorts keep equal values in increasing index order.
            if largest {
                order.sort_by(|&p, &q| keys.cmp(at(q), at(p)));
            } else {
                order.sort_by(|&p, &q| keys.cmp(at(p), at(q)));
            }
            for (j, &src) in order[..k].iter().enumerate() {
                let dst = (o * k + j) * inner + i;
                offs[dst] = at(src);
                idx[dst] = src as i128;
            }
        }
    }
    Ok(vec![
        gather(x, shape.clone(), &offs)?,
        from_int_values(DType::I64, shape, &idx)?,
    ])
}

fn gather_nd(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (data, idx) = (ins[0], ins[1]);
    require_int(idx)?;
    let (r, q) = (data.rank(), idx.rank());
    ensure!(r >= 1 && q >= 1, "data and indices must have rank >= 1");
    let b = cx.int_or("batch_dims", 0)?;
    ensure!(
        b >= 0 && (b as usize) < r.min(q),
        "batch_dims ({b}) must be in [0, {})",
        r.min(q)
    );
    let b = b as usize;
    ensure!(
        data.shape()[..b] == idx.shape()[..b],
        "the batch dimensions of data {} and indices {} differ",
        shape_str(data.shape()),
        shape_str(idx.shape())
    );
    let k = idx.shape()[q - 1];
    ensure!(
        (1..=r - b).contains(&k),
        "the last dimension of indices ({k}) must be in [1, {}]",
        r - b
    );
    let mut shape = idx.shape()[..q - 1].to_vec();
    shape.extend_from_slice(&data.shape()[b + k..]);
    cx.numel(&shape)?;
    let batches: usize = data.shape()[..b].iter().product();
    let st = crate::tensor::strides(data.shape());
    let batch_stride = if b == 0 { 0 } else { st[b - 1] };
    let inner: usize = data.shape()[b + k..].iter().product();
    let iv = int_values(idx)?;
    let tuples = iv.len() / k;
    let per_batch = tuples / batches.max(1);
    let mut offs = Vec::with_capacity(tuples * inner);
    for (t, tuple) in iv.chunks(k).enumerate() {
        let mut off = (t / per_batch.max(1)) * batch_stride;
        for (d, &i) in tuple.iter().enumerate() {
            let dim = data.shape()[b + d] as i128;
            let j = if i < 0 { i + dim } else { i };
            ensure!(
                (0..dim).contains(&j),
                "index {i} (tuple {t} of the indices) is out of range for dimension {} of size {dim}",
                b + d
            );
            off += j as usize * st[b + d];
        }
        offs.extend(off..off + inner);
    }
    Ok(vec![gather(data, shape, &offs)?])
}

fn non_zero(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let keys = Keys::of(x)?;
    let hits: Vec<usize> = (0..x.len()).filter(|&i| !keys.is_zero(i)).collect();
    let rank = x.rank();
    let shape = vec![rank, hits.len()];
    cx.numel(&shape)?;
    let st = crate::tensor::strides(x.shape());
    let mut v = vec![0i128; rank * hits.len()];
    for (c, &h) in hits.iter().enumerate() {
        let mut rem = h;
        for d in 0..rank {
            v[d * hits.len() + c] = (rem / st[d]) as i128;
            rem %= st[d];
        }
    }
    Ok(vec![from_int_values(DType::I64, shape, &v)?])
}

fn unique(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let sorted = cx.int_or("sorted", 1)? != 0;
    // Slices along the axis (single elements of the flattened input without one).
    let (outer, dim, inner, ax) = match cx.int("axis")? {
        Some(a) => {
            ensure!(x.rank() >= 1, "an axis needs an input of rank >= 1");
            let ax = super::axis(a, x.rank())?;
            let (o, d, i) = split_at(x.shape(), ax);
            (o, d, i, Some(ax))
        }
        None => (1, x.len(), 1, None),
    };
    let keys = Keys::of(x)?;
    let cmp_slices = |p: usize, q: usize| -> Ordering {
        for o in 0..outer {
            for i in 0..inner {
                let c = keys.cmp((o * dim + p) * inner + i, (o * dim + q) * inner + i);
                if c != Ordering::Equal {
                    return c;
                }
            }
        }
        Ordering::Equal
    };
    cx.work(&[
        dim.max(1),
        (usize::BITS - dim.leading_zeros()) as usize,
        outer * inner,
    ])?;
    let mut order: Vec<usize> = (0..dim).collect();
    order.sort_by(|&p, &q| cmp_slices(p, q));
    // Groups of equal slices, in sorted order; a stable sort puts each group's first
    // occurrence first.
    let mut groups: Vec<(usize, usize)> = Vec::new(); // (first index, count)
    let mut group_of = vec![0usize; dim];
    for (pos, &j) in order.iter().enumerate() {
        if pos > 0 && cmp_slices(order[pos - 1], j) == Ordering::Equal {
            let g = groups.len() - 1;
            groups[g].1 += 1;
            group_of[j] = g;
        } else {
            group_of[j] = groups.len();
            groups.push((j, 1));
        }
    }
    // Output order: sorted, or by first occurrence.
    let mut out_order: Vec<usize> = (0..groups.len()).collect();
    if !sorted {
        out_order.sort_by_key(|&g| groups[g].0);
    }
    let mut rank_of = vec![0usize; groups.len()];
    for (r, &g) in out_order.iter().enumerate() {
        rank_of[g] = r;
    }
    let m = groups.len();
    let y_shape = match ax {
        Some(a) => {
            let mut s = x.shape().to_vec();
            s[a] = m;
            s
        }
        None => vec![m],
    };
    let mut offs = Vec::with_capacity(outer * m * inner);
    for o in 0..outer {
        for &g in &out_order {
            let b = (o * dim + groups[g].0) * inner;
            offs.extend(b..b + inner);
        }
    }
    let firsts: Vec<i128> = out_order.iter().map(|&g| groups[g].0 as i128).collect();
    let inverse: Vec<i128> = (0..dim).map(|j| rank_of[group_of[j]] as i128).collect();
    let counts: Vec<i128> = out_order.iter().map(|&g| groups[g].1 as i128).collect();
    let all = [
        gather(x, y_shape, &offs)?,
        from_int_values(DType::I64, vec![m], &firsts)?,
        from_int_values(DType::I64, vec![dim], &inverse)?,
        from_int_values(DType::I64, vec![m], &counts)?,
    ];
    Ok(all.into_iter().take(cx.num_results().clamp(1, 4)).collect())
}

fn non_max_suppression(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (boxes, scores) = (ins[0], ins[1]);
    let Some(kind) = boxes.dtype().float_kind() else {
        bail!("expected float boxes, got {}", boxes.type_str());
    };
    ensure!(
        scores.dtype() == boxes.dtype(),
        "boxes and scores must have one element type"
    );
    let (bs, ss) = (boxes.shape(), scores.shape());
    ensure!(
        bs.len() == 3 && bs[2] == 4 && ss.len() == 3 && ss[0] == bs[0] && ss[2] == bs[1],
        "boxes {} and scores {} must be [batches, boxes, 4] and [batches, classes, boxes]",
        shape_str(bs),
        shape_str(ss)
    );
    let (nb, nc, nx) = (ss[0], ss[1], ss[2]);
    let center = cx.int_or("center_point_box", 0)? != 0;
    let max_out =
        usize::try_from(cx.int_or("max_output_boxes_per_class", 0)?.max(0)).unwrap_or(usize::MAX);
    // Arithmetic in the element type, as ONNX's reference (numpy scalars).
    let r = |v: f64| crate::numeric::round_to_kind(kind, v);
    let iou_t = r(cx.float_or("iou_threshold", 0.0)?);
    let score_t = cx.float("score_threshold")?.map(r);
    cx.work(&[nb, nc, nx.max(1), max_out.min(nx).max(1)])?;
    let bv = boxes.to_f64_vec();
    let sv = scores.to_f64_vec();
    // Corners (x_min, x_max, y_min, y_max) of box `i` of batch `b`.
    let corners = |b: usize, i: usize| -> [f64; 4] {
        let p = &bv[(b * nx + i) * 4..(b * nx + i) * 4 + 4];
        if center {
            let (hw, hh) = (r(p[2] / 2.0), r(p[3] / 2.0));
            [r(p[0] - hw), r(p[0] + hw), r(p[1] - hh), r(p[1] + hh)]
        } else {
            let (x1, x2) = if p[1] >= p[3] {
                (p[3], p[1])
            } else {
                (p[1], p[3])
            };
            let (y1, y2) = if p[0] >= p[2] {
                (p[2], p[0])
            } else {
                (p[0], p[2])
            };
            [x1, x2, y1, y2]
        }
    };
    let suppress = |a: [f64; 4], c: [f64; 4]| -> bool {
        let (ix1, ix2) = (a[0].max(c[0]), a[1].min(c[1]));
        if ix2 <= ix1 {
            return false;
        }
        let (iy1, iy2) = (a[2].max(c[2]), a[3].min(c[3]));
        if iy2 <= iy1 {
            return false;
        }
        let inter = r(r(ix2 - ix1) * r(iy2 - iy1));
        if inter <= 0.0 {
            return false;
        }
        let area1 = r(r(a[1] - a[0]) * r(a[3] - a[2]));
        let area2 = r(r(c[1] - c[0]) * r(c[3] - c[2]));
        let union = r(r(area1 + area2) - inter);
        if area1 <= 0.0 || area2 <= 0.0 || union <= 0.0 {
            return false;
        }
        r(inter / union) > iou_t
    };
    let mut out: Vec<i128> = Vec::new();
    for b in 0..nb {
        for c in 0..nc {
            let score = |i: usize| sv[(b * nc + c) * nx + i];
            let mut cand: Vec<usize> = (0..nx)
                .filter(|&i| score_t.is_none_or(|t| score(i) > t))
                .collect();
            // Decreasing score, equal scores by increasing box index (a stable sort).
            cand.sort_by(|&p, &q| score(q).partial_cmp(&score(p)).unwrap_or(Ordering::Equal));
            let mut kept: Vec<usize> = Vec::new();
            for i in cand {
                if kept.len() >= max_out {
                    break;
                }
                let ci = corners(b, i);
                if kept.iter().all(|&k| !suppress(ci, corners(b, k))) {
                    kept.push(i);
                    out.extend([b as i128, c as i128, i as i128]);
                }
            }
        }
    }
    let n = out.len() / 3;
    Ok(vec![from_int_values(DType::I64, vec![n, 3], &out)?])
}
