// RUN: strata opt %s --graph-to-tensor=full=true

// `top_k` of ui64: the ranks compare with `arith.cmpi ugt` on the signless bits.
func.func @top_k_ui64(%a: tensor<2x5xui64>) -> (tensor<2x2xui64>, tensor<2x2xi64>) {
  %0:2 = "graph.top_k"(%a) <{axis = 1 : i64, k = 2 : i64}> : (tensor<2x5xui64>) -> (tensor<2x2xui64>, tensor<2x2xi64>)
  return %0#0, %0#1 : tensor<2x2xui64>, tensor<2x2xi64>
}

// `max_pool` of ui8: `tensor.pool_nchw_max` (arith.maxsi) between two sign-bit flips, the
// padding the signed minimum (-128, the unsigned 0 once flipped back); the unused indices
// result does not stop it.
func.func @max_pool_ui8(%x: tensor<1x1x3x3xui8>) -> tensor<1x1x3x3xui8> {
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x1x3x3xui8>) -> (tensor<1x1x3x3xui8>, tensor<1x1x3x3xi64>)
  return %0#0 : tensor<1x1x3x3xui8>
}

// `reduce_max`/`reduce_min` of i1: `arith.ori` from false, `arith.andi` from true.
func.func @reduce_bool(%z: tensor<2x3xi1>) -> (tensor<2xi1>, tensor<1x3xi1>) {
  %0 = "graph.reduce_max"(%z) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3xi1>) -> tensor<2xi1>
  %1 = "graph.reduce_min"(%z) <{axes = array<i64: 0>}> : (tensor<2x3xi1>) -> tensor<1x3xi1>
  return %0, %1 : tensor<2xi1>, tensor<1x3xi1>
}
