//! Saturating the blocks of a body: bridge in, run the rules within budgets, extract, check
//! the chosen new ops as the verifier would, and rebuild — only when the cost estimate goes
//! down ("never rewrite to worse code").

use crate::bridge::{verify_node, BlockGraph, BridgeOptions, RebuildStats};
use crate::explain;
use crate::extract::{
    extract, improve_with_groups, CostModel, ExtractOptions, Extraction, Problem,
};
use crate::language::Node;
use crate::rules::RuleSet;
use crate::runner::{run, Limits, RunStats};
use egg::{Id, Language};
use rustc_hash::FxHashSet;
use std::time::{Duration, Instant};
use strata_ir::{Block, Body, Context, Region};

/// Explanations are only recorded for blocks with at most this many pure ops.
pub const MAX_EXPLAINED_OPS: usize = 5_000;

/// Options of a saturation.
#[derive(Clone, Debug, Default)]
pub struct SaturateOptions {
    /// Budgets.
    pub limits: Limits,
    /// Extraction.
    pub extract: ExtractOptions,
    /// Record explanations and report them.
    pub explain: bool,
    /// Largest number of elements folded (0: the bridge default).
    pub fold_limit: u64,
}

/// What saturating one block did.
#[derive(Clone, Debug)]
pub struct BlockReport {
    /// Ops that went into the e-graph.
    pub pure_ops: usize,
    /// The run's statistics.
    pub run: RunStats,
    /// DAG cost of the input.
    pub cost_before: f64,
    /// DAG cost of the extraction (equal to `cost_before` when nothing changed).
    pub cost_after: f64,
    /// Time spent extracting.
    pub extract_time: Duration,
    /// Whether the block was rebuilt.
    pub changed: bool,
    /// What the rebuild did.
    pub rebuild: RebuildStats,
    /// Whether DAG extraction fell back to tree costs.
    pub extract_fell_back: bool,
    /// Explanations (when asked for).
    pub explanation: Option<String>,
    /// Why the block was left as it was, when it was.
    pub note: Option<String>,
}

impl BlockReport {
    /// One line: `classes, nodes, iterations, stop reason, cost before -> after`.
    pub fn summary(&self) -> String {
        format!(
            "{} ops, {} e-classes, {} e-nodes, {} iterations, stopped: {}, cost {:.4e} -> {:.4e}{}",
            self.pure_ops,
            self.run.classes,
            self.run.nodes,
            self.run.iterations,
            self.run.stop,
            self.cost_before,
            self.cost_after,
            if self.changed { "" } else { " (unchanged)" }
        )
    }
}

/// How many extraction rounds may reject ops that fail verification.
const VERIFY_ROUNDS: usize = 8;

/// Extract from `g` under `cost`, rejecting (and re-extracting around) new op nodes that
/// fail verification.
pub fn extract_verified(
    g: &BlockGraph<'_>,
    cost: &dyn CostModel,
    opts: &ExtractOptions,
) -> Result<Extraction, String> {
    let roots = g.root_classes();
    let orig = g.original_nodes();
    let mut excluded: FxHashSet<(Id, Node)> = FxHashSet::default();
    for _ in 0..VERIFY_ROUNDS {
        let p = Problem {
            egraph: &g.egraph,
            leaf_levels: &g.leaf_levels,
            excluded: &excluded,
        };
        let mut ex = extract(&p, &roots, cost, opts)?;
        if opts.mode == crate::extract::ExtractMode::Dag {
            improve_with_groups(&p, &roots, &mut ex, cost, 4);
        }
        // Check the reachable new nodes.
        let mut bad = Vec::new();
        let mut seen: FxHashSet<Id> = FxHashSet::default();
        let mut stack: Vec<Id> = roots.clone();
        while let Some(c) = stack.pop() {
            let c = g.egraph.find(c);
            if !seen.insert(c) {
                continue;
            }
            let Some(n) = ex.node(c) else { continue };
            if !orig.get(&c).is_some_and(|v| v.contains(n)) && verify_node(&g.egraph, c, n).is_err()
            {
                bad.push((c, n.clone()));
            }
            stack.extend(n.children().iter().copied());
        }
        if bad.is_empty() {
            return Ok(ex);
        }
        excluded.extend(bad);
    }
    Err("extraction kept choosing ops that fail verification".into())
}

/// Saturate one block of `body` with `rules`, extracting under `cost`.
///
/// With explanations on, the work runs on a helper thread with a large stack (egg's proof
/// code recurses over term depth).
pub fn saturate_block(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    rules: &RuleSet,
    cost: &dyn CostModel,
    opts: &SaturateOptions,
) -> Result<BlockReport, String> {
    if !opts.explain {
        return saturate_block_here(ctx, body, block, rules, cost, opts);
    }
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .name("strata-eqsat-explain".into())
            .stack_size(512 << 20)
            .spawn_scoped(s, || {
                saturate_block_here(ctx, body, block, rules, cost, opts)
            })
            .map_err(|e| format!("cannot start the explanation thread: {e}"))?
            .join()
            .map_err(|_| "saturation with explanations panicked".to_string())?
    })
}

fn saturate_block_here(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    rules: &RuleSet,
    cost: &dyn CostModel,
    opts: &SaturateOptions,
) -> Result<BlockReport, String> {
    let mut bopts = BridgeOptions {
        explanations: opts.explain,
        ..BridgeOptions::default()
    };
    if opts.fold_limit > 0 {
        bopts.fold_limit = opts.fold_limit;
    }
    if opts.explain && body.block_len(block) > MAX_EXPLAINED_OPS {
        bopts.explanations = false;
    }
    let g = BlockGraph::build(ctx, body, block, &bopts);
    let pure_ops = g.originals.len();
    let cost_before = g.input_cost(cost);
    let BlockGraph {
        egraph,
        block,
        leaves,
        leaf_levels,
        originals,
        roots,
    } = g;
    let (egraph, stats) = run(egraph, rules, &opts.limits)?;
    let mut g = BlockGraph {
        egraph,
        block,
        leaves,
        leaf_levels,
        originals,
        roots,
    };
    let mut report = BlockReport {
        pure_ops,
        run: stats,
        cost_before,
        cost_after: cost_before,
        extract_time: Duration::ZERO,
        changed: false,
        rebuild: RebuildStats::default(),
        extract_fell_back: false,
        explanation: None,
        note: None,
    };
    if g.roots.is_empty() {
        return Ok(report);
    }
    let t = Instant::now();
    let ex = extract_verified(&g, cost, &opts.extract);
    report.extract_time = t.elapsed();
    let ex = match ex {
        Ok(ex) => ex,
        Err(e) => {
            report.note = Some(e);
            return Ok(report);
        }
    };
    report.extract_fell_back = ex.fell_back;
    let after = g.extracted_cost(&ex, cost);
    if opts.explain {
        report.explanation = Some(if g.egraph.are_explanations_enabled() {
            explain::explain(ctx, &mut g, &ex)
        } else {
            format!("explanations not recorded: the block has more than {MAX_EXPLAINED_OPS} ops\n")
        });
    }
    if after >= cost_before {
        report.note = Some(format!(
            "no cheaper term found (cost {cost_before:.4e}, best {after:.4e})"
        ));
        return Ok(report);
    }
    match g.rebuild(ctx, body, &ex) {
        Ok(s) => {
            report.rebuild = s;
            report.changed = true;
            report.cost_after = after;
        }
        Err(e) => report.note = Some(e),
    }
    Ok(report)
}

/// Every block of `regions` in `body`, and of the regions of ops nested in them that live in
/// the same body, in pre-order.
pub fn blocks_of(body: &Body, regions: &[Region]) -> Vec<Block> {
    let mut out = Vec::new();
    let mut stack: Vec<Region> = regions.iter().rev().copied().collect();
    while let Some(r) = stack.pop() {
        for &b in body.region_blocks(r) {
            out.push(b);
            for op in body.block_ops(b) {
                if !body.has_nested_slot(op) {
                    stack.extend(body.regions(op).iter().rev().copied());
                }
            }
        }
    }
    out
}

/// Saturate every block of `regions` (see [`blocks_of`]) in turn.
pub fn saturate_regions(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    rules: &RuleSet,
    cost: &dyn CostModel,
    opts: &SaturateOptions,
) -> Result<Vec<BlockReport>, String> {
    let mut reports = Vec::new();
    for b in blocks_of(body, regions) {
        reports.push(saturate_block(ctx, body, b, rules, cost, opts)?);
    }
    Ok(reports)
}
