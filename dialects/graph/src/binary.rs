//! Binary elementwise ops with numpy broadcasting (`add` ... `greater_equal`, `pow`, `mod`) and the
//! ternary `where`.
//!
//! Operands broadcast multidirectionally ([`broadcast_shapes`](crate::shape::broadcast_shapes)):
//! shapes are right-aligned and each pair of dimensions must be equal or contain a 1. Because
//! of broadcasting these ops are not marked `ELEMENTWISE` (MLIR's `Elementwise` requires all
//! non-scalar operands to have the same shape). ONNX's variadic `Max`/`Min`/`Sum` are chains
//! of the binary ops here.

use crate::fold::{
    const_operand, fold_binary_consts, operand, result_type, to_value_if_same_type, BinaryKind,
    Folded,
};
use crate::shape::broadcast_all;
use crate::util::{
    elem_class, operand as check_operand, operands, same_elem, tensor, ElemClass, Elems,
    ANY_OR_STRING_TENSOR, ANY_TENSOR, BOOL_TENSOR, NUMERIC_TENSOR,
};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, FoldResult, OpRef, Traits, Type};

const PURE: Traits = Traits::PURE;
const COMM: Traits = Traits::PURE.with(Traits::COMMUTATIVE);
const COMM_IDEM: Traits = COMM.with(Traits::IDEMPOTENT);

fn infer_broadcast(
    ctx: &Context,
    types: &[Type],
    elems: Elems,
    result_elem: Option<Type>,
) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, elems)?;
    same_elem(ctx, &ops)?;
    let shape = broadcast_all(&[ops[0].shape, ops[1].shape])
        .map_err(|e| format!("operands don't have broadcast-compatible shapes: {e}"))?;
    Ok(vec![tensor(
        ctx,
        &shape,
        result_elem.unwrap_or(ops[0].elem),
    )])
}

/// Inference of the arithmetic ops (`add`, `sub`, `mul`, `div`, `max`, `min`): integer or
/// float operands of one element type; the result has the broadcast shape and that type.
pub fn infer_arith(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_broadcast(ctx, types, Elems::Numeric, None)
}

/// Inference of `and`, `or`, `xor`: `i1` operands, `i1` result of the broadcast shape.
pub fn infer_logical(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_broadcast(ctx, types, Elems::Bool, None)
}

/// Inference of `equal`: operands of any one element type (bool and `!graph.string`
/// included), `i1` result.
pub fn infer_equal(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_broadcast(ctx, types, Elems::AnyOrString, Some(ctx.i1()))
}

/// Inference of the ordered comparisons: integer or float operands of one element type,
/// `i1` result.
pub fn infer_compare(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    infer_broadcast(ctx, types, Elems::Numeric, Some(ctx.i1()))
}

/// Inference of `pow`: the base and exponent may have different numeric element types; the
/// result has the base's.
pub fn infer_pow(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 2, 2, Elems::Numeric)?;
    let shape = broadcast_all(&[ops[0].shape, ops[1].shape])
        .map_err(|e| format!("operands don't have broadcast-compatible shapes: {e}"))?;
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

/// Inference of `where`: an `i1` condition and two values of one element type, all three
/// broadcast together.
pub fn infer_where(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    if types.len() != 3 {
        return Err(format!("expected 3 operands, but found {}", types.len()));
    }
    let c = check_operand(ctx, 0, types[0], Elems::Bool)?;
    let x = check_operand(ctx, 1, types[1], Elems::Any)?;
    let y = check_operand(ctx, 2, types[2], Elems::Any)?;
    same_elem(ctx, &[x, y])?;
    let shape = broadcast_all(&[c.shape, x.shape, y.shape])
        .map_err(|e| format!("operands don't have broadcast-compatible shapes: {e}"))?;
    Ok(vec![tensor(ctx, &shape, x.elem)])
}

/// Whether the result element type of `op` is a float.
fn float_result(op: &OpRef<'_>) -> bool {
    result_type(op, 0)
        .and_then(|t| crate::util::ranked(op.ctx, t))
        .is_some_and(|(_, e)| elem_class(op.ctx, e) == Some(ElemClass::Float))
}

/// Shared folder of the binary ops: algebraic identities first (`x + 0`, `x - 0`, `x * 1`,
/// `x / 1`, `x ^ 1`, `x and true`, `x or false`, `x xor false`, `max(x, x)`, `min(x, x)`,
/// `x and x`, `x or x`), then constant folding. For floats the additive identity is `-0.0`
/// (`-0.0 + +0.0` is `+0.0`, so `x + 0.0` is not `x`); `x - +0.0` is `x`.
pub fn fold_binary(op: &OpRef<'_>, consts: &[Option<Attribute>], kind: BinaryKind) -> Folded {
    let (l, r) = (operand(op, 0)?, operand(op, 1)?);
    let float = float_result(op);
    let is_identity = |i: usize| {
        const_operand(op.ctx, consts, i).is_some_and(|d| match kind {
            BinaryKind::Add => d.is_splat_of(if float { -0.0 } else { 0.0 }),
            BinaryKind::Sub => i == 1 && d.is_splat_of(0.0),
            BinaryKind::Mul | BinaryKind::And => d.is_splat_of(1.0),
            BinaryKind::Div | BinaryKind::Pow => i == 1 && d.is_splat_of(1.0),
            BinaryKind::Or | BinaryKind::Xor => d.is_splat_of(0.0),
            _ => false,
        })
    };
    if is_identity(1) {
        if let Some(f) = to_value_if_same_type(op, l) {
            return Some(f);
        }
    }
    if is_identity(0) {
        if let Some(f) = to_value_if_same_type(op, r) {
            return Some(f);
        }
    }
    if l == r
        && matches!(
            kind,
            BinaryKind::Max | BinaryKind::Min | BinaryKind::And | BinaryKind::Or
        )
    {
        if let Some(f) = to_value_if_same_type(op, l) {
            return Some(f);
        }
    }
    fold_binary_consts(op, consts, kind)
}

macro_rules! binary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, traits: $traits:expr,
        operand_type: $c:expr, infer: $infer:expr, kind: $kind:ident, folder: $fold:ident
    ) => {
        fn $fold(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
            fold_binary(&op, c, BinaryKind::$kind)
        }
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [lhs, rhs];
            results: [result];
            def: {
                traits: $traits,
                operands: Arity::Exactly(2),
                results: Arity::Exactly(1),
                operand_type: Some($c),
                result_type: Some(ANY_TENSOR),
                verify: Some(verify_inferred),
                infer: Some($infer),
                fold: Some($fold),
            }
        }
    };
}

binary_op! {
    /// Elementwise addition with numpy broadcasting (ONNX `Add`, opset 14). Integers wrap
    /// modulo `2^width`; floats follow IEEE 754 (round to nearest even).
    ///
    /// Folds `x + 0` (integers) and `x + -0.0` (floats) to `x` when the result has `x`'s
    /// type, and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    /// ```
    AddOp = "graph.add", "elementwise addition", traits: COMM,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Add, folder: fold_add
}
binary_op! {
    /// Elementwise subtraction `lhs - rhs` with numpy broadcasting (ONNX `Sub`, opset 14).
    /// Integers wrap modulo `2^width`.
    ///
    /// Folds `x - 0` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.sub"(%a, %b) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi32>
    /// ```
    SubOp = "graph.sub", "elementwise subtraction", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Sub, folder: fold_sub
}
binary_op! {
    /// Elementwise multiplication with numpy broadcasting (ONNX `Mul`, opset 14). Integers
    /// wrap modulo `2^width`.
    ///
    /// Folds `x * 1` and `1 * x` to `x` and constant operands (`x * 0` is not folded: it is
    /// not `0` for NaN or infinite `x`).
    ///
    /// ```mlir
    /// %0 = "graph.mul"(%a, %b) : (tensor<8x16xf16>, tensor<f16>) -> tensor<8x16xf16>
    /// ```
    MulOp = "graph.mul", "elementwise multiplication", traits: COMM,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Mul, folder: fold_mul
}
binary_op! {
    /// Elementwise division `lhs / rhs` with numpy broadcasting (ONNX `Div`, opset 14).
    /// Integer division truncates toward zero (`-7 / 2 = -3`); `MIN / -1` wraps to `MIN`;
    /// integer division by zero is undefined (the interpreter reports an error). Float
    /// division follows IEEE 754 (`x / 0` is `±inf` or NaN).
    ///
    /// Folds `x / 1` to `x` and constant operands with no integer division by zero.
    ///
    /// ```mlir
    /// %0 = "graph.div"(%a, %b) : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
    /// ```
    DivOp = "graph.div", "elementwise division", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Div, folder: fold_div
}
binary_op! {
    /// Elementwise power `lhs ^ rhs` with numpy broadcasting (ONNX `Pow`, opset 15). The
    /// exponent may have a different numeric element type than the base; the result has the
    /// base's element type. Floats: C `pow` on the values converted to the base type's
    /// precision (`pow(x, 0) = 1`, `pow(1, y) = 1`, NaN otherwise propagates; a negative base
    /// with a non-integer exponent gives NaN). Integers: repeated multiplication wrapping
    /// modulo `2^width`; a negative integer exponent is undefined (the interpreter reports
    /// an error). A float exponent with an integer base is applied in `f64` and the result
    /// truncated toward zero to the base type.
    ///
    /// Folds `x ^ 1` to `x` (no constant folding: `pow` is not correctly rounded).
    ///
    /// ```mlir
    /// %0 = "graph.pow"(%x, %e) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
    /// ```
    PowOp = "graph.pow", "elementwise power", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_pow, kind: Pow, folder: fold_pow
}
binary_op! {
    /// Elementwise maximum with numpy broadcasting (ONNX `Max` with two inputs, opset 13).
    /// Floats: NaN propagates, and `max(-0.0, +0.0) = +0.0`. Integers compare by
    /// signedness (`uiN` unsigned, others signed).
    ///
    /// Folds `max(x, x)` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.max"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
    /// ```
    MaxOp = "graph.max", "elementwise maximum", traits: COMM_IDEM,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Max, folder: fold_max
}
binary_op! {
    /// Elementwise minimum with numpy broadcasting (ONNX `Min` with two inputs, opset 13).
    /// Floats: NaN propagates, and `min(-0.0, +0.0) = -0.0`.
    ///
    /// Folds `min(x, x)` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.min"(%a, %b) : (tensor<2x3xi64>, tensor<i64>) -> tensor<2x3xi64>
    /// ```
    MinOp = "graph.min", "elementwise minimum", traits: COMM_IDEM,
    operand_type: NUMERIC_TENSOR, infer: infer_arith, kind: Min, folder: fold_min
}
binary_op! {
    /// Elementwise logical and of `i1` tensors with numpy broadcasting (ONNX `And`, opset 7).
    ///
    /// Folds `x and true` and `x and x` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.and"(%a, %b) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
    /// ```
    AndOp = "graph.and", "elementwise logical and", traits: COMM_IDEM,
    operand_type: BOOL_TENSOR, infer: infer_logical, kind: And, folder: fold_and
}
binary_op! {
    /// Elementwise logical or of `i1` tensors with numpy broadcasting (ONNX `Or`, opset 7).
    ///
    /// Folds `x or false` and `x or x` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.or"(%a, %b) : (tensor<4xi1>, tensor<1xi1>) -> tensor<4xi1>
    /// ```
    OrOp = "graph.or", "elementwise logical or", traits: COMM_IDEM,
    operand_type: BOOL_TENSOR, infer: infer_logical, kind: Or, folder: fold_or
}
binary_op! {
    /// Elementwise logical exclusive or of `i1` tensors with numpy broadcasting (ONNX
    /// `Xor`, opset 7).
    ///
    /// Folds `x xor false` to `x` and constant operands.
    ///
    /// ```mlir
    /// %0 = "graph.xor"(%a, %b) : (tensor<2x2xi1>, tensor<2x2xi1>) -> tensor<2x2xi1>
    /// ```
    XorOp = "graph.xor", "elementwise logical xor", traits: COMM,
    operand_type: BOOL_TENSOR, infer: infer_logical, kind: Xor, folder: fold_xor
}
binary_op! {
    /// Elementwise equality with numpy broadcasting (ONNX `Equal`, opset 19); operands of
    /// any one element type (bool and `!graph.string` included), `i1` result. Floats: NaN
    /// is unequal to everything, `-0.0 == +0.0`; strings compare byte for byte.
    ///
    /// ```mlir
    /// %0 = "graph.equal"(%a, %b) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi1>
    /// ```
    EqualOp = "graph.equal", "elementwise equality", traits: COMM,
    operand_type: ANY_OR_STRING_TENSOR, infer: infer_equal, kind: Equal, folder: fold_equal
}
binary_op! {
    /// Elementwise `lhs < rhs` with numpy broadcasting (ONNX `Less`, opset 13), `i1` result.
    /// Comparisons with NaN are false.
    ///
    /// ```mlir
    /// %0 = "graph.less"(%a, %b) : (tensor<4xf32>, tensor<f32>) -> tensor<4xi1>
    /// ```
    LessOp = "graph.less", "elementwise less-than", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_compare, kind: Less, folder: fold_less
}
binary_op! {
    /// Elementwise `lhs <= rhs` with numpy broadcasting (ONNX `LessOrEqual`, opset 16),
    /// `i1` result. Comparisons with NaN are false.
    ///
    /// ```mlir
    /// %0 = "graph.less_equal"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
    /// ```
    LessEqualOp = "graph.less_equal", "elementwise less-or-equal", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_compare, kind: LessEqual,
    folder: fold_less_equal
}
binary_op! {
    /// Elementwise `lhs > rhs` with numpy broadcasting (ONNX `Greater`, opset 13), `i1`
    /// result. Comparisons with NaN are false.
    ///
    /// ```mlir
    /// %0 = "graph.greater"(%a, %b) : (tensor<2x?xi32>, tensor<i32>) -> tensor<2x?xi1>
    /// ```
    GreaterOp = "graph.greater", "elementwise greater-than", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_compare, kind: Greater, folder: fold_greater
}
binary_op! {
    /// Elementwise `lhs >= rhs` with numpy broadcasting (ONNX `GreaterOrEqual`, opset 16),
    /// `i1` result. Comparisons with NaN are false.
    ///
    /// ```mlir
    /// %0 = "graph.greater_equal"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
    /// ```
    GreaterEqualOp = "graph.greater_equal", "elementwise greater-or-equal", traits: PURE,
    operand_type: NUMERIC_TENSOR, infer: infer_compare, kind: GreaterEqual,
    folder: fold_greater_equal
}

fn fold_where(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let cond = const_operand(op.ctx, c, 0)?;
    if !cond.is_splat() {
        return None;
    }
    let pick = if cond.int(0)? != 0 { 1 } else { 2 };
    let v = operand(&op, pick)?;
    to_value_if_same_type(&op, v).or_else(|| {
        // A constant of the chosen side broadcast to a static result: only splats.
        let d = const_operand(op.ctx, c, pick)?;
        let rty = result_type(&op, 0)?;
        if !d.is_splat() {
            return None;
        }
        let attr = crate::dense::dense_attr(op.ctx, rty, &d.values)?;
        Some(vec![FoldResult::Attr(attr)])
    })
}

op! {
    /// Elementwise selection `condition ? x : y` with numpy broadcasting of all three operands
    /// (ONNX `Where`, opset 16). `condition` is `i1`; `x` and `y` share the result's element
    /// type.
    ///
    /// Folds a splat constant condition to the chosen operand (when its type is the
    /// result's, or it is a splat constant).
    ///
    /// ```mlir
    /// %0 = "graph.where"(%c, %x, %y) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<f32>) -> tensor<2x3xf32>
    /// ```
    pub struct WhereOp = "graph.where";
    summary: "elementwise selection";
    operands: [condition, x, y];
    results: [result];
    def: {
        traits: PURE,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_where),
        fold: Some(fold_where),
    }
}

/// Inference of `mod`: as the arithmetic ops, with `fmod` 0 or 1.
pub fn infer_mod(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let r = infer_broadcast(ctx, types, Elems::Numeric, None)?;
    let fmod = crate::attr::Attrs::new(ctx, attrs).i64("fmod", 0)?;
    if !matches!(fmod, 0 | 1) {
        return Err(format!("attribute 'fmod' must be 0 or 1, but got {fmod}"));
    }
    Ok(r)
}

fn fold_mod(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let a = crate::attr::Attrs::new(op.ctx, crate::verify::merged_attrs(&op));
    let kind = if a.i64("fmod", 0).ok()? == 1 {
        BinaryKind::Fmod
    } else {
        BinaryKind::Mod
    };
    fold_binary_consts(&op, c, kind)
}

op! {
    /// Elementwise remainder with numpy broadcasting (ONNX `Mod`, opset 13). With `fmod = 0`
    /// (the default) the result has the sign of the divisor, as Python's `%` and numpy's
    /// `mod` (`-7 mod 3 = 2`); with `fmod = 1` it has the sign of the dividend, as C's
    /// `fmod` (`-7 fmod 3 = -1`). Float remainders are exact (`fmod`, then `+ divisor` when
    /// the signs differ for `fmod = 0`). An integer remainder by zero is undefined (the
    /// interpreter reports an error).
    ///
    /// Folds constant operands (no integer remainder by zero).
    ///
    /// ```mlir
    /// %0 = "graph.mod"(%a, %b) <{fmod = 1 : i64}> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    /// ```
    pub struct ModOp = "graph.mod";
    summary: "elementwise remainder";
    operands: [lhs, rhs];
    results: [result];
    attrs: [fmod = "fmod"];
    def: {
        traits: PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        attrs: &[crate::attr::i64_c("fmod")],
        verify: Some(verify_inferred),
        infer: Some(infer_mod),
        fold: Some(fold_mod),
    }
}

/// Inference of `bit_shift`: integer operands of one element type, broadcast shape, and a
/// `direction` of `"LEFT"` or `"RIGHT"`.
pub fn infer_bit_shift(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let r = infer_broadcast(ctx, types, Elems::Int, None)?;
    crate::attr::Attrs::new(ctx, attrs).choice("direction", "LEFT", &["LEFT", "RIGHT"])?;
    Ok(r)
}

op! {
    /// Elementwise bit shift of integers with numpy broadcasting (ONNX `BitShift`, opset 11):
    /// `lhs << rhs` for `direction = "LEFT"` (the default), `lhs >> rhs` for `"RIGHT"`.
    /// Left shifts wrap modulo `2^n` (bits shifted out are lost, also into and out of the
    /// sign bit of signed types); right shifts are arithmetic for signed and logical for
    /// unsigned types. A shift amount outside `[0, n)` gives 0, or -1 for a right shift of a
    /// negative signed value (as ONNX's reference).
    ///
    /// ```mlir
    /// %0 = "graph.bit_shift"(%a, %b) <{direction = "RIGHT"}> : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
    /// ```
    pub struct BitShiftOp = "graph.bit_shift";
    summary: "elementwise integer bit shift";
    operands: [lhs, rhs];
    results: [result];
    attrs: [direction = "direction"];
    def: {
        traits: PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[crate::attr::string_c("direction")],
        verify: Some(verify_inferred),
        infer: Some(infer_bit_shift),
    }
}
