//! Type and attribute helpers of the bufferization: memref types of tensors, the strided
//! type of a subview, static slice lists, and the maps of copying generics.

use strata_dialect_loop::layout::strides_and_offset;
use strata_dialect_tensor::movement::{mixed_lists, OpFoldResult};
use strata_dialect_tensor::structured::{add, d, map, mul};
use strata_dialect_tensor::util::{shaped, DYN};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{AttrKind, Context, OpRef, Type, TypeKind};

/// The identity-layout memref type of the static ranked tensor type `t`.
pub fn memref_of(ctx: &Context, t: Type) -> Result<Type, String> {
    let Some((shape, elem)) = shaped(ctx, t) else {
        return Err(format!(
            "type {} is not a ranked tensor",
            strata_ir::text::print_type(ctx, t)
        ));
    };
    if shape.contains(&DYN) {
        return Err(format!(
            "type {} has a dynamic shape (bufferize needs static shapes)",
            strata_ir::text::print_type(ctx, t)
        ));
    }
    Ok(plain_memref(ctx, shape, elem))
}

/// `memref<shape x elem>` with the identity layout.
pub fn plain_memref(ctx: &Context, shape: &[i64], elem: Type) -> Type {
    ctx.ty(TypeKind::MemRef {
        shape: shape.into(),
        elem,
        layout: None,
        space: None,
    })
}

/// Whether `t` is a ranked tensor type.
pub fn is_tensor(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::RankedTensor { .. })
}

/// The type of the subview of a buffer of type `src` at static `offsets`, `sizes` and
/// `strides` (no rank reduction).
pub fn subview_type(
    ctx: &Context,
    src: Type,
    offsets: &[i64],
    sizes: &[i64],
    strides: &[i64],
) -> Result<Type, String> {
    let Some((_, elem)) = shaped(ctx, src) else {
        return Err("the source is not a memref".into());
    };
    let (st, off) = strides_and_offset(ctx, src)?;
    if off == DYN || st.contains(&DYN) {
        return Err("the source has a dynamic layout".into());
    }
    let mut offset = off;
    let mut new_strides = Vec::with_capacity(st.len());
    for ((&s, &o), &t) in st.iter().zip(offsets).zip(strides) {
        offset = o
            .checked_mul(s)
            .and_then(|x| x.checked_add(offset))
            .ok_or("the view's offset overflows")?;
        new_strides.push(s.checked_mul(t).ok_or("the view's stride overflows")?);
    }
    let layout = ctx.attr(AttrKind::StridedLayout {
        offset,
        strides: new_strides.into(),
    });
    Ok(ctx.ty(TypeKind::MemRef {
        shape: sizes.into(),
        elem,
        layout: Some(layout),
        space: None,
    }))
}

/// The static lists of `op` starting at operand `first` (`Err` when one is dynamic).
pub fn static_lists(op: &OpRef<'_>, first: usize, names: &[&str]) -> Result<Vec<Vec<i64>>, String> {
    let lists = mixed_lists(op, first, names)?;
    lists
        .into_iter()
        .map(|l| {
            l.into_iter()
                .map(|x| match x {
                    OpFoldResult::Static(v) => Ok(v),
                    OpFoldResult::Operand(_) => {
                        Err("dynamic offsets, sizes and strides are not supported".to_string())
                    }
                })
                .collect()
        })
        .collect()
}

/// For slice `sizes` whose tensor has shape `reduced` (unit dimensions dropped), whether
/// each dimension of `sizes` is kept.
pub fn kept_dims(sizes: &[i64], reduced: &[i64]) -> Option<Vec<bool>> {
    let mut j = 0;
    let mut kept = Vec::with_capacity(sizes.len());
    for &s in sizes {
        // Greedy, as `rank_reduces_to` of the tensor dialect.
        if j < reduced.len() && reduced[j] == s {
            kept.push(true);
            j += 1;
        } else if s == 1 {
            kept.push(false);
        } else {
            return None;
        }
    }
    (j == reduced.len()).then_some(kept)
}

/// The identity map of rank `n`.
pub fn identity(n: usize) -> AffineMap {
    map(n, (0..n as u32).map(d).collect())
}

/// The map from the loops of a rank-`kept.count()` iteration to the full-rank view whose
/// dropped dimensions are indexed by 0.
pub fn expand_unit_map(kept: &[bool]) -> AffineMap {
    let n = kept.iter().filter(|&&k| k).count();
    let mut j = 0;
    let results = kept
        .iter()
        .map(|&k| {
            if k {
                j += 1;
                d(j - 1)
            } else {
                AffineExpr::Const(0)
            }
        })
        .collect();
    map(n, results)
}

/// The map from the loops over the expanded shape to the collapsed tensor of a reshape:
/// each group of expanded dimensions is linearised row-major.
pub fn collapse_map(expanded: &[i64], groups: &[Vec<i64>]) -> AffineMap {
    let n = expanded.len();
    let results = groups
        .iter()
        .map(|g| {
            let mut e: Option<AffineExpr> = None;
            let mut scale: i64 = 1;
            for &i in g.iter().rev() {
                let term = mul(d(i as u32), scale);
                e = Some(match e {
                    None => term,
                    Some(acc) => add(term, acc),
                });
                scale = scale.saturating_mul(expanded.get(i as usize).copied().unwrap_or(1));
            }
            e.unwrap_or(AffineExpr::Const(0))
        })
        .collect();
    map(n, results)
}

/// The map `(d0, .., d<n-1>) -> ()` of a scalar operand.
pub fn scalar_map(n: usize) -> AffineMap {
    map(n, Vec::new())
}

/// The map `(d0, .., d<n-1>) -> (0)` reading the one element of a rank-1 buffer.
pub fn first_elem_map(n: usize) -> AffineMap {
    map(n, vec![AffineExpr::Const(0)])
}
