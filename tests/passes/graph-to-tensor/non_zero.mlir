// RUN: strata opt %s --graph-to-tensor

// A data-dependent result size as a bounded result: the nonzero flags, each element's
// rank among the nonzeros before it, the coordinates (a constant table) gathered into the
// bound 2 x 6 by rank, and the extents [2, count]. The function returns the bound tensor
// and, after its results, the extents marked with `strata.extents_of`.
func.func @nonzero(%x: tensor<2x3xf32>) -> (tensor<2x?xi64>, tensor<2x3xf32>) {
  %0 = "graph.non_zero"(%x) : (tensor<2x3xf32>) -> tensor<2x?xi64>
  return %0, %x : tensor<2x?xi64>, tensor<2x3xf32>
}
