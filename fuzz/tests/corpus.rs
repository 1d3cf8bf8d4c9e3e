//! Replays every checked-in corpus file through its fuzz target body, so that the corpus (and
//! every crash ever found, which is added to it) is a regression suite run by `cargo test`.

use std::path::Path;

fn replay(dir: &str, target: fn(&[u8])) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap_or_else(|e| panic!("corpus directory {} must exist: {e}", root.display()))
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    for f in &files {
        let data = std::fs::read(f).expect("readable corpus file");
        let result = std::panic::catch_unwind(|| target(&data));
        assert!(
            result.is_ok(),
            "fuzz target panicked on corpus file {}",
            f.display()
        );
    }
    files.len()
}

#[test]
fn parse_corpus() {
    let n = replay("corpus/parse", strata_fuzz::parse_roundtrip);
    assert!(n > 0, "the parse corpus is empty");
}

#[test]
fn onnx_import_corpus() {
    let n = replay("corpus/onnx_import", strata_fuzz::onnx_import);
    assert!(n > 0, "the onnx_import corpus is empty");
}

#[test]
fn onnx_structured_corpus() {
    let n = replay("corpus/onnx_structured", strata_fuzz::onnx_structured);
    assert!(n > 0, "the onnx_structured corpus is empty");
}
