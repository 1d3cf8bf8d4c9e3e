//! C types of IR types: scalars (`iN` for N in 1, 8, 16, 32, 64 as unsigned C integers of
//! that width, `i1` as `uint8_t` 0/1, `i2`/`i4` as one `uint8_t` each whose low bits hold
//! the value (readers mask, writers store it masked), `index` as `int64_t`, `f16`/`bf16` as
//! their `uint16_t` bit patterns, the 8- and 4-bit floats as their `uint8_t` bit patterns
//! converted by the `strata_f64_to_<kind>`/`strata_<kind>_to_f64` prelude helpers, and
//! `f32`/`f64` as `float`/`double`) and statically shaped memrefs
//! with static strides (a pointer to the first element of the view; the layout offset is
//! folded into the pointer, so it may be dynamic).

use strata_ir::{Context, FloatKind, Type, TypeKind};

/// A scalar type the code generator handles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scalar {
    /// A signless integer of width 1, 2, 4, 8, 16, 32 or 64.
    Int(u32),
    /// `index`.
    Index,
    /// `f16`.
    F16,
    /// `bf16`.
    BF16,
    /// `f32`.
    F32,
    /// `f64`.
    F64,
    /// An 8- or 4-bit float (`f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`, `f8E8M0FNU`,
    /// `f4E2M1FN`), one byte per element.
    Small(FloatKind),
    /// `!graph.string`: a `strata_str` descriptor (pointer and length, 16 bytes), in
    /// buffers only (`docs/lowering.md`, "String tensors").
    Str,
}

impl Scalar {
    /// The C type of values and buffer elements.
    pub fn c(self) -> &'static str {
        match self {
            Scalar::Int(1 | 2 | 4 | 8) | Scalar::Small(_) => "uint8_t",
            Scalar::Int(16) | Scalar::F16 | Scalar::BF16 => "uint16_t",
            Scalar::Int(32) => "uint32_t",
            Scalar::Int(_) => "uint64_t",
            Scalar::Index => "int64_t",
            Scalar::F32 => "float",
            Scalar::F64 => "double",
            Scalar::Str => "strata_str",
        }
    }
    /// Width in bits (64 for `index`).
    pub fn bits(self) -> u32 {
        match self {
            Scalar::Int(w) => w,
            Scalar::Index | Scalar::F64 => 64,
            Scalar::F16 | Scalar::BF16 => 16,
            Scalar::F32 => 32,
            Scalar::Small(k) => k.width(),
            Scalar::Str => 128,
        }
    }
    /// Bytes of one buffer element.
    pub fn bytes(self) -> u64 {
        (self.bits() as u64).div_ceil(8)
    }
    /// Whether this is a float type.
    pub fn is_float(self) -> bool {
        matches!(
            self,
            Scalar::F16 | Scalar::BF16 | Scalar::F32 | Scalar::F64 | Scalar::Small(_)
        )
    }
    /// The type as MLIR writes it.
    pub fn keyword(self) -> String {
        match self {
            Scalar::Int(w) => format!("i{w}"),
            Scalar::Index => "index".into(),
            Scalar::F16 => "f16".into(),
            Scalar::BF16 => "bf16".into(),
            Scalar::F32 => "f32".into(),
            Scalar::F64 => "f64".into(),
            Scalar::Small(k) => k.keyword().into(),
            Scalar::Str => "!graph.string".into(),
        }
    }
    /// `expr` (of this type) sign-extended to `int64_t`.
    pub fn sx(self, e: &str) -> String {
        match self {
            Scalar::Int(1) => format!("(-(int64_t)(({e}) & 1))"),
            Scalar::Int(w @ (2 | 4)) => {
                format!(
                    "((int64_t)(int8_t)(uint8_t)((uint8_t)({e}) << {}) >> {})",
                    8 - w,
                    8 - w
                )
            }
            Scalar::Int(w) if w < 64 => format!("((int64_t)(int{w}_t)({e}))"),
            _ => format!("((int64_t)({e}))"),
        }
    }
    /// `expr` (of this type) zero-extended to `uint64_t`.
    pub fn zx(self, e: &str) -> String {
        match self {
            Scalar::Int(w @ (2 | 4)) => format!("((uint64_t)(({e}) & {}u))", (1u32 << w) - 1),
            _ => format!("((uint64_t)({e}))"),
        }
    }
    /// A `uint64_t` expression truncated to this integer type.
    pub fn trunc(self, e: &str) -> String {
        match self {
            Scalar::Int(1) => format!("((uint8_t)(({e}) & 1))"),
            Scalar::Int(w @ (2 | 4)) => format!("((uint8_t)(({e}) & {}u))", (1u32 << w) - 1),
            Scalar::Index => format!("((int64_t)(uint64_t)({e}))"),
            _ => format!("(({})({e}))", self.c()),
        }
    }
    /// `expr` (of this float type) as a `double`.
    pub fn to_f64(self, e: &str) -> String {
        match self {
            Scalar::F16 => format!("strata_f16_to_f64({e})"),
            Scalar::BF16 => format!("strata_bf16_to_f64({e})"),
            Scalar::F32 => format!("((double)({e}))"),
            Scalar::Small(k) => format!("strata_{}_to_f64({e})", small_name(k)),
            _ => format!("({e})"),
        }
    }
    /// A `double` expression rounded once to this float type.
    pub fn round_f64(self, e: &str) -> String {
        match self {
            Scalar::F16 => format!("strata_f64_to_f16({e})"),
            Scalar::BF16 => format!("strata_f64_to_bf16({e})"),
            Scalar::F32 => format!("((float)({e}))"),
            Scalar::Small(k) => format!("strata_f64_to_{}({e})", small_name(k)),
            _ => format!("({e})"),
        }
    }
}

/// The name of a small float kind in the prelude's helpers (`strata_f64_to_<name>`,
/// `strata_<name>_to_f64`): its keyword in lower case.
fn small_name(k: FloatKind) -> String {
    k.keyword().to_ascii_lowercase()
}

/// A memref with a static shape and static strides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct MemTy {
    pub elem: Scalar,
    pub shape: Vec<i64>,
    pub strides: Vec<i64>,
}

/// A fixed-size vector (any rank; lanes in row-major order). Its C type is a GCC vector
/// type when its size is a power of two bytes, else a struct holding an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct VecTy {
    pub elem: Scalar,
    pub shape: Vec<i64>,
}

impl VecTy {
    /// The number of lanes.
    pub fn lanes(&self) -> u64 {
        self.shape.iter().map(|&d| d as u64).product()
    }
    /// Whether the C type is a GCC vector type (`vector_size`).
    pub fn native(&self) -> bool {
        let bytes = self.lanes() * self.elem.bytes();
        bytes.is_power_of_two() && (4..=64).contains(&bytes)
    }
    /// The C type name.
    pub fn c(&self) -> String {
        format!("sv_{}_{}", self.elem.keyword(), self.lanes())
    }
    /// The typedef of the C type.
    pub fn typedef(&self) -> String {
        let n = self.lanes();
        if self.native() {
            format!(
                "typedef {} {} __attribute__((vector_size({})));",
                self.elem.c(),
                self.c(),
                n * self.elem.bytes()
            )
        } else {
            format!(
                "typedef struct {{ {} l[{n}]; }} {};",
                self.elem.c(),
                self.c()
            )
        }
    }
    /// Lane `idx` of the vector value `name`.
    pub fn at(&self, name: &str, idx: &str) -> String {
        if self.native() {
            format!("{name}[{idx}]")
        } else {
            format!("{name}.l[{idx}]")
        }
    }
}

/// The C class of a value's type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum CTy {
    Scalar(Scalar),
    Mem(MemTy),
    Vec(VecTy),
}

impl CTy {
    /// The C type.
    pub fn c(&self) -> String {
        match self {
            CTy::Scalar(s) => s.c().to_string(),
            CTy::Mem(m) => format!("{} *", m.elem.c()),
            CTy::Vec(v) => v.c(),
        }
    }
}

/// Whether a memref type has row-major contiguous strides.
pub(crate) fn is_contiguous(t: &CTy) -> bool {
    match t {
        CTy::Scalar(_) | CTy::Vec(_) => true,
        CTy::Mem(m) => {
            let mut acc = 1i64;
            for d in (0..m.shape.len()).rev() {
                if m.shape[d] != 1 && m.strides[d] != acc {
                    return false;
                }
                acc = acc.saturating_mul(m.shape[d]);
            }
            true
        }
    }
}

/// The scalar class of an element type.
pub(crate) fn scalar(ctx: &Context, t: Type) -> Result<Scalar, String> {
    match ctx.type_kind(t) {
        TypeKind::Integer { width, .. } if matches!(width, 1 | 2 | 4 | 8 | 16 | 32 | 64) => {
            Ok(Scalar::Int(*width))
        }
        TypeKind::Index => Ok(Scalar::Index),
        TypeKind::Float(FloatKind::F16) => Ok(Scalar::F16),
        TypeKind::Float(FloatKind::BF16) => Ok(Scalar::BF16),
        TypeKind::Float(FloatKind::F32) => Ok(Scalar::F32),
        TypeKind::Float(FloatKind::F64) => Ok(Scalar::F64),
        TypeKind::Float(k) => Ok(Scalar::Small(*k)),
        TypeKind::Opaque { dialect, body }
            if ctx.str(*dialect) == "graph" && &**body == "string" =>
        {
            Ok(Scalar::Str)
        }
        _ => Err(format!(
            "has type {}, which is not supported",
            strata_ir::text::print_type(ctx, t)
        )),
    }
}

/// The C class of `t`.
pub(crate) fn classify(ctx: &Context, t: Type) -> Result<CTy, String> {
    if ctx.type_kind(t).is_memref() {
        let p = strata_dialect_loop::memref_parts(ctx, t)
            .ok_or_else(|| "has an unranked memref, which is not supported".to_string())?;
        let ty = || strata_ir::text::print_type(ctx, t);
        if p.shape.iter().any(|&d| d < 0) {
            return Err(format!(
                "has the dynamic shape {}; shapes must be static",
                ty()
            ));
        }
        let (strides, _offset) = strata_dialect_loop::strides_and_offset(ctx, t)
            .map_err(|e| format!("has type {}: {e}", ty()))?;
        if strides.iter().any(|&s| s < 0) {
            return Err(format!(
                "has dynamic strides in {}; strides must be static",
                ty()
            ));
        }
        let elem = scalar(ctx, p.elem)?;
        return Ok(CTy::Mem(MemTy {
            elem,
            shape: p.shape,
            strides,
        }));
    }
    if let TypeKind::Vector {
        shape,
        scalable,
        elem,
    } = ctx.type_kind(t)
    {
        if scalable.iter().any(|&s| s) || shape.is_empty() || shape.iter().any(|&d| d <= 0) {
            return Err(format!(
                "has type {}; only fixed-size vectors are supported",
                strata_ir::text::print_type(ctx, t)
            ));
        }
        let elem = scalar(ctx, *elem)?;
        if elem == Scalar::Str {
            return Err("has a vector of strings, which is not supported".into());
        }
        let v = VecTy {
            elem,
            shape: shape.to_vec(),
        };
        if v.lanes() > 4096 {
            return Err("has a vector of more than 4096 lanes".into());
        }
        return Ok(CTy::Vec(v));
    }
    scalar(ctx, t).map(CTy::Scalar)
}
