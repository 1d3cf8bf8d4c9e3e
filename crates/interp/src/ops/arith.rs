//! Semantics of the `arith` dialect, on scalars and element-wise on vectors and tensors.
//!
//! Integers are bit patterns of their width; each op reads them signed or unsigned as MLIR
//! says. The interpreter never produces poison; where MLIR leaves a result poison or
//! undefined it does this instead (documented, and a legal refinement of poison):
//!
//! * `nsw`/`nuw` overflow flags and `exact` are ignored: results wrap modulo 2^N;
//! * shifts by at least the bit width give 0 (`shli`, `shrui`) or the sign fill (`shrsi`);
//! * `fptosi`/`fptoui` of values outside the target range saturate and NaN gives 0 (LLVM's
//!   `fptosi.sat` rules), after truncation toward zero;
//! * division or remainder by zero, and signed division overflow (`MIN / -1` in `divsi`,
//!   `ceildivsi`, `floordivsi`), are undefined behaviour in MLIR: they stop the run with a
//!   diagnostic naming the element. `remsi` of `MIN % -1` is 0 (the mathematical result).
//! * `ceildivsi`/`floordivsi` round the exact quotient (no intermediate overflow);
//! * fast-math flags are ignored: results are the IEEE results, which every flag allows;
//! * `maxnumf`/`minnumf` of `+0` and `-0` give `+0`/`-0` (LLVM allows either);
//! * NaN results are quiet NaNs with unspecified payload.
//!
//! Float ops compute in `f64` and round once to the element type, which equals the IEEE
//! operation in the element type for `+ - * /` and `remf` (exact in f64).

use super::util::{arity, from_raw_bits, int_binary, int_bits, raw_bits, same_type};
use super::{OpCx, Sem, Table};
use crate::error::{bail, ensure, Result};
use crate::ir::tensor_from_attr;
use crate::numeric::{
    f64_to_sint_sat, f64_to_uint_sat, int_to_kind, mask, round_with_mode, sext, smin, Rounding,
};
use crate::tensor::{Data, Tensor};
use strata_dialect_arith::{CmpFPredicate, CmpIPredicate, RoundingMode};

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, super::ComputeFn)] = &[
        ("arith.constant", constant),
        ("arith.addi", |_, i| {
            ib(i, |w, a, b| Ok(a.wrapping_add(b) & mask(w)))
        }),
        ("arith.subi", |_, i| {
            ib(i, |w, a, b| Ok(a.wrapping_sub(b) & mask(w)))
        }),
        ("arith.muli", |_, i| {
            ib(i, |w, a, b| Ok(a.wrapping_mul(b) & mask(w)))
        }),
        ("arith.divui", |_, i| ib(i, divui)),
        ("arith.divsi", |_, i| ib(i, divsi)),
        ("arith.ceildivui", |_, i| ib(i, ceildivui)),
        ("arith.ceildivsi", |_, i| ib(i, ceildivsi)),
        ("arith.floordivsi", |_, i| ib(i, floordivsi)),
        ("arith.remui", |_, i| ib(i, remui)),
        ("arith.remsi", |_, i| ib(i, remsi)),
        ("arith.andi", |_, i| ib(i, |_, a, b| Ok(a & b))),
        ("arith.ori", |_, i| ib(i, |_, a, b| Ok(a | b))),
        ("arith.xori", |_, i| ib(i, |_, a, b| Ok(a ^ b))),
        ("arith.shli", |_, i| ib(i, shli)),
        ("arith.shrui", |_, i| ib(i, shrui)),
        ("arith.shrsi", |_, i| ib(i, shrsi)),
        ("arith.maxsi", |_, i| {
            ib(i, |w, a, b| {
                Ok(if sext(a, w) >= sext(b, w) { a } else { b })
            })
        }),
        ("arith.minsi", |_, i| {
            ib(i, |w, a, b| {
                Ok(if sext(a, w) <= sext(b, w) { a } else { b })
            })
        }),
        ("arith.maxui", |_, i| ib(i, |_, a, b| Ok(a.max(b)))),
        ("arith.minui", |_, i| ib(i, |_, a, b| Ok(a.min(b)))),
        ("arith.addui_extended", addui_extended),
        ("arith.mulsi_extended", |_, i| mul_extended(i, true)),
        ("arith.mului_extended", |_, i| mul_extended(i, false)),
        ("arith.addf", |_, i| fb(i, |a, b| a + b)),
        ("arith.subf", |_, i| fb(i, |a, b| a - b)),
        ("arith.mulf", |_, i| fb(i, |a, b| a * b)),
        ("arith.divf", |_, i| fb(i, |a, b| a / b)),
        ("arith.remf", |_, i| fb(i, |a, b| a % b)),
        ("arith.maximumf", |_, i| fb(i, maximum)),
        ("arith.minimumf", |_, i| fb(i, minimum)),
        ("arith.maxnumf", |_, i| fb(i, maxnum)),
        ("arith.minnumf", |_, i| fb(i, minnum)),
        ("arith.negf", negf),
        ("arith.cmpi", cmpi),
        ("arith.cmpf", cmpf),
        ("arith.select", select),
        ("arith.extui", |cx, i| int_cast(cx, i, false)),
        ("arith.extsi", |cx, i| int_cast(cx, i, true)),
        ("arith.trunci", |cx, i| int_cast(cx, i, false)),
        ("arith.index_cast", |cx, i| int_cast(cx, i, true)),
        ("arith.index_castui", |cx, i| int_cast(cx, i, false)),
        ("arith.extf", |cx, i| {
            float_cast(cx, i, Rounding::NearestEven)
        }),
        ("arith.truncf", truncf),
        ("arith.uitofp", |cx, i| int_to_float(cx, i, false)),
        ("arith.sitofp", |cx, i| int_to_float(cx, i, true)),
        ("arith.fptoui", |cx, i| float_to_int(cx, i, false)),
        ("arith.fptosi", |cx, i| float_to_int(cx, i, true)),
        ("arith.bitcast", bitcast),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

type IntResult = std::result::Result<u64, &'static str>;

/// Integer binary op on two operands of the same type.
fn ib(ins: &[&Tensor], f: impl Fn(u32, u64, u64) -> IntResult) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    Ok(vec![int_binary(ins[0], ins[1], f)?])
}

/// Float binary op on two operands of the same type.
fn fb(ins: &[&Tensor], f: impl Fn(f64, f64) -> f64) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    Ok(vec![super::util::float_binary(ins[0], ins[1], f)?])
}

const DIV_ZERO: &str = "division by zero";
const DIV_OVERFLOW: &str = "signed division overflow";

fn signed_operands(w: u32, a: u64, b: u64) -> std::result::Result<(i64, i64), &'static str> {
    let (x, y) = (sext(a, w), sext(b, w));
    if y == 0 {
        return Err(DIV_ZERO);
    }
    if x == smin(w) && y == -1 {
        return Err(DIV_OVERFLOW);
    }
    Ok((x, y))
}

fn divui(_: u32, a: u64, b: u64) -> IntResult {
    a.checked_div(b).ok_or(DIV_ZERO)
}

fn divsi(w: u32, a: u64, b: u64) -> IntResult {
    let (x, y) = signed_operands(w, a, b)?;
    Ok((x / y) as u64 & mask(w))
}

fn ceildivui(_: u32, a: u64, b: u64) -> IntResult {
    let q = a.checked_div(b).ok_or(DIV_ZERO)?;
    Ok(if !a.is_multiple_of(b) { q + 1 } else { q })
}

fn ceildivsi(w: u32, a: u64, b: u64) -> IntResult {
    let (x, y) = signed_operands(w, a, b)?;
    let q = x / y;
    let q = if x % y != 0 && ((x > 0) == (y > 0)) {
        q + 1
    } else {
        q
    };
    Ok(q as u64 & mask(w))
}

fn floordivsi(w: u32, a: u64, b: u64) -> IntResult {
    let (x, y) = signed_operands(w, a, b)?;
    let q = x / y;
    let q = if x % y != 0 && ((x < 0) != (y < 0)) {
        q - 1
    } else {
        q
    };
    Ok(q as u64 & mask(w))
}

fn remui(_: u32, a: u64, b: u64) -> IntResult {
    a.checked_rem(b).ok_or(DIV_ZERO)
}

fn remsi(w: u32, a: u64, b: u64) -> IntResult {
    let (x, y) = (sext(a, w), sext(b, w));
    if y == 0 {
        return Err(DIV_ZERO);
    }
    Ok(x.wrapping_rem(y) as u64 & mask(w))
}

fn shli(w: u32, a: u64, b: u64) -> IntResult {
    Ok(if b >= w as u64 { 0 } else { (a << b) & mask(w) })
}

fn shrui(w: u32, a: u64, b: u64) -> IntResult {
    Ok(if b >= w as u64 { 0 } else { a >> b })
}

fn shrsi(w: u32, a: u64, b: u64) -> IntResult {
    let x = sext(a, w);
    let s = b.min(w as u64 - 1);
    Ok((x >> s) as u64 & mask(w))
}

fn addui_extended(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let (a, b) = (ins[0], ins[1]);
    same_type(a, b)?;
    let (x, w) = int_bits(a)?;
    let (y, _) = int_bits(b)?;
    let sum: Vec<u64> = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| p.wrapping_add(q) & mask(w))
        .collect();
    let ovf: Vec<bool> = x
        .iter()
        .zip(&y)
        .map(|(&p, &q)| p as u128 + q as u128 > mask(w) as u128)
        .collect();
    Ok(vec![
        from_raw_bits(a.dtype(), a.shape().to_vec(), &sum)?,
        Tensor::from_vec(a.shape().to_vec(), ovf)?,
    ])
}

fn mul_extended(ins: &[&Tensor], signed: bool) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let (a, b) = (ins[0], ins[1]);
    same_type(a, b)?;
    let (x, w) = int_bits(a)?;
    let (y, _) = int_bits(b)?;
    let wide = |p: u64| -> i128 {
        if signed {
            sext(p, w) as i128
        } else {
            p as i128
        }
    };
    let mut lo = Vec::with_capacity(x.len());
    let mut hi = Vec::with_capacity(x.len());
    for (&p, &q) in x.iter().zip(&y) {
        // |product| < 2^128 for w <= 64 except (-2^63)^2 = 2^126: fits i128.
        let prod = wide(p).wrapping_mul(wide(q));
        lo.push(prod as u64 & mask(w));
        hi.push((prod >> w) as u64 & mask(w));
    }
    Ok(vec![
        from_raw_bits(a.dtype(), a.shape().to_vec(), &lo)?,
        from_raw_bits(a.dtype(), a.shape().to_vec(), &hi)?,
    ])
}

/// `maximumf`: NaN if either is NaN; `-0 < +0`.
pub(crate) fn maximum(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == 0.0 && b == 0.0 {
        return if a.is_sign_negative() && b.is_sign_negative() {
            -0.0
        } else {
            0.0
        };
    }
    a.max(b)
}

/// `minimumf`: NaN if either is NaN; `-0 < +0`.
pub(crate) fn minimum(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        return f64::NAN;
    }
    if a == 0.0 && b == 0.0 {
        return if a.is_sign_negative() || b.is_sign_negative() {
            -0.0
        } else {
            0.0
        };
    }
    a.min(b)
}

/// `maxnumf`: the other operand when one is NaN.
fn maxnum(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        return b;
    }
    if b.is_nan() {
        return a;
    }
    maximum(a, b)
}

/// `minnumf`: the other operand when one is NaN.
fn minnum(a: f64, b: f64) -> f64 {
    if a.is_nan() {
        return b;
    }
    if b.is_nan() {
        return a;
    }
    minimum(a, b)
}

/// `negf` flips the sign bit (exactly, NaN included).
fn negf(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    let data = match a.data() {
        Data::F16(v) => Data::F16(v.iter().map(|&x| -x).collect()),
        Data::BF16(v) => Data::BF16(v.iter().map(|&x| -x).collect()),
        Data::F32(v) => Data::F32(v.iter().map(|&x| -x).collect()),
        Data::F64(v) => Data::F64(v.iter().map(|&x| -x).collect()),
        _ => bail!("expected a float operand, got {}", a.type_str()),
    };
    Ok(vec![Tensor::new(a.dtype(), a.shape().to_vec(), data)?])
}

fn constant(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 0)?;
    let Some(value) = cx.attr("value") else {
        bail!("requires a 'value' attribute");
    };
    let t = tensor_from_attr(cx.ctx, value, cx.max_elements)?;
    Ok(vec![t])
}

fn cmpi(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 2)?;
    let Some(p) = cx
        .attr("predicate")
        .and_then(|a| CmpIPredicate::from_attr(cx.ctx, a))
    else {
        bail!("requires a valid 'predicate' attribute");
    };
    let (a, b) = (ins[0], ins[1]);
    same_type(a, b)?;
    let (x, w) = int_bits(a)?;
    let (y, _) = int_bits(b)?;
    let s = |v: u64| sext(v, w);
    let out: Vec<bool> = x
        .iter()
        .zip(&y)
        .map(|(&p_, &q)| match p {
            CmpIPredicate::Eq => p_ == q,
            CmpIPredicate::Ne => p_ != q,
            CmpIPredicate::Slt => s(p_) < s(q),
            CmpIPredicate::Sle => s(p_) <= s(q),
            CmpIPredicate::Sgt => s(p_) > s(q),
            CmpIPredicate::Sge => s(p_) >= s(q),
            CmpIPredicate::Ult => p_ < q,
            CmpIPredicate::Ule => p_ <= q,
            CmpIPredicate::Ugt => p_ > q,
            CmpIPredicate::Uge => p_ >= q,
        })
        .collect();
    Ok(vec![Tensor::from_vec(a.shape().to_vec(), out)?])
}

fn cmpf(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    use std::cmp::Ordering::*;
    arity(ins, 2)?;
    let Some(p) = cx
        .attr("predicate")
        .and_then(|a| CmpFPredicate::from_attr(cx.ctx, a))
    else {
        bail!("requires a valid 'predicate' attribute");
    };
    let (a, b) = (ins[0], ins[1]);
    same_type(a, b)?;
    ensure!(
        a.dtype().is_float(),
        "expected float operands, got {}",
        a.type_str()
    );
    let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
    let out: Vec<bool> = x
        .iter()
        .zip(&y)
        .map(|(p_, q)| {
            let o = p_.partial_cmp(q);
            match p {
                CmpFPredicate::AlwaysFalse => false,
                CmpFPredicate::Oeq => o == Some(Equal),
                CmpFPredicate::Ogt => o == Some(Greater),
                CmpFPredicate::Oge => matches!(o, Some(Greater | Equal)),
                CmpFPredicate::Olt => o == Some(Less),
                CmpFPredicate::Ole => matches!(o, Some(Less | Equal)),
                CmpFPredicate::One => matches!(o, Some(Less | Greater)),
                CmpFPredicate::Ord => o.is_some(),
                CmpFPredicate::Ueq => matches!(o, None | Some(Equal)),
                CmpFPredicate::Ugt => matches!(o, None | Some(Greater)),
                CmpFPredicate::Uge => matches!(o, None | Some(Greater | Equal)),
                CmpFPredicate::Ult => matches!(o, None | Some(Less)),
                CmpFPredicate::Ule => matches!(o, None | Some(Less | Equal)),
                CmpFPredicate::Une => o != Some(Equal),
                CmpFPredicate::Uno => o.is_none(),
                CmpFPredicate::AlwaysTrue => true,
            }
        })
        .collect();
    Ok(vec![Tensor::from_vec(a.shape().to_vec(), out)?])
}

fn select(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 3)?;
    let (c, t, f) = (ins[0], ins[1], ins[2]);
    same_type(t, f)?;
    let Some(cv) = c.as_slice::<bool>() else {
        bail!("condition must be i1, got {}", c.type_str());
    };
    if c.rank() == 0 {
        return Ok(vec![if cv[0] { t.clone() } else { f.clone() }]);
    }
    ensure!(
        c.shape() == t.shape(),
        "condition of shape {} does not match values {}",
        c.type_str(),
        t.type_str()
    );
    let (tb, fb) = (raw_bits(t), raw_bits(f));
    let out: Vec<u64> = cv
        .iter()
        .zip(tb.iter().zip(&fb))
        .map(|(&k, (&x, &y))| if k { x } else { y })
        .collect();
    Ok(vec![from_raw_bits(t.dtype(), t.shape().to_vec(), &out)?])
}

/// `extui`/`extsi`/`trunci`/`index_cast`/`index_castui`: sign- or zero-extend from the
/// source width, then keep the low bits of the target width.
fn int_cast(cx: &OpCx<'_>, ins: &[&Tensor], signed: bool) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let to = cx.result_dtype(0)?;
    ensure!(to.is_int(), "result must be an integer type");
    let (x, w) = int_bits(ins[0])?;
    let out: Vec<u64> = if signed {
        x.iter().map(|&p| sext(p, w) as u64).collect()
    } else {
        x
    };
    Ok(vec![from_raw_bits(to, ins[0].shape().to_vec(), &out)?])
}

/// Float to float conversion rounding with `mode` (exact when widening).
fn float_cast(cx: &OpCx<'_>, ins: &[&Tensor], mode: Rounding) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    ensure!(
        a.dtype().is_float(),
        "expected a float operand, got {}",
        a.type_str()
    );
    let to = cx.result_dtype(0)?;
    let Some(kind) = to.float_kind() else {
        bail!("result must be a float type");
    };
    let v: Vec<f64> = a
        .to_f64_vec()
        .into_iter()
        .map(|x| round_with_mode(kind, x, mode))
        .collect();
    Ok(vec![Tensor::from_f64s(to, a.shape().to_vec(), &v)?])
}

fn truncf(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let mode = match cx.attr("roundingmode") {
        None => Rounding::NearestEven,
        Some(a) => match RoundingMode::from_attr(cx.ctx, a) {
            Some(RoundingMode::ToNearestEven) => Rounding::NearestEven,
            Some(RoundingMode::Downward) => Rounding::Downward,
            Some(RoundingMode::Upward) => Rounding::Upward,
            Some(RoundingMode::TowardZero) => Rounding::TowardZero,
            Some(RoundingMode::ToNearestAway) => Rounding::NearestAway,
            None => bail!("has an invalid 'roundingmode' attribute"),
        },
    };
    float_cast(cx, ins, mode)
}

fn int_to_float(cx: &OpCx<'_>, ins: &[&Tensor], signed: bool) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let to = cx.result_dtype(0)?;
    let Some(kind) = to.float_kind() else {
        bail!("result must be a float type");
    };
    let (x, w) = int_bits(ins[0])?;
    let v: Vec<f64> = x
        .iter()
        .map(|&p| {
            let i = if signed {
                sext(p, w) as i128
            } else {
                p as i128
            };
            int_to_kind(kind, i)
        })
        .collect();
    Ok(vec![Tensor::from_f64s(to, ins[0].shape().to_vec(), &v)?])
}

fn float_to_int(cx: &OpCx<'_>, ins: &[&Tensor], signed: bool) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    ensure!(
        a.dtype().is_float(),
        "expected a float operand, got {}",
        a.type_str()
    );
    let to = cx.result_dtype(0)?;
    ensure!(to.is_int(), "result must be an integer type");
    let w = to.bits();
    let out: Vec<u64> = a
        .to_f64_vec()
        .into_iter()
        .map(|x| {
            if signed {
                f64_to_sint_sat(x, w)
            } else {
                f64_to_uint_sat(x, w)
            }
        })
        .collect();
    Ok(vec![from_raw_bits(to, a.shape().to_vec(), &out)?])
}

fn bitcast(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    arity(ins, 1)?;
    let a = ins[0];
    let to = cx.result_dtype(0)?;
    ensure!(
        to.bits() == a.dtype().bits(),
        "cannot bitcast {} to {to}: widths differ",
        a.dtype()
    );
    Ok(vec![from_raw_bits(to, a.shape().to_vec(), &raw_bits(a))?])
}
