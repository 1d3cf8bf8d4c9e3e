// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the cpu dialect, one per chunk.

func.func @no_target(%m: memref<16xf32>, %i: index) {
  // expected-error @+1 {{'cpu.vload' op needs a 'cpu.target' attribute on an enclosing op (the function or the module)}}
  %v = "cpu.vload"(%m, %i) : (memref<16xf32>, index) -> vector<8xf32>
  return
}

// -----

// expected-error @+1 {{'func.func' op 'cpu.target' float_bits must be 0 or a power of two from 64 to 4096, but is 100}}
func.func @bad_target(%m: memref<16xf32>, %i: index) attributes {cpu.target = {features = [], float_bits = 100 : i64, int_bits = 128 : i64}} {
  %v = "cpu.vload"(%m, %i) : (memref<16xf32>, index) -> vector<4xf32>
  return
}

// -----

func.func @too_wide(%m: memref<16xf32>, %i: index) attributes {cpu.target = {features = ["avx", "avx2", "fma"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vload' op result vector<16xf32> has 512 bits, more than the 256-bit float registers of features [avx, avx2, fma]}}
  %v = "cpu.vload"(%m, %i) : (memref<16xf32>, index) -> vector<16xf32>
  return
}

// -----

// AVX without AVX2: 256-bit float but 128-bit integer vectors.
func.func @int_width(%x: i32) attributes {cpu.target = {features = ["avx"], float_bits = 256 : i64, int_bits = 128 : i64}} {
  // expected-error @+1 {{'cpu.vbroadcast' op result vector<8xi32> has 256 bits, more than the 128-bit integer registers of features [avx]}}
  %v = "cpu.vbroadcast"(%x) : (i32) -> vector<8xi32>
  return
}

// -----

func.func @scalar_only(%x: f32) attributes {cpu.target = {features = [], float_bits = 0 : i64, int_bits = 0 : i64}} {
  // expected-error @+1 {{'cpu.vbroadcast' op result vector<2xf32> has 64 bits, more than the 0-bit float registers of features []}}
  %v = "cpu.vbroadcast"(%x) : (f32) -> vector<2xf32>
  return
}

// -----

func.func @f16(%x: f16) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vbroadcast' op result has element type f16; cpu vectors hold f32, f64, i8, i16, i32 or i64}}
  %v = "cpu.vbroadcast"(%x) : (f16) -> vector<8xf16>
  return
}

// -----

func.func @lanes(%x: f32) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vbroadcast' op result must be 1-D with a power-of-two number of lanes, but is vector<6xf32>}}
  %v = "cpu.vbroadcast"(%x) : (f32) -> vector<6xf32>
  return
}

// -----

func.func @broadcast_type(%x: f64) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vbroadcast' op operand type f64 differs from the result element type f32}}
  %v = "cpu.vbroadcast"(%x) : (f64) -> vector<8xf32>
  return
}

// -----

func.func @stride(%m: memref<4x8xf32, strided<[1, 4]>>, %i: index) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vload' op memref must have a unit innermost stride, but is memref<4x8xf32, strided<[1, 4]>>}}
  %v = "cpu.vload"(%m, %i, %i) : (memref<4x8xf32, strided<[1, 4]>>, index, index) -> vector<8xf32>
  return
}

// -----

func.func @mask(%m: memref<16xf32>, %i: index, %k: vector<4xi1>) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vload' op mask must be a vector of i1 with one lane per vector lane, but is vector<4xi1>}}
  %v = "cpu.vload"(%m, %i, %k) : (memref<16xf32>, index, vector<4xi1>) -> vector<8xf32>
  return
}

// -----

func.func @indices(%v: vector<8xf32>, %m: memref<4x16xf32>, %i: index) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vstore' op index #1 must be index, but is vector<8xf32>}}
  "cpu.vstore"(%v, %m, %i, %v) : (vector<8xf32>, memref<4x16xf32>, index, vector<8xf32>) -> ()
  return
}

// -----

func.func @store_elem(%v: vector<8xi32>, %m: memref<16xf32>, %i: index) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vstore' op vector element type i32 differs from the memref element type f32}}
  "cpu.vstore"(%v, %m, %i) : (vector<8xi32>, memref<16xf32>, index) -> ()
  return
}

// -----

func.func @fma_int(%a: vector<8xi32>) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vfma' op expects a vector of floats, but the result is vector<8xi32>}}
  %d = "cpu.vfma"(%a, %a, %a) : (vector<8xi32>, vector<8xi32>, vector<8xi32>) -> vector<8xi32>
  return
}

// -----

func.func @fma_types(%a: vector<8xf32>, %b: vector<4xf32>) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vfma' op operand #1 type vector<4xf32> differs from the result type vector<8xf32>}}
  %d = "cpu.vfma"(%a, %b, %a) : (vector<8xf32>, vector<4xf32>, vector<8xf32>) -> vector<8xf32>
  return
}

// -----

func.func @reduce_kind(%v: vector<8xf32>) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vreduce' op reduction kind "xor" does not apply to f32}}
  %s = "cpu.vreduce"(%v) <{kind = "xor"}> : (vector<8xf32>) -> f32
  return
}

// -----

func.func @reduce_acc(%v: vector<8xf32>, %a: f64) attributes {cpu.target = {features = ["avx2"], float_bits = 256 : i64, int_bits = 256 : i64}} {
  // expected-error @+1 {{'cpu.vreduce' op result and accumulator must have the element type f32}}
  %s = "cpu.vreduce"(%v, %a) <{kind = "add"}> : (vector<8xf32>, f64) -> f32
  return
}

// -----

func.func @variant(%a: memref<4x8xf32>, %b: memref<8x3xf32>, %c: memref<4x3xf32>) attributes {cpu.target = {features = ["sse4.2"], float_bits = 128 : i64, int_bits = 128 : i64}} {
  // expected-error @+1 {{'cpu.ukernel' op variant "x86_avx_fma" needs feature 'avx', which the target [sse4.2] lacks}}
  "cpu.ukernel"(%a, %b, %c) <{name = "strata.batch_matmul_acc", variant = "x86_avx_fma"}> : (memref<4x8xf32>, memref<8x3xf32>, memref<4x3xf32>) -> ()
  return
}

// -----

func.func @kernel_name(%a: memref<4x8xf32>, %b: memref<8x3xf32>, %c: memref<4x3xf32>) attributes {cpu.target = {features = [], float_bits = 128 : i64, int_bits = 128 : i64}} {
  // expected-error @+1 {{'cpu.ukernel' op unknown micro-kernel "strata.matmul_acc" (expected one of strata.batch_matmul_acc, strata.conv2d_nchw_acc)}}
  "cpu.ukernel"(%a, %b, %c) <{name = "strata.matmul_acc", variant = "generic"}> : (memref<4x8xf32>, memref<8x3xf32>, memref<4x3xf32>) -> ()
  return
}

// -----

func.func @kernel_operands(%a: memref<4x8xf64>, %b: memref<8x3xf32>, %c: memref<4x3xf32>) attributes {cpu.target = {features = [], float_bits = 128 : i64, int_bits = 128 : i64}} {
  // expected-error @+1 {{'cpu.ukernel' op operand #0 must be an f32 memref of rank at least 2, but is memref<4x8xf64>}}
  "cpu.ukernel"(%a, %b, %c) <{name = "strata.batch_matmul_acc", variant = "generic"}> : (memref<4x8xf64>, memref<8x3xf32>, memref<4x3xf32>) -> ()
  return
}

// -----

func.func @conv_attrs(%i: memref<1x2x6x6xf32>, %w: memref<3x2x3x3xf32>, %o: memref<1x3x4x4xf32>) attributes {cpu.target = {features = [], float_bits = 128 : i64, int_bits = 128 : i64}} {
  // expected-error @+1 {{'cpu.ukernel' op 'strides' must be two positive integers}}
  "cpu.ukernel"(%i, %w, %o) <{dilations = array<i64: 1, 1>, name = "strata.conv2d_nchw_acc", strides = array<i64: 0, 1>, variant = "generic"}> : (memref<1x2x6x6xf32>, memref<3x2x3x3xf32>, memref<1x3x4x4xf32>) -> ()
  return
}
