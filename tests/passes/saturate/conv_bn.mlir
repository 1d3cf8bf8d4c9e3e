// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(saturate{rules=graph-conv-bn,graph-fold}))
// graph-conv-bn: an inference batch_norm after a conv folds into the conv's weights and bias;
// with constant weights and statistics the analysis folds them to constants.

"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x2x8x8xf32>) -> tensor<1x3x8x8xf32>, sym_name = "conv_bn"}> ({
  ^bb0(%x: tensor<1x2x8x8xf32>):
    %w = "graph.constant"() <{value = dense<0.5> : tensor<3x2x3x3xf32>}> : () -> tensor<3x2x3x3xf32>
    %c = "graph.conv"(%x, %w) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x2x8x8xf32>, tensor<3x2x3x3xf32>) -> tensor<1x3x8x8xf32>
    %s = "graph.constant"() <{value = dense<[1.0, 2.0, 0.5]> : tensor<3xf32>}> : () -> tensor<3xf32>
    %b = "graph.constant"() <{value = dense<[0.0, 0.25, -1.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
    %m = "graph.constant"() <{value = dense<[0.5, -0.5, 0.0]> : tensor<3xf32>}> : () -> tensor<3xf32>
    %v = "graph.constant"() <{value = dense<[1.0, 4.0, 0.25]> : tensor<3xf32>}> : () -> tensor<3xf32>
    %y = "graph.batch_norm"(%c, %s, %b, %m, %v) <{epsilon = 0.0 : f32}> : (tensor<1x3x8x8xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<1x3x8x8xf32>
    "func.return"(%y) : (tensor<1x3x8x8xf32>) -> ()
  }) : () -> ()
}) : () -> ()
