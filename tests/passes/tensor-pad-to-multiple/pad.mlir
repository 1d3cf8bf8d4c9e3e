// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(tensor-pad-to-multiple{multiple=4})

// Element-wise: both parallel loops grow to multiples of 4; the broadcast bias is padded
// only along the loop it is indexed by; the empty init becomes a bigger empty; the valid
// part of the result is extracted.
func.func @elementwise(%x: tensor<3x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %e = "tensor.empty"() : () -> tensor<3x5xf32>
  %0 = "tensor.generic"(%x, %b, %e) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<3x5xf32>, tensor<5xf32>, tensor<3x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// -----

// A matrix product: the reduction `acc + a * b` has zero as identity, so the reduction loop
// grows too (the zero padding of both factors adds zeros).
func.func @matmul(%a: tensor<3x5xf32>, %b: tensor<5x6xf32>, %c: tensor<3x6xf32>) -> tensor<3x6xf32> {
  %0 = "tensor.generic"(%a, %b, %c) <{indexing_maps = [affine_map<(d0, d1, d2) -> (d0, d2)>, affine_map<(d0, d1, d2) -> (d2, d1)>, affine_map<(d0, d1, d2) -> (d0, d1)>], iterator_types = ["parallel", "parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %m = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %m : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<3x5xf32>, tensor<5x6xf32>, tensor<3x6xf32>) -> tensor<3x6xf32>
  return %0 : tensor<3x6xf32>
}

// -----

// A max reduction: zero is not its identity, so only the parallel loop grows.
func.func @max(%x: tensor<3x5xf32>, %init: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "tensor.generic"(%x, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %acc: f32):
    %m = arith.maximumf %acc, %p : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<3x5xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A 1-D convolution window (`d0 + d1`): the input is padded as far as the grown output
// loop reaches. The 3-tap reduction loop stays: a fourth tap would multiply the zero of the
// padded kernel with a valid input element (NaN if that element is infinite).
func.func @window(%x: tensor<7xf32>, %w: tensor<3xf32>, %init: tensor<5xf32>) -> tensor<5xf32> {
  %0 = "tensor.generic"(%x, %w, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %acc: f32):
    %m = arith.mulf %p, %q : f32
    %s = arith.addf %acc, %m : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<7xf32>, tensor<3xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %0 : tensor<5xf32>
}

// -----

// Left alone: loop sizes already multiples of 4, and an integer sum whose addend is not an
// input element (its loop stays; the parallel loop is a multiple already).
func.func @unchanged(%x: tensor<4x8xi32>, %init: tensor<4xi32>) -> (tensor<4x8xi32>, tensor<4xi32>) {
  %0 = "tensor.generic"(%x, %x) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: i32, %o: i32):
    %s = arith.addi %p, %p : i32
    "tensor.yield"(%s) : (i32) -> ()
  }) : (tensor<4x8xi32>, tensor<4x8xi32>) -> tensor<4x8xi32>
  %x3 = "tensor.extract_slice"(%x) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 4, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xi32>) -> tensor<4x3xi32>
  %1 = "tensor.generic"(%x3, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: i32, %acc: i32):
    %one = arith.constant 1 : i32
    %q = arith.addi %p, %one : i32
    %s = arith.addi %acc, %q : i32
    "tensor.yield"(%s) : (i32) -> ()
  }) : (tensor<4x3xi32>, tensor<4xi32>) -> tensor<4xi32>
  return %0, %1 : tensor<4x8xi32>, tensor<4xi32>
}
