// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the string ops, one per chunk.

func.func @f(%a: tensor<2xi64>) {
  // expected-error @+1 {{operand #0 must be a ranked tensor of !graph.string, but got 'tensor<2xi64>'}}
  %0 = "graph.string_concat"(%a, %a) : (tensor<2xi64>, tensor<2xi64>) -> tensor<2x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>, %b: tensor<3x!graph.string>) {
  // expected-error @+1 {{operands don't have broadcast-compatible shapes}}
  %0 = "graph.string_concat"(%a, %b) : (tensor<2x!graph.string>, tensor<3x!graph.string>) -> tensor<3x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>, %b: tensor<2xi64>) {
  // expected-error @+1 {{requires the same element type for all operands}}
  %0 = "graph.equal"(%a, %b) : (tensor<2x!graph.string>, tensor<2xi64>) -> tensor<2xi1>
  return
}

// -----

func.func @f(%a: tensor<2x!graph.string>) {
  // expected-error @+1 {{attribute 'maxsplit' must be >= 0, but got -1}}
  %0, %1 = "graph.string_split"(%a) <{maxsplit = -1 : i64}> : (tensor<2x!graph.string>) -> (tensor<2x?x!graph.string>, tensor<2xi64>)
  return
}

// -----

func.func @f(%a: tensor<2x3x!graph.string>) {
  // expected-error @+1 {{input must have shape C or 1 x C, but has 2x3}}
  %0 = "graph.string_normalizer"(%a) : (tensor<2x3x!graph.string>) -> tensor<1x?x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<3x!graph.string>) {
  // expected-error @+1 {{attribute 'case_change_action' must be one of "NONE", "LOWER", "UPPER", but got "TITLE"}}
  %0 = "graph.string_normalizer"(%a) <{case_change_action = "TITLE"}> : (tensor<3x!graph.string>) -> tensor<?x!graph.string>
  return
}

// -----

func.func @f(%a: tensor<3x!graph.string>) {
  // expected-error @+1 {{requires string attribute 'pattern'}}
  %0 = "graph.regex_full_match"(%a) : (tensor<3x!graph.string>) -> tensor<3xi1>
  return
}

// -----

func.func @f(%x: tensor<5x!graph.string>) {
  // expected-error @+1 {{'keys' has 2 entries but 'values' has 3}}
  %0 = "graph.label_encoder"(%x) <{keys = ["a", "b"], values = dense<[0, 1, 2]> : tensor<3xi32>}> : (tensor<5x!graph.string>) -> tensor<5xi32>
  return
}

// -----

func.func @f(%x: tensor<5xi32>) {
  // expected-error @+1 {{operand #0 must have the keys' element type '!graph.string', but got 'tensor<5xi32>'}}
  %0 = "graph.label_encoder"(%x) <{keys = ["a"], values = dense<0> : tensor<1xi32>}> : (tensor<5xi32>) -> tensor<5xi32>
  return
}

// -----

func.func @f(%x: tensor<5x!graph.string>) {
  // expected-error @+1 {{attribute 'default' must be a number like the values}}
  %0 = "graph.label_encoder"(%x) <{default = "none", keys = ["a"], values = dense<0> : tensor<1xi32>}> : (tensor<5x!graph.string>) -> tensor<5xi32>
  return
}

// -----

func.func @f(%x: tensor<5x!graph.string>) {
  // expected-error @+1 {{requires attribute 'values' (an array of strings or a rank-1 dense constant)}}
  %0 = "graph.label_encoder"(%x) <{keys = ["a"]}> : (tensor<5x!graph.string>) -> tensor<5xi32>
  return
}
