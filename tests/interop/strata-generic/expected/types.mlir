#map = affine_map<(d0, d1) -> (d1, d0)>
"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%arg32: i1, %arg33: i8, %arg34: i32, %arg35: i64, %arg36: si16, %arg37: ui64, %arg38: i17, %arg39: index, %arg40: f16, %arg41: bf16, %arg42: f32, %arg43: f64, %arg44: none):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.shaped"() ({
  ^bb0(%arg11: tensor<f32>, %arg12: tensor<4xi8>, %arg13: tensor<?x?x3xf64>, %arg14: tensor<*xbf16>, %arg15: tensor<0x4xf32>, %arg16: tensor<8xf32, #ut.enc<"csr">>, %arg17: tensor<2xcomplex<f32>>, %arg18: memref<f32>, %arg19: memref<4x?xf32>, %arg20: memref<*xi32, 1>, %arg21: memref<4x4xf32, strided<[4, 1]>>, %arg22: memref<?x?xf32, strided<[?, ?], offset: ?>, 3>, %arg23: memref<8x8xf16, #map>, %arg24: memref<16xf32, "shared">, %arg25: memref<4xvector<4xf32>>, %arg26: vector<4xf32>, %arg27: vector<2x3xi1>, %arg28: vector<[4]xf32>, %arg29: vector<2x[8]xi8>, %arg30: vector<[2]x[2]xf64>, %arg31: vector<index>):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.other"() ({
  ^bb0(%arg0: complex<f32>, %arg1: complex<f64>, %arg2: tuple<>, %arg3: tuple<i32, tuple<f32, index>>, %arg4: () -> (), %arg5: (i32) -> i64, %arg6: (i32, f32) -> (i1, i8), %arg7: ((i32) -> i32) -> (() -> ()), %arg8: !ut.opaque, %arg9: !ut.opaque<"x" 1 [2]>, %arg10: !llvm.ptr):
    "ut.yield"() : () -> ()
  }) : () -> ()
  %0 = "ut.results"() : () -> complex<f32>
  %1:3 = "ut.results3"() : () -> (none, tuple<i1>, (f32) -> f32)
  "ut.use"(%0, %1#0, %1#1, %1#2) : (complex<f32>, none, tuple<i1>, (f32) -> f32) -> ()
}) : () -> ()

