//! `strata import MODEL.onnx`: import an ONNX model into the graph dialect, verify it and
//! print it (the library work is `strata_onnx::import_file`).

use std::io::Write;
use std::path::Path;

/// Arguments of `strata import`.
#[derive(clap::Args, Debug, Clone)]
pub struct ImportArgs {
    /// The ONNX model file. External data files are looked up in its directory.
    #[arg(value_name = "MODEL")]
    pub input: String,

    /// Output file, `-` for standard output. Not created (or removed) when the import fails.
    #[arg(short = 'o', value_name = "OUT", default_value = "-")]
    pub output: String,

    /// How to print the imported module.
    #[command(flatten)]
    pub print: crate::print_flags::PrintFlags,
}

/// Import, verify and print to `out`; errors are appended to `stderr`. Returns the exit
/// code (0 on success, 1 on failure).
pub fn run_import_to(args: &ImportArgs, out: &mut dyn Write, stderr: &mut String) -> i32 {
    let ctx = strata::default_context();
    let module = match strata_onnx::import_file(
        &ctx,
        Path::new(&args.input),
        strata_onnx::Limits::default(),
    ) {
        Ok(m) => m,
        Err(e) => {
            stderr.push_str(&format!("{}: error: {e}\n", args.input));
            return 1;
        }
    };
    if let Err(diags) = strata::ir::verify::verify_module(&ctx, &module) {
        for d in diags {
            stderr.push_str(&format!(
                "{}: error: imported module does not verify: {}\n",
                args.input, d.message
            ));
        }
        return 1;
    }
    let opts = args.print.options();
    let text = strata::ir::text::print_module(&ctx, &module, &opts);
    if let Err(e) = out.write_all(text.as_bytes()) {
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            stderr.push_str(&format!("strata: error writing output: {e}\n"));
            return 1;
        }
    }
    0
}

/// `strata import` against the file system and standard streams.
pub fn import_main(args: &ImportArgs) -> i32 {
    let mut stderr = String::new();
    let code = if args.output == "-" {
        let stdout = std::io::stdout();
        let mut out = std::io::BufWriter::new(stdout.lock());
        let code = run_import_to(args, &mut out, &mut stderr);
        match out.flush() {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
                stderr.push_str(&format!("strata: error writing output: {e}\n"));
                1
            }
            _ => code,
        }
    } else {
        let mut buf = Vec::new();
        let code = run_import_to(args, &mut buf, &mut stderr);
        if code == 0 {
            if let Err(e) = std::fs::write(&args.output, &buf) {
                stderr.push_str(&format!(
                    "strata: could not write output file '{}': {e}\n",
                    args.output
                ));
                1
            } else {
                0
            }
        } else {
            code
        }
    };
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(stderr.as_bytes());
    let _ = err.flush();
    code
}
