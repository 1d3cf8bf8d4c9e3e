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

/// `TfIdfVectorizer` by its definition: every distinct tuple of positions
/// `(s, s + d, ..., s + (n - 1) d)` inside the row, for `n` in the gram-length range and
/// skip distances `d` in `1..=max_skip + 1` (a unigram is one position whatever `d`), whose
/// tokens form a pooled n-gram adds one to that n-gram's output.
fn tfidf_reference(
    rows: &[Vec<i64>],
    (min, max, skip): (usize, usize, usize),
    pool: &[(Vec<i64>, usize)],
    out: usize,
    mode: &str,
    weights: &[f32],
) -> Vec<f32> {
    let mut y = Vec::new();
    for row in rows {
        let mut tuples = std::collections::BTreeSet::new();
        for n in min..=max {
            for d in 1..=skip + 1 {
                for s in 0..row.len() {
                    let pos: Vec<usize> = (0..n).map(|k| s + k * d).collect();
                    if pos.iter().all(|&p| p < row.len()) {
                        tuples.insert(pos);
                    }
                }
            }
        }
        let mut counts = vec![0f32; out];
        for pos in tuples {
            let gram: Vec<i64> = pos.iter().map(|&p| row[p]).collect();
            if let Some((_, ix)) = pool.iter().rev().find(|(g, _)| *g == gram) {
                counts[*ix] += 1.0;
            }
        }
        for (i, c) in counts.into_iter().enumerate() {
            let w = weights.get(i).copied().unwrap_or(1.0);
            y.push(match mode {
                "TF" => c,
                "IDF" => f32::from(u8::from(c > 0.0)) * w,
                _ => c * w,
            });
        }
    }
    y
}

#[test]
fn tfidf_vectorizer_matches_its_definition() {
    // Tokens from a small alphabet so that n-grams repeat.
    let rows: Vec<Vec<i64>> = (0..3)
        .map(|r| (0..9).map(|c| ((r * 7 + c * c) % 4) as i64).collect())
        .collect();
    // Unigrams 0 and 3, bigrams (0,1) (2,3) (1,1), trigram (0,1,2).
    let pool_items = [0i64, 3, 0, 1, 2, 3, 1, 1, 0, 1, 2];
    let counts = [0i64, 2, 8];
    let indexes = [4i64, 0, 1, 2, 3, 5];
    let pool: Vec<(Vec<i64>, usize)> = vec![
        (vec![0], 4),
        (vec![3], 0),
        (vec![0, 1], 1),
        (vec![2, 3], 2),
        (vec![1, 1], 3),
        (vec![0, 1, 2], 5),
    ];
    let weights = [0.5f32, 2.0, 1.5, 0.25, 3.0, 1.0];
    for (min, max, skip) in [(1, 1, 0), (1, 2, 0), (2, 2, 3), (1, 3, 2), (3, 3, 1)] {
        for mode in ["TF", "IDF", "TFIDF"] {
            for with_weights in [false, true] {
                let mut attrs = vec![
                    attr_int("min_gram_length", min as i64),
                    attr_int("max_gram_length", max as i64),
                    attr_int("max_skip_count", skip as i64),
                    attr_string("mode", mode),
                    attr_ints("ngram_counts", &counts),
                    attr_ints("ngram_indexes", &indexes),
                    attr_ints("pool_int64s", &pool_items),
                ];
                if with_weights {
                    attrs.push(attr_floats("weights", &weights));
                }
                let g = graph(
                    vec![node("TfIdfVectorizer", "t", &["x"], &["y"], attrs)],
                    vec![value("x", INT64, &[3, 9])],
                    vec![value("y", FLOAT, &[3, 6])],
                    vec![],
                );
                let flat: Vec<i64> = rows.iter().flatten().copied().collect();
                let out = run(
                    &model(g, 9),
                    vec![Tensor::from_vec(vec![3, 9], flat).unwrap()],
                );
                let w: &[f32] = if with_weights { &weights } else { &[] };
                let want = tfidf_reference(&rows, (min, max, skip), &pool, 6, mode, w);
                close(&out[0], &want);
            }
        }
    }
    // A string pool is a typed Unsupported error, not a crash.
    let mut sp = AttributeProto {
        name: "pool_strings".into(),
        r#type: strata_onnx::proto::attribute_type::STRINGS,
        ..Default::default()
    };
    sp.strings = vec![b"a".to_vec()];
    let attrs = vec![
        attr_int("min_gram_length", 1),
        attr_int("max_gram_length", 1),
        attr_int("max_skip_count", 0),
        attr_string("mode", "TF"),
        attr_ints("ngram_counts", &[0]),
        attr_ints("ngram_indexes", &[0]),
        sp,
    ];
    let g = graph(
        vec![node("TfIdfVectorizer", "t", &["x"], &["y"], attrs)],
        vec![value("x", INT64, &[3, 9])],
        vec![value("y", FLOAT, &[3, 1])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 9)),
        ImportError::Unsupported(_)
    ));
}
