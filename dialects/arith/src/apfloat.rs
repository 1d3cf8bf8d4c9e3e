//! IEEE floating-point arithmetic on bit patterns of each [`FloatKind`], with the results
//! LLVM's `APFloat` gives under round-to-nearest-even: correctly rounded `+ - * /`, exact
//! remainder, NaN propagation (the first NaN operand, quieted, keeps its sign and payload;
//! invalid operations produce the default positive quiet NaN) and lossless conversions.

use strata_ir::FloatKind;

/// `(exponent bits, explicit mantissa bits)` of a format.
fn layout(kind: FloatKind) -> (u32, u32) {
    (kind.exponent_bits(), kind.mantissa_bits())
}

fn exp_mask(kind: FloatKind) -> u64 {
    let (e, m) = layout(kind);
    ((1u64 << e) - 1) << m
}

fn man_mask(kind: FloatKind) -> u64 {
    (1u64 << layout(kind).1) - 1
}

/// The sign bit of a format.
pub fn sign_bit(kind: FloatKind) -> u64 {
    1u64 << (kind.width() - 1)
}

/// Whether `bits` is a NaN.
pub fn is_nan(kind: FloatKind, bits: u64) -> bool {
    bits & exp_mask(kind) == exp_mask(kind) && bits & man_mask(kind) != 0
}

/// Whether `bits` is an infinity.
pub fn is_inf(kind: FloatKind, bits: u64) -> bool {
    bits & !sign_bit(kind) == exp_mask(kind)
}

/// Whether `bits` is a zero of either sign.
pub fn is_zero(kind: FloatKind, bits: u64) -> bool {
    bits & !sign_bit(kind) == 0
}

/// Whether `bits` is a normal number (not zero, subnormal, infinite or NaN).
pub fn is_normal(kind: FloatKind, bits: u64) -> bool {
    let e = bits & exp_mask(kind);
    e != 0 && e != exp_mask(kind)
}

/// Whether `bits` is finite (not infinite and not NaN).
pub fn is_finite(kind: FloatKind, bits: u64) -> bool {
    bits & exp_mask(kind) != exp_mask(kind)
}

/// Whether the sign bit is set.
pub fn is_negative(kind: FloatKind, bits: u64) -> bool {
    bits & sign_bit(kind) != 0
}

/// The quiet-NaN bit of a format.
fn quiet_bit(kind: FloatKind) -> u64 {
    1u64 << (layout(kind).1 - 1)
}

/// Quiet a NaN (set the quiet bit); other values are returned as is.
pub fn quiet(kind: FloatKind, bits: u64) -> u64 {
    if is_nan(kind, bits) {
        bits | quiet_bit(kind)
    } else {
        bits
    }
}

/// The default NaN `APFloat` produces for invalid operations: positive, quiet, no payload.
pub fn default_nan(kind: FloatKind) -> u64 {
    exp_mask(kind) | quiet_bit(kind)
}

/// Positive zero (`false`) or negative zero (`true`).
pub fn zero(kind: FloatKind, negative: bool) -> u64 {
    if negative {
        sign_bit(kind)
    } else {
        0
    }
}

/// Infinity of the given sign.
pub fn infinity(kind: FloatKind, negative: bool) -> u64 {
    exp_mask(kind) | zero(kind, negative)
}

/// The value of a (non-NaN) bit pattern as an `f64` (exact).
pub fn to_f64(kind: FloatKind, bits: u64) -> f64 {
    match kind {
        FloatKind::F64 => f64::from_bits(bits),
        FloatKind::F32 => f32::from_bits(bits as u32) as f64,
        FloatKind::F16 | FloatKind::BF16 => {
            let (e, m) = layout(kind);
            let neg = is_negative(kind, bits);
            let exp = ((bits & exp_mask(kind)) >> m) as i32;
            let man = bits & man_mask(kind);
            let bias = (1i32 << (e - 1)) - 1;
            let mag = if exp == (1 << e) - 1 {
                if man == 0 {
                    f64::INFINITY
                } else {
                    f64::NAN
                }
            } else if exp == 0 {
                man as f64 * 2f64.powi(1 - bias - m as i32)
            } else {
                (man | (1u64 << m)) as f64 * 2f64.powi(exp - bias - m as i32)
            };
            if neg {
                -mag
            } else {
                mag
            }
        }
        // Not reached from the folders (they skip the small formats); exact anyway.
        small => strata_ir::minifloat::decode(small, bits),
    }
}

/// Round a non-NaN `f64` to `kind` with round-to-nearest-even (correctly rounded, no double
/// rounding). Returns the bits and whether the conversion was inexact.
pub fn from_f64(kind: FloatKind, x: f64) -> (u64, bool) {
    match kind {
        FloatKind::F64 => (x.to_bits(), false),
        FloatKind::F32 => {
            let r = x as f32;
            (r.to_bits() as u64, (r as f64) != x && !x.is_nan())
        }
        FloatKind::F16 | FloatKind::BF16 => round_small(kind, x),
        // Not reached from the folders (they skip the small formats).
        small => {
            let bits = strata_ir::minifloat::encode(small, x, false);
            (bits, strata_ir::minifloat::decode(small, bits) != x)
        }
    }
}

fn round_small(kind: FloatKind, x: f64) -> (u64, bool) {
    let (e, m) = layout(kind);
    let neg = x.is_sign_negative();
    let sign = zero(kind, neg);
    if x.is_infinite() {
        return (infinity(kind, neg), false);
    }
    if x == 0.0 {
        return (sign, false);
    }
    let bias = (1i32 << (e - 1)) - 1;
    let emin = 1 - bias;
    let emax = bias;
    // |x| = sig * 2^exp2 with sig an integer.
    let b = x.abs().to_bits();
    let raw_exp = (b >> 52) as i32;
    let (sig, exp2) = if raw_exp == 0 {
        (b & ((1u64 << 52) - 1), -1074)
    } else {
        ((b & ((1u64 << 52) - 1)) | (1u64 << 52), raw_exp - 1075)
    };
    let log2 = exp2 + (63 - sig.leading_zeros() as i32);
    let te = log2.max(emin);
    let q = te - m as i32; // quantum exponent
    let shift = q - exp2;
    let (mut n, inexact) = if shift <= 0 {
        ((sig as u128) << (-shift) as u32, false)
    } else if shift >= 64 {
        (0u128, true)
    } else {
        let s = shift as u32;
        let n = (sig >> s) as u128;
        let rem = sig & ((1u64 << s) - 1);
        let half = 1u64 << (s - 1);
        let up = rem > half || (rem == half && n & 1 == 1);
        (if up { n + 1 } else { n }, rem != 0)
    };
    let mut te = te;
    if n == 1u128 << (m + 1) {
        n >>= 1;
        te += 1;
    }
    if te > emax {
        return (infinity(kind, neg), true);
    }
    let bits = if n < (1u128 << m) {
        // Subnormal (or zero after rounding).
        n as u64
    } else {
        (((te + bias) as u64) << m) | (n as u64 & man_mask(kind))
    };
    (sign | bits, inexact)
}

/// A binary arithmetic operation.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinOp {
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`.
    Div,
    /// `fmod(a, b)` (sign of `a`, exact).
    Rem,
}

/// Apply `op` to two bit patterns of `kind` the way `APFloat` does under
/// round-to-nearest-even.
pub fn binop(kind: FloatKind, op: BinOp, a: u64, b: u64) -> u64 {
    if is_nan(kind, a) {
        return quiet(kind, a);
    }
    if is_nan(kind, b) {
        return quiet(kind, b);
    }
    let r = match kind {
        FloatKind::F32 => {
            let (x, y) = (f32::from_bits(a as u32), f32::from_bits(b as u32));
            let r = match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div => x / y,
                BinOp::Rem => x % y,
            };
            if r.is_nan() {
                return default_nan(kind);
            }
            return r.to_bits() as u64;
        }
        // f64 directly; f16/bf16 through f64, where one rounding of the exact operation to
        // f64 followed by a rounding to the narrow format equals a single correct rounding
        // (53 >= 2 * 11 + 2).
        _ => {
            let (x, y) = (to_f64(kind, a), to_f64(kind, b));
            match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div => x / y,
                BinOp::Rem => x % y,
            }
        }
    };
    if r.is_nan() {
        return default_nan(kind);
    }
    from_f64(kind, r).0
}

/// Negation (flips the sign bit, NaNs included).
pub fn neg(kind: FloatKind, a: u64) -> u64 {
    a ^ sign_bit(kind)
}

/// Absolute value (clears the sign bit, NaNs included).
pub fn abs(kind: FloatKind, a: u64) -> u64 {
    a & !sign_bit(kind)
}

/// `a` with the sign of `b`.
pub fn copysign(kind: FloatKind, a: u64, b: u64) -> u64 {
    (a & !sign_bit(kind)) | (b & sign_bit(kind))
}

/// The ordering of two bit patterns, `None` when unordered (a NaN is involved).
pub fn compare(kind: FloatKind, a: u64, b: u64) -> Option<std::cmp::Ordering> {
    if is_nan(kind, a) || is_nan(kind, b) {
        return None;
    }
    to_f64(kind, a).partial_cmp(&to_f64(kind, b))
}

fn lt(kind: FloatKind, a: u64, b: u64) -> bool {
    compare(kind, a, b) == Some(std::cmp::Ordering::Less)
}

/// `llvm::maximum`: NaN-propagating, `-0 < +0`.
pub fn maximum(kind: FloatKind, a: u64, b: u64) -> u64 {
    if is_nan(kind, a) {
        return quiet(kind, a);
    }
    if is_nan(kind, b) {
        return quiet(kind, b);
    }
    if is_zero(kind, a) && is_zero(kind, b) && is_negative(kind, a) != is_negative(kind, b) {
        return if is_negative(kind, a) { b } else { a };
    }
    if lt(kind, a, b) {
        b
    } else {
        a
    }
}

/// `llvm::minimum`: NaN-propagating, `-0 < +0`.
pub fn minimum(kind: FloatKind, a: u64, b: u64) -> u64 {
    if is_nan(kind, a) {
        return quiet(kind, a);
    }
    if is_nan(kind, b) {
        return quiet(kind, b);
    }
    if is_zero(kind, a) && is_zero(kind, b) && is_negative(kind, a) != is_negative(kind, b) {
        return if is_negative(kind, a) { a } else { b };
    }
    if lt(kind, b, a) {
        b
    } else {
        a
    }
}

fn is_signaling(kind: FloatKind, a: u64) -> bool {
    is_nan(kind, a) && a & quiet_bit(kind) == 0
}

/// `llvm::maxnum`: returns the other operand when one is a quiet NaN; `-0 < +0`.
pub fn maxnum(kind: FloatKind, a: u64, b: u64) -> u64 {
    if is_signaling(kind, a) {
        return quiet(kind, a);
    }
    if is_signaling(kind, b) {
        return quiet(kind, b);
    }
    if is_nan(kind, a) {
        return b;
    }
    if is_nan(kind, b) {
        return a;
    }
    if is_zero(kind, a) && is_zero(kind, b) && is_negative(kind, a) != is_negative(kind, b) {
        return if is_negative(kind, a) { b } else { a };
    }
    if lt(kind, a, b) {
        b
    } else {
        a
    }
}

/// `llvm::minnum`: returns the other operand when one is a quiet NaN; `-0 < +0`.
pub fn minnum(kind: FloatKind, a: u64, b: u64) -> u64 {
    if is_signaling(kind, a) {
        return quiet(kind, a);
    }
    if is_signaling(kind, b) {
        return quiet(kind, b);
    }
    if is_nan(kind, a) {
        return b;
    }
    if is_nan(kind, b) {
        return a;
    }
    if is_zero(kind, a) && is_zero(kind, b) && is_negative(kind, a) != is_negative(kind, b) {
        return if is_negative(kind, a) { a } else { b };
    }
    if lt(kind, b, a) {
        b
    } else {
        a
    }
}

/// Convert between formats without loss (`None` when the value is not exactly
/// representable, or for a NaN whose payload would be cut), as MLIR's `extf`/`truncf`
/// folders require.
pub fn convert_exact(from: FloatKind, to: FloatKind, a: u64) -> Option<u64> {
    if is_nan(from, a) {
        let (_, fm) = layout(from);
        let (_, tm) = layout(to);
        let payload = a & man_mask(from);
        let sign = if is_negative(from, a) {
            sign_bit(to)
        } else {
            0
        };
        let new_payload = if tm >= fm {
            payload << (tm - fm)
        } else {
            if payload & ((1u64 << (fm - tm)) - 1) != 0 {
                return None;
            }
            payload >> (fm - tm)
        };
        if new_payload == 0 || is_signaling(from, a) {
            return None;
        }
        return Some(sign | exp_mask(to) | new_payload);
    }
    let (bits, inexact) = from_f64(to, to_f64(from, a));
    // Overflow to infinity from a finite value is inexact too.
    if inexact || (is_inf(to, bits) && !is_inf(from, a)) {
        return None;
    }
    Some(bits)
}

/// Round to an integral value in the same format with the given mode
/// (`APFloat::roundToIntegral`).
pub fn round_to_integral(kind: FloatKind, a: u64, mode: IntegralRounding) -> u64 {
    if is_nan(kind, a) {
        return quiet(kind, a);
    }
    if !is_finite(kind, a) || is_zero(kind, a) {
        return a;
    }
    let x = to_f64(kind, a);
    let r = match mode {
        IntegralRounding::TowardPositive => x.ceil(),
        IntegralRounding::TowardNegative => x.floor(),
        IntegralRounding::TowardZero => x.trunc(),
        IntegralRounding::NearestTiesToAway => x.round(),
        IntegralRounding::NearestTiesToEven => x.round_ties_even(),
    };
    // Integral results of a value of this format are representable in it; keep the sign
    // of zero results.
    let r = if r == 0.0 { 0.0f64.copysign(x) } else { r };
    from_f64(kind, r).0
}

/// Rounding directions for [`round_to_integral`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IntegralRounding {
    /// `ceil`.
    TowardPositive,
    /// `floor`.
    TowardNegative,
    /// `trunc`.
    TowardZero,
    /// `round`.
    NearestTiesToAway,
    /// `roundeven`.
    NearestTiesToEven,
}

/// Convert a signed or unsigned integer (given by its bits and width) to `kind` with
/// round-to-nearest-even (`APFloat::convertFromAPInt`).
pub fn from_int(kind: FloatKind, bits: u128, width: crate::apint::IntWidth, signed: bool) -> u64 {
    let neg = signed && width.is_negative(bits);
    let mag: u128 = if neg { width.neg(bits) } else { bits };
    // For MIN the wrapped negation 2^(width-1) is the right unsigned magnitude.
    let r = u128_to_kind(kind, mag);
    if neg {
        r | sign_bit(kind)
    } else {
        r
    }
}

/// Correctly rounded conversion of an unsigned 128-bit magnitude.
fn u128_to_kind(kind: FloatKind, v: u128) -> u64 {
    if v == 0 {
        return 0;
    }
    let (e, m) = layout(kind);
    let bias = (1i64 << (e - 1)) - 1;
    let msb = 127 - v.leading_zeros() as i64;
    let (mut n, mut exp) = if msb <= m as i64 {
        (v << (m as i64 - msb) as u32, msb)
    } else {
        let s = (msb - m as i64) as u32;
        let n = v >> s;
        let rem = v & ((1u128 << s) - 1);
        let half = 1u128 << (s - 1);
        let up = rem > half || (rem == half && n & 1 == 1);
        (if up { n + 1 } else { n }, msb)
    };
    if n == 1u128 << (m + 1) {
        n >>= 1;
        exp += 1;
    }
    if exp > bias {
        return infinity(kind, false);
    }
    (((exp + bias) as u64) << m) | (n as u64 & man_mask(kind))
}

/// Convert to an integer of `width` bits rounding toward zero (`APFloat::convertToInteger`
/// with `rmTowardZero`); `None` for NaN, infinities and out-of-range values (MLIR's
/// `opInvalidOp`).
pub fn to_int(
    kind: FloatKind,
    a: u64,
    width: crate::apint::IntWidth,
    signed: bool,
) -> Option<u128> {
    if !is_finite(kind, a) {
        return None;
    }
    let x = to_f64(kind, a).trunc();
    if x == 0.0 {
        return Some(0);
    }
    let w = width.bits() as i32;
    if signed {
        let lim = 2f64.powi(w - 1);
        if x < -lim || x >= lim {
            return None;
        }
        let v = x as i128;
        Some(width.from_signed(v))
    } else {
        if x < 0.0 || x >= 2f64.powi(w) {
            return None;
        }
        Some(x as u128)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_format_rounding_is_correct() {
        // 1 + 2^-11 is a tie between 1 and 1 + 2^-10 in f16: to even (1).
        assert_eq!(from_f64(FloatKind::F16, 1.0 + 2f64.powi(-11)).0, 0x3C00);
        // Slightly above the tie rounds up even though the excess is far below the
        // truncated bits of a naive conversion.
        assert_eq!(
            from_f64(FloatKind::F16, 1.0 + 2f64.powi(-11) + 2f64.powi(-40)).0,
            0x3C01
        );
        assert_eq!(
            from_f64(FloatKind::BF16, 1.0 + 2f64.powi(-8) + 2f64.powi(-45)).0,
            0x3F81
        );
        assert_eq!(from_f64(FloatKind::F16, 65504.0).0, 0x7BFF);
        assert_eq!(from_f64(FloatKind::F16, 65520.0).0, 0x7C00);
        // Smallest subnormal.
        assert_eq!(from_f64(FloatKind::F16, 2f64.powi(-24)).0, 1);
        assert_eq!(from_f64(FloatKind::F16, 2f64.powi(-25)).0, 0);
        assert_eq!(from_f64(FloatKind::F16, -2f64.powi(-25) * 1.5).0, 0x8001);
        for bits in 0..=0xFFFFu64 {
            if !is_nan(FloatKind::F16, bits) {
                assert_eq!(
                    from_f64(FloatKind::F16, to_f64(FloatKind::F16, bits)),
                    (bits, false)
                );
            }
            if !is_nan(FloatKind::BF16, bits) {
                assert_eq!(
                    from_f64(FloatKind::BF16, to_f64(FloatKind::BF16, bits)),
                    (bits, false)
                );
            }
        }
    }

    #[test]
    fn nan_propagation_follows_apfloat() {
        let k = FloatKind::F32;
        let inf = infinity(k, false);
        assert_eq!(binop(k, BinOp::Sub, inf, inf), 0x7FC0_0000);
        assert_eq!(binop(k, BinOp::Div, 0, 0), 0x7FC0_0000);
        // Negative NaN payloads survive.
        assert_eq!(binop(k, BinOp::Add, 0xFFC0_0001, 0x3F80_0000), 0xFFC0_0001);
        assert_eq!(binop(k, BinOp::Mul, 0x3F80_0000, 0x7F80_0001), 0x7FC0_0001);
    }

    #[test]
    fn integer_conversions() {
        let w8 = crate::apint::IntWidth::new(8).unwrap();
        assert_eq!(
            from_int(FloatKind::F32, 0xFF, w8, true),
            (-1.0f32).to_bits() as u64
        );
        assert_eq!(
            from_int(FloatKind::F32, 0xFF, w8, false),
            255.0f32.to_bits() as u64
        );
        assert_eq!(
            from_int(FloatKind::F32, 0x80, w8, true),
            (-128.0f32).to_bits() as u64
        );
        let w64 = crate::apint::IntWidth::new(64).unwrap();
        assert_eq!(
            from_int(FloatKind::F32, u64::MAX as u128, w64, false),
            (u64::MAX as f32).to_bits() as u64
        );
        assert_eq!(from_int(FloatKind::F16, 70000, w64, false), 0x7C00);
        assert_eq!(
            to_int(FloatKind::F32, (-1.5f32).to_bits() as u64, w8, true),
            Some(0xFF)
        );
        assert_eq!(
            to_int(FloatKind::F32, (-1.5f32).to_bits() as u64, w8, false),
            None
        );
        assert_eq!(
            to_int(FloatKind::F32, 255.9f32.to_bits() as u64, w8, false),
            Some(255)
        );
        assert_eq!(
            to_int(FloatKind::F32, 128.0f32.to_bits() as u64, w8, true),
            None
        );
    }
}
