// RUN: strata opt %s --graph-to-tensor

// The accumulating and multi-step ops on f16/bf16 run in f32, as the interpreter's single
// rounding asks: each operand is widened by an element-wise `arith.extf`, the f32 lowering
// computes the result (a zero-filled f32 accumulator), and one element-wise `arith.truncf`
// rounds it to the element type.
func.func @matmul_f16(%a: tensor<2x3xf16>, %b: tensor<3x4xf16>) -> tensor<2x4xf16> {
  %0 = "graph.matmul"(%a, %b) : (tensor<2x3xf16>, tensor<3x4xf16>) -> tensor<2x4xf16>
  return %0 : tensor<2x4xf16>
}

// Softmax: the max, the exponentials, their sum and the quotient are all f32.
func.func @softmax_bf16(%x: tensor<2x5xbf16>) -> tensor<2x5xbf16> {
  %0 = "graph.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x5xbf16>) -> tensor<2x5xbf16>
  return %0 : tensor<2x5xbf16>
}

// A depthwise 1-D convolution with a bias (CausalConvWithState's): the bias is added in
// f32 before the one rounding.
func.func @conv1d_f16(%x: tensor<1x2x6xf16>, %w: tensor<2x1x3xf16>, %b: tensor<2xf16>) -> tensor<1x2x4xf16> {
  %0 = "graph.conv"(%x, %w, %b) <{group = 2 : i64}> : (tensor<1x2x6xf16>, tensor<2x1x3xf16>, tensor<2xf16>) -> tensor<1x2x4xf16>
  return %0 : tensor<1x2x4xf16>
}

// Element-wise ops and the ordered reductions keep their own type (the interpreter rounds
// them in the element type too), as do f32 ops.
func.func @unchanged(%x: tensor<2x5xf16>, %y: tensor<2x5xf32>) -> (tensor<2x5xf16>, tensor<2xf16>, tensor<2x5xf32>) {
  %0 = "graph.add"(%x, %x) : (tensor<2x5xf16>, tensor<2x5xf16>) -> tensor<2x5xf16>
  %1 = "graph.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x5xf16>) -> tensor<2xf16>
  %2 = "graph.softmax"(%y) <{axis = -1 : i64}> : (tensor<2x5xf32>) -> tensor<2x5xf32>
  return %0, %1, %2 : tensor<2x5xf16>, tensor<2xf16>, tensor<2x5xf32>
}

// An element-wise op of several rounding steps computes in f64 inside its body, as the
// interpreter does.
func.func @sigmoid_f16(%x: tensor<4xf16>) -> tensor<4xf16> {
  %0 = "graph.sigmoid"(%x) : (tensor<4xf16>) -> tensor<4xf16>
  return %0 : tensor<4xf16>
}
