//! Float printing and parsing exactly as MLIR does it.
//!
//! MLIR prints float attributes with `printFloatValue` (AsmPrinter.cpp): it first tries
//! `APFloat::toString(str, /*FormatPrecision=*/6, /*FormatMaxPadding=*/0,
//! /*TruncateZero=*/false)` (`1.500000e+00`) and keeps it if it parses back to the same bits;
//! otherwise it uses the default `APFloat::toString(str)` ("natural" precision: 9 digits for
//! f32, 17 for f64, 5 for f16, 4 for bf16, plain notation unless that needs more than 3 padding
//! zeros) if that contains a `.`; otherwise (NaN, infinity) the bit pattern in hex
//! (`0x7FC00000`). `toString` is reproduced digit for digit here, including its two-step
//! rounding (a truncating division of the exact big integer, then round-half-up on the
//! decimal digits), with a small big-integer type.
//!
//! Parsing follows MLIR too: a decimal float literal is converted to `double` first and then
//! rounded to the target type (round to nearest, ties to even).

use crate::types::FloatKind;

/// A little-endian arbitrary-precision unsigned integer (just what `toString` needs).
#[derive(Clone, Debug)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }
    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn mul_small(&mut self, m: u32) {
        let mut carry: u64 = 0;
        for limb in &mut self.0 {
            let v = (*limb as u64) * (m as u64) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry != 0 {
            self.0.push(carry as u32);
        }
    }
    fn shl(&mut self, n: u32) {
        if self.is_zero() {
            return;
        }
        let limbs = (n / 32) as usize;
        let bits = n % 32;
        if bits != 0 {
            let mut carry = 0u32;
            for limb in &mut self.0 {
                let v = *limb;
                *limb = (v << bits) | carry;
                carry = v >> (32 - bits);
            }
            if carry != 0 {
                self.0.push(carry);
            }
        }
        if limbs != 0 {
            let mut v = vec![0u32; limbs];
            v.extend_from_slice(&self.0);
            self.0 = v;
        }
    }
    /// Divide in place by `d`, returning the remainder.
    fn divrem_small(&mut self, d: u32) -> u32 {
        let mut rem: u64 = 0;
        for limb in self.0.iter_mut().rev() {
            let cur = (rem << 32) | (*limb as u64);
            *limb = (cur / d as u64) as u32;
            rem = cur % d as u64;
        }
        self.trim();
        rem as u32
    }
    fn bits(&self) -> u32 {
        match self.0.last() {
            None => 0,
            Some(&top) => (self.0.len() as u32 - 1) * 32 + (32 - top.leading_zeros()),
        }
    }
    fn mul_pow5(&mut self, mut n: u32) {
        const P5_13: u32 = 1_220_703_125; // 5^13
        while n >= 13 {
            self.mul_small(P5_13);
            n -= 13;
        }
        if n > 0 {
            self.mul_small(5u32.pow(n));
        }
    }
    fn div_pow10(&mut self, mut n: u32) {
        while n >= 9 {
            self.divrem_small(1_000_000_000);
            n -= 9;
        }
        if n > 0 {
            self.divrem_small(10u32.pow(n));
        }
    }
}

/// Parameters of a float kind: (precision incl. implicit bit, exponent bits).
fn params(kind: FloatKind) -> (u32, u32) {
    (kind.precision(), kind.exponent_bits())
}

enum Decoded {
    Zero(bool),
    Inf(bool),
    NaN,
    /// sign, unbiased exponent of the leading significand bit, significand (p bits wide).
    Normal(bool, i32, u64),
}

fn decode(bits: u64, kind: FloatKind) -> Decoded {
    match crate::minifloat::classify(kind, bits) {
        crate::minifloat::Class::NaN => Decoded::NaN,
        crate::minifloat::Class::Inf(neg) => Decoded::Inf(neg),
        crate::minifloat::Class::Zero(neg) => Decoded::Zero(neg),
        crate::minifloat::Class::Finite { neg, exp, sig } => Decoded::Normal(neg, exp, sig),
    }
}

/// `APFloat::toString(Str, FormatPrecision, FormatMaxPadding, TruncateZero)`.
pub(crate) fn apfloat_to_string(
    bits: u64,
    kind: FloatKind,
    format_precision: u32,
    max_padding: u32,
    truncate_zero: bool,
    out: &mut String,
) {
    let (p, _) = params(kind);
    let (neg, exponent, sig) = match decode(bits, kind) {
        Decoded::Inf(neg) => {
            out.push_str(if neg { "-Inf" } else { "+Inf" });
            return;
        }
        Decoded::NaN => {
            out.push_str("NaN");
            return;
        }
        Decoded::Zero(neg) => {
            if neg {
                out.push('-');
            }
            if max_padding == 0 {
                if truncate_zero {
                    out.push_str("0.0E+0");
                } else {
                    out.push_str("0.0");
                    if format_precision > 1 {
                        for _ in 0..format_precision - 1 {
                            out.push('0');
                        }
                    }
                    out.push_str("e+00");
                }
            } else {
                out.push('0');
            }
            return;
        }
        Decoded::Normal(neg, e, s) => (neg, e, s),
    };
    if neg {
        out.push('-');
    }
    let mut exp: i32 = exponent - (p as i32 - 1);
    let mut format_precision = format_precision;
    if format_precision == 0 {
        format_precision = 2 + p * 59 / 196;
    }
    let tz = sig.trailing_zeros();
    exp += tz as i32;
    let mut big = Big::from_u64(sig >> tz);
    if exp > 0 {
        big.shl(exp as u32);
        exp = 0;
    } else if exp < 0 {
        big.mul_pow5((-exp) as u32);
    }
    // AdjustToPrecision(APInt): drop a conservative number of decimal digits by truncation.
    let nbits = big.bits();
    let bits_required = (format_precision * 196).div_ceil(59);
    if nbits > bits_required {
        let tens = (nbits - bits_required) * 59 / 196;
        if tens > 0 {
            exp += tens as i32;
            big.div_pow10(tens);
        }
    }
    // Digits, least significant first, dropping trailing zeros.
    let mut buf: Vec<u8> = Vec::with_capacity(24);
    let mut in_trail = true;
    while !big.is_zero() {
        let d = big.divrem_small(10) as u8;
        if in_trail && d == 0 {
            exp += 1;
        } else {
            buf.push(b'0' + d);
            in_trail = false;
        }
    }
    // AdjustToPrecision(buffer): round half up to FormatPrecision digits.
    let n = buf.len();
    if n > format_precision as usize {
        let mut first = n - format_precision as usize;
        if buf[first - 1] < b'5' {
            while first < n && buf[first] == b'0' {
                first += 1;
            }
            exp += first as i32;
            buf.drain(0..first);
        } else {
            let mut i = first;
            while i < n {
                if buf[i] == b'9' {
                    first += 1;
                    i += 1;
                } else {
                    buf[i] += 1;
                    break;
                }
            }
            if first == n {
                exp += first as i32;
                buf.clear();
                buf.push(b'1');
            } else {
                exp += first as i32;
                buf.drain(0..first);
            }
        }
    }
    let nd = buf.len();
    let scientific = if max_padding == 0 {
        true
    } else if exp >= 0 {
        exp as u32 > max_padding || nd as u32 + exp as u32 > format_precision
    } else {
        let msd = exp + nd as i32 - 1;
        if msd >= 0 {
            false
        } else {
            (-msd) as u32 > max_padding
        }
    };
    if scientific {
        exp += nd as i32 - 1;
        out.push(buf[nd - 1] as char);
        out.push('.');
        if nd == 1 && truncate_zero {
            out.push('0');
        } else {
            for i in 1..nd {
                out.push(buf[nd - 1 - i] as char);
            }
        }
        if !truncate_zero && format_precision as usize > nd - 1 {
            for _ in 0..(format_precision as usize - nd + 1) {
                out.push('0');
            }
        }
        out.push(if truncate_zero { 'E' } else { 'e' });
        out.push(if exp >= 0 { '+' } else { '-' });
        let e = exp.unsigned_abs();
        let s = e.to_string();
        if !truncate_zero && s.len() < 2 {
            out.push('0');
        }
        out.push_str(&s);
        return;
    }
    if exp >= 0 {
        for i in 0..nd {
            out.push(buf[nd - 1 - i] as char);
        }
        for _ in 0..exp {
            out.push('0');
        }
        return;
    }
    let whole = exp + nd as i32;
    let mut i = 0usize;
    if whole > 0 {
        while i < whole as usize {
            out.push(buf[nd - 1 - i] as char);
            i += 1;
        }
        out.push('.');
    } else {
        out.push_str("0.");
        for _ in 0..(-whole) {
            out.push('0');
        }
    }
    while i < nd {
        out.push(buf[nd - 1 - i] as char);
        i += 1;
    }
}

/// Convert a decimal literal as MLIR's lexer accepts it (`[0-9]+ '.' [0-9]* ([eE][+-]?[0-9]+)?`,
/// or the output of `toString`) to `f64`, correctly rounded (infinity on overflow).
pub(crate) fn decimal_to_f64(s: &str) -> Option<f64> {
    // Rust's parser wants a digit after the '.', MLIR's lexer does not.
    if let Some(dot) = s.find('.') {
        let after = s.as_bytes().get(dot + 1).copied();
        if !after.is_some_and(|c| c.is_ascii_digit()) {
            let mut t = String::with_capacity(s.len() + 1);
            t.push_str(&s[..dot + 1]);
            t.push('0');
            t.push_str(&s[dot + 1..]);
            return t.parse::<f64>().ok();
        }
    }
    s.parse::<f64>().ok()
}

/// Convert a decimal string to the bits of `kind` the way `APFloat(semantics, str)` does
/// (correctly rounded for f32/f64; through f64 for the 16-bit kinds).
fn parse_back(s: &str, kind: FloatKind) -> Option<u64> {
    match kind {
        FloatKind::F32 => s.parse::<f32>().ok().map(|f| f.to_bits() as u64),
        FloatKind::F64 => s.parse::<f64>().ok().map(f64::to_bits),
        _ => s
            .parse::<f64>()
            .ok()
            .map(|f| crate::numeric::f64_to_bits(f, kind)),
    }
}

/// Mask `bits` to the width of `kind`.
pub(crate) fn mask_bits(bits: u64, kind: FloatKind) -> u64 {
    let w = kind.width();
    if w == 64 {
        bits
    } else {
        bits & ((1u64 << w) - 1)
    }
}

/// MLIR's `printFloatValue`: the text of a float attribute value (without type).
pub(crate) fn format_float(bits: u64, kind: FloatKind, out: &mut String) {
    let bits = mask_bits(bits, kind);
    match decode(bits, kind) {
        Decoded::Inf(_) | Decoded::NaN => {}
        _ => {
            let start = out.len();
            apfloat_to_string(bits, kind, 6, 0, false, out);
            if parse_back(&out[start..], kind) == Some(bits) {
                return;
            }
            out.truncate(start);
            apfloat_to_string(bits, kind, 0, 3, true, out);
            if out[start..].contains('.') {
                return;
            }
            out.truncate(start);
        }
    }
    out.push_str("0x");
    out.push_str(&format!("{bits:X}"));
}
