// RUN: strata opt %s --mlir-print-debuginfo --pass-pipeline=builtin.module(strip-debuginfo)

// Every location of ops and block arguments below the module becomes unknown (the module's
// own location belongs to the top level and stays).
module {
  func.func @f(%a: i32 loc("a.mlir":1:10)) -> i32 {
    %0 = arith.addi %a, %a : i32 loc("a.mlir":2:5)
    %1 = test.region -> i32 {
    ^bb0(%b: i32 loc("a.mlir":3:7)):
      test.yield %0 : i32 loc(fused["a.mlir":4:1, "b.mlir":1:1])
    } loc("named"("a.mlir":3:1))
    return %1 : i32 loc(callsite("x.mlir":1:1 at "a.mlir":5:3))
  } loc("a.mlir":1:1)
} loc("module.mlir":1:1)
