// RUN: strata opt %s --split-input-file --loop-to-hw
// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(loop-to-hw{vector-bits=128})

// A 2-D element-wise loop: the last dimension is split off and vectorised (with a
// remainder of 12 mod W), the outer dimension becomes a hw.parallel over workers.
func.func @relu(%x: memref<5x12xf32>, %y: memref<5x12xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c5 = arith.constant 5 : index
  %c12 = arith.constant 12 : index
  %zero = arith.constant 0.000000e+00 : f32
  "loop.parallel"(%c0, %c0, %c5, %c12, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %v = "loop.load"(%x, %i, %j) : (memref<5x12xf32>, index, index) -> f32
    %r = arith.maximumf %v, %zero : f32
    "loop.store"(%r, %y, %i, %j) : (f32, memref<5x12xf32>, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return
}

// -----

// A 3-D parallel loop whose body is not vectorisable (the store index is the first
// dimension's): the last dimension is split off and stays scalar; the outer two become a
// hw.parallel over the first with a loop.parallel over the second inside. A parallel loop
// with a reduction is left alone.
func.func @nest(%x: memref<4x4x4xi64>, %n: index) -> i64 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %zero = arith.constant 0 : i64
  "loop.parallel"(%c0, %c0, %c0, %c4, %c4, %n, %c1, %c1, %c1) <{operandSegmentSizes = array<i32: 3, 3, 3, 0>}> ({
  ^bb0(%i: index, %j: index, %k: index):
    %v = arith.index_cast %k : index to i64
    "loop.store"(%v, %x, %k, %j, %i) : (i64, memref<4x4x4xi64>, index, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index, index, index, index) -> ()
  %s = "loop.parallel"(%c0, %c4, %c1, %zero) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%i: index):
    %v = "loop.load"(%x, %i, %i, %i) : (memref<4x4x4xi64>, index, index, index) -> i64
    "loop.yield"(%v) : (i64) -> ()
  }, {
  ^bb0(%a: i64, %b: i64):
    %t = arith.addi %a, %b : i64
    "loop.yield"(%t) : (i64) -> ()
  }) : (index, index, index, i64) -> i64
  return %s : i64
}
