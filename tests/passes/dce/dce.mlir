// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(dce))

// Chains of unused pure ops disappear; ops with side effects and what they use stay.
func.func @chain(%a: i32) -> i32 {
  %0 = arith.addi %a, %a : i32
  %1 = arith.muli %0, %0 : i32
  %2 = arith.subi %1, %a : i32
  %3 = arith.constant 7 : i32
  %4 = "test.op"(%3) : (i32) -> i32
  return %a : i32
}

// -----

// Inside regions too, including isolated ones; the region ops themselves are not pure.
func.func @nested(%a: i32) {
  test.region %a : i32 {
    %0 = test.pure %a : (i32) -> i32
    %1 = test.pure %0 : (i32) -> i32
    test.yield
  }
  test.isolated {
    %2 = test.pure : () -> i32
    test.terminator
  }
  return
}
