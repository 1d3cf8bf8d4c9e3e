// cf dialect: unconditional and conditional branches with block arguments,
// loops via back-edges, switch with case operands, assert, and
// branch_weights.

func.func @br_chain(%a: i32) -> i32 {
  cf.br ^bb1(%a : i32)
^bb1(%x: i32):
  %c1 = arith.constant 1 : i32
  %y = arith.addi %x, %c1 : i32
  cf.br ^bb2(%y, %x : i32, i32)
^bb2(%p: i32, %q: i32):
  %r = arith.muli %p, %q : i32
  return %r : i32
}

func.func @diamond(%c: i1, %a: f32, %b: f32) -> f32 {
  cf.cond_br %c, ^then, ^else
^then:
  %s = arith.addf %a, %b : f32
  cf.br ^merge(%s : f32)
^else:
  %d = arith.subf %a, %b : f32
  cf.br ^merge(%d : f32)
^merge(%r: f32):
  return %r : f32
}

func.func @cond_br_args(%c: i1, %a: i64, %b: index) -> i64 {
  cf.cond_br %c, ^bb1(%a : i64), ^bb2(%b, %a : index, i64)
^bb1(%x: i64):
  return %x : i64
^bb2(%i: index, %y: i64):
  %z = arith.index_cast %i : index to i64
  %w = arith.addi %y, %z : i64
  return %w : i64
}

func.func @loop(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  cf.br ^header(%c0, %c0 : index, index)
^header(%i: index, %acc: index):
  %cond = arith.cmpi slt, %i, %n : index
  cf.cond_br %cond, ^body, ^exit(%acc : index)
^body:
  %acc2 = arith.addi %acc, %i : index
  %i2 = arith.addi %i, %c1 : index
  cf.br ^header(%i2, %acc2 : index, index)
^exit(%res: index):
  return %res : index
}

func.func @switch(%flag: i32, %a: i8, %b: i8) -> i8 {
  cf.switch %flag : i32, [
    default: ^bb_default(%a : i8),
    42: ^bb42,
    -1: ^bb_neg(%a, %b : i8, i8)
  ]
^bb_default(%d: i8):
  return %d : i8
^bb42:
  return %b : i8
^bb_neg(%x: i8, %y: i8):
  %s = arith.subi %x, %y : i8
  return %s : i8
}

func.func @assert_and_weights(%c: i1, %v: f16) -> f16 {
  cf.assert %c, "condition must hold"
  cf.cond_br %c, ^hot, ^cold {branch_weights = array<i32: 90, 10>}
^hot:
  return %v : f16
^cold:
  %n = arith.negf %v : f16
  return %n : f16
}

func.func @unreachable_block(%x: bf16) -> bf16 {
  return %x : bf16
^dead(%y: bf16):
  cf.br ^dead(%y : bf16)
}
