//! Register-level vector ops (MLIR's `vector.broadcast`, `vector.fma`, `vector.reduction`,
//! `vector.shuffle`, `vector.transpose`, `vector.create_mask`, `vector.extract` and
//! `vector.insert` with a dynamic position). `arith` and `math` ops already apply to vectors
//! element-wise, so the dialect has no element-wise ops of its own besides `hw.fma`.

use crate::util::{
    is_float, is_i1, is_integer, is_scalar, shape_x, string_c, string_value, vector_operand,
    vector_result,
};
use strata_dialect_tensor::util::{i64_array, i64_array_c, ty_str};
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits, TypeKind};

op! {
    /// Broadcasts a scalar to every lane of a vector (MLIR's `vector.broadcast` from a
    /// scalar). The operand has the result's element type.
    ///
    /// ```mlir
    /// %v = "hw.broadcast"(%x) : (f32) -> vector<8xf32>
    /// ```
    pub struct BroadcastOp = "hw.broadcast";
    summary: "scalar to every lane";
    operands: [source];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_broadcast),
    }
}

fn verify_broadcast(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (_, elem) = vector_result(&op, 0)?;
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
    /// Fused multiply-add of float vectors, lane by lane: `a * b + c` with one rounding
    /// (MLIR's `vector.fma`, the element-wise `math.fma`). All operands and the result have
    /// the same type.
    ///
    /// ```mlir
    /// %d = "hw.fma"(%a, %b, %c) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    /// ```
    pub struct FmaOp = "hw.fma";
    summary: "fused multiply-add of vectors";
    operands: [lhs, rhs, acc];
    results: [result];
    def: {
        traits: Traits::PURE.with(Traits::ELEMENTWISE),
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_fma),
    }
}

fn verify_fma(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (_, elem) = vector_result(&op, 0)?;
    if !is_float(op.ctx, elem) {
        return Err(op.error(format_args!(
            "expects a vector of floats, but the result is {}",
            ty_str(op.ctx, op.ty(op.result(0)))
        )));
    }
    let r = op.ty(op.result(0));
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

/// The combining function of `hw.reduction` (MLIR's `#vector.kind`), named by the arith op
/// that combines two elements.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReductionKind {
    /// `addi` / `addf`.
    Add,
    /// `muli` / `mulf`.
    Mul,
    /// `minsi`.
    MinSI,
    /// `minui`.
    MinUI,
    /// `maxsi`.
    MaxSI,
    /// `maxui`.
    MaxUI,
    /// `minnumf`.
    MinNumF,
    /// `maxnumf`.
    MaxNumF,
    /// `minimumf`.
    MinimumF,
    /// `maximumf`.
    MaximumF,
    /// `andi`.
    And,
    /// `ori`.
    Or,
    /// `xori`.
    Xor,
}

impl ReductionKind {
    /// Every kind with its attribute spelling.
    pub const ALL: &'static [(&'static str, ReductionKind)] = &[
        ("add", ReductionKind::Add),
        ("mul", ReductionKind::Mul),
        ("minsi", ReductionKind::MinSI),
        ("minui", ReductionKind::MinUI),
        ("maxsi", ReductionKind::MaxSI),
        ("maxui", ReductionKind::MaxUI),
        ("minnumf", ReductionKind::MinNumF),
        ("maxnumf", ReductionKind::MaxNumF),
        ("minimumf", ReductionKind::MinimumF),
        ("maximumf", ReductionKind::MaximumF),
        ("and", ReductionKind::And),
        ("or", ReductionKind::Or),
        ("xor", ReductionKind::Xor),
    ];

    /// The kind spelled `s`.
    pub fn parse(s: &str) -> Option<ReductionKind> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|&(_, k)| k)
    }

    /// The attribute spelling.
    pub fn name(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("add", |&(n, _)| n)
    }

    /// The arith op combining two elements, for float or integer elements; `None` when the
    /// kind does not apply to that element type.
    pub fn arith_op(self, float: bool) -> Option<&'static str> {
        use ReductionKind::*;
        Some(match (self, float) {
            (Add, true) => "arith.addf",
            (Add, false) => "arith.addi",
            (Mul, true) => "arith.mulf",
            (Mul, false) => "arith.muli",
            (MinSI, false) => "arith.minsi",
            (MinUI, false) => "arith.minui",
            (MaxSI, false) => "arith.maxsi",
            (MaxUI, false) => "arith.maxui",
            (And, false) => "arith.andi",
            (Or, false) => "arith.ori",
            (Xor, false) => "arith.xori",
            (MinNumF, true) => "arith.minnumf",
            (MaxNumF, true) => "arith.maxnumf",
            (MinimumF, true) => "arith.minimumf",
            (MaximumF, true) => "arith.maximumf",
            _ => return None,
        })
    }
}

op! {
    /// Reduces the lanes of a 1-D vector to a scalar (MLIR's `vector.reduction`).
    ///
    /// `kind` names the combining function: `add`, `mul` (integers or floats), `minsi`,
    /// `minui`, `maxsi`, `maxui`, `and`, `or`, `xor` (integers), `minnumf`, `maxnumf`,
    /// `minimumf`, `maximumf` (floats); each combines two elements like the arith op of
    /// that name. Operands are the vector and optionally an accumulator of the element
    /// type; the result has the element type.
    ///
    /// The order is fixed, so results are reproducible bit for bit (floats included):
    /// sequential from lane 0, `r = acc; r = r op v[0]; r = r op v[1]; ...` with an
    /// accumulator, and `r = v[0]; r = r op v[1]; ...` without one. A target must keep this
    /// order for floats (no tree reduction).
    ///
    /// ```mlir
    /// %s = "hw.reduction"(%v) <{kind = "add"}> : (vector<8xf32>) -> f32
    /// %m = "hw.reduction"(%w, %acc) <{kind = "maxsi"}> : (vector<4xi32>, i32) -> i32
    /// ```
    pub struct ReductionOp = "hw.reduction";
    summary: "reduce the lanes of a vector in a fixed order";
    operands: [vector];
    results: [result];
    attrs: [kind = "kind"];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[string_c("kind", true)],
        verify: Some(verify_reduction),
    }
}

impl ReductionOp<'_> {
    /// The reduction kind, when the attribute names one.
    pub fn reduction_kind(&self) -> Option<ReductionKind> {
        let a = self.0.attr("kind")?;
        ReductionKind::parse(string_value(self.0.ctx, a)?)
    }
}

fn verify_reduction(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (shape, elem) = vector_operand(&op, 0, "operand #0")?;
    if shape.len() != 1 {
        return Err(op.error(format_args!(
            "vector must be 1-D, but is vector<{}x{}>",
            shape_x(&shape),
            ty_str(op.ctx, elem)
        )));
    }
    let n = op.body.num_operands(op.op);
    if n > 2 {
        return Err(op.error(format_args!(
            "expects a vector and an optional accumulator, but has {n} operands"
        )));
    }
    let r = op.ty(op.result(0));
    if r != elem {
        return Err(op.error(format_args!(
            "result type {} differs from the element type {}",
            ty_str(op.ctx, r),
            ty_str(op.ctx, elem)
        )));
    }
    if n == 2 && op.ty(op.operand(1)) != elem {
        return Err(op.error(format_args!(
            "accumulator type {} differs from the element type {}",
            ty_str(op.ctx, op.ty(op.operand(1))),
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

op! {
    /// Picks lanes from two 1-D vectors (MLIR's `vector.shuffle`). `mask` lists, for each
    /// result lane, an index into the concatenation of the two operands (`0..n1` picks from
    /// the first, `n1..n1+n2` from the second). The operands have the same element type;
    /// the result has `len(mask)` lanes.
    ///
    /// ```mlir
    /// %r = "hw.shuffle"(%a, %b) <{mask = array<i64: 0, 4, 1, 5>}> : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
    /// ```
    pub struct ShuffleOp = "hw.shuffle";
    summary: "pick lanes of two vectors";
    operands: [v1, v2];
    results: [result];
    attrs: [mask = "mask"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("mask", true)],
        verify: Some(verify_shuffle),
    }
}

fn verify_shuffle(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (s1, e1) = vector_operand(&op, 0, "operand #0")?;
    let (s2, e2) = vector_operand(&op, 1, "operand #1")?;
    let (rs, re) = vector_result(&op, 0)?;
    if s1.len() != 1 || s2.len() != 1 || rs.len() != 1 {
        return Err(op.error("operands and result must be 1-D vectors"));
    }
    if e1 != e2 || re != e1 {
        return Err(op.error("operands and result must have the same element type"));
    }
    let mask = op
        .attr("mask")
        .and_then(|a| i64_array(op.ctx, a))
        .unwrap_or_default();
    if mask.len() as i64 != rs[0] {
        return Err(op.error(format_args!(
            "mask has {} entries, but the result has {} lanes",
            mask.len(),
            rs[0]
        )));
    }
    let total = s1[0].saturating_add(s2[0]);
    if let Some(bad) = mask.iter().find(|&&m| m < 0 || m >= total) {
        return Err(op.error(format_args!("mask index {bad} is outside [0, {total})")));
    }
    Ok(())
}

op! {
    /// Permutes the dimensions of a vector (MLIR's `vector.transpose`): result dimension `d`
    /// is operand dimension `permutation[d]`, and result lane `(i0, .., in-1)` is the
    /// operand lane whose index in dimension `permutation[d]` is `id`.
    ///
    /// ```mlir
    /// %t = "hw.transpose"(%m) <{permutation = array<i64: 1, 0>}> : (vector<4x8xf32>) -> vector<8x4xf32>
    /// ```
    pub struct TransposeOp = "hw.transpose";
    summary: "permute the dimensions of a vector";
    operands: [vector];
    results: [result];
    attrs: [permutation = "permutation"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        attrs: &[i64_array_c("permutation", true)],
        verify: Some(verify_transpose),
    }
}

fn verify_transpose(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let (s, e) = vector_operand(&op, 0, "operand")?;
    let (rs, re) = vector_result(&op, 0)?;
    let perm = op
        .attr("permutation")
        .and_then(|a| i64_array(op.ctx, a))
        .unwrap_or_default();
    let mut seen = vec![false; s.len()];
    let valid = perm.len() == s.len()
        && perm.iter().all(|&p| {
            usize::try_from(p)
                .ok()
                .and_then(|p| seen.get_mut(p))
                .is_some_and(|x| !std::mem::replace(x, true))
        });
    if !valid {
        return Err(op.error(format_args!(
            "'permutation' must be a permutation of 0..{}",
            s.len()
        )));
    }
    let want: Vec<i64> = perm.iter().map(|&p| s[p as usize]).collect();
    if re != e || rs != want {
        return Err(op.error(format_args!(
            "result type {} differs from the transposed type vector<{}x{}>",
            ty_str(op.ctx, op.ty(op.result(0))),
            shape_x(&want),
            ty_str(op.ctx, e)
        )));
    }
    Ok(())
}

op! {
    /// A mask whose first `k` lanes are set (MLIR's `vector.create_mask`, 1-D): lane `l` is
    /// `l < k`, so `k <= 0` gives no lanes and `k >= n` all of them.
    ///
    /// ```mlir
    /// %m = "hw.create_mask"(%k) : (index) -> vector<8xi1>
    /// ```
    pub struct CreateMaskOp = "hw.create_mask";
    summary: "mask with the first k lanes set";
    operands: [count];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_create_mask),
    }
}

fn verify_create_mask(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let t = op.ty(op.operand(0));
    if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
        return Err(op.error(format_args!(
            "operand must be index, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    let (s, e) = vector_result(&op, 0)?;
    if s.len() != 1 || !is_i1(op.ctx, e) {
        return Err(op.error(format_args!(
            "result must be a 1-D vector of i1, but is {}",
            ty_str(op.ctx, op.ty(op.result(0)))
        )));
    }
    Ok(())
}

op! {
    /// Reads lane `i` of a 1-D vector (MLIR's `vector.extract` with a dynamic position).
    /// The position is an `index` operand; one outside `[0, n)` is an error when it runs.
    ///
    /// ```mlir
    /// %x = "hw.extract"(%v, %i) : (vector<8xf32>, index) -> f32
    /// ```
    pub struct ExtractOp = "hw.extract";
    summary: "read one lane";
    operands: [vector, position];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        verify: Some(verify_extract),
    }
}

fn verify_lane(op: &OpRef<'_>, vec: usize, pos: usize) -> Result<strata_ir::Type, Diagnostic> {
    let (s, e) = vector_operand(op, vec, &format!("operand #{vec}"))?;
    if s.len() != 1 {
        return Err(op.error(format_args!(
            "vector must be 1-D, but is vector<{}x{}>",
            shape_x(&s),
            ty_str(op.ctx, e)
        )));
    }
    let t = op.ty(op.operand(pos));
    if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
        return Err(op.error(format_args!(
            "position must be index, but is {}",
            ty_str(op.ctx, t)
        )));
    }
    Ok(e)
}

fn verify_extract(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let e = verify_lane(&op, 0, 1)?;
    let r = op.ty(op.result(0));
    if r != e {
        return Err(op.error(format_args!(
            "result type {} differs from the element type {}",
            ty_str(op.ctx, r),
            ty_str(op.ctx, e)
        )));
    }
    Ok(())
}

op! {
    /// Replaces lane `i` of a 1-D vector (MLIR's `vector.insert` with a dynamic position):
    /// operands are the scalar, the vector and the position (`index`); the result has the
    /// vector's type. A position outside `[0, n)` is an error when it runs.
    ///
    /// ```mlir
    /// %w = "hw.insert"(%x, %v, %i) : (f32, vector<8xf32>, index) -> vector<8xf32>
    /// ```
    pub struct InsertOp = "hw.insert";
    summary: "replace one lane";
    operands: [source, dest, position];
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_insert),
    }
}

fn verify_insert(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let e = verify_lane(&op, 1, 2)?;
    let s = op.ty(op.operand(0));
    if s != e || !is_scalar(op.ctx, s) {
        return Err(op.error(format_args!(
            "inserted value type {} differs from the element type {}",
            ty_str(op.ctx, s),
            ty_str(op.ctx, e)
        )));
    }
    let (r, d) = (op.ty(op.result(0)), op.ty(op.operand(1)));
    if r != d {
        return Err(op.error(format_args!(
            "result type {} differs from the vector type {}",
            ty_str(op.ctx, r),
            ty_str(op.ctx, d)
        )));
    }
    Ok(())
}
