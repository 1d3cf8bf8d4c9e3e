// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize --plan-memory --verify-diagnostics

// A chain of elementwise ops between two matrix products: the intermediates of the same
// type take turns in one buffer once the earlier one is freed.
// expected-remark @+1 {{plan-memory: intermediate buffers: 160 bytes in 5 buffers before, 64 bytes in 2 buffers after (peak live 64 bytes)}}
func.func @chain(%x: tensor<2x4xf32>, %w: tensor<4x4xf32>, %b: tensor<4xf32>) -> tensor<2x4xf32> {
  %0 = "graph.matmul"(%x, %w) : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.add"(%0, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %2 = "graph.relu"(%1) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  %3 = "graph.matmul"(%2, %w) : (tensor<2x4xf32>, tensor<4x4xf32>) -> tensor<2x4xf32>
  %4 = "graph.add"(%3, %b) : (tensor<2x4xf32>, tensor<4xf32>) -> tensor<2x4xf32>
  %5 = "graph.tanh"(%4) : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %5 : tensor<2x4xf32>
}
