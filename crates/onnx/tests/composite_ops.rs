//! Operators that the importer lowers as compositions of graph ops (`nodes_loss.rs`),
//! checked against direct loop implementations: `NegativeLogLikelihoodLoss` and
//! `SoftmaxCrossEntropyLoss` (weights, `ignore_index`, every reduction) and `Trilu`.

use strata_interp::{Interpreter, Tensor};
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::proto::{AttributeProto, ModelProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportOptions;

/// Deterministic values in [-1, 1).
fn data(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

fn run(m: &ModelProto, inputs: Vec<Tensor>) -> Vec<Tensor> {
    let ctx = strata::default_context();
    let module = strata_onnx::import_model(&ctx, m, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import: {e}"));
    strata::ir::verify::verify_module(&ctx, &module).expect("imported module verifies");
    Interpreter::new(&ctx, &module)
        .run_owned("main", inputs)
        .unwrap_or_else(|d| panic!("run: {}", d.message))
}

fn close(got: &Tensor, want: &[f32]) {
    let g = got.as_slice::<f32>().expect("f32 output");
    assert_eq!(g.len(), want.len());
    for (i, (a, b)) in g.iter().zip(want).enumerate() {
        assert!(
            (a - b).abs() <= 1e-5 + 1e-4 * b.abs(),
            "element {i}: {a} vs {b}"
        );
    }
}

/// The loss of ONNX's reference over `N x C x D` log-probabilities `lp`.
fn nll_reference(
    lp: &[f32],
    target: &[i64],
    (n, c, d): (usize, usize, usize),
    weight: Option<&[f32]>,
    ignore: Option<i64>,
    reduction: &str,
) -> Vec<f32> {
    let mut loss = vec![0f32; n * d];
    let mut wsum = 0f32;
    for i in 0..n {
        for k in 0..d {
            let t = target[i * d + k];
            if Some(t) == ignore {
                continue;
            }
            let w = weight.map_or(1.0, |w| w[t as usize]);
            loss[i * d + k] = -lp[(i * c + t as usize) * d + k] * w;
            wsum += w;
        }
    }
    match reduction {
        "none" => loss,
        "sum" => vec![loss.iter().sum()],
        _ => vec![loss.iter().sum::<f32>() / wsum],
    }
}

fn log_softmax(x: &[f32], (n, c, d): (usize, usize, usize)) -> Vec<f32> {
    let mut out = vec![0f32; x.len()];
    for i in 0..n {
        for k in 0..d {
            let at = |j: usize| (i * c + j) * d + k;
            let mx = (0..c).map(|j| x[at(j)]).fold(f32::NEG_INFINITY, f32::max);
            let s: f32 = (0..c).map(|j| (x[at(j)] - mx).exp()).sum();
            for j in 0..c {
                out[at(j)] = x[at(j)] - mx - s.ln();
            }
        }
    }
    out
}

#[test]
fn losses_match_direct_computation() {
    let (n, c, d) = (3, 4, 2);
    let x = data(n * c * d, 3);
    // Target 1 is the ignore_index in the `ii` cases; -1 (out of range) in others.
    let target: Vec<i64> = vec![0, 3, 1, 2, 1, 1];
    let weight = [0.5f32, 1.5, 2.0, 0.25];
    for op in ["NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss"] {
        for reduction in ["none", "sum", "mean"] {
            for (with_weight, ignore) in [
                (false, None),
                (true, None),
                (true, Some(1)),
                (false, Some(1)),
            ] {
                let mut attrs: Vec<AttributeProto> = vec![attr_string("reduction", reduction)];
                if let Some(i) = ignore {
                    attrs.push(attr_int("ignore_index", i));
                }
                let mut inputs = vec!["x", "t"];
                let mut vis = vec![
                    value("x", FLOAT, &[n as i64, c as i64, d as i64]),
                    value("t", INT64, &[n as i64, d as i64]),
                ];
                let mut feeds = vec![
                    Tensor::from_vec(vec![n, c, d], x.clone()).unwrap(),
                    Tensor::from_vec(vec![n, d], target.clone()).unwrap(),
                ];
                if with_weight {
                    inputs.push("w");
                    vis.push(value("w", FLOAT, &[c as i64]));
                    feeds.push(Tensor::from_vec(vec![c], weight.to_vec()).unwrap());
                }
                let out_shape: Vec<i64> = if reduction == "none" {
                    vec![n as i64, d as i64]
                } else {
                    vec![]
                };
                let g = graph(
                    vec![node(op, "loss", &inputs, &["y"], attrs)],
                    vis,
                    vec![value("y", FLOAT, &out_shape)],
                    vec![],
                );
                let out = run(&model(g, 13), feeds);
                let lp = if op == "SoftmaxCrossEntropyLoss" {
                    log_softmax(&x, (n, c, d))
                } else {
                    x.clone()
                };
                let w = with_weight.then_some(&weight[..]);
                let want = nll_reference(&lp, &target, (n, c, d), w, ignore, reduction);
                close(&out[0], &want);
            }
        }
    }
}

#[test]
fn trilu_matches_direct_computation() {
    let (b, r, c) = (2, 3, 5);
    let x = data(b * r * c, 5);
    for upper in [0, 1] {
        for k in [-1i64, 0, 2] {
            let g = graph(
                vec![node(
                    "Trilu",
                    "t",
                    &["x", "k"],
                    &["y"],
                    vec![attr_int("upper", upper)],
                )],
                vec![value("x", FLOAT, &[b as i64, r as i64, c as i64])],
                vec![value("y", FLOAT, &[b as i64, r as i64, c as i64])],
                vec![tensor_i64("k", &[], &[k])],
            );
            let out = run(
                &model(g, 14),
                vec![Tensor::from_vec(vec![b, r, c], x.clone()).unwrap()],
            );
            let mut want = x.clone();
            for bi in 0..b {
                for i in 0..r {
                    for j in 0..c {
                        let dj = j as i64 - i as i64;
                        let keep = if upper == 1 { dj >= k } else { dj <= k };
                        if !keep {
                            want[(bi * r + i) * c + j] = 0.0;
                        }
                    }
                }
            }
            close(&out[0], &want);
        }
    }
}
