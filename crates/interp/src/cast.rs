//! Dtype conversion of whole tensors ([`Tensor::cast`]) with ONNX `Cast` semantics made
//! exact where ONNX leaves them open:
//!
//! * float to float: round to nearest even (f16/bf16 rounded once, directly from the
//!   source value);
//! * float to integer: truncate toward zero, saturate to the target range, NaN gives 0
//!   (ONNX leaves out-of-range values undefined);
//! * integer to float: correctly rounded to nearest even;
//! * integer to integer: two's complement wrap-around (the value modulo 2^N, read with the
//!   source's signedness);
//! * anything to bool: `x != 0` (NaN is true); bool to anything: 0 or 1.
//!
//! Casts to and from the small dtypes (8- and 4-bit floats, 4- and 2-bit integers) follow
//! [`small`](crate::small), with ONNX's `saturate` and `round_mode` options.

use crate::dtype::{DType, Element};
use crate::error::Result;
use crate::numeric;
use crate::tensor::{Data, Tensor};
use half::{bf16, f16};

/// A scalar read from any dtype, keeping integers exact.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Scalar {
    Int(i128),
    Float(f64),
}

/// Conversion of elements to and from [`Scalar`].
pub(crate) trait CastElem: Element {
    fn to_scalar(self) -> Scalar;
    fn from_scalar(s: Scalar) -> Self;
}

macro_rules! int_cast_elem {
    ($($t:ty),*) => {$(
        impl CastElem for $t {
            #[inline(always)]
            fn to_scalar(self) -> Scalar {
                Scalar::Int(self as i128)
            }
            #[inline(always)]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    // `as` between integers wraps (keeps the low bits).
                    Scalar::Int(v) => v as $t,
                    Scalar::Float(f) => {
                        let bits = <$t>::BITS;
                        let p = if <$t>::MIN == 0 {
                            numeric::f64_to_uint_sat(f, bits)
                        } else {
                            numeric::f64_to_sint_sat(f, bits)
                        };
                        p as $t
                    }
                }
            }
        }
    )*};
}
int_cast_elem!(i8, i16, i32, i64, u8, u16, u32, u64);

impl CastElem for bool {
    fn to_scalar(self) -> Scalar {
        Scalar::Int(self as i128)
    }
    fn from_scalar(s: Scalar) -> Self {
        match s {
            Scalar::Int(v) => v != 0,
            Scalar::Float(f) => f != 0.0,
        }
    }
}

macro_rules! float_cast_elem {
    ($t:ty, $kind:ident) => {
        impl CastElem for $t {
            #[inline(always)]
            fn to_scalar(self) -> Scalar {
                Scalar::Float(Element::to_f64(self))
            }
            #[inline(always)]
            fn from_scalar(s: Scalar) -> Self {
                match s {
                    Scalar::Int(v) => <$t as Element>::from_f64(numeric::int_to_kind(
                        strata_ir::FloatKind::$kind,
                        v,
                    )),
                    Scalar::Float(f) => <$t as Element>::from_f64(f),
                }
            }
        }
    };
}
float_cast_elem!(f16, F16);
float_cast_elem!(bf16, BF16);
float_cast_elem!(f32, F32);
float_cast_elem!(f64, F64);

fn cast_vec<S: CastElem, T: CastElem>(src: &[S]) -> Vec<T> {
    src.iter().map(|&x| T::from_scalar(x.to_scalar())).collect()
}

fn cast_to<T: CastElem>(data: &Data) -> Vec<T> {
    match data {
        Data::F16(v) => cast_vec(v),
        Data::BF16(v) => cast_vec(v),
        Data::F32(v) => cast_vec(v),
        Data::F64(v) => cast_vec(v),
        Data::I8(v) => cast_vec(v),
        Data::I16(v) => cast_vec(v),
        Data::I32(v) => cast_vec(v),
        Data::I64(v) => cast_vec(v),
        Data::U8(v) => cast_vec(v),
        Data::U16(v) => cast_vec(v),
        Data::U32(v) => cast_vec(v),
        Data::U64(v) => cast_vec(v),
        Data::Bool(v) => cast_vec(v),
    }
}

/// Convert storage to `to` (see the module documentation for the rules; the storage is
/// read as its own dtype, so small dtypes must not be passed as `data`).
pub fn cast_data(data: &Data, to: DType) -> Data {
    if to.is_small() {
        let t = Tensor::new(data.storage_dtype(), vec![data.len()], data.clone())
            .and_then(|t| t.cast_with(to, crate::small::CastOptions::default()));
        return match t {
            Ok(t) => t.into_data(),
            // Unreachable: the storage dtype always matches and the cast keeps the length.
            Err(_) => Data::zeros(to, data.len()),
        };
    }
    match to {
        DType::F16 => Data::F16(cast_to(data)),
        DType::BF16 => Data::BF16(cast_to(data)),
        DType::F32 => Data::F32(cast_to(data)),
        DType::F64 => Data::F64(cast_to(data)),
        DType::I8 => Data::I8(cast_to(data)),
        DType::I16 => Data::I16(cast_to(data)),
        DType::I32 => Data::I32(cast_to(data)),
        DType::I64 | DType::Index => Data::I64(cast_to(data)),
        DType::U8 => Data::U8(cast_to(data)),
        DType::U16 => Data::U16(cast_to(data)),
        DType::U32 => Data::U32(cast_to(data)),
        DType::U64 => Data::U64(cast_to(data)),
        DType::Bool => Data::Bool(cast_to(data)),
        _ => unreachable!("small dtypes are handled above"),
    }
}

impl Tensor {
    /// This tensor converted to `to` (see the module documentation for the rules).
    pub fn cast(&self, to: DType) -> Result<Tensor> {
        if to == self.dtype() {
            return Ok(self.clone());
        }
        if to.is_small() || self.dtype().is_small() {
            return self.cast_with(to, crate::small::CastOptions::default());
        }
        Tensor::new(to, self.shape().to_vec(), cast_data(self.data(), to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cast_rules() {
        let t = Tensor::from_vec(vec![5], vec![1.9f32, -1.9, f32::NAN, 1e10, -0.0]).unwrap();
        let i = t.cast(DType::I8).unwrap();
        assert_eq!(i.as_slice::<i8>().unwrap(), &[1, -1, 0, 127, 0]);
        let u = t.cast(DType::U8).unwrap();
        assert_eq!(u.as_slice::<u8>().unwrap(), &[1, 0, 0, 255, 0]);
        let b = t.cast(DType::Bool).unwrap();
        assert_eq!(
            b.as_slice::<bool>().unwrap(),
            &[true, true, true, true, false]
        );
        let w = Tensor::from_vec(vec![2], vec![300i32, -1]).unwrap();
        assert_eq!(
            w.cast(DType::U8).unwrap().as_slice::<u8>().unwrap(),
            &[44, 255]
        );
        assert_eq!(
            w.cast(DType::U64).unwrap().as_slice::<u64>().unwrap(),
            &[300, u64::MAX]
        );
        let big = Tensor::from_vec(vec![1], vec![u64::MAX]).unwrap();
        assert_eq!(
            big.cast(DType::F32).unwrap().as_slice::<f32>().unwrap(),
            &[18446744073709551615u64 as f32]
        );
        let h = Tensor::from_vec(vec![1], vec![65520.0f64]).unwrap();
        assert!(h.cast(DType::F16).unwrap().as_slice::<f16>().unwrap()[0].is_infinite());
    }
}
