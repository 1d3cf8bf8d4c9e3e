//! The sequence and optional operators (`SequenceEmpty`, `SequenceConstruct`,
//! `SequenceInsert`, `SequenceAt`, `SequenceErase`, `SequenceLength`,
//! `ConcatFromSequence`, `SplitToSequence`, `Optional`, `OptionalGetElement`,
//! `OptionalHasElement`), one graph op each (see `strata_dialect_graph::seq_ops`).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use strata_dialect_graph::attr::i64_attr;
use strata_dialect_graph::container::{opt_type, seq_type};
use strata_ir::{Attribute, OpBuilder, TypeKind, Value};

/// All present inputs of `n`, in order (absent optional inputs skipped).
fn present_inputs(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Vec<Value>> {
    let mut v = Vec::new();
    for i in 0..n.node.input.len() {
        if let Some(x) = lw.opt_inp(n, i)? {
            v.push(x);
        }
    }
    Ok(v)
}

/// Lower a sequence or optional operator.
pub(crate) fn lower(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let ctx = lw.ctx;
    let op = n.node.op_type.as_str();
    let graph_op = match op {
        "SequenceEmpty" => {
            let d = n.attrs.int("dtype")?.unwrap_or(i64::from(dt::FLOAT));
            let elem = i32::try_from(d)
                .ok()
                .and_then(|d| crate::tensor::elem_type(ctx, d))
                .ok_or_else(|| n.unsupported(&format!("dtype {d}")))?;
            let ty = seq_type(ctx, ctx.ty(TypeKind::UnrankedTensor(elem)));
            let mut b = OpBuilder::at_end(ctx, lw.body, lw.block);
            b.loc = n.loc;
            let v = b.build_value("graph.sequence_empty", &[], ty, &[]);
            return lw.bind(n, &[v]);
        }
        "Optional" if n.input_name(0).is_none() => {
            let tp = n
                .attrs
                .get("type")
                .and_then(|a| a.tp.as_ref())
                .ok_or_else(|| n.invalid("an Optional without input needs a 'type' attribute"))?;
            let t = super::ctrl_types::type_of(ctx, tp, &lw.limits, &n.at)?
                .ok_or_else(|| n.unsupported("optional of this type"))?;
            let ty = opt_type(ctx, t);
            let mut b = OpBuilder::at_end(ctx, lw.body, lw.block);
            b.loc = n.loc;
            let v = b.build_value("graph.optional", &[], ty, &[]);
            return lw.bind(n, &[v]);
        }
        "SequenceConstruct" => "graph.sequence_construct",
        "SequenceInsert" => "graph.sequence_insert",
        "SequenceAt" => "graph.sequence_at",
        "SequenceErase" => "graph.sequence_erase",
        "SequenceLength" => "graph.sequence_length",
        "ConcatFromSequence" => "graph.concat_from_sequence",
        "SplitToSequence" => "graph.split_to_sequence",
        "Optional" => "graph.optional",
        "OptionalGetElement" => "graph.optional_get_element",
        "OptionalHasElement" => "graph.optional_has_element",
        _ => return Err(n.unsupported("operator")),
    };
    let mut props: Vec<(&str, Attribute)> = Vec::new();
    match op {
        "ConcatFromSequence" => {
            let axis = n
                .attrs
                .int("axis")?
                .ok_or_else(|| n.invalid("missing attribute 'axis'"))?;
            props.push(("axis", i64_attr(ctx, axis)));
            props.push(("new_axis", i64_attr(ctx, n.attrs.int_or("new_axis", 0)?)));
        }
        "SplitToSequence" => {
            props.push(("axis", i64_attr(ctx, n.attrs.int_or("axis", 0)?)));
            props.push(("keepdims", i64_attr(ctx, n.attrs.int_or("keepdims", 1)?)));
        }
        _ => {}
    }
    let ins = present_inputs(lw, n)?;
    lw.emit(n, graph_op, &ins, &props)
}
