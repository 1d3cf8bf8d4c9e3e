//! Element-wise graph ops: the broadcasting binary ops (arithmetic, `pow`, `mod`, `max`/`min`,
//! logic, comparisons), `where`, the unary ops and activations, `clip` and `cast`.
//!
//! Integer division by zero and `pow` with a negative integer exponent are undefined in
//! ONNX; they stop the run with a diagnostic naming the element.

use super::{broadcast, broadcast_offsets, from_int_values, int_values, operands, Cx};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::numeric::{int_to_kind, round_to_kind};
use crate::ops::arith::{maximum, minimum};
use crate::ops::util::{float_unary, from_raw_bits, raw_bits};
use crate::ops::{Sem, Table};
use crate::tensor::Tensor;

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, crate::ops::ComputeFn)] = &[
        ("graph.add", |cx, i| {
            arith(cx, i, |a, b| a + b, |a, b| Ok(a.wrapping_add(b)))
        }),
        ("graph.sub", |cx, i| {
            arith(cx, i, |a, b| a - b, |a, b| Ok(a.wrapping_sub(b)))
        }),
        ("graph.mul", |cx, i| {
            arith(cx, i, |a, b| a * b, |a, b| Ok(a.wrapping_mul(b)))
        }),
        ("graph.div", |cx, i| arith(cx, i, |a, b| a / b, int_div)),
        ("graph.max", |cx, i| {
            arith(cx, i, maximum, |a, b| Ok(a.max(b)))
        }),
        ("graph.min", |cx, i| {
            arith(cx, i, minimum, |a, b| Ok(a.min(b)))
        }),
        ("graph.pow", pow),
        ("graph.bit_shift", bit_shift),
        ("graph.mod", |cx, i| {
            if cx.int_or("fmod", 0)? != 0 {
                arith(cx, i, libm::fmod, int_fmod)
            } else {
                arith(cx, i, float_mod, int_mod)
            }
        }),
        ("graph.and", |cx, i| logic(cx, i, |a, b| a & b)),
        ("graph.or", |cx, i| logic(cx, i, |a, b| a | b)),
        ("graph.xor", |cx, i| logic(cx, i, |a, b| a ^ b)),
        ("graph.less", |cx, i| {
            compare(cx, i, false, |o| o == Some(std::cmp::Ordering::Less))
        }),
        ("graph.less_equal", |cx, i| {
            compare(cx, i, false, |o| {
                matches!(
                    o,
                    Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                )
            })
        }),
        ("graph.greater", |cx, i| {
            compare(cx, i, false, |o| o == Some(std::cmp::Ordering::Greater))
        }),
        ("graph.greater_equal", |cx, i| {
            compare(cx, i, false, |o| {
                matches!(
                    o,
                    Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
                )
            })
        }),
        ("graph.where", where_),
        ("graph.neg", |_, i| sign_or_int(i, true)),
        ("graph.abs", |_, i| sign_or_int(i, false)),
        ("graph.exp", |_, i| float1(i, libm::exp)),
        ("graph.log", |_, i| float1(i, libm::log)),
        ("graph.sqrt", |_, i| float1(i, libm::sqrt)),
        ("graph.reciprocal", |_, i| float1(i, |x| 1.0 / x)),
        ("graph.erf", |_, i| float1(i, libm::erf)),
        ("graph.tanh", |_, i| float1(i, libm::tanh)),
        ("graph.sigmoid", |_, i| {
            float1(i, |x| 1.0 / (1.0 + libm::exp(-x)))
        }),
        ("graph.sin", |_, i| float1(i, libm::sin)),
        ("graph.cos", |_, i| float1(i, libm::cos)),
        ("graph.asin", |_, i| float1(i, libm::asin)),
        ("graph.acos", |_, i| float1(i, libm::acos)),
        ("graph.atan", |_, i| float1(i, libm::atan)),
        ("graph.floor", |_, i| float1(i, libm::floor)),
        ("graph.ceil", |_, i| float1(i, libm::ceil)),
        ("graph.round", |_, i| float1(i, libm::rint)),
        ("graph.relu", relu),
        ("graph.leaky_relu", |cx, i| {
            let alpha = cx.float_or("alpha", 0.01f32 as f64)?;
            float1(i, move |x| if x < 0.0 { alpha * x } else { x })
        }),
        ("graph.elu", |cx, i| {
            let alpha = cx.float_or("alpha", 1.0)?;
            float1(i, move |x| if x < 0.0 { alpha * libm::expm1(x) } else { x })
        }),
        ("graph.prelu", prelu),
        ("graph.gelu", gelu),
        ("graph.hard_sigmoid", |cx, i| {
            let alpha = cx.float_or("alpha", 0.2f32 as f64)?;
            let beta = cx.float_or("beta", 0.5)?;
            float1(i, move |x| maximum(0.0, minimum(1.0, alpha * x + beta)))
        }),
        ("graph.hard_swish", |_, i| {
            float1(i, |x| x * maximum(0.0, minimum(1.0, x / 6.0 + 0.5)))
        }),
        ("graph.clip", clip),
        ("graph.not", not),
        ("graph.sign", sign),
        ("graph.cast", cast),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

type IntOp = fn(i128, i128) -> std::result::Result<i128, &'static str>;

/// Remainder with the sign of the dividend (`fmod = 1`).
fn int_fmod(a: i128, b: i128) -> std::result::Result<i128, &'static str> {
    if b == 0 {
        Err("integer remainder by zero")
    } else {
        Ok(a % b)
    }
}

/// Float remainder with the sign of the divisor (`fmod = 0`, numpy's `mod`).
fn float_mod(a: f64, b: f64) -> f64 {
    let r = libm::fmod(a, b);
    if r != 0.0 && (r < 0.0) != (b < 0.0) {
        r + b
    } else {
        r
    }
}

/// Remainder with the sign of the divisor (`fmod = 0`, Python's `%`).
fn int_mod(a: i128, b: i128) -> std::result::Result<i128, &'static str> {
    let r = int_fmod(a, b)?;
    Ok(if r != 0 && (r < 0) != (b < 0) {
        r + b
    } else {
        r
    })
}

fn int_div(a: i128, b: i128) -> std::result::Result<i128, &'static str> {
    if b == 0 {
        Err("integer division by zero")
    } else {
        Ok(a / b)
    }
}

/// `f(a[ia], b[ib])` over the broadcast shape of `a` and `b`.
fn zip_bcast<A: Copy, B: Copy, R>(
    cx: &Cx<'_>,
    a: (&[A], &[usize]),
    b: (&[B], &[usize]),
    out: &[usize],
    mut f: impl FnMut(usize, A, B) -> Result<R>,
) -> Result<Vec<R>> {
    let n = cx.numel(out)?;
    let mut r = Vec::with_capacity(n);
    if a.1 == out && b.1 == out {
        for i in 0..n {
            r.push(f(i, a.0[i], b.0[i])?);
        }
        return Ok(r);
    }
    let ia = broadcast_offsets(a.1, out, cx.max_elements)?;
    let ib = broadcast_offsets(b.1, out, cx.max_elements)?;
    for i in 0..n {
        r.push(f(i, a.0[ia[i]], b.0[ib[i]])?);
    }
    Ok(r)
}

/// The add/sub/mul/div/max/min family.
fn arith(
    cx: &Cx<'_>,
    ins: &[&Tensor],
    fop: fn(f64, f64) -> f64,
    iop: IntOp,
) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    ensure!(
        a.dtype() == b.dtype(),
        "operands have different element types: {} and {}",
        a.dtype(),
        b.dtype()
    );
    let out = broadcast(&[a.shape(), b.shape()])?;
    let dt = a.dtype();
    ensure!(
        dt != DType::Bool,
        "expected numeric operands, got {}",
        a.type_str()
    );
    if dt.is_float() {
        let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
        let v = zip_bcast(cx, (&x, a.shape()), (&y, b.shape()), &out, |_, p, q| {
            Ok(fop(p, q))
        })?;
        Ok(vec![Tensor::from_f64s(dt, out, &v)?])
    } else {
        let (x, y) = (int_values(a)?, int_values(b)?);
        let v = zip_bcast(cx, (&x, a.shape()), (&y, b.shape()), &out, |i, p, q| {
            iop(p, q).map_err(|why| format!("{why} (result element {i})").into())
        })?;
        Ok(vec![from_int_values(dt, out, &v)?])
    }
}

fn bit_shift(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    let dt = a.dtype();
    ensure!(
        dt == b.dtype() && dt.is_int() && dt != DType::Bool,
        "expected integer operands of one type, got {} and {}",
        a.type_str(),
        b.type_str()
    );
    let left = match cx.string("direction")?.as_deref() {
        None | Some("LEFT") => true,
        Some("RIGHT") => false,
        Some(d) => bail!("unknown direction \"{d}\""),
    };
    let width = i128::from(dt.bits());
    let out = broadcast(&[a.shape(), b.shape()])?;
    let (x, y) = (int_values(a)?, int_values(b)?);
    let v = zip_bcast(cx, (&x, a.shape()), (&y, b.shape()), &out, |_, p, q| {
        Ok(match (left, (0..width).contains(&q)) {
            (true, true) => p.wrapping_shl(q as u32),
            (true, false) => 0,
            (false, true) => p >> q,
            (false, false) => i128::from(p < 0).wrapping_neg(),
        })
    })?;
    Ok(vec![from_int_values(dt, out, &v)?])
}

fn pow(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    let out = broadcast(&[a.shape(), b.shape()])?;
    let dt = a.dtype();
    ensure!(
        dt != DType::Bool && b.dtype() != DType::Bool,
        "expected numeric operands"
    );
    if let Some(kind) = dt.float_kind() {
        // The exponent is first converted to the base's precision.
        let e: Vec<f64> = if b.dtype().is_float() {
            b.to_f64_vec()
                .into_iter()
                .map(|x| round_to_kind(kind, x))
                .collect()
        } else {
            int_values(b)?
                .into_iter()
                .map(|x| int_to_kind(kind, x))
                .collect()
        };
        let x = a.to_f64_vec();
        let v = zip_bcast(cx, (&x, a.shape()), (&e, b.shape()), &out, |_, p, q| {
            Ok(libm::pow(p, q))
        })?;
        return Ok(vec![Tensor::from_f64s(dt, out, &v)?]);
    }
    let x = int_values(a)?;
    if b.dtype().is_float() {
        let e = b.to_f64_vec();
        let v = zip_bcast(cx, (&x, a.shape()), (&e, b.shape()), &out, |_, p, q| {
            Ok(libm::pow(p as f64, q))
        })?;
        // Truncation toward zero with the cast's saturation rules.
        return Ok(vec![Tensor::from_f64s(DType::F64, out, &v)?.cast(dt)?]);
    }
    let e = int_values(b)?;
    let v = zip_bcast(cx, (&x, a.shape()), (&e, b.shape()), &out, |i, p, q| {
        ensure!(q >= 0, "negative integer exponent {q} (result element {i})");
        let (mut r, mut base, mut k) = (1i128, p, q as u128);
        while k != 0 {
            if k & 1 == 1 {
                r = r.wrapping_mul(base);
            }
            base = base.wrapping_mul(base);
            k >>= 1;
        }
        Ok(r)
    })?;
    Ok(vec![from_int_values(dt, out, &v)?])
}

fn logic(cx: &Cx<'_>, ins: &[&Tensor], f: fn(bool, bool) -> bool) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    let (Some(x), Some(y)) = (a.as_slice::<bool>(), b.as_slice::<bool>()) else {
        bail!(
            "expected i1 operands, got {} and {}",
            a.type_str(),
            b.type_str()
        );
    };
    let out = broadcast(&[a.shape(), b.shape()])?;
    let v = zip_bcast(cx, (x, a.shape()), (y, b.shape()), &out, |_, p, q| {
        Ok(f(p, q))
    })?;
    Ok(vec![Tensor::from_vec(out, v)?])
}

fn compare(
    cx: &Cx<'_>,
    ins: &[&Tensor],
    allow_bool: bool,
    f: fn(Option<std::cmp::Ordering>) -> bool,
) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    ensure!(
        a.dtype() == b.dtype(),
        "operands have different element types: {} and {}",
        a.dtype(),
        b.dtype()
    );
    ensure!(
        allow_bool || a.dtype() != DType::Bool,
        "expected numeric operands, got {}",
        a.type_str()
    );
    let out = broadcast(&[a.shape(), b.shape()])?;
    let v = if a.dtype().is_float() {
        let (x, y) = (a.to_f64_vec(), b.to_f64_vec());
        zip_bcast(cx, (&x, a.shape()), (&y, b.shape()), &out, |_, p, q| {
            Ok(f(p.partial_cmp(&q)))
        })?
    } else {
        let (x, y) = (int_values(a)?, int_values(b)?);
        zip_bcast(cx, (&x, a.shape()), (&y, b.shape()), &out, |_, p, q| {
            Ok(f(p.partial_cmp(&q)))
        })?
    };
    Ok(vec![Tensor::from_vec(out, v)?])
}

fn where_(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 3, 3)?;
    let (c, x, y) = (ins[0], ins[1], ins[2]);
    let Some(cv) = c.as_slice::<bool>() else {
        bail!("condition must be i1, got {}", c.type_str());
    };
    ensure!(
        x.dtype() == y.dtype(),
        "values have different element types: {} and {}",
        x.dtype(),
        y.dtype()
    );
    let out = broadcast(&[c.shape(), x.shape(), y.shape()])?;
    let n = cx.numel(&out)?;
    let ic = broadcast_offsets(c.shape(), &out, cx.max_elements)?;
    let ix = broadcast_offsets(x.shape(), &out, cx.max_elements)?;
    let iy = broadcast_offsets(y.shape(), &out, cx.max_elements)?;
    let (xb, yb) = (raw_bits(x), raw_bits(y));
    let bits: Vec<u64> = (0..n)
        .map(|i| if cv[ic[i]] { xb[ix[i]] } else { yb[iy[i]] })
        .collect();
    Ok(vec![from_raw_bits(x.dtype(), out, &bits)?])
}

fn float1(ins: &[&Tensor], f: impl Fn(f64) -> f64) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    Ok(vec![float_unary(ins[0], f)?])
}

/// `neg` (`negate`) or `abs`: exact sign-bit operations on floats, wrapping on integers.
fn sign_or_int(ins: &[&Tensor], negate: bool) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let a = ins[0];
    let dt = a.dtype();
    if dt.is_float() {
        let s = 1u64 << (dt.bits() - 1);
        let bits: Vec<u64> = raw_bits(a)
            .into_iter()
            .map(|b| if negate { b ^ s } else { b & !s })
            .collect();
        return Ok(vec![from_raw_bits(dt, a.shape().to_vec(), &bits)?]);
    }
    ensure!(
        dt != DType::Bool,
        "expected a numeric operand, got {}",
        a.type_str()
    );
    let v: Vec<i128> = int_values(a)?
        .into_iter()
        .map(|x| if negate { -x } else { x.abs() })
        .collect();
    Ok(vec![from_int_values(dt, a.shape().to_vec(), &v)?])
}

fn relu(_: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let a = ins[0];
    if a.dtype().is_float() {
        return float1(ins, |x| if x.is_nan() || x > 0.0 { x } else { 0.0 });
    }
    let v: Vec<i128> = int_values(a)?.into_iter().map(|x| x.max(0)).collect();
    Ok(vec![from_int_values(a.dtype(), a.shape().to_vec(), &v)?])
}

fn prelu(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (x, s) = (ins[0], ins[1]);
    ensure!(
        x.dtype() == s.dtype(),
        "slope element type {} differs from the input's {}",
        s.dtype(),
        x.dtype()
    );
    let out = x.shape().to_vec();
    let is = broadcast_offsets(s.shape(), &out, cx.max_elements)?;
    if x.dtype().is_float() {
        let (xv, sv) = (x.to_f64_vec(), s.to_f64_vec());
        let v: Vec<f64> = xv
            .iter()
            .enumerate()
            .map(|(i, &p)| if p < 0.0 { sv[is[i]] * p } else { p })
            .collect();
        return Ok(vec![Tensor::from_f64s(x.dtype(), out, &v)?]);
    }
    let (xv, sv) = (int_values(x)?, int_values(s)?);
    let v: Vec<i128> = xv
        .iter()
        .enumerate()
        .map(|(i, &p)| if p < 0 { sv[is[i]].wrapping_mul(p) } else { p })
        .collect();
    Ok(vec![from_int_values(x.dtype(), out, &v)?])
}

fn gelu(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let approx = cx.string("approximate")?.unwrap_or_else(|| "none".into());
    match approx.as_str() {
        "none" => float1(ins, |x| {
            0.5 * x * (1.0 + libm::erf(x / std::f64::consts::SQRT_2))
        }),
        "tanh" => float1(ins, |x| {
            let k = (2.0 / std::f64::consts::PI).sqrt();
            0.5 * x * (1.0 + libm::tanh(k * (x + 0.044715 * x * x * x)))
        }),
        other => bail!("unknown approximation '{other}'"),
    }
}

fn clip(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let a = ins[0];
    let dt = a.dtype();
    if dt.is_float() {
        let lo = cx.float("min")?;
        let hi = cx.float("max")?;
        let (lo, hi) = (
            lo.map(|v| round_to_kind(dt.float_kind().unwrap_or(strata_ir::FloatKind::F64), v)),
            hi.map(|v| round_to_kind(dt.float_kind().unwrap_or(strata_ir::FloatKind::F64), v)),
        );
        return float1(ins, move |x| {
            let y = lo.map_or(x, |l| maximum(x, l));
            hi.map_or(y, |h| minimum(y, h))
        });
    }
    ensure!(
        dt != DType::Bool,
        "expected a numeric operand, got {}",
        a.type_str()
    );
    // Integer bounds are truncated to the element width.
    let wrap = |v: i64| -> Result<i128> {
        Ok(int_values(&from_int_values(dt, vec![], &[v as i128])?)?[0])
    };
    let lo = cx.int("min")?.map(wrap).transpose()?;
    let hi = cx.int("max")?.map(wrap).transpose()?;
    let v: Vec<i128> = int_values(a)?
        .into_iter()
        .map(|x| {
            let y = lo.map_or(x, |l| x.max(l));
            hi.map_or(y, |h| y.min(h))
        })
        .collect();
    Ok(vec![from_int_values(dt, a.shape().to_vec(), &v)?])
}

fn not(_: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let Some(v) = ins[0].as_slice::<bool>() else {
        bail!("expected an i1 operand, got {}", ins[0].type_str());
    };
    Ok(vec![Tensor::from_vec(
        ins[0].shape().to_vec(),
        v.iter().map(|&b| !b).collect(),
    )?])
}

fn sign(_: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let a = ins[0];
    if a.dtype().is_float() {
        return float1(ins, |x| {
            if x > 0.0 {
                1.0
            } else if x < 0.0 {
                -1.0
            } else {
                x
            }
        });
    }
    ensure!(
        a.dtype() != DType::Bool,
        "expected a numeric operand, got {}",
        a.type_str()
    );
    let v: Vec<i128> = int_values(a)?.into_iter().map(|x| x.signum()).collect();
    Ok(vec![from_int_values(a.dtype(), a.shape().to_vec(), &v)?])
}

fn cast(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let to = cx.result_dtype(0)?;
    if let Some(t) = cx.type_attr("to")? {
        ensure!(
            DType::from_elem_type(cx.ctx, t) == Some(to),
            "'to' ({}) differs from the result element type",
            cx.type_str(t)
        );
    }
    let saturate = match cx.int_or("saturate", 1)? {
        0 => false,
        1 => true,
        v => bail!("'saturate' must be 0 or 1, got {v}"),
    };
    let round_mode = match cx.string("round_mode")? {
        None => crate::small::E8M0Round::Up,
        Some(m) => crate::small::E8M0Round::from_name(&m)
            .ok_or_else(|| format!("unknown round_mode \"{m}\""))?,
    };
    let opts = crate::small::CastOptions {
        saturate,
        round_mode,
    };
    Ok(vec![ins[0].cast_with(to, opts)?])
}

/// `graph.equal` on numeric (and bool) tensors; string operands are handled by
/// [`crate::strings`], which registers the op.
pub(crate) fn equal(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    compare(cx, ins, true, |o| o == Some(std::cmp::Ordering::Equal))
}
