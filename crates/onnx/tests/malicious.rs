//! The malicious models of the reliability suite (`tests/onnx/malicious/`, produced by
//! `strata_onnx::testgen::malicious`) and every external-data attack, each rejected with
//! its specific error in well under a second.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use strata_onnx::proto::{data_location, data_type::FLOAT, StringStringEntryProto};
use strata_onnx::testgen::*;
use strata_onnx::{import_file, ImportError, Limits};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/onnx/malicious")
}

/// The checked-in files are exactly what the generator produces. Run with
/// `STRATA_REGEN_ONNX=1` to (re)write them.
#[test]
fn checked_in_files_match_the_generator() {
    let regen = std::env::var_os("STRATA_REGEN_ONNX").is_some();
    for (name, bytes) in malicious() {
        let path = dir().join(name);
        if regen {
            std::fs::create_dir_all(dir()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
        let on_disk = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{}: {e} (regenerate with STRATA_REGEN_ONNX=1)",
                path.display()
            )
        });
        assert!(on_disk == bytes, "{name} differs from the generator output");
    }
    // Seed the fuzz corpus with the malicious and the valid sample models.
    if regen {
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/onnx_import");
        std::fs::create_dir_all(&corpus).unwrap();
        for (name, bytes) in malicious().into_iter().chain(samples()) {
            std::fs::write(corpus.join(name), bytes).unwrap();
        }
    }
}

#[test]
fn samples_import() {
    let ctx = strata::default_context();
    for (name, bytes) in samples() {
        let m = strata_onnx::import_bytes(&ctx, &bytes, &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        strata::ir::verify::verify_module(&ctx, &m).unwrap();
    }
}

fn import_malicious(name: &str) -> ImportError {
    let ctx = strata::default_context();
    let start = Instant::now();
    let r = import_file(&ctx, &dir().join(name), Limits::default());
    let took = start.elapsed();
    assert!(took < Duration::from_secs(1), "{name} took {took:?}");
    match r {
        Ok(_) => panic!("{name} was imported"),
        Err(e) => e,
    }
}

fn invalid_what(e: ImportError) -> String {
    match e {
        ImportError::InvalidModel { what, .. } => what,
        other => panic!("expected InvalidModel, got {other:?}"),
    }
}

#[test]
fn path_traversal() {
    let what = invalid_what(import_malicious("path_traversal.onnx"));
    assert!(what.contains("'..'"), "{what}");
}

#[test]
fn huge_dims_with_one_value() {
    match import_malicious("huge_dims.onnx") {
        ImportError::LimitExceeded { what, limit } => {
            assert!(
                what.contains("tensor elements of initializer 'w'"),
                "{what}"
            );
            assert_eq!(limit, 1_000_000_000);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn raw_data_length_mismatch() {
    let what = invalid_what(import_malicious("raw_data_mismatch.onnx"));
    assert!(what.contains("raw_data holds 7 bytes"), "{what}");
}

#[test]
fn deeply_nested_subgraphs() {
    match import_malicious("nested_if_3000.onnx") {
        ImportError::LimitExceeded { what, limit } => {
            assert!(what.contains("subgraph nesting depth"), "{what}");
            assert_eq!(limit, u64::from(Limits::default().max_subgraph_depth));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn shallow_if_is_unsupported_not_a_limit() {
    let ctx = strata::default_context();
    let bytes = nested_if_model(3, 17);
    let e = strata_onnx::import_bytes(&ctx, &bytes, &Default::default()).unwrap_err();
    // The outer graph's `c` is undefined: reported as an invalid model before lowering.
    assert!(matches!(e, ImportError::InvalidModel { .. }), "{e:?}");
}

#[test]
fn cycle() {
    let what = invalid_what(import_malicious("cycle.onnx"));
    assert!(what.contains("cycle"), "{what}");
}

#[test]
fn duplicate_names() {
    let what = invalid_what(import_malicious("duplicate_names.onnx"));
    assert!(what.contains("'y' is defined more than once"), "{what}");
}

#[test]
fn unknown_opset_domain() {
    match import_malicious("unknown_opset.onnx") {
        ImportError::Unsupported(list) => {
            assert_eq!(list.len(), 1);
            assert_eq!(list[0].domain, "com.example.unknown");
            assert_eq!(list[0].op_type, "Frobnicate");
            assert_eq!(list[0].opset, 0);
            assert_eq!(list[0].node, "f");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn arbitrary_bytes_are_invalid() {
    let ctx = strata::default_context();
    for bytes in [&b"\xff\xff\xff"[..], b"\x3a\x05abc", b"not a model at all"] {
        let r = strata_onnx::import_bytes(&ctx, bytes, &Default::default());
        assert!(r.is_err());
    }
}

// ----- external data -----

/// Write a model whose initializer `w` (2 floats) lives in external data with `entries`,
/// into `dir/model.onnx`, and import it.
fn import_external(dir: &Path, entries: &[(&str, &str)]) -> Result<String, ImportError> {
    let mut t = tensor_f32("w", &[2], &[]);
    t.data_location = data_location::EXTERNAL;
    t.external_data = entries
        .iter()
        .map(|(k, v)| StringStringEntryProto {
            key: k.to_string(),
            value: v.to_string(),
        })
        .collect();
    let g = graph(
        vec![node("Add", "add", &["x", "w"], &["y"], vec![])],
        vec![value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[2])],
        vec![t],
    );
    let path = dir.join("model.onnx");
    std::fs::write(&path, encode(&model(g, 17))).unwrap();
    let ctx = strata::default_context();
    let start = Instant::now();
    let r = import_file(&ctx, &path, Limits::default());
    assert!(start.elapsed() < Duration::from_secs(1));
    r.map(|m| strata::ir::text::print_module(&ctx, &m, &Default::default()))
}

fn weights(dir: &Path, name: &str) {
    let bytes: Vec<u8> = [1.5f32, -2.0]
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn rejected(dir: &Path, entries: &[(&str, &str)], needle: &str) {
    match import_external(dir, entries) {
        Err(ImportError::InvalidModel { what, .. }) => {
            assert!(what.contains(needle), "{entries:?}: {what}")
        }
        other => panic!("{entries:?}: expected InvalidModel containing '{needle}', got {other:?}"),
    }
}

#[test]
fn external_data_inside_the_directory_loads() {
    let tmp = tempfile::tempdir().unwrap();
    weights(tmp.path(), "w.bin");
    let text = import_external(tmp.path(), &[("location", "w.bin")]).unwrap();
    assert!(text.contains("graph.constant"), "{text}");
    std::fs::create_dir(tmp.path().join("data")).unwrap();
    let mut bytes = vec![0u8; 4];
    bytes.extend([1.5f32, -2.0].iter().flat_map(|v| v.to_le_bytes()));
    std::fs::write(tmp.path().join("data/all.bin"), bytes).unwrap();
    import_external(
        tmp.path(),
        &[
            ("location", "./data/all.bin"),
            ("offset", "4"),
            ("length", "8"),
        ],
    )
    .unwrap();
}

#[test]
fn external_data_parent_and_absolute_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let inner = tmp.path().join("model");
    std::fs::create_dir(&inner).unwrap();
    weights(tmp.path(), "outside.bin");
    rejected(&inner, &[("location", "../outside.bin")], "'..'");
    rejected(&inner, &[("location", "sub/../../outside.bin")], "'..'");
    let abs = tmp.path().join("outside.bin");
    rejected(&inner, &[("location", abs.to_str().unwrap())], "absolute");
    rejected(&inner, &[("location", "/dev/null")], "absolute");
    rejected(&inner, &[("location", "")], "empty");
    rejected(&inner, &[("location", "a\\..\\b")], "backslash");
    rejected(&inner, &[], "without 'location'");
}

#[test]
fn external_data_symlinks() {
    let tmp = tempfile::tempdir().unwrap();
    weights(tmp.path(), "w.bin");
    std::os::unix::fs::symlink(tmp.path().join("w.bin"), tmp.path().join("link.bin")).unwrap();
    rejected(tmp.path(), &[("location", "link.bin")], "symbolic link");
    std::os::unix::fs::symlink("/dev/null", tmp.path().join("null.bin")).unwrap();
    rejected(tmp.path(), &[("location", "null.bin")], "symbolic link");
    // A symlinked directory component.
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).unwrap();
    weights(&real, "w.bin");
    std::os::unix::fs::symlink(&real, tmp.path().join("linkdir")).unwrap();
    rejected(
        tmp.path(),
        &[("location", "linkdir/w.bin")],
        "symbolic link",
    );
}

#[test]
fn external_data_hardlinks() {
    let tmp = tempfile::tempdir().unwrap();
    weights(tmp.path(), "w.bin");
    std::fs::hard_link(tmp.path().join("w.bin"), tmp.path().join("hard.bin")).unwrap();
    rejected(tmp.path(), &[("location", "hard.bin")], "hard links");
    rejected(tmp.path(), &[("location", "w.bin")], "hard links");
}

#[test]
fn external_data_non_regular_files() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("dir.bin")).unwrap();
    rejected(tmp.path(), &[("location", "dir.bin")], "not a regular file");
    weights(tmp.path(), "file");
    rejected(tmp.path(), &[("location", "file/w.bin")], "not a directory");
    // A FIFO, when the `mkfifo` tool is available (opening one would block forever).
    let fifo = tmp.path().join("fifo.bin");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .is_ok_and(|s| s.success());
    if made {
        rejected(
            tmp.path(),
            &[("location", "fifo.bin")],
            "not a regular file",
        );
    }
}

#[test]
fn external_data_ranges() {
    let tmp = tempfile::tempdir().unwrap();
    weights(tmp.path(), "w.bin");
    let loc = ("location", "w.bin");
    rejected(tmp.path(), &[loc, ("offset", "100")], "past the end");
    rejected(
        tmp.path(),
        &[loc, ("offset", "4"), ("length", "8")],
        "past the end",
    );
    rejected(
        tmp.path(),
        &[loc, ("offset", "18446744073709551615"), ("length", "10")],
        "overflows",
    );
    rejected(
        tmp.path(),
        &[loc, ("offset", "99999999999999999999")],
        "overflows",
    );
    rejected(tmp.path(), &[loc, ("offset", "-1")], "decimal");
    rejected(tmp.path(), &[loc, ("length", "4")], "needs 8");
    rejected(tmp.path(), &[("location", "missing.bin")], "missing.bin");
}

#[test]
fn external_data_needs_a_directory() {
    let mut t = tensor_f32("w", &[2], &[]);
    t.data_location = data_location::EXTERNAL;
    t.external_data = vec![StringStringEntryProto {
        key: "location".into(),
        value: "w.bin".into(),
    }];
    let g = graph(
        vec![node("Add", "add", &["x", "w"], &["y"], vec![])],
        vec![value("x", FLOAT, &[2])],
        vec![value("y", FLOAT, &[2])],
        vec![t],
    );
    let ctx = strata::default_context();
    let e = strata_onnx::import_bytes(&ctx, &encode(&model(g, 17)), &Default::default());
    assert!(
        matches!(e, Err(ImportError::InvalidModel { ref what, .. }) if what.contains("directory")),
        "{e:?}"
    );
}

/// A deterministic stand-in for the fuzzer under `cargo test`: byte flips, truncations and
/// splices of the sample and malicious models never panic.
#[test]
fn mutated_models_never_panic() {
    let ctx = strata::default_context();
    let opts = strata_onnx::ImportOptions {
        limits: Limits {
            max_tensor_elements: 1 << 16,
            max_tensor_bytes: 1 << 20,
            ..Limits::default()
        },
        ..Default::default()
    };
    let seeds: Vec<Vec<u8>> = samples()
        .into_iter()
        .chain(
            malicious()
                .into_iter()
                .filter(|(n, _)| !n.starts_with("nested")),
        )
        .map(|(_, b)| b)
        .collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for seed in &seeds {
        for _ in 0..400 {
            let mut b = seed.clone();
            for _ in 0..(next() % 4 + 1) {
                if b.is_empty() {
                    break;
                }
                let i = (next() as usize) % b.len();
                match next() % 4 {
                    0 => b[i] = next() as u8,
                    1 => b.truncate(i),
                    2 => b.insert(i, next() as u8),
                    _ => {
                        let j = (next() as usize) % b.len();
                        b[i] = b[j];
                    }
                }
            }
            if let Ok(m) = strata_onnx::import_bytes(&ctx, &b, &opts) {
                strata::ir::verify::verify_module(&ctx, &m)
                    .unwrap_or_else(|e| panic!("does not verify: {:?}", e.first()));
            }
        }
    }
}
