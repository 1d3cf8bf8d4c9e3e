// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The hw dialect: vector transfers, register-level vector ops, workers, barriers and
// intrinsic calls, in generic form. mlir-opt-22 reads the generic output (checked by
// crates/strata/tests/mlir_interop.rs).

func.func @transfers(%m: memref<4x10xf32>, %i: index, %j: index, %k: index) -> vector<8xf32> {
  %pad = arith.constant 0.000000e+00 : f32
  %v = "hw.transfer_read"(%m, %i, %j, %pad) : (memref<4x10xf32>, index, index, f32) -> vector<8xf32>
  %mask = "hw.create_mask"(%k) : (index) -> vector<8xi1>
  %w = "hw.transfer_read"(%m, %i, %j, %pad, %mask) <{in_bounds}> : (memref<4x10xf32>, index, index, f32, vector<8xi1>) -> vector<8xf32>
  %t = "hw.transfer_read"(%m, %i, %j, %pad) : (memref<4x10xf32>, index, index, f32) -> vector<2x4xf32>
  "hw.transfer_write"(%v, %m, %i, %j) : (vector<8xf32>, memref<4x10xf32>, index, index) -> ()
  "hw.transfer_write"(%w, %m, %i, %j, %mask) : (vector<8xf32>, memref<4x10xf32>, index, index, vector<8xi1>) -> ()
  "hw.transfer_write"(%t, %m, %i, %j) <{in_bounds}> : (vector<2x4xf32>, memref<4x10xf32>, index, index) -> ()
  return %v : vector<8xf32>
}

func.func @load_store(%m: memref<4x16xi32>, %s: memref<8xi32, strided<[1], offset: ?>>, %i: index, %j: index) {
  %v = "hw.load"(%m, %i, %j) : (memref<4x16xi32>, index, index) -> vector<8xi32>
  "hw.store"(%v, %s, %i) : (vector<8xi32>, memref<8xi32, strided<[1], offset: ?>>, index) -> ()
  return
}

func.func @compute(%x: f32, %a: vector<8xf32>, %b: vector<8xf32>, %i: index) -> (f32, f32, vector<8xf32>) {
  %v = "hw.broadcast"(%x) : (f32) -> vector<8xf32>
  %f = "hw.fma"(%a, %b, %v) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %s = "hw.reduction"(%f) <{kind = "add"}> : (vector<8xf32>) -> f32
  %m = "hw.reduction"(%f, %x) <{kind = "maximumf"}> : (vector<8xf32>, f32) -> f32
  %sh = "hw.shuffle"(%a, %b) <{mask = array<i64: 0, 8, 1, 9, 2, 10, 3, 11>}> : (vector<8xf32>, vector<8xf32>) -> vector<8xf32>
  %e = "hw.extract"(%sh, %i) : (vector<8xf32>, index) -> f32
  %r = "hw.insert"(%e, %sh, %i) : (f32, vector<8xf32>, index) -> vector<8xf32>
  %sum = arith.addf %r, %a : vector<8xf32>
  %sq = math.sqrt %sum : vector<8xf32>
  return %s, %m, %sq : f32, f32, vector<8xf32>
}

func.func @ints(%a: vector<4xi32>, %acc: i32) -> (i32, i32, vector<8x4xi32>) {
  %x = "hw.reduction"(%a) <{kind = "xor"}> : (vector<4xi32>) -> i32
  %m = "hw.reduction"(%a, %acc) <{kind = "minsi"}> : (vector<4xi32>, i32) -> i32
  %b = "hw.broadcast"(%acc) : (i32) -> vector<4x8xi32>
  %t = "hw.transpose"(%b) <{permutation = array<i64: 1, 0>}> : (vector<4x8xi32>) -> vector<8x4xi32>
  return %x, %m, %t : i32, i32, vector<8x4xi32>
}

func.func @workers(%m: memref<64xf32>, %n: index) {
  %c0 = arith.constant 0 : index
  %c8 = arith.constant 8 : index
  "hw.parallel"(%c0, %n, %c8) <{workers = 4 : i64}> ({
  ^bb0(%i: index):
    %scratch = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<8xf32, 1>
    %v = "hw.load"(%m, %i) : (memref<64xf32>, index) -> vector<8xf32>
    "hw.store"(%v, %scratch, %c0) : (vector<8xf32>, memref<8xf32, 1>, index) -> ()
    "hw.barrier"() : () -> ()
    "loop.dealloc"(%scratch) : (memref<8xf32, 1>) -> ()
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "hw.parallel"(%c0, %n, %c8) ({
  ^bb0(%i: index):
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

func.func @intrinsics(%a: memref<4x8xf32>, %b: memref<8x2xf32>, %c: memref<4x2xf32>, %x: vector<8xf32>) -> vector<8xf32> {
  "hw.intrinsic"(%a, %b, %c) <{name = "strata.matmul_acc"}> : (memref<4x8xf32>, memref<8x2xf32>, memref<4x2xf32>) -> ()
  %r = "hw.intrinsic"(%x) <{name = "x86.avx.rsqrt.ps.256"}> : (vector<8xf32>) -> vector<8xf32>
  return %r : vector<8xf32>
}
