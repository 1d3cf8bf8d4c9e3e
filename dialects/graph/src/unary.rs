//! Unary elementwise ops: arithmetic, transcendental functions, activations, rounding,
//! `clip`, `not` and `cast`. The result has the operand's shape (and, except for `cast`, its
//! type).
//!
//! Float functions without an exact result (`exp`, `log`, `erf`, `tanh`, `sigmoid`, `sin`,
//! `cos`, `elu`, `gelu`, ...) are evaluated in at least the element type's precision and
//! rounded to it; they are not constant-folded (see [`fold`](crate::fold)).

use crate::attr::{float_c, i64_c, number_c, string_c, type_req, Attrs, Scalar};
use crate::fold::{
    cast_scalar, const_operand, defining, fold_unary_const, map_const, operand, result_type,
    to_value_if_same_type, BinaryKind, Folded, ScalarValue, UnaryKind,
};
use crate::shape::unidirectional_broadcastable;
use crate::util::{
    elem_class, operands, same_elem, ty_str, Elems, ANY_TENSOR, BOOL_TENSOR, FLOAT_TENSOR,
    NUMERIC_TENSOR, SIGNED_TENSOR,
};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, OpRef, Traits, Type};

const EW: Traits = Traits::PURE.with(Traits::ELEMENTWISE);
const EW_INV: Traits = EW.with(Traits::INVOLUTION);
/// `op(op(x)) == op(x)`.
const EW_IDEM: Traits = EW.with(Traits::IDEMPOTENT);

fn infer_same(ctx: &Context, types: &[Type], elems: Elems) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, elems)?;
    Ok(vec![ops[0].ty])
}

/// Inference of float-only unary ops: the result type is the operand type.
pub fn infer_float(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_same(ctx, types, Elems::Float)
}
/// Inference of unary ops on integers and floats.
pub fn infer_numeric(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_same(ctx, types, Elems::Numeric)
}
/// Inference of unary ops on signed integers and floats.
pub fn infer_signed(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_same(ctx, types, Elems::Signed)
}
/// Inference of unary ops on `i1`.
pub fn infer_bool(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_same(ctx, types, Elems::Bool)
}

/// Shared folder of the foldable unary ops: `op(op(x)) = x` for involutions (`neg`, `not`),
/// `op(op(x)) = op(x)` for idempotent ops (`abs`, `relu`, `sign`, `floor`, `ceil`, `round`),
/// then constant folding.
pub fn fold_unary(op: &OpRef<'_>, consts: &[Option<Attribute>], kind: UnaryKind) -> Folded {
    let x = operand(op, 0)?;
    if kind.is_involution() || kind.is_idempotent() {
        if let Some(inner) = defining(op, x, op.name()) {
            let v = if kind.is_involution() {
                operand(&inner, 0)?
            } else {
                x
            };
            if let Some(f) = to_value_if_same_type(op, v) {
                return Some(f);
            }
        }
    }
    fold_unary_const(op, consts, kind)
}

macro_rules! unary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, traits: $traits:expr,
        operand_type: $c:expr, infer: $infer:expr, fold: $fold:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [input];
            results: [output];
            def: {
                traits: $traits,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some($c),
                result_type: Some($c),
                verify: Some(verify_inferred),
                infer: Some($infer),
                fold: $fold,
            }
        }
    };
}

macro_rules! folder {
    ($f:ident, $kind:ident) => {
        fn $f(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
            fold_unary(&op, c, UnaryKind::$kind)
        }
    };
}
folder!(fold_neg, Neg);
folder!(fold_abs, Abs);
folder!(fold_sqrt, Sqrt);
folder!(fold_reciprocal, Reciprocal);
folder!(fold_relu, Relu);
folder!(fold_not, Not);
folder!(fold_floor, Floor);
folder!(fold_ceil, Ceil);
folder!(fold_round, Round);
folder!(fold_sign, Sign);

unary_op! {
    /// Elementwise negation `-x` (ONNX `Neg`, opset 13) of signed integers and floats.
    /// Integers wrap (`-MIN = MIN`); floats flip the sign bit (NaN included).
    ///
    /// Folds `neg(neg(x))` to `x` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    NegOp = "graph.neg", "elementwise negation", traits: EW_INV,
    operand_type: SIGNED_TENSOR, infer: infer_signed, fold: Some(fold_neg)
}
unary_op! {
    /// Elementwise absolute value (ONNX `Abs`, opset 13). Signed integers wrap
    /// (`abs(MIN) = MIN`); unsigned integers are unchanged; floats clear the sign bit.
    ///
    /// Folds `abs(abs(x))` to `abs(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.abs"(%x) : (tensor<2x?xi32>) -> tensor<2x?xi32>
    /// ```
    AbsOp = "graph.abs", "elementwise absolute value", traits: EW_IDEM,
    operand_type: NUMERIC_TENSOR, infer: infer_numeric, fold: Some(fold_abs)
}
unary_op! {
    /// Elementwise natural exponential `e^x` (ONNX `Exp`, opset 13).
    ///
    /// ```mlir
    /// %0 = "graph.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    ExpOp = "graph.exp", "elementwise exponential", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise natural logarithm (ONNX `Log`, opset 13): `log(0) = -inf`, `log(x < 0)`
    /// is NaN.
    ///
    /// ```mlir
    /// %0 = "graph.log"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    LogOp = "graph.log", "elementwise natural logarithm", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise square root (ONNX `Sqrt`, opset 13), correctly rounded; negative inputs
    /// give NaN, `sqrt(-0.0) = -0.0`.
    ///
    /// Folds constants.
    ///
    /// ```mlir
    /// %0 = "graph.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    SqrtOp = "graph.sqrt", "elementwise square root", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: Some(fold_sqrt)
}
unary_op! {
    /// Elementwise reciprocal `1 / x` (ONNX `Reciprocal`, opset 13), correctly rounded.
    ///
    /// Folds constants.
    ///
    /// ```mlir
    /// %0 = "graph.reciprocal"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    ReciprocalOp = "graph.reciprocal", "elementwise reciprocal", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: Some(fold_reciprocal)
}
unary_op! {
    /// Elementwise Gauss error function `erf(x)` (ONNX `Erf`, opset 13).
    ///
    /// ```mlir
    /// %0 = "graph.erf"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    ErfOp = "graph.erf", "elementwise error function", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise hyperbolic tangent (ONNX `Tanh`, opset 13).
    ///
    /// ```mlir
    /// %0 = "graph.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    TanhOp = "graph.tanh", "elementwise hyperbolic tangent", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise logistic sigmoid `1 / (1 + exp(-x))` (ONNX `Sigmoid`, opset 13).
    ///
    /// ```mlir
    /// %0 = "graph.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    SigmoidOp = "graph.sigmoid", "elementwise logistic sigmoid", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise rectified linear unit `max(x, 0)` (ONNX `Relu`, opset 14) on signed
    /// integers and floats. Floats: negative values and `-0.0` give `+0.0`, NaN stays NaN.
    ///
    /// Folds `relu(relu(x))` to `relu(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    ReluOp = "graph.relu", "elementwise rectified linear unit", traits: EW_IDEM,
    operand_type: SIGNED_TENSOR, infer: infer_signed, fold: Some(fold_relu)
}

/// Inference of `leaky_relu`, `elu`: a float operand and a float `alpha`.
pub fn infer_alpha(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    Attrs::new(ctx, attrs).f64("alpha", 0.0)?;
    infer_same(ctx, types, Elems::Float)
}

op! {
    /// Elementwise leaky rectified linear unit (ONNX `LeakyRelu`, opset 16):
    /// `x < 0 ? alpha * x : x`. `alpha` defaults to `0.01`.
    ///
    /// ```mlir
    /// %0 = "graph.leaky_relu"(%x) <{alpha = 1.000000e-01 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    pub struct LeakyReluOp = "graph.leaky_relu";
    summary: "elementwise leaky rectified linear unit";
    operands: [input];
    results: [output];
    attrs: [alpha = "alpha"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[float_c("alpha")],
        verify: Some(verify_inferred),
        infer: Some(infer_alpha),
    }
}

/// Inference of `prelu`: `slope` has the input's element type and broadcasts
/// unidirectionally to its shape.
pub fn infer_prelu(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Signed)?;
    same_elem(ctx, &ops)?;
    if !unidirectional_broadcastable(ops[1].shape, ops[0].shape) {
        return Err(format!(
            "slope shape {} does not broadcast to input shape {}",
            crate::shape::format_shape(ops[1].shape),
            crate::shape::format_shape(ops[0].shape)
        ));
    }
    Ok(vec![ops[0].ty])
}

op! {
    /// Elementwise parametric rectified linear unit (ONNX `PRelu`, opset 16):
    /// `x < 0 ? slope * x : x`, with `slope` broadcast unidirectionally to `x`'s shape
    /// (right-aligned, dimensions 1 or equal). Signed integers and floats.
    ///
    /// ```mlir
    /// %0 = "graph.prelu"(%x, %slope) : (tensor<1x16x8x8xf32>, tensor<16x1x1xf32>) -> tensor<1x16x8x8xf32>
    /// ```
    pub struct PReluOp = "graph.prelu";
    summary: "elementwise parametric rectified linear unit";
    operands: [input, slope];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(SIGNED_TENSOR),
        result_type: Some(SIGNED_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_prelu),
    }
}

op! {
    /// Elementwise exponential linear unit (ONNX `Elu`, opset 6):
    /// `x < 0 ? alpha * (exp(x) - 1) : x`. `alpha` defaults to `1.0`.
    ///
    /// ```mlir
    /// %0 = "graph.elu"(%x) <{alpha = 1.000000e+00 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    pub struct EluOp = "graph.elu";
    summary: "elementwise exponential linear unit";
    operands: [input];
    results: [output];
    attrs: [alpha = "alpha"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[float_c("alpha")],
        verify: Some(verify_inferred),
        infer: Some(infer_alpha),
    }
}

/// Inference of `gelu`: a float operand; `approximate` is `"none"` or `"tanh"`.
pub fn infer_gelu(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    Attrs::new(ctx, attrs).choice("approximate", "none", &["none", "tanh"])?;
    infer_same(ctx, types, Elems::Float)
}

op! {
    /// Elementwise Gaussian error linear unit (ONNX `Gelu`, opset 20). With
    /// `approximate = "none"` (the default): `0.5 * x * (1 + erf(x / sqrt(2)))`; with
    /// `"tanh"`: `0.5 * x * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 * x^3)))`.
    ///
    /// ```mlir
    /// %0 = "graph.gelu"(%x) <{approximate = "tanh"}> : (tensor<2x8xf32>) -> tensor<2x8xf32>
    /// ```
    pub struct GeluOp = "graph.gelu";
    summary: "elementwise Gaussian error linear unit";
    operands: [input];
    results: [output];
    attrs: [approximate = "approximate"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[string_c("approximate")],
        verify: Some(verify_inferred),
        infer: Some(infer_gelu),
    }
}

/// Inference of `hard_sigmoid`: a float operand, float `alpha` and `beta`.
pub fn infer_hard_sigmoid(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let a = Attrs::new(ctx, attrs);
    a.f64("alpha", 0.2)?;
    a.f64("beta", 0.5)?;
    infer_same(ctx, types, Elems::Float)
}

op! {
    /// Elementwise hard sigmoid (ONNX `HardSigmoid`, opset 6):
    /// `max(0, min(1, alpha * x + beta))`, with `alpha` defaulting to `0.2` and `beta` to
    /// `0.5`.
    ///
    /// ```mlir
    /// %0 = "graph.hard_sigmoid"(%x) <{alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    pub struct HardSigmoidOp = "graph.hard_sigmoid";
    summary: "elementwise hard sigmoid";
    operands: [input];
    results: [output];
    attrs: [alpha = "alpha", beta = "beta"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_TENSOR),
        result_type: Some(FLOAT_TENSOR),
        attrs: &[float_c("alpha"), float_c("beta")],
        verify: Some(verify_inferred),
        infer: Some(infer_hard_sigmoid),
    }
}

unary_op! {
    /// Elementwise hard swish (ONNX `HardSwish`, opset 14):
    /// `x * max(0, min(1, x / 6 + 0.5))`.
    ///
    /// ```mlir
    /// %0 = "graph.hard_swish"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    HardSwishOp = "graph.hard_swish", "elementwise hard swish", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}

/// Inference of `clip`: a numeric operand; `min` and `max` (optional) are float attributes
/// for float tensors and integer attributes for integer tensors.
pub fn infer_clip(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Numeric)?;
    let a = Attrs::new(ctx, attrs);
    a.scalar_for("min", ops[0].elem)?;
    a.scalar_for("max", ops[0].elem)?;
    Ok(vec![ops[0].ty])
}

fn fold_clip(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    let (_, elem) = crate::util::ranked(op.ctx, op.ty(x))?;
    let a = Attrs::new(op.ctx, crate::verify::merged_attrs(&op));
    let lo = a.scalar_for("min", elem).ok()?;
    let hi = a.scalar_for("max", elem).ok()?;
    if lo.is_none() && hi.is_none() {
        return to_value_if_same_type(&op, x);
    }
    let d = const_operand(op.ctx, c, 0)?;
    let (w, s) =
        crate::fold::int_info(op.ctx, elem).unwrap_or((64, strata_ir::Signedness::Signless));
    map_const(&op, &d, |v| {
        let clamp = |v: ScalarValue, b: Option<Scalar>, kind: BinaryKind| match (v, b) {
            (v, None) => Some(v),
            (ScalarValue::Float(x), Some(Scalar::Float(b))) => {
                kind.eval_float(x, b).map(ScalarValue::Float)
            }
            (ScalarValue::Int(x), Some(Scalar::Int(b))) => {
                let b = strata_ir::numeric::normalize_bits(b, w, s);
                kind.eval_int(x, b, w, s).map(ScalarValue::Int)
            }
            _ => None,
        };
        let v = clamp(v, lo, BinaryKind::Max)?;
        clamp(v, hi, BinaryKind::Min)
    })
}

op! {
    /// Elementwise clamp `min(max(x, min), max)` (ONNX `Clip`, opset 13, with the bounds
    /// as attributes). `min` and `max` are optional (absent: unbounded on that side) and must
    /// be float attributes for float tensors, integer attributes (truncated to the element
    /// width) for integer tensors. When `min > max` every element is `max`. NaN propagates.
    /// The ONNX importer turns constant `min`/`max` inputs into attributes and non-constant
    /// ones into `graph.max`/`graph.min`.
    ///
    /// Folds to `x` without bounds, and constants.
    ///
    /// ```mlir
    /// %0 = "graph.clip"(%x) <{max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    pub struct ClipOp = "graph.clip";
    summary: "elementwise clamp";
    operands: [input];
    results: [output];
    attrs: [min = "min", max = "max"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        attrs: &[number_c("min"), number_c("max")],
        verify: Some(verify_inferred),
        infer: Some(infer_clip),
        fold: Some(fold_clip),
    }
}

unary_op! {
    /// Elementwise logical negation of `i1` (ONNX `Not`, opset 1).
    ///
    /// Folds `not(not(x))` to `x` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.not"(%x) : (tensor<4xi1>) -> tensor<4xi1>
    /// ```
    NotOp = "graph.not", "elementwise logical not", traits: EW_INV,
    operand_type: BOOL_TENSOR, infer: infer_bool, fold: Some(fold_not)
}
unary_op! {
    /// Elementwise rounding toward negative infinity (ONNX `Floor`, opset 13).
    ///
    /// Folds `floor(floor(x))` to `floor(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.floor"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    FloorOp = "graph.floor", "elementwise floor", traits: EW_IDEM,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: Some(fold_floor)
}
unary_op! {
    /// Elementwise rounding toward positive infinity (ONNX `Ceil`, opset 13).
    ///
    /// Folds `ceil(ceil(x))` to `ceil(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.ceil"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    CeilOp = "graph.ceil", "elementwise ceiling", traits: EW_IDEM,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: Some(fold_ceil)
}
unary_op! {
    /// Elementwise rounding to the nearest integer, halves to even (ONNX `Round`, opset 11:
    /// `round(2.5) = 2`, `round(-1.5) = -2`).
    ///
    /// Folds `round(round(x))` to `round(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.round"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    RoundOp = "graph.round", "elementwise round half to even", traits: EW_IDEM,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: Some(fold_round)
}
unary_op! {
    /// Elementwise sign (ONNX `Sign`, opset 13): `-1`, `0` or `1` (unsigned: `0` or `1`).
    /// Floats: `±0.0` and NaN are returned unchanged.
    ///
    /// Folds `sign(sign(x))` to `sign(x)` and constants.
    ///
    /// ```mlir
    /// %0 = "graph.sign"(%x) : (tensor<4xi32>) -> tensor<4xi32>
    /// ```
    SignOp = "graph.sign", "elementwise sign", traits: EW_IDEM,
    operand_type: NUMERIC_TENSOR, infer: infer_numeric, fold: Some(fold_sign)
}
unary_op! {
    /// Elementwise sine of radians (ONNX `Sin`, opset 7).
    ///
    /// ```mlir
    /// %0 = "graph.sin"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    SinOp = "graph.sin", "elementwise sine", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise cosine of radians (ONNX `Cos`, opset 7).
    ///
    /// ```mlir
    /// %0 = "graph.cos"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    CosOp = "graph.cos", "elementwise cosine", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise arcsine, in radians `[-pi/2, pi/2]`; NaN outside `[-1, 1]` (ONNX `Asin`, opset 7).
    ///
    /// ```mlir
    /// %0 = "graph.asin"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    AsinOp = "graph.asin", "elementwise arcsine", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise arccosine, in radians `[0, pi]`; NaN outside `[-1, 1]` (ONNX `Acos`, opset 7).
    ///
    /// ```mlir
    /// %0 = "graph.acos"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    AcosOp = "graph.acos", "elementwise arccosine", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}
unary_op! {
    /// Elementwise arctangent, in radians `(-pi/2, pi/2)` (ONNX `Atan`, opset 7).
    ///
    /// ```mlir
    /// %0 = "graph.atan"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    /// ```
    AtanOp = "graph.atan", "elementwise arctangent", traits: EW,
    operand_type: FLOAT_TENSOR, infer: infer_float, fold: None
}

/// Inference of `cast`: any graph tensor; the result has the operand's shape and element
/// type `to`.
pub fn infer_cast(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let a = Attrs::new(ctx, attrs);
    let to = a.ty_req("to")?;
    if elem_class(ctx, to).is_none() {
        return Err(format!(
            "attribute 'to' must be a bool, integer or float type, but got '{}'",
            ty_str(ctx, to)
        ));
    }
    a.flag("saturate", true)?;
    a.choice("round_mode", "up", &["up", "down", "nearest"])?;
    Ok(vec![crate::util::tensor(ctx, ops[0].shape, to)])
}

fn fold_cast(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(f) = to_value_if_same_type(&op, x) {
        return Some(f);
    }
    let d = const_operand(op.ctx, c, 0)?;
    let (_, to) = crate::util::ranked(op.ctx, result_type(&op, 0)?)?;
    let from = d.elem;
    // Conversions to and from the small float formats (saturation, e8m0 rounding modes)
    // are left to the interpreter.
    let small =
        |t| matches!(op.ctx.type_kind(t), strata_ir::TypeKind::Float(k) if !k.is_ieee_arith());
    if small(from) || small(to) {
        return None;
    }
    map_const(&op, &d, |v| cast_scalar(op.ctx, from, to, v))
}

op! {
    /// Elementwise conversion to element type `to` (ONNX `Cast`, opset 25). The result has
    /// the operand's shape and element type `to` (a type attribute, equal to the result
    /// element type). Optional `saturate` (`0`/`1`, default `1`) and `round_mode` (`"up"`,
    /// `"down"`, `"nearest"`, default `"up"`) are ONNX's attributes of the same names.
    /// Semantics per element:
    ///
    /// * to `i1`: `x != 0` (NaN gives `true`);
    /// * integer or `i1` to integer: truncation to the target width (two's complement),
    ///   sign-extending `iN`/`siN` sources and zero-extending `uiN` and `i1` sources;
    /// * integer to float, float to float: round to nearest even (overflow gives `±inf`);
    /// * float to integer: truncation toward zero; NaN, infinities and values out of the
    ///   target range are undefined in ONNX; Strata saturates to the target range and maps
    ///   NaN to 0, except for the 4- and 2-bit targets (`i4`, `ui4`, `i2`, `ui2`), where it
    ///   wraps the truncated value (saturated to 64 bits) modulo 2^N, as ONNX's reference;
    /// * to `f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`: round to nearest even; with
    ///   `saturate = 1` values beyond the largest finite value, infinities included, become
    ///   that value of their sign; with `saturate = 0` they become infinity (`f8E5M2`) or NaN;
    /// * to `f4E2M1FN`: round to nearest even, saturating (infinities give ±6); NaN gives
    ///   `-0` (ONNX's reference, through `ml_dtypes`);
    /// * to `f8E8M0FNU`: the value is rounded to `f32` first, then its exponent is taken with
    ///   `round_mode` (`up`: any nonzero fraction rounds up; `nearest`: by the first dropped
    ///   bit, ties up; `down`: truncate), ignoring the sign; NaN and infinities give NaN;
    ///   `saturate = 1` keeps a round-up at the largest exponent from becoming NaN (ONNX's
    ///   `to_float8e8m0`);
    /// * from the small float formats: their exact value, then the rules above.
    ///
    /// Folds a cast to the same type to its operand, and constants (except the undefined
    /// cases and casts from or to the small float formats).
    ///
    /// ```mlir
    /// %0 = "graph.cast"(%x) <{to = f16}> : (tensor<2x3xf32>) -> tensor<2x3xf16>
    /// %1 = "graph.cast"(%x) <{saturate = 0 : i64, to = f8E4M3FN}> : (tensor<2x3xf32>) -> tensor<2x3xf8E4M3FN>
    /// ```
    pub struct CastOp = "graph.cast";
    summary: "elementwise element type conversion";
    operands: [input];
    results: [output];
    attrs: [to = "to"];
    def: {
        traits: EW,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[type_req("to"), i64_c("saturate"), string_c("round_mode")],
        verify: Some(verify_inferred),
        infer: Some(infer_cast),
        fold: Some(fold_cast),
    }
}
