//! Zero-size tensors: static shapes with a dimension of size 0.
//!
//! A zero-size tensor has no elements, so whatever op computes it, its value is the same as
//! that of a `tensor.empty` of its type: a graph op (without regions) whose results are all
//! zero-size is replaced by one `tensor.empty` per result, whatever the op and its
//! operands. A reduction whose operand is zero-size but whose result is not reduces over an
//! empty set, giving the reduction's identity everywhere: a constant fill (`reduce_sum` 0,
//! `reduce_prod` 1, `reduce_max` the lowest value (`-inf`, the signed minimum, `false`),
//! `reduce_min` the highest, float `reduce_mean` NaN (0 / 0)), the interpreter's values. The
//! integer mean of an empty set is an error in the interpreter and is not converted. A
//! `concat` with zero-size operands (and a non-empty result) is the concat of the others.
//! (`split` into zero-size parts is in [`crate`]'s `split`.)

use crate::build::{elem_of, float_kind, signless_width, Cv};
use crate::index::norm_axis;
use strata_dialect_graph::attr::Attrs;
use strata_ir::{Body, Context, Op, Type, TypeKind, Value};

/// The static shape of a ranked tensor type with no dynamic dimension (zero allowed).
pub fn static_shape(ctx: &Context, t: Type) -> Option<Vec<i64>> {
    match ctx.type_kind(t) {
        TypeKind::RankedTensor { shape, .. } if shape.iter().all(|&d| d >= 0) => {
            Some(shape.to_vec())
        }
        _ => None,
    }
}

/// Whether `t` is a static tensor type with no elements.
pub fn is_zero_size(ctx: &Context, t: Type) -> bool {
    static_shape(ctx, t).is_some_and(|s| s.contains(&0))
}

/// Convert graph op `op` (`name`) if it involves zero-size tensors as described in the
/// module docs; `None` (nothing built) otherwise.
pub fn convert(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<()> {
    let results = body.results(op).to_vec();
    if results.is_empty() || !body.regions(op).is_empty() {
        return None;
    }
    let loc = body.op(op).loc;
    let types: Vec<Type> = results.iter().map(|&r| body.value_type(r)).collect();
    let news: Vec<Value> = if types.iter().all(|&t| is_zero_size(ctx, t)) {
        let mut cv = Cv {
            ctx,
            body,
            before: op,
            loc,
        };
        types
            .iter()
            .map(|&t| cv.v("tensor.empty", &[], t, &[]))
            .collect()
    } else if name == "graph.concat" {
        vec![concat_skipping_empty(ctx, body, op)?]
    } else {
        vec![empty_reduction(ctx, body, op, name)?]
    };
    for (old, new) in results.into_iter().zip(news) {
        body.replace_all_uses(old, new);
    }
    body.erase_op(op);
    Some(())
}

/// A `graph.reduce_*` over an empty set (zero-size operand, non-empty static result) as a
/// fill of the reduction's identity.
fn empty_reduction(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<Value> {
    let results = body.results(op);
    let operands: Vec<Value> = body.operands(op).collect();
    if results.len() != 1 || operands.len() != 1 {
        return None;
    }
    let result = body.value_type(results[0]);
    let x = body.value_type(operands[0]);
    let (shape, out) = (static_shape(ctx, x)?, static_shape(ctx, result)?);
    if !shape.contains(&0) || out.contains(&0) {
        return None;
    }
    let elem = elem_of(ctx, x);
    if elem_of(ctx, result) != elem {
        return None;
    }
    // The result shape the attributes give, as the interpreter computes it.
    let attrs = Attrs::new(ctx, body.op(op).props);
    let keep = attrs.i64("keepdims", 1).ok()? != 0;
    let axes = attrs.ints("axes").ok()?.unwrap_or_default();
    let r = shape.len();
    let mut red = vec![axes.is_empty(); r];
    if axes.is_empty() && attrs.i64("noop_with_empty_axes", 0).ok()? != 0 {
        return None;
    }
    for &a in &axes {
        red[norm_axis(a, r)?] = true;
    }
    let want: Vec<i64> = (0..r)
        .filter_map(|i| match (red[i], keep) {
            (false, _) => Some(shape[i]),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect();
    if want != out {
        return None;
    }
    enum Id {
        F(f64),
        I(i128),
    }
    let id = match (float_kind(ctx, elem), signless_width(ctx, elem)) {
        (Some(k), _) if k.is_ieee_arith() => Id::F(match name {
            "graph.reduce_sum" => 0.0,
            "graph.reduce_prod" => 1.0,
            "graph.reduce_max" => f64::NEG_INFINITY,
            "graph.reduce_min" => f64::INFINITY,
            "graph.reduce_mean" => f64::NAN,
            _ => return None,
        }),
        (None, Some(1)) => Id::I(match name {
            "graph.reduce_max" => 0,
            "graph.reduce_min" => 1,
            _ => return None,
        }),
        (None, Some(w)) => Id::I(match name {
            "graph.reduce_sum" => 0,
            "graph.reduce_prod" => 1,
            "graph.reduce_max" => -(1i128 << (w - 1)),
            "graph.reduce_min" => (1i128 << (w - 1)) - 1,
            _ => return None,
        }),
        _ => return None,
    };
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    Some(match id {
        Id::F(v) => cv.filled(v, &out, elem),
        Id::I(v) => cv.filled_int(v, &out, elem),
    })
}

/// A `graph.concat` whose zero-size operands are left out (a non-empty static result): the
/// `tensor.concat` of the others, or the one other itself.
fn concat_skipping_empty(ctx: &Context, body: &mut Body, op: Op) -> Option<Value> {
    let results = body.results(op);
    if results.len() != 1 {
        return None;
    }
    let result = body.value_type(results[0]);
    let out = static_shape(ctx, result)?;
    let operands: Vec<Value> = body.operands(op).collect();
    if out.contains(&0)
        || operands
            .iter()
            .any(|&v| static_shape(ctx, body.value_type(v)).is_none_or(|s| s.len() != out.len()))
    {
        return None;
    }
    let kept: Vec<Value> = operands
        .iter()
        .copied()
        .filter(|&v| !is_zero_size(ctx, body.value_type(v)))
        .collect();
    if kept.len() == operands.len() || kept.is_empty() {
        return None;
    }
    let attrs = Attrs::new(ctx, body.op(op).props);
    let axis = norm_axis(attrs.i64("axis", 0).ok()?, out.len())?;
    if let [one] = kept.as_slice() {
        return (body.value_type(*one) == result).then_some(*one);
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let d = ctx.int_attr(axis as i128, ctx.int_type(64));
    Some(cv.v("tensor.concat", &kept, result, &[("dim", d)]))
}
