// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(canonicalize))

// Equal constants are merged; constants are moved to the start of the entry block in the
// order MLIR's OperationFolder gives.
func.func @unique(%x: i32) -> (i32, i32, i32, i32) {
  %0 = arith.addi %x, %x : i32
  %c5 = arith.constant 5 : i32
  %1 = arith.muli %0, %c5 : i32
  %c5_0 = arith.constant 5 : i32
  %c6 = arith.constant 6 : i32
  %2 = arith.andi %1, %c6 : i32
  return %0, %1, %2, %c5_0 : i32, i32, i32, i32
}

// -----

// Constants of different types are distinct.
func.func @types() -> (i32, i64, index) {
  %a = arith.constant 3 : i32
  %b = arith.constant 3 : i64
  %c = arith.constant 3 : index
  return %a, %b, %c : i32, i64, index
}

// -----

// Constants in the region of a non-isolated op are hoisted to the function's entry block
// and merged with equal constants there.
func.func @nested(%x: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %0 = test.region -> i32 {
    %c1_0 = arith.constant 1 : i32
    %c2 = arith.constant 2 : i32
    %1 = arith.addi %c1_0, %c2 : i32
    %2 = arith.addi %x, %1 : i32
    test.yield %2 : i32
  }
  return %0 : i32
}
