//! `tensor.string_call`: a string op of the graph dialect as a library call on tensors
//! (and, after `bufferize`, on buffers), the form string tensors take below the graph level
//! (`docs/lowering.md`, "String tensors").
//!
//! Strings are not numbers: no `arith` op reads them, so the string ops are not expanded
//! into `tensor.generic` bodies. Each becomes one `tensor.string_call` naming the graph op
//! (`callee`) and carrying its attributes; the interpreter runs it with the graph op's
//! semantics (`strata_interp::strings`) and the cpu target calls the runtime's string
//! kernel, which runs the same code. Results whose size depends on the data (the graph op
//! infers a dynamic dimension) have a static upper bound here and are followed, after all
//! the callee's results, by their *extents* (`tensor<Kxi64>`, the actual size of each dim),
//! as the bounded results of `graph-to-tensor` (the valid part is the leading sub-box; the
//! rest holds empty strings). A string result with no such bound (`string_split`'s pieces)
//! is *runtime-sized*: the op's result is a rank-0 string that packs the elements
//! (row-major, each `<byte length>:<bytes>`, `strata_interp::strings::pack`), followed by
//! its extents likewise.

use crate::util::{shape_str, shaped, ty_str, DYN};
use strata_dialect_graph::strings::{
    infer_label_encoder, infer_regex_full_match, infer_string_concat, infer_string_normalizer,
    infer_string_split, is_string,
};
use strata_ir::{op, Attribute, Context, Diagnostic, OpRef, Traits, Type, TypeKind};

/// The graph ops a `tensor.string_call` may name, with their number of operands.
pub const CALLEES: &[(&str, usize)] = &[
    ("graph.string_concat", 2),
    ("graph.equal", 2),
    ("graph.regex_full_match", 1),
    ("graph.label_encoder", 1),
    ("graph.string_normalizer", 1),
    ("graph.string_split", 1),
];

/// The number of operands of callee `name` (`None`: not a string op).
pub fn callee_arity(name: &str) -> Option<usize> {
    CALLEES.iter().find(|(n, _)| *n == name).map(|&(_, a)| a)
}

/// The result types the graph op `callee` infers for operands of tensor types `ins` and the
/// attribute dictionary `props` (a dynamic dimension where the size depends on the data).
pub fn callee_result_types(
    ctx: &Context,
    callee: &str,
    ins: &[Type],
    props: Attribute,
) -> Result<Vec<Type>, String> {
    match callee {
        "graph.string_concat" => infer_string_concat(ctx, ins, props),
        "graph.equal" => {
            // `equal` on strings: the broadcast shape of two string tensors, as `i1`.
            let t = infer_string_concat(ctx, ins, props)?;
            let (shape, _) = shaped(ctx, t[0]).ok_or("the broadcast result is not ranked")?;
            Ok(vec![ctx.tensor_type(shape, ctx.i1())])
        }
        "graph.regex_full_match" => infer_regex_full_match(ctx, ins, props),
        "graph.label_encoder" => infer_label_encoder(ctx, ins, props),
        "graph.string_normalizer" => infer_string_normalizer(ctx, ins, props),
        "graph.string_split" => infer_string_split(ctx, ins, props),
        other => Err(format!(
            "'callee' must name a string op of the graph dialect ({}), but is '{other}'",
            CALLEES
                .iter()
                .map(|(n, _)| *n)
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

op! {
    /// Run the string op of the graph dialect named by `callee` (`graph.string_concat`,
    /// `graph.equal` on strings, `graph.regex_full_match`, `graph.label_encoder` with string
    /// keys or values, `graph.string_normalizer`, `graph.string_split`) with this op's
    /// other attributes as its attributes: a library call, which the cpu target lowers to a
    /// call of the runtime's string kernel. Operand and result shapes are static; a result
    /// the callee gives a dynamic dimension has a static upper bound instead and is
    /// followed, after the callee's results, by its extents (`tensor<Kxi64>`, `K` its
    /// rank); a string result without a bound may instead be a rank-0 string packing its
    /// elements (`<byte length>:<bytes>` each, row-major), with its extents likewise. In
    /// buffer form (after `bufferize`, as `tensor.generic`) the operands are the
    /// input buffers then one output buffer per result, and there are no results.
    ///
    /// ```mlir
    /// %0 = "tensor.string_call"(%a, %b) <{callee = "graph.string_concat"}> : (tensor<2x!graph.string>, tensor<!graph.string>) -> tensor<2x!graph.string>
    /// %1, %2 = "tensor.string_call"(%x) <{callee = "graph.string_normalizer", case_change_action = "LOWER", stopwords = ["a"]}> : (tensor<3x!graph.string>) -> (tensor<3x!graph.string>, tensor<1xi64>)
    /// %3, %4, %5 = "tensor.string_call"(%x) <{callee = "graph.string_split", delimiter = " "}> : (tensor<3x!graph.string>) -> (tensor<!graph.string>, tensor<3xi64>, tensor<2xi64>)
    /// "tensor.string_call"(%m, %n, %o) <{callee = "graph.equal"}> : (memref<2x!graph.string>, memref<2x!graph.string>, memref<2xi1>) -> ()
    /// ```
    pub struct StringCallOp = "tensor.string_call";
    summary: "a graph string op as a library call";
    def: {
        traits: Traits::PURE,
        verify: Some(verify_string_call),
    }
}

/// The callee of a `tensor.string_call` (its `callee` attribute).
pub fn callee_of<'a>(op: &OpRef<'a>) -> Option<&'a str> {
    let a = op.attr("callee")?;
    strata_dialect_graph::attr::string_value(op.ctx, a)
}

/// The rank of each result of the callee whose shape depends on the data (in result
/// order): the ranks of the extents results that follow the callee's results.
pub fn dynamic_results(ctx: &Context, inferred: &[Type]) -> Vec<usize> {
    inferred
        .iter()
        .filter_map(|&t| shaped(ctx, t))
        .filter(|(s, _)| s.contains(&DYN))
        .map(|(s, _)| s.len())
        .collect()
}

/// Check that `actual` (a static tensor or memref type) can hold the callee's result of
/// type `inferred`: same element type and rank, equal static dimensions; or, for a string
/// result sized by the data, a rank-0 string (the result packed).
fn check_result(ctx: &Context, i: usize, inferred: Type, actual: Type) -> Result<(), String> {
    let bad = || {
        format!(
            "result #{i} must be a static '{}' (dynamic dims: an upper bound), but is '{}'",
            ty_str(ctx, inferred),
            ty_str(ctx, actual)
        )
    };
    let ((is, ie), (as_, ae)) = match (shaped(ctx, inferred), shaped(ctx, actual)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(bad()),
    };
    // A rank-0 string: a result sized by the data, packed into one string.
    if ie == ae && is_string(ctx, ie) && is.contains(&DYN) && as_.is_empty() {
        return Ok(());
    }
    if ie != ae
        || is.len() != as_.len()
        || as_.iter().any(|&d| d < 0)
        || is.iter().zip(as_).any(|(&x, &y)| x != DYN && x != y)
    {
        return Err(bad());
    }
    Ok(())
}

fn verify_string_call(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let callee = callee_of(&op).ok_or_else(|| op.error("requires string attribute 'callee'"))?;
    let arity = callee_arity(callee).ok_or_else(|| {
        op.error(
            callee_result_types(ctx, callee, &[], ctx.dict_attr(&[]))
                .err()
                .unwrap_or_default(),
        )
    })?;
    let operands: Vec<Type> = op
        .body
        .operands(op.op)
        .map(|v| op.body.value_type(v))
        .collect();
    let results: Vec<Type> = op
        .body
        .results(op.op)
        .iter()
        .map(|&v| op.body.value_type(v))
        .collect();
    let buffers = results.is_empty();
    if operands.len() < arity {
        return Err(op.error(format_args!(
            "'{callee}' takes {arity} operands, but {} are given",
            operands.len()
        )));
    }
    let (ins, outs) = if buffers {
        operands.split_at(arity)
    } else if operands.len() == arity {
        (&operands[..], &results[..])
    } else {
        return Err(op.error(format_args!(
            "'{callee}' takes {arity} operands, but {} are given",
            operands.len()
        )));
    };
    // The callee's inference runs on tensor types of the operands' shapes.
    let mut tin = Vec::with_capacity(ins.len());
    for (i, &t) in ins.iter().enumerate() {
        let memref = matches!(ctx.type_kind(t), TypeKind::MemRef { .. });
        match shaped(ctx, t) {
            Some((s, e)) if memref == buffers && s.iter().all(|&d| d >= 0) => {
                tin.push(ctx.tensor_type(s, e))
            }
            _ => {
                return Err(op.error(format_args!(
                    "operand #{i} must be a statically shaped {}, but is '{}'",
                    if buffers { "memref" } else { "tensor" },
                    ty_str(ctx, t)
                )))
            }
        }
    }
    let props = op.body.op(op.op).props;
    let inferred = callee_result_types(ctx, callee, &tin, props)
        .map_err(|e| op.error(format_args!("'{callee}': {e}")))?;
    let extents = dynamic_results(ctx, &inferred);
    if outs.len() != inferred.len() + extents.len() {
        return Err(op.error(format_args!(
            "'{callee}' has {} results and {} extents, but the op has {} {}",
            inferred.len(),
            extents.len(),
            outs.len(),
            if buffers { "output buffers" } else { "results" }
        )));
    }
    for (i, (&inf, &t)) in inferred.iter().zip(outs).enumerate() {
        let memref = matches!(ctx.type_kind(t), TypeKind::MemRef { .. });
        if memref != buffers {
            return Err(op.error(format_args!(
                "result #{i} must be a {}",
                if buffers { "memref" } else { "tensor" }
            )));
        }
        check_result(ctx, i, inf, t).map_err(|e| op.error(e))?;
    }
    for (j, &rank) in extents.iter().enumerate() {
        let t = outs[inferred.len() + j];
        match shaped(ctx, t) {
            Some((s, e)) if s == [rank as i64] && e == ctx.i64() => {}
            _ => {
                return Err(op.error(format_args!(
                    "extents #{j} must have shape {} and element type i64, but is '{}'",
                    shape_str(&[rank as i64]),
                    ty_str(ctx, t)
                )))
            }
        }
    }
    let strings = tin
        .iter()
        .chain(&inferred)
        .any(|&t| shaped(ctx, t).is_some_and(|(_, e)| is_string(ctx, e)));
    if !strings {
        return Err(
            op.error("has no string operand or result (numeric ops convert to tensor.generic)")
        );
    }
    Ok(())
}
