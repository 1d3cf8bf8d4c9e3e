//! The `strata` command-line tool as a library.
//!
//! The binary (`src/main.rs`) is a thin wrapper around [`main_with`]; everything it does is
//! reachable in-process so tests (the filetest harness in `tests/filetests.rs`) can drive it
//! without spawning processes:
//!
//! * [`cli`]: the clap command line ([`Cli`], one [`Command`] variant per subcommand) and
//!   [`cli::normalize_args`], which accepts `mlir-opt`'s single-dash long options.
//! * [`opt`]: the `strata opt` driver ([`run_opt`]): parse, verify, print, like `mlir-opt`.
//! * [`split`]: `--split-input-file` chunking.
//! * [`expect`]: `--verify-diagnostics` (`// expected-error {{...}}` comments).
//! * [`import`]: `strata import MODEL.onnx` (ONNX to the graph dialect).
//! * [`model`]: loading a model (`.onnx` or `.mlir`) with named inputs and outputs, and
//!   ONNX `TensorProto` files as tensors.
//! * [`run`]: `strata run MODEL --interp` (run on `.npy` inputs, write `.npy` outputs).
//! * [`conformance`]: `strata conformance DIR` (the ONNX backend test runner).
//!
//! More subcommands (`compile`, `bench`) are added as further [`Command`]
//! variants with their own module and driver function.

use std::ffi::OsString;
use std::io::Write;

pub mod bench;
pub mod cli;
pub mod compile;
pub mod conformance;
pub mod expect;
pub mod import;
pub mod model;
pub mod opt;
pub mod print_flags;
pub mod run;
pub mod run_native;
pub mod split;

pub use cli::{Cli, Command};
pub use opt::{run_opt, run_opt_to, OptArgs, OptOutcome};

/// Run the `strata` tool with `args` (including the program name) and the process' standard
/// streams, returning the exit code: 0 on success, 1 when processing failed, 2 on a
/// command-line usage error (as reported by clap).
pub fn main_with<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString>,
{
    let cli = match cli::parse_command_line(args.into_iter().map(Into::into).collect()) {
        Ok(cli) => cli,
        Err(e) => {
            // `--help` / `--version` go to stdout with exit code 0; usage errors to stderr, 2.
            let _ = e.print();
            return e.exit_code();
        }
    };
    match cli.command {
        Command::Opt(args) => opt_main(&args),
        Command::Import(args) => import::import_main(&args),
        Command::Run(args) => run::run_main(&args),
        Command::Conformance(args) => conformance::conformance_main(&args),
        Command::Compile(args) => compile::compile_main(&args),
        Command::Bench(args) => bench::bench_main(&args),
    }
}

/// `strata opt` against the file system and standard streams.
fn opt_main(args: &OptArgs) -> i32 {
    if args.list_passes {
        print!("{}", opt::list_passes());
        return 0;
    }
    let (input, input_name) = match opt::read_input(&args.input) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("strata: {msg}");
            return 1;
        }
    };
    let mut stderr = String::new();
    let code = if args.output == "-" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
        let code = opt::run_opt_to(args, &input, &input_name, &mut out, &mut stderr);
        flush_or_report(out.flush(), "<stdout>", &mut stderr, code)
    } else {
        let file = match std::fs::File::create(&args.output) {
            Ok(f) => f,
            Err(e) => {
                eprintln!(
                    "strata: could not open output file '{}': {}",
                    args.output,
                    opt::io_error_message(&e)
                );
                return 1;
            }
        };
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        let code = opt::run_opt_to(args, &input, &input_name, &mut out, &mut stderr);
        let code = flush_or_report(out.flush(), &args.output, &mut stderr, code);
        if code != 0 {
            // Like mlir-opt, leave no partial output file behind on failure.
            let _ = std::fs::remove_file(&args.output);
        }
        code
    };
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(stderr.as_bytes());
    let _ = err.flush();
    code
}

fn flush_or_report(r: std::io::Result<()>, name: &str, stderr: &mut String, code: i32) -> i32 {
    match r {
        Ok(()) => code,
        // A closed pipe (`strata opt big.mlir | head`) is not worth a message.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => code,
        Err(e) => {
            stderr.push_str(&format!(
                "strata: error writing '{name}': {}\n",
                opt::io_error_message(&e)
            ));
            1
        }
    }
}
