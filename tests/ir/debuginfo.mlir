// RUN: strata opt %s --allow-unregistered-dialect --mlir-print-debuginfo
// RUN: strata opt %s --allow-unregistered-dialect --mlir-print-debuginfo --mlir-print-op-generic

"ut.a"() : () -> ()
%0 = "ut.b"() : () -> i32 loc("named.mlir":7:3)
"ut.c"(%0) : (i32) -> () loc("callee"("x.mlir":1:1))
