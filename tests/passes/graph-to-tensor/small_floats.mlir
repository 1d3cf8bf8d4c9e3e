// RUN: strata opt %s --graph-to-tensor --mlir-pass-statistics

// Casts from and to the 8- and 4-bit floats (saturating, with ONNX's rounding modes) have
// no arith equivalent and stay graph ops; the f32 -> f16 cast beside them converts.
func.func @casts(%x: tensor<4xf32>) -> (tensor<4xf8E4M3FN>, tensor<4xf32>, tensor<4xf16>) {
  %0 = "graph.cast"(%x) <{saturate = 0 : i64, to = f8E4M3FN}> : (tensor<4xf32>) -> tensor<4xf8E4M3FN>
  %1 = "graph.cast"(%0) <{to = f32}> : (tensor<4xf8E4M3FN>) -> tensor<4xf32>
  %2 = "graph.cast"(%x) <{to = f16}> : (tensor<4xf32>) -> tensor<4xf16>
  return %0, %1, %2 : tensor<4xf8E4M3FN>, tensor<4xf32>, tensor<4xf16>
}
