//! Folding helpers shared by the arith and math folders: wrapping results, looking through
//! defining ops, and element-wise constant folding of integer and float operands.

use crate::apint::IntWidth;
use crate::consts::{attr_type, fold_binary, fold_unary, operand_const, ElemKind};
use crate::util::{operand, result_ty};
use strata_ir::{Attribute, FloatKind, FoldResult, OpRef, Value};

/// What a folder returns.
pub type Folded = Option<Vec<FoldResult>>;

/// Fold to an existing value.
pub fn to_value(v: Value) -> Folded {
    Some(vec![FoldResult::Value(v)])
}

/// Fold a single-result op to a constant attribute, checking that the attribute has the
/// op's result type (a folder never produces a constant of the wrong type, even on broken
/// IR).
pub fn to_attr(op: &OpRef<'_>, a: Option<Attribute>) -> Folded {
    let a = a?;
    (attr_type(op.ctx, a)? == result_ty(op, 0)?).then(|| vec![FoldResult::Attr(a)])
}

/// The op defining `v` in the same body, as an [`OpRef`] (with the same parent chain).
pub fn defining<'a>(op: &OpRef<'a>, v: Value) -> Option<OpRef<'a>> {
    if !op.body.is_valid_value(v) {
        return None;
    }
    let d = op.body.defining_op(v)?;
    if op.body.is_erased(d) {
        return None;
    }
    Some(OpRef {
        ctx: op.ctx,
        body: op.body,
        op: d,
        parent: op.parent,
        region_override: None,
    })
}

/// The op defining `v` if it is named `name`.
pub fn defining_named<'a>(op: &OpRef<'a>, v: Value, name: &str) -> Option<OpRef<'a>> {
    defining(op, v).filter(|d| d.name() == name)
}

/// Constant-fold a same-type binary integer op.
pub fn int_binary(
    op: &OpRef<'_>,
    operands: &[Option<Attribute>],
    f: impl Fn(IntWidth, u128, u128) -> Option<u128>,
) -> Folded {
    let a = operand_const(op.ctx, operands, 0)?;
    let b = operand_const(op.ctx, operands, 1)?;
    let ElemKind::Int(w) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    to_attr(
        op,
        fold_binary(op.ctx, &a, &b, a.elem_ty, |x, y| f(w, x, y)),
    )
}

/// Constant-fold a same-type unary integer op.
pub fn int_unary(
    op: &OpRef<'_>,
    operands: &[Option<Attribute>],
    f: impl Fn(IntWidth, u128) -> Option<u128>,
) -> Folded {
    let a = operand_const(op.ctx, operands, 0)?;
    let ElemKind::Int(w) = a.kind else {
        return None;
    };
    to_attr(op, fold_unary(op.ctx, &a, a.elem_ty, |x| f(w, x)))
}

/// Constant-fold a same-type binary float op.
pub fn float_binary(
    op: &OpRef<'_>,
    operands: &[Option<Attribute>],
    f: impl Fn(FloatKind, u64, u64) -> Option<u64>,
) -> Folded {
    let a = operand_const(op.ctx, operands, 0)?;
    let b = operand_const(op.ctx, operands, 1)?;
    let ElemKind::Float(k) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    to_attr(
        op,
        fold_binary(op.ctx, &a, &b, a.elem_ty, |x, y| {
            f(k, x as u64, y as u64).map(u128::from)
        }),
    )
}

/// Constant-fold a same-type unary float op.
pub fn float_unary(
    op: &OpRef<'_>,
    operands: &[Option<Attribute>],
    f: impl Fn(FloatKind, u64) -> Option<u64>,
) -> Folded {
    let a = operand_const(op.ctx, operands, 0)?;
    let ElemKind::Float(k) = a.kind else {
        return None;
    };
    to_attr(
        op,
        fold_unary(op.ctx, &a, a.elem_ty, |x| f(k, x as u64).map(u128::from)),
    )
}

/// Constant-fold a same-type ternary float op (all three operands constant).
pub fn float_ternary(
    op: &OpRef<'_>,
    operands: &[Option<Attribute>],
    f: impl Fn(FloatKind, u64, u64, u64) -> Option<u64>,
) -> Folded {
    let a = operand_const(op.ctx, operands, 0)?;
    let b = operand_const(op.ctx, operands, 1)?;
    let c = operand_const(op.ctx, operands, 2)?;
    let ElemKind::Float(k) = a.kind else {
        return None;
    };
    if b.kind != a.kind
        || c.kind != a.kind
        || a.ty != b.ty
        || a.ty != c.ty
        || a.layout != b.layout
        || a.layout != c.layout
    {
        return None;
    }
    let n = match a.layout {
        crate::consts::Layout::Elements => crate::consts::num_elements(op.ctx, a.ty)?,
        _ => 1,
    };
    let values = (0..n)
        .map(|i| f(k, a.get(i)? as u64, b.get(i)? as u64, c.get(i)? as u64).map(u128::from))
        .collect::<Option<Vec<_>>>()?;
    let attr = match a.layout {
        crate::consts::Layout::Scalar => crate::consts::scalar_attr(op.ctx, a.ty, *values.first()?),
        _ => crate::consts::dense_attr(op.ctx, a.ty, &values),
    };
    to_attr(op, attr)
}

/// Whether operands `i` and `j` of `op` are the same SSA value.
pub fn same_operands(op: &OpRef<'_>, i: usize, j: usize) -> bool {
    matches!((operand(op, i), operand(op, j)), (Some(a), Some(b)) if a == b)
}
