//! Indexing, selection and sequence operators lowered to existing graph ops
//! (`nodes_index.rs`), checked against direct loop implementations of ONNX's reference:
//! `CumProd`, the window functions, `ReverseSequence`, `TensorScatter`, training-mode
//! `BatchNormalization` and `Dropout` with ratio 0, `Range` on `f16`, and the graph inputs a
//! model needs bound through the nodes computing a constant input.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{BOOL, FLOAT, FLOAT16, INT64};
use strata_onnx::proto::TensorProto;
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn d(s: &[usize]) -> Vec<i64> {
    s.iter().map(|&v| v as i64).collect()
}

#[test]
fn cum_prod_matches_direct_computation() {
    let (r, c) = (3usize, 4usize);
    let x = data(r * c, 21);
    for (exclusive, reverse) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
        let g = graph(
            vec![node(
                "CumProd",
                "n",
                &["x", "axis"],
                &["y"],
                vec![
                    attr_int("exclusive", exclusive),
                    attr_int("reverse", reverse),
                ],
            )],
            vec![value("x", FLOAT, &d(&[r, c]))],
            vec![value("y", FLOAT, &d(&[r, c]))],
            vec![tensor_i64("axis", &[], &[-1])],
        );
        let out = run(
            &model(g, 26),
            vec![Tensor::from_vec(vec![r, c], x.clone()).unwrap()],
        );
        let mut want = vec![0f32; r * c];
        for i in 0..r {
            for j in 0..c {
                let keep = |k: usize| match (exclusive, reverse) {
                    (0, 0) => k <= j,
                    (1, 0) => k < j,
                    (0, _) => k >= j,
                    _ => k > j,
                };
                want[i * c + j] = (0..c).filter(|&k| keep(k)).map(|k| x[i * c + k]).product();
            }
        }
        close(&out[0], &want);
    }
}

#[test]
fn cum_prod_needs_a_constant_axis() {
    let g = graph(
        vec![node("CumProd", "n", &["x", "axis"], &["y"], vec![])],
        vec![value("x", FLOAT, &[4]), value("axis", INT64, &[])],
        vec![value("y", FLOAT, &[4])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 26)),
        ImportError::Unsupported(_)
    ));
}

#[test]
fn windows_match_their_formulas() {
    let n = 7usize;
    for op in ["HannWindow", "HammingWindow", "BlackmanWindow"] {
        for periodic in [0, 1] {
            let g = graph(
                vec![node(
                    op,
                    "n",
                    &["size"],
                    &["y"],
                    vec![attr_int("periodic", periodic)],
                )],
                vec![],
                vec![value("y", FLOAT, &[n as i64])],
                vec![tensor_i64("size", &[], &[n as i64])],
            );
            let out = run(&model(g, 17), vec![]);
            let big_n = if periodic == 1 { n } else { n - 1 } as f64;
            let pi = std::f64::consts::PI;
            let want: Vec<f32> = (0..n)
                .map(|k| {
                    let t = 2.0 * pi * k as f64 / big_n;
                    (match op {
                        "HannWindow" => 0.5 - 0.5 * t.cos(),
                        "HammingWindow" => 25.0 / 46.0 - 21.0 / 46.0 * t.cos(),
                        _ => 0.42 - 0.5 * t.cos() + 0.08 * (2.0 * t).cos(),
                    }) as f32
                })
                .collect();
            close(&out[0], &want);
        }
    }
}

#[test]
fn reverse_sequence_matches_direct_computation() {
    // [batch, time, feature] with batch_axis 0, time_axis 1, and the transposed layout.
    let (b, t, f) = (3usize, 4usize, 2usize);
    let x = data(b * t * f, 5);
    let lens = [4i64, 0, 2];
    for batch_first in [true, false] {
        let (shape, ba, ta) = if batch_first {
            ([b, t, f], 0, 1)
        } else {
            ([t, b, f], 1, 0)
        };
        let g = graph(
            vec![node(
                "ReverseSequence",
                "n",
                &["x", "lens"],
                &["y"],
                vec![attr_int("batch_axis", ba), attr_int("time_axis", ta)],
            )],
            vec![value("x", FLOAT, &d(&shape)), value("lens", INT64, &[3])],
            vec![value("y", FLOAT, &d(&shape))],
            vec![],
        );
        let out = run(
            &model(g, 10),
            vec![
                Tensor::from_vec(shape.to_vec(), x.clone()).unwrap(),
                Tensor::from_vec(vec![3], lens.to_vec()).unwrap(),
            ],
        );
        let at = |bi: usize, ti: usize, fi: usize| {
            if batch_first {
                (bi * t + ti) * f + fi
            } else {
                (ti * b + bi) * f + fi
            }
        };
        let mut want = x.clone();
        for bi in 0..b {
            let l = lens[bi] as usize;
            for ti in 0..l {
                for fi in 0..f {
                    want[at(bi, ti, fi)] = x[at(bi, l - 1 - ti, fi)];
                }
            }
        }
        close(&out[0], &want);
    }
}

#[test]
fn tensor_scatter_matches_direct_computation() {
    let (b, h, m, s, e) = (2usize, 2usize, 5usize, 3usize, 2usize);
    let past = data(b * h * m * e, 7);
    let upd = data(b * h * s * e, 8);
    let writes = [1i64, 3];
    for mode in ["linear", "circular"] {
        let writes = if mode == "linear" { [1, 2] } else { writes };
        let g = graph(
            vec![node(
                "TensorScatter",
                "n",
                &["past", "upd", "w"],
                &["y"],
                vec![attr_string("mode", mode)],
            )],
            vec![
                value("past", FLOAT, &d(&[b, h, m, e])),
                value("upd", FLOAT, &d(&[b, h, s, e])),
                value("w", INT64, &[b as i64]),
            ],
            vec![value("y", FLOAT, &d(&[b, h, m, e]))],
            vec![],
        );
        let out = run(
            &model(g, 24),
            vec![
                Tensor::from_vec(vec![b, h, m, e], past.clone()).unwrap(),
                Tensor::from_vec(vec![b, h, s, e], upd.clone()).unwrap(),
                Tensor::from_vec(vec![b], writes.to_vec()).unwrap(),
            ],
        );
        let mut want = past.clone();
        for bi in 0..b {
            for hi in 0..h {
                for si in 0..s {
                    let pos = (writes[bi] as usize + si) % m;
                    for ei in 0..e {
                        want[((bi * h + hi) * m + pos) * e + ei] =
                            upd[((bi * h + hi) * s + si) * e + ei];
                    }
                }
            }
        }
        close(&out[0], &want);
    }
}

#[test]
fn tensor_scatter_rejects_the_batch_axis() {
    let g = graph(
        vec![node(
            "TensorScatter",
            "n",
            &["past", "upd"],
            &["y"],
            vec![attr_int("axis", 0)],
        )],
        vec![value("past", FLOAT, &[4, 3]), value("upd", FLOAT, &[2, 3])],
        vec![value("y", FLOAT, &[4, 3])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 24)),
        ImportError::InvalidModel { .. }
    ));
}

#[test]
fn batch_norm_training_matches_direct_computation() {
    let (n, c, w) = (2usize, 3usize, 4usize);
    let x = data(n * c * w, 11);
    let scale = [0.5f32, 1.0, 2.0];
    let bias = [0.1f32, -0.2, 0.3];
    let mean = [0.2f32, 0.0, -0.1];
    let var = [1.0f32, 0.5, 2.0];
    let (eps, mom) = (1e-3f32, 0.8f32);
    let g = graph(
        vec![node(
            "BatchNormalization",
            "n",
            &["x", "s", "b", "m", "v"],
            &["y", "rm", "rv"],
            vec![
                attr_int("training_mode", 1),
                attr_float("epsilon", eps),
                attr_float("momentum", mom),
            ],
        )],
        vec![value("x", FLOAT, &d(&[n, c, w]))],
        vec![
            value("y", FLOAT, &d(&[n, c, w])),
            value("rm", FLOAT, &[c as i64]),
            value("rv", FLOAT, &[c as i64]),
        ],
        vec![
            tensor_f32("s", &[3], &scale),
            tensor_f32("b", &[3], &bias),
            tensor_f32("m", &[3], &mean),
            tensor_f32("v", &[3], &var),
        ],
    );
    let out = run(
        &model(g, 15),
        vec![Tensor::from_vec(vec![n, c, w], x.clone()).unwrap()],
    );
    let mut y = vec![0f32; x.len()];
    let (mut rm, mut rv) = (vec![0f32; c], vec![0f32; c]);
    for ci in 0..c {
        let vals: Vec<f32> = (0..n)
            .flat_map(|ni| (0..w).map(move |wi| (ni, wi)))
            .map(|(ni, wi)| x[(ni * c + ci) * w + wi])
            .collect();
        let bm = vals.iter().sum::<f32>() / vals.len() as f32;
        let bv = vals.iter().map(|v| (v - bm) * (v - bm)).sum::<f32>() / vals.len() as f32;
        for ni in 0..n {
            for wi in 0..w {
                let i = (ni * c + ci) * w + wi;
                y[i] = scale[ci] * (x[i] - bm) / (bv + eps).sqrt() + bias[ci];
            }
        }
        rm[ci] = mean[ci] * mom + bm * (1.0 - mom);
        rv[ci] = var[ci] * mom + bv * (1.0 - mom);
    }
    close(&out[0], &y);
    close(&out[1], &rm);
    close(&out[2], &rv);
}

#[test]
fn dropout_training_with_ratio_zero_is_the_identity() {
    let x = data(6, 2);
    let mk = |ratio: f32| {
        let mut t = TensorProto {
            name: "t".into(),
            data_type: BOOL,
            int32_data: vec![1],
            ..Default::default()
        };
        t.dims.clear();
        graph(
            vec![node(
                "Dropout",
                "n",
                &["x", "r", "t"],
                &["y", "mask"],
                vec![],
            )],
            vec![value("x", FLOAT, &[6])],
            vec![value("y", FLOAT, &[6]), value("mask", BOOL, &[6])],
            vec![tensor_f32("r", &[], &[ratio]), t],
        )
    };
    let out = run(
        &model(mk(0.0), 13),
        vec![Tensor::from_vec(vec![6], x.clone()).unwrap()],
    );
    close(&out[0], &x);
    assert_eq!(out[1].as_slice::<bool>().unwrap(), &[true; 6]);
    assert!(matches!(
        import_err(&model(mk(0.5), 13)),
        ImportError::Unsupported(_)
    ));
}

#[test]
fn range_of_f16_rounds_once() {
    let f16 = |name: &str, v: f32| TensorProto {
        name: name.into(),
        data_type: FLOAT16,
        int32_data: vec![i32::from(half_bits(v))],
        ..Default::default()
    };
    let g = graph(
        vec![node("Range", "n", &["a", "b", "c"], &["y"], vec![])],
        vec![],
        vec![value("y", FLOAT16, &[3])],
        vec![f16("a", 1.0), f16("b", 2.0), f16("c", 0.375)],
    );
    let out = run(&model(g, 11), vec![]);
    let got: Vec<f64> = out[0].to_f64_vec();
    assert_eq!(got, vec![1.0, 1.375, 1.75]);
}

/// The `f16` bits of small exactly representable `v` (test values only).
fn half_bits(v: f32) -> u16 {
    let b = v.to_bits();
    let sign = ((b >> 16) & 0x8000) as u16;
    let exp = ((b >> 23) & 0xff) as i32 - 127 + 15;
    let mant = ((b >> 13) & 0x3ff) as u16;
    if v == 0.0 {
        sign
    } else {
        sign | ((exp as u16) << 10) | mant
    }
}

#[test]
fn constant_inputs_are_found_through_their_producers() {
    // Range(0, Cast(size), 1): `size` must be bound although Range reads it through Cast.
    let g = graph(
        vec![
            node(
                "Cast",
                "c",
                &["size"],
                &["sf"],
                vec![attr_int("to", FLOAT.into())],
            ),
            node("Range", "r", &["zero", "sf", "one"], &["y"], vec![]),
        ],
        vec![value("size", INT64, &[]), value("other", FLOAT, &[2])],
        vec![value("y", FLOAT, &[-1])],
        vec![
            tensor_f32("zero", &[], &[0.0]),
            tensor_f32("one", &[], &[1.0]),
        ],
    );
    let m = model(g, 11);
    assert_eq!(
        strata_onnx::required_constant_inputs(&m),
        vec!["size".to_string()]
    );
    // Reshape(y, Shape(x)) needs only x's static shape: x is not required.
    let g = graph(
        vec![
            node("Shape", "s", &["x"], &["shape"], vec![]),
            node("Reshape", "r", &["y", "shape"], &["z"], vec![]),
        ],
        vec![value("x", FLOAT, &[2, 3]), value("y", FLOAT, &[6])],
        vec![value("z", FLOAT, &[2, 3])],
        vec![],
    );
    let m = model(g, 14);
    assert!(strata_onnx::required_constant_inputs(&m).is_empty());
    let inputs = vec![
        Tensor::from_vec(vec![2, 3], data(6, 1)).unwrap(),
        Tensor::from_vec(vec![6], data(6, 2)).unwrap(),
    ];
    assert_eq!(run(&m, inputs)[0].shape(), &[2, 3]);
}
