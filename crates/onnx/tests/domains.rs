//! Operators of the `ai.onnx.preview.training` and `ai.onnx.ml` domains
//! (`nodes_domains.rs`), checked against direct implementations of ONNX's reference
//! formulas: `Adagrad`, `Momentum` (standard and Nesterov), `Adam` with one and two
//! optimised tensors and `T` zero or positive, `Binarizer` and `ArrayFeatureExtractor`; and
//! the typed errors for unknown domains and malformed optimiser nodes.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::proto::{AttributeProto, ModelProto, NodeProto, OperatorSetIdProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

const TRAINING: &str = "ai.onnx.preview.training";
const ML: &str = "ai.onnx.ml";

/// A model of `node` (in `domain`) with float inputs of `len` elements named `ins` (after
/// `R` and `T`), float outputs of `len` elements named `outs`.
fn domain_model(
    domain: &str,
    mut n: NodeProto,
    ins: &[&str],
    outs: &[&str],
    len: i64,
) -> ModelProto {
    n.domain = domain.into();
    let mut inputs = vec![value("R", FLOAT, &[]), value("T", INT64, &[])];
    inputs.extend(ins.iter().map(|s| value(s, FLOAT, &[len])));
    let outputs = outs.iter().map(|s| value(s, FLOAT, &[len])).collect();
    let mut m = model(graph(vec![n], inputs, outputs, vec![]), 17);
    m.opset_import.push(OperatorSetIdProto {
        domain: domain.into(),
        version: 1,
    });
    m
}

fn feeds(r: f32, t: i64, groups: &[Vec<f32>]) -> Vec<Tensor> {
    let mut v = vec![
        Tensor::from_vec(vec![], vec![r]).unwrap(),
        Tensor::from_vec(vec![], vec![t]).unwrap(),
    ];
    v.extend(
        groups
            .iter()
            .map(|g| Tensor::from_vec(vec![g.len()], g.clone()).unwrap()),
    );
    v
}

/// Run an optimiser `op` with `k` optimised tensors of 5 elements and `states` states each;
/// returns the inputs (X.., G.., S..) and the outputs.
fn run_optimiser(
    op: &str,
    k: usize,
    states: usize,
    t: i64,
    attrs: Vec<AttributeProto>,
) -> (Vec<Vec<f32>>, Vec<Vec<f32>>) {
    let mut ins = Vec::new();
    for group in ["X", "G", "V", "H"].iter().take(2 + states) {
        for i in 0..k {
            ins.push(format!("{group}{i}"));
        }
    }
    let mut outs = Vec::new();
    for group in ["X", "V", "H"].iter().take(1 + states) {
        for i in 0..k {
            outs.push(format!("{group}{i}_new"));
        }
    }
    let mut node_ins: Vec<&str> = vec!["R", "T"];
    node_ins.extend(ins.iter().map(String::as_str));
    let out_refs: Vec<&str> = outs.iter().map(String::as_str).collect();
    let n = node(op, "opt", &node_ins, &out_refs, attrs);
    let in_refs: Vec<&str> = ins.iter().map(String::as_str).collect();
    let m = domain_model(TRAINING, n, &in_refs, &out_refs, 5);
    // The squared-gradient accumulators (H) are non-negative, as an optimiser keeps them.
    let h_start = match op {
        "Adagrad" => 2 * k,
        "Adam" => 3 * k,
        _ => usize::MAX,
    };
    let values: Vec<Vec<f32>> = (0..ins.len())
        .map(|i| {
            let d = data(5, 40 + i as u64);
            if i >= h_start {
                d.iter().map(|x| x.abs()).collect()
            } else {
                d
            }
        })
        .collect();
    let out = run(&m, feeds(0.1, t, &values));
    let out = out
        .iter()
        .map(|o| o.as_slice::<f32>().expect("f32 output").to_vec())
        .collect();
    (values, out)
}

fn check(out: &[f32], want: impl Fn(usize) -> f64) {
    let w: Vec<f32> = (0..out.len()).map(|j| want(j) as f32).collect();
    close(
        &Tensor::from_vec(vec![out.len()], out.to_vec()).unwrap(),
        &w,
    );
}

#[test]
fn adagrad_matches_reference_formula() {
    let (decay, eps, norm) = (0.1f64, 1e-5f64, 0.01f64);
    for (k, t) in [(1, 3), (2, 0)] {
        let attrs = vec![
            attr_float("decay_factor", decay as f32),
            attr_float("epsilon", eps as f32),
            attr_float("norm_coefficient", norm as f32),
        ];
        let (v, out) = run_optimiser("Adagrad", k, 1, t, attrs);
        for i in 0..k {
            let (x, g, h) = (&v[i], &v[k + i], &v[2 * k + i]);
            let r = 0.1 / (1.0 + t as f64 * decay);
            let gr = |j: usize| norm * x[j] as f64 + g[j] as f64;
            let hn = |j: usize| h[j] as f64 + gr(j) * gr(j);
            check(&out[i], |j| x[j] as f64 - r * gr(j) / (hn(j).sqrt() + eps));
            check(&out[k + i], hn);
        }
    }
}

#[test]
fn momentum_matches_reference_formula() {
    let (alpha, beta, norm) = (0.9f64, 0.5f64, 0.02f64);
    for mode in ["standard", "nesterov"] {
        for (k, t) in [(1, 0), (2, 4)] {
            let attrs = vec![
                attr_float("alpha", alpha as f32),
                attr_float("beta", beta as f32),
                attr_float("norm_coefficient", norm as f32),
                attr_string("mode", mode),
            ];
            let (v, out) = run_optimiser("Momentum", k, 1, t, attrs);
            for i in 0..k {
                let (x, g, vv) = (&v[i], &v[k + i], &v[2 * k + i]);
                let b = if t > 0 { beta } else { 1.0 };
                let gr = |j: usize| norm * x[j] as f64 + g[j] as f64;
                let vn = |j: usize| alpha * vv[j] as f64 + b * gr(j);
                check(&out[i], |j| {
                    let dir = if mode == "standard" {
                        vn(j)
                    } else {
                        gr(j) + alpha * vn(j)
                    };
                    x[j] as f64 - 0.1 * dir
                });
                check(&out[k + i], vn);
            }
        }
    }
}

#[test]
fn adam_matches_reference_formula() {
    let (alpha, beta, eps, norm, post) = (0.8f64, 0.95f64, 1e-4f64, 0.01f64, 0.05f64);
    for (k, t) in [(1, 0), (2, 3)] {
        let attrs = vec![
            attr_float("alpha", alpha as f32),
            attr_float("beta", beta as f32),
            attr_float("epsilon", eps as f32),
            attr_float("norm_coefficient", norm as f32),
            attr_float("norm_coefficient_post", post as f32),
        ];
        let (v, out) = run_optimiser("Adam", k, 2, t, attrs);
        for i in 0..k {
            let (x, g, vv, h) = (&v[i], &v[k + i], &v[2 * k + i], &v[3 * k + i]);
            let gr = |j: usize| norm * x[j] as f64 + g[j] as f64;
            let vn = |j: usize| alpha * vv[j] as f64 + (1.0 - alpha) * gr(j);
            let hn = |j: usize| beta * h[j] as f64 + (1.0 - beta) * gr(j) * gr(j);
            let r = if t > 0 {
                0.1 * (1.0 - beta.powi(t as i32)).sqrt() / (1.0 - alpha.powi(t as i32))
            } else {
                0.1
            };
            check(&out[i], |j| {
                (1.0 - post) * (x[j] as f64 - r * vn(j) / (hn(j).sqrt() + eps))
            });
            check(&out[k + i], vn);
            check(&out[2 * k + i], hn);
        }
    }
}

#[test]
fn binarizer_and_array_feature_extractor() {
    let x = data(12, 7);
    let mut n = node(
        "Binarizer",
        "b",
        &["x"],
        &["y"],
        vec![attr_float("threshold", 0.25)],
    );
    n.domain = ML.into();
    let mut m = model(
        graph(
            vec![n],
            vec![value("x", FLOAT, &[3, 4])],
            vec![value("y", FLOAT, &[3, 4])],
            vec![],
        ),
        17,
    );
    m.opset_import = vec![OperatorSetIdProto {
        domain: ML.into(),
        version: 1,
    }];
    let out = run(&m, vec![Tensor::from_vec(vec![3, 4], x.clone()).unwrap()]);
    let want: Vec<f32> = x.iter().map(|&v| f32::from(u8::from(v > 0.25))).collect();
    close(&out[0], &want);

    // 2-D data: columns [3, 0, -1]; 1-D data: a 1 x k row.
    for (shape, idx_shape) in [(vec![3usize, 4], vec![3usize]), (vec![4], vec![1, 3])] {
        let idx = [3i64, 0, -1];
        let mut n = node("ArrayFeatureExtractor", "a", &["x", "i"], &["y"], vec![]);
        n.domain = ML.into();
        let dims: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
        let idims: Vec<i64> = idx_shape.iter().map(|&d| d as i64).collect();
        let rows = if shape.len() == 2 { shape[0] } else { 1 };
        let mut m = model(
            graph(
                vec![n],
                vec![value("x", FLOAT, &dims), value("i", INT64, &idims)],
                vec![value("y", FLOAT, &[rows as i64, 3])],
                vec![],
            ),
            17,
        );
        m.opset_import = vec![OperatorSetIdProto {
            domain: ML.into(),
            version: 1,
        }];
        let n_el: usize = shape.iter().product();
        let xv = x[..n_el].to_vec();
        let out = run(
            &m,
            vec![
                Tensor::from_vec(shape.clone(), xv.clone()).unwrap(),
                Tensor::from_vec(idx_shape.clone(), idx.to_vec()).unwrap(),
            ],
        );
        assert_eq!(out[0].shape(), &[rows, 3]);
        let cols = *shape.last().unwrap();
        let want: Vec<f32> = (0..rows)
            .flat_map(|r| idx.iter().map(move |&c| (r, c)))
            .map(|(r, c)| xv[r * cols + c.rem_euclid(cols as i64) as usize])
            .collect();
        close(&out[0], &want);
    }
}

#[test]
fn unknown_domains_and_malformed_optimisers_are_typed_errors() {
    // An operator of an unknown domain is listed as unsupported with its domain.
    let mut n = node("Frobnicate", "f", &["R"], &["y"], vec![]);
    n.domain = "com.example".into();
    let mut m = model(
        graph(
            vec![n],
            vec![value("R", FLOAT, &[])],
            vec![value("y", FLOAT, &[])],
            vec![],
        ),
        17,
    );
    m.opset_import.push(OperatorSetIdProto {
        domain: "com.example".into(),
        version: 1,
    });
    match import_err(&m) {
        ImportError::Unsupported(list) => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].domain, "com.example");
            assert_eq!(list[0].op_type, "Frobnicate");
        }
        e => panic!("expected Unsupported, got {e}"),
    }
    // Adagrad with an input count that is not R, T and a multiple of three.
    let n = node("Adagrad", "a", &["R", "T", "X", "G"], &["X_new"], vec![]);
    let m = domain_model(TRAINING, n, &["X", "G"], &["X_new"], 5);
    assert!(
        matches!(import_err(&m), ImportError::InvalidModel { .. }),
        "malformed Adagrad must be InvalidModel"
    );
    // Momentum with an unknown mode.
    let n = node(
        "Momentum",
        "m",
        &["R", "T", "X", "G", "V"],
        &["X_new", "V_new"],
        vec![attr_string("mode", "sideways")],
    );
    let m = domain_model(TRAINING, n, &["X", "G", "V"], &["X_new", "V_new"], 5);
    assert!(matches!(import_err(&m), ImportError::InvalidModel { .. }));
}
