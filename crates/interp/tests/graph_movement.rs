//! `graph` shape and data-movement ops on hand-computed cases: reshape with `0`/`-1`,
//! flatten, squeeze/unsqueeze with negative axes, expand, transpose, concat, split, slices
//! with negative steps, gather and gather_elements with negative and out-of-range indices,
//! scatter_elements with every reduction, scatter_nd, every pad mode
//! (including negative pads), tile, shape, resize (nearest and linear), constants, dropout.

mod common;

use common::*;
use strata_interp::Tensor;

fn iota_i32(shape: &[usize]) -> Tensor {
    let n: usize = shape.iter().product();
    tn(shape, &(0..n as i32).collect::<Vec<_>>())
}

fn ty_i32(shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    if dims.is_empty() {
        "tensor<i32>".into()
    } else {
        format!("tensor<{}xi32>", dims.join("x"))
    }
}

/// Apply `graph.<op>` to one i32 tensor.
fn mv(op: &str, x: Tensor, attrs: &str, out: &[usize]) -> Result<Tensor, String> {
    let (it, ot) = (ty_i32(x.shape()), ty_i32(out));
    op_text(
        &[&it],
        &ot,
        &format!(r#"%r = "graph.{op}"(%a) {attrs} : ({it}) -> {ot}"#),
        &[x],
    )
}

#[test]
fn reshape_family() {
    let x = iota_i32(&[2, 3, 4]);
    let r = mv(
        "reshape",
        x.clone(),
        "<{shape = array<i64: 0, -1>}>",
        &[2, 12],
    )
    .unwrap();
    assert_eq!(r, x.clone().reshape(vec![2, 12]).unwrap());
    let r = mv("flatten", x.clone(), "<{axis = -1 : i64}>", &[6, 4]).unwrap();
    assert_eq!(r.shape(), &[6, 4]);
    let r = mv("flatten", x.clone(), "<{axis = 0 : i64}>", &[1, 24]).unwrap();
    assert_eq!(r.shape(), &[1, 24]);
    let y = iota_i32(&[1, 3, 1]);
    let r = mv("squeeze", y.clone(), "<{axes = array<i64: -1>}>", &[1, 3]).unwrap();
    assert_eq!(r.shape(), &[1, 3]);
    let r = mv("squeeze", y.clone(), "", &[3]).unwrap();
    assert_eq!(r, t1(&[0i32, 1, 2]));
    let e = op_text(
        &["tensor<?x3xi32>"],
        "tensor<3xi32>",
        r#"%r = "graph.squeeze"(%a) <{axes = array<i64: 0>}> : (tensor<?x3xi32>) -> tensor<3xi32>"#,
        &[iota_i32(&[2, 3])],
    )
    .unwrap_err();
    assert!(e.contains("cannot squeeze dimension 0 of size 2"), "{e}");
    let r = mv(
        "unsqueeze",
        iota_i32(&[3]),
        "<{axes = array<i64: 0, -1>}>",
        &[1, 3, 1],
    )
    .unwrap();
    assert_eq!(r.shape(), &[1, 3, 1]);
    let r = mv(
        "expand",
        tn(&[3, 1], &[1i32, 2, 3]),
        "<{shape = array<i64: 2, 1, 2>}>",
        &[2, 3, 2],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 3, 2], &[1i32, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3]));
}

#[test]
fn transpose_concat_split() {
    let x = iota_i32(&[2, 3]);
    let r = mv("transpose", x.clone(), "", &[3, 2]).unwrap();
    assert_eq!(r, tn(&[3, 2], &[0i32, 3, 1, 4, 2, 5]));
    let y = iota_i32(&[2, 3, 4]);
    let r = mv("transpose", y, "<{perm = array<i64: 1, 2, 0>}>", &[3, 4, 2]).unwrap();
    assert_eq!(r.as_slice::<i32>().unwrap()[..6], [0, 12, 1, 13, 2, 14]);
    let r = op_text(
        &["tensor<2x1xi32>", "tensor<2x2xi32>"],
        "tensor<2x3xi32>",
        r#"%r = "graph.concat"(%a, %b) <{axis = -1 : i64}> : (tensor<2x1xi32>, tensor<2x2xi32>) -> tensor<2x3xi32>"#,
        &[tn(&[2, 1], &[7i32, 8]), iota_i32(&[2, 2])],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 3], &[7i32, 0, 1, 8, 2, 3]));
    let src = r#"func.func @f(%a: tensor<7xi32>) -> (tensor<3xi32>, tensor<3xi32>, tensor<1xi32>) {
  %r:3 = "graph.split"(%a) <{num_outputs = 3 : i64}> : (tensor<7xi32>) -> (tensor<3xi32>, tensor<3xi32>, tensor<1xi32>)
  return %r#0, %r#1, %r#2 : tensor<3xi32>, tensor<3xi32>, tensor<1xi32>
}"#;
    let r = run_text(src, &[iota_i32(&[7])]).unwrap();
    assert_eq!(r, vec![t1(&[0i32, 1, 2]), t1(&[3i32, 4, 5]), t1(&[6i32])]);
}

#[test]
fn slices() {
    let x = iota_i32(&[2, 10]);
    let r = mv(
        "slice",
        x.clone(),
        "<{axes = array<i64: 1>, ends = array<i64: 9223372036854775807>, starts = array<i64: 1>, steps = array<i64: 3>}>",
        &[2, 3],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 3], &[1i32, 4, 7, 11, 14, 17]));
    // Negative step from the end, negative start.
    let r = mv(
        "slice",
        x.clone(),
        "<{axes = array<i64: -1>, ends = array<i64: -9223372036854775808>, starts = array<i64: -2>, steps = array<i64: -4>}>",
        &[2, 3],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 3], &[8i32, 4, 0, 18, 14, 10]));
    let r = mv(
        "slice",
        x,
        "<{ends = array<i64: 2, 3>, starts = array<i64: 1, 5>}>",
        &[1, 0],
    )
    .unwrap();
    assert_eq!(r.shape(), &[1, 0]);
}

#[test]
fn gather_indices() {
    let data = iota_i32(&[3, 2]);
    let r = op_text(
        &["tensor<3x2xi32>", "tensor<2x2xi64>"],
        "tensor<2x2x2xi32>",
        r#"%r = "graph.gather"(%a, %b) : (tensor<3x2xi32>, tensor<2x2xi64>) -> tensor<2x2x2xi32>"#,
        &[data.clone(), tn(&[2, 2], &[0i64, -1, 2, 1])],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 2, 2], &[0i32, 1, 4, 5, 4, 5, 2, 3]));
    let r = op_text(
        &["tensor<3x2xi32>", "tensor<i32>"],
        "tensor<3xi32>",
        r#"%r = "graph.gather"(%a, %b) <{axis = 1 : i64}> : (tensor<3x2xi32>, tensor<i32>) -> tensor<3xi32>"#,
        &[data.clone(), Tensor::scalar(-1i32)],
    )
    .unwrap();
    assert_eq!(r, t1(&[1i32, 3, 5]));
    let e = op_text(
        &["tensor<3x2xi32>", "tensor<1xi64>"],
        "tensor<1x2xi32>",
        r#"%r = "graph.gather"(%a, %b) : (tensor<3x2xi32>, tensor<1xi64>) -> tensor<1x2xi32>"#,
        &[data, t1(&[3i64])],
    )
    .unwrap_err();
    assert!(e.contains("index 3"), "{e}");
}

#[test]
fn gather_elements_indices() {
    // data = [[0, 1, 2], [3, 4, 5]]
    let data = iota_i32(&[2, 3]);
    let ty = "(tensor<2x3xi32>, tensor<2x2xi64>) -> tensor<2x2xi32>";
    let r = op_text(
        &["tensor<2x3xi32>", "tensor<2x2xi64>"],
        "tensor<2x2xi32>",
        &format!(r#"%r = "graph.gather_elements"(%a, %b) <{{axis = 1 : i64}}> : {ty}"#),
        &[data.clone(), tn(&[2, 2], &[2i64, 0, -1, 1])],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 2], &[2i32, 0, 5, 4]));
    let r = op_text(
        &["tensor<2x3xi32>", "tensor<2x2xi64>"],
        "tensor<2x2xi32>",
        &format!(r#"%r = "graph.gather_elements"(%a, %b) : {ty}"#),
        &[data.clone(), tn(&[2, 2], &[1i64, 0, 0, -1])],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 2], &[3i32, 1, 0, 4]));
    let e = op_text(
        &["tensor<2x3xi32>", "tensor<2x2xi64>"],
        "tensor<2x2xi32>",
        &format!(r#"%r = "graph.gather_elements"(%a, %b) <{{axis = 1 : i64}}> : {ty}"#),
        &[data, tn(&[2, 2], &[3i64, 0, 0, 0])],
    )
    .unwrap_err();
    assert!(e.contains("index 3"), "{e}");
}

#[test]
fn scatter_elements_reductions() {
    // data = [[0, 1, 2], [3, 4, 5]]; two updates hit [0, 2], one hits [1, 0].
    let ty = "(tensor<2x3xi32>, tensor<2x2xi64>, tensor<2x2xi32>) -> tensor<2x3xi32>";
    let run = |red: &str| {
        op_text(
            &["tensor<2x3xi32>", "tensor<2x2xi64>", "tensor<2x2xi32>"],
            "tensor<2x3xi32>",
            &format!(
                r#"%r = "graph.scatter_elements"(%a, %b, %c) <{{axis = 1 : i64, reduction = "{red}"}}> : {ty}"#
            ),
            &[
                iota_i32(&[2, 3]),
                tn(&[2, 2], &[2i64, -1, 0, 0]),
                tn(&[2, 2], &[10i32, 20, 30, 40]),
            ],
        )
    };
    assert_eq!(run("none").unwrap(), tn(&[2, 3], &[0i32, 1, 20, 40, 4, 5]));
    assert_eq!(run("add").unwrap(), tn(&[2, 3], &[0i32, 1, 32, 73, 4, 5]));
    assert_eq!(
        run("mul").unwrap(),
        tn(&[2, 3], &[0i32, 1, 400, 3600, 4, 5])
    );
    assert_eq!(run("max").unwrap(), tn(&[2, 3], &[0i32, 1, 20, 40, 4, 5]));
    assert_eq!(run("min").unwrap(), tn(&[2, 3], &[0i32, 1, 2, 3, 4, 5]));
}

#[test]
fn scatter_nd_rows_and_elements() {
    // Rows 2 and -3 (= 0) of [[0, 1], [2, 3], [4, 5]] are replaced, then added to.
    let ty = "(tensor<3x2xi32>, tensor<2x1xi64>, tensor<2x2xi32>) -> tensor<3x2xi32>";
    let run = |red: &str| {
        op_text(
            &["tensor<3x2xi32>", "tensor<2x1xi64>", "tensor<2x2xi32>"],
            "tensor<3x2xi32>",
            &format!(r#"%r = "graph.scatter_nd"(%a, %b, %c) <{{reduction = "{red}"}}> : {ty}"#),
            &[
                iota_i32(&[3, 2]),
                tn(&[2, 1], &[2i64, -3]),
                tn(&[2, 2], &[10i32, 20, 30, 40]),
            ],
        )
    };
    assert_eq!(
        run("none").unwrap(),
        tn(&[3, 2], &[30i32, 40, 2, 3, 10, 20])
    );
    assert_eq!(run("add").unwrap(), tn(&[3, 2], &[30i32, 41, 2, 3, 14, 25]));
    // Full tuples address single elements; an out-of-range tuple is an error.
    let e = op_text(
        &["tensor<3x2xi32>", "tensor<1x2xi64>", "tensor<1xi32>"],
        "tensor<3x2xi32>",
        r#"%r = "graph.scatter_nd"(%a, %b, %c) : (tensor<3x2xi32>, tensor<1x2xi64>, tensor<1xi32>) -> tensor<3x2xi32>"#,
        &[iota_i32(&[3, 2]), tn(&[1, 2], &[1i64, 2]), t1(&[7i32])],
    )
    .unwrap_err();
    assert!(e.contains("index 2"), "{e}");
}

#[test]
fn pad_modes() {
    let x = t1(&[1i32, 2, 3]);
    let p = |mode: &str, pads: &str, out: usize| {
        mv(
            "pad",
            x.clone(),
            &format!(r#"<{{mode = "{mode}", pads = array<i64: {pads}>}}>"#),
            &[out],
        )
        .unwrap()
    };
    assert_eq!(p("constant", "2, 1", 6), t1(&[0i32, 0, 1, 2, 3, 0]));
    assert_eq!(p("reflect", "2, 2", 7), t1(&[3i32, 2, 1, 2, 3, 2, 1]));
    assert_eq!(p("edge", "2, 1", 6), t1(&[1i32, 1, 1, 2, 3, 3]));
    assert_eq!(p("wrap", "2, 3", 8), t1(&[2i32, 3, 1, 2, 3, 1, 2, 3]));
    // Negative pads remove elements (after padding the other side).
    assert_eq!(p("constant", "-1, 2", 4), t1(&[2i32, 3, 0, 0]));
    let r = mv(
        "pad",
        x,
        "<{constant_value = 9 : i64, pads = array<i64: 1, 0>}>",
        &[4],
    )
    .unwrap();
    assert_eq!(r, t1(&[9i32, 1, 2, 3]));
    let r = op_text(
        &["tensor<1x2xf32>"],
        "tensor<3x2xf32>",
        r#"%r = "graph.pad"(%a) <{constant_value = 5.000000e-01 : f32, pads = array<i64: 1, 0, 1, 0>}> : (tensor<1x2xf32>) -> tensor<3x2xf32>"#,
        &[tn(&[1, 2], &[1.0f32, 2.0])],
    )
    .unwrap();
    assert_eq!(r, tn(&[3, 2], &[0.5f32, 0.5, 1.0, 2.0, 0.5, 0.5]));
}

#[test]
fn tile_and_shape() {
    let r = mv(
        "tile",
        iota_i32(&[2, 2]),
        "<{repeats = array<i64: 1, 2>}>",
        &[2, 4],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 4], &[0i32, 1, 0, 1, 2, 3, 2, 3]));
    let x = iota_i32(&[2, 3, 4]);
    let sh = |attrs: &str, n: usize| {
        op_text(
            &["tensor<2x3x4xi32>"],
            &format!("tensor<{n}xi64>"),
            &format!(r#"%r = "graph.shape"(%a) {attrs} : (tensor<2x3x4xi32>) -> tensor<{n}xi64>"#),
            std::slice::from_ref(&x),
        )
        .unwrap()
    };
    assert_eq!(sh("", 3), t1(&[2i64, 3, 4]));
    assert_eq!(sh("<{start = -2 : i64}>", 2), t1(&[3i64, 4]));
    assert_eq!(
        sh("<{end = -5 : i64}>", 0),
        Tensor::from_vec(vec![0], Vec::<i64>::new()).unwrap()
    );
}

#[test]
fn resize_nearest_and_linear() {
    let x = tn(&[1, 1, 2, 2], &[1.0f32, 2., 3., 4.]);
    let r = op_text(
        &["tensor<1x1x2x2xf32>"],
        "tensor<1x1x4x4xf32>",
        r#"%r = "graph.resize"(%a) <{coordinate_transformation_mode = "asymmetric", scales = array<f32: 1.0, 1.0, 2.0, 2.0>}> : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x4xf32>"#,
        std::slice::from_ref(&x),
    )
    .unwrap();
    assert_eq!(
        r,
        tn(
            &[1, 1, 4, 4],
            &[1.0f32, 1., 2., 2., 1., 1., 2., 2., 3., 3., 4., 4., 3., 3., 4., 4.]
        )
    );
    // align_corners: exact interpolation grid.
    let r = op_text(
        &["tensor<1x1x2x2xf32>"],
        "tensor<1x1x3x3xf32>",
        r#"%r = "graph.resize"(%a) <{coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: 1, 1, 3, 3>}> : (tensor<1x1x2x2xf32>) -> tensor<1x1x3x3xf32>"#,
        std::slice::from_ref(&x),
    )
    .unwrap();
    assert_eq!(
        r,
        tn(&[1, 1, 3, 3], &[1.0f32, 1.5, 2., 2., 2.5, 3., 3., 3.5, 4.])
    );
    // align_corners with scales: the grid uses the unrounded length 4 * 0.6 = 2.4, so
    // output 1 samples x = 1 * 3 / 1.4 (ONNX's reference).
    let r = op_text(
        &["tensor<1x4xf32>"],
        "tensor<1x2xf32>",
        r#"%r = "graph.resize"(%a) <{coordinate_transformation_mode = "align_corners", mode = "linear", scales = array<f32: 1.0, 0.6>}> : (tensor<1x4xf32>) -> tensor<1x2xf32>"#,
        &[tn(&[1, 4], &[1.0f32, 2., 3., 4.])],
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(v[0], 1.0);
    assert!((v[1] - (1.0 + 3.0 / 1.4)).abs() < 1e-5, "{v:?}");
    // half_pixel (default), scale 2 on a 1-D row [1, 2]: coordinates -0.25, 0.25, 0.75, 1.25
    // clamp to [0, 1].
    let r = op_text(
        &["tensor<1x2xf32>"],
        "tensor<1x4xf32>",
        r#"%r = "graph.resize"(%a) <{mode = "linear", scales = array<f32: 1.0, 2.0>}> : (tensor<1x2xf32>) -> tensor<1x4xf32>"#,
        &[tn(&[1, 2], &[1.0f32, 2.])],
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 4], &[1.0f32, 1.25, 1.75, 2.0]));
    // Nearest with half_pixel and round_prefer_ceil on a downscale by 3 of [0..6).
    let r = op_text(
        &["tensor<6xf32>"],
        "tensor<2xf32>",
        r#"%r = "graph.resize"(%a) <{nearest_mode = "round_prefer_ceil", sizes = array<i64: 2>}> : (tensor<6xf32>) -> tensor<2xf32>"#,
        &[t1(&[0.0f32, 1., 2., 3., 4., 5.])],
    )
    .unwrap();
    // (0 + 0.5) * 3 - 0.5 = 1, (1 + 0.5) * 3 - 0.5 = 4.
    assert_eq!(r, t1(&[1.0f32, 4.0]));
}

#[test]
fn constants_identity_dropout() {
    let src = r#"func.func @f(%x: tensor<2xf32>) -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xf32>, tensor<2xi1>) {
  %0 = "graph.constant"() <{value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
  %1 = "graph.constant"() <{value = dense<7> : tensor<3xi64>}> : () -> tensor<3xi64>
  %2 = "graph.identity"(%x) : (tensor<2xf32>) -> tensor<2xf32>
  %3:2 = "graph.dropout"(%2) <{ratio = 1.000000e-01 : f32}> : (tensor<2xf32>) -> (tensor<2xf32>, tensor<2xi1>)
  return %0, %1, %3#0, %3#1 : tensor<2x2xf32>, tensor<3xi64>, tensor<2xf32>, tensor<2xi1>
}"#;
    let x = t1(&[5.0f32, -1.0]);
    let r = run_text(src, std::slice::from_ref(&x)).unwrap();
    assert_eq!(
        r,
        vec![
            tn(&[2, 2], &[1.0f32, 2., 3., 4.]),
            t1(&[7i64, 7, 7]),
            x,
            t1(&[true, true])
        ]
    );
}
