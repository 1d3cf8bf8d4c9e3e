"builtin.module"() ({
  "func.func"() <{function_type = (index) -> (tensor<?x8xf32>, index, index), sym_name = "empty_and_dim"}> ({
  ^bb0(%arg31: index):
    %22 = "tensor.empty"(%arg31) : (index) -> tensor<?x8xf32>
    %23 = "arith.constant"() <{value = 0 : index}> : () -> index
    %24 = "tensor.dim"(%22, %23) : (tensor<?x8xf32>, index) -> index
    %25 = "tensor.cast"(%22) : (tensor<?x8xf32>) -> tensor<*xf32>
    %26 = "tensor.rank"(%25) : (tensor<*xf32>) -> index
    "func.return"(%22, %24, %26) : (tensor<?x8xf32>, index, index) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<4x?xi32>, index, index, i32) -> (i32, tensor<4x?xi32>), sym_name = "extract_insert"}> ({
  ^bb0(%arg27: tensor<4x?xi32>, %arg28: index, %arg29: index, %arg30: i32):
    %19 = "tensor.extract"(%arg27, %arg28, %arg29) : (tensor<4x?xi32>, index, index) -> i32
    %20 = "arith.addi"(%19, %arg30) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
    %21 = "tensor.insert"(%20, %arg27, %arg29, %arg28) : (i32, tensor<4x?xi32>, index, index) -> tensor<4x?xi32>
    "func.return"(%19, %21) : (i32, tensor<4x?xi32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<16x16xf32>, tensor<4x4xf32>, index, index) -> (tensor<?x?xf32>, tensor<16x16xf32>, tensor<8xf32>), sym_name = "slices"}> ({
  ^bb0(%arg23: tensor<16x16xf32>, %arg24: tensor<4x4xf32>, %arg25: index, %arg26: index):
    %16 = "tensor.extract_slice"(%arg23, %arg25, %arg26, %arg26) <{operandSegmentSizes = array<i32: 1, 1, 2, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 2>}> : (tensor<16x16xf32>, index, index, index) -> tensor<?x?xf32>
    %17 = "tensor.insert_slice"(%arg24, %arg23) <{operandSegmentSizes = array<i32: 1, 1, 0, 0, 0>, static_offsets = array<i64: 0, 4>, static_sizes = array<i64: 4, 4>, static_strides = array<i64: 1, 1>}> : (tensor<4x4xf32>, tensor<16x16xf32>) -> tensor<16x16xf32>
    %18 = "tensor.extract_slice"(%arg23) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 3, 0>, static_sizes = array<i64: 1, 8>, static_strides = array<i64: 1, 1>}> : (tensor<16x16xf32>) -> tensor<8xf32>
    "func.return"(%16, %17, %18) : (tensor<?x?xf32>, tensor<16x16xf32>, tensor<8xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<2x3x4xf64>, tensor<24xf64>, tensor<?xf64>, tensor<2xi64>, index) -> (tensor<6x4xf64>, tensor<?x6xf64>, tensor<?x?xf64>), sym_name = "reshapes"}> ({
  ^bb0(%arg18: tensor<2x3x4xf64>, %arg19: tensor<24xf64>, %arg20: tensor<?xf64>, %arg21: tensor<2xi64>, %arg22: index):
    %13 = "tensor.collapse_shape"(%arg18) <{reassociation = [[0, 1], [2]]}> : (tensor<2x3x4xf64>) -> tensor<6x4xf64>
    %14 = "tensor.expand_shape"(%arg20, %arg22) <{reassociation = [[0, 1]], static_output_shape = array<i64: -9223372036854775808, 6>}> : (tensor<?xf64>, index) -> tensor<?x6xf64>
    %15 = "tensor.reshape"(%arg19, %arg21) : (tensor<24xf64>, tensor<2xi64>) -> tensor<?x?xf64>
    "func.return"(%13, %14, %15) : (tensor<6x4xf64>, tensor<?x6xf64>, tensor<?x?xf64>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<?x4xf16>, index) -> tensor<?x8xf16>, sym_name = "pad"}> ({
  ^bb0(%arg14: tensor<?x4xf16>, %arg15: index):
    %11 = "arith.constant"() <{value = 0.000000e+00 : f16}> : () -> f16
    %12 = "tensor.pad"(%arg14, %arg15) <{operandSegmentSizes = array<i32: 1, 1, 0>, static_high = array<i64: 1, 2>, static_low = array<i64: -9223372036854775808, 2>}> ({
    ^bb0(%arg16: index, %arg17: index):
      "tensor.yield"(%11) : (f16) -> ()
    }) : (tensor<?x4xf16>, index) -> tensor<?x8xf16>
    "func.return"(%12) : (tensor<?x8xf16>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (index) -> tensor<?x3xindex>, sym_name = "generate"}> ({
  ^bb0(%arg11: index):
    %9 = "tensor.generate"(%arg11) ({
    ^bb0(%arg12: index, %arg13: index):
      %10 = "arith.addi"(%arg12, %arg13) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
      "tensor.yield"(%10) : (index) -> ()
    }) : (index) -> tensor<?x3xindex>
    "func.return"(%9) : (tensor<?x3xindex>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (bf16, bf16, i1, index) -> (tensor<2xbf16>, tensor<4x?xi1>, tensor<i1>), sym_name = "elements"}> ({
  ^bb0(%arg7: bf16, %arg8: bf16, %arg9: i1, %arg10: index):
    %6 = "tensor.from_elements"(%arg7, %arg8) : (bf16, bf16) -> tensor<2xbf16>
    %7 = "tensor.splat"(%arg9, %arg10) : (i1, index) -> tensor<4x?xi1>
    %8 = "tensor.from_elements"(%arg9) : (i1) -> tensor<i1>
    "func.return"(%6, %7, %8) : (tensor<2xbf16>, tensor<4x?xi1>, tensor<i1>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<3x?xi32>, tensor<2x?xi32>, tensor<4xui32>) -> (tensor<5x?xi32>, tensor<4xi32>), sym_name = "concat_bitcast"}> ({
  ^bb0(%arg4: tensor<3x?xi32>, %arg5: tensor<2x?xi32>, %arg6: tensor<4xui32>):
    %4 = "tensor.concat"(%arg4, %arg5) <{dim = 0 : i64}> : (tensor<3x?xi32>, tensor<2x?xi32>) -> tensor<5x?xi32>
    %5 = "tensor.bitcast"(%arg6) : (tensor<4xui32>) -> tensor<4xi32>
    "func.return"(%4, %5) : (tensor<5x?xi32>, tensor<4xi32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<8x8xf32, "sparse_tag">, tensor<4xcomplex<f32>>) -> tensor<8x8xf32, "sparse_tag">, sym_name = "encoded"}> ({
  ^bb0(%arg2: tensor<8x8xf32, "sparse_tag">, %arg3: tensor<4xcomplex<f32>>):
    "func.return"(%arg2) : (tensor<8x8xf32, "sparse_tag">) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<8x16xf32>, tensor<4x1xindex>) -> tensor<4x1x16xf32>, sym_name = "gather_scatter"}> ({
  ^bb0(%arg0: tensor<8x16xf32>, %arg1: tensor<4x1xindex>):
    %3 = "tensor.gather"(%arg0, %arg1) <{gather_dims = array<i64: 0>}> : (tensor<8x16xf32>, tensor<4x1xindex>) -> tensor<4x1x16xf32>
    "func.return"(%3) : (tensor<4x1x16xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = () -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xcomplex<f32>>), sym_name = "dense_consts"}> ({
    %0 = "arith.constant"() <{value = dense<[[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
    %1 = "arith.constant"() <{value = dense<[1, -2, 3]> : tensor<3xi64>}> : () -> tensor<3xi64>
    %2 = "arith.constant"() <{value = dense<[(1.000000e+00,2.000000e+00), (3.000000e+00,-4.000000e+00)]> : tensor<2xcomplex<f32>>}> : () -> tensor<2xcomplex<f32>>
    "func.return"(%0, %1, %2) : (tensor<2x2xf32>, tensor<3xi64>, tensor<2xcomplex<f32>>) -> ()
  }) : () -> ()
}) : () -> ()

