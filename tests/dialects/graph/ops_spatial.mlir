// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Spatial graph ops (resize in every mode, grid_sample), in the generic form.

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
