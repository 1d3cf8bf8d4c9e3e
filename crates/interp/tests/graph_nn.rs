//! `graph` convolutions, pooling and matrix products on hand-checked cases (expected values
//! from a naive reference loop): padding, strides, groups, dilations, 1-D and 3-D,
//! transposed convolutions with output padding, `ceil_mode` and `count_include_pad`, argmax
//! indices, numpy `matmul` promotion and broadcasting, `gemm` options.

mod common;

use common::*;
use strata_interp::Tensor;

fn f(shape: &[usize], v: &[f64]) -> Tensor {
    Tensor::from_f64s(strata_interp::DType::F32, shape.to_vec(), v).unwrap()
}

fn iota(shape: &[usize], start: f64) -> Tensor {
    let n: usize = shape.iter().product();
    f(shape, &(0..n).map(|i| start + i as f64).collect::<Vec<_>>())
}

fn ty(shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("tensor<{}xf32>", dims.join("x"))
}

/// Run `graph.<op>` on float inputs with attributes `attrs` and result shape `out`.
fn run_op(op: &str, inputs: &[Tensor], attrs: &str, out: &[usize]) -> Result<Tensor, String> {
    let tys: Vec<String> = inputs.iter().map(|t| ty(t.shape())).collect();
    let args: Vec<&str> = tys.iter().map(String::as_str).collect();
    let names = ["%a", "%b", "%c"];
    let rt = ty(out);
    let body = format!(
        r#"%r = "graph.{op}"({}) {attrs} : ({}) -> {rt}"#,
        names[..inputs.len()].join(", "),
        tys.join(", ")
    );
    op_text(&args, &rt, &body, inputs)
}

#[test]
fn conv_padding_and_stride() {
    let x = iota(&[1, 1, 3, 3], 1.0);
    let w = f(&[1, 1, 3, 3], &[1., 0., -1., 2., 0., -2., 1., 0., -1.]);
    let r = run_op(
        "conv",
        &[x, w],
        "<{pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}>",
        &[1, 1, 2, 2],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1, 2, 2], &[-9., 9., -21., 21.]));
}

#[test]
fn grouped_conv_with_bias() {
    let x = iota(&[1, 4, 2, 2], 0.0);
    let w = f(&[2, 2, 1, 1], &[1., 2., 3., 4.]);
    let b = f(&[2], &[1., -1.]);
    let r = run_op("conv", &[x, w, b], "<{group = 2 : i64}>", &[1, 2, 2, 2]).unwrap();
    assert_eq!(
        r,
        f(&[1, 2, 2, 2], &[9., 12., 15., 18., 71., 78., 85., 92.])
    );
}

#[test]
fn dilated_1d_and_3d_conv() {
    let r = run_op(
        "conv",
        &[iota(&[1, 1, 5, 5], 0.0), f(&[1, 1, 2, 2], &[1.; 4])],
        "<{dilations = array<i64: 2, 2>}>",
        &[1, 1, 3, 3],
    )
    .unwrap();
    assert_eq!(
        r,
        f(
            &[1, 1, 3, 3],
            &[24., 28., 32., 44., 48., 52., 64., 68., 72.]
        )
    );
    let r = run_op(
        "conv",
        &[
            iota(&[1, 1, 5], 1.0),
            f(&[1, 1, 3], &[1., -1., 2.]),
            f(&[1], &[0.5]),
        ],
        "<{pads = array<i64: 1, 0>, strides = array<i64: 2>}>",
        &[1, 1, 2],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1, 2], &[3.5, 7.5]));
    let r = run_op(
        "conv",
        &[
            iota(&[1, 1, 2, 2, 2], 0.0),
            f(&[1, 1, 2, 2, 2], &[1., 1., 1., 1., 1., 1., 1., 2.]),
        ],
        "",
        &[1, 1, 1, 1, 1],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1, 1, 1, 1], &[35.]));
}

#[test]
fn conv_transpose_cases() {
    let x = iota(&[1, 1, 2, 2], 1.0);
    let w = f(&[1, 1, 2, 2], &[1.; 4]);
    let r = run_op("conv_transpose", &[x.clone(), w.clone()], "", &[1, 1, 3, 3]).unwrap();
    assert_eq!(r, f(&[1, 1, 3, 3], &[1., 3., 2., 4., 10., 6., 3., 7., 4.]));
    let r = run_op(
        "conv_transpose",
        &[x, w],
        "<{strides = array<i64: 2, 2>}>",
        &[1, 1, 4, 4],
    )
    .unwrap();
    assert_eq!(
        r,
        f(
            &[1, 1, 4, 4],
            &[1., 1., 2., 2., 1., 1., 2., 2., 3., 3., 4., 4., 3., 3., 4., 4.]
        )
    );
    // 1-D, two output channels, bias, pads and output padding.
    let r = run_op(
        "conv_transpose",
        &[
            iota(&[1, 1, 3], 1.0),
            iota(&[1, 2, 3], 1.0),
            f(&[2], &[0., 10.]),
        ],
        "<{output_padding = array<i64: 1>, pads = array<i64: 1, 1>, strides = array<i64: 2>}>",
        &[1, 2, 6],
    )
    .unwrap();
    assert_eq!(
        r,
        f(
            &[1, 2, 6],
            &[2., 5., 4., 9., 6., 9., 15., 24., 20., 34., 25., 28.]
        )
    );
    // Groups and dilation.
    let r = run_op(
        "conv_transpose",
        &[iota(&[1, 2, 2], 1.0), f(&[2, 1, 2], &[1., 1., 2., 2.])],
        "<{dilations = array<i64: 2>, group = 2 : i64}>",
        &[1, 2, 4],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 2, 4], &[1., 2., 1., 2., 6., 8., 6., 8.]));
}

#[test]
fn max_pool_ceil_mode_and_indices() {
    let x = iota(&[1, 1, 4, 4], 0.0);
    let attrs = "<{kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}>";
    let r = run_op("max_pool", std::slice::from_ref(&x), attrs, &[1, 1, 1, 1]).unwrap();
    assert_eq!(r, f(&[1, 1, 1, 1], &[10.]));
    let attrs =
        "<{ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>}>";
    let r = run_op("max_pool", std::slice::from_ref(&x), attrs, &[1, 1, 2, 2]).unwrap();
    assert_eq!(r, f(&[1, 1, 2, 2], &[10., 11., 14., 15.]));
    // Indices, row-major and column-major within the plane.
    let src = |order: i64| {
        format!(
            r#"func.func @f(%a: tensor<1x1x4x4xf32>) -> tensor<1x1x2x2xi64> {{
  %r:2 = "graph.max_pool"(%a) <{{ceil_mode = 1 : i64, kernel_shape = array<i64: 3, 3>, storage_order = {order} : i64, strides = array<i64: 2, 2>}}> : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %r#1 : tensor<1x1x2x2xi64>
}}"#
        )
    };
    let r = run_text(&src(0), std::slice::from_ref(&x)).unwrap();
    assert_eq!(r[0], tn(&[1, 1, 2, 2], &[10i64, 11, 14, 15]));
    let r = run_text(&src(1), &[x]).unwrap();
    // (h, w) = (2, 2), (2, 3), (3, 2), (3, 3) column-major: h + 4 * w.
    assert_eq!(r[0], tn(&[1, 1, 2, 2], &[10i64, 14, 11, 15]));
    // Padding never wins, NaN propagates.
    let y = f(&[1, 1, 1, 3], &[-5., f64::NAN, -7.]);
    let r = run_op(
        "max_pool",
        &[y],
        "<{kernel_shape = array<i64: 1, 2>, pads = array<i64: 0, 1, 0, 1>, strides = array<i64: 1, 2>}>",
        &[1, 1, 1, 2],
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert!(v[0] == -5.0 && v[1].is_nan());
}

#[test]
fn average_pool_padding_counts() {
    let ones = f(&[1, 1, 3, 3], &[1.; 9]);
    let base = "kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>";
    let r = run_op(
        "average_pool",
        std::slice::from_ref(&ones),
        &format!("<{{{base}}}>"),
        &[1, 1, 3, 3],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1, 3, 3], &[1.; 9]));
    let r = run_op(
        "average_pool",
        &[ones],
        &format!("<{{count_include_pad = 1 : i64, {base}}}>"),
        &[1, 1, 3, 3],
    )
    .unwrap();
    let (c, e) = (4.0 / 9.0, 6.0 / 9.0);
    assert_eq!(r, f(&[1, 1, 3, 3], &[c, e, c, e, 1., e, c, e, c]));
    // ceil_mode: the last window runs past the end padding; those positions never count.
    let r = run_op(
        "average_pool",
        &[iota(&[1, 1, 4], 1.0)],
        "<{ceil_mode = 1 : i64, count_include_pad = 1 : i64, kernel_shape = array<i64: 3>, strides = array<i64: 2>}>",
        &[1, 1, 2],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1, 2], &[2., 3.5]));
}

#[test]
fn global_pools() {
    let x = iota(&[1, 2, 2, 2], 0.0);
    let r = run_op(
        "global_average_pool",
        std::slice::from_ref(&x),
        "",
        &[1, 2, 1, 1],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 2, 1, 1], &[1.5, 5.5]));
    let r = run_op("global_max_pool", &[x], "", &[1, 2, 1, 1]).unwrap();
    assert_eq!(r, f(&[1, 2, 1, 1], &[3., 7.]));
}

#[test]
fn matmul_promotion_and_batching() {
    let a = iota(&[2, 3], 1.0);
    let b = iota(&[3, 2], 1.0);
    let r = run_op("matmul", &[a.clone(), b.clone()], "", &[2, 2]).unwrap();
    assert_eq!(r, f(&[2, 2], &[22., 28., 49., 64.]));
    let r = run_op("matmul", &[iota(&[3], 1.0), b.clone()], "", &[2]).unwrap();
    assert_eq!(r, f(&[2], &[22., 28.]));
    let r = run_op("matmul", &[a.clone(), iota(&[3], 1.0)], "", &[2]).unwrap();
    assert_eq!(r, f(&[2], &[14., 32.]));
    // Batch dims broadcast: [2, 1, 2, 3] x [3, 3, 2] -> [2, 3, 2, 2].
    let a4 = iota(&[2, 1, 2, 3], 0.0);
    let b3 = iota(&[3, 3, 2], 0.0);
    let r = run_op("matmul", &[a4.clone(), b3.clone()], "", &[2, 3, 2, 2]).unwrap();
    let (av, bv) = (a4.to_f64_vec(), b3.to_f64_vec());
    let mut want = Vec::new();
    for i in 0..2 {
        for j in 0..3 {
            for m in 0..2 {
                for n in 0..2 {
                    let s: f64 = (0..3)
                        .map(|k| av[i * 6 + m * 3 + k] * bv[j * 6 + k * 2 + n])
                        .sum();
                    want.push(s);
                }
            }
        }
    }
    assert_eq!(r, f(&[2, 3, 2, 2], &want));
    // Integers wrap in the element type.
    let r = op_text(
        &["tensor<1x2xi8>", "tensor<2x1xi8>"],
        "tensor<1x1xi8>",
        r#"%r = "graph.matmul"(%a, %b) : (tensor<1x2xi8>, tensor<2x1xi8>) -> tensor<1x1xi8>"#,
        &[tn(&[1, 2], &[100i8, 100]), tn(&[2, 1], &[1i8, 2])],
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 1], &[44i8]));
}

#[test]
fn gemm_options() {
    let a = iota(&[3, 2], 1.0); // used transposed: 2x3
    let b = iota(&[2, 3], 1.0); // used transposed: 3x2
    let c = f(&[2], &[100., 200.]);
    let r = run_op(
        "gemm",
        &[a, b, c],
        "<{alpha = 2.000000e+00 : f32, beta = 5.000000e-01 : f32, trans_a = 1 : i64, trans_b = 1 : i64}>",
        &[2, 2],
    )
    .unwrap();
    // A^T = [[1,3,5],[2,4,6]], B^T = [[1,4],[2,5],[3,6]]: product [[22,49],[28,64]].
    assert_eq!(
        r,
        f(
            &[2, 2],
            &[
                2. * 22. + 50.,
                2. * 49. + 100.,
                2. * 28. + 50.,
                2. * 64. + 100.
            ]
        )
    );
    let r = run_op(
        "gemm",
        &[iota(&[1, 2], 1.0), iota(&[2, 1], 1.0)],
        "",
        &[1, 1],
    )
    .unwrap();
    assert_eq!(r, f(&[1, 1], &[5.]));
}

#[test]
fn shape_errors_are_diagnostics() {
    // Channels that do not match the groups are reported, not a panic.
    // (Dynamic dimensions keep the verifier from seeing it statically.)
    let e = op_text(
        &["tensor<1x?x4x4xf32>", "tensor<2x?x1x1xf32>"],
        "tensor<1x2x4x4xf32>",
        r#"%r = "graph.conv"(%a, %b) : (tensor<1x?x4x4xf32>, tensor<2x?x1x1xf32>) -> tensor<1x2x4x4xf32>"#,
        &[iota(&[1, 3, 4, 4], 0.0), iota(&[2, 2, 1, 1], 0.0)],
    )
    .unwrap_err();
    assert!(
        e.contains("'graph.conv' op channels do not match the groups"),
        "{e}"
    );
    // A result shape that differs from the declared static type is caught.
    let e = op_text(
        &["tensor<?xf32>"],
        "tensor<3xf32>",
        r#"%r = "graph.relu"(%a) : (tensor<?xf32>) -> tensor<3xf32>"#,
        &[iota(&[2], 0.0)],
    )
    .unwrap_err();
    assert!(e.contains("result #0"), "{e}");
}
