// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize --tensor-to-loop

// A matrix product with bias: the zero fill and the bias add are a loop.parallel over the
// rows around a loop.for over the columns; the product puts the reduction (k) outside the
// column loop (j), the output's fastest-varying dimension: parallel(i) { for k { for j } }.
func.func @mlp(%x: tensor<2x3xf32>, %w: tensor<3x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.matmul"(%x, %w) : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.add"(%0, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}
