// RUN: strata opt %s --pass-pipeline=builtin.module(inline{default-pipeline=sccp,cse})

// The default pipeline runs on each function once its calls were inlined, so callers inline
// simplified callees and are simplified themselves (mlir-opt's default is `canonicalize`).
func.func private @scale(%x: i32) -> i32 {
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %k = arith.muli %c2, %c3 : i32
  %0 = arith.muli %x, %k : i32
  return %0 : i32
}
func.func @main(%x: i32) -> (i32, i32) {
  %0 = call @scale(%x) : (i32) -> i32
  %1 = call @scale(%x) : (i32) -> i32
  return %0, %1 : i32, i32
}
