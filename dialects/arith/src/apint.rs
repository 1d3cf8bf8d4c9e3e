//! Fixed-width two's complement integer arithmetic on raw bit patterns, with the semantics of
//! LLVM's `APInt` for widths 1 to 128 (the widths Strata's integer attributes can hold).
//!
//! A value is a `u128` holding the low `width` bits; operations wrap modulo `2^width` unless
//! they report overflow by returning `None`, exactly where MLIR's folders refuse to fold.

/// The width of a fixed-width integer (1 ..= 128 bits).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct IntWidth(u32);

impl IntWidth {
    /// The largest width supported.
    pub const MAX: u32 = 128;

    /// A width, if in `1 ..= 128`.
    pub fn new(width: u32) -> Option<IntWidth> {
        (1..=Self::MAX).contains(&width).then_some(IntWidth(width))
    }
    /// The number of bits.
    pub fn bits(self) -> u32 {
        self.0
    }
    /// The mask of the low `width` bits.
    pub fn mask(self) -> u128 {
        if self.0 == 128 {
            u128::MAX
        } else {
            (1u128 << self.0) - 1
        }
    }
    /// Keep the low `width` bits of `v`.
    pub fn trunc(self, v: u128) -> u128 {
        v & self.mask()
    }
    /// The signed value of the bit pattern `v`.
    pub fn sext(self, v: u128) -> i128 {
        let shift = 128 - self.0;
        ((v << shift) as i128) >> shift
    }
    /// The bit pattern of the signed value `v` (wrapping).
    pub fn from_signed(self, v: i128) -> u128 {
        self.trunc(v as u128)
    }
    /// Whether the sign bit of `v` is set.
    pub fn is_negative(self, v: u128) -> bool {
        (v >> (self.0 - 1)) & 1 == 1
    }
    /// The smallest signed value (`100...0`).
    pub fn signed_min(self) -> u128 {
        1u128 << (self.0 - 1)
    }
    /// The largest signed value (`011...1`).
    pub fn signed_max(self) -> u128 {
        self.signed_min() - 1
    }
    /// The largest unsigned value (all ones).
    pub fn unsigned_max(self) -> u128 {
        self.mask()
    }
    /// `a + b` modulo `2^width`.
    pub fn add(self, a: u128, b: u128) -> u128 {
        self.trunc(a.wrapping_add(b))
    }
    /// `a - b` modulo `2^width`.
    pub fn sub(self, a: u128, b: u128) -> u128 {
        self.trunc(a.wrapping_sub(b))
    }
    /// `a * b` modulo `2^width`.
    pub fn mul(self, a: u128, b: u128) -> u128 {
        self.trunc(a.wrapping_mul(b))
    }
    /// `-a` modulo `2^width`.
    pub fn neg(self, a: u128) -> u128 {
        self.trunc(a.wrapping_neg())
    }
    /// Unsigned division; `None` on division by zero.
    pub fn udiv(self, a: u128, b: u128) -> Option<u128> {
        a.checked_div(b)
    }
    /// Unsigned remainder; `None` on division by zero.
    pub fn urem(self, a: u128, b: u128) -> Option<u128> {
        a.checked_rem(b)
    }
    /// Signed division rounding toward zero; `None` on division by zero or overflow
    /// (`MIN / -1`), as `APInt::sdiv_ov`.
    pub fn sdiv(self, a: u128, b: u128) -> Option<u128> {
        if b == 0 || (a == self.signed_min() && b == self.mask()) {
            return None;
        }
        Some(self.from_signed(self.sext(a).wrapping_div(self.sext(b))))
    }
    /// Signed remainder (sign of the dividend); `None` on division by zero. `MIN % -1 == 0`.
    pub fn srem(self, a: u128, b: u128) -> Option<u128> {
        if b == 0 {
            return None;
        }
        Some(self.from_signed(self.sext(a).wrapping_rem(self.sext(b))))
    }
    /// Unsigned division rounding toward positive infinity; `None` on division by zero.
    pub fn ceil_udiv(self, a: u128, b: u128) -> Option<u128> {
        let q = a.checked_div(b)?;
        Some(if a.checked_rem(b) == Some(0) {
            q
        } else {
            self.add(q, 1)
        })
    }
    /// Signed division rounding toward positive infinity, with the overflow rules of MLIR's
    /// `arith.ceildivsi` folder (`None` on division by zero and whenever an intermediate
    /// negation or division overflows, e.g. any `MIN` operand with a negative partner).
    pub fn ceil_sdiv(self, a: u128, b: u128) -> Option<u128> {
        if b == 0 {
            return None;
        }
        if a == 0 {
            return Some(0);
        }
        let a_pos = !self.is_negative(a);
        let b_pos = !self.is_negative(b);
        let neg = |x: u128| -> Option<u128> { (x != self.signed_min()).then(|| self.neg(x)) };
        // (a - 1) / b + 1 for a, b > 0.
        let ceil_pos = |x: u128, y: u128| -> Option<u128> {
            let t = self.sub(x, 1);
            let q = self.sdiv(t, y)?;
            (q != self.signed_max()).then(|| self.add(q, 1))
        };
        match (a_pos, b_pos) {
            (true, true) => ceil_pos(a, b),
            (false, false) => ceil_pos(neg(a)?, neg(b)?),
            (false, true) => {
                let q = self.sdiv(neg(a)?, b)?;
                neg(q)
            }
            (true, false) => {
                let q = self.sdiv(a, neg(b)?)?;
                neg(q)
            }
        }
    }
    /// Signed division rounding toward negative infinity (`APInt::sfloordiv_ov`); `None` on
    /// division by zero or overflow.
    pub fn floor_sdiv(self, a: u128, b: u128) -> Option<u128> {
        let q = self.sdiv(a, b)?;
        if self.mul(q, b) != a && self.is_negative(a) != self.is_negative(b) {
            Some(self.sub(q, 1))
        } else {
            Some(q)
        }
    }
    /// Left shift; `None` when the shift amount (unsigned) is not below the width.
    pub fn shl(self, a: u128, b: u128) -> Option<u128> {
        (b < self.0 as u128).then(|| self.trunc(a << b))
    }
    /// Logical right shift; `None` when the shift amount is not below the width.
    pub fn lshr(self, a: u128, b: u128) -> Option<u128> {
        (b < self.0 as u128).then(|| a >> b)
    }
    /// Arithmetic right shift; `None` when the shift amount is not below the width.
    pub fn ashr(self, a: u128, b: u128) -> Option<u128> {
        (b < self.0 as u128).then(|| self.from_signed(self.sext(a) >> b))
    }
    /// Signed less-than.
    pub fn slt(self, a: u128, b: u128) -> bool {
        self.sext(a) < self.sext(b)
    }
    /// Signed maximum.
    pub fn smax(self, a: u128, b: u128) -> u128 {
        if self.slt(a, b) {
            b
        } else {
            a
        }
    }
    /// Signed minimum.
    pub fn smin(self, a: u128, b: u128) -> u128 {
        if self.slt(b, a) {
            b
        } else {
            a
        }
    }
    /// The high `width` bits of the `2*width`-bit product of the zero-extended operands.
    pub fn mulhu(self, a: u128, b: u128) -> u128 {
        let (lo, hi) = mul_wide(a, b);
        self.trunc(shr256(lo, hi, self.0))
    }
    /// The high `width` bits of the `2*width`-bit product of the sign-extended operands.
    pub fn mulhs(self, a: u128, b: u128) -> u128 {
        let sa = self.sext(a) as u128;
        let sb = self.sext(b) as u128;
        let (lo, mut hi) = mul_wide(sa, sb);
        // Unsigned product of the 128-bit two's complement patterns, corrected to the signed
        // product modulo 2^256.
        if self.is_negative(a) {
            hi = hi.wrapping_sub(sb);
        }
        if self.is_negative(b) {
            hi = hi.wrapping_sub(sa);
        }
        self.trunc(shr256(lo, hi, self.0))
    }
    /// The absolute value (`APInt::abs`: `abs(MIN) == MIN`).
    pub fn abs(self, a: u128) -> u128 {
        if self.is_negative(a) {
            self.neg(a)
        } else {
            a
        }
    }
    /// Number of leading zero bits.
    pub fn ctlz(self, a: u128) -> u128 {
        (a.leading_zeros() - (128 - self.0)) as u128
    }
    /// Number of trailing zero bits (`width` for zero).
    pub fn cttz(self, a: u128) -> u128 {
        if a == 0 {
            self.0 as u128
        } else {
            a.trailing_zeros() as u128
        }
    }
    /// Number of set bits.
    pub fn ctpop(self, a: u128) -> u128 {
        a.count_ones() as u128
    }
    /// Sign-extend a value of this width to `to` bits.
    pub fn sext_to(self, a: u128, to: IntWidth) -> u128 {
        to.from_signed(self.sext(a))
    }
    /// Zero-extend (or truncate) a value of this width to `to` bits.
    pub fn zext_to(self, a: u128, to: IntWidth) -> u128 {
        to.trunc(a)
    }
}

/// The full 256-bit product of two `u128`s as `(low, high)`.
fn mul_wide(a: u128, b: u128) -> (u128, u128) {
    let (a0, a1) = (a as u64 as u128, a >> 64);
    let (b0, b1) = (b as u64 as u128, b >> 64);
    let p00 = a0 * b0;
    let p01 = a0 * b1;
    let p10 = a1 * b0;
    let p11 = a1 * b1;
    let mid = (p00 >> 64) + (p01 as u64 as u128) + (p10 as u64 as u128);
    let lo = (p00 as u64 as u128) | (mid << 64);
    let hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
    (lo, hi)
}

/// Bits `[s, s + 128)` of the 256-bit value `(lo, hi)`, for `1 <= s <= 128`.
fn shr256(lo: u128, hi: u128, s: u32) -> u128 {
    if s == 128 {
        hi
    } else {
        (lo >> s) | (hi << (128 - s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_multiplication_matches_i128_for_small_widths() {
        let w = IntWidth::new(64).unwrap();
        let cases = [
            (3u128, 5u128),
            (u64::MAX as u128, 2),
            (1 << 63, 1 << 63),
            (u64::MAX as u128, u64::MAX as u128),
        ];
        for (a, b) in cases {
            let full_u = a * b;
            assert_eq!(w.mulhu(a, b), full_u >> 64);
            let full_s = (w.sext(a)) * (w.sext(b));
            assert_eq!(w.mulhs(a, b), w.from_signed(full_s >> 64));
        }
    }

    #[test]
    fn width_128_high_products() {
        let w = IntWidth::new(128).unwrap();
        assert_eq!(w.mulhu(u128::MAX, u128::MAX), u128::MAX - 1);
        // (-1) * (-1) = 1: high half 0.
        assert_eq!(w.mulhs(u128::MAX, u128::MAX), 0);
        // MIN * -1 = 2^127: high half 0.
        assert_eq!(w.mulhs(1 << 127, u128::MAX), 0);
        // MIN * MIN = 2^254: high half 2^126.
        assert_eq!(w.mulhs(1 << 127, 1 << 127), 1 << 126);
    }

    #[test]
    fn division_edge_cases() {
        let w = IntWidth::new(8).unwrap();
        assert_eq!(w.sdiv(0x80, 0xFF), None);
        assert_eq!(w.srem(0x80, 0xFF), Some(0));
        assert_eq!(w.sdiv(7, 0), None);
        assert_eq!(w.sdiv(w.from_signed(-7), 2), Some(w.from_signed(-3)));
        assert_eq!(w.floor_sdiv(w.from_signed(-7), 2), Some(w.from_signed(-4)));
        assert_eq!(w.floor_sdiv(5, w.from_signed(-2)), Some(w.from_signed(-3)));
        assert_eq!(w.ceil_sdiv(7, w.from_signed(-2)), Some(w.from_signed(-3)));
        assert_eq!(w.ceil_sdiv(7, 2), Some(4));
        assert_eq!(w.ceil_sdiv(w.from_signed(-7), w.from_signed(-2)), Some(4));
        assert_eq!(w.ceil_sdiv(0x80, 1), None);
        assert_eq!(w.ceil_udiv(7, 2), Some(4));
        assert_eq!(w.ceil_udiv(6, 254), Some(1));
    }

    #[test]
    fn shifts_and_counts() {
        let w = IntWidth::new(8).unwrap();
        assert_eq!(w.shl(5, 3), Some(40));
        assert_eq!(w.shl(5, 8), None);
        assert_eq!(w.ashr(160, 3), Some(0b1111_0100));
        assert_eq!(w.lshr(160, 3), Some(0b0001_0100));
        assert_eq!(w.ctlz(1), 7);
        assert_eq!(w.ctlz(0), 8);
        assert_eq!(w.cttz(0), 8);
        assert_eq!(w.ctpop(0xFF), 8);
    }
}
