// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the loop dialect, one per chunk.

func.func @f(%lb: i32, %ub: index, %s: index) {
  // expected-error @+1 {{'loop.for' op lower bound must be index, but is i32}}
  "loop.for"(%lb, %ub, %s) ({
  ^bb0(%i: index):
    "loop.yield"() : () -> ()
  }) : (i32, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'loop.for' op constant step must be positive, but is 0}}
  "loop.for"(%lb, %ub, %c0) ({
  ^bb0(%i: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.for' op loop-carried initial values (f32) must have the result types (f64)}}
  %r = "loop.for"(%lb, %ub, %s, %x) ({
  ^bb0(%i: index, %a: f64):
    "loop.yield"(%a) : (f64) -> ()
  }) : (index, index, index, f32) -> f64
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.for' op body block arguments are (f32), expected (index, f32)}}
  %r = "loop.for"(%lb, %ub, %s, %x) ({
  ^bb0(%a: f32):
    "loop.yield"(%a) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.for' op body yields (), expected (f32)}}
  %r = "loop.for"(%lb, %ub, %s, %x) ({
  ^bb0(%i: index, %a: f32):
    "loop.yield"() : () -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index) {
  // expected-error @+1 {{'loop.for' op body must end with 'loop.yield'}}
  "loop.for"(%lb, %ub, %s) ({
  ^bb0(%i: index):
    "test.terminator"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index) {
  // expected-error @+1 {{'loop.parallel' op 'operandSegmentSizes' must be [n, n, n, k] with n >= 1 (bounds and steps) summing to the 3 operands}}
  "loop.parallel"(%lb, %ub, %s) <{operandSegmentSizes = array<i32: 1, 2, 0, 0>}> ({
  ^bb0(%i: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: i64, %s: index) {
  // expected-error @+1 {{'loop.parallel' op upper bound #0 must be index, but is i64}}
  "loop.parallel"(%lb, %ub, %s) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "loop.yield"() : () -> ()
  }) : (index, i64, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index) {
  %c = arith.constant -1 : index
  // expected-error @+1 {{'loop.parallel' op constant step #0 must be positive, but is -1}}
  "loop.parallel"(%lb, %ub, %c) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.parallel' op expects a body region and one reduction region per result (2 regions), but has 1}}
  %r = "loop.parallel"(%lb, %ub, %s, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    "loop.yield"(%x) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.parallel' op reduction initial values (f32) must have the result types (i32)}}
  %r = "loop.parallel"(%lb, %ub, %s, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    %c = arith.constant 0 : i32
    "loop.yield"(%c) : (i32) -> ()
  }, {
  ^bb0(%a: i32, %b: i32):
    "loop.yield"(%a) : (i32) -> ()
  }) : (index, index, index, f32) -> i32
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index) {
  // expected-error @+1 {{'loop.parallel' op body block arguments are (index, index), expected (index)}}
  "loop.parallel"(%lb, %ub, %s) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index, %j: index):
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.parallel' op reduction region #0 block arguments are (f32), expected (f32, f32)}}
  %r = "loop.parallel"(%lb, %ub, %s, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    "loop.yield"(%x) : (f32) -> ()
  }, {
  ^bb0(%a: f32):
    "loop.yield"(%a) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @f(%lb: index, %ub: index, %s: index, %x: f32) {
  // expected-error @+1 {{'loop.parallel' op reduction region #0 yields (f32, f32), expected (f32)}}
  %r = "loop.parallel"(%lb, %ub, %s, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    "loop.yield"(%x) : (f32) -> ()
  }, {
  ^bb0(%a: f32, %b: f32):
    "loop.yield"(%a, %b) : (f32, f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}

// -----

func.func @f(%c: i32) {
  // expected-error @+1 {{'loop.if' op condition must be i1, but is i32}}
  "loop.if"(%c) ({
    "loop.yield"() : () -> ()
  }, {
  }) : (i32) -> ()
  return
}

// -----

func.func @f(%c: i1, %x: f32) {
  // expected-error @+1 {{'loop.if' op must have an else region when it has results (1)}}
  %r = "loop.if"(%c) ({
    "loop.yield"(%x) : (f32) -> ()
  }, {
  }) : (i1) -> f32
  return
}

// -----

func.func @f(%c: i1, %x: f32) {
  // expected-error @+1 {{'loop.if' op else region yields (), expected (f32)}}
  %r = "loop.if"(%c) ({
    "loop.yield"(%x) : (f32) -> ()
  }, {
    "loop.yield"() : () -> ()
  }) : (i1) -> f32
  return
}

// -----

func.func @f(%c: i1) {
  // expected-error @+1 {{'loop.if' op then region block arguments are (i1), expected ()}}
  "loop.if"(%c) ({
  ^bb0(%a: i1):
    "loop.yield"() : () -> ()
  }, {
  }) : (i1) -> ()
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'loop.yield' op expects its parent op to be one of 'loop.for', 'loop.parallel', 'loop.if'}}
  "loop.yield"() : () -> ()
}

// -----

func.func @f() {
  // expected-error @+1 {{'loop.alloc' op result must be a ranked memref, but is tensor<4xf32>}}
  %m = "loop.alloc"() : () -> tensor<4xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'loop.alloc' op result must have the identity layout (allocations are contiguous), but is memref<4xf32, strided<[2]>>}}
  %m = "loop.alloc"() : () -> memref<4xf32, strided<[2]>>
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'loop.alloc' op result type has 1 dynamic dimensions, but 2 sizes are given}}
  %m = "loop.alloc"(%n, %n) : (index, index) -> memref<?x4xf32>
  return
}

// -----

func.func @f(%n: i64) {
  // expected-error @+1 {{'loop.alloc' op size #0 must be index, but is i64}}
  %m = "loop.alloc"(%n) : (i64) -> memref<?xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'loop.alloc' op 'alignment' must be a positive power of two (bytes)}}
  %m = "loop.alloc"() <{alignment = 48 : i64}> : () -> memref<4xf32>
  return
}

// -----

func.func @f(%t: tensor<4xf32>) {
  // expected-error @+1 {{'loop.dealloc' op operand must be a ranked memref, but is tensor<4xf32>}}
  "loop.dealloc"(%t) : (tensor<4xf32>) -> ()
  return
}

// -----

func.func @f(%m: memref<4x8xf32>, %i: index) {
  // expected-error @+1 {{'loop.load' op expects 2 indices (the memref rank), but has 1}}
  %v = "loop.load"(%m, %i) : (memref<4x8xf32>, index) -> f32
  return
}

// -----

func.func @f(%m: memref<4xf32>, %i: i32) {
  // expected-error @+1 {{'loop.load' op index #0 must be index, but is i32}}
  %v = "loop.load"(%m, %i) : (memref<4xf32>, i32) -> f32
  return
}

// -----

func.func @f(%m: memref<4xf32>, %i: index) {
  // expected-error @+1 {{'loop.load' op result type f64 differs from the element type f32}}
  %v = "loop.load"(%m, %i) : (memref<4xf32>, index) -> f64
  return
}

// -----

func.func @f(%m: memref<4xf32>, %i: index, %v: i32) {
  // expected-error @+1 {{'loop.store' op value type i32 differs from the element type f32}}
  "loop.store"(%v, %m, %i) : (i32, memref<4xf32>, index) -> ()
  return
}

// -----

func.func @f(%m: memref<4xf32>, %v: f32) {
  // expected-error @+1 {{'loop.store' op expects 1 indices (the memref rank), but has 0}}
  "loop.store"(%v, %m) : (f32, memref<4xf32>) -> ()
  return
}

// -----

func.func @f(%a: memref<4xf32>, %b: memref<4xi32>) {
  // expected-error @+1 {{'loop.copy' op source element type f32 differs from the target element type i32}}
  "loop.copy"(%a, %b) : (memref<4xf32>, memref<4xi32>) -> ()
  return
}

// -----

func.func @f(%a: memref<4xf32>, %b: memref<5xf32>) {
  // expected-error @+1 {{'loop.copy' op source shape 4 differs from the target shape 5}}
  "loop.copy"(%a, %b) : (memref<4xf32>, memref<5xf32>) -> ()
  return
}

// -----

func.func @f(%t: tensor<4xf32>) {
  // expected-error @+1 {{'loop.subview' op source must be a ranked memref, but is tensor<4xf32>}}
  %v = "loop.subview"(%t) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: 2>, static_strides = array<i64: 1>}> : (tensor<4xf32>) -> memref<2xf32>
  return
}

// -----

func.func @f(%m: memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>>) {
  // expected-error @+1 {{'loop.subview' op source memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>>: the layout is not strided}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<4x4xf32, affine_map<(d0, d1) -> (d1, d0)>>) -> memref<2x2xf32, strided<[4, 1]>>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op expects 2 sizes (one per dimension of the source), but has 1}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>) -> memref<2xf32>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op dimension 1: offsets and sizes must be non-negative and strides positive}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 0>}> : (memref<4x8xf32>) -> memref<2x2xf32, strided<[8, 0]>>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op dimension 1: the window (offset 2, size 4, stride 2) does not fit in the source size 8}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 2>, static_sizes = array<i64: 2, 4>, static_strides = array<i64: 1, 2>}> : (memref<4x8xf32>) -> memref<2x4xf32, strided<[8, 2], offset: 2>>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op result shape 2x3 differs from the sizes 2x2}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>) -> memref<2x3xf32, strided<[8, 1]>>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op result layout must be strided<[8, 2], offset: 9> (the view's strides and offset), but the result type is memref<2x2xf32, strided<[8, 2]>>}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 1>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 2>}> : (memref<4x8xf32>) -> memref<2x2xf32, strided<[8, 2]>>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>) {
  // expected-error @+1 {{'loop.subview' op result memref<2x2xf32, strided<[8, 1]>, 1> must have the element type and memory space of the source memref<4x8xf32>}}
  %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>) -> memref<2x2xf32, strided<[8, 1]>, 1>
  return
}

// -----

func.func @f(%m: memref<4x8xf32>, %i: index) {
  // expected-error @+1 {{'loop.subview' op 'static_offsets' has 0 dynamic entries, but 1 operands are given for them}}
  %v = "loop.subview"(%m, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 2, 2>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>, index) -> memref<2x2xf32, strided<[8, 1]>>
  return
}
