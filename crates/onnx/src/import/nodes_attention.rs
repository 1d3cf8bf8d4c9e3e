//! `Attention` (opsets 23–25) lowered to graph ops, following the operator's function
//! definition and ONNX's reference implementation step by step:
//!
//! 1. 3-D inputs `[B, S, H*D]` are split into heads (`q_num_heads`, `kv_num_heads`):
//!    reshape to `[B, S, H, D]`, transpose to `[B, H, S, D]`;
//! 2. the key/value cache: `present = concat(past, new, axis 2)`;
//! 3. the additive bias `[.., q, kv]`: the attention mask (boolean masks become 0 / -inf;
//!    masks shorter than the key length are padded with -inf / false), the causal mask
//!    (`j <= i + offset`, offset = the past length, or per batch `nonpad_kv_seqlen[b] - q`),
//!    the sliding window (`left_window_size`, `right_window_size`, opset 25) and the
//!    padding mask of `nonpad_kv_seqlen` (opset 24);
//! 4. grouped-query attention: each key/value head is repeated `q_heads / kv_heads` times
//!    (interleaved: h0 h0 h1 h1 ...);
//! 5. `softmax(softcap(Q*sqrt(s) @ (K*sqrt(s))^T) + bias)` in `softmax_precision`, with rows
//!    whose bias is entirely -inf set to zero, then `@ V`; the optional fourth output is the
//!    QK product at the stage `qk_matmul_output_mode` names (0/1: after softcap, 2: plus
//!    the bias, 3: after the softmax).
//!
//! Every shape must be static (the causal and window masks are built as constants).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::{elem_type, ConstTensor};
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{Type, Value};

/// The static shape of `v`, or an `Unsupported` error naming `what`.
fn static_shape(lw: &Lowerer<'_>, n: &N<'_>, v: Value, what: &str) -> Result<(Vec<i64>, Type)> {
    let (s, e) = lw.shape_of(v);
    if s.iter().any(|&d| is_dynamic(d)) {
        return Err(n.unsupported(&format!("dynamic shape of {what}")));
    }
    Ok((s, e))
}

struct Builder<'l, 'a, 'n> {
    lw: &'l mut Lowerer<'a>,
    n: &'l N<'n>,
    /// The element type of Q (and of the outputs).
    elem: Type,
    /// A counter for the names of the constants this node creates.
    consts: usize,
}

impl Builder<'_, '_, '_> {
    fn op(
        &mut self,
        name: &str,
        operands: &[Value],
        props: &[(&str, strata_ir::Attribute)],
    ) -> Result<Value> {
        self.lw.emit1(self.n, name, operands, props)
    }
    fn reshape(&mut self, x: Value, shape: &[i64]) -> Result<Value> {
        let s = i64_array_attr(self.lw.ctx, shape);
        self.op("graph.reshape", &[x], &[("shape", s)])
    }
    fn transpose(&mut self, x: Value, perm: &[i64]) -> Result<Value> {
        let p = i64_array_attr(self.lw.ctx, perm);
        self.op("graph.transpose", &[x], &[("perm", p)])
    }
    fn cast(&mut self, x: Value, to: Type) -> Result<Value> {
        if self.lw.shape_of(x).1 == to {
            return Ok(x);
        }
        let t = self.lw.ctx.type_attr(to);
        self.op("graph.cast", &[x], &[("to", t)])
    }
    /// A constant of ONNX data type `dtype` with little-endian `bytes`.
    fn constant(&mut self, dtype: i32, shape: &[i64], bytes: Vec<u8>) -> Result<Value> {
        self.consts += 1;
        let out = self.n.node.output.first().cloned().unwrap_or_default();
        let name = format!("strata.attention.{out}.{}", self.consts);
        let elem = elem_type(self.lw.ctx, dtype).unwrap_or_else(|| self.lw.ctx.f32());
        let c = ConstTensor {
            dtype,
            elem,
            shape: shape.to_vec(),
            data: bytes.into(),
            splat: false,
            name: name.clone(),
        };
        self.lw.consts.insert(name.clone(), c);
        let at = self.n.at.clone();
        self.lw.operand(&name, &at)
    }
    /// An `f32` constant cast to the element type of Q.
    fn float_const(&mut self, shape: &[i64], values: &[f32]) -> Result<Value> {
        let bytes = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        let c = self.constant(dt::FLOAT, shape, bytes)?;
        let elem = self.elem;
        self.cast(c, elem)
    }
    fn i64_const(&mut self, shape: &[i64], values: &[i64]) -> Result<Value> {
        let bytes = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.constant(dt::INT64, shape, bytes)
    }
    /// `where(allowed, 0, -inf)` in the element type of Q.
    fn bias_of(&mut self, allowed: Value) -> Result<Value> {
        let zero = self.float_const(&[], &[0.0])?;
        let ninf = self.float_const(&[], &[f32::NEG_INFINITY])?;
        self.op("graph.where", &[allowed, zero, ninf], &[])
    }
    /// 3-D `[B, S, H*D]` to 4-D `[B, H, S, D]`.
    fn split_heads(&mut self, x: Value, heads: i64, what: &str) -> Result<Value> {
        let (s, _) = static_shape(self.lw, self.n, x, what)?;
        if heads <= 0 || s[2] % heads != 0 {
            return Err(self.n.invalid(format!(
                "{what} hidden size {} is not a multiple of {heads} heads",
                s[2]
            )));
        }
        let r = self.reshape(x, &[s[0], s[1], heads, s[2] / heads])?;
        self.transpose(r, &[0, 2, 1, 3])
    }
    /// The bias `[B, 1, q, kv]` allowing key `j` for query `i` of batch `b` iff
    /// `cmp(j - i, offset[b] + shift)`, where `offset = nonpad - q` (`nonpad`: `[B]` int64).
    fn per_batch_bias(
        &mut self,
        nonpad: Value,
        q: i64,
        kv: i64,
        cmp: &str,
        shift: i64,
    ) -> Result<Value> {
        let b = static_shape(self.lw, self.n, nonpad, "nonpad_kv_seqlen")?.0;
        let batch = b.first().copied().unwrap_or(1);
        let d: Vec<i64> = (0..q).flat_map(|i| (0..kv).map(move |j| j - i)).collect();
        let d = self.i64_const(&[q, kv], &d)?;
        let qc = self.i64_const(&[], &[q - shift])?;
        let rhs = self.op("graph.sub", &[nonpad, qc], &[])?;
        let rhs = self.reshape(rhs, &[batch, 1, 1])?;
        let allowed = self.op(cmp, &[d, rhs], &[])?;
        let bias = self.bias_of(allowed)?;
        self.reshape(bias, &[batch, 1, q, kv])
    }
}

/// The constant bias `[q, kv]` of `allowed(i, j)`: 0 where allowed, -inf elsewhere.
fn position_bias(q: i64, kv: i64, allowed: impl Fn(i64, i64) -> bool) -> Vec<f32> {
    (0..q)
        .flat_map(|i| (0..kv).map(move |j| (i, j)))
        .map(|(i, j)| {
            if allowed(i, j) {
                0.0
            } else {
                f32::NEG_INFINITY
            }
        })
        .collect()
}

/// Lower an `Attention` node.
pub(crate) fn lower_attention(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let q_in = lw.inp(n, 0)?;
    let k_in = lw.inp(n, 1)?;
    let v_in = lw.inp(n, 2)?;
    let mask_in = lw.opt_inp(n, 3)?;
    let past_k = lw.opt_inp(n, 4)?;
    let past_v = lw.opt_inp(n, 5)?;
    let nonpad = if n.opset >= 24 {
        lw.opt_inp(n, 6)?
    } else {
        None
    };
    let (qs, elem) = static_shape(lw, n, q_in, "Q")?;
    let rank = qs.len();
    if rank != 3 && rank != 4 {
        return Err(n.invalid(format!("Q must have rank 3 or 4, has rank {rank}")));
    }
    for (v, what) in [(k_in, "K"), (v_in, "V")] {
        if static_shape(lw, n, v, what)?.0.len() != rank {
            return Err(n.invalid(format!("{what} must have the rank of Q ({rank})")));
        }
    }
    if past_k.is_some() != past_v.is_some() {
        return Err(n.invalid("past_key and past_value must be given together"));
    }
    if nonpad.is_some() && past_k.is_some() {
        return Err(n.invalid("nonpad_kv_seqlen cannot be combined with past_key/past_value"));
    }
    let a = &n.attrs;
    let is_causal = a.int_or("is_causal", 0)? != 0;
    let q_heads_attr = a.int("q_num_heads")?;
    let kv_heads_attr = a.int("kv_num_heads")?;
    let mode = a.int_or("qk_matmul_output_mode", 0)?;
    if !(0..=3).contains(&mode) {
        return Err(n.invalid(format!("qk_matmul_output_mode {mode} is not 0..3")));
    }
    let scale_attr = a.float("scale")?;
    let softcap = a.float("softcap")?;
    let precision = a.int("softmax_precision")?;
    let (left, right) = if n.opset >= 25 {
        (
            a.int_or("left_window_size", -1)?,
            a.int_or("right_window_size", -1)?,
        )
    } else {
        (-1, -1)
    };
    if left < -1 || right < -1 {
        return Err(n.invalid("window sizes must be -1 or non-negative"));
    }
    let windowed = left >= 0 || right >= 0;
    let mut b = Builder {
        lw,
        n,
        elem,
        consts: 0,
    };

    // 1. Heads.
    let (q, k, v) = if rank == 3 {
        let (Some(hq), Some(hkv)) = (q_heads_attr, kv_heads_attr) else {
            return Err(n.invalid("3-D inputs need q_num_heads and kv_num_heads"));
        };
        (
            b.split_heads(q_in, hq, "Q")?,
            b.split_heads(k_in, hkv, "K")?,
            b.split_heads(v_in, hkv, "V")?,
        )
    } else {
        if n.opset >= 25 && (q_heads_attr.is_some() || kv_heads_attr.is_some()) {
            return Err(n.invalid("q_num_heads and kv_num_heads must not be given for 4-D inputs"));
        }
        (q_in, k_in, v_in)
    };
    let qsh = b.lw.shape_of(q).0;
    let (hq, q_len, head) = (qsh[1], qsh[2], qsh[3]);

    // 2. Cache.
    let concat = |b: &mut Builder<'_, '_, '_>, past: Option<Value>, x: Value| -> Result<Value> {
        match past {
            Some(p) => {
                let axis = i64_attr(b.lw.ctx, 2);
                b.op("graph.concat", &[p, x], &[("axis", axis)])
            }
            None => Ok(x),
        }
    };
    let past_len = match past_k {
        Some(p) => static_shape(b.lw, n, p, "past_key")?
            .0
            .get(2)
            .copied()
            .unwrap_or(0),
        None => 0,
    };
    let k = concat(&mut b, past_k, k)?;
    let v = concat(&mut b, past_v, v)?;
    let (present_k, present_v) = (k, v);
    let ksh = b.lw.shape_of(k).0;
    let (hk, kv_len) = (ksh[1], ksh[2]);

    // 3. Bias.
    let bool_t = b.lw.ctx.i1();
    let mut mask = mask_in;
    if let Some(m) = mask {
        let (ms, me) = static_shape(b.lw, n, m, "attn_mask")?;
        let last = ms.last().copied().unwrap_or(0);
        let m = if last < kv_len {
            let is_bool = me == bool_t;
            let value = if is_bool {
                b.lw.ctx.int_attr(0, bool_t)
            } else {
                b.lw.float_for(f64::NEG_INFINITY, me)
            };
            // graph.pad takes ONNX's layout: all begins, then all ends.
            let r = ms.len();
            let mut p = vec![0i64; 2 * r];
            p[2 * r - 1] = kv_len - last;
            let pads = i64_array_attr(b.lw.ctx, &p);
            let mode = b.lw.ctx.string_attr("constant");
            b.op(
                "graph.pad",
                &[m],
                &[("pads", pads), ("mode", mode), ("constant_value", value)],
            )?
        } else {
            m
        };
        let m = if b.lw.shape_of(m).1 == bool_t {
            b.bias_of(m)?
        } else {
            m
        };
        mask = Some(m);
    }
    let zeros = vec![0f32; (q_len * kv_len) as usize];
    let mut bias = match mask {
        Some(m) => m,
        None => b.float_const(&[q_len, kv_len], &zeros)?,
    };
    let mut masked = mask.is_some();
    if is_causal || windowed {
        // Materialise the bias to at least [q, kv] before the position masks.
        let z = b.float_const(&[q_len, kv_len], &zeros)?;
        bias = b.op("graph.add", &[z, bias], &[])?;
    }
    if is_causal {
        masked = true;
        let extra = match nonpad {
            Some(np) => b.per_batch_bias(np, q_len, kv_len, "graph.less_equal", 0)?,
            None => {
                let c = position_bias(q_len, kv_len, |i, j| j <= i + past_len);
                b.float_const(&[q_len, kv_len], &c)?
            }
        };
        bias = b.op("graph.add", &[bias, extra], &[])?;
    }
    if windowed {
        masked = true;
        // diff = (i + offset) - j must satisfy diff <= left and -diff <= right.
        match nonpad {
            Some(np) => {
                // diff = (i + offset) - j: diff <= left  <=>  j - i >= offset - left, and
                // -diff <= right  <=>  j - i <= offset + right.
                if left >= 0 {
                    let w = b.per_batch_bias(np, q_len, kv_len, "graph.greater_equal", -left)?;
                    bias = b.op("graph.add", &[bias, w], &[])?;
                }
                if right >= 0 {
                    let w = b.per_batch_bias(np, q_len, kv_len, "graph.less_equal", right)?;
                    bias = b.op("graph.add", &[bias, w], &[])?;
                }
            }
            None => {
                let c = position_bias(q_len, kv_len, |i, j| {
                    let diff = i + past_len - j;
                    (left < 0 || diff <= left) && (right < 0 || -diff <= right)
                });
                let c = b.float_const(&[q_len, kv_len], &c)?;
                bias = b.op("graph.add", &[bias, c], &[])?;
            }
        }
    }
    if let Some(np) = nonpad {
        masked = true;
        let npsh = static_shape(b.lw, n, np, "nonpad_kv_seqlen")?.0;
        let nb = npsh.first().copied().unwrap_or(1);
        let idx: Vec<i64> = (0..kv_len).collect();
        let idx = b.i64_const(&[kv_len], &idx)?;
        let npc = b.reshape(np, &[nb, 1])?;
        let allowed = b.op("graph.less", &[idx, npc], &[])?;
        let pm = b.bias_of(allowed)?;
        let pm = b.reshape(pm, &[nb, 1, 1, kv_len])?;
        bias = b.op("graph.add", &[bias, pm], &[])?;
    }

    // 4. Grouped-query attention.
    let (k, v) = if hq != hk && hk > 0 && hq % hk == 0 {
        let g = hq / hk;
        let rep = |b: &mut Builder<'_, '_, '_>, x: Value| -> Result<Value> {
            let s = b.lw.shape_of(x).0;
            let r = b.reshape(x, &[s[0], s[1], 1, s[2], s[3]])?;
            let e = i64_array_attr(b.lw.ctx, &[s[0], s[1], g, s[2], s[3]]);
            let r = b.op("graph.expand", &[r], &[("shape", e)])?;
            b.reshape(r, &[s[0], s[1] * g, s[2], s[3]])
        };
        (rep(&mut b, k)?, rep(&mut b, v)?)
    } else {
        (k, v)
    };

    // 5. Scores, softmax, output.
    let scale = match scale_attr {
        Some(s) => f64::from(s),
        None => 1.0 / (head as f64).sqrt(),
    };
    let s = b.float_const(&[], &[scale.sqrt() as f32])?;
    let qs = b.op("graph.mul", &[q, s], &[])?;
    let kt = b.transpose(k, &[0, 1, 3, 2])?;
    let ks = b.op("graph.mul", &[kt, s], &[])?;
    let mut qk = b.op("graph.matmul", &[qs, ks], &[])?;
    if let Some(c) = softcap.filter(|&c| c > 0.0) {
        let cv = b.float_const(&[], &[c])?;
        let d = b.op("graph.div", &[qk, cv], &[])?;
        let t = b.op("graph.tanh", &[d], &[])?;
        qk = b.op("graph.mul", &[t, cv], &[])?;
    }
    let with_bias = b.op("graph.add", &[qk, bias], &[])?;
    let mut qk_out = if mode == 2 { with_bias } else { qk };
    let sm_in = match precision {
        Some(p) => {
            let t = elem_type(b.lw.ctx, p as i32)
                .filter(|&t| b.lw.ctx.type_kind(t).is_float())
                .ok_or_else(|| n.unsupported(&format!("softmax_precision {p}")))?;
            b.cast(with_bias, t)?
        }
        None => with_bias,
    };
    let axis = i64_attr(b.lw.ctx, -1);
    let mut sm = b.op("graph.softmax", &[sm_in], &[("axis", axis)])?;
    if masked {
        let axes = i64_array_attr(b.lw.ctx, &[-1]);
        let keep = i64_attr(b.lw.ctx, 1);
        let mx = b.op(
            "graph.reduce_max",
            &[bias],
            &[("axes", axes), ("keepdims", keep)],
        )?;
        let ninf = b.float_const(&[], &[f32::NEG_INFINITY])?;
        let all_masked = b.op("graph.equal", &[mx, ninf], &[])?;
        let sm_elem = b.lw.shape_of(sm).1;
        let zero = b.float_const(&[], &[0.0])?;
        let zero = b.cast(zero, sm_elem)?;
        sm = b.op("graph.where", &[all_masked, zero, sm], &[])?;
    }
    if mode == 3 {
        qk_out = sm;
    }
    let qk_out = b.cast(qk_out, elem)?;
    let sm = b.cast(sm, elem)?;
    let mut y = b.op("graph.matmul", &[sm, v], &[])?;
    if rank == 3 {
        let t = b.transpose(y, &[0, 2, 1, 3])?;
        let ts = b.lw.shape_of(t).0;
        y = b.reshape(t, &[ts[0], ts[1], ts[2] * ts[3]])?;
    }
    let lw = b.lw;
    lw.bind(n, &[y, present_k, present_v, qk_out])
}
