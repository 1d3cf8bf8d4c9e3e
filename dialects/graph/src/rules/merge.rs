//! `graph-merge`: parallel products that share an input become one product over
//! concatenated weights whose result is split (TENSAT-style multi-root rules: both roots are
//! matched together and each is unioned with its part of the split). With constant weights
//! the concatenation folds; DAG-aware extraction counts the merged product once.
//! `ordered(?w1, ?w2)` applies each rule once per pair.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // x W1, x W2 = split(x [W1 W2], last axis)
    rule!("merge-matmul", "?a = (graph.matmul ?x ?w1), ?b = (graph.matmul ?x ?w2) => ?a = (get 0 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s)), ?b = (get 1 (graph.split (graph.matmul ?x (graph.concat ?w1 ?w2 {axis = -1 : i64})) ?s)) if ordered(?w1, ?w2), disjoint(?w1, ?w2), rank(?w1) == 2, rank(?w2) == 2 where ?s = dict(\"axis\", -1, \"split\", ints(dim(?w1, -1), dim(?w2, -1)))", "?x: tensor<2x4x8xf32>, ?w1 = const tensor<8x6xf32>, ?w2 = const tensor<8x3xf32>"),
    // conv(x, W1), conv(x, W2) = split(conv(x, [W1; W2]), channels) (same window, group 1)
    rule!("merge-conv", "?a = (graph.conv ?x ?w1 ?p), ?b = (graph.conv ?x ?w2 ?p) => ?a = (get 0 (graph.split (graph.conv ?x (graph.concat ?w1 ?w2 {axis = 0 : i64}) ?p) ?s)), ?b = (get 1 (graph.split (graph.conv ?x (graph.concat ?w1 ?w2 {axis = 0 : i64}) ?p) ?s)) if ordered(?w1, ?w2), disjoint(?w1, ?w2), get_or(?p, \"group\", 1) == 1 where ?s = dict(\"axis\", 1, \"split\", ints(dim(?w1, 0), dim(?w2, 0)))", "?x: tensor<1x4x5x5xf32>, ?w1 = const tensor<3x4x1x1xf32>, ?w2 = const tensor<2x4x1x1xf32>, ?p = {}"),
    // conv(x, W1, b1), conv(x, W2, b2) = split(conv(x, [W1; W2], [b1; b2]), channels)
    rule!("merge-conv-bias", "?a = (graph.conv ?x ?w1 ?b1 ?p), ?b = (graph.conv ?x ?w2 ?b2 ?p) => ?a = (get 0 (graph.split (graph.conv ?x (graph.concat ?w1 ?w2 {axis = 0 : i64}) (graph.concat ?b1 ?b2 {axis = 0 : i64}) ?p) ?s)), ?b = (get 1 (graph.split (graph.conv ?x (graph.concat ?w1 ?w2 {axis = 0 : i64}) (graph.concat ?b1 ?b2 {axis = 0 : i64}) ?p) ?s)) if ordered(?w1, ?w2), disjoint(?w1, ?w2), get_or(?p, \"group\", 1) == 1 where ?s = dict(\"axis\", 1, \"split\", ints(dim(?w1, 0), dim(?w2, 0)))", "?x: tensor<1x4x6x6xf32>, ?w1 = const tensor<3x4x3x3xf32>, ?b1 = const tensor<3xf32>, ?w2 = const tensor<5x4x3x3xf32>, ?b2 = const tensor<5xf32>, ?p = {pads = array<i64: 1, 1, 1, 1>}"),
];
