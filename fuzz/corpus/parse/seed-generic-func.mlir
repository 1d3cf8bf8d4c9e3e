"builtin.module"() ({
  "func.func"() <{function_type = (i32, f32) -> (i64, f64), sym_name = "ext_decl", sym_visibility = "private"}> ({
  }) : () -> ()
  "func.func"() <{function_type = (memref<?xf32>) -> (), sym_name = "ext_noresult", sym_visibility = "private"}> ({
  }) {llvm.emit_c_interface} : () -> ()
  "func.func"() <{function_type = () -> (), sym_name = "nested_vis", sym_visibility = "nested"}> ({
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (), sym_name = "empty"}> ({
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32) -> i32, sym_name = "identity"}> ({
  ^bb0(%arg23: i32):
    "func.return"(%arg23) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, i8, i64, index) -> (index, i64, i8, i1), sym_name = "multi_result"}> ({
  ^bb0(%arg19: i1, %arg20: i8, %arg21: i64, %arg22: index):
    "func.return"(%arg22, %arg21, %arg20, %arg19) : (index, i64, i8, i1) -> ()
  }) : () -> ()
  "func.func"() <{arg_attrs = [{test.flag, test.name = "x"}, {}], function_type = (f32, f64) -> f32, res_attrs = [{test.res = 1 : i32}], sym_name = "arg_attrs"}> ({
  ^bb0(%arg17: f32, %arg18: f64):
    "func.return"(%arg17) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, f32) -> (i64, f64), sym_name = "calls"}> ({
  ^bb0(%arg15: i32, %arg16: f32):
    %6 = "func.call"(%arg15) <{callee = @identity}> : (i32) -> i32
    %7:2 = "func.call"(%6, %arg16) <{callee = @ext_decl}> : (i32, f32) -> (i64, f64)
    "func.call"() <{callee = @empty}> : () -> ()
    "func.return"(%7#0, %7#1) : (i64, f64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32) -> i32, sym_name = "indirect"}> ({
  ^bb0(%arg14: i32):
    %4 = "func.constant"() <{value = @identity}> : () -> ((i32) -> i32)
    %5 = "func.call_indirect"(%4, %arg14) : ((i32) -> i32, i32) -> i32
    "func.return"(%5) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f16, bf16, f32, f64) -> (f64, f32, bf16, f16), sym_name = "fp_types"}> ({
  ^bb0(%arg10: f16, %arg11: bf16, %arg12: f32, %arg13: f64):
    "func.return"(%arg13, %arg12, %arg11, %arg10) : (f64, f32, bf16, f16) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<4x?xf32>, memref<8x8xi32, 1>, vector<[4]xf32>, tensor<*xf64>, complex<f32>, tuple<i32, f32>) -> tensor<4x?xf32>, sym_name = "shaped_args"}> ({
  ^bb0(%arg4: tensor<4x?xf32>, %arg5: memref<8x8xi32, 1>, %arg6: vector<[4]xf32>, %arg7: tensor<*xf64>, %arg8: complex<f32>, %arg9: tuple<i32, f32>):
    "func.return"(%arg4) : (tensor<4x?xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (), sym_name = "with_attrs"}> ({
    "func.return"() : () -> ()
  }) {sym.note = "annotated", test.dict = {a = 1 : i64, b = true}, test.list = [1, 2.500000e+00 : f32, "s", unit]} : () -> ()
  "func.func"() <{function_type = ((i32, f32) -> i1, i32, f32) -> i1, sym_name = "fn_typed_arg"}> ({
  ^bb0(%arg1: (i32, f32) -> i1, %arg2: i32, %arg3: f32):
    %3 = "func.call_indirect"(%arg1, %arg2, %arg3) : ((i32, f32) -> i1, i32, f32) -> i1
    "func.return"(%3) : (i1) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32) -> i32, sym_name = "loc_example"}> ({
  ^bb0(%arg0: i32):
    %0 = "func.call"(%arg0) <{callee = @identity}> : (i32) -> i32
    %1 = "func.call"(%0) <{callee = @identity}> : (i32) -> i32
    %2 = "func.call"(%1) <{callee = @identity}> : (i32) -> i32
    "func.return"(%2) : (i32) -> ()
  }) : () -> ()
}) : () -> ()

