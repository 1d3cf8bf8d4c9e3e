// RUN: strata opt %s --split-input-file --verify-diagnostics

// The buffer form of tensor.generic: memref inits, no results, no tensor operands.

#id = affine_map<(d0) -> (d0)>

func.func @f(%a: tensor<4xf32>, %out: memref<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op input #0 must be a ranked memref or a scalar in the buffer form, but is tensor<4xf32>}}
  "tensor.generic"(%a, %out) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %o: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4xf32>, memref<4xf32>) -> ()
  return
}

// -----

#id = affine_map<(d0) -> (d0)>

func.func @f(%a: memref<4xf32>, %out: memref<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'tensor.generic' op init #0 must be a ranked tensor, but is memref<4xf32>}}
  %r = "tensor.generic"(%a, %out) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %o: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (memref<4xf32>, memref<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

// -----

#id = affine_map<(d0) -> (d0)>

func.func @f(%a: memref<4xf32>, %out: memref<5xf32>) {
  // expected-error @+1 {{'tensor.generic' op loop d0 has size 4, but dimension 0 of operand #1 (5) indexed by it has size 5}}
  "tensor.generic"(%a, %out) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %o: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (memref<4xf32>, memref<5xf32>) -> ()
  return
}
