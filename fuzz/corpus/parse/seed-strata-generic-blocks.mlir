// Hand-written generic-form IR: multiple blocks, successors with block
// arguments in generic syntax "op"(...)[^bb1, ^bb2], forward references to
// values/blocks, self loops, and block args with locations.
"builtin.module"() ({
  "func.func"() <{function_type = (i1, i64) -> i64, sym_name = "cfg"}> ({
  ^bb0(%c: i1, %v: i64):
    "ut.cond_br"(%c, %v) [^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (i1, i64) -> ()
  ^bb1(%x: i64):
    "ut.br"(%x, %x) [^bb3] : (i64, i64) -> ()
  ^bb2:
    %k = "ut.constant"() <{value = -1 : i64}> : () -> i64
    "ut.br"(%k, %v) [^bb3] : (i64, i64) -> ()
  ^bb3(%p: i64 loc("blocks.mlir":12:5), %q: i64):
    %s = "ut.add"(%p, %q) : (i64, i64) -> i64
    "ut.switch"(%s) [^bb4, ^bb3, ^bb5] {case_values = dense<[0, 1]> : tensor<2xi64>} : (i64) -> ()
  ^bb4:
    "func.return"(%s) : (i64) -> ()
  ^bb5:
    "ut.br"() [^bb5] : () -> ()
  }) : () -> ()
  "ut.graph_region"() ({
    %a = "ut.use"(%b) : (i32) -> i32
    %b = "ut.use"(%a) : (i32) -> i32
    "ut.terminator"() : () -> ()
  }) : () -> ()
}) : () -> ()
