// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(tensor-tile{tile-sizes=2,4})

// A matrix product with a relu'd input, its accumulator fill, and a bias add: the add is
// tiled 2x4 into two loop.for loops carrying the result; the product, the relu (a 2x6 slice
// of the input) and the fill of the accumulator are recomputed per tile.
func.func @mlp(%x: tensor<4x6xf32>, %w: tensor<6x8xf32>, %b: tensor<8xf32>) -> tensor<4x8xf32> {
  %e0 = "tensor.empty"() : () -> tensor<4x6xf32>
  %0 = "tensor.generic"(%x, %e0) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %m = arith.maximumf %p, %z : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<4x6xf32>, tensor<4x6xf32>) -> tensor<4x6xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = "tensor.empty"() : () -> tensor<4x8xf32>
  %acc = "tensor.generic"(%zero, %e1) <{indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    "tensor.yield"(%p) : (f32) -> ()
  }) : (f32, tensor<4x8xf32>) -> tensor<4x8xf32>
  %1 = "tensor.generic"(%0, %w, %acc) <{indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %a: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %a, %m : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4x6xf32>, tensor<6x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e2 = "tensor.empty"() : () -> tensor<4x8xf32>
  %2 = "tensor.generic"(%1, %b, %e2) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}

// -----

// A 1-D window (`d0 + d1`) over a negated input: a tile of 2 outputs at offset %i reads the
// 4 input elements from %i (the halo), so the fused negation computes those 4.
func.func @window(%x: tensor<6xf32>, %w: tensor<3xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %e = "tensor.empty"() : () -> tensor<6xf32>
  %0 = "tensor.generic"(%x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = arith.negf %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<6xf32>, tensor<6xf32>) -> tensor<6xf32>
  %1 = "tensor.generic"(%0, %w, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %a: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %a, %m : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<6xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Left alone: the parallel loop's size 3 is not a multiple of its tile size 2, and the
// reduction loop is never tiled.
func.func @untiled(%x: tensor<3x4xf32>, %init: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tensor.generic"(%x, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %a: f32):
    %s = arith.addf %a, %p : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
