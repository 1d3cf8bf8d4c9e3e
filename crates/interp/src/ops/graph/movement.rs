//! Shape and data-movement graph ops: `constant`, `reshape`, `flatten`, `squeeze`,
//! `unsqueeze`, `expand`, `identity`, `dropout`, `transpose`, `concat`, `split`, `slice`,
//! `gather`, `gather_elements`, `scatter_elements`, `scatter_nd`, `pad`, `tile` and `shape`
//! (`resize` is in [`super::resize`]).
//!
//! Every op here only moves elements, so it is exact for every dtype: it computes the source
//! offset of each output element and gathers.

use super::{
    affine_offsets, axis, broadcast, broadcast_to, dims_i64, dims_usize, from_int_values, gather,
    gather_fill, int_values, istrides, operands, table_offsets, Cx, FILL,
};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ir::tensor_from_attr;
use crate::ops::util::{from_raw_bits, raw_bits};
use crate::ops::{Sem, Table};
use crate::tensor::{shape_str, Tensor};
use strata_dialect_graph::shape::{reshape_shape, slice_bounds, slice_dim, split_sizes};

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, crate::ops::ComputeFn)] = &[
        ("graph.constant", constant),
        ("graph.reshape", reshape),
        ("graph.flatten", flatten),
        ("graph.squeeze", squeeze),
        ("graph.unsqueeze", unsqueeze),
        ("graph.expand", expand),
        ("graph.identity", |_, i| {
            operands(i, 1, 1)?;
            Ok(vec![i[0].clone()])
        }),
        ("graph.dropout", dropout),
        ("graph.transpose", transpose),
        ("graph.concat", concat),
        ("graph.split", split),
        ("graph.slice", slice),
        ("graph.gather", gather_op),
        ("graph.gather_elements", gather_elements),
        ("graph.scatter_elements", scatter_elements),
        ("graph.scatter_nd", scatter_nd),
        ("graph.pad", pad),
        ("graph.tile", tile),
        ("graph.shape", shape),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

fn constant(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 0, 0)?;
    let Some(v) = cx.attr("value") else {
        bail!("requires a 'value' attribute");
    };
    Ok(vec![tensor_from_attr(cx.ctx, v, cx.max_elements)?])
}

fn reshape(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let Some(target) = cx.ints("shape")? else {
        bail!("requires a 'shape' attribute");
    };
    let allowzero = cx.int_or("allowzero", 0)? != 0;
    let s = dims_usize(&reshape_shape(
        &dims_i64(ins[0].shape()),
        &target,
        allowzero,
    )?)?;
    Ok(vec![ins[0].clone().reshape(s)?])
}

fn flatten(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let r = x.rank() as i64;
    let a = cx.int_or("axis", 1)?;
    ensure!(
        (-r..=r).contains(&a),
        "axis {a} is out of range [{}, {r}]",
        -r
    );
    let a = if a < 0 { a + r } else { a } as usize;
    let rows: usize = x.shape()[..a].iter().product();
    let cols: usize = x.shape()[a..].iter().product();
    Ok(vec![x.clone().reshape(vec![rows, cols])?])
}

fn squeeze(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let shape: Vec<usize> = match cx.ints("axes")? {
        Some(axes) => {
            let axes = strata_dialect_graph::shape::normalize_axes(&axes, x.rank())?;
            for &a in &axes {
                ensure!(
                    x.shape()[a] == 1,
                    "cannot squeeze dimension {a} of size {}",
                    x.shape()[a]
                );
            }
            x.shape()
                .iter()
                .enumerate()
                .filter(|(d, _)| !axes.contains(d))
                .map(|(_, &n)| n)
                .collect()
        }
        None => x.shape().iter().copied().filter(|&n| n != 1).collect(),
    };
    Ok(vec![x.clone().reshape(shape)?])
}

fn unsqueeze(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let Some(axes) = cx.ints("axes")? else {
        bail!("requires an 'axes' attribute");
    };
    let out_rank = x.rank() + axes.len();
    let axes = strata_dialect_graph::shape::normalize_axes(&axes, out_rank)?;
    let mut rest = x.shape().iter();
    let shape: Vec<usize> = (0..out_rank)
        .map(|d| {
            if axes.contains(&d) {
                1
            } else {
                rest.next().copied().unwrap_or(1)
            }
        })
        .collect();
    Ok(vec![x.clone().reshape(shape)?])
}

fn expand(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let Some(target) = cx.ints("shape")? else {
        bail!("requires a 'shape' attribute");
    };
    let target = dims_usize(&target)?;
    let out = broadcast(&[ins[0].shape(), &target])?;
    Ok(vec![broadcast_to(ins[0], &out, cx.max_elements)?])
}

fn dropout(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let mut out = vec![x.clone()];
    if cx.num_results() > 1 {
        out.push(Tensor::from_vec(x.shape().to_vec(), vec![true; x.len()])?);
    }
    Ok(out)
}

fn transpose(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let r = x.rank();
    let perm = cx
        .ints("perm")?
        .unwrap_or_else(|| (0..r as i64).rev().collect());
    ensure!(
        strata_dialect_graph::shape::is_permutation(&perm, r),
        "{perm:?} is not a permutation of the {r} dimensions"
    );
    let st = istrides(x.shape());
    let out_shape: Vec<usize> = perm.iter().map(|&p| x.shape()[p as usize]).collect();
    let ost: Vec<isize> = perm.iter().map(|&p| st[p as usize]).collect();
    let offs = affine_offsets(&out_shape, 0, &ost, cx.max_elements)?;
    Ok(vec![gather(x, out_shape, &offs)?])
}

fn concat(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    ensure!(!ins.is_empty(), "expected at least one operand");
    let first = ins[0];
    ensure!(first.rank() >= 1, "operands must have rank >= 1");
    let Some(a) = cx.int("axis")? else {
        bail!("requires an 'axis' attribute");
    };
    let ax = axis(a, first.rank())?;
    let mut total = 0usize;
    for t in ins {
        ensure!(
            t.dtype() == first.dtype() && t.rank() == first.rank(),
            "operands differ: {} and {}",
            first.type_str(),
            t.type_str()
        );
        for d in 0..t.rank() {
            ensure!(
                d == ax || t.shape()[d] == first.shape()[d],
                "operand shapes {} and {} differ outside axis {ax}",
                shape_str(first.shape()),
                shape_str(t.shape())
            );
        }
        total = total
            .checked_add(t.shape()[ax])
            .ok_or("concat size overflows")?;
    }
    let mut out_shape = first.shape().to_vec();
    out_shape[ax] = total;
    let n = cx.numel(&out_shape)?;
    let outer: usize = first.shape()[..ax].iter().product();
    let inner: usize = first.shape()[ax + 1..].iter().product();
    let parts: Vec<Vec<u64>> = ins.iter().map(|t| raw_bits(t)).collect();
    let mut bits = Vec::with_capacity(n);
    for o in 0..outer {
        for (t, p) in ins.iter().zip(&parts) {
            let block = t.shape()[ax] * inner;
            bits.extend_from_slice(&p[o * block..(o + 1) * block]);
        }
    }
    Ok(vec![from_raw_bits(first.dtype(), out_shape, &bits)?])
}

/// The sub-tensor `[start, start + len)` along `ax`.
fn take_along(cx: &Cx<'_>, x: &Tensor, ax: usize, start: usize, len: usize) -> Result<Tensor> {
    let st = istrides(x.shape());
    let mut shape = x.shape().to_vec();
    shape[ax] = len;
    let offs = affine_offsets(&shape, start as isize * st[ax], &st, cx.max_elements)?;
    gather(x, shape, &offs)
}

fn split(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(x.rank() >= 1, "operand must have rank >= 1");
    let ax = axis(cx.int_or("axis", 0)?, x.rank())?;
    let dim = x.shape()[ax];
    let sizes: Vec<usize> = match (cx.ints("split")?, cx.int("num_outputs")?) {
        (Some(s), None) => dims_usize(&s)?,
        (None, Some(n)) => {
            ensure!(
                n >= 1 && n as u64 == cx.num_results() as u64,
                "'num_outputs' ({n}) must be positive and equal the number of results ({})",
                cx.num_results()
            );
            dims_usize(&split_sizes(dim as i64, n as usize))?
        }
        _ => bail!("exactly one of 'split' and 'num_outputs' must be given"),
    };
    ensure!(
        sizes.iter().sum::<usize>() == dim,
        "split sizes {sizes:?} do not add up to dimension {ax} of size {dim}"
    );
    ensure!(
        sizes.len() == cx.num_results(),
        "{} parts for {} results",
        sizes.len(),
        cx.num_results()
    );
    let mut start = 0;
    let mut out = Vec::with_capacity(sizes.len());
    for &len in &sizes {
        out.push(take_along(cx, x, ax, start, len)?);
        start += len;
    }
    Ok(out)
}

fn slice(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let (Some(starts), Some(ends)) = (cx.ints("starts")?, cx.ints("ends")?) else {
        bail!("requires 'starts' and 'ends'");
    };
    let k = starts.len();
    ensure!(ends.len() == k, "'starts' and 'ends' differ in length");
    let axes = match cx.ints("axes")? {
        Some(a) => {
            ensure!(a.len() == k, "'axes' must have {k} values");
            strata_dialect_graph::shape::normalize_axes(&a, x.rank())?
        }
        None => {
            ensure!(k <= x.rank(), "more slice parameters than dimensions");
            (0..k).collect()
        }
    };
    let steps = cx.ints("steps")?.unwrap_or_else(|| vec![1; k]);
    ensure!(steps.len() == k, "'steps' must have {k} values");
    let st = istrides(x.shape());
    let mut shape = x.shape().to_vec();
    let mut ost = st.clone();
    let mut base: isize = 0;
    for i in 0..k {
        let (a, step) = (axes[i], steps[i]);
        ensure!(step != 0, "slice steps must be non-zero");
        let dim = x.shape()[a] as i64;
        let (s, _) = slice_bounds(dim, starts[i], ends[i], step);
        let len = slice_dim(dim, starts[i], ends[i], step) as usize;
        shape[a] = len;
        if len > 0 {
            base += s as isize * st[a];
        }
        ost[a] = st[a] * step as isize;
    }
    let offs = affine_offsets(&shape, base, &ost, cx.max_elements)?;
    Ok(vec![gather(x, shape, &offs)?])
}

fn gather_op(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (data, idx) = (ins[0], ins[1]);
    ensure!(data.rank() >= 1, "data must have rank >= 1");
    ensure!(
        idx.dtype().is_int() && idx.dtype() != DType::Bool,
        "indices must be integers, got {}",
        idx.type_str()
    );
    let ax = axis(cx.int_or("axis", 0)?, data.rank())?;
    let dim = data.shape()[ax];
    let outer: usize = data.shape()[..ax].iter().product();
    let inner: usize = data.shape()[ax + 1..].iter().product();
    let mut shape = data.shape()[..ax].to_vec();
    shape.extend_from_slice(idx.shape());
    shape.extend_from_slice(&data.shape()[ax + 1..]);
    let n = cx.numel(&shape)?;
    let iv = int_values(idx)?;
    let mut resolved = Vec::with_capacity(iv.len());
    for (q, &i) in iv.iter().enumerate() {
        let j = if i < 0 { i + dim as i128 } else { i };
        ensure!(
            (0..dim as i128).contains(&j),
            "index {i} (element {q} of the indices) is out of range for dimension {ax} of size {dim}"
        );
        resolved.push(j as usize);
    }
    let mut offs = Vec::with_capacity(n);
    for o in 0..outer {
        for &j in &resolved {
            let b = (o * dim + j) * inner;
            offs.extend(b..b + inner);
        }
    }
    Ok(vec![gather(data, shape, &offs)?])
}

fn gather_elements(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (data, idx) = (ins[0], ins[1]);
    ensure!(data.rank() >= 1, "data must have rank >= 1");
    ensure!(
        idx.rank() == data.rank(),
        "indices must have the rank of data ({}), got rank {}",
        data.rank(),
        idx.rank()
    );
    ensure!(
        idx.dtype().is_int() && idx.dtype() != DType::Bool,
        "indices must be integers, got {}",
        idx.type_str()
    );
    let ax = axis(cx.int_or("axis", 0)?, data.rank())?;
    for (d, (&i, &x)) in idx.shape().iter().zip(data.shape()).enumerate() {
        ensure!(
            d == ax || i <= x,
            "dimension {d} of the indices ({i}) exceeds that of data ({x})"
        );
    }
    let shape = idx.shape().to_vec();
    cx.numel(&shape)?;
    let offs = element_offsets(data, idx, ax)?;
    Ok(vec![gather(data, shape, &offs)?])
}

/// For each element of `idx` (same rank as `data`), the flat offset in `data` of the element
/// whose coordinate along `ax` is the index value (negative values count from the end) and
/// whose other coordinates are the index element's own: the addressing of `GatherElements`
/// and `ScatterElements`.
fn element_offsets(data: &Tensor, idx: &Tensor, ax: usize) -> Result<Vec<usize>> {
    let dim = data.shape()[ax];
    let dst = crate::tensor::strides(data.shape());
    let ist = crate::tensor::strides(idx.shape());
    let iv = int_values(idx)?;
    let mut offs = Vec::with_capacity(iv.len());
    for (q, &i) in iv.iter().enumerate() {
        let j = if i < 0 { i + dim as i128 } else { i };
        ensure!(
            (0..dim as i128).contains(&j),
            "index {i} (element {q} of the indices) is out of range for dimension {ax} of size {dim}"
        );
        let mut rem = q;
        let mut off = 0;
        for d in 0..ist.len() {
            let p = rem / ist[d];
            rem %= ist[d];
            off += if d == ax { j as usize } else { p } * dst[d];
        }
        offs.push(off);
    }
    Ok(offs)
}

fn scatter_elements(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 3)?;
    let (data, idx, upd) = (ins[0], ins[1], ins[2]);
    ensure!(data.rank() >= 1, "data must have rank >= 1");
    ensure!(
        idx.rank() == data.rank() && upd.shape() == idx.shape() && upd.dtype() == data.dtype(),
        "indices and updates must have one shape, of data's rank, and updates data's type"
    );
    ensure!(
        idx.dtype().is_int() && idx.dtype() != DType::Bool,
        "indices must be integers, got {}",
        idx.type_str()
    );
    let ax = axis(cx.int_or("axis", 0)?, data.rank())?;
    for (d, (&i, &x)) in idx.shape().iter().zip(data.shape()).enumerate() {
        ensure!(
            d == ax || i <= x,
            "dimension {d} of the indices ({i}) exceeds that of data ({x})"
        );
    }
    let targets = element_offsets(data, idx, ax)?;
    scatter_apply(cx, data, upd, &targets, 1)
}

/// `data` with `updates` combined into it by the op's `reduction`: update element `q`
/// goes to element `targets[q / inner] + q % inner` of `data`.
fn scatter_apply(
    cx: &Cx<'_>,
    data: &Tensor,
    upd: &Tensor,
    targets: &[usize],
    inner: usize,
) -> Result<Vec<Tensor>> {
    let reduction = cx.string("reduction")?.unwrap_or_else(|| "none".into());
    let at = |q: usize| targets[q / inner] + q % inner;
    if data.dtype().is_float() {
        let mut out = data.to_f64_vec();
        let u = upd.to_f64_vec();
        for (q, &v) in u.iter().enumerate() {
            let t = at(q);
            out[t] = match reduction.as_str() {
                "none" => v,
                "add" => out[t] + v,
                "mul" => out[t] * v,
                "max" => crate::ops::arith::maximum(out[t], v),
                "min" => crate::ops::arith::minimum(out[t], v),
                r => bail!("unknown reduction \"{r}\""),
            };
        }
        Ok(vec![Tensor::from_f64s(
            data.dtype(),
            data.shape().to_vec(),
            &out,
        )?])
    } else {
        let mut out = int_values(data)?;
        let u = int_values(upd)?;
        for (q, &v) in u.iter().enumerate() {
            let t = at(q);
            out[t] = match reduction.as_str() {
                "none" => v,
                "add" => out[t].wrapping_add(v),
                "mul" => out[t].wrapping_mul(v),
                "max" => out[t].max(v),
                "min" => out[t].min(v),
                r => bail!("unknown reduction \"{r}\""),
            };
        }
        Ok(vec![from_int_values(
            data.dtype(),
            data.shape().to_vec(),
            &out,
        )?])
    }
}

fn scatter_nd(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 3)?;
    let (data, idx, upd) = (ins[0], ins[1], ins[2]);
    ensure!(
        data.rank() >= 1 && idx.rank() >= 1,
        "data and indices must have rank >= 1"
    );
    ensure!(
        idx.dtype().is_int() && idx.dtype() != DType::Bool,
        "indices must be integers, got {}",
        idx.type_str()
    );
    let k = idx.shape()[idx.rank() - 1];
    ensure!(
        (1..=data.rank()).contains(&k),
        "the last dimension of indices ({k}) must be in [1, {}]",
        data.rank()
    );
    let mut ushape = idx.shape()[..idx.rank() - 1].to_vec();
    ushape.extend_from_slice(&data.shape()[k..]);
    ensure!(
        upd.shape() == ushape.as_slice() && upd.dtype() == data.dtype(),
        "updates must have shape {} and data's type, got {}",
        shape_str(&ushape),
        upd.type_str()
    );
    let dst = crate::tensor::strides(data.shape());
    let inner: usize = data.shape()[k..].iter().product();
    let iv = int_values(idx)?;
    let mut targets = Vec::with_capacity(iv.len() / k);
    for (t, tuple) in iv.chunks(k).enumerate() {
        let mut off = 0;
        for (d, &i) in tuple.iter().enumerate() {
            let dim = data.shape()[d] as i128;
            let j = if i < 0 { i + dim } else { i };
            ensure!(
                (0..dim).contains(&j),
                "index {i} (tuple {t} of the indices) is out of range for dimension {d} of size {dim}"
            );
            off += j as usize * dst[d];
        }
        targets.push(off);
    }
    scatter_apply(cx, data, upd, &targets, inner.max(1))
}

fn pad(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let r = x.rank();
    let Some(pads) = cx.ints("pads")? else {
        bail!("requires a 'pads' attribute");
    };
    ensure!(
        pads.len() == 2 * r,
        "'pads' needs {} values, got {}",
        2 * r,
        pads.len()
    );
    let mode = cx.string("mode")?.unwrap_or_else(|| "constant".into());
    let fill = match x.dtype() {
        d if d.is_float() => Tensor::from_f64s(d, vec![], &[cx.float_or("constant_value", 0.0)?])?,
        d => from_int_values(d, vec![], &[cx.int_or("constant_value", 0)? as i128])?,
    };
    let st = crate::tensor::strides(x.shape());
    let mut tables = Vec::with_capacity(r);
    for d in 0..r {
        let (pb, pe, dim) = (pads[d], pads[r + d], x.shape()[d] as i64);
        let len = dim
            .checked_add(pb)
            .and_then(|v| v.checked_add(pe))
            .ok_or("padded size overflows")?;
        ensure!(
            len >= 0,
            "pads {pb}, {pe} remove more than dimension {d} of size {dim}"
        );
        ensure!(
            len as u64 <= cx.max_elements as u64,
            "padded dimension {d} of size {len} exceeds the element limit"
        );
        let mut t = Vec::with_capacity(len as usize);
        for o in 0..len {
            let p = o - pb;
            let src = if (0..dim).contains(&p) {
                Some(p)
            } else {
                match mode.as_str() {
                    "constant" => None,
                    "edge" => {
                        ensure!(dim > 0, "edge padding of the empty dimension {d}");
                        Some(p.clamp(0, dim - 1))
                    }
                    "reflect" => {
                        ensure!(dim > 0, "reflect padding of the empty dimension {d}");
                        if dim == 1 {
                            Some(0)
                        } else {
                            let period = 2 * (dim - 1);
                            let q = p.rem_euclid(period);
                            Some(if q >= dim { period - q } else { q })
                        }
                    }
                    "wrap" => {
                        ensure!(dim > 0, "wrap padding of the empty dimension {d}");
                        Some(p.rem_euclid(dim))
                    }
                    other => bail!("unknown pad mode '{other}'"),
                }
            };
            t.push(src.map_or(FILL, |s| s as usize * st[d]));
        }
        tables.push(t);
    }
    let offs = table_offsets(&tables, cx.max_elements)?;
    let shape: Vec<usize> = tables.iter().map(|t| t.len()).collect();
    Ok(vec![gather_fill(x, shape, &offs, &fill)?])
}

fn tile(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let Some(reps) = cx.ints("repeats")? else {
        bail!("requires a 'repeats' attribute");
    };
    ensure!(
        reps.len() == x.rank(),
        "'repeats' needs {} values",
        x.rank()
    );
    let reps = dims_usize(&reps)?;
    let st = crate::tensor::strides(x.shape());
    let mut shape = Vec::with_capacity(x.rank());
    for (d, &r) in reps.iter().enumerate() {
        shape.push(x.shape()[d].checked_mul(r).ok_or("tile size overflows")?);
    }
    cx.numel(&shape)?;
    let tables: Vec<Vec<usize>> = (0..x.rank())
        .map(|d| (0..shape[d]).map(|o| (o % x.shape()[d]) * st[d]).collect())
        .collect();
    let offs = table_offsets(&tables, cx.max_elements)?;
    Ok(vec![gather(x, shape, &offs)?])
}

fn shape(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let r = x.rank() as i64;
    let clamp = |v: i64| (if v < 0 { v + r } else { v }).clamp(0, r) as usize;
    let start = clamp(cx.int_or("start", 0)?);
    let end = clamp(cx.int_or("end", r)?);
    let dims: Vec<i64> = if start < end {
        x.shape()[start..end].iter().map(|&d| d as i64).collect()
    } else {
        Vec::new()
    };
    Ok(vec![Tensor::from_vec(vec![dims.len()], dims)?])
}
