//! Tensor and element-type helpers of the graph dialect: the element classes ops accept, the
//! type constraints used in op definitions, and the operand readers shape inference starts
//! with.
//!
//! Graph values are ranked tensors (`tensor<1x3x?x?xf32>`; rank 0 for scalars). Element types
//! are `i1` (ONNX `bool`), integers (`iN` and `siN` are signed, `uiN` unsigned) and floats
//! (`f16`, `bf16`, `f32`, `f64`, and the 8- and 4-bit storage formats `f8E5M2`, `f8E4M3FN`,
//! `f8E5M2FNUZ`, `f8E4M3FNUZ`, `f8E8M0FNU`, `f4E2M1FN`, which only ops accepting any element
//! type take: casts and data movement). `index`, complex and other types are not graph
//! element types.

use crate::shape::format_shape;
use strata_ir::{Context, Signedness, Type, TypeConstraint, TypeKind};

/// The class of a graph element type.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ElemClass {
    /// `i1`: a boolean.
    Bool,
    /// `iN` (N > 1) or `siN`: a two's complement signed integer.
    Signed,
    /// `uiN`: an unsigned integer.
    Unsigned,
    /// A float.
    Float,
}

/// The class of element type `t`, `None` if it is not a graph element type.
pub fn elem_class(ctx: &Context, t: Type) -> Option<ElemClass> {
    match ctx.type_kind(t) {
        TypeKind::Integer {
            width: 1,
            signedness: Signedness::Signless,
        } => Some(ElemClass::Bool),
        TypeKind::Integer {
            signedness: Signedness::Unsigned,
            ..
        } => Some(ElemClass::Unsigned),
        TypeKind::Integer { .. } => Some(ElemClass::Signed),
        TypeKind::Float(_) => Some(ElemClass::Float),
        _ => None,
    }
}

/// Which element types an operand accepts.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Elems {
    /// Any graph element type (bool, integer, float).
    Any,
    /// Integers (not `i1`) and floats.
    Numeric,
    /// Floats and signed integers.
    Signed,
    /// Floats.
    Float,
    /// `i1`.
    Bool,
    /// Integers (not `i1`).
    Int,
    /// Any graph element type, or `!graph.string`.
    AnyOrString,
}

impl Elems {
    /// Whether element type `t` is accepted.
    pub fn accepts(self, ctx: &Context, t: Type) -> bool {
        if self == Elems::AnyOrString && crate::strings::is_string(ctx, t) {
            return true;
        }
        let Some(c) = elem_class(ctx, t) else {
            return false;
        };
        // The 8- and 4-bit float formats are storage types: only ops accepting any element
        // type (casts, data movement) take them.
        let small_float = matches!(ctx.type_kind(t), TypeKind::Float(k) if !k.is_ieee_arith());
        if small_float && !matches!(self, Elems::Any | Elems::AnyOrString) {
            return false;
        }
        match self {
            Elems::Any | Elems::AnyOrString => true,
            Elems::Numeric => c != ElemClass::Bool,
            Elems::Signed => matches!(c, ElemClass::Signed | ElemClass::Float),
            Elems::Float => c == ElemClass::Float,
            Elems::Bool => c == ElemClass::Bool,
            Elems::Int => matches!(c, ElemClass::Signed | ElemClass::Unsigned),
        }
    }
    /// The phrase used in diagnostics ("ranked tensor of floating-point values").
    pub fn description(self) -> &'static str {
        match self {
            Elems::Any => "ranked tensor of bool, integer or floating-point values",
            Elems::Numeric => "ranked tensor of integer or floating-point values",
            Elems::Signed => "ranked tensor of signed integer or floating-point values",
            Elems::Float => "ranked tensor of floating-point values",
            Elems::Bool => "ranked tensor of i1 values",
            Elems::Int => "ranked tensor of integer values",
            Elems::AnyOrString => "ranked tensor of bool, integer, floating-point or string values",
        }
    }
}

fn ranked_of(ctx: &Context, t: Type, e: Elems) -> bool {
    ranked(ctx, t).is_some_and(|(_, el)| e.accepts(ctx, el))
}

/// A ranked tensor of any graph element type.
pub const ANY_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of bool, integer or floating-point values",
    check: |ctx, t| ranked_of(ctx, t, Elems::Any),
};
/// A ranked tensor of any graph element type or of `!graph.string`.
pub const ANY_OR_STRING_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of bool, integer, floating-point or string values",
    check: |ctx, t| ranked_of(ctx, t, Elems::AnyOrString),
};
/// A ranked tensor of integers or floats.
pub const NUMERIC_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of integer or floating-point values",
    check: |ctx, t| ranked_of(ctx, t, Elems::Numeric),
};
/// A ranked tensor of floats or signed integers.
pub const SIGNED_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of signed integer or floating-point values",
    check: |ctx, t| ranked_of(ctx, t, Elems::Signed),
};
/// A ranked tensor of floats.
pub const FLOAT_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of floating-point values",
    check: |ctx, t| ranked_of(ctx, t, Elems::Float),
};
/// A ranked tensor of `i1`.
pub const BOOL_TENSOR: TypeConstraint = TypeConstraint {
    description: "ranked tensor of i1 values",
    check: |ctx, t| ranked_of(ctx, t, Elems::Bool),
};

/// The shape and element type of a ranked tensor type.
pub fn ranked(ctx: &Context, t: Type) -> Option<(&[i64], Type)> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, elem, .. } => Some((shape, *elem)),
        _ => None,
    }
}

/// `tensor<shape x elem>` (no encoding).
pub fn tensor(ctx: &Context, shape: &[i64], elem: Type) -> Type {
    ctx.tensor_type(shape, elem)
}

/// Print a type for a diagnostic.
pub fn ty_str(ctx: &Context, t: Type) -> String {
    strata_ir::text::print_type(ctx, t)
}

/// A checked operand: its index, shape and element type.
#[derive(Clone, Copy, Debug)]
pub struct Operand<'a> {
    /// Operand index.
    pub index: usize,
    /// Operand type.
    pub ty: Type,
    /// Dimensions.
    pub shape: &'a [i64],
    /// Element type.
    pub elem: Type,
}

impl Operand<'_> {
    /// The rank.
    pub fn rank(&self) -> usize {
        self.shape.len()
    }
}

/// Check the operand count (`min..=max`) and that each operand is a ranked tensor whose
/// element type `elems` accepts; returns them.
pub fn operands<'a>(
    ctx: &'a Context,
    types: &[Type],
    min: usize,
    max: usize,
    elems: Elems,
) -> Result<Vec<Operand<'a>>, String> {
    if types.len() < min || types.len() > max {
        let expected = if min == max {
            format!("{min}")
        } else if max == usize::MAX {
            format!("at least {min}")
        } else {
            format!("between {min} and {max}")
        };
        return Err(format!(
            "expected {expected} operands, but found {}",
            types.len()
        ));
    }
    types
        .iter()
        .enumerate()
        .map(|(i, &t)| operand(ctx, i, t, elems))
        .collect()
}

/// Check one operand.
pub fn operand(ctx: &Context, index: usize, ty: Type, elems: Elems) -> Result<Operand<'_>, String> {
    match ranked(ctx, ty) {
        Some((shape, elem)) if elems.accepts(ctx, elem) => Ok(Operand {
            index,
            ty,
            shape,
            elem,
        }),
        _ => Err(format!(
            "operand #{index} must be {}, but got '{}'",
            elems.description(),
            ty_str(ctx, ty)
        )),
    }
}

/// Require all operands to share one element type.
pub fn same_elem(ctx: &Context, ops: &[Operand<'_>]) -> Result<(), String> {
    if let Some(first) = ops.first() {
        for o in &ops[1..] {
            if o.elem != first.elem {
                return Err(format!(
                    "requires the same element type for all operands, but operand #{} has '{}' and operand #{} has '{}'",
                    first.index,
                    ty_str(ctx, first.elem),
                    o.index,
                    ty_str(ctx, o.elem)
                ));
            }
        }
    }
    Ok(())
}

/// Require `o` to have rank `rank`.
pub fn require_rank(o: &Operand<'_>, what: &str, rank: usize) -> Result<(), String> {
    if o.rank() != rank {
        return Err(format!(
            "{what} (operand #{}) must have rank {rank}, but has rank {}",
            o.index,
            o.rank()
        ));
    }
    Ok(())
}

/// Require `o` to have rank at least `rank`.
pub fn require_min_rank(o: &Operand<'_>, what: &str, rank: usize) -> Result<(), String> {
    if o.rank() < rank {
        return Err(format!(
            "{what} (operand #{}) must have rank >= {rank}, but has rank {}",
            o.index,
            o.rank()
        ));
    }
    Ok(())
}

/// Require a rank-1 operand whose single dimension is compatible with `size`.
pub fn require_vector(o: &Operand<'_>, what: &str, size: i64) -> Result<(), String> {
    require_rank(o, what, 1)?;
    if !crate::shape::dims_compatible(o.shape[0], size) {
        return Err(format!(
            "{what} (operand #{}) must have {} elements, but has shape {}",
            o.index,
            format_shape(&[size]),
            format_shape(o.shape)
        ));
    }
    Ok(())
}

/// Whether declared result type `declared` is compatible with inferred type `inferred`: the
/// same element type and rank, each dimension equal or dynamic in either.
pub fn types_compatible(ctx: &Context, declared: Type, inferred: Type) -> bool {
    if declared == inferred {
        return true;
    }
    match (ranked(ctx, declared), ranked(ctx, inferred)) {
        (Some((ds, de)), Some((is, ie))) => de == ie && crate::shape::shapes_compatible(ds, is),
        _ => false,
    }
}

/// Check that every value of `vals` named `name` is at least `min`.
pub fn all_at_least(name: &str, vals: &[i64], min: i64) -> Result<(), String> {
    if let Some(v) = vals.iter().find(|&&v| v < min) {
        return Err(format!(
            "attribute '{name}' must hold values >= {min}, but holds {v}"
        ));
    }
    Ok(())
}
