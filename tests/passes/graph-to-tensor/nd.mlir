// RUN: strata opt %s --graph-to-tensor

// A 3-D convolution is a generic over (n, f, od, oh, ow, c, kd, kh, kw) reading the padded
// input at `o * stride + k * dilation` (here two groups: one generic per group on channel
// slices, concatenated), then the bias.
func.func @conv3d(%x: tensor<1x2x3x4x4xf32>, %w: tensor<2x1x2x2x2xf32>, %b: tensor<2xf32>) -> tensor<1x2x2x2x2xf32> {
  %0 = "graph.conv"(%x, %w, %b) <{group = 2 : i64, strides = array<i64: 1, 2, 2>, pads = array<i64: 0, 0, 0, 0, 1, 1>}> : (tensor<1x2x3x4x4xf32>, tensor<2x1x2x2x2xf32>, tensor<2xf32>) -> tensor<1x2x2x2x2xf32>
  return %0 : tensor<1x2x2x2x2xf32>
}

// 3-D max pooling: a maximumf window reduction over the -inf padded input; average
// pooling divides the window sum by the count of input elements in each window.
func.func @pool3d(%x: tensor<1x1x3x3x3xf32>) -> (tensor<1x1x2x2x2xf32>, tensor<1x1x2x2x2xf32>) {
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2, 2>}> : (tensor<1x1x3x3x3xf32>) -> (tensor<1x1x2x2x2xf32>, tensor<1x1x2x2x2xi64>)
  %1 = "graph.average_pool"(%x) <{kernel_shape = array<i64: 2, 2, 2>, strides = array<i64: 2, 2, 2>, pads = array<i64: 0, 0, 0, 1, 1, 1>}> : (tensor<1x1x3x3x3xf32>) -> tensor<1x1x2x2x2xf32>
  return %0#0, %1 : tensor<1x1x2x2x2xf32>, tensor<1x1x2x2x2xf32>
}

// A transposed convolution: the input spread out by the strides (a strided insert_slice
// into zeros), the kernel flipped with its channel dims swapped, then a stride-1 2-D
// convolution padded by `(k - 1) * d - pad` (+ output_padding at the end).
func.func @conv_transpose2d(%x: tensor<1x2x3x3xf32>, %w: tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32> {
  %0 = "graph.conv_transpose"(%x, %w) <{strides = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>, output_padding = array<i64: 1, 1>}> : (tensor<1x2x3x3xf32>, tensor<2x3x3x3xf32>) -> tensor<1x3x6x6xf32>
  return %0 : tensor<1x3x6x6xf32>
}

// A 1-D transposed convolution with a pad larger than the kernel's reach: the convolution
// (through the 1-D lowering) computes the positions the pad cuts off, and a slice drops them.
func.func @conv_transpose1d(%x: tensor<1x1x4xf32>, %w: tensor<1x1x2xf32>) -> tensor<1x1x3xf32> {
  %0 = "graph.conv_transpose"(%x, %w) <{pads = array<i64: 2, 0>}> : (tensor<1x1x4xf32>, tensor<1x1x2xf32>) -> tensor<1x1x3xf32>
  return %0 : tensor<1x1x3xf32>
}
