#map = affine_map<(d0, d1, d2) -> (d0, d2)>
#map1 = affine_map<(d0, d1, d2) -> (d2, d1)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d1)>
#map3 = affine_map<(d0, d1) -> (d1)>
#map4 = affine_map<(d0, d1) -> (d1, d0)>
#map5 = affine_map<(d0) -> (d0)>
"builtin.module"() ({
  "func.func"() <{function_type = (f32, vector<4xf32>, index) -> (vector<2x4xf32>, f32, f32, vector<4xf32>), sym_name = "broadcast_extract"}> ({
  ^bb0(%arg34: f32, %arg35: vector<4xf32>, %arg36: index):
    %37 = "vector.broadcast"(%arg34) : (f32) -> vector<4xf32>
    %38 = "vector.broadcast"(%arg35) : (vector<4xf32>) -> vector<2x4xf32>
    %39 = "vector.extract"(%38) <{static_position = array<i64: 1, 2>}> : (vector<2x4xf32>) -> f32
    %40 = "vector.extract"(%arg35, %arg36) <{static_position = array<i64: -9223372036854775808>}> : (vector<4xf32>, index) -> f32
    %41 = "vector.insert"(%39, %37) <{static_position = array<i64: 3>}> : (f32, vector<4xf32>) -> vector<4xf32>
    %42 = "vector.insert"(%40, %38, %arg36) <{static_position = array<i64: 0, -9223372036854775808>}> : (f32, vector<2x4xf32>, index) -> vector<2x4xf32>
    %43 = "vector.extract"(%42) <{static_position = array<i64: 0>}> : (vector<2x4xf32>) -> vector<4xf32>
    "func.return"(%42, %39, %40, %41) : (vector<2x4xf32>, f32, f32, vector<4xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<[4]xf32>, vector<[4]xf32>, vector<2x[8]xi8>, index) -> (vector<[4]xf32>, f32, vector<[4]xi1>, vector<[4]xindex>), sym_name = "scalable"}> ({
  ^bb0(%arg30: vector<[4]xf32>, %arg31: vector<[4]xf32>, %arg32: vector<2x[8]xi8>, %arg33: index):
    %31 = "vector.fma"(%arg30, %arg31, %arg30) : (vector<[4]xf32>, vector<[4]xf32>, vector<[4]xf32>) -> vector<[4]xf32>
    %32 = "vector.reduction"(%31) <{fastmath = #arith.fastmath<none>, kind = #vector.kind<add>}> : (vector<[4]xf32>) -> f32
    %33 = "vector.create_mask"(%arg33) : (index) -> vector<[4]xi1>
    %34 = "vector.step"() : () -> vector<[4]xindex>
    %35 = "vector.extract"(%arg32) <{static_position = array<i64: 1>}> : (vector<2x[8]xi8>) -> vector<[8]xi8>
    %36 = "vector.broadcast"(%32) : (f32) -> vector<[4]xf32>
    "func.return"(%36, %32, %33, %34) : (vector<[4]xf32>, f32, vector<[4]xi1>, vector<[4]xindex>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<4xi32>, vector<4xi32>, i32) -> (vector<8xi32>, i32, i32, f64), sym_name = "shuffle_reduce"}> ({
  ^bb0(%arg27: vector<4xi32>, %arg28: vector<4xi32>, %arg29: i32):
    %26 = "vector.shuffle"(%arg27, %arg28) <{mask = array<i64: 0, 4, 1, 5, 2, 6, 3, 7>}> : (vector<4xi32>, vector<4xi32>) -> vector<8xi32>
    %27 = "vector.reduction"(%arg27, %arg29) <{fastmath = #arith.fastmath<none>, kind = #vector.kind<mul>}> : (vector<4xi32>, i32) -> i32
    %28 = "vector.reduction"(%arg28) <{fastmath = #arith.fastmath<none>, kind = #vector.kind<maxsi>}> : (vector<4xi32>) -> i32
    %29 = "arith.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : vector<2xf64>}> : () -> vector<2xf64>
    %30 = "vector.reduction"(%29) <{fastmath = #arith.fastmath<nnan>, kind = #vector.kind<maximumf>}> : (vector<2xf64>) -> f64
    "func.return"(%26, %27, %28, %30) : (vector<8xi32>, i32, i32, f64) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<4x8xf16>, vector<8x4xf16>, vector<4x4xf32>) -> vector<4x4xf32>, sym_name = "contract"}> ({
  ^bb0(%arg24: vector<4x8xf16>, %arg25: vector<8x4xf16>, %arg26: vector<4x4xf32>):
    %25 = "vector.contract"(%arg24, %arg25, %arg26) <{indexing_maps = [#map, #map1, #map2], iterator_types = [#vector.iterator_type<parallel>, #vector.iterator_type<parallel>, #vector.iterator_type<reduction>], kind = #vector.kind<add>}> : (vector<4x8xf16>, vector<8x4xf16>, vector<4x4xf32>) -> vector<4x4xf32>
    "func.return"(%25) : (vector<4x4xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<4xf32>, vector<8xf32>, vector<4x8xf32>) -> vector<4x8xf32>, sym_name = "outer"}> ({
  ^bb0(%arg21: vector<4xf32>, %arg22: vector<8xf32>, %arg23: vector<4x8xf32>):
    %24 = "vector.outerproduct"(%arg21, %arg22, %arg23) <{kind = #vector.kind<add>}> : (vector<4xf32>, vector<8xf32>, vector<4x8xf32>) -> vector<4x8xf32>
    "func.return"(%24) : (vector<4x8xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<?x?xf32>, tensor<16x16xbf16>, index, vector<8xi1>) -> (vector<8xf32>, vector<4x8xbf16>), sym_name = "transfers"}> ({
  ^bb0(%arg17: memref<?x?xf32>, %arg18: tensor<16x16xbf16>, %arg19: index, %arg20: vector<8xi1>):
    %18 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    %19 = "arith.constant"() <{value = 0.000000e+00 : bf16}> : () -> bf16
    %20 = "vector.transfer_read"(%arg17, %arg19, %arg19, %18) <{in_bounds = [true], operandSegmentSizes = array<i32: 1, 2, 1, 0>, permutation_map = #map3}> : (memref<?x?xf32>, index, index, f32) -> vector<8xf32>
    %21 = "vector.transfer_read"(%arg17, %arg19, %arg19, %18, %arg20) <{in_bounds = [false], operandSegmentSizes = array<i32: 1, 2, 1, 1>, permutation_map = #map3}> : (memref<?x?xf32>, index, index, f32, vector<8xi1>) -> vector<8xf32>
    %22 = "vector.transfer_read"(%arg18, %arg19, %arg19, %19) <{in_bounds = [false, false], operandSegmentSizes = array<i32: 1, 2, 1, 0>, permutation_map = #map4}> : (tensor<16x16xbf16>, index, index, bf16) -> vector<4x8xbf16>
    "vector.transfer_write"(%20, %arg17, %arg19, %arg19) <{in_bounds = [false], operandSegmentSizes = array<i32: 1, 1, 2, 0>, permutation_map = #map3}> : (vector<8xf32>, memref<?x?xf32>, index, index) -> ()
    %23 = "vector.transfer_write"(%22, %arg18, %arg19, %arg19) <{in_bounds = [false, false], operandSegmentSizes = array<i32: 1, 1, 2, 0>, permutation_map = #map4}> : (vector<4x8xbf16>, tensor<16x16xbf16>, index, index) -> tensor<16x16xbf16>
    "func.return"(%21, %22) : (vector<8xf32>, vector<4x8xbf16>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<128xi64>, memref<?xf32, strided<[1], offset: ?>, 1>, index, vector<16xi1>, vector<16xf32>) -> vector<16xf32>, sym_name = "load_store"}> ({
  ^bb0(%arg12: memref<128xi64>, %arg13: memref<?xf32, strided<[1], offset: ?>, 1>, %arg14: index, %arg15: vector<16xi1>, %arg16: vector<16xf32>):
    %16 = "vector.load"(%arg12, %arg14) : (memref<128xi64>, index) -> vector<4xi64>
    "vector.store"(%16, %arg12, %arg14) : (vector<4xi64>, memref<128xi64>, index) -> ()
    %17 = "vector.maskedload"(%arg13, %arg14, %arg15, %arg16) : (memref<?xf32, strided<[1], offset: ?>, 1>, index, vector<16xi1>, vector<16xf32>) -> vector<16xf32>
    "vector.maskedstore"(%arg13, %arg14, %arg15, %17) : (memref<?xf32, strided<[1], offset: ?>, 1>, index, vector<16xi1>, vector<16xf32>) -> ()
    "func.return"(%17) : (vector<16xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<?xf32>, vector<16xi32>, vector<16xi1>, vector<16xf32>) -> vector<16xf32>, sym_name = "gather_scatter"}> ({
  ^bb0(%arg8: memref<?xf32>, %arg9: vector<16xi32>, %arg10: vector<16xi1>, %arg11: vector<16xf32>):
    %14 = "arith.constant"() <{value = 0 : index}> : () -> index
    %15 = "vector.gather"(%arg8, %14, %arg9, %arg10, %arg11) : (memref<?xf32>, index, vector<16xi32>, vector<16xi1>, vector<16xf32>) -> vector<16xf32>
    "vector.scatter"(%arg8, %14, %arg9, %arg10, %15) : (memref<?xf32>, index, vector<16xi32>, vector<16xi1>, vector<16xf32>) -> ()
    "func.return"(%15) : (vector<16xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<2x3x4xf32>, vector<24xi1>) -> (vector<6x4xf32>, vector<4x3x2xf32>, vector<2x12xi1>), sym_name = "reshaping"}> ({
  ^bb0(%arg6: vector<2x3x4xf32>, %arg7: vector<24xi1>):
    %11 = "vector.shape_cast"(%arg6) : (vector<2x3x4xf32>) -> vector<6x4xf32>
    %12 = "vector.transpose"(%arg6) <{permutation = array<i64: 2, 1, 0>}> : (vector<2x3x4xf32>) -> vector<4x3x2xf32>
    %13 = "vector.shape_cast"(%arg7) : (vector<24xi1>) -> vector<2x12xi1>
    "func.return"(%11, %12, %13) : (vector<6x4xf32>, vector<4x3x2xf32>, vector<2x12xi1>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<?xf32>, index, index) -> vector<[8]xf32>, sym_name = "masked_region"}> ({
  ^bb0(%arg3: memref<?xf32>, %arg4: index, %arg5: index):
    %7 = "arith.constant"() <{value = 0.000000e+00 : f32}> : () -> f32
    %8 = "vector.create_mask"(%arg5) : (index) -> vector<[8]xi1>
    %9 = "vector.mask"(%8) ({
      %10 = "vector.transfer_read"(%arg3, %arg4, %7) <{in_bounds = [false], operandSegmentSizes = array<i32: 1, 1, 1, 0>, permutation_map = #map5}> : (memref<?xf32>, index, f32) -> vector<[8]xf32>
      "vector.yield"(%10) : (vector<[8]xf32>) -> ()
    }) : (vector<[8]xi1>) -> vector<[8]xf32>
    "func.return"(%9) : (vector<[8]xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (vector<4xf32>, vector<4xi32>, vector<1xf64>) -> (vector<4xi32>, vector<4xf32>, vector<2xf32>, vector<4xi1>), sym_name = "misc"}> ({
  ^bb0(%arg0: vector<4xf32>, %arg1: vector<4xi32>, %arg2: vector<1xf64>):
    %0 = "vector.bitcast"(%arg0) : (vector<4xf32>) -> vector<4xi32>
    %1 = "vector.constant_mask"() <{mask_dim_sizes = array<i64: 2>}> : () -> vector<4xi1>
    %2 = "vector.extract_strided_slice"(%arg0) <{offsets = [1], sizes = [2], strides = [1]}> : (vector<4xf32>) -> vector<2xf32>
    %3 = "vector.insert_strided_slice"(%2, %arg0) <{offsets = [2], strides = [1]}> : (vector<2xf32>, vector<4xf32>) -> vector<4xf32>
    %4 = "vector.extract"(%arg0) <{static_position = array<i64: 0>}> : (vector<4xf32>) -> f32
    %5 = "vector.from_elements"(%4, %4) : (f32, f32) -> vector<2xf32>
    %6 = "vector.broadcast"(%4) : (f32) -> vector<2x[4]xf32>
    "func.return"(%0, %3, %2, %1) : (vector<4xi32>, vector<4xf32>, vector<2xf32>, vector<4xi1>) -> ()
  }) : () -> ()
}) : () -> ()

