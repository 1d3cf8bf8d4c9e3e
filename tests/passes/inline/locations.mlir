// RUN: strata opt %s --pass-pipeline=builtin.module(inline) --mlir-print-debuginfo

// Inlined ops get call-site locations.
func.func private @f(%x: i32) -> i32 {
  %0 = arith.addi %x, %x : i32 loc("callee.mlir":2:8)
  return %0 : i32 loc("callee.mlir":3:3)
}
func.func @g(%x: i32) -> i32 {
  %0 = call @f(%x) : (i32) -> i32 loc("caller.mlir":10:5)
  return %0 : i32
}
