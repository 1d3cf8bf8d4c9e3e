// RUN: strata opt %s --unroll-regions

// A counted graph.loop whose trip count is known only at run time (initial condition the
// constant true, the body yielding its condition argument or the constant true, no scan
// outputs) is left as it is, for graph-to-tensor to make a loop.for; the constant-condition
// if nested in its body is still inlined.

func.func @counted(%m: tensor<i64>, %y0: tensor<2xf32>) -> tensor<2xf32> {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %k = "graph.constant"() <{value = dense<false> : tensor<i1>}> : () -> tensor<i1>
    %r = "graph.if"(%k) ({
      "graph.yield"(%yi) : (tensor<2xf32>) -> ()
    }, {
      %d = "graph.add"(%yi, %yi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      "graph.yield"(%d) : (tensor<2xf32>) -> ()
    }) : (tensor<i1>) -> tensor<2xf32>
    "graph.yield"(%ci, %r) : (tensor<i1>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
