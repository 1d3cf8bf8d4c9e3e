// RUN: strata opt %s --split-input-file
// RUN: strata opt %s --split-input-file --mlir-print-op-generic

// The cpu dialect: native-register vector ops checked against the cpu.target of the
// enclosing function or module, and micro-kernel calls, in generic form. mlir-opt-22 reads
// the generic output (checked by crates/strata/tests/mlir_interop.rs).

module attributes {cpu.target = {features = ["avx", "avx2", "fma"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  func.func @load_store(%m: memref<4x16xf32>, %s: memref<8xi32, strided<[1], offset: ?>>, %i: index, %j: index, %mask: vector<8xi1>) {
    %v = "cpu.vload"(%m, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>
    %w = "cpu.vload"(%m, %i, %j, %mask) : (memref<4x16xf32>, index, index, vector<8xi1>) -> vector<8xf32>
    %h = "cpu.vload"(%m, %i, %j) : (memref<4x16xf32>, index, index) -> vector<4xf32>
    "cpu.vstore"(%w, %m, %i, %j) : (vector<8xf32>, memref<4x16xf32>, index, index) -> ()
    "cpu.vstore"(%v, %m, %i, %j, %mask) : (vector<8xf32>, memref<4x16xf32>, index, index, vector<8xi1>) -> ()
    %x = "cpu.vload"(%s, %i) : (memref<8xi32, strided<[1], offset: ?>>, index) -> vector<8xi32>
    "cpu.vstore"(%x, %s, %i) : (vector<8xi32>, memref<8xi32, strided<[1], offset: ?>>, index) -> ()
    return
  }

  func.func @compute(%x: f32, %a: vector<8xf32>, %b: vector<8xf32>, %n: vector<32xi8>, %k: i8) -> (f32, f32, i8, vector<8xf32>) {
    %v = "cpu.vbroadcast"(%x) : (f32) -> vector<8xf32>
    %f = "cpu.vfma"(%a, %b, %v) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
    %g = arith.addf %f, %a : vector<8xf32>
    %s = "cpu.vreduce"(%g) <{kind = "add"}> : (vector<8xf32>) -> f32
    %m = "cpu.vreduce"(%g, %x) <{kind = "maximumf"}> : (vector<8xf32>, f32) -> f32
    %o = "cpu.vreduce"(%n, %k) <{kind = "xor"}> : (vector<32xi8>, i8) -> i8
    return %s, %m, %o, %g : f32, f32, i8, vector<8xf32>
  }

  func.func @ukernels(%a: memref<2x4x8xf32>, %b: memref<2x8x3xf32>, %c: memref<2x4x3xf32>, %i: memref<1x2x6x6xf32>, %w: memref<3x2x3x3xf32>, %o: memref<1x3x4x4xf32>) {
    "cpu.ukernel"(%a, %b, %c) <{name = "strata.batch_matmul_acc", variant = "x86_avx_fma"}> : (memref<2x4x8xf32>, memref<2x8x3xf32>, memref<2x4x3xf32>) -> ()
    "cpu.ukernel"(%a, %b, %c) <{name = "strata.batch_matmul_acc", variant = "generic"}> : (memref<2x4x8xf32>, memref<2x8x3xf32>, memref<2x4x3xf32>) -> ()
    "cpu.ukernel"(%i, %w, %o) <{dilations = array<i64: 1, 1>, name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, variant = "x86_avx"}> : (memref<1x2x6x6xf32>, memref<3x2x3x3xf32>, memref<1x3x4x4xf32>) -> ()
    return
  }
}

// -----

// AVX-512: 512-bit registers; the attribute on the function.
func.func @avx512(%m: memref<64xf32>, %i: index) -> vector<16xf32> attributes {cpu.target = {features = ["avx", "avx2", "avx512f", "fma"], float_bits = 512 : i64, int_bits = 512 : i64}} {
  %v = "cpu.vload"(%m, %i) : (memref<64xf32>, index) -> vector<16xf32>
  return %v : vector<16xf32>
}

// -----

// NEON: 128-bit registers.
func.func @neon(%m: memref<64xf64>, %i: index) -> vector<2xf64> attributes {cpu.target = {features = ["neon"], float_bits = 128 : i64, int_bits = 128 : i64}} {
  %v = "cpu.vload"(%m, %i) : (memref<64xf64>, index) -> vector<2xf64>
  %w = "cpu.vfma"(%v, %v, %v) : (vector<2xf64>, vector<2xf64>, vector<2xf64>) -> vector<2xf64>
  return %w : vector<2xf64>
}
