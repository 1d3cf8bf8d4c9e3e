// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The tensor dialect's structured ops (linalg-style; upstream MLIR has them in `linalg`, so
// these are not part of the mlir-opt interop check of ops.mlir).

func.func @generic(%a: tensor<4x8xf32>, %b: tensor<8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  %r = "tensor.generic"(%a, %b, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %p = arith.mulf %x, %y : f32
    %s = arith.addf %acc, %p : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}

func.func @generic_scalar_and_dynamic(%v: f32, %a: tensor<?x3xf32>, %init: tensor<?x3xf32>, %i: tensor<3xi32>, %o: tensor<3xi32>) {
  %0 = "tensor.generic"(%v, %a, %init) <{indexing_maps = [affine_map<(d0, d1) -> ()>, affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%s: f32, %x: f32, %out: f32):
    %m = math.exp %x : f32
    %r = arith.mulf %s, %m : f32
    "tensor.yield"(%r) : (f32) -> ()
  }) : (f32, tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  %1:2 = "tensor.generic"(%i, %o, %o) <{indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (2 - d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 2>}> ({
  ^bb0(%x: i32, %a0: i32, %b0: i32):
    %one = arith.constant 1 : i32
    %y = arith.addi %x, %one : i32
    "tensor.yield"(%y, %x) : (i32, i32) -> ()
  }) : (tensor<3xi32>, tensor<3xi32>, tensor<3xi32>) -> (tensor<3xi32>, tensor<3xi32>)
  return
}

func.func @named(%zero: f32, %a: tensor<4x8xf32>, %b: tensor<8x16xf32>, %c: tensor<4x16xf32>, %ba: tensor<2x4x8xf32>, %bb: tensor<2x8x16xf32>, %bc: tensor<2x4x16xf32>) {
  %0 = "tensor.fill"(%zero, %c) : (f32, tensor<4x16xf32>) -> tensor<4x16xf32>
  %1 = "tensor.matmul"(%a, %b, %0) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
  %2 = "tensor.batch_matmul"(%ba, %bb, %bc) : (tensor<2x4x8xf32>, tensor<2x8x16xf32>, tensor<2x4x16xf32>) -> tensor<2x4x16xf32>
  return
}

func.func @elementwise(%x: tensor<2x3xf32>, %y: tensor<2x3xf32>, %t: tensor<3x2xf32>, %v: tensor<2xf32>, %r: tensor<2xf32>, %b: tensor<2x3x4xf32>) {
  %0 = "tensor.map"(%x, %y, %x) ({
  ^bb0(%p: f32, %q: f32):
    %s = arith.addf %p, %q : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "tensor.transpose"(%x, %t) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %2 = "tensor.broadcast"(%v, %x) <{dimensions = array<i64: 1>}> : (tensor<2xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "tensor.broadcast"(%x, %b) <{dimensions = array<i64: 2>}> : (tensor<2x3xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %4 = "tensor.reduce"(%x, %r) <{dimensions = array<i64: 1>}> ({
  ^bb0(%in: f32, %acc: f32):
    %m = arith.maximumf %in, %acc : f32
    "tensor.yield"(%m) : (f32) -> ()
  }) : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

func.func @windows(%x: tensor<1x3x9x9xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x4x4xf32>, %xh: tensor<1x9x9x3xf32>, %wh: tensor<3x3x3x8xf32>, %oh: tensor<1x5x5x8xf32>, %dw: tensor<3x3x3xf32>, %od: tensor<1x3x7x7xf32>, %win: tensor<2x2xf32>, %op: tensor<1x3x4x4xf32>) {
  %0 = "tensor.conv2d_nchw_fchw"(%x, %w, %o) <{dilations = array<i64: 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x4x4xf32>) -> tensor<1x8x4x4xf32>
  %1 = "tensor.conv2d_nhwc_hwcf"(%xh, %wh, %oh) <{dilations = array<i64: 2, 2>}> : (tensor<1x9x9x3xf32>, tensor<3x3x3x8xf32>, tensor<1x5x5x8xf32>) -> tensor<1x5x5x8xf32>
  %2 = "tensor.depthwise_conv2d_nchw"(%x, %dw, %od) : (tensor<1x3x9x9xf32>, tensor<3x3x3xf32>, tensor<1x3x7x7xf32>) -> tensor<1x3x7x7xf32>
  %3 = "tensor.pool_nchw_max"(%x, %win, %op) <{strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<2x2xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  %4 = "tensor.pool_nchw_sum"(%x, %win, %op) <{dilations = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x3x9x9xf32>, tensor<2x2xf32>, tensor<1x3x4x4xf32>) -> tensor<1x3x4x4xf32>
  return
}
