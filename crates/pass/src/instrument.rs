//! Pass instrumentation state: per-pass timing as a tree (like `mlir-opt --mlir-timing`),
//! statistics, IR dumps and diagnostics, collected per unit and merged in IR order so that
//! parallel runs report exactly what a single-threaded run reports (timings aside).

use indexmap::IndexMap;
use std::fmt::Write as _;
use std::time::Duration;
use strata_ir::Diagnostic;

/// Which passes to print the IR around, and how.
#[derive(Clone, Debug, Default)]
pub struct IrPrintConfig {
    /// Print before these passes (`--mlir-print-ir-before=cse,canonicalize`).
    pub before: Vec<String>,
    /// Print after these passes.
    pub after: Vec<String>,
    /// Print before every pass.
    pub before_all: bool,
    /// Print after every pass.
    pub after_all: bool,
    /// Only print after a pass when it changed the IR.
    pub after_change: bool,
    /// Print after a pass that failed.
    pub after_failure: bool,
    /// Include locations.
    pub debug_info: bool,
}

impl IrPrintConfig {
    pub(crate) fn wants_before(&self, pass: &str) -> bool {
        self.before_all || self.before.iter().any(|p| p == pass)
    }
    pub(crate) fn wants_after(&self, pass: &str) -> bool {
        self.after_all || self.after.iter().any(|p| p == pass)
    }
    /// Whether any printing is requested.
    pub fn any(&self) -> bool {
        self.before_all
            || self.after_all
            || !self.before.is_empty()
            || !self.after.is_empty()
            || self.after_failure
    }
}

/// Instrumentation results of one unit (merged upwards).
#[derive(Default)]
pub(crate) struct Instr {
    pub diags: Vec<Diagnostic>,
    pub dumps: Vec<(String, String)>,
    timing: IndexMap<Vec<String>, Duration>,
    stats: IndexMap<(&'static str, &'static str), u64>,
}

impl Instr {
    pub fn add_time(&mut self, path: Vec<String>, d: Duration) {
        *self.timing.entry(path).or_default() += d;
    }
    pub fn add_stat(&mut self, pass: &'static str, name: &'static str, v: u64) {
        *self.stats.entry((pass, name)).or_default() += v;
    }
    pub fn merge(&mut self, other: Instr) {
        self.diags.extend(other.diags);
        self.dumps.extend(other.dumps);
        for (k, v) in other.timing {
            *self.timing.entry(k).or_default() += v;
        }
        for (k, v) in other.stats {
            *self.stats.entry(k).or_default() += v;
        }
    }

    /// A tree like `mlir-opt --mlir-timing`: pipelines contain the passes that ran in them;
    /// times of parallel units are summed.
    pub fn timing_report(&self, total: Duration) -> String {
        // Build the tree: node = path prefix; pipeline nodes get the sum of their children.
        let mut nodes: IndexMap<Vec<String>, Duration> = IndexMap::new();
        for (path, d) in &self.timing {
            for i in 1..=path.len() {
                *nodes.entry(path[..i].to_vec()).or_default() += *d;
            }
        }
        let total_s = total.as_secs_f64().max(1e-9);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "===-------------------------------------------------------------------------==="
        );
        let _ = writeln!(
            out,
            "                         ... Execution time report ..."
        );
        let _ = writeln!(
            out,
            "===-------------------------------------------------------------------------==="
        );
        let _ = writeln!(
            out,
            "  Total Execution Time: {:.4} seconds\n",
            total.as_secs_f64()
        );
        let _ = writeln!(out, "  ----Wall Time----  ----Name----");
        // Print in pre-order: sort paths so children follow parents, keeping first-seen order
        // among siblings.
        let order: Vec<Vec<String>> = nodes.keys().cloned().collect();
        let mut printed = std::collections::BTreeSet::new();
        fn emit(
            prefix: &[String],
            order: &[Vec<String>],
            nodes: &IndexMap<Vec<String>, Duration>,
            total_s: f64,
            out: &mut String,
            printed: &mut std::collections::BTreeSet<Vec<String>>,
        ) {
            for p in order {
                if p.len() == prefix.len() + 1 && p.starts_with(prefix) && printed.insert(p.clone())
                {
                    let d = nodes[p].as_secs_f64();
                    let _ = writeln!(
                        out,
                        "  {:>8.4} ({:>5.1}%)  {}{}",
                        d,
                        100.0 * d / total_s,
                        "  ".repeat(prefix.len()),
                        p.last().map(String::as_str).unwrap_or("")
                    );
                    emit(p, order, nodes, total_s, out, printed);
                }
            }
        }
        emit(&[], &order, &nodes, total_s, &mut out, &mut printed);
        let _ = writeln!(out, "  {:>8.4} (100.0%)  Total", total.as_secs_f64());
        out
    }

    pub fn statistics_report(&self) -> String {
        let mut out = String::from(
            "===-------------------------------------------------------------------------===\n\
             \x20                        ... Pass statistics report ...\n\
             ===-------------------------------------------------------------------------===\n",
        );
        let mut last = "";
        for ((pass, name), v) in &self.stats {
            if *pass != last {
                let _ = writeln!(out, "{pass}");
                last = pass;
            }
            let _ = writeln!(out, "  ({v}) {name}");
        }
        out
    }
}
