// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(saturate{rules=graph-reassoc})) --mlir-pass-statistics
// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(saturate{node-limit=300})) --mlir-pass-statistics
// Associativity + commutativity on a 6-term sum saturate (every bracketing and order of
// every subset: hundreds of e-nodes); the statistics say why each run stopped. Reassociating
// saves nothing here, so the sum is left as it is. The second run (default packs) shows the
// statistics of a run that saturates at once.

"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>, sym_name = "sum6"}> ({
  ^bb0(%a0: tensor<4xf32>, %a1: tensor<4xf32>, %a2: tensor<4xf32>, %a3: tensor<4xf32>, %a4: tensor<4xf32>, %a5: tensor<4xf32>):
    %s1 = "graph.add"(%a0, %a1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %s2 = "graph.add"(%s1, %a2) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %s3 = "graph.add"(%s2, %a3) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %s4 = "graph.add"(%s3, %a4) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %s5 = "graph.add"(%s4, %a5) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "func.return"(%s5) : (tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
