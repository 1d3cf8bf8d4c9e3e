//! `graph-movement`: transpose and reshape chains, and transposes moved through elementwise
//! ops so that they meet and cancel. `transpose(x, p)` has `shape[i] = x.shape[p[i]]`, so
//! transposing by `p` then `q` is transposing by `r[i] = p[q[i]]`. Reshape-like ops keep the
//! row-major order of the elements, so a chain of them is one reshape, and a chain that ends
//! in its input's type is the identity (the type guard checks the types).

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // transpose(transpose(x, p), q) = x when p then q is the identity
    rule!("transpose-transpose-identity", "(graph.transpose (graph.transpose ?x ?p) ?q) => ?x if perms_compose_to_identity(?p, ?q)", "?x: tensor<2x3x4xf32>, ?p = {perm = array<i64: 1, 2, 0>}, ?q = {perm = array<i64: 2, 0, 1>}"),
    // transpose(transpose(x, p), q) = transpose(x, p . q)
    rule!("transpose-transpose-compose", "(graph.transpose (graph.transpose ?x ?p) ?q) => (graph.transpose ?x ?r) where ?r = compose_perms(?p, ?q)", "?x: tensor<2x3x4xf32>, ?p = {perm = array<i64: 1, 2, 0>}, ?q = {perm = array<i64: 1, 0, 2>}"),
    // transpose(x, identity) = x
    rule!("transpose-identity", "(graph.transpose ?x ?p) => ?x if is_identity_perm(?p)", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 0, 1>}"),
    // reshape(reshape(x, a), b) = reshape(x, b) when b copies no input dimension (no 0)
    rule!("reshape-reshape", "(graph.reshape (graph.reshape ?x ?a) ?b) => (graph.reshape ?x ?b) if not(contains(get(?b, \"shape\"), 0))", "?x: tensor<2x3x4xf32>, ?a = {shape = array<i64: 6, 4>}, ?b = {shape = array<i64: 4, -1>}"),
    // reshape(x) to x's own shape = x
    rule!("reshape-noop", "(graph.reshape ?x ?s) => ?x", "?x: tensor<2x3xf32>, ?s = {shape = array<i64: 2, -1>}"),
    // flatten(x) = reshape(x) to the flattened shape
    rule!("flatten-to-reshape", "(graph.flatten ?x ?a) => (graph.reshape ?x ?s) where ?s = dict(\"shape\", shape(?root))", "?x: tensor<2x3x4xf32>, ?a = {axis = 1 : i64}"),
    // squeeze(x) = reshape(x) to the squeezed shape
    rule!("squeeze-to-reshape", "(graph.squeeze ?x ?a) => (graph.reshape ?x ?s) where ?s = dict(\"shape\", shape(?root))", "?x: tensor<1x3x1x4xf32>, ?a = {axes = array<i64: 0, 2>}"),
    // unsqueeze(x) = reshape(x) to the unsqueezed shape
    rule!("unsqueeze-to-reshape", "(graph.unsqueeze ?x ?a) => (graph.reshape ?x ?s) where ?s = dict(\"shape\", shape(?root))", "?x: tensor<3x4xf32>, ?a = {axes = array<i64: 0, 3>}"),
    // squeeze(unsqueeze(x)) = x when the types agree
    rule!("squeeze-unsqueeze", "(graph.squeeze (graph.unsqueeze ?x ?a) ?b) => ?x", "?x: tensor<3x4xf32>, ?a = {axes = array<i64: 1>}, ?b = {axes = array<i64: 1>}"),
    // unsqueeze(squeeze(x)) = x when the types agree
    rule!("unsqueeze-squeeze", "(graph.unsqueeze (graph.squeeze ?x ?a) ?b) => ?x", "?x: tensor<3x1x4xf32>, ?a = {axes = array<i64: 1>}, ?b = {axes = array<i64: 1>}"),
    // transpose(relu(x)) = relu(transpose(x))
    rule!("transpose-relu", "(graph.transpose (graph.relu ?x) ?p) <=> (graph.relu (graph.transpose ?x ?p))", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(-x) = -transpose(x)
    rule!("transpose-neg", "(graph.transpose (graph.neg ?x) ?p) <=> (graph.neg (graph.transpose ?x ?p))", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(exp(x)) = exp(transpose(x))
    rule!("transpose-exp", "(graph.transpose (graph.exp ?x) ?p) <=> (graph.exp (graph.transpose ?x ?p))", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(tanh(x)) = tanh(transpose(x))
    rule!("transpose-tanh", "(graph.transpose (graph.tanh ?x) ?p) <=> (graph.tanh (graph.transpose ?x ?p))", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(sigmoid(x)) = sigmoid(transpose(x))
    rule!("transpose-sigmoid", "(graph.transpose (graph.sigmoid ?x) ?p) <=> (graph.sigmoid (graph.transpose ?x ?p))", "?x: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(gelu(x)) = gelu(transpose(x))
    rule!("transpose-gelu", "(graph.transpose (graph.gelu ?x ?g) ?p) <=> (graph.gelu (graph.transpose ?x ?p) ?g)", "?x: tensor<2x3x2xf32>, ?g = {}, ?p = {perm = array<i64: 2, 0, 1>}"),
    // transpose(clip(x)) = clip(transpose(x))
    rule!("transpose-clip", "(graph.transpose (graph.clip ?x ?c) ?p) <=> (graph.clip (graph.transpose ?x ?p) ?c)", "?x: tensor<2x3xf32>, ?c = {max = 0.5 : f32, min = -0.5 : f32}, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(a) + transpose(b) = transpose(a + b) (same perm, so same ranks)
    rule!("transpose-add", "(graph.add (graph.transpose ?a ?p) (graph.transpose ?b ?p)) <=> (graph.transpose (graph.add ?a ?b) ?p)", "?a: tensor<2x3x4xf32>, ?b: tensor<1x3x1xf32>, ?p = {perm = array<i64: 2, 0, 1>}"),
    // transpose(a) - transpose(b) = transpose(a - b)
    rule!("transpose-sub", "(graph.sub (graph.transpose ?a ?p) (graph.transpose ?b ?p)) <=> (graph.transpose (graph.sub ?a ?b) ?p)", "?a: tensor<2x3xf32>, ?b: tensor<2x3xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(a) * transpose(b) = transpose(a * b)
    rule!("transpose-mul", "(graph.mul (graph.transpose ?a ?p) (graph.transpose ?b ?p)) <=> (graph.transpose (graph.mul ?a ?b) ?p)", "?a: tensor<2x3xf32>, ?b: tensor<2x1xf32>, ?p = {perm = array<i64: 1, 0>}"),
    // transpose(a) / transpose(b) = transpose(a / b)
    rule!("transpose-div", "(graph.div (graph.transpose ?a ?p) (graph.transpose ?b ?p)) <=> (graph.transpose (graph.div ?a ?b) ?p)", "?a: tensor<2x3xf32>, ?b: tensor<2x3xf32> range(0.5, 2.0), ?p = {perm = array<i64: 1, 0>}"),
    // (A B)^T = B^T A^T
    rule!("transpose-matmul", "(graph.transpose (graph.matmul ?a ?b) {perm = array<i64: 1, 0>}) => (graph.matmul (graph.transpose ?b {perm = array<i64: 1, 0>}) (graph.transpose ?a {perm = array<i64: 1, 0>}))", "?a: tensor<3x4xf32>, ?b: tensor<4x5xf32>"),
];
