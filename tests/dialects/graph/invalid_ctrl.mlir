// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the graph dialect's control flow, sequence and optional ops, one per
// chunk.

func.func @f(%c: tensor<2xi1>, %a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.if' op expects a single-element i1 tensor condition, but got 'tensor<2xi1>'}}
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }, {
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }) : (tensor<2xi1>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'graph.if' op else region yield: type of value #0 ('tensor<3xf32>') is not compatible with 'tensor<2xf32>'}}
  %r = "graph.if"(%c) ({
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }, {
    "graph.yield"(%b) : (tensor<3xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%c: tensor<i1>, %a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.if' op then region yield: expects 1 values, but got 0}}
  %r = "graph.if"(%c) ({
    "graph.yield"() : () -> ()
  }, {
    "graph.yield"(%a) : (tensor<2xf32>) -> ()
  }) : (tensor<i1>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.yield' op expects its parent op to be one of 'graph.if', 'graph.loop', 'graph.scan'}}
  "graph.yield"(%a) : (tensor<2xf32>) -> ()
}

// -----

func.func @f(%m: tensor<i32>, %c: tensor<i1>, %y: tensor<f32>) {
  // expected-error @+1 {{'graph.loop' op expects a single-element i64 tensor trip count, but got 'tensor<i32>'}}
  %r = "graph.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    "graph.yield"(%ci, %yi) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i32>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @f(%m: tensor<i64>, %c: tensor<i1>, %y: tensor<f32>) {
  // expected-error @+1 {{'graph.loop' op body arguments: expects 3 values, but got 2}}
  %r = "graph.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>):
    "graph.yield"(%ci, %y) : (tensor<i1>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @f(%m: tensor<i64>, %c: tensor<i1>, %y: tensor<f32>) {
  // expected-error @+1 {{'graph.loop' op body yield (carried values): type of value #0 ('tensor<2xf32>') is not compatible with 'tensor<f32>'}}
  %r = "graph.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    %z = "graph.constant"() <{value = dense<0.0> : tensor<2xf32>}> : () -> tensor<2xf32>
    "graph.yield"(%ci, %z) : (tensor<i1>, tensor<2xf32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> tensor<f32>
  return
}

// -----

func.func @f(%m: tensor<i64>, %c: tensor<i1>, %y: tensor<f32>) {
  // expected-error @+1 {{'graph.loop' op scan output #0: result 'tensor<f32>' must be the yielded 'tensor<f32>' with a leading iteration dimension}}
  %r:2 = "graph.loop"(%m, %c, %y) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %yi: tensor<f32>):
    "graph.yield"(%ci, %yi, %yi) : (tensor<i1>, tensor<f32>, tensor<f32>) -> ()
  }) : (tensor<i64>, tensor<i1>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
  return
}

// -----

func.func @f(%init: tensor<2xf32>, %x: tensor<3x2xf32>) {
  // expected-error @+1 {{'graph.scan' op attribute 'num_scan_inputs' must be in [1, 2], got 3}}
  %s:2 = "graph.scan"(%init, %x) <{num_scan_inputs = 3 : i64}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    "graph.yield"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
  return
}

// -----

func.func @f(%init: tensor<2xf32>, %x: tensor<3x2xf32>) {
  // expected-error @+1 {{'graph.scan' op body arguments: type of value #1 ('tensor<3xf32>') is not compatible with 'tensor<2xf32>'}}
  %s:2 = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<3xf32>):
    "graph.yield"(%acc, %acc) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
  return
}

// -----

func.func @f(%init: tensor<2xf32>, %x: tensor<3x2xf32>) {
  // expected-error @+1 {{'graph.scan' op attribute 'scan_input_directions' must hold only 0 and 1}}
  %s:2 = "graph.scan"(%init, %x) <{num_scan_inputs = 1 : i64, scan_input_directions = array<i64: 2>}> ({
  ^bb0(%acc: tensor<2xf32>, %row: tensor<2xf32>):
    "graph.yield"(%acc, %row) : (tensor<2xf32>, tensor<2xf32>) -> ()
  }) : (tensor<2xf32>, tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>)
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'graph.sequence_empty' op result must be a '!graph.seq<...>' type, but got 'tensor<2xf32>'}}
  %e = "graph.sequence_empty"() : () -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<2xi32>) {
  // expected-error @+1 {{'graph.sequence_construct' op element types differ: 'tensor<2xf32>' and 'tensor<2xi32>'}}
  %s = "graph.sequence_construct"(%a, %b) : (tensor<2xf32>, tensor<2xi32>) -> !graph.seq<tensor<2xf32>>
  return
}

// -----

func.func @f(%s: !graph.seq<tensor<?xf32>>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'graph.sequence_at' op operand #1 (position) must be a single-element i32 or i64 tensor, but got 'tensor<2xi64>'}}
  %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<2xi64>) -> tensor<?xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %i: tensor<i64>) {
  // expected-error @+1 {{'graph.sequence_at' op operand #0 must be a sequence ('!graph.seq<...>'), but got 'tensor<2xf32>'}}
  %x = "graph.sequence_at"(%a, %i) : (tensor<2xf32>, tensor<i64>) -> tensor<?xf32>
  return
}

// -----

func.func @f(%s: !graph.seq<tensor<?xf32>>) {
  // expected-error @+1 {{'graph.sequence_length' op result #0 has type 'tensor<i32>', but 'tensor<i64>' was inferred}}
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i32>
  return
}

// -----

func.func @f(%s: !graph.seq<tensor<?xf32>>) {
  // expected-error @+1 {{'graph.concat_from_sequence' op attribute 'new_axis' must be 0 or 1, got 2}}
  %c = "graph.concat_from_sequence"(%s) <{axis = 0 : i64, new_axis = 2 : i64}> : (!graph.seq<tensor<?xf32>>) -> tensor<?xf32>
  return
}

// -----

func.func @f(%x: tensor<2x6xf32>, %sp: tensor<2x2xi64>) {
  // expected-error @+1 {{'graph.split_to_sequence' op operand #1 (split) must be an i32 or i64 tensor of rank 0 or 1, but got 'tensor<2x2xi64>'}}
  %s = "graph.split_to_sequence"(%x, %sp) <{axis = 1 : i64}> : (tensor<2x6xf32>, tensor<2x2xi64>) -> !graph.seq<tensor<2x?xf32>>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'graph.optional' op result must be a '!graph.opt<...>' type, but got 'tensor<2xf32>'}}
  %e = "graph.optional"() : () -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  %o = "graph.optional"(%a) : (tensor<2xf32>) -> !graph.opt<tensor<2xf32>>
  // expected-error @+1 {{'graph.optional_get_element' op result #0 has type 'tensor<3xf32>', but 'tensor<2xf32>' was inferred}}
  %g = "graph.optional_get_element"(%o) : (!graph.opt<tensor<2xf32>>) -> tensor<3xf32>
  return
}
