// RUN: strata opt %s --graph-to-tensor

// Reflect padding, axis by axis: runs of positions whose sources step by -1 (a copying
// generic reading `a - i`) or +1 (a slice), concatenated along the axis.
func.func @reflect(%x: tensor<2x3xf32>) -> tensor<3x7xf32> {
  %0 = "graph.pad"(%x) <{mode = "reflect", pads = array<i64: 0, 2, 1, 2>}> : (tensor<2x3xf32>) -> tensor<3x7xf32>
  return %0 : tensor<3x7xf32>
}

// Edge padding repeats the end elements (a generic reading a constant position); wrap
// padding repeats the tensor (slices).
func.func @edge_wrap(%x: tensor<4xi32>) -> (tensor<7xi32>, tensor<7xi32>) {
  %0 = "graph.pad"(%x) <{mode = "edge", pads = array<i64: 2, 1>}> : (tensor<4xi32>) -> tensor<7xi32>
  %1 = "graph.pad"(%x) <{mode = "wrap", pads = array<i64: 1, 2>}> : (tensor<4xi32>) -> tensor<7xi32>
  return %0, %1 : tensor<7xi32>, tensor<7xi32>
}

// Constant padding with a negative pad crops (a slice) and fills (a tensor.fill).
func.func @crop(%x: tensor<5xf32>) -> tensor<5xf32> {
  %0 = "graph.pad"(%x) <{mode = "constant", constant_value = 1.5 : f32, pads = array<i64: -1, 1>}> : (tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}
