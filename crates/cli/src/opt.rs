//! `strata opt`: parse, verify and print MLIR text, like `mlir-opt` with no passes.
//!
//! Per input (or per `// -----` chunk with `--split-input-file`), in a fresh context with every
//! in-tree dialect registered ([`strata::default_context`]):
//!
//! 1. parse with [`strata::ir::text::parse_bytes`] (so invalid UTF-8 is a located error);
//! 2. verify with [`strata::ir::verify::verify_module`];
//! 3. print with [`strata::ir::text::write_module`], followed by an empty line, as `mlir-opt`
//!    does.
//!
//! Diagnostics are rendered with [`strata::ir::diag::render`] (`file:line:col: error: ...`, the
//! source line and a caret). A failed input prints nothing on stdout and makes the exit code 1.
//! With `--verify-diagnostics` the diagnostics are instead matched against `expected-*`
//! comments (see [`crate::expect`]) and only mismatches are reported.

use crate::expect;
use crate::split::{self, Chunk};
use std::borrow::Cow;
use std::io::Write;
use strata::ir::diag::{self, SourceMap};
use strata::ir::text::{self, ParseOptions};
use strata::ir::{Context, Diagnostic, Module};
use strata::pass::{parse_pipeline, IrPrintConfig, PassManager};

/// Options of `strata opt`.
///
/// Boolean flags also accept an explicit value (`--mlir-print-debuginfo=false`), and every long
/// option may be spelled with a single dash (`-split-input-file`), as in `mlir-opt`.
#[derive(clap::Args, Clone, Debug, PartialEq, Eq)]
pub struct OptArgs {
    /// Input file, `-` for standard input.
    #[arg(value_name = "FILE", default_value = "-")]
    pub input: String,

    /// Output file, `-` for standard output. Not created (or removed) when processing fails.
    #[arg(short = 'o', value_name = "OUT", default_value = "-")]
    pub output: String,

    /// How to print the IR.
    #[command(flatten)]
    pub print: crate::print_flags::PrintFlags,

    /// Split the input at lines `// -----` and process each chunk separately; outputs are
    /// separated by `// -----` lines.
    #[arg(
        long,
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub split_input_file: bool,

    /// Check diagnostics against `// expected-error {{...}}` (and `-warning`, `-note`,
    /// `-remark`) comments instead of printing them; succeed when they all match.
    #[arg(
        long,
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub verify_diagnostics: bool,

    /// Accept operations, types and attributes of dialects that are not registered.
    #[arg(
        long,
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub allow_unregistered_dialect: bool,

    /// Run this textual pass pipeline, e.g.
    /// `builtin.module(func.func(cse,canonicalize{max-iterations=10}))`.
    #[arg(long = "pass-pipeline", value_name = "PIPELINE")]
    pub pass_pipeline: Option<String>,

    /// Passes given as individual flags (`-cse`, `--canonicalize=max-iterations=3`), in order.
    /// Filled by [`crate::cli::parse_command_line`], which recognises every registered pass
    /// name.
    #[arg(skip)]
    pub pass_flags: Vec<String>,

    /// List the registered passes with their summaries and options, then exit.
    #[arg(
        long = "list-passes",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub list_passes: bool,

    /// Worker threads for function-level pipelines: 0 = all cores, 1 = no thread pool.
    #[arg(long = "threads", value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// Run pipelines on one thread (same as `--threads=1`).
    #[arg(
        long = "mlir-disable-threading",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub disable_threading: bool,

    /// Verify the IR after every pass (on by default).
    #[arg(
        long = "verify-each",
        num_args = 0..=1,
        require_equals = true,
        default_value = "true",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub verify_each: bool,

    /// Print a per-pass wall-clock timing report to standard error.
    #[arg(
        long = "mlir-timing",
        visible_alias = "timing",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub timing: bool,

    /// Print pass statistics to standard error.
    #[arg(
        long = "mlir-pass-statistics",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub pass_statistics: bool,

    /// Print the IR before these passes (comma-separated pass names).
    #[arg(
        long = "mlir-print-ir-before",
        value_name = "PASSES",
        value_delimiter = ','
    )]
    pub print_ir_before: Vec<String>,

    /// Print the IR after these passes (comma-separated pass names).
    #[arg(
        long = "mlir-print-ir-after",
        value_name = "PASSES",
        value_delimiter = ','
    )]
    pub print_ir_after: Vec<String>,

    /// Print the IR before every pass.
    #[arg(
        long = "mlir-print-ir-before-all",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_ir_before_all: bool,

    /// Print the IR after every pass.
    #[arg(
        long = "mlir-print-ir-after-all",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_ir_after_all: bool,

    /// With the after-pass printing flags: only print when the pass changed the IR.
    #[arg(
        long = "mlir-print-ir-after-change",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_ir_after_change: bool,

    /// Print the IR after a pass that failed.
    #[arg(
        long = "mlir-print-ir-after-failure",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub print_ir_after_failure: bool,

    /// Write IR dumps to this directory, one file per dump, instead of standard error.
    #[arg(long = "mlir-print-ir-tree-dir", value_name = "DIR")]
    pub print_ir_tree_dir: Option<String>,

    /// On a pipeline failure, write a reproducer (input IR + pipeline) to this file.
    #[arg(long = "mlir-pass-pipeline-crash-reproducer", value_name = "FILE")]
    pub crash_reproducer: Option<String>,

    /// The input is a reproducer: run the pipeline recorded in it.
    #[arg(
        long = "run-reproducer",
        num_args = 0..=1,
        require_equals = true,
        default_value = "false",
        default_missing_value = "true",
        value_parser = clap::builder::BoolishValueParser::new(),
        action = clap::ArgAction::Set,
        value_name = "BOOL",
        hide_default_value = true,
        hide_possible_values = true,
    )]
    pub run_reproducer: bool,
}

impl Default for OptArgs {
    fn default() -> Self {
        OptArgs {
            input: "-".into(),
            output: "-".into(),
            print: Default::default(),
            split_input_file: false,
            verify_diagnostics: false,
            allow_unregistered_dialect: false,
            pass_pipeline: None,
            pass_flags: Vec::new(),
            list_passes: false,
            threads: 0,
            disable_threading: false,
            verify_each: true,
            timing: false,
            pass_statistics: false,
            print_ir_before: Vec::new(),
            print_ir_after: Vec::new(),
            print_ir_before_all: false,
            print_ir_after_all: false,
            print_ir_after_change: false,
            print_ir_after_failure: false,
            print_ir_tree_dir: None,
            crash_reproducer: None,
            run_reproducer: false,
        }
    }
}

/// What one in-process run of `strata opt` produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptOutcome {
    /// What would go to standard output (or the `-o` file).
    pub stdout: Vec<u8>,
    /// What would go to standard error.
    pub stderr: String,
    /// The process exit code: 0 on success, 1 on failure.
    pub exit_code: i32,
}

/// Run `strata opt` in-process on `input`, named `input_name` in diagnostics and locations.
/// `args.input` and `args.output` are ignored: the caller reads and writes the files.
pub fn run_opt(args: &OptArgs, input: &[u8], input_name: &str) -> OptOutcome {
    let mut stdout = Vec::new();
    let mut stderr = String::new();
    let exit_code = run_opt_to(args, input, input_name, &mut stdout, &mut stderr);
    OptOutcome {
        stdout,
        stderr,
        exit_code,
    }
}

/// [`run_opt`] streaming the output to `out` (large modules are not built up in memory) and
/// appending diagnostics to `stderr`. Returns the exit code. A write error ends the run; a
/// broken pipe does so silently.
pub fn run_opt_to(
    args: &OptArgs,
    input: &[u8],
    input_name: &str,
    out: &mut dyn Write,
    stderr: &mut String,
) -> i32 {
    if args.list_passes {
        return match out.write_all(list_passes().as_bytes()) {
            Ok(()) => 0,
            Err(_) => 1,
        };
    }
    if args.run_reproducer {
        let text = String::from_utf8_lossy(input);
        return match strata::pass::reproducer::load(&text) {
            Ok(r) => {
                let mut replay = args.clone();
                replay.run_reproducer = false;
                replay.pass_flags.clear();
                replay.pass_pipeline = Some(r.pipeline);
                replay.verify_each = r.verify_each;
                if r.disable_threading {
                    replay.threads = 1;
                }
                run_opt_to(&replay, r.ir.as_bytes(), input_name, out, stderr)
            }
            Err(e) => {
                stderr.push_str(&format!("strata: {input_name}: invalid reproducer: {e}\n"));
                1
            }
        };
    }
    // The source text for rendering diagnostics, built only when one is rendered (it copies
    // the input).
    let sources = LazySources {
        input,
        name: input_name,
        map: std::cell::OnceCell::new(),
    };

    let chunks = if args.split_input_file {
        let s = split::split_input(input);
        if !s.near_misses.is_empty() {
            let ctx = Context::new();
            for &(line, col) in &s.near_misses {
                let loc = ctx.file_loc(input_name, line, col);
                let d = Diagnostic::warning(loc, "near miss with file split marker");
                stderr.push_str(&diag::render(&ctx, sources.get(), &d));
            }
        }
        s.chunks
    } else {
        vec![Chunk {
            text: input,
            first_line: 1,
        }]
    };

    let mut failed = false;
    for (i, chunk) in chunks.iter().enumerate() {
        let written = if i > 0 {
            out.write_all(split::OUTPUT_MARKER)
        } else {
            Ok(())
        }
        .and_then(|()| process_chunk(args, chunk, input_name, &sources, out, stderr));
        match written {
            Ok(ok) => failed |= !ok,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return i32::from(failed),
            Err(e) => {
                stderr.push_str(&format!(
                    "strata: error writing output: {}\n",
                    io_error_message(&e)
                ));
                return 1;
            }
        }
    }
    i32::from(failed)
}

/// Parse, verify and print one chunk; returns whether it succeeded (with
/// `--verify-diagnostics`: whether its diagnostics matched the expectations).
fn process_chunk(
    args: &OptArgs,
    chunk: &Chunk<'_>,
    input_name: &str,
    sources: &LazySources<'_>,
    out: &mut dyn Write,
    stderr: &mut String,
) -> std::io::Result<bool> {
    let mut ctx = strata::default_context();
    ctx.allow_unregistered = args.allow_unregistered_dialect;

    // Keep the original file's line numbers in locations: pad the chunk with the newlines
    // that preceded it.
    let src: Cow<'_, [u8]> = if chunk.first_line > 1 {
        let mut v = vec![b'\n'; chunk.first_line as usize - 1];
        v.extend_from_slice(chunk.text);
        Cow::Owned(v)
    } else {
        Cow::Borrowed(chunk.text)
    };

    let result: Result<Module, Vec<Diagnostic>> =
        text::parse_bytes(&ctx, input_name, &src, &ParseOptions::default())
            .and_then(|m| strata::ir::verify::verify_module(&ctx, &m).map(|()| m));
    let (mut module, mut diags) = match result {
        Ok(m) => (Some(m), Vec::new()),
        Err(d) => (None, d),
    };

    // Run the requested pipeline, if any.
    if let Some(m) = module.as_mut() {
        match build_pass_manager(args) {
            Ok(None) => {}
            Ok(Some(pm)) => {
                let report = pm.run(&ctx, m);
                if let Some(t) = &report.timing {
                    stderr.push_str(t);
                }
                if let Some(st) = &report.statistics {
                    stderr.push_str(st);
                }
                emit_ir_dumps(args, &report.ir_dumps, stderr);
                diags.extend(report.diagnostics);
                if report.failed {
                    if let Some(path) = &report.reproducer_written {
                        let loc = ctx.unknown_loc();
                        diags.push(Diagnostic::error(
                            loc,
                            format!(
                                "Failures have been detected while processing an MLIR pass pipeline; reproducer generated at `{}`",
                                path.display()
                            ),
                        ));
                    }
                    module = None;
                }
            }
            Err(msg) => {
                stderr.push_str(&msg);
                return Ok(false);
            }
        }
    }

    let ok = if args.verify_diagnostics {
        let mut checker = expect::Checker::new(&ctx, input_name, chunk);
        for d in &diags {
            checker.process(d);
        }
        let report = checker.finish(sources.get());
        stderr.push_str(&report.stderr);
        report.ok
    } else {
        for d in &diags {
            stderr.push_str(&diag::render(&ctx, sources.get(), d));
        }
        module.is_some()
    };

    if let Some(module) = &module {
        let opts = args.print.options();
        // mlir-opt prints the module, then an empty line; normalise whatever trailing
        // newlines the printer emits to exactly that.
        let mut w = TrimTrailingNewlines { out, pending: 0 };
        text::write_module(&ctx, module, &opts, &mut w)?;
        out.write_all(b"\n\n")?;
    }
    Ok(ok)
}

/// The pass manager for the pipeline requested on the command line (`--pass-pipeline` or
/// individual pass flags), or `None` when no pass was requested. Errors are rendered.
pub fn build_pass_manager(args: &OptArgs) -> Result<Option<PassManager>, String> {
    if args.pass_pipeline.is_some() && !args.pass_flags.is_empty() {
        return Err(
            "strata: '--pass-pipeline' option can't be used with individual pass options\n".into(),
        );
    }
    let text = match (&args.pass_pipeline, args.pass_flags.is_empty()) {
        (Some(p), _) => p.clone(),
        (None, false) => format!("builtin.module({})", args.pass_flags.join(",")),
        (None, true) => return Ok(None),
    };
    let root = parse_pipeline(&text, "builtin.module").map_err(|e| e.render(&text))?;
    let mut pm = PassManager::new(root);
    pm.threads = if args.disable_threading {
        1
    } else {
        args.threads
    };
    pm.verify_each = args.verify_each;
    pm.timing = args.timing;
    pm.statistics = args.pass_statistics;
    pm.print_ir = IrPrintConfig {
        before: args.print_ir_before.clone(),
        after: args.print_ir_after.clone(),
        before_all: args.print_ir_before_all,
        after_all: args.print_ir_after_all,
        after_change: args.print_ir_after_change,
        after_failure: args.print_ir_after_failure,
        debug_info: args.print.print_debuginfo,
    };
    pm.reproducer = args.crash_reproducer.as_ref().map(std::path::PathBuf::from);
    Ok(Some(pm))
}

/// `--list-passes`: every registered pass with its summary, anchor and options.
pub fn list_passes() -> String {
    let mut out = String::from("Available passes:\n");
    for p in strata::pass::registered() {
        out.push_str(&format!("  --{:<28} {}", p.name, p.summary));
        if let Some(a) = p.anchor {
            out.push_str(&format!(" (on '{a}')"));
        }
        out.push('\n');
        for o in p.options {
            out.push_str(&format!(
                "      {}={:<18} {} (default: {})\n",
                o.name,
                format!("<{:?}>", o.kind).to_lowercase(),
                o.description,
                if o.default.is_empty() {
                    "\"\""
                } else {
                    o.default
                }
            ));
        }
    }
    out
}

/// Write IR dumps to standard error, or one file each into `--mlir-print-ir-tree-dir`.
fn emit_ir_dumps(args: &OptArgs, dumps: &[(String, String)], stderr: &mut String) {
    match &args.print_ir_tree_dir {
        None => {
            for (header, ir) in dumps {
                stderr.push_str(header);
                stderr.push('\n');
                stderr.push_str(ir);
                if !ir.ends_with('\n') {
                    stderr.push('\n');
                }
                stderr.push('\n');
            }
        }
        Some(dir) => {
            if let Err(e) = std::fs::create_dir_all(dir) {
                stderr.push_str(&format!(
                    "strata: could not create '{dir}': {}\n",
                    io_error_message(&e)
                ));
                return;
            }
            for (i, (header, ir)) in dumps.iter().enumerate() {
                let slug: String = header
                    .trim_matches(|c: char| c == '/' || c == '-' || c == ' ')
                    .chars()
                    .map(|c| {
                        if c.is_ascii_alphanumeric() || c == '-' {
                            c
                        } else {
                            '_'
                        }
                    })
                    .collect();
                let path = std::path::Path::new(dir).join(format!("{i:04}_{slug}.mlir"));
                if let Err(e) = std::fs::write(&path, format!("{header}\n{ir}")) {
                    stderr.push_str(&format!(
                        "strata: could not write '{}': {}\n",
                        path.display(),
                        io_error_message(&e)
                    ));
                }
            }
        }
    }
}

/// The input as a [`SourceMap`], made on first use.
struct LazySources<'a> {
    input: &'a [u8],
    name: &'a str,
    map: std::cell::OnceCell<SourceMap>,
}

impl LazySources<'_> {
    fn get(&self) -> &SourceMap {
        self.map.get_or_init(|| {
            let mut m = SourceMap::new();
            m.add(self.name, String::from_utf8_lossy(self.input).into());
            m
        })
    }
}

/// A writer that holds back trailing `\n`s (emitting them only when more text follows), so
/// the caller decides how the output ends.
struct TrimTrailingNewlines<'a> {
    out: &'a mut dyn Write,
    pending: usize,
}

impl Write for TrimTrailingNewlines<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match buf.iter().rposition(|&b| b != b'\n') {
            None => self.pending += buf.len(),
            Some(last) => {
                while self.pending > 0 {
                    let n = self.pending.min(NEWLINES.len());
                    self.out.write_all(&NEWLINES[..n])?;
                    self.pending -= n;
                }
                self.out.write_all(&buf[..=last])?;
                self.pending = buf.len() - last - 1;
            }
        }
        Ok(())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

const NEWLINES: &[u8; 64] = &[b'\n'; 64];

/// Read the input named on the command line (`-` is standard input, named `<stdin>` in
/// diagnostics). Returns the bytes and the name to use in locations, or an error message
/// (`could not open input file 'x': No such file or directory`).
pub fn read_input(path: &str) -> Result<(Vec<u8>, String), String> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut buf)
            .map_err(|e| format!("could not read standard input: {}", io_error_message(&e)))?;
        Ok((buf, "<stdin>".to_string()))
    } else {
        let buf = std::fs::read(path).map_err(|e| {
            format!(
                "could not open input file '{path}': {}",
                io_error_message(&e)
            )
        })?;
        Ok((buf, path.to_string()))
    }
}

/// An I/O error's message without Rust's ` (os error N)` suffix, as C tools print it.
pub fn io_error_message(e: &std::io::Error) -> String {
    let s = e.to_string();
    match s.rfind(" (os error ") {
        Some(i) if s.ends_with(')') => s[..i].to_string(),
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_newlines_are_normalised() {
        let mut v = Vec::new();
        {
            let mut w = TrimTrailingNewlines {
                out: &mut v,
                pending: 0,
            };
            w.write_all(b"a\n").unwrap();
            w.write_all(b"\n").unwrap();
            w.write_all(b"b\n\n\n").unwrap();
        }
        assert_eq!(v, b"a\n\nb");
    }

    #[test]
    fn io_error_messages_lose_the_os_error_suffix() {
        let e = std::fs::read("/definitely/not/here").unwrap_err();
        assert_eq!(io_error_message(&e), "No such file or directory");
    }
}
