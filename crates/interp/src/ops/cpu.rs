//! Semantics of the `cpu` dialect. The register ops compute exactly what their `hw`
//! counterparts do (`cpu.vbroadcast` = `hw.broadcast`, `cpu.vfma` = `hw.fma` = `math.fma`
//! lane by lane, `cpu.vreduce` = `hw.reduction` in its sequential lane order, and
//! `cpu.ukernel` = the `hw.intrinsic` of its micro-kernel, whatever the variant);
//! `cpu.vload`/`cpu.vstore` are `hw.load`/`hw.store` plus an optional mask: a masked-off
//! lane loads zero and is neither read nor written, so it may lie outside the memref.

use super::hw::{buffer, indices, lane_positions, mask_lanes, value, vector_shape};
use super::loop_ops::{MemArg, MemOut};
use super::util::{from_raw_bits, raw_bits};
use super::{OpCx, Sem, Table};
use crate::error::{bail, Result};

pub(crate) fn register(t: &mut Table) {
    t.insert("cpu.vload", Sem::Memory(vload));
    t.insert("cpu.vstore", Sem::Memory(vstore));
    t.insert("cpu.vbroadcast", Sem::Compute(super::hw::broadcast));
    t.insert("cpu.vfma", Sem::Compute(super::hw::fma));
    t.insert("cpu.vreduce", Sem::Compute(super::hw::reduction));
    t.insert("cpu.ukernel", Sem::Memory(ukernel));
}

fn vload(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let b = buffer(args, 0)?;
    let rank = b.sizes().len();
    let base = indices(args, 1, 1 + rank)?;
    let (shape, dtype) = vector_shape(cx, 0)?;
    let pos = lane_positions(b, &base, &shape)?;
    let mask = mask_lanes(args, 1 + rank, pos.len())?;
    let mut bits = Vec::with_capacity(pos.len());
    for (l, p) in pos.iter().enumerate() {
        if mask.as_ref().is_some_and(|m| !m[l]) {
            bits.push(0);
            continue;
        }
        let Some(idx) = p else {
            bail!("lane {l} is outside the memref");
        };
        bits.push(raw_bits(&b.load(idx)?)[0]);
    }
    Ok(vec![MemOut::Tensor(from_raw_bits(dtype, shape, &bits)?)])
}

fn vstore(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let v = value(args, 0)?;
    let b = buffer(args, 1)?;
    let rank = b.sizes().len();
    let base = indices(args, 2, 2 + rank)?;
    let pos = lane_positions(b, &base, v.shape())?;
    let mask = mask_lanes(args, 2 + rank, pos.len())?;
    let active = |l: usize| mask.as_ref().is_none_or(|m| m[l]);
    if let Some(l) = (0..pos.len()).find(|&l| active(l) && pos[l].is_none()) {
        bail!("lane {l} is outside the memref");
    }
    let bits = raw_bits(v);
    for (l, p) in pos.iter().enumerate() {
        if let (true, Some(idx)) = (active(l), p) {
            b.store(&from_raw_bits(v.dtype(), Vec::new(), &bits[l..=l])?, idx)?;
        }
    }
    Ok(Vec::new())
}

fn ukernel(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let name = cx.string("name")?.unwrap_or_default();
    match super::ukernels::run(cx, &name, args) {
        Some(r) => r,
        None => bail!(
            "unknown micro-kernel \"{name}\" (the interpreter knows \"{}\" and \"{}\")",
            super::ukernels::BATCH_MATMUL_ACC,
            super::ukernels::CONV2D_NCHW_ACC
        ),
    }
}
