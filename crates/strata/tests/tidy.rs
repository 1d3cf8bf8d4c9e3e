//! Repository hygiene checks: every Rust module opens with a `//!` doc comment, and no source
//! file grows past what one person can hold in mind.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') && name != "corpus" {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

fn all_rust_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    for top in ["crates", "dialects", "passes", "fuzz"] {
        rust_files(&root.join(top), &mut files);
    }
    files.sort();
    files
}

#[test]
fn every_module_opens_with_a_doc_comment() {
    let mut missing = Vec::new();
    for f in all_rust_files() {
        let text = std::fs::read_to_string(&f).expect("readable source");
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
        if !first.starts_with("//!") {
            missing.push(f.display().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "modules without a leading //! comment: {missing:#?}"
    );
}

#[test]
fn no_source_file_is_too_long() {
    const LIMIT: usize = 2500;
    let mut long = Vec::new();
    for f in all_rust_files() {
        let n = std::fs::read_to_string(&f)
            .expect("readable source")
            .lines()
            .count();
        if n > LIMIT {
            long.push(format!("{} ({n} lines)", f.display()));
        }
    }
    assert!(
        long.is_empty(),
        "split these files along a real seam (limit {LIMIT} lines): {long:#?}"
    );
}
