// RUN: strata opt %s
// A ResNet basic block: conv3x3 + batch_norm + relu, conv3x3 + batch_norm, residual add,
// relu. Weights and statistics are constants; saturation folds each batch_norm into its conv.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>, sym_name = "resnet_block"}> ({
  ^bb0(%x: tensor<1x16x16x16xf32>):
    %v0 = "graph.constant"() <{value = dense<0.02> : tensor<16x16x3x3xf32>}> : () -> tensor<16x16x3x3xf32>
    %v1 = "graph.conv"(%x, %v0) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x16x16x16xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x16x16xf32>
    %v2 = "graph.constant"() <{value = dense<[0.823833, 0.650849, 1.15093, 0.572436, 1.03588, 0.865689, 0.557999, 1.00744, 0.537496, 0.933646, 0.569855, 0.590713, 0.924519, 1.32685, 0.623802, 0.723239]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v3 = "graph.constant"() <{value = dense<[0.127433, 0.447709, 0.0771029, -0.10332, 0.476255, -0.453417, 0.358468, -0.210391, -0.355745, -0.382208, -0.191518, 0.316126, -0.319274, 0.0816002, 0.138913, -0.127602]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v4 = "graph.constant"() <{value = dense<[0.0190978, -0.174884, -0.17616, -0.117617, 0.07216, -0.0289631, -0.0743411, 0.0342247, -0.0187262, -0.0800932, 0.117752, 0.0795978, -0.102361, 0.0297695, 0.0100786, 0.150055]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v5 = "graph.constant"() <{value = dense<[1.59417, 0.931907, 1.97026, 0.677099, 1.12718, 1.63571, 0.727977, 1.23344, 0.558811, 1.50232, 1.64686, 1.35954, 1.81322, 0.970621, 1.54294, 1.39155]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v6 = "graph.batch_norm"(%v1, %v2, %v3, %v4, %v5) <{epsilon = 9.99999974E-6 : f32}> : (tensor<1x16x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    %v7 = "graph.relu"(%v6) : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %v8 = "graph.constant"() <{value = dense<-0.015> : tensor<16x16x3x3xf32>}> : () -> tensor<16x16x3x3xf32>
    %v9 = "graph.conv"(%v7, %v8) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x16x16x16xf32>, tensor<16x16x3x3xf32>) -> tensor<1x16x16x16xf32>
    %v10 = "graph.constant"() <{value = dense<[1.0799, 0.956205, 1.33997, 1.44468, 0.974098, 1.16415, 0.560669, 1.20149, 1.14713, 1.4931, 1.32192, 0.784596, 0.885791, 1.16865, 0.522563, 0.961695]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v11 = "graph.constant"() <{value = dense<[-0.331952, -0.382904, -0.441046, 0.268233, -0.37066, -0.252385, -0.10905, 0.371422, -0.419419, -0.0508126, 0.0494399, 0.383384, 0.31928, 0.363984, -0.221579, -0.0847035]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v12 = "graph.constant"() <{value = dense<[-0.0564915, 0.153677, 0.183092, -0.139632, -0.129513, -0.107217, -0.106666, -0.00601491, 0.0356494, -0.0949014, -0.198363, -0.0324214, -0.0522986, 0.0265365, 0.181239, 0.0761975]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v13 = "graph.constant"() <{value = dense<[1.27324, 1.42639, 1.5143, 0.580989, 1.8493, 1.66995, 1.81177, 1.69681, 1.08857, 1.09847, 0.655306, 1.45143, 0.593372, 0.601021, 0.813145, 0.743455]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v14 = "graph.batch_norm"(%v9, %v10, %v11, %v12, %v13) <{epsilon = 9.99999974E-6 : f32}> : (tensor<1x16x16x16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    %v15 = "graph.add"(%v14, %x) : (tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %v16 = "graph.relu"(%v15) : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    "func.return"(%v16) : (tensor<1x16x16x16xf32>) -> ()
  }) : () -> ()
}) : () -> ()
