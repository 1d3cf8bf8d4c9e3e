// RUN: strata opt %s
// A three-layer perceptron: matmul + bias + relu twice, then matmul + bias + softmax.
// Weights are arguments. Saturation fuses each matmul + bias into a gemm.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<8x64xf32>, tensor<64x128xf32>, tensor<128xf32>, tensor<128x64xf32>, tensor<64xf32>, tensor<64x10xf32>, tensor<10xf32>) -> tensor<8x10xf32>, sym_name = "mlp"}> ({
  ^bb0(%x: tensor<8x64xf32>, %w1: tensor<64x128xf32>, %b1: tensor<128xf32>, %w2: tensor<128x64xf32>, %b2: tensor<64xf32>, %w3: tensor<64x10xf32>, %b3: tensor<10xf32>):
    %v0 = "graph.matmul"(%x, %w1) : (tensor<8x64xf32>, tensor<64x128xf32>) -> tensor<8x128xf32>
    %v1 = "graph.add"(%v0, %b1) : (tensor<8x128xf32>, tensor<128xf32>) -> tensor<8x128xf32>
    %v2 = "graph.relu"(%v1) : (tensor<8x128xf32>) -> tensor<8x128xf32>
    %v3 = "graph.matmul"(%v2, %w2) : (tensor<8x128xf32>, tensor<128x64xf32>) -> tensor<8x64xf32>
    %v4 = "graph.add"(%v3, %b2) : (tensor<8x64xf32>, tensor<64xf32>) -> tensor<8x64xf32>
    %v5 = "graph.relu"(%v4) : (tensor<8x64xf32>) -> tensor<8x64xf32>
    %v6 = "graph.matmul"(%v5, %w3) : (tensor<8x64xf32>, tensor<64x10xf32>) -> tensor<8x10xf32>
    %v7 = "graph.add"(%v6, %b3) : (tensor<8x10xf32>, tensor<10xf32>) -> tensor<8x10xf32>
    %v8 = "graph.softmax"(%v7) <{axis = -1 : i64}> : (tensor<8x10xf32>) -> tensor<8x10xf32>
    "func.return"(%v8) : (tensor<8x10xf32>) -> ()
  }) : () -> ()
}) : () -> ()
