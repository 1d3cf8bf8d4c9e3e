//! The layout of a memref type as strides and an offset (in elements), shared by the
//! verifiers of the buffer ops and by the interpreter.
//!
//! A memref without a layout (or with the identity affine map) is contiguous in row-major
//! order: the innermost stride is 1 and each stride is the product of the sizes inside it,
//! dynamic (`?`) once a dynamic size is among them; its offset is 0. A `strided<[...],
//! offset: o>` layout gives them explicitly. Other affine-map layouts are not strided and
//! are rejected by the ops of this dialect.

use strata_dialect_tensor::util::DYN;
use strata_ir::{AttrKind, Attribute, Context, Type, TypeKind};

/// The parts of a ranked memref type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MemRefParts {
    /// Dimensions ([`DYN`] for `?`).
    pub shape: Vec<i64>,
    /// Element type.
    pub elem: Type,
    /// Layout attribute, if any.
    pub layout: Option<Attribute>,
    /// Memory space attribute, if any.
    pub space: Option<Attribute>,
}

/// The parts of `t` when it is a ranked memref.
pub fn memref_parts(ctx: &Context, t: Type) -> Option<MemRefParts> {
    match ctx.type_kind(t) {
        TypeKind::MemRef {
            shape,
            elem,
            layout,
            space,
        } => Some(MemRefParts {
            shape: shape.to_vec(),
            elem: *elem,
            layout: *layout,
            space: *space,
        }),
        _ => None,
    }
}

/// Row-major strides of `shape` ([`DYN`] once a dynamic size is inside; `None` when a
/// stride overflows `i64`).
pub fn contiguous_strides(shape: &[i64]) -> Option<Vec<i64>> {
    let mut strides = vec![0; shape.len()];
    let mut acc: i64 = 1;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = if acc == DYN || shape[i] == DYN {
            DYN
        } else {
            acc.checked_mul(shape[i])?
        };
    }
    Some(strides)
}

/// `(strides, offset)` of a ranked memref type: from its `strided` layout, or row-major
/// with offset 0 for the identity layout. `Err` names why there are none (not a ranked
/// memref, a layout that is not strided, or a stride count different from the rank).
pub fn strides_and_offset(ctx: &Context, t: Type) -> Result<(Vec<i64>, i64), String> {
    let p = memref_parts(ctx, t).ok_or("not a ranked memref")?;
    let Some(layout) = p.layout else {
        return contiguous_strides(&p.shape)
            .map(|s| (s, 0))
            .ok_or_else(|| "the contiguous strides overflow i64".to_string());
    };
    match ctx.attr_kind(layout) {
        AttrKind::StridedLayout { offset, strides } => {
            if strides.len() != p.shape.len() {
                return Err(format!(
                    "the strided layout has {} strides for rank {}",
                    strides.len(),
                    p.shape.len()
                ));
            }
            Ok((strides.to_vec(), *offset))
        }
        AttrKind::AffineMap(m) if m.is_identity() && m.results.len() == p.shape.len() => {
            contiguous_strides(&p.shape)
                .map(|s| (s, 0))
                .ok_or_else(|| "the contiguous strides overflow i64".to_string())
        }
        _ => Err(
            "the layout is not strided (only identity and strided<...> layouts are supported)"
                .into(),
        ),
    }
}
