// RUN: strata opt %s --cpu-ukernels

// Bufferized matrix products and NCHW convolutions on f32 become hw.intrinsic calls of the
// cpu micro-kernels (here a gemm with a transposed B, and a strided convolution); fills,
// element-wise generics and products on other element types are left to tensor-to-loop.

#map = affine_map<(d0, d1) -> ()>
#map1 = affine_map<(d0, d1) -> (d0, d1)>
#map2 = affine_map<(d0, d1, d2) -> (d0, d2)>
#map3 = affine_map<(d0, d1, d2) -> (d1, d2)>
#map4 = affine_map<(d0, d1, d2) -> (d0, d1)>
#map5 = affine_map<(d0, d1) -> (d1)>
#map6 = affine_map<(d0, d1, d2, d3) -> ()>
#map7 = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#map8 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d4, d2 * 2 + d5, d3 * 2 + d6)>
#map9 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d1, d4, d5, d6)>
#map10 = affine_map<(d0, d1, d2, d3, d4, d5, d6) -> (d0, d1, d2, d3)>
module {
  func.func @f(%arg0: memref<4x8xf32>, %arg1: memref<6x8xf32>, %arg2: memref<6xf32>, %arg3: memref<4x6xf32>) attributes {strata.num_outputs = 1 : i64} {
    %cst = arith.constant 0.000000e+00 : f32
    %0 = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<4x6xf32>
    "tensor.generic"(%cst, %0) <{indexing_maps = [#map, #map1], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg4: f32, %arg5: f32):
      "tensor.yield"(%arg4) : (f32) -> ()
    }) : (f32, memref<4x6xf32>) -> ()
    "tensor.generic"(%arg0, %arg1, %0) <{indexing_maps = [#map2, #map3, #map4], iterator_types = ["parallel", "parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg4: f32, %arg5: f32, %arg6: f32):
      %1 = arith.mulf %arg4, %arg5 : f32
      %2 = arith.addf %arg6, %1 : f32
      "tensor.yield"(%2) : (f32) -> ()
    }) : (memref<4x8xf32>, memref<6x8xf32>, memref<4x6xf32>) -> ()
    "tensor.generic"(%0, %arg2, %arg3) <{indexing_maps = [#map1, #map5, #map1], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg4: f32, %arg5: f32, %arg6: f32):
      %1 = arith.addf %arg4, %arg5 : f32
      "tensor.yield"(%1) : (f32) -> ()
    }) : (memref<4x6xf32>, memref<6xf32>, memref<4x6xf32>) -> ()
    "loop.dealloc"(%0) : (memref<4x6xf32>) -> ()
    return
  }
  func.func @g(%arg0: memref<1x2x5x5xf32>, %arg1: memref<3x2x3x3xf32>, %arg2: memref<1x3x2x2xf32>) attributes {strata.num_outputs = 1 : i64} {
    %cst = arith.constant 0.000000e+00 : f32
    "tensor.generic"(%cst, %arg2) <{indexing_maps = [#map6, #map7], iterator_types = ["parallel", "parallel", "parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%arg3: f32, %arg4: f32):
      "tensor.yield"(%arg3) : (f32) -> ()
    }) : (f32, memref<1x3x2x2xf32>) -> ()
    "tensor.generic"(%arg0, %arg1, %arg2) <{indexing_maps = [#map8, #map9, #map10], iterator_types = ["parallel", "parallel", "parallel", "parallel", "reduction", "reduction", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg3: f32, %arg4: f32, %arg5: f32):
      %0 = arith.mulf %arg3, %arg4 : f32
      %1 = arith.addf %arg5, %0 : f32
      "tensor.yield"(%1) : (f32) -> ()
    }) : (memref<1x2x5x5xf32>, memref<3x2x3x3xf32>, memref<1x3x2x2xf32>) -> ()
    return
  }
  func.func @f64_matmul(%arg0: memref<4x8xf64>, %arg1: memref<8x6xf64>, %arg2: memref<4x6xf64>) attributes {strata.num_outputs = 1 : i64} {
    "tensor.generic"(%arg0, %arg1, %arg2) <{indexing_maps = [#map2, affine_map<(d0, d1, d2) -> (d2, d1)>, #map4], iterator_types = ["parallel", "parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%arg4: f64, %arg5: f64, %arg6: f64):
      %1 = arith.mulf %arg4, %arg5 : f64
      %2 = arith.addf %arg6, %1 : f64
      "tensor.yield"(%2) : (f64) -> ()
    }) : (memref<4x8xf64>, memref<8x6xf64>, memref<4x6xf64>) -> ()
    return
  }
}
