// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(cse))

// Identical pure ops merge; ops differing in attributes, operand order or result type do
// not (CSE does not canonicalise commutative operands).
func.func @simple(%a: i32, %b: i32) -> (i32, i32, i32, i32, i64) {
  %0 = arith.addi %a, %b : i32
  %1 = arith.addi %a, %b : i32
  %2 = arith.addi %b, %a : i32
  %3 = arith.addi %a, %b overflow<nsw> : i32
  %4 = arith.muli %0, %1 : i32
  %5 = arith.muli %0, %0 : i32
  %6 = arith.extsi %0 : i32 to i64
  return %4, %5, %2, %3, %6 : i32, i32, i32, i32, i64
}

// -----

// Constants merge too; ops with side effects never do.
func.func @effects() -> (i32, i32, i32, i32) {
  %c1 = arith.constant 1 : i32
  %c1_0 = arith.constant 1 : i32
  %0 = "test.op"() : () -> i32
  %1 = "test.op"() : () -> i32
  return %c1, %c1_0, %0, %1 : i32, i32, i32, i32
}

// -----

// Values computed outside a region are reused inside it; sibling regions do not share.
func.func @regions(%a: i32) -> (i32, i32, i32) {
  %0 = test.pure %a {tag = 0 : i32} : (i32) -> i32
  %1 = test.region -> i32 {
    %2 = test.pure %a {tag = 0 : i32} : (i32) -> i32
    %3 = test.pure %a {tag = 1 : i32} : (i32) -> i32
    %4 = test.pure %2, %3 : (i32, i32) -> i32
    test.yield %4 : i32
  }
  %5 = test.region -> i32 {
    %6 = test.pure %a {tag = 1 : i32} : (i32) -> i32
    test.yield %6 : i32
  }
  return %0, %1, %5 : i32, i32, i32
}

// -----

// An isolated-from-above op starts from an empty scope: the inner constant stays.
func.func @isolated() -> i32 {
  %0 = test.pure {tag = 0 : i32} : () -> i32
  test.isolated {
    %1 = test.pure {tag = 0 : i32} : () -> i32
    %2 = test.pure {tag = 0 : i32} : () -> i32
    test.terminator %1, %2 : i32, i32
  }
  return %0 : i32
}

// -----

// In a CFG region an op is replaced by one in a dominating block, never by one in a
// sibling block.
func.func @cfg(%a: i32) -> i32 {
  %0 = test.pure %a {tag = 0 : i32} : (i32) -> i32
  test.br ^bb1
^bb1:
  %1 = test.pure %a {tag = 0 : i32} : (i32) -> i32
  %2 = test.pure %a {tag = 1 : i32} : (i32) -> i32
  test.br ^bb2(%2 : i32)
^bb2(%x: i32):
  %3 = test.pure %a {tag = 1 : i32} : (i32) -> i32
  %4 = test.pure %1, %3, %x : (i32, i32, i32) -> i32
  return %4 : i32
}

// -----

// Unused pure ops are erased on the way.
func.func @dead(%a: i32) -> i32 {
  %0 = arith.addi %a, %a : i32
  %1 = arith.muli %0, %0 : i32
  return %a : i32
}
