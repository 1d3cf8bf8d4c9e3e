//! The rule packs of in-tree dialects, registered with [`RULE_PROVIDERS`]: the graph
//! dialect declares its packs as egg-free text (`strata_dialect_graph::rules`), and this
//! module hands them to the registry.

use crate::rules::{RuleDecl, RulePack, RuleProvider, RULE_PROVIDERS};

#[allow(
    unsafe_code,
    reason = "linkme registration in the crate that declares the slice"
)]
#[linkme::distributed_slice(RULE_PROVIDERS)]
static GRAPH: RuleProvider = RuleProvider {
    name: "graph",
    packs: graph_packs,
};

fn graph_packs() -> Vec<RulePack> {
    strata_dialect_graph::rules::PACKS
        .iter()
        .map(|p| RulePack {
            name: p.name,
            summary: p.summary,
            default: p.default,
            rules: p
                .rules
                .iter()
                .map(|r| RuleDecl {
                    name: r.name,
                    rule: r.rule,
                    sample: r.sample,
                })
                .collect(),
        })
        .collect()
}
