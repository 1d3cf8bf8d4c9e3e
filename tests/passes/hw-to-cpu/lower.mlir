// RUN: strata opt %s --pass-pipeline=builtin.module(hw-to-cpu{features=avx,avx2,fma})
// RUN: strata opt %s --pass-pipeline=builtin.module(hw-to-cpu{features=avx,avx2,avx512f,fma})
// RUN: strata opt %s --pass-pipeline=builtin.module(hw-to-cpu{features=sse4.2})

// hw-to-cpu for AVX2 (256-bit registers: vector<8xf32> is one register, vector<16xf32> two
// pieces), AVX-512 (both fit one register) and SSE (128 bits: 2 and 4 pieces). Loads and
// stores of the pieces are at consecutive positions, element-wise ops run per piece, the
// reduction chains the pieces in lane order, and the micro-kernel call gets the best
// variant the features allow (x86_avx_fma, x86_avx_fma, generic).

func.func @axpy(%x: memref<64xf32>, %y: memref<64xf32>, %a: f32, %i: index) -> f32 {
  %av = "hw.broadcast"(%a) : (f32) -> vector<16xf32>
  %xv = "hw.load"(%x, %i) : (memref<64xf32>, index) -> vector<16xf32>
  %yv = "hw.load"(%y, %i) : (memref<64xf32>, index) -> vector<16xf32>
  %r = "hw.fma"(%av, %xv, %yv) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
  %m = arith.maximumf %r, %yv : vector<16xf32>
  "hw.store"(%m, %y, %i) : (vector<16xf32>, memref<64xf32>, index) -> ()
  %s = "hw.reduction"(%m, %a) <{kind = "add"}> : (vector<16xf32>, f32) -> f32
  return %s : f32
}

func.func @one_register(%x: memref<4x8xi32>, %i: index) -> i32 {
  %c0 = arith.constant 0 : index
  %v = "hw.load"(%x, %i, %c0) : (memref<4x8xi32>, index, index) -> vector<8xi32>
  %w = arith.addi %v, %v : vector<8xi32>
  "hw.store"(%w, %x, %i, %c0) : (vector<8xi32>, memref<4x8xi32>, index, index) -> ()
  %s = "hw.reduction"(%w) <{kind = "maxsi"}> : (vector<8xi32>) -> i32
  return %s : i32
}

func.func @kernel(%a: memref<4x8xf32>, %b: memref<8x3xf32>, %c: memref<4x3xf32>) {
  "hw.intrinsic"(%a, %b, %c) <{name = "strata.batch_matmul_acc"}> : (memref<4x8xf32>, memref<8x3xf32>, memref<4x3xf32>) -> ()
  return
}
