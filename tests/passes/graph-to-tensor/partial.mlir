// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics
// RUN: strata opt %s --pass-pipeline=builtin.module(graph-to-tensor{full=true})

// Ops without a conversion (here an lrn, and an add with a dynamic shape) stay graph ops
// in partial conversion; with full=true each is an error naming the op and the pass.
func.func @partial(%x: tensor<1x2x4x4xf32>, %d: tensor<?x4xf32>) -> (tensor<1x2x4x4xf32>, tensor<?x4xf32>) {
  %0 = "graph.relu"(%x) : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %1 = "graph.lrn"(%0) <{alpha = 9.99999974E-5 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = 3 : i64}> : (tensor<1x2x4x4xf32>) -> tensor<1x2x4x4xf32>
  %2 = "graph.add"(%d, %d) : (tensor<?x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  return %1, %2 : tensor<1x2x4x4xf32>, tensor<?x4xf32>
}
