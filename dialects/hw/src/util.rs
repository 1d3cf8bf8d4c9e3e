//! Helpers shared by the verifiers of the `hw` dialect (and by its lowering and interpreter):
//! reading vector and memref types and checking index operands.

use strata_dialect_loop::layout::{memref_parts, MemRefParts};
use strata_dialect_tensor::util::ty_str;
use strata_ir::{AttrConstraint, AttrKind, Attribute, Context, Diagnostic, OpRef, Type, TypeKind};

/// The shape and element type of a fixed-size (not scalable) vector type.
pub fn vector_parts(ctx: &Context, t: Type) -> Option<(Vec<i64>, Type)> {
    match ctx.type_kind(t) {
        TypeKind::Vector {
            shape,
            scalable,
            elem,
        } if !scalable.iter().any(|&s| s) => Some((shape.to_vec(), *elem)),
        _ => None,
    }
}

/// The number of lanes of a vector shape (saturating; shapes are small in practice).
pub fn lanes(shape: &[i64]) -> i64 {
    shape.iter().fold(1i64, |n, &d| n.saturating_mul(d))
}

/// Whether `t` is an integer, index or float scalar type.
pub fn is_scalar(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::Integer { .. } | TypeKind::Index | TypeKind::Float(_)
    )
}

/// Whether `t` is a float scalar type.
pub fn is_float(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Float(_))
}

/// Whether `t` is an integer or index scalar type.
pub fn is_integer(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Integer { .. } | TypeKind::Index)
}

/// Whether `t` is `i1`.
pub fn is_i1(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Integer { width: 1, .. })
}

/// The shape and element type of operand `i` of `op` (called `what`), which must be a
/// fixed-size vector.
pub fn vector_operand(
    op: &OpRef<'_>,
    i: usize,
    what: &str,
) -> Result<(Vec<i64>, Type), Diagnostic> {
    let t = op.ty(op.operand(i));
    vector_parts(op.ctx, t).ok_or_else(|| {
        op.error(format_args!(
            "{what} must be a fixed-size vector, but is {}",
            ty_str(op.ctx, t)
        ))
    })
}

/// The shape and element type of result `i` of `op`, which must be a fixed-size vector.
pub fn vector_result(op: &OpRef<'_>, i: usize) -> Result<(Vec<i64>, Type), Diagnostic> {
    let t = op.ty(op.result(i));
    vector_parts(op.ctx, t).ok_or_else(|| {
        op.error(format_args!(
            "result must be a fixed-size vector, but is {}",
            ty_str(op.ctx, t)
        ))
    })
}

/// The parts of operand `i` of `op`, which must be a ranked memref.
pub fn memref_operand(op: &OpRef<'_>, i: usize, what: &str) -> Result<MemRefParts, Diagnostic> {
    let t = op.ty(op.operand(i));
    memref_parts(op.ctx, t).ok_or_else(|| {
        op.error(format_args!(
            "{what} must be a ranked memref, but is {}",
            ty_str(op.ctx, t)
        ))
    })
}

/// Check that operands `from..from + rank` of `op` exist and are `index` values.
pub fn verify_indices(op: &OpRef<'_>, from: usize, rank: usize) -> Result<(), Diagnostic> {
    let total = op.body.num_operands(op.op);
    if total < from + rank {
        return Err(op.error(format_args!(
            "expects {rank} indices (the memref rank), but has {}",
            total.saturating_sub(from)
        )));
    }
    for i in from..from + rank {
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

/// Check that operand `i` of `op` is a mask: a vector of `i1` of `shape`.
pub fn verify_mask(op: &OpRef<'_>, i: usize, shape: &[i64]) -> Result<(), Diagnostic> {
    let t = op.ty(op.operand(i));
    match vector_parts(op.ctx, t) {
        Some((s, e)) if s == shape && is_i1(op.ctx, e) => Ok(()),
        _ => Err(op.error(format_args!(
            "mask must be a vector of i1 of shape {}, but is {}",
            shape_x(shape),
            ty_str(op.ctx, t)
        ))),
    }
}

/// `4x8` for a diagnostic.
pub fn shape_x(shape: &[i64]) -> String {
    let parts: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    parts.join("x")
}

/// A string attribute's value.
pub fn string_value(ctx: &Context, a: Attribute) -> Option<&str> {
    match ctx.attr_kind(a) {
        AttrKind::String { value, .. } => std::str::from_utf8(value).ok(),
        _ => None,
    }
}

fn is_string(ctx: &Context, a: Attribute) -> bool {
    string_value(ctx, a).is_some()
}

/// Constraint: a string attribute.
pub const fn string_c(name: &'static str, required: bool) -> AttrConstraint {
    AttrConstraint {
        name,
        required,
        description: "string attribute",
        check: is_string,
    }
}

/// Whether `op` is nested (at any depth) inside an op named `name`.
pub fn inside(op: &OpRef<'_>, name: &str) -> bool {
    let mut cur = op.body.parent_op(op.op);
    while let Some(p) = cur {
        if op.ctx.op_name_str(op.body.name(p)) == name {
            return true;
        }
        cur = op.body.parent_op(p);
    }
    false
}
