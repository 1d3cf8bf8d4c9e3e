//! Buffer ops on the builtin memref types (MLIR's `memref.alloc`, `memref.dealloc`,
//! `memref.load`, `memref.store`, `memref.copy`).
//!
//! A memref value names a region of mutable memory: element `[i0, .., in]` is at `offset +
//! sum(ik * stride_k)` of the underlying allocation ([`crate::layout`]). Buffers are shared,
//! not copied, when passed around; only `loop.copy` copies elements.

use crate::layout::{memref_parts, MemRefParts};
use strata_dialect_tensor::util::{dims_compatible, int_c, int_value, shape_str, ty_str, DYN};
use strata_ir::{op, Arity, AttrKind, Diagnostic, OpRef, TypeKind};

/// The parts of operand `i` of `op`, which must be a ranked memref.
fn memref_operand(op: &OpRef<'_>, i: usize, what: &str) -> Result<MemRefParts, Diagnostic> {
    let t = op.ty(op.operand(i));
    memref_parts(op.ctx, t).ok_or_else(|| {
        op.error(format_args!(
            "{what} must be a ranked memref, but is {}",
            ty_str(op.ctx, t)
        ))
    })
}

/// Check that operands `from..` of `op` are `rank` `index` values.
fn verify_indices(op: &OpRef<'_>, from: usize, rank: usize) -> Result<(), Diagnostic> {
    let n = op.body.num_operands(op.op) - from;
    if n != rank {
        return Err(op.error(format_args!(
            "expects {rank} indices (the memref rank), but has {n}"
        )));
    }
    for i in from..from + n {
        let t = op.ty(op.operand(i));
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!(
                "index #{} must be index, but is {}",
                i - from,
                ty_str(op.ctx, t)
            )));
        }
    }
    Ok(())
}

op! {
    /// Allocates a buffer of the result memref type (MLIR's `memref.alloc`), in the memory
    /// space of that type.
    ///
    /// One `index` operand gives the size of each dynamic dimension, in order; sizes must
    /// not be negative (checked when it runs). The result has the identity layout (a fresh
    /// allocation is contiguous). The optional `alignment` (bytes, a positive power of two)
    /// is the alignment of the allocation's start. The elements have no meaning until
    /// written (the interpreter makes them zero). The buffer lives until `loop.dealloc`;
    /// using it afterwards is an error.
    ///
    /// ```mlir
    /// %m = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<4x8xf32>
    /// %d = "loop.alloc"(%n) : (index) -> memref<?x8xf32, 1>
    /// ```
    pub struct AllocOp = "loop.alloc";
    summary: "allocate a buffer";
    results: [memref];
    attrs: [alignment = "alignment"];
    def: {
        results: Arity::Exactly(1),
        attrs: &[int_c("alignment", false)],
        verify: Some(verify_alloc),
    }
}

fn verify_alloc(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let t = op.ty(op.result(0));
    let Some(p) = memref_parts(op.ctx, t) else {
        return Err(op.error(format_args!(
            "result must be a ranked memref, but is {}",
            ty_str(op.ctx, t)
        )));
    };
    let identity = match p.layout.map(|l| op.ctx.attr_kind(l)) {
        None => true,
        Some(AttrKind::AffineMap(m)) => m.is_identity(),
        Some(_) => false,
    };
    if !identity {
        return Err(op.error(format_args!(
            "result must have the identity layout (allocations are contiguous), but is {}",
            ty_str(op.ctx, t)
        )));
    }
    let dynamic = p.shape.iter().filter(|&&d| d == DYN).count();
    let n = op.body.num_operands(op.op);
    if n != dynamic {
        return Err(op.error(format_args!(
            "result type has {dynamic} dynamic dimensions, but {n} sizes are given"
        )));
    }
    for i in 0..n {
        let t = op.ty(op.operand(i));
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!(
                "size #{i} must be index, but is {}",
                ty_str(op.ctx, t)
            )));
        }
    }
    if let Some(a) = op.attr("alignment") {
        match int_value(op.ctx, a) {
            Some(v) if v > 0 && (v as u64).is_power_of_two() => {}
            _ => return Err(op.error("'alignment' must be a positive power of two (bytes)")),
        }
    }
    Ok(())
}

op! {
    /// Frees a buffer allocated by `loop.alloc` (MLIR's `memref.dealloc`). Every view of
    /// the allocation (the buffer itself and its subviews) becomes invalid: using one
    /// afterwards, or freeing it again, is an error.
    ///
    /// ```mlir
    /// "loop.dealloc"(%m) : (memref<4x8xf32>) -> ()
    /// ```
    pub struct DeallocOp = "loop.dealloc";
    summary: "free a buffer";
    operands: [memref];
    def: {
        operands: Arity::Exactly(1),
        results: Arity::Exactly(0),
        verify: Some(verify_dealloc),
    }
}

fn verify_dealloc(op: OpRef<'_>) -> Result<(), Diagnostic> {
    memref_operand(&op, 0, "operand").map(|_| ())
}

op! {
    /// Reads one element of a buffer (MLIR's `memref.load`): operands are the memref and
    /// one `index` per dimension; the result has the element type. An index outside
    /// `[0, size)` of its dimension is an error when it runs.
    ///
    /// ```mlir
    /// %v = "loop.load"(%m, %i, %j) : (memref<4x8xf32>, index, index) -> f32
    /// ```
    pub struct LoadOp = "loop.load";
    summary: "read an element of a buffer";
    operands: [memref];
    results: [result];
    def: {
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        verify: Some(verify_load),
    }
}

fn verify_load(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let p = memref_operand(&op, 0, "operand #0")?;
    verify_indices(&op, 1, p.shape.len())?;
    let r = op.ty(op.result(0));
    if r != p.elem {
        return Err(op.error(format_args!(
            "result type {} differs from the element type {}",
            ty_str(op.ctx, r),
            ty_str(op.ctx, p.elem)
        )));
    }
    Ok(())
}

op! {
    /// Writes one element of a buffer (MLIR's `memref.store`): operands are the value, the
    /// memref and one `index` per dimension. An index outside `[0, size)` of its dimension
    /// is an error when it runs.
    ///
    /// ```mlir
    /// "loop.store"(%v, %m, %i, %j) : (f32, memref<4x8xf32>, index, index) -> ()
    /// ```
    pub struct StoreOp = "loop.store";
    summary: "write an element of a buffer";
    operands: [value, memref];
    def: {
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(0),
        verify: Some(verify_store),
    }
}

fn verify_store(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let p = memref_operand(&op, 1, "operand #1")?;
    verify_indices(&op, 2, p.shape.len())?;
    let v = op.ty(op.operand(0));
    if v != p.elem {
        return Err(op.error(format_args!(
            "value type {} differs from the element type {}",
            ty_str(op.ctx, v),
            ty_str(op.ctx, p.elem)
        )));
    }
    Ok(())
}

op! {
    /// Copies every element of the source buffer to the target buffer (MLIR's
    /// `memref.copy`). Both have the same element type and shape (sizes must agree where
    /// both are static, and are checked when it runs otherwise); layouts and memory spaces
    /// may differ. When the two views overlap, the result is as if the source were read
    /// completely before the target is written.
    ///
    /// ```mlir
    /// "loop.copy"(%src, %dst) : (memref<4x8xf32>, memref<4x8xf32, strided<[16, 1], offset: ?>>) -> ()
    /// ```
    pub struct CopyOp = "loop.copy";
    summary: "copy a buffer into another";
    operands: [source, target];
    def: {
        operands: Arity::Exactly(2),
        results: Arity::Exactly(0),
        verify: Some(verify_copy),
    }
}

fn verify_copy(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let s = memref_operand(&op, 0, "source")?;
    let t = memref_operand(&op, 1, "target")?;
    if s.elem != t.elem {
        return Err(op.error(format_args!(
            "source element type {} differs from the target element type {}",
            ty_str(op.ctx, s.elem),
            ty_str(op.ctx, t.elem)
        )));
    }
    let same = s.shape.len() == t.shape.len()
        && s.shape
            .iter()
            .zip(&t.shape)
            .all(|(&a, &b)| dims_compatible(a, b));
    if !same {
        return Err(op.error(format_args!(
            "source shape {} differs from the target shape {}",
            shape_str(&s.shape),
            shape_str(&t.shape)
        )));
    }
    Ok(())
}
