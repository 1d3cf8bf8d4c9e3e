// RUN: strata opt %s --graph-to-tensor

// Nearest resizing by integer factors reads each axis through an affine map: here
// `o floordiv 2` (a plain copy per axis).
func.func @nearest(%x: tensor<1x1x2x2xf32>) -> tensor<1x1x4x3xf32> {
  %0 = "graph.resize"(%x) <{mode = "nearest", sizes = array<i64: 1, 1, 4, 3>}> : (tensor<1x1x2x2xf32>) -> tensor<1x1x4x3xf32>
  return %0 : tensor<1x1x4x3xf32>
}

// Any other nearest table is a gather per resized axis: a reduction over the input
// positions that keeps the element whose position (an iota constant) equals the table's
// entry.
func.func @nearest_table(%x: tensor<3xi32>) -> tensor<5xi32> {
  %0 = "graph.resize"(%x) <{mode = "nearest", sizes = array<i64: 5>}> : (tensor<3xi32>) -> tensor<5xi32>
  return %0 : tensor<5xi32>
}

// Linear resizing in f64: per axis, `acc + w[o, t] * x[idx[o, t]]` over the taps `t`, then
// rounded to f32 once.
func.func @linear(%x: tensor<2x3xf32>) -> tensor<2x5xf32> {
  %0 = "graph.resize"(%x) <{mode = "linear", coordinate_transformation_mode = "align_corners", sizes = array<i64: 2, 5>}> : (tensor<2x3xf32>) -> tensor<2x5xf32>
  return %0 : tensor<2x5xf32>
}

// A crop box: positions outside the input get the extrapolation value (the init), their
// taps index -1.
func.func @crop(%x: tensor<4xf64>) -> tensor<3xf64> {
  %0 = "graph.resize"(%x) <{mode = "linear", coordinate_transformation_mode = "tf_crop_and_resize", roi = array<f64: 0.5, 1.5>, extrapolation_value = 7.0 : f32, sizes = array<i64: 3>}> : (tensor<4xf64>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}
