//! `strata run MODEL --target cpu`: compile the model for a target and run it natively,
//! with the conventions of `--interp` (inputs by name from `.npy` files or seeded random
//! values, outputs written as `DIR/<name>.npy`, a summary on stdout).
//!
//! Inputs are named after the entry's input ports when the model's signature gives names
//! (graph and tensor level), else `arg0`, `arg1`, ... (loop-level functions, whose
//! out-parameters are the outputs, named `out0`, `out1`, ...).

use crate::model;
use crate::run::{file_stem, preview, RunArgs, SplitMix};
use std::fmt::Write as _;
use std::io::Write;
use strata_interp::{DType, Tensor};

fn random(dtype: DType, shape: Vec<usize>, rng: &mut SplitMix) -> Result<Tensor, String> {
    let n = strata_interp::checked_numel(&shape, strata_interp::DEFAULT_MAX_ELEMENTS)
        .map_err(|e| format!("strata: error: {e}"))?;
    let v: Vec<f64> = (0..n)
        .map(|_| match dtype {
            d if d.is_float() => rng.unit(),
            DType::Bool => (rng.next() & 1) as f64,
            _ => (rng.next() % 10) as f64,
        })
        .collect();
    Tensor::from_f64s(dtype, shape, &v).map_err(|e| format!("strata: error: {e}"))
}

/// A compiled model with its inputs, ready to run.
pub(crate) struct Prepared {
    pub compiled: strata::Compiled,
    pub target: String,
    pub entry: String,
    pub inputs: Vec<Tensor>,
    pub out_names: Vec<String>,
    pub summary: String,
    pub compile_time: std::time::Duration,
    /// The context and the model as loaded (for running it on the interpreter too).
    pub ctx: strata::ir::Context,
    pub model: Option<model::Model>,
}

/// Load, compile and gather the inputs of a model (`--input NAME=FILE.npy`, or seeded
/// random values).
pub(crate) fn prepare(
    path: &std::path::Path,
    target: &str,
    func: Option<&str>,
    input_args: &[String],
    seed: u64,
    threads: usize,
) -> Result<Prepared, String> {
    let shown = path.display().to_string();
    let target = strata::Target::lookup(target).map_err(|e| format!("strata: error: {e}"))?;
    let ctx = strata::default_context();
    let module =
        model::load_module(&ctx, path, Vec::new()).map_err(|e| format!("{shown}: error: {e}"))?;
    // Port names come from the signature where the interpreter's conventions apply (graph
    // and tensor level); loop-level functions have buffer arguments instead.
    let ports = model::from_module(&ctx, module.clone(), func).ok();
    let (in_ports, out_ports) = ports
        .as_ref()
        .map(|m| (m.inputs.as_slice(), m.outputs.as_slice()))
        .unwrap_or((&[], &[]));
    let opts = strata::Options {
        threads,
        entry: func
            .map(str::to_string)
            .or_else(|| ports.as_ref().map(|m| m.func.clone())),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let compiled = strata::compile((&ctx, &module), &target, &opts)
        .map_err(|e| format!("{shown}: error: {e}"))?;
    let compile_time = start.elapsed();
    let entry = compiled
        .artifact
        .entry(opts.entry.as_deref())
        .ok_or_else(|| {
            format!(
                "{shown}: error: no entry function {} (give --func NAME)",
                opts.entry.as_deref().unwrap_or("@main")
            )
        })?
        .clone();
    let ins: Vec<&strata_target::ArgInfo> = entry
        .args
        .iter()
        .filter(|a| a.role == strata_target::ArgRole::Input)
        .collect();
    let names: Vec<String> = if ins.len() == in_ports.len() {
        in_ports.iter().map(|p| p.name.clone()).collect()
    } else {
        (0..ins.len()).map(|i| format!("arg{i}")).collect()
    };
    let mut given = vec![None; ins.len()];
    for a in input_args {
        let Some((name, file)) = a.split_once('=') else {
            return Err(format!("strata: error: --input '{a}' is not NAME=FILE.npy"));
        };
        let Some(i) = names.iter().position(|n| n == name) else {
            return Err(format!(
                "strata: error: the model has no input '{name}' (inputs: {})",
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            ));
        };
        if given[i].is_some() {
            return Err(format!("strata: error: input '{name}' given twice"));
        }
        given[i] = Some(file.to_string());
    }
    let mut summary = String::new();
    let mut rng = SplitMix(seed);
    let mut inputs = Vec::new();
    for ((a, name), file) in ins.iter().zip(&names).zip(given) {
        let dtype = strata::runtime::dtype_of(&a.elem)
            .ok_or_else(|| format!("strata: error: input '{name}' has type {}", a.elem))?;
        let shape: Vec<usize> = a.shape.iter().map(|&d| d as usize).collect();
        let t = match file {
            Some(f) => {
                let bytes = std::fs::read(&f).map_err(|e| format!("{f}: error: {e}"))?;
                let t = Tensor::read_npy(&bytes).map_err(|e| format!("{f}: error: {e}"))?;
                let _ = writeln!(summary, "input  {name}: {} from {f}", t.type_str());
                t
            }
            None => {
                let t = random(dtype, shape, &mut rng)?;
                let _ = writeln!(
                    summary,
                    "input  {name}: {} random (seed {seed})",
                    t.type_str()
                );
                t
            }
        };
        inputs.push(t);
    }
    let nres = entry
        .args
        .iter()
        .filter(|a| a.role != strata_target::ArgRole::Input && a.extents_of.is_none())
        .count();
    let out_names: Vec<String> = if nres == out_ports.len() {
        out_ports.iter().map(|p| p.name.clone()).collect()
    } else {
        (0..nres).map(|i| format!("out{i}")).collect()
    };
    Ok(Prepared {
        compiled,
        target: target.get().spec(),
        entry: entry.name.clone(),
        inputs,
        out_names,
        summary,
        compile_time,
        ctx,
        model: ports,
    })
}

/// Compile and run; the summary goes to `out`.
pub fn run_native(args: &RunArgs, out: &mut dyn Write) -> Result<(), String> {
    let shown = args.model.display().to_string();
    let p = prepare(
        &args.model,
        &args.target,
        args.func.as_deref(),
        &args.inputs,
        args.seed,
        args.threads,
    )?;
    let mut summary = p.summary.clone();
    let start = std::time::Instant::now();
    let results = p
        .compiled
        .run(&p.inputs)
        .map_err(|e| format!("{shown}: error: {e}"))?;
    let elapsed = start.elapsed();
    if let Some(dir) = &args.output_dir {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("strata: error: cannot create {}: {e}", dir.display()))?;
    }
    for (name, t) in p.out_names.iter().zip(&results) {
        let _ = write!(summary, "output {name}: {} = {}", t.type_str(), preview(t));
        if let Some(dir) = &args.output_dir {
            let path = dir.join(format!("{}.npy", file_stem(name)));
            let bytes = t.write_npy().map_err(|e| format!("strata: error: {e}"))?;
            std::fs::write(&path, bytes)
                .map_err(|e| format!("strata: error: cannot write {}: {e}", path.display()))?;
            let _ = write!(summary, " -> {}", path.display());
        }
        summary.push('\n');
    }
    let _ = writeln!(
        summary,
        "ran @{} of {shown} on {} in {:.3} ms (compiled in {:.3} s)",
        p.entry,
        p.target,
        elapsed.as_secs_f64() * 1e3,
        p.compile_time.as_secs_f64()
    );
    if args.compare_interp {
        summary.push_str(&compare_with_interp(&p, &results)?);
    }
    out.write_all(summary.as_bytes())
        .map_err(|e| format!("strata: error writing output: {e}"))
}

/// Run the model on the reference interpreter with the same inputs; a line with the largest
/// absolute difference of the compiled outputs from the interpreter's.
fn compare_with_interp(p: &Prepared, results: &[Tensor]) -> Result<String, String> {
    let m = p.model.as_ref().ok_or_else(|| {
        "strata: error: --compare-interp needs a model the interpreter runs (graph or tensor level)"
            .to_string()
    })?;
    let start = std::time::Instant::now();
    let want = strata_interp::Interpreter::new(&p.ctx, &m.module)
        .run(&m.func, &p.inputs)
        .map_err(|d| format!("strata: error: the interpreter failed: {}", d.message))?;
    let secs = start.elapsed().as_secs_f64();
    if want.len() != results.len() {
        return Err(format!(
            "strata: error: the interpreter gave {} outputs, the compiled code {}",
            want.len(),
            results.len()
        ));
    }
    let mut max_abs = 0f64;
    let mut n = 0usize;
    for (w, g) in want.iter().zip(results) {
        if w.shape() != g.shape() || w.dtype() != g.dtype() {
            return Err(format!(
                "strata: error: output {} from the interpreter, {} compiled",
                w.type_str(),
                g.type_str()
            ));
        }
        for (a, b) in w.to_f64_vec().into_iter().zip(g.to_f64_vec()) {
            n += 1;
            if a.is_nan() && b.is_nan() {
                continue;
            }
            let d = if a == b { 0.0 } else { (a - b).abs() };
            max_abs = if d.is_nan() {
                f64::INFINITY
            } else {
                max_abs.max(d)
            };
        }
    }
    Ok(format!(
        "max abs error vs the interpreter: {max_abs:.3e} over {n} output elements (interpreter: {:.3} ms)\n",
        secs * 1e3
    ))
}
