// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(loop-invariant-code-motion))

// No in-tree dialect has a loop-like op yet (`Traits::LOOP_LIKE`): code in ordinary regions
// is not moved. The hoisting itself is covered by the pass's unit tests.
func.func @not_a_loop(%a: i32) -> i32 {
  %0 = test.region -> i32 {
    %1 = arith.addi %a, %a : i32
    test.yield %1 : i32
  }
  return %0 : i32
}
