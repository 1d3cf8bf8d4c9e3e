// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of `tensor.string_call`, one per chunk.

func.func @f(%a: tensor<2x!graph.string>) {
  // expected-error @+1 {{'tensor.string_call' op requires string attribute 'callee'}}
  %0 = "tensor.string_call"(%a) : (tensor<2x!graph.string>) -> tensor<2xi1>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>) {
  // expected-error @+1 {{'callee' must name a string op of the graph dialect}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.relu"}> : (tensor<2x!graph.string>) -> tensor<2x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>) {
  // expected-error @+1 {{'graph.string_concat' takes 2 operands, but 1 are given}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.string_concat"}> : (tensor<2x!graph.string>) -> tensor<2x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>, %b: tensor<3x!graph.string>) {
  // expected-error @+1 {{'graph.string_concat': operands don't have broadcast-compatible shapes}}
  %0 = "tensor.string_call"(%a, %b) <{callee = "graph.string_concat"}> : (tensor<2x!graph.string>, tensor<3x!graph.string>) -> tensor<2x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>) {
  // expected-error @+1 {{result #0 must be a static 'tensor<2xi1>' (dynamic dims: an upper bound), but is 'tensor<2xi8>'}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.regex_full_match", pattern = "a"}> : (tensor<2x!graph.string>) -> tensor<2xi8>
  return
}

// -----

func.func @f(%a: tensor<?x!graph.string>) {
  // expected-error @+1 {{operand #0 must be a statically shaped tensor, but is 'tensor<?x!graph.string>'}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.regex_full_match", pattern = "a"}> : (tensor<?x!graph.string>) -> tensor<?xi1>
  return
}

// -----

func.func @f(%a: tensor<3x!graph.string>) {
  // expected-error @+1 {{'graph.string_normalizer' has 1 results and 1 extents, but the op has 1 results}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.string_normalizer"}> : (tensor<3x!graph.string>) -> tensor<3x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<3x!graph.string>) {
  // expected-error @+1 {{extents #0 must have shape 1 and element type i64, but is 'tensor<1xi32>'}}
  %0, %1 = "tensor.string_call"(%a) <{callee = "graph.string_normalizer"}> : (tensor<3x!graph.string>) -> (tensor<3x!graph.string>, tensor<1xi32>)
  return
}

// -----

func.func @f(%a: tensor<3xi64>) {
  // expected-error @+1 {{has no string operand or result (numeric ops convert to tensor.generic)}}
  %0 = "tensor.string_call"(%a) <{callee = "graph.label_encoder", keys = dense<[1]> : tensor<1xi64>, values = dense<[2]> : tensor<1xi64>}> : (tensor<3xi64>) -> tensor<3xi64>
  return
}

// -----

func.func @f(%a: memref<2x!graph.string>, %o: tensor<2xi1>) {
  // expected-error @+1 {{result #0 must be a memref}}
  "tensor.string_call"(%a, %o) <{callee = "graph.regex_full_match", pattern = "a"}> : (memref<2x!graph.string>, tensor<2xi1>) -> ()
  return
}
