// RUN: strata opt %s --split-input-file --verify-diagnostics --specialise-containers

// expected-error @+1 {{'func.func' in pass 'specialise-containers': argument #0 is '!graph.seq<tensor<?xf32>>'; its structure must be given (strata.structure)}}
func.func @no_structure(%s: !graph.seq<tensor<?xf32>>) -> tensor<i64> {
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
  return %n : tensor<i64>
}

// -----

func.func @position_from_data(%s: !graph.seq<tensor<?xf32>> {strata.structure = "seq([2])"}, %i: tensor<i64>) -> tensor<?xf32> {
  // expected-error @+1 {{'graph.sequence_at' in pass 'specialise-containers': the position is not a constant (the structure would depend on data)}}
  %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  return %x : tensor<?xf32>
}

// -----

func.func @out_of_range(%s: !graph.seq<tensor<?xf32>> {strata.structure = "seq([2])"}) -> tensor<?xf32> {
  %i = "graph.constant"() <{value = dense<1> : tensor<i64>}> : () -> tensor<i64>
  // expected-error @+1 {{'graph.sequence_at' in pass 'specialise-containers': position 1 is out of range for a sequence of 1 tensors}}
  %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
  return %x : tensor<?xf32>
}

// -----

// expected-error @+1 {{'func.func' in pass 'specialise-containers': argument #0: shape [3] does not fit 'tensor<2xf32>'}}
func.func @wrong_shape(%s: !graph.seq<tensor<2xf32>> {strata.structure = "seq([3])"}) -> tensor<i64> {
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<2xf32>>) -> tensor<i64>
  return %n : tensor<i64>
}

// -----

// expected-error @+1 {{'func.func' in pass 'specialise-containers': argument #0: structure: expected '[' at offset 4}}
func.func @bad_text(%s: !graph.seq<tensor<2xf32>> {strata.structure = "seq(x)"}) -> tensor<i64> {
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<2xf32>>) -> tensor<i64>
  return %n : tensor<i64>
}

// -----

// Sequences of different lengths in the two regions of a run-time if.
func.func @if_on_data(%c: tensor<i1>, %x: tensor<2xf32>) -> !graph.seq<tensor<2xf32>> {
  // expected-error @+1 {{'graph.if' in pass 'specialise-containers': result #0 has a different structure in the two regions (it would depend on the condition's value)}}
  %r = "graph.if"(%c) ({
    %s = "graph.sequence_construct"(%x) : (tensor<2xf32>) -> !graph.seq<tensor<2xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<2xf32>>) -> ()
  }, {
    %s = "graph.sequence_construct"(%x, %x) : (tensor<2xf32>, tensor<2xf32>) -> !graph.seq<tensor<2xf32>>
    "graph.yield"(%s) : (!graph.seq<tensor<2xf32>>) -> ()
  }) : (tensor<i1>) -> !graph.seq<tensor<2xf32>>
  return %r : !graph.seq<tensor<2xf32>>
}

// -----

// The element of an optional whose presence is known only at run time: the interpreter
// reports an error when it is absent, which compiled code cannot do.
func.func @if_get(%c: tensor<i1>) -> tensor<2xf32> {
  %r = "graph.if"(%c) ({
    %e = "graph.optional"() : () -> !graph.opt<tensor<2xf32>>
    "graph.yield"(%e) : (!graph.opt<tensor<2xf32>>) -> ()
  }, {
    %x = "graph.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<2xf32>
    %o = "graph.optional"(%x) : (tensor<2xf32>) -> !graph.opt<tensor<2xf32>>
    "graph.yield"(%o) : (!graph.opt<tensor<2xf32>>) -> ()
  }) : (tensor<i1>) -> !graph.opt<tensor<2xf32>>
  // expected-error @+1 {{'graph.optional_get_element' in pass 'specialise-containers': the optional's presence is known only at run time (the element of an empty optional is an error, which compiled code cannot report)}}
  %v = "graph.optional_get_element"(%r) : (!graph.opt<tensor<2xf32>>) -> tensor<2xf32>
  return %v : tensor<2xf32>
}

// -----

func.func @empty_get(%o: !graph.opt<tensor<2xf32>> {strata.structure = "opt()"}) -> tensor<2xf32> {
  // expected-error @+1 {{'graph.optional_get_element' in pass 'specialise-containers': the optional is empty}}
  %x = "graph.optional_get_element"(%o) : (!graph.opt<tensor<2xf32>>) -> tensor<2xf32>
  return %x : tensor<2xf32>
}
