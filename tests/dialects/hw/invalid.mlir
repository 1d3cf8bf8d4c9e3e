// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the hw dialect, one per chunk.

func.func @f(%m: memref<4x10xf32>, %i: index, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op expects the memref, 2 indices, the padding value and an optional mask (4 or 5 operands), but has 3}}
  %v = "hw.transfer_read"(%m, %i, %pad) : (memref<4x10xf32>, index, f32) -> vector<8xf32>
  return
}

// -----

func.func @f(%m: memref<4x10xf32>, %i: index, %j: i32, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op index #1 must be index, but is i32}}
  %v = "hw.transfer_read"(%m, %i, %j, %pad) : (memref<4x10xf32>, index, i32, f32) -> vector<8xf32>
  return
}

// -----

func.func @f(%m: memref<4x10xf32>, %i: index, %pad: f64) {
  // expected-error @+1 {{'hw.transfer_read' op padding type f64 differs from the element type f32}}
  %v = "hw.transfer_read"(%m, %i, %i, %pad) : (memref<4x10xf32>, index, index, f64) -> vector<8xf32>
  return
}

// -----

func.func @f(%m: memref<4x10xf32>, %i: index, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op vector element type f64 differs from the memref element type f32}}
  %v = "hw.transfer_read"(%m, %i, %i, %pad) : (memref<4x10xf32>, index, index, f32) -> vector<8xf64>
  return
}

// -----

func.func @f(%m: memref<10xf32>, %i: index, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op vector rank 2 must be between 1 and the memref rank 1}}
  %v = "hw.transfer_read"(%m, %i, %pad) : (memref<10xf32>, index, f32) -> vector<2x4xf32>
  return
}

// -----

func.func @f(%m: memref<10xf32>, %i: index, %pad: f32, %k: vector<4xi1>) {
  // expected-error @+1 {{'hw.transfer_read' op mask must be a vector of i1 of shape 8, but is vector<4xi1>}}
  %v = "hw.transfer_read"(%m, %i, %pad, %k) : (memref<10xf32>, index, f32, vector<4xi1>) -> vector<8xf32>
  return
}

// -----

func.func @f(%m: memref<10xf32>, %i: index, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op result must be a fixed-size vector, but is f32}}
  %v = "hw.transfer_read"(%m, %i, %pad) : (memref<10xf32>, index, f32) -> f32
  return
}

// -----

func.func @f(%m: memref<10xf32>, %i: index, %pad: f32) {
  // expected-error @+1 {{'hw.transfer_read' op result must be a fixed-size vector, but is vector<[8]xf32>}}
  %v = "hw.transfer_read"(%m, %i, %pad) : (memref<10xf32>, index, f32) -> vector<[8]xf32>
  return
}

// -----

func.func @f(%v: vector<8xf32>, %m: memref<10xf32>, %i: index) {
  // expected-error @+1 {{'hw.transfer_write' op expects the vector, the memref, 1 indices and an optional mask (3 or 4 operands), but has 2}}
  "hw.transfer_write"(%v, %m) : (vector<8xf32>, memref<10xf32>) -> ()
  return
}

// -----

func.func @f(%v: f32, %m: memref<10xf32>, %i: index) {
  // expected-error @+1 {{'hw.transfer_write' op operand #0 must be a fixed-size vector, but is f32}}
  "hw.transfer_write"(%v, %m, %i) : (f32, memref<10xf32>, index) -> ()
  return
}

// -----

func.func @f(%v: vector<8xf32>, %m: tensor<10xf32>, %i: index) {
  // expected-error @+1 {{'hw.transfer_write' op operand #1 must be a ranked memref, but is tensor<10xf32>}}
  "hw.transfer_write"(%v, %m, %i) : (vector<8xf32>, tensor<10xf32>, index) -> ()
  return
}

// -----

func.func @f(%v: vector<8xf32>, %m: memref<10xf32>, %i: index, %k: vector<8xi8>) {
  // expected-error @+1 {{'hw.transfer_write' op mask must be a vector of i1 of shape 8, but is vector<8xi8>}}
  "hw.transfer_write"(%v, %m, %i, %k) : (vector<8xf32>, memref<10xf32>, index, vector<8xi8>) -> ()
  return
}

// -----

func.func @f(%m: memref<4x16xf32, strided<[1, 4]>>, %i: index) {
  // expected-error @+1 {{'hw.load' op memref must have a unit innermost stride, but is memref<4x16xf32, strided<[1, 4]>>}}
  %v = "hw.load"(%m, %i, %i) : (memref<4x16xf32, strided<[1, 4]>>, index, index) -> vector<8xf32>
  return
}

// -----

func.func @f(%m: memref<4x16xf32>, %i: index) {
  // expected-error @+1 {{'hw.load' op vector must be 1-D, but is vector<2x8xf32>}}
  %v = "hw.load"(%m, %i, %i) : (memref<4x16xf32>, index, index) -> vector<2x8xf32>
  return
}

// -----

func.func @f(%m: memref<4x16xf32>, %i: index) {
  // expected-error @+1 {{'hw.load' op expects 2 indices (the memref rank), but has 1}}
  %v = "hw.load"(%m, %i) : (memref<4x16xf32>, index) -> vector<8xf32>
  return
}

// -----

func.func @f(%v: vector<8xi32>, %m: memref<16xf32>, %i: index) {
  // expected-error @+1 {{'hw.store' op vector element type i32 differs from the memref element type f32}}
  "hw.store"(%v, %m, %i) : (vector<8xi32>, memref<16xf32>, index) -> ()
  return
}

// -----

func.func @f(%x: f64) {
  // expected-error @+1 {{'hw.broadcast' op operand type f64 differs from the result element type f32}}
  %v = "hw.broadcast"(%x) : (f64) -> vector<8xf32>
  return
}

// -----

func.func @f(%a: vector<8xi32>) {
  // expected-error @+1 {{'hw.fma' op expects a vector of floats, but the result is vector<8xi32>}}
  %v = "hw.fma"(%a, %a, %a) : (vector<8xi32>, vector<8xi32>, vector<8xi32>) -> vector<8xi32>
  return
}

// -----

func.func @f(%a: vector<8xf32>, %b: vector<4xf32>) {
  // expected-error @+1 {{'hw.fma' op operand #2 type vector<4xf32> differs from the result type vector<8xf32>}}
  %v = "hw.fma"(%a, %a, %b) : (vector<8xf32>, vector<8xf32>, vector<4xf32>) -> vector<8xf32>
  return
}

// -----

func.func @f(%a: vector<8xf32>) {
  // expected-error @+1 {{'hw.reduction' op unknown reduction kind "sum" (expected one of add, mul, minsi, minui, maxsi, maxui, minnumf, maxnumf, minimumf, maximumf, and, or, xor)}}
  %s = "hw.reduction"(%a) <{kind = "sum"}> : (vector<8xf32>) -> f32
  return
}

// -----

func.func @f(%a: vector<8xf32>) {
  // expected-error @+1 {{'hw.reduction' op reduction kind "xor" does not apply to f32}}
  %s = "hw.reduction"(%a) <{kind = "xor"}> : (vector<8xf32>) -> f32
  return
}

// -----

func.func @f(%a: vector<8xi32>) {
  // expected-error @+1 {{'hw.reduction' op reduction kind "maximumf" does not apply to i32}}
  %s = "hw.reduction"(%a) <{kind = "maximumf"}> : (vector<8xi32>) -> i32
  return
}

// -----

func.func @f(%a: vector<8xf32>) {
  // expected-error @+1 {{'hw.reduction' op requires attribute 'kind'}}
  %s = "hw.reduction"(%a) : (vector<8xf32>) -> f32
  return
}

// -----

func.func @f(%a: vector<8xf32>, %acc: f64) {
  // expected-error @+1 {{'hw.reduction' op accumulator type f64 differs from the element type f32}}
  %s = "hw.reduction"(%a, %acc) <{kind = "add"}> : (vector<8xf32>, f64) -> f32
  return
}

// -----

func.func @f(%a: vector<2x4xf32>) {
  // expected-error @+1 {{'hw.reduction' op vector must be 1-D, but is vector<2x4xf32>}}
  %s = "hw.reduction"(%a) <{kind = "add"}> : (vector<2x4xf32>) -> f32
  return
}

// -----

func.func @f(%a: vector<4xf32>) {
  // expected-error @+1 {{'hw.shuffle' op mask index 8 is outside [0, 8)}}
  %s = "hw.shuffle"(%a, %a) <{mask = array<i64: 0, 8>}> : (vector<4xf32>, vector<4xf32>) -> vector<2xf32>
  return
}

// -----

func.func @f(%a: vector<4xf32>) {
  // expected-error @+1 {{'hw.shuffle' op mask has 2 entries, but the result has 4 lanes}}
  %s = "hw.shuffle"(%a, %a) <{mask = array<i64: 0, 1>}> : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  return
}

// -----

func.func @f(%a: vector<4xf32>, %b: vector<4xi32>) {
  // expected-error @+1 {{'hw.shuffle' op operands and result must have the same element type}}
  %s = "hw.shuffle"(%a, %b) <{mask = array<i64: 0, 1>}> : (vector<4xf32>, vector<4xi32>) -> vector<2xf32>
  return
}

// -----

func.func @f(%a: vector<4x8xf32>) {
  // expected-error @+1 {{'hw.transpose' op 'permutation' must be a permutation of 0..2}}
  %t = "hw.transpose"(%a) <{permutation = array<i64: 1, 1>}> : (vector<4x8xf32>) -> vector<8x8xf32>
  return
}

// -----

func.func @f(%a: vector<4x8xf32>) {
  // expected-error @+1 {{'hw.transpose' op result type vector<4x8xf32> differs from the transposed type vector<8x4xf32>}}
  %t = "hw.transpose"(%a) <{permutation = array<i64: 1, 0>}> : (vector<4x8xf32>) -> vector<4x8xf32>
  return
}

// -----

func.func @f(%k: i32) {
  // expected-error @+1 {{'hw.create_mask' op operand must be index, but is i32}}
  %m = "hw.create_mask"(%k) : (i32) -> vector<8xi1>
  return
}

// -----

func.func @f(%k: index) {
  // expected-error @+1 {{'hw.create_mask' op result must be a 1-D vector of i1, but is vector<8xi8>}}
  %m = "hw.create_mask"(%k) : (index) -> vector<8xi8>
  return
}

// -----

func.func @f(%v: vector<8xf32>, %i: i64) {
  // expected-error @+1 {{'hw.extract' op position must be index, but is i64}}
  %x = "hw.extract"(%v, %i) : (vector<8xf32>, i64) -> f32
  return
}

// -----

func.func @f(%v: vector<8xf32>, %i: index) {
  // expected-error @+1 {{'hw.extract' op result type f64 differs from the element type f32}}
  %x = "hw.extract"(%v, %i) : (vector<8xf32>, index) -> f64
  return
}

// -----

func.func @f(%v: vector<8xf32>, %i: index, %x: f64) {
  // expected-error @+1 {{'hw.insert' op inserted value type f64 differs from the element type f32}}
  %w = "hw.insert"(%x, %v, %i) : (f64, vector<8xf32>, index) -> vector<8xf32>
  return
}

// -----

func.func @f(%n: index) {
  %c0 = arith.constant 0 : index
  // expected-error @+1 {{'hw.parallel' op constant step must be positive, but is 0}}
    "hw.parallel"(%n, %n, %c0) ({
  ^bb0(%i: index):
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'hw.parallel' op 'workers' must be a positive integer}}
  "hw.parallel"(%n, %n, %n) <{workers = 0 : i64}> ({
  ^bb0(%i: index):
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%n: index, %x: i32) {
  // expected-error @+1 {{'hw.parallel' op upper bound must be index, but is i32}}
  "hw.parallel"(%n, %x, %n) ({
  ^bb0(%i: index):
    "hw.yield"() : () -> ()
  }) : (index, i32, index) -> ()
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'hw.parallel' op body must have exactly one block argument, of type index}}
  "hw.parallel"(%n, %n, %n) ({
  ^bb0(%i: index, %j: index):
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'hw.parallel' op body must end with 'hw.yield'}}
  "hw.parallel"(%n, %n, %n) ({
  ^bb0(%i: index):
    // expected-error @+1 {{'loop.yield' op expects its parent op to be one of 'loop.for', 'loop.parallel', 'loop.if'}}
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'hw.barrier' op must be nested inside a 'hw.parallel'}}
  "hw.barrier"() : () -> ()
  return
}

// -----

func.func @f(%n: index) {
  // expected-error @+1 {{'loop.for' op body must end with 'loop.yield'}}
  "loop.for"(%n, %n, %n) ({
  ^bb0(%i: index):
    // expected-error @+1 {{'hw.yield' op expects its parent op to be 'hw.parallel'}}
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

// -----

func.func @f(%x: f32) {
  // expected-error @+1 {{'hw.intrinsic' op 'name' must be a non-empty string}}
  "hw.intrinsic"(%x) <{name = ""}> : (f32) -> ()
  return
}

// -----

func.func @f(%x: f32) {
  // expected-error @+1 {{'hw.intrinsic' op requires attribute 'name'}}
  "hw.intrinsic"(%x) : (f32) -> ()
  return
}

// -----

func.func @f(%a: memref<4x8xf32>, %b: memref<4x2xf32>) {
  // expected-error @+1 {{'hw.intrinsic' op 'strata.matmul_acc' shapes do not agree: A 4x8, B 4x2, C 4x2}}
  "hw.intrinsic"(%a, %b, %b) <{name = "strata.matmul_acc"}> : (memref<4x8xf32>, memref<4x2xf32>, memref<4x2xf32>) -> ()
  return
}

// -----

func.func @f(%a: memref<4x8xf32>) {
  // expected-error @+1 {{'hw.intrinsic' op 'strata.matmul_acc' takes 3 memref operands and has no results, but has 1 operands and 0 results}}
  "hw.intrinsic"(%a) <{name = "strata.matmul_acc"}> : (memref<4x8xf32>) -> ()
  return
}
