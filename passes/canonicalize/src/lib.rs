//! `canonicalize`: MLIR's canonicalizer. Applies every registered op's folder and the
//! canonicalization patterns declared with the ops ([`OpDef::canonicalize`]) with the greedy
//! rewrite driver ([`strata_pass::rewrite::greedy`]) until a fixpoint, erasing dead ops,
//! uniquing and hoisting constants and (optionally) erasing unreachable blocks.
//!
//! The pass runs on any op. It canonicalises the op's regions and then the nested body of
//! every isolated-from-above op inside (run on a module, it canonicalises every function),
//! parents before children; bodies of ops erased on the way are skipped.
//!
//! Options (as MLIR's):
//!
//! | option | default | meaning |
//! |---|---|---|
//! | `max-iterations` | `10` | iteration limit of the driver (`-1`: none) |
//! | `max-num-rewrites` | `-1` | pattern application limit (`-1`: none) |
//! | `test-convergence` | `false` | checker mode: fail when the driver does not converge, when a pattern lies about success or failure, or when an extra iteration after convergence still changes the IR |
//! | `region-simplify` | `normal` | `normal`: erase unreachable blocks; `disabled`: leave blocks alone (`aggressive` is accepted and behaves as `normal`) |
//! | `top-down` | `true` | seed the worklist in pre-order (`false`: bottom-up) |
//! | `disable-patterns` | | patterns not to apply, by name |
//! | `enable-patterns` | | apply only these patterns, by name |
//!
//! Non-convergence is not an error unless `test-convergence` is set (as in MLIR).
//!
//! [`OpDef::canonicalize`]: strata_ir::OpDef::canonicalize

use strata_ir::rewrite::RewritePattern;
use strata_ir::{Body, Context, Diagnostic, Op, Region};
use strata_pass::rewrite::greedy::{
    apply_patterns_greedily, GreedyConfig, GreedyOutcome, RegionSimplification,
};
use strata_pass::rewrite::{canonicalization_patterns, ops_preorder, FrozenPatternSet};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PassOptions,
    PASSES,
};

const OPTIONS: &[PassOptionInfo] = &[
    PassOptionInfo {
        name: "max-iterations",
        description: "Maximum number of driver iterations (-1: no limit)",
        default: "10",
        kind: OptionKind::Int,
    },
    PassOptionInfo {
        name: "max-num-rewrites",
        description: "Maximum number of pattern applications (-1: no limit)",
        default: "-1",
        kind: OptionKind::Int,
    },
    PassOptionInfo {
        name: "test-convergence",
        description: "Test only: fail on non-convergence, on patterns that misreport \
                      success or failure, and when the IR still changes after convergence",
        default: "false",
        kind: OptionKind::Bool,
    },
    PassOptionInfo {
        name: "region-simplify",
        description: "Region simplification: `normal` (erase unreachable blocks) or \
                      `disabled`",
        default: "normal",
        kind: OptionKind::String,
    },
    PassOptionInfo {
        name: "top-down",
        description: "Seed the worklist top-down (pre-order) rather than bottom-up",
        default: "true",
        kind: OptionKind::Bool,
    },
    PassOptionInfo {
        name: "disable-patterns",
        description: "Labels of patterns that should be filtered out",
        default: "",
        kind: OptionKind::List,
    },
    PassOptionInfo {
        name: "enable-patterns",
        description: "Labels of patterns that should be used (all when empty)",
        default: "",
        kind: OptionKind::List,
    },
];

/// Registration of `canonicalize`.
#[linkme::distributed_slice(PASSES)]
pub static CANONICALIZE: PassInfo = PassInfo {
    name: "canonicalize",
    summary: "Canonicalize operations",
    description: "Applies the folders of all registered ops and the canonicalization patterns \
                  they declare, greedily, until a fixpoint: dead pure ops are erased, constant \
                  operands are folded, constants are uniqued and hoisted to the entry block of \
                  their region, commutative ops get their constant operands last, and (with \
                  `region-simplify=normal`) unreachable blocks are erased. Runs on any op and \
                  on the bodies of the isolated-from-above ops nested in it.\n\n\
                  Statistics: `num-rewrites`, `num-folds`, `num-dead-erased`.",
    anchor: None,
    options: OPTIONS,
    create: |o| Canonicalize::from_options(o).map(|c| Box::new(c) as Box<dyn Pass>),
};

/// The `canonicalize` pass.
pub struct Canonicalize {
    config: GreedyConfig,
    disabled: Vec<String>,
    enabled: Vec<String>,
    options: PassOptions,
}

impl Canonicalize {
    /// The pass with validated options.
    pub fn from_options(o: &PassOptions) -> Result<Self, String> {
        let region_simplification = match o.get_str("region-simplify") {
            "normal" | "aggressive" => RegionSimplification::Normal,
            "disabled" => RegionSimplification::Disabled,
            other => {
                return Err(format!(
                    "invalid value '{other}' for option 'region-simplify' (expected normal or \
                     disabled)"
                ))
            }
        };
        let limit = |v: i64| (v >= 0).then_some(v);
        let config = GreedyConfig {
            max_iterations: limit(o.get_i64("max-iterations"))
                .map(|v| u32::try_from(v).unwrap_or(u32::MAX)),
            max_num_rewrites: limit(o.get_i64("max-num-rewrites")).map(|v| v as u64),
            top_down: o.get_bool("top-down"),
            region_simplification,
            check: o.get_bool("test-convergence"),
            ..GreedyConfig::default()
        };
        Ok(Canonicalize {
            config,
            disabled: o.get_list("disable-patterns"),
            enabled: o.get_list("enable-patterns"),
            options: o.clone(),
        })
    }

    /// The canonicalization patterns of `ctx`'s dialects, filtered by the pass's
    /// `enable-patterns` / `disable-patterns` options.
    pub fn patterns(&self, ctx: &Context) -> Vec<&'static dyn RewritePattern> {
        canonicalization_patterns(ctx)
            .into_iter()
            .filter(|p| {
                let n = p.name();
                (self.enabled.is_empty() || self.enabled.iter().any(|e| e == n))
                    && !self.disabled.iter().any(|d| d == n)
            })
            .collect()
    }
}

impl Pass for Canonicalize {
    fn info(&self) -> &'static PassInfo {
        &CANONICALIZE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let patterns = self.patterns(ctx);
        let set = FrozenPatternSet::new(ctx, patterns);
        let regions = unit.regions().to_vec();
        let total = canonicalize(ctx, unit.body, &regions, &set, &self.config);
        unit.stat("num-rewrites", total.num_rewrites);
        unit.stat("num-folds", total.num_folds);
        unit.stat("num-dead-erased", total.num_dead_erased);
        if !total.changed {
            am.preserve_all();
        }
        if self.config.check && !total.diagnostics.is_empty() {
            for d in total.diagnostics {
                unit.emit(d);
            }
            return Err(PassFailed);
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("canonicalize{}", self.options.to_text(OPTIONS))
    }
}

/// What canonicalising a tree of bodies did, summed over the bodies.
#[derive(Clone, Debug, Default)]
pub struct CanonicalizeOutcome {
    /// Whether every body converged.
    pub converged: bool,
    /// Whether anything changed.
    pub changed: bool,
    /// Pattern applications.
    pub num_rewrites: u64,
    /// Successful folds.
    pub num_folds: u64,
    /// Dead ops erased.
    pub num_dead_erased: u64,
    /// The driver's diagnostics (non-convergence, checker findings), in body order.
    pub diagnostics: Vec<Diagnostic>,
}

/// Canonicalise `regions` of `body` with `patterns` and `config`, then the nested body of
/// every isolated op inside, parents before children (iteratively: any nesting depth).
pub fn canonicalize(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    patterns: &FrozenPatternSet<'_>,
    config: &GreedyConfig,
) -> CanonicalizeOutcome {
    let mut total = CanonicalizeOutcome {
        converged: true,
        ..CanonicalizeOutcome::default()
    };
    let mut work: Vec<(Vec<Op>, Vec<Region>)> = vec![(Vec::new(), regions.to_vec())];
    while let Some((path, regions)) = work.pop() {
        let Some(b) = body_at_mut(body, &path) else {
            continue;
        };
        let out: GreedyOutcome = apply_patterns_greedily(ctx, b, &regions, patterns, config);
        total.converged &= out.converged;
        total.changed |= out.changed;
        total.num_rewrites += out.num_rewrites;
        total.num_folds += out.num_folds;
        total.num_dead_erased += out.num_dead_erased;
        total.diagnostics.extend(out.diagnostics);
        let children: Vec<Op> = ops_preorder(b, &regions)
            .into_iter()
            .filter(|&o| b.nested(o).is_some())
            .collect();
        for &c in children.iter().rev() {
            let mut p = path.clone();
            p.push(c);
            work.push((p, b.regions(c).to_vec()));
        }
    }
    total
}

/// The nested body reached from `root` through the isolated ops of `path`.
fn body_at_mut<'b>(root: &'b mut Body, path: &[Op]) -> Option<&'b mut Body> {
    let mut b = root;
    for &op in path {
        if b.is_erased(op) {
            return None;
        }
        b = b.nested_mut(op)?;
    }
    Some(b)
}
