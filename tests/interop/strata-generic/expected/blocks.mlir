"builtin.module"() ({
  "func.func"() <{function_type = (i1, i64) -> i64, sym_name = "cfg"}> ({
  ^bb0(%arg0: i1, %arg1: i64):
    "ut.cond_br"(%arg0, %arg1)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 0>}> : (i1, i64) -> ()
  ^bb1(%2: i64):  // pred: ^bb0
    "ut.br"(%2, %2)[^bb3] : (i64, i64) -> ()
  ^bb2:  // pred: ^bb0
    %3 = "ut.constant"() <{value = -1 : i64}> : () -> i64
    "ut.br"(%3, %arg1)[^bb3] : (i64, i64) -> ()
  ^bb3(%4: i64, %5: i64):  // 3 preds: ^bb1, ^bb2, ^bb3
    %6 = "ut.add"(%4, %5) : (i64, i64) -> i64
    "ut.switch"(%6)[^bb4, ^bb3, ^bb5] {case_values = dense<[0, 1]> : tensor<2xi64>} : (i64) -> ()
  ^bb4:  // pred: ^bb3
    "func.return"(%6) : (i64) -> ()
  ^bb5:  // 2 preds: ^bb3, ^bb5
    "ut.br"()[^bb5] : () -> ()
  }) : () -> ()
  "ut.graph_region"() ({
    %0 = "ut.use"(%1) : (i32) -> i32
    %1 = "ut.use"(%0) : (i32) -> i32
    "ut.terminator"() : () -> ()
  }) : () -> ()
}) : () -> ()

