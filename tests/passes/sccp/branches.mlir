// RUN: strata opt %s --allow-unregistered-dialect --split-input-file --pass-pipeline=builtin.module(func.func(sccp))

// A conditional branch on a constant (MLIR's cf.cond_br in generic form) becomes an
// unconditional branch and the block it can no longer reach is erased.
func.func @constant_condition(%a: i32) -> i32 {
  %true = arith.constant true
  %c1 = arith.constant 1 : i32
  "cf.cond_br"(%true, %c1, %a)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 1>}> : (i1, i32, i32) -> ()
^bb1(%x: i32):
  return %x : i32
^bb2(%y: i32):
  %0 = arith.addi %y, %y : i32
  return %0 : i32
}

// -----

// With an unknown condition both successors are executable; an argument receiving
// different constants is not constant.
func.func @join(%c: i1) -> (i32, i32) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  "cf.cond_br"(%c)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
^bb1:
  test.br ^bb3(%c1, %c1 : i32, i32)
^bb2:
  test.br ^bb3(%c1, %c2 : i32, i32)
^bb3(%same: i32, %diff: i32):
  return %same, %diff : i32, i32
}
