// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(loop-to-hw{workers=false})

// Element-wise over 10 f32 with 256-bit vectors: one 8-lane vector iteration, then the
// original loop runs the last 2 iterations.
func.func @axpy(%x: memref<10xf32>, %y: memref<10xf32>, %a: f32) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c10 = arith.constant 10 : index
  "loop.for"(%c0, %c10, %c1) ({
  ^bb0(%i: index):
    %xi = "loop.load"(%x, %i) : (memref<10xf32>, index) -> f32
    %yi = "loop.load"(%y, %i) : (memref<10xf32>, index) -> f32
    %m = arith.mulf %a, %xi : f32
    %s = arith.addf %m, %yi : f32
    "loop.store"(%s, %y, %i) : (f32, memref<10xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

// A broadcast load (invariant indices), f64 (4 lanes), the induction variable used as a
// value, and an exact multiple (no remainder loop).
func.func @bias(%m: memref<3x8xf64>, %b: memref<3xf64>, %r: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  "loop.parallel"(%c0, %c8, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%j: index):
    %v = "loop.load"(%m, %r, %j) : (memref<3x8xf64>, index, index) -> f64
    %bias = "loop.load"(%b, %r) : (memref<3xf64>, index) -> f64
    %ji = arith.index_cast %j : index to i64
    %jf = arith.sitofp %ji : i64 to f64
    %s = arith.addf %v, %bias : f64
    %t = arith.addf %s, %jf : f64
    "loop.store"(%t, %m, %r, %j) : (f64, memref<3x8xf64>, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

// An integer sum reduction: per-lane partial sums, combined by hw.reduction with the
// initial value, then the remainder loop continues from it.
func.func @sum(%x: memref<19xi32>, %init: i32) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c19 = arith.constant 19 : index
  %r = "loop.for"(%c0, %c19, %c1, %init) ({
  ^bb0(%i: index, %acc: i32):
    %v = "loop.load"(%x, %i) : (memref<19xi32>, index) -> i32
    %n = arith.addi %acc, %v : i32
    "loop.yield"(%n) : (i32) -> ()
  }) : (index, index, index, i32) -> i32
  return %r : i32
}

// -----

// Left scalar: a float reduction (reassociation would change the numbers), a store whose
// buffer is also read at another index, a non-unit step, too few iterations.
func.func @scalar(%x: memref<16xf32>, %y: memref<17xf32>, %init: f32) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %r = "loop.for"(%c0, %c16, %c1, %init) ({
  ^bb0(%i: index, %acc: f32):
    %v = "loop.load"(%x, %i) : (memref<16xf32>, index) -> f32
    %n = arith.addf %acc, %v : f32
    "loop.yield"(%n) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  "loop.for"(%c0, %c16, %c1) ({
  ^bb0(%i: index):
    %v = "loop.load"(%y, %i) : (memref<17xf32>, index) -> f32
    %i1 = arith.addi %i, %c1 : index
    "loop.store"(%v, %y, %i1) : (f32, memref<17xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "loop.for"(%c0, %c16, %c2) ({
  ^bb0(%i: index):
    %v = "loop.load"(%x, %i) : (memref<16xf32>, index) -> f32
    "loop.store"(%v, %y, %i) : (f32, memref<17xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "loop.for"(%c0, %c4, %c1) ({
  ^bb0(%i: index):
    %v = "loop.load"(%x, %i) : (memref<16xf32>, index) -> f32
    "loop.store"(%v, %y, %i) : (f32, memref<17xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return %r : f32
}
