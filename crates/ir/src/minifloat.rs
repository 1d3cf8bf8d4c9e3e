//! Exact decoding and correctly rounded encoding of every [`FloatKind`] from its parameters
//! (width, exponent and mantissa bits, bias, [`NonFinite`] encoding), used for the small
//! formats (`f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`, `f8E8M0FNU`, `f4E2M1FN`), which
//! have no native Rust type.
//!
//! Encoding rounds to nearest, ties to even, on the format's grid extended past its largest
//! value; a result beyond the largest finite value *overflows*: with `saturate` it becomes
//! the largest finite value of that sign (also for infinite inputs), otherwise infinity
//! (IEEE formats), NaN (formats with NaN) or the largest value (`f4E2M1FN`). This is
//! `APFloat`'s conversion without `saturate`, and ONNX's `Cast(saturate=1)` with it
//! (`clip(x, -max, max)` then round). NaN becomes the format's NaN with the input's sign where
//! the format has a signed NaN; `f4E2M1FN`, which has none, encodes NaN as the zero of the
//! opposite sign (what `ml_dtypes` does, and so ONNX's reference). Formats without negative
//! zero encode `-0` as `+0`.
//!
//! `f8E8M0FNU` (an unsigned power of two) rounds `log2 |x|` here to nearest with ties to the
//! even exponent field; ONNX's own rounding modes for it live in the interpreter.

use crate::types::{FloatKind, NonFinite};

/// The classification of a bit pattern.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Class {
    /// A NaN.
    NaN,
    /// An infinity (`true`: negative).
    Inf(bool),
    /// A zero (`true`: negative).
    Zero(bool),
    /// A nonzero finite value `(-1)^neg * sig * 2^(exp - (precision - 1))`: `exp` is the
    /// exponent of the significand's leading bit position (for subnormals the minimum
    /// exponent, with a significand below `2^(precision - 1)`).
    Finite {
        /// Negative.
        neg: bool,
        /// Unbiased exponent.
        exp: i32,
        /// Significand, `precision` bits wide (implicit bit included).
        sig: u64,
    },
}

fn mask(width: u32) -> u64 {
    if width >= 64 {
        u64::MAX
    } else {
        (1u64 << width) - 1
    }
}

/// Classify a bit pattern of `kind` (bits above the width are ignored).
pub fn classify(kind: FloatKind, bits: u64) -> Class {
    let width = kind.width();
    let bits = bits & mask(width);
    let m = kind.mantissa_bits();
    let ebits = kind.exponent_bits();
    let bias = kind.bias();
    if kind.nonfinite() == NonFinite::PowerOfTwo {
        if bits == mask(width) {
            return Class::NaN;
        }
        return Class::Finite {
            neg: false,
            exp: bits as i32 - bias,
            sig: 1,
        };
    }
    let neg = (bits >> (width - 1)) & 1 == 1;
    let man = bits & mask(m);
    let e = (bits >> m) & mask(ebits);
    let emax = mask(ebits);
    match kind.nonfinite() {
        NonFinite::Ieee if e == emax => {
            return if man == 0 {
                Class::Inf(neg)
            } else {
                Class::NaN
            };
        }
        NonFinite::NanAllOnes if e == emax && man == mask(m) => return Class::NaN,
        NonFinite::NanNegZero if neg && e == 0 && man == 0 => return Class::NaN,
        _ => {}
    }
    if e == 0 {
        if man == 0 {
            return Class::Zero(neg);
        }
        return Class::Finite {
            neg,
            exp: 1 - bias,
            sig: man,
        };
    }
    Class::Finite {
        neg,
        exp: e as i32 - bias,
        sig: man | (1u64 << m),
    }
}

/// The value of a bit pattern of `kind`, exactly (every small format fits `f64`).
pub fn decode(kind: FloatKind, bits: u64) -> f64 {
    match classify(kind, bits) {
        Class::NaN => f64::NAN,
        Class::Inf(neg) => {
            if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            }
        }
        Class::Zero(neg) => {
            if neg {
                -0.0
            } else {
                0.0
            }
        }
        Class::Finite { neg, exp, sig } => {
            let v = sig as f64 * pow2(exp - kind.mantissa_bits() as i32);
            if neg {
                -v
            } else {
                v
            }
        }
    }
}

/// `2^e`, exactly (subnormal below `2^-1022`, 0 below `2^-1074`, infinity above
/// `2^1023`).
fn pow2(e: i32) -> f64 {
    if e > 1023 {
        f64::INFINITY
    } else if e < -1022 {
        // Two exact factors; the product is a power of two, exact while representable.
        pow2((e + 64).max(-1022)) * pow2(-64)
    } else {
        f64::from_bits(((e + 1023) as u64) << 52)
    }
}

/// The bit pattern of the largest finite value of `kind` (positive).
pub fn max_bits(kind: FloatKind) -> u64 {
    let m = kind.mantissa_bits();
    let emax = mask(kind.exponent_bits());
    match kind.nonfinite() {
        NonFinite::Ieee => ((emax - 1) << m) | mask(m),
        NonFinite::NanAllOnes => (emax << m) | (mask(m) - 1),
        NonFinite::NanNegZero | NonFinite::FiniteOnly => (emax << m) | mask(m),
        NonFinite::PowerOfTwo => mask(kind.width()) - 1,
    }
}

/// The largest finite value of `kind`.
pub fn max_value(kind: FloatKind) -> f64 {
    decode(kind, max_bits(kind))
}

/// The bit pattern of a NaN of `kind` with sign `neg` where the format has a signed NaN
/// (`f4E2M1FN`, which has no NaN: the zero of the opposite sign, see the module docs).
pub fn nan_bits(kind: FloatKind, neg: bool) -> u64 {
    let width = kind.width();
    let sign = 1u64 << (width - 1);
    let m = kind.mantissa_bits();
    let emax = mask(kind.exponent_bits());
    let s = if neg { sign } else { 0 };
    match kind.nonfinite() {
        // The quiet NaN: the top mantissa bit set.
        NonFinite::Ieee => s | (emax << m) | (1u64 << (m - 1)),
        NonFinite::NanAllOnes => s | (emax << m) | mask(m),
        NonFinite::NanNegZero => sign,
        NonFinite::FiniteOnly => {
            if neg {
                0
            } else {
                sign
            }
        }
        NonFinite::PowerOfTwo => mask(width),
    }
}

/// The bits of `value` of sign `neg` overflowing `kind` (see the module documentation).
fn overflow(kind: FloatKind, neg: bool, saturate: bool) -> u64 {
    let sign = if neg { 1u64 << (kind.width() - 1) } else { 0 };
    if saturate {
        return if kind.nonfinite() == NonFinite::PowerOfTwo {
            max_bits(kind)
        } else {
            sign | max_bits(kind)
        };
    }
    match kind.nonfinite() {
        NonFinite::Ieee => sign | (mask(kind.exponent_bits()) << kind.mantissa_bits()),
        NonFinite::NanAllOnes | NonFinite::NanNegZero | NonFinite::PowerOfTwo => {
            nan_bits(kind, neg)
        }
        NonFinite::FiniteOnly => sign | max_bits(kind),
    }
}

/// The exponent `e` with `2^e <= a < 2^(e+1)`, for finite `a > 0`.
fn ilogb(a: f64) -> i32 {
    let bits = a.to_bits();
    let e = ((bits >> 52) & 0x7FF) as i32;
    if e == 0 {
        // Subnormal f64: far below every small format's range.
        return -1074 + (63 - (bits & mask(52)).leading_zeros() as i32);
    }
    e - 1023
}

/// `x` rounded to nearest (ties to even) in `kind`, with overflow as the module documentation
/// says.
pub fn encode(kind: FloatKind, x: f64, saturate: bool) -> u64 {
    let width = kind.width();
    let sign_bit = 1u64 << (width - 1);
    let neg = x.is_sign_negative();
    if x.is_nan() {
        return nan_bits(kind, neg);
    }
    if kind.nonfinite() == NonFinite::PowerOfTwo {
        return encode_power_of_two(kind, x, saturate);
    }
    let sign = if neg { sign_bit } else { 0 };
    let zero = if kind.nonfinite() == NonFinite::NanNegZero {
        0
    } else {
        sign
    };
    let a = x.abs();
    if a.is_infinite() {
        return overflow(kind, neg, saturate);
    }
    if a == 0.0 {
        return zero;
    }
    let m = kind.mantissa_bits() as i32;
    let bias = kind.bias();
    let emin = 1 - bias;
    let max = max_value(kind);
    if a >= 2.0 * max {
        return overflow(kind, neg, saturate);
    }
    // Quantum of the binade of `a` (or of the subnormals).
    let mut q = ilogb(a).max(emin) - m;
    if q < -1022 {
        // Far below the smallest subnormal of every small format: rounds to zero.
        return zero;
    }
    let n = (a / pow2(q)).round_ties_even();
    if n * pow2(q) > max {
        return overflow(kind, neg, saturate);
    }
    let mut n = n as u64;
    if n == 0 {
        return zero;
    }
    if n >= 1u64 << (m + 1) {
        // Rounding carried into the next binade (n == 2^(m+1)).
        n >>= 1;
        q += 1;
    }
    let bits = if n < (1u64 << m) {
        // Subnormal: q is the minimum quantum.
        n
    } else {
        let e = (q + m + bias) as u64;
        (e << m) | (n - (1u64 << m))
    };
    sign | bits
}

/// `f8E8M0FNU`: nearest power of two (ties to the even exponent field), `x <= 0` and NaN
/// give NaN, values below `2^-127` give `2^-127`.
fn encode_power_of_two(kind: FloatKind, x: f64, saturate: bool) -> u64 {
    if x.is_nan() || x <= 0.0 {
        return nan_bits(kind, false);
    }
    if x.is_infinite() {
        return overflow(kind, false, saturate);
    }
    let bias = kind.bias();
    let e = ilogb(x);
    let frac = x / pow2(e.clamp(-1022, 1023)); // in [1, 2) for e in range
    let field = e + bias;
    let up = frac > 1.5 || (frac == 1.5 && field.rem_euclid(2) == 1);
    let field = field + up as i32;
    if field < 0 {
        return 0;
    }
    if field as u64 > max_bits(kind) {
        return overflow(kind, false, saturate);
    }
    field as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: [FloatKind; 6] = [
        FloatKind::F8E5M2,
        FloatKind::F8E4M3FN,
        FloatKind::F8E5M2FNUZ,
        FloatKind::F8E4M3FNUZ,
        FloatKind::F8E8M0FNU,
        FloatKind::F4E2M1FN,
    ];

    #[test]
    fn largest_values() {
        assert_eq!(max_value(FloatKind::F8E4M3FN), 448.0);
        assert_eq!(max_value(FloatKind::F8E4M3FNUZ), 240.0);
        assert_eq!(max_value(FloatKind::F8E5M2), 57344.0);
        assert_eq!(max_value(FloatKind::F8E5M2FNUZ), 57344.0);
        assert_eq!(max_value(FloatKind::F4E2M1FN), 6.0);
        assert_eq!(max_value(FloatKind::F8E8M0FNU), 2f64.powi(127));
        // The IEEE formats agree with their Rust types.
        assert_eq!(max_value(FloatKind::F32), f32::MAX as f64);
        assert_eq!(max_value(FloatKind::F16), 65504.0);
        assert_eq!(max_value(FloatKind::F64), f64::MAX);
        // Decoding is exact for the IEEE formats too, subnormals included.
        assert_eq!(decode(FloatKind::F64, 1), f64::from_bits(1));
        assert_eq!(decode(FloatKind::F32, 1), f32::from_bits(1) as f64);
        assert_eq!(pow2(-1080), 0.0);
        assert_eq!(pow2(1024), f64::INFINITY);
    }

    #[test]
    fn every_pattern_round_trips() {
        for kind in SMALL {
            for bits in 0..(1u64 << kind.width()) {
                let v = decode(kind, bits);
                let back = encode(kind, v, false);
                if v.is_nan() {
                    assert!(decode(kind, back).is_nan(), "{kind:?} {bits:#x}");
                } else {
                    assert_eq!(back, bits, "{kind:?} {bits:#x} = {v}");
                }
            }
        }
    }

    #[test]
    fn special_patterns() {
        // NaNs and infinities, as ml_dtypes encodes them.
        assert_eq!(encode(FloatKind::F8E4M3FN, f64::NAN, true), 0x7F);
        assert_eq!(encode(FloatKind::F8E4M3FN, -f64::NAN, true), 0xFF);
        assert_eq!(encode(FloatKind::F8E5M2, f64::NAN, false), 0x7E);
        assert_eq!(encode(FloatKind::F8E5M2, f64::INFINITY, false), 0x7C);
        assert_eq!(encode(FloatKind::F8E5M2, f64::INFINITY, true), 0x7B);
        assert_eq!(encode(FloatKind::F8E4M3FNUZ, -0.0, false), 0x00);
        assert_eq!(encode(FloatKind::F8E5M2FNUZ, f64::NAN, false), 0x80);
        assert_eq!(encode(FloatKind::F8E4M3FN, -0.0, false), 0x80);
        assert_eq!(encode(FloatKind::F4E2M1FN, f64::NAN, false), 0x8);
        assert_eq!(encode(FloatKind::F4E2M1FN, f64::INFINITY, false), 0x7);
        assert_eq!(encode(FloatKind::F4E2M1FN, f64::NEG_INFINITY, false), 0xF);
        assert!(decode(FloatKind::F8E4M3FNUZ, 0x80).is_nan());
        assert!(decode(FloatKind::F8E4M3FN, 0xFF).is_nan());
        assert_eq!(decode(FloatKind::F8E5M2, 0xFC), f64::NEG_INFINITY);
        assert_eq!(decode(FloatKind::F8E8M0FNU, 0), 2f64.powi(-127));
        assert!(decode(FloatKind::F8E8M0FNU, 0xFF).is_nan());
    }

    #[test]
    fn rounding_and_overflow() {
        // 464 is the midpoint of 448 and the first value past it (480): ties to even (448).
        assert_eq!(encode(FloatKind::F8E4M3FN, 464.0, false), 0x7E);
        assert_eq!(encode(FloatKind::F8E4M3FN, 464.5, false), 0x7F);
        assert_eq!(encode(FloatKind::F8E4M3FN, 464.5, true), 0x7E);
        assert_eq!(encode(FloatKind::F8E4M3FN, -1e6, true), 0xFE);
        assert_eq!(encode(FloatKind::F8E4M3FNUZ, 1e6, false), 0x80);
        assert_eq!(encode(FloatKind::F8E5M2, 61440.0, false), 0x7C);
        assert_eq!(encode(FloatKind::F8E5M2, 61439.0, false), 0x7B);
        // Subnormals: 2^-9 is the smallest E4M3FN value; half of it ties to zero, a bit
        // more rounds up.
        assert_eq!(encode(FloatKind::F8E4M3FN, 2f64.powi(-9), false), 0x01);
        assert_eq!(encode(FloatKind::F8E4M3FN, 2f64.powi(-10), false), 0x00);
        assert_eq!(
            encode(FloatKind::F8E4M3FN, 2f64.powi(-10) * 1.01, false),
            0x01
        );
        assert_eq!(encode(FloatKind::F8E4M3FN, -1e-7, false), 0x80);
        // f4E2M1FN: 0.25 ties to 0, 0.75 ties to 1 (even), 2.5 to 2, 5 to 4 (even).
        let f4 = |x| decode(FloatKind::F4E2M1FN, encode(FloatKind::F4E2M1FN, x, true));
        assert_eq!(
            [0.25, 0.75, 2.5, 5.0, 1e30, -8.0].map(f4),
            [0.0, 1.0, 2.0, 4.0, 6.0, -6.0]
        );
        // A carry into the next binade: 15.9 rounds to 16 in E4M3FN (1.000 x 2^4).
        assert_eq!(encode(FloatKind::F8E4M3FN, 15.9, false), 0x58);
        assert_eq!(encode(FloatKind::F8E8M0FNU, 3.0, false), 128);
        assert_eq!(encode(FloatKind::F8E8M0FNU, 0.0, false), 0xFF);
    }
}
