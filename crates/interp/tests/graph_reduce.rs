//! `graph` reductions, arg-reductions, softmax and normalisations on hand-computed cases:
//! axes (negative, default, empty with `noop_with_empty_axes`), `keepdims`, empty
//! reductions, NaN handling, element-type accumulation order, tie breaking.

mod common;

use common::*;
use half::f16;
use strata_interp::Tensor;

fn red(op: &str, x: Tensor, attrs: &str, out: &str) -> Result<Tensor, String> {
    let dims: Vec<String> = x.shape().iter().map(|d| d.to_string()).collect();
    let elem = match x.dtype() {
        strata_interp::DType::Bool => "i1".to_string(),
        d => d.to_string().replace('u', "ui"),
    };
    let ty = format!("tensor<{}x{elem}>", dims.join("x"));
    op_text(
        &[&ty],
        out,
        &format!(r#"%r = "graph.{op}"(%a) {attrs} : ({ty}) -> {out}"#),
        &[x],
    )
}

fn m23() -> Tensor {
    tn(&[2, 3], &[1.0f32, 2., 3., 4., 5., 6.])
}

#[test]
fn sum_axes_and_keepdims() {
    let r = red(
        "reduce_sum",
        m23(),
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<2xf32>",
    )
    .unwrap();
    assert_eq!(r, t1(&[6.0f32, 15.0]));
    let r = red(
        "reduce_sum",
        m23(),
        "<{axes = array<i64: -2>}>",
        "tensor<1x3xf32>",
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 3], &[5.0f32, 7., 9.]));
    let r = red("reduce_sum", m23(), "", "tensor<1x1xf32>").unwrap();
    assert_eq!(r, tn(&[1, 1], &[21.0f32]));
    let r = red(
        "reduce_sum",
        m23(),
        "<{axes = array<i64>, noop_with_empty_axes = 1 : i64}>",
        "tensor<2x3xf32>",
    )
    .unwrap();
    assert_eq!(r, m23());
    let r = red("reduce_sum", m23(), "<{keepdims = 0 : i64}>", "tensor<f32>").unwrap();
    assert_eq!(r, Tensor::scalar(21.0f32));
}

#[test]
fn accumulation_is_in_the_element_type_in_row_major_order() {
    // 2048 + 1 rounds back to 2048 in f16, twice: the exact sum 2050 is not reached.
    let x = t1(&[f16::from_f32(2048.0), f16::ONE, f16::ONE]);
    let r = red("reduce_sum", x, "<{keepdims = 0 : i64}>", "tensor<f16>").unwrap();
    assert_eq!(r, Tensor::scalar(f16::from_f32(2048.0)));
    // Integers wrap.
    let r = red(
        "reduce_sum",
        t1(&[100i8, 100]),
        "<{keepdims = 0 : i64}>",
        "tensor<i8>",
    )
    .unwrap();
    assert_eq!(r, Tensor::scalar(-56i8));
    let r = red(
        "reduce_prod",
        t1(&[16i8, 16]),
        "<{keepdims = 0 : i64}>",
        "tensor<i8>",
    )
    .unwrap();
    assert_eq!(r, Tensor::scalar(0i8));
}

#[test]
fn mean_max_min_and_empty_reductions() {
    let r = red(
        "reduce_mean",
        m23(),
        "<{axes = array<i64: 0>, keepdims = 0 : i64}>",
        "tensor<3xf32>",
    )
    .unwrap();
    assert_eq!(r, t1(&[2.5f32, 3.5, 4.5]));
    let r = red(
        "reduce_mean",
        tn(&[2, 2], &[1i32, 2, 3, 5]),
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<2xi32>",
    )
    .unwrap();
    assert_eq!(r, t1(&[1i32, 4]));
    let x = tn(&[2, 2], &[1.0f32, f32::NAN, 3.0, 2.0]);
    let r = red(
        "reduce_max",
        x.clone(),
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<2xf32>",
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert!(v[0].is_nan() && v[1] == 3.0);
    let r = red(
        "reduce_min",
        x,
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<2xf32>",
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert!(v[0].is_nan() && v[1] == 2.0);
    // Empty reductions: identities of each op.
    let e = Tensor::from_vec(vec![2, 0], Vec::<f32>::new()).unwrap();
    let get = |op: &str| {
        red(
            op,
            e.clone(),
            "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
            "tensor<2xf32>",
        )
        .unwrap()
    };
    assert_eq!(get("reduce_min"), t1(&[f32::INFINITY; 2]));
    assert_eq!(get("reduce_max"), t1(&[f32::NEG_INFINITY; 2]));
    assert_eq!(get("reduce_sum"), t1(&[0.0f32; 2]));
    assert_eq!(get("reduce_prod"), t1(&[1.0f32; 2]));
    assert!(get("reduce_mean").as_slice::<f32>().unwrap()[0].is_nan());
    let ei = Tensor::from_vec(vec![1, 0], Vec::<i32>::new()).unwrap();
    let r = red(
        "reduce_max",
        ei.clone(),
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<1xi32>",
    )
    .unwrap();
    assert_eq!(r, t1(&[i32::MIN]));
    let e = red(
        "reduce_mean",
        ei,
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<1xi32>",
    )
    .unwrap_err();
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn argmax_argmin_ties_and_nan() {
    let x = tn(&[2, 3], &[1.0f32, 3., 3., f32::NAN, 5., f32::NAN]);
    let r = red(
        "argmax",
        x.clone(),
        "<{axis = 1 : i64, keepdims = 0 : i64}>",
        "tensor<2xi64>",
    )
    .unwrap();
    assert_eq!(r, t1(&[1i64, 0]));
    let r = red(
        "argmax",
        x,
        "<{axis = -1 : i64, select_last_index = 1 : i64}>",
        "tensor<2x1xi64>",
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 1], &[2i64, 0]));
    let y = tn(&[1, 3], &[1i32, 3, 1]);
    let r = red(
        "argmin",
        y.clone(),
        "<{axis = 1 : i64, keepdims = 0 : i64}>",
        "tensor<1xi64>",
    )
    .unwrap();
    assert_eq!(r, t1(&[0i64]));
    let r = red(
        "argmin",
        y,
        "<{axis = 1 : i64, keepdims = 0 : i64, select_last_index = 1 : i64}>",
        "tensor<1xi64>",
    )
    .unwrap();
    assert_eq!(r, t1(&[2i64]));
    let r = red(
        "argmin",
        t1(&[2.0f32, f32::NAN, 1.0]),
        "<{keepdims = 0 : i64}>",
        "tensor<i64>",
    )
    .unwrap();
    assert_eq!(r, Tensor::scalar(1i64));
    let r = red(
        "argmax",
        tn(&[2, 2], &[1u64 << 63, 1, 0, 1u64 << 63]),
        "<{axis = 0 : i64}>",
        "tensor<1x2xi64>",
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 2], &[0i64, 1]));
}

#[test]
fn softmax_and_log_softmax() {
    let x = t1(&[1.0f32, 2.0, 3.0]);
    let r = red("softmax", x.clone(), "", "tensor<3xf32>").unwrap();
    assert_close(
        &r,
        &t1(&[0.090_030_57f32, 0.244_728_47, 0.665_240_96]),
        1e-7,
    );
    let r = red("log_softmax", x, "", "tensor<3xf32>").unwrap();
    assert_close(&r, &t1(&[-2.407_606f32, -1.407_606, -0.407_606]), 1e-6);
    let r = red(
        "softmax",
        tn(&[2, 2], &[0.0f32, 5.0, 1.0, 6.0]),
        "<{axis = 0 : i64}>",
        "tensor<2x2xf32>",
    )
    .unwrap();
    assert_close(
        &r,
        &tn(
            &[2, 2],
            &[0.268_941_43f32, 0.268_941_43, 0.731_058_6, 0.731_058_6],
        ),
        1e-7,
    );
    // Large values do not overflow (the maximum is subtracted first).
    let r = red("softmax", t1(&[1000.0f32, 1000.0]), "", "tensor<2xf32>").unwrap();
    assert_eq!(r, t1(&[0.5f32, 0.5]));
}

#[test]
fn normalisations() {
    let src = r#"func.func @f(%x: tensor<1x4xf32>, %s: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<1x4xf32> {
  %r = "graph.layer_norm"(%x, %s, %b) : (tensor<1x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}"#;
    let r = run_text(
        src,
        &[
            tn(&[1, 4], &[1.0f32, 2., 3., 4.]),
            t1(&[1.0f32; 4]),
            t1(&[0.0f32; 4]),
        ],
    )
    .unwrap();
    assert_close(
        &r[0],
        &tn(
            &[1, 4],
            &[-1.341_635_5f32, -0.447_211_8, 0.447_211_8, 1.341_635_5],
        ),
        1e-7,
    );
    let src = r#"func.func @f(%x: tensor<1x2x1x2xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>, %m: tensor<2xf32>, %v: tensor<2xf32>) -> tensor<1x2x1x2xf32> {
  %r = "graph.batch_norm"(%x, %s, %b, %m, %v) <{epsilon = 0.000000e+00 : f32}> : (tensor<1x2x1x2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x1x2xf32>
  return %r : tensor<1x2x1x2xf32>
}"#;
    let r = run_text(
        src,
        &[
            tn(&[1, 2, 1, 2], &[1.0f32, 2., 3., 4.]),
            t1(&[1.0f32, 2.]),
            t1(&[0.0f32, 1.]),
            t1(&[1.0f32, 3.]),
            t1(&[4.0f32, 1.]),
        ],
    )
    .unwrap();
    assert_eq!(r[0], tn(&[1, 2, 1, 2], &[0.0f32, 0.5, 1.0, 3.0]));
    let src = r#"func.func @f(%x: tensor<1x1x1x2xf32>, %s: tensor<1xf32>, %b: tensor<1xf32>) -> tensor<1x1x1x2xf32> {
  %r = "graph.instance_norm"(%x, %s, %b) <{epsilon = 0.000000e+00 : f32}> : (tensor<1x1x1x2xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x1x2xf32>
  return %r : tensor<1x1x1x2xf32>
}"#;
    let r = run_text(
        src,
        &[
            tn(&[1, 1, 1, 2], &[1.0f32, 3.]),
            t1(&[2.0f32]),
            t1(&[1.0f32]),
        ],
    )
    .unwrap();
    assert_eq!(r[0], tn(&[1, 1, 1, 2], &[-1.0f32, 3.0]));
}

#[test]
fn lrn_window_is_asymmetric_for_even_sizes() {
    // size 2: channel c sums c and c + 1 (floor((size-1)/2) = 0 below, ceil = 1 above).
    let x = tn(&[1, 3, 1, 1], &[1.0f32, 2., 3.]);
    let r = red(
        "lrn",
        x.clone(),
        "<{alpha = 2.0 : f32, beta = 1.0 : f32, bias = 0.0 : f32, size = 2 : i64}>",
        "tensor<1x3x1x1xf32>",
    )
    .unwrap();
    let want = [1.0 / 5.0, 2.0 / 13.0, 3.0 / 9.0].map(|v: f64| v as f32);
    assert_eq!(r, tn(&[1, 3, 1, 1], &want));
    // size 3, defaults for alpha/beta/bias: c sums c - 1 ..= c + 1.
    let r = red("lrn", x, "<{size = 3 : i64}>", "tensor<1x3x1x1xf32>").unwrap();
    let want = [(1.0, 5.0), (2.0, 14.0), (3.0, 13.0)]
        .map(|(v, s): (f64, f64)| (v / (1.0 + 1e-4 / 3.0 * s).powf(0.75)) as f32);
    assert_eq!(r, tn(&[1, 3, 1, 1], &want));
}

#[test]
fn bool_max_is_any_and_min_is_all() {
    let x = tn(&[2, 2], &[true, false, false, false]);
    let r = red(
        "reduce_max",
        x.clone(),
        "<{axes = array<i64: 1>, keepdims = 0 : i64}>",
        "tensor<2xi1>",
    )
    .unwrap();
    assert_eq!(r, t1(&[true, false]));
    let r = red(
        "reduce_min",
        x,
        "<{axes = array<i64: 0>, keepdims = 0 : i64}>",
        "tensor<2xi1>",
    )
    .unwrap();
    assert_eq!(r, t1(&[false, false]));
    // Empty reductions: any of nothing is false, all of nothing is true.
    let e = tn::<bool>(&[0, 2], &[]);
    let r = red(
        "reduce_max",
        e.clone(),
        "<{axes = array<i64: 0>}>",
        "tensor<1x2xi1>",
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 2], &[false, false]));
    let r = red(
        "reduce_min",
        e,
        "<{axes = array<i64: 0>}>",
        "tensor<1x2xi1>",
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 2], &[true, true]));
}
