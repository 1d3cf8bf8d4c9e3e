//! `graph-concat-split`: `concat` and `split` along the same axis undo each other, nested
//! concatenations flatten, and elementwise ops move through them (so that an activation
//! after merged products runs once on the merged tensor).

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // concat(split(x)) = x (two parts, same axis)
    rule!("concat-split-2", "(graph.concat (get 0 (graph.split ?x ?s)) (get 1 (graph.split ?x ?s)) ?c) => ?x if axis_of(?c, ?x) == axis_of(?s, ?x)", "?x: tensor<2x6xf32>, ?s = {axis = 1 : i64, split = array<i64: 2, 4>}, ?c = {axis = -1 : i64}"),
    // concat(split(x)) = x (three parts, same axis)
    rule!("concat-split-3", "(graph.concat (get 0 (graph.split ?x ?s)) (get 1 (graph.split ?x ?s)) (get 2 (graph.split ?x ?s)) ?c) => ?x if axis_of(?c, ?x) == axis_of(?s, ?x)", "?x: tensor<6x2xf32>, ?s = {axis = 0 : i64, split = array<i64: 1, 2, 3>}, ?c = {axis = 0 : i64}"),
    // split(concat(a, b))[0] = a (same axis; the first part has a's size)
    rule!("split-concat-0", "(get 0 (graph.split (graph.concat ?a ?b ?c) ?s)) => ?a if axis_of(?c, ?a) == axis_of(?s, ?a)", "?a: tensor<2x3xf32>, ?b: tensor<2x5xf32>, ?c = {axis = 1 : i64}, ?s = {axis = 1 : i64, split = array<i64: 3, 5>}"),
    // split(concat(a, b))[1] = b (same axis; the first part has a's size)
    rule!("split-concat-1", "(get 1 (graph.split (graph.concat ?a ?b ?c) ?s)) => ?b if axis_of(?c, ?a) == axis_of(?s, ?a), at(get(?s, \"split\"), 0) == dim(?a, axis_of(?c, ?a))", "?a: tensor<2x3xf32>, ?b: tensor<2x5xf32>, ?c = {axis = 1 : i64}, ?s = {axis = -1 : i64, split = array<i64: 3, 5>}"),
    // concat(concat(a, b), d) = concat(a, b, d) (same attributes)
    rule!("concat-concat-left", "(graph.concat (graph.concat ?a ?b ?c) ?d ?c) => (graph.concat ?a ?b ?d ?c)", "?a: tensor<2x1xf32>, ?b: tensor<2x2xf32>, ?d: tensor<2x3xf32>, ?c = {axis = 1 : i64}"),
    // concat(a, concat(b, d)) = concat(a, b, d) (same attributes)
    rule!("concat-concat-right", "(graph.concat ?a (graph.concat ?b ?d ?c) ?c) => (graph.concat ?a ?b ?d ?c)", "?a: tensor<1x2xf32>, ?b: tensor<2x2xf32>, ?d: tensor<3x2xf32>, ?c = {axis = 0 : i64}"),
    // concat(a) = a
    rule!("concat-single", "(graph.concat ?a ?c) => ?a", "?a: tensor<2x3xf32>, ?c = {axis = 0 : i64}"),
    // relu(concat(a, b)) = concat(relu(a), relu(b))
    rule!("relu-concat", "(graph.relu (graph.concat ?a ?b ?c)) <=> (graph.concat (graph.relu ?a) (graph.relu ?b) ?c)", "?a: tensor<2x3xf32>, ?b: tensor<2x1xf32>, ?c = {axis = 1 : i64}"),
    // relu(split(x)[0]) = split(relu(x))[0]
    rule!("relu-split-0", "(graph.relu (get 0 (graph.split ?x ?s))) => (get 0 (graph.split (graph.relu ?x) ?s))", "?x: tensor<1x6x2x2xf32>, ?s = {axis = 1 : i64, split = array<i64: 2, 4>}"),
    // relu(split(x)[1]) = split(relu(x))[1]
    rule!("relu-split-1", "(graph.relu (get 1 (graph.split ?x ?s))) => (get 1 (graph.split (graph.relu ?x) ?s))", "?x: tensor<1x6x2x2xf32>, ?s = {axis = 1 : i64, split = array<i64: 2, 4>}"),
    // relu(split(x)[2]) = split(relu(x))[2]
    rule!("relu-split-2", "(graph.relu (get 2 (graph.split ?x ?s))) => (get 2 (graph.split (graph.relu ?x) ?s))", "?x: tensor<1x6x2x2xf32>, ?s = {axis = 1 : i64, split = array<i64: 2, 1, 3>}"),
    // concat(transpose(a, p), transpose(b, p)) = transpose(concat(a, b) along p[axis], p)
    rule!("concat-transpose", "(graph.concat (graph.transpose ?a ?p) (graph.transpose ?b ?p) ?c) => (graph.transpose (graph.concat ?a ?b ?c2) ?p) where ?c2 = dict(\"axis\", at(get(?p, \"perm\"), axis_of(?c, ?a)))", "?a: tensor<2x3xf32>, ?b: tensor<4x3xf32>, ?p = {perm = array<i64: 1, 0>}, ?c = {axis = 1 : i64}"),
];
