// RUN: strata opt %s --split-input-file --verify-diagnostics --bufferize

// Unsupported input: a diagnostic naming the op and the pass, never a panic.

// expected-note @+1 {{in function @f}}
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'graph.relu' op is not supported by bufferize}}
  %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

// expected-error @+1 {{bufferize: function @f: type tensor<?xf32> has a dynamic shape (bufferize needs static shapes)}}
func.func @f(%x: tensor<?xf32>) -> tensor<?xf32> {
  return %x : tensor<?xf32>
}

// -----

// expected-error @+1 {{bufferize: function @f: returns f32, but only tensor results are supported (they become out-parameters)}}
func.func @f(%x: f32) -> f32 {
  return %x : f32
}

// -----

// expected-error @+2 {{bufferize: the body has 2 blocks; only straight-line bodies are supported}}
// expected-note @+1 {{in function @f}}
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  "test.br"() [^bb1] : () -> ()
^bb1:
  return %x : tensor<4xf32>
}
