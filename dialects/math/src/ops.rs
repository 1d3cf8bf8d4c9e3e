//! The math ops: declarations (one [`op!`](strata_ir::op) each), verifiers and folders.

use strata_dialect_arith::apfloat::{self, IntegralRounding};
use strata_dialect_arith::apint::IntWidth;
use strata_dialect_arith::consts::{operand_const, splat_of, ElemKind, Layout};
use strata_dialect_arith::fold::{
    float_binary, float_unary, int_binary, int_unary, to_attr, Folded,
};
use strata_dialect_arith::format::{custom, Format, FormatKind};
use strata_dialect_arith::ops::FASTMATH_ATTR;
use strata_dialect_arith::util::{
    all_types_match, check_operand, check_result, elementwise, infer_i1_same_shape, infer_same,
    infer_two_same, operand_ty, result_is_i1_same_shape, result_ty, same_operands_and_result_shape,
    BOOL_LIKE, FLOAT_LIKE, SIGNLESS_INT_OR_INDEX_LIKE,
};
use strata_ir::{op, Arity, Attribute, Diagnostic, FloatKind, OpRef, Traits};

const PURE_EW: Traits = Traits::PURE.with(Traits::ELEMENTWISE);
const SAME: Traits = PURE_EW.with(Traits::SAME_OPERANDS_AND_RESULT_TYPE);

static F_FLOAT_UNARY: Format = Format::new(FormatKind::Unary).fastmath();
static F_FLOAT_BINARY: Format = Format::new(FormatKind::Binary).fastmath();
static F_FLOAT_TERNARY: Format = Format::new(FormatKind::Ternary).fastmath();
static F_INT_UNARY: Format = Format::new(FormatKind::Unary);
static F_INT_BINARY: Format = Format::new(FormatKind::Binary);
static F_CLASSIFY: Format = Format::new(FormatKind::Classify);
static F_FPOWI: Format = Format::new(FormatKind::FPowI).fastmath();
static F_CLAMP: Format = Format::new(FormatKind::Clamp).fastmath();
static F_SINCOS: Format = Format::new(FormatKind::SinCos).fastmath();

// ----- folding helpers -----

/// Evaluate a single-argument libm function on `f32`/`f64` bit patterns (MLIR folds these
/// functions for those two formats only).
fn libm1(k: FloatKind, a: u64, f32f: fn(f32) -> f32, f64f: fn(f64) -> f64) -> Option<u64> {
    match k {
        FloatKind::F32 => Some(f32f(f32::from_bits(a as u32)).to_bits() as u64),
        FloatKind::F64 => Some(f64f(f64::from_bits(a)).to_bits()),
        _ => None,
    }
}

/// Two-argument counterpart of [`libm1`].
fn libm2(
    k: FloatKind,
    a: u64,
    b: u64,
    f32f: fn(f32, f32) -> f32,
    f64f: fn(f64, f64) -> f64,
) -> Option<u64> {
    match k {
        FloatKind::F32 => {
            Some(f32f(f32::from_bits(a as u32), f32::from_bits(b as u32)).to_bits() as u64)
        }
        FloatKind::F64 => Some(f64f(f64::from_bits(a), f64::from_bits(b)).to_bits()),
        _ => None,
    }
}

macro_rules! libm_folder {
    ($name:ident, $f32:expr, $f64:expr) => {
        fn $name(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
            float_unary(&op, c, |k, a| libm1(k, a, $f32, $f64))
        }
    };
    ($name:ident, $f32:expr, $f64:expr, nonnegative) => {
        fn $name(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
            float_unary(&op, c, |k, a| {
                if apfloat::is_negative(k, a) {
                    return None;
                }
                libm1(k, a, $f32, $f64)
            })
        }
    };
}

libm_folder!(fold_acos, f32::acos, f64::acos);
libm_folder!(fold_acosh, libm::acoshf, libm::acosh);
libm_folder!(fold_asin, f32::asin, f64::asin);
libm_folder!(fold_asinh, libm::asinhf, libm::asinh);
libm_folder!(fold_atan, f32::atan, f64::atan);
libm_folder!(fold_atanh, libm::atanhf, libm::atanh);
libm_folder!(fold_cos, f32::cos, f64::cos);
libm_folder!(fold_cosh, f32::cosh, f64::cosh);
libm_folder!(fold_sin, f32::sin, f64::sin);
libm_folder!(fold_sinh, f32::sinh, f64::sinh);
libm_folder!(fold_tan, f32::tan, f64::tan);
libm_folder!(fold_tanh, f32::tanh, f64::tanh);
libm_folder!(fold_erf, libm::erff, libm::erf);
libm_folder!(fold_erfc, libm::erfcf, libm::erfc);
libm_folder!(fold_exp, f32::exp, f64::exp);
libm_folder!(fold_exp2, f32::exp2, f64::exp2);
libm_folder!(fold_expm1, f32::exp_m1, f64::exp_m1);
libm_folder!(fold_round, f32::round, f64::round);
libm_folder!(fold_trunc, f32::trunc, f64::trunc);
libm_folder!(fold_log, f32::ln, f64::ln, nonnegative);
libm_folder!(fold_log2, f32::log2, f64::log2, nonnegative);
libm_folder!(fold_log10, f32::log10, f64::log10, nonnegative);
libm_folder!(fold_sqrt, f32::sqrt, f64::sqrt, nonnegative);

fn fold_log1p(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_unary(&op, c, |k, a| {
        let one = apfloat::from_f64(k, 1.0).0;
        if apfloat::is_negative(k, apfloat::binop(k, apfloat::BinOp::Add, a, one)) {
            return None;
        }
        libm1(k, a, f32::ln_1p, f64::ln_1p)
    })
}

fn fold_integral(op: OpRef<'_>, c: &[Option<Attribute>], mode: IntegralRounding) -> Folded {
    float_unary(&op, c, |k, a| Some(apfloat::round_to_integral(k, a, mode)))
}

fn fold_ceil(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_integral(op, c, IntegralRounding::TowardPositive)
}

fn fold_floor(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_integral(op, c, IntegralRounding::TowardNegative)
}

fn fold_roundeven(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_integral(op, c, IntegralRounding::NearestTiesToEven)
}

fn fold_absf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_unary(&op, c, |k, a| Some(apfloat::abs(k, a)))
}

fn fold_copysign(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_binary(&op, c, |k, a, b| Some(apfloat::copysign(k, a, b)))
}

fn fold_atan2(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_binary(&op, c, |k, a, b| {
        if apfloat::is_zero(k, a) && apfloat::is_zero(k, b) {
            return Some(apfloat::default_nan(k));
        }
        libm2(k, a, b, f32::atan2, f64::atan2)
    })
}

fn fold_powf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_binary(&op, c, |k, a, b| libm2(k, a, b, f32::powf, f64::powf))
}

fn fold_absi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_unary(&op, c, |w, a| Some(w.abs(a)))
}

fn fold_ctlz(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_unary(&op, c, |w, a| Some(w.trunc(w.ctlz(a))))
}

fn fold_cttz(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_unary(&op, c, |w, a| Some(w.trunc(w.cttz(a))))
}

fn fold_ctpop(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_unary(&op, c, |w, a| Some(w.trunc(w.ctpop(a))))
}

/// `base ** power` for signed integers, as MLIR's `math.ipowi` folder: `0 ** negative` is
/// not folded, `x ** negative` is `0` unless `|x| == 1`.
pub fn ipowi(w: IntWidth, base: u128, power: u128) -> Option<u128> {
    let one = w.trunc(1);
    let minus_one = w.mask();
    if power == 0 {
        return Some(one);
    }
    if w.is_negative(power) {
        if base == 0 {
            return None;
        }
        if base == one {
            return Some(one);
        }
        if base != minus_one {
            return Some(0);
        }
        return Some(if power & 1 == 1 { minus_one } else { one });
    }
    let (mut result, mut b, mut p) = (one, base, power);
    loop {
        if p & 1 == 1 {
            result = w.mul(result, b);
        }
        p >>= 1;
        if p == 0 {
            return Some(result);
        }
        b = w.mul(b, b);
    }
}

fn fold_ipowi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_binary(&op, c, ipowi)
}

fn fold_classify(
    op: OpRef<'_>,
    c: &[Option<Attribute>],
    pred: fn(FloatKind, u64) -> bool,
) -> Folded {
    let a = operand_const(op.ctx, c, 0)?;
    let ElemKind::Float(k) = a.kind else {
        return None;
    };
    let v = *a.values.first()?;
    let r = pred(k, v as u64);
    match a.layout {
        Layout::Scalar => to_attr(&op, Some(op.ctx.bool_attr(r))),
        Layout::Splat => to_attr(&op, splat_of(op.ctx, result_ty(&op, 0)?, r as u128)),
        Layout::Elements => None,
    }
}

fn fold_isnan(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_classify(op, c, apfloat::is_nan)
}

fn fold_isinf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_classify(op, c, apfloat::is_inf)
}

fn fold_isfinite(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_classify(op, c, apfloat::is_finite)
}

fn fold_isnormal(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_classify(op, c, apfloat::is_normal)
}

// ----- verifiers -----

fn verify_classify(op: OpRef<'_>) -> Result<(), Diagnostic> {
    result_is_i1_same_shape(&op, 0)?;
    elementwise(&op)
}

fn verify_fpowi(op: OpRef<'_>) -> Result<(), Diagnostic> {
    check_operand(&op, 0, FLOAT_LIKE)?;
    check_operand(&op, 1, SIGNLESS_INT_OR_INDEX_LIKE)?;
    check_result(&op, 0, FLOAT_LIKE)?;
    all_types_match(
        &op,
        &["lhs", "result"],
        &[operand_ty(&op, 0), result_ty(&op, 0)],
    )?;
    same_operands_and_result_shape(&op)?;
    elementwise(&op)
}

fn verify_sincos(op: OpRef<'_>) -> Result<(), Diagnostic> {
    all_types_match(
        &op,
        &["operand", "sin", "cos"],
        &[operand_ty(&op, 0), result_ty(&op, 0), result_ty(&op, 1)],
    )?;
    same_operands_and_result_shape(&op)?;
    elementwise(&op)
}

// ----- declarations -----

macro_rules! float_unary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, fold: $fold:expr
        $(, $extra:ident: $extra_value:expr)*
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [operand];
            results: [result];
            attrs: [fastmath = "fastmath"];
            def: {
                traits: SAME,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some(FLOAT_LIKE),
                result_type: Some(FLOAT_LIKE),
                attrs: &[FASTMATH_ATTR],
                fold: $fold,
                infer: Some(infer_same),
                format: custom(&F_FLOAT_UNARY),
                $($extra: $extra_value,)*
            }
        }
    };
}

float_unary_op! {
    /// Computes the absolute value of a float-like value (clears the sign bit).
    ///
    /// ```mlir
    /// %a = math.absf %b : f64
    /// ```
    AbsFOp = "math.absf", "floating point absolute-value operation", fold: Some(fold_absf),
    // Math has no constant op: its fold results are materialised as `arith.constant`s
    // (MLIR's `MathDialect::materializeConstant`); the first op of the dialect carries it.
    materialize_constant: Some(strata_dialect_arith::materialize_constant)
}
float_unary_op! {
    /// Computes the arcus cosine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.acos %b : f64
    /// ```
    AcosOp = "math.acos", "arcus cosine of the specified value", fold: Some(fold_acos)
}
float_unary_op! {
    /// Computes the hyperbolic arcus cosine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.acosh %b : f64
    /// ```
    AcoshOp = "math.acosh", "Hyperbolic arcus cosine of the given value", fold: Some(fold_acosh)
}
float_unary_op! {
    /// Computes the arcus sine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.asin %b : f64
    /// ```
    AsinOp = "math.asin", "arcus sine of the given value", fold: Some(fold_asin)
}
float_unary_op! {
    /// Computes the hyperbolic arcus sine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.asinh %b : f64
    /// ```
    AsinhOp = "math.asinh", "hyperbolic arcus sine of the given value", fold: Some(fold_asinh)
}
float_unary_op! {
    /// Computes the arcus tangent of a float-like value.
    ///
    /// ```mlir
    /// %a = math.atan %b : f64
    /// ```
    AtanOp = "math.atan", "arcus tangent of the given value", fold: Some(fold_atan)
}
float_unary_op! {
    /// Computes the hyperbolic arcus tangent of a float-like value.
    ///
    /// ```mlir
    /// %a = math.atanh %b : f64
    /// ```
    AtanhOp = "math.atanh", "hyperbolic arcus tangent of the given value", fold: Some(fold_atanh)
}
float_unary_op! {
    /// Computes the cube root of a float-like value (not equivalent to `powf(x, 1/3)`).
    ///
    /// ```mlir
    /// %a = math.cbrt %b : f64
    /// ```
    CbrtOp = "math.cbrt", "cube root of the specified value", fold: None
}
float_unary_op! {
    /// Rounds a float-like value up to an integral value.
    ///
    /// ```mlir
    /// %a = math.ceil %b : f64
    /// ```
    CeilOp = "math.ceil", "ceiling of the specified value", fold: Some(fold_ceil)
}
float_unary_op! {
    /// Computes the cosine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.cos %b : f64
    /// ```
    CosOp = "math.cos", "cosine of the specified value", fold: Some(fold_cos)
}
float_unary_op! {
    /// Computes the hyperbolic cosine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.cosh %b : f64
    /// ```
    CoshOp = "math.cosh", "hyperbolic cosine of the specified value", fold: Some(fold_cosh)
}
float_unary_op! {
    /// Computes the error function of a float-like value.
    ///
    /// ```mlir
    /// %a = math.erf %b : f64
    /// ```
    ErfOp = "math.erf", "error function of the specified value", fold: Some(fold_erf)
}
float_unary_op! {
    /// Computes the complementary error function `1 - erf(x)` of a float-like value,
    /// accurately for large `x`.
    ///
    /// ```mlir
    /// %a = math.erfc %b : f64
    /// ```
    ErfcOp = "math.erfc", "complementary error function of the specified value", fold: Some(fold_erfc)
}
float_unary_op! {
    /// Computes the base-e exponential of a float-like value.
    ///
    /// ```mlir
    /// %a = math.exp %b : f64
    /// ```
    ExpOp = "math.exp", "base-e exponential of the specified value", fold: Some(fold_exp)
}
float_unary_op! {
    /// Computes the base-2 exponential of a float-like value.
    ///
    /// ```mlir
    /// %a = math.exp2 %b : f64
    /// ```
    Exp2Op = "math.exp2", "base-2 exponential of the specified value", fold: Some(fold_exp2)
}
float_unary_op! {
    /// Computes `exp(x) - 1` of a float-like value, accurately for small `x`.
    ///
    /// ```mlir
    /// %a = math.expm1 %b : f64
    /// ```
    ExpM1Op = "math.expm1", "base-e exponential of the specified value minus 1", fold: Some(fold_expm1)
}
float_unary_op! {
    /// Rounds a float-like value down to an integral value.
    ///
    /// ```mlir
    /// %a = math.floor %b : f64
    /// ```
    FloorOp = "math.floor", "floor of the specified value", fold: Some(fold_floor)
}
float_unary_op! {
    /// Computes the natural logarithm of a float-like value.
    ///
    /// ```mlir
    /// %y = math.log %x : f64
    /// ```
    LogOp = "math.log", "base-e logarithm of the specified value", fold: Some(fold_log)
}
float_unary_op! {
    /// Computes the base-10 logarithm of a float-like value.
    ///
    /// ```mlir
    /// %y = math.log10 %x : f64
    /// ```
    Log10Op = "math.log10", "base-10 logarithm of the specified value", fold: Some(fold_log10)
}
float_unary_op! {
    /// Computes `log(1 + x)` of a float-like value, accurately for small `x`.
    ///
    /// ```mlir
    /// %y = math.log1p %x : f64
    /// ```
    Log1pOp = "math.log1p", "Computes the natural logarithm of one plus the given value", fold: Some(fold_log1p)
}
float_unary_op! {
    /// Computes the base-2 logarithm of a float-like value.
    ///
    /// ```mlir
    /// %y = math.log2 %x : f64
    /// ```
    Log2Op = "math.log2", "base-2 logarithm of the specified value", fold: Some(fold_log2)
}
float_unary_op! {
    /// Rounds a float-like value to the nearest integral value, halfway cases away from
    /// zero.
    ///
    /// ```mlir
    /// %a = math.round %b : f64
    /// ```
    RoundOp = "math.round", "round of the specified value", fold: Some(fold_round)
}
float_unary_op! {
    /// Rounds a float-like value to the nearest integral value, halfway cases to even.
    ///
    /// ```mlir
    /// %a = math.roundeven %b : f64
    /// ```
    RoundEvenOp = "math.roundeven", "round of the specified value with halfway cases to even", fold: Some(fold_roundeven)
}
float_unary_op! {
    /// Computes `1 / sqrt(x)` of a float-like value.
    ///
    /// ```mlir
    /// %a = math.rsqrt %b : f64
    /// ```
    RsqrtOp = "math.rsqrt", "reciprocal of sqrt (1 / sqrt of the specified value)", fold: None
}
float_unary_op! {
    /// Computes the sine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.sin %b : f64
    /// ```
    SinOp = "math.sin", "sine of the specified value", fold: Some(fold_sin)
}
float_unary_op! {
    /// Computes the hyperbolic sine of a float-like value.
    ///
    /// ```mlir
    /// %a = math.sinh %b : f64
    /// ```
    SinhOp = "math.sinh", "hyperbolic sine of the specified value", fold: Some(fold_sinh)
}
float_unary_op! {
    /// Computes the square root of a float-like value.
    ///
    /// ```mlir
    /// %a = math.sqrt %b : f64
    /// ```
    SqrtOp = "math.sqrt", "sqrt of the specified value", fold: Some(fold_sqrt)
}
float_unary_op! {
    /// Computes the tangent of a float-like value.
    ///
    /// ```mlir
    /// %a = math.tan %b : f64
    /// ```
    TanOp = "math.tan", "tangent of the specified value", fold: Some(fold_tan)
}
float_unary_op! {
    /// Computes the hyperbolic tangent of a float-like value.
    ///
    /// ```mlir
    /// %a = math.tanh %b : f64
    /// ```
    TanhOp = "math.tanh", "hyperbolic tangent of the specified value", fold: Some(fold_tanh)
}
float_unary_op! {
    /// Rounds a float-like value toward zero to an integral value.
    ///
    /// ```mlir
    /// %a = math.trunc %b : f64
    /// ```
    TruncOp = "math.trunc", "trunc of the specified value", fold: Some(fold_trunc)
}

macro_rules! float_binary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, fold: $fold:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [lhs, rhs];
            results: [result];
            attrs: [fastmath = "fastmath"];
            def: {
                traits: SAME,
                operands: Arity::Exactly(2),
                results: Arity::Exactly(1),
                operand_type: Some(FLOAT_LIKE),
                result_type: Some(FLOAT_LIKE),
                attrs: &[FASTMATH_ATTR],
                fold: $fold,
                infer: Some(infer_same),
                format: custom(&F_FLOAT_BINARY),
            }
        }
    };
}

float_binary_op! {
    /// The 2-argument arcus tangent `atan2(y, x)`: the angle between the positive x-axis
    /// and the ray through `(x, y)`.
    ///
    /// ```mlir
    /// %a = math.atan2 %b, %c : f32
    /// ```
    Atan2Op = "math.atan2", "2-argument arcus tangent of the given values", fold: Some(fold_atan2)
}
float_binary_op! {
    /// Returns a value with the magnitude of the first operand and the sign of the second.
    ///
    /// ```mlir
    /// %a = math.copysign %b, %c : f64
    /// ```
    CopySignOp = "math.copysign", "A copysign operation", fold: Some(fold_copysign)
}
float_binary_op! {
    /// Raises a float-like value to a float-like power.
    ///
    /// ```mlir
    /// %a = math.powf %b, %c : f64
    /// ```
    PowFOp = "math.powf", "floating point raised to the power of operation", fold: Some(fold_powf)
}

op! {
    /// Fused multiply-add `a * b + c` with a single rounding (the `llvm.fma` intrinsic).
    ///
    /// ```mlir
    /// %d = math.fma %a, %b, %c : f64
    /// ```
    pub struct FmaOp = "math.fma";
    summary: "floating point fused multipy-add operation";
    operands: [a, b, c];
    results: [result];
    attrs: [fastmath = "fastmath"];
    def: {
        traits: SAME,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_LIKE),
        result_type: Some(FLOAT_LIKE),
        attrs: &[FASTMATH_ATTR],
        infer: Some(infer_same),
        format: custom(&F_FLOAT_TERNARY),
    }
}

op! {
    /// Clamps a float-like value to `[min, max]`: `maxf(minf(value, max), min)`; poison
    /// when `min > max`.
    ///
    /// ```mlir
    /// %d = math.clampf %value to [%min, %max] : f64
    /// ```
    pub struct ClampFOp = "math.clampf";
    summary: "floating point clamping operation";
    operands: [value, min, max];
    results: [result];
    attrs: [fastmath = "fastmath"];
    def: {
        traits: SAME,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_LIKE),
        result_type: Some(FLOAT_LIKE),
        attrs: &[FASTMATH_ATTR],
        infer: Some(infer_same),
        format: custom(&F_CLAMP),
    }
}

macro_rules! int_unary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, fold: $fold:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [operand];
            results: [result];
            def: {
                traits: SAME,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
                result_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
                fold: Some($fold),
                infer: Some(infer_same),
                format: custom(&F_INT_UNARY),
            }
        }
    };
}

int_unary_op! {
    /// Computes the absolute value of a signed integer-like value (`abs(MIN) == MIN`).
    ///
    /// ```mlir
    /// %a = math.absi %b : i64
    /// ```
    AbsIOp = "math.absi", "integer absolute-value operation", fold: fold_absi
}
int_unary_op! {
    /// Counts the leading zero bits of an integer-like value.
    ///
    /// ```mlir
    /// %a = math.ctlz %b : i32
    /// ```
    CountLeadingZerosOp = "math.ctlz", "counts the leading zeros an integer value", fold: fold_ctlz
}
int_unary_op! {
    /// Counts the trailing zero bits of an integer-like value.
    ///
    /// ```mlir
    /// %a = math.cttz %b : i32
    /// ```
    CountTrailingZerosOp = "math.cttz", "counts the trailing zeros an integer value", fold: fold_cttz
}
int_unary_op! {
    /// Counts the set bits of an integer-like value.
    ///
    /// ```mlir
    /// %a = math.ctpop %b : i32
    /// ```
    CtPopOp = "math.ctpop", "counts the number of set bits of an integer value", fold: fold_ctpop
}

op! {
    /// Raises a signed integer-like value to a signed integer power of the same type.
    ///
    /// ```mlir
    /// %a = math.ipowi %b, %c : i32
    /// ```
    pub struct IPowIOp = "math.ipowi";
    summary: "signed integer raised to the power of operation";
    operands: [lhs, rhs];
    results: [result];
    def: {
        traits: SAME,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        result_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        fold: Some(fold_ipowi),
        infer: Some(infer_same),
        format: custom(&F_INT_BINARY),
    }
}

op! {
    /// Raises a float-like base to a signed integer-like power of the same shape; the result
    /// has the base's type.
    ///
    /// ```mlir
    /// %a = math.fpowi %base, %power : f64, i32
    /// %v = math.fpowi %vb, %vp : vector<2xf32>, vector<2xi32>
    /// ```
    pub struct FPowIOp = "math.fpowi";
    summary: "floating point raised to the signed integer power";
    operands: [lhs, rhs];
    results: [result];
    attrs: [fastmath = "fastmath"];
    def: {
        traits: PURE_EW,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        attrs: &[FASTMATH_ATTR],
        verify: Some(verify_fpowi),
        infer: Some(infer_same),
        format: custom(&F_FPOWI),
    }
}

macro_rules! classify_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, fold: $fold:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [operand];
            results: [result];
            attrs: [fastmath = "fastmath"];
            def: {
                traits: PURE_EW,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some(FLOAT_LIKE),
                result_type: Some(BOOL_LIKE),
                attrs: &[FASTMATH_ATTR],
                verify: Some(verify_classify),
                fold: Some($fold),
                infer: Some(infer_i1_same_shape),
                format: custom(&F_CLASSIFY),
            }
        }
    };
}

classify_op! {
    /// Returns true if the float-like operand is finite (normal, subnormal or zero), as `i1`
    /// of the operand's shape.
    ///
    /// ```mlir
    /// %f = math.isfinite %a : f32
    /// ```
    IsFiniteOp = "math.isfinite", "returns true if the operand classifies as finite", fold: fold_isfinite
}
classify_op! {
    /// Returns true if the float-like operand is an infinity of either sign.
    ///
    /// ```mlir
    /// %f = math.isinf %a : f32
    /// ```
    IsInfOp = "math.isinf", "returns true if the operand classifies as infinite", fold: fold_isinf
}
classify_op! {
    /// Returns true if the float-like operand is a NaN.
    ///
    /// ```mlir
    /// %f = math.isnan %a : f32
    /// ```
    IsNaNOp = "math.isnan", "returns true if the operand classifies as NaN", fold: fold_isnan
}
classify_op! {
    /// Returns true if the float-like operand is normal (neither zero, subnormal, infinite
    /// nor NaN).
    ///
    /// ```mlir
    /// %f = math.isnormal %a : f32
    /// ```
    IsNormalOp = "math.isnormal", "returns true if the operand classifies as normal", fold: fold_isnormal
}

op! {
    /// Computes both the sine and the cosine of a float-like value.
    ///
    /// ```mlir
    /// %sin, %cos = math.sincos %input : f64
    /// ```
    pub struct SincosOp = "math.sincos";
    summary: "sine and cosine of the specified value";
    operands: [operand];
    results: [sin, cos];
    attrs: [fastmath = "fastmath"];
    def: {
        traits: PURE_EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(2),
        operand_type: Some(FLOAT_LIKE),
        result_type: Some(FLOAT_LIKE),
        attrs: &[FASTMATH_ATTR],
        verify: Some(verify_sincos),
        infer: Some(infer_two_same),
        format: custom(&F_SINCOS),
    }
}

/// All math op definitions, in alphabetical order of their names.
pub static OPS: &[&strata_ir::OpDef] = &[
    &AbsFOp::DEF,
    &AbsIOp::DEF,
    &AcosOp::DEF,
    &AcoshOp::DEF,
    &AsinOp::DEF,
    &AsinhOp::DEF,
    &AtanOp::DEF,
    &Atan2Op::DEF,
    &AtanhOp::DEF,
    &CbrtOp::DEF,
    &CeilOp::DEF,
    &ClampFOp::DEF,
    &CopySignOp::DEF,
    &CosOp::DEF,
    &CoshOp::DEF,
    &CountLeadingZerosOp::DEF,
    &CountTrailingZerosOp::DEF,
    &CtPopOp::DEF,
    &ErfOp::DEF,
    &ErfcOp::DEF,
    &ExpOp::DEF,
    &Exp2Op::DEF,
    &ExpM1Op::DEF,
    &FloorOp::DEF,
    &FmaOp::DEF,
    &FPowIOp::DEF,
    &IPowIOp::DEF,
    &IsFiniteOp::DEF,
    &IsInfOp::DEF,
    &IsNaNOp::DEF,
    &IsNormalOp::DEF,
    &LogOp::DEF,
    &Log10Op::DEF,
    &Log1pOp::DEF,
    &Log2Op::DEF,
    &PowFOp::DEF,
    &RoundOp::DEF,
    &RoundEvenOp::DEF,
    &RsqrtOp::DEF,
    &SinOp::DEF,
    &SincosOp::DEF,
    &SinhOp::DEF,
    &SqrtOp::DEF,
    &TanOp::DEF,
    &TanhOp::DEF,
    &TruncOp::DEF,
];
