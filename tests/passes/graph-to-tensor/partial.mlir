// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics
// RUN: strata opt %s --pass-pipeline=builtin.module(graph-to-tensor{full=true})

// Ops without a conversion (here a det of a matrix larger than 6x6, and an add with a dynamic shape) stay graph ops
// in partial conversion; with full=true each is an error naming the op and the pass.
func.func @partial(%x: tensor<2x7x7xf32>, %d: tensor<?x4xf32>) -> (tensor<2xf32>, tensor<?x4xf32>) {
  %0 = "graph.relu"(%x) : (tensor<2x7x7xf32>) -> tensor<2x7x7xf32>
  %1 = "graph.det"(%0) : (tensor<2x7x7xf32>) -> tensor<2xf32>
  %2 = "graph.add"(%d, %d) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1, %2 : tensor<2xf32>, tensor<?x4xf32>
}
