"builtin.module"() ({
  "func.func"() <{function_type = (f32) -> f32, sym_name = "unary_f32"}> ({
  ^bb0(%arg15: f32):
    %24 = "math.absf"(%arg15) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %25 = "math.sqrt"(%24) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %26 = "math.rsqrt"(%25) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %27 = "math.exp"(%26) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %28 = "math.exp2"(%27) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %29 = "math.expm1"(%28) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %30 = "math.log"(%29) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %31 = "math.log2"(%30) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %32 = "math.log10"(%31) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %33 = "math.log1p"(%32) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %34 = "math.sin"(%33) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %35 = "math.cos"(%34) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %36 = "math.tan"(%35) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %37 = "math.tanh"(%36) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %38 = "math.atan"(%37) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %39 = "math.erf"(%38) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %40 = "math.ceil"(%39) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %41 = "math.floor"(%40) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %42 = "math.round"(%41) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %43 = "math.roundeven"(%42) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %44 = "math.trunc"(%43) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    %45 = "math.cbrt"(%44) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
    "func.return"(%45) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f64, f64, f64) -> f64, sym_name = "binary_f64"}> ({
  ^bb0(%arg12: f64, %arg13: f64, %arg14: f64):
    %18 = "math.powf"(%arg12, %arg13) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
    %19 = "math.atan2"(%18, %arg13) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
    %20 = "math.copysign"(%19, %arg12) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
    %21 = "math.fma"(%20, %arg13, %arg14) <{fastmath = #arith.fastmath<none>}> : (f64, f64, f64) -> f64
    %22 = "math.powf"(%21, %arg12) <{fastmath = #arith.fastmath<fast>}> : (f64, f64) -> f64
    %23 = "math.sqrt"(%22) <{fastmath = #arith.fastmath<reassoc,afn>}> : (f64) -> f64
    "func.return"(%23) : (f64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f16, bf16) -> (f16, bf16), sym_name = "half_types"}> ({
  ^bb0(%arg10: f16, %arg11: bf16):
    %16 = "math.exp"(%arg10) <{fastmath = #arith.fastmath<none>}> : (f16) -> f16
    %17 = "math.tanh"(%arg11) <{fastmath = #arith.fastmath<none>}> : (bf16) -> bf16
    "func.return"(%16, %17) : (f16, bf16) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, i64, i8) -> (i32, i64, i8, i32), sym_name = "int_ops"}> ({
  ^bb0(%arg7: i32, %arg8: i64, %arg9: i8):
    %11 = "math.absi"(%arg7) : (i32) -> i32
    %12 = "math.ctlz"(%arg8) : (i64) -> i64
    %13 = "math.cttz"(%arg9) : (i8) -> i8
    %14 = "math.ctpop"(%11) : (i32) -> i32
    %15 = "math.ipowi"(%14, %arg7) : (i32, i32) -> i32
    "func.return"(%15, %12, %13, %14) : (i32, i64, i8, i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f32, i32) -> f32, sym_name = "fpowi"}> ({
  ^bb0(%arg5: f32, %arg6: i32):
    %10 = "math.fpowi"(%arg5, %arg6) <{fastmath = #arith.fastmath<none>}> : (f32, i32) -> f32
    "func.return"(%10) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (f32) -> i1, sym_name = "classify"}> ({
  ^bb0(%arg4: f32):
    %5 = "math.isnan"(%arg4) <{fastmath = #arith.fastmath<none>}> : (f32) -> i1
    %6 = "math.isinf"(%arg4) <{fastmath = #arith.fastmath<none>}> : (f32) -> i1
    %7 = "math.isfinite"(%arg4) <{fastmath = #arith.fastmath<none>}> : (f32) -> i1
    %8 = "arith.ori"(%5, %6) : (i1, i1) -> i1
    %9 = "arith.ori"(%8, %7) : (i1, i1) -> i1
    "func.return"(%9) : (i1) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>) -> (vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>), sym_name = "shaped"}> ({
  ^bb0(%arg0: vector<8xf32>, %arg1: vector<[4]xf64>, %arg2: tensor<?x4xf32>, %arg3: vector<2x4xi16>):
    %0 = "math.exp"(%arg0) <{fastmath = #arith.fastmath<none>}> : (vector<8xf32>) -> vector<8xf32>
    %1 = "math.sin"(%arg1) <{fastmath = #arith.fastmath<none>}> : (vector<[4]xf64>) -> vector<[4]xf64>
    %2 = "math.sqrt"(%arg2) <{fastmath = #arith.fastmath<none>}> : (tensor<?x4xf32>) -> tensor<?x4xf32>
    %3 = "math.absi"(%arg3) : (vector<2x4xi16>) -> vector<2x4xi16>
    %4 = "math.fma"(%0, %0, %arg0) <{fastmath = #arith.fastmath<contract>}> : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    "func.return"(%4, %1, %2, %3) : (vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>) -> ()
  }) : () -> ()
}) : () -> ()

