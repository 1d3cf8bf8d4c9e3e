//! Exact numeric helpers: fixed-width integer bit patterns, correctly rounded integer to
//! float conversion for every target format, float rounding with an explicit IEEE rounding
//! mode, and stepping to the adjacent float of a format.

use strata_ir::FloatKind;

/// The mask of the low `bits` bits (`1 ..= 64`).
#[inline(always)]
pub fn mask(bits: u32) -> u64 {
    if bits >= 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    }
}

/// The signed value of the `bits`-bit pattern `v` (zero-extended in `v`).
#[inline(always)]
pub fn sext(v: u64, bits: u32) -> i64 {
    let shift = 64 - bits;
    ((v << shift) as i64) >> shift
}

/// The smallest signed value of a `bits`-bit integer.
pub fn smin(bits: u32) -> i64 {
    sext(1u64 << (bits - 1), bits)
}

/// The largest signed value of a `bits`-bit integer.
pub fn smax(bits: u32) -> i64 {
    (mask(bits) >> 1) as i64
}

/// The nearest `f64` to `x` when exact, otherwise the one of the two neighbouring `f64`s
/// whose last significand bit is odd ("round to odd"). Rounding the result again to any
/// format with at most 51 significand bits gives the correctly rounded value of `x`.
pub fn i128_to_f64_round_odd(x: i128) -> f64 {
    let t = x as f64;
    // |x| < 2^127, so `t` is at most 2^127, whose conversion back saturates: then t > x.
    let back = t as i128;
    let greater = if t >= 1.7014118346046923e38 {
        true
    } else if back == x {
        return t;
    } else {
        back > x
    };
    if t.to_bits() & 1 == 1 {
        return t;
    }
    // Step one ulp toward x: the neighbour on x's side is odd.
    let mag_up = (t > 0.0) != greater;
    let bits = t.to_bits();
    f64::from_bits(if mag_up { bits + 1 } else { bits - 1 })
}

pub use strata_ir::numeric::{f64_to_bf16, f64_to_f16, f64_to_f32_round_odd};

/// Round `x` (an `f64`) to `kind` with round-to-nearest-even; the result widened to `f64`.
/// A NaN result (from a NaN, or an overflow of a format without infinities) has `x`'s
/// sign, which the small formats with a signed NaN encode (as `APFloat` does).
pub fn round_to_kind(kind: FloatKind, x: f64) -> f64 {
    match kind {
        FloatKind::F64 => x,
        FloatKind::F32 => x as f32 as f64,
        FloatKind::F16 => f64_to_f16(x).to_f64(),
        FloatKind::BF16 => f64_to_bf16(x).to_f64(),
        small => {
            let r =
                strata_ir::minifloat::decode(small, strata_ir::minifloat::encode(small, x, false));
            if r.is_nan() {
                f64::NAN.copysign(x)
            } else {
                r
            }
        }
    }
}

/// The correctly rounded (nearest even) value of integer `x` in `kind`, widened to `f64`.
pub fn int_to_kind(kind: FloatKind, x: i128) -> f64 {
    match kind {
        FloatKind::F64 => x as f64,
        FloatKind::F32 => x as f32 as f64,
        FloatKind::F16 | FloatKind::BF16 => round_to_kind(kind, i128_to_f64_round_odd(x)),
        // Integers beyond 2^53 overflow every small format: one rounding to f64 is harmless.
        small => round_to_kind(small, x as f64),
    }
}

/// The bit pattern of `x` (exactly representable in `kind`) in `kind`.
pub fn to_bits(kind: FloatKind, x: f64) -> u64 {
    match kind {
        FloatKind::F64 => x.to_bits(),
        FloatKind::F32 => (x as f32).to_bits() as u64,
        FloatKind::F16 => f64_to_f16(x).to_bits() as u64,
        FloatKind::BF16 => f64_to_bf16(x).to_bits() as u64,
        small => strata_ir::minifloat::encode(small, x, false),
    }
}

/// The value of bit pattern `bits` of `kind`, widened to `f64`.
pub fn from_bits(kind: FloatKind, bits: u64) -> f64 {
    strata_ir::numeric::bits_to_f64(bits, kind)
}

/// The adjacent value of `x` (a value of `kind`) toward +infinity (`up`) or -infinity.
/// NaN stays NaN; the extreme infinities stay.
pub fn next_float(kind: FloatKind, x: f64, up: bool) -> f64 {
    if x.is_nan() {
        return x;
    }
    if x == 0.0 {
        let tiny = from_bits(kind, 1);
        return if up { tiny } else { -tiny };
    }
    if x.is_infinite() && (x > 0.0) == up {
        return x;
    }
    let bits = to_bits(kind, x);
    // Moving away from zero increments the magnitude bits.
    let away = (x > 0.0) == up;
    from_bits(kind, if away { bits + 1 } else { bits - 1 })
}

/// IEEE rounding modes (as `arith.truncf`'s `roundingmode`).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Rounding {
    /// Nearest, ties to even.
    NearestEven,
    /// Toward negative infinity.
    Downward,
    /// Toward positive infinity.
    Upward,
    /// Toward zero.
    TowardZero,
    /// Nearest, ties away from zero.
    NearestAway,
}

/// Round `x` to `kind` with `mode`; the result widened to `f64`.
pub fn round_with_mode(kind: FloatKind, x: f64, mode: Rounding) -> f64 {
    let r = round_to_kind(kind, x);
    if x.is_nan() || r == x || mode == Rounding::NearestEven {
        return r;
    }
    match mode {
        Rounding::NearestEven => r,
        Rounding::Downward => {
            if r > x {
                next_float(kind, r, false)
            } else {
                r
            }
        }
        Rounding::Upward => {
            if r < x {
                next_float(kind, r, true)
            } else {
                r
            }
        }
        Rounding::TowardZero => {
            if r.abs() > x.abs() {
                next_float(kind, r, x < 0.0)
            } else {
                r
            }
        }
        Rounding::NearestAway => {
            // The other candidate brackets x with r; on a tie take the larger magnitude.
            let other = next_float(kind, r, r < x);
            let tie = (x - r).abs() == (other - x).abs();
            if tie && other.abs() > r.abs() {
                other
            } else {
                r
            }
        }
    }
}

/// Saturating float to signed integer conversion of `bits` bits: truncate toward zero, clamp
/// to the range, NaN gives 0. Returns the bit pattern.
pub fn f64_to_sint_sat(x: f64, bits: u32) -> u64 {
    let v = if x.is_nan() {
        0
    } else {
        (x.trunc() as i64).clamp(smin(bits), smax(bits))
    };
    (v as u64) & mask(bits)
}

/// Saturating float to unsigned integer conversion of `bits` bits: truncate toward zero,
/// clamp to `[0, 2^bits - 1]`, NaN gives 0. Returns the bit pattern.
pub fn f64_to_uint_sat(x: f64, bits: u32) -> u64 {
    if x.is_nan() {
        return 0;
    }
    (x.trunc() as u64).min(mask(bits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_extension() {
        assert_eq!(sext(0xff, 8), -1);
        assert_eq!(sext(0x7f, 8), 127);
        assert_eq!(sext(1, 1), -1);
        assert_eq!(smin(8), -128);
        assert_eq!(smax(1), 0);
        assert_eq!(smin(64), i64::MIN);
    }

    #[test]
    fn round_odd_gives_correct_bf16() {
        // 2^60 + 2^52 + 1: f64 rounds to 2^60 + 2^52 (an exact bf16 tie would follow);
        // round-to-odd keeps the sticky bit so bf16 rounds up.
        let x: i128 = (1 << 60) + (1 << 52) + 1;
        let direct = round_to_kind(FloatKind::BF16, x as f64);
        let exact = int_to_kind(FloatKind::BF16, x);
        assert_eq!(direct, (1u64 << 60) as f64);
        assert_eq!(exact, ((1u64 << 60) + (1u64 << 53)) as f64);
        assert_eq!(int_to_kind(FloatKind::F16, 3), 3.0);
        assert_eq!(int_to_kind(FloatKind::BF16, -257), -256.0);
    }

    #[test]
    fn f64_to_half_formats_round_correctly() {
        // Just above the f16 tie between 1 and 1 + 2^-10: must round up. The excess is in the
        // low 32 bits of the f64 significand, which `half` drops.
        let x = 1.0 + f64::powi(2.0, -11) + f64::powi(2.0, -40);
        assert_eq!(f64_to_f16(x).to_f64(), 1.0 + f64::powi(2.0, -10));
        let y = 1.0 + f64::powi(2.0, -8) + f64::powi(2.0, -40);
        assert_eq!(f64_to_bf16(y).to_f64(), 1.0 + f64::powi(2.0, -7));
        assert_eq!(f64_to_f16(65520.0).to_f64(), f64::INFINITY);
        assert_eq!(f64_to_f16(65519.99).to_f64(), 65504.0);
        assert_eq!(f64_to_f16(1e-300).to_f64(), 0.0);
        assert_eq!(f64_to_f16(-1e-300).to_bits(), 0x8000);
        assert!(f64_to_bf16(f64::NAN).is_nan());
        // Half of the smallest f16 subnormal rounds to even (zero); a bit more rounds up.
        let tiny = f64::powi(2.0, -24);
        assert_eq!(f64_to_f16(tiny / 2.0).to_f64(), 0.0);
        assert_eq!(f64_to_f16(tiny / 2.0 + f64::powi(2.0, -60)).to_f64(), tiny);
    }

    #[test]
    fn rounding_modes() {
        let k = FloatKind::F16;
        // 1 + 2^-11 lies exactly halfway between 1 and 1 + 2^-10.
        let x = 1.0 + f64::powi(2.0, -11);
        assert_eq!(round_with_mode(k, x, Rounding::NearestEven), 1.0);
        assert_eq!(
            round_with_mode(k, x, Rounding::NearestAway),
            1.0 + f64::powi(2.0, -10)
        );
        assert_eq!(
            round_with_mode(k, x, Rounding::Upward),
            1.0 + f64::powi(2.0, -10)
        );
        assert_eq!(round_with_mode(k, x, Rounding::Downward), 1.0);
        assert_eq!(round_with_mode(k, -x, Rounding::TowardZero), -1.0);
        assert_eq!(round_with_mode(k, 1e6, Rounding::TowardZero), 65504.0);
        assert_eq!(
            round_with_mode(k, 1e6, Rounding::NearestEven),
            f64::INFINITY
        );
        assert_eq!(
            round_with_mode(FloatKind::F32, -1e300, Rounding::Upward),
            -(f32::MAX as f64)
        );
    }

    #[test]
    fn saturating_conversions() {
        assert_eq!(f64_to_sint_sat(1e10, 8), 0x7f);
        assert_eq!(f64_to_sint_sat(-1e10, 8), 0x80);
        assert_eq!(f64_to_sint_sat(f64::NAN, 32), 0);
        assert_eq!(f64_to_sint_sat(-2.9, 32), (-2i32) as u32 as u64);
        assert_eq!(f64_to_uint_sat(-5.0, 8), 0);
        assert_eq!(f64_to_uint_sat(300.0, 8), 255);
        assert_eq!(f64_to_sint_sat(-1.0, 1), 1);
    }
}
