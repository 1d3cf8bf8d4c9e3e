//! `graph-conv-bn`: inference-mode batch normalization is the per-channel affine map
//! `y = x * k + (b - m * k)` with `k = s / sqrt(v + eps)`, so after a convolution it folds into
//! the convolution's weights (scaled per output channel) and bias. With constant weights and
//! statistics, the analysis folds the new weights and bias to constants. (Rounding.)

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // bn(conv(x, w)) = conv(x, w * k[:, None, None, None], b - m * k)
    rule!("conv-bn-fold", "(graph.batch_norm (graph.conv ?x ?w ?p) ?s ?b ?m ?v ?e) => (graph.conv ?x (graph.mul ?w (graph.reshape (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps)))) ?r)) (graph.sub ?b (graph.mul ?m (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps)))))) ?p) if rank(?w) == 4 where ?eps = dict(\"value\", scalar(?v, get_or(?e, \"epsilon\", 0.00001))), ?r = dict(\"shape\", ints(dim(?w, 0), 1, 1, 1))", "?x: tensor<1x3x6x6xf32>, ?w = const tensor<4x3x3x3xf32>, ?p = {pads = array<i64: 1, 1, 1, 1>}, ?s = const tensor<4xf32>, ?b = const tensor<4xf32>, ?m = const tensor<4xf32>, ?v = const tensor<4xf32> range(0.5, 2.0), ?e = {epsilon = 1.0e-05 : f32}"),
    // bn(conv(x, w, c)) = conv(x, w * k[:, None, None, None], (c - m) * k + b)
    rule!("conv-bias-bn-fold", "(graph.batch_norm (graph.conv ?x ?w ?c ?p) ?s ?b ?m ?v ?e) => (graph.conv ?x (graph.mul ?w (graph.reshape (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps)))) ?r)) (graph.add (graph.mul (graph.sub ?c ?m) (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps))))) ?b) ?p) if rank(?w) == 4 where ?eps = dict(\"value\", scalar(?v, get_or(?e, \"epsilon\", 0.00001))), ?r = dict(\"shape\", ints(dim(?w, 0), 1, 1, 1))", "?x: tensor<1x2x5x5xf32>, ?w: tensor<3x2x3x3xf32>, ?c: tensor<3xf32>, ?p = {}, ?s: tensor<3xf32>, ?b: tensor<3xf32>, ?m: tensor<3xf32>, ?v: tensor<3xf32> range(0.5, 2.0), ?e = {}"),
    // bn(x) = x * k[:, None, None] + (b - m * k)[:, None, None] for N x C x H x W inputs
    rule!("batch-norm-to-affine", "(graph.batch_norm ?x ?s ?b ?m ?v ?e) => (graph.add (graph.mul ?x (graph.reshape (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps)))) ?r)) (graph.reshape (graph.sub ?b (graph.mul ?m (graph.div ?s (graph.sqrt (graph.add ?v (graph.constant ?eps)))))) ?r)) if rank(?x) == 4 where ?eps = dict(\"value\", scalar(?v, get_or(?e, \"epsilon\", 0.00001))), ?r = dict(\"shape\", ints(dim(?x, 1), 1, 1))", "?x: tensor<2x3x4x4xf32>, ?s: tensor<3xf32>, ?b: tensor<3xf32>, ?m: tensor<3xf32>, ?v: tensor<3xf32> range(0.5, 2.0), ?e = {epsilon = 1.0e-03 : f32}"),
];
