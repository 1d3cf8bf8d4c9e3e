// RUN: strata opt %s --tensor-fuse-elementwise
// RUN: strata opt %s --pass-pipeline=builtin.module(tensor-fuse-elementwise{allow-duplication=true})

// The producer is also returned: by default it is not fused; with allow-duplication it is
// fused into the consumer and kept for the return.
func.func @kept(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e = "tensor.empty"() : () -> tensor<4xf32>
  %0 = "tensor.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = math.exp %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "tensor.generic"(%0, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = arith.negf %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}
