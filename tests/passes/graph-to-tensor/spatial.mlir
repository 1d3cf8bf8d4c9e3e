// RUN: strata opt %s --graph-to-tensor

// A 1-D convolution runs as the 2-D one on a unit height: expand_shape of the input and the
// weights, the lifted strides/dilations/pads, and a collapse_shape of the result (here
// depthwise: groups = channels, with a bias).
func.func @conv1d(%x: tensor<2x4x11xf32>, %w: tensor<4x1x4xf32>, %b: tensor<4xf32>) -> tensor<2x4x5xf32> {
  %0 = "graph.conv"(%x, %w, %b) <{group = 4 : i64, strides = array<i64: 2>, pads = array<i64: 1, 0>}> : (tensor<2x4x11xf32>, tensor<4x1x4xf32>, tensor<4xf32>) -> tensor<2x4x5xf32>
  return %0 : tensor<2x4x5xf32>
}

// 1-D max and average pooling the same way.
func.func @pool1d(%x: tensor<1x3x8xf32>) -> (tensor<1x3x4xf32>, tensor<1x3x7xf32>) {
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2>, strides = array<i64: 2>}> : (tensor<1x3x8xf32>) -> (tensor<1x3x4xf32>, tensor<1x3x4xi64>)
  %1 = "graph.average_pool"(%x) <{kernel_shape = array<i64: 3>, pads = array<i64: 1, 0>, count_include_pad = 0 : i64}> : (tensor<1x3x8xf32>) -> tensor<1x3x7xf32>
  return %0#0, %1 : tensor<1x3x4xf32>, tensor<1x3x7xf32>
}
