//! The rule DSL: rules are text over `.mlir` op names, grouped in named packs that dialects
//! and targets contribute.
//!
//! ```text
//! (graph.transpose (graph.transpose ?x ?p) ?q) => ?x if perms_compose_to_identity(?p, ?q)
//! (graph.transpose (graph.transpose ?x ?p) ?q) => (graph.transpose ?x ?r) where ?r = compose_perms(?p, ?q)
//! (graph.sub ?a ?b) <=> (graph.add ?a (graph.neg ?b))
//! ?a = (graph.matmul ?x ?w1), ?b = (graph.matmul ?x ?w2)
//!     => ?a = (get 0 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s)),
//!        ?b = (get 1 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s))
//!     if distinct(?w1, ?w2) where ?s = dict("axis", -1, "split", ints(dim(?w1, -1), dim(?w2, -1)))
//! ```
//!
//! * An op application lists the operands and then, when the op declares attributes, one
//!   attribute child: a variable (binding the whole properties dictionary) or a `{...}`
//!   dictionary literal. Ops without declared attributes take no attribute child.
//! * `(get i p)` is result `i` of the multi-result op `p`.
//! * `?a = p, ?b = q => ?a = p', ?b = q'` is a multi-root rule (as in TENSAT): the left
//!   patterns are matched jointly (sharing variables) and each right pattern is unioned with
//!   the class its root matched.
//! * `if c1, c2` are conditions and `where ?v = e` computes attributes; both call the
//!   functions of [`expr`] (`?root` is the matched class of a single-pattern rule).
//! * Every instantiation is type-checked (see [`compile`]): a rule never unions terms of
//!   different types.
//!
//! Rule packs are [`RulePack`]s of [`RuleDecl`]s. Each rule declares a *sample*: an instance
//! honouring its side conditions, from which the soundness tests build both sides and run
//! them in the interpreter (see [`crate::check`]). A sample lists the left-hand variables:
//! `?x: tensor<2x3xf32>` (an input with random values, optionally `range(lo, hi)`),
//! `?c = const tensor<3xf32>` (a constant with random values, optionally with a range),
//! `?c = dense<1.0> : tensor<3xf32>` (a given constant), `?p = {perm = array<i64: 1, 0>}`
//! (an attribute dictionary).

pub mod compile;
pub mod expr;
pub mod parse;

pub use compile::{compile_rule, Rule};
pub use expr::{functions_markdown, Env, RuleFn, RuleFunction, Val, BUILTINS, RULE_FUNCTIONS};
pub use parse::ParseError;

use strata_ir::Context;

/// One rule of a pack: a stable kebab-case name, the rule text and its soundness sample.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RuleDecl {
    /// Name (kebab-case, unique within the pack).
    pub name: &'static str,
    /// The rule (see the [module docs](self)).
    pub rule: &'static str,
    /// An instance for the soundness test (see the [module docs](self)).
    pub sample: &'static str,
}

/// A named set of rules.
#[derive(Clone, Debug)]
pub struct RulePack {
    /// Pack name (`graph-algebra`).
    pub name: &'static str,
    /// One-line summary.
    pub summary: &'static str,
    /// Whether the pack belongs to the `default` selection.
    pub default: bool,
    /// The rules.
    pub rules: Vec<RuleDecl>,
}

/// A source of rule packs (a dialect or a target), registered at link time.
pub struct RuleProvider {
    /// Who provides them (`graph`).
    pub name: &'static str,
    /// The packs.
    pub packs: fn() -> Vec<RulePack>,
}

impl std::fmt::Debug for RuleProvider {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleProvider")
            .field("name", &self.name)
            .finish_non_exhaustive()
    }
}

/// Every registered rule provider. Targets add theirs with
/// `#[linkme::distributed_slice(strata_eqsat::RULE_PROVIDERS)]`.
#[linkme::distributed_slice]
pub static RULE_PROVIDERS: [RuleProvider];

/// Every registered pack, sorted by name.
pub fn rule_packs() -> Vec<RulePack> {
    let mut v: Vec<RulePack> = RULE_PROVIDERS.iter().flat_map(|p| (p.packs)()).collect();
    v.sort_by_key(|p| p.name);
    v
}

/// Resolve pack names: `default` (every default pack), an exact pack name, or a prefix
/// ending in `*` (`graph-*`). Unknown names are an error listing the known packs.
pub fn resolve_packs(names: &[String]) -> Result<Vec<RulePack>, String> {
    let all = rule_packs();
    let mut out: Vec<RulePack> = Vec::new();
    let push = |p: &RulePack, out: &mut Vec<RulePack>| {
        if !out.iter().any(|q| q.name == p.name) {
            out.push(p.clone());
        }
    };
    for n in names {
        let matched: Vec<&RulePack> = if n == "default" {
            all.iter().filter(|p| p.default).collect()
        } else if let Some(prefix) = n.strip_suffix('*') {
            all.iter().filter(|p| p.name.starts_with(prefix)).collect()
        } else {
            all.iter().filter(|p| p.name == n).collect()
        };
        if matched.is_empty() {
            let known: Vec<&str> = all.iter().map(|p| p.name).collect();
            return Err(format!(
                "unknown rule pack '{n}'; known packs: default, {}",
                known.join(", ")
            ));
        }
        for p in matched {
            push(p, &mut out);
        }
    }
    Ok(out)
}

/// Compiled rules, ready to run.
#[derive(Clone, Debug, Default)]
pub struct RuleSet {
    /// The rules, in pack then declaration order.
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// Compile the rules of `packs` against `ctx`; every error is reported.
    pub fn compile(ctx: &Context, packs: &[RulePack]) -> Result<RuleSet, Vec<String>> {
        let mut rules = Vec::new();
        let mut errors = Vec::new();
        for p in packs {
            for d in &p.rules {
                match compile_rule(ctx, p.name, d.name, d.rule) {
                    Ok(r) => rules.extend(r),
                    Err(e) => errors.push(format!("{}: {e}", p.name)),
                }
            }
        }
        if errors.is_empty() {
            Ok(RuleSet { rules })
        } else {
            Err(errors)
        }
    }

    /// Compile rules given as `(name, text)` pairs into pack `pack`.
    pub fn from_texts(
        ctx: &Context,
        pack: &str,
        rules: &[(&str, &str)],
    ) -> Result<RuleSet, String> {
        let mut out = Vec::new();
        for (n, t) in rules {
            out.extend(compile_rule(ctx, pack, n, t)?);
        }
        Ok(RuleSet { rules: out })
    }

    /// Number of rules.
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }
}
