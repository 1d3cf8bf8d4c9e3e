// RUN: strata opt %s --split-input-file --tensor-fuse-elementwise

// An element-wise chain (add with a broadcast bias, then relu) becomes one generic: the
// producer's inputs join the consumer's with their maps, its body is inlined first.
func.func @chain(%x: tensor<2x3xf32>, %b: tensor<3xf32>) -> tensor<2x3xf32> {
  %e0 = "tensor.empty"() : () -> tensor<2x3xf32>
  %0 = "tensor.generic"(%x, %b, %e0) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %s = arith.addf %p, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %e1 = "tensor.empty"() : () -> tensor<2x3xf32>
  %1 = "tensor.generic"(%0, %e1) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %z = arith.constant 0.0 : f32
    %m = arith.maximumf %p, %z : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %1 : tensor<2x3xf32>
}

// -----

// A transposing producer (result map a permutation) fused into a consumer that reads it
// through a broadcast: the maps compose through the inverse permutation.
func.func @permuted(%x: tensor<3x2xf32>) -> tensor<4x2x3xf32> {
  %e0 = "tensor.empty"() : () -> tensor<2x3xf32>
  %0 = "tensor.generic"(%x, %e0) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1, d0)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = arith.negf %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<3x2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %e1 = "tensor.empty"() : () -> tensor<4x2x3xf32>
  %1 = "tensor.generic"(%0, %e1) <{indexing_maps = [affine_map<(d0, d1, d2) -> (d1, d2)>, affine_map<(d0, d1, d2) -> (d0, d1, d2)>], iterator_types = ["parallel", "parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %a = math.absf %p : f32
    "tensor.yield"(%a) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<4x2x3xf32>) -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// An element-wise producer fuses into a reduction; a tensor.fill read as an input becomes a
// scalar input. The fill used as the reduction's init stays.
func.func @into_reduction(%x: tensor<4x8xf32>, %s: f32) -> tensor<4xf32> {
  %e0 = "tensor.empty"() : () -> tensor<4x8xf32>
  %f = "tensor.fill"(%s, %e0) : (f32, tensor<4x8xf32>) -> tensor<4x8xf32>
  %0 = "tensor.generic"(%x, %f, %e0) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %zero = arith.constant 0.0 : f32
  %e1 = "tensor.empty"() : () -> tensor<4xf32>
  %init = "tensor.fill"(%zero, %e1) : (f32, tensor<4xf32>) -> tensor<4xf32>
  %1 = "tensor.generic"(%0, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %acc: f32):
    %a = arith.addf %acc, %p : f32
    "tensor.yield"(%a) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1 : tensor<4xf32>
}

// -----

// Not fused: the reduction over a filled tensor would lose the size of its reduced loop
// (only the fill is indexed by d1); a producer with a reduction is never fused.
func.func @refused(%x: tensor<4x8xf32>, %s: f32) -> (tensor<4xf32>, tensor<4xf32>) {
  %e0 = "tensor.empty"() : () -> tensor<4x8xf32>
  %f = "tensor.fill"(%s, %e0) : (f32, tensor<4x8xf32>) -> tensor<4x8xf32>
  %e1 = "tensor.empty"() : () -> tensor<4xf32>
  %0 = "tensor.generic"(%f, %e1) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %acc: f32):
    %a = arith.addf %acc, %p : f32
    "tensor.yield"(%a) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "tensor.generic"(%x, %e1) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %acc: f32):
    %a = arith.maximumf %acc, %p : f32
    "tensor.yield"(%a) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "tensor.generic"(%1, %e1) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = arith.negf %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0, %2 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Two consumers of one producer: both fuse it (it is recomputed in each) and it is erased.
// The producer's body reads its init element, so the init becomes an input. Repeated
// (operand, map) inputs are merged.
func.func @two_uses(%x: tensor<4xf32>, %y: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = "tensor.generic"(%x, %y) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %s = arith.addf %o, %p : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %e = "tensor.empty"() : () -> tensor<4xf32>
  %1 = "tensor.generic"(%0, %x, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %m = arith.mulf %p, %q : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %2 = "tensor.generic"(%0, %e) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%p: f32, %o: f32):
    %n = arith.negf %p : f32
    "tensor.yield"(%n) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %1, %2 : tensor<4xf32>, tensor<4xf32>
}
