//! Typed accessors and constructors for the graph dialect's inherent attributes.
//!
//! Graph ops carry their ONNX attributes as properties of builtin attribute kinds:
//!
//! | ONNX attribute | Strata attribute | example |
//! |---|---|---|
//! | `INT` | 64-bit signless integer | `axis = 1 : i64` |
//! | `INTS` | `i64` dense array | `strides = array<i64: 2, 2>` |
//! | `FLOAT` | float (any width) | `epsilon = 1.0e-05 : f32` |
//! | `FLOATS` | `f32` (or `f64`) dense array | `scales = array<f32: 1.0, 2.0>` |
//! | `STRING` | string | `mode = "reflect"` |
//! | tensor element type | type | `to = f16` |
//!
//! Flags (`keepdims`, `ceil_mode`, ...) are integers `0`/`1`, as in ONNX. Absent attributes take
//! the ONNX default documented on each op. The free functions decode one attribute; [`Attrs`]
//! reads a property dictionary with defaults and produces the messages shape inference returns.
//! The `*_C` constructors give the [`AttrConstraint`]s used in op definitions.

use strata_ir::{AttrConstraint, AttrKind, Attribute, Context, Signedness, Type, TypeKind};

/// Decode the little-endian element `i` of `width` bits from `data`, sign-extended when
/// `signed`.
fn read_int(data: &[u8], i: usize, width: u32, signed: bool) -> Option<i128> {
    let bytes = width.div_ceil(8) as usize;
    if bytes == 0 || bytes > 16 {
        return None;
    }
    let chunk = data.get(i.checked_mul(bytes)?..i.checked_mul(bytes)?.checked_add(bytes)?)?;
    let mut buf = [0u8; 16];
    buf[..bytes].copy_from_slice(chunk);
    let raw = u128::from_le_bytes(buf);
    let v = if width >= 128 {
        raw as i128
    } else if signed {
        let shift = 128 - width;
        ((raw << shift) as i128) >> shift
    } else {
        (raw & ((1u128 << width) - 1)) as i128
    };
    Some(v)
}

/// The elements of an `array<i64: ...>` attribute (`None` for any other attribute, including
/// dense arrays of other element types).
pub fn i64_array(ctx: &Context, attr: Attribute) -> Option<Vec<i64>> {
    let AttrKind::DenseArray { elem, len, data } = ctx.attr_kind(attr) else {
        return None;
    };
    if !matches!(
        ctx.type_kind(*elem),
        TypeKind::Integer {
            width: 64,
            signedness: Signedness::Signless
        }
    ) {
        return None;
    }
    (0..*len as usize)
        .map(|i| read_int(data, i, 64, true).map(|v| v as i64))
        .collect()
}

/// The elements of an `array<f32: ...>` or `array<f64: ...>` attribute, widened to `f64`.
pub fn float_array(ctx: &Context, attr: Attribute) -> Option<Vec<f64>> {
    let AttrKind::DenseArray { elem, len, data } = ctx.attr_kind(attr) else {
        return None;
    };
    let kind = ctx.type_kind(*elem).float_kind()?;
    if !matches!(kind, strata_ir::FloatKind::F32 | strata_ir::FloatKind::F64) {
        return None;
    }
    (0..*len as usize)
        .map(|i| {
            read_int(data, i, kind.width(), false)
                .map(|bits| strata_ir::numeric::bits_to_f64(bits as u64, kind))
        })
        .collect()
}

/// The value of an integer attribute of type `i64` (`None` for other attributes).
pub fn i64_value(ctx: &Context, attr: Attribute) -> Option<i64> {
    match ctx.attr_kind(attr) {
        AttrKind::Integer { value, ty } if is_i64(ctx, *ty) => i64::try_from(*value).ok(),
        _ => None,
    }
}

/// The value of an integer attribute of any integer type, if it fits `i128` (always).
pub fn int_value(ctx: &Context, attr: Attribute) -> Option<i128> {
    match ctx.attr_kind(attr) {
        AttrKind::Integer { value, .. } => Some(*value),
        _ => None,
    }
}

/// The value of a float attribute of any float type, widened exactly to `f64`.
pub fn float_value(ctx: &Context, attr: Attribute) -> Option<f64> {
    match ctx.attr_kind(attr) {
        AttrKind::Float { bits, ty } => {
            let kind = ctx.type_kind(*ty).float_kind()?;
            Some(strata_ir::numeric::bits_to_f64(*bits, kind))
        }
        _ => None,
    }
}

/// The text of a string attribute (`None` for other attributes and for invalid UTF-8).
pub fn string_value(ctx: &Context, attr: Attribute) -> Option<&str> {
    match ctx.attr_kind(attr) {
        AttrKind::String { value, .. } => std::str::from_utf8(value).ok(),
        _ => None,
    }
}

/// The type held by a type attribute.
pub fn type_value(ctx: &Context, attr: Attribute) -> Option<Type> {
    match ctx.attr_kind(attr) {
        AttrKind::Type(t) => Some(*t),
        _ => None,
    }
}

fn is_i64(ctx: &Context, t: Type) -> bool {
    matches!(
        ctx.type_kind(t),
        TypeKind::Integer {
            width: 64,
            signedness: Signedness::Signless
        }
    )
}

/// `array<i64: values...>`.
pub fn i64_array_attr(ctx: &Context, values: &[i64]) -> Attribute {
    let data: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.i64(),
        len: u32::try_from(values.len()).expect("attribute arrays hold fewer than 2^32 elements"),
        data: data.into(),
    })
}

/// `array<f32: values...>`.
pub fn f32_array_attr(ctx: &Context, values: &[f32]) -> Attribute {
    let data: Vec<u8> = values
        .iter()
        .flat_map(|v| v.to_bits().to_le_bytes())
        .collect();
    ctx.attr(AttrKind::DenseArray {
        elem: ctx.f32(),
        len: u32::try_from(values.len()).expect("attribute arrays hold fewer than 2^32 elements"),
        data: data.into(),
    })
}

/// `value : i64`.
pub fn i64_attr(ctx: &Context, value: i64) -> Attribute {
    ctx.int_attr(value as i128, ctx.i64())
}

/// `value : f32` (rounded to `f32`).
pub fn f32_attr(ctx: &Context, value: f64) -> Attribute {
    ctx.float_attr(value, ctx.f32())
}

// ----- constraints -----

fn check_i64(ctx: &Context, a: Attribute) -> bool {
    i64_value(ctx, a).is_some()
}
fn check_i64_array(ctx: &Context, a: Attribute) -> bool {
    i64_array(ctx, a).is_some()
}
fn check_float_array(ctx: &Context, a: Attribute) -> bool {
    float_array(ctx, a).is_some()
}
fn check_float(ctx: &Context, a: Attribute) -> bool {
    float_value(ctx, a).is_some()
}
fn check_string(ctx: &Context, a: Attribute) -> bool {
    string_value(ctx, a).is_some()
}
fn check_type(ctx: &Context, a: Attribute) -> bool {
    type_value(ctx, a).is_some()
}
fn check_number(ctx: &Context, a: Attribute) -> bool {
    float_value(ctx, a).is_some() || int_value(ctx, a).is_some()
}

/// Description of `i64` integer attributes in diagnostics.
pub const I64_DESC: &str = "64-bit signless integer attribute";
/// Description of `i64` dense arrays in diagnostics.
pub const I64_ARRAY_DESC: &str = "i64 dense array attribute";
/// Description of float dense arrays in diagnostics.
pub const FLOAT_ARRAY_DESC: &str = "f32 or f64 dense array attribute";
/// Description of float attributes in diagnostics.
pub const FLOAT_DESC: &str = "floating-point attribute";
/// Description of string attributes in diagnostics.
pub const STRING_DESC: &str = "string attribute";
/// Description of type attributes in diagnostics.
pub const TYPE_DESC: &str = "type attribute";
/// Description of integer-or-float attributes in diagnostics.
pub const NUMBER_DESC: &str = "integer or floating-point attribute";

/// An optional `i64` integer attribute.
pub const fn i64_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: I64_DESC,
        check: check_i64,
    }
}
/// An optional `i64` dense array attribute.
pub const fn i64_array_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: I64_ARRAY_DESC,
        check: check_i64_array,
    }
}
/// A required `i64` dense array attribute.
pub const fn i64_array_req(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        required: true,
        ..i64_array_c(name)
    }
}
/// An optional float dense array attribute.
pub const fn float_array_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: FLOAT_ARRAY_DESC,
        check: check_float_array,
    }
}
/// An optional float attribute.
pub const fn float_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: FLOAT_DESC,
        check: check_float,
    }
}
/// An optional string attribute.
pub const fn string_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: STRING_DESC,
        check: check_string,
    }
}
/// A required type attribute.
pub const fn type_req(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: true,
        description: TYPE_DESC,
        check: check_type,
    }
}
/// An optional integer-or-float attribute.
pub const fn number_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: NUMBER_DESC,
        check: check_number,
    }
}

/// Reads a property dictionary with ONNX defaults; every getter returns the message shape
/// inference reports when the attribute has the wrong kind or an invalid value.
#[derive(Clone, Copy)]
pub struct Attrs<'a> {
    ctx: &'a Context,
    dict: Attribute,
}

fn bad(name: &str, desc: &str) -> String {
    format!("attribute '{name}' failed to satisfy constraint: {desc}")
}

impl<'a> Attrs<'a> {
    /// A reader over dictionary attribute `dict` (any other attribute reads as empty).
    pub fn new(ctx: &'a Context, dict: Attribute) -> Self {
        Attrs { ctx, dict }
    }
    /// The raw attribute `name`, if present.
    pub fn get(&self, name: &str) -> Option<Attribute> {
        self.ctx.dict_get(self.dict, name)
    }
    /// Whether attribute `name` is present.
    pub fn has(&self, name: &str) -> bool {
        self.get(name).is_some()
    }
    /// An `i64` attribute, or `default` when absent.
    pub fn i64(&self, name: &str, default: i64) -> Result<i64, String> {
        Ok(self.i64_opt(name)?.unwrap_or(default))
    }
    /// An optional `i64` attribute.
    pub fn i64_opt(&self, name: &str) -> Result<Option<i64>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(a) => i64_value(self.ctx, a)
                .map(Some)
                .ok_or_else(|| bad(name, I64_DESC)),
        }
    }
    /// A required `i64` attribute.
    pub fn i64_req(&self, name: &str) -> Result<i64, String> {
        self.i64_opt(name)?
            .ok_or_else(|| format!("requires attribute '{name}'"))
    }
    /// A `0`/`1` flag, `default` when absent.
    pub fn flag(&self, name: &str, default: bool) -> Result<bool, String> {
        match self.i64(name, default as i64)? {
            0 => Ok(false),
            1 => Ok(true),
            v => Err(format!("attribute '{name}' must be 0 or 1, but got {v}")),
        }
    }
    /// An optional `i64` dense array.
    pub fn ints(&self, name: &str) -> Result<Option<Vec<i64>>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(a) => i64_array(self.ctx, a)
                .map(Some)
                .ok_or_else(|| bad(name, I64_ARRAY_DESC)),
        }
    }
    /// An `i64` dense array of exactly `len` elements, `default` (repeated) when absent.
    pub fn ints_len(&self, name: &str, len: usize, default: i64) -> Result<Vec<i64>, String> {
        match self.ints(name)? {
            None => Ok(vec![default; len]),
            Some(v) if v.len() == len => Ok(v),
            Some(v) => Err(format!(
                "attribute '{name}' must have {len} elements, but has {}",
                v.len()
            )),
        }
    }
    /// An optional float dense array.
    pub fn floats(&self, name: &str) -> Result<Option<Vec<f64>>, String> {
        match self.get(name) {
            None => Ok(None),
            Some(a) => float_array(self.ctx, a)
                .map(Some)
                .ok_or_else(|| bad(name, FLOAT_ARRAY_DESC)),
        }
    }
    /// A float attribute, or `default` when absent.
    pub fn f64(&self, name: &str, default: f64) -> Result<f64, String> {
        match self.get(name) {
            None => Ok(default),
            Some(a) => float_value(self.ctx, a).ok_or_else(|| bad(name, FLOAT_DESC)),
        }
    }
    /// A string attribute that must be one of `allowed`; `default` when absent.
    pub fn choice(
        &self,
        name: &str,
        default: &'static str,
        allowed: &[&'static str],
    ) -> Result<&'static str, String> {
        let Some(a) = self.get(name) else {
            return Ok(default);
        };
        let s = string_value(self.ctx, a).ok_or_else(|| bad(name, STRING_DESC))?;
        allowed.iter().copied().find(|&c| c == s).ok_or_else(|| {
            let list: Vec<String> = allowed.iter().map(|c| format!("\"{c}\"")).collect();
            format!(
                "attribute '{name}' must be one of {}, but got \"{s}\"",
                list.join(", ")
            )
        })
    }
    /// A required type attribute.
    pub fn ty_req(&self, name: &str) -> Result<Type, String> {
        let a = self
            .get(name)
            .ok_or_else(|| format!("requires attribute '{name}'"))?;
        type_value(self.ctx, a).ok_or_else(|| bad(name, TYPE_DESC))
    }
    /// An optional scalar attribute that must suit element type `elem`: a float attribute
    /// for float elements, an integer attribute for integer elements. Returns it as `f64`
    /// (floats) or `i128` (integers) through [`Scalar`].
    pub fn scalar_for(&self, name: &str, elem: Type) -> Result<Option<Scalar>, String> {
        let Some(a) = self.get(name) else {
            return Ok(None);
        };
        let k = self.ctx.type_kind(elem);
        if k.is_float() {
            float_value(self.ctx, a)
                .map(|v| Some(Scalar::Float(v)))
                .ok_or_else(|| {
                    format!("attribute '{name}' must be a float attribute for float tensors")
                })
        } else {
            int_value(self.ctx, a)
                .map(|v| Some(Scalar::Int(v)))
                .ok_or_else(|| {
                    format!("attribute '{name}' must be an integer attribute for integer tensors")
                })
        }
    }
}

/// A scalar attribute value: integers as `i128`, floats as `f64`.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Scalar {
    /// An integer.
    Int(i128),
    /// A float.
    Float(f64),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrays_round_trip() {
        let ctx = Context::new();
        let a = i64_array_attr(&ctx, &[1, -2, i64::MAX]);
        assert_eq!(i64_array(&ctx, a), Some(vec![1, -2, i64::MAX]));
        assert_eq!(float_array(&ctx, a), None);
        let f = f32_array_attr(&ctx, &[1.5, -2.0]);
        assert_eq!(float_array(&ctx, f), Some(vec![1.5, -2.0]));
        assert_eq!(i64_array(&ctx, f), None);
    }

    #[test]
    fn reader_defaults_and_errors() {
        let ctx = Context::new();
        let d = ctx.dict_attr(&[
            ("axis", i64_attr(&ctx, -1)),
            ("mode", ctx.string_attr("edge")),
            ("eps", f32_attr(&ctx, 0.5)),
            ("bad", ctx.string_attr("x")),
            ("flag", i64_attr(&ctx, 2)),
        ]);
        let r = Attrs::new(&ctx, d);
        assert_eq!(r.i64("axis", 0), Ok(-1));
        assert_eq!(r.i64("missing", 7), Ok(7));
        assert!(r
            .i64("bad", 0)
            .unwrap_err()
            .contains("64-bit signless integer"));
        assert_eq!(r.f64("eps", 1.0), Ok(0.5));
        assert_eq!(
            r.choice("mode", "constant", &["constant", "edge"]),
            Ok("edge")
        );
        assert!(r
            .choice("mode", "constant", &["constant"])
            .unwrap_err()
            .contains("must be one of \"constant\""));
        assert!(r
            .flag("flag", false)
            .unwrap_err()
            .contains("must be 0 or 1"));
        assert_eq!(r.ints_len("strides", 2, 1), Ok(vec![1, 1]));
    }
}
