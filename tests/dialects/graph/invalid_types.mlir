// RUN: strata opt %s --split-input-file --verify-diagnostics

// The small float formats are storage types: arithmetic rejects them; `graph.cast` checks
// its `saturate` and `round_mode` attributes; `graph.bitcast` needs equal widths.

func.func @f(%a: tensor<2xf8E4M3FN>) {
  // expected-error @+1 {{'graph.add' op operand #0 must be ranked tensor of integer or floating-point values, but got 'tensor<2xf8E4M3FN>'}}
  %0 = "graph.add"(%a, %a) : (tensor<2xf8E4M3FN>, tensor<2xf8E4M3FN>) -> tensor<2xf8E4M3FN>
  return
}

// -----

func.func @f(%a: tensor<2xf4E2M1FN>) {
  // expected-error @+1 {{'graph.exp' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<2xf4E2M1FN>'}}
  %0 = "graph.exp"(%a) : (tensor<2xf4E2M1FN>) -> tensor<2xf4E2M1FN>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.cast' op attribute 'saturate' must be 0 or 1, but got 2}}
  %0 = "graph.cast"(%a) <{saturate = 2 : i64, to = f8E4M3FN}> : (tensor<2xf32>) -> tensor<2xf8E4M3FN>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.cast' op attribute 'round_mode' must be one of "up", "down", "nearest", but got "odd"}}
  %0 = "graph.cast"(%a) <{round_mode = "odd", to = f8E8M0FNU}> : (tensor<2xf32>) -> tensor<2xf8E8M0FNU>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.cast' op inferred type(s) 'tensor<2xf8E5M2>' are incompatible with return type(s) of operation 'tensor<2xf8E4M3FN>'}}
  %0 = "graph.cast"(%a) <{to = f8E5M2}> : (tensor<2xf32>) -> tensor<2xf8E4M3FN>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{unsupported type 'f8E3M4': Strata supports the float types f16, bf16, f32, f64, f8E5M2, f8E4M3FN, f8E5M2FNUZ, f8E4M3FNUZ, f8E8M0FNU and f4E2M1FN}}
  %0 = "test.op"() : () -> f8E3M4
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.bitcast' op 'to' (i64, 64 bits) must have the width of the operand's element type (f32, 32 bits)}}
  %0 = "graph.bitcast"(%a) <{to = i64}> : (tensor<2xf32>) -> tensor<2xi64>
  return
}

// -----

func.func @f(%a: tensor<2xi1>) {
  // expected-error @+1 {{'graph.bitcast' op inferred type(s) 'tensor<2xi8>' are incompatible with return type(s) of operation 'tensor<2xui8>'}}
  %0 = "graph.bitcast"(%a) <{to = i8}> : (tensor<2xi1>) -> tensor<2xui8>
  return
}
