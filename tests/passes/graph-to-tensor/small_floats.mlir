// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics

// Casts from and to the 8- and 4-bit floats: `saturate = 0` is a plain `arith.truncf`; the
// default saturating cast clamps to +-57344 (f8E5M2FNUZ's largest value) with compares and
// selects first (a NaN passes unchanged); f4E2M1FN always saturates, which its truncf does; reading a
// small float back is an exact `arith.extf`; between two small floats through f32.
func.func @casts(%x: tensor<4xf32>) -> (tensor<4xf8E4M3FN>, tensor<4xf32>, tensor<4xf16>, tensor<4xf8E5M2FNUZ>, tensor<4xf4E2M1FN>, tensor<4xf8E5M2>) {
  %0 = "graph.cast"(%x) <{saturate = 0 : i64, to = f8E4M3FN}> : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  %1 = "graph.cast"(%0) <{to = f32}> : (tensor<4xf8E4M3FN>) -> tensor<4xf32>
  %2 = "graph.cast"(%x) <{to = f16}> : (tensor<4xf32>) -> tensor<4xf16>
  %3 = "graph.cast"(%2) <{to = f8E5M2FNUZ}> : (tensor<4xf16>) -> tensor<4xf8E5M2FNUZ>
  %4 = "graph.cast"(%x) <{saturate = 0 : i64, to = f4E2M1FN}> : (tensor<4xf32>) -> tensor<4xf4E2M1FN>
  %5 = "graph.cast"(%0) <{to = f8E5M2}> : (tensor<4xf8E4M3FN>) -> tensor<4xf8E5M2>
  return %0, %1, %2, %3, %4, %5 : tensor<4xf8E4M3FN>, tensor<4xf32>, tensor<4xf16>, tensor<4xf8E5M2FNUZ>, tensor<4xf4E2M1FN>, tensor<4xf8E5M2>
}

// f8E8M0FNU: ONNX's rounding of the f32 exponent field (here `nearest`, not saturating)
// with integer ops, then a bitcast from i8.
func.func @e8m0(%x: tensor<4xf32>) -> tensor<4xf8E8M0FNU> {
  %0 = "graph.cast"(%x) <{round_mode = "nearest", saturate = 0 : i64, to = f8E8M0FNU}> : (tensor<4xf32>) -> tensor<4xf8E8M0FNU>
  return %0 : tensor<4xf8E8M0FNU>
}

// The 4- and 2-bit integers: floats truncate through i64 then wrap; integers wrap or
// sign-extend; bitcast keeps the bits.
func.func @ints(%x: tensor<4xf16>, %i: tensor<4xi4>, %w: tensor<4xi32>) -> (tensor<4xi4>, tensor<4xi2>, tensor<4xf32>, tensor<4xi8>, tensor<4xi2>, tensor<4xi32>) {
  %0 = "graph.cast"(%x) <{to = i4}> : (tensor<4xf16>) -> tensor<4xi4>
  %1 = "graph.cast"(%w) <{to = i2}> : (tensor<4xi32>) -> tensor<4xi2>
  %2 = "graph.cast"(%i) <{to = f32}> : (tensor<4xi4>) -> tensor<4xf32>
  %3 = "graph.cast"(%i) <{to = i8}> : (tensor<4xi4>) -> tensor<4xi8>
  %4 = "graph.cast"(%i) <{to = i2}> : (tensor<4xi4>) -> tensor<4xi2>
  %5 = "graph.bitcast"(%2) <{to = i32}> : (tensor<4xf32>) -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi4>, tensor<4xi2>, tensor<4xf32>, tensor<4xi8>, tensor<4xi2>, tensor<4xi32>
}
