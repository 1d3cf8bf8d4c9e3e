//! Rewrite rules of the graph dialect for equality saturation, as egg-free text.
//!
//! The dialect owns its rules but does not depend on the e-graph engine: each rule is a line
//! of text over `.mlir` op names that `strata-eqsat` parses, checks and runs (its rule
//! syntax, condition functions and sample format are documented in `strata_eqsat::rules`).
//! Rules are grouped by topic into [`PACKS`], one law per line with a comment; every rule
//! carries a *sample* — an instance honouring its side conditions — from which the soundness
//! test builds both sides and compares them in the reference interpreter on random inputs.
//!
//! * [`algebra`]: algebraic simplification (identities, negation, reciprocals, factoring);
//! * [`movement`]: transpose and reshape chains, transposes sunk through elementwise ops;
//! * [`fusion`]: bias and activation patterns around `conv`, `matmul` and `gemm`, GELU;
//! * [`conv_bn`]: folding `batch_norm` into a preceding `conv`;
//! * [`merge`]: merging parallel `matmul`s / `conv`s that share an input (multi-root);
//! * [`concat_split`]: `concat` / `split` interchange;
//! * [`layout`]: layout alternatives (NCHW vs NHWC through explicit transposes);
//! * [`fold`]: reassociating constants so the analysis folds them;
//! * [`reassoc`]: associativity and commutativity (not in the default selection: they blow
//!   up e-graphs and reassociate floating-point sums).

pub mod algebra;
pub mod concat_split;
pub mod conv_bn;
pub mod fold;
pub mod fusion;
pub mod layout;
pub mod merge;
pub mod movement;
pub mod reassoc;

/// One rule: name, rule text, and a sample instance for its soundness test.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleDecl {
    /// Stable kebab-case name.
    pub name: &'static str,
    /// The rule (`lhs => rhs if conditions where bindings`).
    pub rule: &'static str,
    /// The sample: the left-hand side's variables (`?x: tensor<2x3xf32>, ?p = {...}`).
    pub sample: &'static str,
}

/// A rule pack.
#[derive(Clone, Copy, Debug)]
pub struct RulePack {
    /// Pack name (`graph-algebra`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Whether `saturate{rules=default}` includes it.
    pub default: bool,
    /// The rules.
    pub rules: &'static [RuleDecl],
}

/// `RuleDecl { name, rule, sample }` in one line.
macro_rules! rule {
    ($name:literal, $rule:literal, $sample:literal) => {
        $crate::rules::RuleDecl {
            name: $name,
            rule: $rule,
            sample: $sample,
        }
    };
}
pub(crate) use rule;

/// Every rule pack of the dialect.
pub static PACKS: &[RulePack] = &[
    RulePack {
        name: "graph-algebra",
        summary: "algebraic simplification of elementwise ops",
        default: true,
        rules: algebra::RULES,
    },
    RulePack {
        name: "graph-movement",
        summary: "transpose and reshape chain elimination, transposes sunk through elementwise ops",
        default: true,
        rules: movement::RULES,
    },
    RulePack {
        name: "graph-fusion",
        summary: "bias and activation patterns around conv, matmul and gemm; GELU recognition",
        default: true,
        rules: fusion::RULES,
    },
    RulePack {
        name: "graph-conv-bn",
        summary: "folding batch_norm into conv",
        default: true,
        rules: conv_bn::RULES,
    },
    RulePack {
        name: "graph-merge",
        summary: "merging parallel matmuls and convs that share an input (multi-root rules)",
        default: true,
        rules: merge::RULES,
    },
    RulePack {
        name: "graph-concat-split",
        summary: "concat / split interchange",
        default: true,
        rules: concat_split::RULES,
    },
    RulePack {
        name: "graph-fold",
        summary: "reassociating constants so that they fold",
        default: true,
        rules: fold::RULES,
    },
    RulePack {
        name: "graph-layout",
        summary: "layout alternatives: NCHW vs NHWC through explicit transposes",
        default: false,
        rules: layout::RULES,
    },
    RulePack {
        name: "graph-reassoc",
        summary: "associativity and commutativity of add and mul (explosive; opt-in)",
        default: false,
        rules: reassoc::RULES,
    },
];
