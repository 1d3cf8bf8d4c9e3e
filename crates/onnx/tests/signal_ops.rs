//! `DFT`, `STFT` and `MelWeightMatrix` against direct implementations of their definitions
//! (a naive `O(n^2)` complex DFT with explicit zero-padding/truncation, numpy's `irfft`
//! convention for the one-sided inverse, triangular mel filters), plus typed errors.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::proto::ModelProto;
use strata_onnx::testgen::*;
use strata_onnx::{ImportError, ImportOptions};

/// Naive transform of complex rows `x` (`[rows][n]` as (re, im)) to `len` points.
fn naive(x: &[Vec<(f64, f64)>], len: usize, inverse: bool) -> Vec<Vec<(f64, f64)>> {
    let sign = if inverse { 1.0 } else { -1.0 };
    let scale = if inverse { 1.0 / len as f64 } else { 1.0 };
    x.iter()
        .map(|row| {
            (0..len)
                .map(|k| {
                    let (mut re, mut im) = (0.0, 0.0);
                    for (t, &(a, b)) in row.iter().enumerate().take(len) {
                        let ang =
                            sign * 2.0 * std::f64::consts::PI * (k * t % len) as f64 / len as f64;
                        re += a * ang.cos() - b * ang.sin();
                        im += a * ang.sin() + b * ang.cos();
                    }
                    (re * scale, im * scale)
                })
                .collect()
        })
        .collect()
}

/// `[B, N, C]` data as rows along axis 1 (the transform axis of these tests).
fn rows(x: &[f32], b: usize, n: usize, c: usize) -> Vec<Vec<(f64, f64)>> {
    (0..b)
        .map(|bi| {
            (0..n)
                .map(|t| {
                    let i = (bi * n + t) * c;
                    let im = if c == 2 { f64::from(x[i + 1]) } else { 0.0 };
                    (f64::from(x[i]), im)
                })
                .collect()
        })
        .collect()
}

fn flat(r: &[Vec<(f64, f64)>], bins: usize) -> Vec<f32> {
    r.iter()
        .flat_map(|row| row[..bins].iter().flat_map(|&(a, b)| [a as f32, b as f32]))
        .collect()
}

fn dft_model(c: usize, n: usize, out: &[i64], len: Option<i64>, inv: i64, one: i64) -> ModelProto {
    let mut inits = vec![tensor_i64("axis", &[], &[1])];
    let mut ins = vec!["x", "", "axis"];
    if let Some(l) = len {
        inits.push(tensor_i64("len", &[], &[l]));
        ins[1] = "len";
    }
    let g = graph(
        vec![node(
            "DFT",
            "dft",
            &ins,
            &["y"],
            vec![attr_int("inverse", inv), attr_int("onesided", one)],
        )],
        vec![value("x", FLOAT, &[2, n as i64, c as i64])],
        vec![value("y", FLOAT, out)],
        inits,
    );
    model(g, 20)
}

#[test]
fn dft_matches_naive_transform() {
    let (b, n) = (2usize, 6usize);
    let xc = data(b * n * 2, 1);
    let xr = data(b * n, 2);
    let x =
        |c: usize| Tensor::from_vec(vec![b, n, c], if c == 2 { xc.clone() } else { xr.clone() });
    // Complex forward, padded to 8 and truncated to 4.
    for len in [8usize, 4] {
        let m = dft_model(2, n, &[2, len as i64, 2], Some(len as i64), 0, 0);
        let out = run(&m, vec![x(2).unwrap()]);
        close(&out[0], &flat(&naive(&rows(&xc, b, n, 2), len, false), len));
    }
    // Real forward, one-sided.
    let m = dft_model(1, n, &[2, 4, 2], None, 0, 1);
    let out = run(&m, vec![x(1).unwrap()]);
    close(&out[0], &flat(&naive(&rows(&xr, b, n, 1), n, false), 4));
    // Complex inverse.
    let m = dft_model(2, n, &[2, n as i64, 2], None, 1, 0);
    let out = run(&m, vec![x(2).unwrap()]);
    close(&out[0], &flat(&naive(&rows(&xc, b, n, 2), n, true), n));
    // One-sided inverse (irfft) of 6 bins to the default 10 points: Hermitian extension,
    // imaginary parts of bins 0 and 5 ignored.
    let len = 2 * (n - 1);
    let m = dft_model(2, n, &[2, len as i64, 1], None, 1, 1);
    let out = run(&m, vec![x(2).unwrap()]);
    let full: Vec<Vec<(f64, f64)>> = rows(&xc, b, n, 2)
        .iter()
        .map(|r| {
            (0..len)
                .map(|k| match k {
                    0 => (r[0].0, 0.0),
                    k if 2 * k == len => (r[k].0, 0.0),
                    k if k < len / 2 => r[k],
                    k => (r[len - k].0, -r[len - k].1),
                })
                .collect()
        })
        .collect();
    let want: Vec<f32> = naive(&full, len, true)
        .iter()
        .flat_map(|r| r.iter().map(|&(a, _)| a as f32).collect::<Vec<_>>())
        .collect();
    close(&out[0], &want);
}

#[test]
fn stft_matches_framed_naive_transform() {
    let (total, frame, step) = (20usize, 8usize, 5usize);
    let x = data(total, 3);
    let w = data(frame, 4);
    let frames = 1 + (total - frame) / step;
    let g = graph(
        vec![node("STFT", "stft", &["x", "step", "w"], &["y"], vec![])],
        vec![
            value("x", FLOAT, &[1, total as i64, 1]),
            value("w", FLOAT, &[frame as i64]),
        ],
        vec![value("y", FLOAT, &[1, frames as i64, 5, 2])],
        vec![tensor_i64("step", &[], &[step as i64])],
    );
    let out = run(
        &model(g, 17),
        vec![
            Tensor::from_vec(vec![1, total, 1], x.clone()).unwrap(),
            Tensor::from_vec(vec![frame], w.clone()).unwrap(),
        ],
    );
    let fr: Vec<Vec<(f64, f64)>> = (0..frames)
        .map(|f| {
            (0..frame)
                .map(|j| (f64::from(x[f * step + j] * w[j]), 0.0))
                .collect()
        })
        .collect();
    close(&out[0], &flat(&naive(&fr, frame, false), frame / 2 + 1));
}

#[test]
fn mel_weight_matrix_matches_triangular_filters() {
    let (mels, dft, rate, lo, hi) = (4i64, 32i64, 8000i64, 100f32, 3000f32);
    let g = graph(
        vec![node(
            "MelWeightMatrix",
            "mel",
            &["m", "d", "r", "lo", "hi"],
            &["y"],
            vec![],
        )],
        vec![],
        vec![value("y", FLOAT, &[dft / 2 + 1, mels])],
        vec![
            tensor_i64("m", &[], &[mels]),
            tensor_i64("d", &[], &[dft]),
            tensor_i64("r", &[], &[rate]),
            tensor_f32("lo", &[], &[lo]),
            tensor_f32("hi", &[], &[hi]),
        ],
    );
    let out = run(&model(g, 17), vec![]);
    let mel = |hz: f32| 2595.0 * f64::from((hz / 700.0).ln_1p()) / 10f64.ln();
    let step = (mel(hi) - mel(lo)) / (mels + 2) as f64;
    let bins: Vec<usize> = (0..mels + 2)
        .map(|i| {
            let hz = 700.0 * ((i as f64 * step + mel(lo)) / 2595.0 * 10f64.ln()).exp_m1();
            ((dft + 1) as f64 * hz / rate as f64).floor() as usize
        })
        .collect();
    let mut want = vec![0f32; ((dft / 2 + 1) * mels) as usize];
    for i in 0..mels as usize {
        let (l, c, h) = (bins[i], bins[i + 1], bins[i + 2]);
        for j in 0..(dft / 2 + 1) as usize {
            let v = if j >= l && j <= c && c > l {
                (j - l) as f32 / (c - l) as f32
            } else if j > c && j < h {
                (h - j) as f32 / (h - c) as f32
            } else if j == c {
                1.0
            } else {
                0.0
            };
            want[j * mels as usize + i] = v;
        }
    }
    close(&out[0], &want);
}

#[test]
fn bad_signal_operators_give_typed_errors() {
    // The complex axis as the transform axis.
    let mut m = dft_model(2, 6, &[2, 6, 2], None, 0, 0);
    m.graph.as_mut().unwrap().initializer[0] = tensor_i64("axis", &[], &[2]);
    assert!(matches!(import_err(&m), ImportError::InvalidModel { .. }));
    // A non-constant dft_length.
    let g = graph(
        vec![node("DFT", "dft", &["x", "len"], &["y"], vec![])],
        vec![value("x", FLOAT, &[1, 4, 1]), value("len", INT64, &[])],
        vec![value("y", FLOAT, &[1, 4, 2])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 20)),
        ImportError::Unsupported(_)
    ));
    // A frame longer than the signal.
    let g = graph(
        vec![node(
            "STFT",
            "stft",
            &["x", "step", "", "len"],
            &["y"],
            vec![],
        )],
        vec![value("x", FLOAT, &[1, 4, 1])],
        vec![value("y", FLOAT, &[1, 1, 5, 2])],
        vec![tensor_i64("step", &[], &[1]), tensor_i64("len", &[], &[8])],
    );
    assert!(matches!(
        import_err(&model(g, 17)),
        ImportError::InvalidModel { .. }
    ));
    // A huge transform is bounded.
    let g = graph(
        vec![node("DFT", "dft", &["x", "len"], &["y"], vec![])],
        vec![value("x", FLOAT, &[1, 1 << 16, 1])],
        vec![value("y", FLOAT, &[1, 1 << 16, 2])],
        vec![tensor_i64("len", &[], &[1 << 16])],
    );
    let ctx = strata::default_context();
    let e = strata_onnx::import_model(&ctx, &model(g, 20), &ImportOptions::default());
    assert!(matches!(e, Err(ImportError::LimitExceeded { .. })));
}
