#loc8 = loc("tests/interop/src/func.mlir":14:21)
#loc11 = loc("tests/interop/src/func.mlir":18:25)
#loc12 = loc("tests/interop/src/func.mlir":18:33)
#loc13 = loc("tests/interop/src/func.mlir":18:41)
#loc14 = loc("tests/interop/src/func.mlir":18:50)
#loc17 = loc("tests/interop/src/func.mlir":22:22)
#loc18 = loc("tests/interop/src/func.mlir":22:63)
#loc21 = loc("tests/interop/src/func.mlir":26:18)
#loc22 = loc("tests/interop/src/func.mlir":26:27)
#loc28 = loc("tests/interop/src/func.mlir":33:21)
#loc33 = loc("tests/interop/src/func.mlir":39:21)
#loc34 = loc("tests/interop/src/func.mlir":39:30)
#loc35 = loc("tests/interop/src/func.mlir":39:40)
#loc36 = loc("tests/interop/src/func.mlir":39:49)
#loc39 = loc("tests/interop/src/func.mlir":43:24)
#loc40 = loc("tests/interop/src/func.mlir":43:45)
#loc41 = loc("tests/interop/src/func.mlir":43:69)
#loc42 = loc("tests/interop/src/func.mlir":44:24)
#loc43 = loc("tests/interop/src/func.mlir":44:43)
#loc44 = loc("tests/interop/src/func.mlir":44:61)
#loc49 = loc("tests/interop/src/func.mlir":52:25)
#loc50 = loc("tests/interop/src/func.mlir":52:48)
#loc51 = loc("tests/interop/src/func.mlir":52:57)
#loc55 = loc("arg.mlir":1:2)
"builtin.module"() ({
  "func.func"() <{function_type = (i32, f32) -> (i64, f64), sym_name = "ext_decl", sym_visibility = "private"}> ({
  }) : () -> () loc(#loc1)
  "func.func"() <{function_type = (memref<?xf32>) -> (), sym_name = "ext_noresult", sym_visibility = "private"}> ({
  }) {llvm.emit_c_interface} : () -> () loc(#loc2)
  "func.func"() <{function_type = () -> (), sym_name = "nested_vis", sym_visibility = "nested"}> ({
    "func.return"() : () -> () loc(#loc4)
  }) : () -> () loc(#loc3)
  "func.func"() <{function_type = () -> (), sym_name = "empty"}> ({
    "func.return"() : () -> () loc(#loc6)
  }) : () -> () loc(#loc5)
  "func.func"() <{function_type = (i32) -> i32, sym_name = "identity"}> ({
  ^bb0(%arg23: i32 loc("tests/interop/src/func.mlir":14:21)):
    "func.return"(%arg23) : (i32) -> () loc(#loc9)
  }) : () -> () loc(#loc7)
  "func.func"() <{function_type = (i1, i8, i64, index) -> (index, i64, i8, i1), sym_name = "multi_result"}> ({
  ^bb0(%arg19: i1 loc("tests/interop/src/func.mlir":18:25), %arg20: i8 loc("tests/interop/src/func.mlir":18:33), %arg21: i64 loc("tests/interop/src/func.mlir":18:41), %arg22: index loc("tests/interop/src/func.mlir":18:50)):
    "func.return"(%arg22, %arg21, %arg20, %arg19) : (index, i64, i8, i1) -> () loc(#loc15)
  }) : () -> () loc(#loc10)
  "func.func"() <{arg_attrs = [{test.flag, test.name = "x"}, {}], function_type = (f32, f64) -> f32, res_attrs = [{test.res = 1 : i32}], sym_name = "arg_attrs"}> ({
  ^bb0(%arg17: f32 loc("tests/interop/src/func.mlir":22:22), %arg18: f64 loc("tests/interop/src/func.mlir":22:63)):
    "func.return"(%arg17) : (f32) -> () loc(#loc19)
  }) : () -> () loc(#loc16)
  "func.func"() <{function_type = (i32, f32) -> (i64, f64), sym_name = "calls"}> ({
  ^bb0(%arg15: i32 loc("tests/interop/src/func.mlir":26:18), %arg16: f32 loc("tests/interop/src/func.mlir":26:27)):
    %6 = "func.call"(%arg15) <{callee = @identity}> : (i32) -> i32 loc(#loc23)
    %7:2 = "func.call"(%6, %arg16) <{callee = @ext_decl}> : (i32, f32) -> (i64, f64) loc(#loc24)
    "func.call"() <{callee = @empty}> : () -> () loc(#loc25)
    "func.return"(%7#0, %7#1) : (i64, f64) -> () loc(#loc26)
  }) : () -> () loc(#loc20)
  "func.func"() <{function_type = (i32) -> i32, sym_name = "indirect"}> ({
  ^bb0(%arg14: i32 loc("tests/interop/src/func.mlir":33:21)):
    %4 = "func.constant"() <{value = @identity}> : () -> ((i32) -> i32) loc(#loc29)
    %5 = "func.call_indirect"(%4, %arg14) : ((i32) -> i32, i32) -> i32 loc(#loc30)
    "func.return"(%5) : (i32) -> () loc(#loc31)
  }) : () -> () loc(#loc27)
  "func.func"() <{function_type = (f16, bf16, f32, f64) -> (f64, f32, bf16, f16), sym_name = "fp_types"}> ({
  ^bb0(%arg10: f16 loc("tests/interop/src/func.mlir":39:21), %arg11: bf16 loc("tests/interop/src/func.mlir":39:30), %arg12: f32 loc("tests/interop/src/func.mlir":39:40), %arg13: f64 loc("tests/interop/src/func.mlir":39:49)):
    "func.return"(%arg13, %arg12, %arg11, %arg10) : (f64, f32, bf16, f16) -> () loc(#loc37)
  }) : () -> () loc(#loc32)
  "func.func"() <{function_type = (tensor<4x?xf32>, memref<8x8xi32, 1>, vector<[4]xf32>, tensor<*xf64>, complex<f32>, tuple<i32, f32>) -> tensor<4x?xf32>, sym_name = "shaped_args"}> ({
  ^bb0(%arg4: tensor<4x?xf32> loc("tests/interop/src/func.mlir":43:24), %arg5: memref<8x8xi32, 1> loc("tests/interop/src/func.mlir":43:45), %arg6: vector<[4]xf32> loc("tests/interop/src/func.mlir":43:69), %arg7: tensor<*xf64> loc("tests/interop/src/func.mlir":44:24), %arg8: complex<f32> loc("tests/interop/src/func.mlir":44:43), %arg9: tuple<i32, f32> loc("tests/interop/src/func.mlir":44:61)):
    "func.return"(%arg4) : (tensor<4x?xf32>) -> () loc(#loc45)
  }) : () -> () loc(#loc38)
  "func.func"() <{function_type = () -> (), sym_name = "with_attrs"}> ({
    "func.return"() : () -> () loc(#loc47)
  }) {sym.note = "annotated", test.dict = {a = 1 : i64, b = true}, test.list = [1, 2.500000e+00 : f32, "s", unit]} : () -> () loc(#loc46)
  "func.func"() <{function_type = ((i32, f32) -> i1, i32, f32) -> i1, sym_name = "fn_typed_arg"}> ({
  ^bb0(%arg1: (i32, f32) -> i1 loc("tests/interop/src/func.mlir":52:25), %arg2: i32 loc("tests/interop/src/func.mlir":52:48), %arg3: f32 loc("tests/interop/src/func.mlir":52:57)):
    %3 = "func.call_indirect"(%arg1, %arg2, %arg3) : ((i32, f32) -> i1, i32, f32) -> i1 loc(#loc52)
    "func.return"(%3) : (i1) -> () loc(#loc53)
  }) : () -> () loc(#loc48)
  "func.func"() <{function_type = (i32) -> i32, sym_name = "loc_example"}> ({
  ^bb0(%arg0: i32 loc("arg.mlir":1:2)):
    %0 = "func.call"(%arg0) <{callee = @identity}> : (i32) -> i32 loc(#loc56)
    %1 = "func.call"(%0) <{callee = @identity}> : (i32) -> i32 loc(#loc62)
    %2 = "func.call"(%1) <{callee = @identity}> : (i32) -> i32 loc(#loc65)
    "func.return"(%2) : (i32) -> () loc(#loc61)
  }) : () -> () loc(#loc54)
}) : () -> () loc(#loc)
#loc = loc("tests/interop/src/func.mlir":0:0)
#loc1 = loc("tests/interop/src/func.mlir":4:1)
#loc2 = loc("tests/interop/src/func.mlir":5:1)
#loc3 = loc("tests/interop/src/func.mlir":6:1)
#loc4 = loc("tests/interop/src/func.mlir":7:3)
#loc5 = loc("tests/interop/src/func.mlir":10:1)
#loc6 = loc("tests/interop/src/func.mlir":11:3)
#loc7 = loc("tests/interop/src/func.mlir":14:1)
#loc9 = loc("tests/interop/src/func.mlir":15:3)
#loc10 = loc("tests/interop/src/func.mlir":18:1)
#loc15 = loc("tests/interop/src/func.mlir":19:3)
#loc16 = loc("tests/interop/src/func.mlir":22:1)
#loc19 = loc("tests/interop/src/func.mlir":23:3)
#loc20 = loc("tests/interop/src/func.mlir":26:1)
#loc23 = loc("tests/interop/src/func.mlir":27:8)
#loc24 = loc("tests/interop/src/func.mlir":28:10)
#loc25 = loc("tests/interop/src/func.mlir":29:3)
#loc26 = loc("tests/interop/src/func.mlir":30:3)
#loc27 = loc("tests/interop/src/func.mlir":33:1)
#loc29 = loc("tests/interop/src/func.mlir":34:8)
#loc30 = loc("tests/interop/src/func.mlir":35:8)
#loc31 = loc("tests/interop/src/func.mlir":36:3)
#loc32 = loc("tests/interop/src/func.mlir":39:1)
#loc37 = loc("tests/interop/src/func.mlir":40:3)
#loc38 = loc("tests/interop/src/func.mlir":43:1)
#loc45 = loc("tests/interop/src/func.mlir":45:3)
#loc46 = loc("tests/interop/src/func.mlir":48:1)
#loc47 = loc("tests/interop/src/func.mlir":49:3)
#loc48 = loc("tests/interop/src/func.mlir":52:1)
#loc52 = loc("tests/interop/src/func.mlir":53:8)
#loc53 = loc("tests/interop/src/func.mlir":54:3)
#loc54 = loc("func.mlir":40:1)
#loc56 = loc("func.mlir":42:7)
#loc57 = loc("a.mlir":1:1)
#loc58 = loc("b.mlir":2:2)
#loc59 = loc("x.mlir":3:4)
#loc60 = loc("y.mlir":5:6)
#loc61 = loc(unknown)
#loc62 = loc(fused[#loc57, #loc58])
#loc63 = loc("callee"(#loc59))
#loc64 = loc("caller"(#loc60))
#loc65 = loc(callsite(#loc63 at #loc64))

