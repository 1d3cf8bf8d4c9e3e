//! Conversions between runtime tensors and the IR: the runtime view of an IR type
//! ([`ValueType`]) used to check every value against its declared type, tensors from
//! constant attributes (integer, float, bool, dense elements, splats, dense resources) and
//! tensors back to dense attributes.

use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::tensor::{checked_numel, Data, Tensor};
use crate::with_data;
use half::{bf16, f16};
use strata_ir::types::DYNAMIC;
use strata_ir::{AttrKind, Attribute, Context, Type, TypeKind};

/// The shape part of a [`ValueType`].
#[derive(Clone, PartialEq, Eq, Debug)]
pub enum ShapeSpec {
    /// A scalar type (`f32`, `index`): rank-0 values.
    Scalar,
    /// A ranked tensor or vector; `None` for a dynamic (or scalable) dimension.
    Ranked(Vec<Option<usize>>),
    /// An unranked tensor: any shape.
    Unranked,
}

/// What a runtime value of an IR type looks like: a dtype and a shape pattern.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct ValueType {
    /// The element dtype.
    pub dtype: DType,
    /// The shape pattern.
    pub shape: ShapeSpec,
}

impl ValueType {
    /// The runtime view of `ty`: scalars, ranked and unranked tensors and vectors of
    /// representable element types. Other types (memrefs, functions, tuples, ...) are errors.
    pub fn from_ir(ctx: &Context, ty: Type) -> Result<ValueType> {
        let elem_dtype = |elem: Type| {
            DType::from_elem_type(ctx, elem)
                .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, elem)))
        };
        Ok(match ctx.type_kind(ty) {
            TypeKind::RankedTensor { shape, elem, .. } => ValueType {
                dtype: elem_dtype(*elem)?,
                shape: ShapeSpec::Ranked(dims(shape)),
            },
            TypeKind::Vector {
                shape,
                scalable,
                elem,
            } => ValueType {
                dtype: elem_dtype(*elem)?,
                shape: ShapeSpec::Ranked(
                    dims(shape)
                        .into_iter()
                        .zip(scalable.iter().chain(std::iter::repeat(&false)))
                        .map(|(d, &s)| if s { None } else { d })
                        .collect(),
                ),
            },
            TypeKind::UnrankedTensor(elem) => ValueType {
                dtype: elem_dtype(*elem)?,
                shape: ShapeSpec::Unranked,
            },
            TypeKind::Integer { .. } | TypeKind::Index | TypeKind::Float(_) => ValueType {
                dtype: elem_dtype(ty)?,
                shape: ShapeSpec::Scalar,
            },
            _ => bail!("values of type {} are not supported", type_str(ctx, ty)),
        })
    }

    /// Check that `t` is a value of this type (dtype equal, rank and static dims equal).
    pub fn check(&self, t: &Tensor) -> Result<()> {
        let ok_dtype = t.dtype() == self.dtype;
        let ok_shape = match &self.shape {
            ShapeSpec::Scalar => t.rank() == 0,
            ShapeSpec::Unranked => true,
            ShapeSpec::Ranked(d) => {
                d.len() == t.rank()
                    && d.iter()
                        .zip(t.shape())
                        .all(|(e, &a)| e.is_none_or(|e| e == a))
            }
        };
        ensure!(
            ok_dtype && ok_shape,
            "expected a value of type {}, got {}",
            self,
            t.type_str()
        );
        Ok(())
    }

    /// The static shape, when every dimension is known.
    pub fn static_shape(&self) -> Option<Vec<usize>> {
        match &self.shape {
            ShapeSpec::Scalar => Some(Vec::new()),
            ShapeSpec::Ranked(d) => d.iter().copied().collect(),
            ShapeSpec::Unranked => None,
        }
    }
}

impl std::fmt::Display for ValueType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.shape {
            ShapeSpec::Scalar => write!(f, "{}", self.dtype),
            ShapeSpec::Unranked => write!(f, "tensor<*x{}>", self.dtype),
            ShapeSpec::Ranked(d) => {
                f.write_str("tensor<")?;
                for x in d {
                    match x {
                        Some(n) => write!(f, "{n}x")?,
                        None => f.write_str("?x")?,
                    }
                }
                write!(f, "{}>", self.dtype)
            }
        }
    }
}

fn dims(shape: &[i64]) -> Vec<Option<usize>> {
    shape
        .iter()
        .map(|&d| {
            if d == DYNAMIC {
                None
            } else {
                usize::try_from(d).ok()
            }
        })
        .collect()
}

/// A short description of an IR type for messages (the printed form when available).
pub(crate) fn type_str(ctx: &Context, ty: Type) -> String {
    let s = strata_ir::text::print_type(ctx, ty);
    if s.is_empty() {
        format!("{:?}", ctx.type_kind(ty))
    } else {
        s
    }
}

/// The static shape and element type of a shaped type (for attributes, which always have
/// static shapes).
fn static_shaped(ctx: &Context, ty: Type) -> Result<(Vec<usize>, Type)> {
    match ctx.type_kind(ty) {
        TypeKind::RankedTensor { shape, elem, .. } | TypeKind::Vector { shape, elem, .. } => {
            let mut out = Vec::with_capacity(shape.len());
            for &d in shape.iter() {
                match usize::try_from(d) {
                    Ok(d) => out.push(d),
                    Err(_) => bail!("constant of dynamic type {}", type_str(ctx, ty)),
                }
            }
            Ok((out, *elem))
        }
        _ => bail!("expected a shaped type, got {}", type_str(ctx, ty)),
    }
}

/// Decode little-endian elements of `dtype` (`ceil(bits/8)` bytes each, as IR dense
/// attributes and resource blobs store them).
pub fn decode_le(dtype: DType, bytes: &[u8]) -> Result<Data> {
    let size = dtype.byte_size();
    ensure!(
        bytes.len().is_multiple_of(size),
        "{} bytes is not a whole number of {dtype} elements",
        bytes.len()
    );
    macro_rules! dec {
        ($t:ty, $n:literal, $wrap:expr) => {
            bytes
                .chunks_exact($n)
                .map(|c| {
                    let mut a = [0u8; $n];
                    a.copy_from_slice(c);
                    let f: fn([u8; $n]) -> $t = $wrap;
                    f(a)
                })
                .collect()
        };
    }
    if dtype.is_small() {
        let bits: Vec<u64> = bytes.iter().map(|&b| b as u64).collect();
        return Ok(crate::small::from_bits(dtype, &bits));
    }
    Ok(match dtype {
        DType::F16 => Data::F16(dec!(f16, 2, f16::from_le_bytes)),
        DType::BF16 => Data::BF16(dec!(bf16, 2, bf16::from_le_bytes)),
        DType::F32 => Data::F32(dec!(f32, 4, f32::from_le_bytes)),
        DType::F64 => Data::F64(dec!(f64, 8, f64::from_le_bytes)),
        DType::I8 => Data::I8(dec!(i8, 1, i8::from_le_bytes)),
        DType::I16 => Data::I16(dec!(i16, 2, i16::from_le_bytes)),
        DType::I32 => Data::I32(dec!(i32, 4, i32::from_le_bytes)),
        DType::I64 | DType::Index => Data::I64(dec!(i64, 8, i64::from_le_bytes)),
        DType::U8 => Data::U8(dec!(u8, 1, u8::from_le_bytes)),
        DType::U16 => Data::U16(dec!(u16, 2, u16::from_le_bytes)),
        DType::U32 => Data::U32(dec!(u32, 4, u32::from_le_bytes)),
        DType::U64 => Data::U64(dec!(u64, 8, u64::from_le_bytes)),
        DType::Bool => Data::Bool(bytes.iter().map(|&b| b & 1 != 0).collect()),
        _ => unreachable!("small dtypes are handled above"),
    })
}

/// Encode elements little-endian (`ceil(bits/8)` bytes each; bool as one byte 0/1).
pub fn encode_le(data: &Data) -> Vec<u8> {
    match data {
        Data::Bool(v) => v.iter().map(|&b| b as u8).collect(),
        Data::F16(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        Data::BF16(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        other => with_data!(other, v => {
            let mut out = Vec::new();
            for x in v.iter() {
                out.extend_from_slice(&le_bytes(*x));
            }
            out
        }),
    }
}

/// Little-endian bytes of a primitive element.
fn le_bytes<T: LeBytes>(x: T) -> T::Bytes {
    x.le()
}

trait LeBytes: Copy {
    type Bytes: AsRef<[u8]>;
    fn le(self) -> Self::Bytes;
}

macro_rules! le_impl {
    ($($t:ty: $n:literal),*) => {$(
        impl LeBytes for $t {
            type Bytes = [u8; $n];
            fn le(self) -> [u8; $n] { self.to_le_bytes() }
        }
    )*};
}
le_impl!(f16: 2, bf16: 2, f32: 4, f64: 8, i8: 1, i16: 2, i32: 4, i64: 8, u8: 1, u16: 2, u32: 4, u64: 8);

impl LeBytes for bool {
    type Bytes = [u8; 1];
    fn le(self) -> [u8; 1] {
        [self as u8]
    }
}

/// The tensor held by a constant attribute: an integer, float or bool attribute (a rank-0
/// tensor), or dense elements / a dense resource of a static shape (splats are expanded).
/// At most `max_elements` elements are produced.
pub fn tensor_from_attr(ctx: &Context, attr: Attribute, max_elements: usize) -> Result<Tensor> {
    match ctx.attr_kind(attr) {
        AttrKind::Bool(b) => Ok(Tensor::scalar(*b)),
        AttrKind::Integer { value, ty } => {
            let dtype = DType::from_elem_type(ctx, *ty)
                .ok_or_else(|| format!("unsupported integer type {}", type_str(ctx, *ty)))?;
            let data = crate::cast::cast_data(&Data::I64(vec![*value as i64]), dtype);
            // Integer attributes are already normalised to their width; `u64` values above
            // i64::MAX come back through the wrap-around of the cast.
            Tensor::new(dtype, Vec::new(), data)
        }
        AttrKind::Float { bits, ty } => {
            let kind = ctx
                .type_kind(*ty)
                .float_kind()
                .ok_or_else(|| format!("float attribute of type {}", type_str(ctx, *ty)))?;
            let dtype = DType::from_elem_type(ctx, *ty)
                .ok_or_else(|| format!("unsupported float type {}", type_str(ctx, *ty)))?;
            let bytes = bits.to_le_bytes();
            let data = decode_le(dtype, &bytes[..kind.storage_bytes()])?;
            Tensor::new(dtype, Vec::new(), data)
        }
        AttrKind::DenseElements { ty, splat, data } => {
            let (shape, elem) = static_shaped(ctx, *ty)?;
            let dtype = DType::from_elem_type(ctx, elem)
                .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, elem)))?;
            let n = checked_numel(&shape, max_elements)?;
            let size = dtype.byte_size();
            if *splat {
                ensure!(
                    data.len() == size,
                    "splat of {} bytes for {dtype} elements",
                    data.len()
                );
                let one = decode_le(dtype, data)?;
                let full = with_data!(&one, v => {
                    let mut out = Vec::with_capacity(n);
                    out.resize(n, v[0]);
                    Data::from(out)
                });
                Tensor::new(dtype, shape, full)
            } else {
                ensure!(
                    data.len() == n.saturating_mul(size),
                    "dense elements of {} bytes for {n} {dtype} elements",
                    data.len()
                );
                Tensor::new(dtype, shape, decode_le(dtype, data)?)
            }
        }
        AttrKind::DenseResource { ty, name } => {
            let (shape, elem) = static_shaped(ctx, *ty)?;
            let dtype = DType::from_elem_type(ctx, elem)
                .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, elem)))?;
            let n = checked_numel(&shape, max_elements)?;
            let Some(blob) = ctx.resource_data(*name) else {
                bail!("dense resource '{}' has no data", ctx.str(*name));
            };
            let need = n.saturating_mul(dtype.byte_size());
            ensure!(
                blob.len() == need,
                "dense resource '{}' holds {} bytes, but {} needs {need}",
                ctx.str(*name),
                blob.len(),
                type_str(ctx, *ty)
            );
            Tensor::new(dtype, shape, decode_le(dtype, &blob)?)
        }
        _ => bail!("attribute is not a constant tensor or scalar"),
    }
}

/// Wrap a vector of any element type into [`Data`].
impl<T: crate::Element> From<Vec<T>> for Data {
    fn from(v: Vec<T>) -> Data {
        T::wrap(v)
    }
}

impl Tensor {
    /// The IR type of this value: the scalar type for rank 0 when `scalar` is set, else a
    /// ranked tensor type.
    pub fn ir_type(&self, ctx: &Context, scalar: bool) -> Type {
        let elem = self.dtype().to_elem_type(ctx);
        if scalar && self.rank() == 0 {
            return elem;
        }
        let shape: Vec<i64> = self.shape().iter().map(|&d| d as i64).collect();
        ctx.tensor_type(&shape, elem)
    }

    /// This tensor as a `dense<...> : tensor<...>` attribute (a splat when all elements are
    /// equal bit patterns).
    pub fn to_dense_attr(&self, ctx: &Context) -> Attribute {
        let ty = self.ir_type(ctx, false);
        let bytes = encode_le(self.data());
        let size = self.dtype().byte_size();
        let splat = !bytes.is_empty() && bytes.chunks_exact(size).all(|c| c == &bytes[..size]);
        let data: Box<[u8]> = if splat {
            bytes[..size].into()
        } else {
            bytes.into()
        };
        ctx.attr(AttrKind::DenseElements { ty, splat, data })
    }
}

/// A zeroed buffer of the static memref type `ty`.
pub(crate) fn alloc_for_type(
    ctx: &Context,
    ty: strata_ir::Type,
    max_elements: usize,
) -> Result<crate::buffer::Buffer> {
    let Some(p) = strata_dialect_loop::layout::memref_parts(ctx, ty) else {
        crate::error::bail!("{} is not a ranked memref", type_str(ctx, ty));
    };
    let dtype = DType::from_elem_type(ctx, p.elem)
        .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, p.elem)))?;
    let mut sizes = Vec::with_capacity(p.shape.len());
    for &s in &p.shape {
        let Ok(s) = usize::try_from(s) else {
            crate::error::bail!("{} has a dynamic size", type_str(ctx, ty));
        };
        sizes.push(s);
    }
    crate::buffer::Buffer::alloc(dtype, sizes, max_elements)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dense_attributes_round_trip_every_dtype() {
        let ctx = Context::new();
        for dt in DType::ALL {
            let t = Tensor::from_f64s(dt, vec![2, 2], &[0.0, 1.0, 0.0, 1.0]).unwrap();
            let a = t.to_dense_attr(&ctx);
            assert_eq!(tensor_from_attr(&ctx, a, 16).unwrap(), t, "{dt}");
            let splat = Tensor::from_f64s(dt, vec![3], &[1.0; 3]).unwrap();
            let a = splat.to_dense_attr(&ctx);
            assert!(matches!(
                ctx.attr_kind(a),
                AttrKind::DenseElements { splat: true, .. }
            ));
            assert_eq!(tensor_from_attr(&ctx, a, 16).unwrap(), splat);
            assert!(tensor_from_attr(&ctx, a, 2).is_err(), "element limit");
            let vt = ValueType::from_ir(&ctx, t.ir_type(&ctx, false)).unwrap();
            vt.check(&t).unwrap();
        }
        // Scalars from integer and float attributes, unsigned values above i64::MAX.
        let u64t = ctx.ty(strata_ir::TypeKind::Integer {
            width: 64,
            signedness: strata_ir::Signedness::Unsigned,
        });
        let a = ctx.int_attr(u64::MAX as i128, u64t);
        assert_eq!(
            tensor_from_attr(&ctx, a, 1).unwrap(),
            Tensor::scalar(u64::MAX)
        );
        let a = ctx.float_attr(-2.5, ctx.f64());
        assert_eq!(
            tensor_from_attr(&ctx, a, 1).unwrap(),
            Tensor::scalar(-2.5f64)
        );
        // Unsupported widths are reported.
        let i3 = ctx.int_type(3);
        assert!(ValueType::from_ir(&ctx, i3).is_err());
    }
}
