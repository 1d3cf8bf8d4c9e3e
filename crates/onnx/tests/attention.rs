//! `Attention` lowering against a direct loop implementation of the operator: 4-D and 3-D
//! inputs, causal masking with a KV cache, grouped-query heads, float and boolean masks,
//! softcap and the `qk_matmul_output` modes. (The ONNX backend cases in
//! `tests/conformance/interp.expected` check it against ONNX's reference as well.)

mod common;
use common::{close, data, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{BOOL, FLOAT};
use strata_onnx::proto::AttributeProto;
use strata_onnx::testgen::*;
use strata_onnx::ImportOptions;

/// Options of the reference computation.
#[derive(Clone, Default)]
struct Opts {
    causal: bool,
    past: usize,
    softcap: f32,
    /// An additive bias `[q, kv]`.
    mask: Option<Vec<f32>>,
    mode: i64,
}

/// Attention on 4-D `[B, H, S, D]` row-major data: returns `(Y, qk_output)`.
#[allow(clippy::too_many_arguments)]
fn reference(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    (b, hq, hk, sq, skv, d): (usize, usize, usize, usize, usize, usize),
    o: &Opts,
) -> (Vec<f32>, Vec<f32>) {
    let scale = (1.0 / (d as f32).sqrt()).sqrt();
    let g = hq / hk;
    let mut y = vec![0f32; b * hq * sq * d];
    let mut qk_out = vec![0f32; b * hq * sq * skv];
    for bi in 0..b {
        for h in 0..hq {
            let kh = h / g;
            for i in 0..sq {
                let mut row = vec![0f32; skv];
                let mut bias = vec![0f32; skv];
                for (j, r) in row.iter_mut().enumerate() {
                    let mut acc = 0f32;
                    for t in 0..d {
                        let qv = q[((bi * hq + h) * sq + i) * d + t] * scale;
                        let kv = k[((bi * hk + kh) * skv + j) * d + t] * scale;
                        acc += qv * kv;
                    }
                    if o.softcap > 0.0 {
                        acc = (acc / o.softcap).tanh() * o.softcap;
                    }
                    *r = acc;
                    if let Some(m) = &o.mask {
                        bias[j] += m[i * skv + j];
                    }
                    if o.causal && j > i + o.past {
                        bias[j] = f32::NEG_INFINITY;
                    }
                }
                let with_bias: Vec<f32> = row.iter().zip(&bias).map(|(a, b)| a + b).collect();
                let mx = with_bias.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
                let e: Vec<f32> = with_bias.iter().map(|x| (x - mx).exp()).collect();
                let sum: f32 = e.iter().sum();
                let p: Vec<f32> = e.iter().map(|x| x / sum).collect();
                for j in 0..skv {
                    qk_out[((bi * hq + h) * sq + i) * skv + j] = match o.mode {
                        2 => with_bias[j],
                        3 => p[j],
                        _ => row[j],
                    };
                }
                for t in 0..d {
                    let mut acc = 0f32;
                    for j in 0..skv {
                        acc += p[j] * v[((bi * hk + kh) * skv + j) * d + t];
                    }
                    y[((bi * hq + h) * sq + i) * d + t] = acc;
                }
            }
        }
    }
    (y, qk_out)
}

fn dims(v: &[usize]) -> Vec<i64> {
    v.iter().map(|&d| d as i64).collect()
}

#[test]
fn causal_gqa_with_cache_and_softcap_4d() {
    let (b, hq, hk, sq, past, d) = (2, 4, 2, 3, 2, 4);
    let skv = sq + past;
    let q = data(b * hq * sq * d, 1);
    let k_new = data(b * hk * sq * d, 2);
    let v_new = data(b * hk * sq * d, 3);
    let pk = data(b * hk * past * d, 4);
    let pv = data(b * hk * past * d, 5);
    // The full keys/values: past then new along the sequence axis.
    let cat = |p: &[f32], n: &[f32]| -> Vec<f32> {
        let mut out = Vec::new();
        for bh in 0..b * hk {
            out.extend_from_slice(&p[bh * past * d..(bh + 1) * past * d]);
            out.extend_from_slice(&n[bh * sq * d..(bh + 1) * sq * d]);
        }
        out
    };
    let (k, v) = (cat(&pk, &k_new), cat(&pv, &v_new));
    let attrs: Vec<AttributeProto> = vec![
        attr_int("is_causal", 1),
        attr_float("softcap", 2.0),
        attr_int("qk_matmul_output_mode", 1),
    ];
    let g = graph(
        vec![node(
            "Attention",
            "attn",
            &["Q", "K", "V", "", "past_k", "past_v"],
            &["Y", "present_k", "present_v", "qk"],
            attrs,
        )],
        vec![
            value("Q", FLOAT, &dims(&[b, hq, sq, d])),
            value("K", FLOAT, &dims(&[b, hk, sq, d])),
            value("V", FLOAT, &dims(&[b, hk, sq, d])),
            value("past_k", FLOAT, &dims(&[b, hk, past, d])),
            value("past_v", FLOAT, &dims(&[b, hk, past, d])),
        ],
        vec![
            value("Y", FLOAT, &dims(&[b, hq, sq, d])),
            value("present_k", FLOAT, &dims(&[b, hk, skv, d])),
            value("present_v", FLOAT, &dims(&[b, hk, skv, d])),
            value("qk", FLOAT, &dims(&[b, hq, sq, skv])),
        ],
        vec![],
    );
    let t = |v: &[f32], s: &[usize]| Tensor::from_vec(s.to_vec(), v.to_vec()).unwrap();
    let out = run(
        &model(g, 23),
        vec![
            t(&q, &[b, hq, sq, d]),
            t(&k_new, &[b, hk, sq, d]),
            t(&v_new, &[b, hk, sq, d]),
            t(&pk, &[b, hk, past, d]),
            t(&pv, &[b, hk, past, d]),
        ],
    );
    let o = Opts {
        causal: true,
        past,
        softcap: 2.0,
        mode: 1,
        ..Opts::default()
    };
    let (y, qk) = reference(&q, &k, &v, (b, hq, hk, sq, skv, d), &o);
    close(&out[0], &y);
    close(&out[1], &k);
    close(&out[2], &v);
    close(&out[3], &qk);
}

#[test]
fn masks_3d_inputs_and_output_modes() {
    let (b, h, s, d) = (1, 2, 3, 2);
    let q3 = data(b * s * h * d, 7);
    let k3 = data(b * s * h * d, 8);
    let v3 = data(b * s * h * d, 9);
    // 3-D [B, S, H*D] -> 4-D [B, H, S, D] for the reference.
    let heads = |x: &[f32]| -> Vec<f32> {
        let mut out = vec![0f32; x.len()];
        for si in 0..s {
            for hi in 0..h {
                for t in 0..d {
                    out[(hi * s + si) * d + t] = x[(si * h + hi) * d + t];
                }
            }
        }
        out
    };
    let merge = |y: &[f32]| -> Vec<f32> {
        let mut out = vec![0f32; y.len()];
        for hi in 0..h {
            for si in 0..s {
                for t in 0..d {
                    out[(si * h + hi) * d + t] = y[(hi * s + si) * d + t];
                }
            }
        }
        out
    };
    let bool_mask = [true, false, true, true, true, false, false, true, true];
    for (mode, boolean) in [(2, false), (3, true), (0, true)] {
        let float_mask = data(s * s, 11);
        let (mask_elem, mask_tensor, bias) = if boolean {
            let bias: Vec<f32> = bool_mask
                .iter()
                .map(|&m| if m { 0.0 } else { f32::NEG_INFINITY })
                .collect();
            (
                BOOL,
                Tensor::from_vec(vec![s, s], bool_mask.to_vec()).unwrap(),
                bias,
            )
        } else {
            (
                FLOAT,
                Tensor::from_vec(vec![s, s], float_mask.clone()).unwrap(),
                float_mask,
            )
        };
        let g = graph(
            vec![node(
                "Attention",
                "attn",
                &["Q", "K", "V", "mask"],
                &["Y", "", "", "qk"],
                vec![
                    attr_int("q_num_heads", h as i64),
                    attr_int("kv_num_heads", h as i64),
                    attr_float("scale", 0.75),
                    attr_int("qk_matmul_output_mode", mode),
                ],
            )],
            vec![
                value("Q", FLOAT, &dims(&[b, s, h * d])),
                value("K", FLOAT, &dims(&[b, s, h * d])),
                value("V", FLOAT, &dims(&[b, s, h * d])),
                value("mask", mask_elem, &dims(&[s, s])),
            ],
            vec![
                value("Y", FLOAT, &dims(&[b, s, h * d])),
                value("qk", FLOAT, &dims(&[b, h, s, s])),
            ],
            vec![],
        );
        let t = |v: &[f32]| Tensor::from_vec(vec![b, s, h * d], v.to_vec()).unwrap();
        let out = run(&model(g, 23), vec![t(&q3), t(&k3), t(&v3), mask_tensor]);
        // The reference uses the default scale 1/sqrt(d); fold the explicit one into Q.
        let fix = (0.75f32 * (d as f32).sqrt()).sqrt();
        let qs: Vec<f32> = heads(&q3).iter().map(|x| x * fix * fix).collect();
        let o = Opts {
            mask: Some(bias),
            mode,
            ..Opts::default()
        };
        let (y, qk) = reference(&qs, &heads(&k3), &heads(&v3), (b, h, h, s, s, d), &o);
        close(&out[0], &merge(&y));
        close(&out[1], &qk);
    }
}

#[test]
fn malformed_attention_is_a_typed_error() {
    let g = graph(
        vec![node("Attention", "attn", &["Q", "K", "V"], &["Y"], vec![])],
        vec![
            value("Q", FLOAT, &[1, 3, 4]),
            value("K", FLOAT, &[1, 3, 4]),
            value("V", FLOAT, &[1, 3, 4]),
        ],
        vec![value("Y", FLOAT, &[1, 3, 4])],
        vec![],
    );
    let ctx = strata::default_context();
    let e = strata_onnx::import_model(&ctx, &model(g, 23), &ImportOptions::default())
        .expect_err("3-D inputs without head counts are invalid");
    assert!(
        e.to_string().contains("q_num_heads and kv_num_heads"),
        "{e}"
    );
}
