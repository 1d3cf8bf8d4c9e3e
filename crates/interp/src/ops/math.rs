//! Semantics of the `math` dialect, element-wise on scalars, vectors and tensors.
//!
//! Precision: every float function is evaluated in `f64` with the pure-Rust `libm` crate
//! (the same bits on every platform) and rounded once to the element type. For `f16`, `bf16`
//! and `f32` this is within half an ulp of the exact result except in rare double-rounding
//! cases; for `f64` it is libm's accuracy (below 1 ulp). Exactly rounded regardless of
//! format: `sqrt`, `absf`, `copysign`, `ceil`, `floor`, `round` (half away from zero),
//! `roundeven`, `trunc`, the classification ops, and `fma` (computed with an exact product
//! and round-to-odd before the final rounding, so it is a single rounding of `a * b + c`).
//! `rsqrt` is `1 / sqrt(x)` in `f64`, then rounded. `fpowi` is `powf` with the integer
//! power converted to `f64`.
//!
//! Integer ops work on bit patterns of their width: `absi(MIN) == MIN`; `ctlz`/`cttz` of 0
//! give the width; `ipowi` with a negative power gives 0 unless the base is 1 or -1 and stops
//! the run with a division-by-zero diagnostic for base 0 (MLIR leaves it undefined).
//! `clampf` is `maximumf(minimumf(value, max), min)` (NaN propagates; `min > max`, poison in
//! MLIR, gives `min`). Fast-math flags are ignored.

use super::arith::{maximum, minimum};
use super::util::{arity, float_binary, float_unary, from_raw_bits, int_bits, raw_bits, same_type};
use super::{OpCx, Sem, Table};
use crate::error::{bail, ensure, Result};
use crate::numeric::{mask, sext};
use crate::tensor::Tensor;
use strata_ir::FloatKind;

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, super::ComputeFn)] = &[
        ("math.absf", |_, i| sign_op(i, |bits, sign| bits & !sign)),
        ("math.copysign", copysign),
        ("math.acos", |_, i| fu(i, libm::acos)),
        ("math.acosh", |_, i| fu(i, libm::acosh)),
        ("math.asin", |_, i| fu(i, libm::asin)),
        ("math.asinh", |_, i| fu(i, libm::asinh)),
        ("math.atan", |_, i| fu(i, libm::atan)),
        ("math.atanh", |_, i| fu(i, libm::atanh)),
        ("math.cbrt", |_, i| fu(i, libm::cbrt)),
        ("math.ceil", |_, i| fu(i, libm::ceil)),
        ("math.cos", |_, i| fu(i, libm::cos)),
        ("math.cosh", |_, i| fu(i, libm::cosh)),
        ("math.erf", |_, i| fu(i, libm::erf)),
        ("math.erfc", |_, i| fu(i, libm::erfc)),
        ("math.exp", |_, i| fu(i, libm::exp)),
        ("math.exp2", |_, i| fu(i, libm::exp2)),
        ("math.expm1", |_, i| fu(i, libm::expm1)),
        ("math.floor", |_, i| fu(i, libm::floor)),
        ("math.log", |_, i| fu(i, libm::log)),
        ("math.log10", |_, i| fu(i, libm::log10)),
        ("math.log1p", |_, i| fu(i, libm::log1p)),
        ("math.log2", |_, i| fu(i, libm::log2)),
        ("math.round", |_, i| fu(i, libm::round)),
        ("math.roundeven", |_, i| fu(i, libm::rint)),
        ("math.rsqrt", |_, i| fu(i, |x| 1.0 / libm::sqrt(x))),
        ("math.sin", |_, i| fu(i, libm::sin)),
        ("math.sinh", |_, i| fu(i, libm::sinh)),
        ("math.sqrt", |_, i| fu(i, libm::sqrt)),
        ("math.tan", |_, i| fu(i, libm::tan)),
        ("math.tanh", |_, i| fu(i, libm::tanh)),
        ("math.trunc", |_, i| fu(i, libm::trunc)),
        ("math.atan2", |_, i| fbin(i, libm::atan2)),
        ("math.powf", |_, i| fbin(i, libm::pow)),
        ("math.fma", fma),
        ("math.clampf", clampf),
        ("math.absi", |_, i| {
            iu(i, |w, p| (sext(p, w).wrapping_abs() as u64) & mask(w))
        }),
        ("math.ctlz", |_, i| {
            iu(i, |w, p| (p.leading_zeros() - (64 - w)) as u64)
        }),
        ("math.cttz", |_, i| {
            iu(i, |w, p| {
                if p == 0 {
                    w as u64
                } else {
                    p.trailing_zeros() as u64
                }
            })
        }),
        ("math.ctpop", |_, i| iu(i, |_, p| p.count_ones() as u64)),
        ("math.ipowi", ipowi),
        ("math.fpowi", fpowi),
        ("math.isfinite", |_, i| classify(i, |_, x| x.is_finite())),
        ("math.isinf", |_, i| classify(i, |_, x| x.is_infinite())),
        ("math.isnan", |_, i| classify(i, |_, x| x.is_nan())),
        ("math.isnormal", |_, i| classify(i, is_normal)),
        ("math.sincos", sincos),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

fn fu(ins: &[&Tensor], f: impl Fn(f64) -> f64) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    Ok(vec![float_unary(ins[0], f)?])
}

fn fbin(ins: &[&Tensor], f: impl Fn(f64, f64) -> f64) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    Ok(vec![float_binary(ins[0], ins[1], f)?])
}

fn iu(ins: &[&Tensor], f: impl Fn(u32, u64) -> u64) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    let (x, w) = int_bits(a)?;
    let out: Vec<u64> = x.iter().map(|&p| f(w, p) & mask(w)).collect();
    Ok(vec![from_raw_bits(a.dtype(), a.shape().to_vec(), &out)?])
}

/// The sign bit of a float dtype's encoding.
fn sign_bit(t: &Tensor) -> Result<u64> {
    ensure!(
        t.dtype().is_float(),
        "expected a float operand, got {}",
        t.type_str()
    );
    Ok(1u64 << (t.dtype().bits() - 1))
}

/// An exact operation on the encoding: `f(bits, sign_mask)`.
fn sign_op(ins: &[&Tensor], f: impl Fn(u64, u64) -> u64) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    let s = sign_bit(a)?;
    let out: Vec<u64> = raw_bits(a).into_iter().map(|b| f(b, s)).collect();
    Ok(vec![from_raw_bits(a.dtype(), a.shape().to_vec(), &out)?])
}

fn copysign(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let (a, b) = (ins[0], ins[1]);
    same_type(a, b)?;
    let s = sign_bit(a)?;
    let out: Vec<u64> = raw_bits(a)
        .into_iter()
        .zip(raw_bits(b))
        .map(|(x, y)| (x & !s) | (y & s))
        .collect();
    Ok(vec![from_raw_bits(a.dtype(), a.shape().to_vec(), &out)?])
}

/// `a * b + c` rounded once to `kind`.
fn fma_kind(kind: FloatKind, a: f64, b: f64, c: f64) -> f64 {
    if kind == FloatKind::F64 {
        return libm::fma(a, b, c);
    }
    // The product of two values of at most 24 significant bits is exact in f64.
    let p = a * b;
    let s = p + c;
    if !s.is_finite() {
        return s;
    }
    // TwoSum: s + e == p + c exactly.
    let bp = s - c;
    let ap = s - bp;
    let e = (p - ap) + (c - bp);
    if e == 0.0 || s.to_bits() & 1 == 1 {
        return s;
    }
    // Round to odd: step one ulp toward the exact value, then round once more below.
    let toward_up = e > 0.0;
    let bits = s.to_bits();
    let away_from_zero = (s > 0.0) == toward_up;
    if s == 0.0 {
        if toward_up {
            f64::from_bits(1)
        } else {
            -f64::from_bits(1)
        }
    } else if away_from_zero {
        f64::from_bits(bits + 1)
    } else {
        f64::from_bits(bits - 1)
    }
}

fn fma(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 3)?;
    let (a, b, c) = (ins[0], ins[1], ins[2]);
    same_type(a, b)?;
    same_type(a, c)?;
    let Some(kind) = a.dtype().float_kind() else {
        bail!("expected float operands, got {}", a.type_str());
    };
    let (x, y, z) = (a.to_f64_vec(), b.to_f64_vec(), c.to_f64_vec());
    let v: Vec<f64> = (0..x.len())
        .map(|i| fma_kind(kind, x[i], y[i], z[i]))
        .collect();
    Ok(vec![Tensor::from_f64s(a.dtype(), a.shape().to_vec(), &v)?])
}

fn clampf(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 3)?;
    let (v, lo, hi) = (ins[0], ins[1], ins[2]);
    let t = float_binary(v, hi, minimum)?;
    Ok(vec![float_binary(&t, lo, maximum)?])
}

fn ipowi(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    Ok(vec![super::util::int_binary(
        ins[0],
        ins[1],
        |w, base, power| {
            let m = mask(w);
            let one = 1 & m;
            if power == 0 {
                return Ok(one);
            }
            if sext(power, w) < 0 {
                return match sext(base, w) {
                    0 => Err("division by zero (zero to a negative power)"),
                    1 => Ok(one),
                    -1 => Ok(if power & 1 == 1 { m } else { one }),
                    _ => Ok(0),
                };
            }
            let (mut r, mut b, mut p) = (one, base, power);
            while p != 0 {
                if p & 1 == 1 {
                    r = r.wrapping_mul(b) & m;
                }
                b = b.wrapping_mul(b) & m;
                p >>= 1;
            }
            Ok(r)
        },
    )?])
}

fn fpowi(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let (a, p) = (ins[0], ins[1]);
    ensure!(
        a.shape() == p.shape(),
        "base {} and power {} differ in shape",
        a.type_str(),
        p.type_str()
    );
    let (pb, w) = int_bits(p)?;
    let powers: Vec<f64> = pb.iter().map(|&x| sext(x, w) as f64).collect();
    let base = a.to_f64_vec();
    ensure!(
        a.dtype().is_float(),
        "expected a float base, got {}",
        a.type_str()
    );
    let v: Vec<f64> = base
        .iter()
        .zip(&powers)
        .map(|(&x, &n)| libm::pow(x, n))
        .collect();
    Ok(vec![Tensor::from_f64s(a.dtype(), a.shape().to_vec(), &v)?])
}

fn is_normal(kind: FloatKind, x: f64) -> bool {
    // 2^(1 - bias): 2^-14 for f16, 2^-126 for bf16 and f32, 2^-1022 for f64.
    let min_normal = f64::powi(2.0, 1 - kind.bias());
    x.is_finite() && x.abs() >= min_normal
}

fn classify(ins: &[&Tensor], f: impl Fn(FloatKind, f64) -> bool) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    let Some(kind) = a.dtype().float_kind() else {
        bail!("expected a float operand, got {}", a.type_str());
    };
    let v: Vec<bool> = a.to_f64_vec().into_iter().map(|x| f(kind, x)).collect();
    Ok(vec![Tensor::from_vec(a.shape().to_vec(), v)?])
}

fn sincos(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    Ok(vec![
        float_unary(ins[0], libm::sin)?,
        float_unary(ins[0], libm::cos)?,
    ])
}
