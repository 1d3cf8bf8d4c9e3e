//! `strata run MODEL --interp`: run a model (`.onnx` or `.mlir`) on the reference
//! interpreter.
//!
//! Inputs are given by graph input name as `.npy` files (`--input NAME=FILE.npy`); inputs
//! without a file get seeded random values (floats uniform in [0, 1), integers in [0, 10),
//! booleans fair coin flips; dynamic dimensions taken as 1). Each output is written as
//! `DIR/<output name>.npy` with the model's dtype and shape (characters other than
//! `A-Z a-z 0-9 . _ -` in the name become `_`), and a short summary is printed. Any error
//! is printed as a diagnostic with exit code 1.

use crate::model::{self, Model, Port};
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
use strata_interp::{DType, Interpreter, ShapeSpec, Tensor};

/// Arguments of `strata run`.
#[derive(clap::Args, Debug, Clone)]
pub struct RunArgs {
    /// The model: an ONNX file (`.onnx`) or MLIR text.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,

    /// Run on the reference interpreter (the same as `--target interp`).
    #[arg(long)]
    pub interp: bool,

    /// Where to run: `interp` (the reference interpreter) or a compilation target spec
    /// such as `cpu` or `cpu{features=-avx512f}`.
    #[arg(long, value_name = "TARGET", default_value = "interp")]
    pub target: String,

    /// An input by graph input name: `NAME=FILE.npy`. Repeat for several inputs.
    #[arg(long = "input", value_name = "NAME=FILE")]
    pub inputs: Vec<String>,

    /// Write each output as `DIR/<output name>.npy`.
    #[arg(long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,

    /// Seed of the random values of inputs given no file.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,

    /// The entry function (default: `@main`, or the only `func.func`).
    #[arg(long, value_name = "NAME")]
    pub func: Option<String>,

    /// Worker threads of a compiled target (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,

    /// With a compiled target: also run the model on the reference interpreter and print
    /// the largest difference of the outputs.
    #[arg(long)]
    pub compare_interp: bool,
}

/// Run with the arguments, writing the summary to `out` and errors to `err`. Returns the
/// exit code.
pub fn run_to(args: &RunArgs, out: &mut dyn Write, err: &mut String) -> i32 {
    match run_inner(args, out) {
        Ok(()) => 0,
        Err(msg) => {
            let _ = writeln!(err, "{msg}");
            1
        }
    }
}

/// `strata run` against the standard streams.
pub fn run_main(args: &RunArgs) -> i32 {
    let mut err = String::new();
    let stdout = std::io::stdout();
    let code = run_to(args, &mut stdout.lock(), &mut err);
    eprint!("{err}");
    code
}

fn run_inner(args: &RunArgs, out: &mut dyn Write) -> Result<(), String> {
    let shown = args.model.display().to_string();
    if args.target != "interp" && !args.interp {
        return crate::run_native::run_native(args, out);
    }
    if args.target != "interp" {
        return Err(format!(
            "strata: error: unknown target '{}' (available: interp)",
            args.target
        ));
    }
    let ctx = strata::default_context();
    let model = model::load(&ctx, &args.model, args.func.as_deref(), Vec::new())
        .map_err(|e| format!("{shown}: error: {e}"))?;
    let given = parse_input_args_(&args.inputs, &model)?;
    let mut summary = String::new();
    let mut inputs = Vec::with_capacity(model.inputs.len());
    let mut rng = SplitMix(args.seed);
    for port in model.inputs.iter().chain(&model.outputs) {
        if let Some(kind) = port.container {
            return Err(format!(
                "{shown}: error: '{}' is a {kind}, which `strata run` cannot read or write as                  .npy files (the conformance runner reads ONNX SequenceProto/OptionalProto)",
                port.name
            ));
        }
    }
    for (port, file) in model.inputs.iter().zip(given) {
        let t = match file {
            Some(path) => {
                let bytes =
                    std::fs::read(&path).map_err(|e| format!("{}: error: {e}", path.display()))?;
                let t = Tensor::read_npy(&bytes)
                    .map_err(|e| format!("{}: error: {e}", path.display()))?;
                port.ty.check(&t).map_err(|e| {
                    format!(
                        "{}: error: input '{}' of the model: {e}",
                        path.display(),
                        port.name
                    )
                })?;
                let _ = writeln!(
                    summary,
                    "input  {}: {} from {}",
                    port.name,
                    t.type_str(),
                    path.display()
                );
                t
            }
            None => {
                let t = random_input(port, &mut rng)?;
                let _ = writeln!(
                    summary,
                    "input  {}: {} random (seed {})",
                    port.name,
                    t.type_str(),
                    args.seed
                );
                t
            }
        };
        inputs.push(t);
    }
    let start = std::time::Instant::now();
    let results = Interpreter::new(&ctx, &model.module)
        .run_owned(&model.func, inputs)
        .map_err(|d| model::diagnostics(&ctx, &[d]))?;
    let elapsed = start.elapsed();
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("strata: error: cannot create {}: {e}", dir.display()))?;
    }
    for (port, t) in model.outputs.iter().zip(&results) {
        let _ = write!(
            summary,
            "output {}: {} = {}",
            port.name,
            t.type_str(),
            preview(t)
        );
        if let Some(dir) = &args.output_dir {
            let path = dir.join(format!("{}.npy", file_stem(&port.name)));
            let bytes = t.write_npy().map_err(|e| format!("strata: error: {e}"))?;
            std::fs::write(&path, bytes)
                .map_err(|e| format!("strata: error: cannot write {}: {e}", path.display()))?;
            let _ = write!(summary, " -> {}", path.display());
        }
        summary.push('\n');
    }
    let _ = writeln!(
        summary,
        "ran @{} of {} on interp in {:.3} ms",
        model.func,
        shown,
        elapsed.as_secs_f64() * 1e3
    );
    out.write_all(summary.as_bytes())
        .map_err(|e| format!("strata: error writing output: {e}"))?;
    Ok(())
}

/// Match `NAME=FILE` arguments to the model's inputs.
pub(crate) fn parse_input_args_(
    args: &[String],
    model: &Model,
) -> Result<Vec<Option<PathBuf>>, String> {
    let mut files = vec![None; model.inputs.len()];
    for a in args {
        let Some((name, file)) = a.split_once('=') else {
            return Err(format!("strata: error: --input '{a}' is not NAME=FILE.npy"));
        };
        let Some(i) = model.inputs.iter().position(|p| p.name == name) else {
            let names: Vec<&str> = model.inputs.iter().map(|p| p.name.as_str()).collect();
            return Err(format!(
                "strata: error: the model has no input '{name}' (inputs: {})",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        if files[i].is_some() {
            return Err(format!("strata: error: input '{name}' given twice"));
        }
        files[i] = Some(Path::new(file).to_path_buf());
    }
    Ok(files)
}

/// A file name for output `name`: characters outside `A-Z a-z 0-9 . _ -` become `_`, and
/// names that would be empty or hidden get a `_` prefix.
pub fn file_stem(name: &str) -> String {
    let mut s: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() || s.starts_with('.') {
        s.insert(0, '_');
    }
    s
}

/// SplitMix64: a small, well-mixed generator so random inputs depend only on the seed.
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1) with 53 bits.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn random_input(port: &Port, rng: &mut SplitMix) -> Result<Tensor, String> {
    let shape: Vec<usize> = match &port.ty.shape {
        ShapeSpec::Scalar => Vec::new(),
        ShapeSpec::Ranked(d) => d.iter().map(|d| d.unwrap_or(1)).collect(),
        ShapeSpec::Unranked => {
            return Err(format!(
                "strata: error: input '{}' is unranked; give it with --input {}=FILE.npy",
                port.name, port.name
            ))
        }
    };
    let n = strata_interp::checked_numel(&shape, strata_interp::DEFAULT_MAX_ELEMENTS)
        .map_err(|e| format!("strata: error: input '{}': {e}", port.name))?;
    let dtype = port.ty.dtype;
    let values: Vec<f64> = (0..n)
        .map(|_| match dtype {
            d if d.is_float() => rng.unit(),
            DType::Bool => (rng.next() & 1) as f64,
            _ => (rng.next() % 10) as f64,
        })
        .collect();
    Tensor::from_f64s(dtype, shape, &values).map_err(|e| format!("strata: error: {e}"))
}

/// The first few elements of `t`, `[a, b, c, ...]`.
pub(crate) fn preview(t: &Tensor) -> String {
    const SHOWN: usize = 6;
    let mut s = String::from("[");
    for i in 0..t.len().min(SHOWN) {
        if i > 0 {
            s.push_str(", ");
        }
        s.push_str(&t.element_string(i));
    }
    if t.len() > SHOWN {
        let _ = write!(s, ", ... ({} elements)", t.len());
    }
    s.push(']');
    s
}
