//! Interop with upstream MLIR 22 (`mlir-opt-22`):
//!
//! * the corpus that `mlir-opt-22` printed in generic form (`tests/interop/generic*`,
//!   `tests/interop/strata-generic/expected`) parses into Strata (unknown dialects as
//!   unregistered ops) and prints back byte for byte — no `mlir-opt` needed;
//! * Strata's generic output of hand-written inputs and of every dialect filetest parses in
//!   `mlir-opt-22 --allow-unregistered-dialect`, and means the same thing: mlir-opt re-prints
//!   it exactly as it re-prints the original. These need `mlir-opt-22` and are reported as
//!   ignored (skipped) when it is not installed (`apt-get install mlir-22-tools`).

use std::path::{Path, PathBuf};
use strata::ir::text::{self, ParseOptions, PrintOptions};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mlir_files(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(repo().join(dir))
        .unwrap_or_else(|e| panic!("{dir} must exist: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "mlir"))
        .collect();
    v.sort();
    v
}

fn context() -> strata::ir::Context {
    let mut ctx = strata::default_context();
    ctx.allow_unregistered = true;
    ctx
}

/// Parse, verify and print `src` with Strata.
fn strata_print(src: &str, name: &str, opts: &PrintOptions) -> Result<String, String> {
    let ctx = context();
    let sources = {
        let mut s = strata::ir::SourceMap::new();
        s.add(name, src.into());
        s
    };
    let render = |ds: Vec<strata::ir::Diagnostic>| {
        ds.iter()
            .map(|d| strata::ir::diag::render(&ctx, &sources, d))
            .collect::<String>()
    };
    let m = text::parse(&ctx, name, src, &ParseOptions::default()).map_err(render)?;
    strata::ir::verify::verify_module(&ctx, &m).map_err(render)?;
    Ok(text::print_module(&ctx, &m, opts))
}

fn check_identical_reprint(dir: &str, debug_info: bool) {
    let files = mlir_files(dir);
    assert!(!files.is_empty(), "no .mlir files in {dir}");
    let mut failures = Vec::new();
    for f in files {
        let src = std::fs::read_to_string(&f).expect("readable corpus file");
        let name = f.strip_prefix(repo()).unwrap_or(&f).display().to_string();
        match strata_print(
            &src,
            &name,
            &PrintOptions {
                generic: true,
                debug_info,
            },
        ) {
            Ok(out) if out == src => {}
            Ok(out) => failures.push(format!(
                "{name}: output differs\n{}",
                first_diff(&src, &out)
            )),
            Err(e) => failures.push(format!("{name}: {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn first_diff(a: &str, b: &str) -> String {
    for (i, (x, y)) in a.lines().zip(b.lines()).enumerate() {
        if x != y {
            return format!("line {}:\n  mlir-opt: {x}\n  strata:   {y}", i + 1);
        }
    }
    format!(
        "line counts differ: {} vs {}",
        a.lines().count(),
        b.lines().count()
    )
}

#[test]
fn mlir_opt_generic_output_reprints_identically() {
    check_identical_reprint("tests/interop/generic", false);
}

#[test]
fn mlir_opt_generic_output_with_locations_reprints_identically() {
    check_identical_reprint("tests/interop/generic-loc", true);
}

#[test]
fn mlir_opt_reprints_of_unregistered_ops_reprint_identically() {
    check_identical_reprint("tests/interop/strata-generic/expected", false);
}

/// Valid MLIR that Strata does not support yet is rejected with a located "unsupported"
/// diagnostic, never a panic (`tests/interop/unsupported/README.md`).
#[test]
fn unsupported_builtin_syntax_is_a_located_error() {
    let files = mlir_files("tests/interop/unsupported");
    assert!(!files.is_empty());
    for f in files {
        let src = std::fs::read_to_string(&f).expect("readable input");
        let name = f.display().to_string();
        match strata_print(&src, &name, &PrintOptions::default()) {
            Ok(_) => panic!("{name} is now supported: move it to tests/interop/strata-generic/"),
            Err(e) => assert!(
                e.contains(": error: unsupported") && e.contains('^'),
                "{name}: expected a located 'unsupported' error, got:\n{e}"
            ),
        }
    }
}

#[cfg(has_mlir_opt)]
fn mlir_opt(input: &str) -> Result<String, String> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let tool = std::env::var("MLIR_OPT").unwrap_or_else(|_| "mlir-opt-22".to_string());
    let mut child = Command::new(tool)
        .args([
            "--allow-unregistered-dialect",
            "--mlir-print-op-generic",
            "-",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run mlir-opt: {e}"))?;
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(input.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

/// Strata's generic output of the hand-written unregistered-op inputs is accepted by mlir-opt
/// and means the same: mlir-opt re-prints it exactly as it re-prints the original input.
#[test]
#[cfg_attr(not(has_mlir_opt), ignore = "mlir-opt-22 is not installed")]
fn strata_generic_output_parses_in_mlir_opt() {
    #[cfg(has_mlir_opt)]
    {
        let mut failures = Vec::new();
        for f in mlir_files("tests/interop/strata-generic") {
            let name = f
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            let src = std::fs::read_to_string(&f).expect("readable input");
            let expected = std::fs::read_to_string(
                repo()
                    .join("tests/interop/strata-generic/expected")
                    .join(&name),
            )
            .expect("expected re-print exists");
            let generic = PrintOptions {
                generic: true,
                debug_info: false,
            };
            let ours = match strata_print(&src, &name, &generic) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{name}: strata rejects it: {e}"));
                    continue;
                }
            };
            match mlir_opt(&ours) {
                Ok(reprint) if reprint == expected => {}
                Ok(reprint) => failures.push(format!(
                    "{name}: mlir-opt reads a different program\n{}",
                    first_diff(&expected, &reprint)
                )),
                Err(e) => failures.push(format!("{name}: mlir-opt rejects strata's output: {e}")),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }
}

/// Every dialect filetest chunk that Strata accepts prints (generic form) to text mlir-opt
/// accepts.
#[test]
#[cfg_attr(not(has_mlir_opt), ignore = "mlir-opt-22 is not installed")]
fn dialect_filetests_generic_output_parses_in_mlir_opt() {
    #[cfg(has_mlir_opt)]
    {
        let mut failures = Vec::new();
        let mut checked = 0;
        let root = repo().join("tests/dialects");
        let Ok(entries) = std::fs::read_dir(&root) else {
            return;
        };
        let mut dirs: Vec<PathBuf> = entries.map(|e| e.expect("entry").path()).collect();
        dirs.sort();
        // `ops.mlir` and the `ops_<topic>.mlir` files beside it.
        let mut files = Vec::new();
        for d in dirs {
            let Ok(entries) = std::fs::read_dir(&d) else {
                continue;
            };
            let mut here: Vec<PathBuf> = entries
                .map(|e| e.expect("entry").path())
                .filter(|p| {
                    p.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
                        n == "ops.mlir" || (n.starts_with("ops_") && n.ends_with(".mlir"))
                    })
                })
                .collect();
            here.sort();
            files.extend(here);
        }
        for ops in files {
            let Ok(src) = std::fs::read_to_string(&ops) else {
                continue;
            };
            for (i, chunk) in src.split("\n// -----\n").enumerate() {
                let name = format!("{}#{i}", ops.display());
                let generic = PrintOptions {
                    generic: true,
                    debug_info: false,
                };
                let Ok(ours) = strata_print(chunk, &name, &generic) else {
                    continue;
                };
                checked += 1;
                if let Err(e) = mlir_opt(&ours) {
                    failures.push(format!(
                        "{name}: mlir-opt rejects strata's output: {e}\n{ours}"
                    ));
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
        eprintln!("{checked} dialect filetest chunks accepted by mlir-opt");
    }
}
