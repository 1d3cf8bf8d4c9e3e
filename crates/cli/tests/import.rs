//! `strata import`: a small model imports and prints; malicious models fail with exit code 1.

use std::path::{Path, PathBuf};
use strata_onnx::proto::data_type::FLOAT;
use strata_onnx::testgen::*;

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("strata-import-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn imports_prints_and_writes_output() {
    let dir = tmp_dir("ok");
    let g = graph(
        vec![
            node("MatMul", "mm", &["x", "w"], &["h"], vec![]),
            node("Relu", "relu", &["h"], &["y"], vec![]),
        ],
        vec![value("x", FLOAT, &[-1, 8])],
        vec![value("y", FLOAT, &[-1, 8])],
        vec![tensor_f32("w", &[8, 8], &[0.25; 64])],
    );
    let model = dir.join("m.onnx");
    std::fs::write(&model, encode(&model_of(g))).unwrap();
    let out = dir.join("m.mlir");
    let code = strata_cli::main_with([
        "strata",
        "import",
        model.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--mlir-print-op-generic",
    ]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\"graph.matmul\""), "{text}");
    assert!(text.contains("\"func.func\""), "{text}");
    assert!(text.contains("tensor<?x8xf32>"), "{text}");
    assert!(text.contains("dense_resource<w>"), "{text}");
    assert!(text.contains("dialect_resources"), "{text}");
    // The output re-parses and verifies.
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "m.mlir", &text, &Default::default()).unwrap();
    strata::ir::verify::verify_module(&ctx, &m).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

fn model_of(g: strata_onnx::proto::GraphProto) -> strata_onnx::proto::ModelProto {
    model(g, 17)
}

#[test]
fn malicious_models_fail_without_output() {
    let dir = tmp_dir("bad");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/onnx/malicious");
    for name in [
        "cycle.onnx",
        "huge_dims.onnx",
        "nested_if_3000.onnx",
        "path_traversal.onnx",
    ] {
        let out = dir.join("out.mlir");
        let code = strata_cli::main_with([
            "strata",
            "import",
            root.join(name).to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 1, "{name}");
        assert!(!out.exists(), "{name}");
    }
    let code = strata_cli::main_with(["strata", "import", "/nonexistent/model.onnx"]);
    assert_eq!(code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}
