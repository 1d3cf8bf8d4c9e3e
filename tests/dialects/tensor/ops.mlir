// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The tensor dialect's data-movement ops, which are upstream MLIR's `tensor` ops: their
// generic form is what mlir-opt-22 prints (checked by crates/strata/tests/mlir_interop.rs).
// The structured ops (linalg-style) are in structured.mlir.

func.func @empty(%n: index) -> (tensor<2x3xf32>, tensor<?x3xf32>) {
  %0 = "tensor.empty"() : () -> tensor<2x3xf32>
  %1 = "tensor.empty"(%n) : (index) -> tensor<?x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<?x3xf32>
}

func.func @slices(%t: tensor<4x8xf32>, %s: tensor<2x2xf32>, %i: index) {
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
  %1 = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: 0, -9223372036854775808>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>, index) -> tensor<2x2xf32>
  %2 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 8>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>) -> tensor<8xf32>
  %3 = "tensor.insert_slice"(%s, %t) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (tensor<2x2xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  %4 = "tensor.insert_slice"(%s, %t, %i) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 3>}> : (tensor<2x2xf32>, tensor<4x8xf32>, index) -> tensor<4x8xf32>
  return
}

func.func @pad(%t: tensor<4x8xf32>, %i: index) {
  %0 = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 2>, static_low = array<i64: 1, 0>}> ({
  ^bb0(%a: index, %b: index):
    %zero = arith.constant 0.000000e+00 : f32
    "tensor.yield"(%zero) : (f32) -> ()
  }) : (tensor<4x8xf32>) -> tensor<5x10xf32>
  %1 = "tensor.pad"(%t, %i) <{nofold, operandSegmentSizes = array<i32: 1, 1, 0>, static_high = array<i64: 1, 1>, static_low = array<i64: -9223372036854775808, 1>}> ({
  ^bb0(%a: index, %b: index):
    %c = arith.index_cast %b : index to i64
    %f = arith.sitofp %c : i64 to f32
    "tensor.yield"(%f) : (f32) -> ()
  }) : (tensor<4x8xf32>, index) -> tensor<?x10xf32>
  return
}

func.func @reshapes(%v: tensor<2x3x4xf32>, %w: tensor<6x4xf32>, %d: tensor<?x4xf32>, %n: index, %one: tensor<1x1xf32>) {
  %0 = "tensor.collapse_shape"(%v) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %1 = "tensor.collapse_shape"(%v) <{reassociation = [[0, 1, 2]]}> : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %2 = "tensor.collapse_shape"(%one) <{reassociation = []}> : (tensor<1x1xf32>) -> tensor<f32>
  %3 = "tensor.expand_shape"(%w) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 3, 4>}> : (tensor<6x4xf32>) -> tensor<2x3x4xf32>
  %4 = "tensor.expand_shape"(%d, %n) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: -9223372036854775808, 2, 4>}> : (tensor<?x4xf32>, index) -> tensor<?x2x4xf32>
  return
}

func.func @concat(%a: tensor<2x4xf32>, %b: tensor<3x4xf32>, %c: tensor<?x4xf32>) {
  %0 = "tensor.concat"(%a, %b) <{dim = 0 : i64}> : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  %1 = "tensor.concat"(%a, %c) <{dim = 0 : i64}> : (tensor<2x4xf32>, tensor<?x4xf32>) -> tensor<?x4xf32>
  %2 = "tensor.concat"(%a, %a) <{dim = 1 : i64}> : (tensor<2x4xf32>, tensor<2x4xf32>) -> tensor<2x8xf32>
  return
}

func.func @extract(%c: tensor<i1>, %t: tensor<4x8xf32>, %i: index) -> (i1, f32) {
  %0 = "tensor.extract"(%c) : (tensor<i1>) -> i1
  %1 = "tensor.extract"(%t, %i, %i) : (tensor<4x8xf32>, index, index) -> f32
  return %0, %1 : i1, f32
}
