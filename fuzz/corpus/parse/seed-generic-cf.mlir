"builtin.module"() ({
  "func.func"() <{function_type = (i32) -> i32, sym_name = "br_chain"}> ({
  ^bb0(%arg13: i32):
    "cf.br"(%arg13)[^bb1] : (i32) -> ()
  ^bb1(%22: i32):  // pred: ^bb0
    %23 = "arith.constant"() <{value = 1 : i32}> : () -> i32
    %24 = "arith.addi"(%22, %23) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "cf.br"(%24, %22)[^bb2] : (i32, i32) -> ()
  ^bb2(%25: i32, %26: i32):  // pred: ^bb1
    %27 = "arith.muli"(%25, %26) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%27) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, f32, f32) -> f32, sym_name = "diamond"}> ({
  ^bb0(%arg10: i1, %arg11: f32, %arg12: f32):
    "cf.cond_br"(%arg10)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
  ^bb1:  // pred: ^bb0
    %19 = "arith.addf"(%arg11, %arg12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "cf.br"(%19)[^bb3] : (f32) -> ()
  ^bb2:  // pred: ^bb0
    %20 = "arith.subf"(%arg11, %arg12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "cf.br"(%20)[^bb3] : (f32) -> ()
  ^bb3(%21: f32):  // 2 preds: ^bb1, ^bb2
    "func.return"(%21) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, i64, index) -> i64, sym_name = "cond_br_args"}> ({
  ^bb0(%arg7: i1, %arg8: i64, %arg9: index):
    "cf.cond_br"(%arg7, %arg8, %arg9, %arg8)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 2>}> : (i1, i64, index, i64) -> ()
  ^bb1(%14: i64):  // pred: ^bb0
    "func.return"(%14) : (i64) -> ()
  ^bb2(%15: index, %16: i64):  // pred: ^bb0
    %17 = "arith.index_cast"(%15) : (index) -> i64
    %18 = "arith.addi"(%16, %17) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64
    "func.return"(%18) : (i64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (index) -> index, sym_name = "loop"}> ({
  ^bb0(%arg6: index):
    %6 = "arith.constant"() <{value = 0 : index}> : () -> index
    %7 = "arith.constant"() <{value = 1 : index}> : () -> index
    "cf.br"(%6, %6)[^bb1] : (index, index) -> ()
  ^bb1(%8: index, %9: index):  // 2 preds: ^bb0, ^bb2
    %10 = "arith.cmpi"(%8, %arg6) <{predicate = 2 : i64}> : (index, index) -> i1
    "cf.cond_br"(%10, %9)[^bb2, ^bb3] <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (i1, index) -> ()
  ^bb2:  // pred: ^bb1
    %11 = "arith.addi"(%9, %8) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
    %12 = "arith.addi"(%8, %7) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
    "cf.br"(%12, %11)[^bb1] : (index, index) -> ()
  ^bb3(%13: index):  // pred: ^bb1
    "func.return"(%13) : (index) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, i8, i8) -> i8, sym_name = "switch"}> ({
  ^bb0(%arg3: i32, %arg4: i8, %arg5: i8):
    "cf.switch"(%arg3, %arg4, %arg4, %arg5)[^bb1, ^bb2, ^bb3] <{case_operand_segments = array<i32: 0, 2>, case_values = dense<[42, -1]> : vector<2xi32>, operandSegmentSizes = array<i32: 1, 1, 2>}> : (i32, i8, i8, i8) -> ()
  ^bb1(%2: i8):  // pred: ^bb0
    "func.return"(%2) : (i8) -> ()
  ^bb2:  // pred: ^bb0
    "func.return"(%arg5) : (i8) -> ()
  ^bb3(%3: i8, %4: i8):  // pred: ^bb0
    %5 = "arith.subi"(%3, %4) <{overflowFlags = #arith.overflow<none>}> : (i8, i8) -> i8
    "func.return"(%5) : (i8) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, f16) -> f16, sym_name = "assert_and_weights"}> ({
  ^bb0(%arg1: i1, %arg2: f16):
    "cf.assert"(%arg1) <{msg = "condition must hold"}> : (i1) -> ()
    "cf.cond_br"(%arg1)[^bb1, ^bb2] <{branch_weights = array<i32: 90, 10>, operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
  ^bb1:  // pred: ^bb0
    "func.return"(%arg2) : (f16) -> ()
  ^bb2:  // pred: ^bb0
    %1 = "arith.negf"(%arg2) <{fastmath = #arith.fastmath<none>}> : (f16) -> f16
    "func.return"(%1) : (f16) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (bf16) -> bf16, sym_name = "unreachable_block"}> ({
  ^bb0(%arg0: bf16):
    "func.return"(%arg0) : (bf16) -> ()
  ^bb1(%0: bf16):  // pred: ^bb1
    "cf.br"(%0)[^bb1] : (bf16) -> ()
  }) : () -> ()
}) : () -> ()

