//! Sequence-model operators (`SwiGLU`, `RotaryEmbedding`, `CausalConvWithState`,
//! `LinearAttention`, `RNN`, `GRU`, `LSTM`) against direct loop implementations of the
//! operators' definitions, plus their typed errors. (The ONNX backend cases in
//! `tests/conformance/interp.expected` check them against ONNX's reference as well.)

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, INT32, INT64};
use strata_onnx::proto::{AttributeProto, NodeProto, ValueInfoProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

fn tf(shape: &[usize], v: &[f32]) -> Tensor {
    Tensor::from_vec(shape.to_vec(), v.to_vec()).unwrap()
}

fn dims(shape: &[usize]) -> Vec<i64> {
    shape.iter().map(|&d| d as i64).collect()
}

/// A one-node model with float inputs/outputs of the given shapes.
fn one_node(
    op: &str,
    inputs: &[(&str, &[usize])],
    outputs: &[(&str, &[usize])],
    attrs: Vec<AttributeProto>,
    opset: i64,
) -> strata_onnx::proto::ModelProto {
    let ins: Vec<&str> = inputs.iter().map(|(n, _)| *n).collect();
    let outs: Vec<&str> = outputs.iter().map(|(n, _)| *n).collect();
    let vi = |l: &[(&str, &[usize])]| -> Vec<ValueInfoProto> {
        l.iter()
            .filter(|(n, _)| !n.is_empty())
            .map(|(n, s)| value(n, FLOAT, &dims(s)))
            .collect()
    };
    let node: NodeProto = node(op, "n", &ins, &outs, attrs);
    model(graph(vec![node], vi(inputs), vi(outputs), vec![]), opset)
}

#[test]
fn swiglu_matches_direct_computation() {
    let (a, b) = (data(10, 1), data(10, 2));
    let m = one_node(
        "SwiGLU",
        &[("a", &[2, 5]), ("b", &[2, 5])],
        &[("y", &[2, 5])],
        vec![attr_float("alpha", 0.7)],
        28,
    );
    let out = run(&m, vec![tf(&[2, 5], &a), tf(&[2, 5], &b)]);
    let want: Vec<f32> = a
        .iter()
        .zip(&b)
        .map(|(&x, &y)| x * sigmoid(0.7 * x) * y)
        .collect();
    close(&out[0], &want);
}

/// RoPE on `[B, S, H, D]` data with caches already gathered to `[B, S, rot/2]`.
fn rope_ref(
    x: &[f32],
    (b, s, h, d): (usize, usize, usize, usize),
    cos: &[f32],
    sin: &[f32],
    rot: usize,
    interleaved: bool,
) -> Vec<f32> {
    let half = rot / 2;
    let mut y = x.to_vec();
    for bi in 0..b {
        for si in 0..s {
            for hi in 0..h {
                let base = ((bi * s + si) * h + hi) * d;
                for k in 0..half {
                    let (i1, i2) = if interleaved {
                        (2 * k, 2 * k + 1)
                    } else {
                        (k, k + half)
                    };
                    let (x1, x2) = (x[base + i1], x[base + i2]);
                    let c = cos[(bi * s + si) * half + k];
                    let sn = sin[(bi * s + si) * half + k];
                    y[base + i1] = c * x1 - sn * x2;
                    y[base + i2] = sn * x1 + c * x2;
                }
            }
        }
    }
    y
}

#[test]
fn rotary_embedding_matches_direct_computation() {
    let (b, h, s, d) = (2usize, 2usize, 3usize, 8usize);
    let x = data(b * h * s * d, 3);
    let pos: Vec<i64> = vec![0, 4, 2, 7, 1, 9];
    for (rot, interleaved) in [(0usize, false), (0, true), (4, false), (4, true)] {
        let r = if rot == 0 { d } else { rot };
        let (cos, sin) = (data(10 * r / 2, 4), data(10 * r / 2, 5));
        let g = graph(
            vec![node(
                "RotaryEmbedding",
                "rope",
                &["x", "cos", "sin", "pos"],
                &["y"],
                vec![
                    attr_int("interleaved", i64::from(interleaved)),
                    attr_int("rotary_embedding_dim", rot as i64),
                ],
            )],
            vec![
                value("x", FLOAT, &dims(&[b, h, s, d])),
                value("cos", FLOAT, &dims(&[10, r / 2])),
                value("sin", FLOAT, &dims(&[10, r / 2])),
                value("pos", INT64, &dims(&[b, s])),
            ],
            vec![value("y", FLOAT, &dims(&[b, h, s, d]))],
            vec![],
        );
        let out = run(
            &model(g, 23),
            vec![
                tf(&[b, h, s, d], &x),
                tf(&[10, r / 2], &cos),
                tf(&[10, r / 2], &sin),
                Tensor::from_vec(vec![b, s], pos.clone()).unwrap(),
            ],
        );
        // [B, H, S, D] -> [B, S, H, D], gathered caches.
        let mut xt = vec![0f32; x.len()];
        for (bi, hi, si) in itertools(b, h, s) {
            for k in 0..d {
                xt[((bi * s + si) * h + hi) * d + k] = x[((bi * h + hi) * s + si) * d + k];
            }
        }
        let gather = |c: &[f32]| -> Vec<f32> {
            pos.iter()
                .flat_map(|&p| c[p as usize * r / 2..(p as usize + 1) * r / 2].to_vec())
                .collect()
        };
        let yt = rope_ref(
            &xt,
            (b, s, h, d),
            &gather(&cos),
            &gather(&sin),
            r,
            interleaved,
        );
        let mut want = vec![0f32; x.len()];
        for (bi, hi, si) in itertools(b, h, s) {
            for k in 0..d {
                want[((bi * h + hi) * s + si) * d + k] = yt[((bi * s + si) * h + hi) * d + k];
            }
        }
        close(&out[0], &want);
    }
    // 3-D input, no position_ids: caches are [B, S, D/2].
    let x = data(b * s * h * d, 6);
    let (cos, sin) = (data(b * s * d / 2, 7), data(b * s * d / 2, 8));
    let m = one_node(
        "RotaryEmbedding",
        &[
            ("x", &[b, s, h * d]),
            ("cos", &[b, s, d / 2]),
            ("sin", &[b, s, d / 2]),
        ],
        &[("y", &[b, s, h * d])],
        vec![attr_int("num_heads", h as i64)],
        23,
    );
    let out = run(
        &m,
        vec![
            tf(&[b, s, h * d], &x),
            tf(&[b, s, d / 2], &cos),
            tf(&[b, s, d / 2], &sin),
        ],
    );
    close(&out[0], &rope_ref(&x, (b, s, h, d), &cos, &sin, d, false));
}

fn itertools(a: usize, b: usize, c: usize) -> impl Iterator<Item = (usize, usize, usize)> {
    (0..a).flat_map(move |i| (0..b).flat_map(move |j| (0..c).map(move |k| (i, j, k))))
}

#[test]
fn causal_conv_with_state_matches_direct_computation() {
    let (b, c, l, k) = (2usize, 3usize, 5usize, 3usize);
    let x = data(b * c * l, 9);
    let w = data(c * k, 10);
    let bias = data(c, 11);
    let past = data(b * c * (k - 1), 12);
    for with_past in [false, true] {
        let (xs, ws, bs, ps) = ([b, c, l], [c, 1, k], [c], [b, c, k - 1]);
        let mut inputs: Vec<(&str, &[usize])> = vec![("x", &xs), ("w", &ws), ("bias", &bs)];
        let mut feeds = vec![tf(&[b, c, l], &x), tf(&[c, 1, k], &w), tf(&[c], &bias)];
        if with_past {
            inputs.push(("past", &ps));
            feeds.push(tf(&[b, c, k - 1], &past));
        }
        let m = one_node(
            "CausalConvWithState",
            &inputs,
            &[("y", &[b, c, l]), ("state", &[b, c, k - 1])],
            vec![attr_string("activation", "silu")],
            27,
        );
        let out = run(&m, feeds);
        let mut padded = vec![0f32; b * c * (l + k - 1)];
        for (bi, ci) in (0..b).flat_map(|i| (0..c).map(move |j| (i, j))) {
            let row = &mut padded[(bi * c + ci) * (l + k - 1)..][..l + k - 1];
            if with_past {
                row[..k - 1].copy_from_slice(&past[(bi * c + ci) * (k - 1)..][..k - 1]);
            }
            row[k - 1..].copy_from_slice(&x[(bi * c + ci) * l..][..l]);
        }
        let mut y = vec![0f32; b * c * l];
        let mut state = vec![0f32; b * c * (k - 1)];
        for (bi, ci) in (0..b).flat_map(|i| (0..c).map(move |j| (i, j))) {
            let row = &padded[(bi * c + ci) * (l + k - 1)..][..l + k - 1];
            for p in 0..l {
                let v: f32 = bias[ci] + (0..k).map(|j| row[p + j] * w[ci * k + j]).sum::<f32>();
                y[(bi * c + ci) * l + p] = v * sigmoid(v);
            }
            state[(bi * c + ci) * (k - 1)..][..k - 1].copy_from_slice(&row[l..]);
        }
        close(&out[0], &y);
        close(&out[1], &state);
    }
}

/// Linear attention on 3-D inputs; returns `(output, present_state)`.
#[allow(clippy::too_many_arguments)]
fn linear_attention_ref(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    past: &[f32],
    decay: Option<&[f32]>,
    beta: Option<&[f32]>,
    (b, t, hq, hkv, dk, dv): (usize, usize, usize, usize, usize, usize),
) -> (Vec<f32>, Vec<f32>) {
    let mut s = past.to_vec();
    let g = hq / hkv;
    let scale = 1.0 / (dk as f32).sqrt();
    let mut out = vec![0f32; b * t * hq * dv];
    let si = |bi: usize, h: usize, d: usize, m: usize| ((bi * hkv + h) * dk + d) * dv + m;
    for bi in 0..b {
        for ti in 0..t {
            for h in 0..hkv {
                let kt: Vec<f32> = (0..dk)
                    .map(|d| k[(bi * t + ti) * hkv * dk + h * dk + d])
                    .collect();
                let mut vt: Vec<f32> = (0..dv)
                    .map(|m| v[(bi * t + ti) * hkv * dv + h * dv + m])
                    .collect();
                if let Some(dc) = decay {
                    for d in 0..dk {
                        let gd = dc[(bi * t + ti) * hkv * dk + h * dk + d].exp();
                        for m in 0..dv {
                            s[si(bi, h, d, m)] *= gd;
                        }
                    }
                }
                if let Some(be) = beta {
                    let bt = be[(bi * t + ti) * hkv + h];
                    for (m, vm) in vt.iter_mut().enumerate() {
                        let r: f32 = (0..dk).map(|d| s[si(bi, h, d, m)] * kt[d]).sum();
                        *vm = bt * (*vm - r);
                    }
                }
                for d in 0..dk {
                    for m in 0..dv {
                        s[si(bi, h, d, m)] += kt[d] * vt[m];
                    }
                }
            }
            for h in 0..hq {
                for m in 0..dv {
                    let acc: f32 = (0..dk)
                        .map(|d| q[(bi * t + ti) * hq * dk + h * dk + d] * s[si(bi, h / g, d, m)])
                        .sum();
                    out[(bi * t + ti) * hq * dv + h * dv + m] = scale * acc;
                }
            }
        }
    }
    (out, s)
}

#[test]
fn linear_attention_matches_direct_computation() {
    let (b, t, hq, hkv, dk, dv) = (2usize, 3usize, 4usize, 2usize, 3usize, 2usize);
    let q = data(b * t * hq * dk, 13);
    let k = data(b * t * hkv * dk, 14);
    let v = data(b * t * hkv * dv, 15);
    let past = data(b * hkv * dk * dv, 16);
    let decay: Vec<f32> = data(b * t * hkv * dk, 17)
        .iter()
        .map(|x| -x.abs())
        .collect();
    let beta: Vec<f32> = data(b * t * hkv, 18).iter().map(|x| x.abs()).collect();
    let attrs = |rule: &str| {
        vec![
            attr_int("q_num_heads", hq as i64),
            attr_int("kv_num_heads", hkv as i64),
            attr_string("update_rule", rule),
        ]
    };
    let outs: &[(&str, &[usize])] = &[("y", &[b, t, hq * dv]), ("state", &[b, hkv, dk, dv])];
    // gated_delta with a past state and grouped queries.
    let m = one_node(
        "LinearAttention",
        &[
            ("q", &[b, t, hq * dk]),
            ("k", &[b, t, hkv * dk]),
            ("v", &[b, t, hkv * dv]),
            ("past", &[b, hkv, dk, dv]),
            ("decay", &[b, t, hkv * dk]),
            ("beta", &[b, t, hkv]),
        ],
        outs,
        attrs("gated_delta"),
        27,
    );
    let out = run(
        &m,
        vec![
            tf(&[b, t, hq * dk], &q),
            tf(&[b, t, hkv * dk], &k),
            tf(&[b, t, hkv * dv], &v),
            tf(&[b, hkv, dk, dv], &past),
            tf(&[b, t, hkv * dk], &decay),
            tf(&[b, t, hkv], &beta),
        ],
    );
    let dims6 = (b, t, hq, hkv, dk, dv);
    let (y, s) = linear_attention_ref(&q, &k, &v, &past, Some(&decay), Some(&beta), dims6);
    close(&out[0], &y);
    close(&out[1], &s);
    // linear, no past state.
    let m = one_node(
        "LinearAttention",
        &[
            ("q", &[b, t, hq * dk]),
            ("k", &[b, t, hkv * dk]),
            ("v", &[b, t, hkv * dv]),
        ],
        outs,
        attrs("linear"),
        27,
    );
    let out = run(
        &m,
        vec![
            tf(&[b, t, hq * dk], &q),
            tf(&[b, t, hkv * dk], &k),
            tf(&[b, t, hkv * dv], &v),
        ],
    );
    let zeros = vec![0f32; past.len()];
    let (y, s) = linear_attention_ref(&q, &k, &v, &zeros, None, None, dims6);
    close(&out[0], &y);
    close(&out[1], &s);
}

#[derive(Clone, Copy, PartialEq)]
enum Cell {
    Rnn,
    Gru { lbr: bool },
    Lstm,
}

/// One direction of a recurrent cell on `[T, B, I]` data (weights of that direction,
/// `b`: `[2 * G * H]`, `p`: `[3H]`), default activations; returns `(Y [T, B, H], H, C)`.
#[allow(clippy::too_many_arguments)]
fn cell_ref(
    cell: Cell,
    x: &[f32],
    (tn, bn, inp, hn): (usize, usize, usize, usize),
    w: &[f32],
    r: &[f32],
    bias: &[f32],
    p: Option<&[f32]>,
    (h0, c0): (&[f32], &[f32]),
    reverse: bool,
    lens: Option<&[usize]>,
) -> (Vec<f32>, Vec<f32>, Vec<f32>) {
    let gates = match cell {
        Cell::Rnn => 1,
        Cell::Gru { .. } => 3,
        Cell::Lstm => 4,
    };
    let (mut h, mut c) = (h0.to_vec(), c0.to_vec());
    let mut y = vec![0f32; tn * bn * hn];
    for step in 0..tn {
        let ti = if reverse { tn - 1 - step } else { step };
        for bi in 0..bn {
            if lens.is_some_and(|l| ti >= l[bi]) {
                continue;
            }
            let xt = &x[(ti * bn + bi) * inp..][..inp];
            let hp = h[bi * hn..][..hn].to_vec();
            let cp = c[bi * hn..][..hn].to_vec();
            // xw[g][j] = x W_g^T + Wb_g; hr[g][j] = h R_g^T + Rb_g.
            let xw = |g: usize, j: usize| -> f32 {
                let row = g * hn + j;
                (0..inp).map(|i| xt[i] * w[row * inp + i]).sum::<f32>() + bias[row]
            };
            let hr = |g: usize, j: usize, hv: &[f32]| -> f32 {
                let row = g * hn + j;
                (0..hn).map(|i| hv[i] * r[row * hn + i]).sum::<f32>() + bias[gates * hn + row]
            };
            for j in 0..hn {
                let (hn_j, cn_j) = match cell {
                    Cell::Rnn => ((xw(0, j) + hr(0, j, &hp)).tanh(), 0.0),
                    Cell::Gru { lbr } => {
                        let z = sigmoid(xw(0, j) + hr(0, j, &hp));
                        let rg = |jj: usize| sigmoid(xw(1, jj) + hr(1, jj, &hp));
                        let hh = if lbr {
                            (xw(2, j) + rg(j) * hr(2, j, &hp)).tanh()
                        } else {
                            let rh: Vec<f32> = (0..hn).map(|i| rg(i) * hp[i]).collect();
                            (xw(2, j) + hr(2, j, &rh)).tanh()
                        };
                        ((1.0 - z) * hh + z * hp[j], 0.0)
                    }
                    Cell::Lstm => {
                        let pe = |k: usize| p.map_or(0.0, |p| p[k * hn + j]);
                        let i = sigmoid(xw(0, j) + hr(0, j, &hp) + pe(0) * cp[j]);
                        let f = sigmoid(xw(2, j) + hr(2, j, &hp) + pe(2) * cp[j]);
                        let cc = (xw(3, j) + hr(3, j, &hp)).tanh();
                        let cn = f * cp[j] + i * cc;
                        let o = sigmoid(xw(1, j) + hr(1, j, &hp) + pe(1) * cn);
                        (o * cn.tanh(), cn)
                    }
                };
                h[bi * hn + j] = hn_j;
                c[bi * hn + j] = cn_j;
                y[(ti * bn + bi) * hn + j] = hn_j;
            }
        }
    }
    (y, h, c)
}

#[test]
fn lstm_with_peepholes_and_sequence_lens_matches_direct_computation() {
    let (tn, bn, inp, hn) = (3usize, 2usize, 3usize, 2usize);
    let x = data(tn * bn * inp, 20);
    let w = data(4 * hn * inp, 21);
    let r = data(4 * hn * hn, 22);
    let bias = data(8 * hn, 23);
    let p = data(3 * hn, 24);
    let (h0, c0) = (data(bn * hn, 25), data(bn * hn, 26));
    let lens = [3usize, 1];
    let g = graph(
        vec![node(
            "LSTM",
            "lstm",
            &["x", "w", "r", "b", "lens", "h0", "c0", "p"],
            &["y", "yh", "yc"],
            vec![attr_int("hidden_size", hn as i64)],
        )],
        vec![
            value("x", FLOAT, &dims(&[tn, bn, inp])),
            value("w", FLOAT, &dims(&[1, 4 * hn, inp])),
            value("r", FLOAT, &dims(&[1, 4 * hn, hn])),
            value("b", FLOAT, &dims(&[1, 8 * hn])),
            value("lens", INT32, &[bn as i64]),
            value("h0", FLOAT, &dims(&[1, bn, hn])),
            value("c0", FLOAT, &dims(&[1, bn, hn])),
            value("p", FLOAT, &dims(&[1, 3 * hn])),
        ],
        vec![
            value("y", FLOAT, &dims(&[tn, 1, bn, hn])),
            value("yh", FLOAT, &dims(&[1, bn, hn])),
            value("yc", FLOAT, &dims(&[1, bn, hn])),
        ],
        vec![],
    );
    let out = run(
        &model(g, 22),
        vec![
            tf(&[tn, bn, inp], &x),
            tf(&[1, 4 * hn, inp], &w),
            tf(&[1, 4 * hn, hn], &r),
            tf(&[1, 8 * hn], &bias),
            Tensor::from_vec(vec![bn], lens.iter().map(|&l| l as i32).collect()).unwrap(),
            tf(&[1, bn, hn], &h0),
            tf(&[1, bn, hn], &c0),
            tf(&[1, 3 * hn], &p),
        ],
    );
    let (y, h, c) = cell_ref(
        Cell::Lstm,
        &x,
        (tn, bn, inp, hn),
        &w,
        &r,
        &bias,
        Some(&p),
        (&h0, &c0),
        false,
        Some(&lens),
    );
    close(&out[0], &y);
    close(&out[1], &h);
    close(&out[2], &c);
}

#[test]
fn bidirectional_gru_and_batchwise_reverse_rnn_match_direct_computation() {
    let (tn, bn, inp, hn) = (3usize, 2usize, 2usize, 3usize);
    let x = data(tn * bn * inp, 30);
    for lbr in [false, true] {
        let w = data(2 * 3 * hn * inp, 31);
        let r = data(2 * 3 * hn * hn, 32);
        let bias = data(2 * 6 * hn, 33);
        let m = one_node(
            "GRU",
            &[
                ("x", &[tn, bn, inp]),
                ("w", &[2, 3 * hn, inp]),
                ("r", &[2, 3 * hn, hn]),
                ("b", &[2, 6 * hn]),
            ],
            &[("y", &[tn, 2, bn, hn]), ("yh", &[2, bn, hn])],
            vec![
                attr_int("hidden_size", hn as i64),
                attr_string("direction", "bidirectional"),
                attr_int("linear_before_reset", i64::from(lbr)),
            ],
            22,
        );
        let out = run(
            &m,
            vec![
                tf(&[tn, bn, inp], &x),
                tf(&[2, 3 * hn, inp], &w),
                tf(&[2, 3 * hn, hn], &r),
                tf(&[2, 6 * hn], &bias),
            ],
        );
        let zeros = vec![0f32; bn * hn];
        let mut want_y = vec![0f32; tn * 2 * bn * hn];
        let mut want_h = Vec::new();
        for d in 0..2 {
            let (wd, rd) = (
                &w[d * 3 * hn * inp..][..3 * hn * inp],
                &r[d * 3 * hn * hn..][..3 * hn * hn],
            );
            let (y, h, _) = cell_ref(
                Cell::Gru { lbr },
                &x,
                (tn, bn, inp, hn),
                wd,
                rd,
                &bias[d * 6 * hn..][..6 * hn],
                None,
                (&zeros, &zeros),
                d == 1,
                None,
            );
            for ti in 0..tn {
                want_y[(ti * 2 + d) * bn * hn..][..bn * hn]
                    .copy_from_slice(&y[ti * bn * hn..][..bn * hn]);
            }
            want_h.extend(h);
        }
        close(&out[0], &want_y);
        close(&out[1], &want_h);
    }
    // RNN, reverse, layout 1 ([B, T, I]), no bias.
    let hn = 4;
    let xb = data(bn * tn * inp, 34);
    let w = data(hn * inp, 35);
    let r = data(hn * hn, 36);
    let m = one_node(
        "RNN",
        &[
            ("x", &[bn, tn, inp]),
            ("w", &[1, hn, inp]),
            ("r", &[1, hn, hn]),
        ],
        &[("y", &[bn, tn, 1, hn]), ("yh", &[bn, 1, hn])],
        vec![
            attr_int("hidden_size", hn as i64),
            attr_string("direction", "reverse"),
            attr_int("layout", 1),
        ],
        22,
    );
    let out = run(
        &m,
        vec![
            tf(&[bn, tn, inp], &xb),
            tf(&[1, hn, inp], &w),
            tf(&[1, hn, hn], &r),
        ],
    );
    let mut x_tb = vec![0f32; xb.len()];
    for (bi, ti, i) in itertools(bn, tn, inp) {
        x_tb[(ti * bn + bi) * inp + i] = xb[(bi * tn + ti) * inp + i];
    }
    let zeros = vec![0f32; bn * hn];
    let (y, h, _) = cell_ref(
        Cell::Rnn,
        &x_tb,
        (tn, bn, inp, hn),
        &w,
        &r,
        &vec![0f32; 2 * hn],
        None,
        (&zeros, &zeros),
        true,
        None,
    );
    let mut want_y = vec![0f32; y.len()];
    for (bi, ti, j) in itertools(bn, tn, hn) {
        want_y[(bi * tn + ti) * hn + j] = y[(ti * bn + bi) * hn + j];
    }
    close(&out[0], &want_y);
    close(&out[1], &h);
}

fn is_invalid(e: &ImportError) -> bool {
    matches!(e, ImportError::InvalidModel { .. })
}

#[test]
fn bad_sequence_operators_give_typed_errors() {
    // Unknown update rule.
    let m = one_node(
        "LinearAttention",
        &[("q", &[1, 2, 4]), ("k", &[1, 2, 4]), ("v", &[1, 2, 4])],
        &[("y", &[1, 2, 4])],
        vec![
            attr_int("q_num_heads", 1),
            attr_int("kv_num_heads", 1),
            attr_string("update_rule", "bogus"),
        ],
        27,
    );
    assert!(is_invalid(&import_err(&m)), "{}", import_err(&m));
    // A recurrence longer than the unrolling limit.
    let m = one_node(
        "LinearAttention",
        &[
            ("q", &[1, 1 << 20, 1]),
            ("k", &[1, 1 << 20, 1]),
            ("v", &[1, 1 << 20, 1]),
        ],
        &[("y", &[1, 1 << 20, 1])],
        vec![
            attr_int("q_num_heads", 1),
            attr_int("kv_num_heads", 1),
            attr_string("update_rule", "linear"),
        ],
        27,
    );
    let e = import_err(&m);
    assert!(matches!(e, ImportError::LimitExceeded { .. }), "{e}");
    // Weight of the wrong shape.
    let m = one_node(
        "CausalConvWithState",
        &[("x", &[1, 2, 4]), ("w", &[3, 1, 2])],
        &[("y", &[1, 2, 4])],
        vec![],
        27,
    );
    assert!(is_invalid(&import_err(&m)));
    // Odd rotary dimension.
    let m = one_node(
        "RotaryEmbedding",
        &[("x", &[1, 1, 2, 4]), ("c", &[1, 2, 1]), ("s", &[1, 2, 1])],
        &[("y", &[1, 1, 2, 4])],
        vec![attr_int("rotary_embedding_dim", 3)],
        23,
    );
    assert!(is_invalid(&import_err(&m)));
    // Unknown activation; sequence_lens on a reverse pass.
    let rnn = |attrs: Vec<AttributeProto>, inputs: &[&str]| {
        let mut g = graph(
            vec![node("RNN", "rnn", inputs, &["y"], attrs)],
            vec![
                value("x", FLOAT, &[2, 1, 2]),
                value("w", FLOAT, &[1, 3, 2]),
                value("r", FLOAT, &[1, 3, 3]),
                value("lens", INT32, &[1]),
            ],
            vec![value("y", FLOAT, &[2, 1, 1, 3])],
            vec![],
        );
        g.input.retain(|vi| inputs.contains(&vi.name.as_str()));
        model(g, 22)
    };
    let acts = AttributeProto {
        name: "activations".into(),
        r#type: strata_onnx::proto::attribute_type::STRINGS,
        strings: vec![b"Gaussian".to_vec()],
        ..Default::default()
    };
    let e = import_err(&rnn(vec![acts], &["x", "w", "r"]));
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    let e = import_err(&rnn(
        vec![attr_string("direction", "reverse")],
        &["x", "w", "r", "", "lens"],
    ));
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    let e = import_err(&rnn(
        vec![attr_string("direction", "sideways")],
        &["x", "w", "r"],
    ));
    assert!(is_invalid(&e), "{e}");
}
