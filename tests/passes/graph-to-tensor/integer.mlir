// RUN: strata opt %s --graph-to-tensor

// Integer division (divsi, with the wrapping MIN / -1 through a select), both remainders
// (fmod = 1: remsi; fmod = 0: the divisor added to a remainder of the other sign), float
// mod, and the bitwise ops.
func.func @int_ops(%a: tensor<2x3xi32>, %b: tensor<3xi32>, %x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<3xf32>, tensor<2x3xi32>, tensor<2x3xi32>) {
  %0 = "graph.div"(%a, %b) : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %1 = "graph.mod"(%a, %b) <{fmod = 1 : i64}> : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %2 = "graph.mod"(%a, %b) : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %3 = "graph.mod"(%x, %y) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %4 = "graph.bitwise_xor"(%a, %b) : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  %5 = "graph.bitwise_not"(%a) : (tensor<2x3xi32>) -> tensor<2x3xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<3xf32>, tensor<2x3xi32>, tensor<2x3xi32>
}

// Casts: integer widening (extsi, extui from i1) and narrowing (trunci), float to integer
// (fptosi), to bool (cmpi ne / cmpf une), f16 to bf16 through f32.
func.func @casts(%a: tensor<4xi32>, %p: tensor<4xi1>, %x: tensor<4xf32>, %h: tensor<4xf16>) -> (tensor<4xi64>, tensor<4xi8>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xbf16>) {
  %0 = "graph.cast"(%a) <{to = i64}> : (tensor<4xi32>) -> tensor<4xi64>
  %1 = "graph.cast"(%a) <{to = i8}> : (tensor<4xi32>) -> tensor<4xi8>
  %2 = "graph.cast"(%p) <{to = i32}> : (tensor<4xi1>) -> tensor<4xi32>
  %3 = "graph.cast"(%x) <{to = i64}> : (tensor<4xf32>) -> tensor<4xi64>
  %4 = "graph.cast"(%a) <{to = i1}> : (tensor<4xi32>) -> tensor<4xi1>
  %5 = "graph.cast"(%x) <{to = i1}> : (tensor<4xf32>) -> tensor<4xi1>
  %6 = "graph.cast"(%h) <{to = bf16}> : (tensor<4xf16>) -> tensor<4xbf16>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<4xi64>, tensor<4xi8>, tensor<4xi32>, tensor<4xi64>, tensor<4xi1>, tensor<4xi1>, tensor<4xbf16>
}

// Integer reductions: wrapping sum, signed max with the type's minimum as the start, and
// the mean as a truncating division of the wrapped sum.
func.func @int_reduce(%a: tensor<2x3xi64>) -> (tensor<2xi64>, tensor<1x3xi64>, tensor<2x1xi64>) {
  %0 = "graph.reduce_sum"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3xi64>) -> tensor<2xi64>
  %1 = "graph.reduce_max"(%a) <{axes = array<i64: 0>}> : (tensor<2x3xi64>) -> tensor<1x3xi64>
  %2 = "graph.reduce_mean"(%a) <{axes = array<i64: -1>}> : (tensor<2x3xi64>) -> tensor<2x1xi64>
  return %0, %1, %2 : tensor<2xi64>, tensor<1x3xi64>, tensor<2x1xi64>
}

// Static values fold to constants through the graph dialect's folders: the shape of a
// static tensor, an op whose operands are all constants.
func.func @static_values(%x: tensor<2x3x4xf32>) -> (tensor<2xi64>, tensor<2xi64>) {
  %0 = "graph.shape"(%x) <{start = 1 : i64}> : (tensor<2x3x4xf32>) -> tensor<2xi64>
  %c = "graph.constant"() <{value = dense<[1, 2]> : tensor<2xi64>}> : () -> tensor<2xi64>
  %1 = "graph.mul"(%0, %c) : (tensor<2xi64>, tensor<2xi64>) -> tensor<2xi64>
  return %0, %1 : tensor<2xi64>, tensor<2xi64>
}

// Unsigned integers become signless ones with the unsigned arith op (`divui`); the
// signature keeps `strata.elem_type` (see unsigned.mlir).
func.func @unsigned(%a: tensor<3xui8>, %b: tensor<3xui8>) -> tensor<3xui8> {
  %0 = "graph.div"(%a, %b) : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  return %0 : tensor<3xui8>
}
