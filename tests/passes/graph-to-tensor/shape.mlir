// RUN: strata opt %s --graph-to-tensor

// Transpose, the reshape family (collapse_shape/expand_shape, or both when dims do not
// group), concat and slice.
func.func @shapes(%x: tensor<2x3x4xf32>, %v: tensor<3x1xf32>, %y: tensor<2x3x4xf32>) -> (tensor<4x2x3xf32>, tensor<6x4xf32>, tensor<2x12xf32>, tensor<3xf32>, tensor<1x3x1x1xf32>, tensor<4x6xf32>, tensor<4x3x4xf32>, tensor<2x2x2xf32>) {
  %0 = "graph.transpose"(%x) <{perm = array<i64: 2, 0, 1>}> : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %1 = "graph.reshape"(%x) <{shape = array<i64: 6, 4>}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %2 = "graph.flatten"(%x) <{axis = 1 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x12xf32>
  %3 = "graph.squeeze"(%v) <{axes = array<i64: 1>}> : (tensor<3x1xf32>) -> tensor<3xf32>
  %4 = "graph.unsqueeze"(%v) <{axes = array<i64: 0, -1>}> : (tensor<3x1xf32>) -> tensor<1x3x1x1xf32>
  %5 = "graph.reshape"(%x) <{shape = array<i64: 4, 6>}> : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  %6 = "graph.concat"(%x, %y) <{axis = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  %7 = "graph.slice"(%x) <{axes = array<i64: 1, -1>, ends = array<i64: 3, 100>, starts = array<i64: 1, 0>, steps = array<i64: 1, 2>}> : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4x2x3xf32>, tensor<6x4xf32>, tensor<2x12xf32>, tensor<3xf32>, tensor<1x3x1x1xf32>, tensor<4x6xf32>, tensor<4x3x4xf32>, tensor<2x2x2xf32>
}

// Tile is a concat of copies per repeated axis; split is one extract_slice per result.
func.func @tile_split(%x: tensor<2x3xf32>) -> (tensor<4x3xf32>, tensor<2x1xf32>, tensor<2x2xf32>) {
  %0 = "graph.tile"(%x) <{repeats = array<i64: 2, 1>}> : (tensor<2x3xf32>) -> tensor<4x3xf32>
  %1:2 = "graph.split"(%x) <{axis = -1 : i64, split = array<i64: 1, 2>}> : (tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>)
  return %0, %1#0, %1#1 : tensor<4x3xf32>, tensor<2x1xf32>, tensor<2x2xf32>
}
