// RUN: strata opt %s --split-input-file --verify-diagnostics --unroll-regions

// A trip count only known at run time, with a scan output (whose length would depend on
// it). Without scan outputs such a counted loop is left for graph-to-tensor (counted.mlir).
func.func @dynamic_trip(%m: tensor<i64>, %y0: tensor<f32>) -> (tensor<f32>, tensor<?xf32>) {
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{'graph.loop' is not supported in pass 'unroll-regions': the trip count is not a compile-time constant}}
  %y:2 = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    "graph.yield"(%ci, %yi, %yi) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> (tensor<f32>, tensor<?xf32>)
  return %y#0, %y#1 : tensor<f32>, tensor<?xf32>
}

// -----

// An early exit that depends on run-time data.
func.func @dynamic_cond(%y0: tensor<f32>) -> tensor<f32> {
  %m = "graph.constant"() <{value = dense<4> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %z = "graph.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
  // expected-error @+1 {{the condition yielded at iteration 0 is not a compile-time constant}}
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %go = "graph.less"(%yi, %z) : (tensor<f32>, tensor<f32>) -> tensor<i1>
    "graph.yield"(%go, %yi) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// A scan over a dynamic length.
func.func @dynamic_scan(%x: tensor<?x2xf32>) -> tensor<?x2xf32> {
  // expected-error @+1 {{scan input #0 ('tensor<?x2xf32>') has a dynamic scanned length}}
  %o = "graph.scan"(%x) <{num_scan_inputs = 1 : i64}> ({
  ^bb0(%row: tensor<2xf32>):
    "graph.yield"(%row) : (tensor<2xf32>) -> ()
  }) : (tensor<?x2xf32>) -> tensor<?x2xf32>
  return %o : tensor<?x2xf32>
}

// -----

// Past the bound on copied ops.
func.func @too_big(%y0: tensor<f32>) -> tensor<f32> {
  %m = "graph.constant"() <{value = dense<1000000> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{unrolling would create more ops than the bound (option 'max-ops' of the pass)}}
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %y1 = "graph.add"(%yi, %yi) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "graph.yield"(%ci, %y1) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}

// -----

// An unbounded loop whose body is empty still stops at the bound.
func.func @empty_forever(%y0: tensor<f32>) -> tensor<f32> {
  %m = "graph.constant"() <{value = dense<9223372036854775807> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  // expected-error @+1 {{unrolling would create more ops than the bound}}
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    "graph.yield"(%ci, %yi) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return %y : tensor<f32>
}
