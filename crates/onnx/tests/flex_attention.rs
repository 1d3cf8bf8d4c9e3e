//! `FlexAttention` (`ai.onnx.preview`) against a direct loop implementation: grouped-query
//! heads, an explicit scale, `score_mod` and `prob_mod` subgraphs (inlined at import), and
//! the typed errors of malformed or unsupported modifier subgraphs.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::FLOAT;
use strata_onnx::proto::{AttributeProto, GraphProto, ModelProto, OperatorSetIdProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

const B: usize = 2;
const HQ: usize = 4;
const HKV: usize = 2;
const L: usize = 3;
const S: usize = 5;
const E: usize = 4;

fn flex_model(attrs: Vec<AttributeProto>) -> ModelProto {
    let mut n = node("FlexAttention", "flex", &["q", "k", "v"], &["y"], attrs);
    n.domain = "ai.onnx.preview".into();
    let d = |s: &[usize]| s.iter().map(|&x| x as i64).collect::<Vec<_>>();
    let g = graph(
        vec![n],
        vec![
            value("q", FLOAT, &d(&[B, HQ, L, E])),
            value("k", FLOAT, &d(&[B, HKV, S, E])),
            value("v", FLOAT, &d(&[B, HKV, S, E])),
        ],
        vec![value("y", FLOAT, &d(&[B, HQ, L, E]))],
        vec![],
    );
    let mut m = model(g, 26);
    m.opset_import.push(OperatorSetIdProto {
        domain: "ai.onnx.preview".into(),
        version: 1,
    });
    m
}

/// A modifier subgraph `x -> op(x, c)` for a scalar initializer `c`.
fn modifier(op: &str, c: f32) -> GraphProto {
    graph(
        vec![node(op, "m", &["x", "c"], &["x_out"], vec![])],
        vec![value("x", FLOAT, &[-1, -1, -1, -1])],
        vec![value("x_out", FLOAT, &[-1, -1, -1, -1])],
        vec![tensor_f32("c", &[], &[c])],
    )
}

/// The reference, with `score(i, j, s)` and `prob(p)` modifiers.
fn reference(
    q: &[f32],
    k: &[f32],
    v: &[f32],
    scale: f32,
    score: impl Fn(f32) -> f32,
    prob: impl Fn(f32) -> f32,
) -> Vec<f32> {
    let ss = scale.sqrt();
    let g = HQ / HKV;
    let mut y = vec![0f32; B * HQ * L * E];
    for b in 0..B {
        for h in 0..HQ {
            for i in 0..L {
                let row: Vec<f32> = (0..S)
                    .map(|j| {
                        let dot: f32 = (0..E)
                            .map(|t| {
                                q[((b * HQ + h) * L + i) * E + t]
                                    * ss
                                    * (k[((b * HKV + h / g) * S + j) * E + t] * ss)
                            })
                            .sum();
                        score(dot)
                    })
                    .collect();
                let mx = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
                let ex: Vec<f32> = row.iter().map(|x| (x - mx).exp()).collect();
                let sum: f32 = ex.iter().sum();
                for t in 0..E {
                    y[((b * HQ + h) * L + i) * E + t] = (0..S)
                        .map(|j| prob(ex[j] / sum) * v[((b * HKV + h / g) * S + j) * E + t])
                        .sum();
                }
            }
        }
    }
    y
}

fn feeds(q: &[f32], k: &[f32], v: &[f32]) -> Vec<Tensor> {
    vec![
        Tensor::from_vec(vec![B, HQ, L, E], q.to_vec()).unwrap(),
        Tensor::from_vec(vec![B, HKV, S, E], k.to_vec()).unwrap(),
        Tensor::from_vec(vec![B, HKV, S, E], v.to_vec()).unwrap(),
    ]
}

#[test]
fn flex_attention_matches_direct_computation() {
    let (q, k, v) = (
        data(B * HQ * L * E, 1),
        data(B * HKV * S * E, 2),
        data(B * HKV * S * E, 3),
    );
    let out = run(&flex_model(vec![]), feeds(&q, &k, &v));
    let default_scale = 1.0 / (E as f32).sqrt();
    close(&out[0], &reference(&q, &k, &v, default_scale, |x| x, |p| p));
    let m = flex_model(vec![
        attr_float("scale", 0.3),
        attr_graph("score_mod", modifier("Add", 0.25)),
        attr_graph("prob_mod", modifier("Mul", 1.5)),
    ]);
    let out = run(&m, feeds(&q, &k, &v));
    close(
        &out[0],
        &reference(&q, &k, &v, 0.3, |x| x + 0.25, |p| p * 1.5),
    );
}

#[test]
fn bad_modifier_subgraphs_give_typed_errors() {
    // Reads `v` of the enclosing graph, whose shape does not broadcast with the scores.
    let mut g = modifier("Add", 0.0);
    g.node[0].input[1] = "v".into();
    g.initializer.clear();
    let e = import_err(&flex_model(vec![attr_graph("score_mod", g)]));
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
    // An unsupported operator inside.
    let mut g = modifier("Add", 0.0);
    g.node[0].op_type = "NoSuchOp".into();
    let e = import_err(&flex_model(vec![attr_graph("prob_mod", g)]));
    assert!(matches!(e, ImportError::Unsupported(_)), "{e}");
    // Changes the shape (reduces the last axis).
    let mut g = modifier("Add", 0.0);
    g.node[0] = node(
        "ReduceSum",
        "m",
        &["x"],
        &["x_out"],
        vec![attr_int("keepdims", 0)],
    );
    g.initializer.clear();
    let e = import_err(&flex_model(vec![attr_graph("score_mod", g)]));
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
    // Two inputs.
    let mut g = modifier("Add", 0.0);
    g.initializer.clear();
    g.input.push(value("c", FLOAT, &[]));
    let e = import_err(&flex_model(vec![attr_graph("score_mod", g)]));
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e}");
}
