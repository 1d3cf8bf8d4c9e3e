//! Attribute and type helpers shared by the tensor dialect's ops: dense `i64`/`i32` arrays,
//! arrays of affine maps and of strings, reassociation indices, ranked tensor types, and the
//! attribute constraints used in the op definitions.

use strata_ir::affine::AffineMap;
use strata_ir::{
    AttrConstraint, AttrKind, Attribute, Context, OpRef, Signedness, Type, TypeKind, Value,
};

/// A dynamic dimension, offset, size or stride (`?`, MLIR's `ShapedType::kDynamic`).
pub const DYN: i64 = strata_ir::types::DYNAMIC;

fn read_le(data: &[u8], i: usize, bytes: usize) -> Option<i64> {
    let chunk = data.get(i.checked_mul(bytes)?..i.checked_mul(bytes)?.checked_add(bytes)?)?;
    Some(match bytes {
        4 => i32::from_le_bytes(chunk.try_into().ok()?) as i64,
        8 => i64::from_le_bytes(chunk.try_into().ok()?),
        _ => return None,
    })
}

fn int_array(ctx: &Context, attr: Attribute, width: u32) -> Option<Vec<i64>> {
    let AttrKind::DenseArray { elem, len, data } = ctx.attr_kind(attr) else {
        return None;
    };
    if !matches!(ctx.type_kind(*elem), TypeKind::Integer { width: w, signedness: Signedness::Signless } if *w == width)
    {
        return None;
    }
    (0..*len as usize)
        .map(|i| read_le(data, i, width as usize / 8))
        .collect()
}

/// The elements of an `array<i64: ...>` attribute.
pub fn i64_array(ctx: &Context, attr: Attribute) -> Option<Vec<i64>> {
    int_array(ctx, attr, 64)
}

/// The elements of an `array<i32: ...>` attribute (`operandSegmentSizes`).
pub fn i32_array(ctx: &Context, attr: Attribute) -> Option<Vec<i64>> {
    int_array(ctx, attr, 32)
}

/// `array<i64: values>`.
pub fn i64_array_attr(ctx: &Context, values: &[i64]) -> Attribute {
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.i64(),
        len: values.len() as u32,
        data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    })
}

/// `array<i32: values>`.
pub fn i32_array_attr(ctx: &Context, values: &[i32]) -> Attribute {
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.i32(),
        len: values.len() as u32,
        data: values.iter().flat_map(|v| v.to_le_bytes()).collect(),
    })
}

/// The maps of an array of `affine_map` attributes.
pub fn affine_maps(ctx: &Context, attr: Attribute) -> Option<Vec<AffineMap>> {
    let AttrKind::Array(items) = ctx.attr_kind(attr) else {
        return None;
    };
    items
        .iter()
        .map(|&a| match ctx.attr_kind(a) {
            AttrKind::AffineMap(m) => Some(m.clone()),
            _ => None,
        })
        .collect()
}

/// `[affine_map<...>, ...]`.
pub fn affine_maps_attr(ctx: &Context, maps: &[AffineMap]) -> Attribute {
    let items: Vec<Attribute> = maps
        .iter()
        .map(|m| ctx.affine_map_attr(m.clone()))
        .collect();
    ctx.array_attr(&items)
}

/// The strings of an array of string attributes.
pub fn strings(ctx: &Context, attr: Attribute) -> Option<Vec<String>> {
    let AttrKind::Array(items) = ctx.attr_kind(attr) else {
        return None;
    };
    items
        .iter()
        .map(|&a| match ctx.attr_kind(a) {
            AttrKind::String { value, .. } => std::str::from_utf8(value).ok().map(str::to_string),
            _ => None,
        })
        .collect()
}

/// Reassociation indices: an array of arrays of integers (`[[0, 1], [2]]`).
pub fn reassociation(ctx: &Context, attr: Attribute) -> Option<Vec<Vec<i64>>> {
    let AttrKind::Array(groups) = ctx.attr_kind(attr) else {
        return None;
    };
    groups
        .iter()
        .map(|&g| match ctx.attr_kind(g) {
            AttrKind::Array(items) => items
                .iter()
                .map(|&i| match ctx.attr_kind(i) {
                    AttrKind::Integer { value, .. } => i64::try_from(*value).ok(),
                    _ => None,
                })
                .collect(),
            _ => None,
        })
        .collect()
}

/// An integer attribute's value.
pub fn int_value(ctx: &Context, attr: Attribute) -> Option<i64> {
    match ctx.attr_kind(attr) {
        AttrKind::Integer { value, .. } => i64::try_from(*value).ok(),
        _ => None,
    }
}

fn is_i64_array(ctx: &Context, a: Attribute) -> bool {
    i64_array(ctx, a).is_some()
}

/// Constraint: an `array<i64: ...>`.
pub const fn i64_array_c(name: &'static str, required: bool) -> AttrConstraint {
    AttrConstraint {
        name,
        required,
        description: "i64 dense array attribute",
        check: is_i64_array,
    }
}

fn is_i32_array(ctx: &Context, a: Attribute) -> bool {
    i32_array(ctx, a).is_some()
}

/// Constraint: `operandSegmentSizes = array<i32: ...>`.
pub const SEGMENTS_C: AttrConstraint = AttrConstraint {
    name: "operandSegmentSizes",
    required: true,
    description: "i32 dense array attribute",
    check: is_i32_array,
};

fn is_maps(ctx: &Context, a: Attribute) -> bool {
    affine_maps(ctx, a).is_some()
}

/// Constraint: `indexing_maps = [affine_map<...>, ...]`.
pub const MAPS_C: AttrConstraint = AttrConstraint {
    name: "indexing_maps",
    required: true,
    description: "array of affine maps",
    check: is_maps,
};

fn is_strings(ctx: &Context, a: Attribute) -> bool {
    strings(ctx, a).is_some()
}

/// Constraint: `iterator_types = ["parallel", "reduction", ...]`.
pub const ITERATORS_C: AttrConstraint = AttrConstraint {
    name: "iterator_types",
    required: true,
    description: "array of strings",
    check: is_strings,
};

fn is_reassociation(ctx: &Context, a: Attribute) -> bool {
    reassociation(ctx, a).is_some()
}

/// Constraint: `reassociation = [[0, 1], [2]]`.
pub const REASSOCIATION_C: AttrConstraint = AttrConstraint {
    name: "reassociation",
    required: true,
    description: "array of arrays of integers",
    check: is_reassociation,
};

fn is_int(ctx: &Context, a: Attribute) -> bool {
    int_value(ctx, a).is_some()
}

/// Constraint: an integer attribute.
pub const fn int_c(name: &'static str, required: bool) -> AttrConstraint {
    AttrConstraint {
        name,
        required,
        description: "integer attribute",
        check: is_int,
    }
}

fn is_unit(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Unit)
}

/// Constraint: a unit attribute (a flag).
pub const fn unit_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: "unit attribute",
        check: is_unit,
    }
}

/// The shape and element type of a ranked tensor type.
pub fn ranked(ctx: &Context, t: Type) -> Option<(&[i64], Type)> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, elem, .. } => Some((shape, *elem)),
        _ => None,
    }
}

/// The shape and element type of a ranked tensor or ranked memref type (the operands of a
/// structured op in tensor or buffer form).
pub fn shaped(ctx: &Context, t: Type) -> Option<(&[i64], Type)> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, elem, .. } => Some((shape, *elem)),
        TypeKind::MemRef { shape, elem, .. } => Some((shape, *elem)),
        _ => None,
    }
}

/// Whether `t` is a ranked memref type.
pub fn is_memref(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::MemRef { .. })
}

/// Whether `t` is a scalar usable in a structured op's body (integer, index or float).
pub fn is_scalar(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::Integer { .. } | TypeKind::Index | TypeKind::Float(_)
    )
}

/// Whether `t` is a float type.
pub fn is_float(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Float(_))
}

/// The element type of a ranked tensor, or the type itself for a scalar.
pub fn elem_or_scalar(ctx: &Context, t: Type) -> Option<Type> {
    match ranked(ctx, t) {
        Some((_, e)) => Some(e),
        None => is_scalar(ctx, t).then_some(t),
    }
}

/// Print a type for a diagnostic.
pub fn ty_str(ctx: &Context, t: Type) -> String {
    strata_ir::text::print_type(ctx, t)
}

/// Print a shape as `2x?x3`.
pub fn shape_str(shape: &[i64]) -> String {
    let parts: Vec<String> = shape
        .iter()
        .map(|&d| {
            if d == DYN {
                "?".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    parts.join("x")
}

/// The operand values of `op`.
pub fn operands(op: &OpRef<'_>) -> Vec<Value> {
    op.body.operands(op.op).collect()
}

/// The types of `op`'s operands.
pub fn operand_types(op: &OpRef<'_>) -> Vec<Type> {
    op.body
        .operands(op.op)
        .map(|v| op.body.value_type(v))
        .collect()
}

/// The types of `op`'s results.
pub fn result_types(op: &OpRef<'_>) -> Vec<Type> {
    op.body
        .results(op.op)
        .iter()
        .map(|&v| op.body.value_type(v))
        .collect()
}

/// `op`'s attribute `name` as an `array<i64>`; `Ok(None)` when absent, `Err` when of another
/// kind.
pub fn i64s_attr(op: &OpRef<'_>, name: &str) -> Result<Option<Vec<i64>>, String> {
    match op.attr(name) {
        None => Ok(None),
        Some(a) => i64_array(op.ctx, a)
            .map(Some)
            .ok_or_else(|| format!("attribute '{name}' must be an array<i64>")),
    }
}

/// Whether two dimensions may be equal (either is dynamic or they are equal).
pub fn dims_compatible(a: i64, b: i64) -> bool {
    a == DYN || b == DYN || a == b
}
