//! The string ops of the graph dialect (`string_concat`, `equal` on strings,
//! `regex_full_match`, `label_encoder` with string keys or values, `string_normalizer`,
//! `string_split`) as
//! `tensor.string_call`s: string tensors have no `tensor.generic` form (no `arith` op reads
//! a string), so each op becomes a library call that keeps its attributes, run by the
//! interpreter with the graph op's semantics and by the cpu runtime's string kernel
//! (`docs/lowering.md`, "String tensors").
//!
//! * Shapes must be static (zero-size results are `tensor.empty`s, as for any op). A
//!   `regex_full_match` pattern must compile (else a diagnostic: the call never fails on
//!   its pattern at run time).
//! * `string_normalizer` sizes its result by the data (stopwords are removed): it converts
//!   when that result is read by `func.return` alone, as a bounded result
//!   ([`crate::bounded`]): the call's result is a tensor of the input's size (at least one
//!   element) and its extents are returned after the function's results.
//! * `string_split`'s pieces have no compile-time bound: they convert when read by
//!   `func.return` alone, as a *runtime-sized result*: the call returns them packed into one
//!   string (`tensor<!graph.string>`, see `tensor.string_call`) and their extents, returned
//!   after the function's results like a bounded result's; the runtime unpacks them.

use crate::bounded::{only_returned, return_bounded};
use crate::build::Cv;
use crate::empty::static_shape;
use strata_dialect_graph::attr::string_value;
use strata_dialect_graph::strings::{full_match_regex, is_string};
use strata_dialect_tensor::strings::{callee_result_types, dynamic_results};
use strata_dialect_tensor::StringCallOp;
use strata_ir::{Body, Context, Op, Type};

/// Whether `op` (named `name`) is a graph op this module converts: a string op, `equal`
/// on strings, or `label_encoder` from or to strings.
pub fn is_string_op(ctx: &Context, body: &Body, op: Op, name: &str) -> bool {
    let strings = || {
        body.operands(op)
            .chain(body.results(op).iter().copied())
            .any(|v| elem_is_string(ctx, body.value_type(v)))
    };
    match name {
        "graph.string_concat"
        | "graph.regex_full_match"
        | "graph.string_normalizer"
        | "graph.string_split" => true,
        "graph.equal" | "graph.label_encoder" => strings(),
        _ => false,
    }
}

fn elem_is_string(ctx: &Context, t: Type) -> bool {
    strata_dialect_tensor::util::shaped(ctx, t).is_some_and(|(_, e)| is_string(ctx, e))
}

/// Why string op `op` does not convert (for the diagnostic of a full conversion), when
/// the reason is more specific than its types.
pub fn why_not(ctx: &Context, body: &Body, op: Op, name: &str) -> Option<String> {
    match name {
        "graph.regex_full_match" => {
            let p = ctx.dict_get(body.op(op).props, "pattern")?;
            full_match_regex(string_value(ctx, p)?).err()
        }
        "graph.string_split" | "graph.string_normalizer" => Some(
            "its result size depends on the data: it converts only when the result is \
             returned directly from the function"
                .into(),
        ),
        _ => None,
    }
}

/// Convert `op` when it is a string op: `None` if it is not, else whether it converted
/// (nothing changed when not).
pub fn convert(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<bool> {
    if !is_string_op(ctx, body, op, name) {
        return None;
    }
    // Results without elements are `tensor.empty`s ([`crate::empty`]), whatever the op.
    let results = body.results(op);
    if !results.is_empty()
        && results
            .iter()
            .all(|&r| crate::empty::is_zero_size(ctx, body.value_type(r)))
    {
        return None;
    }
    Some(string_call(ctx, body, op, name).is_some())
}

fn string_call(ctx: &Context, body: &mut Body, op: Op, name: &str) -> Option<()> {
    let operands: Vec<_> = body.operands(op).collect();
    let in_types: Vec<Type> = operands.iter().map(|&v| body.value_type(v)).collect();
    if in_types.iter().any(|&t| static_shape(ctx, t).is_none()) {
        return None;
    }
    let props = body.op(op).props;
    if name == "graph.regex_full_match" {
        full_match_regex(string_value(ctx, ctx.dict_get(props, "pattern")?)?).ok()?;
    }
    let inferred = callee_result_types(ctx, name, &in_types, props).ok()?;
    let results = body.results(op).to_vec();
    if results.len() != inferred.len() {
        return None;
    }
    // Each result: its static type, or the bound of a data-sized one (returned only).
    let mut types = Vec::with_capacity(inferred.len());
    let mut bounded = Vec::new();
    for (i, (&inf, &r)) in inferred.iter().zip(&results).enumerate() {
        let (shape, elem) = strata_dialect_tensor::util::shaped(ctx, inf)?;
        if !shape.contains(&strata_dialect_tensor::util::DYN) {
            static_shape(ctx, body.value_type(r))?;
            types.push(body.value_type(r));
            continue;
        }
        if !only_returned(ctx, body, r) {
            return None;
        }
        match name {
            "graph.string_normalizer" => {
                // The normalizer keeps at most its input's elements, and at least one.
                let c = *static_shape(ctx, in_types[0])?.last()?;
                let bound: Vec<i64> = shape
                    .iter()
                    .map(|&d| if d < 0 { c.max(1) } else { d })
                    .collect();
                types.push(ctx.tensor_type(&bound, elem));
            }
            // The pieces have no bound: a runtime-sized result, packed into one string.
            "graph.string_split" => types.push(ctx.tensor_type(&[], elem)),
            _ => return None,
        }
        bounded.push(i);
    }
    let i64t = ctx.int_type(64);
    for rank in dynamic_results(ctx, &inferred) {
        types.push(ctx.tensor_type(&[rank as i64], i64t));
    }
    // The call keeps the graph op's attributes, and names it.
    let call_props = ctx.dict_set(props, "callee", Some(ctx.string_attr(name)));
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let call = cv.build(StringCallOp::NAME, &operands, &types, &[]);
    body.op_mut(call).props = call_props;
    let news = body.results(call).to_vec();
    for (j, &i) in bounded.iter().enumerate() {
        return_bounded(ctx, body, results[i], news[i], news[inferred.len() + j]);
    }
    for (i, &r) in results.iter().enumerate() {
        if !bounded.contains(&i) {
            body.replace_all_uses(r, news[i]);
        }
    }
    body.erase_op(op);
    Some(())
}
