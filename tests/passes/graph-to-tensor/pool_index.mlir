// RUN: strata opt %s --graph-to-tensor

// max_pool with its indices used: the maxima (a maximumf window reduction), then the
// smallest flat index among the window's input elements equal to the maximum (a min
// reduction reading the positions from constant tables: -1 marks the padding).
func.func @max_pool_indices(%x: tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>) {
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 0, 0>}> : (tensor<1x2x4x4xf32>) -> (tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>)
  return %0#0, %0#1 : tensor<1x2x2x2xf32>, tensor<1x2x2x2xi64>
}
