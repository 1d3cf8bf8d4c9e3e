// RUN: strata opt %s --graph-to-tensor

// Reductions are generics with reduction iterators into a filled accumulator (keepdims
// maps the reduced dims to index 0); mean divides by the count; softmax is max-reduce,
// exp of the difference, sum-reduce and a division.
func.func @reduce(%x: tensor<2x3x4xf32>) -> (tensor<2x4xf32>, tensor<1x3x1xf32>, tensor<f32>) {
  %0 = "graph.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.reduce_mean"(%x) <{axes = array<i64: 0, -1>}> : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %2 = "graph.reduce_max"(%x) <{keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x4xf32>, tensor<1x3x1xf32>, tensor<f32>
}

func.func @softmax(%x: tensor<2x5xf32>) -> (tensor<2x5xf32>, tensor<2x5xf32>) {
  %0 = "graph.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x5xf32>) -> tensor<2x5xf32>
  %1 = "graph.log_softmax"(%x) <{axis = 0 : i64}> : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0, %1 : tensor<2x5xf32>, tensor<2x5xf32>
}

// Layer norm: sum, mean, sum of squared deviations, then one generic normalising with the
// scale and bias broadcast over the normalised dims.
func.func @layer_norm(%x: tensor<2x3x4xf32>, %g: tensor<4xf32>, %b: tensor<3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = "graph.layer_norm"(%x, %g, %b) <{axis = 1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0 : tensor<2x3x4xf32>
}
