//! Semantics of the `hw` dialect: vector transfers on [`Buffer`]s ([`Sem::Memory`]), the
//! register-level vector ops ([`Sem::Compute`]), `hw.intrinsic` (a small registry of known
//! intrinsics) and `hw.parallel` (run by the interpreter core, `eval/loops.rs`, in increasing
//! order on one worker).
//!
//! Vectors are tensors of the vector's shape. Element-wise arithmetic (`hw.fma`) and the
//! combining step of `hw.reduction` call the semantics of `math.fma` and of the `arith` op
//! that names the reduction kind, so vector code computes exactly what scalar code does.

use super::loop_ops::{index_value, MemArg, MemOut};
use super::util::{arity, from_raw_bits, raw_bits};
use super::{OpCx, Sem, Table};
use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::tensor::Tensor;
use strata_dialect_hw::parallel::MATMUL_ACC;
use strata_dialect_hw::util::vector_parts;
use strata_dialect_hw::ReductionKind;

pub(crate) fn register(t: &mut Table) {
    t.insert("hw.transfer_read", Sem::Memory(transfer_read));
    t.insert("hw.transfer_write", Sem::Memory(transfer_write));
    t.insert("hw.load", Sem::Memory(load));
    t.insert("hw.store", Sem::Memory(store));
    t.insert("hw.intrinsic", Sem::Memory(intrinsic));
    t.insert("hw.broadcast", Sem::Compute(broadcast));
    t.insert("hw.fma", Sem::Compute(fma));
    t.insert("hw.reduction", Sem::Compute(reduction));
    t.insert("hw.shuffle", Sem::Compute(shuffle));
    t.insert("hw.transpose", Sem::Compute(transpose));
    t.insert("hw.create_mask", Sem::Compute(create_mask));
    t.insert("hw.extract", Sem::Compute(extract));
    t.insert("hw.insert", Sem::Compute(insert));
    t.insert("hw.barrier", Sem::Compute(|_, _| Ok(Vec::new())));
    t.insert("hw.parallel", Sem::HwParallel);
    t.insert("hw.yield", Sem::Yield);
}

pub(super) fn buffer<'x>(args: &[MemArg<'x>], i: usize) -> Result<&'x Buffer> {
    match args.get(i) {
        Some(MemArg::Buffer(b)) => Ok(b),
        Some(MemArg::Tensor(_)) => bail!("operand #{i} must be a buffer, but is a value"),
        None => bail!("expected at least {} operands", i + 1),
    }
}

pub(super) fn value<'x>(args: &[MemArg<'x>], i: usize) -> Result<&'x Tensor> {
    match args.get(i) {
        Some(MemArg::Tensor(t)) => Ok(t),
        Some(MemArg::Buffer(_)) => bail!("operand #{i} must be a value, but is a buffer"),
        None => bail!("expected at least {} operands", i + 1),
    }
}

/// The shape of vector type result `i` (checked against the element limit).
pub(super) fn vector_shape(cx: &OpCx<'_>, i: usize) -> Result<(Vec<usize>, DType)> {
    let ty = cx.result_type(i)?;
    let Some((shape, elem)) = vector_parts(cx.ctx, ty) else {
        bail!(
            "result must be a fixed-size vector, but is {}",
            cx.type_str(ty)
        );
    };
    let dtype = DType::from_elem_type(cx.ctx, elem)
        .ok_or_else(|| format!("unsupported element type {}", cx.type_str(elem)))?;
    let shape = shape
        .iter()
        .map(|&d| usize::try_from(d).map_err(|_| format!("bad vector dimension {d}")))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    cx.numel(&shape)?;
    Ok((shape, dtype))
}

/// The memref indices of every lane of a vector of `shape` starting at `base` (the vector
/// covers the last `shape.len()` dimensions), in row-major lane order; `None` for a lane
/// whose position is outside the buffer.
pub(super) fn lane_positions(
    b: &Buffer,
    base: &[i64],
    shape: &[usize],
) -> Result<Vec<Option<Vec<i64>>>> {
    let sizes = b.sizes();
    ensure!(
        base.len() == sizes.len() && shape.len() <= sizes.len() && !shape.is_empty(),
        "expected {} indices and a vector of rank at most {}",
        sizes.len(),
        sizes.len()
    );
    let n: usize = shape.iter().product();
    let first = sizes.len() - shape.len();
    let mut out = Vec::with_capacity(n);
    let mut lane = vec![0usize; shape.len()];
    for _ in 0..n {
        let mut idx = base.to_vec();
        let mut inside = true;
        for (d, x) in idx.iter_mut().enumerate() {
            if d >= first {
                *x = x.saturating_add(lane[d - first] as i64);
            }
            inside &= *x >= 0 && (*x as u64) < sizes[d] as u64;
        }
        out.push(inside.then_some(idx));
        for d in (0..shape.len()).rev() {
            lane[d] += 1;
            if lane[d] < shape[d] {
                break;
            }
            lane[d] = 0;
        }
    }
    Ok(out)
}

/// The `index` values of operands `from..to`.
pub(super) fn indices(args: &[MemArg<'_>], from: usize, to: usize) -> Result<Vec<i64>> {
    (from..to).map(|i| index_value(value(args, i)?)).collect()
}

/// The lanes of a mask operand (`None`: no mask, every lane active).
pub(super) fn mask_lanes(args: &[MemArg<'_>], i: usize, n: usize) -> Result<Option<Vec<bool>>> {
    if i >= args.len() {
        return Ok(None);
    }
    let m = value(args, i)?;
    ensure!(
        m.dtype() == DType::Bool && m.len() == n,
        "mask must have {n} i1 lanes, but is {}",
        m.type_str()
    );
    Ok(Some(raw_bits(m).iter().map(|&b| b != 0).collect()))
}

fn transfer_read(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let b = buffer(args, 0)?;
    let rank = b.sizes().len();
    let base = indices(args, 1, 1 + rank)?;
    let pad = value(args, 1 + rank)?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    ensure!(
        pad.dtype() == dtype && pad.len() == 1,
        "padding must be a {dtype} scalar, but is {}",
        pad.type_str()
    );
    let pad_bits = raw_bits(pad)[0];
    let pos = lane_positions(b, &base, &shape)?;
    let mask = mask_lanes(args, 2 + rank, pos.len())?;
    let in_bounds = cx.attr("in_bounds").is_some();
    let mut bits = Vec::with_capacity(pos.len());
    for (l, p) in pos.iter().enumerate() {
        let active = mask.as_ref().is_none_or(|m| m[l]);
        match p {
            Some(idx) if active => bits.push(raw_bits(&b.load(idx)?)[0]),
            None if active && in_bounds => {
                bail!("lane {l} is outside the memref, but the read is marked in_bounds")
            }
            _ => bits.push(pad_bits),
        }
    }
    Ok(vec![MemOut::Tensor(from_raw_bits(dtype, shape, &bits)?)])
}

fn transfer_write(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let v = value(args, 0)?;
    let b = buffer(args, 1)?;
    let rank = b.sizes().len();
    let base = indices(args, 2, 2 + rank)?;
    let pos = lane_positions(b, &base, v.shape())?;
    let mask = mask_lanes(args, 2 + rank, pos.len())?;
    let in_bounds = cx.attr("in_bounds").is_some();
    let bits = raw_bits(v);
    for (l, p) in pos.iter().enumerate() {
        let active = mask.as_ref().is_none_or(|m| m[l]);
        match p {
            Some(idx) if active => {
                b.store(&from_raw_bits(v.dtype(), Vec::new(), &bits[l..=l])?, idx)?
            }
            None if active && in_bounds => {
                bail!("lane {l} is outside the memref, but the write is marked in_bounds")
            }
            _ => {}
        }
    }
    Ok(Vec::new())
}

fn load(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let b = buffer(args, 0)?;
    let base = indices(args, 1, args.len())?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    let pos = lane_positions(b, &base, &shape)?;
    let mut bits = Vec::with_capacity(pos.len());
    for (l, p) in pos.iter().enumerate() {
        let Some(idx) = p else {
            bail!("lane {l} is outside the memref");
        };
        bits.push(raw_bits(&b.load(idx)?)[0]);
    }
    Ok(vec![MemOut::Tensor(from_raw_bits(dtype, shape, &bits)?)])
}

fn store(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let v = value(args, 0)?;
    let b = buffer(args, 1)?;
    let base = indices(args, 2, args.len())?;
    let pos = lane_positions(b, &base, v.shape())?;
    if let Some(l) = pos.iter().position(Option::is_none) {
        bail!("lane {l} is outside the memref");
    }
    let bits = raw_bits(v);
    for (l, idx) in pos.iter().flatten().enumerate() {
        b.store(&from_raw_bits(v.dtype(), Vec::new(), &bits[l..=l])?, idx)?;
    }
    Ok(Vec::new())
}

/// Run the compute semantics of the op named `name` on `ins`.
pub(super) fn call(cx: &OpCx<'_>, name: &str, ins: &[&Tensor]) -> Result<Tensor> {
    match super::table().get(name) {
        Some(Sem::Compute(f)) => {
            let mut out = f(cx, ins)?;
            ensure!(out.len() == 1, "'{name}' gave {} results", out.len());
            Ok(out.remove(0))
        }
        _ => bail!("no compute semantics for '{name}'"),
    }
}

pub(super) fn broadcast(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    let s = ins[0];
    ensure!(
        s.dtype() == dtype && s.len() == 1,
        "operand must be a {dtype} scalar, but is {}",
        s.type_str()
    );
    let n: usize = shape.iter().product();
    let bits = vec![raw_bits(s)[0]; n];
    Ok(vec![from_raw_bits(dtype, shape, &bits)?])
}

pub(super) fn fma(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    Ok(vec![call(cx, "math.fma", ins)?])
}

pub(super) fn reduction(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    ensure!(
        ins.len() == 1 || ins.len() == 2,
        "expected a vector and an optional accumulator, got {} operands",
        ins.len()
    );
    let v = ins[0];
    let name = cx.string("kind")?.unwrap_or_default();
    let Some(kind) = ReductionKind::parse(&name) else {
        bail!("unknown reduction kind \"{name}\"");
    };
    let Some(op) = kind.arith_op(v.dtype().is_float()) else {
        bail!("reduction kind \"{name}\" does not apply to {}", v.dtype());
    };
    let bits = raw_bits(v);
    let lane = |l: usize| from_raw_bits(v.dtype(), Vec::new(), &bits[l..=l]);
    let (mut acc, from) = match ins.get(1) {
        Some(a) => ((*a).clone(), 0),
        None => {
            ensure!(
                !bits.is_empty(),
                "cannot reduce an empty vector without an accumulator"
            );
            (lane(0)?, 1)
        }
    };
    for l in from..bits.len() {
        acc = call(cx, op, &[&acc, &lane(l)?])?;
    }
    Ok(vec![acc])
}

fn shuffle(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    let mut all = raw_bits(ins[0]);
    all.extend(raw_bits(ins[1]));
    let mask = cx.ints("mask")?.unwrap_or_default();
    let mut bits = Vec::with_capacity(mask.len());
    for &m in &mask {
        match usize::try_from(m).ok().and_then(|m| all.get(m)) {
            Some(&b) => bits.push(b),
            None => bail!("mask index {m} is outside [0, {})", all.len()),
        }
    }
    Ok(vec![from_raw_bits(dtype, shape, &bits)?])
}

fn transpose(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let v = ins[0];
    let (shape, dtype) = vector_shape(cx, 0)?;
    let perm = cx.ints("permutation")?.unwrap_or_default();
    let src = v.shape();
    ensure!(
        perm.len() == src.len() && perm.len() == shape.len(),
        "'permutation' must have one entry per dimension"
    );
    let perm: Vec<usize> = perm
        .iter()
        .map(|&p| usize::try_from(p).ok().filter(|&p| p < src.len()))
        .collect::<Option<_>>()
        .ok_or("'permutation' entry out of range")?;
    let strides = crate::tensor::strides(src);
    let bits = raw_bits(v);
    let n: usize = shape.iter().product();
    let mut out = Vec::with_capacity(n);
    let mut idx = vec![0usize; shape.len()];
    for _ in 0..n {
        let at: usize = (0..shape.len()).map(|d| idx[d] * strides[perm[d]]).sum();
        out.push(*bits.get(at).ok_or("transpose reads past its operand")?);
        for d in (0..shape.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(vec![from_raw_bits(dtype, shape, &out)?])
}

fn create_mask(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let k = index_value(ins[0])?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    let n: usize = shape.iter().product();
    let bits: Vec<u64> = (0..n).map(|l| u64::from((l as i64) < k)).collect();
    Ok(vec![from_raw_bits(dtype, shape, &bits)?])
}

/// The lane named by a position operand of a vector of `n` lanes.
fn lane_of(t: &Tensor, n: usize) -> Result<usize> {
    let p = index_value(t)?;
    match usize::try_from(p) {
        Ok(l) if l < n => Ok(l),
        _ => bail!("position {p} is outside [0, {n})"),
    }
}

fn extract(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let v = ins[0];
    let l = lane_of(ins[1], v.len())?;
    let bits = raw_bits(v);
    Ok(vec![from_raw_bits(v.dtype(), Vec::new(), &bits[l..=l])?])
}

fn insert(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 3)?;
    let (s, v) = (ins[0], ins[1]);
    ensure!(
        s.dtype() == v.dtype() && s.len() == 1,
        "inserted value must be a {} scalar, but is {}",
        v.dtype(),
        s.type_str()
    );
    let l = lane_of(ins[2], v.len())?;
    let mut bits = raw_bits(v);
    bits[l] = raw_bits(s)[0];
    Ok(vec![from_raw_bits(v.dtype(), v.shape().to_vec(), &bits)?])
}

fn intrinsic(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let name = cx.string("name")?.unwrap_or_default();
    if let Some(r) = super::ukernels::run(cx, &name, args) {
        return r;
    }
    match name.as_str() {
        MATMUL_ACC => matmul_acc(cx, args),
        _ => bail!(
            "unknown intrinsic \"{name}\" (the interpreter knows \"{MATMUL_ACC}\", \"{}\" and \"{}\")",
            super::ukernels::BATCH_MATMUL_ACC,
            super::ukernels::CONV2D_NCHW_ACC
        ),
    }
}

/// `strata.matmul_acc`: `C += A * B`, `k` in increasing order, each step rounded.
fn matmul_acc(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    ensure!(args.len() == 3, "'{MATMUL_ACC}' takes 3 buffers");
    let (a, b, c) = (buffer(args, 0)?, buffer(args, 1)?, buffer(args, 2)?);
    let (sa, sb, sc) = (a.sizes(), b.sizes(), c.sizes());
    ensure!(
        sa.len() == 2 && sb.len() == 2 && sc.len() == 2,
        "'{MATMUL_ACC}' takes 2-D buffers"
    );
    let (m, k, n) = (sa[0], sa[1], sb[1]);
    ensure!(
        sb[0] == k && sc[0] == m && sc[1] == n,
        "'{MATMUL_ACC}' shapes do not agree: A {m}x{k}, B {}x{n}, C {}x{}",
        sb[0],
        sc[0],
        sc[1]
    );
    cx.work(&[m, n, k])?;
    let float = a.dtype().is_float();
    let (add, mul) = if float {
        ("arith.addf", "arith.mulf")
    } else {
        ("arith.addi", "arith.muli")
    };
    for i in 0..m as i64 {
        for j in 0..n as i64 {
            let mut acc = c.load(&[i, j])?;
            for p in 0..k as i64 {
                let prod = call(cx, mul, &[&a.load(&[i, p])?, &b.load(&[p, j])?])?;
                acc = call(cx, add, &[&acc, &prod])?;
            }
            c.store(&acc, &[i, j])?;
        }
    }
    Ok(Vec::new())
}
