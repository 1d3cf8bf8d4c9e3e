//! `ai.onnx.preview.training` `Gradient` (opset 1) by reverse-mode differentiation at
//! import, into plain graph ops.
//!
//! `Gradient(xs = [x1..xk], zs = [z1..], y = Y)` takes the values of the `xs` then the `zs`
//! as inputs and gives `dY/dxi` for each `xi`, the gradient of the sum of `Y`'s elements
//! (`Y` itself when it is a scalar, as in ONNX's tests). The nodes of the main graph that
//! compute `Y` are evaluated again from the `Gradient`'s inputs (so the order in which the
//! importer meets the nodes does not matter; the duplicates are common subexpressions),
//! then the adjoints flow back from a `Y` of ones, summed where a value has several uses; an
//! `x` that `Y` does not depend on gets zeros. Supported: `Add`, `Sub`, `Mul`, `Div`, `Neg`
//! and `Identity` on float tensors whose operands have the result's shape (a broadcast
//! would need its gradient reduced) — anything else on the path from `Y` is refused as
//! unsupported, naming the node.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::NodeProto;
use std::collections::{BTreeMap, HashMap};
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_ir::{OpBuilder, Value};

/// The operators differentiated.
const DIFFERENTIABLE: &[&str] = &["Add", "Sub", "Mul", "Div", "Neg", "Identity"];

/// Lower `Gradient` (see the module documentation).
pub(crate) fn lower_gradient(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let xs = names(n, "xs")?;
    let zs = names(n, "zs")?;
    let y = n
        .attrs
        .string("y")?
        .ok_or_else(|| n.invalid("Gradient needs attribute 'y'"))?;
    if xs.is_empty() || n.node.output.len() != xs.len() {
        return Err(n.invalid(format!(
            "Gradient has {} outputs for {} 'xs'",
            n.node.output.len(),
            xs.len()
        )));
    }
    if n.node.input.len() != xs.len() + zs.len() {
        return Err(n.invalid("Gradient takes one input per name of 'xs' and 'zs'"));
    }
    // The values the differentiated nodes read: the `xs` and `zs` from the inputs.
    let mut val: HashMap<String, Value> = HashMap::new();
    for (i, name) in xs.iter().chain(&zs).enumerate() {
        val.insert(name.clone(), lw.inp(n, i)?);
    }
    // The nodes computing `y`, in an order where producers come first.
    let graph = lw.graph;
    let producer: HashMap<&str, &NodeProto> = graph
        .node
        .iter()
        .flat_map(|p| p.output.iter().map(move |o| (o.as_str(), p)))
        .filter(|(o, _)| !o.is_empty())
        .collect();
    let mut order: Vec<&NodeProto> = Vec::new();
    let mut state: HashMap<&str, bool> = HashMap::new();
    let mut stack: Vec<(&str, bool)> = vec![(y.as_str(), false)];
    while let Some((name, expanded)) = stack.pop() {
        if val.contains_key(name) || state.get(name) == Some(&true) {
            continue;
        }
        let Some(&p) = producer.get(name) else {
            // A graph input or initializer not among `xs`/`zs`: a constant here.
            let v = lw.operand(name, &n.at)?;
            val.insert(name.to_string(), v);
            continue;
        };
        if expanded {
            state.insert(name, true);
            order.push(p);
            continue;
        }
        if state.insert(name, false).is_some() {
            return Err(n.invalid(format!("the graph computing '{y}' has a cycle")));
        }
        if !p.domain.is_empty() || !DIFFERENTIABLE.contains(&p.op_type.as_str()) {
            return Err(n.unsupported(&format!(
                "differentiating {} (node '{}'); only {} are",
                p.op_type,
                p.name,
                DIFFERENTIABLE.join(", ")
            )));
        }
        stack.push((name, true));
        for i in p.input.iter().filter(|s| !s.is_empty()) {
            stack.push((i, false));
        }
    }
    // Forward: evaluate the nodes again on the Gradient's inputs.
    let graph_op = |op: &str| match op {
        "Add" => "graph.add",
        "Sub" => "graph.sub",
        "Mul" => "graph.mul",
        "Div" => "graph.div",
        "Neg" => "graph.neg",
        _ => "graph.identity",
    };
    for p in &order {
        let ins: Vec<Value> = p
            .input
            .iter()
            .map(|i| {
                val.get(i.as_str())
                    .copied()
                    .ok_or_else(|| n.invalid(format!("'{i}' has no value")))
            })
            .collect::<Result<_>>()?;
        let arity = if matches!(p.op_type.as_str(), "Neg" | "Identity") {
            1
        } else {
            2
        };
        if ins.len() != arity || p.output.len() != 1 {
            return Err(n.invalid(format!("node '{}' has the wrong arity", p.name)));
        }
        let r = lw.emit1(n, graph_op(&p.op_type), &ins, &[])?;
        let (shape, elem) = lw.shape_of(r);
        if !lw.ctx.type_kind(elem).is_float()
            || ins.iter().any(|&v| lw.shape_of(v) != (shape.clone(), elem))
        {
            return Err(n.unsupported(&format!(
                "differentiating node '{}' (only float operands of the result's shape)",
                p.name
            )));
        }
        val.insert(p.output[0].clone(), r);
    }
    // Backward: adjoints from ones of `y`'s shape.
    let yv = val[y.as_str()];
    let mut adj: BTreeMap<String, Value> = BTreeMap::new();
    adj.insert(y.clone(), filled(lw, n, yv, 1.0)?);
    for p in order.iter().rev() {
        let Some(&g) = adj.get(&p.output[0]) else {
            continue;
        };
        let a = val[p.input[0].as_str()];
        let mut contrib: Vec<(String, Value)> = Vec::new();
        match p.op_type.as_str() {
            "Identity" | "Add" => {
                contrib.push((p.input[0].clone(), g));
                if p.op_type == "Add" {
                    contrib.push((p.input[1].clone(), g));
                }
            }
            "Neg" => contrib.push((p.input[0].clone(), lw.emit1(n, "graph.neg", &[g], &[])?)),
            "Sub" => {
                contrib.push((p.input[0].clone(), g));
                let ng = lw.emit1(n, "graph.neg", &[g], &[])?;
                contrib.push((p.input[1].clone(), ng));
            }
            "Mul" => {
                let b = val[p.input[1].as_str()];
                contrib.push((p.input[0].clone(), lw.bin(n, "graph.mul", g, b)?));
                contrib.push((p.input[1].clone(), lw.bin(n, "graph.mul", g, a)?));
            }
            _ => {
                // Div: d(a/b) = g/b da - g a/b^2 db.
                let b = val[p.input[1].as_str()];
                contrib.push((p.input[0].clone(), lw.bin(n, "graph.div", g, b)?));
                let q = val[p.output[0].as_str()];
                let gq = lw.bin(n, "graph.mul", g, q)?;
                let gqb = lw.bin(n, "graph.div", gq, b)?;
                contrib.push((p.input[1].clone(), lw.emit1(n, "graph.neg", &[gqb], &[])?));
            }
        }
        for (name, c) in contrib {
            let sum = match adj.get(&name) {
                Some(&prev) => lw.bin(n, "graph.add", prev, c)?,
                None => c,
            };
            adj.insert(name, sum);
        }
    }
    let mut outs = Vec::with_capacity(xs.len());
    for x in &xs {
        outs.push(match adj.get(x) {
            Some(&g) => g,
            None => filled(lw, n, val[x.as_str()], 0.0)?,
        });
    }
    lw.bind(n, &outs)
}

/// The names in STRINGS attribute `attr` of `n` (none when absent).
fn names(n: &N<'_>, attr: &str) -> Result<Vec<String>> {
    let Some(a) = n.attrs.get(attr) else {
        return Ok(Vec::new());
    };
    a.strings
        .iter()
        .map(|s| {
            String::from_utf8(s.clone())
                .map_err(|_| n.invalid(format!("'{attr}' must hold UTF-8 names")))
        })
        .collect()
}

/// A constant of `like`'s (static) type with every element `v`.
fn filled(lw: &mut Lowerer<'_>, n: &N<'_>, like: Value, v: f64) -> Result<Value> {
    let ty = lw.body.value_type(like);
    let attr = dense_attr(lw.ctx, ty, &Values::Float(vec![v]))
        .ok_or_else(|| n.unsupported("a gradient of a dynamically shaped value"))?;
    let mut b = OpBuilder::at_end(lw.ctx, lw.body, lw.block);
    b.loc = n.loc;
    strata_dialect_graph::materialize_constant(&mut b, attr, ty)
        .ok_or_else(|| n.invalid("cannot build a constant"))
}
