// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The graph dialect's control flow (if, loop, scan with regions ending in graph.yield) and
// its sequence and optional types and ops, in the generic form.

func.func @if(%c: tensor<i1>, %a: tensor<2xf32>) -> tensor<2xf32> {
  %r = "graph.if"(%c) ({
    %d = "graph.add"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%d) : (tensor<2xf32>) -> ()
  }, {
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return %r : tensor<2xf32>
}

func.func @loop(%m: tensor<i64>, %c: tensor<1xi1>, %y: tensor<f32>, %d: tensor<f32>) -> (tensor<f32>, tensor<?xf32>) {
  %r:2 = "graph.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %n = "graph.add"(%yi, %d) : (tensor<f32>, tensor<f32>) -> tensor<f32>
    "graph.yield"(%ci, %n, %yi) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<1xi1>, tensor<f32>) -> (tensor<f32>, tensor<?xf32>)
  return %r#0, %r#1 : tensor<f32>, tensor<?xf32>
}

func.func @scan(%init: tensor<2xf32>, %x: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>) {
  %s:2 = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64, scan_input_directions = array<i64: 1>, scan_output_axes = array<i64: 1>}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    %n = "graph.add"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
    "graph.yield"(%n, %n) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<2x3xf32>)
  return %s#0, %s#1 : tensor<2xf32>, tensor<2x3xf32>
}

func.func @sequences(%a: tensor<2xf32>, %b: tensor<3xf32>, %i: tensor<i64>, %x: tensor<2x6xf32>, %sp: tensor<2xi64>) -> (!graph.seq<tensor<?xf32>>, tensor<?xf32>, tensor<i64>, tensor<?xf32>, tensor<?x?xf32>, !graph.seq<tensor<2x?xf32>>, !graph.seq<tensor<2xf32>>) {
  %e = "graph.sequence_empty"() : () -> !graph.seq<tensor<*xf32>>
  %s = "graph.sequence_construct"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
  %t = "graph.sequence_insert"(%s, %b, %i) : (!graph.seq<tensor<?xf32>>, tensor<3xf32>, tensor<i64>) -> !graph.seq<tensor<?xf32>>
  %u = "graph.sequence_insert"(%e, %a) : (!graph.seq<tensor<*xf32>>, tensor<2xf32>) -> !graph.seq<tensor<*xf32>>
  %at = "graph.sequence_at"(%t, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  %er = "graph.sequence_erase"(%t) : (!graph.seq<tensor<?xf32>>) -> !graph.seq<tensor<?xf32>>
  %n = "graph.sequence_length"(%er) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
  %c = "graph.concat_from_sequence"(%er) <{axis = 0 : i64}> : (!graph.seq<tensor<?xf32>>) -> tensor<?xf32>
  %st = "graph.concat_from_sequence"(%er) <{axis = -1 : i64, new_axis = 1 : i64}> : (!graph.seq<tensor<?xf32>>) -> tensor<?x?xf32>
  %sp1 = "graph.split_to_sequence"(%x, %sp) <{axis = 1 : i64}> : (tensor<2x6xf32>, tensor<2xi64>) -> !graph.seq<tensor<2x?xf32>>
  %sp2 = "graph.split_to_sequence"(%x) <{axis = 1 : i64, keepdims = 0 : i64}> : (tensor<2x6xf32>) -> !graph.seq<tensor<2xf32>>
  return %t, %at, %n, %c, %st, %sp1, %sp2 : !graph.seq<tensor<?xf32>>, tensor<?xf32>, tensor<i64>, tensor<?xf32>, tensor<?x?xf32>, !graph.seq<tensor<2x?xf32>>, !graph.seq<tensor<2xf32>>
}

func.func @optionals(%a: tensor<2xf32>, %s: !graph.seq<tensor<?xf32>>) -> (!graph.opt<tensor<2xf32>>, !graph.opt<!graph.seq<tensor<5xf32>>>, tensor<2xf32>, !graph.seq<tensor<?xf32>>, tensor<i1>, tensor<i1>) {
  %o = "graph.optional"(%a) : (tensor<2xf32>) -> !graph.opt<tensor<2xf32>>
  %e = "graph.optional"() : () -> !graph.opt<!graph.seq<tensor<5xf32>>>
  %g = "graph.optional_get_element"(%o) : (!graph.opt<tensor<2xf32>>) -> tensor<2xf32>
  %gs = "graph.optional_get_element"(%s) : (!graph.seq<tensor<?xf32>>) -> !graph.seq<tensor<?xf32>>
  %h = "graph.optional_has_element"(%e) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> tensor<i1>
  %h0 = "graph.optional_has_element"() : () -> tensor<i1>
  return %o, %e, %g, %gs, %h, %h0 : !graph.opt<tensor<2xf32>>, !graph.opt<!graph.seq<tensor<5xf32>>>, tensor<2xf32>, !graph.seq<tensor<?xf32>>, tensor<i1>, tensor<i1>
}
