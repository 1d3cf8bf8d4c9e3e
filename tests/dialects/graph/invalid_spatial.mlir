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

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x5x3xf32>) {
  // expected-error @+1 {{'graph.grid_sample' op the last dimension of the grid must be 2 (the spatial rank), but is 3}}
  %0 = "graph.grid_sample"(%x, %g) : (tensor<1x3x8x8xf32>, tensor<1x4x5x3xf32>) -> tensor<1x3x4x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x2xf32>) {
  // expected-error @+1 {{'graph.grid_sample' op grid must have rank 4 (N x D1' ... x 2), but has rank 3}}
  %0 = "graph.grid_sample"(%x, %g) : (tensor<1x3x8x8xf32>, tensor<1x4x2xf32>) -> tensor<1x3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x8x8xf32>, %g: tensor<3x4x5x2xf32>) {
  // expected-error @+1 {{'graph.grid_sample' op batch sizes of the input and the grid differ (2 vs 3)}}
  %0 = "graph.grid_sample"(%x, %g) : (tensor<2x3x8x8xf32>, tensor<3x4x5x2xf32>) -> tensor<2x3x4x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x5x2xf32>) {
  // expected-error @+1 {{'graph.grid_sample' op attribute 'padding_mode' must be one of "zeros", "border", "reflection", but got "wrap"}}
  %0 = "graph.grid_sample"(%x, %g) <{padding_mode = "wrap"}> : (tensor<1x3x8x8xf32>, tensor<1x4x5x2xf32>) -> tensor<1x3x4x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xi32>, %g: tensor<1x4x5x2xf32>) {
  // expected-error @+1 {{'graph.grid_sample' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<1x3x8x8xi32>'}}
  %0 = "graph.grid_sample"(%x, %g) : (tensor<1x3x8x8xi32>, tensor<1x4x5x2xf32>) -> tensor<1x3x4x5xi32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %r: tensor<3x5xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'graph.roi_align' op rois must be R x 4, but have shape 3x5}}
  %0 = "graph.roi_align"(%x, %r, %i) : (tensor<1x8x16x16xf32>, tensor<3x5xf32>, tensor<3xi64>) -> tensor<3x8x1x1xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %r: tensor<3x4xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'graph.roi_align' op batch_indices (operand #2) must have 3 elements, but has shape 2}}
  %0 = "graph.roi_align"(%x, %r, %i) : (tensor<1x8x16x16xf32>, tensor<3x4xf32>, tensor<2xi64>) -> tensor<3x8x1x1xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x16x16xf32>, %r: tensor<3x4xf32>, %i: tensor<3xi64>) {
  // expected-error @+1 {{'graph.roi_align' op attribute 'mode' must be one of "avg", "max", but got "sum"}}
  %0 = "graph.roi_align"(%x, %r, %i) <{mode = "sum"}> : (tensor<1x8x16x16xf32>, tensor<3x4xf32>, tensor<3xi64>) -> tensor<3x8x1x1xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %o: tensor<1x18x6x6xf32>) {
  // expected-error @+1 {{'graph.deform_conv' op input channels (4) must be weight channels (2) times group (1) and a multiple of offset_group (1)}}
  %0 = "graph.deform_conv"(%x, %w, %o) : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<1x18x6x6xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x9x6x6xf32>) {
  // expected-error @+1 {{'graph.deform_conv' op offset must have offset_group * kernel size * 2 = 18 channels, but has 9}}
  %0 = "graph.deform_conv"(%x, %w, %o) : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x9x6x6xf32>) -> tensor<1x6x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x8x8xf32>, %w: tensor<6x4x3x3xf32>, %o: tensor<1x18x5x5xf32>) {
  // expected-error @+1 {{'graph.deform_conv' op offset's spatial shape 5x5 does not match the output size 6}}
  %0 = "graph.deform_conv"(%x, %w, %o) : (tensor<1x4x8x8xf32>, tensor<6x4x3x3xf32>, tensor<1x18x5x5xf32>) -> tensor<1x6x5x5xf32>
  return
}
