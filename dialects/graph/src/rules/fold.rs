//! `graph-fold`: rules that bring constants together so that the e-graph analysis folds
//! them (it folds any op whose operands are all constants, through the op's folder).
//! Reassociation rounds differently, within the interpreter comparison's tolerance.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // (x * c1) * c2 = x * (c1 * c2) (rounding)
    rule!("mul-const-reassoc", "(graph.mul (graph.mul ?x ?c1) ?c2) => (graph.mul ?x (graph.mul ?c1 ?c2)) if is_const(?c1), is_const(?c2), not(is_const(?x))", "?x: tensor<2x3xf32>, ?c1 = const tensor<3xf32>, ?c2 = const tensor<f32>"),
    // (x + c1) + c2 = x + (c1 + c2) (rounding)
    rule!("add-const-reassoc", "(graph.add (graph.add ?x ?c1) ?c2) => (graph.add ?x (graph.add ?c1 ?c2)) if is_const(?c1), is_const(?c2), not(is_const(?x))", "?x: tensor<2x3xf32>, ?c1 = const tensor<3xf32>, ?c2 = const tensor<2x1xf32>"),
    // c * x = x * c (constants to the right)
    rule!("mul-const-right", "(graph.mul ?c ?x) => (graph.mul ?x ?c) if is_const(?c), not(is_const(?x))", "?c = const tensor<3xf32>, ?x: tensor<2x3xf32>"),
    // c + x = x + c (constants to the right)
    rule!("add-const-right", "(graph.add ?c ?x) => (graph.add ?x ?c) if is_const(?c), not(is_const(?x))", "?c = const tensor<3xf32>, ?x: tensor<2x3xf32>"),
    // x / c = x * (1 / c) (rounding; the reciprocal folds)
    rule!("div-const-to-mul", "(graph.div ?x ?c) => (graph.mul ?x (graph.reciprocal ?c)) if is_const(?c)", "?x: tensor<2x3xf32>, ?c = const tensor<3xf32> range(0.5, 2.0)"),
    // x - c = x + (-c) (the negation folds)
    rule!("sub-const-to-add", "(graph.sub ?x ?c) => (graph.add ?x (graph.neg ?c)) if is_const(?c)", "?x: tensor<2x3xf32>, ?c = const tensor<2x3xf32>"),
];
