// RUN: strata opt %s --graph-to-tensor

// A 2x2 kernel with a mask and a bias: over (n, offset group, kh, kw, oh, ow), the
// fractions of each tap's sampling point and the plane positions of its four corners
// (-1 off the image); the gather of the corners; the bilinear interpolation times the
// mask (f64); the contraction with the weights over (c, kh, kw) per group; the bias,
// rounded to f32.
func.func @masked(%x: tensor<1x1x3x3xf32>, %w: tensor<1x1x2x2xf32>, %off: tensor<1x8x2x2xf32>, %bias: tensor<1xf32>, %mask: tensor<1x4x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "graph.deform_conv"(%x, %w, %off, %bias, %mask) <{group = 1 : i64, offset_group = 1 : i64, pads = array<i64: 0, 0, 0, 0>}> : (tensor<1x1x3x3xf32>, tensor<1x1x2x2xf32>, tensor<1x8x2x2xf32>, tensor<1xf32>, tensor<1x4x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
