// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Module-level buffers: constant weights, a mutable global without an initial value,
// and loop.get_global reading both. mlir-opt-22 reads the generic output.

"loop.global"() <{sym_name = "cst_0", type = memref<4xf32>, initial_value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>, constant, alignment = 64 : i64}> : () -> ()
"loop.global"() <{sym_name = "splat", type = memref<2x3xi8>, initial_value = dense<7> : tensor<2x3xi8>, constant}> : () -> ()
"loop.global"() <{sym_name = "state", type = memref<2xi64>, sym_visibility = "private"}> : () -> ()

func.func @read(%i: index) -> (f32, i8) {
  %c0 = arith.constant 0 : index
  %w = "loop.get_global"() <{name = @cst_0}> : () -> memref<4xf32>
  %s = "loop.get_global"() <{name = @splat}> : () -> memref<2x3xi8>
  %x = "loop.load"(%w, %i) : (memref<4xf32>, index) -> f32
  %y = "loop.load"(%s, %c0, %i) : (memref<2x3xi8>, index, index) -> i8
  return %x, %y : f32, i8
}

func.func @write(%v: i64) {
  %c1 = arith.constant 1 : index
  %g = "loop.get_global"() <{name = @state}> : () -> memref<2xi64>
  "loop.store"(%v, %g, %c1) : (i64, memref<2xi64>, index) -> ()
  return
}
