//! Element types of runtime values ([`DType`]) and the Rust types that store them
//! ([`Element`]), with the mapping to and from IR element types.
//!
//! Mapping from IR types: `f16`, `bf16`, `f32`, `f64` map to the float dtypes; `i1`, `si1`
//! and `ui1` to [`DType::Bool`]; signless and signed `i8`/`i16`/`i32`/`i64` to the signed
//! dtypes and `ui8`..`ui64` to the unsigned ones; `index` to [`DType::Index`] (stored as
//! `i64`). Other widths (`i3`, `i128`, ...) and other element types (complex, opaque) are not
//! representable and are reported as unsupported. Signless integers are stored in the signed
//! Rust type of their width; operations that treat them as unsigned reinterpret the bits.
//!
//! The small types have no Rust type of their own and are stored one element per byte, as
//! [`Index`](DType::Index) is stored as `i64` (see [`storage_of`](crate::tensor::storage_of)):
//! the 8- and 4-bit floats (`f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`, `f8E8M0FNU`,
//! `f4E2M1FN`) as their bit pattern in a `u8`, `i4`/`si4` and `i2`/`si2` as their value in
//! an `i8`, `ui4` and `ui2` as their value in a `u8`. [`Tensor::to_f64_vec`]
//! (crate::Tensor::to_f64_vec) and the casts read them by dtype; only casts and data
//! movement take them (the graph dialect rejects arithmetic on the small floats).

use half::{bf16, f16};
use strata_ir::{Context, FloatKind, Signedness, Type, TypeKind};

/// The element type of a [`Tensor`](crate::Tensor).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum DType {
    /// IEEE half precision.
    F16,
    /// bfloat16.
    BF16,
    /// IEEE single precision.
    F32,
    /// IEEE double precision.
    F64,
    /// 8-bit signed (or signless) integer.
    I8,
    /// 16-bit signed (or signless) integer.
    I16,
    /// 32-bit signed (or signless) integer.
    I32,
    /// 64-bit signed (or signless) integer.
    I64,
    /// 8-bit unsigned integer.
    U8,
    /// 16-bit unsigned integer.
    U16,
    /// 32-bit unsigned integer.
    U32,
    /// 64-bit unsigned integer.
    U64,
    /// Boolean (`i1`).
    Bool,
    /// MLIR's `index`, a 64-bit signless integer stored as `i64`.
    Index,
    /// `f8E5M2` (ONNX `FLOAT8E5M2`), bit patterns stored as `u8`.
    F8E5M2,
    /// `f8E4M3FN` (ONNX `FLOAT8E4M3FN`), bit patterns stored as `u8`.
    F8E4M3FN,
    /// `f8E5M2FNUZ` (ONNX `FLOAT8E5M2FNUZ`), bit patterns stored as `u8`.
    F8E5M2FNUZ,
    /// `f8E4M3FNUZ` (ONNX `FLOAT8E4M3FNUZ`), bit patterns stored as `u8`.
    F8E4M3FNUZ,
    /// `f8E8M0FNU` (ONNX `FLOAT8E8M0`), bit patterns stored as `u8`.
    F8E8M0,
    /// `f4E2M1FN` (ONNX `FLOAT4E2M1`), bit patterns (low 4 bits) stored as `u8`.
    F4E2M1,
    /// 4-bit signed (or signless) integer, values stored as `i8`.
    I4,
    /// 4-bit unsigned integer, values stored as `u8`.
    U4,
    /// 2-bit signed (or signless) integer, values stored as `i8`.
    I2,
    /// 2-bit unsigned integer, values stored as `u8`.
    U2,
}

impl DType {
    /// Every dtype, in declaration order.
    pub const ALL: [DType; 24] = [
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::Bool,
        DType::Index,
        DType::F8E5M2,
        DType::F8E4M3FN,
        DType::F8E5M2FNUZ,
        DType::F8E4M3FNUZ,
        DType::F8E8M0,
        DType::F4E2M1,
        DType::I4,
        DType::U4,
        DType::I2,
        DType::U2,
    ];

    /// A short name (`f32`, `i64`, `u8`, `bool`, `index`).
    pub fn name(self) -> &'static str {
        match self {
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::I8 => "i8",
            DType::I16 => "i16",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::U8 => "u8",
            DType::U16 => "u16",
            DType::U32 => "u32",
            DType::U64 => "u64",
            DType::Bool => "bool",
            DType::Index => "index",
            DType::F8E5M2 => "f8E5M2",
            DType::F8E4M3FN => "f8E4M3FN",
            DType::F8E5M2FNUZ => "f8E5M2FNUZ",
            DType::F8E4M3FNUZ => "f8E4M3FNUZ",
            DType::F8E8M0 => "f8E8M0FNU",
            DType::F4E2M1 => "f4E2M1FN",
            DType::I4 => "i4",
            DType::U4 => "u4",
            DType::I2 => "i2",
            DType::U2 => "u2",
        }
    }

    /// Bit width of one element (`1` for bool, `64` for index).
    pub fn bits(self) -> u32 {
        match self {
            DType::Bool => 1,
            DType::I2 | DType::U2 => 2,
            DType::I4 | DType::U4 | DType::F4E2M1 => 4,
            DType::I8
            | DType::U8
            | DType::F8E5M2
            | DType::F8E4M3FN
            | DType::F8E5M2FNUZ
            | DType::F8E4M3FNUZ
            | DType::F8E8M0 => 8,
            DType::F16 | DType::BF16 | DType::I16 | DType::U16 => 16,
            DType::F32 | DType::I32 | DType::U32 => 32,
            DType::F64 | DType::I64 | DType::U64 | DType::Index => 64,
        }
    }

    /// Bytes of one stored element (`1` for bool).
    pub fn byte_size(self) -> usize {
        (self.bits() as usize).div_ceil(8)
    }

    /// Whether this is a float dtype (the small formats included).
    pub fn is_float(self) -> bool {
        self.float_kind().is_some()
    }

    /// The format of a small float dtype (8- and 4-bit, stored as bit patterns in `u8`).
    pub fn small_float(self) -> Option<FloatKind> {
        self.float_kind().filter(|k| !k.is_ieee_arith())
    }

    /// Whether this dtype is stored in a wider Rust type (the small floats and the 4- and
    /// 2-bit integers), so that its elements are read by dtype.
    pub fn is_small(self) -> bool {
        self.small_float().is_some()
            || matches!(self, DType::I4 | DType::U4 | DType::I2 | DType::U2)
    }

    /// Whether this is an integer dtype (including bool and index).
    pub fn is_int(self) -> bool {
        !self.is_float()
    }

    /// Whether integer values of this dtype are read as signed numbers by dtype-driven
    /// operations (graph ops, casts). Signless IR integers count as signed.
    pub fn is_signed(self) -> bool {
        matches!(
            self,
            DType::I8 | DType::I16 | DType::I32 | DType::I64 | DType::Index | DType::I4 | DType::I2
        ) || self.is_float()
    }

    /// Whether this is an unsigned integer dtype.
    pub fn is_unsigned(self) -> bool {
        matches!(
            self,
            DType::U8 | DType::U16 | DType::U32 | DType::U64 | DType::U4 | DType::U2
        )
    }

    /// The float format of a float dtype.
    pub fn float_kind(self) -> Option<FloatKind> {
        match self {
            DType::F16 => Some(FloatKind::F16),
            DType::BF16 => Some(FloatKind::BF16),
            DType::F32 => Some(FloatKind::F32),
            DType::F64 => Some(FloatKind::F64),
            DType::F8E5M2 => Some(FloatKind::F8E5M2),
            DType::F8E4M3FN => Some(FloatKind::F8E4M3FN),
            DType::F8E5M2FNUZ => Some(FloatKind::F8E5M2FNUZ),
            DType::F8E4M3FNUZ => Some(FloatKind::F8E4M3FNUZ),
            DType::F8E8M0 => Some(FloatKind::F8E8M0FNU),
            DType::F4E2M1 => Some(FloatKind::F4E2M1FN),
            _ => None,
        }
    }

    /// The dtype of float format `kind`.
    pub fn of_float_kind(kind: FloatKind) -> DType {
        match kind {
            FloatKind::F16 => DType::F16,
            FloatKind::BF16 => DType::BF16,
            FloatKind::F32 => DType::F32,
            FloatKind::F64 => DType::F64,
            FloatKind::F8E5M2 => DType::F8E5M2,
            FloatKind::F8E4M3FN => DType::F8E4M3FN,
            FloatKind::F8E5M2FNUZ => DType::F8E5M2FNUZ,
            FloatKind::F8E4M3FNUZ => DType::F8E4M3FNUZ,
            FloatKind::F8E8M0FNU => DType::F8E8M0,
            FloatKind::F4E2M1FN => DType::F4E2M1,
        }
    }

    /// The dtype of an IR scalar element type, if representable.
    pub fn from_elem_type(ctx: &Context, ty: Type) -> Option<DType> {
        Some(match ctx.type_kind(ty) {
            TypeKind::Float(k) => DType::of_float_kind(*k),
            TypeKind::Index => DType::Index,
            TypeKind::Integer { width, signedness } => {
                let unsigned = *signedness == Signedness::Unsigned;
                match (width, unsigned) {
                    (1, _) => DType::Bool,
                    (2, false) => DType::I2,
                    (4, false) => DType::I4,
                    (2, true) => DType::U2,
                    (4, true) => DType::U4,
                    (8, false) => DType::I8,
                    (16, false) => DType::I16,
                    (32, false) => DType::I32,
                    (64, false) => DType::I64,
                    (8, true) => DType::U8,
                    (16, true) => DType::U16,
                    (32, true) => DType::U32,
                    (64, true) => DType::U64,
                    _ => return None,
                }
            }
            _ => return None,
        })
    }

    /// The IR element type of this dtype: signed dtypes become signless integers, unsigned
    /// ones `uiN`, bool `i1`.
    pub fn to_elem_type(self, ctx: &Context) -> Type {
        let int = |width, signedness| ctx.ty(TypeKind::Integer { width, signedness });
        if let Some(k) = self.float_kind() {
            return ctx.float_type(k);
        }
        match self {
            DType::Index => ctx.index_type(),
            DType::Bool => ctx.i1(),
            d if d.is_unsigned() => int(self.bits(), Signedness::Unsigned),
            _ => int(self.bits(), Signedness::Signless),
        }
    }

    /// Whether a value of this dtype may flow where IR element type `ty` is expected
    /// (`iN`/`siN` accept the signed dtype of width N, `uiN` the unsigned one).
    pub fn matches_elem_type(self, ctx: &Context, ty: Type) -> bool {
        DType::from_elem_type(ctx, ty) == Some(self)
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that stores tensor elements. Implemented for `f16`, `bf16`, `f32`, `f64`,
/// `i8`..`i64`, `u8`..`u64` and `bool`.
pub trait Element:
    Copy + PartialEq + std::fmt::Debug + Send + Sync + 'static + sealed::Sealed
{
    /// The dtype stored in this Rust type (`i64` stores both `I64` and `Index`).
    const DTYPE: DType;
    /// Wrap a vector as [`Data`](crate::Data).
    fn wrap(v: Vec<Self>) -> crate::Data;
    /// The elements, when `data` stores this type.
    fn slice(data: &crate::Data) -> Option<&[Self]>;
    /// The elements mutably, when `data` stores this type.
    fn slice_mut(data: &mut crate::Data) -> Option<&mut [Self]>;
    /// The vector, when `data` stores this type.
    fn unwrap_vec(data: crate::Data) -> Result<Vec<Self>, crate::Data>;
    /// The value as `f64` (exact for all but 64-bit integers beyond 2^53, which round).
    fn to_f64(self) -> f64;
    /// The value converted from `f64`: floats round to nearest even; integers truncate toward
    /// zero and saturate (NaN gives 0); bool is `v != 0` (NaN gives true).
    fn from_f64(v: f64) -> Self;
}

macro_rules! element {
    ($t:ty, $dt:ident, $to:expr, $from:expr) => {
        impl sealed::Sealed for $t {}
        impl Element for $t {
            const DTYPE: DType = DType::$dt;
            fn wrap(v: Vec<Self>) -> crate::Data {
                crate::Data::$dt(v)
            }
            fn slice(data: &crate::Data) -> Option<&[Self]> {
                match data {
                    crate::Data::$dt(v) => Some(v),
                    _ => None,
                }
            }
            fn slice_mut(data: &mut crate::Data) -> Option<&mut [Self]> {
                match data {
                    crate::Data::$dt(v) => Some(v),
                    _ => None,
                }
            }
            fn unwrap_vec(data: crate::Data) -> Result<Vec<Self>, crate::Data> {
                match data {
                    crate::Data::$dt(v) => Ok(v),
                    other => Err(other),
                }
            }
            #[inline(always)]
            fn to_f64(self) -> f64 {
                let f: fn($t) -> f64 = $to;
                f(self)
            }
            #[inline(always)]
            fn from_f64(v: f64) -> Self {
                let f: fn(f64) -> $t = $from;
                f(v)
            }
        }
    };
}

element!(f16, F16, |x| x.to_f64(), crate::numeric::f64_to_f16);
element!(bf16, BF16, |x| x.to_f64(), crate::numeric::f64_to_bf16);
element!(f32, F32, |x| x as f64, |v| v as f32);
element!(f64, F64, |x| x, |v| v);
element!(i8, I8, |x| x as f64, |v| v as i8);
element!(i16, I16, |x| x as f64, |v| v as i16);
element!(i32, I32, |x| x as f64, |v| v as i32);
element!(i64, I64, |x| x as f64, |v| v as i64);
element!(u8, U8, |x| x as f64, |v| v as u8);
element!(u16, U16, |x| x as f64, |v| v as u16);
element!(u32, U32, |x| x as f64, |v| v as u32);
element!(u64, U64, |x| x as f64, |v| v as u64);
element!(bool, Bool, |x| if x { 1.0 } else { 0.0 }, |v| v != 0.0);
