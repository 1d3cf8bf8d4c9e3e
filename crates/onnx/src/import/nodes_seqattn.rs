//! Operators of the sequence-model family lowered as compositions of graph ops, following
//! their ONNX function bodies and reference implementations:
//!
//! * `SwiGLU` (opset 28): `A * sigmoid(alpha * A) * B`;
//! * `RotaryEmbedding` (opset 23): heads to `[B, S, H, D]`, the cos/sin caches gathered by
//!   `position_ids`, the rotated part split in halves (or even/odd lanes when
//!   `interleaved`), `real = cos*x1 - sin*x2`, `imag = sin*x1 + cos*x2`, re-assembled;
//! * `CausalConvWithState` (opset 27): `past_state` (or zeros) concatenated before the input,
//!   a depthwise valid `graph.conv` (`group = C`), optional SiLU computed in `f32`, and the
//!   last `k - 1` padded positions as `present_state`;
//! * `LinearAttention` (opset 27): the recurrence over time unrolled at import (the sequence
//!   length must be static), see [`lower_linear_attention`].
//!
//! The recurrent cells (`RNN`, `GRU`, `LSTM`) live in `nodes_rnn`, which shares the helpers
//! of [`Ops`].

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::{ImportError, Result};
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{Type, Value};

/// The operators of this module (and of `nodes_rnn`, `nodes_scan`) and their first
/// supported opset.
pub(crate) const SEQATTN: &[(&str, i64)] = &[
    ("SwiGLU", 28),
    ("RotaryEmbedding", 23),
    ("CausalConvWithState", 27),
    ("LinearAttention", 27),
    ("RNN", 7),
    ("GRU", 7),
    ("LSTM", 7),
    ("Scan", 8),
];

/// The most time steps a recurrence is unrolled to at import.
pub(crate) const MAX_UNROLL_STEPS: i64 = 1 << 14;

/// Lower one of the [`SEQATTN`] operators.
pub(crate) fn lower_seqattn(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "SwiGLU" => lower_swiglu(lw, n),
        "RotaryEmbedding" => lower_rotary(lw, n),
        "CausalConvWithState" => lower_causal_conv(lw, n),
        "LinearAttention" => lower_linear_attention(lw, n),
        "Scan" => super::nodes_scan::lower_scan(lw, n),
        _ => super::nodes_rnn::lower_rnn(lw, n),
    }
}

/// Checks that an unrolled recurrence of `steps` steps of about `per_step` graph ops each
/// stays within [`MAX_UNROLL_STEPS`] and the node limit.
pub(crate) fn check_unroll(lw: &Lowerer<'_>, steps: i64, per_step: u64) -> Result<()> {
    if steps > MAX_UNROLL_STEPS {
        return Err(ImportError::limit(
            format!("unrolled time steps ({steps})"),
            MAX_UNROLL_STEPS as u64,
        ));
    }
    let ops = (steps.max(0) as u64).saturating_mul(per_step);
    if ops > lw.limits.max_nodes {
        return Err(ImportError::limit(
            format!("graph ops of an unrolled recurrence ({ops})"),
            lw.limits.max_nodes,
        ));
    }
    Ok(())
}

/// Graph-op builders for one node.
pub(crate) struct Ops<'l, 'a, 'n> {
    pub lw: &'l mut Lowerer<'a>,
    pub n: &'l N<'n>,
}

impl Ops<'_, '_, '_> {
    pub fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        props: &[(&str, strata_ir::Attribute)],
    ) -> Result<Value> {
        self.lw.emit1(self.n, name, operands, props)
    }
    pub fn bin(&mut self, name: &str, a: Value, b: Value) -> Result<Value> {
        self.op(name, &[a, b], &[])
    }
    pub fn un(&mut self, name: &str, a: Value) -> Result<Value> {
        self.op(name, &[a], &[])
    }
    /// A rank-0 constant of element type `elem`.
    pub fn scalar(&mut self, value: f64, elem: Type) -> Result<Value> {
        self.lw.scalar(self.n, value, elem)
    }
    /// The static shape and element type of `v` (`Unsupported` when dynamic).
    pub fn shape(&self, v: Value, what: &str) -> Result<(Vec<i64>, Type)> {
        let (s, e) = self.lw.shape_of(v);
        if s.iter().any(|&d| is_dynamic(d)) {
            return Err(self.n.unsupported(&format!("dynamic shape of {what}")));
        }
        Ok((s, e))
    }
    pub fn reshape(&mut self, x: Value, shape: &[i64]) -> Result<Value> {
        let s = i64_array_attr(self.lw.ctx, shape);
        self.op("graph.reshape", &[x], &[("shape", s)])
    }
    pub fn transpose(&mut self, x: Value, perm: &[i64]) -> Result<Value> {
        let p = i64_array_attr(self.lw.ctx, perm);
        self.op("graph.transpose", &[x], &[("perm", p)])
    }
    pub fn concat(&mut self, xs: &[Value], axis: i64) -> Result<Value> {
        if let [x] = xs {
            return Ok(*x);
        }
        let a = i64_attr(self.lw.ctx, axis);
        self.op("graph.concat", xs, &[("axis", a)])
    }
    /// `x[start:end:step]` along `axis`.
    pub fn slice(&mut self, x: Value, axis: i64, start: i64, end: i64, step: i64) -> Result<Value> {
        let ctx = self.lw.ctx;
        let props = [
            ("starts", i64_array_attr(ctx, &[start])),
            ("ends", i64_array_attr(ctx, &[end])),
            ("axes", i64_array_attr(ctx, &[axis])),
            ("steps", i64_array_attr(ctx, &[step])),
        ];
        self.op("graph.slice", &[x], &props)
    }
    pub fn cast(&mut self, x: Value, to: Type) -> Result<Value> {
        if self.lw.shape_of(x).1 == to {
            return Ok(x);
        }
        let t = self.lw.ctx.type_attr(to);
        self.op("graph.cast", &[x], &[("to", t)])
    }
    /// `[B, T, H*D]` to `[B, H, T, D]`.
    pub fn heads(&mut self, x: Value, heads: i64, what: &str) -> Result<Value> {
        let (s, _) = self.shape(x, what)?;
        if s.len() != 3 {
            return Err(self.n.invalid(format!("{what} must have rank 3")));
        }
        if heads <= 0 || s[2] % heads != 0 {
            return Err(self.n.invalid(format!(
                "{what} last dimension {} is not a multiple of {heads} heads",
                s[2]
            )));
        }
        let r = self.reshape(x, &[s[0], s[1], heads, s[2] / heads])?;
        self.transpose(r, &[0, 2, 1, 3])
    }
    /// `[B, H, S, D]` to `[B, H*g, S, D]`, each head repeated `g` times (h0 h0 h1 h1 ...).
    pub fn repeat_heads(&mut self, x: Value, g: i64) -> Result<Value> {
        if g == 1 {
            return Ok(x);
        }
        let s = self.lw.shape_of(x).0;
        let r = self.reshape(x, &[s[0], s[1], 1, s[2], s[3]])?;
        let e = i64_array_attr(self.lw.ctx, &[s[0], s[1], g, s[2], s[3]]);
        let r = self.op("graph.expand", &[r], &[("shape", e)])?;
        self.reshape(r, &[s[0], s[1] * g, s[2], s[3]])
    }
    /// `x * sigmoid(x)` computed in `f32` and cast back (the reference's SiLU).
    fn silu_f32(&mut self, x: Value) -> Result<Value> {
        let e = self.lw.shape_of(x).1;
        let f = self.cast(x, self.lw.ctx.f32())?;
        let s = self.un("graph.sigmoid", f)?;
        let y = self.bin("graph.mul", f, s)?;
        self.cast(y, e)
    }
}

/// `SwiGLU(A, B) = A * sigmoid(alpha * A) * B`, inputs of one shape.
fn lower_swiglu(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let alpha = f64::from(n.attrs.float("alpha")?.unwrap_or(1.0));
    let e = lw.require_float(n, a)?;
    if lw.shape_of(a) != lw.shape_of(b) {
        return Err(n.invalid("SwiGLU inputs A and B must have one shape and element type"));
    }
    let mut o = Ops { lw, n };
    let c = o.scalar(alpha, e)?;
    let ax = o.bin("graph.mul", a, c)?;
    let s = o.un("graph.sigmoid", ax)?;
    let g = o.bin("graph.mul", a, s)?;
    let y = o.bin("graph.mul", g, b)?;
    o.lw.bind(n, &[y])
}

/// `RotaryEmbedding` (see the module documentation).
fn lower_rotary(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (cos, sin) = (lw.inp(n, 1)?, lw.inp(n, 2)?);
    let pos = lw.opt_inp(n, 3)?;
    let interleaved = n.attrs.int_or("interleaved", 0)? != 0;
    let rot_attr = n.attrs.int_or("rotary_embedding_dim", 0)?;
    let num_heads = n.attrs.int("num_heads")?;
    lw.require_float(n, x)?;
    let mut o = Ops { lw, n };
    let (xs, _) = o.shape(x, "X")?;
    // To [B, S, H, D].
    let x4 = match xs.len() {
        4 => o.transpose(x, &[0, 2, 1, 3])?,
        3 => {
            let h = num_heads
                .filter(|&h| h > 0)
                .ok_or_else(|| n.invalid("3-D input needs a positive num_heads"))?;
            if xs[2] % h != 0 {
                return Err(n.invalid(format!(
                    "hidden size {} is not a multiple of {h} heads",
                    xs[2]
                )));
            }
            o.reshape(x, &[xs[0], xs[1], h, xs[2] / h])?
        }
        r => return Err(n.invalid(format!("input must have rank 3 or 4, has rank {r}"))),
    };
    let s4 = o.lw.shape_of(x4).0;
    let head = s4[3];
    let rot = if rot_attr == 0 { head } else { rot_attr };
    if rot <= 0 || rot > head || rot % 2 != 0 {
        return Err(n.invalid(format!(
            "rotary_embedding_dim {rot} must be even and at most the head size {head}"
        )));
    }
    let half = rot / 2;
    let (cos, sin) = match pos {
        Some(p) => {
            let axis = i64_attr(o.lw.ctx, 0);
            (
                o.op("graph.gather", &[cos, p], &[("axis", axis)])?,
                o.op("graph.gather", &[sin, p], &[("axis", axis)])?,
            )
        }
        None => (cos, sin),
    };
    let mut caches = Vec::new();
    for (c, what) in [(cos, "cos_cache"), (sin, "sin_cache")] {
        let (cs, _) = o.shape(c, what)?;
        if cs.len() != 3 || cs[2] != half {
            return Err(n.invalid(format!(
                "{what} (after position_ids) must be [batch, sequence, {half}], is {cs:?}"
            )));
        }
        let a = i64_array_attr(o.lw.ctx, &[2]);
        caches.push(o.op("graph.unsqueeze", &[c], &[("axes", a)])?);
    }
    let (cos, sin) = (caches[0], caches[1]);
    let x_rot = if rot < head {
        o.slice(x4, 3, 0, rot, 1)?
    } else {
        x4
    };
    let (x1, x2) = if interleaved {
        (o.slice(x_rot, 3, 0, rot, 2)?, o.slice(x_rot, 3, 1, rot, 2)?)
    } else {
        (
            o.slice(x_rot, 3, 0, half, 1)?,
            o.slice(x_rot, 3, half, rot, 1)?,
        )
    };
    let cx1 = o.bin("graph.mul", cos, x1)?;
    let sx2 = o.bin("graph.mul", sin, x2)?;
    let real = o.bin("graph.sub", cx1, sx2)?;
    let sx1 = o.bin("graph.mul", sin, x1)?;
    let cx2 = o.bin("graph.mul", cos, x2)?;
    let imag = o.bin("graph.add", sx1, cx2)?;
    let rotated = if interleaved {
        let a = i64_array_attr(o.lw.ctx, &[-1]);
        let r = o.op("graph.unsqueeze", &[real], &[("axes", a)])?;
        let i = o.op("graph.unsqueeze", &[imag], &[("axes", a)])?;
        let c = o.concat(&[r, i], -1)?;
        o.reshape(c, &[s4[0], s4[1], s4[2], rot])?
    } else {
        o.concat(&[real, imag], -1)?
    };
    let y = if rot < head {
        let rest = o.slice(x4, 3, rot, head, 1)?;
        o.concat(&[rotated, rest], -1)?
    } else {
        rotated
    };
    let y = if xs.len() == 4 {
        o.transpose(y, &[0, 2, 1, 3])?
    } else {
        o.reshape(y, &xs)?
    };
    o.lw.bind(n, &[y])
}

/// `CausalConvWithState` (see the module documentation).
fn lower_causal_conv(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let w = lw.inp(n, 1)?;
    let bias = lw.opt_inp(n, 2)?;
    let past = lw.opt_inp(n, 3)?;
    let act = n
        .attrs
        .string("activation")?
        .unwrap_or_else(|| "none".into());
    if !matches!(act.as_str(), "none" | "silu" | "swish") {
        return Err(n.invalid(format!("unknown activation '{act}'")));
    }
    lw.require_float(n, x)?;
    let mut o = Ops { lw, n };
    let (xs, e) = o.shape(x, "input")?;
    let (ws, _) = o.shape(w, "weight")?;
    if xs.len() != 3 || ws.len() != 3 {
        return Err(n.invalid("input and weight must have rank 3"));
    }
    let (batch, channels, len) = (xs[0], xs[1], xs[2]);
    let k = ws[2];
    if ws[0] != channels || ws[1] != 1 || k < 1 {
        return Err(n.invalid(format!(
            "weight must be [{channels}, 1, k] with k >= 1, is {ws:?}"
        )));
    }
    let padded = match past {
        Some(p) => {
            let (ps, _) = o.shape(p, "past_state")?;
            if ps != [batch, channels, k - 1] {
                return Err(n.invalid(format!(
                    "past_state must be [{batch}, {channels}, {}], is {ps:?}",
                    k - 1
                )));
            }
            o.concat(&[p, x], 2)?
        }
        None if k > 1 => {
            let pads = i64_array_attr(o.lw.ctx, &[0, 0, k - 1, 0, 0, 0]);
            let mode = o.lw.ctx.string_attr("constant");
            let zero = o.lw.float_for(0.0, e);
            o.op(
                "graph.pad",
                &[x],
                &[("pads", pads), ("mode", mode), ("constant_value", zero)],
            )?
        }
        None => x,
    };
    let mut operands = vec![padded, w];
    operands.extend(bias);
    let group = i64_attr(o.lw.ctx, channels);
    let conv = o.op("graph.conv", &operands, &[("group", group)])?;
    let y = if act == "none" {
        conv
    } else {
        o.silu_f32(conv)?
    };
    let total = len + k - 1;
    let state = o.slice(padded, 2, total - (k - 1), total, 1)?;
    o.lw.bind(n, &[y, state])
}

/// `LinearAttention`: per time step `t` (state `S: [B, Hkv, dk, dv]`, in `f32`):
///
/// 1. gated rules: `S *= exp(decay_t)` (per head, or per key dimension);
/// 2. delta rules: `v_t = beta_t * (v_t - k_t @ S)`;
/// 3. `S += k_t^T v_t` (outer product);
/// 4. `o_t = scale * (q_t @ S)`, `S`'s heads repeated for grouped queries.
///
/// The outputs are `[B, T, Hq*dv]` in the query type and the final state in the type of
/// `past_state` (or of the query).
fn lower_linear_attention(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (q_in, k_in, v_in) = (lw.inp(n, 0)?, lw.inp(n, 1)?, lw.inp(n, 2)?);
    let past = lw.opt_inp(n, 3)?;
    let decay = lw.opt_inp(n, 4)?;
    let beta = lw.opt_inp(n, 5)?;
    let a = &n.attrs;
    let rule = a
        .string("update_rule")?
        .unwrap_or_else(|| "gated_delta".into());
    let (gating, delta) = match rule.as_str() {
        "linear" => (false, false),
        "gated" => (true, false),
        "delta" => (false, true),
        "gated_delta" => (true, true),
        r => return Err(n.invalid(format!("unknown update_rule '{r}'"))),
    };
    let (Some(hq), Some(hkv)) = (a.int("q_num_heads")?, a.int("kv_num_heads")?) else {
        return Err(n.invalid("q_num_heads and kv_num_heads are required"));
    };
    if hq <= 0 || hkv <= 0 || hq % hkv != 0 {
        return Err(n.invalid(format!(
            "q_num_heads ({hq}) must be a positive multiple of kv_num_heads ({hkv})"
        )));
    }
    if gating != decay.is_some() {
        return Err(n.invalid(format!("update_rule '{rule}' and the decay input disagree")));
    }
    if delta != beta.is_some() {
        return Err(n.invalid(format!("update_rule '{rule}' and the beta input disagree")));
    }
    let out_elem = lw.require_float(n, q_in)?;
    let f32t = lw.ctx.f32();
    let mut o = Ops { lw, n };
    let (qs, _) = o.shape(q_in, "query")?;
    if qs.len() != 3 {
        return Err(n.invalid("query must have rank 3"));
    }
    let (b, t) = (qs[0], qs[1]);
    check_unroll(o.lw, t, 24)?;
    let q4 = o.heads(q_in, hq, "query")?;
    let k4 = o.heads(k_in, hkv, "key")?;
    let v4 = o.heads(v_in, hkv, "value")?;
    let dk = o.lw.shape_of(q4).0[3];
    let dv = o.lw.shape_of(v4).0[3];
    for (v, what) in [(k4, "key"), (v4, "value")] {
        let s = o.lw.shape_of(v).0;
        if s[0] != b || s[2] != t || (what == "key" && s[3] != dk) {
            return Err(n.invalid(format!("{what} does not match the query's shape")));
        }
    }
    let q4 = o.cast(q4, f32t)?;
    let k4 = o.cast(k4, f32t)?;
    let v4 = o.cast(v4, f32t)?;
    let decay4 = match decay {
        Some(d) => {
            let (ds, _) = o.shape(d, "decay")?;
            if ds.len() != 3 || ds[0] != b || ds[1] != t {
                return Err(n.invalid(format!("decay must be [{b}, {t}, _], is {ds:?}")));
            }
            let d4 = if ds[2] == hkv {
                let r = o.reshape(d, &[b, t, hkv, 1])?;
                o.transpose(r, &[0, 2, 1, 3])?
            } else if ds[2] == hkv * dk {
                o.heads(d, hkv, "decay")?
            } else {
                return Err(n.invalid(format!(
                    "decay last dimension {} must be {hkv} or {}",
                    ds[2],
                    hkv * dk
                )));
            };
            Some(o.cast(d4, f32t)?)
        }
        None => None,
    };
    let beta4 = match beta {
        Some(be) => {
            let (bs, _) = o.shape(be, "beta")?;
            if bs.len() != 3 || bs[0] != b || bs[1] != t || (bs[2] != hkv && bs[2] != 1) {
                return Err(n.invalid(format!("beta must be [{b}, {t}, {hkv} or 1], is {bs:?}")));
            }
            let r = o.reshape(be, &[b, t, bs[2], 1])?;
            let r = o.transpose(r, &[0, 2, 1, 3])?;
            Some(o.cast(r, f32t)?)
        }
        None => None,
    };
    let (mut state, state_elem) = match past {
        Some(p) => {
            let (ps, pe) = o.shape(p, "past_state")?;
            if ps != [b, hkv, dk, dv] {
                return Err(n.invalid(format!(
                    "past_state must be [{b}, {hkv}, {dk}, {dv}], is {ps:?}"
                )));
            }
            (o.cast(p, f32t)?, pe)
        }
        None => {
            let z = o.scalar(0.0, f32t)?;
            let s = i64_array_attr(o.lw.ctx, &[b, hkv, dk, dv]);
            (o.op("graph.expand", &[z], &[("shape", s)])?, out_elem)
        }
    };
    let scale = match a.float("scale")? {
        Some(s) if s != 0.0 => f64::from(s),
        _ => 1.0 / (dk as f64).sqrt(),
    };
    let scale = o.scalar(scale, f32t)?;
    let mut outs = Vec::new();
    for i in 0..t {
        let q_t = o.slice(q4, 2, i, i + 1, 1)?;
        let k_t = o.slice(k4, 2, i, i + 1, 1)?;
        let mut v_t = o.slice(v4, 2, i, i + 1, 1)?;
        if let Some(d4) = decay4 {
            let g = o.slice(d4, 2, i, i + 1, 1)?;
            let g = o.transpose(g, &[0, 1, 3, 2])?;
            let g = o.un("graph.exp", g)?;
            state = o.bin("graph.mul", state, g)?;
        }
        if let Some(b4) = beta4 {
            let retrieved = o.bin("graph.matmul", k_t, state)?;
            let diff = o.bin("graph.sub", v_t, retrieved)?;
            let be = o.slice(b4, 2, i, i + 1, 1)?;
            v_t = o.bin("graph.mul", be, diff)?;
        }
        let kc = o.reshape(k_t, &[b, hkv, dk, 1])?;
        let outer = o.bin("graph.mul", kc, v_t)?;
        state = o.bin("graph.add", state, outer)?;
        let read = o.repeat_heads(state, hq / hkv)?;
        let qs = o.bin("graph.matmul", q_t, read)?;
        outs.push(o.bin("graph.mul", scale, qs)?);
    }
    let y = if outs.is_empty() {
        let z = o.scalar(0.0, f32t)?;
        let s = i64_array_attr(o.lw.ctx, &[b, hq, 0, dv]);
        o.op("graph.expand", &[z], &[("shape", s)])?
    } else {
        o.concat(&outs, 2)?
    };
    let y = o.transpose(y, &[0, 2, 1, 3])?;
    let y = o.reshape(y, &[b, t, hq * dv])?;
    let y = o.cast(y, out_elem)?;
    let state = o.cast(state, state_elem)?;
    o.lw.bind(n, &[y, state])
}
