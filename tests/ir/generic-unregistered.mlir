// RUN: strata opt %s --allow-unregistered-dialect
// RUN: strata opt %s --allow-unregistered-dialect --mlir-print-op-generic

// Generic-form ops of an unregistered dialect: operands, results, attributes,
// properties, regions with several blocks, successors and block arguments.

"ut.func"() <{sym_name = "f"}> ({
^bb0(%arg0: i32, %arg1: f32):
  %0 = "ut.constant"() {value = 42 : i32} : () -> i32
  %1:2 = "ut.pair"(%arg0, %0) : (i32, i32) -> (i32, index)
  "ut.cond_br"(%arg0) [^bb1, ^bb2] : (i32) -> ()
^bb1:
  "ut.region_op"() ({
    "ut.yield"(%1#0) : (i32) -> ()
  }, {
    "ut.yield"() : () -> ()
  }) {flag, name = "two regions"} : () -> ()
  "ut.br"(%arg1) [^bb2] : (f32) -> ()
^bb2:
  "ut.return"(%1#1) : (index) -> ()
}) : () -> ()

"ut.tensors"() {
  dense = dense<[1, 2, 3]> : tensor<3xi64>,
  shape = tensor<2x?x4xf16>,
  array = [1, "s", unit, @sym]
} : () -> ()
