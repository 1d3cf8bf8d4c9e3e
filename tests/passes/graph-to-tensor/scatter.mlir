// RUN: strata opt %s --graph-to-tensor

// scatter_elements: an output-stationary generic whose init is the data; a reduction over
// the updates along the axis replaces (reduction "none": the last match) the element whose
// position (an iota) equals the normalised index.
func.func @scatter_elements(%d: tensor<3x4xf32>, %i: tensor<3x2xi64>, %u: tensor<3x2xf32>) -> tensor<3x4xf32> {
  %0 = "graph.scatter_elements"(%d, %i, %u) <{axis = 1 : i64}> : (tensor<3x4xf32>, tensor<3x2xi64>, tensor<3x2xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// Indices smaller than the data off the axis: the generic updates the corner (an
// extract_slice) and insert_slice puts it back; reduction "add" combines the matches.
func.func @scatter_elements_corner(%d: tensor<4x3xi32>, %i: tensor<2x2xi32>, %u: tensor<2x2xi32>) -> tensor<4x3xi32> {
  %0 = "graph.scatter_elements"(%d, %i, %u) <{axis = 0 : i64, reduction = "add"}> : (tensor<4x3xi32>, tensor<2x2xi32>, tensor<2x2xi32>) -> tensor<4x3xi32>
  return %0 : tensor<4x3xi32>
}

// scatter_nd: the reduction runs over the index tuples; a tuple matches when each of its
// components (the index tensor read once per component) equals the result position.
func.func @scatter_nd(%d: tensor<4x4xf32>, %i: tensor<2x1xi64>, %u: tensor<2x4xf32>) -> tensor<4x4xf32> {
  %0 = "graph.scatter_nd"(%d, %i, %u) <{reduction = "mul"}> : (tensor<4x4xf32>, tensor<2x1xi64>, tensor<2x4xf32>) -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// gather_nd with a batch dim: a reduction over the indexed data dims keeps the element
// whose position equals the tuple.
func.func @gather_nd(%d: tensor<2x2x2xi32>, %i: tensor<2x1xi64>) -> tensor<2x2xi32> {
  %0 = "graph.gather_nd"(%d, %i) <{batch_dims = 1 : i64}> : (tensor<2x2x2xi32>, tensor<2x1xi64>) -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// einsum: output labels are the parallel loops, summed labels the reductions; a repeated
// label reads a diagonal.
func.func @einsum(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>, %c: tensor<3x3xf32>) -> (tensor<2x3x5xf32>, tensor<3xf32>) {
  %0 = "graph.einsum"(%a, %b) <{equation = "bij, bjk -> bik"}> : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  %1 = "graph.einsum"(%c) <{equation = "ii->i"}> : (tensor<3x3xf32>) -> tensor<3xf32>
  return %0, %1 : tensor<2x3x5xf32>, tensor<3xf32>
}

// einsum on bf16 accumulates in f32 and rounds once.
func.func @einsum_bf16(%a: tensor<3x4xbf16>) -> tensor<3xbf16> {
  %0 = "graph.einsum"(%a) <{equation = "ij->i"}> : (tensor<3x4xbf16>) -> tensor<3xbf16>
  return %0 : tensor<3xbf16>
}

// top_k: the rank of each element along the axis (a count of the elements before it in the
// stable order), then the values and the positions of ranks 0..k-1.
func.func @top_k(%x: tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>) {
  %0:2 = "graph.top_k"(%x) <{axis = 1 : i64, k = 2 : i64, largest = 0 : i64}> : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<3x2xi64>
}
