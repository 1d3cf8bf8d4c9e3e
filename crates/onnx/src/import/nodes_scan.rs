//! Subgraph inlining and `Scan` unrolled at import.
//!
//! [`inline_body`] lowers a graph attribute in place: its operators are checked (every one
//! must be supported, else `Unsupported` lists them), its nodes ordered topologically, the
//! names it defines renamed into a private namespace (names it does not define are reads of
//! the enclosing scope and resolve there), its initializers added as constants and its
//! inputs bound to given values. Every inlining first checks that the function holds at
//! most `Limits::max_nodes` ops, which bounds nested unrolling as a whole. Validation lists
//! the unsupported operators of subgraphs up front ([`nested_unsupported`]).
//!
//! `Scan` (opset 9+) runs its body once per element of the scan axis (which must be
//! static): scan inputs are sliced along `scan_input_axes` (reversed where
//! `scan_input_directions` is 1), states are threaded through, and the per-iteration scan
//! outputs are stacked along `scan_output_axes` (in reverse order where
//! `scan_output_directions` is 1). Opset 8's batched form runs the same per batch entry
//! (its `sequence_lens` must be absent).

use super::nodes_basic::N;
use super::nodes_seqattn::{check_unroll, Ops};
use super::validate::node_label;
use super::{Lowerer, Opsets};
use crate::error::{ImportError, Result, UnsupportedOp};
use crate::proto::{GraphProto, NodeProto};
use crate::tensor::ConstTensor;
use std::collections::{HashMap, HashSet};
use strata_dialect_graph::attr::i64_array_attr;
use strata_dialect_graph::shape::normalize_axis;
use strata_ir::Value;

/// The namespace prefix of the subgraphs of node `n`, from its (unique) first output;
/// [`inline_body`] rejects a renamed value that collides with an existing one.
pub(crate) fn fresh_prefix(n: &N<'_>, what: &str) -> String {
    let out = n.node.output.first().cloned().unwrap_or_default();
    format!("strata.{what}.{out}/")
}

/// The unsupported operators of `g` and of the graphs nested in it (walked with an
/// explicit stack; nesting is bounded when the model is decoded).
pub(crate) fn unsupported_in(g: &GraphProto, opsets: &Opsets) -> Vec<UnsupportedOp> {
    let mut bad = Vec::new();
    let mut stack = vec![g];
    while let Some(g) = stack.pop() {
        for (i, nd) in g.node.iter().enumerate() {
            let domain = if nd.domain == "ai.onnx" {
                ""
            } else {
                nd.domain.as_str()
            };
            let opset = opsets.get(domain);
            let ok = match (domain.is_empty(), opset) {
                (_, None) => false,
                (true, Some(v)) => super::support(&nd.op_type, v).is_some(),
                (false, Some(v)) => super::nodes_domains::support(domain, &nd.op_type, v),
            };
            if !ok {
                bad.push(UnsupportedOp {
                    domain: domain.to_string(),
                    op_type: nd.op_type.clone(),
                    opset: opset.unwrap_or(0),
                    node: node_label(nd, i),
                });
            }
            for a in &nd.attribute {
                stack.extend(a.g.as_ref());
                stack.extend(&a.graphs);
            }
        }
    }
    bad
}

/// The unsupported operators of the graph attributes of `n` (see [`unsupported_in`]).
pub(crate) fn nested_unsupported(n: &NodeProto, opsets: &Opsets) -> Vec<UnsupportedOp> {
    let mut bad = Vec::new();
    for a in &n.attribute {
        for g in a.g.iter().chain(&a.graphs) {
            bad.extend(unsupported_in(g, opsets));
        }
    }
    bad
}

/// Lower graph `g` with its inputs bound to `inputs`; returns its outputs.
pub(crate) fn inline_body(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    g: &GraphProto,
    prefix: &str,
    inputs: &[Value],
) -> Result<Vec<Value>> {
    if lw.body.op_capacity() as u64 > lw.limits.max_nodes {
        return Err(ImportError::limit(
            "graph ops of inlined subgraphs",
            lw.limits.max_nodes,
        ));
    }
    if g.input.len() != inputs.len() {
        return Err(n.invalid(format!(
            "subgraph '{}' has {} inputs, {} expected",
            g.name,
            g.input.len(),
            inputs.len()
        )));
    }
    // Names the subgraph defines, each once.
    let mut local: HashSet<&str> = HashSet::new();
    let names = g
        .input
        .iter()
        .map(|vi| vi.name.as_str())
        .chain(g.initializer.iter().map(|t| t.name.as_str()))
        .chain(
            g.node
                .iter()
                .flat_map(|nd| nd.output.iter().map(String::as_str)),
        );
    for name in names.filter(|s| !s.is_empty()) {
        if !local.insert(name) {
            return Err(n.invalid(format!("subgraph value '{name}' is defined twice")));
        }
    }
    let mut bad = unsupported_in(g, lw.opsets);
    if !bad.is_empty() {
        bad.sort();
        bad.dedup();
        return Err(ImportError::Unsupported(bad));
    }
    // Topological order over the subgraph's own definitions.
    let producer: HashMap<&str, usize> = g
        .node
        .iter()
        .enumerate()
        .flat_map(|(i, nd)| nd.output.iter().map(move |o| (o.as_str(), i)))
        .filter(|(o, _)| !o.is_empty())
        .collect();
    let mut indeg = vec![0usize; g.node.len()];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); g.node.len()];
    for (i, nd) in g.node.iter().enumerate() {
        for p in nd.input.iter().filter_map(|s| producer.get(s.as_str())) {
            indeg[i] += 1;
            users[*p].push(i);
        }
    }
    let mut ready: std::collections::BTreeSet<usize> =
        (0..g.node.len()).filter(|&i| indeg[i] == 0).collect();
    let mut order = Vec::with_capacity(g.node.len());
    while let Some(i) = ready.pop_first() {
        order.push(i);
        for &u in &users[i] {
            indeg[u] -= 1;
            if indeg[u] == 0 {
                ready.insert(u);
            }
        }
    }
    if order.len() != g.node.len() {
        return Err(n.invalid(format!("subgraph '{}' has a cycle", g.name)));
    }
    let rename = |s: &str| -> String {
        if !s.is_empty() && local.contains(s) {
            format!("{prefix}{s}")
        } else {
            s.to_string()
        }
    };
    if let Some(clash) = local
        .iter()
        .map(|s| rename(s))
        .filter(|r| lw.values.contains_key(r) || lw.consts.contains_key(r))
        .min()
    {
        return Err(n.unsupported(&format!(
            "subgraph value renamed to '{clash}', which exists"
        )));
    }
    let mut ext = crate::external::ExternalLoader::new(None, 0);
    for t in &g.initializer {
        let mut c = ConstTensor::from_proto(lw.ctx, t, &lw.limits, &mut ext, &n.at)?;
        c.name = rename(&t.name);
        lw.consts.insert(c.name.clone(), c);
    }
    for (vi, &v) in g.input.iter().zip(inputs) {
        lw.values.insert(rename(&vi.name), v);
    }
    for (line, &i) in order.iter().enumerate() {
        let mut nd = g.node[i].clone();
        nd.input.iter_mut().for_each(|s| *s = rename(s));
        nd.output.iter_mut().for_each(|s| *s = rename(s));
        // Nested subgraphs (an `If` inside this body) read this body's values by name.
        for a in &mut nd.attribute {
            a.g.iter_mut()
                .chain(a.graphs.iter_mut())
                .for_each(|sg| rename_nested(sg, &rename));
        }
        super::nodes_basic::lower_node(lw, &nd, line as u32 + 1)?;
    }
    g.output
        .iter()
        .map(|o| lw.operand(&rename(&o.name), &n.at))
        .collect()
}

/// Rename every name of `g` and of its nested subgraphs with `rename` (which only changes
/// the names of the enclosing body, so the renaming is consistent within `g`). Nesting is
/// bounded by the import's pre-scan.
fn rename_nested(g: &mut GraphProto, rename: &dyn Fn(&str) -> String) {
    for vi in g.input.iter_mut().chain(g.output.iter_mut()) {
        vi.name = rename(&vi.name);
    }
    for t in &mut g.initializer {
        t.name = rename(&t.name);
    }
    for nd in &mut g.node {
        nd.input.iter_mut().for_each(|s| *s = rename(s));
        nd.output.iter_mut().for_each(|s| *s = rename(s));
        for a in &mut nd.attribute {
            a.g.iter_mut()
                .chain(a.graphs.iter_mut())
                .for_each(|sg| rename_nested(sg, rename));
        }
    }
}

/// The axes of one scan attribute (`count` values, default 0), normalised against `ranks`.
fn axes(n: &N<'_>, name: &str, ranks: &[usize]) -> Result<Vec<usize>> {
    let given = n.attrs.ints(name)?.unwrap_or_else(|| vec![0; ranks.len()]);
    if given.len() != ranks.len() {
        return Err(n.invalid(format!("{name} must have {} values", ranks.len())));
    }
    given
        .iter()
        .zip(ranks)
        .map(|(&a, &r)| normalize_axis(a, r).map_err(|m| n.invalid(format!("{name}: {m}"))))
        .collect()
}

fn flags(n: &N<'_>, name: &str, count: usize) -> Result<Vec<bool>> {
    let given = n.attrs.ints(name)?.unwrap_or_else(|| vec![0; count]);
    if given.len() != count || given.iter().any(|&d| d != 0 && d != 1) {
        return Err(n.invalid(format!("{name} must have {count} values of 0 or 1")));
    }
    Ok(given.iter().map(|&d| d == 1).collect())
}

/// The loop of one scan: returns the final states and the stacked scan outputs.
#[allow(clippy::too_many_arguments)]
fn run_scan(
    o: &mut Ops<'_, '_, '_>,
    body: &GraphProto,
    prefix: &str,
    mut states: Vec<Value>,
    scans: &[Value],
    (in_axes, in_rev): (&[usize], &[bool]),
    out_axes: Option<&[i64]>,
    out_rev: &[bool],
) -> Result<Vec<Value>> {
    let n = o.n;
    let mut steps = None;
    for (&x, &a) in scans.iter().zip(in_axes) {
        let (s, _) = o.shape(x, "scan input")?;
        if steps.is_some_and(|t| t != s[a]) {
            return Err(n.invalid("scan inputs have different lengths"));
        }
        steps = Some(s[a]);
    }
    let steps = steps.ok_or_else(|| n.invalid("Scan needs a scan input"))?;
    if steps < 1 {
        return Err(n.unsupported("Scan of zero iterations"));
    }
    check_unroll(o.lw, steps, body.node.len() as u64 + 2 * scans.len() as u64)?;
    let k = body
        .output
        .len()
        .checked_sub(states.len())
        .ok_or_else(|| n.invalid("the Scan body has fewer outputs than states"))?;
    let mut outs: Vec<Vec<Value>> = vec![Vec::new(); k];
    for i in 0..steps {
        let mut args = states.clone();
        for ((&x, &a), &rev) in scans.iter().zip(in_axes).zip(in_rev) {
            let t = if rev { steps - 1 - i } else { i };
            let s = o.slice(x, a as i64, t, t + 1, 1)?;
            let ax = i64_array_attr(o.lw.ctx, &[a as i64]);
            args.push(o.op("graph.squeeze", &[s], &[("axes", ax)])?);
        }
        let res = inline_body(o.lw, n, body, &format!("{prefix}{i}/"), &args)?;
        let (st, sc) = res.split_at(states.len());
        states = st.to_vec();
        for (acc, &v) in outs.iter_mut().zip(sc) {
            acc.push(v);
        }
    }
    let mut results = states;
    for (j, mut vals) in outs.into_iter().enumerate() {
        if out_rev.get(j).copied().unwrap_or(false) {
            vals.reverse();
        }
        let rank = o.lw.shape_of(vals[0]).0.len() + 1;
        let a = out_axes.and_then(|v| v.get(j).copied()).unwrap_or(0);
        let a = normalize_axis(a, rank).map_err(|m| n.invalid(format!("scan_output_axes: {m}")))?;
        let ax = i64_array_attr(o.lw.ctx, &[a as i64]);
        let mut parts = Vec::new();
        for v in vals {
            parts.push(o.op("graph.unsqueeze", &[v], &[("axes", ax)])?);
        }
        results.push(o.concat(&parts, a as i64)?);
    }
    Ok(results)
}

/// Lower a `Scan` node.
pub(crate) fn lower_scan(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let body = n
        .attrs
        .get("body")
        .and_then(|a| a.g.as_ref())
        .ok_or_else(|| n.invalid("Scan needs a body graph"))?;
    let m = n
        .attrs
        .int("num_scan_inputs")?
        .ok_or_else(|| n.invalid("Scan needs num_scan_inputs"))?;
    let prefix = fresh_prefix(n, "scan");
    let batched = n.opset < 9;
    let first = usize::from(batched);
    if batched && n.input_name(0).is_some() {
        return Err(n.unsupported("sequence_lens"));
    }
    let mut xs = Vec::new();
    for i in first..n.node.input.len() {
        xs.push(lw.inp(n, i)?);
    }
    let m = usize::try_from(m)
        .ok()
        .filter(|&m| m >= 1 && m <= xs.len())
        .ok_or_else(|| n.invalid("num_scan_inputs does not match the inputs"))?;
    let (states, scans) = xs.split_at(xs.len() - m);
    let mut o = Ops { lw, n };
    if !batched {
        let ranks: Vec<usize> = scans.iter().map(|&x| o.lw.shape_of(x).0.len()).collect();
        let in_axes = axes(n, "scan_input_axes", &ranks)?;
        let in_rev = flags(n, "scan_input_directions", m)?;
        let k = body.output.len().saturating_sub(states.len());
        let out_rev = flags(n, "scan_output_directions", k)?;
        let out_axes = n.attrs.ints("scan_output_axes")?;
        if out_axes.as_ref().is_some_and(|v| v.len() != k) {
            return Err(n.invalid(format!("scan_output_axes must have {k} values")));
        }
        let r = run_scan(
            &mut o,
            body,
            &prefix,
            states.to_vec(),
            scans,
            (&in_axes, &in_rev),
            out_axes.as_deref(),
            &out_rev,
        )?;
        return o.lw.bind(n, &r);
    }
    // Opset 8: axis 0 is the batch, the scan axis is 1; run per batch entry.
    let in_rev = flags(n, "directions", m)?;
    let batch = match xs.first() {
        Some(&x) => o.shape(x, "Scan input")?.0.first().copied().unwrap_or(0),
        None => 0,
    };
    if batch < 1
        || xs
            .iter()
            .any(|&x| o.lw.shape_of(x).0.first() != Some(&batch))
    {
        return Err(n.invalid("Scan (opset 8) inputs must share a positive batch dimension"));
    }
    check_unroll(o.lw, batch, 4 * xs.len() as u64)?;
    let zero = i64_array_attr(o.lw.ctx, &[0]);
    let mut per_batch: Vec<Vec<Value>> = Vec::new();
    for b in 0..batch {
        let mut row = Vec::new();
        for &x in &xs {
            let s = o.slice(x, 0, b, b + 1, 1)?;
            row.push(o.op("graph.squeeze", &[s], &[("axes", zero)])?);
        }
        let (st, sc) = row.split_at(row.len() - m);
        let k = body.output.len().saturating_sub(st.len());
        let in_axes = vec![0; m];
        let r = run_scan(
            &mut o,
            body,
            &format!("{prefix}b{b}/"),
            st.to_vec(),
            sc,
            (&in_axes, &in_rev),
            None,
            &vec![false; k],
        )?;
        per_batch.push(r);
    }
    let count = per_batch.first().map_or(0, Vec::len);
    let mut results = Vec::new();
    for j in 0..count {
        let mut parts = Vec::new();
        for r in &per_batch {
            parts.push(o.op("graph.unsqueeze", &[r[j]], &[("axes", zero)])?);
        }
        results.push(o.concat(&parts, 0)?);
    }
    o.lw.bind(n, &results)
}
