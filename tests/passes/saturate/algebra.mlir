// RUN: strata opt %s --split-input-file --pass-pipeline=builtin.module(func.func(saturate{rules=graph-algebra}))
// graph-algebra: identities, negations and factoring; the type guard keeps broadcasting adds.

// Double negation and adding a zero splat vanish.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>) -> tensor<2x3xf32>, sym_name = "neg_neg_add_zero"}> ({
  ^bb0(%x: tensor<2x3xf32>):
    %z = "graph.constant"() <{value = dense<0.0> : tensor<3xf32>}> : () -> tensor<3xf32>
    %a = "graph.neg"(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
    %b = "graph.neg"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
    %c = "graph.add"(%b, %z) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
    "func.return"(%c) : (tensor<2x3xf32>) -> ()
  }) : () -> ()
}) : () -> ()

// -----

// A zero that broadcasts the result to a larger shape must stay.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<3xf32>) -> tensor<2x3xf32>, sym_name = "broadcasting_zero_stays"}> ({
  ^bb0(%x: tensor<3xf32>):
    %z = "graph.constant"() <{value = dense<0.0> : tensor<2x3xf32>}> : () -> tensor<2x3xf32>
    %c = "graph.add"(%x, %z) : (tensor<3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
    "func.return"(%c) : (tensor<2x3xf32>) -> ()
  }) : () -> ()
}) : () -> ()

// -----

// a * b + a * c becomes a * (b + c).
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>, sym_name = "factor"}> ({
  ^bb0(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xf32>):
    %0 = "graph.mul"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %1 = "graph.mul"(%a, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %2 = "graph.add"(%0, %1) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "func.return"(%2) : (tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
