//! The `arith` dialect in C, with the interpreter's semantics (`crates/interp/src/ops/arith.rs`):
//! integers wrap (computed in `uint64_t`, truncated to the width), shifts past the width give
//! 0 or the sign fill, division by zero and signed division overflow set the error word
//! (the interpreter stops with a diagnostic), `fptosi`/`fptoui` saturate with NaN to 0, float
//! ops round once to the element type (`f16`/`bf16` through `double`), `maximumf`/`minimumf`
//! propagate NaN and order `-0 < +0`.

use super::{FnEmitter, Scalar};
use strata_dialect_arith::{CmpFPredicate, CmpIPredicate, RoundingMode};
use strata_ir::{AttrKind, Diagnostic, Op, Value};

/// The smallest signed value of width `w`, as a C expression.
fn smin(w: u32) -> String {
    if w >= 64 {
        "INT64_MIN".into()
    } else {
        format!("(-(INT64_C(1) << {}))", w - 1)
    }
}

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    let body = e.body;
    let ops: Vec<Value> = body.operands(op).collect();
    let res: Vec<Value> = body.results(op).to_vec();
    let short = &name["arith.".len()..];
    if short == "constant" {
        return constant(e, op);
    }
    let arity = match short {
        "select" => 3,
        "negf" | "extui" | "extsi" | "trunci" | "index_cast" | "index_castui" | "extf"
        | "truncf" | "uitofp" | "sitofp" | "fptoui" | "fptosi" | "bitcast" => 1,
        _ => 2,
    };
    let nres = if short.ends_with("_extended") { 2 } else { 1 };
    if ops.len() != arity || res.len() != nres {
        return Err(e.error(op, "has an unexpected number of operands or results"));
    }
    let a = e.opnd(ops[0]);
    let t = e.scalar(op, ops[0])?;
    let rt = e.scalar(op, res[0])?;
    let b = ops.get(1).map(|&v| e.opnd(v)).unwrap_or_default();
    let w = t.bits();
    let int = !t.is_float();
    let expr = match short {
        "addi" | "subi" | "muli" | "andi" | "ori" | "xori" if int => {
            let o = match short {
                "addi" => "+",
                "subi" => "-",
                "muli" => "*",
                "andi" => "&",
                "ori" => "|",
                _ => "^",
            };
            t.trunc(&format!("{} {o} {}", t.zx(&a), t.zx(&b)))
        }
        "divsi" | "ceildivsi" | "floordivsi" if int => t.trunc(&format!(
            "(uint64_t)strata_{short}({}, {}, {}, err)",
            t.sx(&a),
            t.sx(&b),
            smin(w)
        )),
        "remsi" if int => t.trunc(&format!(
            "(uint64_t)strata_remsi({}, {}, err)",
            t.sx(&a),
            t.sx(&b)
        )),
        "divui" | "ceildivui" | "remui" if int => {
            t.trunc(&format!("strata_{short}({}, {}, err)", t.zx(&a), t.zx(&b)))
        }
        "shli" => t.trunc(&format!("strata_shl({}, {}, {w})", t.zx(&a), t.zx(&b))),
        "shrui" => t.trunc(&format!("strata_shru({}, {}, {w})", t.zx(&a), t.zx(&b))),
        "shrsi" => t.trunc(&format!(
            "(uint64_t)strata_shrs({}, {}, {w})",
            t.sx(&a),
            t.zx(&b)
        )),
        "maxsi" | "minsi" => {
            let o = if short == "maxsi" { ">=" } else { "<=" };
            format!("({} {o} {} ? {a} : {b})", t.sx(&a), t.sx(&b))
        }
        "maxui" | "minui" => {
            let o = if short == "maxui" { ">=" } else { "<=" };
            format!("({} {o} {} ? {a} : {b})", t.zx(&a), t.zx(&b))
        }
        "addui_extended" => {
            let sum = t.trunc(&format!("{} + {}", t.zx(&a), t.zx(&b)));
            let ovf = format!(
                "(uint8_t)((unsigned __int128){} + {} > (unsigned __int128){})",
                t.zx(&a),
                t.zx(&b),
                mask(w)
            );
            e.define(op, res[0], &sum)?;
            return e.define(op, res[1], &ovf);
        }
        "mulsi_extended" | "mului_extended" => {
            let p = e.tmp("p");
            let prod = if short == "mulsi_extended" {
                format!("(__int128){} * (__int128){}", t.sx(&a), t.sx(&b))
            } else {
                format!("(__int128)((unsigned __int128){} * {})", t.zx(&a), t.zx(&b))
            };
            e.line(format!("__int128 {p} = {prod};"));
            e.define(op, res[0], &t.trunc(&format!("(uint64_t){p}")))?;
            return e.define(op, res[1], &t.trunc(&format!("(uint64_t)({p} >> {w})")));
        }
        "addf" | "subf" | "mulf" | "divf" if !int => {
            let o = match short {
                "addf" => "+",
                "subf" => "-",
                "mulf" => "*",
                _ => "/",
            };
            match t {
                Scalar::F32 | Scalar::F64 => format!("{a} {o} {b}"),
                _ => t.round_f64(&format!("{} {o} {}", t.to_f64(&a), t.to_f64(&b))),
            }
        }
        "remf" if !int => t.round_f64(&format!("fmod({}, {})", t.to_f64(&a), t.to_f64(&b))),
        "maximumf" | "minimumf" | "maxnumf" | "minnumf" if !int => {
            let f = &short[..short.len() - 1];
            t.round_f64(&format!("strata_{f}({}, {})", t.to_f64(&a), t.to_f64(&b)))
        }
        "negf" => match t {
            Scalar::F16 | Scalar::BF16 => format!("(uint16_t)({a} ^ 0x8000u)"),
            Scalar::F32 | Scalar::F64 => format!("-{a}"),
            _ => return Err(e.error(op, "expects a float operand")),
        },
        "cmpi" if int => cmpi(e, op, t, &a, &b)?,
        "cmpf" if !int => cmpf(e, op, t, &a, &b)?,
        "select" => {
            let c = e.opnd(ops[2]);
            format!("({a} ? {b} : {c})")
        }
        "extui" | "index_castui" if int && !rt.is_float() => rt.trunc(&t.zx(&a)),
        "extsi" | "trunci" | "index_cast" if int && !rt.is_float() => {
            let x = if short == "trunci" {
                t.zx(&a)
            } else {
                t.sx(&a)
            };
            rt.trunc(&format!("(uint64_t){x}"))
        }
        "extf" if !int && rt.is_float() => rt.round_f64(&t.to_f64(&a)),
        "truncf" if !int && rt.is_float() => {
            if let Some(attr) = e.opref(op).attr("roundingmode") {
                if RoundingMode::from_attr(e.ctx(), attr) != Some(RoundingMode::ToNearestEven) {
                    return Err(e.error(op, "supports only the to_nearest_even rounding mode"));
                }
            }
            match (t, rt) {
                (Scalar::F64, Scalar::F32) => format!("(float){a}"),
                _ => rt.round_f64(&t.to_f64(&a)),
            }
        }
        "sitofp" | "uitofp" if int && rt.is_float() => {
            let x = if short == "sitofp" {
                t.sx(&a)
            } else {
                t.zx(&a)
            };
            match rt {
                Scalar::F32 => format!("(float){x}"),
                Scalar::F64 => format!("(double){x}"),
                _ => rt.round_f64(&format!("(double){x}")),
            }
        }
        "fptosi" if !int && !rt.is_float() => rt.trunc(&format!(
            "(uint64_t)strata_fptosi({}, {})",
            t.to_f64(&a),
            rt.bits()
        )),
        "fptoui" if !int && !rt.is_float() => {
            rt.trunc(&format!("strata_fptoui({}, {})", t.to_f64(&a), rt.bits()))
        }
        "bitcast" => {
            if t.bits() != rt.bits() {
                return Err(e.error(op, "bitcasts between different widths"));
            }
            let tmp = e.tmp("b");
            e.line(format!("{} {tmp} = {a};", t.c()));
            let out = e.tmp("b");
            e.line(format!("{} {out};", rt.c()));
            e.line(format!("memcpy(&{out}, &{tmp}, sizeof {tmp});"));
            return e.define(op, res[0], &out);
        }
        _ => return Err(e.error(op, format_args!("on {} is not supported", t.keyword()))),
    };
    e.define(op, res[0], &expr)
}

fn mask(w: u32) -> String {
    if w >= 64 {
        "UINT64_MAX".into()
    } else {
        format!("((UINT64_C(1) << {w}) - 1)")
    }
}

fn cmpi(e: &FnEmitter<'_, '_>, op: Op, t: Scalar, a: &str, b: &str) -> Result<String, Diagnostic> {
    let Some(p) = e
        .opref(op)
        .attr("predicate")
        .and_then(|x| CmpIPredicate::from_attr(e.ctx(), x))
    else {
        return Err(e.error(op, "needs a valid 'predicate'"));
    };
    let (s, z) = ((t.sx(a), t.sx(b)), (t.zx(a), t.zx(b)));
    let (x, o, y) = match p {
        CmpIPredicate::Eq => (&z.0, "==", &z.1),
        CmpIPredicate::Ne => (&z.0, "!=", &z.1),
        CmpIPredicate::Slt => (&s.0, "<", &s.1),
        CmpIPredicate::Sle => (&s.0, "<=", &s.1),
        CmpIPredicate::Sgt => (&s.0, ">", &s.1),
        CmpIPredicate::Sge => (&s.0, ">=", &s.1),
        CmpIPredicate::Ult => (&z.0, "<", &z.1),
        CmpIPredicate::Ule => (&z.0, "<=", &z.1),
        CmpIPredicate::Ugt => (&z.0, ">", &z.1),
        CmpIPredicate::Uge => (&z.0, ">=", &z.1),
    };
    Ok(format!("(uint8_t)({x} {o} {y})"))
}

fn cmpf(e: &FnEmitter<'_, '_>, op: Op, t: Scalar, a: &str, b: &str) -> Result<String, Diagnostic> {
    let Some(p) = e
        .opref(op)
        .attr("predicate")
        .and_then(|x| CmpFPredicate::from_attr(e.ctx(), x))
    else {
        return Err(e.error(op, "needs a valid 'predicate'"));
    };
    let (x, y) = (t.to_f64(a), t.to_f64(b));
    let c = match p {
        CmpFPredicate::AlwaysFalse => "0".to_string(),
        CmpFPredicate::AlwaysTrue => "1".to_string(),
        CmpFPredicate::Oeq => format!("{x} == {y}"),
        CmpFPredicate::Ogt => format!("{x} > {y}"),
        CmpFPredicate::Oge => format!("{x} >= {y}"),
        CmpFPredicate::Olt => format!("{x} < {y}"),
        CmpFPredicate::Ole => format!("{x} <= {y}"),
        CmpFPredicate::One => format!("({x} < {y} || {x} > {y})"),
        CmpFPredicate::Ord => format!("({x} == {x} && {y} == {y})"),
        CmpFPredicate::Ueq => format!("!({x} < {y} || {x} > {y})"),
        CmpFPredicate::Ugt => format!("!({x} <= {y})"),
        CmpFPredicate::Uge => format!("!({x} < {y})"),
        CmpFPredicate::Ult => format!("!({x} >= {y})"),
        CmpFPredicate::Ule => format!("!({x} > {y})"),
        CmpFPredicate::Une => format!("{x} != {y}"),
        CmpFPredicate::Uno => format!("({x} != {x} || {y} != {y})"),
    };
    Ok(format!("(uint8_t)({c})"))
}

/// `arith.constant` of a scalar.
fn constant(e: &mut FnEmitter<'_, '_>, op: Op) -> Result<(), Diagnostic> {
    let body = e.body;
    let [r] = body.results(op) else {
        return Err(e.error(op, "must have one result"));
    };
    let t = e.scalar(op, *r)?;
    let Some(attr) = e.opref(op).attr("value") else {
        return Err(e.error(op, "needs a 'value'"));
    };
    let expr = match (e.ctx().attr_kind(attr), t) {
        (AttrKind::Bool(b), Scalar::Int(1)) => format!("(uint8_t){}", *b as u8),
        (AttrKind::Integer { value, .. }, Scalar::Index) => {
            format!("(int64_t)UINT64_C({})", *value as i64 as u64)
        }
        (AttrKind::Integer { value, .. }, t) if !t.is_float() => {
            t.trunc(&format!("UINT64_C({})", *value as u64))
        }
        (AttrKind::Float { bits, .. }, Scalar::F32) => format!("strata_f32_bits(0x{bits:x}u)"),
        (AttrKind::Float { bits, .. }, Scalar::F64) => {
            format!("strata_f64_bits(UINT64_C(0x{bits:x}))")
        }
        (AttrKind::Float { bits, .. }, Scalar::F16 | Scalar::BF16) => {
            format!("(uint16_t)0x{bits:x}u")
        }
        (AttrKind::Float { bits, .. }, Scalar::Small(_)) => format!("(uint8_t)0x{bits:x}u"),
        // A splat vector constant, inside the lane loop.
        (
            AttrKind::DenseElements {
                splat: true, data, ..
            },
            t,
        ) if e.lane.is_some() && data.len() as u64 == t.bytes() => {
            let mut b = [0u8; 8];
            b[..data.len()].copy_from_slice(data);
            let bits = u64::from_le_bytes(b);
            match t {
                Scalar::F32 => format!("strata_f32_bits(0x{bits:x}u)"),
                Scalar::F64 => format!("strata_f64_bits(UINT64_C(0x{bits:x}))"),
                Scalar::Index => format!("(int64_t)UINT64_C({bits})"),
                _ => t.trunc(&format!("UINT64_C({bits})")),
            }
        }
        _ => {
            return Err(e.error(
                op,
                "has a value that is not a scalar integer or float (dense constants must be \
                 loop.global buffers at this level)",
            ))
        }
    };
    e.define(op, *r, &expr)
}

/// The expression combining `a` and `b` (of type `t`) like the arith op `short` names, for
/// the ops a reduction may use (`addi`, `muli`, `andi`, `ori`, `xori`, the integer and float
/// min/max, `addf`, `mulf`).
pub(crate) fn combine(short: &str, t: Scalar, a: &str, b: &str) -> Option<String> {
    Some(match short {
        "addi" | "muli" | "andi" | "ori" | "xori" if !t.is_float() => {
            let o = match short {
                "addi" => "+",
                "muli" => "*",
                "andi" => "&",
                "ori" => "|",
                _ => "^",
            };
            t.trunc(&format!("{} {o} {}", t.zx(a), t.zx(b)))
        }
        "maxsi" | "minsi" if !t.is_float() => {
            let o = if short == "maxsi" { ">=" } else { "<=" };
            format!("({} {o} {} ? {a} : {b})", t.sx(a), t.sx(b))
        }
        "maxui" | "minui" if !t.is_float() => {
            let o = if short == "maxui" { ">=" } else { "<=" };
            format!("({} {o} {} ? {a} : {b})", t.zx(a), t.zx(b))
        }
        "addf" | "mulf" if t.is_float() => {
            let o = if short == "addf" { "+" } else { "*" };
            match t {
                Scalar::F32 | Scalar::F64 => format!("{a} {o} {b}"),
                _ => t.round_f64(&format!("{} {o} {}", t.to_f64(a), t.to_f64(b))),
            }
        }
        "maximumf" | "minimumf" | "maxnumf" | "minnumf" if t.is_float() => {
            let f = &short[..short.len() - 1];
            t.round_f64(&format!("strata_{f}({}, {})", t.to_f64(a), t.to_f64(b)))
        }
        _ => return None,
    })
}
