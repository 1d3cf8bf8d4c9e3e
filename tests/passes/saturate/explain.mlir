// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(saturate{explain=true}))
// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(saturate{dump-egraph=true}))
// `explain` reports, for each rewritten op, the rules that produced it (from egg's proofs);
// `dump-egraph` reports the e-graph statistics of each block.

"builtin.module"() ({
  "func.func"() <{function_type = (tensor<8x16xf32>, tensor<16x4xf32>, tensor<4xf32>) -> tensor<8x4xf32>, sym_name = "linear_gelu"}> ({
  ^bb0(%x: tensor<8x16xf32>, %w: tensor<16x4xf32>, %b: tensor<4xf32>):
    %m = "graph.matmul"(%x, %w) : (tensor<8x16xf32>, tensor<16x4xf32>) -> tensor<8x4xf32> loc("net.py":3:5)
    %h = "graph.add"(%m, %b) : (tensor<8x4xf32>, tensor<4xf32>) -> tensor<8x4xf32> loc("net.py":3:9)
    %s = "graph.constant"() <{value = dense<1.41421354> : tensor<f32>}> : () -> tensor<f32>
    %one = "graph.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
    %half = "graph.constant"() <{value = dense<0.5> : tensor<f32>}> : () -> tensor<f32>
    %d = "graph.div"(%h, %s) : (tensor<8x4xf32>, tensor<f32>) -> tensor<8x4xf32>
    %e = "graph.erf"(%d) : (tensor<8x4xf32>) -> tensor<8x4xf32>
    %p = "graph.add"(%e, %one) : (tensor<8x4xf32>, tensor<f32>) -> tensor<8x4xf32>
    %q = "graph.mul"(%h, %p) : (tensor<8x4xf32>, tensor<8x4xf32>) -> tensor<8x4xf32>
    %g = "graph.mul"(%q, %half) : (tensor<8x4xf32>, tensor<f32>) -> tensor<8x4xf32> loc("net.py":4:5)
    "func.return"(%g) : (tensor<8x4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
