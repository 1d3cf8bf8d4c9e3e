// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(canonicalize))

// Constant operands fold to constants, materialised by arith and uniqued at the top of the
// entry block; a chain folds completely and dead ops disappear.
func.func @chain() -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.muli %0, %0 : i32
  %2 = arith.subi %1, %c1 : i32
  return %2 : i32
}

// -----

// Folds to an existing value (x + 0, x - x), dead pure ops, and constant operands of
// commutative ops moved to the right.
func.func @identities(%x: i32, %y: i32) -> (i32, i32, i32, i32) {
  %c0 = arith.constant 0 : i32
  %c7 = arith.constant 7 : i32
  %0 = arith.addi %x, %c0 : i32
  %1 = arith.subi %y, %y : i32
  %2 = arith.muli %c7, %x : i32
  %3 = arith.addi %c7, %y : i32
  %dead = arith.addi %x, %y : i32
  return %0, %1, %2, %3 : i32, i32, i32, i32
}

// -----

// Floating point and index constants fold as well.
func.func @kinds() -> (f32, index, i1) {
  %a = arith.constant 1.5 : f32
  %b = arith.constant 2.25 : f32
  %0 = arith.addf %a, %b : f32
  %i = arith.constant 4 : index
  %j = arith.constant 6 : index
  %1 = arith.muli %i, %j : index
  %2 = arith.cmpi slt, %i, %j : index
  return %0, %1, %2 : f32, index, i1
}

// -----

// Nothing to do: already canonical IR is printed unchanged.
func.func @canonical(%x: i32, %y: i32) -> i32 {
  %0 = arith.addi %x, %y : i32
  return %0 : i32
}
