//! Reusable [`TypeConstraint`]s and [`AttrConstraint`] predicates for op definitions
//! ("signless integer or index, or a vector/tensor of them", "float-like", ...), mirroring
//! MLIR's ODS type constraints.

use crate::{AttrKind, Attribute, Context, Type, TypeConstraint, TypeKind};

/// The element type of a vector or tensor, or the type itself for scalars.
pub fn element_or_self(ctx: &Context, t: Type) -> Type {
    match ctx.type_kind(t) {
        TypeKind::Vector { elem, .. }
        | TypeKind::RankedTensor { elem, .. }
        | TypeKind::UnrankedTensor(elem) => *elem,
        _ => t,
    }
}

fn is_signless_int_or_index(ctx: &Context, t: Type) -> bool {
    let k = ctx.type_kind(t);
    k.is_signless_integer() || k.is_index()
}

/// Any type.
pub const ANY: TypeConstraint = TypeConstraint {
    description: "any type",
    check: |_, _| true,
};

/// `iN`/`index`, or a vector/tensor of them.
pub const SIGNLESS_INT_OR_INDEX_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-integer-like",
    check: |ctx, t| is_signless_int_or_index(ctx, element_or_self(ctx, t)),
};

/// `iN` (not index), or a vector/tensor of them.
pub const SIGNLESS_INT_LIKE: TypeConstraint = TypeConstraint {
    description: "signless-integer-like (no index)",
    check: |ctx, t| ctx.type_kind(element_or_self(ctx, t)).is_signless_integer(),
};

/// A float type, or a vector/tensor of floats.
pub const FLOAT_LIKE: TypeConstraint = TypeConstraint {
    description: "floating-point-like",
    check: |ctx, t| ctx.type_kind(element_or_self(ctx, t)).is_float(),
};

/// `i1`, or a vector/tensor of `i1`.
pub const BOOL_LIKE: TypeConstraint = TypeConstraint {
    description: "bool-like (i1)",
    check: |ctx, t| {
        matches!(
            ctx.type_kind(element_or_self(ctx, t)),
            TypeKind::Integer {
                width: 1,
                signedness: crate::Signedness::Signless
            }
        )
    },
};

/// A signless integer, index or float, or a vector/tensor of them.
pub const NUMERIC_LIKE: TypeConstraint = TypeConstraint {
    description: "integer-, index- or float-like",
    check: |ctx, t| {
        let e = element_or_self(ctx, t);
        is_signless_int_or_index(ctx, e) || ctx.type_kind(e).is_float()
    },
};

/// A string attribute.
pub fn is_string(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::String { .. })
}
/// A type attribute holding a function type.
pub fn is_function_type_attr(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Type(t) if matches!(ctx.type_kind(*t), TypeKind::Function { .. }))
}
/// A symbol reference attribute.
pub fn is_symbol_ref(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::SymbolRef { .. })
}
/// An integer attribute.
pub fn is_integer(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Integer { .. })
}
/// An array attribute.
pub fn is_array(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Array(_))
}
/// A unit attribute.
pub fn is_unit(ctx: &Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::Unit)
}
/// Any attribute.
pub fn is_any(_: &Context, _: Attribute) -> bool {
    true
}
