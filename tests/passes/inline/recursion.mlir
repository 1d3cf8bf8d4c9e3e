// RUN: strata opt %s --pass-pipeline=builtin.module(inline{recursion-limit=2})

// Recursive calls are unrolled at most `recursion-limit` times.
func.func @down(%x: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %0 = arith.subi %x, %c1 : i32
  %1 = call @down(%0) : (i32) -> i32
  return %1 : i32
}
