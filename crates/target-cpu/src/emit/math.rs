//! The `math` dialect in C, with the interpreter's semantics (`crates/interp/src/ops/math.rs`):
//! float functions are evaluated in `double` with the C library and rounded once to the
//! element type (the interpreter uses the `libm` crate, a port of musl; glibc and musl agree
//! to the last bit on almost all inputs, so compare transcendental results with an ulp
//! tolerance); `fma` is `fmaf`/`fma` (a single rounding); sign and classification ops work on
//! the encoding; integer ops on bit patterns of their width.

use super::{FnEmitter, Scalar};
use strata_ir::{Diagnostic, Op, Value};

/// Unary functions evaluated in `double`: (op suffix, C function).
const UNARY: &[(&str, &str)] = &[
    ("acos", "acos"),
    ("acosh", "acosh"),
    ("asin", "asin"),
    ("asinh", "asinh"),
    ("atan", "atan"),
    ("atanh", "atanh"),
    ("cbrt", "cbrt"),
    ("ceil", "ceil"),
    ("cos", "cos"),
    ("cosh", "cosh"),
    ("erf", "erf"),
    ("erfc", "erfc"),
    ("exp", "exp"),
    ("exp2", "exp2"),
    ("expm1", "expm1"),
    ("floor", "floor"),
    ("log", "log"),
    ("log10", "log10"),
    ("log1p", "log1p"),
    ("log2", "log2"),
    ("round", "round"),
    ("roundeven", "rint"),
    ("sin", "sin"),
    ("sinh", "sinh"),
    ("sqrt", "sqrt"),
    ("tan", "tan"),
    ("tanh", "tanh"),
    ("trunc", "trunc"),
];

pub(crate) fn emit(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    let body = e.body;
    let ops: Vec<Value> = body.operands(op).collect();
    let res: Vec<Value> = body.results(op).to_vec();
    let short = &name["math.".len()..];
    let (want_ops, want_res) = match short {
        "atan2" | "powf" | "copysign" | "fpowi" | "ipowi" => (2, 1),
        "fma" | "clampf" => (3, 1),
        "sincos" => (1, 2),
        _ => (1, 1),
    };
    if ops.len() != want_ops || res.len() != want_res {
        return Err(e.error(op, "has an unexpected number of operands or results"));
    }
    let t = e.scalar(op, ops[0])?;
    let a = e.opnd(ops[0]);
    let args: Vec<String> = ops.iter().map(|&v| e.opnd(v)).collect();
    let arg = |i: usize| args[i].clone();
    let x = t.to_f64(&a);
    let expr = if let Some((_, f)) = UNARY.iter().find(|(n, _)| *n == short) {
        if !t.is_float() {
            return Err(e.error(op, "expects a float operand"));
        }
        t.round_f64(&format!("{f}({x})"))
    } else {
        match short {
            "rsqrt" if t.is_float() => t.round_f64(&format!("(1.0 / sqrt({x}))")),
            "atan2" | "powf" if t.is_float() => {
                let f = if short == "powf" { "pow" } else { "atan2" };
                t.round_f64(&format!("{f}({x}, {})", t.to_f64(&arg(1))))
            }
            "fma" => match t {
                Scalar::F32 => format!("fmaf({a}, {}, {})", arg(1), arg(2)),
                Scalar::F64 => format!("fma({a}, {}, {})", arg(1), arg(2)),
                Scalar::F16 | Scalar::BF16 => t.round_f64(&format!(
                    "fma({x}, {}, {})",
                    t.to_f64(&arg(1)),
                    t.to_f64(&arg(2))
                )),
                _ => return Err(e.error(op, "expects float operands")),
            },
            "clampf" if t.is_float() => t.round_f64(&format!(
                "strata_maximum(strata_minimum({x}, {}), {})",
                t.to_f64(&arg(2)),
                t.to_f64(&arg(1))
            )),
            "absf" | "copysign" if t.is_float() => {
                let (u, sign) = uint_of(t);
                let tmp = e.tmp("s");
                let xa = e.tmp("x");
                e.line(format!("{} {xa} = {a};", t.c()));
                e.line(format!("{u} {tmp}; memcpy(&{tmp}, &{xa}, sizeof {tmp});"));
                if short == "absf" {
                    e.line(format!("{tmp} &= ~{sign};"));
                } else {
                    let tb = e.tmp("s");
                    let b = arg(1);
                    let xb = e.tmp("x");
                    e.line(format!("{} {xb} = {b};", t.c()));
                    e.line(format!("{u} {tb}; memcpy(&{tb}, &{xb}, sizeof {tb});"));
                    e.line(format!("{tmp} = ({tmp} & ~{sign}) | ({tb} & {sign});"));
                }
                let r = e.tmp("s");
                e.line(format!("{} {r}; memcpy(&{r}, &{tmp}, sizeof {r});", t.c()));
                return e.define(op, res[0], &r);
            }
            "fpowi" if t.is_float() => {
                let n = e.scalar(op, ops[1])?;
                t.round_f64(&format!("pow({x}, (double){})", n.sx(&arg(1))))
            }
            "isfinite" | "isinf" | "isnan" | "isnormal" if t.is_float() => classify(t, short, &a),
            "sincos" if t.is_float() => {
                e.define(op, res[0], &t.round_f64(&format!("sin({x})")))?;
                return e.define(op, res[1], &t.round_f64(&format!("cos({x})")));
            }
            "absi" if !t.is_float() => {
                let s = t.sx(&a);
                t.trunc(&format!("({s} < 0 ? 0 - (uint64_t){s} : (uint64_t){s})"))
            }
            "ctlz" if !t.is_float() => t.trunc(&format!("strata_clz({}, {})", t.zx(&a), t.bits())),
            "cttz" if !t.is_float() => t.trunc(&format!("strata_ctz({}, {})", t.zx(&a), t.bits())),
            "ctpop" if !t.is_float() => {
                t.trunc(&format!("(uint64_t)__builtin_popcountll({})", t.zx(&a)))
            }
            "ipowi" if !t.is_float() => t.trunc(&format!(
                "strata_ipowi({}, {}, err)",
                t.sx(&a),
                t.sx(&arg(1))
            )),
            _ => return Err(e.error(op, format_args!("on {} is not supported", t.keyword()))),
        }
    };
    e.define(op, res[0], &expr)
}

/// The unsigned integer type of a float's encoding and its sign mask.
fn uint_of(t: Scalar) -> (&'static str, &'static str) {
    match t {
        Scalar::F16 | Scalar::BF16 => ("uint16_t", "(uint16_t)0x8000u"),
        Scalar::F32 => ("uint32_t", "0x80000000u"),
        _ => ("uint64_t", "UINT64_C(0x8000000000000000)"),
    }
}

/// `isfinite`/`isinf`/`isnan`/`isnormal` in the element type's own range.
fn classify(t: Scalar, which: &str, a: &str) -> String {
    let c = match (t, which) {
        (Scalar::F16, _) | (Scalar::BF16, _) => {
            let (eb, mb) = if t == Scalar::F16 { (5, 10) } else { (8, 7) };
            let emax = (1u32 << eb) - 1;
            let ex = format!("((({a}) >> {mb}) & {emax}u)");
            let man = format!("(({a}) & {}u)", (1u32 << mb) - 1);
            match which {
                "isfinite" => format!("{ex} != {emax}u"),
                "isinf" => format!("({ex} == {emax}u && {man} == 0)"),
                "isnan" => format!("({ex} == {emax}u && {man} != 0)"),
                _ => format!("({ex} != 0 && {ex} != {emax}u)"),
            }
        }
        _ => format!("{which}({a})"),
    };
    format!("(uint8_t)({c} != 0)")
}
