// RUN: strata opt %s --split-input-file --verify-diagnostics --graph-to-tensor=full=true

// A graph.if that cannot be compiled as control flow: a diagnostic naming the op and the
// pass (its regions' graph.yield ops are reported with it, not on their own).

// Results whose shape depends on the branch taken cannot be compiled.
func.func @shapes(%c: tensor<i1>, %a: tensor<3xf32>, %b: tensor<4xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{failed to legalize operation 'graph.if' in pass 'graph-to-tensor': result #0 is tensor<?xf32>: only tensors of static shape and signless element type convert}}
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<3xf32>) -> ()
  }, {
    "graph.yield"(%b) : (tensor<4xf32>) -> ()
  }) : (tensor<i1>) -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// -----

func.func @yields(%c: tensor<i1>, %a: tensor<3xf32>, %d: tensor<?xf32>) -> tensor<3xf32> {
  // expected-error @+1 {{failed to legalize operation 'graph.if' in pass 'graph-to-tensor': the else region yields (tensor<?xf32>), but the results are (tensor<3xf32>): both regions must yield the static result types (a shape that depends on the branch taken cannot be compiled)}}
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<3xf32>) -> ()
  }, {
    "graph.yield"(%d) : (tensor<?xf32>) -> ()
  }) : (tensor<i1>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}
