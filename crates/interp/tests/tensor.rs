//! `tensor` dialect semantics: structured ops and data movement on hand-computed cases, the
//! convolutions and pooling against the `graph` ops (an independent implementation), and the
//! soundness property of `tensor-generalize`: every named op and its generalized
//! `tensor.generic` give identical results on random inputs.

mod common;

use common::*;
use proptest::prelude::*;
use strata_interp::{DType, Tensor};

fn f(shape: &[usize], v: &[f64]) -> Tensor {
    Tensor::from_f64s(DType::F32, shape.to_vec(), v).unwrap()
}

fn iota(shape: &[usize], start: f64) -> Tensor {
    let n: usize = shape.iter().product();
    f(shape, &(0..n).map(|i| start + i as f64).collect::<Vec<_>>())
}

fn ty(shape: &[usize]) -> String {
    if shape.is_empty() {
        return "tensor<f32>".into();
    }
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("tensor<{}xf32>", dims.join("x"))
}

/// A function `@f` taking `args` (name, type) and returning `%r` of type `res`.
fn func(args: &[(&str, String)], res: &str, body: &str) -> String {
    let params: Vec<String> = args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
    format!(
        "func.func @f({}) -> {res} {{\n{body}\n  return %r : {res}\n}}\n",
        params.join(", ")
    )
}

fn run1(src: &str, inputs: &[Tensor]) -> Tensor {
    run_text(src, inputs)
        .unwrap_or_else(|e| panic!("{e}\n{src}"))
        .remove(0)
}

#[test]
fn matmul_accumulates_into_the_init() {
    let src = func(
        &[
            ("%a", ty(&[2, 3])),
            ("%b", ty(&[3, 2])),
            ("%c", ty(&[2, 2])),
        ],
        "tensor<2x2xf32>",
        r#"  %r = "tensor.matmul"(%a, %b, %c) : (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x2xf32>) -> tensor<2x2xf32>"#,
    );
    let a = iota(&[2, 3], 1.0); // [[1,2,3],[4,5,6]]
    let b = iota(&[3, 2], 1.0); // [[1,2],[3,4],[5,6]]
    let c = f(&[2, 2], &[1.0, 0.0, 0.0, -1.0]);
    let r = run1(&src, &[a, b, c]);
    assert_eq!(r, f(&[2, 2], &[23.0, 28.0, 49.0, 63.0]));
}

#[test]
fn generic_row_sum_with_scalar_input() {
    let src = func(
        &[
            ("%s", "f32".into()),
            ("%a", ty(&[2, 3])),
            ("%init", ty(&[2])),
        ],
        "tensor<2xf32>",
        r#"  %r = "tensor.generic"(%s, %a, %init) <{indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%k: f32, %x: f32, %acc: f32):
    %p = arith.mulf %k, %x : f32
    %q = arith.addf %acc, %p : f32
    "tensor.yield"(%q) : (f32) -> ()
  }) : (f32, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32>"#,
    );
    let r = run1(
        &src,
        &[
            Tensor::scalar(2f32),
            iota(&[2, 3], 1.0),
            f(&[2], &[0.5, 0.0]),
        ],
    );
    assert_eq!(r, f(&[2], &[12.5, 30.0]));
}

#[test]
fn generic_with_two_results_and_a_reversing_map() {
    let src = r#"func.func @f(%i: tensor<3xi32>, %o: tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>) {
  %r:2 = "tensor.generic"(%i, %o, %o) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (2 - d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 2>}> ({
  ^bb0(%x: i32, %a: i32, %b: i32):
    %one = arith.constant 1 : i32
    %y = arith.addi %x, %one : i32
    "tensor.yield"(%y, %x) : (i32, i32) -> ()
  }) : (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>)
  return %r#0, %r#1 : tensor<3xi32>, tensor<3xi32>
}"#;
    let r = run_text(src, &[t1(&[10i32, 20, 30]), t1(&[0i32, 0, 0])]).unwrap();
    assert_eq!(r[0], t1(&[11i32, 21, 31]));
    assert_eq!(r[1], t1(&[30i32, 20, 10]));
}

#[test]
fn fill_transpose_broadcast_reduce_map() {
    let fill = func(
        &[("%v", "f32".into()), ("%c", ty(&[2, 2]))],
        "tensor<2x2xf32>",
        r#"  %r = "tensor.fill"(%v, %c) : (f32, tensor<2x2xf32>) -> tensor<2x2xf32>"#,
    );
    assert_eq!(
        run1(&fill, &[Tensor::scalar(7f32), iota(&[2, 2], 0.0)]),
        f(&[2, 2], &[7.0; 4])
    );
    let tr = func(
        &[("%x", ty(&[2, 3])), ("%t", ty(&[3, 2]))],
        "tensor<3x2xf32>",
        r#"  %r = "tensor.transpose"(%x, %t) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>"#,
    );
    assert_eq!(
        run1(&tr, &[iota(&[2, 3], 0.0), iota(&[3, 2], 0.0)]),
        f(&[3, 2], &[0.0, 3.0, 1.0, 4.0, 2.0, 5.0])
    );
    let bc = func(
        &[("%x", ty(&[2])), ("%t", ty(&[2, 3]))],
        "tensor<2x3xf32>",
        r#"  %r = "tensor.broadcast"(%x, %t) <{dimensions = array<i64: 1>}> : (tensor<2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>"#,
    );
    assert_eq!(
        run1(&bc, &[f(&[2], &[1.0, 2.0]), iota(&[2, 3], 0.0)]),
        f(&[2, 3], &[1.0, 1.0, 1.0, 2.0, 2.0, 2.0])
    );
    let red = func(
        &[("%x", ty(&[2, 3])), ("%t", ty(&[3]))],
        "tensor<3xf32>",
        r#"  %r = "tensor.reduce"(%x, %t) <{dimensions = array<i64: 0>}> ({
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>"#,
    );
    assert_eq!(
        run1(
            &red,
            &[
                f(&[2, 3], &[1.0, 9.0, -3.0, 4.0, 2.0, -5.0]),
                f(&[3], &[0.0, 0.0, -10.0])
            ]
        ),
        f(&[3], &[4.0, 9.0, -3.0])
    );
    let map = func(
        &[("%x", ty(&[3])), ("%y", ty(&[3]))],
        "tensor<3xf32>",
        r#"  %r = "tensor.map"(%x, %y, %x) ({
  ^bb0(%p: f32, %q: f32):
    %s = arith.subf %p, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>"#,
    );
    assert_eq!(
        run1(
            &map,
            &[f(&[3], &[5.0, 6.0, 7.0]), f(&[3], &[1.0, 1.0, 2.0])]
        ),
        f(&[3], &[4.0, 5.0, 5.0])
    );
}

#[test]
fn batch_matmul_and_integer_matmul() {
    let src = func(
        &[
            ("%a", ty(&[2, 1, 2])),
            ("%b", ty(&[2, 2, 1])),
            ("%c", ty(&[2, 1, 1])),
        ],
        "tensor<2x1x1xf32>",
        r#"  %r = "tensor.batch_matmul"(%a, %b, %c) : (tensor<2x1x2xf32>, tensor<2x2x1xf32>, tensor<2x1x1xf32>) -> tensor<2x1x1xf32>"#,
    );
    let r = run1(
        &src,
        &[
            iota(&[2, 1, 2], 1.0),
            iota(&[2, 2, 1], 1.0),
            f(&[2, 1, 1], &[0.0, 0.0]),
        ],
    );
    assert_eq!(r, f(&[2, 1, 1], &[5.0, 25.0]));
    let src = r#"func.func @f(%a: tensor<1x2xi8>, %b: tensor<2x1xi8>, %c: tensor<1x1xi8>) -> tensor<1x1xi8> {
  %r = "tensor.matmul"(%a, %b, %c) : (tensor<1x2xi8>, tensor<2x1xi8>, tensor<1x1xi8>) -> tensor<1x1xi8>
  return %r : tensor<1x1xi8>
}"#;
    // 100 * 2 + 50 * 1 = 250 wraps to -6 in i8.
    let r = run_text(
        src,
        &[
            tn(&[1, 2], &[100i8, 50]),
            tn(&[2, 1], &[2i8, 1]),
            tn(&[1, 1], &[0i8]),
        ],
    )
    .unwrap();
    assert_eq!(r[0], tn(&[1, 1], &[-6i8]));
}

/// Run a graph op on float inputs (oracle for the window ops).
fn graph_op(op: &str, inputs: &[Tensor], attrs: &str, out: &[usize]) -> Tensor {
    let names = ["%a", "%b"];
    let args: Vec<(&str, String)> = inputs
        .iter()
        .enumerate()
        .map(|(i, t)| (names[i], ty(t.shape())))
        .collect();
    let tys: Vec<String> = args.iter().map(|(_, t)| t.clone()).collect();
    let body = format!(
        r#"  %r = "graph.{op}"({}) {attrs} : ({}) -> {}"#,
        names[..inputs.len()].join(", "),
        tys.join(", "),
        ty(out)
    );
    run1(&func(&args, &ty(out), &body), inputs)
}

/// Run a tensor window op with inputs, init and attributes.
fn tensor_op(op: &str, inputs: &[Tensor], init: Tensor, attrs: &str) -> Tensor {
    let names = ["%a", "%b", "%c"];
    let mut all: Vec<Tensor> = inputs.to_vec();
    all.push(init);
    let args: Vec<(&str, String)> = all
        .iter()
        .enumerate()
        .map(|(i, t)| (names[i], ty(t.shape())))
        .collect();
    let tys: Vec<String> = args.iter().map(|(_, t)| t.clone()).collect();
    let rt = tys.last().cloned().unwrap();
    let body = format!(
        r#"  %r = "tensor.{op}"({}) {attrs} : ({}) -> {rt}"#,
        names[..all.len()].join(", "),
        tys.join(", ")
    );
    run1(&func(&args, &rt, &body), &all)
}

fn pseudo(shape: &[usize], seed: u64) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| (((i as u64 * 7919 + seed * 104729) % 17) as f64 - 8.0) / 4.0)
        .collect();
    f(shape, &v)
}

#[test]
fn convolutions_agree_with_graph_conv() {
    let x = pseudo(&[1, 3, 7, 7], 1);
    let w = pseudo(&[4, 3, 3, 3], 2);
    let zeros = f(&[1, 4, 3, 3], &[0.0; 36]);
    let got = tensor_op(
        "conv2d_nchw_fchw",
        &[x.clone(), w.clone()],
        zeros,
        "<{dilations = array<i64: 1, 1>, strides = array<i64: 2, 2>}>",
    );
    let want = graph_op(
        "conv",
        &[x.clone(), w.clone()],
        "<{strides = array<i64: 2, 2>}>",
        &[1, 4, 3, 3],
    );
    assert_close(&got, &want, 1e-4);
    // Dilated, depthwise.
    let dw = pseudo(&[3, 2, 2], 3);
    let got = tensor_op(
        "depthwise_conv2d_nchw",
        &[x.clone(), dw.clone()],
        f(&[1, 3, 5, 5], &[0.0; 75]),
        "<{dilations = array<i64: 2, 2>}>",
    );
    let dw4 = dw.clone().reshape(vec![3, 1, 2, 2]).unwrap();
    let want = graph_op(
        "conv",
        &[x.clone(), dw4],
        "<{dilations = array<i64: 2, 2>, group = 3 : i64}>",
        &[1, 3, 5, 5],
    );
    assert_close(&got, &want, 1e-4);
}

#[test]
fn nhwc_convolution_matches_nchw() {
    let x = pseudo(&[1, 3, 6, 6], 4);
    let w = pseudo(&[2, 3, 3, 3], 5);
    let nchw = tensor_op(
        "conv2d_nchw_fchw",
        &[x.clone(), w.clone()],
        f(&[1, 2, 4, 4], &[0.0; 32]),
        "",
    );
    let xh = transpose(&x, &[0, 2, 3, 1]);
    let wh = transpose(&w, &[2, 3, 1, 0]);
    let nhwc = tensor_op(
        "conv2d_nhwc_hwcf",
        &[xh, wh],
        f(&[1, 4, 4, 2], &[0.0; 32]),
        "",
    );
    assert_eq!(transpose(&nhwc, &[0, 3, 1, 2]), nchw);
}

fn transpose(t: &Tensor, perm: &[usize]) -> Tensor {
    let out: Vec<usize> = perm.iter().map(|&p| t.shape()[p]).collect();
    let attr = format!(
        "<{{permutation = array<i64: {}>}}>",
        perm.iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let n = out.iter().product();
    tensor_op(
        "transpose",
        std::slice::from_ref(t),
        f(&out, &vec![0.0; n]),
        &attr,
    )
}

#[test]
fn pooling_agrees_with_graph_pooling() {
    let x = pseudo(&[1, 2, 6, 6], 6);
    let win = f(&[2, 2], &[0.0; 4]);
    let lowest = f(&[1, 2, 3, 3], &[f32::MIN as f64; 18]);
    let got = tensor_op(
        "pool_nchw_max",
        &[x.clone(), win.clone()],
        lowest,
        "<{strides = array<i64: 2, 2>}>",
    );
    let want = graph_op(
        "max_pool",
        std::slice::from_ref(&x),
        "<{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}>",
        &[1, 2, 3, 3],
    );
    assert_eq!(got, want);
    let sum = tensor_op(
        "pool_nchw_sum",
        &[x.clone(), win],
        f(&[1, 2, 3, 3], &[0.0; 18]),
        "<{strides = array<i64: 2, 2>}>",
    );
    let avg = graph_op(
        "average_pool",
        &[x],
        "<{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}>",
        &[1, 2, 3, 3],
    );
    let scaled: Vec<f64> = sum.to_f64_vec().iter().map(|v| v / 4.0).collect();
    assert_close(&f(&[1, 2, 3, 3], &scaled), &avg, 1e-5);
}

#[test]
fn data_movement() {
    let src = r#"func.func @f(%t: tensor<4x8xf32>, %s: tensor<2x2xf32>, %i: index) -> (tensor<2x3xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<?x2xf32>) {
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 2, 2>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
  %1 = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, 8>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>, index) -> tensor<8xf32>
  %2 = "tensor.insert_slice"(%s, %t, %i) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 5>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 2>}> : (tensor<2x2xf32>, tensor<4x8xf32>, index) -> tensor<4x8xf32>
  %3 = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 0, 1, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: -9223372036854775808, 2>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>, index) -> tensor<?x2xf32>
  return %0, %1, %2, %3 : tensor<2x3xf32>, tensor<8xf32>, tensor<4x8xf32>, tensor<?x2xf32>
}"#;
    let t = iota(&[4, 8], 0.0);
    let s = f(&[2, 2], &[-1.0, -2.0, -3.0, -4.0]);
    let r = run_text(src, &[t.clone(), s, Tensor::index_scalar(2)]).unwrap();
    assert_eq!(r[0], f(&[2, 3], &[10.0, 12.0, 14.0, 26.0, 28.0, 30.0]));
    assert_eq!(r[1], iota(&[8], 16.0));
    let mut want: Vec<f64> = t.to_f64_vec();
    want[2 * 8 + 5] = -1.0;
    want[2 * 8 + 7] = -2.0;
    want[3 * 8 + 5] = -3.0;
    want[3 * 8 + 7] = -4.0;
    assert_eq!(r[2], f(&[4, 8], &want));
    assert_eq!(r[3], f(&[2, 2], &[0.0, 1.0, 8.0, 9.0]));
}

#[test]
fn out_of_bounds_dynamic_slice_is_an_error() {
    let src = r#"func.func @f(%t: tensor<4x8xf32>, %i: index) -> tensor<2x2xf32> {
  %r = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>, index) -> tensor<2x2xf32>
  return %r : tensor<2x2xf32>
}"#;
    let e = run_text(src, &[iota(&[4, 8], 0.0), Tensor::index_scalar(3)]).unwrap_err();
    assert!(e.contains("out of bounds"), "{e}");
}

#[test]
fn pad_reshape_concat_empty() {
    let src = r#"func.func @f(%t: tensor<2x2xf32>, %n: index) -> (tensor<3x4xf32>, tensor<4xf32>, tensor<2x1x2xf32>, tensor<4x2xf32>, tensor<?x2xf32>) {
  %0 = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 1>, static_low = array<i64: 1, 1>}> ({
  ^bb0(%a: index, %b: index):
    %c = arith.index_cast %b : index to i64
    %v = arith.sitofp %c : i64 to f32
    "tensor.yield"(%v) : (f32) -> ()
  }) : (tensor<2x2xf32>) -> tensor<3x4xf32>
  %1 = "tensor.collapse_shape"(%t) <{reassociation = [[0, 1]]}> : (tensor<2x2xf32>) -> tensor<4xf32>
  %2 = "tensor.expand_shape"(%t) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 1, 2>}> : (tensor<2x2xf32>) -> tensor<2x1x2xf32>
  %3 = "tensor.concat"(%t, %t) <{dim = 0 : i64}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %4 = "tensor.empty"(%n) : (index) -> tensor<?x2xf32>
  return %0, %1, %2, %3, %4 : tensor<3x4xf32>, tensor<4xf32>, tensor<2x1x2xf32>, tensor<4x2xf32>, tensor<?x2xf32>
}"#;
    let t = f(&[2, 2], &[10.0, 11.0, 12.0, 13.0]);
    let r = run_text(src, &[t.clone(), Tensor::index_scalar(3)]).unwrap();
    assert_eq!(
        r[0],
        f(
            &[3, 4],
            &[0.0, 1.0, 2.0, 3.0, 0.0, 10.0, 11.0, 3.0, 0.0, 12.0, 13.0, 3.0]
        )
    );
    assert_eq!(r[1], f(&[4], &[10.0, 11.0, 12.0, 13.0]));
    assert_eq!(r[2], f(&[2, 1, 2], &[10.0, 11.0, 12.0, 13.0]));
    assert_eq!(
        r[3],
        f(&[4, 2], &[10.0, 11.0, 12.0, 13.0, 10.0, 11.0, 12.0, 13.0])
    );
    assert_eq!(r[4], f(&[3, 2], &[0.0; 6]));
}

/// Run `src`'s `@f` as written and after `tensor-generalize`; both results.
fn run_named_and_generic(src: &str, inputs: &[Tensor]) -> (Vec<Tensor>, Vec<Tensor>) {
    let ctx = strata::default_context();
    let mut m = parse(&ctx, src);
    let named = run(&ctx, &m, inputs).unwrap_or_else(|e| panic!("{e}\n{src}"));
    let top = m.op;
    let n = strata::tensor_transforms::generalize_all(&ctx, &mut m.body, top)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(n, 1, "{src}");
    strata_ir::verify::verify_module(&ctx, &m).unwrap_or_else(|e| panic!("{e:?}"));
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    assert!(text.contains("tensor.generic"), "{text}");
    let generic = run(&ctx, &m, inputs).unwrap_or_else(|e| panic!("{e}\n{text}"));
    (named, generic)
}

/// Values with few significant bits, so products and sums stay meaningful, plus signs.
fn values(n: usize) -> impl Strategy<Value = Vec<f64>> {
    prop::collection::vec(-64i32..64, n)
        .prop_map(|v| v.into_iter().map(|x| x as f64 / 8.0 + 1.0 / 3.0).collect())
}

/// One named op with random shapes: its source, and the shapes of its inputs and init.
fn named_case() -> impl Strategy<Value = (String, Vec<Vec<usize>>)> {
    let d = || 1usize..4;
    prop_oneof![
        (d(), d(), d()).prop_map(|(m, n, k)| {
            let (a, b, c) = (vec![m, k], vec![k, n], vec![m, n]);
            (op_src("matmul", &[&a, &b, &c], ""), vec![a, b, c])
        }),
        (d(), d(), d(), d()).prop_map(|(bt, m, n, k)| {
            let (a, b, c) = (vec![bt, m, k], vec![bt, k, n], vec![bt, m, n]);
            (op_src("batch_matmul", &[&a, &b, &c], ""), vec![a, b, c])
        }),
        (d(), d(), d()).prop_map(|(x, y, z)| {
            let (a, c) = (vec![x, y, z], vec![z, x, y]);
            (
                op_src(
                    "transpose",
                    &[&a, &c],
                    "<{permutation = array<i64: 2, 0, 1>}>",
                ),
                vec![a, c],
            )
        }),
        (d(), d(), d()).prop_map(|(x, y, z)| {
            let (a, c) = (vec![x, z], vec![x, y, z]);
            (
                op_src("broadcast", &[&a, &c], "<{dimensions = array<i64: 1>}>"),
                vec![a, c],
            )
        }),
        (d(), d()).prop_map(|(x, y)| {
            let c = vec![x, y];
            (
                func(
                    &[("%a", "f32".into()), ("%c", ty(&c))],
                    &ty(&c),
                    &format!(
                        r#"  %r = "tensor.fill"(%a, %c) : (f32, {t}) -> {t}"#,
                        t = ty(&c)
                    ),
                ),
                vec![vec![], c],
            )
        }),
        (d(), d(), 0usize..2).prop_map(|(x, y, dim)| {
            let a = vec![x, y];
            let c = vec![if dim == 0 { y } else { x }];
            let src = func(
                &[("%a", ty(&a)), ("%c", ty(&c))],
                &ty(&c),
                &format!(
                    r#"  %r = "tensor.reduce"(%a, %c) <{{dimensions = array<i64: {dim}>}}> ({{
  ^bb0(%in: f32, %acc: f32):
    %p = arith.mulf %in, %in : f32
    %s = arith.addf %p, %acc : f32
    "tensor.yield"(%s) : (f32) -> ()
  }}) : ({}, {}) -> {}"#,
                    ty(&a),
                    ty(&c),
                    ty(&c)
                ),
            );
            (src, vec![a, c])
        }),
        (d(), d()).prop_map(|(x, y)| {
            let a = vec![x, y];
            let src = func(
                &[("%a", ty(&a)), ("%b", ty(&a)), ("%c", ty(&a))],
                &ty(&a),
                &format!(
                    r#"  %r = "tensor.map"(%a, %b, %c) ({{
  ^bb0(%p: f32, %q: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.subf %m, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }}) : ({t}, {t}, {t}) -> {t}"#,
                    t = ty(&a)
                ),
            );
            (src, vec![a.clone(), a.clone(), a])
        }),
        (
            1usize..3,
            d(),
            d(),
            1usize..3,
            1usize..3,
            1usize..3,
            1usize..3
        )
            .prop_map(|(n, c, fo, kh, kw, s, dl)| {
                let (h, w) = (kh * dl + s * 2, kw * dl + s);
                let (oh, ow) = (
                    (h - dl * (kh - 1) - 1) / s + 1,
                    (w - dl * (kw - 1) - 1) / s + 1,
                );
                let attrs = format!(
                    "<{{dilations = array<i64: {dl}, {dl}>, strides = array<i64: {s}, {s}>}}>"
                );
                let (x, wt, o) = (vec![n, c, h, w], vec![fo, c, kh, kw], vec![n, fo, oh, ow]);
                (
                    op_src("conv2d_nchw_fchw", &[&x, &wt, &o], &attrs),
                    vec![x, wt, o],
                )
            }),
        (1usize..3, d(), d(), 1usize..3, 1usize..3, 1usize..3).prop_map(|(n, c, fo, k, s, dl)| {
            let (h, w) = (k * dl + s * 2, k * dl + 1);
            let (oh, ow) = (
                (h - dl * (k - 1) - 1) / s + 1,
                (w - dl * (k - 1) - 1) / s + 1,
            );
            let attrs =
                format!("<{{dilations = array<i64: {dl}, {dl}>, strides = array<i64: {s}, {s}>}}>");
            let (x, wt, o) = (vec![n, h, w, c], vec![k, k, c, fo], vec![n, oh, ow, fo]);
            (
                op_src("conv2d_nhwc_hwcf", &[&x, &wt, &o], &attrs),
                vec![x, wt, o],
            )
        }),
        (1usize..3, d(), 1usize..3, 1usize..3, 1usize..3).prop_map(|(n, c, k, s, dl)| {
            let h = k * dl + s * 2;
            let oh = (h - dl * (k - 1) - 1) / s + 1;
            let attrs =
                format!("<{{dilations = array<i64: {dl}, {dl}>, strides = array<i64: {s}, {s}>}}>");
            let (x, wt, o) = (vec![n, c, h, h], vec![c, k, k], vec![n, c, oh, oh]);
            (
                op_src("depthwise_conv2d_nchw", &[&x, &wt, &o], &attrs),
                vec![x, wt, o],
            )
        }),
        (1usize..3, d(), 1usize..3, 1usize..3, prop::bool::ANY).prop_map(|(n, c, k, s, max)| {
            let h = k + s * 2;
            let oh = (h - k) / s + 1;
            let attrs = format!("<{{strides = array<i64: {s}, {s}>}}>");
            let (x, wt, o) = (vec![n, c, h, h], vec![k, k], vec![n, c, oh, oh]);
            let name = if max {
                "pool_nchw_max"
            } else {
                "pool_nchw_sum"
            };
            (op_src(name, &[&x, &wt, &o], &attrs), vec![x, wt, o])
        }),
    ]
}

/// `@f(%a, %b, %c)` applying `tensor.<op>` to its arguments (the last is the init).
fn op_src(op: &str, shapes: &[&Vec<usize>], attrs: &str) -> String {
    let names = ["%a", "%b", "%c"];
    let args: Vec<(&str, String)> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| (names[i], ty(s)))
        .collect();
    let tys: Vec<String> = args.iter().map(|(_, t)| t.clone()).collect();
    let rt = tys.last().cloned().unwrap_or_default();
    let body = format!(
        r#"  %r = "tensor.{op}"({}) {attrs} : ({}) -> {rt}"#,
        names[..shapes.len()].join(", "),
        tys.join(", ")
    );
    func(&args, &rt, &body)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Soundness of `tensor-generalize`: a named op and its generic form agree bit for bit.
    #[test]
    fn named_ops_equal_their_generic_form(
        (src, shapes) in named_case(),
        seed in prop::collection::vec(values(64), 3),
    ) {
        let inputs: Vec<Tensor> = shapes
            .iter()
            .zip(&seed)
            .map(|(s, v)| {
                let n: usize = s.iter().product();
                let vals: Vec<f64> = (0..n).map(|i| v[i % v.len()] + (i / v.len()) as f64).collect();
                f(s, &vals)
            })
            .collect();
        let (named, generic) = run_named_and_generic(&src, &inputs);
        prop_assert_eq!(named, generic, "{}", src);
    }
}

#[test]
fn integer_pooling_and_fill_generalize_identically() {
    let src = r#"func.func @f(%a: tensor<1x1x3x3xi32>, %b: tensor<2x2xi32>, %c: tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32> {
  %r = "tensor.pool_nchw_max"(%a, %b, %c) : (tensor<1x1x3x3xi32>, tensor<2x2xi32>, tensor<1x1x2x2xi32>) -> tensor<1x1x2x2xi32>
  return %r : tensor<1x1x2x2xi32>
}"#;
    let a = tn(&[1, 1, 3, 3], &[1i32, -5, 3, 7, 2, -8, 0, 4, 6]);
    let (named, generic) = run_named_and_generic(
        src,
        &[
            a,
            tn(&[2, 2], &[0i32; 4]),
            tn(&[1, 1, 2, 2], &[i32::MIN; 4]),
        ],
    );
    assert_eq!(named, generic);
    assert_eq!(named[0], tn(&[1, 1, 2, 2], &[7i32, 3, 7, 6]));
}

#[test]
fn bodies_may_capture_constants_but_not_arguments() {
    let src = r#"func.func @f(%t: tensor<1x2xf32>) -> tensor<1x4xf32> {
  %c = arith.constant 2.5 : f32
  %r = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 1>, static_low = array<i64: 0, 1>}> ({
  ^bb0(%a: index, %b: index):
    "tensor.yield"(%c) : (f32) -> ()
  }) : (tensor<1x2xf32>) -> tensor<1x4xf32>
  return %r : tensor<1x4xf32>
}"#;
    let r = run_text(src, &[f(&[1, 2], &[1.0, 2.0])]).unwrap();
    assert_eq!(r[0], f(&[1, 4], &[2.5, 1.0, 2.0, 2.5]));
    let src = r#"func.func @f(%t: tensor<2xf32>, %k: f32) -> tensor<2xf32> {
  %r = "tensor.map"(%t, %t) ({
  ^bb0(%x: f32):
    %s = arith.addf %x, %k : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}"#;
    let e = run_text(src, &[f(&[2], &[1.0, 2.0]), Tensor::scalar(1f32)]).unwrap_err();
    assert!(e.contains("block argument defined outside"), "{e}");
}
