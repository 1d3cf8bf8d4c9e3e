// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(inline)

// Calls are inlined callees first; private callees left unused are erased.
func.func private @square(%x: i32) -> i32 {
  %0 = arith.muli %x, %x : i32
  return %0 : i32
}
func.func private @sum_of_squares(%a: i32, %b: i32) -> i32 {
  %0 = call @square(%a) : (i32) -> i32
  %1 = call @square(%b) : (i32) -> i32
  %2 = arith.addi %0, %1 : i32
  return %2 : i32
}
func.func @main(%a: i32, %b: i32) -> i32 {
  %0 = call @sum_of_squares(%a, %b) : (i32, i32) -> i32
  return %0 : i32
}

// -----

// Public callees stay; calls marked `no_inline`, calls to declarations and recursive calls
// are left alone.
func.func @pub(%x: i32) -> i32 {
  %0 = arith.addi %x, %x : i32
  return %0 : i32
}
func.func private @ext(i32) -> i32
func.func @rec(%x: i32) -> i32 {
  %0 = call @rec(%x) : (i32) -> i32
  return %0 : i32
}
func.func @caller(%x: i32) -> (i32, i32, i32, i32) {
  %0 = call @pub(%x) : (i32) -> i32
  %1 = call @pub(%x) {no_inline} : (i32) -> i32
  %2 = call @ext(%x) : (i32) -> i32
  %3 = call @rec(%x) : (i32) -> i32
  return %0, %1, %2, %3 : i32, i32, i32, i32
}

// -----

// Calls in nested regions and isolated ops are inlined too.
func.func private @inc(%x: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %0 = arith.addi %x, %c1 : i32
  return %0 : i32
}
func.func @nested(%x: i32) -> i32 {
  %0 = test.region -> i32 {
    %1 = call @inc(%x) : (i32) -> i32
    test.yield %1 : i32
  }
  test.isolated {
  ^bb0(%y: i32):
    %2 = func.call @inc(%y) : (i32) -> i32
    test.terminator %2 : i32
  }
  return %0 : i32
}

// -----

// Private functions nothing references are erased even when nothing was inlined; with
// `remove-dead-callees=false` (see remove-dead-callees.mlir) they stay.
func.func private @unused(%x: i32) -> i32 {
  return %x : i32
}
func.func @main(%x: i32) -> i32 {
  return %x : i32
}
