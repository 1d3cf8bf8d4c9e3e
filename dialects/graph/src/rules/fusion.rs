//! `graph-fusion`: bias and activation patterns around `conv`, `matmul` and `gemm`: a bias
//! added after a product becomes the product's bias operand, a transposed weight becomes a
//! `gemm` flag, an activation moves past a max-pool (fewer elements), and the `erf` form of
//! GELU exported by frameworks becomes `graph.gelu`.

use super::{rule, RuleDecl};

/// The rules.
#[rustfmt::skip]
pub static RULES: &[RuleDecl] = &[
    // a x b + c = gemm(a, b, c) (2-D a and b; c broadcasts to the product)
    rule!("matmul-add-to-gemm", "(graph.add (graph.matmul ?a ?b) ?c) <=> (graph.gemm ?a ?b ?c {})", "?a: tensor<4x8xf32>, ?b: tensor<8x16xf32>, ?c: tensor<16xf32>"),
    // c + a x b = gemm(a, b, c)
    rule!("add-matmul-to-gemm", "(graph.add ?c (graph.matmul ?a ?b)) => (graph.gemm ?a ?b ?c {})", "?c: tensor<1x16xf32>, ?a: tensor<4x8xf32>, ?b: tensor<8x16xf32>"),
    // a x b^T = gemm(a, b, trans_b = 1)
    rule!("matmul-transpose-to-gemm", "(graph.matmul ?a (graph.transpose ?b {perm = array<i64: 1, 0>})) => (graph.gemm ?a ?b {trans_b = 1 : i64})", "?a: tensor<4x8xf32>, ?b: tensor<16x8xf32>"),
    // gemm(a, b^T, c) = gemm(a, b, c, trans_b = 1)
    rule!("gemm-transpose-b", "(graph.gemm ?a (graph.transpose ?b {perm = array<i64: 1, 0>}) ?c {}) => (graph.gemm ?a ?b ?c {trans_b = 1 : i64})", "?a: tensor<4x8xf32>, ?b: tensor<16x8xf32>, ?c: tensor<16xf32>"),
    // gemm(a, b) + c = gemm(a, b, c) when beta is the default 1
    rule!("gemm-add-bias", "(graph.add (graph.gemm ?a ?b ?p) ?c) => (graph.gemm ?a ?b ?c ?p) if not(has(?p, \"beta\"))", "?a: tensor<4x8xf32>, ?b: tensor<16x8xf32>, ?p = {trans_b = 1 : i64}, ?c: tensor<16xf32>"),
    // conv(x, w) + b = conv(x, w, b) for a per-channel b
    rule!("conv-add-bias", "(graph.add (graph.conv ?x ?w ?p) ?b) => (graph.conv ?x ?w (graph.reshape ?b ?s) ?p) if is_channel_vector(?b, ?root) where ?s = dict(\"shape\", ints(dim(?root, 1)))", "?x: tensor<1x3x6x6xf32>, ?w: tensor<4x3x3x3xf32>, ?p = {pads = array<i64: 1, 1, 1, 1>}, ?b: tensor<4x1x1xf32>"),
    // b + conv(x, w) = conv(x, w, b) for a per-channel b
    rule!("add-conv-bias", "(graph.add ?b (graph.conv ?x ?w ?p)) => (graph.conv ?x ?w (graph.reshape ?b ?s) ?p) if is_channel_vector(?b, ?root) where ?s = dict(\"shape\", ints(dim(?root, 1)))", "?b: tensor<1x4x1x1xf32>, ?x: tensor<1x3x5x5xf32>, ?w: tensor<4x3x1x1xf32>, ?p = {}"),
    // conv(x, w, b0) + b = conv(x, w, b0 + b) for a per-channel b
    rule!("conv-bias-add", "(graph.add (graph.conv ?x ?w ?b0 ?p) ?b) => (graph.conv ?x ?w (graph.add ?b0 (graph.reshape ?b ?s)) ?p) if is_channel_vector(?b, ?root) where ?s = dict(\"shape\", ints(dim(?root, 1)))", "?x: tensor<1x2x5x5xf32>, ?w: tensor<3x2x3x3xf32>, ?b0: tensor<3xf32>, ?p = {strides = array<i64: 2, 2>}, ?b: tensor<3x1x1xf32>"),
    // max_pool(relu(x)) = relu(max_pool(x)) (relu is monotone; padding never wins a max)
    rule!("relu-max-pool", "(graph.max_pool (graph.relu ?x) ?p) => (graph.relu (graph.max_pool ?x ?p))", "?x: tensor<1x2x6x6xf32>, ?p = {kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}"),
    // x * (erf(x / sqrt 2) + 1) * 0.5 = gelu(x) (PyTorch's export; rounding)
    rule!("gelu-erf", "(graph.mul (graph.mul ?x (graph.add (graph.erf (graph.div ?x ?s)) ?one)) ?half) => (graph.gelu ?x {}) if is_splat(?s, 1.4142135623730951), is_splat(?one, 1), is_splat(?half, 0.5)", "?x: tensor<2x8xf32> range(-3.0, 3.0), ?s = dense<1.41421354> : tensor<f32>, ?one = dense<1.0> : tensor<f32>, ?half = dense<0.5> : tensor<f32>"),
    // (x * 0.5) * (erf(x / sqrt 2) + 1) = gelu(x) (rounding)
    rule!("gelu-erf-half-first", "(graph.mul (graph.mul ?x ?half) (graph.add (graph.erf (graph.div ?x ?s)) ?one)) => (graph.gelu ?x {}) if is_splat(?s, 1.4142135623730951), is_splat(?one, 1), is_splat(?half, 0.5)", "?x: tensor<2x8xf32> range(-3.0, 3.0), ?half = dense<0.5> : tensor<f32>, ?s = dense<1.41421354> : tensor<f32>, ?one = dense<1.0> : tensor<f32>"),
];
