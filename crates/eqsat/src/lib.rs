//! Strata's equality saturation engine, on [egg](https://docs.rs/egg).
//!
//! The pure dataflow of a block goes into an e-graph, rule packs grow it within budgets, and
//! a cost model picks the cheapest equivalent terms, which are rebuilt into the block:
//!
//! * [`language`]: the e-graph language — IR op names with operands and an attribute child,
//!   attribute leaves, opaque leaves, projections of multi-result ops;
//! * [`analysis`]: types (through `OpDef::infer`) and constants (through `OpDef::fold`) of
//!   every e-class, constant folding inside the e-graph;
//! * [`bridge`]: block -> e-graph -> block, with locations, iterative at every depth;
//! * [`rules`]: the rule DSL (text over `.mlir` op names, conditions, computed attributes,
//!   multi-root rules), rule packs and their registry;
//! * [`runner`]: node, iteration, time and per-rule match budgets, stop reasons;
//! * [`extract`]: cost-model extraction (tree or DAG-aware), acyclic by construction,
//!   robust to any cost; [`cost`]: the default FLOP + memory-traffic model;
//! * [`explain`]: which rules produced each rewritten op;
//! * [`saturate`](mod@saturate): the whole round trip for a block; [`check`]: both sides of a rule as
//!   functions, for soundness tests; the `saturate` pass (registered in `strata_pass::PASSES`).
//!
//! This is the only Strata crate that depends on egg. Dialects contribute rule packs as
//! egg-free text (the graph dialect's are in `strata_dialect_graph::rules`); targets add rule
//! packs ([`RULE_PROVIDERS`]), rule functions ([`RULE_FUNCTIONS`]) and cost models
//! ([`COST_MODELS`]) through link-time registries.
//!
//! ```
//! use strata_eqsat::{saturate_block, FlopMemoryCost, RuleSet, SaturateOptions};
//! use strata_ir::{Body, Context, OpBuilder};
//!
//! let mut ctx = Context::new();
//! strata_dialect_graph::register(&mut ctx);
//! ctx.allow_unregistered = true; // for `test.use` below
//! let t = ctx.tensor_type(&[2, 3], ctx.f32());
//! let mut body = Body::new();
//! let block = body.create_block();
//! let x = body.add_block_arg(block, t);
//! let mut b = OpBuilder::at_end(&ctx, &mut body, block);
//! let perm = |p: &[i64]| ("perm", strata_dialect_graph::attr::i64_array_attr(&ctx, p));
//! let t1 = strata_dialect_graph::build(&mut b, "graph.transpose", &[x], &[perm(&[1, 0])]).unwrap();
//! let v1 = b.body.result(t1, 0);
//! let t2 = strata_dialect_graph::build(&mut b, "graph.transpose", &[v1], &[perm(&[1, 0])]).unwrap();
//! let v2 = b.body.result(t2, 0);
//! let r = strata_dialect_graph::build(&mut b, "graph.relu", &[v2], &[]).unwrap();
//! // An unregistered op keeps the relu's result alive (an anchor).
//! let rv = b.body.result(r, 0);
//! b.build("test.use", &[rv], &[], &[]);
//!
//! let rules = RuleSet::from_texts(&ctx, "demo", &[(
//!     "transpose-transpose",
//!     "(graph.transpose (graph.transpose ?x ?p) ?q) => ?x if perms_compose_to_identity(?p, ?q)",
//! )]).unwrap();
//! let report = saturate_block(&ctx, &mut body, block, &rules, &FlopMemoryCost::default(),
//!     &SaturateOptions::default()).unwrap();
//! assert!(report.changed);
//! assert_eq!(body.block_len(block), 2); // graph.relu(%x), test.use
//! ```

pub mod analysis;
pub mod bridge;
pub mod check;
pub mod cost;
pub mod explain;
pub mod extract;
pub mod language;
mod packs;
mod pass;
pub mod rules;
pub mod runner;
pub mod saturate;

/// egg, re-exported so that users name `egg::Id` and friends without depending on it.
pub use egg;

pub use analysis::{ClassData, GraphAnalysis};
pub use bridge::{BlockGraph, BridgeOptions};
pub use cost::{lookup_cost_model, CostModelInfo, FlopMemoryCost, OpCount, COST_MODELS};
pub use extract::{CostModel, ExtractMode, ExtractOptions, Extraction, OpInfo};
pub use language::Node;
pub use rules::{
    compile_rule, resolve_packs, rule_packs, Rule, RuleDecl, RuleFunction, RulePack, RuleProvider,
    RuleSet, RULE_FUNCTIONS, RULE_PROVIDERS,
};
pub use runner::{Limits, RunStats, Stop};
pub use saturate::{saturate_block, saturate_regions, BlockReport, SaturateOptions};
