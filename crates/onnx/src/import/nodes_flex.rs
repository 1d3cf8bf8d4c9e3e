//! `FlexAttention` (`ai.onnx.preview`, opset 1) lowered to graph ops, following ONNX's
//! reference implementation:
//!
//! 1. grouped-query heads: each key/value head repeated `Hq / Hkv` times (h0 h0 h1 h1 ...);
//! 2. `scores = (Q * sqrt(s)) @ (K * sqrt(s))^T` in the input type (`s`: `scale`, default
//!    `1/sqrt(E)`; `sqrt(s)` computed in `f32` and cast);
//! 3. the scores cast to the softmax type (`softmax_precision`, else `f32` for 16-bit
//!    inputs and the input type otherwise), passed through the `score_mod` subgraph,
//!    `softmax` over the key axis, the `prob_mod` subgraph, `@ V` (cast to the softmax
//!    type), cast back to `V`'s type.
//!
//! The modifier subgraphs are inlined: each is validated like a graph (every operator must
//! be supported), its values renamed into a private namespace, its one input bound to the
//! scores (probabilities) and its nodes lowered in topological order. A subgraph that
//! reads values of the enclosing graph is `Unsupported`.

use super::nodes_basic::N;
use super::nodes_seqattn::Ops;
use super::Lowerer;
use crate::error::Result;
use crate::proto::{data_type as dt, GraphProto, ModelProto};
use crate::tensor::{elem_type, ConstTensor};
use std::collections::HashSet;
use strata_ir::{Type, Value};

/// Lower a `FlexAttention` node.
pub(crate) fn lower_flex_attention(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (q, k, v) = (lw.inp(n, 0)?, lw.inp(n, 1)?, lw.inp(n, 2)?);
    let elem = lw.require_float(n, q)?;
    let scale_attr = n.attrs.float("scale")?;
    let precision = n.attrs.int("softmax_precision")?;
    let mut o = Ops { lw, n };
    let (qs, _) = o.shape(q, "Q")?;
    let (ks, _) = o.shape(k, "K")?;
    let (vs, v_elem) = o.shape(v, "V")?;
    if qs.len() != 4 || ks.len() != 4 || vs.len() != 4 {
        return Err(n.invalid("Q, K and V must have rank 4"));
    }
    let (hq, e) = (qs[1], qs[3]);
    let (hkv, s) = (ks[1], ks[2]);
    if vs[1] != hkv || vs[2] != s || ks[3] != e || ks[0] != qs[0] || vs[0] != qs[0] {
        return Err(n.invalid(format!(
            "Q {qs:?}, K {ks:?} and V {vs:?} do not agree on batch, heads, length or size"
        )));
    }
    if hkv <= 0 || hq % hkv != 0 {
        return Err(n.invalid(format!(
            "{hq} query heads are not a multiple of {hkv} key/value heads"
        )));
    }
    let compute = match precision {
        Some(p) => {
            let ok = [dt::FLOAT, dt::FLOAT16, dt::BFLOAT16, dt::DOUBLE].contains(&(p as i32));
            elem_type(o.lw.ctx, p as i32)
                .filter(|_| ok)
                .ok_or_else(|| n.invalid(format!("softmax_precision {p} is not a float type")))?
        }
        None if elem == o.lw.ctx.f64() => elem,
        None => o.lw.ctx.f32(),
    };
    let k = o.repeat_heads(k, hq / hkv)?;
    let v = o.repeat_heads(v, hq / hkv)?;
    let scale = match scale_attr {
        Some(sc) => sc,
        None => (1.0 / (e as f64).sqrt()) as f32,
    };
    let ss = o.scalar(f64::from(scale.sqrt()), elem)?;
    let qsc = o.bin("graph.mul", q, ss)?;
    let ksc = o.bin("graph.mul", k, ss)?;
    let kt = o.transpose(ksc, &[0, 1, 3, 2])?;
    let scores = o.bin("graph.matmul", qsc, kt)?;
    let scores = o.cast(scores, compute)?;
    let scores = apply_mod(&mut o, "score_mod", scores, compute)?;
    let axis = strata_dialect_graph::attr::i64_attr(o.lw.ctx, -1);
    let probs = o.op("graph.softmax", &[scores], &[("axis", axis)])?;
    let probs = apply_mod(&mut o, "prob_mod", probs, compute)?;
    let vc = o.cast(v, compute)?;
    let y = o.bin("graph.matmul", probs, vc)?;
    let y = o.cast(y, v_elem)?;
    o.lw.bind(n, &[y])
}

/// `x` passed through the subgraph attribute `name` (if present), cast to `compute`.
fn apply_mod(o: &mut Ops<'_, '_, '_>, name: &str, x: Value, compute: Type) -> Result<Value> {
    let n = o.n;
    let Some(g) = n.attrs.get(name).and_then(|a| a.g.as_ref()) else {
        return Ok(x);
    };
    let inputs: Vec<&str> = g
        .input
        .iter()
        .map(|vi| vi.name.as_str())
        .filter(|nm| !g.initializer.iter().any(|t| t.name == *nm))
        .collect();
    if inputs.len() != 1 || g.output.len() != 1 {
        return Err(n.invalid(format!("{name} must have one input and one output")));
    }
    // Names the subgraph defines; anything else is a read of the enclosing scope.
    let mut defined: HashSet<&str> = g.input.iter().map(|vi| vi.name.as_str()).collect();
    defined.extend(g.initializer.iter().map(|t| t.name.as_str()));
    defined.extend(
        g.node
            .iter()
            .flat_map(|nd| nd.output.iter().map(String::as_str)),
    );
    let outer = g
        .node
        .iter()
        .flat_map(|nd| nd.input.iter())
        .chain(g.output.iter().map(|vi| &vi.name))
        .any(|i| !i.is_empty() && !defined.contains(i.as_str()));
    if outer {
        return Err(n.unsupported(&format!("{name} reading values of the enclosing graph")));
    }
    let out_name = n.node.output.first().cloned().unwrap_or_default();
    let prefix = format!("strata.{name}.{out_name}/");
    let taken = |k: &String| k.starts_with(&prefix);
    if o.lw.values.keys().any(taken) || o.lw.consts.keys().any(taken) {
        return Err(n.unsupported(&format!("{name} whose namespace '{prefix}' is in use")));
    }
    let g = renamed(g, &prefix);
    let order = super::validate::validate(
        o.lw.ctx,
        &ModelProto::default(),
        &g,
        o.lw.opsets,
        &o.lw.limits,
    )?;
    let mut ext = crate::external::ExternalLoader::new(None, 0);
    for t in &g.initializer {
        let c = ConstTensor::from_proto(o.lw.ctx, t, &o.lw.limits, &mut ext, &n.at)?;
        o.lw.consts.insert(t.name.clone(), c);
    }
    let input = format!("{prefix}{}", inputs[0]);
    o.lw.values.insert(input, x);
    for (line, &i) in order.iter().enumerate() {
        super::nodes_basic::lower_node(o.lw, &g.node[i], line as u32 + 1)?;
    }
    let y = o.lw.operand(&g.output[0].name, &n.at)?;
    if o.lw.shape_of(y).0 != o.lw.shape_of(x).0 {
        return Err(n.invalid(format!("{name} must preserve the shape of its input")));
    }
    o.cast(y, compute)
}

/// `g` with every value name prefixed by `prefix`.
fn renamed(g: &GraphProto, prefix: &str) -> GraphProto {
    let r = |s: &mut String| {
        if !s.is_empty() {
            *s = format!("{prefix}{s}");
        }
    };
    let mut g = g.clone();
    for vi in g.input.iter_mut().chain(g.output.iter_mut()) {
        r(&mut vi.name);
    }
    g.value_info.clear();
    for t in &mut g.initializer {
        r(&mut t.name);
    }
    for nd in &mut g.node {
        nd.input.iter_mut().for_each(r);
        nd.output.iter_mut().for_each(r);
    }
    g
}
