// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize --cpu-ukernels --tensor-to-loop

// A graph.if on a run-time condition through the loop level: the buffer-form generics
// inside the loop.if regions become loop nests where they stand, and the f32 matrix
// product in the then region becomes a micro-kernel call there; only the taken region runs.

func.func @f(%c: tensor<i1>, %x: tensor<4x8xf32>, %w: tensor<8x4xf32>, %b: tensor<4x4xf32>) -> tensor<4x4xf32> {
  %r = "graph.if"(%c) ({
    %m = "graph.matmul"(%x, %w) : (tensor<4x8xf32>, tensor<8x4xf32>) -> tensor<4x4xf32>
    "graph.yield"(%m) : (tensor<4x4xf32>) -> ()
  }, {
    %n = "graph.neg"(%b) : (tensor<4x4xf32>) -> tensor<4x4xf32>
    "graph.yield"(%n) : (tensor<4x4xf32>) -> ()
  }) : (tensor<i1>) -> tensor<4x4xf32>
  return %r : tensor<4x4xf32>
}
