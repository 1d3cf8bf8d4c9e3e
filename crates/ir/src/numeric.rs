//! Numeric helpers shared by attributes, folders and the text format: integer normalisation
//! to a type's width and float conversions between bit patterns of each [`FloatKind`].

use crate::types::{FloatKind, Signedness, TypeKind};
use crate::{Context, Type};

/// Truncate `value` to the width of integer type `ty` and re-extend it (sign-extend for
/// signless/signed, zero-extend for unsigned). `index` is treated as 64-bit signless. Widths of
/// 128 bits and more keep the value as is.
pub fn normalize_int(ctx: &Context, value: i128, ty: Type) -> i128 {
    let (width, signedness) = match ctx.type_kind(ty) {
        TypeKind::Integer { width, signedness } => (*width, *signedness),
        TypeKind::Index => (64, Signedness::Signless),
        _ => return value,
    };
    normalize_bits(value, width, signedness)
}

/// [`normalize_int`] on an explicit width and signedness.
pub fn normalize_bits(value: i128, width: u32, signedness: Signedness) -> i128 {
    if width >= 128 {
        return value;
    }
    if width == 1 && signedness == Signedness::Signless {
        // i1 is printed as true/false; keep 0/1 (zero-extended).
        return value & 1;
    }
    let shift = 128 - width;
    match signedness {
        Signedness::Unsigned => ((value as u128) << shift >> shift) as i128,
        _ => (value << shift) >> shift,
    }
}

/// Whether `value` (as written, possibly negative) fits `width` bits with the given signedness
/// (signless accepts both the signed and the unsigned range, as MLIR does).
pub fn int_fits(value: i128, width: u32, signedness: Signedness) -> bool {
    if width >= 128 {
        return true;
    }
    let umax: i128 = (1i128 << width) - 1;
    let smin: i128 = -(1i128 << (width - 1));
    let smax: i128 = (1i128 << (width - 1)) - 1;
    match signedness {
        Signedness::Unsigned => (0..=umax).contains(&value),
        Signedness::Signed => (smin..=smax).contains(&value),
        Signedness::Signless => (smin..=umax).contains(&value),
    }
}

/// Round an `f64` to `kind` and return its bit pattern (round to nearest even; overflow as
/// `APFloat` converts, see [`crate::minifloat`]).
pub fn f64_to_bits(value: f64, kind: FloatKind) -> u64 {
    match kind {
        FloatKind::F64 => value.to_bits(),
        FloatKind::F32 => (value as f32).to_bits() as u64,
        FloatKind::F16 => f64_to_f16(value).to_bits() as u64,
        FloatKind::BF16 => f64_to_bf16(value).to_bits() as u64,
        small => crate::minifloat::encode(small, value, false),
    }
}

/// `x` rounded to `f32` with round-to-odd: exact values stay, others become the neighbour
/// whose last significand bit is odd. Rounding the result again to `f16` or `bf16` gives the
/// correctly rounded value of `x` (which converting through `as f32` would not, and which
/// `half`'s `from_f64` does not either: it drops the low 32 bits of the significand).
pub fn f64_to_f32_round_odd(x: f64) -> f32 {
    let t = x as f32;
    if t.is_nan() || t.is_infinite() || t as f64 == x || t.to_bits() & 1 == 1 {
        return t;
    }
    if t == 0.0 {
        let tiny = f32::from_bits(1);
        return if x > 0.0 { tiny } else { -tiny };
    }
    let up = (t as f64) < x;
    let away = (t > 0.0) == up;
    let bits = t.to_bits();
    f32::from_bits(if away { bits + 1 } else { bits - 1 })
}

/// `x` correctly rounded (nearest even) to `f16`.
pub fn f64_to_f16(x: f64) -> half::f16 {
    half::f16::from_f32(f64_to_f32_round_odd(x))
}

/// `x` correctly rounded (nearest even) to `bf16`.
pub fn f64_to_bf16(x: f64) -> half::bf16 {
    half::bf16::from_f32(f64_to_f32_round_odd(x))
}

/// The value of a bit pattern of `kind`, widened exactly to `f64`.
pub fn bits_to_f64(bits: u64, kind: FloatKind) -> f64 {
    match kind {
        FloatKind::F64 => f64::from_bits(bits),
        FloatKind::F32 => f32::from_bits(bits as u32) as f64,
        FloatKind::F16 => half::f16::from_bits(bits as u16).to_f64(),
        FloatKind::BF16 => half::bf16::from_bits(bits as u16).to_f64(),
        small => crate::minifloat::decode(small, bits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_rounding_is_correct_where_double_rounding_is_not() {
        // 1 + 2^-11 + 2^-40 lies just above the midpoint between two f16 neighbours, so it
        // rounds up; dropping the low bits first (half's from_f64) lands exactly on the
        // midpoint and rounds to even (down).
        let x = 1.0 + 2f64.powi(-11) + 2f64.powi(-40);
        assert_eq!(f64_to_f16(x).to_f64(), 1.0 + 2f64.powi(-10));
        let y = 1.0 + 2f64.powi(-8) + 2f64.powi(-40);
        assert_eq!(f64_to_bf16(y).to_f64(), 1.0 + 2f64.powi(-7));
        assert_eq!(
            f64_to_bits(65520.0, FloatKind::F16),
            0x7C00,
            "overflow to infinity"
        );
        assert!(bits_to_f64(f64_to_bits(f64::NAN, FloatKind::BF16), FloatKind::BF16).is_nan());
    }
}
