// RUN: strata opt %s --graph-to-tensor

// Average of 2x2 samples per bin: over (roi, ph, pw, iy, ix, tap), the plane position
// and weight of each sample's four bilinear taps from the region's corners (f64); the
// gather x[batch[roi], c, pos] (a reduction over the images and plane positions); per
// sample the weighted sum of the taps, the sum over the samples, the division by their
// count, rounded to f32.
func.func @avg(%x: tensor<2x1x4x4xf32>, %rois: tensor<1x4xf32>, %b: tensor<1xi64>) -> tensor<1x1x2x2xf32> {
  %0 = "graph.roi_align"(%x, %rois, %b) <{coordinate_transformation_mode = "half_pixel", mode = "avg", output_height = 2 : i64, output_width = 2 : i64, sampling_ratio = 2 : i64, spatial_scale = 1.0 : f32}> : (tensor<2x1x4x4xf32>, tensor<1x4xf32>, tensor<1xi64>) -> tensor<1x1x2x2xf32>
  return %0 : tensor<1x1x2x2xf32>
}
