// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics
// RUN: strata opt %s --pass-pipeline=builtin.module(graph-to-tensor{full=true})

// Ops without a conversion (here a conv, and an add with a dynamic shape) stay graph ops
// in partial conversion; with full=true each is an error naming the op and the pass.
func.func @partial(%x: tensor<1x1x4x4xf32>, %w: tensor<1x1x3x3xf32>, %d: tensor<?x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<?x4xf32>) {
  %0 = "graph.relu"(%x) : (tensor<1x1x4x4xf32>) -> tensor<1x1x4x4xf32>
  %1 = "graph.conv"(%0, %w) : (tensor<1x1x4x4xf32>, tensor<1x1x3x3xf32>) -> tensor<1x1x2x2xf32>
  %2 = "graph.add"(%d, %d) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1, %2 : tensor<1x1x2x2xf32>, tensor<?x4xf32>
}
