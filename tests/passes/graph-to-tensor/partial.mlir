// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics
// RUN: strata opt %s --pass-pipeline=builtin.module(graph-to-tensor{full=true})

// Ops without a conversion (here an argmax, and an add with a dynamic shape) stay graph ops
// in partial conversion; with full=true each is an error naming the op and the pass.
func.func @partial(%x: tensor<1x2x4x4xf32>, %d: tensor<?x4xf32>) -> (tensor<1x4x4xi64>, tensor<?x4xf32>) {
  %0 = "graph.relu"(%x) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = "graph.argmax"(%0) <{axis = 1 : i64, keepdims = 0 : i64}> : (tensor<1x2x4x4xf32>) -> tensor<1x4x4xi64>
  %2 = "graph.add"(%d, %d) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1, %2 : tensor<1x4x4xi64>, tensor<?x4xf32>
}
