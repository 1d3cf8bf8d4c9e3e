//! `strata run` and `strata conformance` end to end: `.npy` inputs by name, outputs written
//! by name, random inputs from a seed, `.mlir` models, errors with exit code 1; a small
//! conformance directory with passing, failing and unsupported cases, and the
//! expected-results check.

use std::path::{Path, PathBuf};
use strata_interp::Tensor;
use strata_onnx::proto::data_type::{FLOAT, INT64, UINT8};
use strata_onnx::proto::{ModelProto, TensorProto};
use strata_onnx::testgen::*;

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("strata-run-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `y = relu(x @ w + b)` with `x: 2x3`, and a second output `shape(y)`; names with a `/`.
fn mlp() -> ModelProto {
    let w: Vec<f32> = (0..12).map(|i| i as f32 * 0.25 - 1.0).collect();
    let g = graph(
        vec![
            node("MatMul", "mm", &["in/x", "w"], &["h"], vec![]),
            node("Add", "add", &["h", "b"], &["z"], vec![]),
            node("Relu", "relu", &["z"], &["out/y"], vec![]),
            node("Shape", "shape", &["out/y"], &["s"], vec![]),
        ],
        vec![value("in/x", FLOAT, &[2, 3])],
        vec![value("out/y", FLOAT, &[2, 4]), value("s", INT64, &[2])],
        vec![
            tensor_f32("w", &[3, 4], &w),
            tensor_f32("b", &[4], &[0.5, -0.5, 0.0, 1.0]),
        ],
    );
    model(g, 17)
}

fn expected_y(x: &[f32]) -> Vec<f32> {
    let w: Vec<f32> = (0..12).map(|i| i as f32 * 0.25 - 1.0).collect();
    let b = [0.5f32, -0.5, 0.0, 1.0];
    let mut y = vec![0f32; 8];
    for i in 0..2 {
        for j in 0..4 {
            let mut acc = 0f32;
            for k in 0..3 {
                acc += x[i * 3 + k] * w[k * 4 + j];
            }
            y[i * 4 + j] = (acc + b[j]).max(0.0);
        }
    }
    y
}

fn run(args: &[&str]) -> (i32, String, String) {
    let argv: Vec<std::ffi::OsString> = std::iter::once("strata")
        .chain(args.iter().copied())
        .map(Into::into)
        .collect();
    let cli = strata_cli::cli::parse_command_line(argv).expect("command line parses");
    let strata_cli::Command::Run(a) = cli.command else {
        panic!("not a run command")
    };
    let mut out = Vec::new();
    let mut err = String::new();
    let code = strata_cli::run::run_to(&a, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), err)
}

#[test]
fn runs_onnx_with_npy_inputs_and_writes_named_outputs() {
    let dir = tmp_dir("npy");
    let m = dir.join("mlp.onnx");
    std::fs::write(&m, encode(&mlp())).unwrap();
    let x = [1.0f32, -2.0, 0.5, 3.0, 0.25, -1.0];
    let t = Tensor::from_vec(vec![2, 3], x.to_vec()).unwrap();
    std::fs::write(dir.join("x.npy"), t.write_npy().unwrap()).unwrap();
    let out = dir.join("out");
    let (code, stdout, err) = run(&[
        "run",
        m.to_str().unwrap(),
        "--interp",
        "--input",
        &format!("in/x={}", dir.join("x.npy").display()),
        "--output-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("input  in/x: tensor<2x3xf32> from"),
        "{stdout}"
    );
    assert!(stdout.contains("output out/y: tensor<2x4xf32>"), "{stdout}");
    let y = Tensor::read_npy(&std::fs::read(out.join("out_y.npy")).unwrap()).unwrap();
    assert_eq!(y.shape(), &[2, 4]);
    assert_eq!(y.as_slice::<f32>().unwrap(), expected_y(&x).as_slice());
    let s = Tensor::read_npy(&std::fs::read(out.join("s.npy")).unwrap()).unwrap();
    assert_eq!(s.as_slice::<i64>().unwrap(), &[2, 4]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn random_inputs_depend_only_on_the_seed() {
    let dir = tmp_dir("seed");
    let m = dir.join("mlp.onnx");
    std::fs::write(&m, encode(&mlp())).unwrap();
    let outputs = |seed: &str, sub: &str| {
        let out = dir.join(sub);
        let (code, stdout, err) = run(&[
            "run",
            m.to_str().unwrap(),
            "--seed",
            seed,
            "--output-dir",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            stdout.contains(&format!("random (seed {seed})")),
            "{stdout}"
        );
        std::fs::read(out.join("out_y.npy")).unwrap()
    };
    assert_eq!(outputs("7", "a"), outputs("7", "b"));
    assert_ne!(outputs("7", "a"), outputs("8", "c"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn runs_mlir_text_models() {
    let dir = tmp_dir("mlir");
    let m = dir.join("m.mlir");
    std::fs::write(
        &m,
        "func.func @f(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {\n\
         %0 = \"graph.add\"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>\n\
         return %0 : tensor<3xf32>\n}\n",
    )
    .unwrap();
    let a = Tensor::from_vec(vec![3], vec![1.0f32, 2.0, 3.0]).unwrap();
    std::fs::write(dir.join("a.npy"), a.write_npy().unwrap()).unwrap();
    let out = dir.join("out");
    let (code, stdout, err) = run(&[
        "run",
        m.to_str().unwrap(),
        "--input",
        &format!("arg0={}", dir.join("a.npy").display()),
        "--input",
        &format!("arg1={}", dir.join("a.npy").display()),
        "--output-dir",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("ran @f"), "{stdout}");
    let r = Tensor::read_npy(&std::fs::read(out.join("result0.npy")).unwrap()).unwrap();
    assert_eq!(r.as_slice::<f32>().unwrap(), &[2.0, 4.0, 6.0]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn errors_exit_1_with_a_diagnostic() {
    let dir = tmp_dir("err");
    let m = dir.join("mlp.onnx");
    std::fs::write(&m, encode(&mlp())).unwrap();
    let bad_shape = Tensor::from_vec(vec![3, 2], vec![0f32; 6]).unwrap();
    std::fs::write(dir.join("bad.npy"), bad_shape.write_npy().unwrap()).unwrap();
    std::fs::write(dir.join("garbage.npy"), b"\x93NUMPY garbage").unwrap();
    std::fs::write(dir.join("garbage.onnx"), b"\x08\x07\x12\xff\xff").unwrap();
    let model = m.to_str().unwrap();
    let cases: Vec<(Vec<String>, &str)> = vec![
        (
            vec!["--input".into(), "nope=x.npy".into()],
            "the model has no input 'nope' (inputs: in/x)",
        ),
        (
            vec!["--input".into(), "in/x".into()],
            "is not NAME=FILE.npy",
        ),
        (
            vec![
                "--input".into(),
                format!("in/x={}", dir.join("bad.npy").display()),
            ],
            "input 'in/x' of the model: expected a value of type tensor<2x3xf32>",
        ),
        (
            vec![
                "--input".into(),
                format!("in/x={}", dir.join("garbage.npy").display()),
            ],
            "garbage.npy: error:",
        ),
        (
            vec![
                "--input".into(),
                format!("in/x={}", dir.join("missing.npy").display()),
            ],
            "missing.npy: error:",
        ),
        (
            vec!["--target".into(), "tpu".into()],
            "unknown target 'tpu'",
        ),
    ];
    for (extra, want) in cases {
        let mut args = vec!["run", model];
        args.extend(extra.iter().map(String::as_str));
        let (code, _, err) = run(&args);
        assert_eq!(code, 1, "{args:?}");
        assert!(err.contains(want), "{args:?}: {err}");
    }
    let (code, _, err) = run(&["run", dir.join("garbage.onnx").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("invalid ONNX model"), "{err}");
    let _ = std::fs::remove_dir_all(&dir);
}

fn pb(t: &TensorProto) -> Vec<u8> {
    prost::Message::encode_to_vec(t)
}

/// Write a case directory: model, one data set, optional data.json.
fn write_case(
    root: &Path,
    name: &str,
    m: &ModelProto,
    inputs: &[TensorProto],
    outputs: &[TensorProto],
) {
    let dir = root.join(name);
    let ds = dir.join("test_data_set_0");
    std::fs::create_dir_all(&ds).unwrap();
    std::fs::write(dir.join("model.onnx"), encode(m)).unwrap();
    for (k, t) in inputs.iter().enumerate() {
        std::fs::write(ds.join(format!("input_{k}.pb")), pb(t)).unwrap();
    }
    for (k, t) in outputs.iter().enumerate() {
        std::fs::write(ds.join(format!("output_{k}.pb")), pb(t)).unwrap();
    }
}

fn conformance(args: &[&str]) -> (i32, String) {
    let argv: Vec<std::ffi::OsString> = std::iter::once("strata")
        .chain(args.iter().copied())
        .map(Into::into)
        .collect();
    let cli = strata_cli::cli::parse_command_line(argv).expect("command line parses");
    let strata_cli::Command::Conformance(a) = cli.command else {
        panic!("not a conformance command")
    };
    let mut out = Vec::new();
    let code = strata_cli::conformance::run(&a, &mut out).unwrap_or_else(|e| panic!("{e}"));
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn conformance_reports_statuses_and_checks_expected_results() {
    let root = tmp_dir("conf");
    let node_dir = root.join("node");
    let x = [1.0f32, -2.0, 0.5, 3.0, 0.25, -1.0];
    let y = expected_y(&x);
    let mlp_model = mlp();
    let xin = tensor_f32("in/x", &[2, 3], &x);
    let shape = tensor_i64("s", &[2], &[2, 4]);
    write_case(
        &node_dir,
        "test_mlp",
        &mlp_model,
        std::slice::from_ref(&xin),
        &[tensor_f32("out/y", &[2, 4], &y), shape.clone()],
    );
    let mut wrong = y.clone();
    wrong[3] += 0.5;
    write_case(
        &node_dir,
        "test_mlp_wrong",
        &mlp_model,
        std::slice::from_ref(&xin),
        &[tensor_f32("out/y", &[2, 4], &wrong), shape],
    );
    // Reshape's shape is a graph input: bound as a constant from the test data.
    let reshape = model(
        graph(
            vec![node_reshape()],
            vec![value("data", FLOAT, &[2, 3]), value("shape", INT64, &[2])],
            vec![value("r", FLOAT, &[3, 2])],
            vec![],
        ),
        14,
    );
    write_case(
        &node_dir,
        "test_reshape_dynamic",
        &reshape,
        &[
            tensor_f32("data", &[2, 3], &x),
            tensor_i64("shape", &[2], &[3, 2]),
        ],
        &[tensor_f32("r", &[3, 2], &x)],
    );
    let unsupported = model(
        graph(
            vec![node("ImageDecoder", "decode", &["b"], &["o"], vec![])],
            vec![value("b", UINT8, &[16])],
            vec![value("o", UINT8, &[4, 4, 3])],
            vec![],
        ),
        20,
    );
    write_case(&node_dir, "test_image_decoder", &unsupported, &[], &[]);

    let (code, out) = conformance(&["conformance", root.to_str().unwrap(), "-j", "2"]);
    assert_eq!(code, 0, "{out}");
    let status_of = |case: &str| {
        out.lines()
            .find(|l| l.split_whitespace().nth(1) == Some(case))
            .and_then(|l| l.split_whitespace().next())
            .unwrap_or("missing")
            .to_string()
    };
    assert_eq!(status_of("node/test_mlp"), "PASS", "{out}");
    assert_eq!(status_of("node/test_mlp_wrong"), "FAIL", "{out}");
    assert_eq!(status_of("node/test_reshape_dynamic"), "PASS", "{out}");
    assert_eq!(status_of("node/test_image_decoder"), "UNSUPPORTED", "{out}");
    assert!(out.contains("1 of 8 elements differ"), "{out}");
    assert!(out.contains("[constant inputs]"), "{out}");
    assert!(
        out.contains("conformance: 2 passed, 1 unsupported, 1 failed of 4 cases"),
        "{out}"
    );

    // Expected results: bless, then a regression fails and an improvement is reported.
    let expected = root.join("interp.expected");
    let exp = expected.to_str().unwrap();
    let (code, _) = conformance(&[
        "conformance",
        root.to_str().unwrap(),
        "--expected",
        exp,
        "--bless",
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&expected).unwrap();
    assert!(
        text.contains(
            "node/test_image_decoder UNSUPPORTED\nnode/test_mlp PASS\nnode/test_mlp_wrong FAIL\n"
        ),
        "{text}"
    );
    let (code, out) = conformance(&[
        "conformance",
        root.to_str().unwrap(),
        "--expected",
        exp,
        "-q",
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("0 regressions, 0 improvements"), "{out}");
    std::fs::write(
        &expected,
        text.replace("node/test_mlp_wrong FAIL", "node/test_mlp_wrong PASS")
            .replace(
                "node/test_image_decoder UNSUPPORTED",
                "node/test_image_decoder FAIL",
            ),
    )
    .unwrap();
    let (code, out) = conformance(&[
        "conformance",
        root.to_str().unwrap(),
        "--expected",
        exp,
        "-q",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("REGRESSION  node/test_mlp_wrong: expected PASS, got FAIL"),
        "{out}"
    );
    assert!(
        out.contains("improved    node/test_image_decoder: FAIL -> UNSUPPORTED"),
        "{out}"
    );

    // A tolerance override with a reason lets the near-miss pass.
    let ov = root.join("overrides.txt");
    std::fs::write(
        &ov,
        "node/test_mlp_wrong 1.0 1.0 # test of the override mechanism\n",
    )
    .unwrap();
    let (_, out) = conformance(&[
        "conformance",
        root.to_str().unwrap(),
        "--overrides",
        ov.to_str().unwrap(),
        "--filter",
        "wrong",
    ]);
    assert!(
        out.contains("conformance: 1 passed, 0 unsupported, 0 failed of 1 cases"),
        "{out}"
    );
    let _ = std::fs::remove_dir_all(&root);
}

fn node_reshape() -> strata_onnx::proto::NodeProto {
    node("Reshape", "reshape", &["data", "shape"], &["r"], vec![])
}

#[test]
fn bundled_example_matches_onnxruntime() {
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let dir = tmp_dir("example");
    let (code, stdout, err) = run(&[
        "run",
        ex.join("tiny_cnn.onnx").to_str().unwrap(),
        "--interp",
        "--input",
        &format!("image={}", ex.join("tiny_cnn.image.npy").display()),
        "--output-dir",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("output probs: tensor<1x10xf32>"),
        "{stdout}"
    );
    let got = Tensor::read_npy(&std::fs::read(dir.join("probs.npy")).unwrap()).unwrap();
    let want = Tensor::read_npy(&std::fs::read(ex.join("tiny_cnn.probs.onnxruntime.npy")).unwrap())
        .unwrap();
    let c = strata_interp::allclose(&got, &want, 1e-5, 1e-6);
    assert!(c.ok, "{c}");
    let _ = std::fs::remove_dir_all(&dir);
}
