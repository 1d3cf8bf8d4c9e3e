// RUN: strata opt %s --split-input-file --specialise-containers

// A sequence argument of two tensors: the element at position 1 doubled, and the length.
func.func @at(%s: !graph.seq<tensor<?xf32>> {strata.structure = "seq([2],[3])"}) -> (tensor<?xf32>, tensor<i64>) {
  %i = "graph.constant"() <{value = dense<-1> : tensor<i64>}> : () -> tensor<i64>
  %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  %y = "graph.add"(%x, %x) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
  return %y, %n : tensor<?xf32>, tensor<i64>
}

// -----

// Built, edited and returned: insert at the front, erase the last, concatenate.
func.func @build(%a: tensor<2x3xf32>, %b: tensor<1x3xf32>) -> (!graph.seq<tensor<?x3xf32>>, tensor<?x3xf32>) {
  %e = "graph.sequence_empty"() : () -> !graph.seq<tensor<?x3xf32>>
  %s1 = "graph.sequence_insert"(%e, %a) : (!graph.seq<tensor<?x3xf32>>, tensor<2x3xf32>) -> !graph.seq<tensor<?x3xf32>>
  %z = "graph.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %s2 = "graph.sequence_insert"(%s1, %b, %z) : (!graph.seq<tensor<?x3xf32>>, tensor<1x3xf32>, tensor<i64>) -> !graph.seq<tensor<?x3xf32>>
  %s3 = "graph.sequence_insert"(%s2, %a) : (!graph.seq<tensor<?x3xf32>>, tensor<2x3xf32>) -> !graph.seq<tensor<?x3xf32>>
  %s4 = "graph.sequence_erase"(%s3) : (!graph.seq<tensor<?x3xf32>>) -> !graph.seq<tensor<?x3xf32>>
  %c = "graph.concat_from_sequence"(%s4) <{axis = 0 : i64}> : (!graph.seq<tensor<?x3xf32>>) -> tensor<?x3xf32>
  return %s4, %c : !graph.seq<tensor<?x3xf32>>, tensor<?x3xf32>
}

// -----

// Split into a sequence without keepdims, stacked again on a new axis.
func.func @split(%x: tensor<3x2xf32>) -> tensor<?x2xf32> {
  %s = "graph.split_to_sequence"(%x) <{axis = 0 : i64, keepdims = 0 : i64}> : (tensor<3x2xf32>) -> !graph.seq<tensor<2xf32>>
  %c = "graph.concat_from_sequence"(%s) <{axis = 0 : i64, new_axis = 1 : i64}> : (!graph.seq<tensor<2xf32>>) -> tensor<?x2xf32>
  return %c : tensor<?x2xf32>
}

// -----

// Optionals: an empty optional argument, one holding a sequence, and a tensor input whose
// shape is specialised.
func.func @opt(%e: !graph.opt<tensor<2xf32>> {strata.structure = "opt()"}, %o: !graph.opt<!graph.seq<tensor<4xi32>>> {strata.structure = "opt(seq([4]))"}, %t: tensor<?xf32> {strata.structure = "[5]"}) -> (tensor<i1>, !graph.seq<tensor<4xi32>>, tensor<i1>, !graph.opt<tensor<?xf32>>) {
  %h = "graph.optional_has_element"(%e) : (!graph.opt<tensor<2xf32>>) -> tensor<i1>
  %s = "graph.optional_get_element"(%o) : (!graph.opt<!graph.seq<tensor<4xi32>>>) -> !graph.seq<tensor<4xi32>>
  %n = "graph.optional_has_element"() : () -> tensor<i1>
  %r = "graph.optional"(%t) : (tensor<?xf32>) -> !graph.opt<tensor<?xf32>>
  return %h, %s, %n, %r : tensor<i1>, !graph.seq<tensor<4xi32>>, tensor<i1>, !graph.opt<tensor<?xf32>>
}

// -----

// SequenceMap's import: a loop over the sequence's length, unrolled.
func.func @map(%s: !graph.seq<tensor<?xf32>> {strata.structure = "seq([1],[2])"}, %t: tensor<f32>) -> !graph.seq<tensor<?xf32>> {
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %e = "graph.sequence_empty"() : () -> !graph.seq<tensor<?xf32>>
  %r = "graph.loop"(%n, %c, %e) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %acc: !graph.seq<tensor<?xf32>>):
    %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
    %y = "graph.mul"(%x, %t) : (tensor<?xf32>, tensor<f32>) -> tensor<?xf32>
    %acc2 = "graph.sequence_insert"(%acc, %y) : (!graph.seq<tensor<?xf32>>, tensor<?xf32>) -> !graph.seq<tensor<?xf32>>
    "graph.yield"(%ci, %acc2) : (tensor<i1>, !graph.seq<tensor<?xf32>>) -> ()
  }) : (tensor<i64>, tensor<i1>, !graph.seq<tensor<?xf32>>) -> !graph.seq<tensor<?xf32>>
  return %r : !graph.seq<tensor<?xf32>>
}

// -----

// An if on a run-time condition whose regions build sequences of the same length: one tensor
// result per element (a constant condition inlines the taken region instead).
func.func @if(%c: tensor<i1>, %a: tensor<2xf32>, %b: tensor<3xf32>) -> (!graph.seq<tensor<?xf32>>, tensor<i64>) {
  %r = "graph.if"(%c) ({
    %s = "graph.sequence_construct"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<?xf32>>) -> ()
  }, {
    %n = "graph.neg"(%a) : (tensor<2xf32>) -> tensor<2xf32>
    %s = "graph.sequence_construct"(%n, %b) : (tensor<2xf32>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<?xf32>>) -> ()
  }) : (tensor<i1>) -> !graph.seq<tensor<?xf32>>
  %t = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %l = "graph.if"(%t) ({
    %s = "graph.sequence_construct"(%a) : (tensor<2xf32>) -> !graph.seq<tensor<?xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<?xf32>>) -> ()
  }, {
    %s = "graph.sequence_empty"() : () -> !graph.seq<tensor<?xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<?xf32>>) -> ()
  }) : (tensor<i1>) -> !graph.seq<tensor<?xf32>>
  %n = "graph.sequence_length"(%l) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
  return %r, %n : !graph.seq<tensor<?xf32>>, tensor<i64>
}

// -----

// An if on a run-time condition whose regions yield an optional absent in one and present in
// the other: its presence is a run-time flag (a tensor<i1> result of the if, constants in the
// regions), followed by the contents (zeros in the region where it is absent). The function
// returns the flag then the contents (result structure "opt?(seq([5]))"), and
// optional_has_element of it is the flag.
func.func @if_opt(%c: tensor<i1>, %x: tensor<5xf32>) -> (!graph.opt<!graph.seq<tensor<5xf32>>>, tensor<i1>) {
  %r = "graph.if"(%c) ({
    %e = "graph.optional"() : () -> !graph.opt<!graph.seq<tensor<5xf32>>>
    "graph.yield"(%e) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> ()
  }, {
    %s = "graph.sequence_construct"(%x) : (tensor<5xf32>) -> !graph.seq<tensor<5xf32>>
    %o = "graph.optional"(%s) : (!graph.seq<tensor<5xf32>>) -> !graph.opt<!graph.seq<tensor<5xf32>>>
    "graph.yield"(%o) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> ()
  }) : (tensor<i1>) -> !graph.opt<!graph.seq<tensor<5xf32>>>
  %h = "graph.optional_has_element"(%r) : (!graph.opt<!graph.seq<tensor<5xf32>>>) -> tensor<i1>
  return %r, %h : !graph.opt<!graph.seq<tensor<5xf32>>>, tensor<i1>
}

// -----

// A condition computed from folded structure (`not` of `optional_has_element`, as the
// importer's unrolled `Loop` of loop16_seq_none has it) folds, so the if is inlined.
func.func @opt_if(%o: !graph.opt<!graph.seq<tensor<f32>>> {strata.structure = "opt()"}) -> !graph.seq<tensor<f32>> {
  %h = "graph.optional_has_element"(%o) : (!graph.opt<!graph.seq<tensor<f32>>>) -> tensor<i1>
  %n = "graph.not"(%h) : (tensor<i1>) -> tensor<i1>
  %r = "graph.if"(%n) ({
    %z = "graph.constant"() <{value = dense<0.0> : tensor<f32>}> : () -> tensor<f32>
    %s = "graph.sequence_construct"(%z) : (tensor<f32>) -> !graph.seq<tensor<f32>>
    "graph.yield"(%s) : (!graph.seq<tensor<f32>>) -> ()
  }, {
    %s = "graph.optional_get_element"(%o) : (!graph.opt<!graph.seq<tensor<f32>>>) -> !graph.seq<tensor<f32>>
    "graph.yield"(%s) : (!graph.seq<tensor<f32>>) -> ()
  }) : (tensor<i1>) -> !graph.seq<tensor<f32>>
  return %r : !graph.seq<tensor<f32>>
}

// -----

// A function without sequences, optionals or structure attributes is left as it is.
func.func @plain(%x: tensor<?xf32>) -> tensor<?xf32> {
  %y = "graph.neg"(%x) : (tensor<?xf32>) -> tensor<?xf32>
  return %y : tensor<?xf32>
}
