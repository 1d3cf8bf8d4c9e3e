//! The `mlir-opt-22` interop corpus (`tests/interop/generic*`): every file parses with
//! unregistered dialects allowed and re-prints (generic form) byte for byte.

use std::path::{Path, PathBuf};
use strata_ir::text::{self, ParseOptions, PrintOptions};
use strata_ir::Context;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn files(dir: &str) -> Option<Vec<PathBuf>> {
    let rd = std::fs::read_dir(repo().join(dir)).ok()?;
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "mlir"))
        .collect();
    v.sort();
    Some(v)
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  expected: {x}\n  strata:   {y}", i + 1);
        }
    }
    format!(
        "line counts differ: {} vs {}",
        a.lines().count(),
        b.lines().count()
    )
}

fn check(dir: &str, debug_info: bool) {
    check_allowing(dir, debug_info, &[]);
}

/// Like `check`, but the files named in `unsupported` may fail with an "unsupported"
/// diagnostic (they use builtin types or attributes Strata does not model).
fn check_allowing(dir: &str, debug_info: bool, unsupported: &[&str]) {
    let Some(fs) = files(dir) else {
        eprintln!("note: {dir} does not exist; skipping");
        return;
    };
    let mut failures = Vec::new();
    for f in fs {
        let src = std::fs::read_to_string(&f).expect("readable");
        let name = f.strip_prefix(repo()).unwrap_or(&f).display().to_string();
        let mut ctx = Context::new();
        ctx.allow_unregistered = true;
        let expect_unsupported = unsupported.iter().any(|u| name.ends_with(u));
        let m = match text::parse(&ctx, &name, &src, &ParseOptions::default()) {
            Ok(m) => m,
            Err(d) if expect_unsupported && d[0].message.starts_with("unsupported") => {
                eprintln!("note: {name}: {}", d[0].message);
                continue;
            }
            Err(d) => {
                failures.push(format!("{name}: parse error: {:?}", d[0].message));
                continue;
            }
        };

        let out = text::print_module(
            &ctx,
            &m,
            &PrintOptions {
                generic: true,
                debug_info,
            },
        );
        if out != src {
            failures.push(format!("{name}: differs\n{}", first_diff(&src, &out)));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn generic_corpus_reprints_identically() {
    check("tests/interop/generic", false);
}

#[test]
fn generic_loc_corpus_reprints_identically() {
    check("tests/interop/generic-loc", true);
}

/// Older versions of `attributes.mlir` and `types.mlir` used `tf32`, `f80`, `f128`, `f8*`,
/// `sparse<>`, `distinct[]<>` and dense string elements, which Strata rejects as unsupported
/// (those cases now live in `tests/interop/unsupported`).
#[test]
fn strata_generic_expected_reprints_identically() {
    check_allowing(
        "tests/interop/strata-generic/expected",
        false,
        &["attributes.mlir", "types.mlir"],
    );
}

/// Valid MLIR that Strata rejects on purpose: each file gives a located "unsupported"
/// diagnostic.
#[test]
fn unsupported_builtin_syntax_is_rejected_with_a_located_diagnostic() {
    let Some(fs) = files("tests/interop/unsupported") else {
        eprintln!("note: tests/interop/unsupported does not exist; skipping");
        return;
    };
    for f in fs {
        let src = std::fs::read_to_string(&f).expect("readable");
        let mut ctx = Context::new();
        ctx.allow_unregistered = true;
        let name = f.display().to_string();
        match text::parse(&ctx, &name, &src, &ParseOptions::default()) {
            Ok(_) => panic!("{name}: expected an 'unsupported' diagnostic"),
            Err(d) => {
                assert!(
                    d[0].message.starts_with("unsupported"),
                    "{name}: {}",
                    d[0].message
                );
                assert!(
                    ctx.loc_file_line_col(d[0].loc).is_some(),
                    "{name}: not located"
                );
            }
        }
    }
}
