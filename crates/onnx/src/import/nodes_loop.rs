//! Control flow whose decisions are known at import, inlined with
//! [`inline_body`](super::nodes_scan::inline_body):
//!
//! * `If` with a constant condition becomes the chosen branch;
//! * `Loop` with a constant trip count `M` and/or initial condition is unrolled: iteration
//!   `i` runs the body on `(i, cond, carried...)` while `i < M` and the condition holds; the
//!   condition the body returns must fold to a constant at import (as it does when the body
//!   passes it through). Carried values thread through; scan outputs are stacked along a
//!   new axis 0.
//!
//! A condition only known at run time, a loop without `M` or condition, or one that runs
//! zero times while producing scan outputs (whose shape is then unknown) is `Unsupported`;
//! more than [`MAX_UNROLL_STEPS`] iterations is `LimitExceeded`.

use super::consteval::attr_to_const;
use super::nodes_basic::N;
use super::nodes_scan::{fresh_prefix, inline_body};
use super::nodes_seqattn::{Ops, MAX_UNROLL_STEPS};
use super::Lowerer;
use crate::error::{ImportError, Result};
use strata_dialect_graph::attr::i64_array_attr;
use strata_ir::Value;

/// Whether `op` is one of this module's operators, and its constant inputs.
pub(crate) fn support(op: &str, opset: i64) -> Option<&'static [usize]> {
    match op {
        "If" if opset >= 1 => Some(&[0]),
        "Loop" if opset >= 1 => Some(&[0, 1]),
        _ => None,
    }
}

/// Lower an `If` or `Loop` node.
pub(crate) fn lower_control(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    if n.node.op_type == "If" {
        lower_if(lw, n)
    } else {
        lower_loop(lw, n)
    }
}

/// The value of the constant scalar `v` as an integer, if it folds.
fn folded_int(lw: &mut Lowerer<'_>, v: Value) -> Option<i64> {
    let attr = lw.fold_value(v)?;
    let c = attr_to_const(lw.ctx, attr, "")?;
    (c.numel() == 1).then(|| c.int_at(0)).flatten()
}

fn lower_if(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let cond = lw
        .const_ints(n, 0)?
        .ok_or_else(|| n.invalid("If needs a condition"))?;
    let [c] = cond[..] else {
        return Err(n.invalid("the If condition must have one element"));
    };
    let name = if c != 0 { "then_branch" } else { "else_branch" };
    let g = n
        .attrs
        .get(name)
        .and_then(|a| a.g.as_ref())
        .ok_or_else(|| n.invalid(format!("If needs a {name}")))?;
    let outputs = n.node.output.len();
    if g.output.len() != outputs {
        return Err(n.invalid(format!(
            "{name} has {} outputs, the node {outputs}",
            g.output.len()
        )));
    }
    let prefix = fresh_prefix(n, name);
    let r = inline_body(lw, n, g, &prefix, &[])?;
    lw.bind(n, &r)
}

fn lower_loop(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let body = n
        .attrs
        .get("body")
        .and_then(|a| a.g.as_ref())
        .ok_or_else(|| n.invalid("Loop needs a body graph"))?;
    let scalar = |v: Option<Vec<i64>>, what: &str| -> Result<Option<i64>> {
        match v {
            None => Ok(None),
            Some(v) if v.len() == 1 => Ok(Some(v[0])),
            Some(_) => Err(n.invalid(format!("the Loop {what} must have one element"))),
        }
    };
    let trips = lw.const_ints(n, 0)?;
    let trips = scalar(trips, "trip count")?;
    let cond = lw.const_ints(n, 1)?;
    let mut cond = scalar(cond, "condition")?.is_none_or(|c| c != 0);
    if trips.is_none() && n.input_name(1).is_none() {
        return Err(n.unsupported("Loop without a trip count or condition"));
    }
    let mut carried = Vec::new();
    for i in 2..n.node.input.len() {
        carried.push(lw.inp(n, i)?);
    }
    let k = body
        .output
        .len()
        .checked_sub(1 + carried.len())
        .ok_or_else(|| n.invalid("the Loop body has too few outputs"))?;
    if body.input.len() != 2 + carried.len() {
        return Err(n.invalid("the Loop body must take (iteration, condition, carried...)"));
    }
    let prefix = fresh_prefix(n, "loop");
    let (i64t, i1) = (lw.ctx.i64(), lw.ctx.i1());
    let mut o = Ops { lw, n };
    let mut scans: Vec<Vec<Value>> = vec![Vec::new(); k];
    let mut i = 0i64;
    while cond && trips.is_none_or(|m| i < m) {
        if i >= MAX_UNROLL_STEPS {
            return Err(ImportError::limit(
                "unrolled Loop iterations",
                MAX_UNROLL_STEPS as u64,
            ));
        }
        let mut args = vec![o.scalar(i as f64, i64t)?, o.scalar(1.0, i1)?];
        args.extend(&carried);
        let r = inline_body(o.lw, n, body, &format!("{prefix}{i}/"), &args)?;
        cond = match folded_int(o.lw, r[0]) {
            Some(c) => c != 0,
            None => return Err(n.unsupported("Loop condition computed at run time")),
        };
        carried = r[1..1 + carried.len()].to_vec();
        for (acc, &v) in scans.iter_mut().zip(&r[1 + carried.len()..]) {
            acc.push(v);
        }
        i += 1;
    }
    let mut results = carried;
    let zero = i64_array_attr(o.lw.ctx, &[0]);
    for vals in scans {
        if vals.is_empty() {
            return Err(n.unsupported("Loop with scan outputs running zero times"));
        }
        let mut parts = Vec::new();
        for v in vals {
            parts.push(o.op("graph.unsqueeze", &[v], &[("axes", zero)])?);
        }
        results.push(o.concat(&parts, 0)?);
    }
    o.lw.bind(n, &results)
}
