//! 1-D convolution and pooling as their 2-D forms on a unit height: the input (and the
//! weights) gain a height of 1 (`expand_shape`), the spatial attributes a leading identity
//! entry (stride, dilation and kernel 1, no padding), the 2-D lowering of [`crate::nn`] runs,
//! and the output's unit height is collapsed again. Every output element is the same sum or
//! extreme over the same window in the same order, so the results are those of the 1-D op.

use crate::build::Cv;
use crate::lower::{collapse, expand};
use strata_dialect_graph::attr::{i64_array, i64_array_attr, Attrs};
use strata_ir::{Attribute, Context, Type, Value};

/// The attributes of the 2-D form: `strides`, `dilations`, `kernel_shape` `[v]` become
/// `[1, v]`, `pads` `[a, b]` become `[0, a, 0, b]`; the others are kept. `None` for an
/// attribute of another length.
fn lifted(ctx: &Context, dict: Attribute) -> Option<Attribute> {
    let mut entries = Vec::new();
    for e in ctx.dict_entries(dict) {
        let name = ctx.str(e.name);
        let v = match name {
            "strides" | "dilations" | "kernel_shape" => match i64_array(ctx, e.value)?[..] {
                [v] => i64_array_attr(ctx, &[1, v]),
                _ => return None,
            },
            "pads" => match i64_array(ctx, e.value)?[..] {
                [a, b] => i64_array_attr(ctx, &[0, a, 0, b]),
                _ => return None,
            },
            "auto_pad" | "output_padding" | "output_shape" => return None,
            _ => e.value,
        };
        entries.push((name.to_string(), v));
    }
    let refs: Vec<(&str, Attribute)> = entries.iter().map(|(n, v)| (n.as_str(), *v)).collect();
    Some(ctx.dict_attr(&refs))
}

/// `[a, b, l]` → `[a, b, 1, l]`.
fn up(cv: &mut Cv<'_>, x: Value, s: &[i64], elem: Type) -> Value {
    expand(
        cv,
        x,
        &[vec![0], vec![1], vec![2, 3]],
        &[s[0], s[1], 1, s[2]],
        elem,
    )
}

/// Erase the ops defining `vs` (built here, unused after a failed lowering).
fn undo(cv: &mut Cv<'_>, vs: &[Value]) {
    for &v in vs {
        if let Some(op) = cv.body.defining_op(v) {
            if !cv.body.has_uses(v) {
                cv.body.erase_op(op);
            }
        }
    }
}

/// A 1-D op (`conv`: `x`, `w`, optional bias; pools: `x`) through its 2-D lowering `two_d`.
fn lift(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    props: Attribute,
    weights: bool,
    two_d: impl FnOnce(&mut Cv<'_>, &[Value], &[Vec<i64>], &[i64], &Attrs<'_>) -> Option<Value>,
) -> Option<Value> {
    let n_up = if weights { 2 } else { 1 };
    if out.len() != 3 || shapes.len() < n_up || shapes[..n_up].iter().any(|s| s.len() != 3) {
        return None;
    }
    let dict = lifted(cv.ctx, props)?;
    let mut ops4 = ops.to_vec();
    let mut shapes4 = shapes.to_vec();
    for i in 0..n_up {
        let s = &shapes[i];
        ops4[i] = up(cv, ops[i], s, elem);
        shapes4[i] = vec![s[0], s[1], 1, s[2]];
    }
    let out4 = [out[0], out[1], 1, out[2]];
    let attrs = Attrs::new(cv.ctx, dict);
    match two_d(cv, &ops4, &shapes4, &out4, &attrs) {
        Some(y) => Some(collapse(cv, y, &[vec![0], vec![1], vec![2, 3]], out, elem)),
        None => {
            undo(cv, &ops4[..n_up]);
            None
        }
    }
}

/// 1-D `conv` (NCL, FCK weights, groups, bias).
pub fn conv1d(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    props: Attribute,
) -> Option<Value> {
    lift(
        cv,
        ops,
        shapes,
        out,
        elem,
        props,
        true,
        |cv, o, s, out4, a| crate::nn::conv(cv, o, s, out4, elem, a),
    )
}

/// 1-D `max_pool` (`max`) or `average_pool`.
pub fn pool1d(
    cv: &mut Cv<'_>,
    max: bool,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    props: Attribute,
) -> Option<Value> {
    lift(
        cv,
        &[x],
        &[shape.to_vec()],
        out,
        elem,
        props,
        false,
        |cv, o, s, out4, a| crate::nn::pool(cv, max, o[0], &s[0], out4, elem, a),
    )
}
