//! Small ONNX models built in Rust, imported, verified and (the MLP) run through the
//! reference interpreter against hand-computed numbers.

mod common;

use common::{import_err, import_ok};
use strata_interp::{Interpreter, Tensor};
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

fn mlp() -> strata_onnx::proto::ModelProto {
    // y = W2 relu(W1 x + b1) + b2, with Gemm(transB = 1).
    let w1 = tensor_f32(
        "w1",
        &[3, 4],
        &[1., 0., 0., 0., 0., 1., 0., 0., 1., 1., 1., 1.],
    );
    let b1 = tensor_f32("b1", &[3], &[0., -10., 1.]);
    let w2 = tensor_f32("w2", &[2, 3], &[1., 1., 1., 2., 0., -1.]);
    let b2 = tensor_f32("b2", &[2], &[0.5, 0.]);
    let g = graph(
        vec![
            node(
                "Gemm",
                "fc1",
                &["x", "w1", "b1"],
                &["h"],
                vec![attr_int("transB", 1)],
            ),
            node("Relu", "relu1", &["h"], &["r"], vec![]),
            node(
                "Gemm",
                "fc2",
                &["r", "w2", "b2"],
                &["y"],
                vec![attr_int("transB", 1)],
            ),
        ],
        vec![value("x", FLOAT, &[1, 4]), value("w1", FLOAT, &[3, 4])],
        vec![value("y", FLOAT, &[1, 2])],
        vec![w1, b1, w2, b2],
    );
    model(g, 17)
}

#[test]
fn mlp_imports_verifies_and_runs() {
    let ctx = strata::default_context();
    let (module, text) = import_ok(&ctx, &mlp());
    assert!(text.contains("\"graph.gemm\""), "{text}");
    assert!(text.contains("\"graph.relu\""), "{text}");
    assert!(text.contains("func.func"), "{text}");
    // The initializer-backed input `w1` is not an argument.
    assert!(
        text.contains("(tensor<1x4xf32>) -> tensor<1x2xf32>"),
        "{text}"
    );
    let x = Tensor::from_vec(vec![1, 4], vec![1.0f32, 2.0, 3.0, 4.0]).unwrap();
    let out = Interpreter::new(&ctx, &module).run("main", &[x]).unwrap();
    // h = [1, 2-10, 10+1] = [1, -8, 11]; r = [1, 0, 11];
    // y = [1+0+11+0.5, 2*1+0-11] = [12.5, -9].
    assert_eq!(out[0].shape(), &[1, 2]);
    assert_eq!(out[0].as_slice::<f32>().unwrap(), &[12.5, -9.0]);
}

#[test]
fn large_initializers_become_dense_resources() {
    let ctx = strata::default_context();
    let w = tensor_f32("big.weight", &[8, 8], &[0.5; 64]);
    let g = graph(
        vec![node("MatMul", "mm", &["x", "big.weight"], &["y"], vec![])],
        vec![value("x", FLOAT, &[2, 8])],
        vec![value("y", FLOAT, &[2, 8])],
        vec![w],
    );
    let (module, text) = import_ok(&ctx, &model(g, 17));
    assert!(text.contains("dense_resource<big.weight>"), "{text}");
    let x = Tensor::from_vec(vec![2, 8], vec![1.0f32; 16]).unwrap();
    let out = Interpreter::new(&ctx, &module).run("main", &[x]).unwrap();
    assert!(out[0].as_slice::<f32>().unwrap().iter().all(|&v| v == 4.0));
}

#[test]
fn conv_block() {
    let ctx = strata::default_context();
    let w = tensor_f32("w", &[4, 3, 3, 3], &[0.1; 108]);
    let vec4 = |n: &str, v: f32| tensor_f32(n, &[4], &[v; 4]);
    let g = graph(
        vec![
            node(
                "Conv",
                "conv",
                &["x", "w"],
                &["c"],
                vec![
                    attr_string("auto_pad", "SAME_UPPER"),
                    attr_ints("strides", &[1, 1]),
                ],
            ),
            node(
                "BatchNormalization",
                "bn",
                &["c", "s", "b", "m", "v"],
                &["n"],
                vec![attr_float("epsilon", 1e-5)],
            ),
            node("Relu", "relu", &["n"], &["r"], vec![]),
            node(
                "MaxPool",
                "pool",
                &["r"],
                &["p"],
                vec![
                    attr_ints("kernel_shape", &[2, 2]),
                    attr_ints("strides", &[2, 2]),
                ],
            ),
            node("Add", "residual", &["p", "p"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[1, 3, 8, 8])],
        vec![value("y", FLOAT, &[1, 4, 4, 4])],
        vec![
            w,
            vec4("s", 1.0),
            vec4("b", 0.0),
            vec4("m", 0.0),
            vec4("v", 1.0),
        ],
    );
    let (module, text) = import_ok(&ctx, &model(g, 13));
    assert!(text.contains("pads = array<i64: 1, 1, 1, 1>"), "{text}");
    assert!(text.contains("tensor<1x4x4x4xf32>"), "{text}");
    let x = Tensor::from_vec(vec![1, 3, 8, 8], vec![1.0f32; 192]).unwrap();
    let out = Interpreter::new(&ctx, &module).run("main", &[x]).unwrap();
    assert_eq!(out[0].shape(), &[1, 4, 4, 4]);
}

#[test]
fn transformer_block() {
    let ctx = strata::default_context();
    let wq = tensor_f32("wq", &[8, 8], &[0.01; 64]);
    let g = graph(
        vec![
            node("MatMul", "q", &["x", "wq"], &["q"], vec![]),
            node(
                "Transpose",
                "kt",
                &["x"],
                &["xt"],
                vec![attr_ints("perm", &[0, 2, 1])],
            ),
            node("MatMul", "scores", &["q", "xt"], &["s"], vec![]),
            node("Add", "mask", &["s", "bias"], &["sb"], vec![]),
            node(
                "Softmax",
                "attn",
                &["sb"],
                &["a"],
                vec![attr_int("axis", -1)],
            ),
            node("MatMul", "ctx", &["a", "x"], &["c"], vec![]),
            node("Add", "res", &["c", "x"], &["r"], vec![]),
            node(
                "LayerNormalization",
                "ln",
                &["r", "gamma", "beta"],
                &["y"],
                vec![attr_int("axis", -1), attr_float("epsilon", 1e-5)],
            ),
        ],
        vec![value("x", FLOAT, &[-1, 4, 8])],
        vec![value("y", FLOAT, &[-1, 4, 8])],
        vec![
            wq,
            tensor_f32("bias", &[4], &[0.0; 4]),
            tensor_f32("gamma", &[8], &[1.0; 8]),
            tensor_f32("beta", &[8], &[0.0; 8]),
        ],
    );
    let (module, text) = import_ok(&ctx, &model(g, 17));
    assert!(text.contains("tensor<?x4x8xf32>"), "{text}");
    assert!(text.contains("\"graph.layer_norm\""), "{text}");
    let x = Tensor::from_vec(vec![2, 4, 8], (0..64).map(|i| i as f32 / 10.0).collect()).unwrap();
    let out = Interpreter::new(&ctx, &module).run("main", &[x]).unwrap();
    assert_eq!(out[0].shape(), &[2, 4, 8]);
    // Each row is normalized: mean 0.
    for row in out[0].as_slice::<f32>().unwrap().chunks(8) {
        let mean: f32 = row.iter().sum::<f32>() / 8.0;
        assert!(mean.abs() < 1e-4, "{row:?}");
    }
}

#[test]
fn squeeze_axes_attr_and_input() {
    let ctx = strata::default_context();
    let io = |o: i64| {
        (
            vec![value("x", FLOAT, &[1, 3, 1])],
            vec![value("y", FLOAT, &[3])],
            o,
        )
    };
    let (i, o, opset) = io(11);
    let g = graph(
        vec![node(
            "Squeeze",
            "sq",
            &["x"],
            &["y"],
            vec![attr_ints("axes", &[0, 2])],
        )],
        i,
        o,
        vec![],
    );
    let (_, old) = import_ok(&ctx, &model(g, opset));
    let (i, o, opset) = io(13);
    let g = graph(
        vec![node("Squeeze", "sq", &["x", "axes"], &["y"], vec![])],
        i,
        o,
        vec![tensor_i64("axes", &[2], &[0, 2])],
    );
    let (_, new) = import_ok(&ctx, &model(g, opset));
    assert!(old.contains("axes = array<i64: 0, 2>"), "{old}");
    assert!(new.contains("axes = array<i64: 0, 2>"), "{new}");
    // The axes initializer is an attribute, not a constant op.
    assert!(!new.contains("graph.constant"), "{new}");
}

#[test]
fn clip_bounds_attr_and_inputs() {
    let ctx = strata::default_context();
    let g = graph(
        vec![node(
            "Clip",
            "clip",
            &["x"],
            &["y"],
            vec![attr_float("min", 0.0), attr_float("max", 6.0)],
        )],
        vec![value("x", FLOAT, &[4])],
        vec![value("y", FLOAT, &[4])],
        vec![],
    );
    let (m_old, old) = import_ok(&ctx, &model(g, 6));
    let g = graph(
        vec![
            node(
                "Constant",
                "lo",
                &[],
                &["lo"],
                vec![attr_float("value_float", 0.0)],
            ),
            node("Clip", "clip", &["x", "lo", "hi"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[4])],
        vec![value("y", FLOAT, &[4])],
        vec![tensor_f32("hi", &[], &[6.0])],
    );
    let (m_new, new) = import_ok(&ctx, &model(g, 13));
    for (m, text) in [(m_old, old), (m_new, new)] {
        assert!(text.contains("max = 6.000000e+00 : f32"), "{text}");
        let x = Tensor::from_vec(vec![4], vec![-1.0f32, 3.0, 7.0, 0.5]).unwrap();
        let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
        assert_eq!(out[0].as_slice::<f32>().unwrap(), &[0.0, 3.0, 6.0, 0.5]);
    }
    // A dynamic bound becomes graph.min.
    let g = graph(
        vec![node("Clip", "clip", &["x", "", "hi"], &["y"], vec![])],
        vec![value("x", FLOAT, &[4]), value("hi", FLOAT, &[])],
        vec![value("y", FLOAT, &[4])],
        vec![],
    );
    let (_, text) = import_ok(&ctx, &model(g, 13));
    assert!(text.contains("\"graph.min\""), "{text}");
}

#[test]
fn reshape_and_old_softmax_semantics() {
    let ctx = strata::default_context();
    let g = graph(
        vec![
            node("Reshape", "rs", &["x", "shape"], &["r"], vec![]),
            node("Softmax", "sm", &["r"], &["y"], vec![attr_int("axis", 1)]),
        ],
        vec![value("x", FLOAT, &[2, 6])],
        vec![value("y", FLOAT, &[2, 3, 2])],
        vec![tensor_i64("shape", &[3], &[2, 3, 2])],
    );
    let (m, text) = import_ok(&ctx, &model(g, 11));
    assert!(text.contains("\"graph.flatten\""), "{text}");
    let x = Tensor::from_vec(vec![2, 6], vec![0.0f32; 12]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    // Opset 11 softmax over the flattened 3x2 block: every element 1/6.
    for v in out[0].as_slice::<f32>().unwrap() {
        assert!((v - 1.0 / 6.0).abs() < 1e-6);
    }
}

#[test]
fn locations_keep_node_names() {
    let ctx = strata::default_context();
    let (module, _) = import_ok(&ctx, &mlp());
    let text = strata::ir::text::print_module(
        &ctx,
        &module,
        &strata::ir::text::PrintOptions {
            generic: true,
            debug_info: true,
        },
    );
    assert!(text.contains("#loc2 = loc(\"test.onnx\":1:1)"), "{text}");
    assert!(text.contains("loc(\"fc1\"(#loc2))"), "{text}");
}

#[test]
fn every_unsupported_node_is_listed_sorted() {
    let mut custom = node("MyOp", "c", &["x"], &["c"], vec![]);
    custom.domain = "com.example".into();
    let g = graph(
        vec![
            node("ImageDecoder", "z_img", &["x"], &["a"], vec![]),
            node("Relu", "ok", &["a"], &["b"], vec![]),
            node("Bernoulli", "a_bern", &["b"], &["y"], vec![]),
            custom,
            node("Reshape", "dyn", &["x", "x"], &["d"], vec![]),
        ],
        vec![value("x", FLOAT, &[4])],
        vec![value("y", FLOAT, &[4])],
        vec![],
    );
    let ImportError::Unsupported(list) = import_err(&model(g, 17)) else {
        panic!("expected Unsupported");
    };
    let got: Vec<(String, String, i64, String)> = list
        .into_iter()
        .map(|u| (u.domain, u.op_type, u.opset, u.node))
        .collect();
    assert_eq!(
        got,
        vec![
            ("".into(), "Bernoulli".into(), 17, "a_bern".into()),
            ("".into(), "ImageDecoder".into(), 17, "z_img".into()),
            (
                "".into(),
                "Reshape with non-constant input 1 ('x')".into(),
                17,
                "dyn".into()
            ),
            ("com.example".into(), "MyOp".into(), 0, "c".into()),
        ]
    );
}

#[test]
fn undefined_input_is_invalid() {
    let g = graph(
        vec![node("Relu", "r", &["nope"], &["y"], vec![])],
        vec![value("x", FLOAT, &[4])],
        vec![value("y", FLOAT, &[4])],
        vec![],
    );
    assert!(matches!(
        import_err(&model(g, 17)),
        ImportError::InvalidModel { .. }
    ));
}

#[test]
fn int64_typed_data_and_gather() {
    let ctx = strata::default_context();
    let g = graph(
        vec![node(
            "Gather",
            "g",
            &["x", "idx"],
            &["y"],
            vec![attr_int("axis", 0)],
        )],
        vec![value("x", FLOAT, &[3, 2])],
        vec![value("y", FLOAT, &[2, 2])],
        vec![tensor_i64("idx", &[2], &[2, 0])],
    );
    let (m, _) = import_ok(&ctx, &model(g, 13));
    let x = Tensor::from_vec(vec![3, 2], vec![1.0f32, 2., 3., 4., 5., 6.]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    assert_eq!(out[0].as_slice::<f32>().unwrap(), &[5., 6., 1., 2.]);
    let _ = INT64;
}

fn single(
    op: &str,
    inputs: &[&str],
    attrs: Vec<strata_onnx::proto::AttributeProto>,
    in_dims: &[i64],
    out_dims: &[i64],
    inits: Vec<strata_onnx::proto::TensorProto>,
    opset: i64,
) -> String {
    let ctx = strata::default_context();
    let g = graph(
        vec![node(op, "n", inputs, &["y"], attrs)],
        vec![value("x", FLOAT, in_dims)],
        vec![value("y", FLOAT, out_dims)],
        inits,
    );
    let (m, text) = import_ok(&ctx, &model(g, opset));
    // Declared output shape agrees with the imported function's result.
    let want = format!(
        "tensor<{}xf32>",
        out_dims
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join("x")
    );
    assert!(text.contains(&format!("-> {want}")), "{text}");
    let _ = m;
    text
}

#[test]
fn resize_and_upsample_forms() {
    let s = |v: &[f32]| tensor_f32("scales", &[v.len() as i64], v);
    let t = single(
        "Upsample",
        &["x"],
        vec![attr_floats("scales", &[1., 1., 2., 2.])],
        &[1, 1, 2, 2],
        &[1, 1, 4, 4],
        vec![],
        7,
    );
    assert!(t.contains("nearest_mode = \"floor\""), "{t}");
    single(
        "Upsample",
        &["x", "scales"],
        vec![],
        &[1, 1, 2, 2],
        &[1, 1, 4, 4],
        vec![s(&[1., 1., 2., 2.])],
        9,
    );
    let t = single(
        "Resize",
        &["x", "scales"],
        vec![],
        &[1, 1, 2, 2],
        &[1, 1, 4, 4],
        vec![s(&[1., 1., 2., 2.])],
        10,
    );
    assert!(t.contains("\"asymmetric\""), "{t}");
    let t = single(
        "Resize",
        &["x", "", "", "sizes"],
        vec![attr_string("mode", "linear")],
        &[1, 1, 2, 2],
        &[1, 1, 3, 5],
        vec![tensor_i64("sizes", &[4], &[1, 1, 3, 5])],
        13,
    );
    assert!(t.contains("sizes = array<i64: 1, 1, 3, 5>"), "{t}");
}

#[test]
fn pad_slice_split_reduce_forms() {
    single(
        "Pad",
        &["x"],
        vec![attr_ints("pads", &[1, 0, 1, 0])],
        &[2, 2],
        &[4, 2],
        vec![],
        2,
    );
    single(
        "Pad",
        &["x", "pads", "cv"],
        vec![attr_string("mode", "constant")],
        &[2, 2],
        &[4, 2],
        vec![
            tensor_i64("pads", &[4], &[1, 0, 1, 0]),
            tensor_f32("cv", &[], &[3.0]),
        ],
        13,
    );
    single(
        "Pad",
        &["x", "pads", "", "axes"],
        vec![],
        &[2, 2],
        &[2, 5],
        vec![
            tensor_i64("pads", &[2], &[1, 2]),
            tensor_i64("axes", &[1], &[1]),
        ],
        18,
    );
    single(
        "Slice",
        &["x"],
        vec![
            attr_ints("starts", &[1]),
            attr_ints("ends", &[3]),
            attr_ints("axes", &[1]),
        ],
        &[2, 4],
        &[2, 2],
        vec![],
        9,
    );
    single(
        "Slice",
        &["x", "st", "en", "ax", "sp"],
        vec![],
        &[2, 4],
        &[2, 2],
        vec![
            tensor_i64("st", &[1], &[0]),
            tensor_i64("en", &[1], &[4]),
            tensor_i64("ax", &[1], &[1]),
            tensor_i64("sp", &[1], &[2]),
        ],
        13,
    );
    single(
        "ReduceMean",
        &["x"],
        vec![attr_ints("axes", &[1]), attr_int("keepdims", 0)],
        &[2, 4],
        &[2],
        vec![],
        13,
    );
    single(
        "ReduceMean",
        &["x", "axes"],
        vec![attr_int("keepdims", 0)],
        &[2, 4],
        &[2],
        vec![tensor_i64("axes", &[1], &[1])],
        18,
    );
    // Split: attribute (opset 11), input (opset 13), equal parts by output count.
    let ctx = strata::default_context();
    for (opset, inputs, attrs, inits) in [
        (11, vec!["x"], vec![attr_ints("split", &[1, 3])], vec![]),
        (
            13,
            vec!["x", "sp"],
            vec![],
            vec![tensor_i64("sp", &[2], &[1, 3])],
        ),
    ] {
        let g = graph(
            vec![node("Split", "s", &inputs, &["a", "b"], {
                let mut a = attrs;
                a.push(attr_int("axis", 1));
                a
            })],
            vec![value("x", FLOAT, &[2, 4])],
            vec![value("a", FLOAT, &[2, 1]), value("b", FLOAT, &[2, 3])],
            inits,
        );
        let (_, text) = import_ok(&ctx, &model(g, opset));
        assert!(text.contains("split = array<i64: 1, 3>"), "{text}");
    }
}

#[test]
fn constant_of_shape_is_size_checked() {
    let g = graph(
        vec![
            node("ConstantOfShape", "c", &["shape"], &["c"], vec![]),
            node("Add", "a", &["x", "c"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[1])],
        vec![value("y", FLOAT, &[1])],
        vec![tensor_i64("shape", &[2], &[100_000, 100_000])],
    );
    assert!(matches!(
        import_err(&model(g, 17)),
        ImportError::LimitExceeded { .. }
    ));
}

#[test]
fn string_constants_are_unsupported() {
    let t = strata_onnx::proto::TensorProto {
        name: "s".into(),
        dims: vec![1],
        data_type: strata_onnx::proto::data_type::STRING,
        string_data: vec![b"hi".to_vec()],
        ..Default::default()
    };
    let g = graph(
        vec![node("Identity", "i", &["x"], &["y"], vec![])],
        vec![value("x", FLOAT, &[1])],
        vec![value("y", FLOAT, &[1])],
        vec![t],
    );
    let ImportError::Unsupported(list) = import_err(&model(g, 17)) else {
        panic!()
    };
    // String values are supported (`!graph.string`), string constants are not.
    assert_eq!(list[0].op_type, "string constant");
}

#[test]
fn control_flow_imports_within_the_depth_limit() {
    // Both branches yield the outer graph's `x` (an outer-scope reference).
    let inner = graph(vec![], vec![], vec![value("x", FLOAT, &[1])], vec![]);
    let g = graph(
        vec![node(
            "If",
            "branch",
            &["c"],
            &["y"],
            vec![
                attr_graph("then_branch", inner.clone()),
                attr_graph("else_branch", inner),
            ],
        )],
        vec![
            value("c", strata_onnx::proto::data_type::BOOL, &[]),
            value("x", FLOAT, &[1]),
        ],
        vec![value("y", FLOAT, &[1])],
        vec![],
    );
    let ctx = strata::default_context();
    let (_, text) = import_ok(&ctx, &model(g, 17));
    assert!(text.contains("\"graph.if\"(%arg0)"), "{text}");
    assert!(text.contains("\"graph.yield\"(%arg1)"), "{text}");
}

#[test]
fn shape_inputs_computed_by_nodes_are_folded() {
    // Reshape(x, Concat(Unsqueeze(Gather(Shape(x), 0)), [-1])) with a static x: the shape
    // chain folds at import time, the reshape gets `shape = [2, -1]`.
    let ctx = strata::default_context();
    let g = graph(
        vec![
            node("Shape", "s", &["x"], &["s"], vec![]),
            node(
                "Gather",
                "g",
                &["s", "zero"],
                &["d0"],
                vec![attr_int("axis", 0)],
            ),
            node("Unsqueeze", "u", &["d0", "axes"], &["d0v"], vec![]),
            node(
                "Concat",
                "c",
                &["d0v", "m1"],
                &["shape"],
                vec![attr_int("axis", 0)],
            ),
            node("Reshape", "r", &["x", "shape"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[2, 3, 2])],
        vec![value("y", FLOAT, &[2, 6])],
        vec![
            tensor_i64("zero", &[], &[0]),
            tensor_i64("axes", &[1], &[0]),
            tensor_i64("m1", &[1], &[-1]),
        ],
    );
    let (m, text) = import_ok(&ctx, &model(g, 13));
    assert!(text.contains("shape = array<i64: 2, -1>"), "{text}");
    let x = Tensor::from_vec(vec![2, 3, 2], (0..12).map(|v| v as f32).collect()).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    assert_eq!(out[0].shape(), &[2, 6]);
}

#[test]
fn shape_inputs_depending_on_graph_inputs_stay_unsupported() {
    // The shape is a graph input cast by a node: it cannot fold, a typed Unsupported error.
    let g = graph(
        vec![
            node(
                "Cast",
                "c",
                &["s"],
                &["s64"],
                vec![attr_int("to", INT64 as i64)],
            ),
            node("Reshape", "r", &["x", "s64"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[4]), value("s", INT64, &[2])],
        vec![value("y", FLOAT, &[2, 2])],
        vec![],
    );
    let ImportError::Unsupported(list) = import_err(&model(g, 13)) else {
        panic!("expected Unsupported");
    };
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].op_type, "Reshape (non-constant input 1)");
    assert_eq!(list[0].node, "r");
}

#[test]
fn lrn_imports_and_runs() {
    let ctx = strata::default_context();
    let g = graph(
        vec![node(
            "LRN",
            "n",
            &["x"],
            &["y"],
            vec![
                attr_int("size", 3),
                attr_float("alpha", 3.0),
                attr_float("beta", 1.0),
                attr_float("bias", 0.0),
            ],
        )],
        vec![value("x", FLOAT, &[1, 3, 1, 1])],
        vec![value("y", FLOAT, &[1, 3, 1, 1])],
        vec![],
    );
    let (m, text) = import_ok(&ctx, &model(g, 13));
    assert!(text.contains("\"graph.lrn\""), "{text}");
    let x = Tensor::from_vec(vec![1, 3, 1, 1], vec![1.0f32, 2., 3.]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    let want = [1.0 / 5.0, 2.0 / 14.0, 3.0 / 13.0].map(|v: f64| v as f32);
    assert_eq!(out[0].as_slice::<f32>().unwrap(), &want);
}

#[test]
fn range_and_size_become_constants() {
    let ctx = strata::default_context();
    // Range(Size(x) - 1, -1, -2) on a 2x3 input: 5, 3, 1.
    let g = graph(
        vec![
            node("Size", "s", &["x"], &["n"], vec![]),
            node("Sub", "d", &["n", "one"], &["start"], vec![]),
            node("Range", "r", &["start", "m1", "m2"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[2, 3])],
        vec![value("y", INT64, &[3])],
        vec![
            tensor_i64("one", &[], &[1]),
            tensor_i64("m1", &[], &[-1]),
            tensor_i64("m2", &[], &[-2]),
        ],
    );
    let (m, text) = import_ok(&ctx, &model(g, 13));
    assert!(text.contains("dense<[5, 3, 1]> : tensor<3xi64>"), "{text}");
    let x = Tensor::from_vec(vec![2, 3], vec![0.0f32; 6]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    assert_eq!(out[0].as_slice::<i64>().unwrap(), &[5, 3, 1]);
}

#[test]
fn legacy_broadcast_attributes() {
    // Opset 6 `Add` with broadcast = 1, axis = 1: b (3) is aligned to a's dimension 1.
    let ctx = strata::default_context();
    let g = graph(
        vec![node(
            "Add",
            "a",
            &["x", "b"],
            &["y"],
            vec![attr_int("broadcast", 1), attr_int("axis", 1)],
        )],
        vec![value("x", FLOAT, &[2, 3, 2])],
        vec![value("y", FLOAT, &[2, 3, 2])],
        vec![tensor_f32("b", &[3], &[10., 20., 30.])],
    );
    let (m, _) = import_ok(&ctx, &model(g, 6));
    let x = Tensor::from_vec(vec![2, 3, 2], vec![0.0f32; 12]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    assert_eq!(
        out[0].as_slice::<f32>().unwrap(),
        &[10., 10., 20., 20., 30., 30., 10., 10., 20., 20., 30., 30.]
    );
}

#[test]
fn composite_operators_lower_to_graph_ops() {
    let ctx = strata::default_context();
    let run = |op: &str, attrs, x: &[f32]| -> Vec<f32> {
        let g = graph(
            vec![node(op, "n", &["x"], &["y"], attrs)],
            vec![value("x", FLOAT, &[x.len() as i64])],
            vec![value("y", FLOAT, &[x.len() as i64])],
            vec![],
        );
        let (m, _) = import_ok(&ctx, &model(g, 18));
        let t = Tensor::from_vec(vec![x.len()], x.to_vec()).unwrap();
        let out = Interpreter::new(&ctx, &m).run("main", &[t]).unwrap();
        out[0].as_slice::<f32>().unwrap().to_vec()
    };
    assert_eq!(run("Softsign", vec![], &[1.0, -3.0]), vec![0.5, -0.75]);
    assert_eq!(
        run(
            "ThresholdedRelu",
            vec![attr_float("alpha", 2.0)],
            &[1.0, 3.0]
        ),
        vec![0.0, 3.0]
    );
    assert_eq!(
        run("Shrink", vec![attr_float("bias", 1.0)], &[-2.0, 0.2, 2.0]),
        vec![-1.0, 0.0, 1.0]
    );
    let y = run("Softplus", vec![], &[0.0]);
    assert!((y[0] - std::f32::consts::LN_2).abs() < 1e-6, "{y:?}");
    // ReduceSumSquare and ReduceL2 are reduce_sum with a square before (and sqrt after).
    let g = graph(
        vec![node(
            "ReduceL2",
            "n",
            &["x"],
            &["y"],
            vec![attr_int("keepdims", 0)],
        )],
        vec![value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[])],
        vec![],
    );
    let (m, _) = import_ok(&ctx, &model(g, 13));
    let t = Tensor::from_vec(vec![2], vec![3.0f32, 4.0]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[t]).unwrap();
    assert_eq!(out[0].as_slice::<f32>().unwrap(), &[5.0]);
}

#[test]
fn layer_norm_mean_and_inv_std_dev_outputs() {
    let ctx = strata::default_context();
    let g = graph(
        vec![node(
            "LayerNormalization",
            "ln",
            &["x", "s"],
            &["y", "mean", "inv"],
            vec![attr_float("epsilon", 0.0)],
        )],
        vec![value("x", FLOAT, &[2, 2])],
        vec![
            value("y", FLOAT, &[2, 2]),
            value("mean", FLOAT, &[2, 1]),
            value("inv", FLOAT, &[2, 1]),
        ],
        vec![tensor_f32("s", &[2], &[1., 1.])],
    );
    let (m, _) = import_ok(&ctx, &model(g, 17));
    let x = Tensor::from_vec(vec![2, 2], vec![1.0f32, 3., -2., 2.]).unwrap();
    let out = Interpreter::new(&ctx, &m).run("main", &[x]).unwrap();
    assert_eq!(out[0].as_slice::<f32>().unwrap(), &[-1., 1., -1., 1.]);
    assert_eq!(out[1].as_slice::<f32>().unwrap(), &[2., 0.]);
    assert_eq!(out[2].as_slice::<f32>().unwrap(), &[1., 0.5]);
}
