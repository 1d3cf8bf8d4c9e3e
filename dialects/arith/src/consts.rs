//! Reading and writing constant attributes for folding: integer, bool and float scalars,
//! and dense elements (splat or not) of integers, `index` and floats, as raw bit patterns.
//!
//! The element-wise helpers follow MLIR's `constFoldUnaryOp` / `constFoldBinaryOp` /
//! `constFoldCastOp`: scalars fold to scalars, two splats to a splat, and any two elements
//! attributes of the same type element by element (re-detecting splats in the result).

use crate::apint::IntWidth;
use strata_ir::{AttrKind, Attribute, Context, FloatKind, Signedness, Type, TypeKind};

/// The element kind of a constant.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ElemKind {
    /// An integer (any signedness) or `index` (64 bits) of this width.
    Int(IntWidth),
    /// A float.
    Float(FloatKind),
}

impl ElemKind {
    /// The kind of a scalar type, if foldable (integers up to 128 bits, `index`, `f16`, `bf16`,
    /// `f32`, `f64`).
    pub fn of(ctx: &Context, ty: Type) -> Option<ElemKind> {
        match ctx.type_kind(ty) {
            TypeKind::Integer { width, .. } => IntWidth::new(*width).map(ElemKind::Int),
            TypeKind::Index => IntWidth::new(64).map(ElemKind::Int),
            // The small float formats are storage types: no folding.
            TypeKind::Float(k) if k.is_ieee_arith() => Some(ElemKind::Float(*k)),
            _ => None,
        }
    }
    /// Storage bits of one element.
    pub fn bits(self) -> u32 {
        match self {
            ElemKind::Int(w) => w.bits(),
            ElemKind::Float(k) => k.width(),
        }
    }
    /// Bytes per element in dense storage (`ceil(width / 8)`).
    pub fn bytes(self) -> usize {
        self.bits().div_ceil(8) as usize
    }
}

/// How a constant's values are laid out.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Layout {
    /// An integer, bool or float attribute.
    Scalar,
    /// A splat dense elements attribute (one stored value).
    Splat,
    /// A dense elements attribute with all elements stored.
    Elements,
}

/// A constant value decoded from an attribute.
#[derive(Clone, PartialEq, Debug)]
pub struct ConstValue {
    /// The attribute's type (scalar, or the shaped type of an elements attribute).
    pub ty: Type,
    /// The element type (equal to `ty` for scalars).
    pub elem_ty: Type,
    /// The element kind.
    pub kind: ElemKind,
    /// The layout.
    pub layout: Layout,
    /// The bit patterns (one for scalars and splats).
    pub values: Vec<u128>,
}

/// The number of elements of a statically shaped type (`None` for dynamic shapes and
/// non-shaped types).
pub fn num_elements(ctx: &Context, ty: Type) -> Option<usize> {
    let shape = match ctx.type_kind(ty) {
        TypeKind::Vector { shape, .. } | TypeKind::RankedTensor { shape, .. } => shape,
        _ => return None,
    };
    shape.iter().try_fold(1usize, |acc, &d| {
        if d < 0 {
            None
        } else {
            acc.checked_mul(usize::try_from(d).ok()?)
        }
    })
}

/// The type of a typed attribute (integer, bool, float, string, elements), if it has one.
pub fn attr_type(ctx: &Context, attr: Attribute) -> Option<Type> {
    match ctx.attr_kind(attr) {
        AttrKind::Integer { ty, .. } | AttrKind::Float { ty, .. } => Some(*ty),
        AttrKind::Bool(_) => Some(ctx.i1()),
        AttrKind::String { ty, .. } => Some(ty.unwrap_or_else(|| ctx.none_type())),
        AttrKind::DenseElements { ty, .. } | AttrKind::DenseResource { ty, .. } => Some(*ty),
        _ => None,
    }
}

impl ConstValue {
    /// Decode an attribute; `None` for anything that is not a foldable constant.
    pub fn from_attr(ctx: &Context, attr: Attribute) -> Option<ConstValue> {
        match ctx.attr_kind(attr) {
            AttrKind::Bool(b) => {
                let ty = ctx.i1();
                Some(ConstValue {
                    ty,
                    elem_ty: ty,
                    kind: ElemKind::Int(IntWidth::new(1)?),
                    layout: Layout::Scalar,
                    values: vec![*b as u128],
                })
            }
            AttrKind::Integer { value, ty } => {
                let ElemKind::Int(w) = ElemKind::of(ctx, *ty)? else {
                    return None;
                };
                Some(ConstValue {
                    ty: *ty,
                    elem_ty: *ty,
                    kind: ElemKind::Int(w),
                    layout: Layout::Scalar,
                    values: vec![w.trunc(*value as u128)],
                })
            }
            AttrKind::Float { bits, ty } => {
                let ElemKind::Float(k) = ElemKind::of(ctx, *ty)? else {
                    return None;
                };
                let mask = if k.width() == 64 {
                    u64::MAX
                } else {
                    (1u64 << k.width()) - 1
                };
                Some(ConstValue {
                    ty: *ty,
                    elem_ty: *ty,
                    kind: ElemKind::Float(k),
                    layout: Layout::Scalar,
                    values: vec![(*bits & mask) as u128],
                })
            }
            AttrKind::DenseElements { ty, splat, data } => {
                let elem_ty = ctx.type_kind(*ty).element_type()?;
                let kind = ElemKind::of(ctx, elem_ty)?;
                let nbytes = kind.bytes();
                let count = if *splat { 1 } else { num_elements(ctx, *ty)? };
                if data.len() != count.checked_mul(nbytes)? {
                    return None;
                }
                let mask = IntWidth::new(kind.bits())?.mask();
                let values = data
                    .chunks_exact(nbytes)
                    .map(|c| {
                        let mut buf = [0u8; 16];
                        buf[..nbytes].copy_from_slice(c);
                        u128::from_le_bytes(buf) & mask
                    })
                    .collect();
                Some(ConstValue {
                    ty: *ty,
                    elem_ty,
                    kind,
                    layout: if *splat {
                        Layout::Splat
                    } else {
                        Layout::Elements
                    },
                    values,
                })
            }
            _ => None,
        }
    }

    /// The single value of a scalar or splat.
    pub fn splat_value(&self) -> Option<u128> {
        match self.layout {
            Layout::Scalar | Layout::Splat => self.values.first().copied(),
            Layout::Elements => None,
        }
    }

    /// The value of element `i` (splats repeat their value).
    pub fn get(&self, i: usize) -> Option<u128> {
        match self.layout {
            Layout::Elements => self.values.get(i).copied(),
            _ => self.values.first().copied(),
        }
    }
}

/// Build a scalar constant attribute of scalar type `ty` from a bit pattern (`i1` gives a
/// bool attribute, as MLIR's `BoolAttr`).
pub fn scalar_attr(ctx: &Context, ty: Type, bits: u128) -> Option<Attribute> {
    match ctx.type_kind(ty) {
        TypeKind::Integer {
            width: 1,
            signedness: Signedness::Signless,
        } => Some(ctx.bool_attr(bits & 1 == 1)),
        TypeKind::Integer { width, signedness } => {
            let w = IntWidth::new(*width)?;
            let value = match signedness {
                Signedness::Unsigned => w.trunc(bits) as i128,
                _ => w.sext(bits),
            };
            Some(ctx.attr(AttrKind::Integer { value, ty }))
        }
        TypeKind::Index => {
            let w = IntWidth::new(64)?;
            Some(ctx.attr(AttrKind::Integer {
                value: w.sext(bits),
                ty,
            }))
        }
        TypeKind::Float(k) => {
            let mask = if k.width() == 64 {
                u64::MAX
            } else {
                (1u64 << k.width()) - 1
            };
            Some(ctx.attr(AttrKind::Float {
                bits: bits as u64 & mask,
                ty,
            }))
        }
        _ => None,
    }
}

/// Build a dense elements attribute of the statically shaped type `ty` from element bit
/// patterns (one value means a splat; all-equal values are stored as a splat, as MLIR does).
pub fn dense_attr(ctx: &Context, ty: Type, values: &[u128]) -> Option<Attribute> {
    let elem = ctx.type_kind(ty).element_type()?;
    let kind = ElemKind::of(ctx, elem)?;
    let n = num_elements(ctx, ty)?;
    let first = *values.first()?;
    let splat = values.len() == 1 || values.iter().all(|&v| v == first);
    if !splat && values.len() != n {
        return None;
    }
    let nbytes = kind.bytes();
    let stored: &[u128] = if splat { &values[..1] } else { values };
    let mask = IntWidth::new(kind.bits())?.mask();
    let mut data = Vec::with_capacity(stored.len() * nbytes);
    for &v in stored {
        data.extend_from_slice(&(v & mask).to_le_bytes()[..nbytes]);
    }
    Some(ctx.attr(AttrKind::DenseElements {
        ty,
        splat,
        data: data.into_boxed_slice(),
    }))
}

/// The type with the same shape (scalar, vector, ranked or unranked tensor, memref) as
/// `ty` and element type `elem`.
pub fn with_element_type(ctx: &Context, ty: Type, elem: Type) -> Type {
    match ctx.type_kind(ty).clone() {
        TypeKind::Vector {
            shape, scalable, ..
        } => ctx.ty(TypeKind::Vector {
            shape,
            scalable,
            elem,
        }),
        TypeKind::RankedTensor {
            shape, encoding, ..
        } => ctx.ty(TypeKind::RankedTensor {
            shape,
            elem,
            encoding,
        }),
        TypeKind::UnrankedTensor(_) => ctx.ty(TypeKind::UnrankedTensor(elem)),
        TypeKind::MemRef {
            shape,
            layout,
            space,
            ..
        } => ctx.ty(TypeKind::MemRef {
            shape,
            elem,
            layout,
            space,
        }),
        TypeKind::UnrankedMemRef { space, .. } => ctx.ty(TypeKind::UnrankedMemRef { elem, space }),
        _ => elem,
    }
}

/// `i1` with the shape of `ty` (MLIR's `getI1SameShape`).
pub fn i1_same_shape(ctx: &Context, ty: Type) -> Type {
    with_element_type(ctx, ty, ctx.i1())
}

/// A constant attribute of type `ty` with every element equal to `bits` (a scalar for
/// scalar types, a splat for statically shaped vectors and tensors).
pub fn splat_of(ctx: &Context, ty: Type, bits: u128) -> Option<Attribute> {
    match ctx.type_kind(ty) {
        TypeKind::Vector { .. } | TypeKind::RankedTensor { .. } => dense_attr(ctx, ty, &[bits]),
        _ => scalar_attr(ctx, ty, bits),
    }
}

/// The zero constant of type `ty` (`Builder::getZeroAttr`), if it can be built.
pub fn zero_attr(ctx: &Context, ty: Type) -> Option<Attribute> {
    splat_of(ctx, ty, 0)
}

fn build(ctx: &Context, ty: Type, layout: Layout, values: Vec<u128>) -> Option<Attribute> {
    match layout {
        Layout::Scalar => scalar_attr(ctx, ty, *values.first()?),
        Layout::Splat | Layout::Elements => dense_attr(ctx, ty, &values),
    }
}

/// Fold a unary element-wise function over a constant. `result_elem` is the result's element
/// type (the attribute keeps the operand's shape); `f` returning `None` for any element
/// aborts the fold.
pub fn fold_unary(
    ctx: &Context,
    a: &ConstValue,
    result_elem: Type,
    mut f: impl FnMut(u128) -> Option<u128>,
) -> Option<Attribute> {
    let ty = with_element_type(ctx, a.ty, result_elem);
    let values = a.values.iter().map(|&v| f(v)).collect::<Option<Vec<_>>>()?;
    build(ctx, ty, a.layout, values)
}

/// Fold a binary element-wise function over two constants of the same type. `result_elem`
/// is the result's element type; `f` returning `None` for any element aborts the fold.
pub fn fold_binary(
    ctx: &Context,
    a: &ConstValue,
    b: &ConstValue,
    result_elem: Type,
    mut f: impl FnMut(u128, u128) -> Option<u128>,
) -> Option<Attribute> {
    if a.ty != b.ty {
        return None;
    }
    let ty = with_element_type(ctx, a.ty, result_elem);
    match (a.layout, b.layout) {
        (Layout::Scalar, Layout::Scalar) | (Layout::Splat, Layout::Splat) => {
            let v = f(*a.values.first()?, *b.values.first()?)?;
            build(ctx, ty, a.layout, vec![v])
        }
        (Layout::Scalar, _) | (_, Layout::Scalar) => None,
        _ => {
            let n = num_elements(ctx, a.ty)?;
            let values = (0..n)
                .map(|i| f(a.get(i)?, b.get(i)?))
                .collect::<Option<Vec<_>>>()?;
            dense_attr(ctx, ty, &values)
        }
    }
}

/// Read the attribute of operand `i` from a folder's constant operands.
pub fn operand_const(
    ctx: &Context,
    operands: &[Option<Attribute>],
    i: usize,
) -> Option<ConstValue> {
    ConstValue::from_attr(ctx, (*operands.get(i)?)?)
}

/// Whether an operand constant is an integer zero (scalar or splat), as `m_Zero`.
pub fn is_int_splat(
    ctx: &Context,
    operands: &[Option<Attribute>],
    i: usize,
    pred: impl Fn(IntWidth, u128) -> bool,
) -> bool {
    operand_const(ctx, operands, i).is_some_and(|c| match (c.kind, c.splat_value()) {
        (ElemKind::Int(w), Some(v)) => pred(w, v),
        _ => false,
    })
}

/// Whether an operand constant is a float (scalar or splat) satisfying `pred`.
pub fn is_float_splat(
    ctx: &Context,
    operands: &[Option<Attribute>],
    i: usize,
    pred: impl Fn(FloatKind, u64) -> bool,
) -> bool {
    operand_const(ctx, operands, i).is_some_and(|c| match (c.kind, c.splat_value()) {
        (ElemKind::Float(k), Some(v)) => pred(k, v as u64),
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_scalars_and_dense() {
        let ctx = Context::new();
        let i8t = ctx.int_type(8);
        let a = ctx.int_attr(-3, i8t);
        let c = ConstValue::from_attr(&ctx, a).unwrap();
        assert_eq!(c.values, vec![0xFD]);
        assert_eq!(scalar_attr(&ctx, i8t, 0xFD), Some(a));
        let v = ctx.ty(TypeKind::Vector {
            shape: Box::new([3]),
            scalable: Box::new([false]),
            elem: i8t,
        });
        let d = dense_attr(&ctx, v, &[1, 2, 0xFF]).unwrap();
        let c = ConstValue::from_attr(&ctx, d).unwrap();
        assert_eq!(c.layout, Layout::Elements);
        assert_eq!(c.values, vec![1, 2, 0xFF]);
        let s = dense_attr(&ctx, v, &[7, 7, 7]).unwrap();
        assert_eq!(
            ConstValue::from_attr(&ctx, s).unwrap().layout,
            Layout::Splat
        );
        assert_eq!(scalar_attr(&ctx, ctx.i1(), 1), Some(ctx.bool_attr(true)));
    }
}
