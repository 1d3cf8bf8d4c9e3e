// RUN: strata opt %s
// An Inception block: four parallel branches on one input (1x1 conv; 1x1 then 3x3; 1x1 then
// 5x5; max-pool then 1x1), each conv with bias and relu, concatenated on channels.
// Saturation merges the three 1x1 convs that share the input into one.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<1x32x16x16xf32>) -> tensor<1x80x16x16xf32>, sym_name = "inception_block"}> ({
  ^bb0(%x: tensor<1x32x16x16xf32>):
    %v0 = "graph.constant"() <{value = dense<0.03> : tensor<16x32x1x1xf32>}> : () -> tensor<16x32x1x1xf32>
    %v1 = "graph.constant"() <{value = dense<[-0.0319893, -0.0894849, -0.0999533, -0.069747, -0.0797071, -0.027278, -0.0948998, 0.0748665, 0.0228138, -0.0702899, -0.0495484, -0.0305221, -0.0271673, -0.0754316, 0.0697874, 0.0986205]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v2 = "graph.conv"(%x, %v0, %v1) : (tensor<1x32x16x16xf32>, tensor<16x32x1x1xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    %v3 = "graph.relu"(%v2) : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %v4 = "graph.constant"() <{value = dense<0.02> : tensor<24x32x1x1xf32>}> : () -> tensor<24x32x1x1xf32>
    %v5 = "graph.constant"() <{value = dense<[-0.00680211, -0.00323307, -0.0828231, -0.0795625, -0.0314728, -0.0470486, 0.0657711, -0.0677123, -0.0953809, 0.0901971, 0.00565148, -0.0706795, 0.00863449, -0.0945915, 0.00562189, 0.0957002, 0.072665, 0.0392394, -0.047777, -0.02666, -0.0665916, 0.0543876, 0.00651848, 0.055811]> : tensor<24xf32>}> : () -> tensor<24xf32>
    %v6 = "graph.conv"(%x, %v4, %v5) : (tensor<1x32x16x16xf32>, tensor<24x32x1x1xf32>, tensor<24xf32>) -> tensor<1x24x16x16xf32>
    %v7 = "graph.relu"(%v6) : (tensor<1x24x16x16xf32>) -> tensor<1x24x16x16xf32>
    %v8 = "graph.constant"() <{value = dense<0.01> : tensor<32x24x3x3xf32>}> : () -> tensor<32x24x3x3xf32>
    %v9 = "graph.constant"() <{value = dense<[-0.034067, -0.0553917, 0.0623022, 0.0969852, 0.0705258, 0.0612157, 0.0636666, 0.0479746, -0.0546521, 0.00352774, -0.0288875, -0.094204, -0.0944126, -0.0441163, -0.0481651, 0.0385044, 0.091303, -0.0105545, 0.0874042, 0.0976076, 0.0910001, -0.0270728, -0.0559075, -0.0546308, -0.0606588, -0.0591253, 0.0248133, 0.0800617, 0.0680871, -0.00410531, 0.0305956, 0.0599287]> : tensor<32xf32>}> : () -> tensor<32xf32>
    %v10 = "graph.conv"(%v7, %v8, %v9) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x24x16x16xf32>, tensor<32x24x3x3xf32>, tensor<32xf32>) -> tensor<1x32x16x16xf32>
    %v11 = "graph.relu"(%v10) : (tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32>
    %v12 = "graph.constant"() <{value = dense<-0.02> : tensor<8x32x1x1xf32>}> : () -> tensor<8x32x1x1xf32>
    %v13 = "graph.constant"() <{value = dense<[-0.0830443, 0.0321171, 0.0819554, 0.0564606, 0.0500281, -0.00439345, -0.0642957, 0.0578271]> : tensor<8xf32>}> : () -> tensor<8xf32>
    %v14 = "graph.conv"(%x, %v12, %v13) : (tensor<1x32x16x16xf32>, tensor<8x32x1x1xf32>, tensor<8xf32>) -> tensor<1x8x16x16xf32>
    %v15 = "graph.relu"(%v14) : (tensor<1x8x16x16xf32>) -> tensor<1x8x16x16xf32>
    %v16 = "graph.constant"() <{value = dense<0.015> : tensor<16x8x5x5xf32>}> : () -> tensor<16x8x5x5xf32>
    %v17 = "graph.constant"() <{value = dense<[-0.0334966, 0.0601647, 0.0943315, -0.0208323, -0.0197226, 0.0893594, 0.0449597, -0.0659993, -0.0745923, -0.0697699, 0.0809704, 0.0613004, -0.0707651, 0.0653021, 0.0960612, 0.0314537]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v18 = "graph.conv"(%v15, %v16, %v17) <{pads = array<i64: 2, 2, 2, 2>}> : (tensor<1x8x16x16xf32>, tensor<16x8x5x5xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    %v19 = "graph.relu"(%v18) : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %v20 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x32x16x16xf32>) -> tensor<1x32x16x16xf32>
    %v21 = "graph.constant"() <{value = dense<0.025> : tensor<16x32x1x1xf32>}> : () -> tensor<16x32x1x1xf32>
    %v22 = "graph.constant"() <{value = dense<[-0.0299185, 0.00973201, -0.0738032, -0.0971514, 0.094178, 0.0299349, 0.00531621, 0.086725, -0.0132381, 0.0743486, 0.0652311, -0.0577915, -0.049633, -0.0414067, -0.0518921, 0.0172874]> : tensor<16xf32>}> : () -> tensor<16xf32>
    %v23 = "graph.conv"(%v20, %v21, %v22) : (tensor<1x32x16x16xf32>, tensor<16x32x1x1xf32>, tensor<16xf32>) -> tensor<1x16x16x16xf32>
    %v24 = "graph.relu"(%v23) : (tensor<1x16x16x16xf32>) -> tensor<1x16x16x16xf32>
    %v25 = "graph.concat"(%v3, %v11, %v19, %v24) <{axis = 1 : i64}> : (tensor<1x16x16x16xf32>, tensor<1x32x16x16xf32>, tensor<1x16x16x16xf32>, tensor<1x16x16x16xf32>) -> tensor<1x80x16x16xf32>
    "func.return"(%v25) : (tensor<1x80x16x16xf32>) -> ()
  }) : () -> ()
}) : () -> ()
