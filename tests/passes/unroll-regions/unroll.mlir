// RUN: strata opt %s --split-input-file --unroll-regions

// A scan over 3 rows: one copy of the body per row, each row a length-1 slice squeezed,
// the scan output stacked with unsqueeze + concat.
func.func @scan_sum(%init: tensor<2xf32>, %x: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %s, %o = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n, %n) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
  return %s, %o : tensor<2xf32>, tensor<3x2xf32>
}

// -----

// Reverse input direction along axis 1, output stacked along axis 1 in reverse order.
func.func @scan_reverse(%x: tensor<2x2xf32>) -> tensor<2x2xf32> {
  %o = "graph.scan"(%x) <{num_scan_inputs = 1 : i64, scan_input_axes = array<i64: 1>, scan_input_directions = array<i64: 1>, scan_output_axes = array<i64: 1>, scan_output_directions = array<i64: 1>}> ({
  ^bb0(%col: tensor<2xf32>):
    "graph.yield"(%col) : (tensor<2xf32>) -> ()
  }) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  return %o : tensor<2x2xf32>
}

// -----

// A loop whose trip count folds from constants (3 - 1 = 2 iterations): the iteration
// number is a constant per copy; the dynamic scan output and the function's result type
// become static.
func.func @loop_const(%y0: tensor<f32>) -> (tensor<f32>, tensor<?xf32>) {
  %a = "graph.constant"() <{value = dense<3> : tensor<i64>}> : () -> tensor<i64>
  %b = "graph.constant"() <{value = dense<1> : tensor<i64>}> : () -> tensor<i64>
  %m = "graph.sub"(%a, %b) : (tensor<i64>, tensor<i64>) -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %y, %s = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %f = "graph.cast"(%i) <{to = f32}> : (tensor<i64>) -> tensor<f32>
    %y1 = "graph.add"(%yi, %f) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "graph.yield"(%ci, %y1, %yi) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> (tensor<f32>, tensor<?xf32>)
  return %y, %s : tensor<f32>, tensor<?xf32>
}

// -----

// Early exit decided at compile time: the body's condition `i < 1` folds per copy, so the
// unbounded trip count stops after two iterations.
func.func @loop_cond(%y0: tensor<2xf32>) -> tensor<2xf32> {
  %m = "graph.constant"() <{value = dense<9223372036854775807> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %one = "graph.constant"() <{value = dense<1> : tensor<i64>}> : () -> tensor<i64>
  %y = "graph.loop"(%m, %c, %y0) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %y1 = "graph.add"(%yi, %yi) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    %go = "graph.less"(%i, %one) : (tensor<i64>, tensor<i64>) -> tensor<i1>
    "graph.yield"(%go, %y1) : (tensor<i1>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}

// -----

// A constant condition inlines the taken branch; a run-time condition is left alone.
func.func @if_const(%a: tensor<2xf32>, %b: tensor<2xf32>, %c: tensor<i1>) -> (tensor<2xf32>, tensor<2xf32>) {
  %f = "graph.constant"() <{value = dense<false> : tensor<i1>}> : () -> tensor<i1>
  %r = "graph.if"(%f) ({
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }, {
    %n = "graph.neg"(%b) : (tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  %q = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }, {
    "graph.yield"(%b) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r, %q : tensor<2xf32>, tensor<2xf32>
}

// -----

// A scan nested in a loop body: the loop is unrolled first, then each copy of the scan.
func.func @nested(%x: tensor<2x2xf32>) -> tensor<2xf32> {
  %m = "graph.constant"() <{value = dense<2> : tensor<i64>}> : () -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %z = "graph.constant"() <{value = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
  %y = "graph.loop"(%m, %c, %z) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<2xf32>):
    %s = "graph.scan"(%yi, %x) <{num_scan_inputs = 1 : i64}> ({
    ^bb1(%acc: tensor<2xf32>, %row: tensor<2xf32>):
      %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      "graph.yield"(%n) : (tensor<2xf32>) -> ()
    }) : (tensor<2xf32>, tensor<2x2xf32>) -> tensor<2xf32>
    "graph.yield"(%ci, %s) : (tensor<i1>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
