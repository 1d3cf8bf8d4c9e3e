// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(saturate{rules=graph-merge}))
// graph-merge (multi-root rules): parallel products sharing an input become one product over
// concatenated (folded) weights whose result is split; extraction weighs both roots' parts
// together and keeps the merge only when it is cheaper.

// Two 1x1 convs on one input: one conv, split on channels (a view for a batch of one).
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x4x8x8xf32>) -> (tensor<1x3x8x8xf32>, tensor<1x2x8x8xf32>), sym_name = "parallel_convs"}> ({
  ^bb0(%x: tensor<1x4x8x8xf32>):
    %w1 = "graph.constant"() <{value = dense<0.25> : tensor<3x4x1x1xf32>}> : () -> tensor<3x4x1x1xf32>
    %w2 = "graph.constant"() <{value = dense<-0.5> : tensor<2x4x1x1xf32>}> : () -> tensor<2x4x1x1xf32>
    %a = "graph.conv"(%x, %w1) : (tensor<1x4x8x8xf32>, tensor<3x4x1x1xf32>) -> tensor<1x3x8x8xf32>
    %b = "graph.conv"(%x, %w2) : (tensor<1x4x8x8xf32>, tensor<2x4x1x1xf32>) -> tensor<1x2x8x8xf32>
    "func.return"(%a, %b) : (tensor<1x3x8x8xf32>, tensor<1x2x8x8xf32>) -> ()
  }) : () -> ()
}) : () -> ()

// -----

// Two matmuls on one input: the split along the last axis copies, so merging does not pay.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4x8xf32>) -> (tensor<4x6xf32>, tensor<4x2xf32>), sym_name = "parallel_matmuls"}> ({
  ^bb0(%x: tensor<4x8xf32>):
    %w1 = "graph.constant"() <{value = dense<0.25> : tensor<8x6xf32>}> : () -> tensor<8x6xf32>
    %w2 = "graph.constant"() <{value = dense<-0.5> : tensor<8x2xf32>}> : () -> tensor<8x2xf32>
    %a = "graph.matmul"(%x, %w1) : (tensor<4x8xf32>, tensor<8x6xf32>) -> tensor<4x6xf32>
    %b = "graph.matmul"(%x, %w2) : (tensor<4x8xf32>, tensor<8x2xf32>) -> tensor<4x2xf32>
    "func.return"(%a, %b) : (tensor<4x6xf32>, tensor<4x2xf32>) -> ()
  }) : () -> ()
}) : () -> ()
