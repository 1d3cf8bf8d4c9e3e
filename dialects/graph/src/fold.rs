//! Scalar semantics of the elementwise graph ops, and the shared folding helpers.
//!
//! The functions on [`BinaryKind`], [`UnaryKind`] and [`cast_scalar`] define the exact
//! element semantics that constant folding uses (and that the interpreter follows):
//!
//! * floats are computed in `f64` and rounded once to the element type; for the operations
//!   folded here (`+ - * /`, `sqrt`, comparisons, `min`/`max`, rounding) this is the correctly
//!   rounded IEEE result for `f16`, `bf16` and `f32` too (`f64` has more than twice their
//!   precision plus two bits). Transcendental functions (`exp`, `log`, `pow`, `erf`, `tanh`,
//!   `sin`, ...) are **not** folded: their results are not correctly rounded and would differ
//!   from the interpreter's;
//! * integers wrap modulo `2^width` (two's complement; `uiN` unsigned); integer division
//!   truncates toward zero, and division by zero is not folded (the interpreter reports it);
//! * `max`/`min` propagate NaN and order `-0.0 < +0.0`; comparisons with NaN are false.
//!
//! Folders return existing values only when the types match exactly, so a fold never changes
//! a result type.

use crate::dense::{dense_attr, Dense, Values, FOLD_LIMIT};
use crate::shape::num_elements;
use crate::util::{elem_class, ranked, ElemClass};
use std::cmp::Ordering;
use strata_ir::numeric::normalize_bits;
use strata_ir::{Attribute, Context, FoldResult, OpRef, Signedness, Type, TypeKind, Value};

/// What a folder returns.
pub type Folded = Option<Vec<FoldResult>>;

/// The binary elementwise ops.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum BinaryKind {
    /// `a + b`.
    Add,
    /// `a - b`.
    Sub,
    /// `a * b`.
    Mul,
    /// `a / b`.
    Div,
    /// `a ^ b`.
    Pow,
    /// `max(a, b)`.
    Max,
    /// `min(a, b)`.
    Min,
    /// Logical and.
    And,
    /// Logical or.
    Or,
    /// Logical xor.
    Xor,
    /// `a == b`.
    Equal,
    /// `a < b`.
    Less,
    /// `a <= b`.
    LessEqual,
    /// `a > b`.
    Greater,
    /// `a >= b`.
    GreaterEqual,
    /// Remainder with the sign of the divisor (Python's `%`, ONNX `Mod` with `fmod = 0`).
    Mod,
    /// Remainder with the sign of the dividend (C's `fmod`, ONNX `Mod` with `fmod = 1`).
    Fmod,
}

impl BinaryKind {
    /// Whether the op produces `i1`.
    pub fn is_comparison(self) -> bool {
        matches!(
            self,
            BinaryKind::Equal
                | BinaryKind::Less
                | BinaryKind::LessEqual
                | BinaryKind::Greater
                | BinaryKind::GreaterEqual
        )
    }
    /// Whether the op is `and`/`or`/`xor` on `i1`.
    pub fn is_logical(self) -> bool {
        matches!(self, BinaryKind::And | BinaryKind::Or | BinaryKind::Xor)
    }
    /// The outcome of a comparison given the ordering of its operands (`None`: unordered,
    /// i.e. a NaN operand, which makes every comparison false).
    pub fn compare(self, ord: Option<Ordering>) -> bool {
        let Some(o) = ord else {
            return false;
        };
        match self {
            BinaryKind::Equal => o == Ordering::Equal,
            BinaryKind::Less => o == Ordering::Less,
            BinaryKind::LessEqual => o != Ordering::Greater,
            BinaryKind::Greater => o == Ordering::Greater,
            BinaryKind::GreaterEqual => o != Ordering::Less,
            _ => false,
        }
    }
    /// The float result of an arithmetic op (`Add` ... `Min`), before rounding to the
    /// element type. `None` for comparisons and logical ops.
    pub fn eval_float(self, a: f64, b: f64) -> Option<f64> {
        Some(match self {
            BinaryKind::Add => a + b,
            BinaryKind::Sub => a - b,
            BinaryKind::Mul => a * b,
            BinaryKind::Div => a / b,
            BinaryKind::Pow => a.powf(b),
            BinaryKind::Fmod => a % b,
            BinaryKind::Mod => {
                let r = a % b;
                if r != 0.0 && (r < 0.0) != (b < 0.0) {
                    r + b
                } else {
                    r
                }
            }
            BinaryKind::Max | BinaryKind::Min => {
                if a.is_nan() || b.is_nan() {
                    f64::NAN
                } else if a == b {
                    // Distinguish the zeros: max(-0, +0) = +0, min(-0, +0) = -0.
                    let neg = if self == BinaryKind::Max {
                        a.is_sign_negative() && b.is_sign_negative()
                    } else {
                        a.is_sign_negative() || b.is_sign_negative()
                    };
                    if neg {
                        -a.abs()
                    } else {
                        a.abs()
                    }
                } else if (a > b) == (self == BinaryKind::Max) {
                    a
                } else {
                    b
                }
            }
            _ => return None,
        })
    }
    /// The integer result of an arithmetic or logical op on values of `width` bits with
    /// `signedness` (`i1` values are 0/1), wrapped to the width. `None` for division by zero,
    /// `Pow` with a negative exponent and comparisons.
    pub fn eval_int(self, a: i128, b: i128, width: u32, signedness: Signedness) -> Option<i128> {
        let r = match self {
            BinaryKind::Add => a.wrapping_add(b),
            BinaryKind::Sub => a.wrapping_sub(b),
            BinaryKind::Mul => a.wrapping_mul(b),
            BinaryKind::Div => {
                if b == 0 {
                    return None;
                }
                a.wrapping_div(b)
            }
            BinaryKind::Pow => {
                let e = u32::try_from(b).ok()?;
                a.wrapping_pow(e)
            }
            BinaryKind::Max => a.max(b),
            BinaryKind::Min => a.min(b),
            BinaryKind::Mod | BinaryKind::Fmod => {
                if b == 0 {
                    return None;
                }
                let r = a.wrapping_rem(b);
                if self == BinaryKind::Mod && r != 0 && (r < 0) != (b < 0) {
                    r.wrapping_add(b)
                } else {
                    r
                }
            }
            BinaryKind::And => a & b,
            BinaryKind::Or => a | b,
            BinaryKind::Xor => a ^ b,
            _ => return None,
        };
        Some(normalize_bits(r, width, signedness))
    }
}

/// The unary elementwise ops that fold.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum UnaryKind {
    /// `-x`.
    Neg,
    /// `|x|`.
    Abs,
    /// `max(x, 0)`.
    Relu,
    /// `-1`, `0` or `1` (floats: `±0` and NaN are returned unchanged).
    Sign,
    /// Round toward negative infinity.
    Floor,
    /// Round toward positive infinity.
    Ceil,
    /// Round half to even.
    Round,
    /// `1 / x`.
    Reciprocal,
    /// Square root.
    Sqrt,
    /// Logical not of `i1`.
    Not,
}

impl UnaryKind {
    /// Whether `op(op(x)) == op(x)`.
    pub fn is_idempotent(self) -> bool {
        matches!(
            self,
            UnaryKind::Abs
                | UnaryKind::Relu
                | UnaryKind::Sign
                | UnaryKind::Floor
                | UnaryKind::Ceil
                | UnaryKind::Round
        )
    }
    /// Whether `op(op(x)) == x`.
    pub fn is_involution(self) -> bool {
        matches!(self, UnaryKind::Neg | UnaryKind::Not)
    }
    /// The float result, before rounding to the element type (`None` for `Not`).
    pub fn eval_float(self, x: f64) -> Option<f64> {
        Some(match self {
            UnaryKind::Neg => -x,
            UnaryKind::Abs => x.abs(),
            UnaryKind::Relu => {
                if x > 0.0 || x.is_nan() {
                    x
                } else {
                    0.0
                }
            }
            UnaryKind::Sign => {
                if x == 0.0 || x.is_nan() {
                    x
                } else {
                    x.signum()
                }
            }
            UnaryKind::Floor => x.floor(),
            UnaryKind::Ceil => x.ceil(),
            UnaryKind::Round => x.round_ties_even(),
            UnaryKind::Reciprocal => 1.0 / x,
            UnaryKind::Sqrt => x.sqrt(),
            UnaryKind::Not => return None,
        })
    }
    /// The integer result (wrapped to the width; `None` where the op has no integer form).
    pub fn eval_int(self, x: i128, width: u32, signedness: Signedness) -> Option<i128> {
        let r = match self {
            UnaryKind::Neg => x.wrapping_neg(),
            UnaryKind::Abs => x.wrapping_abs(),
            UnaryKind::Relu => x.max(0),
            UnaryKind::Sign => x.signum(),
            UnaryKind::Floor | UnaryKind::Ceil | UnaryKind::Round => x,
            UnaryKind::Not => 1 - (x & 1),
            UnaryKind::Reciprocal | UnaryKind::Sqrt => return None,
        };
        Some(normalize_bits(r, width, signedness))
    }
}

/// Width and signedness of an integer element type.
pub fn int_info(ctx: &Context, elem: Type) -> Option<(u32, Signedness)> {
    match ctx.type_kind(elem) {
        TypeKind::Integer { width, signedness } => Some((*width, *signedness)),
        _ => None,
    }
}

/// ONNX `Cast` of one element. Returns `None` where the result is undefined (NaN, infinite
/// or out-of-range floats to integers) or where `f64` could round twice (integers beyond
/// `2^53` to floats narrower than the integer). To `i1`: `x != 0`. Integer to integer:
/// truncation to the target width (two's complement). Float to integer: truncation toward
/// zero. Float to float and integer to float: round to nearest even.
pub fn cast_scalar(ctx: &Context, from: Type, to: Type, v: ScalarValue) -> Option<ScalarValue> {
    let to_class = elem_class(ctx, to)?;
    elem_class(ctx, from)?;
    match (v, to_class) {
        (ScalarValue::Int(x), ElemClass::Bool) => Some(ScalarValue::Int((x != 0) as i128)),
        (ScalarValue::Float(x), ElemClass::Bool) => {
            if x.is_nan() {
                // NaN != 0 is true in ONNX's C-style cast.
                return Some(ScalarValue::Int(1));
            }
            Some(ScalarValue::Int((x != 0.0) as i128))
        }
        (ScalarValue::Int(x), ElemClass::Float) => {
            if x.unsigned_abs() > (1u128 << 53) {
                return None;
            }
            Some(ScalarValue::Float(x as f64))
        }
        (ScalarValue::Float(x), ElemClass::Float) => Some(ScalarValue::Float(x)),
        (ScalarValue::Int(x), _) => {
            let (w, s) = int_info(ctx, to)?;
            Some(ScalarValue::Int(normalize_bits(x, w, s)))
        }
        (ScalarValue::Float(x), _) => {
            let (w, s) = int_info(ctx, to)?;
            if !x.is_finite() {
                return None;
            }
            let t = x.trunc();
            if !(-1.8e19..=1.8e19).contains(&t) {
                return None;
            }
            let t = t as i128;
            if w > 64 {
                return None;
            }
            // Signless integers are signed in the graph dialect.
            let (lo, hi) = match s {
                Signedness::Unsigned => (0, (1i128 << w) - 1),
                _ => (-(1i128 << (w - 1)), (1i128 << (w - 1)) - 1),
            };
            if t < lo || t > hi {
                return None;
            }
            Some(ScalarValue::Int(normalize_bits(t, w, s)))
        }
    }
}

/// One element value.
#[derive(Clone, Copy, PartialEq, Debug)]
pub enum ScalarValue {
    /// An integer (or `i1` as 0/1).
    Int(i128),
    /// A float.
    Float(f64),
}

// ----- helpers for folders -----

/// Operand `i` of `op`, if it has that many.
pub fn operand(op: &OpRef<'_>, i: usize) -> Option<Value> {
    (i < op.body.num_operands(op.op)).then(|| op.body.operand(op.op, i))
}

/// The type of result `i`.
pub fn result_type(op: &OpRef<'_>, i: usize) -> Option<Type> {
    op.body.results(op.op).get(i).map(|&v| op.ty(v))
}

/// Fold the op's single result to `v` when their types are equal.
pub fn to_value_if_same_type(op: &OpRef<'_>, v: Value) -> Folded {
    (op.body.num_operands(op.op) > 0 && result_type(op, 0)? == op.ty(v))
        .then(|| vec![FoldResult::Value(v)])
}

/// The decoded constant of operand `i`, if known.
pub fn const_operand(ctx: &Context, consts: &[Option<Attribute>], i: usize) -> Option<Dense> {
    Dense::from_attr(ctx, consts.get(i).copied().flatten()?)
}

/// The op defining `v` when it has name `name`.
pub fn defining<'a>(op: &OpRef<'a>, v: Value, name: &str) -> Option<OpRef<'a>> {
    let d = op.body.defining_op(v)?;
    let r = OpRef {
        ctx: op.ctx,
        body: op.body,
        op: d,
        parent: None,
        region_override: None,
    };
    (r.name() == name).then_some(r)
}

/// The static shape of a tensor type when its element count is at most [`FOLD_LIMIT`] (or
/// any count when `splat` is true).
fn foldable_shape(ctx: &Context, ty: Type, splat: bool) -> Option<(Vec<i64>, usize)> {
    let (shape, _) = ranked(ctx, ty)?;
    let n = usize::try_from(num_elements(shape)?).ok()?;
    (splat || n <= FOLD_LIMIT).then(|| (shape.to_vec(), n))
}

/// For each element of `out` (row-major), the index of the element of `input` it reads under
/// numpy broadcasting.
pub fn broadcast_indices(out: &[i64], input: &[i64]) -> Option<Vec<usize>> {
    let n = usize::try_from(num_elements(out)?).ok()?;
    let in_strides = crate::shape::row_major_strides(input)?;
    let off = out.len().checked_sub(input.len())?;
    if input
        .iter()
        .zip(&out[off..])
        .any(|(&i, &o)| i != 1 && i != o)
    {
        return None;
    }
    let mut idx = vec![0usize; out.len()];
    let mut res = Vec::with_capacity(n);
    for _ in 0..n {
        let mut flat = 0usize;
        for (j, &s) in in_strides.iter().enumerate() {
            if input[j] != 1 {
                flat += idx[off + j] * s;
            }
        }
        res.push(flat);
        for d in (0..out.len()).rev() {
            idx[d] += 1;
            if (idx[d] as i64) < out[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Some(res)
}

/// Constant-fold a binary elementwise op whose operands are both constants, into the op's
/// (static) result type.
pub fn fold_binary_consts(
    op: &OpRef<'_>,
    consts: &[Option<Attribute>],
    kind: BinaryKind,
) -> Folded {
    let ctx = op.ctx;
    if kind == BinaryKind::Pow {
        return None;
    }
    let a = const_operand(ctx, consts, 0)?;
    let b = const_operand(ctx, consts, 1)?;
    if a.elem != b.elem {
        return None;
    }
    let rty = result_type(op, 0)?;
    let (shape, _) = foldable_shape(ctx, rty, a.is_splat() && b.is_splat())?;
    let (ia, ib) = if a.is_splat() && b.is_splat() {
        (vec![0], vec![0])
    } else {
        (
            broadcast_indices(&shape, &a.shape)?,
            broadcast_indices(&shape, &b.shape)?,
        )
    };
    let values = match (&a.values, &b.values) {
        (Values::Float(x), Values::Float(y)) => {
            let x = |i: usize| x[if x.len() == 1 { 0 } else { i }];
            let y = |i: usize| y[if y.len() == 1 { 0 } else { i }];
            if kind.is_comparison() {
                Values::Int(
                    ia.iter()
                        .zip(&ib)
                        .map(|(&i, &j)| kind.compare(x(i).partial_cmp(&y(j))) as i128)
                        .collect(),
                )
            } else {
                Values::Float(
                    ia.iter()
                        .zip(&ib)
                        .map(|(&i, &j)| kind.eval_float(x(i), y(j)))
                        .collect::<Option<_>>()?,
                )
            }
        }
        (Values::Int(x), Values::Int(y)) => {
            let (w, s) = int_info(ctx, a.elem)?;
            let x = |i: usize| x[if x.len() == 1 { 0 } else { i }];
            let y = |i: usize| y[if y.len() == 1 { 0 } else { i }];
            if kind.is_comparison() {
                Values::Int(
                    ia.iter()
                        .zip(&ib)
                        .map(|(&i, &j)| kind.compare(Some(x(i).cmp(&y(j)))) as i128)
                        .collect(),
                )
            } else {
                Values::Int(
                    ia.iter()
                        .zip(&ib)
                        .map(|(&i, &j)| kind.eval_int(x(i), y(j), w, s))
                        .collect::<Option<_>>()?,
                )
            }
        }
        _ => return None,
    };
    Some(vec![FoldResult::Attr(dense_attr(ctx, rty, &values)?)])
}

/// Constant-fold a unary elementwise op on a constant operand.
pub fn fold_unary_const(op: &OpRef<'_>, consts: &[Option<Attribute>], kind: UnaryKind) -> Folded {
    let ctx = op.ctx;
    let a = const_operand(ctx, consts, 0)?;
    let rty = result_type(op, 0)?;
    if rty != a.ty {
        return None;
    }
    foldable_shape(ctx, rty, a.is_splat())?;
    let values = match &a.values {
        Values::Float(x) => Values::Float(
            x.iter()
                .map(|&v| kind.eval_float(v))
                .collect::<Option<_>>()?,
        ),
        Values::Int(x) => {
            let (w, s) = int_info(ctx, a.elem)?;
            Values::Int(
                x.iter()
                    .map(|&v| kind.eval_int(v, w, s))
                    .collect::<Option<_>>()?,
            )
        }
    };
    Some(vec![FoldResult::Attr(dense_attr(ctx, rty, &values)?)])
}

/// Map every element of a constant through `f` into the op's result type (same shape).
pub fn map_const(
    op: &OpRef<'_>,
    a: &Dense,
    f: impl Fn(ScalarValue) -> Option<ScalarValue>,
) -> Folded {
    let ctx = op.ctx;
    let rty = result_type(op, 0)?;
    let (shape, relem) = ranked(ctx, rty)?;
    if shape != a.shape.as_slice() {
        return None;
    }
    foldable_shape(ctx, rty, a.is_splat())?;
    let inputs: Vec<ScalarValue> = match &a.values {
        Values::Int(v) => v.iter().map(|&x| ScalarValue::Int(x)).collect(),
        Values::Float(v) => v.iter().map(|&x| ScalarValue::Float(x)).collect(),
    };
    let outs: Vec<ScalarValue> = inputs.into_iter().map(f).collect::<Option<_>>()?;
    let values = if ctx.type_kind(relem).is_float() {
        Values::Float(
            outs.iter()
                .map(|v| match v {
                    ScalarValue::Float(x) => Some(*x),
                    ScalarValue::Int(_) => None,
                })
                .collect::<Option<_>>()?,
        )
    } else {
        Values::Int(
            outs.iter()
                .map(|v| match v {
                    ScalarValue::Int(x) => Some(*x),
                    ScalarValue::Float(_) => None,
                })
                .collect::<Option<_>>()?,
        )
    };
    Some(vec![FoldResult::Attr(dense_attr(ctx, rty, &values)?)])
}

/// Fold a pure reshape (same elements in the same order) of a constant into the result type.
pub fn fold_reshape_const(op: &OpRef<'_>, consts: &[Option<Attribute>]) -> Folded {
    let ctx = op.ctx;
    let a = const_operand(ctx, consts, 0)?;
    let rty = result_type(op, 0)?;
    foldable_shape(ctx, rty, a.is_splat())?;
    let d = a.retyped(ctx, rty)?;
    Some(vec![FoldResult::Attr(d.to_attr(ctx)?)])
}

/// Fold to a constant of the op's result type whose elements are `d`'s elements at
/// `offsets` (row-major source offsets, one per result element); `None` when the result
/// type is not static, its element count differs from `offsets`, or it exceeds
/// [`FOLD_LIMIT`](crate::dense::FOLD_LIMIT).
pub fn fold_gathered(op: &OpRef<'_>, d: &crate::dense::Dense, offsets: &[usize]) -> Folded {
    Some(vec![fold_gathered_at(op, 0, d, offsets)?])
}

/// Result `i` of `op` as the elements of `d` at `offsets` (`None` when they do not fill
/// the result's static type or exceed the fold limit).
pub fn fold_gathered_at(
    op: &OpRef<'_>,
    i: usize,
    d: &crate::dense::Dense,
    offsets: &[usize],
) -> Option<FoldResult> {
    let rty = result_type(op, i)?;
    let (rshape, _) = ranked(op.ctx, rty)?;
    let total = usize::try_from(num_elements(rshape)?).ok()?;
    if total != offsets.len() || total > crate::dense::FOLD_LIMIT {
        return None;
    }
    let values = match &d.values {
        Values::Int(_) => Values::Int(offsets.iter().map(|&o| d.int(o)).collect::<Option<_>>()?),
        Values::Float(_) => {
            Values::Float(offsets.iter().map(|&o| d.float(o)).collect::<Option<_>>()?)
        }
    };
    let attr = dense_attr(op.ctx, rty, &values)?;
    Some(FoldResult::Attr(attr))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_semantics() {
        let max = |a, b| BinaryKind::Max.eval_float(a, b).unwrap();
        let min = |a, b| BinaryKind::Min.eval_float(a, b).unwrap();
        assert!(max(-0.0, 0.0).is_sign_positive());
        assert!(min(0.0, -0.0).is_sign_negative());
        assert!(max(f64::NAN, 1.0).is_nan());
        assert_eq!(max(2.0, 1.0), 2.0);
        assert_eq!(min(2.0, 1.0), 1.0);
        assert!(!BinaryKind::Equal.compare(f64::NAN.partial_cmp(&f64::NAN)));
        assert_eq!(UnaryKind::Round.eval_float(2.5), Some(2.0));
        assert_eq!(UnaryKind::Round.eval_float(-3.5), Some(-4.0));
        assert!(UnaryKind::Relu.eval_float(-0.0).unwrap().is_sign_positive());
        assert!(UnaryKind::Sign.eval_float(-0.0).unwrap().is_sign_negative());
    }

    #[test]
    fn int_semantics() {
        let s = Signedness::Signless;
        assert_eq!(BinaryKind::Add.eval_int(127, 1, 8, s), Some(-128));
        assert_eq!(BinaryKind::Div.eval_int(-7, 2, 32, s), Some(-3));
        assert_eq!(BinaryKind::Div.eval_int(1, 0, 32, s), None);
        assert_eq!(BinaryKind::Div.eval_int(-128, -1, 8, s), Some(-128));
        assert_eq!(
            BinaryKind::Sub.eval_int(0, 1, 8, Signedness::Unsigned),
            Some(255)
        );
        assert_eq!(UnaryKind::Abs.eval_int(-128, 8, s), Some(-128));
        assert_eq!(UnaryKind::Not.eval_int(1, 1, s), Some(0));
    }

    #[test]
    fn casts() {
        let ctx = Context::new();
        let (f32t, i8t, i1t) = (ctx.f32(), ctx.int_type(8), ctx.i1());
        let u8t = ctx.ty(TypeKind::Integer {
            width: 8,
            signedness: Signedness::Unsigned,
        });
        use ScalarValue::*;
        assert_eq!(cast_scalar(&ctx, f32t, i8t, Float(-3.7)), Some(Int(-3)));
        assert_eq!(cast_scalar(&ctx, f32t, i8t, Float(200.0)), None);
        assert_eq!(cast_scalar(&ctx, f32t, u8t, Float(200.0)), Some(Int(200)));
        assert_eq!(cast_scalar(&ctx, f32t, u8t, Float(-1.0)), None);
        assert_eq!(cast_scalar(&ctx, f32t, i8t, Float(f64::NAN)), None);
        assert_eq!(cast_scalar(&ctx, i8t, i1t, Int(-2)), Some(Int(1)));
        assert_eq!(cast_scalar(&ctx, i8t, u8t, Int(-1)), Some(Int(255)));
        assert_eq!(cast_scalar(&ctx, i8t, f32t, Int(-1)), Some(Float(-1.0)));
        assert_eq!(cast_scalar(&ctx, ctx.i64(), f32t, Int(1 << 60)), None);
    }

    #[test]
    fn broadcast_index_maps() {
        assert_eq!(
            broadcast_indices(&[2, 3], &[3]),
            Some(vec![0, 1, 2, 0, 1, 2])
        );
        assert_eq!(
            broadcast_indices(&[2, 3], &[2, 1]),
            Some(vec![0, 0, 0, 1, 1, 1])
        );
        assert_eq!(broadcast_indices(&[], &[]), Some(vec![0]));
    }
}
