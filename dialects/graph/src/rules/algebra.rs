//! `graph-algebra`: algebraic simplification of elementwise ops. Every rule is exact in
//! IEEE arithmetic on finite inputs (up to the sign of zero) unless its comment says
//! "rounding"; broadcasting is safe because a rule only applies when its right-hand side
//! has the type of the matched op.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // x + 0 = x
    rule!("add-zero", "(graph.add ?x ?z) => ?x if is_splat(?z, 0)", "?x: tensor<2x3xf32>, ?z = dense<0.0> : tensor<3xf32>"),
    // 0 + x = x
    rule!("zero-add", "(graph.add ?z ?x) => ?x if is_splat(?z, 0)", "?z = dense<0.0> : tensor<f32>, ?x: tensor<4xf32>"),
    // x - 0 = x
    rule!("sub-zero", "(graph.sub ?x ?z) => ?x if is_splat(?z, 0)", "?x: tensor<2x3xf32>, ?z = dense<0.0> : tensor<1xf32>"),
    // 0 - x = -x
    rule!("zero-sub", "(graph.sub ?z ?x) => (graph.neg ?x) if is_splat(?z, 0)", "?z = dense<0.0> : tensor<3xf32>, ?x: tensor<2x3xf32>"),
    // x * 1 = x
    rule!("mul-one", "(graph.mul ?x ?o) => ?x if is_splat(?o, 1)", "?x: tensor<2x3xf32>, ?o = dense<1.0> : tensor<2x3xf32>"),
    // 1 * x = x
    rule!("one-mul", "(graph.mul ?o ?x) => ?x if is_splat(?o, 1)", "?o = dense<1.0> : tensor<f32>, ?x: tensor<5xf32>"),
    // x / 1 = x
    rule!("div-one", "(graph.div ?x ?o) => ?x if is_splat(?o, 1)", "?x: tensor<4x2xf32>, ?o = dense<1.0> : tensor<2xf32>"),
    // x * -1 = -x
    rule!("mul-neg-one", "(graph.mul ?x ?o) => (graph.neg ?x) if is_splat(?o, -1)", "?x: tensor<3xf32>, ?o = dense<-1.0> : tensor<3xf32>"),
    // -(-x) = x
    rule!("neg-neg", "(graph.neg (graph.neg ?x)) => ?x", "?x: tensor<2x2xf32>"),
    // a + (-b) = a - b
    rule!("add-neg-to-sub", "(graph.add ?a (graph.neg ?b)) => (graph.sub ?a ?b)", "?a: tensor<2x3xf32>, ?b: tensor<3xf32>"),
    // (-a) + b = b - a
    rule!("neg-add-to-sub", "(graph.add (graph.neg ?a) ?b) => (graph.sub ?b ?a)", "?a: tensor<3xf32>, ?b: tensor<2x3xf32>"),
    // a - (-b) = a + b
    rule!("sub-neg-to-add", "(graph.sub ?a (graph.neg ?b)) => (graph.add ?a ?b)", "?a: tensor<4xf32>, ?b: tensor<4xf32>"),
    // -(a - b) = b - a
    rule!("neg-sub", "(graph.neg (graph.sub ?a ?b)) => (graph.sub ?b ?a)", "?a: tensor<2x3xf32>, ?b: tensor<2x3xf32>"),
    // (-a) * (-b) = a * b
    rule!("neg-mul-neg", "(graph.mul (graph.neg ?a) (graph.neg ?b)) => (graph.mul ?a ?b)", "?a: tensor<3xf32>, ?b: tensor<2x3xf32>"),
    // (-a) / (-b) = a / b
    rule!("neg-div-neg", "(graph.div (graph.neg ?a) (graph.neg ?b)) => (graph.div ?a ?b)", "?a: tensor<3xf32>, ?b: tensor<3xf32> range(0.5, 2.0)"),
    // 1 / (1 / x) = x (rounding)
    rule!("reciprocal-reciprocal", "(graph.reciprocal (graph.reciprocal ?x)) => ?x", "?x: tensor<6xf32> range(0.1, 10.0)"),
    // a * (1 / b) = a / b (rounding)
    rule!("mul-reciprocal-to-div", "(graph.mul ?a (graph.reciprocal ?b)) => (graph.div ?a ?b)", "?a: tensor<2x3xf32>, ?b: tensor<3xf32> range(0.5, 2.0)"),
    // relu(relu(x)) = relu(x)
    rule!("relu-relu", "(graph.relu (graph.relu ?x)) => (graph.relu ?x)", "?x: tensor<8xf32>"),
    // |(|x|)| = |x|
    rule!("abs-abs", "(graph.abs (graph.abs ?x)) => (graph.abs ?x)", "?x: tensor<8xf32>"),
    // |-x| = |x|
    rule!("abs-neg", "(graph.abs (graph.neg ?x)) => (graph.abs ?x)", "?x: tensor<8xf32>"),
    // max(x, x) = x
    rule!("max-self", "(graph.max ?x ?x) => ?x", "?x: tensor<2x4xf32>"),
    // min(x, x) = x
    rule!("min-self", "(graph.min ?x ?x) => ?x", "?x: tensor<2x4xf32>"),
    // where(c, x, x) = x
    rule!("where-same", "(graph.where ?c ?x ?x) => ?x", "?c: tensor<2x3xi1>, ?x: tensor<2x3xf32>"),
    // identity(x) = x
    rule!("identity-elim", "(graph.identity ?x) => ?x", "?x: tensor<3x3xf32>"),
    // cast(x) to x's own type = x
    rule!("cast-noop", "(graph.cast ?x ?t) => ?x", "?x: tensor<4xf32>, ?t = {to = f32}"),
    // x ^ 1 = x
    rule!("pow-one", "(graph.pow ?x ?o) => ?x if is_splat(?o, 1)", "?x: tensor<5xf32> range(0.1, 3.0), ?o = dense<1.0> : tensor<f32>"),
    // x ^ 2 = x * x (rounding)
    rule!("pow-two", "(graph.pow ?x ?t) => (graph.mul ?x ?x) if is_splat(?t, 2)", "?x: tensor<5xf32>, ?t = dense<2.0> : tensor<f32>"),
    // a * b + a * c = a * (b + c) (rounding)
    rule!("factor-mul-add", "(graph.add (graph.mul ?a ?b) (graph.mul ?a ?c)) => (graph.mul ?a (graph.add ?b ?c))", "?a: tensor<3xf32>, ?b: tensor<2x3xf32>, ?c: tensor<2x3xf32>"),
    // a * b - a * c = a * (b - c) (rounding)
    rule!("factor-mul-sub", "(graph.sub (graph.mul ?a ?b) (graph.mul ?a ?c)) => (graph.mul ?a (graph.sub ?b ?c))", "?a: tensor<2x3xf32>, ?b: tensor<2x3xf32>, ?c: tensor<3xf32>"),
    // a / c + b / c = (a + b) / c (rounding)
    rule!("factor-div-add", "(graph.add (graph.div ?a ?c) (graph.div ?b ?c)) => (graph.div (graph.add ?a ?b) ?c)", "?a: tensor<4xf32>, ?b: tensor<4xf32>, ?c: tensor<4xf32> range(0.5, 2.0)"),
];
