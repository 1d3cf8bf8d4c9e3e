// RUN: strata opt %s --graph-to-tensor

// 2-D matmul is tensor.matmul into a zero-filled init; batched matmul with broadcast batch
// dims is a generic with one reduction dim; gemm handles transposes, alpha, beta and C.
func.func @matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.matmul"(%a, %b) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

func.func @batched(%a: tensor<5x1x2x3xf32>, %b: tensor<4x3x6xf32>) -> tensor<5x4x2x6xf32> {
  %0 = "graph.matmul"(%a, %b) : (tensor<5x1x2x3xf32>, tensor<4x3x6xf32>) -> tensor<5x4x2x6xf32>
  return %0 : tensor<5x4x2x6xf32>
}

func.func @gemm(%a: tensor<3x2xf32>, %b: tensor<4x3xf32>, %c: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.gemm"(%a, %b, %c) <{alpha = 5.000000e-01 : f32, beta = 2.000000e+00 : f32, trans_a = 1 : i64, trans_b = 1 : i64}> : (tensor<3x2xf32>, tensor<4x3xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}

// A 1-D operand gains a unit dim (expand_shape) that the result drops (collapse_shape).
func.func @vector(%v: tensor<3xf32>, %b: tensor<2x3x4xf32>, %w: tensor<3xf32>) -> (tensor<2x4xf32>, tensor<f32>) {
  %0 = "graph.matmul"(%v, %b) : (tensor<3xf32>, tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.matmul"(%v, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  return %0, %1 : tensor<2x4xf32>, tensor<f32>
}
