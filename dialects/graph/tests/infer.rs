//! Result type inference of every graph op, with static and dynamic shapes, and the
//! messages of invalid operands and attributes.

mod common;

use common::{ctx, infer, A};

#[track_caller]
fn ok(op: &str, inputs: &[&str], attrs: &[(&str, A<'_>)], expected: &[&str]) {
    let ctx = ctx();
    match infer(&ctx, op, inputs, attrs) {
        Ok(got) => assert_eq!(got, expected, "graph.{op} {inputs:?}"),
        Err(e) => panic!("graph.{op} {inputs:?}: unexpected error: {e}"),
    }
}

#[track_caller]
fn err(op: &str, inputs: &[&str], attrs: &[(&str, A<'_>)], needle: &str) {
    let ctx = ctx();
    match infer(&ctx, op, inputs, attrs) {
        Ok(got) => panic!("graph.{op} {inputs:?}: expected an error, got {got:?}"),
        Err(e) => assert!(
            e.contains(needle),
            "graph.{op} {inputs:?}: error {e:?} does not contain {needle:?}"
        ),
    }
}

#[test]
fn binary_broadcasting() {
    for op in ["add", "sub", "mul", "div", "max", "min"] {
        ok(op, &["2x3xf32", "3xf32"], &[], &["2x3xf32"]);
        ok(op, &["?x1xi32", "1x4xi32"], &[], &["?x4xi32"]);
        ok(op, &["f32", "f32"], &[], &["f32"]);
        err(op, &["2x3xf32", "4xf32"], &[], "broadcast-compatible");
        err(op, &["2xf32", "2xf16"], &[], "same element type");
        err(op, &["2xi1", "2xi1"], &[], "integer or floating-point");
        err(op, &["2xf32"], &[], "expected 2 operands");
    }
    ok("pow", &["4xf32", "i32"], &[], &["4xf32"]);
    ok("pow", &["?xi64", "3x1xf32"], &[], &["3x?xi64"]);
    for op in ["and", "or", "xor"] {
        ok(op, &["4xi1", "1xi1"], &[], &["4xi1"]);
        err(op, &["4xi8", "4xi8"], &[], "i1");
    }
    ok("equal", &["4xi1", "4xi1"], &[], &["4xi1"]);
    ok("equal", &["?xf32", "4xf32"], &[], &["4xi1"]);
    for op in ["less", "less_equal", "greater", "greater_equal"] {
        ok(op, &["2x?xui8", "ui8"], &[], &["2x?xi1"]);
        err(op, &["2xi1", "2xi1"], &[], "integer or floating-point");
    }
    ok("where", &["2x1xi1", "3xf32", "f32"], &[], &["2x3xf32"]);
    err(
        "where",
        &["2xi32", "2xf32", "2xf32"],
        &[],
        "operand #0 must be",
    );
    err(
        "where",
        &["2xi1", "2xf32", "2xf16"],
        &[],
        "same element type",
    );
    err(
        "where",
        &["2xi1", "3xf32", "3xf32"],
        &[],
        "broadcast-compatible",
    );
}

#[test]
fn non_tensor_operands_are_rejected() {
    err(
        "add",
        &["scalar:f32", "scalar:f32"],
        &[],
        "must be ranked tensor",
    );
    err("relu", &["*xf32"], &[], "must be ranked tensor");
    err("relu", &["4xindex"], &[], "must be ranked tensor");
}

#[test]
fn unary() {
    for op in [
        "exp",
        "log",
        "sqrt",
        "reciprocal",
        "erf",
        "tanh",
        "sigmoid",
        "hard_swish",
        "floor",
        "ceil",
        "round",
        "sin",
        "cos",
    ] {
        ok(op, &["2x?xf16"], &[], &["2x?xf16"]);
        err(op, &["2xi32"], &[], "floating-point");
    }
    for op in ["neg", "relu"] {
        ok(op, &["4xi8"], &[], &["4xi8"]);
        err(op, &["4xui8"], &[], "signed");
    }
    ok("abs", &["4xui8"], &[], &["4xui8"]);
    ok("sign", &["?xf64"], &[], &["?xf64"]);
    ok("not", &["3xi1"], &[], &["3xi1"]);
    err("not", &["3xi8"], &[], "i1");
    ok(
        "leaky_relu",
        &["4xf32"],
        &[("alpha", A::F(0.1))],
        &["4xf32"],
    );
    err(
        "leaky_relu",
        &["4xf32"],
        &[("alpha", A::Int(1))],
        "floating-point attribute",
    );
    ok("elu", &["4xf32"], &[], &["4xf32"]);
    ok(
        "gelu",
        &["4xf32"],
        &[("approximate", A::S("tanh"))],
        &["4xf32"],
    );
    err(
        "gelu",
        &["4xf32"],
        &[("approximate", A::S("fast"))],
        "must be one of",
    );
    ok(
        "hard_sigmoid",
        &["4xf32"],
        &[("alpha", A::F(0.5)), ("beta", A::F(0.1))],
        &["4xf32"],
    );
    ok(
        "prelu",
        &["1x16x8x8xf32", "16x1x1xf32"],
        &[],
        &["1x16x8x8xf32"],
    );
    ok("prelu", &["?x16xf32", "f32"], &[], &["?x16xf32"]);
    err("prelu", &["1x16xf32", "8xf32"], &[], "does not broadcast");
    err("prelu", &["16xf32", "2x16xf32"], &[], "does not broadcast");
    ok(
        "clip",
        &["4xf32"],
        &[("min", A::F(0.0)), ("max", A::F(6.0))],
        &["4xf32"],
    );
    ok("clip", &["4xi32"], &[("min", A::Int(0))], &["4xi32"]);
    err(
        "clip",
        &["4xi32"],
        &[("min", A::F(0.0))],
        "integer attribute",
    );
    err("clip", &["4xf32"], &[("max", A::Int(1))], "float attribute");
    ok(
        "cast",
        &["2x?xf32"],
        &[("to", A::Ty("scalar:f16"))],
        &["2x?xf16"],
    );
    ok(
        "cast",
        &["2xi1"],
        &[("to", A::Ty("scalar:ui8"))],
        &["2xui8"],
    );
    err("cast", &["2xf32"], &[], "requires attribute 'to'");
    err(
        "cast",
        &["2xf32"],
        &[("to", A::Ty("scalar:index"))],
        "attribute 'to' must be",
    );
}

#[test]
fn conv() {
    let k3 = [("pads", A::Ints(&[1, 1, 1, 1]))];
    ok(
        "conv",
        &["1x3x224x224xf32", "64x3x3x3xf32"],
        &k3,
        &["1x64x224x224xf32"],
    );
    ok(
        "conv",
        &["1x3x224x224xf32", "64x3x7x7xf32", "64xf32"],
        &[
            ("strides", A::Ints(&[2, 2])),
            ("pads", A::Ints(&[3, 3, 3, 3])),
        ],
        &["1x64x112x112xf32"],
    );
    // Dynamic batch and spatial dims, dilation, 1-D and 3-D.
    ok(
        "conv",
        &["?x3x?x32xf32", "8x3x3x3xf32"],
        &[("dilations", A::Ints(&[2, 2]))],
        &["?x8x?x28xf32"],
    );
    ok("conv", &["1x4x10xf32", "2x4x3xf32"], &[], &["1x2x8xf32"]);
    ok(
        "conv",
        &["1x2x4x4x4xf32", "2x2x2x2x2xf32"],
        &[],
        &["1x2x3x3x3xf32"],
    );
    // Groups: depthwise.
    ok(
        "conv",
        &["1x32x8x8xf32", "32x1x3x3xf32"],
        &[("group", A::Int(32)), ("pads", A::Ints(&[1, 1, 1, 1]))],
        &["1x32x8x8xf32"],
    );
    // Dynamic weight spatial dims use kernel_shape.
    ok(
        "conv",
        &["1x3x8x8xf32", "4x3x?x?xf32"],
        &[("kernel_shape", A::Ints(&[3, 3]))],
        &["1x4x6x6xf32"],
    );
    ok(
        "conv",
        &["1x3x8x8xf32", "4x3x?x?xf32"],
        &[],
        &["1x4x?x?xf32"],
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x2x3x3xf32"],
        &[],
        "input channels",
    );
    err(
        "conv",
        &["1x4x8x8xf32", "3x2x3x3xf32"],
        &[("group", A::Int(2))],
        "multiple of group",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3xf32"],
        &[],
        "must have rank 4",
    );
    err("conv", &["3x8xf32", "4x3xf32"], &[], "rank >= 3");
    err(
        "conv",
        &["1x3x2x2xf32", "4x3x3x3xf32"],
        &[],
        "smaller than the dilated kernel",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32", "5xf32"],
        &[],
        "bias",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("strides", A::Ints(&[1]))],
        "must have 2 elements",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("strides", A::Ints(&[0, 1]))],
        ">= 1",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("pads", A::Ints(&[-1, 0, 0, 0]))],
        ">= 0",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("group", A::Int(0))],
        "positive",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("kernel_shape", A::Ints(&[5, 5]))],
        "kernel_shape",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("auto_pad", A::S("SAME_UPPER"))],
        "not supported",
    );
    err("conv", &["1x3x8x8xi8", "4x3x3x3xi8"], &[], "floating-point");
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf16"],
        &[],
        "same element type",
    );
    // Huge dims never overflow silently.
    err(
        "conv",
        &["1x3x9223372036854775807x8xf32", "4x3x3x3xf32"],
        &k3,
        "overflows",
    );
    err(
        "conv",
        &["1x3x8x8xf32", "4x3x3x3xf32"],
        &[("dilations", A::Ints(&[i64::MAX, 1]))],
        "overflows",
    );
}

#[test]
fn conv_transpose() {
    ok(
        "conv_transpose",
        &["1x64x16x16xf32", "64x32x3x3xf32"],
        &[
            ("strides", A::Ints(&[2, 2])),
            ("pads", A::Ints(&[1, 1, 1, 1])),
            ("output_padding", A::Ints(&[1, 1])),
        ],
        &["1x32x32x32xf32"],
    );
    ok(
        "conv_transpose",
        &["?x8x?xf32", "8x2x4xf32", "4xf32"],
        &[("group", A::Int(2))],
        &["?x4x?xf32"],
    );
    ok(
        "conv_transpose",
        &["1x1x3xf32", "1x1x3xf32"],
        &[("strides", A::Ints(&[2]))],
        &["1x1x7xf32"],
    );
    err(
        "conv_transpose",
        &["1x3x4x4xf32", "4x2x3x3xf32"],
        &[],
        "weight's first dimension",
    );
    err(
        "conv_transpose",
        &["1x4x4x4xf32", "4x2x3x3xf32"],
        &[("output_padding", A::Ints(&[1, 1]))],
        "output_padding",
    );
    err(
        "conv_transpose",
        &["1x4x4x4xf32", "4x2x3x3xf32"],
        &[("output_shape", A::Ints(&[8, 8]))],
        "not supported",
    );
    err(
        "conv_transpose",
        &["1x1x1xf32", "1x1x1xf32"],
        &[("pads", A::Ints(&[1, 1]))],
        "not positive",
    );
}

#[test]
fn pooling() {
    let p = [
        ("kernel_shape", A::Ints(&[3, 3])),
        ("strides", A::Ints(&[2, 2])),
        ("pads", A::Ints(&[1, 1, 1, 1])),
    ];
    ok(
        "max_pool",
        &["1x64x112x112xf32"],
        &p,
        &["1x64x56x56xf32", "1x64x56x56xi64"],
    );
    ok(
        "max_pool",
        &["?x64x?x112xi8"],
        &p,
        &["?x64x?x56xi8", "?x64x?x56xi64"],
    );
    ok(
        "average_pool",
        &["1x8x5x5xf32"],
        &[
            ("kernel_shape", A::Ints(&[2, 2])),
            ("strides", A::Ints(&[2, 2])),
            ("ceil_mode", A::Int(1)),
        ],
        &["1x8x3x3xf32"],
    );
    ok(
        "average_pool",
        &["1x8x5xf32"],
        &[
            ("kernel_shape", A::Ints(&[2])),
            ("dilations", A::Ints(&[2])),
        ],
        &["1x8x3xf32"],
    );
    err(
        "max_pool",
        &["1x8x5x5xf32"],
        &[],
        "requires attribute 'kernel_shape'",
    );
    err(
        "max_pool",
        &["1x8x5x5xf32"],
        &[("kernel_shape", A::Ints(&[2]))],
        "must have 2 elements",
    );
    err(
        "max_pool",
        &["1x8x5x5xf32"],
        &[
            ("kernel_shape", A::Ints(&[2, 2])),
            ("pads", A::Ints(&[2, 0, 0, 0])),
        ],
        "smaller than the dilated kernel",
    );
    err(
        "max_pool",
        &["1x8x5x5xf32"],
        &[("kernel_shape", A::Ints(&[2, 2])), ("ceil_mode", A::Int(2))],
        "0 or 1",
    );
    err(
        "average_pool",
        &["1x8x5x5xi32"],
        &[("kernel_shape", A::Ints(&[2, 2]))],
        "floating-point",
    );
    err(
        "max_pool",
        &["8x5xf32"],
        &[("kernel_shape", A::Ints(&[2]))],
        "rank >= 3",
    );
    ok(
        "global_average_pool",
        &["1x2048x7x7xf32"],
        &[],
        &["1x2048x1x1xf32"],
    );
    ok("global_max_pool", &["?x512x?xf32"], &[], &["?x512x1xf32"]);
    err("global_max_pool", &["4x4xf32"], &[], "rank >= 3");
}

#[test]
fn matmul_and_gemm() {
    ok(
        "matmul",
        &["?x128x64xf32", "64x32xf32"],
        &[],
        &["?x128x32xf32"],
    );
    ok("matmul", &["3xf32", "3xf32"], &[], &["f32"]);
    ok("matmul", &["3xi32", "2x3x4xi32"], &[], &["2x4xi32"]);
    err(
        "matmul",
        &["2x3xf32", "4x5xf32"],
        &[],
        "contracting dimensions",
    );
    err(
        "matmul",
        &["2x2x3xf32", "3x3x4xf32"],
        &[],
        "batch dimensions",
    );
    err("matmul", &["f32", "3xf32"], &[], "rank >= 1");
    ok(
        "gemm",
        &["8x256xf32", "1000x256xf32", "1000xf32"],
        &[("trans_b", A::Int(1))],
        &["8x1000xf32"],
    );
    ok(
        "gemm",
        &["256x?xf32", "256x10xf32"],
        &[("trans_a", A::Int(1)), ("alpha", A::F(0.5))],
        &["?x10xf32"],
    );
    ok("gemm", &["2x3xf32", "3x4xf32", "f32"], &[], &["2x4xf32"]);
    err(
        "gemm",
        &["2x3xf32", "3x4xf32", "3x4xf32"],
        &[],
        "does not broadcast",
    );
    err(
        "gemm",
        &["2x3xf32", "4x4xf32"],
        &[],
        "contracting dimensions",
    );
    err("gemm", &["2x3x1xf32", "3x4xf32"], &[], "must have rank 2");
}

#[test]
fn normalization() {
    ok("softmax", &["2x?x128xf32"], &[], &["2x?x128xf32"]);
    ok(
        "log_softmax",
        &["4x10xf32"],
        &[("axis", A::Int(0))],
        &["4x10xf32"],
    );
    err(
        "softmax",
        &["4x10xf32"],
        &[("axis", A::Int(2))],
        "out of range",
    );
    err("softmax", &["f32"], &[], "rank >= 1");
    err("softmax", &["4xi32"], &[], "floating-point");
    ok(
        "layer_norm",
        &["2x?x768xf32", "768xf32", "768xf32"],
        &[],
        &["2x?x768xf32"],
    );
    ok(
        "layer_norm",
        &["2x3x4xf32", "3x4xf32"],
        &[("axis", A::Int(1)), ("epsilon", A::F(1e-6))],
        &["2x3x4xf32"],
    );
    err(
        "layer_norm",
        &["2x3x4xf32", "3xf32"],
        &[],
        "does not broadcast",
    );
    err(
        "layer_norm",
        &["2x3x4xf32", "4xf32"],
        &[("epsilon", A::F(-1.0))],
        "epsilon",
    );
    ok(
        "batch_norm",
        &["?x64x?x?xf32", "64xf32", "64xf32", "64xf32", "64xf32"],
        &[],
        &["?x64x?x?xf32"],
    );
    ok(
        "batch_norm",
        &["2x?xf32", "5xf32", "5xf32", "5xf32", "5xf32"],
        &[],
        &["2x?xf32"],
    );
    err(
        "batch_norm",
        &["1x64x8x8xf32", "64xf32", "64xf32", "32xf32", "64xf32"],
        &[],
        "mean",
    );
    err(
        "batch_norm",
        &["1x64x8x8xf32", "64xf32", "64xf32", "64xf32"],
        &[],
        "expected 5 operands",
    );
    err(
        "batch_norm",
        &["1x4xf32", "4xf32", "4xf32", "4xf32", "4xf32"],
        &[("training_mode", A::Int(1))],
        "training_mode",
    );
    ok(
        "instance_norm",
        &["1x32x64x64xf32", "32xf32", "32xf32"],
        &[],
        &["1x32x64x64xf32"],
    );
    err(
        "instance_norm",
        &["1x32xf32", "32xf32", "32xf32"],
        &[],
        "rank >= 3",
    );
    err(
        "instance_norm",
        &["1x32x4xf32", "32xf32", "16xf32"],
        &[],
        "bias",
    );
}

#[test]
fn reductions() {
    for op in [
        "reduce_sum",
        "reduce_mean",
        "reduce_max",
        "reduce_min",
        "reduce_prod",
    ] {
        ok(
            op,
            &["2x3x4xf32"],
            &[("axes", A::Ints(&[1])), ("keepdims", A::Int(0))],
            &["2x4xf32"],
        );
        ok(
            op,
            &["2x?x4xi32"],
            &[("axes", A::Ints(&[-1, 0]))],
            &["1x?x1xi32"],
        );
        ok(op, &["2x3xf32"], &[], &["1x1xf32"]);
        ok(op, &["2x3xf32"], &[("keepdims", A::Int(0))], &["f32"]);
        ok(
            op,
            &["2x3xf32"],
            &[("noop_with_empty_axes", A::Int(1))],
            &["2x3xf32"],
        );
        err(op, &["2x3xf32"], &[("axes", A::Ints(&[2]))], "out of range");
        err(op, &["2x3xf32"], &[("axes", A::Ints(&[1, -1]))], "repeated");
        if op == "reduce_max" || op == "reduce_min" {
            ok(op, &["2x3xi1"], &[], &["1x1xi1"]);
        } else {
            err(op, &["2x3xi1"], &[], "integer or floating-point");
        }
    }
    ok(
        "argmax",
        &["8x1000xf32"],
        &[("axis", A::Int(1)), ("keepdims", A::Int(0))],
        &["8xi64"],
    );
    ok(
        "argmin",
        &["2x?xi32"],
        &[("axis", A::Int(-1))],
        &["2x1xi64"],
    );
    ok("argmax", &["?x5xf32"], &[], &["1x5xi64"]);
    err("argmax", &["f32"], &[], "rank >= 1");
    err(
        "argmin",
        &["2x3xf32"],
        &[("select_last_index", A::Int(5))],
        "0 or 1",
    );
}

#[test]
fn reshapes() {
    ok(
        "reshape",
        &["?x3x4xf32"],
        &[("shape", A::Ints(&[0, -1]))],
        &["?x12xf32"],
    );
    ok(
        "reshape",
        &["2x3x4xf32"],
        &[("shape", A::Ints(&[4, -1]))],
        &["4x6xf32"],
    );
    ok(
        "reshape",
        &["0x3xf32"],
        &[("shape", A::Ints(&[3, 0])), ("allowzero", A::Int(1))],
        &["3x0xf32"],
    );
    err(
        "reshape",
        &["2x3xf32"],
        &[("shape", A::Ints(&[3, 0])), ("allowzero", A::Int(1))],
        "cannot reshape",
    );
    err(
        "reshape",
        &["2x3xf32"],
        &[("shape", A::Ints(&[4, -1]))],
        "cannot reshape",
    );
    err(
        "reshape",
        &["2x3xf32"],
        &[("shape", A::Ints(&[7]))],
        "cannot reshape",
    );
    err("reshape", &["2x3xf32"], &[], "requires attribute 'shape'");
    err(
        "reshape",
        &["2x3xf32"],
        &[("shape", A::Ints(&[-1, -1]))],
        "more than one -1",
    );
    ok("flatten", &["?x512x1x1xf32"], &[], &["?x512xf32"]);
    ok(
        "flatten",
        &["2x3x4xf32"],
        &[("axis", A::Int(0))],
        &["1x24xf32"],
    );
    ok(
        "flatten",
        &["2x3x4xf32"],
        &[("axis", A::Int(3))],
        &["24x1xf32"],
    );
    ok(
        "flatten",
        &["2x3x4xf32"],
        &[("axis", A::Int(-1))],
        &["6x4xf32"],
    );
    err(
        "flatten",
        &["2x3x4xf32"],
        &[("axis", A::Int(4))],
        "out of range",
    );
    ok(
        "squeeze",
        &["1x?x1x4xf32"],
        &[("axes", A::Ints(&[0, 2]))],
        &["?x4xf32"],
    );
    ok("squeeze", &["1x3x1xf32"], &[], &["3xf32"]);
    ok(
        "squeeze",
        &["?x3xf32"],
        &[("axes", A::Ints(&[0]))],
        &["3xf32"],
    );
    err(
        "squeeze",
        &["2x3xf32"],
        &[("axes", A::Ints(&[0]))],
        "cannot squeeze axis 0",
    );
    err("squeeze", &["?x1xf32"], &[], "requires 'axes'");
    ok(
        "unsqueeze",
        &["3x4xf32"],
        &[("axes", A::Ints(&[0, -1]))],
        &["1x3x4x1xf32"],
    );
    ok(
        "unsqueeze",
        &["f32"],
        &[("axes", A::Ints(&[0]))],
        &["1xf32"],
    );
    ok(
        "unsqueeze",
        &["?x4xf32"],
        &[("axes", A::Ints(&[1]))],
        &["?x1x4xf32"],
    );
    err(
        "unsqueeze",
        &["3xf32"],
        &[("axes", A::Ints(&[2]))],
        "out of range",
    );
    err("unsqueeze", &["3xf32"], &[], "requires attribute 'axes'");
    ok(
        "expand",
        &["3x1xf32"],
        &[("shape", A::Ints(&[2, 1, 6]))],
        &["2x3x6xf32"],
    );
    ok(
        "expand",
        &["?x1xf32"],
        &[("shape", A::Ints(&[4]))],
        &["?x4xf32"],
    );
    err(
        "expand",
        &["3x2xf32"],
        &[("shape", A::Ints(&[4]))],
        "cannot expand",
    );
    ok("identity", &["2x?xi64"], &[], &["2x?xi64"]);
    ok(
        "dropout",
        &["2x8xf32"],
        &[("ratio", A::F(0.1))],
        &["2x8xf32", "2x8xi1"],
    );
    err("dropout", &["2x8xf32"], &[("ratio", A::F(1.0))], "ratio");
}

#[test]
fn data_movement() {
    ok(
        "transpose",
        &["1x3x?x5xf32"],
        &[("perm", A::Ints(&[0, 2, 3, 1]))],
        &["1x?x5x3xf32"],
    );
    ok("transpose", &["2x3x4xi8"], &[], &["4x3x2xi8"]);
    err(
        "transpose",
        &["2x3xf32"],
        &[("perm", A::Ints(&[0, 0]))],
        "not a permutation",
    );
    err(
        "transpose",
        &["2x3xf32"],
        &[("perm", A::Ints(&[0]))],
        "not a permutation",
    );

    ok(
        "concat",
        &["1x64x?xf32", "1x32x?xf32"],
        &[("axis", A::Int(1))],
        &["1x96x?xf32"],
    );
    ok(
        "concat",
        &["?x2xf32", "3x2xf32"],
        &[("axis", A::Int(1))],
        &["3x4xf32"],
    );
    ok(
        "concat",
        &["?x2xf32", "3x2xf32"],
        &[("axis", A::Int(0))],
        &["?x2xf32"],
    );
    ok("concat", &["4xi64"], &[("axis", A::Int(0))], &["4xi64"]);
    err(
        "concat",
        &["2x2xf32", "3x2xf32"],
        &[("axis", A::Int(1))],
        "incompatible",
    );
    err(
        "concat",
        &["2x2xf32", "2xf32"],
        &[("axis", A::Int(0))],
        "rank",
    );
    err(
        "concat",
        &["2xf32", "2xf32"],
        &[],
        "requires attribute 'axis'",
    );
    err("concat", &[], &[("axis", A::Int(0))], "at least 1");

    ok(
        "split",
        &["4x8xf32"],
        &[("axis", A::Int(1)), ("split", A::Ints(&[2, 2, 4]))],
        &["4x2xf32", "4x2xf32", "4x4xf32"],
    );
    ok(
        "split",
        &["10xf32"],
        &[("num_outputs", A::Int(3))],
        &["4xf32", "4xf32", "2xf32"],
    );
    ok(
        "split",
        &["?x2xf32"],
        &[("num_outputs", A::Int(2))],
        &["?x2xf32", "?x2xf32"],
    );
    err(
        "split",
        &["10xf32"],
        &[("split", A::Ints(&[2, 3]))],
        "sum to 5",
    );
    err(
        "split",
        &["10xf32"],
        &[],
        "requires attribute 'split' or 'num_outputs'",
    );
    err(
        "split",
        &["10xf32"],
        &[("num_outputs", A::Int(0))],
        "num_outputs",
    );

    ok(
        "slice",
        &["2x10xf32"],
        &[
            ("starts", A::Ints(&[1])),
            ("ends", A::Ints(&[i64::MAX])),
            ("axes", A::Ints(&[1])),
            ("steps", A::Ints(&[2])),
        ],
        &["2x5xf32"],
    );
    ok(
        "slice",
        &["20x10x5xf32"],
        &[("starts", A::Ints(&[0, 0])), ("ends", A::Ints(&[3, 10]))],
        &["3x10x5xf32"],
    );
    ok(
        "slice",
        &["10xf32"],
        &[
            ("starts", A::Ints(&[-1])),
            ("ends", A::Ints(&[i64::MIN])),
            ("steps", A::Ints(&[-1])),
        ],
        &["10xf32"],
    );
    ok(
        "slice",
        &["?x4xf32"],
        &[("starts", A::Ints(&[1, 1])), ("ends", A::Ints(&[3, 3]))],
        &["?x2xf32"],
    );
    err(
        "slice",
        &["4xf32"],
        &[
            ("starts", A::Ints(&[0])),
            ("ends", A::Ints(&[2])),
            ("steps", A::Ints(&[0])),
        ],
        "must not contain 0",
    );
    err(
        "slice",
        &["4xf32"],
        &[("starts", A::Ints(&[0, 1])), ("ends", A::Ints(&[2]))],
        "same length",
    );
    err(
        "slice",
        &["4xf32"],
        &[
            ("starts", A::Ints(&[0])),
            ("ends", A::Ints(&[2])),
            ("axes", A::Ints(&[1])),
        ],
        "out of range",
    );

    ok(
        "gather",
        &["30522x768xf32", "1x?xi64"],
        &[],
        &["1x?x768xf32"],
    );
    ok(
        "gather",
        &["2x3x4xf32", "5xi32"],
        &[("axis", A::Int(1))],
        &["2x5x4xf32"],
    );
    ok(
        "gather",
        &["2x3xf32", "i64"],
        &[("axis", A::Int(-1))],
        &["2xf32"],
    );
    err(
        "gather",
        &["2x3xf32", "5xf32"],
        &[],
        "operand #1 must be ranked tensor of integer",
    );
    err("gather", &["f32", "5xi64"], &[], "rank >= 1");

    ok(
        "pad",
        &["1x3x32x32xf32"],
        &[("pads", A::Ints(&[0, 0, 1, 1, 0, 0, 1, 1]))],
        &["1x3x34x34xf32"],
    );
    ok(
        "pad",
        &["?x4xi32"],
        &[
            ("pads", A::Ints(&[1, -1, 1, 0])),
            ("constant_value", A::Int(7)),
        ],
        &["?x3xi32"],
    );
    ok(
        "pad",
        &["3xf32"],
        &[("pads", A::Ints(&[2, 2])), ("mode", A::S("reflect"))],
        &["7xf32"],
    );
    err(
        "pad",
        &["3xf32"],
        &[("pads", A::Ints(&[3, 0])), ("mode", A::S("reflect"))],
        "too large",
    );
    err("pad", &["3xf32"], &[("pads", A::Ints(&[1]))], "2 * rank");
    err(
        "pad",
        &["3xf32"],
        &[("pads", A::Ints(&[-2, -2]))],
        "negative",
    );
    err(
        "pad",
        &["3xf32"],
        &[("pads", A::Ints(&[1, 1])), ("mode", A::S("mirror"))],
        "must be one of",
    );
    err(
        "pad",
        &["3xf32"],
        &[("pads", A::Ints(&[1, 1])), ("constant_value", A::Int(1))],
        "float attribute",
    );

    ok(
        "tile",
        &["3x?xf32"],
        &[("repeats", A::Ints(&[2, 3]))],
        &["6x?xf32"],
    );
    err(
        "tile",
        &["3xf32"],
        &[("repeats", A::Ints(&[2, 3]))],
        "the rank",
    );
    err(
        "tile",
        &["3xf32"],
        &[("repeats", A::Ints(&[i64::MAX]))],
        "overflows",
    );

    ok("shape", &["?x3x224x224xf32"], &[], &["4xi64"]);
    ok(
        "shape",
        &["?x3x224x224xf32"],
        &[("start", A::Int(1))],
        &["3xi64"],
    );
    ok(
        "shape",
        &["?x3x224x224xf32"],
        &[("start", A::Int(-1)), ("end", A::Int(1))],
        &["0xi64"],
    );
    ok("shape", &["f32"], &[], &["0xi64"]);

    ok(
        "resize",
        &["1x256x20x20xf32"],
        &[("scales", A::Floats(&[1.0, 1.0, 2.0, 2.0]))],
        &["1x256x40x40xf32"],
    );
    ok(
        "resize",
        &["1x3x?x10xf32"],
        &[
            ("scales", A::Floats(&[1.0, 1.0, 2.0, 0.5])),
            ("mode", A::S("linear")),
        ],
        &["1x3x?x5xf32"],
    );
    ok(
        "resize",
        &["1x3x8x8xui8"],
        &[("sizes", A::Ints(&[1, 3, 5, 5]))],
        &["1x3x5x5xui8"],
    );
    err("resize", &["1x3x8x8xf32"], &[], "'scales' or 'sizes'");
    err(
        "resize",
        &["1x3x8x8xf32"],
        &[("scales", A::Floats(&[1.0, 1.0, 0.0, 1.0]))],
        "positive",
    );
    err(
        "resize",
        &["1x3x8x8xf32"],
        &[("sizes", A::Ints(&[1, 3, 5]))],
        "must have 4 elements",
    );
    err(
        "resize",
        &["1x3x8x8xf32"],
        &[("sizes", A::Ints(&[1, 3, 5, 5])), ("mode", A::S("area"))],
        "must be one of",
    );
    err(
        "resize",
        &["1x3x8x8xi8"],
        &[("sizes", A::Ints(&[1, 3, 5, 5])), ("mode", A::S("linear"))],
        "float tensor",
    );
}

#[test]
fn constant() {
    let ctx = ctx();
    let ty = common::t(&ctx, "2x2xf32");
    let value = strata_dialect_graph::dense::dense_attr(
        &ctx,
        ty,
        &strata_dialect_graph::dense::Values::Float(vec![1.0, 2.0, 3.0, 4.0]),
    )
    .unwrap();
    let got = strata_dialect_graph::infer(&ctx, "graph.constant", &[], &[("value", value)]);
    assert_eq!(got, Ok(vec![ty]));
    let err = strata_dialect_graph::infer(&ctx, "graph.constant", &[], &[]).unwrap_err();
    assert!(err.contains("requires attribute 'value'"));
    let err = strata_dialect_graph::infer(
        &ctx,
        "graph.constant",
        &[],
        &[("value", ctx.string_attr("x"))],
    )
    .unwrap_err();
    assert!(err.contains("dense elements"));
}

#[test]
fn every_op_has_inference_and_never_panics_on_junk() {
    // Wrong operand counts, unranked and scalar operands, junk attributes: errors, no panics.
    let ctx = ctx();
    let junk = [
        ("axis", ctx.string_attr("x")),
        (
            "axes",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MIN, i64::MAX]),
        ),
        (
            "perm",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MIN]),
        ),
        (
            "pads",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX; 8]),
        ),
        (
            "strides",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX; 2]),
        ),
        (
            "kernel_shape",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX; 2]),
        ),
        (
            "shape",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX, i64::MAX, -1]),
        ),
        (
            "starts",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MIN]),
        ),
        (
            "ends",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX]),
        ),
        (
            "repeats",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX; 4]),
        ),
        (
            "num_outputs",
            strata_dialect_graph::attr::i64_attr(&ctx, i64::MAX),
        ),
        (
            "sizes",
            strata_dialect_graph::attr::i64_array_attr(&ctx, &[i64::MAX; 4]),
        ),
        (
            "start",
            strata_dialect_graph::attr::i64_attr(&ctx, i64::MIN),
        ),
        ("end", strata_dialect_graph::attr::i64_attr(&ctx, i64::MIN)),
    ];
    let type_sets: Vec<Vec<strata_ir::Type>> = vec![
        vec![],
        vec![common::t(&ctx, "*xf32")],
        vec![common::t(&ctx, "scalar:f32")],
        vec![common::t(&ctx, "f32")],
        vec![common::t(&ctx, "9223372036854775807x?x3x3xf32"); 5],
        vec![
            common::t(&ctx, "0x0x0x0xf32"),
            common::t(&ctx, "0x0x0x0xf32"),
        ],
        vec![common::t(&ctx, "?x?x?x?xi1"); 3],
    ];
    for def in strata_dialect_graph::OPS {
        // Region ops: their result types are those their regions yield, not a function of
        // operand types and attributes.
        if def.regions != strata_ir::Arity::Exactly(0) {
            continue;
        }
        let f = def
            .infer
            .unwrap_or_else(|| panic!("{} has no inference", def.name));
        for types in &type_sets {
            for n in 0..=junk.len() {
                let props = ctx.dict_attr(&junk[..n]);
                let _ = f(&ctx, types, props);
            }
        }
    }
}
