#loc2 = loc("tests/interop/src/scf.mlir":4:20)
#loc3 = loc("tests/interop/src/scf.mlir":4:32)
#loc4 = loc("tests/interop/src/scf.mlir":4:44)
#loc5 = loc("tests/interop/src/scf.mlir":4:58)
#loc7 = loc("tests/interop/src/scf.mlir":5:16)
#loc8 = loc("tests/interop/src/scf.mlir":5:53)
#loc15 = loc("tests/interop/src/scf.mlir":14:25)
#loc20 = loc("tests/interop/src/scf.mlir":18:11)
#loc26 = loc("tests/interop/src/scf.mlir":26:20)
#loc27 = loc("tests/interop/src/scf.mlir":26:30)
#loc28 = loc("tests/interop/src/scf.mlir":26:40)
#loc31 = loc("tests/interop/src/scf.mlir":28:18)
#loc32 = loc("tests/interop/src/scf.mlir":28:52)
#loc33 = loc("tests/interop/src/scf.mlir":28:62)
#loc40 = loc("tests/interop/src/scf.mlir":37:23)
#loc44 = loc("tests/interop/src/scf.mlir":40:16)
#loc45 = loc("tests/interop/src/scf.mlir":40:50)
#loc47 = loc("tests/interop/src/scf.mlir":41:18)
#loc48 = loc("tests/interop/src/scf.mlir":41:52)
#loc54 = loc("tests/interop/src/scf.mlir":50:20)
#loc55 = loc("tests/interop/src/scf.mlir":50:28)
#loc56 = loc("tests/interop/src/scf.mlir":50:37)
#loc64 = loc("tests/interop/src/scf.mlir":61:22)
#loc65 = loc("tests/interop/src/scf.mlir":61:30)
#loc66 = loc("tests/interop/src/scf.mlir":61:46)
#loc71 = loc("tests/interop/src/scf.mlir":68:23)
#loc72 = loc("tests/interop/src/scf.mlir":68:35)
#loc74 = loc("tests/interop/src/scf.mlir":69:19)
#loc77 = loc("tests/interop/src/scf.mlir":73:8)
#loc83 = loc("tests/interop/src/scf.mlir":81:28)
#loc84 = loc("tests/interop/src/scf.mlir":81:49)
#loc85 = loc("tests/interop/src/scf.mlir":81:61)
#loc90 = loc("tests/interop/src/scf.mlir":85:22)
#loc91 = loc("tests/interop/src/scf.mlir":85:26)
#loc94 = loc("tests/interop/src/scf.mlir":88:10)
#loc95 = loc("tests/interop/src/scf.mlir":88:21)
#loc100 = loc("tests/interop/src/scf.mlir":96:25)
#loc101 = loc("tests/interop/src/scf.mlir":96:36)
#loc110 = loc("tests/interop/src/scf.mlir":112:27)
#loc119 = loc("tests/interop/src/scf.mlir":125:19)
#loc120 = loc("tests/interop/src/scf.mlir":125:40)
#loc122 = loc("tests/interop/src/scf.mlir":126:20)
#loc123 = loc("tests/interop/src/scf.mlir":126:24)
#loc124 = loc("tests/interop/src/scf.mlir":126:51)
"builtin.module"() ({
  "func.func"() <{function_type = (index, index, index, f32) -> f32, sym_name = "for_sum"}> ({
  ^bb0(%arg38: index loc("tests/interop/src/scf.mlir":4:20), %arg39: index loc("tests/interop/src/scf.mlir":4:32), %arg40: index loc("tests/interop/src/scf.mlir":4:44), %arg41: f32 loc("tests/interop/src/scf.mlir":4:58)):
    %37 = "scf.for"(%arg38, %arg39, %arg40, %arg41) ({
    ^bb0(%arg42: index loc("tests/interop/src/scf.mlir":5:16), %arg43: f32 loc("tests/interop/src/scf.mlir":5:53)):
      %38 = "arith.index_cast"(%arg42) : (index) -> i64 loc(#loc9)
      %39 = "arith.sitofp"(%38) : (i64) -> f32 loc(#loc10)
      %40 = "arith.addf"(%arg43, %39) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc11)
      "scf.yield"(%40) : (f32) -> () loc(#loc12)
    }) : (index, index, index, f32) -> f32 loc(#loc6)
    "func.return"(%37) : (f32) -> () loc(#loc13)
  }) : () -> () loc(#loc1)
  "func.func"() <{function_type = (memref<16xi32>) -> (), sym_name = "for_noresult"}> ({
  ^bb0(%arg36: memref<16xi32> loc("tests/interop/src/scf.mlir":14:25)):
    %32 = "arith.constant"() <{value = 0 : index}> : () -> index loc(#loc16)
    %33 = "arith.constant"() <{value = 16 : index}> : () -> index loc(#loc17)
    %34 = "arith.constant"() <{value = 1 : index}> : () -> index loc(#loc18)
    "scf.for"(%32, %33, %34) ({
    ^bb0(%arg37: index loc("tests/interop/src/scf.mlir":18:11)):
      %35 = "memref.load"(%arg36, %arg37) : (memref<16xi32>, index) -> i32 loc(#loc21)
      %36 = "arith.addi"(%35, %35) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32 loc(#loc22)
      "memref.store"(%36, %arg36, %arg37) : (i32, memref<16xi32>, index) -> () loc(#loc23)
      "scf.yield"() : () -> () loc(#loc19)
    }) : (index, index, index) -> () loc(#loc19)
    "func.return"() : () -> () loc(#loc24)
  }) : () -> () loc(#loc14)
  "func.func"() <{function_type = (i32, i32, i32) -> (i32, i64), sym_name = "for_i32"}> ({
  ^bb0(%arg30: i32 loc("tests/interop/src/scf.mlir":26:20), %arg31: i32 loc("tests/interop/src/scf.mlir":26:30), %arg32: i32 loc("tests/interop/src/scf.mlir":26:40)):
    %27 = "arith.constant"() <{value = 0 : i64}> : () -> i64 loc(#loc29)
    %28:2 = "scf.for"(%arg30, %arg31, %arg32, %arg30, %27) ({
    ^bb0(%arg33: i32 loc("tests/interop/src/scf.mlir":28:18), %arg34: i32 loc("tests/interop/src/scf.mlir":28:52), %arg35: i64 loc("tests/interop/src/scf.mlir":28:62)):
      %29 = "arith.addi"(%arg34, %arg33) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32 loc(#loc34)
      %30 = "arith.extsi"(%arg33) : (i32) -> i64 loc(#loc35)
      %31 = "arith.addi"(%arg35, %30) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64 loc(#loc36)
      "scf.yield"(%29, %31) : (i32, i64) -> () loc(#loc37)
    }) : (i32, i32, i32, i32, i64) -> (i32, i64) loc(#loc30)
    "func.return"(%28#0, %28#1) : (i32, i64) -> () loc(#loc38)
  }) : () -> () loc(#loc25)
  "func.func"() <{function_type = (index) -> index, sym_name = "nested_for"}> ({
  ^bb0(%arg25: index loc("tests/interop/src/scf.mlir":37:23)):
    %22 = "arith.constant"() <{value = 0 : index}> : () -> index loc(#loc41)
    %23 = "arith.constant"() <{value = 1 : index}> : () -> index loc(#loc42)
    %24 = "scf.for"(%22, %arg25, %23, %22) ({
    ^bb0(%arg26: index loc("tests/interop/src/scf.mlir":40:16), %arg27: index loc("tests/interop/src/scf.mlir":40:50)):
      %25 = "scf.for"(%22, %arg26, %23, %arg27) ({
      ^bb0(%arg28: index loc("tests/interop/src/scf.mlir":41:18), %arg29: index loc("tests/interop/src/scf.mlir":41:52)):
        %26 = "arith.addi"(%arg29, %arg28) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index loc(#loc49)
        "scf.yield"(%26) : (index) -> () loc(#loc50)
      }) : (index, index, index, index) -> index loc(#loc46)
      "scf.yield"(%25) : (index) -> () loc(#loc51)
    }) : (index, index, index, index) -> index loc(#loc43)
    "func.return"(%24) : (index) -> () loc(#loc52)
  }) : () -> () loc(#loc39)
  "func.func"() <{function_type = (i1, f64, f64) -> f64, sym_name = "if_else"}> ({
  ^bb0(%arg22: i1 loc("tests/interop/src/scf.mlir":50:20), %arg23: f64 loc("tests/interop/src/scf.mlir":50:28), %arg24: f64 loc("tests/interop/src/scf.mlir":50:37)):
    %19 = "scf.if"(%arg22) ({
      %21 = "arith.addf"(%arg23, %arg24) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64 loc(#loc58)
      "scf.yield"(%21) : (f64) -> () loc(#loc59)
    }, {
      %20 = "arith.subf"(%arg23, %arg24) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64 loc(#loc60)
      "scf.yield"(%20) : (f64) -> () loc(#loc61)
    }) : (i1) -> f64 loc(#loc57)
    "func.return"(%19) : (f64) -> () loc(#loc62)
  }) : () -> () loc(#loc53)
  "func.func"() <{function_type = (i1, memref<i8>, i8) -> (), sym_name = "if_noelse"}> ({
  ^bb0(%arg19: i1 loc("tests/interop/src/scf.mlir":61:22), %arg20: memref<i8> loc("tests/interop/src/scf.mlir":61:30), %arg21: i8 loc("tests/interop/src/scf.mlir":61:46)):
    "scf.if"(%arg19) ({
      "memref.store"(%arg21, %arg20) : (i8, memref<i8>) -> () loc(#loc68)
      "scf.yield"() : () -> () loc(#loc67)
    }, {
    }) : (i1) -> () loc(#loc67)
    "func.return"() : () -> () loc(#loc69)
  }) : () -> () loc(#loc63)
  "func.func"() <{function_type = (i32, i32) -> i32, sym_name = "while_loop"}> ({
  ^bb0(%arg15: i32 loc("tests/interop/src/scf.mlir":68:23), %arg16: i32 loc("tests/interop/src/scf.mlir":68:35)):
    %15 = "scf.while"(%arg15) ({
    ^bb0(%arg18: i32 loc("tests/interop/src/scf.mlir":69:19)):
      %18 = "arith.cmpi"(%arg18, %arg16) <{predicate = 2 : i64}> : (i32, i32) -> i1 loc(#loc75)
      "scf.condition"(%18, %arg18) : (i1, i32) -> () loc(#loc76)
    }, {
    ^bb0(%arg17: i32 loc("tests/interop/src/scf.mlir":73:8)):
      %16 = "arith.constant"() <{value = 1 : i32}> : () -> i32 loc(#loc78)
      %17 = "arith.addi"(%arg17, %16) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32 loc(#loc79)
      "scf.yield"(%17) : (i32) -> () loc(#loc80)
    }) : (i32) -> i32 loc(#loc73)
    "func.return"(%15) : (i32) -> () loc(#loc81)
  }) : () -> () loc(#loc70)
  "func.func"() <{function_type = (memref<?x?xf32>, index, index) -> f32, sym_name = "parallel_reduce"}> ({
  ^bb0(%arg8: memref<?x?xf32> loc("tests/interop/src/scf.mlir":81:28), %arg9: index loc("tests/interop/src/scf.mlir":81:49), %arg10: index loc("tests/interop/src/scf.mlir":81:61)):
    %9 = "arith.constant"() <{value = 0 : index}> : () -> index loc(#loc86)
    %10 = "arith.constant"() <{value = 1 : index}> : () -> index loc(#loc87)
    %11 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32 loc(#loc88)
    %12 = "scf.parallel"(%9, %9, %arg9, %arg10, %10, %10, %11) <{operandSegmentSizes = array<i32: 2, 2, 2, 1>}> ({
    ^bb0(%arg11: index loc("tests/interop/src/scf.mlir":85:22), %arg12: index loc("tests/interop/src/scf.mlir":85:26)):
      %13 = "memref.load"(%arg8, %arg11, %arg12) : (memref<?x?xf32>, index, index) -> f32 loc(#loc92)
      "scf.reduce"(%13) ({
      ^bb0(%arg13: f32 loc("tests/interop/src/scf.mlir":88:10), %arg14: f32 loc("tests/interop/src/scf.mlir":88:21)):
        %14 = "arith.addf"(%arg13, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32 loc(#loc96)
        "scf.reduce.return"(%14) : (f32) -> () loc(#loc97)
      }) : (f32) -> () loc(#loc93)
    }) : (index, index, index, index, index, index, f32) -> f32 loc(#loc89)
    "func.return"(%12) : (f32) -> () loc(#loc98)
  }) : () -> () loc(#loc82)
  "func.func"() <{function_type = (index, i64) -> i64, sym_name = "index_switch"}> ({
  ^bb0(%arg6: index loc("tests/interop/src/scf.mlir":96:25), %arg7: i64 loc("tests/interop/src/scf.mlir":96:36)):
    %6 = "scf.index_switch"(%arg6) <{cases = array<i64: 0, 7>}> ({
      "scf.yield"(%arg7) : (i64) -> () loc(#loc103)
    }, {
      %8 = "arith.constant"() <{value = 10 : i64}> : () -> i64 loc(#loc104)
      "scf.yield"(%8) : (i64) -> () loc(#loc105)
    }, {
      %7 = "arith.muli"(%arg7, %arg7) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64 loc(#loc106)
      "scf.yield"(%7) : (i64) -> () loc(#loc107)
    }) : (index) -> i64 loc(#loc102)
    "func.return"(%6) : (i64) -> () loc(#loc108)
  }) : () -> () loc(#loc99)
  "func.func"() <{function_type = (i1) -> i32, sym_name = "execute_region"}> ({
  ^bb0(%arg5: i1 loc("tests/interop/src/scf.mlir":112:27)):
    %3 = "scf.execute_region"() ({
      "cf.cond_br"(%arg5)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> () loc(#loc112)
    ^bb1:  // pred: ^bb0
      %4 = "arith.constant"() <{value = 1 : i32}> : () -> i32 loc(#loc113)
      "scf.yield"(%4) : (i32) -> () loc(#loc114)
    ^bb2:  // pred: ^bb0
      %5 = "arith.constant"() <{value = 2 : i32}> : () -> i32 loc(#loc115)
      "scf.yield"(%5) : (i32) -> () loc(#loc116)
    }) : () -> i32 loc(#loc111)
    "func.return"(%3) : (i32) -> () loc(#loc117)
  }) : () -> () loc(#loc109)
  "func.func"() <{function_type = (tensor<8x?xf32>, index) -> tensor<8x?xf32>, sym_name = "forall"}> ({
  ^bb0(%arg0: tensor<8x?xf32> loc("tests/interop/src/scf.mlir":125:19), %arg1: index loc("tests/interop/src/scf.mlir":125:40)):
    %0 = "scf.forall"(%arg1, %arg0) <{operandSegmentSizes = array<i32: 0, 1, 0, 1>, staticLowerBound = array<i64: 0, 0>, staticStep = array<i64: 1, 1>, staticUpperBound = array<i64: 8, -9223372036854775808>}> ({
    ^bb0(%arg2: index loc("tests/interop/src/scf.mlir":126:20), %arg3: index loc("tests/interop/src/scf.mlir":126:24), %arg4: tensor<8x?xf32> loc("tests/interop/src/scf.mlir":126:51)):
      %1 = "tensor.extract"(%arg0, %arg2, %arg3) : (tensor<8x?xf32>, index, index) -> f32 loc(#loc125)
      %2 = "tensor.from_elements"(%1) : (f32) -> tensor<1x1xf32> loc(#loc126)
      "scf.forall.in_parallel"() ({
        "tensor.parallel_insert_slice"(%2, %arg4, %arg2, %arg3) <{operandSegmentSizes = array<i32: 1, 1, 2, 0, 0>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>, static_sizes = array<i64: 1, 1>, static_strides = array<i64: 1, 1>}> : (tensor<1x1xf32>, tensor<8x?xf32>, index, index) -> () loc(#loc128)
      }) : () -> () loc(#loc127)
    }) : (index, tensor<8x?xf32>) -> tensor<8x?xf32> loc(#loc121)
    "func.return"(%0) : (tensor<8x?xf32>) -> () loc(#loc129)
  }) : () -> () loc(#loc118)
}) : () -> () loc(#loc)
#loc = loc("tests/interop/src/scf.mlir":0:0)
#loc1 = loc("tests/interop/src/scf.mlir":4:1)
#loc6 = loc("tests/interop/src/scf.mlir":5:8)
#loc9 = loc("tests/interop/src/scf.mlir":6:10)
#loc10 = loc("tests/interop/src/scf.mlir":7:10)
#loc11 = loc("tests/interop/src/scf.mlir":8:10)
#loc12 = loc("tests/interop/src/scf.mlir":9:5)
#loc13 = loc("tests/interop/src/scf.mlir":11:3)
#loc14 = loc("tests/interop/src/scf.mlir":14:1)
#loc16 = loc("tests/interop/src/scf.mlir":15:9)
#loc17 = loc("tests/interop/src/scf.mlir":16:10)
#loc18 = loc("tests/interop/src/scf.mlir":17:9)
#loc19 = loc("tests/interop/src/scf.mlir":18:3)
#loc21 = loc("tests/interop/src/scf.mlir":19:10)
#loc22 = loc("tests/interop/src/scf.mlir":20:10)
#loc23 = loc("tests/interop/src/scf.mlir":21:5)
#loc24 = loc("tests/interop/src/scf.mlir":23:3)
#loc25 = loc("tests/interop/src/scf.mlir":26:1)
#loc29 = loc("tests/interop/src/scf.mlir":27:8)
#loc30 = loc("tests/interop/src/scf.mlir":28:10)
#loc34 = loc("tests/interop/src/scf.mlir":29:10)
#loc35 = loc("tests/interop/src/scf.mlir":30:10)
#loc36 = loc("tests/interop/src/scf.mlir":31:10)
#loc37 = loc("tests/interop/src/scf.mlir":32:5)
#loc38 = loc("tests/interop/src/scf.mlir":34:3)
#loc39 = loc("tests/interop/src/scf.mlir":37:1)
#loc41 = loc("tests/interop/src/scf.mlir":38:9)
#loc42 = loc("tests/interop/src/scf.mlir":39:9)
#loc43 = loc("tests/interop/src/scf.mlir":40:8)
#loc46 = loc("tests/interop/src/scf.mlir":41:10)
#loc49 = loc("tests/interop/src/scf.mlir":42:12)
#loc50 = loc("tests/interop/src/scf.mlir":43:7)
#loc51 = loc("tests/interop/src/scf.mlir":45:5)
#loc52 = loc("tests/interop/src/scf.mlir":47:3)
#loc53 = loc("tests/interop/src/scf.mlir":50:1)
#loc57 = loc("tests/interop/src/scf.mlir":51:8)
#loc58 = loc("tests/interop/src/scf.mlir":52:10)
#loc59 = loc("tests/interop/src/scf.mlir":53:5)
#loc60 = loc("tests/interop/src/scf.mlir":55:10)
#loc61 = loc("tests/interop/src/scf.mlir":56:5)
#loc62 = loc("tests/interop/src/scf.mlir":58:3)
#loc63 = loc("tests/interop/src/scf.mlir":61:1)
#loc67 = loc("tests/interop/src/scf.mlir":62:3)
#loc68 = loc("tests/interop/src/scf.mlir":63:5)
#loc69 = loc("tests/interop/src/scf.mlir":65:3)
#loc70 = loc("tests/interop/src/scf.mlir":68:1)
#loc73 = loc("tests/interop/src/scf.mlir":69:8)
#loc75 = loc("tests/interop/src/scf.mlir":70:13)
#loc76 = loc("tests/interop/src/scf.mlir":71:5)
#loc78 = loc("tests/interop/src/scf.mlir":74:11)
#loc79 = loc("tests/interop/src/scf.mlir":75:10)
#loc80 = loc("tests/interop/src/scf.mlir":76:5)
#loc81 = loc("tests/interop/src/scf.mlir":78:3)
#loc82 = loc("tests/interop/src/scf.mlir":81:1)
#loc86 = loc("tests/interop/src/scf.mlir":82:9)
#loc87 = loc("tests/interop/src/scf.mlir":83:9)
#loc88 = loc("tests/interop/src/scf.mlir":84:11)
#loc89 = loc("tests/interop/src/scf.mlir":85:8)
#loc92 = loc("tests/interop/src/scf.mlir":86:10)
#loc93 = loc("tests/interop/src/scf.mlir":87:5)
#loc96 = loc("tests/interop/src/scf.mlir":89:12)
#loc97 = loc("tests/interop/src/scf.mlir":90:7)
#loc98 = loc("tests/interop/src/scf.mlir":93:3)
#loc99 = loc("tests/interop/src/scf.mlir":96:1)
#loc102 = loc("tests/interop/src/scf.mlir":97:8)
#loc103 = loc("tests/interop/src/scf.mlir":107:5)
#loc104 = loc("tests/interop/src/scf.mlir":99:10)
#loc105 = loc("tests/interop/src/scf.mlir":100:5)
#loc106 = loc("tests/interop/src/scf.mlir":103:10)
#loc107 = loc("tests/interop/src/scf.mlir":104:5)
#loc108 = loc("tests/interop/src/scf.mlir":109:3)
#loc109 = loc("tests/interop/src/scf.mlir":112:1)
#loc111 = loc("tests/interop/src/scf.mlir":113:8)
#loc112 = loc("tests/interop/src/scf.mlir":114:5)
#loc113 = loc("tests/interop/src/scf.mlir":116:12)
#loc114 = loc("tests/interop/src/scf.mlir":117:5)
#loc115 = loc("tests/interop/src/scf.mlir":119:12)
#loc116 = loc("tests/interop/src/scf.mlir":120:5)
#loc117 = loc("tests/interop/src/scf.mlir":122:3)
#loc118 = loc("tests/interop/src/scf.mlir":125:1)
#loc121 = loc("tests/interop/src/scf.mlir":126:8)
#loc125 = loc("tests/interop/src/scf.mlir":127:10)
#loc126 = loc("tests/interop/src/scf.mlir":128:10)
#loc127 = loc("tests/interop/src/scf.mlir":129:5)
#loc128 = loc("tests/interop/src/scf.mlir":130:7)
#loc129 = loc("tests/interop/src/scf.mlir":133:3)

