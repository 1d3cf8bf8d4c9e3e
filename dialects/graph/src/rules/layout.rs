//! `graph-layout`: layout alternatives. The graph dialect's convolutions and pooling are
//! NCHW; these rules add channels-last (NHWC) forms of the same computations with explicit
//! transposes, for targets whose cost models prefer them (a 1x1 convolution as a matrix
//! product over pixels, a channel softmax on the last axis). Not in the default selection.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // global_average_pool(x) = reduce_mean(x, axes = [2, 3], keepdims) for N x C x H x W
    rule!("global-average-pool-as-reduce-mean", "(graph.global_average_pool ?x) <=> (graph.reduce_mean ?x {axes = array<i64: 2, 3>, keepdims = 1 : i64})", "?x: tensor<1x3x4x4xf32>"),
    // conv1x1(x, w) = NHWC matmul: (x^NHWC (w as M x C)^T)^NCHW (stride 1, no padding, group 1)
    rule!("conv1x1-as-nhwc-matmul", "(graph.conv ?x ?w ?p) => (graph.transpose (graph.matmul (graph.transpose ?x {perm = array<i64: 0, 2, 3, 1>}) (graph.transpose (graph.reshape ?w ?s) {perm = array<i64: 1, 0>})) {perm = array<i64: 0, 3, 1, 2>}) if rank(?w) == 4, dim(?w, 2) == 1, dim(?w, 3) == 1, all_equal(get_or(?p, \"strides\", ints(1, 1)), 1), all_equal(get_or(?p, \"pads\", ints(0, 0, 0, 0)), 0), get_or(?p, \"group\", 1) == 1 where ?s = dict(\"shape\", ints(dim(?w, 0), dim(?w, 1)))", "?x: tensor<1x4x3x3xf32>, ?w: tensor<5x4x1x1xf32>, ?p = {}"),
    // softmax over channels (axis 1) = softmax over the last axis of the NHWC transpose
    rule!("softmax-channels-last", "(graph.softmax ?x {axis = 1 : i64}) => (graph.transpose (graph.softmax (graph.transpose ?x {perm = array<i64: 0, 2, 3, 1>}) {axis = 3 : i64}) {perm = array<i64: 0, 3, 1, 2>}) if rank(?x) == 4", "?x: tensor<1x3x2x2xf32>"),
    // relu(x) = (relu(x^NHWC))^NCHW: an explicit layout change the movement rules can sink
    rule!("relu-channels-last", "(graph.relu ?x) => (graph.transpose (graph.relu (graph.transpose ?x {perm = array<i64: 0, 2, 3, 1>})) {perm = array<i64: 0, 3, 1, 2>}) if rank(?x) == 4", "?x: tensor<1x3x2x2xf32>"),
];
