// RUN: strata opt %s --split-input-file --verify-diagnostics --tensor-to-loop

// Ops outside the loop-level contract after lowering: a diagnostic naming the op.

#id = affine_map<(d0) -> (d0)>

func.func @f(%x: tensor<4xf32>, %e: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tensor.generic' op is not supported by tensor-to-loop (only buffer-form tensor.generic is lowered; run bufferize first)}}
  %0 = "tensor.generic"(%x, %e) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%v: f32, %o: f32):
    "tensor.yield"(%v) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'graph.relu' op is not supported by tensor-to-loop}}
  %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
