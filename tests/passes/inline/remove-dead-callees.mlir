// RUN: strata opt %s --pass-pipeline=builtin.module(inline{remove-dead-callees=false})

// Inlined callees stay when dead-callee removal is off.
func.func private @f(%x: i32) -> i32 {
  %0 = arith.addi %x, %x : i32
  return %0 : i32
}
func.func private @unused(%x: i32) -> i32 {
  return %x : i32
}
func.func @main(%x: i32) -> i32 {
  %0 = call @f(%x) : (i32) -> i32
  return %0 : i32
}
