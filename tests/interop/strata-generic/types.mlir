// Hand-written generic-form IR: a broad sample of builtin type syntax as
// operand/result/block-argument types.
"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%i1: i1, %i8: i8, %i32: i32, %i64: i64, %s16: si16, %u64: ui64, %i17: i17, %idx: index,
       %f16: f16, %bf16: bf16, %f32: f32, %f64: f64, %none: none):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.shaped"() ({
  ^bb0(%t0: tensor<f32>, %t1: tensor<4xi8>, %t2: tensor<?x?x3xf64>, %t3: tensor<*xbf16>,
       %t4: tensor<0x4xf32>, %t5: tensor<8xf32, #ut.enc<"csr">>, %t6: tensor<2xcomplex<f32>>,
       %m0: memref<f32>, %m1: memref<4x?xf32>, %m2: memref<*xi32, 1>,
       %m3: memref<4x4xf32, strided<[4, 1], offset: 0>>, %m4: memref<?x?xf32, strided<[?, ?], offset: ?>, 3>,
       %m5: memref<8x8xf16, affine_map<(d0, d1) -> (d1, d0)>>, %m6: memref<16xf32, "shared">,
       %m7: memref<4xvector<4xf32>>,
       %v0: vector<4xf32>, %v1: vector<2x3xi1>, %v2: vector<[4]xf32>, %v3: vector<2x[8]xi8>,
       %v4: vector<[2]x[2]xf64>, %v5: vector<index>):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.other"() ({
  ^bb0(%c: complex<f32>, %cd: complex<f64>, %tu: tuple<>, %tn: tuple<i32, tuple<f32, index>>,
       %fn0: () -> (), %fn1: (i32) -> i64, %fn2: (i32, f32) -> (i1, i8), %fn3: ((i32) -> i32) -> (() -> ()),
       %op0: !ut.opaque, %op1: !ut.opaque<"x" 1 [2]>, %op2: !llvm.ptr):
    "ut.yield"() : () -> ()
  }) : () -> ()
  %0 = "ut.results"() : () -> (complex<f32>)
  %1:3 = "ut.results3"() : () -> (none, tuple<i1>, (f32) -> f32)
  "ut.use"(%0, %1#0, %1#1, %1#2) : (complex<f32>, none, tuple<i1>, (f32) -> f32) -> ()
}) : () -> ()
