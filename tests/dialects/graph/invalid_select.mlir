// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the bitwise, selection and linear-algebra graph ops, one per chunk.

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.bitwise_and' op operand #0 must be ranked tensor of integer values, but got 'tensor<2xf32>'}}
  %0 = "graph.bitwise_and"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xi32>, %b: tensor<2xi64>) {
  // expected-error @+1 {{'graph.bitwise_xor' op requires the same element type for all operands}}
  %0 = "graph.bitwise_xor"(%a, %b) : (tensor<2xi32>, tensor<2xi64>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<2xi1>) {
  // expected-error @+1 {{'graph.bitwise_not' op operand #0 must be ranked tensor of integer values, but got 'tensor<2xi1>'}}
  %0 = "graph.bitwise_not"(%a) : (tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

func.func @f(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'graph.top_k' op attribute 'k' (5) must be in [0, 4] (the size of axis 1)}}
  %0:2 = "graph.top_k"(%x) <{k = 5 : i64}> : (tensor<3x4xf32>) -> (tensor<3x5xf32>, tensor<3x5xi64>)
  return
}

// -----

func.func @f(%x: tensor<3x4xf32>) {
  // expected-error @+1 {{'graph.top_k' op inferred type(s) 'tensor<3x2xf32>', 'tensor<3x2xi64>' are incompatible with return type(s) of operation 'tensor<3x2xf32>', 'tensor<3x2xi32>'}}
  %0:2 = "graph.top_k"(%x) <{k = 2 : i64}> : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi32>)
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<4x3xi64>) {
  // expected-error @+1 {{'graph.gather_nd' op the last dimension of indices (3) must be in [1, 2] (rank - batch_dims)}}
  %0 = "graph.gather_nd"(%d, %i) : (tensor<2x3xf32>, tensor<4x3xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<4x1xi64>) {
  // expected-error @+1 {{'graph.gather_nd' op attribute 'batch_dims' (2) must be in [0, 2) (below both ranks)}}
  %0 = "graph.gather_nd"(%d, %i) <{batch_dims = 2 : i64}> : (tensor<2x3xf32>, tensor<4x1xi64>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%c: tensor<2x2xi1>) {
  // expected-error @+1 {{'graph.non_zero' op inferred type(s) 'tensor<2x?xi64>' are incompatible with return type(s) of operation 'tensor<3x?xi64>'}}
  %0 = "graph.non_zero"(%c) : (tensor<2x2xi1>) -> tensor<3x?xi64>
  return
}

// -----

func.func @f(%x: tensor<3x3xf32>) {
  // expected-error @+1 {{'graph.unique' op axis 2 is out of range for rank 2}}
  %0 = "graph.unique"(%x) <{axis = 2 : i64}> : (tensor<3x3xf32>) -> tensor<?x3xf32>
  return
}

// -----

func.func @f(%b: tensor<1x6x3xf32>, %s: tensor<1x2x6xf32>) {
  // expected-error @+1 {{'graph.non_max_suppression' op boxes must have shape [batches, boxes, 4], but have 1x6x3}}
  %0 = "graph.non_max_suppression"(%b, %s) : (tensor<1x6x3xf32>, tensor<1x2x6xf32>) -> tensor<?x3xi64>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'graph.einsum' op einsum operand of shape 4x5 has size 4 for a label of size 3}}
  %0 = "graph.einsum"(%a, %b) <{equation = "ij,jk->ik"}> : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.einsum' op einsum output label 'k' is repeated or absent from the inputs}}
  %0 = "graph.einsum"(%a) <{equation = "ij->k"}> : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.det' op the last two dimensions must be square, but the shape is 2x3}}
  %0 = "graph.det"(%a) : (tensor<2x3xf32>) -> tensor<f32>
  return
}
