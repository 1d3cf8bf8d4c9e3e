// RUN: strata opt %s --graph-to-tensor

// det of 2x2 matrices: an all-parallel generic over the batch reading each matrix element
// through a constant map, the interpreter's pivoted LU unrolled in f64 (the pivot row
// chosen with selects), rounded once to f32.
func.func @det(%x: tensor<3x2x2xf32>) -> tensor<3xf32> {
  %0 = "graph.det"(%x) : (tensor<3x2x2xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
