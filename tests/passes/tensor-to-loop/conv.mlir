// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize --tensor-to-loop

// A convolution: the channel and window reductions are loop.fors outside the
// output-width loop, which is innermost (contiguous stores, vectorisable); padding is a
// fill plus a copy into a subview; a full reduction to a scalar keeps its reductions
// innermost.
func.func @conv(%x: tensor<1x2x4x4xf32>, %w: tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32> {
  %0 = "graph.conv"(%x, %w) <{dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}> : (tensor<1x2x4x4xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x4x4xf32>
  return %0 : tensor<1x3x4x4xf32>
}

func.func @total(%x: tensor<2x3xf32>) -> tensor<f32> {
  %0 = "graph.reduce_sum"(%x) <{keepdims = 0 : i64}> : (tensor<2x3xf32>) -> tensor<f32>
  return %0 : tensor<f32>
}
