// RUN: strata opt %s --graph-to-tensor

// Gather: a reduction over the gathered axis that keeps the data element whose position
// (an iota constant operand) equals the index, normalised when negative.
func.func @gather(%d: tensor<5x3xf32>, %i: tensor<2xi64>) -> tensor<2x3xf32> {
  %0 = "graph.gather"(%d, %i) <{axis = 0 : i64}> : (tensor<5x3xf32>, tensor<2xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// Gather along an inner axis with 2-D indices, and gather_elements.
func.func @gather_inner(%d: tensor<2x4xi32>, %i: tensor<2x2xi32>) -> (tensor<2x2x2xi32>, tensor<2x2xi32>) {
  %0 = "graph.gather"(%d, %i) <{axis = 1 : i64}> : (tensor<2x4xi32>, tensor<2x2xi32>) -> tensor<2x2x2xi32>
  %1 = "graph.gather_elements"(%d, %i) <{axis = 1 : i64}> : (tensor<2x4xi32>, tensor<2x2xi32>) -> tensor<2x2xi32>
  return %0, %1 : tensor<2x2x2xi32>, tensor<2x2xi32>
}

// Argmax: the max, then the first position holding it (NaN counts as the max).
func.func @argmax(%x: tensor<3x4xf32>) -> tensor<3x1xi64> {
  %0 = "graph.argmax"(%x) <{axis = 1 : i64}> : (tensor<3x4xf32>) -> tensor<3x1xi64>
  return %0 : tensor<3x1xi64>
}

// Argmin of integers with select_last_index and without keepdims.
func.func @argmin_last(%x: tensor<3x4xi32>) -> tensor<4xi64> {
  %0 = "graph.argmin"(%x) <{axis = 0 : i64, keepdims = 0 : i64, select_last_index = 1 : i64}> : (tensor<3x4xi32>) -> tensor<4xi64>
  return %0 : tensor<4xi64>
}
