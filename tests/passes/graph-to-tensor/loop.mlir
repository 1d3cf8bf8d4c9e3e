// RUN: strata opt %s --graph-to-tensor=full=true

// A counted graph.loop with a run-time trip count (as unroll-regions leaves it) becomes a
// loop.for over 0 .. max(M, 0) carrying its tensors: the trip count is read with
// tensor.extract, the iteration argument is the induction variable as a tensor<i64>
// (tensor.fill), the condition argument the constant true, and the body's graph ops are
// converted in place.

func.func @counted(%m: tensor<i64>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %r:2 = "graph.loop"(%m, %c, %a, %b) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %x: tensor<3xf32>, %y: tensor<3xf32>):
    %f = "graph.cast"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>
    %s = "graph.add"(%x, %f) : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
    "graph.yield"(%ci, %y, %s) : (tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<3xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>)
  return %r#0, %r#1 : tensor<3xf32>, tensor<3xf32>
}
