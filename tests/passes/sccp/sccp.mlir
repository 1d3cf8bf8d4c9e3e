// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(sccp))

// Constants fold through chains of ops; the folded ops go and constants are materialised at
// the start of the entry block.
func.func @fold(%a: i32) -> (i32, i32) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.muli %0, %0 : i32
  %2 = arith.addi %1, %a : i32
  return %1, %2 : i32, i32
}

// -----

// Constants flow through block arguments when every executable predecessor forwards the
// same one.
func.func @args(%a: i32) -> (i32, i32) {
  %c4 = arith.constant 4 : i32
  test.br ^bb1(%c4, %a : i32, i32)
^bb1(%x: i32, %y: i32):
  %0 = arith.addi %x, %x : i32
  return %0, %y : i32, i32
}

// -----

// Values used inside regions are folded there too; region ops' results are not analysed.
func.func @region() -> i32 {
  %c3 = arith.constant 3 : i32
  %0 = test.region -> i32 {
    %1 = arith.muli %c3, %c3 : i32
    test.yield %1 : i32
  }
  return %0 : i32
}
