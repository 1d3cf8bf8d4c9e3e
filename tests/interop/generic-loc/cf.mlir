#loc2 = loc("tests/interop/src/cf.mlir":5:21)
#loc4 = loc("tests/interop/src/cf.mlir":7:6)
#loc8 = loc("tests/interop/src/cf.mlir":11:6)
#loc9 = loc("tests/interop/src/cf.mlir":11:15)
#loc13 = loc("tests/interop/src/cf.mlir":16:20)
#loc14 = loc("tests/interop/src/cf.mlir":16:28)
#loc15 = loc("tests/interop/src/cf.mlir":16:37)
#loc21 = loc("tests/interop/src/cf.mlir":24:8)
#loc24 = loc("tests/interop/src/cf.mlir":28:25)
#loc25 = loc("tests/interop/src/cf.mlir":28:33)
#loc26 = loc("tests/interop/src/cf.mlir":28:42)
#loc28 = loc("tests/interop/src/cf.mlir":30:6)
#loc30 = loc("tests/interop/src/cf.mlir":32:6)
#loc31 = loc("tests/interop/src/cf.mlir":32:17)
#loc36 = loc("tests/interop/src/cf.mlir":38:17)
#loc40 = loc("tests/interop/src/cf.mlir":42:9)
#loc41 = loc("tests/interop/src/cf.mlir":42:20)
#loc47 = loc("tests/interop/src/cf.mlir":49:7)
#loc50 = loc("tests/interop/src/cf.mlir":53:19)
#loc51 = loc("tests/interop/src/cf.mlir":53:31)
#loc52 = loc("tests/interop/src/cf.mlir":53:39)
#loc54 = loc("tests/interop/src/cf.mlir":59:13)
#loc57 = loc("tests/interop/src/cf.mlir":63:9)
#loc58 = loc("tests/interop/src/cf.mlir":63:17)
#loc62 = loc("tests/interop/src/cf.mlir":68:31)
#loc63 = loc("tests/interop/src/cf.mlir":68:39)
#loc70 = loc("tests/interop/src/cf.mlir":78:30)
#loc72 = loc("tests/interop/src/cf.mlir":80:7)
"builtin.module"() ({
  "func.func"() <{function_type = (i32) -> i32, sym_name = "br_chain"}> ({
  ^bb0(%arg13: i32 loc("tests/interop/src/cf.mlir":5:21)):
    "cf.br"(%arg13)[^bb1] : (i32) -> () loc(#loc3)
  ^bb1(%22: i32 loc("tests/interop/src/cf.mlir":7:6)):  // pred: ^bb0
    %23 = "arith.constant"() <{value = 1 : i32}> : () -> i32 loc(#loc5)
    %24 = "arith.addi"(%22, %23) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32 loc(#loc6)
    "cf.br"(%24, %22)[^bb2] : (i32, i32) -> () loc(#loc7)
  ^bb2(%25: i32 loc("tests/interop/src/cf.mlir":11:6), %26: i32 loc("tests/interop/src/cf.mlir":11:15)):  // pred: ^bb1
    %27 = "arith.muli"(%25, %26) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32 loc(#loc10)
    "func.return"(%27) : (i32) -> () loc(#loc11)
  }) : () -> () loc(#loc1)
  "func.func"() <{function_type = (i1, f32, f32) -> f32, sym_name = "diamond"}> ({
  ^bb0(%arg10: i1 loc("tests/interop/src/cf.mlir":16:20), %arg11: f32 loc("tests/interop/src/cf.mlir":16:28), %arg12: f32 loc("tests/interop/src/cf.mlir":16:37)):
    "cf.cond_br"(%arg10)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> () loc(#loc16)
  ^bb1:  // pred: ^bb0
    %19 = "arith.addf"(%arg11, %arg12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc17)
    "cf.br"(%19)[^bb3] : (f32) -> () loc(#loc18)
  ^bb2:  // pred: ^bb0
    %20 = "arith.subf"(%arg11, %arg12) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc19)
    "cf.br"(%20)[^bb3] : (f32) -> () loc(#loc20)
  ^bb3(%21: f32 loc("tests/interop/src/cf.mlir":24:8)):  // 2 preds: ^bb1, ^bb2
    "func.return"(%21) : (f32) -> () loc(#loc22)
  }) : () -> () loc(#loc12)
  "func.func"() <{function_type = (i1, i64, index) -> i64, sym_name = "cond_br_args"}> ({
  ^bb0(%arg7: i1 loc("tests/interop/src/cf.mlir":28:25), %arg8: i64 loc("tests/interop/src/cf.mlir":28:33), %arg9: index loc("tests/interop/src/cf.mlir":28:42)):
    "cf.cond_br"(%arg7, %arg8, %arg9, %arg8)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 1, 2>}> : (i1, i64, index, i64) -> () loc(#loc27)
  ^bb1(%14: i64 loc("tests/interop/src/cf.mlir":30:6)):  // pred: ^bb0
    "func.return"(%14) : (i64) -> () loc(#loc29)
  ^bb2(%15: index loc("tests/interop/src/cf.mlir":32:6), %16: i64 loc("tests/interop/src/cf.mlir":32:17)):  // pred: ^bb0
    %17 = "arith.index_cast"(%15) : (index) -> i64 loc(#loc32)
    %18 = "arith.addi"(%16, %17) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64 loc(#loc33)
    "func.return"(%18) : (i64) -> () loc(#loc34)
  }) : () -> () loc(#loc23)
  "func.func"() <{function_type = (index) -> index, sym_name = "loop"}> ({
  ^bb0(%arg6: index loc("tests/interop/src/cf.mlir":38:17)):
    %6 = "arith.constant"() <{value = 0 : index}> : () -> index loc(#loc37)
    %7 = "arith.constant"() <{value = 1 : index}> : () -> index loc(#loc38)
    "cf.br"(%6, %6)[^bb1] : (index, index) -> () loc(#loc39)
  ^bb1(%8: index loc("tests/interop/src/cf.mlir":42:9), %9: index loc("tests/interop/src/cf.mlir":42:20)):  // 2 preds: ^bb0, ^bb2
    %10 = "arith.cmpi"(%8, %arg6) <{predicate = 2 : i64}> : (index, index) -> i1 loc(#loc42)
    "cf.cond_br"(%10, %9)[^bb2, ^bb3] <{operandSegmentSizes = array<i32: 1, 0, 1>}> : (i1, index) -> () loc(#loc43)
  ^bb2:  // pred: ^bb1
    %11 = "arith.addi"(%9, %8) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index loc(#loc44)
    %12 = "arith.addi"(%8, %7) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index loc(#loc45)
    "cf.br"(%12, %11)[^bb1] : (index, index) -> () loc(#loc46)
  ^bb3(%13: index loc("tests/interop/src/cf.mlir":49:7)):  // pred: ^bb1
    "func.return"(%13) : (index) -> () loc(#loc48)
  }) : () -> () loc(#loc35)
  "func.func"() <{function_type = (i32, i8, i8) -> i8, sym_name = "switch"}> ({
  ^bb0(%arg3: i32 loc("tests/interop/src/cf.mlir":53:19), %arg4: i8 loc("tests/interop/src/cf.mlir":53:31), %arg5: i8 loc("tests/interop/src/cf.mlir":53:39)):
    "cf.switch"(%arg3, %arg4, %arg4, %arg5)[^bb1, ^bb2, ^bb3] <{case_operand_segments = array<i32: 0, 2>, case_values = dense<[42, -1]> : vector<2xi32>, operandSegmentSizes = array<i32: 1, 1, 2>}> : (i32, i8, i8, i8) -> () loc(#loc53)
  ^bb1(%2: i8 loc("tests/interop/src/cf.mlir":59:13)):  // pred: ^bb0
    "func.return"(%2) : (i8) -> () loc(#loc55)
  ^bb2:  // pred: ^bb0
    "func.return"(%arg5) : (i8) -> () loc(#loc56)
  ^bb3(%3: i8 loc("tests/interop/src/cf.mlir":63:9), %4: i8 loc("tests/interop/src/cf.mlir":63:17)):  // pred: ^bb0
    %5 = "arith.subi"(%3, %4) <{overflowFlags = #arith.overflow<none>}> : (i8, i8) -> i8 loc(#loc59)
    "func.return"(%5) : (i8) -> () loc(#loc60)
  }) : () -> () loc(#loc49)
  "func.func"() <{function_type = (i1, f16) -> f16, sym_name = "assert_and_weights"}> ({
  ^bb0(%arg1: i1 loc("tests/interop/src/cf.mlir":68:31), %arg2: f16 loc("tests/interop/src/cf.mlir":68:39)):
    "cf.assert"(%arg1) <{msg = "condition must hold"}> : (i1) -> () loc(#loc64)
    "cf.cond_br"(%arg1)[^bb1, ^bb2] <{branch_weights = array<i32: 90, 10>, operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> () loc(#loc65)
  ^bb1:  // pred: ^bb0
    "func.return"(%arg2) : (f16) -> () loc(#loc66)
  ^bb2:  // pred: ^bb0
    %1 = "arith.negf"(%arg2) <{fastmath = #arith.fastmath<none>}> : (f16) -> f16 loc(#loc67)
    "func.return"(%1) : (f16) -> () loc(#loc68)
  }) : () -> () loc(#loc61)
  "func.func"() <{function_type = (bf16) -> bf16, sym_name = "unreachable_block"}> ({
  ^bb0(%arg0: bf16 loc("tests/interop/src/cf.mlir":78:30)):
    "func.return"(%arg0) : (bf16) -> () loc(#loc71)
  ^bb1(%0: bf16 loc("tests/interop/src/cf.mlir":80:7)):  // pred: ^bb1
    "cf.br"(%0)[^bb1] : (bf16) -> () loc(#loc73)
  }) : () -> () loc(#loc69)
}) : () -> () loc(#loc)
#loc = loc("tests/interop/src/cf.mlir":0:0)
#loc1 = loc("tests/interop/src/cf.mlir":5:1)
#loc3 = loc("tests/interop/src/cf.mlir":6:3)
#loc5 = loc("tests/interop/src/cf.mlir":8:9)
#loc6 = loc("tests/interop/src/cf.mlir":9:8)
#loc7 = loc("tests/interop/src/cf.mlir":10:3)
#loc10 = loc("tests/interop/src/cf.mlir":12:8)
#loc11 = loc("tests/interop/src/cf.mlir":13:3)
#loc12 = loc("tests/interop/src/cf.mlir":16:1)
#loc16 = loc("tests/interop/src/cf.mlir":17:3)
#loc17 = loc("tests/interop/src/cf.mlir":19:8)
#loc18 = loc("tests/interop/src/cf.mlir":20:3)
#loc19 = loc("tests/interop/src/cf.mlir":22:8)
#loc20 = loc("tests/interop/src/cf.mlir":23:3)
#loc22 = loc("tests/interop/src/cf.mlir":25:3)
#loc23 = loc("tests/interop/src/cf.mlir":28:1)
#loc27 = loc("tests/interop/src/cf.mlir":29:3)
#loc29 = loc("tests/interop/src/cf.mlir":31:3)
#loc32 = loc("tests/interop/src/cf.mlir":33:8)
#loc33 = loc("tests/interop/src/cf.mlir":34:8)
#loc34 = loc("tests/interop/src/cf.mlir":35:3)
#loc35 = loc("tests/interop/src/cf.mlir":38:1)
#loc37 = loc("tests/interop/src/cf.mlir":39:9)
#loc38 = loc("tests/interop/src/cf.mlir":40:9)
#loc39 = loc("tests/interop/src/cf.mlir":41:3)
#loc42 = loc("tests/interop/src/cf.mlir":43:11)
#loc43 = loc("tests/interop/src/cf.mlir":44:3)
#loc44 = loc("tests/interop/src/cf.mlir":46:11)
#loc45 = loc("tests/interop/src/cf.mlir":47:9)
#loc46 = loc("tests/interop/src/cf.mlir":48:3)
#loc48 = loc("tests/interop/src/cf.mlir":50:3)
#loc49 = loc("tests/interop/src/cf.mlir":53:1)
#loc53 = loc("tests/interop/src/cf.mlir":54:3)
#loc55 = loc("tests/interop/src/cf.mlir":60:3)
#loc56 = loc("tests/interop/src/cf.mlir":62:3)
#loc59 = loc("tests/interop/src/cf.mlir":64:8)
#loc60 = loc("tests/interop/src/cf.mlir":65:3)
#loc61 = loc("tests/interop/src/cf.mlir":68:1)
#loc64 = loc("tests/interop/src/cf.mlir":69:3)
#loc65 = loc("tests/interop/src/cf.mlir":70:3)
#loc66 = loc("tests/interop/src/cf.mlir":72:3)
#loc67 = loc("tests/interop/src/cf.mlir":74:8)
#loc68 = loc("tests/interop/src/cf.mlir":75:3)
#loc69 = loc("tests/interop/src/cf.mlir":78:1)
#loc71 = loc("tests/interop/src/cf.mlir":79:3)
#loc73 = loc("tests/interop/src/cf.mlir":81:3)

