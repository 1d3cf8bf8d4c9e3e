// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Spatial graph ops (resize in every mode, grid_sample, roi_align, deform_conv), in the
// generic form.

func.func @resize(%x: tensor<1x3x8x8xf32>, %q: tensor<1x3x?x8xui8>) {
  %0 = "graph.resize"(%x) <{cubic_coeff_a = -5.000000e-01 : f32, exclude_outside = 1 : i64, mode = "cubic", sizes = array<i64: 1, 3, 5, 5>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x5x5xf32>
  %1 = "graph.resize"(%x) <{antialias = 1 : i64, mode = "linear", scales = array<f32: 1.0, 1.0, 0.5, 0.25>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x4x2xf32>
  %2 = "graph.resize"(%x) <{coordinate_transformation_mode = "tf_crop_and_resize", extrapolation_value = 1.000000e+01 : f32, mode = "linear", roi = array<f64: 0.0, 0.0, 0.4, 0.6, 1.0, 1.0, 0.6, 0.8>, sizes = array<i64: 1, 3, 3, 3>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x3x3xf32>
  %3 = "graph.resize"(%x) <{scales = array<f64: 1.0, 1.0, 1.5, 1.5>, sizes = array<i64: 1, 3, 12, 12>}> : (tensor<1x3x8x8xf32>) -> tensor<1x3x12x12xf32>
  %4 = "graph.resize"(%q) <{mode = "nearest", nearest_mode = "ceil", scales = array<f32: 1.0, 1.0, 2.0, 0.5>}> : (tensor<1x3x?x8xui8>) -> tensor<1x3x?x4xui8>
  return
}

func.func @grid_sample(%x: tensor<1x3x8x8xf32>, %g: tensor<1x4x5x2xf32>, %v: tensor<?x2x4x4x4xf64>, %h: tensor<2x6x1x1x3xf32>) {
  %0 = "graph.grid_sample"(%x, %g) : (tensor<1x3x8x8xf32>, tensor<1x4x5x2xf32>) -> tensor<1x3x4x5xf32>
  %1 = "graph.grid_sample"(%x, %g) <{align_corners = 1 : i64, mode = "cubic", padding_mode = "reflection"}> : (tensor<1x3x8x8xf32>, tensor<1x4x5x2xf32>) -> tensor<1x3x4x5xf32>
  %2 = "graph.grid_sample"(%v, %h) <{mode = "nearest", padding_mode = "border"}> : (tensor<?x2x4x4x4xf64>, tensor<2x6x1x1x3xf32>) -> tensor<2x2x6x1x1xf64>
  return
}

func.func @roi_align(%x: tensor<2x8x16x16xf32>, %r: tensor<?x4xf32>, %i: tensor<?xi64>) {
  %0 = "graph.roi_align"(%x, %r, %i) <{output_height = 3 : i64, output_width = 2 : i64, sampling_ratio = 2 : i64, spatial_scale = 2.500000e-01 : f32}> : (tensor<2x8x16x16xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x8x3x2xf32>
  %1 = "graph.roi_align"(%x, %r, %i) <{coordinate_transformation_mode = "output_half_pixel", mode = "max"}> : (tensor<2x8x16x16xf32>, tensor<?x4xf32>, tensor<?xi64>) -> tensor<?x8x1x1xf32>
  return
}

func.func @deform_conv(%x: tensor<1x4x8x8xf32>, %w: tensor<6x2x3x3xf32>, %o: tensor<1x36x4x4xf32>, %b: tensor<6xf32>, %m: tensor<1x18x4x4xf32>) {
  %0 = "graph.deform_conv"(%x, %w, %o, %b, %m) <{group = 2 : i64, offset_group = 2 : i64, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<1x36x4x4xf32>, tensor<6xf32>, tensor<1x18x4x4xf32>) -> tensor<1x6x4x4xf32>
  %1 = "graph.deform_conv"(%x, %w, %o) <{group = 2 : i64, offset_group = 2 : i64, dilations = array<i64: 2, 2>, pads = array<i64: 2, 2, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x8x8xf32>, tensor<6x2x3x3xf32>, tensor<1x36x4x4xf32>) -> tensor<1x6x4x4xf32>
  return
}
