#map = affine_map<(d0, d1, d2) -> (d0, d2)>
#map1 = affine_map<(d0, d1, d2) -> (d2, d1)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d1)>
#map3 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d3)>
#map4 = affine_map<(d0, d1, d2, d3) -> (d0, d3, d2)>
#map5 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2)>
#map6 = affine_map<(d0, d1) -> (d0, d1)>
#map7 = affine_map<(d0, d1) -> (d1)>
#map8 = affine_map<(d0, d1) -> (d0)>
#map9 = affine_map<(d0) -> (d0)>
#map10 = affine_map<(d0) -> ()>
#map11 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1 + d4, d2 + d5, d6)>
#map12 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d4, d5, d6, d3)>
#map13 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
#map14 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1 * 2 + d4, d2 * 2 + d5, d3)>
#map15 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d4, d5)>
#map16 = affine_map<(d0, d1, d2, d3, d4, d5) -> (d0, d1, d2, d3)>
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4x8xf32>, tensor<8x16xf32>) -> tensor<4x16xf32>, sym_name = "matmul_tensor"}> ({
  ^bb0(%arg83: tensor<4x8xf32>, %arg84: tensor<8x16xf32>):
    %42 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    %43 = "tensor.empty"() : () -> tensor<4x16xf32>
    %44 = "linalg.fill"(%42, %43) <{operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg88: f32, %arg89: f32):
      "linalg.yield"(%arg88) : (f32) -> ()
    }) : (f32, tensor<4x16xf32>) -> tensor<4x16xf32>
    %45 = "linalg.matmul"(%arg83, %arg84, %44) <{indexing_maps = [#map, #map1, #map2], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg85: f32, %arg86: f32, %arg87: f32):
      %46 = "arith.mulf"(%arg85, %arg86) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %47 = "arith.addf"(%arg87, %46) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%47) : (f32) -> ()
    }) : (tensor<4x8xf32>, tensor<8x16xf32>, tensor<4x16xf32>) -> tensor<4x16xf32>
    "func.return"(%45) : (tensor<4x16xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>) -> (), sym_name = "matmul_memref"}> ({
  ^bb0(%arg77: memref<?x?xf64>, %arg78: memref<?x?xf64>, %arg79: memref<?x?xf64>):
    "linalg.matmul"(%arg77, %arg78, %arg79) <{indexing_maps = [#map, #map1, #map2], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg80: f64, %arg81: f64, %arg82: f64):
      %40 = "arith.mulf"(%arg80, %arg81) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
      %41 = "arith.addf"(%arg82, %40) <{fastmath = #arith.fastmath<none>}> : (f64, f64) -> f64
      "linalg.yield"(%41) : (f64) -> ()
    }) : (memref<?x?xf64>, memref<?x?xf64>, memref<?x?xf64>) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<2x4x8xf16>, tensor<2x8x4xf16>, tensor<2x4x4xf32>, tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>, tensor<f32>) -> (tensor<2x4x4xf32>, tensor<4xf32>, tensor<f32>), sym_name = "batch_and_vec"}> ({
  ^bb0(%arg61: tensor<2x4x8xf16>, %arg62: tensor<2x8x4xf16>, %arg63: tensor<2x4x4xf32>, %arg64: tensor<4x8xf32>, %arg65: tensor<8xf32>, %arg66: tensor<4xf32>, %arg67: tensor<f32>):
    %29 = "linalg.batch_matmul"(%arg61, %arg62, %arg63) <{indexing_maps = [#map3, #map4, #map5], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg74: f16, %arg75: f16, %arg76: f32):
      %36 = "arith.extf"(%arg74) : (f16) -> f32
      %37 = "arith.extf"(%arg75) : (f16) -> f32
      %38 = "arith.mulf"(%36, %37) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %39 = "arith.addf"(%arg76, %38) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%39) : (f32) -> ()
    }) : (tensor<2x4x8xf16>, tensor<2x8x4xf16>, tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
    %30 = "linalg.matvec"(%arg64, %arg65, %arg66) <{operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg71: f32, %arg72: f32, %arg73: f32):
      %34 = "arith.mulf"(%arg71, %arg72) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %35 = "arith.addf"(%arg73, %34) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%35) : (f32) -> ()
    }) {linalg.memoized_indexing_maps = [#map6, #map7, #map8]} : (tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<4xf32>
    %31 = "linalg.dot"(%arg65, %arg65, %arg67) <{operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg68: f32, %arg69: f32, %arg70: f32):
      %32 = "arith.mulf"(%arg68, %arg69) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %33 = "arith.addf"(%arg70, %32) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%33) : (f32) -> ()
    }) {linalg.memoized_indexing_maps = [#map9, #map9, #map10]} : (tensor<8xf32>, tensor<8xf32>, tensor<f32>) -> tensor<f32>
    "func.return"(%29, %30, %31) : (tensor<2x4x4xf32>, tensor<4xf32>, tensor<f32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>, sym_name = "generic_add"}> ({
  ^bb0(%arg55: tensor<?x?xf32>, %arg56: tensor<?x?xf32>, %arg57: tensor<?x?xf32>):
    %27 = "linalg.generic"(%arg55, %arg56, %arg57) <{indexing_maps = [#map6, #map6, #map6], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg58: f32, %arg59: f32, %arg60: f32):
      %28 = "arith.addf"(%arg58, %arg59) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%28) : (f32) -> ()
    }) : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
    "func.return"(%27) : (tensor<?x?xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<8x?xf32, strided<[?, 1], offset: ?>>, memref<8xf32>) -> (), sym_name = "generic_reduce_rows"}> ({
  ^bb0(%arg51: memref<8x?xf32, strided<[?, 1], offset: ?>>, %arg52: memref<8xf32>):
    "linalg.generic"(%arg51, %arg52) <{doc = "row reduction", indexing_maps = [#map6, #map8], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], library_call = "row_sum", operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg53: f32, %arg54: f32):
      %26 = "arith.addf"(%arg53, %arg54) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%26) : (f32) -> ()
    }) : (memref<8x?xf32, strided<[?, 1], offset: ?>>, memref<8xf32>) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<4x8xi8>, tensor<8x4xi8>, tensor<4x4xi32>) -> tensor<4x4xi32>, sym_name = "generic_matmul_i8"}> ({
  ^bb0(%arg45: tensor<4x8xi8>, %arg46: tensor<8x4xi8>, %arg47: tensor<4x4xi32>):
    %21 = "linalg.generic"(%arg45, %arg46, %arg47) <{indexing_maps = [#map, #map1, #map2], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>, #linalg.iterator_type<reduction>], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg48: i8, %arg49: i8, %arg50: i32):
      %22 = "arith.extsi"(%arg48) : (i8) -> i32
      %23 = "arith.extsi"(%arg49) : (i8) -> i32
      %24 = "arith.muli"(%22, %23) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
      %25 = "arith.addi"(%arg50, %24) <{overflowFlags = #arith.overflow<none>}> : (i32, i32) -> i32
      "linalg.yield"(%25) : (i32) -> ()
    }) : (tensor<4x8xi8>, tensor<8x4xi8>, tensor<4x4xi32>) -> tensor<4x4xi32>
    "func.return"(%21) : (tensor<4x4xi32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<4x4xindex>) -> tensor<4x4xindex>, sym_name = "generic_index"}> ({
  ^bb0(%arg43: tensor<4x4xindex>):
    %17 = "linalg.generic"(%arg43) <{indexing_maps = [#map6], iterator_types = [#linalg.iterator_type<parallel>, #linalg.iterator_type<parallel>], operandSegmentSizes = array<i32: 0, 1>}> ({
    ^bb0(%arg44: index):
      %18 = "linalg.index"() <{dim = 0 : i64}> : () -> index
      %19 = "linalg.index"() <{dim = 1 : i64}> : () -> index
      %20 = "arith.addi"(%18, %19) <{overflowFlags = #arith.overflow<none>}> : (index, index) -> index
      "linalg.yield"(%20) : (index) -> ()
    }) : (tensor<4x4xindex>) -> tensor<4x4xindex>
    "func.return"(%17) : (tensor<4x4xindex>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<f32>) -> (tensor<16xf32>, tensor<f32>), sym_name = "map_reduce"}> ({
  ^bb0(%arg34: tensor<16xf32>, %arg35: tensor<16xf32>, %arg36: tensor<16xf32>, %arg37: tensor<f32>):
    %13 = "linalg.map"(%arg34, %arg35, %arg36) ({
    ^bb0(%arg40: f32, %arg41: f32, %arg42: f32):
      %16 = "arith.mulf"(%arg40, %arg41) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%16) : (f32) -> ()
    }) : (tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
    %14 = "linalg.reduce"(%13, %arg37) <{dimensions = array<i64: 0>}> ({
    ^bb0(%arg38: f32, %arg39: f32):
      %15 = "arith.addf"(%arg39, %arg38) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%15) : (f32) -> ()
    }) : (tensor<16xf32>, tensor<f32>) -> tensor<f32>
    "func.return"(%13, %14) : (tensor<16xf32>, tensor<f32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<2x3xbf16>, tensor<3x2xbf16>, tensor<3xbf16>, tensor<4x3xbf16>) -> (tensor<3x2xbf16>, tensor<4x3xbf16>), sym_name = "transpose_broadcast"}> ({
  ^bb0(%arg26: tensor<2x3xbf16>, %arg27: tensor<3x2xbf16>, %arg28: tensor<3xbf16>, %arg29: tensor<4x3xbf16>):
    %11 = "linalg.transpose"(%arg26, %arg27) <{permutation = array<i64: 1, 0>}> ({
    ^bb0(%arg32: bf16, %arg33: bf16):
      "linalg.yield"(%arg32) : (bf16) -> ()
    }) : (tensor<2x3xbf16>, tensor<3x2xbf16>) -> tensor<3x2xbf16>
    %12 = "linalg.broadcast"(%arg28, %arg29) <{dimensions = array<i64: 0>}> ({
    ^bb0(%arg30: bf16, %arg31: bf16):
      "linalg.yield"(%arg30) : (bf16) -> ()
    }) : (tensor<3xbf16>, tensor<4x3xbf16>) -> tensor<4x3xbf16>
    "func.return"(%11, %12) : (tensor<3x2xbf16>, tensor<4x3xbf16>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>, sym_name = "elementwise_named"}> ({
  ^bb0(%arg15: tensor<8xf32>, %arg16: tensor<8xf32>, %arg17: tensor<8xf32>):
    %5 = "linalg.add"(%arg15, %arg16, %arg17) <{operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg23: f32, %arg24: f32, %arg25: f32):
      %10 = "arith.addf"(%arg23, %arg24) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%10) : (f32) -> ()
    }) : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
    %6 = "linalg.exp"(%5, %arg17) <{operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg21: f32, %arg22: f32):
      %9 = "math.exp"(%arg21) <{fastmath = #arith.fastmath<none>}> : (f32) -> f32
      "linalg.yield"(%9) : (f32) -> ()
    }) : (tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
    %7 = "linalg.max"(%6, %arg16, %arg17) <{operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg18: f32, %arg19: f32, %arg20: f32):
      %8 = "arith.maximumf"(%arg18, %arg19) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%8) : (f32) -> ()
    }) : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>) -> tensor<8xf32>
    "func.return"(%7) : (tensor<8xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>, tensor<1x14x14x8xf32>, tensor<2x2xf32>, tensor<1x7x7x8xf32>) -> (tensor<1x14x14x8xf32>, tensor<1x7x7x8xf32>), sym_name = "conv_pool"}> ({
  ^bb0(%arg4: tensor<1x16x16x3xf32>, %arg5: tensor<3x3x3x8xf32>, %arg6: tensor<1x14x14x8xf32>, %arg7: tensor<2x2xf32>, %arg8: tensor<1x7x7x8xf32>):
    %0 = "linalg.conv_2d_nhwc_hwcf"(%arg4, %arg5, %arg6) <{dilations = dense<1> : tensor<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<1> : tensor<2xi64>}> ({
    ^bb0(%arg12: f32, %arg13: f32, %arg14: f32):
      %3 = "arith.mulf"(%arg12, %arg13) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      %4 = "arith.addf"(%arg14, %3) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%4) : (f32) -> ()
    }) {linalg.memoized_indexing_maps = [#map11, #map12, #map13]} : (tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>, tensor<1x14x14x8xf32>) -> tensor<1x14x14x8xf32>
    %1 = "linalg.pooling_nhwc_max"(%0, %arg7, %arg8) <{dilations = dense<1> : vector<2xi64>, operandSegmentSizes = array<i32: 2, 1>, strides = dense<2> : vector<2xi64>}> ({
    ^bb0(%arg9: f32, %arg10: f32, %arg11: f32):
      %2 = "arith.maximumf"(%arg11, %arg9) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "linalg.yield"(%2) : (f32) -> ()
    }) {linalg.memoized_indexing_maps = [#map14, #map15, #map16]} : (tensor<1x14x14x8xf32>, tensor<2x2xf32>, tensor<1x7x7x8xf32>) -> tensor<1x7x7x8xf32>
    "func.return"(%0, %1) : (tensor<1x14x14x8xf32>, tensor<1x7x7x8xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<4x4xf32, 1>, memref<4x4xf32>) -> (), sym_name = "copy_memref"}> ({
  ^bb0(%arg0: memref<4x4xf32, 1>, %arg1: memref<4x4xf32>):
    "linalg.copy"(%arg0, %arg1) <{operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg2: f32, %arg3: f32):
      "linalg.yield"(%arg2) : (f32) -> ()
    }) : (memref<4x4xf32, 1>, memref<4x4xf32>) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
}) : () -> ()

