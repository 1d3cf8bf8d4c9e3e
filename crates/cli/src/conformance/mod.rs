//! `strata conformance DIR [--target interp|cpu]`: run ONNX backend test cases (as written by
//! `scripts/conformance-data.sh`) and report PASS / UNSUPPORTED / FAIL per case, totals per
//! op type and per set, and differences from an expected-results file.
//!
//! With `--target interp` (the default) cases run on the reference interpreter; with a
//! compilation target (`cpu`, or a spec such as `cpu{features=-avx2}`) each case is lowered
//! with the target's pipeline, compiled to native code and run by the runtime. A case whose
//! ops the target's lowering or code generator does not support is UNSUPPORTED, with the
//! diagnostic naming the op and the pass.
//!
//! * [`case`]: discovering and running one case.
//! * [`values`]: sequence and optional test values (`SequenceProto`, `OptionalProto`).
//! * [`expected`]: the expected-results file (`tests/conformance/interp.expected`) and the
//!   per-case tolerance overrides (`tests/conformance/overrides.txt`).
//!
//! Cases run in parallel (`--jobs`); the report is in case-name order whatever the
//! scheduling. A case that panics is reported as FAIL with the panic message, so one bug
//! does not hide the rest of the table.

pub mod case;
pub mod expected;
pub mod values;

use case::{Case, Outcome, Status};
use indexmap::IndexMap;
use std::fmt::Write as _;
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Arguments of `strata conformance`.
#[derive(clap::Args, Debug, Clone)]
pub struct ConformanceArgs {
    /// The conformance data directory (cases are directories holding `model.onnx`).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Where to run the cases: `interp` (the reference interpreter) or a compilation target
    /// such as `cpu` (compiled to native code and run by the runtime).
    #[arg(long, value_name = "TARGET", default_value = "interp")]
    pub target: String,

    /// Compare with this expected-results file: exit 1 if any case got worse (or is
    /// missing), and list the cases that improved.
    #[arg(long, value_name = "FILE")]
    pub expected: Option<PathBuf>,

    /// Rewrite the `--expected` file with this run's results.
    #[arg(long, requires = "expected")]
    pub bless: bool,

    /// Per-case tolerance overrides (`CASE RTOL ATOL # reason` lines).
    #[arg(long, value_name = "FILE")]
    pub overrides: Option<PathBuf>,

    /// Only run cases whose name contains this text.
    #[arg(long, value_name = "TEXT")]
    pub filter: Option<String>,

    /// Worker threads (default: the machine's cores).
    #[arg(long, short = 'j')]
    pub jobs: Option<usize>,

    /// Print only the cases that do not pass (the totals are always printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Also write the totals per op type and per set as a Markdown table to this file.
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,
}

/// `strata conformance` against the standard streams.
pub fn conformance_main(args: &ConformanceArgs) -> i32 {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match run(args, &mut out) {
        Ok(code) => code,
        Err(msg) => {
            let _ = out.flush();
            eprintln!("strata: error: {msg}");
            1
        }
    }
}

/// Run the cases, print the report to `out`; returns the exit code (1 on a regression
/// against the expected file).
pub fn run(args: &ConformanceArgs, out: &mut dyn Write) -> Result<i32, String> {
    let backend = if args.target == "interp" {
        case::Backend::Interp
    } else {
        case::Backend::Native(
            strata::Target::lookup(&args.target)
                .map_err(|e| format!("bad --target '{}': {e}", args.target))?,
        )
    };
    let mut cases = case::discover(&args.dir, 3)
        .map_err(|e| format!("cannot read {}: {e}", args.dir.display()))?;
    if let Some(f) = &args.filter {
        cases.retain(|c| c.name.contains(f.as_str()));
    }
    if cases.is_empty() {
        return Err(format!(
            "no cases (directories with model.onnx) under {}; create them with \
             scripts/conformance-data.sh",
            args.dir.display()
        ));
    }
    let overrides = match &args.overrides {
        Some(p) => expected::read_overrides(p)?,
        None => IndexMap::new(),
    };
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let start = std::time::Instant::now();
    let outcomes = run_all(&cases, &overrides, &backend, jobs, !args.quiet, out);
    let secs = start.elapsed().as_secs_f64();
    let report = report(&outcomes, args.quiet, secs);
    out.write_all(report.as_bytes())
        .map_err(|e| e.to_string())?;
    if let Some(path) = &args.markdown {
        std::fs::write(path, markdown(&outcomes))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let mut code = 0;
    if let Some(path) = &args.expected {
        let results: Vec<(String, Status)> = outcomes
            .iter()
            .map(|o| (o.name.clone(), o.status))
            .collect();
        if args.bless {
            expected::write(path, &results, &args.target)?;
            let _ = writeln!(out, "wrote {}", path.display());
        } else {
            let want = expected::read(path)?;
            let whole = args.filter.is_none();
            let diff = expected::compare(&want, &results, whole);
            out.write_all(diff.render().as_bytes())
                .map_err(|e| e.to_string())?;
            if !diff.regressions.is_empty() {
                code = 1;
            }
        }
    }
    Ok(code)
}

/// Run every case on `jobs` threads; outcomes come back in case order. With `stream`,
/// each case's line is printed (by this thread) as soon as it and all cases before it are
/// done.
fn run_all(
    cases: &[Case],
    overrides: &IndexMap<String, (f64, f64)>,
    backend: &case::Backend,
    jobs: usize,
    stream: bool,
    out: &mut dyn Write,
) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let mut slots: Vec<Option<Outcome>> = vec![None; cases.len()];
    let (tx, rx) = std::sync::mpsc::channel::<(usize, Outcome)>();
    std::thread::scope(|s| {
        for _ in 0..jobs.min(cases.len()) {
            let tx = tx.clone();
            let next = &next;
            s.spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(c) = cases.get(i) else { break };
                let tol = overrides.get(&c.name).copied();
                let o = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    case::run_case(c, tol, backend)
                }))
                .unwrap_or_else(|p| panicked(c, p.as_ref()));
                if tx.send((i, o)).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut printed = 0;
        for (i, o) in rx {
            slots[i] = Some(o);
            while let Some(Some(o)) = slots.get(printed) {
                if stream {
                    let _ = out.write_all(line(o).as_bytes());
                }
                printed += 1;
            }
            let _ = out.flush();
        }
    });
    slots.into_iter().flatten().collect()
}

fn panicked(c: &Case, payload: &(dyn std::any::Any + Send)) -> Outcome {
    let msg = payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default();
    Outcome {
        name: c.name.clone(),
        op: "?".into(),
        status: Status::Fail,
        detail: format!("panic: {msg}"),
        max_abs: 0.0,
        max_rel: 0.0,
        frozen: false,
        secs: 0.0,
    }
}

/// One table row: status, case, op type, detail.
fn line(o: &Outcome) -> String {
    let mut detail = o.detail.replace('\n', " | ");
    if detail.len() > 240 {
        let cut = (0..=240)
            .rev()
            .find(|&i| detail.is_char_boundary(i))
            .unwrap_or(0);
        detail.truncate(cut);
        detail.push_str("...");
    }
    let frozen = if o.frozen { " [constant inputs]" } else { "" };
    format!(
        "{:<11} {:<60} {:<24} {:>9.1} ms  {detail}{frozen}\n",
        o.status.word(),
        o.name,
        o.op,
        o.secs * 1e3
    )
}

#[derive(Default, Clone, Copy)]
struct Tally {
    pass: usize,
    unsupported: usize,
    fail: usize,
}

impl Tally {
    fn add(&mut self, s: Status) {
        match s {
            Status::Pass => self.pass += 1,
            Status::Unsupported => self.unsupported += 1,
            Status::Fail => self.fail += 1,
        }
    }
    fn total(&self) -> usize {
        self.pass + self.unsupported + self.fail
    }
    fn pct(&self) -> f64 {
        100.0 * self.pass as f64 / self.total().max(1) as f64
    }
}

/// Totals per op type and per set (first path component), sorted by name.
/// Named tallies, sorted by name.
type Tallies = Vec<(String, Tally)>;

fn tallies(outcomes: &[Outcome]) -> (Tallies, Tallies) {
    let mut by_op: IndexMap<String, Tally> = IndexMap::new();
    let mut by_set: IndexMap<String, Tally> = IndexMap::new();
    for o in outcomes {
        by_op.entry(o.op.clone()).or_default().add(o.status);
        let set = o.name.split('/').next().unwrap_or("").to_string();
        by_set.entry(set).or_default().add(o.status);
    }
    let mut ops: Vec<_> = by_op.into_iter().collect();
    ops.sort_by(|a, b| a.0.cmp(&b.0));
    let mut sets: Vec<_> = by_set.into_iter().collect();
    sets.sort_by(|a, b| a.0.cmp(&b.0));
    (ops, sets)
}

fn report(outcomes: &[Outcome], quiet: bool, secs: f64) -> String {
    let mut s = String::new();
    if quiet {
        for o in outcomes.iter().filter(|o| o.status != Status::Pass) {
            s.push_str(&line(o));
        }
    }
    let (ops, sets) = tallies(outcomes);
    let _ = writeln!(s, "\ntotals per op type:");
    let _ = writeln!(
        s,
        "{:<32} {:>5} {:>11} {:>5} {:>6}",
        "op", "PASS", "UNSUPPORTED", "FAIL", "total"
    );
    for (op, t) in &ops {
        let _ = writeln!(
            s,
            "{op:<32} {:>5} {:>11} {:>5} {:>6}",
            t.pass,
            t.unsupported,
            t.fail,
            t.total()
        );
    }
    let _ = writeln!(s, "\ntotals per set:");
    let mut all = Tally::default();
    for (set, t) in &sets {
        let _ = writeln!(
            s,
            "{set:<32} {:>5} {:>11} {:>5} {:>6}  {:.1}% pass",
            t.pass,
            t.unsupported,
            t.fail,
            t.total(),
            t.pct()
        );
        all.pass += t.pass;
        all.unsupported += t.unsupported;
        all.fail += t.fail;
    }
    let frozen = outcomes
        .iter()
        .filter(|o| o.frozen && o.status == Status::Pass)
        .count();
    let _ = writeln!(
        s,
        "conformance: {} passed, {} unsupported, {} failed of {} cases ({:.1}% pass; {} passes \
         bound shape-like inputs as constants) in {:.1} s",
        all.pass,
        all.unsupported,
        all.fail,
        all.total(),
        all.pct(),
        frozen,
        secs
    );
    s
}

/// The totals as Markdown tables (for `docs/conformance.md`).
fn markdown(outcomes: &[Outcome]) -> String {
    let (ops, sets) = tallies(outcomes);
    let mut s = String::from("| set | PASS | UNSUPPORTED | FAIL | total | pass rate |\n");
    s.push_str("|---|---:|---:|---:|---:|---:|\n");
    for (set, t) in &sets {
        let _ = writeln!(
            s,
            "| {set} | {} | {} | {} | {} | {:.1}% |",
            t.pass,
            t.unsupported,
            t.fail,
            t.total(),
            t.pct()
        );
    }
    s.push_str("\n| op type | PASS | UNSUPPORTED | FAIL | total |\n|---|---:|---:|---:|---:|\n");
    for (op, t) in &ops {
        let _ = writeln!(
            s,
            "| {op} | {} | {} | {} | {} |",
            t.pass,
            t.unsupported,
            t.fail,
            t.total()
        );
    }
    s
}
