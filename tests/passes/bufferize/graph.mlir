// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize

// From the graph level: the out-parameter ABI (tensor results become trailing memref
// arguments, strata.num_outputs), matmul + bias computed directly in the out-parameter
// (the zero fill, the product and the bias add write %arg3 in place), an intermediate that
// is also returned (copied at the end), and weights as deduplicated constant globals.
func.func @mlp(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> (tensor<2x4xf32>, tensor<2x4xf32>) {
  %0 = "graph.matmul"(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.add"(%0, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = "graph.relu"(%1) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %2, %0 : tensor<2x4xf32>, tensor<2x4xf32>
}

func.func @weights(%x: tensor<2xf32>) -> tensor<2xf32> {
  %w = "graph.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %v = "graph.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %s = "graph.constant"() <{value = dense<3.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %0 = "graph.mul"(%x, %w) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %1 = "graph.add"(%0, %v) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %2 = "graph.sub"(%1, %s) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %2 : tensor<2xf32>
}

// Data movement: concat into subviews of the out-parameter, a strided slice as a view,
// a constant pad (fill, then copy into the interior).
func.func @movement(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>) -> (tensor<3x3xf32>, tensor<2x2xf32>, tensor<4x5xf32>) {
  %0 = "graph.concat"(%x, %y) <{axis = 0 : i64}> : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %1 = "graph.slice"(%x) <{axes = array<i64: 1>, ends = array<i64: 3>, starts = array<i64: 0>, steps = array<i64: 2>}> : (tensor<2x3xf32>) -> tensor<2x2xf32>
  %2 = "graph.pad"(%x) <{constant_value = 0.5 : f32, mode = "constant", pads = array<i64: 1, 1, 1, 1>}> : (tensor<2x3xf32>) -> tensor<4x5xf32>
  return %0, %1, %2 : tensor<3x3xf32>, tensor<2x2xf32>, tensor<4x5xf32>
}
