"builtin.module"() ({
  "func.func"() <{function_type = () -> (i1, i8, i32, i64, index, f16, bf16, f32, f64), sym_name = "constants"}> ({
    %70 = "arith.constant"() <{value = true}> : () -> i1
    %71 = "arith.constant"() <{value = -7 : i8}> : () -> i8
    %72 = "arith.constant"() <{value = 42 : i32}> : () -> i32
    %73 = "arith.constant"() <{value = 9223372036854775807 : i64}> : () -> i64
    %74 = "arith.constant"() <{value = 16 : index}> : () -> index
    %75 = "arith.constant"() <{value = 1.500000e+00 : f16}> : () -> f16
    %76 = "arith.constant"() <{value = -2.000000e+00 : bf16}> : () -> bf16
    %77 = "arith.constant"() <{value = 3.14159274 : f32}> : () -> f32
    %78 = "arith.constant"() <{value = 2.7182818284590451 : f64}> : () -> f64
    "func.return"(%70, %71, %72, %73, %74, %75, %76, %77, %78) : (i1, i8, i32, i64, index, f16, bf16, f32, f64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (f32, f32, f64, f16), sym_name = "special_floats"}> ({
    %66 = "arith.constant"() <{value = 0x7FC00000 : f32}> : () -> f32
    %67 = "arith.constant"() <{value = 0x7F800000 : f32}> : () -> f32
    %68 = "arith.constant"() <{value = 0xFFF0000000000000 : f64}> : () -> f64
    %69 = "arith.constant"() <{value = 6.550400e+04 : f16}> : () -> f16
    "func.return"(%66, %67, %68, %69) : (f32, f32, f64, f16) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, i32) -> i32, sym_name = "int_ops"}> ({
  ^bb0(%arg17: i32, %arg18: i32):
    %47 = "arith.addi"(%arg17, %arg18) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    %48 = "arith.subi"(%47, %arg18) <{overflowFlags = #arith.overflow<nsw>}> : (i32, i32) -> i32
    %49 = "arith.muli"(%48, %arg17) <{overflowFlags = #arith.overflow<nsw, nuw>}> : (i32, i32) -> i32
    %50 = "arith.divsi"(%49, %arg18) : (i32, i32) -> i32
    %51 = "arith.divui"(%50, %arg18) : (i32, i32) -> i32
    %52 = "arith.remsi"(%51, %arg17) : (i32, i32) -> i32
    %53 = "arith.remui"(%52, %arg17) : (i32, i32) -> i32
    %54 = "arith.ceildivsi"(%53, %arg18) : (i32, i32) -> i32
    %55 = "arith.floordivsi"(%54, %arg18) : (i32, i32) -> i32
    %56 = "arith.andi"(%55, %arg17) : (i32, i32) -> i32
    %57 = "arith.ori"(%56, %arg18) : (i32, i32) -> i32
    %58 = "arith.xori"(%57, %arg17) : (i32, i32) -> i32
    %59 = "arith.shli"(%58, %arg18) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    %60 = "arith.shrsi"(%59, %arg18) : (i32, i32) -> i32
    %61 = "arith.shrui"(%60, %arg18) : (i32, i32) -> i32
    %62 = "arith.maxsi"(%61, %arg17) : (i32, i32) -> i32
    %63 = "arith.minui"(%62, %arg18) : (i32, i32) -> i32
    %64 = "arith.maxui"(%63, %arg17) : (i32, i32) -> i32
    %65 = "arith.minsi"(%64, %arg18) : (i32, i32) -> i32
    "func.return"(%65) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i64, i64) -> (i64, i64, i64, i1), sym_name = "extended"}> ({
  ^bb0(%arg15: i64, %arg16: i64):
    %44:2 = "arith.mulsi_extended"(%arg15, %arg16) : (i64, i64) -> (i64, i64)
    %45:2 = "arith.mului_extended"(%arg15, %arg16) : (i64, i64) -> (i64, i64)
    %46:2 = "arith.addui_extended"(%44#0, %44#1) : (i64, i64) -> (i64, i1)
    "func.return"(%46#0, %45#1, %45#0, %46#1) : (i64, i64, i64, i1) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f32, f32) -> f32, sym_name = "float_ops"}> ({
  ^bb0(%arg13: f32, %arg14: f32):
    %34 = "arith.addf"(%arg13, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %35 = "arith.subf"(%34, %arg14) <{fastmath = #arith.fastmath<fast>}> : (f32, f32) -> f32
    %36 = "arith.mulf"(%35, %arg13) <{fastmath = #arith.fastmath<nnan,ninf>}> : (f32, f32) -> f32
    %37 = "arith.divf"(%36, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %38 = "arith.remf"(%37, %arg13) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %39 = "arith.negf"(%38) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %40 = "arith.maximumf"(%39, %arg13) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %41 = "arith.minimumf"(%40, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %42 = "arith.maxnumf"(%41, %arg13) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %43 = "arith.minnumf"(%42, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "func.return"(%43) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (index, index, f64, f64) -> (i1, i1, i1, i1), sym_name = "compares"}> ({
  ^bb0(%arg9: index, %arg10: index, %arg11: f64, %arg12: f64):
    %28 = "arith.cmpi"(%arg9, %arg10) <{predicate = 2 : i64}> : (index, index) -> i1
    %29 = "arith.cmpi"(%arg9, %arg10) <{predicate = 9 : i64}> : (index, index) -> i1
    %30 = "arith.cmpf"(%arg11, %arg12) <{fastmath = #arith.fastmath<none>, predicate = 4 : i64}> : (f64, f64) -> i1
    %31 = "arith.cmpf"(%arg11, %arg12) <{fastmath = #arith.fastmath<nnan>, predicate = 13 : i64}> : (f64, f64) -> i1
    %32 = "arith.andi"(%28, %29) : (i1, i1) -> i1
    %33 = "arith.select"(%32, %30, %31) : (i1, i1, i1) -> i1
    "func.return"(%28, %29, %30, %33) : (i1, i1, i1, i1) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i8, i32, f16, f32, index) -> (i64, i8, f64, bf16, i32, f32, index, i32), sym_name = "casts"}> ({
  ^bb0(%arg4: i8, %arg5: i32, %arg6: f16, %arg7: f32, %arg8: index):
    %12 = "arith.extsi"(%arg4) : (i8) -> i64
    %13 = "arith.extui"(%arg4) : (i8) -> i32
    %14 = "arith.trunci"(%13) <{overflowFlags = #arith.overflow<none>}> : (i32) -> i8
    %15 = "arith.extf"(%arg7) : (f32) -> f64
    %16 = "arith.truncf"(%arg7) : (f32) -> bf16
    %17 = "arith.fptosi"(%arg6) : (f16) -> i32
    %18 = "arith.fptoui"(%arg7) : (f32) -> i32
    %19 = "arith.sitofp"(%arg5) : (i32) -> f32
    %20 = "arith.uitofp"(%18) : (i32) -> f32
    %21 = "arith.index_cast"(%arg5) : (i32) -> index
    %22 = "arith.index_castui"(%arg8) : (index) -> i32
    %23 = "arith.bitcast"(%arg7) : (f32) -> i32
    %24 = "arith.addi"(%22, %23) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    %25 = "arith.addf"(%19, %20) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    %26 = "arith.addi"(%21, %arg8) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
    %27 = "arith.addi"(%24, %17) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    "func.return"(%12, %14, %15, %16, %27, %25, %26, %18) : (i64, i8, f64, bf16, i32, f32, index, i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<4xf32>, vector<[4]xf32>, tensor<?x8xi32>, i1) -> (vector<4xf32>, vector<[4]xf32>, tensor<?x8xi32>), sym_name = "vector_tensor"}> ({
  ^bb0(%arg0: vector<4xf32>, %arg1: vector<[4]xf32>, %arg2: tensor<?x8xi32>, %arg3: i1):
    %4 = "arith.constant"() <{value = dense<[1.000000e+00, 2.000000e+00, 3.000000e+00, 4.000000e+00]> : vector<4xf32>}> : () -> vector<4xf32>
    %5 = "arith.constant"() <{value = dense<5.000000e-01> : vector<[4]xf32>}> : () -> vector<[4]xf32>
    %6 = "arith.addf"(%arg0, %4) <{fastmath = #arith.fastmath<none>}> : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
    %7 = "arith.mulf"(%arg1, %5) <{fastmath = #arith.fastmath<none>}> : (vector<[4]xf32>, vector<[4]xf32>) -> vector<[4]xf32>
    %8 = "arith.addi"(%arg2, %arg2) <{overflowFlags = #arith.overflow<none>}> : (tensor<?x8xi32>, tensor<?x8xi32>) -> tensor<?x8xi32>
    %9 = "arith.cmpf"(%6, %4) <{fastmath = #arith.fastmath<none>, predicate = 2 : i64}> : (vector<4xf32>, vector<4xf32>) -> vector<4xi1>
    %10 = "arith.select"(%9, %6, %4) : (vector<4xi1>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
    %11 = "arith.select"(%arg3, %8, %arg2) : (i1, tensor<?x8xi32>, tensor<?x8xi32>) -> tensor<?x8xi32>
    "func.return"(%10, %7, %11) : (vector<4xf32>, vector<[4]xf32>, tensor<?x8xi32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (tensor<2x3xi32>, tensor<4xf64>, tensor<2xi1>, tensor<3xi8>), sym_name = "dense_constants"}> ({
    %0 = "arith.constant"() <{value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>}> : () -> tensor<2x3xi32>
    %1 = "arith.constant"() <{value = dense<[0.000000e+00, -1.000000e+00, 1.500000e+10, 0x7FF8000000000000]> : tensor<4xf64>}> : () -> tensor<4xf64>
    %2 = "arith.constant"() <{value = dense<[true, false]> : tensor<2xi1>}> : () -> tensor<2xi1>
    %3 = "arith.constant"() <{value = dense<[1, -1, 127]> : tensor<3xi8>}> : () -> tensor<3xi8>
    "func.return"(%0, %1, %2, %3) : (tensor<2x3xi32>, tensor<4xf64>, tensor<2xi1>, tensor<3xi8>) -> ()
  }) : () -> ()
}) : () -> ()

