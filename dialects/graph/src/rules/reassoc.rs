//! `graph-reassoc`: associativity and commutativity of `add` and `mul`. Blanket rules like
//! these make e-graphs grow exponentially (a chain of `n` terms has Catalan-many
//! associations), so the pack is opt-in and always runs under budgets. Reassociation rounds
//! differently.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // a + b = b + a
    rule!("add-comm", "(graph.add ?a ?b) => (graph.add ?b ?a)", "?a: tensor<2x3xf32>, ?b: tensor<3xf32>"),
    // a * b = b * a
    rule!("mul-comm", "(graph.mul ?a ?b) => (graph.mul ?b ?a)", "?a: tensor<3xf32>, ?b: tensor<2x3xf32>"),
    // (a + b) + c = a + (b + c) (rounding)
    rule!("add-assoc", "(graph.add (graph.add ?a ?b) ?c) <=> (graph.add ?a (graph.add ?b ?c))", "?a: tensor<2x3xf32>, ?b: tensor<2x3xf32>, ?c: tensor<3xf32>"),
    // (a * b) * c = a * (b * c) (rounding)
    rule!("mul-assoc", "(graph.mul (graph.mul ?a ?b) ?c) <=> (graph.mul ?a (graph.mul ?b ?c))", "?a: tensor<3xf32>, ?b: tensor<2x3xf32>, ?c: tensor<2x3xf32>"),
];
