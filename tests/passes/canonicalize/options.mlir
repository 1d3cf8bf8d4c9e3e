// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(canonicalize{max-iterations=1}))
// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(canonicalize{top-down=false}))
// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(canonicalize{test-convergence=true}))
// RUN: strata opt %s --pass-pipeline=builtin.module(canonicalize)

// The same function under the pass options: one iteration folds everything here but cannot
// tell that it converged (canonicalization is best effort: no error); bottom-up order gives
// the same result; the convergence checker is satisfied; run on the module, the pass
// canonicalises every function in it.
func.func @f(%x: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.addi %0, %x : i32
  %2 = arith.muli %1, %c1 : i32
  return %2 : i32
}

func.func @g(%x: i32) -> i32 {
  %c0 = arith.constant 0 : i32
  %0 = arith.ori %x, %c0 : i32
  return %0 : i32
}
