// RUN: strata opt %s
// A transformer encoder block: multi-head self-attention (4 heads; q/k/v projections sharing the
// input, scaled dot products, softmax), residual + layer_norm, a feed-forward network whose GELU
// is in the erf form frameworks export, residual + layer_norm. Weights are arguments.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x16x64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64x64xf32>, tensor<64xf32>, tensor<64x128xf32>, tensor<128xf32>, tensor<128x64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>, sym_name = "transformer_block"}> ({
  ^bb0(%x: tensor<1x16x64xf32>, %wq: tensor<64x64xf32>, %bq: tensor<64xf32>, %wk: tensor<64x64xf32>, %bk: tensor<64xf32>, %wv: tensor<64x64xf32>, %bv: tensor<64xf32>, %wo: tensor<64x64xf32>, %bo: tensor<64xf32>, %w1: tensor<64x128xf32>, %b1: tensor<128xf32>, %w2: tensor<128x64xf32>, %b2: tensor<64xf32>, %g1: tensor<64xf32>, %be1: tensor<64xf32>, %g2: tensor<64xf32>, %be2: tensor<64xf32>):
    %v0 = "graph.matmul"(%x, %wq) : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %v1 = "graph.add"(%v0, %bq) : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v2 = "graph.matmul"(%x, %wk) : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %v3 = "graph.add"(%v2, %bk) : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v4 = "graph.matmul"(%x, %wv) : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %v5 = "graph.add"(%v4, %bv) : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v6 = "graph.reshape"(%v1) <{shape = array<i64: 1, 16, 4, 16>}> : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
    %v7 = "graph.transpose"(%v6) <{perm = array<i64: 0, 2, 1, 3>}> : (tensor<1x16x4x16xf32>) -> tensor<1x4x16x16xf32>
    %v8 = "graph.reshape"(%v3) <{shape = array<i64: 1, 16, 4, 16>}> : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
    %v9 = "graph.transpose"(%v8) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<1x16x4x16xf32>) -> tensor<1x4x16x16xf32>
    %v10 = "graph.reshape"(%v5) <{shape = array<i64: 1, 16, 4, 16>}> : (tensor<1x16x64xf32>) -> tensor<1x16x4x16xf32>
    %v11 = "graph.transpose"(%v10) <{perm = array<i64: 0, 2, 1, 3>}> : (tensor<1x16x4x16xf32>) -> tensor<1x4x16x16xf32>
    %v12 = "graph.matmul"(%v7, %v9) : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
    %v13 = "graph.constant"() <{value = dense<4.0> : tensor<f32>}> : () -> tensor<f32>
    %v14 = "graph.div"(%v12, %v13) : (tensor<1x4x16x16xf32>, tensor<f32>) -> tensor<1x4x16x16xf32>
    %v15 = "graph.softmax"(%v14) <{axis = -1 : i64}> : (tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
    %v16 = "graph.matmul"(%v15, %v11) : (tensor<1x4x16x16xf32>, tensor<1x4x16x16xf32>) -> tensor<1x4x16x16xf32>
    %v17 = "graph.transpose"(%v16) <{perm = array<i64: 0, 2, 1, 3>}> : (tensor<1x4x16x16xf32>) -> tensor<1x16x4x16xf32>
    %v18 = "graph.reshape"(%v17) <{shape = array<i64: 1, 16, 64>}> : (tensor<1x16x4x16xf32>) -> tensor<1x16x64xf32>
    %v19 = "graph.matmul"(%v18, %wo) : (tensor<1x16x64xf32>, tensor<64x64xf32>) -> tensor<1x16x64xf32>
    %v20 = "graph.add"(%v19, %bo) : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v21 = "graph.add"(%v20, %x) : (tensor<1x16x64xf32>, tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
    %v22 = "graph.layer_norm"(%v21, %g1, %be1) <{axis = -1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<1x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v23 = "graph.matmul"(%v22, %w1) : (tensor<1x16x64xf32>, tensor<64x128xf32>) -> tensor<1x16x128xf32>
    %v24 = "graph.add"(%v23, %b1) : (tensor<1x16x128xf32>, tensor<128xf32>) -> tensor<1x16x128xf32>
    %v25 = "graph.constant"() <{value = dense<1.41421354> : tensor<f32>}> : () -> tensor<f32>
    %v26 = "graph.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
    %v27 = "graph.constant"() <{value = dense<0.5> : tensor<f32>}> : () -> tensor<f32>
    %v28 = "graph.div"(%v24, %v25) : (tensor<1x16x128xf32>, tensor<f32>) -> tensor<1x16x128xf32>
    %v29 = "graph.erf"(%v28) : (tensor<1x16x128xf32>) -> tensor<1x16x128xf32>
    %v30 = "graph.add"(%v29, %v26) : (tensor<1x16x128xf32>, tensor<f32>) -> tensor<1x16x128xf32>
    %v31 = "graph.mul"(%v24, %v30) : (tensor<1x16x128xf32>, tensor<1x16x128xf32>) -> tensor<1x16x128xf32>
    %v32 = "graph.mul"(%v31, %v27) : (tensor<1x16x128xf32>, tensor<f32>) -> tensor<1x16x128xf32>
    %v33 = "graph.matmul"(%v32, %w2) : (tensor<1x16x128xf32>, tensor<128x64xf32>) -> tensor<1x16x64xf32>
    %v34 = "graph.add"(%v33, %b2) : (tensor<1x16x64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    %v35 = "graph.add"(%v34, %v22) : (tensor<1x16x64xf32>, tensor<1x16x64xf32>) -> tensor<1x16x64xf32>
    %v36 = "graph.layer_norm"(%v35, %g2, %be2) <{axis = -1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<1x16x64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x16x64xf32>
    "func.return"(%v36) : (tensor<1x16x64xf32>) -> ()
  }) : () -> ()
}) : () -> ()
