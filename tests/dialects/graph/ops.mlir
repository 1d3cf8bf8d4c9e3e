// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// One example of every graph op, in the generic form, with static and dynamic shapes.

func.func @constants() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<4xi1>) {
  %0 = "graph.constant"() <{value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
  %1 = "graph.constant"() <{value = dense<[1, -1, 7]> : tensor<3xi64>}> : () -> tensor<3xi64>
  %2 = "graph.constant"() <{value = dense<true> : tensor<4xi1>}> : () -> tensor<4xi1>
  return %0, %1, %2 : tensor<2x2xf32>, tensor<3xi64>, tensor<4xi1>
}

func.func @binary(%a: tensor<2x3xf32>, %b: tensor<3xf32>, %i: tensor<4x?xi32>, %j: tensor<1x1xi32>, %p: tensor<i1>, %q: tensor<4xi1>) {
  %0 = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %1 = "graph.sub"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi32>
  %2 = "graph.mul"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %3 = "graph.div"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi32>
  %4 = "graph.pow"(%a, %j) : (tensor<2x3xf32>, tensor<1x1xi32>) -> tensor<2x3xf32>
  %5 = "graph.max"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %6 = "graph.min"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi32>
  %7 = "graph.and"(%p, %q) : (tensor<i1>, tensor<4xi1>) -> tensor<4xi1>
  %8 = "graph.or"(%q, %q) : (tensor<4xi1>, tensor<4xi1>) -> tensor<4xi1>
  %9 = "graph.xor"(%q, %p) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>
  %10 = "graph.equal"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %11 = "graph.less"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi1>
  %12 = "graph.less_equal"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %13 = "graph.greater"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xi1>
  %14 = "graph.greater_equal"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi1>
  %15 = "graph.where"(%10, %a, %b) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  %16 = "graph.mod"(%i, %j) : (tensor<4x?xi32>, tensor<1x1xi32>) -> tensor<4x?xi32>
  %17 = "graph.mod"(%a, %b) <{fmod = 1 : i64}> : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return
}

func.func @unary(%x: tensor<4xf32>, %i: tensor<2x?xi32>, %b: tensor<4xi1>, %s: tensor<1xf32>) {
  %0 = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %1 = "graph.abs"(%i) : (tensor<2x?xi32>) -> tensor<2x?xi32>
  %2 = "graph.exp"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %3 = "graph.log"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %4 = "graph.sqrt"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %5 = "graph.reciprocal"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %6 = "graph.erf"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %7 = "graph.tanh"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %8 = "graph.sigmoid"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %9 = "graph.relu"(%i) : (tensor<2x?xi32>) -> tensor<2x?xi32>
  %10 = "graph.leaky_relu"(%x) <{alpha = 1.000000e-01 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
  %11 = "graph.prelu"(%x, %s) : (tensor<4xf32>, tensor<1xf32>) -> tensor<4xf32>
  %12 = "graph.elu"(%x) <{alpha = 1.000000e+00 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
  %13 = "graph.gelu"(%x) <{approximate = "tanh"}> : (tensor<4xf32>) -> tensor<4xf32>
  %14 = "graph.hard_sigmoid"(%x) <{alpha = 2.000000e-01 : f32, beta = 5.000000e-01 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
  %15 = "graph.hard_swish"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %16 = "graph.clip"(%x) <{max = 6.000000e+00 : f32, min = 0.000000e+00 : f32}> : (tensor<4xf32>) -> tensor<4xf32>
  %17 = "graph.clip"(%i) <{min = 0 : i32}> : (tensor<2x?xi32>) -> tensor<2x?xi32>
  %18 = "graph.not"(%b) : (tensor<4xi1>) -> tensor<4xi1>
  %19 = "graph.floor"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %20 = "graph.ceil"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %21 = "graph.round"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %22 = "graph.sign"(%i) : (tensor<2x?xi32>) -> tensor<2x?xi32>
  %23 = "graph.sin"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %24 = "graph.cos"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %asin = "graph.asin"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %acos = "graph.acos"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %atan = "graph.atan"(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %25 = "graph.cast"(%x) <{to = f16}> : (tensor<4xf32>) -> tensor<4xf16>
  %26 = "graph.cast"(%i) <{to = i1}> : (tensor<2x?xi32>) -> tensor<2x?xi1>
  return
}

func.func @nn(%img: tensor<1x3x224x224xf32>, %w: tensor<64x3x7x7xf32>, %bias: tensor<64xf32>,
              %dyn: tensor<?x64x?x?xf32>, %dw: tensor<64x1x3x3xf32>, %up: tensor<64x32x4x4xf32>,
              %seq: tensor<1x4x10xf32>, %w1: tensor<2x4x3xf32>,
              %a: tensor<?x128x64xf32>, %b: tensor<64x32xf32>,
              %m: tensor<8x256xf32>, %fc: tensor<1000x256xf32>, %c: tensor<1000xf32>) {
  %0 = "graph.conv"(%img, %w, %bias) <{pads = array<i64: 3, 3, 3, 3>, strides = array<i64: 2, 2>}> : (tensor<1x3x224x224xf32>, tensor<64x3x7x7xf32>, tensor<64xf32>) -> tensor<1x64x112x112xf32>
  %1 = "graph.conv"(%dyn, %dw) <{dilations = array<i64: 2, 2>, group = 64 : i64, pads = array<i64: 2, 2, 2, 2>}> : (tensor<?x64x?x?xf32>, tensor<64x1x3x3xf32>) -> tensor<?x64x?x?xf32>
  %2 = "graph.conv"(%seq, %w1) : (tensor<1x4x10xf32>, tensor<2x4x3xf32>) -> tensor<1x2x8xf32>
  %3 = "graph.conv_transpose"(%0, %up) <{pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x64x112x112xf32>, tensor<64x32x4x4xf32>) -> tensor<1x32x224x224xf32>
  %4 = "graph.max_pool"(%0) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x64x112x112xf32>) -> tensor<1x64x56x56xf32>
  %5:2 = "graph.max_pool"(%dyn) <{ceil_mode = 1 : i64, kernel_shape = array<i64: 2, 2>, strides = array<i64: 2, 2>}> : (tensor<?x64x?x?xf32>) -> (tensor<?x64x?x?xf32>, tensor<?x64x?x?xi64>)
  %6 = "graph.average_pool"(%4) <{count_include_pad = 1 : i64, kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  %7 = "graph.global_average_pool"(%4) : (tensor<1x64x56x56xf32>) -> tensor<1x64x1x1xf32>
  %8 = "graph.global_max_pool"(%dyn) : (tensor<?x64x?x?xf32>) -> tensor<?x64x1x1xf32>
  %9 = "graph.matmul"(%a, %b) : (tensor<?x128x64xf32>, tensor<64x32xf32>) -> tensor<?x128x32xf32>
  %10 = "graph.gemm"(%m, %fc, %c) <{alpha = 1.000000e+00 : f32, trans_b = 1 : i64}> : (tensor<8x256xf32>, tensor<1000x256xf32>, tensor<1000xf32>) -> tensor<8x1000xf32>
  return
}

func.func @norm(%x: tensor<2x?x768xf32>, %g: tensor<768xf32>, %img: tensor<1x64x56x56xf32>, %v: tensor<64xf32>) {
  %0 = "graph.softmax"(%x) <{axis = -1 : i64}> : (tensor<2x?x768xf32>) -> tensor<2x?x768xf32>
  %1 = "graph.log_softmax"(%x) <{axis = 1 : i64}> : (tensor<2x?x768xf32>) -> tensor<2x?x768xf32>
  %2 = "graph.layer_norm"(%x, %g, %g) <{axis = -1 : i64, epsilon = 9.99999974E-6 : f32}> : (tensor<2x?x768xf32>, tensor<768xf32>, tensor<768xf32>) -> tensor<2x?x768xf32>
  %3 = "graph.batch_norm"(%img, %v, %v, %v, %v) <{epsilon = 9.99999974E-6 : f32}> : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %4 = "graph.instance_norm"(%img, %v, %v) : (tensor<1x64x56x56xf32>, tensor<64xf32>, tensor<64xf32>) -> tensor<1x64x56x56xf32>
  %5 = "graph.lrn"(%img) <{alpha = 9.99999974E-5 : f32, beta = 7.500000e-01 : f32, bias = 1.000000e+00 : f32, size = 5 : i64}> : (tensor<1x64x56x56xf32>) -> tensor<1x64x56x56xf32>
  return
}

func.func @reduce(%x: tensor<2x3x4xf32>, %i: tensor<3x?xi64>) {
  %0 = "graph.reduce_sum"(%x) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x4xf32>
  %1 = "graph.reduce_mean"(%x) <{axes = array<i64: -1, 0>}> : (tensor<2x3x4xf32>) -> tensor<1x3x1xf32>
  %2 = "graph.reduce_max"(%i) <{axes = array<i64: 1>}> : (tensor<3x?xi64>) -> tensor<3x1xi64>
  %3 = "graph.reduce_min"(%x) : (tensor<2x3x4xf32>) -> tensor<1x1x1xf32>
  %4 = "graph.reduce_prod"(%i) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<3x?xi64>) -> tensor<?xi64>
  %5 = "graph.reduce_sum"(%x) <{noop_with_empty_axes = 1 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x3x4xf32>
  %6 = "graph.argmax"(%x) <{axis = 1 : i64, keepdims = 0 : i64}> : (tensor<2x3x4xf32>) -> tensor<2x4xi64>
  %7 = "graph.argmin"(%i) <{axis = -1 : i64, select_last_index = 1 : i64}> : (tensor<3x?xi64>) -> tensor<3x1xi64>
  %b = "graph.less"(%x, %x) : (tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x4xi1>
  %8 = "graph.reduce_max"(%b) <{axes = array<i64: 1>}> : (tensor<2x3x4xi1>) -> tensor<2x1x4xi1>
  %9 = "graph.reduce_min"(%b) <{axes = array<i64: 1>}> : (tensor<2x3x4xi1>) -> tensor<2x1x4xi1>
  return
}

func.func @reshape(%x: tensor<?x3x4xf32>, %s: tensor<1x?x1x4xf32>, %v: tensor<3x1xf32>, %d: tensor<2x8xf32>) {
  %0 = "graph.reshape"(%x) <{shape = array<i64: 0, -1>}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  %1 = "graph.reshape"(%v) <{shape = array<i64: 3>}> : (tensor<3x1xf32>) -> tensor<3xf32>
  %2 = "graph.flatten"(%x) <{axis = 1 : i64}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>
  %3 = "graph.squeeze"(%s) <{axes = array<i64: 0, 2>}> : (tensor<1x?x1x4xf32>) -> tensor<?x4xf32>
  %4 = "graph.unsqueeze"(%v) <{axes = array<i64: 0, -1>}> : (tensor<3x1xf32>) -> tensor<1x3x1x1xf32>
  %5 = "graph.expand"(%v) <{shape = array<i64: 2, 1, 6>}> : (tensor<3x1xf32>) -> tensor<2x3x6xf32>
  %6 = "graph.identity"(%x) : (tensor<?x3x4xf32>) -> tensor<?x3x4xf32>
  %7 = "graph.dropout"(%d) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %8:2 = "graph.dropout"(%d) <{ratio = 1.000000e-01 : f32}> : (tensor<2x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xi1>)
  return
}

func.func @movement(%x: tensor<1x3x224x224xf32>, %a: tensor<1x64x?x?xf32>, %b: tensor<1x32x?x?xf32>,
                    %m: tensor<4x8xf32>, %emb: tensor<30522x768xf32>, %ids: tensor<1x?xi64>,
                    %t: tensor<3x4xi32>, %f: tensor<1x256x20x20xf32>, %ids2: tensor<2x1xi64>,
                    %m2: tensor<2x8xf32>) {
  %0 = "graph.transpose"(%x) <{perm = array<i64: 0, 2, 3, 1>}> : (tensor<1x3x224x224xf32>) -> tensor<1x224x224x3xf32>
  %1 = "graph.transpose"(%t) : (tensor<3x4xi32>) -> tensor<4x3xi32>
  %2 = "graph.concat"(%a, %b) <{axis = 1 : i64}> : (tensor<1x64x?x?xf32>, tensor<1x32x?x?xf32>) -> tensor<1x96x?x?xf32>
  %3:3 = "graph.split"(%m) <{axis = 1 : i64, split = array<i64: 2, 2, 4>}> : (tensor<4x8xf32>) -> (tensor<4x2xf32>, tensor<4x2xf32>, tensor<4x4xf32>)
  %4:2 = "graph.split"(%m) <{num_outputs = 2 : i64}> : (tensor<4x8xf32>) -> (tensor<2x8xf32>, tensor<2x8xf32>)
  %5 = "graph.slice"(%m) <{axes = array<i64: 1>, ends = array<i64: 9223372036854775807>, starts = array<i64: 1>, steps = array<i64: 2>}> : (tensor<4x8xf32>) -> tensor<4x4xf32>
  %6 = "graph.gather"(%emb, %ids) <{axis = 0 : i64}> : (tensor<30522x768xf32>, tensor<1x?xi64>) -> tensor<1x?x768xf32>
  %bs = "graph.bit_shift"(%t, %t) <{direction = "RIGHT"}> : (tensor<3x4xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
  %se = "graph.scatter_elements"(%t, %t, %t) <{axis = 0 : i64, reduction = "add"}> : (tensor<3x4xi32>, tensor<3x4xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
  %snd = "graph.scatter_nd"(%m, %ids2, %m2) <{reduction = "mul"}> : (tensor<4x8xf32>, tensor<2x1xi64>, tensor<2x8xf32>) -> tensor<4x8xf32>
  %ge = "graph.gather_elements"(%t, %t) <{axis = 1 : i64}> : (tensor<3x4xi32>, tensor<3x4xi32>) -> tensor<3x4xi32>
  %7 = "graph.pad"(%x) <{constant_value = 0.000000e+00 : f32, mode = "constant", pads = array<i64: 0, 0, 1, 1, 0, 0, 1, 1>}> : (tensor<1x3x224x224xf32>) -> tensor<1x3x226x226xf32>
  %8 = "graph.pad"(%t) <{mode = "reflect", pads = array<i64: 1, 2, 1, 2>}> : (tensor<3x4xi32>) -> tensor<5x8xi32>
  %9 = "graph.tile"(%t) <{repeats = array<i64: 2, 1>}> : (tensor<3x4xi32>) -> tensor<6x4xi32>
  %10 = "graph.shape"(%a) <{start = 1 : i64}> : (tensor<1x64x?x?xf32>) -> tensor<3xi64>
  %11 = "graph.resize"(%f) <{mode = "nearest", scales = array<f32: 1.0, 1.0, 2.0, 2.0>}> : (tensor<1x256x20x20xf32>) -> tensor<1x256x40x40xf32>
  %12 = "graph.resize"(%f) <{coordinate_transformation_mode = "align_corners", mode = "linear", sizes = array<i64: 1, 256, 33, 33>}> : (tensor<1x256x20x20xf32>) -> tensor<1x256x33x33xf32>
  return
}
