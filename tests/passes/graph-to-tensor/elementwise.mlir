// RUN: strata opt %s --graph-to-tensor

// Element-wise ops become all-parallel tensor.generic ops with arith/math bodies; numpy
// broadcasting is expressed by the indexing maps (size-1 dims read index 0, missing
// leading dims are not indexed).
func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi1>) {
  %0 = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "graph.mul"(%0, %c) : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %2 = "graph.less"(%1, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xi1>
}

func.func @activations(%x: tensor<4xf32>, %i: tensor<4xi32>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>) {
  %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "graph.sigmoid"(%0) : (tensor<4xf32>) -> tensor<4xf32>
  %2 = "graph.clip"(%1) <{max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "graph.relu"(%i) : (tensor<4xi32>) -> tensor<4xi32>
  %4 = "graph.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xf32>
}

func.func @where_cast(%c: tensor<2x1xi1>, %x: tensor<3xf32>, %y: tensor<2x3xf32>, %i: tensor<3xi32>) -> (tensor<2x3xf32>, tensor<3xf16>, tensor<3xf32>) {
  %0 = "graph.where"(%c, %x, %y) : (tensor<2x1xi1>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "graph.cast"(%x) <{to = f16}> : (tensor<3xf32>) -> tensor<3xf16>
  %2 = "graph.cast"(%i) <{to = f32}> : (tensor<3xi32>) -> tensor<3xf32>
  return %0, %1, %2 : tensor<2x3xf32>, tensor<3xf16>, tensor<3xf32>
}

// A dense graph.constant becomes an arith.constant of the same literal.
func.func @constant() -> tensor<2xf32> {
  %0 = "graph.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %1 = "graph.exp"(%0) : (tensor<2xf32>) -> tensor<2xf32>
  return %1 : tensor<2xf32>
}

// More activations, prelu with a broadcast slope, and expand (an identity body with a
// broadcasting input map).
func.func @more(%x: tensor<2x3xf32>, %s: tensor<3xf32>, %v: tensor<3x1xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x4xf32>) {
  %0 = "graph.elu"(%x) <{alpha = 1.000000e+00 : f32}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "graph.gelu"(%0) <{approximate = "tanh"}> : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "graph.hard_swish"(%1) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "graph.prelu"(%2, %s) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %4 = "graph.expand"(%v) <{shape = array<i64: 2, 1, 4>}> : (tensor<3x1xf32>) -> tensor<2x3x4xf32>
  return %0, %1, %2, %3, %4 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3x4xf32>
}
