// RUN: strata opt %s --split-input-file --verify-diagnostics --graph-to-tensor=full=true

// A graph.loop that cannot become a loop.for: a diagnostic naming the op and the pass.

func.func @scan_output(%m: tensor<i64>, %y0: tensor<f32>) -> (tensor<f32>, tensor<?xf32>) {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{failed to legalize operation 'graph.loop' in pass 'graph-to-tensor': only a loop without scan outputs whose results have the types of its carried values converts (a loop with a run-time trip count left by unroll-regions)}}
  %y:2 = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    "graph.yield"(%ci, %yi, %yi) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> (tensor<f32>, tensor<?xf32>)
  return %y#0, %y#1 : tensor<f32>, tensor<?xf32>
}

// -----

func.func @dynamic(%m: tensor<i64>, %y0: tensor<?xf32>) -> tensor<?xf32> {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{failed to legalize operation 'graph.loop' in pass 'graph-to-tensor': carried value #0 is tensor<?xf32>: only tensors of static shape and signless element type convert}}
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<?xf32>):
    "graph.yield"(%ci, %yi) : (tensor<i1>, tensor<?xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}

// -----

// An exit condition computed from the data (unroll-regions refuses it before; here the
// conversion runs alone and must not ignore the condition).
func.func @early_exit(%m: tensor<i64>, %y0: tensor<f32>) -> tensor<f32> {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{failed to legalize operation 'graph.loop' in pass 'graph-to-tensor': only a loop without an early exit converts (its initial condition the constant true and its body yielding true or its condition unchanged): the loop dialect has no while loop}}
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %g = "graph.greater"(%yi, %yi) : (tensor<f32>, tensor<f32>) -> tensor<i1>
    "graph.yield"(%g, %yi) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
