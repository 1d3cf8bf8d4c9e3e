//! Transfers between memrefs and vectors: `hw.transfer_read` / `hw.transfer_write` (masked,
//! tolerant of lanes outside the memref; MLIR's `vector.transfer_read/write` with a minor
//! identity permutation map) and `hw.load` / `hw.store` (contiguous and unmasked; MLIR's
//! `vector.load/store`).
//!
//! A vector of rank `k` covers the last `k` dimensions of the memref: lane `(l0, .., lk-1)`
//! is the element at the indices with `l0..lk-1` added to the last `k` of them.

use crate::util::{
    memref_operand, shape_x, vector_operand, vector_result, verify_indices, verify_mask,
};
use strata_dialect_loop::layout::strides_and_offset;
use strata_dialect_tensor::util::{ty_str, unit_c};
use strata_ir::{op, Arity, Diagnostic, OpRef, Type};

/// Check that a vector of `vshape`/`velem` fits a memref of `rank` and `elem`.
fn verify_vector_fits(
    op: &OpRef<'_>,
    vshape: &[i64],
    velem: Type,
    rank: usize,
    elem: Type,
) -> Result<(), Diagnostic> {
    if velem != elem {
        return Err(op.error(format_args!(
            "vector element type {} differs from the memref element type {}",
            ty_str(op.ctx, velem),
            ty_str(op.ctx, elem)
        )));
    }
    if vshape.is_empty() || vshape.len() > rank {
        return Err(op.error(format_args!(
            "vector rank {} must be between 1 and the memref rank {rank}",
            vshape.len()
        )));
    }
    Ok(())
}

op! {
    /// Reads a vector from a memref (MLIR's `vector.transfer_read` with a minor identity
    /// map).
    ///
    /// Operands are the memref, one `index` per memref dimension (the position of lane 0),
    /// the padding value (the element type) and optionally a mask (`vector<...xi1>` of the
    /// result shape). The result is a vector of rank `k <= rank` over the last `k` memref
    /// dimensions. Lane `l` reads the element at the indices plus `l` in the last `k`
    /// dimensions when its mask bit is set (or there is no mask) and that position is
    /// inside the memref; every other lane is the padding value. With the unit attribute
    /// `in_bounds`, the producer promises that every unmasked lane is inside the memref (a
    /// target may then skip the bounds checks; the interpreter reports a broken promise
    /// as an error).
    ///
    /// ```mlir
    /// %v = "hw.transfer_read"(%m, %i, %j, %pad) : (memref<4x10xf32>, index, index, f32) -> vector<8xf32>
    /// %w = "hw.transfer_read"(%m, %i, %j, %pad, %mask) <{in_bounds}> : (memref<4x10xf32>, index, index, f32, vector<8xi1>) -> vector<8xf32>
    /// ```
    pub struct TransferReadOp = "hw.transfer_read";
    summary: "masked read of a vector from a memref";
    operands: [source];
    results: [result];
    attrs: [in_bounds = "in_bounds"];
    def: {
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(1),
        attrs: &[unit_c("in_bounds")],
        verify: Some(verify_transfer_read),
    }
}

fn verify_transfer_read(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let p = memref_operand(&op, 0, "source")?;
    let rank = p.shape.len();
    let n = op.body.num_operands(op.op);
    if n != rank + 2 && n != rank + 3 {
        return Err(op.error(format_args!(
            "expects the memref, {rank} indices, the padding value and an optional mask \
             ({} or {} operands), but has {n}",
            rank + 2,
            rank + 3
        )));
    }
    verify_indices(&op, 1, rank)?;
    let (vshape, velem) = vector_result(&op, 0)?;
    verify_vector_fits(&op, &vshape, velem, rank, p.elem)?;
    let pad = op.ty(op.operand(rank + 1));
    if pad != p.elem {
        return Err(op.error(format_args!(
            "padding type {} differs from the element type {}",
            ty_str(op.ctx, pad),
            ty_str(op.ctx, p.elem)
        )));
    }
    if n == rank + 3 {
        verify_mask(&op, rank + 2, &vshape)?;
    }
    Ok(())
}

op! {
    /// Writes a vector into a memref (MLIR's `vector.transfer_write` with a minor identity
    /// map).
    ///
    /// Operands are the vector, the memref, one `index` per memref dimension (the position
    /// of lane 0) and optionally a mask of the vector's shape. A vector of rank `k` covers
    /// the last `k` memref dimensions. Lane `l` is written to the indices plus `l` in those
    /// dimensions when its mask bit is set (or there is no mask) and that position is
    /// inside the memref; other lanes are not written. `in_bounds` is the promise described
    /// at `hw.transfer_read`.
    ///
    /// ```mlir
    /// "hw.transfer_write"(%v, %m, %i, %j) : (vector<8xf32>, memref<4x10xf32>, index, index) -> ()
    /// "hw.transfer_write"(%v, %m, %i, %j, %mask) : (vector<8xf32>, memref<4x10xf32>, index, index, vector<8xi1>) -> ()
    /// ```
    pub struct TransferWriteOp = "hw.transfer_write";
    summary: "masked write of a vector into a memref";
    operands: [vector, target];
    attrs: [in_bounds = "in_bounds"];
    def: {
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(0),
        attrs: &[unit_c("in_bounds")],
        verify: Some(verify_transfer_write),
    }
}

fn verify_transfer_write(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (vshape, velem) = vector_operand(&op, 0, "operand #0")?;
    let p = memref_operand(&op, 1, "operand #1")?;
    let rank = p.shape.len();
    let n = op.body.num_operands(op.op);
    if n != rank + 2 && n != rank + 3 {
        return Err(op.error(format_args!(
            "expects the vector, the memref, {rank} indices and an optional mask ({} or {} \
             operands), but has {n}",
            rank + 2,
            rank + 3
        )));
    }
    verify_indices(&op, 2, rank)?;
    verify_vector_fits(&op, &vshape, velem, rank, p.elem)?;
    if n == rank + 3 {
        verify_mask(&op, rank + 2, &vshape)?;
    }
    Ok(())
}

/// Check the memref of `hw.load`/`hw.store` (operand `mem`) against a 1-D vector of
/// `vshape`/`velem`: unit innermost stride, and `rank` indices from `mem + 1` to the end.
fn verify_contiguous(
    op: &OpRef<'_>,
    mem: usize,
    vshape: &[i64],
    velem: Type,
) -> Result<(), Diagnostic> {
    let t = op.ty(op.operand(mem));
    let p = memref_operand(op, mem, &format!("operand #{mem}"))?;
    let rank = p.shape.len();
    let n = op.body.num_operands(op.op);
    if n != mem + 1 + rank {
        return Err(op.error(format_args!(
            "expects {rank} indices (the memref rank), but has {}",
            n - mem - 1
        )));
    }
    verify_indices(op, mem + 1, rank)?;
    if vshape.len() != 1 {
        return Err(op.error(format_args!(
            "vector must be 1-D, but is vector<{}x{}>",
            shape_x(vshape),
            ty_str(op.ctx, velem)
        )));
    }
    verify_vector_fits(op, vshape, velem, rank, p.elem)?;
    let (strides, _) = strides_and_offset(op.ctx, t).map_err(|e| op.error(e))?;
    if strides.last() != Some(&1) {
        return Err(op.error(format_args!(
            "memref must have a unit innermost stride, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    Ok(())
}

op! {
    /// Reads a 1-D vector of consecutive elements along the innermost dimension of a memref
    /// with unit innermost stride (MLIR's `vector.load`). Operands are the memref and one
    /// `index` per dimension (the position of lane 0). Every lane must be inside the
    /// memref (an error when it runs otherwise).
    ///
    /// ```mlir
    /// %v = "hw.load"(%m, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>
    /// ```
    pub struct LoadOp = "hw.load";
    summary: "contiguous read of a vector";
    operands: [source];
    results: [result];
    def: {
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        verify: Some(verify_load),
    }
}

fn verify_load(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (vshape, velem) = vector_result(&op, 0)?;
    verify_contiguous(&op, 0, &vshape, velem)
}

op! {
    /// Writes a 1-D vector to consecutive elements along the innermost dimension of a
    /// memref with unit innermost stride (MLIR's `vector.store`). Operands are the vector,
    /// the memref and one `index` per dimension (the position of lane 0). Every lane must
    /// be inside the memref (an error when it runs otherwise).
    ///
    /// ```mlir
    /// "hw.store"(%v, %m, %i, %j) : (vector<8xf32>, memref<4x16xf32>, index, index) -> ()
    /// ```
    pub struct StoreOp = "hw.store";
    summary: "contiguous write of a vector";
    operands: [vector, target];
    def: {
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(0),
        verify: Some(verify_store),
    }
}

fn verify_store(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (vshape, velem) = vector_operand(&op, 0, "operand #0")?;
    verify_contiguous(&op, 1, &vshape, velem)
}
