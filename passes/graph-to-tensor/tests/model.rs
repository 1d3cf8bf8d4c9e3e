//! The bundled example model (`examples/tiny_cnn.onnx`: conv, batch_norm, relu, max_pool,
//! flatten, gemm, softmax, with initializers as resource blobs) converts completely and
//! gives the interpreter's results before the conversion, and onnxruntime's.

use std::path::Path;
use strata_interp::{allclose, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

#[test]
fn tiny_cnn_converts_and_matches() {
    assert_eq!(
        strata_graph_to_tensor::GRAPH_TO_TENSOR.name,
        "graph-to-tensor"
    );
    let ex = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
    let ctx = strata::default_context();
    let mut m = strata_onnx::import_file(&ctx, &ex.join("tiny_cnn.onnx"), Default::default())
        .expect("import");
    let image = Tensor::read_npy(&std::fs::read(ex.join("tiny_cnn.image.npy")).expect("image"))
        .expect("npy");
    let want =
        Tensor::read_npy(&std::fs::read(ex.join("tiny_cnn.probs.onnxruntime.npy")).expect("probs"))
            .expect("npy");
    let before = Interpreter::new(&ctx, &m)
        .run("main", std::slice::from_ref(&image))
        .expect("interp before");
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    assert!(!text.contains("\"graph."), "graph ops left:\n{text}");
    for op in [
        "tensor.conv2d_nchw_fchw",
        "tensor.pool_nchw_max",
        "tensor.generic",
    ] {
        assert!(text.contains(op), "no {op} in:\n{text}");
    }
    let after = Interpreter::new(&ctx, &m)
        .run("main", &[image])
        .expect("interp after");
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        let c = allclose(a, b, 1e-5, 1e-6);
        assert!(c.ok, "tensor form vs graph form: {c}");
    }
    let c = allclose(&after[0], &want, 1e-5, 1e-6);
    assert!(c.ok, "tensor form vs onnxruntime: {c}");
}
