// RUN: strata opt %s --graph-to-tensor

// Unique rows (axis 0), sorted: the row comparisons C[p, q] (a lexicographic reduction
// over the columns), per row the equal rows before it, its group's size and first index,
// the group ranks among the first occurrences, then Y, indices and counts gathered by
// rank into their bounds (3 rows), the inverse (static), and the extents of the three
// bounded results after the function's results.
func.func @rows(%x: tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>) {
  %0:4 = "graph.unique"(%x) <{axis = 0 : i64, sorted = 1 : i64}> : (tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>)
  return %0#0, %0#1, %0#2, %0#3 : tensor<?x2xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>
}
