// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The loop dialect: structured loops and conditionals (scf-style) and buffers
// (memref-style), in generic form. mlir-opt-22 reads the generic output (checked by
// crates/strata/tests/mlir_interop.rs).

func.func @for_sum(%lb: index, %ub: index, %step: index, %init: f32, %m: memref<?xf32>) -> f32 {
  %r = "loop.for"(%lb, %ub, %step, %init) ({
  ^bb0(%i: index, %acc: f32):
    %x = "loop.load"(%m, %i) : (memref<?xf32>, index) -> f32
    %s = arith.addf %acc, %x : f32
    "loop.yield"(%s) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return %r : f32
}

func.func @for_no_results(%n: index, %m: memref<8xi32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %v = arith.constant 7 : i32
  "loop.for"(%c0, %n, %c1) ({
  ^bb0(%i: index):
    "loop.store"(%v, %m, %i) : (i32, memref<8xi32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

func.func @parallel_reduce(%m: memref<4x8xf32>) -> (f32, f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %zero = arith.constant 0.000000e+00 : f32
  %ninf = arith.constant 0xFF800000 : f32
  %sum, %max = "loop.parallel"(%c0, %c0, %c4, %c8, %c1, %c1, %zero, %ninf) <{operandSegmentSizes = array<i32: 2, 2, 2, 2>}> ({
  ^bb0(%i: index, %j: index):
    %x = "loop.load"(%m, %i, %j) : (memref<4x8xf32>, index, index) -> f32
    "loop.yield"(%x, %x) : (f32, f32) -> ()
  }, {
  ^bb0(%a: f32, %b: f32):
    %s = arith.addf %a, %b : f32
    "loop.yield"(%s) : (f32) -> ()
  }, {
  ^bb0(%a: f32, %b: f32):
    %s = arith.maximumf %a, %b : f32
    "loop.yield"(%s) : (f32) -> ()
  }) : (index, index, index, index, index, index, f32, f32) -> (f32, f32)
  return %sum, %max : f32, f32
}

func.func @parallel_no_results(%m: memref<16xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c2 = arith.constant 2 : index
  %one = arith.constant 1.000000e+00 : f32
  "loop.parallel"(%c0, %n, %c2) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "loop.store"(%one, %m, %i) : (f32, memref<16xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

func.func @conditionals(%c: i1, %a: f32, %b: f32, %m: memref<f32>) -> f32 {
  %r = "loop.if"(%c) ({
    "loop.yield"(%a) : (f32) -> ()
  }, {
    %s = arith.addf %a, %b : f32
    "loop.yield"(%s) : (f32) -> ()
  }) : (i1) -> f32
  "loop.if"(%c) ({
    "loop.store"(%r, %m) : (f32, memref<f32>) -> ()
    "loop.yield"() : () -> ()
  }, {
  }) : (i1) -> ()
  return %r : f32
}

func.func @buffers(%n: index, %i: index) -> f32 {
  %a = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<4x8xf32>
  %b = "loop.alloc"(%n) : (index) -> memref<?x8xf32, 1>
  %c = "loop.alloc"(%n, %n) : (index, index) -> memref<?x?xi8, "shared">
  %v = "loop.subview"(%a) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (memref<4x8xf32>) -> memref<2x3xf32, strided<[8, 2], offset: 10>>
  %w = "loop.subview"(%a, %i, %n) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>, index, index) -> memref<1x?xf32, strided<[8, 1], offset: ?>>
  %vv = "loop.subview"(%v) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 0>, static_sizes = array<i64: 1, 2>, static_strides = array<i64: 1, 2>}> : (memref<2x3xf32, strided<[8, 2], offset: 10>>) -> memref<1x2xf32, strided<[8, 4], offset: 18>>
  %d = "loop.subview"(%b, %i) <{operandSegmentSizes = array<i32: 1, 0, 0, 1>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, -9223372036854775808>}> : (memref<?x8xf32, 1>, index) -> memref<2x2xf32, strided<[8, ?]>, 1>
  %c0 = arith.constant 0 : index
  %x = "loop.load"(%v, %c0, %c0) : (memref<2x3xf32, strided<[8, 2], offset: 10>>, index, index) -> f32
  "loop.store"(%x, %w, %c0, %i) : (f32, memref<1x?xf32, strided<[8, 1], offset: ?>>, index, index) -> ()
  %e = "loop.alloc"() : () -> memref<2x3xf32>
  "loop.copy"(%v, %e) : (memref<2x3xf32, strided<[8, 2], offset: 10>>, memref<2x3xf32>) -> ()
  "loop.copy"(%b, %b) : (memref<?x8xf32, 1>, memref<?x8xf32, 1>) -> ()
  "loop.copy"(%a, %a) : (memref<4x8xf32>, memref<4x8xf32>) -> ()
  "loop.dealloc"(%e) : (memref<2x3xf32>) -> ()
  "loop.dealloc"(%c) : (memref<?x?xi8, "shared">) -> ()
  "loop.dealloc"(%b) : (memref<?x8xf32, 1>) -> ()
  "loop.dealloc"(%a) : (memref<4x8xf32>) -> ()
  return %x : f32
}
