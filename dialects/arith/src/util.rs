//! Shared helpers for the arith and math dialects: MLIR's type constraints (with their
//! diagnostic descriptions), defensive accessors for verifiers and folders, and the
//! verifiers of MLIR's shape traits (`SameOperandsAndResultShape`, `Elementwise`,
//! `AllTypesMatch`, `TypesMatchWith<i1 same shape>`).

use crate::consts::i1_same_shape;
use strata_ir::{Context, Diagnostic, OpRef, Signedness, Type, TypeConstraint, TypeKind, Value};

/// The element type of a vector or tensor (ranked or not), else the type itself.
pub fn element_or_self(ctx: &Context, t: Type) -> Type {
    match ctx.type_kind(t) {
        TypeKind::Vector { elem, .. }
        | TypeKind::RankedTensor { elem, .. }
        | TypeKind::UnrankedTensor(elem) => *elem,
        _ => t,
    }
}

fn is_signless_int(ctx: &Context, t: Type) -> bool {
    ctx.type_kind(t).is_signless_integer()
}

fn is_signless_int_or_index(ctx: &Context, t: Type) -> bool {
    let k = ctx.type_kind(t);
    k.is_signless_integer() || k.is_index()
}

fn is_i1(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::Integer {
            width: 1,
            signedness: Signedness::Signless
        }
    )
}

fn memref_elem(ctx: &Context, t: Type) -> Option<Type> {
    match ctx.type_kind(t) {
        TypeKind::MemRef { elem, .. } | TypeKind::UnrankedMemRef { elem, .. } => Some(*elem),
        _ => None,
    }
}

/// `SignlessIntegerOrIndexLike`.
pub const SIGNLESS_INT_OR_INDEX_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-integer-like",
    check: |ctx, t| is_signless_int_or_index(ctx, element_or_self(ctx, t)),
};

/// `SignlessFixedWidthIntegerLike` (no `index`).
pub const SIGNLESS_FIXED_WIDTH_INT_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-fixed-width-integer-like",
    check: |ctx, t| is_signless_int(ctx, element_or_self(ctx, t)),
};

/// `FloatLike`.
pub const FLOAT_LIKE: TypeConstraint = TypeConstraint {
    description: "floating-point-like",
    check: |ctx, t| ctx.type_kind(element_or_self(ctx, t)).is_float(),
};

/// `BoolLike`.
pub const BOOL_LIKE: TypeConstraint = TypeConstraint {
    description: "bool-like",
    check: |ctx, t| is_i1(ctx, element_or_self(ctx, t)),
};

/// `index_cast`'s operand/result constraint.
pub const INDEX_CAST_TYPE: TypeConstraint = TypeConstraint {
    description: "signless-integer-like or memref of signless-integer",
    check: |ctx, t| {
        is_signless_int_or_index(ctx, element_or_self(ctx, t))
            || memref_elem(ctx, t).is_some_and(|e| is_signless_int_or_index(ctx, e))
    },
};

/// `bitcast`'s operand/result constraint.
pub const BITCAST_TYPE: TypeConstraint = TypeConstraint {
    description: "signless-integer-or-float-like or memref of signless-integer or float",
    check: |ctx, t| {
        let ok = |e: Type| is_signless_int(ctx, e) || ctx.type_kind(e).is_float();
        ok(element_or_self(ctx, t)) || memref_elem(ctx, t).is_some_and(ok)
    },
};

/// Any type.
pub const ANY_TYPE: TypeConstraint = TypeConstraint {
    description: "any type",
    check: |_, _| true,
};

/// Print a type for a diagnostic.
pub fn ty_str(ctx: &Context, t: Type) -> String {
    strata_ir::text::print_type(ctx, t)
}

/// Operand `i`, if the op has that many.
pub fn operand(op: &OpRef<'_>, i: usize) -> Option<Value> {
    (i < op.body.num_operands(op.op)).then(|| op.body.operand(op.op, i))
}

/// Result `i`, if the op has that many.
pub fn result(op: &OpRef<'_>, i: usize) -> Option<Value> {
    op.body.results(op.op).get(i).copied()
}

/// Type of operand `i`.
pub fn operand_ty(op: &OpRef<'_>, i: usize) -> Option<Type> {
    operand(op, i).map(|v| op.ty(v))
}

/// Type of result `i`.
pub fn result_ty(op: &OpRef<'_>, i: usize) -> Option<Type> {
    result(op, i).map(|v| op.ty(v))
}

/// All operand types followed by all result types.
fn all_types(op: &OpRef<'_>) -> Vec<Type> {
    op.body
        .operands(op.op)
        .map(|v| op.body.value_type(v))
        .chain(
            op.body
                .results(op.op)
                .iter()
                .map(|&v| op.body.value_type(v)),
        )
        .collect()
}

/// Check an operand type constraint (`operand #i must be ..., but got '...'`).
pub fn check_operand(op: &OpRef<'_>, i: usize, c: TypeConstraint) -> Result<(), Diagnostic> {
    match operand_ty(op, i) {
        Some(t) if !(c.check)(op.ctx, t) => Err(op.error(format_args!(
            "operand #{i} must be {}, but got '{}'",
            c.description,
            ty_str(op.ctx, t)
        ))),
        _ => Ok(()),
    }
}

/// Check a result type constraint (`result #i must be ..., but got '...'`).
pub fn check_result(op: &OpRef<'_>, i: usize, c: TypeConstraint) -> Result<(), Diagnostic> {
    match result_ty(op, i) {
        Some(t) if !(c.check)(op.ctx, t) => Err(op.error(format_args!(
            "result #{i} must be {}, but got '{}'",
            c.description,
            ty_str(op.ctx, t)
        ))),
        _ => Ok(()),
    }
}

/// `AllTypesMatch`: the given types (operand or result by name) are equal.
pub fn all_types_match(
    op: &OpRef<'_>,
    names: &[&str],
    types: &[Option<Type>],
) -> Result<(), Diagnostic> {
    let first = types.first().copied().flatten();
    if types.iter().all(|t| t.is_some() && *t == first) {
        Ok(())
    } else {
        Err(op.error(format_args!(
            "failed to verify that all of {{{}}} have same type",
            names.join(", ")
        )))
    }
}

/// The static shape of a shaped type (`None` for non-shaped; `Some(None)` for unranked).
fn shape_of(ctx: &Context, t: Type) -> Option<Option<Vec<i64>>> {
    match ctx.type_kind(t) {
        TypeKind::Vector { shape, .. }
        | TypeKind::RankedTensor { shape, .. }
        | TypeKind::MemRef { shape, .. } => Some(Some(shape.to_vec())),
        TypeKind::UnrankedTensor(_) | TypeKind::UnrankedMemRef { .. } => Some(None),
        _ => None,
    }
}

/// MLIR's `verifyCompatibleShape` on two types: both shaped or neither; unranked matches
/// anything; equal ranks with each dimension equal or dynamic.
pub fn compatible_shapes(ctx: &Context, a: Type, b: Type) -> bool {
    match (shape_of(ctx, a), shape_of(ctx, b)) {
        (None, None) => true,
        (Some(None), Some(_)) | (Some(_), Some(None)) => true,
        (Some(Some(x)), Some(Some(y))) => {
            x.len() == y.len() && x.iter().zip(&y).all(|(&p, &q)| p == q || p < 0 || q < 0)
        }
        _ => false,
    }
}

/// `SameOperandsAndResultShape`.
pub fn same_operands_and_result_shape(op: &OpRef<'_>) -> Result<(), Diagnostic> {
    let tys = all_types(op);
    let Some(first) = operand_ty(op, 0) else {
        return Ok(());
    };
    if tys.iter().all(|&t| compatible_shapes(op.ctx, t, first)) {
        Ok(())
    } else {
        Err(op.error("requires the same shape for all operands and results"))
    }
}

/// `SameInputOutputTensorDims` of the arith casts: tensor dimensions of input and output
/// are identical (non-tensors count as having no dimensions).
pub fn same_tensor_dims(op: &OpRef<'_>) -> Result<(), Diagnostic> {
    let dims = |t: Option<Type>| -> Option<Option<Vec<i64>>> {
        let t = t?;
        Some(match op.ctx.type_kind(t) {
            TypeKind::RankedTensor { shape, .. } => Some(shape.to_vec()),
            TypeKind::UnrankedTensor(_) => None,
            _ => Some(Vec::new()),
        })
    };
    if dims(operand_ty(op, 0)) == dims(result_ty(op, 0)) {
        Ok(())
    } else {
        Err(op.error("failed to verify that input and output have the same tensor dimensions"))
    }
}

fn is_vector_or_tensor(ctx: &Context, t: Type) -> bool {
    let k = ctx.type_kind(t);
    k.is_vector() || k.is_tensor()
}

/// MLIR's `Elementwise` trait verifier.
pub fn elementwise(op: &OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let operands: Vec<Type> = op
        .body
        .operands(op.op)
        .map(|v| op.body.value_type(v))
        .filter(|&t| is_vector_or_tensor(ctx, t))
        .collect();
    let results: Vec<Type> = op
        .body
        .results(op.op)
        .iter()
        .map(|&v| op.body.value_type(v))
        .filter(|&t| is_vector_or_tensor(ctx, t))
        .collect();
    if operands.is_empty() && results.is_empty() {
        return Ok(());
    }
    if operands.is_empty() {
        return Err(
            op.error("if a result is non-scalar, then at least one operand must be non-scalar")
        );
    }
    if results.is_empty() {
        return Err(op.error(
            "if an operand is non-scalar, then there must be at least one non-scalar result",
        ));
    }
    if results.len() != op.body.results(op.op).len() {
        return Err(op.error("if an operand is non-scalar, then all results must be non-scalar"));
    }
    let all: Vec<Type> = operands.into_iter().chain(results).collect();
    let base = |t: Type| match ctx.type_kind(t) {
        TypeKind::Vector { .. } => 0,
        TypeKind::RankedTensor { .. } => 1,
        _ => 2,
    };
    let first = all[0];
    let same_base = all.iter().all(|&t| base(t) == base(first));
    let same_shape = all
        .iter()
        .all(|&a| all.iter().all(|&b| compatible_shapes(ctx, a, b)));
    if !same_base || !same_shape {
        return Err(
            op.error("all non-scalar operands/results must have the same shape and base type")
        );
    }
    Ok(())
}

/// `TypesMatchWith<"result type has i1 element type and same shape as operands">` between
/// operand `operand` and result 0.
pub fn result_is_i1_same_shape(op: &OpRef<'_>, operand: usize) -> Result<(), Diagnostic> {
    match (operand_ty(op, operand), result_ty(op, 0)) {
        (Some(a), Some(r)) if i1_same_shape(op.ctx, a) == r => Ok(()),
        _ => Err(op.error(
            "failed to verify that result type has i1 element type and same shape as operands",
        )),
    }
}

/// Result type inference: one result of the first operand's type.
pub fn infer_same(
    _: &Context,
    operands: &[Type],
    _: strata_ir::Attribute,
) -> Result<Vec<Type>, String> {
    operands
        .first()
        .map(|&t| vec![t])
        .ok_or_else(|| "expected at least one operand".to_string())
}

/// Result type inference: one `i1` result with the first operand's shape.
pub fn infer_i1_same_shape(
    ctx: &Context,
    operands: &[Type],
    _: strata_ir::Attribute,
) -> Result<Vec<Type>, String> {
    operands
        .first()
        .map(|&t| vec![i1_same_shape(ctx, t)])
        .ok_or_else(|| "expected at least one operand".to_string())
}

/// Result type inference: two results of the first operand's type.
pub fn infer_two_same(
    _: &Context,
    operands: &[Type],
    _: strata_ir::Attribute,
) -> Result<Vec<Type>, String> {
    operands
        .first()
        .map(|&t| vec![t, t])
        .ok_or_else(|| "expected at least one operand".to_string())
}
