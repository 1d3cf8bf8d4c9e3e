// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the tensor dialect, one per chunk.

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op expects one indexing map per operand (2), but has 1}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op indexing map #0 has 1 dimensions, but there are 2 iterators}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0) -> (d0, d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op indexing map #0 has 1 results, but operand #0 has rank 2}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op the size of loop d1 cannot be derived: no operand dimension is indexed by d1 alone}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d0)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<5xf32>) {
  // expected-error @+1 {{'tensor.generic' op loop d0 has size 4, but dimension 0 of operand #1 (5) indexed by it has size 5}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<5xf32>) -> tensor<5xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.generic' op indexing map #0 accesses indices 1 to 8 of dimension 1 of operand #0, which has size 8}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1 + 1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op unknown iterator type "sideways" (expected "parallel" or "reduction")}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "sideways"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op 'operandSegmentSizes' must be [inputs, inits] summing to the 2 operands}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op result #0 has type tensor<8xf32>, but its init has type tensor<4xf32>}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<8xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op body block must have 2 arguments, but has 1}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op body block argument #0 has type f16, expected f32}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f16, %acc: f32):
    "tensor.yield"(%acc) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.generic' op body yields (i32), expected (f32)}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    %c = arith.constant 1 : i32
    "tensor.yield"(%c) : (i32) -> ()
  }) : (tensor<4x8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %init: f32) {
  // expected-error @+1 {{'tensor.generic' op init #0 must be a ranked tensor, but is f32}}
  %r = "tensor.generic"(%a, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> ()>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<4x8xf32>, f32) -> f32
  return
}

// -----

func.func @f(%x: f32) {
  // expected-error @+1 {{'tensor.yield' op expects its parent op to be one of 'tensor.generic', 'tensor.map', 'tensor.reduce', 'tensor.pad'}}
  "tensor.yield"(%x) : (f32) -> ()
}

// -----

func.func @f(%a: tensor<4x8xf32>, %b: tensor<9x16xf32>, %c: tensor<4x16xf32>) {
  // expected-error @+1 {{'tensor.matmul' op loop d2 has size 8, but dimension 0 of operand #1 (9x16) indexed by it has size 9}}
  %r = "tensor.matmul"(%a, %b, %c) : (tensor<4x8xf32>, tensor<9x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @f(%a: tensor<4x8xf32>, %b: tensor<8x16xf16>, %c: tensor<4x16xf32>) {
  // expected-error @+1 {{'tensor.matmul' op operand #1 has element type f16, but the init has f32}}
  %r = "tensor.matmul"(%a, %b, %c) : (tensor<4x8xf32>, tensor<8x16xf16>, tensor<4x16xf32>) -> tensor<4x16xf32>
  return
}

// -----

func.func @f(%a: tensor<2x4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<2x4x16xf32>) {
  // expected-error @+1 {{'tensor.batch_matmul' op indexing map #1 has 3 results, but operand #1 has rank 2}}
  %r = "tensor.batch_matmul"(%a, %b, %c) : (tensor<2x4x8xf32>, tensor<8x16xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  return
}

// -----

func.func @f(%v: tensor<f32>, %c: tensor<4xf32>) {
  // expected-error @+1 {{'tensor.fill' op value must be a scalar, but is tensor<f32>}}
  %r = "tensor.fill"(%v, %c) : (tensor<f32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %t: tensor<3x2xf32>) {
  // expected-error @+1 {{'tensor.transpose' op 'permutation' must be a permutation of 0..2}}
  %r = "tensor.transpose"(%x, %t) <{permutation = array<i64: 0, 0>}> : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %t: tensor<2x3xf32>) {
  // expected-error @+1 {{'tensor.transpose' op loop d0 has size 3, but dimension 0 of operand #1 (2x3) indexed by it has size 2}}
  %r = "tensor.transpose"(%x, %t) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2xf32>, %t: tensor<2x3xf32>) {
  // expected-error @+1 {{'tensor.broadcast' op 'dimensions' must be strictly increasing and below 2}}
  %r = "tensor.broadcast"(%x, %t) <{dimensions = array<i64: 1, 0>}> : (tensor<2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %r: tensor<3xf32>) {
  // expected-error @+1 {{'tensor.reduce' op loop d0 has size 2, but dimension 0 of operand #1 (3) indexed by it has size 3}}
  %0 = "tensor.reduce"(%x, %r) <{dimensions = array<i64: 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %s = arith.addf %in, %acc : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) {
  // expected-error @+1 {{'tensor.map' op loop d0 has size 2, but dimension 0 of operand #1 (3x2) indexed by it has size 3}}
  %0 = "tensor.map"(%x, %y) ({
  ^bb0(%p: f32):
    "tensor.yield"(%p) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x9x9xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x5x5xf32>) {
  // expected-error @+1 {{'tensor.conv2d_nchw_fchw' op indexing map #0 accesses indices 0 to 10 of dimension 2 of operand #0, which has size 9}}
  %0 = "tensor.conv2d_nchw_fchw"(%x, %w, %o) <{strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x9x9xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x4x4xf32>) {
  // expected-error @+1 {{'tensor.conv2d_nchw_fchw' op 'strides' must be two positive integers}}
  %0 = "tensor.conv2d_nchw_fchw"(%x, %w, %o) <{strides = array<i64: 0, 2>}> : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x9x9x3xf32>, %w: tensor<3x3x4x8xf32>, %o: tensor<1x7x7x8xf32>) {
  // expected-error @+1 {{'tensor.conv2d_nhwc_hwcf' op loop d6 has size 3, but dimension 2 of operand #1 (3x3x4x8) indexed by it has size 4}}
  %0 = "tensor.conv2d_nhwc_hwcf"(%x, %w, %o) : (tensor<1x9x9x3xf32>, tensor<3x3x4x8xf32>, tensor<1x7x7x8xf32>) -> tensor<1x7x7x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x9x9xf32>, %w: tensor<4x3x3xf32>, %o: tensor<1x3x7x7xf32>) {
  // expected-error @+1 {{'tensor.depthwise_conv2d_nchw' op loop d1 has size 3, but dimension 0 of operand #1 (4x3x3) indexed by it has size 4}}
  %0 = "tensor.depthwise_conv2d_nchw"(%x, %w, %o) : (tensor<1x3x9x9xf32>, tensor<4x3x3xf32>, tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %win: tensor<3x3xf32>, %o: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'tensor.pool_nchw_max' op indexing map #0 accesses indices 0 to 8 of dimension 2 of operand #0, which has size 8}}
  %0 = "tensor.pool_nchw_max"(%x, %win, %o) <{strides = array<i64: 2, 2>}> : (tensor<1x3x8x8xf32>, tensor<3x3xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %win: tensor<2x2xf32>, %o: tensor<1x3x4x4xf32>) {
  // expected-error @+1 {{'tensor.pool_nchw_sum' op 'dilations' must be two positive integers}}
  %0 = "tensor.pool_nchw_sum"(%x, %win, %o) <{dilations = array<i64: 1>}> : (tensor<1x3x8x8xf32>, tensor<2x2xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'tensor.empty' op result type has 0 dynamic dimensions, but 1 sizes are given}}
  %0 = "tensor.empty"(%n) : (index) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.extract_slice' op dimension 0: the slice reaches index 4, out of bounds of size 4}}
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 2, 8>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.extract_slice' op result shape 3x2 does not match the slice sizes 2x3 (up to dropped unit dimensions)}}
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.extract_slice' op expects 2 offsets (one per dimension of the sliced tensor), but has 1}}
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.extract_slice' op 'static_offsets' has 1 dynamic entries, but 0 operands are given for them}}
  %0 = "tensor.extract_slice"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>, %i: i32) {
  // expected-error @+1 {{'tensor.extract_slice' op dynamic 'static_offsets' operand must be index, but is i32}}
  %0 = "tensor.extract_slice"(%t, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<4x8xf32>, i32) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>, %s: tensor<2x2xf32>) {
  // expected-error @+1 {{'tensor.insert_slice' op source shape 2x2 does not match the slice sizes 2x3 (up to dropped unit dimensions)}}
  %0 = "tensor.insert_slice"(%s, %t) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 1>}> : (tensor<2x2xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>, %s: tensor<2x2xf32>) {
  // expected-error @+1 {{'tensor.insert_slice' op result type must be the dest type}}
  %0 = "tensor.insert_slice"(%s, %t) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (tensor<2x2xf32>, tensor<4x8xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.pad' op dimension 1: result size 11 must be 0 + 8 + 2}}
  %0 = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 2>, static_low = array<i64: 1, 0>}> ({
  ^bb0(%a: index, %b: index):
    %zero = arith.constant 0.000000e+00 : f32
    "tensor.yield"(%zero) : (f32) -> ()
  }) : (tensor<4x8xf32>) -> tensor<5x11xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>) {
  // expected-error @+1 {{'tensor.pad' op body block must have 2 arguments, but has 1}}
  %0 = "tensor.pad"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0>, static_high = array<i64: 0, 2>, static_low = array<i64: 1, 0>}> ({
  ^bb0(%a: index):
    %zero = arith.constant 0.000000e+00 : f32
    "tensor.yield"(%zero) : (f32) -> ()
  }) : (tensor<4x8xf32>) -> tensor<5x10xf32>
  return
}

// -----

func.func @f(%v: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'tensor.collapse_shape' op reassociation must list dimensions 0..3 in order, in contiguous groups}}
  %0 = "tensor.collapse_shape"(%v) <{reassociation = [[0, 2], [1]]}> : (tensor<2x3x4xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func @f(%v: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'tensor.collapse_shape' op collapsed dimension 0 has size 5, but its group multiplies to 6}}
  %0 = "tensor.collapse_shape"(%v) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%w: tensor<6x4xf32>) {
  // expected-error @+1 {{'tensor.expand_shape' op 'static_output_shape' 2x3x4 must equal the result shape 2x4x4}}
  %0 = "tensor.expand_shape"(%w) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 2, 3, 4>}> : (tensor<6x4xf32>) -> tensor<2x4x4xf32>
  return
}

// -----

func.func @f(%w: tensor<6x4xf32>) {
  // expected-error @+1 {{'tensor.expand_shape' op collapsed dimension 0 has size 6, but its group multiplies to 8}}
  %0 = "tensor.expand_shape"(%w) <{reassociation = [[0, 1], [2]], static_output_shape = array<i64: 4, 2, 4>}> : (tensor<6x4xf32>) -> tensor<4x2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %b: tensor<3x5xf32>) {
  // expected-error @+1 {{'tensor.concat' op operand #1 has size 5 in dimension 1, but the result has 4}}
  %0 = "tensor.concat"(%a, %b) <{dim = 0 : i64}> : (tensor<2x4xf32>, tensor<3x5xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'tensor.concat' op 'dim' 2 is out of range for rank 2}}
  %0 = "tensor.concat"(%a, %b) <{dim = 2 : i64}> : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x4xf32>, %b: tensor<3x4xf32>) {
  // expected-error @+1 {{'tensor.concat' op result dimension 0 has size 6, but the operands sum to 5}}
  %0 = "tensor.concat"(%a, %b) <{dim = 0 : i64}> : (tensor<2x4xf32>, tensor<3x4xf32>) -> tensor<6x4xf32>
  return
}

// -----

func.func @f(%t: tensor<4x8xf32>, %i: index) {
  // expected-error @+1 {{'tensor.extract' op expects 2 indices (the rank of the source), but has 1}}
  %0 = "tensor.extract"(%t, %i) : (tensor<4x8xf32>, index) -> f32
  return
}

// -----

func.func @f(%t: tensor<4xf32>, %i: i64) {
  // expected-error @+1 {{'tensor.extract' op index #0 must be index, but is i64}}
  %0 = "tensor.extract"(%t, %i) : (tensor<4xf32>, i64) -> f32
  return
}

// -----

func.func @f(%t: tensor<i1>) {
  // expected-error @+1 {{'tensor.extract' op result type i32 must be the element type i1 of the source}}
  %0 = "tensor.extract"(%t) : (tensor<i1>) -> i32
  return
}

// -----

func.func @f(%t: memref<4xf32>, %i: index) {
  // expected-error @+1 {{'tensor.extract' op source must be a ranked tensor, but is memref<4xf32>}}
  %0 = "tensor.extract"(%t, %i) : (memref<4xf32>, index) -> f32
  return
}
