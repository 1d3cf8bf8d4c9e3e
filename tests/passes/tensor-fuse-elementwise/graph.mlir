// RUN: strata opt %s --pass-pipeline=builtin.module(graph-to-tensor{full=true},tensor-generalize,tensor-fuse-elementwise)

// Graph programs as the cpu pipeline sees them: bias and relu fuse into the matmul's
// consumer chain (the matmul itself is a reduction and stays); softmax becomes a max
// reduction, a sum reduction of the exponentials and the division, each recomputing the
// element-wise producers it reads; layer_norm likewise.
func.func @mlp(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.matmul"(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.add"(%0, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = "graph.relu"(%1) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %3 = "graph.softmax"(%2) <{axis = 1 : i64}> : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %3 : tensor<2x4xf32>
}

func.func @layer_norm(%x: tensor<2x4xf32>, %g: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.layer_norm"(%x, %g, %b) <{axis = 1 : i64, epsilon = 1.000000e-02 : f32}> : (tensor<2x4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %0 : tensor<2x4xf32>
}
