//! End-to-end tests of the `strata` binary: exit codes, stderr format, `-o`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn strata(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_strata"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn strata");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin)
        .expect("write stdin");
    child.wait_with_output().expect("wait for strata")
}

fn text(b: &[u8]) -> &str {
    std::str::from_utf8(b).expect("UTF-8 output")
}

fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("strata-cli-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

#[test]
fn version() {
    let out = strata(&["--version"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!("strata {}\n", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn missing_input_file() {
    let out = strata(&["opt", "does-not-exist.mlir"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(
        text(&out.stderr),
        "strata: could not open input file 'does-not-exist.mlir': No such file or directory\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = strata(&["opt", "--bogus", "-"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("unexpected argument '--bogus'"),
        "{}",
        text(&out.stderr)
    );
    let out = strata(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = strata(&[], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn invalid_utf8_is_a_located_error() {
    let out = strata(
        &["opt", "-"],
        b"// ok\n\"ut.op\"() {s = \"caf\xe9\"} : () -> ()\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    let err = text(&out.stderr);
    assert!(
        err.starts_with("<stdin>:2:20: error: invalid UTF-8 in input\n"),
        "{err}"
    );
    // The source line and a caret under the offending byte follow.
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert_eq!(lines[2], format!("{}^", " ".repeat(19)));
}

#[test]
fn output_file_is_written_on_success_and_removed_on_failure() {
    let dir = scratch_dir("out");
    let out_path = dir.join("out.mlir");
    let out_str = out_path.to_str().expect("UTF-8 temp path");

    // Failure: exit 1, nothing on stdout, no output file left behind.
    let out = strata(&["opt", "-", "-o", out_str], b"\xff");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(text(&out.stdout), "");
    assert!(text(&out.stderr).contains("error: invalid UTF-8 in input"));
    assert!(!out_path.exists());

    {
        let input = b"\"ut.op\"() : () -> ()\n";
        let to_stdout = strata(&["opt", "--allow-unregistered-dialect", "-"], input);
        assert_eq!(
            to_stdout.status.code(),
            Some(0),
            "{}",
            text(&to_stdout.stderr)
        );
        let out = strata(
            &["opt", "-allow-unregistered-dialect", "-", "-o", out_str],
            input,
        );
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), "");
        assert_eq!(
            std::fs::read(&out_path).expect("output file"),
            to_stdout.stdout
        );
        assert!(text(&to_stdout.stdout).contains("\"ut.op\"() : () -> ()"));
        assert!(to_stdout.stdout.ends_with(b"\n\n"));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn split_input_file_fails_if_any_chunk_fails() {
    let out = strata(
        &[
            "opt",
            "--split-input-file",
            "--allow-unregistered-dialect",
            "-",
        ],
        b"\"ut.a\"() : () -> ()\n// -----\n\"ut.b\"() {s = \"\xff\"} : () -> ()\n// -----\n",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    // Line numbers are those of the whole input.
    assert!(
        err.contains("<stdin>:3:16: error: invalid UTF-8 in input\n"),
        "{err}"
    );
    let stdout = text(&out.stdout);
    assert_eq!(stdout.matches("// -----\n").count(), 2, "{stdout}");
    assert!(!stdout.contains("ut.b"), "{stdout}");
    // The first chunk's module, an empty line, the separators around the failed chunk, then
    // the (empty) module of the empty last chunk.
    let (first, rest) = stdout
        .split_once("\n\n")
        .expect("an empty line after the module");
    assert!(first.contains("  \"ut.a\"() : () -> ()\n"), "{stdout}");
    assert!(rest.starts_with("// -----\n// -----\n"), "{stdout}");
    assert!(rest.ends_with("}\n\n"), "{stdout}");
}

#[test]
fn verify_diagnostics_exit_codes() {
    // The expected error is produced: success, and nothing is printed for the failed input.
    let src = b"// expected-error @+1 {{invalid UTF-8 in input}}\n\"\xff\"\n";
    let out = strata(&["opt", "--verify-diagnostics", "-"], src);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), "");
    assert_eq!(text(&out.stderr), "");

    // The expectation names the wrong line: one unexpected and one missing diagnostic.
    let src = b"// expected-error {{invalid UTF-8 in input}}\n\"\xff\"\n";
    let out = strata(&["opt", "--verify-diagnostics", "-"], src);
    assert_eq!(out.status.code(), Some(1));
    let expected = format!(
        "<stdin>:2:2: error: unexpected error: invalid UTF-8 in input\n\
         \"\u{fffd}\"\n \
         ^\n\
         <stdin>:1:4: error: expected error \"invalid UTF-8 in input\" was not produced\n\
         // expected-error {{{{invalid UTF-8 in input}}}}\n   \
         ^{}\n",
        "~".repeat("invalid UTF-8 in input".len() - 1)
    );
    assert_eq!(text(&out.stderr), expected);
}
