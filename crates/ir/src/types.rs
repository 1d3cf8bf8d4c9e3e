//! Builtin types: integers, index, floats, complex, tensors, memrefs, vectors, tuples,
//! functions, none, and opaque dialect types (`!dialect.name<...>`).
//!
//! Types are interned in the [`Context`](crate::Context); a [`Type`] is a `Copy` handle and two
//! structurally equal types always have the same handle.

use crate::{Attribute, Symbol};

/// An interned type handle.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Type(pub(crate) u32);

impl Type {
    /// The index of this type in its context's type table.
    pub fn index(self) -> u32 {
        self.0
    }
}

/// The marker used in shapes for a dynamic (`?`) dimension, as in MLIR (`ShapedType::kDynamic`).
pub const DYNAMIC: i64 = i64::MIN;

/// The largest integer bit width MLIR accepts (`IntegerType::kMaxWidth`).
pub const MAX_INT_WIDTH: u32 = (1 << 24) - 1;

/// Signedness semantics of an integer type.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum Signedness {
    /// `iN`: no sign semantics; operations decide.
    Signless,
    /// `siN`.
    Signed,
    /// `uiN`.
    Unsigned,
}

/// The float formats Strata knows: the IEEE-style `f16`, `bf16`, `f32`, `f64`, and MLIR's
/// small formats of machine learning (`f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`,
/// `f8E8M0FNU`, `f4E2M1FN`), whose encodings (no infinity, NaN only as one bit pattern,
/// no negative zero, no sign) are described by [`FloatKind::nonfinite`] and
/// [`crate::minifloat`].
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum FloatKind {
    /// `f16` (IEEE half).
    F16,
    /// `bf16` (brain float).
    BF16,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// `f8E5M2`: 5 exponent bits (bias 15), 2 mantissa bits, IEEE infinities and NaNs.
    F8E5M2,
    /// `f8E4M3FN`: 4 exponent bits (bias 7), 3 mantissa bits, no infinities, NaN is
    /// `S.1111.111`; largest value 448.
    F8E4M3FN,
    /// `f8E5M2FNUZ`: 5 exponent bits (bias 16), 2 mantissa bits, no infinities and no
    /// negative zero: `0x80` is the only NaN.
    F8E5M2FNUZ,
    /// `f8E4M3FNUZ`: 4 exponent bits (bias 8), 3 mantissa bits, no infinities and no
    /// negative zero: `0x80` is the only NaN; largest value 240.
    F8E4M3FNUZ,
    /// `f8E8M0FNU`: an unsigned power of two `2^(e - 127)` (no zero, no sign), `0xFF` is NaN.
    F8E8M0FNU,
    /// `f4E2M1FN`: 2 exponent bits (bias 1), 1 mantissa bit, finite only (±0 ... ±6).
    F4E2M1FN,
}

/// How a float format encodes non-finite values.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub enum NonFinite {
    /// IEEE: the all-ones exponent is infinity (zero mantissa) or NaN.
    Ieee,
    /// No infinities; NaN is the all-ones exponent with the all-ones mantissa (`FN`).
    NanAllOnes,
    /// No infinities and no negative zero; NaN is the negative-zero pattern (`FNUZ`).
    NanNegZero,
    /// No infinities and no NaN (`f4E2M1FN`).
    FiniteOnly,
    /// Unsigned powers of two; the all-ones pattern is NaN (`f8E8M0FNU`).
    PowerOfTwo,
}

impl FloatKind {
    /// Every float kind, in declaration order.
    pub const ALL: [FloatKind; 10] = [
        FloatKind::F16,
        FloatKind::BF16,
        FloatKind::F32,
        FloatKind::F64,
        FloatKind::F8E5M2,
        FloatKind::F8E4M3FN,
        FloatKind::F8E5M2FNUZ,
        FloatKind::F8E4M3FNUZ,
        FloatKind::F8E8M0FNU,
        FloatKind::F4E2M1FN,
    ];

    /// Width in bits.
    pub fn width(self) -> u32 {
        match self {
            FloatKind::F16 | FloatKind::BF16 => 16,
            FloatKind::F32 => 32,
            FloatKind::F64 => 64,
            FloatKind::F4E2M1FN => 4,
            _ => 8,
        }
    }
    /// Bytes of one element in dense storage (`ceil(width / 8)`).
    pub fn storage_bytes(self) -> usize {
        self.width().div_ceil(8) as usize
    }
    /// Precision in bits including the implicit bit (APFloat's `precision`).
    pub fn precision(self) -> u32 {
        self.mantissa_bits() + 1
    }
    /// Explicitly stored mantissa bits.
    pub fn mantissa_bits(self) -> u32 {
        match self {
            FloatKind::F16 => 10,
            FloatKind::BF16 => 7,
            FloatKind::F32 => 23,
            FloatKind::F64 => 52,
            FloatKind::F8E5M2 | FloatKind::F8E5M2FNUZ => 2,
            FloatKind::F8E4M3FN | FloatKind::F8E4M3FNUZ => 3,
            FloatKind::F8E8M0FNU => 0,
            FloatKind::F4E2M1FN => 1,
        }
    }
    /// Exponent bits.
    pub fn exponent_bits(self) -> u32 {
        match self {
            FloatKind::F16 | FloatKind::F8E5M2 | FloatKind::F8E5M2FNUZ => 5,
            FloatKind::BF16 | FloatKind::F32 | FloatKind::F8E8M0FNU => 8,
            FloatKind::F64 => 11,
            FloatKind::F8E4M3FN | FloatKind::F8E4M3FNUZ => 4,
            FloatKind::F4E2M1FN => 2,
        }
    }
    /// The exponent bias.
    pub fn bias(self) -> i32 {
        match self {
            FloatKind::F8E5M2FNUZ | FloatKind::F8E4M3FNUZ => 1 << (self.exponent_bits() - 1),
            _ => (1 << (self.exponent_bits() - 1)) - 1,
        }
    }
    /// How the format encodes infinities and NaNs.
    pub fn nonfinite(self) -> NonFinite {
        match self {
            FloatKind::F16
            | FloatKind::BF16
            | FloatKind::F32
            | FloatKind::F64
            | FloatKind::F8E5M2 => NonFinite::Ieee,
            FloatKind::F8E4M3FN => NonFinite::NanAllOnes,
            FloatKind::F8E5M2FNUZ | FloatKind::F8E4M3FNUZ => NonFinite::NanNegZero,
            FloatKind::F4E2M1FN => NonFinite::FiniteOnly,
            FloatKind::F8E8M0FNU => NonFinite::PowerOfTwo,
        }
    }
    /// Whether this is one of the four formats with full IEEE arithmetic in Strata (`f16`,
    /// `bf16`, `f32`, `f64`); the small formats are storage types (constant folding and
    /// arithmetic skip them).
    pub fn is_ieee_arith(self) -> bool {
        matches!(
            self,
            FloatKind::F16 | FloatKind::BF16 | FloatKind::F32 | FloatKind::F64
        )
    }
    /// The keyword in the text format.
    pub fn keyword(self) -> &'static str {
        match self {
            FloatKind::F16 => "f16",
            FloatKind::BF16 => "bf16",
            FloatKind::F32 => "f32",
            FloatKind::F64 => "f64",
            FloatKind::F8E5M2 => "f8E5M2",
            FloatKind::F8E4M3FN => "f8E4M3FN",
            FloatKind::F8E5M2FNUZ => "f8E5M2FNUZ",
            FloatKind::F8E4M3FNUZ => "f8E4M3FNUZ",
            FloatKind::F8E8M0FNU => "f8E8M0FNU",
            FloatKind::F4E2M1FN => "f4E2M1FN",
        }
    }
    /// The kind spelled `keyword` in the text format.
    pub fn from_keyword(keyword: &str) -> Option<FloatKind> {
        FloatKind::ALL.into_iter().find(|k| k.keyword() == keyword)
    }
}

/// The structure of a type. Obtain it with [`Context::type_kind`](crate::Context::type_kind).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum TypeKind {
    /// `i32`, `si8`, `ui16`, ...
    Integer {
        /// Bit width (1 ..= [`MAX_INT_WIDTH`]).
        width: u32,
        /// Signedness semantics.
        signedness: Signedness,
    },
    /// `index`.
    Index,
    /// `f16`, `bf16`, `f32`, `f64`, `f8E4M3FN`, ... (see [`FloatKind`]).
    Float(FloatKind),
    /// `complex<f32>`.
    Complex(Type),
    /// `tensor<2x?xf32, #encoding>`.
    RankedTensor {
        /// Dimensions; [`DYNAMIC`] for `?`.
        shape: Box<[i64]>,
        /// Element type.
        elem: Type,
        /// Optional encoding attribute.
        encoding: Option<Attribute>,
    },
    /// `tensor<*xf32>`.
    UnrankedTensor(Type),
    /// `memref<4x?xf32, strided<[?, 1]>, 3>`.
    MemRef {
        /// Dimensions; [`DYNAMIC`] for `?`.
        shape: Box<[i64]>,
        /// Element type.
        elem: Type,
        /// Optional layout (an affine map or strided layout attribute).
        layout: Option<Attribute>,
        /// Optional memory space attribute.
        space: Option<Attribute>,
    },
    /// `memref<*xf32, 1>`.
    UnrankedMemRef {
        /// Element type.
        elem: Type,
        /// Optional memory space attribute.
        space: Option<Attribute>,
    },
    /// `vector<4x[8]xf32>`.
    Vector {
        /// Dimensions (always static).
        shape: Box<[i64]>,
        /// Which dimensions are scalable (`[8]`).
        scalable: Box<[bool]>,
        /// Element type.
        elem: Type,
    },
    /// `tuple<i32, f32>`.
    Tuple(Box<[Type]>),
    /// `(i32, f32) -> f32`.
    Function {
        /// Input types.
        inputs: Box<[Type]>,
        /// Result types.
        results: Box<[Type]>,
    },
    /// `none`.
    None,
    /// A dialect type kept as text: `!dialect.body` or `!dialect<"body">`.
    Opaque {
        /// The dialect namespace.
        dialect: Symbol,
        /// The body after the dialect name (for the pretty form, including the `.name<...>` part).
        body: Box<str>,
    },
}

impl TypeKind {
    /// The dimensions of a shaped type (ranked tensor, memref, vector).
    pub fn shape(&self) -> Option<&[i64]> {
        match self {
            TypeKind::RankedTensor { shape, .. }
            | TypeKind::MemRef { shape, .. }
            | TypeKind::Vector { shape, .. } => Some(shape),
            _ => None,
        }
    }
    /// The element type of a shaped or complex type.
    pub fn element_type(&self) -> Option<Type> {
        match self {
            TypeKind::RankedTensor { elem, .. }
            | TypeKind::MemRef { elem, .. }
            | TypeKind::Vector { elem, .. }
            | TypeKind::UnrankedMemRef { elem, .. }
            | TypeKind::UnrankedTensor(elem)
            | TypeKind::Complex(elem) => Some(*elem),
            _ => None,
        }
    }
    /// Whether this is an integer type of any signedness.
    pub fn is_integer(&self) -> bool {
        matches!(self, TypeKind::Integer { .. })
    }
    /// Whether this is a signless integer type.
    pub fn is_signless_integer(&self) -> bool {
        matches!(
            self,
            TypeKind::Integer {
                signedness: Signedness::Signless,
                ..
            }
        )
    }
    /// Whether this is `index`.
    pub fn is_index(&self) -> bool {
        matches!(self, TypeKind::Index)
    }
    /// Whether this is a float type.
    pub fn is_float(&self) -> bool {
        matches!(self, TypeKind::Float(_))
    }
    /// Whether this is a tensor (ranked or not).
    pub fn is_tensor(&self) -> bool {
        matches!(
            self,
            TypeKind::RankedTensor { .. } | TypeKind::UnrankedTensor(_)
        )
    }
    /// Whether this is a memref (ranked or not).
    pub fn is_memref(&self) -> bool {
        matches!(
            self,
            TypeKind::MemRef { .. } | TypeKind::UnrankedMemRef { .. }
        )
    }
    /// Whether this is a vector.
    pub fn is_vector(&self) -> bool {
        matches!(self, TypeKind::Vector { .. })
    }
    /// Integer bit width, if an integer type.
    pub fn int_width(&self) -> Option<u32> {
        match self {
            TypeKind::Integer { width, .. } => Some(*width),
            _ => None,
        }
    }
    /// Float kind, if a float type.
    pub fn float_kind(&self) -> Option<FloatKind> {
        match self {
            TypeKind::Float(k) => Some(*k),
            _ => None,
        }
    }
}
