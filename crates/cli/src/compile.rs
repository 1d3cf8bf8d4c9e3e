//! `strata compile FILE --target cpu -o model.so [--emit=LEVEL] [--keep-temps DIR]`: compile a
//! model (`.onnx` or `.mlir`) for a target into a shared object, or stop at a level:
//! `mlir-graph`, `mlir-tensor`, `mlir-loop`, `mlir-hw`, `mlir-cpu` print the IR after the
//! target's pipeline up to that level ([`strata::native::pipeline_up_to`]), `c` the
//! generated C.

use crate::model;
use std::path::PathBuf;

/// Arguments of `strata compile`.
#[derive(clap::Args, Debug, Clone)]
pub struct CompileArgs {
    /// The model: an ONNX file (`.onnx`) or MLIR text.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// The target spec (`cpu`, `cpu{features=+avx2,-avx512f}`).
    #[arg(long, default_value = "cpu")]
    pub target: String,
    /// The output: the shared object, or the C file with `--emit=c`.
    #[arg(short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Stop at a level: `mlir-graph`, `mlir-tensor`, `mlir-loop`, `mlir-hw`, `mlir-cpu`
    /// (the IR after the target's pipeline up to that level), `c` (the generated C), or
    /// `so`.
    #[arg(long, default_value = "so")]
    pub emit: String,
    /// Keep the generated files (C, blob of constants, shared object) in this directory.
    #[arg(long, value_name = "DIR")]
    pub keep_temps: Option<PathBuf>,
    /// Optimisation level of the C compiler.
    #[arg(short = 'O', default_value_t = 3)]
    pub opt_level: u8,
    /// The entry function (default: `@main`, or the only `func.func`).
    #[arg(long, value_name = "NAME")]
    pub func: Option<String>,
}

/// `strata compile`.
pub fn compile_main(args: &CompileArgs) -> i32 {
    match compile_inner(args) {
        Ok(msg) => {
            print!("{msg}");
            0
        }
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

fn compile_inner(args: &CompileArgs) -> Result<String, String> {
    let shown = args.model.display().to_string();
    let target = strata::Target::lookup(&args.target).map_err(|e| format!("strata: error: {e}"))?;
    let ctx = strata::default_context();
    let mut module = model::load_module(&ctx, &args.model, Vec::new())
        .map_err(|e| format!("{shown}: error: {e}"))?;
    let level = strata::Level::NAMED
        .iter()
        .find(|(name, _)| *name == args.emit)
        .map(|&(_, l)| l);
    if let Some(level) = level {
        let text = strata::native::pipeline_up_to(&target.get().pipeline(), level);
        strata::native::lower_with(&ctx, &mut module, &target, &text)
            .map_err(|e| format!("{shown}: error: {e}"))?;
        let text = strata::ir::text::print_module(&ctx, &module, &Default::default());
        return match &args.output {
            Some(p) => std::fs::write(p, text)
                .map(|_| String::new())
                .map_err(|e| format!("strata: error: cannot write {}: {e}", p.display())),
            None => Ok(text),
        };
    }
    if !matches!(args.emit.as_str(), "c" | "so") {
        let names: Vec<&str> = strata::Level::NAMED.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "strata: error: unknown --emit level '{}' (available: {}, c, so)",
            args.emit,
            names.join(", ")
        ));
    }
    let emit_c = args.emit == "c";
    let opts = strata::Options {
        opt_level: args.opt_level,
        keep_temps: args.keep_temps.clone(),
        output: if emit_c { None } else { args.output.clone() },
        emit: if emit_c {
            strata::EmitLevel::C
        } else {
            strata::EmitLevel::Native
        },
        entry: args.func.clone(),
        ..Default::default()
    };
    let compiled = strata::compile((&ctx, &module), &target, &opts)
        .map_err(|e| format!("{shown}: error: {e}"))?;
    let art = &compiled.artifact;
    if emit_c {
        let c =
            std::fs::read_to_string(&art.source_path).map_err(|e| format!("strata: error: {e}"))?;
        return match &args.output {
            Some(p) => std::fs::write(p, c)
                .map(|_| String::new())
                .map_err(|e| format!("strata: error: cannot write {}: {e}", p.display())),
            None => Ok(c),
        };
    }
    let so = art
        .so_path
        .as_ref()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    if args.output.is_none() && args.keep_temps.is_none() {
        return Err(
            "strata: error: give -o FILE.so (or --keep-temps DIR) to keep the shared object".into(),
        );
    }
    Ok(format!(
        "compiled {shown} for {} -> {so}\nflags: {} {}\n",
        art.target,
        art.compiler,
        art.flags.join(" ")
    ))
}
