//! Sequence and optional values (ONNX `seq(tensor)` and `optional(T)`): the dialect types
//! `!graph.seq<T>` and `!graph.opt<T>`, and the ops that build and take them apart.
//!
//! **Types.** `!graph.seq<T>` is an ordered list of tensors, each a value of tensor type `T`
//! (ranked or unranked: elements may differ in their dynamic dimensions). `!graph.opt<T>` is
//! either empty or holds one value of type `T`, a tensor or a sequence type. Both are dialect
//! types held by the IR core as opaque `!graph.<body>` types, so they print and parse with
//! the generic printer and parser; this module is the one place that builds
//! ([`seq_type`], [`opt_type`]) and reads ([`seq_elem`], [`opt_elem`]) them, always in the
//! canonical spelling `seq<` + printed element type + `>`.
//!
//! ```mlir
//! %s = "graph.sequence_construct"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
//! %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
//! %o = "graph.optional"(%s) : (!graph.seq<tensor<?xf32>>) -> !graph.opt<!graph.seq<tensor<?xf32>>>
//! ```
//!
//! Element typing rule: a tensor `x` fits element type `T` when both have the same element
//! type and, if both are ranked, the same rank and compatible dimensions
//! ([`tensor_fits`]). Ops that add tensors to a sequence type their result with the join of
//! the element types ([`join_tensor`]: differing dimensions become `?`, differing ranks give
//! an unranked tensor).

use crate::util::{ranked, ty_str};
use strata_ir::{Context, Type, TypeKind};

/// `!graph.seq<elem>`.
pub fn seq_type(ctx: &Context, elem: Type) -> Type {
    wrap(ctx, "seq", elem)
}

/// `!graph.opt<elem>`.
pub fn opt_type(ctx: &Context, elem: Type) -> Type {
    wrap(ctx, "opt", elem)
}

fn wrap(ctx: &Context, kind: &str, elem: Type) -> Type {
    let body = format!("{kind}<{}>", ty_str(ctx, elem));
    ctx.ty(TypeKind::Opaque {
        dialect: ctx.sym("graph"),
        body: body.into(),
    })
}

fn unwrap(ctx: &Context, kind: &str, t: Type) -> Option<Type> {
    let TypeKind::Opaque { dialect, body } = ctx.type_kind(t) else {
        return None;
    };
    if ctx.str(*dialect) != "graph" {
        return None;
    }
    let inner = body
        .strip_prefix(kind)?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')?;
    strata_ir::text::parse_type(ctx, inner).ok()
}

/// The element type of `!graph.seq<T>`, or `None` when `t` is not a sequence type.
pub fn seq_elem(ctx: &Context, t: Type) -> Option<Type> {
    unwrap(ctx, "seq", t).filter(|&e| is_tensor(ctx, e))
}

/// The element type of `!graph.opt<T>`, or `None` when `t` is not an optional type.
pub fn opt_elem(ctx: &Context, t: Type) -> Option<Type> {
    unwrap(ctx, "opt", t).filter(|&e| is_tensor(ctx, e) || seq_elem(ctx, e).is_some())
}

/// Whether `t` is a ranked or unranked tensor type.
pub fn is_tensor(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::RankedTensor { .. } | TypeKind::UnrankedTensor(_)
    )
}

/// The element type of a (ranked or unranked) tensor type.
fn tensor_elem(ctx: &Context, t: Type) -> Option<Type> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { elem, .. } | TypeKind::UnrankedTensor(elem) => Some(*elem),
        _ => None,
    }
}

/// Whether tensor type `x` fits element type `elem`: same element type and, when both are
/// ranked, the same rank and compatible dimensions.
pub fn tensor_fits(ctx: &Context, x: Type, elem: Type) -> bool {
    let (Some(a), Some(b)) = (tensor_elem(ctx, x), tensor_elem(ctx, elem)) else {
        return false;
    };
    if a != b {
        return false;
    }
    match (ranked(ctx, x), ranked(ctx, elem)) {
        (Some((xs, _)), Some((es, _))) => crate::shape::shapes_compatible(xs, es),
        _ => true,
    }
}

/// Whether values of type `a` can flow where type `b` is declared (and the reverse): equal
/// types, compatible tensors ([`tensor_fits`]), or sequences/optionals of compatible types.
pub fn value_types_compatible(ctx: &Context, a: Type, b: Type) -> bool {
    if a == b {
        return true;
    }
    if is_tensor(ctx, a) && is_tensor(ctx, b) {
        return tensor_fits(ctx, a, b);
    }
    if let (Some(x), Some(y)) = (seq_elem(ctx, a), seq_elem(ctx, b)) {
        return tensor_fits(ctx, x, y);
    }
    if let (Some(x), Some(y)) = (opt_elem(ctx, a), opt_elem(ctx, b)) {
        return value_types_compatible(ctx, x, y);
    }
    false
}

/// The join of two tensor types of the same element type: equal dimensions kept, differing
/// ones `?`, differing ranks (or an unranked side) unranked. `Err` for differing element
/// types.
pub fn join_tensor(ctx: &Context, a: Type, b: Type) -> Result<Type, String> {
    if a == b {
        return Ok(a);
    }
    let (Some(ea), Some(eb)) = (tensor_elem(ctx, a), tensor_elem(ctx, b)) else {
        return Err(format!(
            "expected tensor types, got '{}' and '{}'",
            ty_str(ctx, a),
            ty_str(ctx, b)
        ));
    };
    if ea != eb {
        return Err(format!(
            "element types differ: '{}' and '{}'",
            ty_str(ctx, a),
            ty_str(ctx, b)
        ));
    }
    Ok(match (ranked(ctx, a), ranked(ctx, b)) {
        (Some((sa, _)), Some((sb, _))) if sa.len() == sb.len() => {
            let dims: Vec<i64> = sa
                .iter()
                .zip(sb)
                .map(|(&x, &y)| if x == y { x } else { crate::shape::DYN })
                .collect();
            ctx.tensor_type(&dims, ea)
        }
        _ => ctx.ty(TypeKind::UnrankedTensor(ea)),
    })
}

/// The join of two value types (tensors by [`join_tensor`], sequences and optionals by
/// their element types).
pub fn join_value(ctx: &Context, a: Type, b: Type) -> Result<Type, String> {
    if a == b {
        return Ok(a);
    }
    if let (Some(x), Some(y)) = (seq_elem(ctx, a), seq_elem(ctx, b)) {
        return Ok(seq_type(ctx, join_tensor(ctx, x, y)?));
    }
    if let (Some(x), Some(y)) = (opt_elem(ctx, a), opt_elem(ctx, b)) {
        return Ok(opt_type(ctx, join_value(ctx, x, y)?));
    }
    join_tensor(ctx, a, b)
}
