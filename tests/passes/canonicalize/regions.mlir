// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(canonicalize))
// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(canonicalize{region-simplify=disabled}))

// Blocks unreachable from the entry block are erased (with region-simplify=normal, the
// default); reachable ones stay.
func.func @unreachable(%x: i32) -> i32 {
  test.br ^bb2(%x : i32)
^bb1:
  %c = arith.constant 1 : i32
  %0 = arith.addi %x, %c : i32
  test.br ^bb2(%0 : i32)
^bb2(%a: i32):
  return %a : i32
}

// -----

// Unreachable blocks may form a cycle.
func.func @cycle() {
  test.br ^bb3
^bb1:
  test.br ^bb2
^bb2:
  test.br ^bb1
^bb3:
  return
}
