//! Native-register vector ops: `cpu.vload` / `cpu.vstore` (contiguous, with an optional
//! mask for remainders), `cpu.vbroadcast`, `cpu.vfma` and `cpu.vreduce` (fixed sequential
//! lane order). Every vector must fit one register of the enclosing `cpu.target`
//! ([`crate::target::check_vector`]). Element-wise arithmetic on native vectors is the
//! `arith` and `math` ops, as in `hw`.

use crate::target::{check_vector, enclosing_target};
use strata_dialect_hw::util::{
    is_float, is_i1, is_integer, memref_operand, string_c, string_value, vector_parts,
    verify_indices,
};
use strata_dialect_hw::ReductionKind;
use strata_dialect_loop::layout::strides_and_offset;
use strata_dialect_tensor::util::ty_str;
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits, Type};

/// Check the memref operand `mem`, its indices and the optional mask after them for a
/// vector `vty` (already checked): same element type, unit innermost stride, `index`
/// indices, and a mask (when present) of `i1` with one lane per vector lane.
fn verify_access(op: &OpRef<'_>, mem: usize, vty: (Vec<i64>, Type)) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let (shape, elem) = vty;
    let t = op.ty(op.operand(mem));
    let p = memref_operand(op, mem, "the memref operand")?;
    if p.elem != elem {
        return Err(op.error(format_args!(
            "vector element type {} differs from the memref element type {}",
            ty_str(ctx, elem),
            ty_str(ctx, p.elem)
        )));
    }
    let rank = p.shape.len();
    let n = op.body.num_operands(op.op);
    if n != mem + 1 + rank && n != mem + 2 + rank {
        return Err(op.error(format_args!(
            "expects {rank} indices (the memref rank) and an optional mask, but has {} more operands",
            n - mem - 1
        )));
    }
    verify_indices(op, mem + 1, rank)?;
    if n == mem + 2 + rank {
        let m = op.ty(op.operand(n - 1));
        match vector_parts(ctx, m) {
            Some((s, e)) if s == shape && is_i1(ctx, e) => {}
            _ => {
                return Err(op.error(format_args!(
                    "mask must be a vector of i1 with one lane per vector lane, but is {}",
                    ty_str(ctx, m)
                )))
            }
        }
    }
    let (strides, _) = strides_and_offset(ctx, t).map_err(|e| op.error(e))?;
    if rank == 0 || strides.last() != Some(&1) {
        return Err(op.error(format_args!(
            "memref must have a unit innermost stride, but is {}",
            ty_str(ctx, t)
        )));
    }
    Ok(())
}

op! {
    /// Loads one native vector register from consecutive elements along the innermost
    /// dimension of a memref with unit innermost stride (x86 `vmovups`, NEON `ld1`).
    ///
    /// Operands are the memref, one `index` per dimension (the position of lane 0) and
    /// optionally a mask (`vector<Nxi1>`). Without a mask every lane must be inside the
    /// memref (an error when it runs otherwise). With one, a lane whose mask bit is set
    /// must be inside and is loaded; a lane whose bit is clear is zero and its position is
    /// not read (it may be outside: the remainder of a loop). The vector must fit one
    /// register of the enclosing `cpu.target`.
    ///
    /// ```mlir
    /// %v = "cpu.vload"(%m, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>
    /// %w = "cpu.vload"(%m, %i, %j, %mask) : (memref<4x16xf32>, index, index, vector<8xi1>) -> vector<8xf32>
    /// ```
    pub struct VLoadOp = "cpu.vload";
    summary: "load a native vector register, optionally masked";
    operands: [source];
    results: [result];
    def: {
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        verify: Some(verify_vload),
    }
}

fn verify_vload(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let target = enclosing_target(&op)?;
    let v = check_vector(&op, &target, op.ty(op.result(0)), "result")?;
    verify_access(&op, 0, v)
}

op! {
    /// Stores one native vector register to consecutive elements along the innermost
    /// dimension of a memref with unit innermost stride. Operands are the vector, the
    /// memref, one `index` per dimension and optionally a mask: only lanes whose bit is set
    /// are written (and must be inside the memref); without a mask every lane is.
    ///
    /// ```mlir
    /// "cpu.vstore"(%v, %m, %i, %j) : (vector<8xf32>, memref<4x16xf32>, index, index) -> ()
    /// "cpu.vstore"(%v, %m, %i, %j, %mask) : (vector<8xf32>, memref<4x16xf32>, index, index, vector<8xi1>) -> ()
    /// ```
    pub struct VStoreOp = "cpu.vstore";
    summary: "store a native vector register, optionally masked";
    operands: [vector, target];
    def: {
        operands: Arity::AtLeast(2),
        results: Arity::Exactly(0),
        verify: Some(verify_vstore),
    }
}

fn verify_vstore(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let target = enclosing_target(&op)?;
    let v = check_vector(&op, &target, op.ty(op.operand(0)), "operand #0")?;
    verify_access(&op, 1, v)
}

op! {
    /// Broadcasts a scalar to every lane of a native vector (x86 `vbroadcastss`, NEON
    /// `dup`). The operand has the result's element type.
    ///
    /// ```mlir
    /// %v = "cpu.vbroadcast"(%x) : (f32) -> vector<8xf32>
    /// ```
    pub struct VBroadcastOp = "cpu.vbroadcast";
    summary: "scalar to every lane of a native vector";
    operands: [source];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_vbroadcast),
    }
}

fn verify_vbroadcast(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let target = enclosing_target(&op)?;
    let (_, elem) = check_vector(&op, &target, op.ty(op.result(0)), "result")?;
    let s = op.ty(op.operand(0));
    if s != elem {
        return Err(op.error(format_args!(
            "operand type {} differs from the result element type {}",
            ty_str(op.ctx, s),
            ty_str(op.ctx, elem)
        )));
    }
    Ok(())
}

op! {
    /// Fused multiply-add of native float vectors, lane by lane: `a * b + c` with one
    /// rounding (x86 `vfmadd231ps`, NEON `fmla`; the C code keeps it fused with `fma`/
    /// `fmaf` per lane when the features have no FMA unit). All operands and the result
    /// have the same type.
    ///
    /// ```mlir
    /// %d = "cpu.vfma"(%a, %b, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    /// ```
    pub struct VFmaOp = "cpu.vfma";
    summary: "fused multiply-add of native vectors";
    operands: [lhs, rhs, acc];
    results: [result];
    def: {
        traits: Traits::PURE.with(Traits::ELEMENTWISE),
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_vfma),
    }
}

fn verify_vfma(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let target = enclosing_target(&op)?;
    let r = op.ty(op.result(0));
    let (_, elem) = check_vector(&op, &target, r, "result")?;
    if !is_float(op.ctx, elem) {
        return Err(op.error(format_args!(
            "expects a vector of floats, but the result is {}",
            ty_str(op.ctx, r)
        )));
    }
    for i in 0..3 {
        let t = op.ty(op.operand(i));
        if t != r {
            return Err(op.error(format_args!(
                "operand #{i} type {} differs from the result type {}",
                ty_str(op.ctx, t),
                ty_str(op.ctx, r)
            )));
        }
    }
    Ok(())
}

op! {
    /// Reduces the lanes of a native vector to a scalar in a fixed order, like
    /// `hw.reduction`: sequential from lane 0, `r = acc; r = r op v[0]; r = r op v[1]; ...`
    /// with an accumulator and `r = v[0]; r = r op v[1]; ...` without one, each step
    /// rounded like the arith op `kind` names (`add`, `mul`, `minsi`, `minui`, `maxsi`,
    /// `maxui`, `and`, `or`, `xor`, `minnumf`, `maxnumf`, `minimumf`, `maximumf`). The
    /// order is part of the semantics, so results are bit-exact (no tree reduction for
    /// floats).
    ///
    /// ```mlir
    /// %s = "cpu.vreduce"(%v) <{kind = "add"}> : (vector<8xf32>) -> f32
    /// %m = "cpu.vreduce"(%w, %acc) <{kind = "maxsi"}> : (vector<8xi32>, i32) -> i32
    /// ```
    pub struct VReduceOp = "cpu.vreduce";
    summary: "reduce the lanes of a native vector in a fixed order";
    operands: [vector];
    results: [result];
    attrs: [kind = "kind"];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[string_c("kind", true)],
        verify: Some(verify_vreduce),
    }
}

impl VReduceOp<'_> {
    /// The reduction kind, when the attribute names one.
    pub fn reduction_kind(&self) -> Option<ReductionKind> {
        let a = self.0.attr("kind")?;
        ReductionKind::parse(string_value(self.0.ctx, a)?)
    }
}

fn verify_vreduce(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let target = enclosing_target(&op)?;
    let (_, elem) = check_vector(&op, &target, op.ty(op.operand(0)), "operand #0")?;
    let n = op.body.num_operands(op.op);
    if n > 2 {
        return Err(op.error(format_args!(
            "expects a vector and an optional accumulator, but has {n} operands"
        )));
    }
    let r = op.ty(op.result(0));
    if r != elem || (n == 2 && op.ty(op.operand(1)) != elem) {
        return Err(op.error(format_args!(
            "result and accumulator must have the element type {}",
            ty_str(op.ctx, elem)
        )));
    }
    let name = op
        .attr("kind")
        .and_then(|a| string_value(op.ctx, a))
        .unwrap_or("");
    let Some(kind) = ReductionKind::parse(name) else {
        let all: Vec<&str> = ReductionKind::ALL.iter().map(|(n, _)| *n).collect();
        return Err(op.error(format_args!(
            "unknown reduction kind \"{name}\" (expected one of {})",
            all.join(", ")
        )));
    };
    let float = is_float(op.ctx, elem);
    if !(float || is_integer(op.ctx, elem)) || kind.arith_op(float).is_none() {
        return Err(op.error(format_args!(
            "reduction kind \"{name}\" does not apply to {}",
            ty_str(op.ctx, elem)
        )));
    }
    Ok(())
}
