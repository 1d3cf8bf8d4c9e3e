//! `strata bench MODEL --target cpu [--threads N] [--iters N] [--warmup N]`: compile once,
//! warm up, then time repeated runs (a progress bar on stderr) and print
//! `min X ms  median Y ms  max Z ms` on stdout.

use crate::run_native::prepare;
use std::path::PathBuf;

/// Arguments of `strata bench`.
#[derive(clap::Args, Debug, Clone)]
pub struct BenchArgs {
    /// The model: an ONNX file (`.onnx`) or MLIR text.
    #[arg(value_name = "MODEL")]
    pub model: PathBuf,
    /// The target spec.
    #[arg(long, default_value = "cpu")]
    pub target: String,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub threads: usize,
    /// Timed runs.
    #[arg(long, value_name = "N", default_value_t = 50)]
    pub iters: usize,
    /// Untimed runs first.
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub warmup: usize,
    /// An input by name: `NAME=FILE.npy` (others get seeded random values).
    #[arg(long = "input", value_name = "NAME=FILE")]
    pub inputs: Vec<String>,
    /// Seed of the random inputs.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// The entry function.
    #[arg(long, value_name = "NAME")]
    pub func: Option<String>,
}

/// `min`, `median` and `max` of durations in milliseconds (`None` when empty).
pub fn stats(ms: &[f64]) -> Option<(f64, f64, f64)> {
    if ms.is_empty() {
        return None;
    }
    let mut v = ms.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Some((v[0], median, v[n - 1]))
}

/// `strata bench`.
pub fn bench_main(args: &BenchArgs) -> i32 {
    match bench_inner(args) {
        Ok(line) => {
            println!("{line}");
            0
        }
        Err(msg) => {
            eprintln!("{msg}");
            1
        }
    }
}

fn bench_inner(args: &BenchArgs) -> Result<String, String> {
    if args.iters == 0 {
        return Err("strata: error: --iters must be at least 1".into());
    }
    let shown = args.model.display().to_string();
    let p = prepare(
        &args.model,
        &args.target,
        args.func.as_deref(),
        &args.inputs,
        args.seed,
        args.threads,
    )?;
    let run = || {
        p.compiled
            .run(&p.inputs)
            .map(|_| ())
            .map_err(|e| format!("{shown}: error: {e}"))
    };
    for _ in 0..args.warmup {
        run()?;
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(args.iters as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    let mut times = Vec::with_capacity(args.iters);
    for _ in 0..args.iters {
        let t = std::time::Instant::now();
        run()?;
        times.push(t.elapsed().as_secs_f64() * 1e3);
        bar.inc(1);
    }
    bar.finish_and_clear();
    let (min, median, max) = stats(&times).expect("iters >= 1: at least one time");
    let threads = p.compiled.program().map_or(1, |x| x.threads());
    Ok(format!(
        "{shown} on {} ({threads} threads, compiled in {:.3} s, {} runs)\nmin {min:.3} ms  median {median:.3} ms  max {max:.3} ms",
        p.target,
        p.compile_time.as_secs_f64(),
        args.iters
    ))
}

#[cfg(test)]
mod tests {
    use super::stats;

    #[test]
    fn stats_of_odd_and_even_counts() {
        assert_eq!(stats(&[]), None);
        assert_eq!(stats(&[3.0, 1.0, 2.0]), Some((1.0, 2.0, 3.0)));
        assert_eq!(stats(&[4.0, 1.0, 2.0, 3.0]), Some((1.0, 2.5, 4.0)));
    }
}
