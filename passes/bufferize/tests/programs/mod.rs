//! Graph-level programs shared by the differential tests: each is a module whose `@f` takes
//! f32 tensors and returns tensors.

/// `(name, source)` of every program.
pub const PROGRAMS: &[(&str, &str)] = &[
    (
        "elementwise_broadcast",
        r#"
func.func @f(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %c: tensor<2x1xf32>) -> tensor<2x3xf32> {
  %0 = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "graph.mul"(%0, %c) : (tensor<2x3xf32>, tensor<2x1xf32>) -> tensor<2x3xf32>
  %2 = "graph.relu"(%1) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "graph.tanh"(%2) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %3 : tensor<2x3xf32>
}
"#,
    ),
    (
        "matmul_bias_two_results",
        r#"
func.func @f(%a: tensor<3x5xf32>, %b: tensor<5x4xf32>, %c: tensor<4xf32>) -> (tensor<3x4xf32>, tensor<3x4xf32>) {
  %0 = "graph.matmul"(%a, %b) : (tensor<3x5xf32>, tensor<5x4xf32>) -> tensor<3x4xf32>
  %1 = "graph.add"(%0, %c) : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3x4xf32>
  %2 = "graph.sigmoid"(%1) : (tensor<3x4xf32>) -> tensor<3x4xf32>
  return %2, %0 : tensor<3x4xf32>, tensor<3x4xf32>
}
"#,
    ),
    (
        "conv_pads_groups",
        r#"
func.func @f(%x: tensor<1x4x5x5xf32>, %w: tensor<6x2x3x3xf32>, %b: tensor<6xf32>) -> tensor<1x6x3x3xf32> {
  %0 = "graph.conv"(%x, %w, %b) <{dilations = array<i64: 1, 1>, group = 2 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x4x5x5xf32>, tensor<6x2x3x3xf32>, tensor<6xf32>) -> tensor<1x6x3x3xf32>
  %1 = "graph.relu"(%0) : (tensor<1x6x3x3xf32>) -> tensor<1x6x3x3xf32>
  return %1 : tensor<1x6x3x3xf32>
}
"#,
    ),
    (
        "pooling",
        r#"
func.func @f(%x: tensor<1x2x5x5xf32>) -> (tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>) {
  %0 = "graph.max_pool"(%x) <{ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %1 = "graph.average_pool"(%x) <{count_include_pad = 0 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xf32>) -> tensor<1x2x3x3xf32>
  %2 = "graph.global_average_pool"(%x) : (tensor<1x2x5x5xf32>) -> tensor<1x2x1x1xf32>
  return %0, %1, %2 : tensor<1x2x3x3xf32>, tensor<1x2x3x3xf32>, tensor<1x2x1x1xf32>
}
"#,
    ),
    (
        "softmax_layer_norm",
        r#"
func.func @f(%x: tensor<2x3x4xf32>, %g: tensor<4xf32>, %b: tensor<3x4xf32>) -> (tensor<2x3x4xf32>, tensor<2x3x4xf32>) {
  %0 = "graph.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %1 = "graph.layer_norm"(%x, %g, %b) <{axis = 1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<2x3x4xf32>, tensor<4xf32>, tensor<3x4xf32>) -> tensor<2x3x4xf32>
  return %0, %1 : tensor<2x3x4xf32>, tensor<2x3x4xf32>
}
"#,
    ),
    (
        "concat_slice_reshape",
        r#"
func.func @f(%x: tensor<2x3x4xf32>, %y: tensor<2x3x4xf32>) -> (tensor<4x3x4xf32>, tensor<2x2x2xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x4x7xf32>) {
  %0 = "graph.concat"(%x, %y) <{axis = 0 : i64}> : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<4x3x4xf32>
  %1 = "graph.slice"(%x) <{axes = array<i64: 1, -1>, ends = array<i64: 3, 100>, starts = array<i64: 1, 0>, steps = array<i64: 1, 2>}> : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  %2 = "graph.reshape"(%y) <{shape = array<i64: 6, 4>}> : (tensor<2x3x4xf32>) -> tensor<6x4xf32>
  %3 = "graph.transpose"(%x) <{perm = array<i64: 2, 0, 1>}> : (tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  %4 = "graph.pad"(%y) <{constant_value = 1.500000e+00 : f32, mode = "constant", pads = array<i64: 0, 1, 2, 0, 0, 1>}> : (tensor<2x3x4xf32>) -> tensor<2x4x7xf32>
  return %0, %1, %2, %3, %4 : tensor<4x3x4xf32>, tensor<2x2x2xf32>, tensor<6x4xf32>, tensor<4x2x3xf32>, tensor<2x4x7xf32>
}
"#,
    ),
    (
        "split_unsqueeze_flatten",
        r#"
func.func @f(%x: tensor<2x3xf32>, %v: tensor<3x1xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>, tensor<1x3x1x1xf32>, tensor<2x3xf32>) {
  %0:2 = "graph.split"(%x) <{axis = -1 : i64, split = array<i64: 1, 2>}> : (tensor<2x3xf32>) -> (tensor<2x1xf32>, tensor<2x2xf32>)
  %1 = "graph.unsqueeze"(%v) <{axes = array<i64: 0, -1>}> : (tensor<3x1xf32>) -> tensor<1x3x1x1xf32>
  %2 = "graph.squeeze"(%v) <{axes = array<i64: 1>}> : (tensor<3x1xf32>) -> tensor<3xf32>
  %3 = "graph.add"(%x, %2) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %0#0, %0#1, %1, %3 : tensor<2x1xf32>, tensor<2x2xf32>, tensor<1x3x1x1xf32>, tensor<2x3xf32>
}
"#,
    ),
    (
        "small_cnn",
        r#"
func.func @f(%x: tensor<1x3x8x8xf32>) -> tensor<1x5xf32> {
  %w1 = "graph.constant"() <{value = dense<[[[[0.1, -0.2, 0.3], [0.0, 0.5, -0.1], [0.2, 0.1, -0.3]], [[0.3, 0.1, 0.0], [-0.2, 0.2, 0.1], [0.1, -0.1, 0.2]], [[-0.1, 0.0, 0.1], [0.2, -0.3, 0.1], [0.0, 0.1, 0.2]]], [[[0.2, 0.1, -0.1], [0.1, 0.0, 0.3], [-0.2, 0.1, 0.0]], [[0.0, -0.1, 0.2], [0.3, 0.1, -0.2], [0.1, 0.2, 0.1]], [[0.1, 0.1, 0.1], [0.0, -0.2, 0.2], [0.3, 0.0, -0.1]]]]> : tensor<2x3x3x3xf32>}> : () -> tensor<2x3x3x3xf32>
  %b1 = "graph.constant"() <{value = dense<[0.1, -0.1]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %c = "graph.conv"(%x, %w1, %b1) <{dilations = array<i64: 1, 1>, group = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 1, 1>}> : (tensor<1x3x8x8xf32>, tensor<2x3x3x3xf32>, tensor<2xf32>) -> tensor<1x2x8x8xf32>
  %r = "graph.relu"(%c) : (tensor<1x2x8x8xf32>) -> tensor<1x2x8x8xf32>
  %p = "graph.max_pool"(%r) <{kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<1x2x8x8xf32>) -> tensor<1x2x4x4xf32>
  %f = "graph.flatten"(%p) <{axis = 1 : i64}> : (tensor<1x2x4x4xf32>) -> tensor<1x32xf32>
  %w2 = "graph.constant"() <{value = dense<0.05> : tensor<32x5xf32>}> : () -> tensor<32x5xf32>
  %b2 = "graph.constant"() <{value = dense<[0.0, 0.1, 0.2, 0.3, 0.4]> : tensor<5xf32>}> : () -> tensor<5xf32>
  %m = "graph.matmul"(%f, %w2) : (tensor<1x32xf32>, tensor<32x5xf32>) -> tensor<1x5xf32>
  %o = "graph.add"(%m, %b2) : (tensor<1x5xf32>, tensor<5xf32>) -> tensor<1x5xf32>
  %s = "graph.softmax"(%o) <{axis = -1 : i64}> : (tensor<1x5xf32>) -> tensor<1x5xf32>
  return %s : tensor<1x5xf32>
}
"#,
    ),
    (
        "reductions",
        r#"
func.func @f(%x: tensor<2x3x4xf32>) -> (tensor<2x4xf32>, tensor<1x3x1xf32>, tensor<f32>) {
  %0 = "graph.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.reduce_mean"(%x) <{axes = array<i64: 0, -1>}> : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %2 = "graph.reduce_max"(%x) <{keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x4xf32>, tensor<1x3x1xf32>, tensor<f32>
}
"#,
    ),
];
