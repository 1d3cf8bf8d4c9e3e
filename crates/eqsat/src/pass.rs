//! The `saturate` pass: equality saturation of every block of the op it runs on.
//!
//! ```text
//! --pass-pipeline='builtin.module(func.func(saturate{rules=graph-algebra node-limit=50000 iter-limit=30}))'
//! ```
//!
//! Statistics (`--mlir-pass-statistics`): blocks, blocks changed, e-classes, e-nodes,
//! iterations, rewritten ops, cost before and after (rounded), and one counter per stop
//! reason. `dump-egraph` reports the same per block as a remark; `explain` reports, as a
//! remark, which rules produced each rewritten op.

use crate::cost::lookup_cost_model;
use crate::extract::{ExtractMode, ExtractOptions};
use crate::rules::{resolve_packs, RuleSet};
use crate::runner::{Limits, Stop};
use crate::saturate::{saturate_regions, SaturateOptions};
use std::time::Duration;
use strata_ir::Diagnostic;
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PassOptions,
    PASSES,
};

const OPTIONS: &[PassOptionInfo] = &[
    PassOptionInfo {
        name: "rules",
        description: "rule packs: `default`, pack names, or prefixes ending in `*`",
        default: "default",
        kind: OptionKind::List,
    },
    PassOptionInfo {
        name: "node-limit",
        description: "stop when the e-graph has more e-nodes",
        default: "50000",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "iter-limit",
        description: "stop after this many iterations",
        default: "30",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "time-limit-ms",
        description: "stop after this many milliseconds (0: no time limit)",
        default: "10000",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "match-limit",
        description: "matches a rule may apply per iteration before it is banned",
        default: "1000",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "rule-match-limits",
        description: "per-rule match limits, `rule:limit` pairs separated by commas",
        default: "",
        kind: OptionKind::List,
    },
    PassOptionInfo {
        name: "ban-length",
        description: "iterations a banned rule sits out",
        default: "5",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "extract",
        description: "`dag` (shared subterms counted once) or `tree`",
        default: "dag",
        kind: OptionKind::String,
    },
    PassOptionInfo {
        name: "cost-model",
        description: "a registered cost model (`flop-memory`, `op-count`, or a target's)",
        default: "flop-memory",
        kind: OptionKind::String,
    },
    PassOptionInfo {
        name: "fold-limit",
        description: "largest constant (in elements) folded in the e-graph",
        default: "1048576",
        kind: OptionKind::UInt,
    },
    PassOptionInfo {
        name: "dump-egraph",
        description: "report e-graph statistics per block as remarks",
        default: "false",
        kind: OptionKind::Bool,
    },
    PassOptionInfo {
        name: "explain",
        description: "report which rules produced each rewritten op as remarks",
        default: "false",
        kind: OptionKind::Bool,
    },
];

/// The pass.
struct Saturate {
    options: PassOptions,
    packs: Vec<String>,
    opts: SaturateOptions,
    cost_model: String,
    dump: bool,
}

#[linkme::distributed_slice(PASSES)]
static SATURATE: PassInfo = PassInfo {
    name: "saturate",
    summary: "Equality saturation with rule packs, extraction by a cost model",
    description: "Puts the pure dataflow of each block into an e-graph, applies the selected \
                  rule packs until saturation or a budget (node, iteration and time limits, \
                  per-rule match limits with backoff), extracts the cheapest terms under the \
                  cost model (DAG-aware by default) and rebuilds the block when the estimate \
                  goes down. Ops that are not pure or lack result type inference are left in \
                  place.",
    anchor: None,
    options: OPTIONS,
    create,
};

fn create(o: &PassOptions) -> Result<Box<dyn Pass>, String> {
    let packs = o.get_list("rules");
    resolve_packs(&packs)?;
    let cost_model = o.get_str("cost-model").to_string();
    if lookup_cost_model(&cost_model).is_none() {
        return Err(format!("unknown cost model '{cost_model}'"));
    }
    let mode = match o.get_str("extract") {
        "dag" => ExtractMode::Dag,
        "tree" => ExtractMode::Tree,
        other => {
            return Err(format!(
                "option 'extract' must be 'dag' or 'tree', not '{other}'"
            ))
        }
    };
    let mut rule_match_limits = Vec::new();
    for item in o.get_list("rule-match-limits") {
        let parsed = item
            .rsplit_once(':')
            .and_then(|(r, l)| Some((r.to_string(), l.parse::<usize>().ok()?)));
        match parsed {
            Some(p) => rule_match_limits.push(p),
            None => {
                return Err(format!(
                    "option 'rule-match-limits' takes 'rule:limit' pairs, not '{item}'"
                ))
            }
        }
    }
    let time = o.get_u64("time-limit-ms");
    let limits = Limits {
        node_limit: usize::try_from(o.get_u64("node-limit")).unwrap_or(usize::MAX),
        iter_limit: usize::try_from(o.get_u64("iter-limit")).unwrap_or(usize::MAX),
        time_limit: (time > 0).then(|| Duration::from_millis(time)),
        match_limit: usize::try_from(o.get_u64("match-limit")).unwrap_or(usize::MAX),
        ban_length: usize::try_from(o.get_u64("ban-length")).unwrap_or(usize::MAX),
        rule_match_limits,
    };
    Ok(Box::new(Saturate {
        options: o.clone(),
        packs,
        opts: SaturateOptions {
            limits,
            extract: ExtractOptions {
                mode,
                ..ExtractOptions::default()
            },
            explain: o.get_bool("explain"),
            fold_limit: o.get_u64("fold-limit"),
        },
        cost_model,
        dump: o.get_bool("dump-egraph"),
    }))
}

impl Pass for Saturate {
    fn info(&self) -> &'static PassInfo {
        &SATURATE
    }

    fn pipeline_text(&self) -> String {
        format!("saturate{}", self.options.to_text(OPTIONS))
    }

    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let loc = unit.holder.op(unit.op).loc;
        let packs = match resolve_packs(&self.packs) {
            Ok(p) => p,
            Err(e) => {
                unit.emit(Diagnostic::error(loc, e));
                return Err(PassFailed);
            }
        };
        let rules = match RuleSet::compile(ctx, &packs) {
            Ok(r) => r,
            Err(errs) => {
                unit.emit(Diagnostic::error(
                    loc,
                    format!("invalid rules: {}", errs.join("; ")),
                ));
                return Err(PassFailed);
            }
        };
        let Some(cm) = lookup_cost_model(&self.cost_model) else {
            unit.emit(Diagnostic::error(loc, "unknown cost model"));
            return Err(PassFailed);
        };
        let cost = (cm.create)();
        let regions = unit.regions().to_vec();
        let reports = match saturate_regions(ctx, unit.body, &regions, &rules, &*cost, &self.opts) {
            Ok(r) => r,
            Err(e) => {
                unit.emit(Diagnostic::error(loc, format!("saturate: {e}")));
                return Err(PassFailed);
            }
        };
        for r in &reports {
            if r.pure_ops == 0 {
                continue;
            }
            unit.stat("blocks", 1);
            unit.stat("blocks changed", u64::from(r.changed));
            unit.stat("e-classes", r.run.classes as u64);
            unit.stat("e-nodes", r.run.nodes as u64);
            unit.stat("iterations", r.run.iterations as u64);
            unit.stat("rewritten ops", r.rebuild.rewritten as u64);
            unit.stat("cost before", r.cost_before.round() as u64);
            unit.stat("cost after", r.cost_after.round() as u64);
            unit.stat(
                match r.run.stop {
                    Stop::Saturated => "stopped: saturated",
                    Stop::IterationLimit => "stopped: iteration limit",
                    Stop::NodeLimit => "stopped: node limit",
                    Stop::TimeLimit => "stopped: time limit",
                    Stop::Other(_) => "stopped: other",
                },
                1,
            );
            if self.dump {
                unit.emit(Diagnostic::remark(
                    loc,
                    format!("saturate: {}", r.summary()),
                ));
            }
            if let Some(e) = &r.explanation {
                unit.emit(Diagnostic::remark(
                    loc,
                    format!("saturate explanation:\n{e}"),
                ));
            }
        }
        Ok(())
    }
}
