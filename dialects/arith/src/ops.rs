//! The arith ops: declarations (one [`op!`](strata_ir::op) each), verifiers and folders.

use crate::apfloat::{self, BinOp};
use crate::apint::IntWidth;
use crate::consts::{
    attr_type, dense_attr, fold_unary, i1_same_shape, is_float_splat, is_int_splat, num_elements,
    operand_const, zero_attr, ConstValue, ElemKind, Layout,
};
use crate::enums::{
    is_fastmath_attr, is_overflow_attr, CmpFPredicate, CmpIPredicate, FastMathFlags, OverflowFlags,
    RoundingMode,
};
use crate::fold::{
    defining_named, float_binary, float_unary, int_binary, to_attr, to_value, Folded,
};
use crate::format::{custom, Format, FormatKind};
use crate::util::{
    all_types_match, check_operand, check_result, element_or_self, elementwise,
    infer_i1_same_shape, infer_same, infer_two_same, operand, operand_ty, result_is_i1_same_shape,
    result_ty, same_operands_and_result_shape, same_tensor_dims, ty_str, BITCAST_TYPE, BOOL_LIKE,
    FLOAT_LIKE, INDEX_CAST_TYPE, SIGNLESS_FIXED_WIDTH_INT_LIKE, SIGNLESS_INT_OR_INDEX_LIKE,
};
use strata_ir::{
    op, Arity, AttrConstraint, AttrKind, Attribute, Context, Diagnostic, FoldResult, OpRef, Traits,
    Type, TypeKind,
};

// ----- shared pieces -----

const PURE_EW: Traits = Traits::PURE.with(Traits::ELEMENTWISE);
const BINARY_SAME: Traits = PURE_EW.with(Traits::SAME_OPERANDS_AND_RESULT_TYPE);
const COMM: Traits = BINARY_SAME.with(Traits::COMMUTATIVE);
/// Division ops: no memory effects but not speculatable (division by zero is UB), so not
/// `PURE`.
const DIV_TRAITS: Traits = Traits::ELEMENTWISE.with(Traits::SAME_OPERANDS_AND_RESULT_TYPE);

/// The `fastmath` property (default `#arith.fastmath<none>`).
pub const FASTMATH_ATTR: AttrConstraint = AttrConstraint {
    name: "fastmath",
    required: false,
    description: "Floating point fast math flags",
    check: is_fastmath_attr,
};
/// The `overflowFlags` property (default `#arith.overflow<none>`).
pub const OVERFLOW_ATTR: AttrConstraint = AttrConstraint {
    name: "overflowFlags",
    required: false,
    description: "Integer overflow arith flags",
    check: is_overflow_attr,
};
/// The `isExact` unit property.
pub const EXACT_ATTR: AttrConstraint = AttrConstraint {
    name: "isExact",
    required: false,
    description: "unit attribute",
    check: strata_ir::constraints::is_unit,
};
/// The `roundingmode` property of `truncf`.
pub const ROUNDING_ATTR: AttrConstraint = AttrConstraint {
    name: "roundingmode",
    required: false,
    description: RoundingMode::DESCRIPTION,
    check: RoundingMode::is_valid_attr,
};

static F_INT_BINARY: Format = Format::new(FormatKind::Binary);
static F_INT_BINARY_OVF: Format = Format::new(FormatKind::Binary).overflow();
static F_INT_BINARY_EXACT: Format = Format::new(FormatKind::Binary).exact();
static F_FLOAT_BINARY: Format = Format::new(FormatKind::Binary).fastmath();
static F_FLOAT_UNARY: Format = Format::new(FormatKind::Unary).fastmath();
static F_CAST: Format = Format::new(FormatKind::Cast);
static F_CAST_OVF: Format = Format::new(FormatKind::Cast).overflow();
static F_CAST_FASTMATH: Format = Format::new(FormatKind::Cast).optional_fastmath();
static F_TRUNCF: Format = Format::new(FormatKind::Cast).rounding().optional_fastmath();
static F_CMPI: Format = Format::new(FormatKind::CmpI);
static F_CMPF: Format = Format::new(FormatKind::CmpF).fastmath();
static F_SELECT: Format = Format::new(FormatKind::Select);
static F_CONSTANT: Format = Format::new(FormatKind::Constant);
static F_ADDUI_EXT: Format = Format::new(FormatKind::TwoResultTypes);
static F_MUL_EXT: Format = Format::new(FormatKind::BinaryTwoResults);

fn fastmath_of(op: &OpRef<'_>) -> FastMathFlags {
    op.attr("fastmath")
        .and_then(|a| FastMathFlags::from_attr(op.ctx, a))
        .unwrap_or_default()
}

fn overflow_of(op: &OpRef<'_>) -> OverflowFlags {
    op.attr("overflowFlags")
        .and_then(|a| OverflowFlags::from_attr(op.ctx, a))
        .unwrap_or_default()
}

fn lhs_rhs(op: &OpRef<'_>) -> Option<(strata_ir::Value, strata_ir::Value)> {
    Some((operand(op, 0)?, operand(op, 1)?))
}

fn int_rhs(op: &OpRef<'_>, c: &[Option<Attribute>], pred: impl Fn(IntWidth, u128) -> bool) -> bool {
    is_int_splat(op.ctx, c, 1, pred)
}

fn is_zero(_: IntWidth, v: u128) -> bool {
    v == 0
}

fn is_one(_: IntWidth, v: u128) -> bool {
    v == 1
}

fn is_all_ones(w: IntWidth, v: u128) -> bool {
    v == w.mask()
}

/// `xor(x, all-ones)` defined by `v`: returns `(x, the all-ones value)`.
fn as_not(op: &OpRef<'_>, v: strata_ir::Value) -> Option<(strata_ir::Value, strata_ir::Value)> {
    let x = defining_named(op, v, "arith.xori")?;
    let (a, b) = lhs_rhs(&x)?;
    let cst = constant_value(&x, b)?;
    match (cst.kind, cst.splat_value()) {
        (ElemKind::Int(w), Some(bits)) if bits == w.mask() => Some((a, b)),
        _ => None,
    }
}

/// The constant value of `v` when it is defined by an `arith.constant`.
pub fn constant_value(op: &OpRef<'_>, v: strata_ir::Value) -> Option<ConstValue> {
    let c = defining_named(op, v, "arith.constant")?;
    ConstValue::from_attr(op.ctx, c.attr("value")?)
}

// ----- result type inference -----

fn infer_constant(ctx: &Context, _: &[Type], props: Attribute) -> Result<Vec<Type>, String> {
    let value = ctx
        .dict_get(props, "value")
        .ok_or("requires attribute 'value'")?;
    attr_type(ctx, value)
        .map(|t| vec![t])
        .ok_or_else(|| "value must be a typed attribute".into())
}

fn infer_select(_: &Context, operands: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    operands
        .get(1)
        .map(|&t| vec![t])
        .ok_or_else(|| "expected 3 operands".into())
}

fn infer_addui_extended(
    ctx: &Context,
    operands: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    operands
        .first()
        .map(|&t| vec![t, i1_same_shape(ctx, t)])
        .ok_or_else(|| "expected 2 operands".into())
}

// ----- constant -----

fn is_typed_attr(ctx: &Context, a: Attribute) -> bool {
    attr_type(ctx, a).is_some()
}

const VALUE_ATTR: AttrConstraint = AttrConstraint {
    name: "value",
    required: true,
    description: "TypedAttr instance",
    check: is_typed_attr,
};

fn verify_constant(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let Some(value) = op.attr("value") else {
        return Err(op.error("requires attribute 'value'"));
    };
    let Some(ty) = result_ty(&op, 0) else {
        return Ok(());
    };
    if attr_type(ctx, value) != Some(ty) {
        return Err(op.error("failed to verify that all of {value, result} have same type"));
    }
    if matches!(ctx.type_kind(ty), TypeKind::Integer { .. })
        && !ctx.type_kind(ty).is_signless_integer()
    {
        return Err(op.error("integer return type must be signless"));
    }
    let kind = ctx.attr_kind(value);
    if !matches!(
        kind,
        AttrKind::Integer { .. }
            | AttrKind::Bool(_)
            | AttrKind::Float { .. }
            | AttrKind::DenseElements { .. }
            | AttrKind::DenseResource { .. }
    ) {
        return Err(op.error("value must be an integer, float, or elements attribute"));
    }
    let scalable = matches!(ctx.type_kind(ty), TypeKind::Vector { scalable, .. } if scalable.iter().any(|&s| s));
    if scalable && !matches!(kind, AttrKind::DenseElements { splat: true, .. }) {
        return Err(op.error(
            "intializing scalable vectors with elements attribute is not supported unless it's a vector splat",
        ));
    }
    Ok(())
}

fn fold_constant(op: OpRef<'_>, _: &[Option<Attribute>]) -> Folded {
    Some(vec![FoldResult::Attr(op.attr("value")?)])
}

/// Whether `arith.constant` can be built with `value` of type `ty` (MLIR's
/// `ConstantOp::isBuildableWith`): the value is an integer, float or elements attribute of
/// exactly that type, with signless integer elements.
pub fn is_buildable_with(ctx: &Context, value: Attribute, ty: Type) -> bool {
    if attr_type(ctx, value) != Some(ty) {
        return false;
    }
    if let TypeKind::Integer { .. } = ctx.type_kind(element_or_self(ctx, ty)) {
        if !ctx
            .type_kind(element_or_self(ctx, ty))
            .is_signless_integer()
        {
            return false;
        }
    }
    matches!(
        ctx.attr_kind(value),
        AttrKind::Integer { .. }
            | AttrKind::Bool(_)
            | AttrKind::Float { .. }
            | AttrKind::DenseElements { .. }
            | AttrKind::DenseResource { .. }
    )
}

op! {
    /// Produces an SSA value equal to an integer, floating-point or elements constant given
    /// by its `value` attribute, whose type is the result type.
    ///
    /// ```mlir
    /// %c42_i32 = arith.constant 42 : i32
    /// %cst = arith.constant 1.500000e+00 : f32
    /// %cst_0 = arith.constant dense<[1, 2]> : vector<2xi64>
    /// %true = arith.constant true
    /// ```
    pub struct ConstantOp = "arith.constant";
    summary: "integer or floating point constant";
    results: [result];
    attrs: [value = "value"];
    def: {
        traits: Traits::PURE.with(Traits::CONSTANT_LIKE),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(1),
        attrs: &[VALUE_ATTR],
        verify: Some(verify_constant),
        fold: Some(fold_constant),
        infer: Some(infer_constant),
        materialize_constant: Some(crate::materialize_constant),
        format: custom(&F_CONSTANT),
    }
}

// ----- integer binary ops -----

fn fold_addi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    if let Some(sub) = defining_named(&op, lhs, "arith.subi") {
        if let Some((a, b)) = lhs_rhs(&sub) {
            if b == rhs {
                return to_value(a);
            }
        }
    }
    if let Some(sub) = defining_named(&op, rhs, "arith.subi") {
        if let Some((a, b)) = lhs_rhs(&sub) {
            if b == lhs {
                return to_value(a);
            }
        }
    }
    int_binary(&op, c, |w, a, b| Some(w.add(a, b)))
}

fn fold_subi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if lhs == rhs {
        if let Some(z) = zero_attr(op.ctx, result_ty(&op, 0)?) {
            return to_attr(&op, Some(z));
        }
    }
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    if let Some(add) = defining_named(&op, lhs, "arith.addi") {
        if let Some((a, b)) = lhs_rhs(&add) {
            if rhs == b {
                return to_value(a);
            }
            if rhs == a {
                return to_value(b);
            }
        }
    }
    int_binary(&op, c, |w, a, b| Some(w.sub(a, b)))
}

fn fold_muli(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(rhs);
    }
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| Some(w.mul(a, b)))
}

/// `(a * b) / b -> a` when the multiplication carries `flag`.
fn fold_div_mul(op: &OpRef<'_>, flag: OverflowFlags) -> Option<strata_ir::Value> {
    let (lhs, rhs) = lhs_rhs(op)?;
    let mul = defining_named(op, lhs, "arith.muli")?;
    if !overflow_of(&mul).contains(flag) {
        return None;
    }
    let (a, b) = lhs_rhs(&mul)?;
    if a == rhs {
        Some(b)
    } else if b == rhs {
        Some(a)
    } else {
        None
    }
}

fn fold_divui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    if let Some(v) = fold_div_mul(&op, OverflowFlags::NUW) {
        return to_value(v);
    }
    int_binary(&op, c, |w, a, b| w.udiv(a, b))
}

fn fold_divsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    if let Some(v) = fold_div_mul(&op, OverflowFlags::NSW) {
        return to_value(v);
    }
    int_binary(&op, c, |w, a, b| w.sdiv(a, b))
}

fn fold_ceildivui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.ceil_udiv(a, b))
}

fn fold_ceildivsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.ceil_sdiv(a, b))
}

fn fold_floordivsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_one) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.floor_sdiv(a, b))
}

fn fold_rem(op: OpRef<'_>, c: &[Option<Attribute>], signed: bool) -> Folded {
    if int_rhs(&op, c, is_one) {
        if let Some(z) = zero_attr(op.ctx, result_ty(&op, 0)?) {
            return to_attr(&op, Some(z));
        }
    }
    if signed {
        int_binary(&op, c, |w, a, b| w.srem(a, b))
    } else {
        int_binary(&op, c, |w, a, b| w.urem(a, b))
    }
}

fn fold_remui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_rem(op, c, false)
}

fn fold_remsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_rem(op, c, true)
}

fn fold_andi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(rhs);
    }
    if int_rhs(&op, c, is_all_ones) {
        return to_value(lhs);
    }
    let not_of = |v, x| as_not(&op, v).is_some_and(|(a, _)| a == x);
    if not_of(rhs, lhs) || not_of(lhs, rhs) {
        if let Some(z) = zero_attr(op.ctx, result_ty(&op, 0)?) {
            return to_attr(&op, Some(z));
        }
    }
    // and(a, and(a, b)) -> and(a, b)
    for (prev_v, other) in [(lhs, rhs), (rhs, lhs)] {
        if let Some(prev) = defining_named(&op, prev_v, "arith.andi") {
            if let Some((a, b)) = lhs_rhs(&prev) {
                if other == a || other == b {
                    return to_value(prev_v);
                }
            }
        }
    }
    int_binary(&op, c, |_, a, b| Some(a & b))
}

fn fold_ori(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    if int_rhs(&op, c, is_all_ones) {
        return to_attr(&op, c.get(1).copied().flatten());
    }
    if let Some((x, ones)) = as_not(&op, rhs) {
        if x == lhs {
            return to_value(ones);
        }
    }
    if let Some((x, ones)) = as_not(&op, lhs) {
        if x == rhs {
            return to_value(ones);
        }
    }
    int_binary(&op, c, |_, a, b| Some(a | b))
}

fn fold_xori(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    if lhs == rhs {
        if let Some(z) = zero_attr(op.ctx, result_ty(&op, 0)?) {
            return to_attr(&op, Some(z));
        }
    }
    if let Some(prev) = defining_named(&op, lhs, "arith.xori") {
        if let Some((a, b)) = lhs_rhs(&prev) {
            if b == rhs {
                return to_value(a);
            }
            if a == rhs {
                return to_value(b);
            }
        }
    }
    if let Some(prev) = defining_named(&op, rhs, "arith.xori") {
        if let Some((a, b)) = lhs_rhs(&prev) {
            if b == lhs {
                return to_value(a);
            }
            if a == lhs {
                return to_value(b);
            }
        }
    }
    int_binary(&op, c, |_, a, b| Some(a ^ b))
}

fn fold_shli(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.shl(a, b))
}

fn fold_shrui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.lshr(a, b))
}

fn fold_shrsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| w.ashr(a, b))
}

/// Shared min/max folder: `x op x -> x`, `x op absorbing -> absorbing`,
/// `x op identity -> x`, then constant folding.
fn fold_minmax(
    op: OpRef<'_>,
    c: &[Option<Attribute>],
    absorbing: fn(IntWidth) -> u128,
    identity: fn(IntWidth) -> u128,
    f: fn(IntWidth, u128, u128) -> u128,
) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if lhs == rhs {
        return to_value(rhs);
    }
    if int_rhs(&op, c, |w, v| v == absorbing(w)) {
        return to_value(rhs);
    }
    if int_rhs(&op, c, |w, v| v == identity(w)) {
        return to_value(lhs);
    }
    int_binary(&op, c, |w, a, b| Some(f(w, a, b)))
}

fn fold_maxsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_minmax(
        op,
        c,
        IntWidth::signed_max,
        IntWidth::signed_min,
        IntWidth::smax,
    )
}

fn fold_minsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_minmax(
        op,
        c,
        IntWidth::signed_min,
        IntWidth::signed_max,
        IntWidth::smin,
    )
}

fn fold_maxui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_minmax(op, c, IntWidth::unsigned_max, |_| 0, |_, a, b| a.max(b))
}

fn fold_minui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_minmax(op, c, |_| 0, IntWidth::unsigned_max, |_, a, b| a.min(b))
}

macro_rules! int_binary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, traits: $traits:expr, attrs: $attrs:expr,
        format: $format:expr, fold: $fold:expr
    ) => {
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
                operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
                result_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
                attrs: $attrs,
                fold: Some($fold),
                infer: Some(infer_same),
                format: custom($format),
            }
        }
    };
}

int_binary_op! {
    /// Integer addition modulo `2^n`. Optional `nsw`/`nuw` overflow flags make a signed or
    /// unsigned overflow produce poison.
    ///
    /// ```mlir
    /// %0 = arith.addi %a, %b : i64
    /// %1 = arith.addi %a, %b overflow<nsw, nuw> : i64
    /// %2 = arith.addi %v, %w : vector<4xi32>
    /// ```
    AddIOp = "arith.addi", "integer addition operation", traits: COMM, attrs: &[OVERFLOW_ATTR],
    format: &F_INT_BINARY_OVF, fold: fold_addi
}
int_binary_op! {
    /// Integer subtraction modulo `2^n`, with optional `nsw`/`nuw` overflow flags.
    ///
    /// ```mlir
    /// %0 = arith.subi %a, %b : i64
    /// %1 = arith.subi %a, %b overflow<nsw> : i64
    /// ```
    SubIOp = "arith.subi", "Integer subtraction operation.", traits: BINARY_SAME,
    attrs: &[OVERFLOW_ATTR], format: &F_INT_BINARY_OVF, fold: fold_subi
}
int_binary_op! {
    /// Integer multiplication modulo `2^n`, with optional `nsw`/`nuw` overflow flags.
    ///
    /// ```mlir
    /// %0 = arith.muli %a, %b : i64
    /// %1 = arith.muli %a, %b overflow<nsw, nuw> : tensor<4x?xi8>
    /// ```
    MulIOp = "arith.muli", "Integer multiplication operation.", traits: COMM,
    attrs: &[OVERFLOW_ATTR], format: &F_INT_BINARY_OVF, fold: fold_muli
}
int_binary_op! {
    /// Unsigned integer division rounding toward zero. Division by zero is undefined
    /// behavior; with `exact` the result is poison unless `lhs` is a multiple of `rhs`.
    ///
    /// ```mlir
    /// %0 = arith.divui %a, %b : i64
    /// %1 = arith.divui %a, %b exact : i64
    /// ```
    DivUIOp = "arith.divui", "unsigned integer division operation", traits: DIV_TRAITS,
    attrs: &[EXACT_ATTR], format: &F_INT_BINARY_EXACT, fold: fold_divui
}
int_binary_op! {
    /// Signed integer division rounding toward zero. Division by zero and `MIN / -1` are
    /// undefined behavior; with `exact` the result is poison unless `lhs` is a multiple of
    /// `rhs`.
    ///
    /// ```mlir
    /// %0 = arith.divsi %a, %b : i64
    /// %1 = arith.divsi %a, %b exact : vector<4xi32>
    /// ```
    DivSIOp = "arith.divsi", "signed integer division operation", traits: DIV_TRAITS,
    attrs: &[EXACT_ATTR], format: &F_INT_BINARY_EXACT, fold: fold_divsi
}
int_binary_op! {
    /// Unsigned integer division rounding toward positive infinity. Division by zero is
    /// undefined behavior.
    ///
    /// ```mlir
    /// %0 = arith.ceildivui %a, %b : i64
    /// ```
    CeilDivUIOp = "arith.ceildivui", "unsigned ceil integer division operation",
    traits: DIV_TRAITS, attrs: &[], format: &F_INT_BINARY, fold: fold_ceildivui
}
int_binary_op! {
    /// Signed integer division rounding toward positive infinity (`7 / -2 = -3`). Division
    /// by zero and `MIN / -1` are undefined behavior.
    ///
    /// ```mlir
    /// %0 = arith.ceildivsi %a, %b : i64
    /// ```
    CeilDivSIOp = "arith.ceildivsi", "signed ceil integer division operation",
    traits: DIV_TRAITS, attrs: &[], format: &F_INT_BINARY, fold: fold_ceildivsi
}
int_binary_op! {
    /// Signed integer division rounding toward negative infinity (`5 / -2 = -3`). Division
    /// by zero and `MIN / -1` are undefined behavior.
    ///
    /// ```mlir
    /// %0 = arith.floordivsi %a, %b : i64
    /// ```
    FloorDivSIOp = "arith.floordivsi", "signed floor integer division operation",
    traits: BINARY_SAME, attrs: &[], format: &F_INT_BINARY, fold: fold_floordivsi
}
int_binary_op! {
    /// Unsigned integer remainder (`6 % -2 = 6` for `i16`). Division by zero is undefined
    /// behavior.
    ///
    /// ```mlir
    /// %0 = arith.remui %a, %b : i64
    /// ```
    RemUIOp = "arith.remui", "unsigned integer division remainder operation",
    traits: BINARY_SAME, attrs: &[], format: &F_INT_BINARY, fold: fold_remui
}
int_binary_op! {
    /// Signed integer remainder with the sign of the dividend (`6 % -2 = 0`). Division by
    /// zero is undefined behavior.
    ///
    /// ```mlir
    /// %0 = arith.remsi %a, %b : vector<4xi32>
    /// ```
    RemSIOp = "arith.remsi", "signed integer division remainder operation",
    traits: BINARY_SAME, attrs: &[], format: &F_INT_BINARY, fold: fold_remsi
}
int_binary_op! {
    /// Bitwise and of two integers (or vectors/tensors of integers) of the same type.
    ///
    /// ```mlir
    /// %0 = arith.andi %a, %b : i64
    /// ```
    AndIOp = "arith.andi", "integer binary and", traits: COMM.with(Traits::IDEMPOTENT),
    attrs: &[], format: &F_INT_BINARY, fold: fold_andi
}
int_binary_op! {
    /// Bitwise or of two integers (or vectors/tensors of integers) of the same type.
    ///
    /// ```mlir
    /// %0 = arith.ori %a, %b : i64
    /// ```
    OrIOp = "arith.ori", "integer binary or", traits: COMM.with(Traits::IDEMPOTENT),
    attrs: &[], format: &F_INT_BINARY, fold: fold_ori
}
int_binary_op! {
    /// Bitwise exclusive or of two integers (or vectors/tensors of integers) of the same
    /// type.
    ///
    /// ```mlir
    /// %0 = arith.xori %a, %b : i64
    /// ```
    XOrIOp = "arith.xori", "integer binary xor", traits: COMM, attrs: &[],
    format: &F_INT_BINARY, fold: fold_xori
}
int_binary_op! {
    /// Shifts `lhs` left by `rhs` (unsigned) bits, filling with zeros; poison when the shift
    /// amount is at least the bit width. Supports `nsw`/`nuw` overflow flags.
    ///
    /// ```mlir
    /// %0 = arith.shli %a, %b : i8
    /// %1 = arith.shli %a, %b overflow<nsw, nuw> : i8
    /// ```
    ShLIOp = "arith.shli", "integer left-shift", traits: BINARY_SAME, attrs: &[OVERFLOW_ATTR],
    format: &F_INT_BINARY_OVF, fold: fold_shli
}
int_binary_op! {
    /// Logical right shift of `lhs` by `rhs` (both unsigned) bits; poison when the shift
    /// amount is at least the bit width. With `exact`, poison if any shifted-out bit is set.
    ///
    /// ```mlir
    /// %0 = arith.shrui %a, %b : i8
    /// %1 = arith.shrui %a, %b exact : i8
    /// ```
    ShRUIOp = "arith.shrui", "unsigned integer right-shift", traits: BINARY_SAME,
    attrs: &[EXACT_ATTR], format: &F_INT_BINARY_EXACT, fold: fold_shrui
}
int_binary_op! {
    /// Arithmetic right shift of `lhs` (signed) by `rhs` (unsigned) bits, filling with the
    /// sign bit; poison when the shift amount is at least the bit width.
    ///
    /// ```mlir
    /// %0 = arith.shrsi %a, %b : i8
    /// %1 = arith.shrsi %a, %b exact : i8
    /// ```
    ShRSIOp = "arith.shrsi", "signed integer right-shift", traits: BINARY_SAME,
    attrs: &[EXACT_ATTR], format: &F_INT_BINARY_EXACT, fold: fold_shrsi
}
int_binary_op! {
    /// Signed integer maximum.
    ///
    /// ```mlir
    /// %0 = arith.maxsi %a, %b : i32
    /// ```
    MaxSIOp = "arith.maxsi", "signed integer maximum operation", traits: COMM, attrs: &[],
    format: &F_INT_BINARY, fold: fold_maxsi
}
int_binary_op! {
    /// Unsigned integer maximum.
    ///
    /// ```mlir
    /// %0 = arith.maxui %a, %b : i32
    /// ```
    MaxUIOp = "arith.maxui", "unsigned integer maximum operation", traits: COMM, attrs: &[],
    format: &F_INT_BINARY, fold: fold_maxui
}
int_binary_op! {
    /// Signed integer minimum.
    ///
    /// ```mlir
    /// %0 = arith.minsi %a, %b : i32
    /// ```
    MinSIOp = "arith.minsi", "signed integer minimum operation", traits: COMM, attrs: &[],
    format: &F_INT_BINARY, fold: fold_minsi
}
int_binary_op! {
    /// Unsigned integer minimum.
    ///
    /// ```mlir
    /// %0 = arith.minui %a, %b : i32
    /// ```
    MinUIOp = "arith.minui", "unsigned integer minimum operation", traits: COMM, attrs: &[],
    format: &F_INT_BINARY, fold: fold_minui
}

// ----- extended arithmetic -----

fn verify_addui_extended(op: OpRef<'_>) -> Result<(), Diagnostic> {
    check_operand(&op, 0, SIGNLESS_INT_OR_INDEX_LIKE)?;
    check_operand(&op, 1, SIGNLESS_INT_OR_INDEX_LIKE)?;
    check_result(&op, 0, SIGNLESS_INT_OR_INDEX_LIKE)?;
    check_result(&op, 1, BOOL_LIKE)?;
    all_types_match(
        &op,
        &["lhs", "rhs", "sum"],
        &[operand_ty(&op, 0), operand_ty(&op, 1), result_ty(&op, 0)],
    )?;
    elementwise(&op)
}

fn verify_mul_extended(op: OpRef<'_>) -> Result<(), Diagnostic> {
    all_types_match(
        &op,
        &["lhs", "rhs", "low", "high"],
        &[
            operand_ty(&op, 0),
            operand_ty(&op, 1),
            result_ty(&op, 0),
            result_ty(&op, 1),
        ],
    )?;
    elementwise(&op)
}

/// Check that every attribute result has the type of the matching op result.
fn multi(op: &OpRef<'_>, results: Vec<FoldResult>) -> Folded {
    for (i, r) in results.iter().enumerate() {
        if let FoldResult::Attr(a) = r {
            if attr_type(op.ctx, *a)? != result_ty(op, i)? {
                return None;
            }
        }
    }
    Some(results)
}

fn fold_addui_extended(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    let ovf_ty = result_ty(&op, 1)?;
    if int_rhs(&op, c, is_zero) {
        let f = zero_attr(op.ctx, ovf_ty)?;
        return multi(&op, vec![FoldResult::Value(lhs), FoldResult::Attr(f)]);
    }
    let a = operand_const(op.ctx, c, 0)?;
    let b = operand_const(op.ctx, c, 1)?;
    let ElemKind::Int(w) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    let sum = crate::consts::fold_binary(op.ctx, &a, &b, a.elem_ty, |x, y| Some(w.add(x, y)))?;
    let ovf = crate::consts::fold_binary(op.ctx, &a, &b, op.ctx.i1(), |x, y| {
        Some((w.add(x, y) < x) as u128)
    })?;
    multi(&op, vec![FoldResult::Attr(sum), FoldResult::Attr(ovf)])
}

fn fold_mul_extended(op: OpRef<'_>, c: &[Option<Attribute>], signed: bool) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if int_rhs(&op, c, is_zero) {
        let z = c.get(1).copied().flatten()?;
        return multi(&op, vec![FoldResult::Attr(z), FoldResult::Attr(z)]);
    }
    if !signed && int_rhs(&op, c, is_one) {
        let z = zero_attr(op.ctx, operand_ty(&op, 0)?)?;
        return multi(&op, vec![FoldResult::Value(lhs), FoldResult::Attr(z)]);
    }
    let a = operand_const(op.ctx, c, 0)?;
    let b = operand_const(op.ctx, c, 1)?;
    let ElemKind::Int(w) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    let low = crate::consts::fold_binary(op.ctx, &a, &b, a.elem_ty, |x, y| Some(w.mul(x, y)))?;
    let high = crate::consts::fold_binary(op.ctx, &a, &b, a.elem_ty, |x, y| {
        Some(if signed { w.mulhs(x, y) } else { w.mulhu(x, y) })
    })?;
    multi(&op, vec![FoldResult::Attr(low), FoldResult::Attr(high)])
}

fn fold_mulsi_extended(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_mul_extended(op, c, true)
}

fn fold_mului_extended(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_mul_extended(op, c, false)
}

op! {
    /// Unsigned addition of zero-extended operands returning the `N`-bit sum and an
    /// overflow bit (`1` on unsigned overflow).
    ///
    /// ```mlir
    /// %sum, %overflow = arith.addui_extended %b, %c : i64, i1
    /// %d:2 = arith.addui_extended %e, %f : vector<4xi32>, vector<4xi1>
    /// ```
    pub struct AddUIExtendedOp = "arith.addui_extended";
    summary: "extended unsigned integer addition operation returning sum and overflow bit";
    operands: [lhs, rhs];
    results: [sum, overflow];
    def: {
        traits: PURE_EW.with(Traits::COMMUTATIVE),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(2),
        verify: Some(verify_addui_extended),
        fold: Some(fold_addui_extended),
        infer: Some(infer_addui_extended),
        format: custom(&F_ADDUI_EXT),
    }
}

op! {
    /// Multiplication of sign-extended operands returning the low and high halves of the
    /// `2N`-bit product.
    ///
    /// ```mlir
    /// %low, %high = arith.mulsi_extended %a, %b : i32
    /// %c:2 = arith.mulsi_extended %d, %e : vector<4xi32>
    /// ```
    pub struct MulSIExtendedOp = "arith.mulsi_extended";
    summary: "extended signed integer multiplication operation";
    operands: [lhs, rhs];
    results: [low, high];
    def: {
        traits: PURE_EW.with(Traits::COMMUTATIVE),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(2),
        operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        result_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        verify: Some(verify_mul_extended),
        fold: Some(fold_mulsi_extended),
        infer: Some(infer_two_same),
        format: custom(&F_MUL_EXT),
    }
}

op! {
    /// Multiplication of zero-extended operands returning the low and high halves of the
    /// `2N`-bit product.
    ///
    /// ```mlir
    /// %low, %high = arith.mului_extended %a, %b : i32
    /// %x:2 = arith.mului_extended %y, %z : tensor<4x?xi8>
    /// ```
    pub struct MulUIExtendedOp = "arith.mului_extended";
    summary: "extended unsigned integer multiplication operation";
    operands: [lhs, rhs];
    results: [low, high];
    def: {
        traits: PURE_EW.with(Traits::COMMUTATIVE),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(2),
        operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        result_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        verify: Some(verify_mul_extended),
        fold: Some(fold_mului_extended),
        infer: Some(infer_two_same),
        format: custom(&F_MUL_EXT),
    }
}

// ----- float ops -----

fn fold_negf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(prev) = defining_named(&op, x, "arith.negf") {
        if let Some(v) = operand(&prev, 0) {
            return to_value(v);
        }
    }
    float_unary(&op, c, |k, a| Some(apfloat::neg(k, a)))
}

fn fold_addf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if is_float_splat(op.ctx, c, 1, |k, v| {
        apfloat::is_zero(k, v) && apfloat::is_negative(k, v)
    }) {
        return to_value(lhs);
    }
    float_binary(&op, c, |k, a, b| Some(apfloat::binop(k, BinOp::Add, a, b)))
}

fn fold_subf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if is_float_splat(op.ctx, c, 1, |k, v| {
        apfloat::is_zero(k, v) && !apfloat::is_negative(k, v)
    }) {
        return to_value(lhs);
    }
    float_binary(&op, c, |k, a, b| Some(apfloat::binop(k, BinOp::Sub, a, b)))
}

fn is_float_one(k: strata_ir::FloatKind, v: u64) -> bool {
    !apfloat::is_nan(k, v) && apfloat::to_f64(k, v) == 1.0
}

fn fold_mulf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if is_float_splat(op.ctx, c, 1, is_float_one) {
        return to_value(lhs);
    }
    if fastmath_of(&op).contains(FastMathFlags(FastMathFlags::NNAN.0 | FastMathFlags::NSZ.0))
        && is_float_splat(op.ctx, c, 1, apfloat::is_zero)
    {
        return to_value(rhs);
    }
    float_binary(&op, c, |k, a, b| Some(apfloat::binop(k, BinOp::Mul, a, b)))
}

fn fold_divf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, _) = lhs_rhs(&op)?;
    if is_float_splat(op.ctx, c, 1, is_float_one) {
        return to_value(lhs);
    }
    float_binary(&op, c, |k, a, b| Some(apfloat::binop(k, BinOp::Div, a, b)))
}

fn fold_remf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    float_binary(&op, c, |k, a, b| Some(apfloat::binop(k, BinOp::Rem, a, b)))
}

fn fold_fminmax(
    op: OpRef<'_>,
    c: &[Option<Attribute>],
    identity: fn(strata_ir::FloatKind, u64) -> bool,
    f: fn(strata_ir::FloatKind, u64, u64) -> u64,
) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    if lhs == rhs {
        return to_value(rhs);
    }
    if is_float_splat(op.ctx, c, 1, identity) {
        return to_value(lhs);
    }
    float_binary(&op, c, |k, a, b| Some(f(k, a, b)))
}

fn fold_maximumf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fminmax(
        op,
        c,
        |k, v| v == apfloat::infinity(k, true),
        apfloat::maximum,
    )
}

fn fold_minimumf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fminmax(
        op,
        c,
        |k, v| v == apfloat::infinity(k, false),
        apfloat::minimum,
    )
}

fn fold_maxnumf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fminmax(op, c, apfloat::is_nan, apfloat::maxnum)
}

fn fold_minnumf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fminmax(op, c, apfloat::is_nan, apfloat::minnum)
}

macro_rules! float_binary_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, traits: $traits:expr, fold: $fold:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [lhs, rhs];
            results: [result];
            attrs: [fastmath = "fastmath"];
            def: {
                traits: $traits,
                operands: Arity::Exactly(2),
                results: Arity::Exactly(1),
                operand_type: Some(FLOAT_LIKE),
                result_type: Some(FLOAT_LIKE),
                attrs: &[FASTMATH_ATTR],
                fold: Some($fold),
                infer: Some(infer_same),
                format: custom(&F_FLOAT_BINARY),
            }
        }
    };
}

float_binary_op! {
    /// Floating-point addition of two values of the same float-like type, with optional
    /// fast-math flags.
    ///
    /// ```mlir
    /// %0 = arith.addf %a, %b : f64
    /// %1 = arith.addf %v, %w fastmath<fast> : vector<4xf32>
    /// ```
    AddFOp = "arith.addf", "floating point addition operation", traits: COMM, fold: fold_addf
}
float_binary_op! {
    /// Floating-point subtraction of two values of the same float-like type.
    ///
    /// ```mlir
    /// %0 = arith.subf %a, %b : f64
    /// ```
    SubFOp = "arith.subf", "floating point subtraction operation", traits: BINARY_SAME,
    fold: fold_subf
}
float_binary_op! {
    /// Floating-point multiplication of two values of the same float-like type.
    ///
    /// ```mlir
    /// %0 = arith.mulf %a, %b fastmath<nnan,ninf> : f32
    /// ```
    MulFOp = "arith.mulf", "floating point multiplication operation", traits: COMM,
    fold: fold_mulf
}
float_binary_op! {
    /// Floating-point division of two values of the same float-like type.
    ///
    /// ```mlir
    /// %0 = arith.divf %a, %b : f32
    /// ```
    DivFOp = "arith.divf", "floating point division operation", traits: BINARY_SAME,
    fold: fold_divf
}
float_binary_op! {
    /// Floating-point division remainder with the sign of the dividend (`fmod`).
    ///
    /// ```mlir
    /// %0 = arith.remf %a, %b : f32
    /// ```
    RemFOp = "arith.remf", "floating point division remainder operation", traits: BINARY_SAME,
    fold: fold_remf
}
float_binary_op! {
    /// Maximum of two floats, treating `-0.0` as less than `+0.0` and propagating NaN.
    ///
    /// ```mlir
    /// %0 = arith.maximumf %a, %b : f64
    /// ```
    MaximumFOp = "arith.maximumf", "floating-point maximum operation", traits: COMM,
    fold: fold_maximumf
}
float_binary_op! {
    /// Minimum of two floats, treating `-0.0` as less than `+0.0` and propagating NaN.
    ///
    /// ```mlir
    /// %0 = arith.minimumf %a, %b : f64
    /// ```
    MinimumFOp = "arith.minimumf", "floating-point minimum operation", traits: COMM,
    fold: fold_minimumf
}
float_binary_op! {
    /// Maximum of two floats returning the other operand when one is NaN.
    ///
    /// ```mlir
    /// %0 = arith.maxnumf %a, %b : f64
    /// ```
    MaxNumFOp = "arith.maxnumf", "floating-point maximum operation", traits: COMM,
    fold: fold_maxnumf
}
float_binary_op! {
    /// Minimum of two floats returning the other operand when one is NaN.
    ///
    /// ```mlir
    /// %0 = arith.minnumf %a, %b : f64
    /// ```
    MinNumFOp = "arith.minnumf", "floating-point minimum operation", traits: COMM,
    fold: fold_minnumf
}

op! {
    /// Negates a float-like value (flips the sign bit).
    ///
    /// ```mlir
    /// %0 = arith.negf %a : f64
    /// %1 = arith.negf %v : vector<4xf32>
    /// ```
    pub struct NegFOp = "arith.negf";
    summary: "floating point negation";
    operands: [operand];
    results: [result];
    attrs: [fastmath = "fastmath"];
    def: {
        traits: BINARY_SAME,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_LIKE),
        result_type: Some(FLOAT_LIKE),
        attrs: &[FASTMATH_ATTR],
        fold: Some(fold_negf),
        infer: Some(infer_same),
        format: custom(&F_FLOAT_UNARY),
    }
}

// ----- comparisons and select -----

fn verify_cmp(op: OpRef<'_>) -> Result<(), Diagnostic> {
    result_is_i1_same_shape(&op, 0)?;
    elementwise(&op)
}

/// `getBoolAttribute`: a bool for scalars, a splat for statically shaped types.
fn bool_of_type(ctx: &Context, ty: Type, b: bool) -> Option<Attribute> {
    match ctx.type_kind(ty) {
        TypeKind::Vector { .. } | TypeKind::RankedTensor { .. } => {
            dense_attr(ctx, ty, &[b as u128])
        }
        TypeKind::UnrankedTensor(_) | TypeKind::MemRef { .. } | TypeKind::UnrankedMemRef { .. } => {
            None
        }
        _ => Some(ctx.bool_attr(b)),
    }
}

fn fold_cmpi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let (lhs, rhs) = lhs_rhs(&op)?;
    let pred = CmpIPredicate::from_attr(op.ctx, op.attr("predicate")?)?;
    let rty = result_ty(&op, 0)?;
    if lhs == rhs {
        return to_attr(&op, bool_of_type(op.ctx, rty, pred.on_equal()));
    }
    let lhs_elem_i1 = {
        let e = element_or_self(op.ctx, op.ty(lhs));
        op.ctx.type_kind(e).int_width() == Some(1)
    };
    if is_int_splat(op.ctx, c, 1, is_zero) {
        for ext in ["arith.extsi", "arith.extui"] {
            if let Some(e) = defining_named(&op, lhs, ext) {
                if let Some(src) = operand(&e, 0) {
                    let st = op.ty(src);
                    let width = match op.ctx.type_kind(st) {
                        TypeKind::Integer { width, .. } => Some(*width),
                        TypeKind::Vector { elem, .. } => op.ctx.type_kind(*elem).int_width(),
                        _ => None,
                    };
                    if width == Some(1) && pred == CmpIPredicate::Ne {
                        return to_value(src);
                    }
                }
            }
        }
        if lhs_elem_i1 && pred == CmpIPredicate::Ne {
            return to_value(lhs);
        }
    }
    if is_int_splat(op.ctx, c, 1, is_one) && lhs_elem_i1 && pred == CmpIPredicate::Eq {
        return to_value(lhs);
    }
    let a = operand_const(op.ctx, c, 0)?;
    let b = operand_const(op.ctx, c, 1)?;
    let ElemKind::Int(w) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    to_attr(
        &op,
        crate::consts::fold_binary(op.ctx, &a, &b, op.ctx.i1(), |x, y| {
            Some(pred.eval(w, x, y) as u128)
        }),
    )
}

fn fold_cmpf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let pred = CmpFPredicate::from_attr(op.ctx, op.attr("predicate")?)?;
    let mut a = operand_const(op.ctx, c, 0).filter(|a| a.layout == Layout::Scalar);
    let mut b = operand_const(op.ctx, c, 1).filter(|b| b.layout == Layout::Scalar);
    let nan = |x: &Option<ConstValue>| {
        x.as_ref().is_some_and(
            |x| matches!(x.kind, ElemKind::Float(k) if apfloat::is_nan(k, x.values[0] as u64)),
        )
    };
    if nan(&a) {
        b = a.clone();
    }
    if nan(&b) {
        a = b.clone();
    }
    let (a, b) = (a?, b?);
    let ElemKind::Float(k) = a.kind else {
        return None;
    };
    if b.kind != a.kind {
        return None;
    }
    let r = pred.eval(apfloat::compare(k, a.values[0] as u64, b.values[0] as u64));
    to_attr(&op, Some(op.ctx.bool_attr(r)))
}

op! {
    /// Compares two integer-like values (or vectors/tensors of them) with a predicate
    /// (`eq ne slt sle sgt sge ult ule ugt uge`), producing `i1` of the operands' shape. The
    /// predicate is stored as an `i64` integer attribute.
    ///
    /// ```mlir
    /// %x = arith.cmpi slt, %lhs, %rhs : i32
    /// %y = arith.cmpi eq, %a, %b : vector<4xi64>
    /// ```
    pub struct CmpIOp = "arith.cmpi";
    summary: "integer comparison operation";
    operands: [lhs, rhs];
    results: [result];
    attrs: [predicate = "predicate"];
    def: {
        traits: PURE_EW.with(Traits::SAME_OPERANDS_TYPE),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(SIGNLESS_INT_OR_INDEX_LIKE),
        result_type: Some(BOOL_LIKE),
        attrs: &[AttrConstraint {
            name: "predicate",
            required: true,
            description: CmpIPredicate::DESCRIPTION,
            check: CmpIPredicate::is_valid_attr,
        }],
        verify: Some(verify_cmp),
        fold: Some(fold_cmpi),
        infer: Some(infer_i1_same_shape),
        format: custom(&F_CMPI),
    }
}

op! {
    /// Compares two float-like values with an ordered/unordered predicate (`false oeq ogt
    /// oge olt ole one ord ueq ugt uge ult ule une uno true`), producing `i1` of the
    /// operands' shape.
    ///
    /// ```mlir
    /// %r1 = arith.cmpf oeq, %0, %1 : f32
    /// %r2 = arith.cmpf ult, %a, %b fastmath<nnan> : tensor<42x42xf64>
    /// ```
    pub struct CmpFOp = "arith.cmpf";
    summary: "floating-point comparison operation";
    operands: [lhs, rhs];
    results: [result];
    attrs: [predicate = "predicate", fastmath = "fastmath"];
    def: {
        traits: PURE_EW.with(Traits::SAME_OPERANDS_TYPE),
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        operand_type: Some(FLOAT_LIKE),
        result_type: Some(BOOL_LIKE),
        attrs: &[
            AttrConstraint {
                name: "predicate",
                required: true,
                description: CmpFPredicate::DESCRIPTION,
                check: CmpFPredicate::is_valid_attr,
            },
            FASTMATH_ATTR,
        ],
        verify: Some(verify_cmp),
        fold: Some(fold_cmpf),
        infer: Some(infer_i1_same_shape),
        format: custom(&F_CMPF),
    }
}

fn is_shaped(ctx: &Context, t: Type) -> bool {
    ctx.type_kind(t).shape().is_some()
}

fn verify_select(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    check_operand(&op, 0, BOOL_LIKE)?;
    all_types_match(
        &op,
        &["true_value", "false_value", "result"],
        &[operand_ty(&op, 1), operand_ty(&op, 2), result_ty(&op, 0)],
    )?;
    let (Some(cond), Some(res)) = (operand_ty(&op, 0), result_ty(&op, 0)) else {
        return Ok(());
    };
    let is_i1 =
        ctx.type_kind(cond).is_signless_integer() && ctx.type_kind(cond).int_width() == Some(1);
    let shapes_match = is_shaped(ctx, cond)
        && is_shaped(ctx, res)
        && ctx.type_kind(cond).shape() == ctx.type_kind(res).shape();
    if !is_i1 && !shapes_match {
        return Err(
            op.error("failed to verify that condition is signless i1 or has matching shape")
        );
    }
    elementwise(&op)?;
    if is_i1 {
        return Ok(());
    }
    let k = ctx.type_kind(res);
    if !(k.is_tensor() || k.is_vector()) {
        return Err(op.error(format_args!(
            "expected condition to be a signless i1, but got {}",
            ty_str(ctx, cond)
        )));
    }
    let expected = i1_same_shape(ctx, res);
    if cond != expected {
        return Err(op.error(format_args!(
            "expected condition type to have the same shape as the result type, expected {}, but got {}",
            ty_str(ctx, expected),
            ty_str(ctx, cond)
        )));
    }
    Ok(())
}

fn fold_select(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let cond = operand(&op, 0)?;
    let t = operand(&op, 1)?;
    let f = operand(&op, 2)?;
    if t == f {
        return to_value(t);
    }
    if is_int_splat(op.ctx, c, 0, is_one) {
        return to_value(t);
    }
    if is_int_splat(op.ctx, c, 0, is_zero) {
        return to_value(f);
    }
    let rty = result_ty(&op, 0)?;
    let scalar_i1 = matches!(
        op.ctx.type_kind(rty),
        TypeKind::Integer {
            width: 1,
            signedness: strata_ir::Signedness::Signless
        }
    );
    if scalar_i1 && is_int_splat(op.ctx, c, 1, is_one) && is_int_splat(op.ctx, c, 2, is_zero) {
        return to_value(cond);
    }
    if let Some(cmp) = defining_named(&op, cond, "arith.cmpi") {
        let pred = cmp
            .attr("predicate")
            .and_then(|a| CmpIPredicate::from_attr(op.ctx, a));
        if let (Some(p @ (CmpIPredicate::Eq | CmpIPredicate::Ne)), Some((a, b))) =
            (pred, lhs_rhs(&cmp))
        {
            if (a == t && b == f) || (b == t && a == f) {
                return to_value(if p == CmpIPredicate::Ne { t } else { f });
            }
        }
    }
    // Element-wise selection between constants under a non-splat constant condition.
    let cc = operand_const(op.ctx, c, 0)?;
    if cc.layout == Layout::Scalar {
        return None;
    }
    let tc = operand_const(op.ctx, c, 1)?;
    let fc = operand_const(op.ctx, c, 2)?;
    if tc.layout == Layout::Scalar || fc.layout == Layout::Scalar || tc.ty != fc.ty {
        return None;
    }
    let n = num_elements(op.ctx, tc.ty)?;
    let values = (0..n)
        .map(|i| {
            Some(if cc.get(i)? & 1 == 1 {
                tc.get(i)?
            } else {
                fc.get(i)?
            })
        })
        .collect::<Option<Vec<_>>>()?;
    to_attr(&op, dense_attr(op.ctx, tc.ty, &values))
}

op! {
    /// Chooses between two values based on a boolean condition: the true value where the
    /// condition is `1`, else the false value. With a vector or tensor condition of the
    /// result's shape, the choice is made element by element.
    ///
    /// ```mlir
    /// %x = arith.select %cond, %true, %false : i32
    /// %vx = arith.select %vcond, %vtrue, %vfalse : vector<42xi1>, vector<42xf32>
    /// ```
    pub struct SelectOp = "arith.select";
    summary: "select operation";
    operands: [condition, true_value, false_value];
    results: [result];
    def: {
        traits: PURE_EW,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(1),
        verify: Some(verify_select),
        fold: Some(fold_select),
        infer: Some(infer_select),
        format: custom(&F_SELECT),
    }
}

// ----- casts -----

/// `getTypeIfLike` / `getTypeIfLikeOrMemRef`: the element type if `t` is a scalar, a
/// vector or a tensor (or a memref when allowed).
fn underlying(ctx: &Context, t: Type, allow_memref: bool) -> Option<Type> {
    match ctx.type_kind(t) {
        TypeKind::Vector { elem, .. }
        | TypeKind::RankedTensor { elem, .. }
        | TypeKind::UnrankedTensor(elem) => Some(*elem),
        TypeKind::MemRef { elem, .. } | TypeKind::UnrankedMemRef { elem, .. } => {
            allow_memref.then_some(*elem)
        }
        _ => Some(t),
    }
}

/// `areValidCastInputsAndOutputs`: same tensor encoding and compatible shapes.
fn valid_cast_shapes(ctx: &Context, a: Type, b: Type) -> bool {
    let enc = |t: Type| match ctx.type_kind(t) {
        TypeKind::RankedTensor { encoding, .. } => Some(*encoding),
        _ => None,
    };
    if let (Some(x), Some(y)) = (enc(a), enc(b)) {
        if x != y {
            return false;
        }
    }
    crate::util::compatible_shapes(ctx, a, b)
}

#[derive(Clone, Copy)]
enum CastKind {
    IntWiden,
    IntNarrow,
    FloatWiden,
    FloatNarrow,
    IntToFloat,
    FloatToInt,
    Index,
    Bitcast,
}

fn cast_compatible(ctx: &Context, kind: CastKind, a: Type, b: Type) -> bool {
    if !valid_cast_shapes(ctx, a, b) {
        return false;
    }
    let memref = matches!(kind, CastKind::Index | CastKind::Bitcast);
    let (Some(x), Some(y)) = (underlying(ctx, a, memref), underlying(ctx, b, memref)) else {
        return false;
    };
    let (kx, ky) = (ctx.type_kind(x), ctx.type_kind(y));
    let fw = |k: &TypeKind| k.float_kind().map(|f| f.width());
    match kind {
        CastKind::IntWiden => {
            matches!((kx.int_width(), ky.int_width()), (Some(p), Some(q)) if q > p)
        }
        CastKind::IntNarrow => {
            matches!((kx.int_width(), ky.int_width()), (Some(p), Some(q)) if q < p)
        }
        CastKind::FloatWiden => matches!((fw(kx), fw(ky)), (Some(p), Some(q)) if q > p),
        CastKind::FloatNarrow => matches!((fw(kx), fw(ky)), (Some(p), Some(q)) if q < p),
        CastKind::IntToFloat => kx.is_integer() && ky.is_float(),
        CastKind::FloatToInt => kx.is_float() && ky.is_integer(),
        CastKind::Index => {
            (kx.is_index() && ky.is_signless_integer())
                || (kx.is_signless_integer() && ky.is_index())
        }
        CastKind::Bitcast => {
            let w = |k: &TypeKind| k.int_width().or_else(|| fw(k));
            matches!((w(kx), w(ky)), (Some(p), Some(q)) if p == q)
        }
    }
}

fn verify_cast(op: &OpRef<'_>, kind: CastKind) -> Result<(), Diagnostic> {
    same_tensor_dims(op)?;
    same_operands_and_result_shape(op)?;
    elementwise(op)?;
    let (Some(a), Some(b)) = (operand_ty(op, 0), result_ty(op, 0)) else {
        return Ok(());
    };
    if !cast_compatible(op.ctx, kind, a, b) {
        return Err(op.error(format_args!(
            "operand type '{}' and result type '{}' are cast incompatible",
            ty_str(op.ctx, a),
            ty_str(op.ctx, b)
        )));
    }
    Ok(())
}

macro_rules! cast_verifier {
    ($f:ident, $kind:expr) => {
        fn $f(op: OpRef<'_>) -> Result<(), Diagnostic> {
            verify_cast(&op, $kind)
        }
    };
}
cast_verifier!(verify_int_widen, CastKind::IntWiden);
cast_verifier!(verify_int_narrow, CastKind::IntNarrow);
cast_verifier!(verify_float_widen, CastKind::FloatWiden);
cast_verifier!(verify_float_narrow, CastKind::FloatNarrow);
cast_verifier!(verify_int_to_float, CastKind::IntToFloat);
cast_verifier!(verify_float_to_int, CastKind::FloatToInt);
cast_verifier!(verify_index_cast, CastKind::Index);
cast_verifier!(verify_bitcast, CastKind::Bitcast);

/// `constFoldCastOp`: map each element of the constant operand into the result element
/// type (result attribute keeps the operand's shape).
fn fold_cast(
    op: &OpRef<'_>,
    c: &[Option<Attribute>],
    f: impl Fn(ElemKind, ElemKind, u128) -> Option<u128>,
) -> Folded {
    let a = operand_const(op.ctx, c, 0)?;
    let rty = result_ty(op, 0)?;
    let relem = element_or_self(op.ctx, rty);
    let rk = ElemKind::of(op.ctx, relem)?;
    let attr = fold_unary(op.ctx, &a, relem, |x| f(a.kind, rk, x))?;
    // The operand's static shape may refine a dynamic result type: only fold when equal.
    to_attr(op, Some(attr))
}

fn int_cast(op: OpRef<'_>, c: &[Option<Attribute>], signed: bool) -> Folded {
    fold_cast(&op, c, |from, to, x| match (from, to) {
        (ElemKind::Int(fw), ElemKind::Int(tw)) => Some(if signed {
            fw.sext_to(x, tw)
        } else {
            fw.zext_to(x, tw)
        }),
        _ => None,
    })
}

fn fold_extui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_cast(op, c, false)
}

fn fold_extsi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    int_cast(op, c, true)
}

fn fold_trunci(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    for ext in ["arith.extui", "arith.extsi"] {
        if let Some(e) = defining_named(&op, x, ext) {
            if let Some(src) = operand(&e, 0) {
                let st = element_or_self(op.ctx, op.ty(src));
                let dt = element_or_self(op.ctx, result_ty(&op, 0)?);
                if st == dt {
                    return to_value(src);
                }
            }
        }
    }
    int_cast(op, c, false)
}

fn fold_extf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(t) = defining_named(&op, x, "arith.truncf") {
        if let Some(src) = operand(&t, 0) {
            let contract = |o: &OpRef<'_>| fastmath_of(o).contains(FastMathFlags::CONTRACT);
            if Some(op.ty(src)) == result_ty(&op, 0) && contract(&t) && contract(&op) {
                return to_value(src);
            }
        }
    }
    float_cast(op, c)
}

fn float_cast(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_cast(&op, c, |from, to, x| match (from, to) {
        (ElemKind::Float(fk), ElemKind::Float(tk)) => {
            apfloat::convert_exact(fk, tk, x as u64).map(u128::from)
        }
        _ => None,
    })
}

fn fold_truncf(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    let x = operand(&op, 0)?;
    if let Some(e) = defining_named(&op, x, "arith.extf") {
        if let Some(src) = operand(&e, 0) {
            let st = element_or_self(op.ctx, op.ty(src));
            if Some(st) == result_ty(&op, 0).map(|t| element_or_self(op.ctx, t)) {
                return to_value(src);
            }
        }
    }
    float_cast(op, c)
}

fn fold_itofp(op: OpRef<'_>, c: &[Option<Attribute>], signed: bool) -> Folded {
    fold_cast(&op, c, |from, to, x| match (from, to) {
        (ElemKind::Int(w), ElemKind::Float(k)) => Some(apfloat::from_int(k, x, w, signed) as u128),
        _ => None,
    })
}

fn fold_sitofp(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_itofp(op, c, true)
}

fn fold_uitofp(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_itofp(op, c, false)
}

fn fold_fptoi(op: OpRef<'_>, c: &[Option<Attribute>], signed: bool) -> Folded {
    fold_cast(&op, c, |from, to, x| match (from, to) {
        (ElemKind::Float(k), ElemKind::Int(w)) => apfloat::to_int(k, x as u64, w, signed),
        _ => None,
    })
}

fn fold_fptosi(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fptoi(op, c, true)
}

fn fold_fptoui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_fptoi(op, c, false)
}

/// The width `index_cast` uses for a type (`index` is 64 bits).
fn index_cast_width(ctx: &Context, t: Type) -> u32 {
    let e = match ctx.type_kind(t) {
        TypeKind::MemRef { elem, .. } | TypeKind::UnrankedMemRef { elem, .. } => *elem,
        _ => element_or_self(ctx, t),
    };
    ctx.type_kind(e).int_width().unwrap_or(64)
}

fn fold_index_cast_impl(
    op: OpRef<'_>,
    c: &[Option<Attribute>],
    name: &str,
    signed: bool,
) -> Folded {
    if let Some(r) = int_cast(op, c, signed) {
        return Some(r);
    }
    let x = operand(&op, 0)?;
    let inner = defining_named(&op, x, name)?;
    let src = operand(&inner, 0)?;
    let rty = result_ty(&op, 0)?;
    if op.ty(src) == rty
        && index_cast_width(op.ctx, op.ty(x)) >= index_cast_width(op.ctx, op.ty(src))
    {
        return to_value(src);
    }
    None
}

fn fold_index_cast(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_index_cast_impl(op, c, "arith.index_cast", true)
}

fn fold_index_castui(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_index_cast_impl(op, c, "arith.index_castui", false)
}

fn fold_bitcast(op: OpRef<'_>, c: &[Option<Attribute>]) -> Folded {
    fold_cast(&op, c, |from, to, x| {
        (from.bits() == to.bits()).then_some(x)
    })
}

macro_rules! cast_op {
    (
        $(#[doc = $doc:literal])*
        $Name:ident = $name:literal, $summary:literal, from: $from:expr, to: $to:expr,
        attrs: [$($an:ident = $ans:literal),*] $cons:expr, verify: $verify:expr, fold: $fold:expr,
        format: $format:expr
    ) => {
        op! {
            $(#[doc = $doc])*
            pub struct $Name = $name;
            summary: $summary;
            operands: [input];
            results: [output];
            attrs: [$($an = $ans),*];
            def: {
                traits: PURE_EW,
                operands: Arity::Exactly(1),
                results: Arity::Exactly(1),
                operand_type: Some($from),
                result_type: Some($to),
                attrs: $cons,
                verify: Some($verify),
                fold: Some($fold),
                infer: Some(infer_same),
                format: custom($format),
            }
        }
    };
}

cast_op! {
    /// Zero-extends an integer to a strictly wider integer type.
    ///
    /// ```mlir
    /// %2 = arith.extui %1 : i3 to i6
    /// %5 = arith.extui %0 : vector<2xi32> to vector<2xi64>
    /// ```
    ExtUIOp = "arith.extui", "integer zero extension operation",
    from: SIGNLESS_FIXED_WIDTH_INT_LIKE, to: SIGNLESS_FIXED_WIDTH_INT_LIKE, attrs: [] &[],
    verify: verify_int_widen, fold: fold_extui, format: &F_CAST
}
cast_op! {
    /// Sign-extends an integer to a strictly wider integer type.
    ///
    /// ```mlir
    /// %2 = arith.extsi %1 : i3 to i6
    /// %5 = arith.extsi %0 : vector<2xi32> to vector<2xi64>
    /// ```
    ExtSIOp = "arith.extsi", "integer sign extension operation",
    from: SIGNLESS_FIXED_WIDTH_INT_LIKE, to: SIGNLESS_FIXED_WIDTH_INT_LIKE, attrs: [] &[],
    verify: verify_int_widen, fold: fold_extsi, format: &F_CAST
}
cast_op! {
    /// Truncates an integer to a strictly narrower integer type, keeping the low bits.
    /// `nsw`/`nuw` flags make lossy truncation poison.
    ///
    /// ```mlir
    /// %2 = arith.trunci %1 : i5 to i4
    /// %5 = arith.trunci %a overflow<nsw, nuw> : i32 to i16
    /// ```
    TruncIOp = "arith.trunci", "integer truncation operation",
    from: SIGNLESS_FIXED_WIDTH_INT_LIKE, to: SIGNLESS_FIXED_WIDTH_INT_LIKE,
    attrs: [overflow_flags = "overflowFlags"] &[OVERFLOW_ATTR],
    verify: verify_int_narrow, fold: fold_trunci, format: &F_CAST_OVF
}
cast_op! {
    /// Extends a float to a strictly wider float type (exact).
    ///
    /// ```mlir
    /// %1 = arith.extf %0 : f32 to f64
    /// %2 = arith.extf %h fastmath<contract> : f16 to f32
    /// ```
    ExtFOp = "arith.extf", "cast from floating-point to wider floating-point",
    from: FLOAT_LIKE, to: FLOAT_LIKE, attrs: [fastmath = "fastmath"] &[FASTMATH_ATTR],
    verify: verify_float_widen, fold: fold_extf, format: &F_CAST_FASTMATH
}
cast_op! {
    /// Truncates a float to a strictly narrower float type, rounding with the optional
    /// rounding mode (default: to nearest even).
    ///
    /// ```mlir
    /// %1 = arith.truncf %0 : f64 to f32
    /// %2 = arith.truncf %0 toward_zero : f32 to bf16
    /// ```
    TruncFOp = "arith.truncf", "cast from floating-point to narrower floating-point",
    from: FLOAT_LIKE, to: FLOAT_LIKE,
    attrs: [roundingmode = "roundingmode", fastmath = "fastmath"] &[ROUNDING_ATTR, FASTMATH_ATTR],
    verify: verify_float_narrow, fold: fold_truncf, format: &F_TRUNCF
}
cast_op! {
    /// Converts a value interpreted as an unsigned integer to the nearest float (rounding to
    /// nearest even).
    ///
    /// ```mlir
    /// %1 = arith.uitofp %0 : i32 to f32
    /// ```
    UIToFPOp = "arith.uitofp", "cast from unsigned integer type to floating-point",
    from: SIGNLESS_FIXED_WIDTH_INT_LIKE, to: FLOAT_LIKE, attrs: [] &[],
    verify: verify_int_to_float, fold: fold_uitofp, format: &F_CAST
}
cast_op! {
    /// Converts a value interpreted as a signed integer to the nearest float (rounding to
    /// nearest even).
    ///
    /// ```mlir
    /// %1 = arith.sitofp %0 : i32 to f32
    /// ```
    SIToFPOp = "arith.sitofp", "cast from integer type to floating-point",
    from: SIGNLESS_FIXED_WIDTH_INT_LIKE, to: FLOAT_LIKE, attrs: [] &[],
    verify: verify_int_to_float, fold: fold_sitofp, format: &F_CAST
}
cast_op! {
    /// Converts a float to an unsigned integer, rounding toward zero.
    ///
    /// ```mlir
    /// %1 = arith.fptoui %0 : f32 to i32
    /// ```
    FPToUIOp = "arith.fptoui", "cast from floating-point type to integer type",
    from: FLOAT_LIKE, to: SIGNLESS_FIXED_WIDTH_INT_LIKE, attrs: [] &[],
    verify: verify_float_to_int, fold: fold_fptoui, format: &F_CAST
}
cast_op! {
    /// Converts a float to a signed integer, rounding toward zero.
    ///
    /// ```mlir
    /// %1 = arith.fptosi %0 : f16 to i32
    /// ```
    FPToSIOp = "arith.fptosi", "cast from floating-point type to integer type",
    from: FLOAT_LIKE, to: SIGNLESS_FIXED_WIDTH_INT_LIKE, attrs: [] &[],
    verify: verify_float_to_int, fold: fold_fptosi, format: &F_CAST
}
cast_op! {
    /// Casts between `index` and a signless integer (or vectors, tensors, memrefs of them);
    /// widening sign-extends, narrowing truncates.
    ///
    /// ```mlir
    /// %1 = arith.index_cast %0 : i32 to index
    /// %2 = arith.index_cast %i : index to i64
    /// ```
    IndexCastOp = "arith.index_cast", "cast between index and integer types",
    from: INDEX_CAST_TYPE, to: INDEX_CAST_TYPE, attrs: [] &[],
    verify: verify_index_cast, fold: fold_index_cast, format: &F_CAST
}
cast_op! {
    /// Casts between `index` and a signless integer (or vectors, tensors, memrefs of them);
    /// widening zero-extends, narrowing truncates.
    ///
    /// ```mlir
    /// %1 = arith.index_castui %0 : index to i32
    /// ```
    IndexCastUIOp = "arith.index_castui", "unsigned cast between index and integer types",
    from: INDEX_CAST_TYPE, to: INDEX_CAST_TYPE, attrs: [] &[],
    verify: verify_index_cast, fold: fold_index_castui, format: &F_CAST
}
cast_op! {
    /// Reinterprets the bits of an integer or float as another integer or float type of the
    /// same bit width.
    ///
    /// ```mlir
    /// %1 = arith.bitcast %0 : f32 to i32
    /// %2 = arith.bitcast %v : vector<4xi16> to vector<4xf16>
    /// ```
    BitcastOp = "arith.bitcast", "bitcast between values of equal bit width",
    from: BITCAST_TYPE, to: BITCAST_TYPE, attrs: [] &[],
    verify: verify_bitcast, fold: fold_bitcast, format: &F_CAST
}

/// All arith op definitions, in declaration order.
pub static OPS: &[&strata_ir::OpDef] = &[
    &ConstantOp::DEF,
    &AddIOp::DEF,
    &SubIOp::DEF,
    &MulIOp::DEF,
    &DivUIOp::DEF,
    &DivSIOp::DEF,
    &CeilDivUIOp::DEF,
    &CeilDivSIOp::DEF,
    &FloorDivSIOp::DEF,
    &RemUIOp::DEF,
    &RemSIOp::DEF,
    &AndIOp::DEF,
    &OrIOp::DEF,
    &XOrIOp::DEF,
    &ShLIOp::DEF,
    &ShRUIOp::DEF,
    &ShRSIOp::DEF,
    &MaxSIOp::DEF,
    &MaxUIOp::DEF,
    &MinSIOp::DEF,
    &MinUIOp::DEF,
    &AddUIExtendedOp::DEF,
    &MulSIExtendedOp::DEF,
    &MulUIExtendedOp::DEF,
    &AddFOp::DEF,
    &SubFOp::DEF,
    &MulFOp::DEF,
    &DivFOp::DEF,
    &RemFOp::DEF,
    &NegFOp::DEF,
    &MaximumFOp::DEF,
    &MinimumFOp::DEF,
    &MaxNumFOp::DEF,
    &MinNumFOp::DEF,
    &CmpIOp::DEF,
    &CmpFOp::DEF,
    &SelectOp::DEF,
    &ExtUIOp::DEF,
    &ExtSIOp::DEF,
    &TruncIOp::DEF,
    &ExtFOp::DEF,
    &TruncFOp::DEF,
    &UIToFPOp::DEF,
    &SIToFPOp::DEF,
    &FPToUIOp::DEF,
    &FPToSIOp::DEF,
    &IndexCastOp::DEF,
    &IndexCastUIOp::DEF,
    &BitcastOp::DEF,
];
