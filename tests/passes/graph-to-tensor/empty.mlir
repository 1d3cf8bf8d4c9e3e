// RUN: strata opt %s --graph-to-tensor

// A zero-size result has no elements: whatever op computes it becomes a tensor.empty.
// The reductions over the empty set then fill their identity (sum 0, max -inf).
func.func @empty_set(%x: tensor<2x0x3xf32>) -> (tensor<2x1x3xf32>, tensor<2x3xf32>) {
  %a = "graph.abs"(%x) : (tensor<2x0x3xf32>) -> tensor<2x0x3xf32>
  %0 = "graph.reduce_sum"(%a) <{axes = array<i64: 1>, keepdims = 1 : i64}> : (tensor<2x0x3xf32>) -> tensor<2x1x3xf32>
  %1 = "graph.reduce_max"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x0x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x1x3xf32>, tensor<2x3xf32>
}

// Integer and bool identities: prod 1, min the signed maximum, bool max false.
func.func @empty_set_int(%x: tensor<0x4xi32>, %b: tensor<0xi1>) -> (tensor<4xi32>, tensor<4xi32>, tensor<i1>) {
  %0 = "graph.reduce_prod"(%x) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<0x4xi32>) -> tensor<4xi32>
  %1 = "graph.reduce_min"(%x) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<0x4xi32>) -> tensor<4xi32>
  %2 = "graph.reduce_max"(%b) <{keepdims = 0 : i64}> : (tensor<0xi1>) -> tensor<i1>
  return %0, %1, %2 : tensor<4xi32>, tensor<4xi32>, tensor<i1>
}

// A split whose parts are empty: one tensor.empty per result.
func.func @split_empty(%x: tensor<0x3xf32>) -> (tensor<0x1xf32>, tensor<0x2xf32>) {
  %0:2 = "graph.split"(%x) <{axis = 1 : i64, split = array<i64: 1, 2>}> : (tensor<0x3xf32>) -> (tensor<0x1xf32>, tensor<0x2xf32>)
  return %0#0, %0#1 : tensor<0x1xf32>, tensor<0x2xf32>
}

// A split with an empty part among others, and a concat that leaves its empty operands out.
func.func @split_concat_mixed(%x: tensor<2x5xf32>, %e: tensor<2x0xf32>) -> tensor<2x5xf32> {
  %0:3 = "graph.split"(%x) <{axis = 1 : i64, split = array<i64: 2, 0, 3>}> : (tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x3xf32>)
  %1 = "graph.concat"(%0#0, %0#1, %e, %0#2) <{axis = 1 : i64}> : (tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x0xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %1 : tensor<2x5xf32>
}
