//! `graph` bitwise, selection and linear-algebra ops on hand-computed edge cases: `top_k`
//! with NaN and `u64` values beyond `f64` precision, `gather_nd` and `unique` errors and
//! dynamic result sizes, `non_zero` of floats (NaN counts, -0.0 does not), `bitwise_not`
//! of signed values, `einsum` on integers (wrapping) and a singular `det`.

mod common;

use common::*;

#[test]
fn top_k_orders_nan_first_and_compares_u64_exactly() {
    let x = t1(&[1.0f32, f32::NAN, 3.0, 3.0]);
    let r = run_text(
        r#"func.func @f(%a: tensor<4xf32>) -> (tensor<3xf32>, tensor<3xi64>) {
  %v:2 = "graph.top_k"(%a) <{k = 3 : i64}> : (tensor<4xf32>) -> (tensor<3xf32>, tensor<3xi64>)
  return %v#0, %v#1 : tensor<3xf32>, tensor<3xi64>
}"#,
        &[x],
    )
    .unwrap();
    assert!(r[0].as_slice::<f32>().unwrap()[0].is_nan());
    assert_eq!(r[1], t1(&[1i64, 2, 3]));
    // 2^53 + 1 and 2^53 are equal as f64; the smallest must still be 2^53.
    let big = t1(&[(1u64 << 53) + 1, 1u64 << 53]);
    let r = run_text(
        r#"func.func @f(%a: tensor<2xui64>) -> (tensor<1xui64>, tensor<1xi64>) {
  %v:2 = "graph.top_k"(%a) <{k = 1 : i64, largest = 0 : i64}> : (tensor<2xui64>) -> (tensor<1xui64>, tensor<1xi64>)
  return %v#0, %v#1 : tensor<1xui64>, tensor<1xi64>
}"#,
        &[big],
    )
    .unwrap();
    assert_eq!(r[1], t1(&[1i64]));
}

#[test]
fn gather_nd_rejects_out_of_range_indices() {
    let e = op_text(
        &["tensor<2x2xi32>", "tensor<1x2xi64>"],
        "tensor<1xi32>",
        r#"%r = "graph.gather_nd"(%a, %b) : (tensor<2x2xi32>, tensor<1x2xi64>) -> tensor<1xi32>"#,
        &[tn(&[2, 2], &[1i32, 2, 3, 4]), tn(&[1, 2], &[0i64, 2])],
    )
    .unwrap_err();
    assert!(e.contains("out of range"), "{e}");
    let r = op_text(
        &["tensor<2x2xi32>", "tensor<1x2xi64>"],
        "tensor<1xi32>",
        r#"%r = "graph.gather_nd"(%a, %b) : (tensor<2x2xi32>, tensor<1x2xi64>) -> tensor<1xi32>"#,
        &[tn(&[2, 2], &[1i32, 2, 3, 4]), tn(&[1, 2], &[-1i64, 0])],
    )
    .unwrap();
    assert_eq!(r, t1(&[3i32]));
}

#[test]
fn non_zero_counts_nan_and_skips_negative_zero() {
    let r = op_text(
        &["tensor<4xf32>"],
        "tensor<1x?xi64>",
        r#"%r = "graph.non_zero"(%a) : (tensor<4xf32>) -> tensor<1x?xi64>"#,
        &[t1(&[-0.0f32, f32::NAN, 0.0, 2.0])],
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 2], &[1i64, 3]));
}

#[test]
fn unique_of_an_empty_tensor_and_equal_nans() {
    let r = op_text(
        &["tensor<0xf32>"],
        "tensor<?xf32>",
        r#"%r = "graph.unique"(%a) : (tensor<0xf32>) -> tensor<?xf32>"#,
        &[tn::<f32>(&[0], &[])],
    )
    .unwrap();
    assert_eq!(r.shape(), &[0]);
    let r = op_text(
        &["tensor<3xf32>"],
        "tensor<?xf32>",
        r#"%r = "graph.unique"(%a) : (tensor<3xf32>) -> tensor<?xf32>"#,
        &[t1(&[f32::NAN, 1.0, f32::NAN])],
    )
    .unwrap();
    assert_eq!(r.shape(), &[2]);
}

#[test]
fn bitwise_not_of_signed_and_integer_einsum_wrap() {
    let r = op_text(
        &["tensor<3xi8>"],
        "tensor<3xi8>",
        r#"%r = "graph.bitwise_not"(%a) : (tensor<3xi8>) -> tensor<3xi8>"#,
        &[t1(&[0i8, -128, 5])],
    )
    .unwrap();
    assert_eq!(r, t1(&[-1i8, 127, -6]));
    let r = op_text(
        &["tensor<2xi8>"],
        "tensor<i8>",
        r#"%r = "graph.einsum"(%a, %a) <{equation = "i,i->"}> : (tensor<2xi8>, tensor<2xi8>) -> tensor<i8>"#,
        &[t1(&[10i8, 10])],
    )
    .unwrap();
    // 100 + 100 = 200 wraps to -56.
    assert_eq!(r.as_slice::<i8>().unwrap(), &[-56]);
}

#[test]
fn det_of_a_singular_and_a_permuted_matrix() {
    let r = op_text(
        &["tensor<2x2x2xf64>"],
        "tensor<2xf64>",
        r#"%r = "graph.det"(%a) : (tensor<2x2x2xf64>) -> tensor<2xf64>"#,
        &[tn(&[2, 2, 2], &[1.0f64, 2.0, 2.0, 4.0, 0.0, 1.0, 1.0, 0.0])],
    )
    .unwrap();
    assert_eq!(r, t1(&[0.0f64, -1.0]));
}
