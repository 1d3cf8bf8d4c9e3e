// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the spatial graph ops, one per chunk.

func.func @f(%a: tensor<1x3x8x8xi8>) {
  // expected-error @+1 {{'graph.resize' op 'cubic' mode requires a float tensor}}
  %0 = "graph.resize"(%a) <{mode = "cubic", sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xi8>) -> tensor<1x3x4x4xi8>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op 'antialias' requires 'linear' or 'cubic' mode}}
  %0 = "graph.resize"(%a) <{antialias = 1 : i64, sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op attribute 'exclude_outside' must be 0 or 1, but got 2}}
  %0 = "graph.resize"(%a) <{exclude_outside = 2 : i64, mode = "cubic", sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op 'tf_crop_and_resize' requires attribute 'roi'}}
  %0 = "graph.resize"(%a) <{coordinate_transformation_mode = "tf_crop_and_resize", sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op attribute 'roi' must have 8 elements (twice the rank), but has 4}}
  %0 = "graph.resize"(%a) <{coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f64: 0.0, 0.0, 1.0, 1.0>, sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op attribute 'roi' is only used by 'tf_crop_and_resize'}}
  %0 = "graph.resize"(%a) <{roi = array<f64: 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0>, sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op attribute 'scales' must hold positive finite values, but holds 0}}
  %0 = "graph.resize"(%a) <{scales = array<f32: 1.0, 1.0, 0.0, 1.0>, sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op attribute 'cubic_coeff_a' must be finite, but is inf}}
  %0 = "graph.resize"(%a) <{cubic_coeff_a = 0x7F800000 : f32, mode = "cubic", sizes = array<i64: 1, 3, 4, 4>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x4xf32>
  return
}
