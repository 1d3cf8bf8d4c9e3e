//! The `cpu.target` attribute: the CPU features code is lowered for and the native vector
//! register widths they give.
//!
//! It is a discardable dictionary attribute on a `func.func` or on an enclosing op (the
//! module); the nearest one wins:
//!
//! ```mlir
//! func.func @f() attributes {cpu.target = {features = ["avx2", "fma"], float_bits = 256 : i64, int_bits = 256 : i64}}
//! ```
//!
//! * `features`: the feature names (strings), as the cpu target spells them (`sse4.2`,
//!   `avx`, `avx2`, `fma`, `avx512f`, `neon`);
//! * `float_bits`: the width in bits of a vector register holding `f32`/`f64` lanes;
//! * `int_bits`: the same for integer lanes (`i8` to `i64`; AVX without AVX2 has 256-bit
//!   float but 128-bit integer vectors). A width is 0 (no vector registers: the scalar
//!   fallback) or a power of two from 64 to 4096.
//!
//! A vector of a `cpu` op must fit one native register: its element type is `f32`, `f64`,
//! `i8`, `i16`, `i32` or `i64`, it is 1-D with a power-of-two lane count, and lanes times
//! element bits is at most the register width for that element type ([`check_vector`]).

use strata_dialect_builtin::symbol::parent_ref;
use strata_dialect_tensor::util::{int_value, ty_str};
use strata_ir::{AttrKind, Attribute, Context, Diagnostic, FloatKind, OpRef, Type, TypeKind};

/// The name of the attribute.
pub const TARGET_ATTR: &str = "cpu.target";

/// A parsed `cpu.target`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CpuTargetAttr {
    /// Feature names, in attribute order.
    pub features: Vec<String>,
    /// Register width for float lanes, in bits (0: none).
    pub float_bits: u32,
    /// Register width for integer lanes, in bits (0: none).
    pub int_bits: u32,
}

impl CpuTargetAttr {
    /// Whether the feature `f` is enabled.
    pub fn has(&self, f: &str) -> bool {
        self.features.iter().any(|x| x == f)
    }

    /// The attribute value.
    pub fn to_attr(&self, ctx: &Context) -> Attribute {
        let i64t = ctx.int_type(64);
        let feats: Vec<Attribute> = self.features.iter().map(|f| ctx.string_attr(f)).collect();
        ctx.dict_attr(&[
            ("features", ctx.array_attr(&feats)),
            ("float_bits", ctx.int_attr(self.float_bits as i128, i64t)),
            ("int_bits", ctx.int_attr(self.int_bits as i128, i64t)),
        ])
    }

    /// Parse the attribute value; the message says what is wrong.
    pub fn parse(ctx: &Context, a: Attribute) -> Result<CpuTargetAttr, String> {
        if !matches!(ctx.attr_kind(a), AttrKind::Dict(_)) {
            return Err(format!("'{TARGET_ATTR}' must be a dictionary"));
        }
        let features = match ctx.dict_get(a, "features").map(|f| ctx.attr_kind(f)) {
            Some(AttrKind::Array(items)) => items
                .iter()
                .map(|&i| match ctx.attr_kind(i) {
                    AttrKind::String { value, .. } => std::str::from_utf8(value)
                        .map(str::to_string)
                        .map_err(|_| "a feature name is not UTF-8".to_string()),
                    _ => Err(format!("'{TARGET_ATTR}' features must be strings")),
                })
                .collect::<Result<Vec<_>, _>>()?,
            _ => return Err(format!("'{TARGET_ATTR}' needs an array 'features'")),
        };
        let bits = |name: &str| -> Result<u32, String> {
            let v = ctx
                .dict_get(a, name)
                .and_then(|x| int_value(ctx, x))
                .ok_or_else(|| format!("'{TARGET_ATTR}' needs an integer '{name}'"))?;
            match u32::try_from(v) {
                Ok(0) => Ok(0),
                Ok(b) if b.is_power_of_two() && (64..=4096).contains(&b) => Ok(b),
                _ => Err(format!(
                    "'{TARGET_ATTR}' {name} must be 0 or a power of two from 64 to 4096, but is {v}"
                )),
            }
        };
        Ok(CpuTargetAttr {
            features,
            float_bits: bits("float_bits")?,
            int_bits: bits("int_bits")?,
        })
    }

    /// The register width for lanes of `elem` (`None`: not a cpu vector element type).
    pub fn register_bits(&self, ctx: &Context, elem: Type) -> Option<u32> {
        match ctx.type_kind(elem) {
            TypeKind::Float(FloatKind::F32 | FloatKind::F64) => Some(self.float_bits),
            TypeKind::Integer {
                width: 8 | 16 | 32 | 64,
                ..
            } => Some(self.int_bits),
            _ => None,
        }
    }

    /// The most lanes of `elem` one register holds (0 when there are no registers for it or
    /// it is not a cpu vector element type).
    pub fn native_lanes(&self, ctx: &Context, elem: Type) -> u32 {
        match (self.register_bits(ctx, elem), elem_bits(ctx, elem)) {
            (Some(r), Some(e)) if e > 0 => r / e,
            _ => 0,
        }
    }
}

/// The width in bits of a scalar integer or float type.
pub fn elem_bits(ctx: &Context, t: Type) -> Option<u32> {
    match ctx.type_kind(t) {
        TypeKind::Integer { width, .. } => Some(*width),
        TypeKind::Float(FloatKind::F32) => Some(32),
        TypeKind::Float(FloatKind::F64) => Some(64),
        TypeKind::Float(FloatKind::F16 | FloatKind::BF16) => Some(16),
        _ => None,
    }
}

/// The nearest `cpu.target` of `op` or an enclosing op.
pub fn enclosing_target(op: &OpRef<'_>) -> Result<CpuTargetAttr, Diagnostic> {
    let mut cur = parent_ref(op);
    let mut depth = 0usize;
    while let Some(p) = cur {
        if let Some(a) = p.attr(TARGET_ATTR) {
            return CpuTargetAttr::parse(op.ctx, a).map_err(|m| p.error(m));
        }
        depth += 1;
        if depth > 4096 {
            break;
        }
        cur = parent_ref(&p);
    }
    Err(op.error(format_args!(
        "needs a '{TARGET_ATTR}' attribute on an enclosing op (the function or the module)"
    )))
}

/// Check that the vector type `t` (called `what`) fits one native register of `target`.
pub fn check_vector(
    op: &OpRef<'_>,
    target: &CpuTargetAttr,
    t: Type,
    what: &str,
) -> Result<(Vec<i64>, Type), Diagnostic> {
    let ctx = op.ctx;
    let Some((shape, elem)) = strata_dialect_hw::util::vector_parts(ctx, t) else {
        return Err(op.error(format_args!(
            "{what} must be a fixed-size vector, but is {}",
            ty_str(ctx, t)
        )));
    };
    let Some(reg) = target.register_bits(ctx, elem) else {
        return Err(op.error(format_args!(
            "{what} has element type {}; cpu vectors hold f32, f64, i8, i16, i32 or i64",
            ty_str(ctx, elem)
        )));
    };
    let lanes = match shape.as_slice() {
        [n] if *n > 0 && (*n as u64).is_power_of_two() => *n as u64,
        _ => {
            return Err(op.error(format_args!(
                "{what} must be 1-D with a power-of-two number of lanes, but is {}",
                ty_str(ctx, t)
            )))
        }
    };
    let bits = lanes.saturating_mul(elem_bits(ctx, elem).unwrap_or(0) as u64);
    if bits > reg as u64 {
        return Err(op.error(format_args!(
            "{what} {} has {bits} bits, more than the {reg}-bit {} registers of features [{}]",
            ty_str(ctx, t),
            if matches!(ctx.type_kind(elem), TypeKind::Float(_)) {
                "float"
            } else {
                "integer"
            },
            target.features.join(", ")
        )));
    }
    Ok((shape, elem))
}
