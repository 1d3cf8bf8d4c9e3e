//! Operators that the importer lowers as compositions of graph ops (`nodes_loss.rs`),
//! checked against direct loop implementations: `NegativeLogLikelihoodLoss` and
//! `SoftmaxCrossEntropyLoss` (weights, `ignore_index`, every reduction), `Trilu`, and the
//! structured operators of `nodes_struct.rs` (`CumSum`, `Hardmax`, `LpNormalization`,
//! `MeanVarianceNormalization`, `GroupNormalization`, `EyeLike`, `DepthToSpace`,
//! `SpaceToDepth`, `OneHot`), and `RMSNormalization` (`nodes_nn.rs`).

mod common;
use common::{close, data, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::proto::{AttributeProto, ModelProto};
use strata_onnx::testgen::*;

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

/// One single-node model with float input `x` of `shape` and output `y` of `out`.
fn unary_model(
    op: &str,
    shape: &[usize],
    out: &[usize],
    attrs: Vec<AttributeProto>,
    extra: &[&str],
    inits: Vec<strata_onnx::proto::TensorProto>,
    opset: i64,
) -> ModelProto {
    let d = |s: &[usize]| s.iter().map(|&v| v as i64).collect::<Vec<_>>();
    let mut inputs = vec!["x"];
    inputs.extend_from_slice(extra);
    let g = graph(
        vec![node(op, "n", &inputs, &["y"], attrs)],
        vec![value("x", FLOAT, &d(shape))],
        vec![value("y", FLOAT, &d(out))],
        inits,
    );
    model(g, opset)
}

fn feed(shape: &[usize], v: &[f32]) -> Vec<Tensor> {
    vec![Tensor::from_vec(shape.to_vec(), v.to_vec()).unwrap()]
}

#[test]
fn structured_ops_match_direct_computation() {
    let (r, c) = (3usize, 4usize);
    let x = data(r * c, 9);
    // CumSum along axis 1, every exclusive/reverse combination.
    for (exclusive, reverse) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let m = unary_model(
            "CumSum",
            &[r, c],
            &[r, c],
            vec![
                attr_int("exclusive", exclusive),
                attr_int("reverse", reverse),
            ],
            &["axis"],
            vec![tensor_i64("axis", &[], &[1])],
            14,
        );
        let out = run(&m, feed(&[r, c], &x));
        let mut want = vec![0f32; r * c];
        for i in 0..r {
            for j in 0..c {
                want[i * c + j] = (0..c)
                    .filter(|&k| match (exclusive, reverse) {
                        (0, 0) => k <= j,
                        (1, 0) => k < j,
                        (0, _) => k >= j,
                        _ => k > j,
                    })
                    .map(|k| x[i * c + k])
                    .sum();
            }
        }
        close(&out[0], &want);
    }
    // Hardmax along axis 0 (first maximum wins).
    let m = unary_model(
        "Hardmax",
        &[r, c],
        &[r, c],
        vec![attr_int("axis", 0)],
        &[],
        vec![],
        13,
    );
    let out = run(&m, feed(&[r, c], &x));
    let mut want = vec![0f32; r * c];
    for j in 0..c {
        let best = (0..r).fold(0, |b, i| if x[i * c + j] > x[b * c + j] { i } else { b });
        want[best * c + j] = 1.0;
    }
    close(&out[0], &want);
    // LpNormalization p = 1 along the last axis.
    let m = unary_model(
        "LpNormalization",
        &[r, c],
        &[r, c],
        vec![attr_int("p", 1)],
        &[],
        vec![],
        1,
    );
    let out = run(&m, feed(&[r, c], &x));
    let mut want = x.clone();
    for i in 0..r {
        let s: f32 = x[i * c..(i + 1) * c].iter().map(|v| v.abs()).sum();
        for v in &mut want[i * c..(i + 1) * c] {
            *v /= s;
        }
    }
    close(&out[0], &want);
    // MeanVarianceNormalization over axis 1.
    let m = unary_model(
        "MeanVarianceNormalization",
        &[r, c],
        &[r, c],
        vec![attr_ints("axes", &[1])],
        &[],
        vec![],
        13,
    );
    let out = run(&m, feed(&[r, c], &x));
    let mut want = x.clone();
    for i in 0..r {
        let row = &x[i * c..(i + 1) * c];
        let mean = row.iter().sum::<f32>() / c as f32;
        let var = row.iter().map(|v| v * v).sum::<f32>() / c as f32 - mean * mean;
        for j in 0..c {
            want[i * c + j] = (row[j] - mean) / (var.sqrt() + 1e-9);
        }
    }
    close(&out[0], &want);
    // EyeLike with k = 1.
    let m = unary_model(
        "EyeLike",
        &[r, c],
        &[r, c],
        vec![attr_int("k", 1)],
        &[],
        vec![],
        9,
    );
    let out = run(&m, feed(&[r, c], &x));
    let want: Vec<f32> = (0..r * c)
        .map(|q| f32::from(u8::from(q % c == q / c + 1)))
        .collect();
    close(&out[0], &want);
}

#[test]
fn depth_space_and_one_hot_match_direct_computation() {
    let (nb, ch, h, w, b) = (1usize, 8usize, 2usize, 3usize, 2usize);
    let x = data(nb * ch * h * w, 13);
    let c2 = ch / (b * b);
    for crd in [false, true] {
        let mode = if crd { "CRD" } else { "DCR" };
        let m = unary_model(
            "DepthToSpace",
            &[nb, ch, h, w],
            &[nb, c2, h * b, w * b],
            vec![attr_int("blocksize", b as i64), attr_string("mode", mode)],
            &[],
            vec![],
            13,
        );
        let out = run(&m, feed(&[nb, ch, h, w], &x));
        let mut want = vec![0f32; x.len()];
        for c in 0..c2 {
            for y in 0..h * b {
                for z in 0..w * b {
                    let (bi, bj) = (y % b, z % b);
                    let src_c = if crd {
                        (c * b + bi) * b + bj
                    } else {
                        (bi * b + bj) * c2 + c
                    };
                    want[(c * h * b + y) * w * b + z] = x[(src_c * h + y / b) * w + z / b];
                }
            }
        }
        close(&out[0], &want);
        // SpaceToDepth (same mode) inverts it.
        let g = graph(
            vec![
                node(
                    "DepthToSpace",
                    "d",
                    &["x"],
                    &["s"],
                    vec![attr_int("blocksize", b as i64), attr_string("mode", mode)],
                ),
                node(
                    "SpaceToDepth",
                    "s2d",
                    &["s"],
                    &["y"],
                    vec![attr_int("blocksize", b as i64), attr_string("mode", mode)],
                ),
            ],
            vec![value("x", FLOAT, &[1, 8, 2, 3])],
            vec![value("y", FLOAT, &[1, 8, 2, 3])],
            vec![],
        );
        let out = run(&model(g, 24), feed(&[nb, ch, h, w], &x));
        close(&out[0], &x);
    }
    // OneHot with negative and out-of-range indices along axis 0.
    let g = graph(
        vec![node(
            "OneHot",
            "oh",
            &["i", "depth", "v"],
            &["y"],
            vec![attr_int("axis", 0)],
        )],
        vec![value("i", INT64, &[3]), value("v", FLOAT, &[2])],
        vec![value("y", FLOAT, &[4, 3])],
        vec![tensor_i64("depth", &[], &[4])],
    );
    let out = run(
        &model(g, 11),
        vec![
            Tensor::from_vec(vec![3], vec![1i64, -1, 7]).unwrap(),
            Tensor::from_vec(vec![2], vec![-2f32, 5.0]).unwrap(),
        ],
    );
    let mut want = vec![-2f32; 12];
    want[3] = 5.0; // y[1, 0]: index 1 at position 0
    want[3 * 3 + 1] = 5.0; // y[3, 1]: index -1 = 3 at position 1
    close(&out[0], &want);
}

#[test]
fn group_normalization_matches_direct_computation() {
    let (nb, c, sp, g) = (2usize, 4usize, 3usize, 2usize);
    let x = data(nb * c * sp, 21);
    let scale = [1.0f32, 0.5, -2.0, 3.0];
    let bias = [0.0f32, 1.0, 0.25, -1.0];
    let gr = graph(
        vec![node(
            "GroupNormalization",
            "gn",
            &["x", "s", "b"],
            &["y"],
            vec![
                attr_int("num_groups", g as i64),
                attr_float("epsilon", 1e-3),
            ],
        )],
        vec![
            value("x", FLOAT, &[nb as i64, c as i64, sp as i64]),
            value("s", FLOAT, &[c as i64]),
            value("b", FLOAT, &[c as i64]),
        ],
        vec![value("y", FLOAT, &[nb as i64, c as i64, sp as i64])],
        vec![],
    );
    let out = run(
        &model(gr, 21),
        vec![
            Tensor::from_vec(vec![nb, c, sp], x.clone()).unwrap(),
            Tensor::from_vec(vec![c], scale.to_vec()).unwrap(),
            Tensor::from_vec(vec![c], bias.to_vec()).unwrap(),
        ],
    );
    let per = c / g * sp;
    let mut want = vec![0f32; x.len()];
    for b in 0..nb {
        for gi in 0..g {
            let base = (b * c + gi * (c / g)) * sp;
            let grp = &x[base..base + per];
            let mean = grp.iter().sum::<f32>() / per as f32;
            let var = grp.iter().map(|v| (v - mean) * (v - mean)).sum::<f32>() / per as f32;
            for k in 0..per {
                let ch = gi * (c / g) + k / sp;
                want[base + k] = (grp[k] - mean) / (var + 1e-3).sqrt() * scale[ch] + bias[ch];
            }
        }
    }
    close(&out[0], &want);
}

#[test]
fn rms_normalization_matches_direct_computation() {
    let (b, s, h) = (2usize, 3usize, 8usize);
    let x = data(b * s * h, 21);
    let w = data(h, 22);
    for (axis, eps) in [(-1i64, 1e-5f32), (1, 0.1)] {
        let g = graph(
            vec![node(
                "RMSNormalization",
                "rms",
                &["x", "w"],
                &["y"],
                vec![attr_int("axis", axis), attr_float("epsilon", eps)],
            )],
            vec![
                value("x", FLOAT, &[b as i64, s as i64, h as i64]),
                value("w", FLOAT, &[h as i64]),
            ],
            vec![value("y", FLOAT, &[b as i64, s as i64, h as i64])],
            vec![],
        );
        let out = run(
            &model(g, 23),
            vec![
                Tensor::from_vec(vec![b, s, h], x.clone()).unwrap(),
                Tensor::from_vec(vec![h], w.clone()).unwrap(),
            ],
        );
        // Statistics over the dims from `axis` on: the last dim, or the last two.
        let group = if axis == -1 { h } else { s * h };
        let mut want = vec![0f32; x.len()];
        for (gi, chunk) in x.chunks(group).enumerate() {
            let ms = chunk.iter().map(|v| v * v).sum::<f32>() / group as f32;
            let inv = 1.0 / (ms + eps).sqrt();
            for (k, v) in chunk.iter().enumerate() {
                want[gi * group + k] = v * inv * w[k % h];
            }
        }
        close(&out[0], &want);
    }
}
