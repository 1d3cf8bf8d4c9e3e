// memref dialect: alloc/alloca/dealloc, load/store, subview with strided
// layouts, affine-map layouts, memory spaces, casts, reshapes, globals,
// dim/rank, copy, atomic ops, views.

#tile = affine_map<(d0, d1) -> (d0 * 32 + d1)>
#transposed = affine_map<(d0, d1)[s0] -> (d1 * s0 + d0)>

memref.global "private" constant @lut : memref<4xi32> = dense<[1, 2, 4, 8]>
memref.global @buf : memref<2x3xf32> = uninitialized
memref.global "private" @aligned : memref<16xf64, 1> = dense<0.0> {alignment = 64 : i64}

func.func @alloc_dealloc(%n: index, %m: index) {
  %a = memref.alloc() : memref<8x8xf32>
  %b = memref.alloc(%n) {alignment = 32 : i64} : memref<?x4xf16>
  %c = memref.alloc(%n, %m) : memref<?x?xbf16, 2>
  %d = memref.alloca() : memref<4xi8>
  %e = memref.alloca(%n) : memref<?xi64, #gpu.address_space<workgroup>>
  memref.dealloc %c : memref<?x?xbf16, 2>
  memref.dealloc %b : memref<?x4xf16>
  memref.dealloc %a : memref<8x8xf32>
  return
}

func.func @load_store(%m: memref<4x?xf32>, %i: index, %j: index, %v: f32) -> f32 {
  %x = memref.load %m[%i, %j] : memref<4x?xf32>
  %y = arith.addf %x, %v : f32
  memref.store %y, %m[%j, %i] : memref<4x?xf32>
  %z = memref.load %m[%i, %i] {nontemporal = true} : memref<4x?xf32>
  return %z : f32
}

func.func @layouts(%a: memref<8x32xf32, #tile>, %b: memref<16x16xi32, #transposed>,
                   %c: memref<?x?xf64, strided<[?, 1], offset: ?>>,
                   %d: memref<4x4xi8, strided<[8, 2], offset: 3>, 3>,
                   %e: memref<2x2xf16, affine_map<(d0, d1) -> (d1, d0)>, 1>) -> index {
  %c0 = arith.constant 0 : index
  %r = memref.dim %c, %c0 : memref<?x?xf64, strided<[?, 1], offset: ?>>
  return %r : index
}

func.func @subviews(%m: memref<64x64xf32>, %o: index, %s: index) -> memref<?x?xf32, strided<[64, 1], offset: ?>> {
  %0 = memref.subview %m[4, 8] [16, 32] [1, 1] : memref<64x64xf32> to memref<16x32xf32, strided<[64, 1], offset: 264>>
  %1 = memref.subview %m[%o, %o] [%s, %s] [1, 1] : memref<64x64xf32> to memref<?x?xf32, strided<[64, 1], offset: ?>>
  %2 = memref.subview %0[0, 0] [8, 8] [2, 2] : memref<16x32xf32, strided<[64, 1], offset: 264>> to memref<8x8xf32, strided<[128, 2], offset: 264>>
  %3 = memref.subview %m[0, 0] [1, 64] [1, 1] : memref<64x64xf32> to memref<64xf32, strided<[1]>>
  return %1 : memref<?x?xf32, strided<[64, 1], offset: ?>>
}

func.func @casts(%m: memref<4x4xf32>, %u: memref<*xf32>, %d: memref<?xi32>) -> (memref<?x?xf32>, memref<4xi32>, memref<4x4xf32, 1>) {
  %0 = memref.cast %m : memref<4x4xf32> to memref<?x?xf32>
  %1 = memref.cast %m : memref<4x4xf32> to memref<*xf32>
  %2 = memref.cast %d : memref<?xi32> to memref<4xi32>
  %3 = memref.memory_space_cast %m : memref<4x4xf32> to memref<4x4xf32, 1>
  %r = memref.rank %u : memref<*xf32>
  return %0, %2, %3 : memref<?x?xf32>, memref<4xi32>, memref<4x4xf32, 1>
}

func.func @reshapes(%m: memref<2x3x4xf32>, %n: memref<24xf32>, %shape: memref<2xindex>) -> memref<?x?xf32> {
  %0 = memref.collapse_shape %m [[0, 1], [2]] : memref<2x3x4xf32> into memref<6x4xf32>
  %1 = memref.expand_shape %n [[0, 1]] output_shape [4, 6] : memref<24xf32> into memref<4x6xf32>
  %2 = memref.reshape %n(%shape) : (memref<24xf32>, memref<2xindex>) -> memref<?x?xf32>
  %3 = memref.reinterpret_cast %n to offset: [0], sizes: [6, 4], strides: [4, 1] : memref<24xf32> to memref<6x4xf32>
  %4 = memref.transpose %0 (i, j) -> (j, i) : memref<6x4xf32> to memref<4x6xf32, affine_map<(d0, d1) -> (d1 * 4 + d0)>>
  return %2 : memref<?x?xf32>
}

func.func @globals_and_copy(%dst: memref<4xi32>) {
  %g = memref.get_global @lut : memref<4xi32>
  memref.copy %g, %dst : memref<4xi32> to memref<4xi32>
  return
}

func.func @atomics(%m: memref<10xf32>, %i: index, %v: f32) -> (f32, f32) {
  %0 = memref.atomic_rmw addf %v, %m[%i] : (f32, memref<10xf32>) -> f32
  %1 = memref.generic_atomic_rmw %m[%i] : memref<10xf32> {
  ^bb0(%cur: f32):
    %n = arith.maximumf %cur, %v : f32
    memref.atomic_yield %n : f32
  }
  return %0, %1 : f32, f32
}

func.func @view_and_scope(%raw: memref<2048xi8>, %n: index) {
  %c0 = arith.constant 0 : index
  %v = memref.view %raw[%c0][%n] : memref<2048xi8> to memref<?x4xf32>
  memref.alloca_scope {
    %t = memref.alloca() : memref<16xf32>
    memref.alloca_scope.return
  }
  %p = memref.extract_aligned_pointer_as_index %raw : memref<2048xi8> -> index
  %base, %off, %sizes:2, %strides:2 = memref.extract_strided_metadata %v : memref<?x4xf32> -> memref<f32>, index, index, index, index, index
  memref.assume_alignment %raw, 16 : memref<2048xi8>
  return
}
