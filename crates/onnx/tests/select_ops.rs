//! Bitwise, selection and linear-algebra operators (`nodes_select.rs`), imported and run on
//! the interpreter, checked against direct implementations of ONNX's reference: bitwise
//! ops, `TopK` (ties by index), `GatherND`, `NonZero`, `Compress`, `Unique`,
//! `NonMaxSuppression`, `Einsum` and `Det`; data-dependent result sizes come back as the
//! run's shapes.

mod common;
use common::{close, data, import_err, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::{BOOL, FLOAT, INT32, INT64, UINT8};
use strata_onnx::proto::{AttributeProto, ModelProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

/// A one-node model: inputs `(name, elem, dims)`, outputs `(name, elem, dims)` (-1: dynamic).
fn one(
    op: &str,
    ins: &[(&str, i32, &[i64])],
    outs: &[(&str, i32, &[i64])],
    attrs: Vec<AttributeProto>,
    inits: Vec<strata_onnx::proto::TensorProto>,
    opset: i64,
) -> ModelProto {
    let names: Vec<&str> = ins.iter().map(|i| i.0).collect();
    let onames: Vec<&str> = outs.iter().map(|o| o.0).collect();
    let g = graph(
        vec![node(op, "n", &names, &onames, attrs)],
        ins.iter()
            .filter(|i| !inits.iter().any(|t| t.name == i.0))
            .map(|&(n, e, d)| value(n, e, d))
            .collect(),
        outs.iter().map(|&(n, e, d)| value(n, e, d)).collect(),
        inits,
    );
    model(g, opset)
}

#[test]
fn bitwise_ops_match_direct_computation() {
    let a: Vec<i32> = vec![-7, 0, 5, i32::MIN, 12, -1];
    let b: Vec<i32> = vec![3, -2, 6];
    for (op, f) in [
        ("BitwiseAnd", (|x, y| x & y) as fn(i32, i32) -> i32),
        ("BitwiseOr", |x, y| x | y),
        ("BitwiseXor", |x, y| x ^ y),
    ] {
        let m = one(
            op,
            &[("a", INT32, &[2, 3]), ("b", INT32, &[3])],
            &[("y", INT32, &[2, 3])],
            vec![],
            vec![],
            18,
        );
        let out = run(
            &m,
            vec![
                Tensor::from_vec(vec![2, 3], a.clone()).unwrap(),
                Tensor::from_vec(vec![3], b.clone()).unwrap(),
            ],
        );
        let want: Vec<i32> = (0..6).map(|i| f(a[i], b[i % 3])).collect();
        assert_eq!(out[0].as_slice::<i32>().unwrap(), want.as_slice(), "{op}");
    }
    let u: Vec<u8> = vec![0, 1, 200, 255];
    let m = one(
        "BitwiseNot",
        &[("x", UINT8, &[4])],
        &[("y", UINT8, &[4])],
        vec![],
        vec![],
        18,
    );
    let out = run(&m, vec![Tensor::from_vec(vec![4], u.clone()).unwrap()]);
    let want: Vec<u8> = u.iter().map(|v| !v).collect();
    assert_eq!(out[0].as_slice::<u8>().unwrap(), want.as_slice());
}

#[test]
fn top_k_orders_by_value_then_index() {
    // Rows with ties: equal values keep increasing index order, largest and smallest.
    let x: Vec<f32> = vec![1.0, 3.0, 3.0, 2.0, 5.0, 5.0, 5.0, -1.0];
    for (largest, axis) in [(1, -1), (0, 1)] {
        let m = one(
            "TopK",
            &[("x", FLOAT, &[2, 4]), ("k", INT64, &[1])],
            &[("v", FLOAT, &[2, 3]), ("i", INT64, &[2, 3])],
            vec![attr_int("axis", axis), attr_int("largest", largest)],
            vec![tensor_i64("k", &[1], &[3])],
            11,
        );
        let out = run(&m, vec![Tensor::from_vec(vec![2, 4], x.clone()).unwrap()]);
        let mut want_v = Vec::new();
        let mut want_i = Vec::new();
        for r in 0..2 {
            let mut idx: Vec<usize> = (0..4).collect();
            let row = &x[r * 4..r * 4 + 4];
            if largest == 1 {
                idx.sort_by(|&p, &q| row[q].partial_cmp(&row[p]).unwrap());
            } else {
                idx.sort_by(|&p, &q| row[p].partial_cmp(&row[q]).unwrap());
            }
            want_v.extend(idx[..3].iter().map(|&i| row[i]));
            want_i.extend(idx[..3].iter().map(|&i| i as i64));
        }
        close(&out[0], &want_v);
        assert_eq!(out[1].as_slice::<i64>().unwrap(), want_i.as_slice());
    }
}

#[test]
fn top_k_needs_a_constant_k() {
    let m = one(
        "TopK",
        &[("x", FLOAT, &[4]), ("k", INT64, &[1])],
        &[("v", FLOAT, &[-1]), ("i", INT64, &[-1])],
        vec![],
        vec![],
        11,
    );
    assert!(matches!(import_err(&m), ImportError::Unsupported(_)));
}

#[test]
fn gather_nd_with_batch_dims() {
    // data [2, 3, 2], indices [2, 2, 1] with batch_dims 1: out[b, q, :] = data[b, i[b, q]].
    let d: Vec<f32> = data(12, 4);
    let idx: Vec<i64> = vec![2, -3, 1, 1];
    let m = one(
        "GatherND",
        &[("d", FLOAT, &[2, 3, 2]), ("i", INT64, &[2, 2, 1])],
        &[("y", FLOAT, &[2, 2, 2])],
        vec![attr_int("batch_dims", 1)],
        vec![],
        13,
    );
    let out = run(
        &m,
        vec![
            Tensor::from_vec(vec![2, 3, 2], d.clone()).unwrap(),
            Tensor::from_vec(vec![2, 2, 1], idx.clone()).unwrap(),
        ],
    );
    let mut want = Vec::new();
    for b in 0..2 {
        for q in 0..2 {
            let j = idx[b * 2 + q].rem_euclid(3) as usize;
            want.extend_from_slice(&d[(b * 3 + j) * 2..(b * 3 + j) * 2 + 2]);
        }
    }
    close(&out[0], &want);
}

#[test]
fn non_zero_and_compress_have_data_dependent_sizes() {
    let c = vec![true, false, true, true, false, false];
    let m = one(
        "NonZero",
        &[("c", BOOL, &[2, 3])],
        &[("y", INT64, &[2, -1])],
        vec![],
        vec![],
        13,
    );
    let out = run(&m, vec![Tensor::from_vec(vec![2, 3], c.clone()).unwrap()]);
    assert_eq!(out[0].shape(), &[2, 3]);
    assert_eq!(out[0].as_slice::<i64>().unwrap(), &[0, 0, 1, 0, 2, 0]);
    // Compress along axis 1 with a short condition, and of the flattened input.
    let x = data(6, 1);
    for (axis, cond, want) in [
        (Some(1), vec![false, true], vec![x[1], x[4]]),
        (
            None,
            vec![true, false, false, false, true],
            vec![x[0], x[4]],
        ),
    ] {
        let attrs = axis.map(|a| attr_int("axis", a)).into_iter().collect();
        let m = one(
            "Compress",
            &[("x", FLOAT, &[2, 3]), ("c", BOOL, &[cond.len() as i64])],
            &[("y", FLOAT, &[-1, -1][..if axis.is_some() { 2 } else { 1 }])],
            attrs,
            vec![],
            11,
        );
        let out = run(
            &m,
            vec![
                Tensor::from_vec(vec![2, 3], x.clone()).unwrap(),
                Tensor::from_vec(vec![cond.len()], cond).unwrap(),
            ],
        );
        close(&out[0], &want);
    }
    let bad = one(
        "Compress",
        &[("x", FLOAT, &[2, 3]), ("c", BOOL, &[2, 3])],
        &[("y", FLOAT, &[-1])],
        vec![],
        vec![],
        11,
    );
    assert!(matches!(import_err(&bad), ImportError::InvalidModel { .. }));
}

/// A constant condition (an initializer) gives the positions as a constant: no
/// `graph.non_zero`, a static result size, the same values.
#[test]
fn compress_with_a_constant_condition_has_a_static_size() {
    let x = data(6, 1);
    let cond = strata_onnx::proto::TensorProto {
        name: "c".into(),
        dims: vec![3],
        data_type: BOOL,
        int32_data: vec![1, 0, 1],
        ..Default::default()
    };
    let m = one(
        "Compress",
        &[("x", FLOAT, &[2, 3]), ("c", BOOL, &[3])],
        &[("y", FLOAT, &[-1, -1])],
        vec![attr_int("axis", 1)],
        vec![cond],
        11,
    );
    let ctx = strata::default_context();
    let (_, text) = common::import_ok(&ctx, &m);
    assert!(!text.contains("graph.non_zero"), "{text}");
    assert!(text.contains("-> tensor<2x2xf32>"), "{text}");
    let out = run(&m, vec![Tensor::from_vec(vec![2, 3], x.clone()).unwrap()]);
    close(&out[0], &[x[0], x[2], x[3], x[5]]);
}

#[test]
fn unique_sorted_unsorted_and_by_axis() {
    let x: Vec<f32> = vec![2.0, 1.0, 1.0, 3.0, 4.0, 3.0];
    let outs: &[(&str, i32, &[i64])] = &[
        ("y", FLOAT, &[-1]),
        ("i", INT64, &[-1]),
        ("inv", INT64, &[6]),
        ("cnt", INT64, &[-1]),
    ];
    for sorted in [1, 0] {
        let m = one(
            "Unique",
            &[("x", FLOAT, &[6])],
            outs,
            vec![attr_int("sorted", sorted)],
            vec![],
            11,
        );
        let out = run(&m, vec![Tensor::from_vec(vec![6], x.clone()).unwrap()]);
        let (y, i, inv, cnt): (Vec<f32>, Vec<i64>, Vec<i64>, Vec<i64>) = if sorted == 1 {
            (
                vec![1.0, 2.0, 3.0, 4.0],
                vec![1, 0, 3, 4],
                vec![1, 0, 0, 2, 3, 2],
                vec![2, 1, 2, 1],
            )
        } else {
            (
                vec![2.0, 1.0, 3.0, 4.0],
                vec![0, 1, 3, 4],
                vec![0, 1, 1, 2, 3, 2],
                vec![1, 2, 2, 1],
            )
        };
        close(&out[0], &y);
        assert_eq!(out[1].as_slice::<i64>().unwrap(), i.as_slice());
        assert_eq!(out[2].as_slice::<i64>().unwrap(), inv.as_slice());
        assert_eq!(out[3].as_slice::<i64>().unwrap(), cnt.as_slice());
    }
    // Unique rows: [[1, 0], [0, 1], [1, 0]] -> [[0, 1], [1, 0]].
    let rows: Vec<f32> = vec![1.0, 0.0, 0.0, 1.0, 1.0, 0.0];
    let m = one(
        "Unique",
        &[("x", FLOAT, &[3, 2])],
        &[
            ("y", FLOAT, &[-1, 2]),
            ("i", INT64, &[-1]),
            ("inv", INT64, &[3]),
        ],
        vec![attr_int("axis", 0)],
        vec![],
        11,
    );
    let out = run(&m, vec![Tensor::from_vec(vec![3, 2], rows).unwrap()]);
    assert_eq!(out[0].shape(), &[2, 2]);
    close(&out[0], &[0.0, 1.0, 1.0, 0.0]);
    assert_eq!(out[1].as_slice::<i64>().unwrap(), &[1, 0]);
    assert_eq!(out[2].as_slice::<i64>().unwrap(), &[1, 0, 1]);
}

#[test]
fn non_max_suppression_keeps_the_best_non_overlapping_boxes() {
    // Boxes 0 and 1 overlap with IoU 0.9 (> 0.5), boxes 2 and 3 are apart; box 3 scores below
    // the threshold in class 0; class 1 ranks box 2 first, then box 1 before box 3 (a tie).
    // At most 2 boxes per class.
    let boxes: Vec<f32> = vec![
        0.0, 0.0, 1.0, 1.0, //
        1.0, 1.0, 0.0, 0.1, // corners in either order; overlaps box 0
        2.0, 2.0, 3.0, 3.0, //
        5.0, 5.0, 6.0, 6.0,
    ];
    let scores: Vec<f32> = vec![0.9, 0.95, 0.5, 0.1, 0.2, 0.3, 0.8, 0.3];
    let m = one(
        "NonMaxSuppression",
        &[
            ("b", FLOAT, &[1, 4, 4]),
            ("s", FLOAT, &[1, 2, 4]),
            ("max", INT64, &[1]),
            ("iou", FLOAT, &[1]),
            ("score", FLOAT, &[1]),
        ],
        &[("y", INT64, &[-1, 3])],
        vec![],
        vec![
            tensor_i64("max", &[1], &[2]),
            tensor_f32("iou", &[1], &[0.5]),
            tensor_f32("score", &[1], &[0.15]),
        ],
        11,
    );
    let out = run(
        &m,
        vec![
            Tensor::from_vec(vec![1, 4, 4], boxes).unwrap(),
            Tensor::from_vec(vec![1, 2, 4], scores).unwrap(),
        ],
    );
    assert_eq!(out[0].shape(), &[4, 3]);
    assert_eq!(
        out[0].as_slice::<i64>().unwrap(),
        &[0, 0, 1, 0, 0, 2, 0, 1, 2, 0, 1, 1]
    );
}

#[test]
fn einsum_matches_direct_computation() {
    let a = data(2 * 3 * 4, 2);
    let b = data(2 * 4 * 5, 3);
    let m = one(
        "Einsum",
        &[("a", FLOAT, &[2, 3, 4]), ("b", FLOAT, &[2, 4, 5])],
        &[("y", FLOAT, &[2, 3, 5])],
        vec![attr_string("equation", "bij, bjk -> bik")],
        vec![],
        12,
    );
    let out = run(
        &m,
        vec![
            Tensor::from_vec(vec![2, 3, 4], a.clone()).unwrap(),
            Tensor::from_vec(vec![2, 4, 5], b.clone()).unwrap(),
        ],
    );
    let mut want = vec![0f32; 2 * 3 * 5];
    for bb in 0..2 {
        for i in 0..3 {
            for k in 0..5 {
                want[(bb * 3 + i) * 5 + k] = (0..4)
                    .map(|j| a[(bb * 3 + i) * 4 + j] * b[(bb * 4 + j) * 5 + k])
                    .sum();
            }
        }
    }
    close(&out[0], &want);
    // Implicit output (`ji` -> transpose to `ij`) and a batched diagonal.
    let x = data(3 * 3 * 3, 5);
    for (eq, dims, want) in [
        (
            "ji",
            vec![3i64, 9],
            (0..27)
                .map(|q| x[(q % 3) * 9 + q / 3])
                .collect::<Vec<f32>>(),
        ),
        (
            "...ii->...i",
            vec![3, 3],
            (0..9).map(|q| x[(q / 3) * 9 + (q % 3) * 4]).collect(),
        ),
    ] {
        let in_dims: Vec<i64> = if eq == "ji" {
            vec![3, 9]
        } else {
            vec![3, 3, 3]
        };
        let out_dims: Vec<i64> = if eq == "ji" { vec![9, 3] } else { dims };
        let m = one(
            "Einsum",
            &[("x", FLOAT, &in_dims)],
            &[("y", FLOAT, &out_dims)],
            vec![attr_string("equation", eq)],
            vec![],
            12,
        );
        let shape: Vec<usize> = in_dims.iter().map(|&d| d as usize).collect();
        let out = run(&m, vec![Tensor::from_vec(shape, x.clone()).unwrap()]);
        close(&out[0], &want);
    }
}

#[test]
fn det_matches_cofactor_expansion() {
    let x = data(2 * 3 * 3, 8);
    let m = one(
        "Det",
        &[("x", FLOAT, &[2, 3, 3])],
        &[("y", FLOAT, &[2])],
        vec![],
        vec![],
        11,
    );
    let out = run(
        &m,
        vec![Tensor::from_vec(vec![2, 3, 3], x.clone()).unwrap()],
    );
    let want: Vec<f32> = (0..2)
        .map(|b| {
            let a = |i: usize, j: usize| x[b * 9 + i * 3 + j];
            a(0, 0) * (a(1, 1) * a(2, 2) - a(1, 2) * a(2, 1))
                - a(0, 1) * (a(1, 0) * a(2, 2) - a(1, 2) * a(2, 0))
                + a(0, 2) * (a(1, 0) * a(2, 1) - a(1, 1) * a(2, 0))
        })
        .collect();
    close(&out[0], &want);
}
