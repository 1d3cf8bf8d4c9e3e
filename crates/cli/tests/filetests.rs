//! The filetest harness: every `.mlir` file under the repository's `tests/` directory
//! (except `tests/interop/`, data for the interop test, and `tests/snapshots/`) is a test.
//!
//! Each file holds one or more RUN lines,
//!
//! ```text
//! // RUN: strata opt %s --split-input-file --verify-diagnostics
//! ```
//!
//! which are run in-process through the `strata` driver library (`%s` is the file's path
//! relative to the repository root, so diagnostics are stable across machines). The stdout,
//! stderr and exit code of all RUN lines of a file are compared with one `insta` snapshot,
//! `tests/snapshots/<dir>__<name>.snap`. A `--verify-diagnostics` run must also exit 0.
//!
//! Bless new or changed snapshots with `INSTA_UPDATE=always cargo test -p strata-cli --test
//! filetests` or `cargo insta review`; never edit them by hand (see `tests/README.md`).
//! Run a subset by name: `cargo test -p strata-cli --test filetests -- tests/ir/`.

use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};
use strata_cli::{cli, Command};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("repository root")
}

/// Directories under `tests/` that hold no filetests.
const SKIP_DIRS: &[&str] = &["interop", "snapshots"];

fn collect(dir: &Path, top: bool, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if path.is_dir() {
            if !(top && SKIP_DIRS.iter().any(|d| name == *d)) {
                collect(&path, false, out);
            }
        } else if path.extension().is_some_and(|e| e == "mlir") {
            out.push(path);
        }
    }
}

/// `tests/ir/split.mlir` -> `ir__split`.
fn snapshot_name(rel_to_tests: &str) -> String {
    rel_to_tests.trim_end_matches(".mlir").replace('/', "__")
}

fn main() {
    let args = Arguments::from_args();
    let root = repo_root();
    let tests_dir = root.join("tests");
    let mut files = Vec::new();
    collect(&tests_dir, true, &mut files);
    files.sort();

    let mut names = Vec::new();
    let mut trials: Vec<Trial> = files
        .into_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(&root)
                .expect("under root")
                .to_string_lossy()
                .replace('\\', "/");
            let rel_tests = path
                .strip_prefix(&tests_dir)
                .expect("under tests")
                .to_string_lossy()
                .replace('\\', "/");
            let name = snapshot_name(&rel_tests);
            names.push(name.clone());
            let root = root.clone();
            // A snapshot mismatch panics; libtest-mimic reports it as a failure.
            Trial::test(rel.clone(), move || run_file(&root, &path, &rel, &name))
        })
        .collect();

    let snap_dir = tests_dir.join("snapshots");
    trials.push(Trial::test(
        "tests/snapshots: no orphaned snapshots",
        move || orphaned_snapshots(&snap_dir, &names),
    ));

    libtest_mimic::run(&args, trials).exit();
}

/// Every `.snap` file must belong to an existing filetest (delete snapshots of removed tests).
fn orphaned_snapshots(snap_dir: &Path, names: &[String]) -> Result<(), Failed> {
    let Ok(entries) = std::fs::read_dir(snap_dir) else {
        return Ok(());
    };
    let mut orphans = Vec::new();
    for e in entries.flatten() {
        let file = e.file_name().to_string_lossy().into_owned();
        if let Some(stem) = file.strip_suffix(".snap") {
            if !names.iter().any(|n| n == stem) {
                orphans.push(file);
            }
        }
    }
    if orphans.is_empty() {
        Ok(())
    } else {
        orphans.sort();
        Err(format!(
            "snapshots without a filetest (delete them): {}",
            orphans.join(", ")
        )
        .into())
    }
}

/// The RUN lines of a file: `// RUN: ...`, with a trailing `\` continuing on the next RUN line.
fn run_lines(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut pending: Option<String> = None;
    for line in text.lines() {
        let Some(cmd) = line
            .trim_start()
            .strip_prefix("//")
            .and_then(|l| l.trim_start().strip_prefix("RUN:"))
        else {
            continue;
        };
        let cmd = cmd.trim();
        let (cmd, continues) = match cmd.strip_suffix('\\') {
            Some(c) => (c.trim_end(), true),
            None => (cmd, false),
        };
        let mut acc = pending.take().unwrap_or_default();
        if !acc.is_empty() {
            acc.push(' ');
        }
        acc.push_str(cmd);
        if continues {
            pending = Some(acc);
        } else {
            out.push(acc);
        }
    }
    out.extend(pending);
    out
}

fn run_file(root: &Path, path: &Path, rel: &str, name: &str) -> Result<(), Failed> {
    let input = std::fs::read(path).map_err(|e| format!("reading {rel}: {e}"))?;
    let text = String::from_utf8_lossy(&input);
    let runs = run_lines(&text);
    if runs.is_empty() {
        return Err(format!("{rel}: no `// RUN: strata ...` line").into());
    }

    let mut snapshot = String::new();
    let mut verify_failures = Vec::new();
    for run in &runs {
        if run.contains(['|', '<', '>', '\'', '"', '`', '$']) {
            return Err(format!(
                "{rel}: RUN lines are plain `strata ...` commands (no pipes, redirections or \
                 quoting); output is snapshotted instead: {run}"
            )
            .into());
        }
        let words: Vec<&str> = run.split_whitespace().collect();
        if words.first() != Some(&"strata") {
            return Err(format!("{rel}: RUN line must start with `strata`: {run}").into());
        }
        let argv = words
            .iter()
            .map(|w| if *w == "%s" { rel } else { w })
            .map(Into::into)
            .collect();
        let cli = cli::parse_command_line(argv)
            .map_err(|e| format!("{rel}: bad RUN line `{run}`:\n{e}"))?;
        let (outcome, verifying) = match cli.command {
            Command::Opt(args) => {
                if args.input != rel || args.output != "-" {
                    return Err(format!(
                        "{rel}: `strata opt` RUN lines read `%s` and write to stdout: {run}"
                    )
                    .into());
                }
                (
                    strata_cli::run_opt(&args, &input, rel),
                    args.verify_diagnostics,
                )
            }
            _ => {
                return Err(format!("{rel}: only `strata opt` is a filetest command: {run}").into())
            }
        };
        if verifying && outcome.exit_code != 0 {
            verify_failures.push(format!(
                "`{run}` exited {}:\n{}",
                outcome.exit_code, outcome.stderr
            ));
        }
        if !snapshot.is_empty() {
            snapshot.push('\n');
        }
        snapshot.push_str(&format!("RUN: {run}\nexit code: {}\n", outcome.exit_code));
        section(
            &mut snapshot,
            "stdout",
            &String::from_utf8_lossy(&outcome.stdout),
        );
        section(&mut snapshot, "stderr", &outcome.stderr);
    }

    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(root.join("tests/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_input_file(path);
    settings.bind(|| insta::assert_snapshot!(name.to_string(), snapshot));

    if verify_failures.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{rel}: --verify-diagnostics failed:\n{}",
            verify_failures.join("\n")
        )
        .into())
    }
}

fn section(out: &mut String, what: &str, text: &str) {
    if text.is_empty() {
        out.push_str(&format!("--- {what}: (empty)\n"));
    } else {
        out.push_str(&format!("--- {what}:\n{text}"));
        if !text.ends_with('\n') {
            out.push_str("\n--- (no newline at end)\n");
        }
    }
}
