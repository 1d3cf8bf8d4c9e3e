// RUN: strata opt %s --graph-to-tensor

// Integer keys to float values: a reduction over the keys (constants) from the default
// that selects the value of each matching key, so the last match wins.
func.func @ints(%x: tensor<2x3xi64>) -> tensor<2x3xf32> {
  %0 = "graph.label_encoder"(%x) <{keys = dense<[1, 2, 1]> : tensor<3xi64>, values = dense<[0.5, 1.5, 2.5]> : tensor<3xf32>, default = 7.0 : f32}> : (tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// Float keys (NaN matches a NaN key) to integers, with ONNX's default -1.
func.func @floats(%x: tensor<4xf32>) -> tensor<4xi32> {
  %0 = "graph.label_encoder"(%x) <{keys = dense<[0.5, 0x7FC00000]> : tensor<2xf32>, values = dense<[3, 4]> : tensor<2xi32>}> : (tensor<4xf32>) -> tensor<4xi32>
  return %0 : tensor<4xi32>
}
