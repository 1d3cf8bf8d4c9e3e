// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(saturate{rules=graph-movement})) --mlir-print-debuginfo
// graph-movement: transposes move through elementwise ops and cancel; reshape chains
// collapse. Rewritten ops keep the locations of the ops whose classes they replace (fused
// when several merged).

"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>) -> tensor<2x3xf32>, sym_name = "transpose_relu_transpose"}> ({
  ^bb0(%x: tensor<2x3xf32>):
    %a = "graph.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32> loc("model.py":10:3)
    %b = "graph.relu"(%a) : (tensor<3x2xf32>) -> tensor<3x2xf32> loc("model.py":11:3)
    %c = "graph.transpose"(%b) <{perm = array<i64: 1, 0>}> : (tensor<3x2xf32>) -> tensor<2x3xf32> loc("model.py":12:3)
    "func.return"(%c) : (tensor<2x3xf32>) -> () loc("model.py":13:3)
  }) : () -> () loc("model.py":9:1)
}) : () -> ()

// -----

"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>, sym_name = "compose_and_reshape"}> ({
  ^bb0(%x: tensor<2x3x4xf32>):
    %a = "graph.transpose"(%x) <{perm = array<i64: 1, 2, 0>}> : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32> loc("model.py":20:3)
    %b = "graph.transpose"(%a) <{perm = array<i64: 1, 0, 2>}> : (tensor<3x4x2xf32>) -> tensor<4x3x2xf32> loc("model.py":21:3)
    %c = "graph.reshape"(%b) <{shape = array<i64: 12, 2>}> : (tensor<4x3x2xf32>) -> tensor<12x2xf32> loc("model.py":22:3)
    %d = "graph.reshape"(%c) <{shape = array<i64: 4, 3, 2>}> : (tensor<12x2xf32>) -> tensor<4x3x2xf32> loc("model.py":23:3)
    "func.return"(%d) : (tensor<4x3x2xf32>) -> () loc("model.py":24:3)
  }) : () -> () loc("model.py":19:1)
}) : () -> ()
