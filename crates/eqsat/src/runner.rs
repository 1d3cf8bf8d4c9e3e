//! Running rules under budgets: node, iteration and time limits and per-rule match limits
//! with egg's `BackoffScheduler` (a rule that matches too often is banned for a few
//! iterations). Every run reports why it stopped; whatever the reason, the e-graph is left
//! rebuilt and still holds the input terms, so extraction always has an answer (the best
//! found so far).
//!
//! Determinism: egg is built with its `deterministic` feature (its maps iterate in insertion
//! order), the bridge adds nodes in block order, and rules run in pack order, so the same
//! input gives the same e-graph, stop reason and extraction. Only the time limit depends on
//! the machine; tests use node and iteration limits only.

use crate::analysis::GraphAnalysis;
use crate::language::Node;
use crate::rules::RuleSet;
use egg::{BackoffScheduler, EGraph, Runner};
use indexmap::IndexMap;
use std::fmt;
use std::time::{Duration, Instant};

/// Budgets of one saturation run.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Stop once the e-graph has more nodes than this.
    pub node_limit: usize,
    /// Stop after this many iterations.
    pub iter_limit: usize,
    /// Stop after this long (`None`: no time limit, as tests require).
    pub time_limit: Option<Duration>,
    /// Matches a rule may apply per iteration before it is banned (BackoffScheduler).
    pub match_limit: usize,
    /// Iterations a banned rule sits out (doubling each time it is banned again).
    pub ban_length: usize,
    /// Per-rule overrides of the match limit.
    pub rule_match_limits: Vec<(String, usize)>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            node_limit: 50_000,
            iter_limit: 30,
            time_limit: Some(Duration::from_secs(10)),
            match_limit: 1_000,
            ban_length: 5,
            rule_match_limits: Vec::new(),
        }
    }
}

/// Why a run stopped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stop {
    /// No rule changed the e-graph in an iteration (nothing banned).
    Saturated,
    /// The iteration limit was reached.
    IterationLimit,
    /// The node limit was exceeded.
    NodeLimit,
    /// The time limit was exceeded.
    TimeLimit,
    /// Something else (egg's message).
    Other(String),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Saturated => f.write_str("saturated"),
            Stop::IterationLimit => f.write_str("iteration-limit"),
            Stop::NodeLimit => f.write_str("node-limit"),
            Stop::TimeLimit => f.write_str("time-limit"),
            Stop::Other(s) => write!(f, "other: {s}"),
        }
    }
}

impl Stop {
    /// Whether a budget (not saturation) ended the run.
    pub fn hit_budget(&self) -> bool {
        !matches!(self, Stop::Saturated)
    }
}

/// What a run did.
#[derive(Clone, Debug)]
pub struct RunStats {
    /// Iterations run.
    pub iterations: usize,
    /// E-nodes at the end.
    pub nodes: usize,
    /// E-classes at the end.
    pub classes: usize,
    /// Why it stopped.
    pub stop: Stop,
    /// Wall-clock time of the run.
    pub time: Duration,
    /// Successful applications per rule, in first-application order.
    pub applied: IndexMap<String, usize>,
}

/// Run `rules` on `egraph` within `limits`; returns the rebuilt e-graph and what happened.
pub fn run<'a>(
    egraph: EGraph<Node, GraphAnalysis<'a>>,
    rules: &RuleSet,
    limits: &Limits,
) -> Result<(EGraph<Node, GraphAnalysis<'a>>, RunStats), String> {
    let rewrites = rules
        .rules
        .iter()
        .map(|r| r.rewrite())
        .collect::<Result<Vec<_>, _>>()?;
    let mut sched = BackoffScheduler::default()
        .with_initial_match_limit(limits.match_limit.max(1))
        .with_ban_length(limits.ban_length);
    for (name, l) in &limits.rule_match_limits {
        sched = sched.rule_match_limit(name.as_str(), *l);
    }
    let start = Instant::now();
    let mut egraph = egraph;
    egraph.analysis.node_limit = limits.node_limit;
    let dummy = GraphAnalysis::new(egraph.analysis.ctx);
    let runner: Runner<Node, GraphAnalysis<'a>, ()> = Runner::new(dummy)
        .with_egraph(egraph)
        .with_node_limit(limits.node_limit)
        .with_iter_limit(limits.iter_limit)
        .with_time_limit(
            limits
                .time_limit
                .unwrap_or(Duration::from_secs(365 * 24 * 3600)),
        )
        .with_scheduler(sched)
        .run(&rewrites);
    let stop = match runner.stop_reason {
        Some(egg::StopReason::Saturated) => Stop::Saturated,
        Some(egg::StopReason::IterationLimit(_)) => Stop::IterationLimit,
        Some(egg::StopReason::NodeLimit(_)) => Stop::NodeLimit,
        Some(egg::StopReason::TimeLimit(_)) => Stop::TimeLimit,
        Some(egg::StopReason::Other(s)) => Stop::Other(s),
        None => Stop::Other("no stop reason".into()),
    };
    let mut applied: IndexMap<String, usize> = IndexMap::new();
    for it in &runner.iterations {
        for (name, n) in &it.applied {
            *applied.entry(name.to_string()).or_insert(0) += n;
        }
    }
    let iterations = runner.iterations.len();
    let mut egraph = runner.egraph;
    egraph.analysis.node_limit = usize::MAX;
    egraph.rebuild();
    let stats = RunStats {
        iterations,
        nodes: egraph.total_size(),
        classes: egraph.number_of_classes(),
        stop,
        time: start.elapsed(),
        applied,
    };
    Ok((egraph, stats))
}
