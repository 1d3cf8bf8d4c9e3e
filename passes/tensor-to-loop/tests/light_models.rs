//! Smoke test on the ONNX light models (ResNet-50, DenseNet-121, Inception v1/v2,
//! ShuffleNet, SqueezeNet, VGG-19, AlexNet, ZFNet-512): each imports and goes through
//! `graph-to-tensor{full=true},tensor-generalize,bufferize,plan-memory,tensor-to-loop`
//! with verification after every pass; afterwards no tensor or graph op remains and every
//! allocation is freed once. Ignored by default (it needs the conformance data, by default
//! in `/tmp/conf/light`, or the directory in `STRATA_LIGHT_DIR`, and takes a while in a
//! debug build): `cargo test -p strata-tensor-to-loop --test light_models -- --ignored`.
//! (Numbers: `strata conformance <dir> --target cpu` runs the same pipeline and compares
//! with the reference outputs.)

use std::path::PathBuf;
use strata::pass::{parse_pipeline, PassManager};

const PIPELINE: &str =
    "graph-to-tensor{full=true},tensor-generalize,bufferize,plan-memory,tensor-to-loop";

#[test]
#[ignore = "needs the ONNX light models (STRATA_LIGHT_DIR, default /tmp/conf/light)"]
fn light_models_lower_to_loops() {
    let dir = std::env::var_os("STRATA_LIGHT_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/tmp/conf/light"));
    let Ok(entries) = std::fs::read_dir(&dir) else {
        panic!("no light models in {}", dir.display());
    };
    let mut models: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path().join("model.onnx"))
        .filter(|p| p.exists())
        .collect();
    models.sort();
    assert!(!models.is_empty(), "no model.onnx under {}", dir.display());
    for path in models {
        let ctx = strata::default_context();
        let mut m = strata_onnx::import_file(&ctx, &path, strata_onnx::Limits::default())
            .unwrap_or_else(|e| panic!("{}: import: {e:?}", path.display()));
        let mut pm = PassManager::new(
            parse_pipeline(&format!("builtin.module({PIPELINE})"), "builtin.module")
                .expect("pipeline"),
        );
        pm.threads = 1;
        let report = pm.run(&ctx, &mut m);
        assert!(
            !report.failed,
            "{}: {:?}",
            path.display(),
            report
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        );
        let text = strata::ir::text::print_module(&ctx, &m, &Default::default());
        for bad in ["\"tensor.", "\"graph."] {
            assert!(
                !text.contains(bad),
                "{}: a {bad} op remains",
                path.display()
            );
        }
        assert_eq!(
            text.matches("\"loop.alloc\"").count(),
            text.matches("\"loop.dealloc\"").count(),
            "{}: allocations and deallocations differ",
            path.display()
        );
        eprintln!("{}: lowered to loops", path.display());
    }
}
