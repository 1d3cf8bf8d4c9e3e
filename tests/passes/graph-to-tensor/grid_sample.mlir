// RUN: strata opt %s --graph-to-tensor

// Bilinear sampling with border padding: per spatial axis, the tap indices and weights
// from the grid (generics over (n, h, w, tap) with an iota of the taps), the gather of the
// four taps (a reduction over the input positions matching the indices), then the weighted
// sums, innermost axis first, in f64, rounded to f32.
func.func @bilinear(%x: tensor<1x1x3x3xf32>, %g: tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32> {
  %0 = "graph.grid_sample"(%x, %g) <{mode = "linear", padding_mode = "border", align_corners = 0 : i64}> : (tensor<1x1x3x3xf32>, tensor<1x2x2x2xf32>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
