// RUN: strata opt %s --graph-to-tensor

// Convolution: zero padding by tensor.pad, tensor.conv2d_nchw_fchw for one group,
// tensor.depthwise_conv2d_nchw for depthwise, per-group slices and a concat otherwise;
// the bias is added by a generic reading it along dim 1.
func.func @conv(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>, %dw: tensor<4x1x3x3xf32>, %w1: tensor<2x4x1x1xf32>) -> (tensor<1x6x3x3xf32>, tensor<1x4x5x5xf32>, tensor<1x2x5x5xf32>) {
  %0 = "graph.conv"(%x, %w, %b) <{dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
  %1 = "graph.conv"(%x, %dw) <{group = 4 : i64, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x4x5x5xf32>, tensor<4x1x3x3xf32>) -> tensor<1x4x5x5xf32>
  %2 = "graph.conv"(%x, %w1) : (tensor<1x4x5x5xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x5x5xf32>
  return %0, %1, %2 : tensor<1x6x3x3xf32>, tensor<1x4x5x5xf32>, tensor<1x2x5x5xf32>
}

// Pooling: max pads with -inf; average divides the window sum by the sum of the same
// window over ones (the input only, or with the pads for count_include_pad).
func.func @pool(%x: tensor<1x2x5x5xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) {
  %0 = "graph.max_pool"(%x) <{ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %1 = "graph.average_pool"(%x) <{count_include_pad = 0 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %2 = "graph.global_average_pool"(%x) : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x1xf32>
  return %0, %1, %2 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>
}

// Inference batch norm is one generic; a constant pad is tensor.pad.
func.func @norm_pad(%x: tensor<2x3x4xf32>, %s: tensor<3xf32>, %b: tensor<3xf32>, %m: tensor<3xf32>, %v: tensor<3xf32>) -> (tensor<2x3x4xf32>, tensor<2x4x7xf32>) {
  %0 = "graph.batch_norm"(%x, %s, %b, %m, %v) <{epsilon = 1.000000e-05 : f32}> : (tensor<2x3x4xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  %1 = "graph.pad"(%x) <{constant_value = 1.500000e+00 : f32, mode = "constant", pads = array<i64: 0, 1, 2, 0, 0, 1>}> : (tensor<2x3x4xf32>) -> tensor<2x4x7xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x4x7xf32>
}

// Instance norm normalises each (n, c) over the spatial dims; a single-result dropout is
// the identity.
func.func @instance_norm(%x: tensor<1x2x3x3xf32>, %s: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<1x2x3x3xf32> {
  %0 = "graph.instance_norm"(%x, %s, %b) <{epsilon = 1.000000e-05 : f32}> : (tensor<1x2x3x3xf32>, tensor<2xf32>, tensor<2xf32>) -> tensor<1x2x3x3xf32>
  %1 = "graph.dropout"(%0) : (tensor<1x2x3x3xf32>) -> tensor<1x2x3x3xf32>
  return %1 : tensor<1x2x3x3xf32>
}

// A max_pool whose indices result is unused converts to the named pooling op (as the ONNX
// importer emits it); a used indices result converts through `pool_index` (a second window
// reduction for the indices).
func.func @pool_indices(%x: tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>) {
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  %1:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x1x4x4xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>)
  return %0#0, %1#0, %1#1 : tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xi64>
}

// LRN: squares summed over a zero-padded window of channels (an extra reduction dim bounded
// by an empty window tensor), then x / (bias + alpha / size * sum) ^ beta.
func.func @lrn(%x: tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32> {
  %0 = "graph.lrn"(%x) <{alpha = 9.99999974E-5 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = 3 : i64}> : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  return %0 : tensor<1x4x2x2xf32>
}
