#map = affine_map<(d0, d1) -> (d0 * 32 + d1)>
#map1 = affine_map<(d0, d1)[s0] -> (d1 * s0 + d0)>
#map2 = affine_map<(d0, d1) -> (d1, d0)>
#map3 = affine_map<(d0, d1) -> (d1 * 4 + d0)>
"builtin.module"() ({
  "memref.global"() <{constant, initial_value = dense<[1, 2, 4, 8]> : tensor<4xi32>, sym_name = "lut", sym_visibility = "private", type = memref<4xi32>}> : () -> ()
  "memref.global"() <{initial_value, sym_name = "buf", type = memref<2x3xf32>}> : () -> ()
  "memref.global"() <{alignment = 64 : i64, initial_value = dense<0.000000e+00> : tensor<16xf64>, sym_name = "aligned", sym_visibility = "private", type = memref<16xf64, 1>}> : () -> ()
  "func.func"() <{function_type = (index, index) -> (), sym_name = "alloc_dealloc"}> ({
  ^bb0(%arg25: index, %arg26: index):
    %29 = "memref.alloc"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<8x8xf32>
    %30 = "memref.alloc"(%arg25) <{alignment = 32 : i64, operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?x4xf16>
    %31 = "memref.alloc"(%arg25, %arg26) <{operandSegmentSizes = array<i32: 2, 0>}> : (index, index) -> memref<?x?xbf16, 2>
    %32 = "memref.alloca"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<4xi8>
    %33 = "memref.alloca"(%arg25) <{operandSegmentSizes = array<i32: 1, 0>}> : (index) -> memref<?xi64, #gpu.address_space<workgroup>>
    "memref.dealloc"(%31) : (memref<?x?xbf16, 2>) -> ()
    "memref.dealloc"(%30) : (memref<?x4xf16>) -> ()
    "memref.dealloc"(%29) : (memref<8x8xf32>) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<4x?xf32>, index, index, f32) -> f32, sym_name = "load_store"}> ({
  ^bb0(%arg21: memref<4x?xf32>, %arg22: index, %arg23: index, %arg24: f32):
    %26 = "memref.load"(%arg21, %arg22, %arg23) : (memref<4x?xf32>, index, index) -> f32
    %27 = "arith.addf"(%26, %arg24) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
    "memref.store"(%27, %arg21, %arg23, %arg22) : (f32, memref<4x?xf32>, index, index) -> ()
    %28 = "memref.load"(%arg21, %arg22, %arg22) <{nontemporal = true}> : (memref<4x?xf32>, index, index) -> f32
    "func.return"(%28) : (f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<8x32xf32, #map>, memref<16x16xi32, #map1>, memref<?x?xf64, strided<[?, 1], offset: ?>>, memref<4x4xi8, strided<[8, 2], offset: 3>, 3>, memref<2x2xf16, #map2, 1>) -> index, sym_name = "layouts"}> ({
  ^bb0(%arg16: memref<8x32xf32, #map>, %arg17: memref<16x16xi32, #map1>, %arg18: memref<?x?xf64, strided<[?, 1], offset: ?>>, %arg19: memref<4x4xi8, strided<[8, 2], offset: 3>, 3>, %arg20: memref<2x2xf16, #map2, 1>):
    %24 = "arith.constant"() <{value = 0 : index}> : () -> index
    %25 = "memref.dim"(%arg18, %24) : (memref<?x?xf64, strided<[?, 1], offset: ?>>, index) -> index
    "func.return"(%25) : (index) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<64x64xf32>, index, index) -> memref<?x?xf32, strided<[64, 1], offset: ?>>, sym_name = "subviews"}> ({
  ^bb0(%arg13: memref<64x64xf32>, %arg14: index, %arg15: index):
    %20 = "memref.subview"(%arg13) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 4, 8>, static_sizes = array<i64: 16, 32>, static_strides = array<i64: 1, 1>}> : (memref<64x64xf32>) -> memref<16x32xf32, strided<[64, 1], offset: 264>>
    %21 = "memref.subview"(%arg13, %arg14, %arg14, %arg15, %arg15) <{operandSegmentSizes = array<i32: 1, 2, 2, 0>, static_offsets = array<i64: -9223372036854775808, -9223372036854775808>, static_sizes = array<i64: -9223372036854775808, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<64x64xf32>, index, index, index, index) -> memref<?x?xf32, strided<[64, 1], offset: ?>>
    %22 = "memref.subview"(%20) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 8, 8>, static_strides = array<i64: 2, 2>}> : (memref<16x32xf32, strided<[64, 1], offset: 264>>) -> memref<8x8xf32, strided<[128, 2], offset: 264>>
    %23 = "memref.subview"(%arg13) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0, 0>, static_sizes = array<i64: 1, 64>, static_strides = array<i64: 1, 1>}> : (memref<64x64xf32>) -> memref<64xf32, strided<[1]>>
    "func.return"(%21) : (memref<?x?xf32, strided<[64, 1], offset: ?>>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<4x4xf32>, memref<*xf32>, memref<?xi32>) -> (memref<?x?xf32>, memref<4xi32>, memref<4x4xf32, 1>), sym_name = "casts"}> ({
  ^bb0(%arg10: memref<4x4xf32>, %arg11: memref<*xf32>, %arg12: memref<?xi32>):
    %15 = "memref.cast"(%arg10) : (memref<4x4xf32>) -> memref<?x?xf32>
    %16 = "memref.cast"(%arg10) : (memref<4x4xf32>) -> memref<*xf32>
    %17 = "memref.cast"(%arg12) : (memref<?xi32>) -> memref<4xi32>
    %18 = "memref.memory_space_cast"(%arg10) : (memref<4x4xf32>) -> memref<4x4xf32, 1>
    %19 = "memref.rank"(%arg11) : (memref<*xf32>) -> index
    "func.return"(%15, %17, %18) : (memref<?x?xf32>, memref<4xi32>, memref<4x4xf32, 1>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<2x3x4xf32>, memref<24xf32>, memref<2xindex>) -> memref<?x?xf32>, sym_name = "reshapes"}> ({
  ^bb0(%arg7: memref<2x3x4xf32>, %arg8: memref<24xf32>, %arg9: memref<2xindex>):
    %10 = "memref.collapse_shape"(%arg7) <{reassociation = [[0, 1], [2]]}> : (memref<2x3x4xf32>) -> memref<6x4xf32>
    %11 = "memref.expand_shape"(%arg8) <{reassociation = [[0, 1]], static_output_shape = array<i64: 4, 6>}> : (memref<24xf32>) -> memref<4x6xf32>
    %12 = "memref.reshape"(%arg8, %arg9) : (memref<24xf32>, memref<2xindex>) -> memref<?x?xf32>
    %13 = "memref.reinterpret_cast"(%arg8) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 0>, static_sizes = array<i64: 6, 4>, static_strides = array<i64: 4, 1>}> : (memref<24xf32>) -> memref<6x4xf32>
    %14 = "memref.transpose"(%10) <{permutation = #map2}> : (memref<6x4xf32>) -> memref<4x6xf32, #map3>
    "func.return"(%12) : (memref<?x?xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<4xi32>) -> (), sym_name = "globals_and_copy"}> ({
  ^bb0(%arg6: memref<4xi32>):
    %9 = "memref.get_global"() <{name = @lut}> : () -> memref<4xi32>
    "memref.copy"(%9, %arg6) : (memref<4xi32>, memref<4xi32>) -> ()
    "func.return"() : () -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<10xf32>, index, f32) -> (f32, f32), sym_name = "atomics"}> ({
  ^bb0(%arg2: memref<10xf32>, %arg3: index, %arg4: f32):
    %6 = "memref.atomic_rmw"(%arg4, %arg2, %arg3) <{kind = 0 : i64}> : (f32, memref<10xf32>, index) -> f32
    %7 = "memref.generic_atomic_rmw"(%arg2, %arg3) ({
    ^bb0(%arg5: f32):
      %8 = "arith.maximumf"(%arg5, %arg4) <{fastmath = #arith.fastmath<none>}> : (f32, f32) -> f32
      "memref.atomic_yield"(%8) : (f32) -> ()
    }) : (memref<10xf32>, index) -> f32
    "func.return"(%6, %7) : (f32, f32) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (memref<2048xi8>, index) -> (), sym_name = "view_and_scope"}> ({
  ^bb0(%arg0: memref<2048xi8>, %arg1: index):
    %0 = "arith.constant"() <{value = 0 : index}> : () -> index
    %1 = "memref.view"(%arg0, %0, %arg1) : (memref<2048xi8>, index, index) -> memref<?x4xf32>
    "memref.alloca_scope"() ({
      %5 = "memref.alloca"() <{operandSegmentSizes = array<i32: 0, 0>}> : () -> memref<16xf32>
      "memref.alloca_scope.return"() : () -> ()
    }) : () -> ()
    %2 = "memref.extract_aligned_pointer_as_index"(%arg0) : (memref<2048xi8>) -> index
    %3:6 = "memref.extract_strided_metadata"(%1) : (memref<?x4xf32>) -> (memref<f32>, index, index, index, index, index)
    %4 = "memref.assume_alignment"(%arg0) <{alignment = 16 : i32}> : (memref<2048xi8>) -> memref<2048xi8>
    "func.return"() : () -> ()
  }) : () -> ()
}) : () -> ()

