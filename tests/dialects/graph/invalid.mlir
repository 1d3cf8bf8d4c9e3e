// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of the graph dialect, one per chunk.

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4xf32>) {
  // expected-error @+1 {{'graph.add' op operands don't have broadcast-compatible shapes: shapes 2x3 and 4 are not broadcast-compatible}}
  %0 = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<4xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{'graph.mul' op inferred type(s) 'tensor<2x3xf32>' are incompatible with return type(s) of operation 'tensor<2x4xf32>'}}
  %0 = "graph.mul"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>, %b: tensor<2xf16>) {
  // expected-error @+1 {{'graph.sub' op requires the same element type for all operands, but operand #0 has 'f32' and operand #1 has 'f16'}}
  %0 = "graph.sub"(%a, %b) : (tensor<2xf32>, tensor<2xf16>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.less' op inferred type(s) 'tensor<2xi1>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  %0 = "graph.less"(%a, %a) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<2xi32>, %b: tensor<2xi1>) {
  // expected-error @+1 {{'graph.and' op operand #0 must be ranked tensor of i1 values, but got 'tensor<2xi32>'}}
  %0 = "graph.and"(%a, %b) : (tensor<2xi32>, tensor<2xi1>) -> tensor<2xi1>
  return
}

// -----

func.func @f(%c: tensor<2xi32>, %a: tensor<2xf32>) {
  // expected-error @+1 {{'graph.where' op operand #0 must be ranked tensor of i1 values, but got 'tensor<2xi32>'}}
  %0 = "graph.where"(%c, %a, %a) : (tensor<2xi32>, tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<*xf32>) {
  // expected-error @+1 {{'graph.relu' op operand #0 must be ranked tensor of signed integer or floating-point values, but got 'tensor<*xf32>'}}
  %0 = "graph.relu"(%a) : (tensor<*xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'graph.exp' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<4xi32>'}}
  %0 = "graph.exp"(%a) : (tensor<4xi32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'graph.gelu' op attribute 'approximate' must be one of "none", "tanh", but got "fast"}}
  %0 = "graph.gelu"(%a) <{approximate = "fast"}> : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<4xi32>) {
  // expected-error @+1 {{'graph.clip' op attribute 'min' must be an integer attribute for integer tensors}}
  %0 = "graph.clip"(%a) <{min = 0.0 : f32}> : (tensor<4xi32>) -> tensor<4xi32>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'graph.cast' op requires attribute 'to'}}
  %0 = "graph.cast"(%a) : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'graph.cast' op inferred type(s) 'tensor<4xi8>' are incompatible with return type(s) of operation 'tensor<4xf16>'}}
  %0 = "graph.cast"(%a) <{to = i8}> : (tensor<4xf32>) -> tensor<4xf16>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'graph.conv' op input channels (3) must equal weight input channels (2) * group (1)}}
  %0 = "graph.conv"(%x, %w) : (tensor<1x3x8x8xf32>, tensor<4x2x3x3xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x2x2xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'graph.conv' op spatial dimension 0: padded input size 2 is smaller than the dilated kernel size 3}}
  %0 = "graph.conv"(%x, %w) : (tensor<1x3x2x2xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x1x1xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'graph.conv' op attribute 'strides' must have 2 elements, but has 1}}
  %0 = "graph.conv"(%x, %w) <{strides = array<i64: 2>}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x3x3xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>, %b: tensor<5xf32>) {
  // expected-error @+1 {{'graph.conv' op bias (operand #2) must have 4 elements, but has shape 5}}
  %0 = "graph.conv"(%x, %w, %b) : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>, tensor<5xf32>) -> tensor<1x4x6x6xf32>
  return
}

// -----

func.func @f(%x: tensor<1x3x8x8xf32>, %w: tensor<4x3x3x3xf32>) {
  // expected-error @+1 {{'graph.conv' op attribute 'auto_pad' is not supported (resolve it into explicit 'pads')}}
  %0 = "graph.conv"(%x, %w) <{auto_pad = "SAME_UPPER"}> : (tensor<1x3x8x8xf32>, tensor<4x3x3x3xf32>) -> tensor<1x4x8x8xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x4x4xf32>, %w: tensor<4x2x3x3xf32>) {
  // expected-error @+1 {{'graph.conv_transpose' op attribute 'output_padding' value 1 must be smaller than the stride or the dilation of spatial dimension 0}}
  %0 = "graph.conv_transpose"(%x, %w) <{output_padding = array<i64: 1, 1>}> : (tensor<1x4x4x4xf32>, tensor<4x2x3x3xf32>) -> tensor<1x2x7x7xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x5x5xf32>) {
  // expected-error @+1 {{'graph.max_pool' op requires attribute 'kernel_shape'}}
  %0 = "graph.max_pool"(%x) : (tensor<1x8x5x5xf32>) -> tensor<1x8x5x5xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x5x5xf32>) {
  // expected-error @+1 {{'graph.max_pool' op pads of spatial dimension 0 must be smaller than the dilated kernel size 2}}
  %0 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2>, pads = array<i64: 2, 0, 0, 0>}> : (tensor<1x8x5x5xf32>) -> tensor<1x8x6x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>) {
  // expected-error @+1 {{'graph.max_pool' op inferred type(s) 'tensor<1x8x3x3xf32>', 'tensor<1x8x3x3xi64>' are incompatible with return type(s) of operation 'tensor<1x8x3x3xf32>', 'tensor<1x8x3x3xi32>'}}
  %0:2 = "graph.max_pool"(%x) <{kernel_shape = array<i64: 2, 2>}> : (tensor<1x8x4x4xf32>) -> (tensor<1x8x3x3xf32>, tensor<1x8x3x3xi32>)
  return
}

// -----

func.func @f(%x: tensor<1x8x4x4xf32>) {
  // expected-error @+1 {{'graph.average_pool' op attribute 'ceil_mode' must be 0 or 1, but got 2}}
  %0 = "graph.average_pool"(%x) <{ceil_mode = 2 : i64, kernel_shape = array<i64: 2, 2>}> : (tensor<1x8x4x4xf32>) -> tensor<1x8x3x3xf32>
  return
}

// -----

func.func @f(%x: tensor<8x4xf32>) {
  // expected-error @+1 {{'graph.global_average_pool' op input (operand #0) must have rank >= 3, but has rank 2}}
  %0 = "graph.global_average_pool"(%x) : (tensor<8x4xf32>) -> tensor<8x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<4x5xf32>) {
  // expected-error @+1 {{'graph.matmul' op contracting dimensions differ: 3 (lhs 2x3) vs 4 (rhs 4x5)}}
  %0 = "graph.matmul"(%a, %b) : (tensor<2x3xf32>, tensor<4x5xf32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<3x4xf32>) {
  // expected-error @+1 {{'graph.gemm' op C shape 3x4 does not broadcast to the result shape 2x4}}
  %0 = "graph.gemm"(%a, %b, %c) : (tensor<2x3xf32>, tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<4x10xf32>) {
  // expected-error @+1 {{'graph.softmax' op axis 2 is out of range for rank 2 (expected [-2, 1])}}
  %0 = "graph.softmax"(%a) <{axis = 2 : i64}> : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return
}

// -----

func.func @f(%a: tensor<4x10xf32>) {
  // expected-error @+1 {{'graph.softmax' op attribute 'axis' failed to satisfy constraint: 64-bit signless integer attribute}}
  %0 = "graph.softmax"(%a) <{axis = "last"}> : (tensor<4x10xf32>) -> tensor<4x10xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3x4xf32>, %g: tensor<3xf32>) {
  // expected-error @+1 {{'graph.layer_norm' op scale shape 3 does not broadcast to the normalized shape 4}}
  %0 = "graph.layer_norm"(%x, %g) : (tensor<2x3x4xf32>, tensor<3xf32>) -> tensor<2x3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %v: tensor<4xf32>, %m: tensor<3xf32>) {
  // expected-error @+1 {{'graph.batch_norm' op mean (operand #3) must have 4 elements, but has shape 3}}
  %0 = "graph.batch_norm"(%x, %v, %v, %m, %v) : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>, tensor<3xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>, %v: tensor<4xf32>) {
  // expected-error @+1 {{'graph.instance_norm' op attribute 'epsilon' must be finite and non-negative, but got -1}}
  %0 = "graph.instance_norm"(%x, %v, %v) <{epsilon = -1.0 : f32}> : (tensor<1x4x2x2xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.reduce_sum' op axis -1 is repeated}}
  %0 = "graph.reduce_sum"(%x) <{axes = array<i64: 1, -1>}> : (tensor<2x3xf32>) -> tensor<2x1xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.reduce_mean' op inferred type(s) 'tensor<2x1xf32>' are incompatible with return type(s) of operation 'tensor<2xf32>'}}
  %0 = "graph.reduce_mean"(%x) <{axes = array<i64: 1>}> : (tensor<2x3xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.argmax' op inferred type(s) 'tensor<1x3xi64>' are incompatible with return type(s) of operation 'tensor<1x3xi32>'}}
  %0 = "graph.argmax"(%x) : (tensor<2x3xf32>) -> tensor<1x3xi32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.reshape' op cannot reshape 2x3 into 4x?}}
  %0 = "graph.reshape"(%x) <{shape = array<i64: 4, -1>}> : (tensor<2x3xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.reshape' op requires attribute 'shape'}}
  %0 = "graph.reshape"(%x) : (tensor<2x3xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.squeeze' op cannot squeeze axis 0 of size 2}}
  %0 = "graph.squeeze"(%x) <{axes = array<i64: 0>}> : (tensor<2x3xf32>) -> tensor<3xf32>
  return
}

// -----

func.func @f(%x: tensor<?x1xf32>) {
  // expected-error @+1 {{'graph.squeeze' op requires 'axes' when the input shape ?x1 has dynamic dimensions}}
  %0 = "graph.squeeze"(%x) : (tensor<?x1xf32>) -> tensor<?xf32>
  return
}

// -----

func.func @f(%x: tensor<3xf32>) {
  // expected-error @+1 {{'graph.unsqueeze' op axis 2 is out of range for rank 2 (expected [-2, 1])}}
  %0 = "graph.unsqueeze"(%x) <{axes = array<i64: 2>}> : (tensor<3xf32>) -> tensor<3x1xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'graph.expand' op cannot expand: shapes 3x2 and 4 are not broadcast-compatible}}
  %0 = "graph.expand"(%x) <{shape = array<i64: 4>}> : (tensor<3x2xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @f(%x: tensor<2x8xf32>) {
  // expected-error @+1 {{'graph.dropout' op attribute 'ratio' must be in [0, 1), but got 1}}
  %0 = "graph.dropout"(%x) <{ratio = 1.0 : f32}> : (tensor<2x8xf32>) -> tensor<2x8xf32>
  return
}

// -----

func.func @f(%x: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.transpose' op 'perm' [0, 0] is not a permutation of the 2 dimensions}}
  %0 = "graph.transpose"(%x) <{perm = array<i64: 0, 0>}> : (tensor<2x3xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @f(%a: tensor<2x2xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{'graph.concat' op operand #1 has shape 3x2 incompatible with 2x2 outside axis 1}}
  %0 = "graph.concat"(%a, %b) <{axis = 1 : i64}> : (tensor<2x2xf32>, tensor<3x2xf32>) -> tensor<2x4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x2xf32>) {
  // expected-error @+1 {{'graph.concat' op requires attribute 'axis'}}
  %0 = "graph.concat"(%a, %a) : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<4x2xf32>
  return
}

// -----

func.func @f(%a: tensor<4x6xf32>) {
  // expected-error @+1 {{'graph.split' op expected 2 results, but found 3}}
  %0:3 = "graph.split"(%a) <{num_outputs = 2 : i64}> : (tensor<4x6xf32>) -> (tensor<2x6xf32>, tensor<2x6xf32>, tensor<0x6xf32>)
  return
}

// -----

func.func @f(%a: tensor<10xf32>) {
  // expected-error @+1 {{'graph.split' op split sizes sum to 5, but dimension 0 has size 10}}
  %0:2 = "graph.split"(%a) <{split = array<i64: 2, 3>}> : (tensor<10xf32>) -> (tensor<2xf32>, tensor<3xf32>)
  return
}

// -----

func.func @f(%a: tensor<4xf32>) {
  // expected-error @+1 {{'graph.slice' op attribute 'steps' must not contain 0}}
  %0 = "graph.slice"(%a) <{ends = array<i64: 2>, starts = array<i64: 0>, steps = array<i64: 0>}> : (tensor<4xf32>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<5xf32>) {
  // expected-error @+1 {{'graph.gather' op operand #1 must be ranked tensor of integer values, but got 'tensor<5xf32>'}}
  %0 = "graph.gather"(%d, %i) : (tensor<2x3xf32>, tensor<5xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @f(%a: tensor<3xi32>) {
  // expected-error @+1 {{'graph.atan' op operand #0 must be ranked tensor of floating-point values, but got 'tensor<3xi32>'}}
  %0 = "graph.atan"(%a) : (tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @f(%a: tensor<3xi32>) {
  // expected-error @+1 {{'graph.bit_shift' op attribute 'direction' must be one of "LEFT", "RIGHT", but got "UP"}}
  %0 = "graph.bit_shift"(%a, %a) <{direction = "UP"}> : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<2x2xi64>, %u: tensor<2x2xf32>) {
  // expected-error @+1 {{'graph.scatter_elements' op attribute 'reduction' must be one of "none", "add", "mul", "max", "min", but got "sub"}}
  %0 = "graph.scatter_elements"(%d, %i, %u) <{reduction = "sub"}> : (tensor<2x3xf32>, tensor<2x2xi64>, tensor<2x2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<2x1xi64>, %u: tensor<2x2xf32>) {
  // expected-error @+1 {{'graph.scatter_nd' op updates must have shape 2x3, but have 2x2}}
  %0 = "graph.scatter_nd"(%d, %i, %u) : (tensor<2x3xf32>, tensor<2x1xi64>, tensor<2x2xf32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @f(%d: tensor<2x3xf32>, %i: tensor<2xi64>) {
  // expected-error @+1 {{'graph.gather_elements' op indices must have the rank of data (2), but have rank 1}}
  %0 = "graph.gather_elements"(%d, %i) : (tensor<2x3xf32>, tensor<2xi64>) -> tensor<2xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'graph.pad' op 'reflect' padding of dimension 0 (size 3) by 3 is too large}}
  %0 = "graph.pad"(%a) <{mode = "reflect", pads = array<i64: 3, 0>}> : (tensor<3xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @f(%a: tensor<3xf32>) {
  // expected-error @+1 {{'graph.tile' op attribute 'repeats' must have 1 elements (the rank), but has 2}}
  %0 = "graph.tile"(%a) <{repeats = array<i64: 2, 3>}> : (tensor<3xf32>) -> tensor<6xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{'graph.shape' op inferred type(s) 'tensor<2xi64>' are incompatible with return type(s) of operation 'tensor<2xi32>'}}
  %0 = "graph.shape"(%a) : (tensor<2x3xf32>) -> tensor<2xi32>
  return
}

// -----

func.func @f(%a: tensor<1x3x8x8xf32>) {
  // expected-error @+1 {{'graph.resize' op requires attribute 'scales' or 'sizes'}}
  %0 = "graph.resize"(%a) : (tensor<1x3x8x8xf32>) -> tensor<1x3x8x8xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'graph.constant' op value type 'tensor<2xf32>' does not match the result type 'tensor<?xf32>'}}
  %0 = "graph.constant"() <{value = dense<1.0> : tensor<2xf32>}> : () -> tensor<?xf32>
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'graph.constant' op attribute 'value' failed to satisfy constraint: dense elements or dense resource attribute}}
  %0 = "graph.constant"() <{value = 1.0 : f32}> : () -> tensor<f32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>) {
  // expected-error @+1 {{'graph.lrn' op requires attribute 'size'}}
  %0 = "graph.lrn"(%x) : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<1x4x2x2xf32>) {
  // expected-error @+1 {{'graph.lrn' op attribute 'size' must be >= 1, but got 0}}
  %0 = "graph.lrn"(%x) <{size = 0 : i64}> : (tensor<1x4x2x2xf32>) -> tensor<1x4x2x2xf32>
  return
}

// -----

func.func @f(%x: tensor<4xf32>) {
  // expected-error @+1 {{'graph.lrn' op input (operand #0) must have rank >= 2, but has rank 1}}
  %0 = "graph.lrn"(%x) <{size = 3 : i64}> : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @f(%a: tensor<2x3xi32>) {
  // expected-error @+1 {{'graph.mod' op attribute 'fmod' must be 0 or 1, but got 2}}
  %0 = "graph.mod"(%a, %a) <{fmod = 2 : i64}> : (tensor<2x3xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return
}
