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
//! The modifier subgraphs are inlined (`nodes_scan::inline_body`): every operator must be
//! supported, the one input is bound to the scores (probabilities), values of the enclosing
//! graph may be read, and the output must keep the input's shape.

use super::nodes_basic::N;
use super::nodes_scan::{fresh_prefix, inline_body};
use super::nodes_seqattn::Ops;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::elem_type;
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
    if g.input.len() != 1 || g.output.len() != 1 {
        return Err(n.invalid(format!("{name} must have one input and one output")));
    }
    let prefix = fresh_prefix(n, name);
    let y = inline_body(o.lw, n, g, &prefix, &[x])?[0];
    if o.lw.shape_of(y).0 != o.lw.shape_of(x).0 {
        return Err(n.invalid(format!("{name} must preserve the shape of its input")));
    }
    o.cast(y, compute)
}
