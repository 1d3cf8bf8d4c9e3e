//! Static values: a graph op whose registered folder computes its result from static
//! information alone (`shape`, `size` of a static tensor, `constant_of_shape` of a constant
//! shape, `range` of constant operands, any op whose operands are all constants and whose
//! folder evaluates it) becomes an `arith.constant` of the folded value, or is replaced by
//! the existing value the folder names. The folders are the graph dialect's own (the ones
//! `canonicalize` uses), so the constant is the value the op computes.

use crate::build::Cv;
use strata_ir::registry::FoldResult;
use strata_ir::rewrite::constant_value;
use strata_ir::{Attribute, OpRef, Type, Value};

/// The replacement of `cv.before` (a graph op with one result of type `result`) by what its
/// folder computes, built before it; `None` (nothing built) when it does not fold to a
/// constant `arith.constant` can hold or to a value of the result's type.
pub fn fold_to_constant(cv: &mut Cv<'_>, operands: &[Value], result: Type) -> Option<Value> {
    let ctx = cv.ctx;
    let op = cv.before;
    let def = ctx.op_def(cv.body.name(op))?;
    let fold = def.fold?;
    let consts: Vec<Option<Attribute>> = operands
        .iter()
        .map(|&v| constant_value(ctx, cv.body, v))
        .collect();
    let folded = fold(OpRef::new(ctx, cv.body, op), &consts)?;
    match folded.as_slice() {
        [FoldResult::Attr(a)] if strata_dialect_arith::is_buildable_with(ctx, *a, result) => {
            Some(cv.v("arith.constant", &[], result, &[("value", *a)]))
        }
        // A fold to an operand (the identity of `x + 0`, a no-op reshape): only a value of
        // the same type and not a result of the op itself.
        [FoldResult::Value(v)]
            if cv.body.value_type(*v) == result && !cv.body.results(op).contains(v) =>
        {
            Some(*v)
        }
        _ => None,
    }
}
