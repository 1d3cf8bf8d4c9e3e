// RUN: strata opt %s --graph-to-tensor

// A slice with a negative step: a generic reading index `start + i * step` (here the
// reversal of axis 1); the axes with positive steps are an extract_slice first.
func.func @reverse(%x: tensor<3x4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.slice"(%x) <{starts = array<i64: 1, -1>, ends = array<i64: 3, -9223372036854775807>, axes = array<i64: 0, 1>, steps = array<i64: 1, -1>}> : (tensor<3x4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
