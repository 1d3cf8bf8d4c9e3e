"builtin.module"() ({
  "func.func"() <{function_type = (index, index, index, f32) -> f32, sym_name = "for_sum"}> ({
  ^bb0(%arg38: index, %arg39: index, %arg40: index, %arg41: f32):
    %37 = "scf.for"(%arg38, %arg39, %arg40, %arg41) ({
    ^bb0(%arg42: index, %arg43: f32):
      %38 = "arith.index_cast"(%arg42) : (index) -> i64
      %39 = "arith.sitofp"(%38) : (i64) -> f32
      %40 = "arith.addf"(%arg43, %39) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "scf.yield"(%40) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "func.return"(%37) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<16xi32>) -> (), sym_name = "for_noresult"}> ({
  ^bb0(%arg36: memref<16xi32>):
    %32 = "arith.constant"() <{value = 0 : index}> : () -> index
    %33 = "arith.constant"() <{value = 16 : index}> : () -> index
    %34 = "arith.constant"() <{value = 1 : index}> : () -> index
    "scf.for"(%32, %33, %34) ({
    ^bb0(%arg37: index):
      %35 = "memref.load"(%arg36, %arg37) : (memref<16xi32>, index) -> i32
      %36 = "arith.addi"(%35, %35) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
      "memref.store"(%36, %arg36, %arg37) : (i32, memref<16xi32>, index) -> ()
      "scf.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, i32, i32) -> (i32, i64), sym_name = "for_i32"}> ({
  ^bb0(%arg30: i32, %arg31: i32, %arg32: i32):
    %27 = "arith.constant"() <{value = 0 : i64}> : () -> i64
    %28:2 = "scf.for"(%arg30, %arg31, %arg32, %arg30, %27) ({
    ^bb0(%arg33: i32, %arg34: i32, %arg35: i64):
      %29 = "arith.addi"(%arg34, %arg33) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
      %30 = "arith.extsi"(%arg33) : (i32) -> i64
      %31 = "arith.addi"(%arg35, %30) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64
      "scf.yield"(%29, %31) : (i32, i64) -> ()
    }) : (i32, i32, i32, i32, i64) -> (i32, i64)
    "func.return"(%28#0, %28#1) : (i32, i64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (index) -> index, sym_name = "nested_for"}> ({
  ^bb0(%arg25: index):
    %22 = "arith.constant"() <{value = 0 : index}> : () -> index
    %23 = "arith.constant"() <{value = 1 : index}> : () -> index
    %24 = "scf.for"(%22, %arg25, %23, %22) ({
    ^bb0(%arg26: index, %arg27: index):
      %25 = "scf.for"(%22, %arg26, %23, %arg27) ({
      ^bb0(%arg28: index, %arg29: index):
        %26 = "arith.addi"(%arg29, %arg28) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
        "scf.yield"(%26) : (index) -> ()
      }) : (index, index, index, index) -> index
      "scf.yield"(%25) : (index) -> ()
    }) : (index, index, index, index) -> index
    "func.return"(%24) : (index) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, f64, f64) -> f64, sym_name = "if_else"}> ({
  ^bb0(%arg22: i1, %arg23: f64, %arg24: f64):
    %19 = "scf.if"(%arg22) ({
      %21 = "arith.addf"(%arg23, %arg24) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
      "scf.yield"(%21) : (f64) -> ()
    }, {
      %20 = "arith.subf"(%arg23, %arg24) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
      "scf.yield"(%20) : (f64) -> ()
    }) : (i1) -> f64
    "func.return"(%19) : (f64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1, memref<i8>, i8) -> (), sym_name = "if_noelse"}> ({
  ^bb0(%arg19: i1, %arg20: memref<i8>, %arg21: i8):
    "scf.if"(%arg19) ({
      "memref.store"(%arg21, %arg20) : (i8, memref<i8>) -> ()
      "scf.yield"() : () -> ()
    }, {
    }) : (i1) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i32, i32) -> i32, sym_name = "while_loop"}> ({
  ^bb0(%arg15: i32, %arg16: i32):
    %15 = "scf.while"(%arg15) ({
    ^bb0(%arg18: i32):
      %18 = "arith.cmpi"(%arg18, %arg16) <{predicate = 2 : i64}> : (i32, i32) -> i1
      "scf.condition"(%18, %arg18) : (i1, i32) -> ()
    }, {
    ^bb0(%arg17: i32):
      %16 = "arith.constant"() <{value = 1 : i32}> : () -> i32
      %17 = "arith.addi"(%arg17, %16) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
      "scf.yield"(%17) : (i32) -> ()
    }) : (i32) -> i32
    "func.return"(%15) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<?x?xf32>, index, index) -> f32, sym_name = "parallel_reduce"}> ({
  ^bb0(%arg8: memref<?x?xf32>, %arg9: index, %arg10: index):
    %9 = "arith.constant"() <{value = 0 : index}> : () -> index
    %10 = "arith.constant"() <{value = 1 : index}> : () -> index
    %11 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    %12 = "scf.parallel"(%9, %9, %arg9, %arg10, %10, %10, %11) <{operandSegmentSizes = array<i32: 2, 2, 2, 1>}> ({
    ^bb0(%arg11: index, %arg12: index):
      %13 = "memref.load"(%arg8, %arg11, %arg12) : (memref<?x?xf32>, index, index) -> f32
      "scf.reduce"(%13) ({
      ^bb0(%arg13: f32, %arg14: f32):
        %14 = "arith.addf"(%arg13, %arg14) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
        "scf.reduce.return"(%14) : (f32) -> ()
      }) : (f32) -> ()
    }) : (index, index, index, index, index, index, f32) -> f32
    "func.return"(%12) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (index, i64) -> i64, sym_name = "index_switch"}> ({
  ^bb0(%arg6: index, %arg7: i64):
    %6 = "scf.index_switch"(%arg6) <{cases = array<i64: 0, 7>}> ({
      "scf.yield"(%arg7) : (i64) -> ()
    }, {
      %8 = "arith.constant"() <{value = 10 : i64}> : () -> i64
      "scf.yield"(%8) : (i64) -> ()
    }, {
      %7 = "arith.muli"(%arg7, %arg7) <{overflowFlags = #arith.overflow<none>}> : (i64, i64) -> i64
      "scf.yield"(%7) : (i64) -> ()
    }) : (index) -> i64
    "func.return"(%6) : (i64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (i1) -> i32, sym_name = "execute_region"}> ({
  ^bb0(%arg5: i1):
    %3 = "scf.execute_region"() ({
      "cf.cond_br"(%arg5)[^bb1, ^bb2] <{operandSegmentSizes = array<i32: 1, 0, 0>}> : (i1) -> ()
    ^bb1:  // pred: ^bb0
      %4 = "arith.constant"() <{value = 1 : i32}> : () -> i32
      "scf.yield"(%4) : (i32) -> ()
    ^bb2:  // pred: ^bb0
      %5 = "arith.constant"() <{value = 2 : i32}> : () -> i32
      "scf.yield"(%5) : (i32) -> ()
    }) : () -> i32
    "func.return"(%3) : (i32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<8x?xf32>, index) -> tensor<8x?xf32>, sym_name = "forall"}> ({
  ^bb0(%arg0: tensor<8x?xf32>, %arg1: index):
    %0 = "scf.forall"(%arg1, %arg0) <{operandSegmentSizes = array<i32: 0, 1, 0, 1>, staticLowerBound = array<i64: 0, 0>, staticStep = array<i64: 1, 1>, staticUpperBound = array<i64: 8, -9223372036854775808>}> ({
    ^bb0(%arg2: index, %arg3: index, %arg4: tensor<8x?xf32>):
      %1 = "tensor.extract"(%arg0, %arg2, %arg3) : (tensor<8x?xf32>, index, index) -> f32
      %2 = "tensor.from_elements"(%1) : (f32) -> tensor<1x1xf32>
      "scf.forall.in_parallel"() ({
        "tensor.parallel_insert_slice"(%2, %arg4, %arg2, %arg3) <{operandSegmentSizes = array<i32: 1, 1, 2, 0, 0>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>, static_sizes = array<i64: 1, 1>, static_strides = array<i64: 1, 1>}> : (tensor<1x1xf32>, tensor<8x?xf32>, index, index) -> ()
      }) : () -> ()
    }) : (index, tensor<8x?xf32>) -> tensor<8x?xf32>
    "func.return"(%0) : (tensor<8x?xf32>) -> ()
  }) : () -> ()
}) : () -> ()

