// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The 8- and 4-bit float types and the 4- and 2-bit integers in the graph dialect: casts
// (with `saturate` and `round_mode`) and data movement take them.

func.func @casts(%x: tensor<2x3xf32>, %h: tensor<4xf16>) -> (tensor<2x3xf8E4M3FN>, tensor<2x3xf8E5M2>, tensor<4xf8E8M0FNU>, tensor<4xf4E2M1FN>, tensor<2x3xi4>, tensor<4xui2>, tensor<2x3xf32>) {
  %0 = "graph.cast"(%x) <{to = f8E4M3FN}> : (tensor<2x3xf32>) -> tensor<2x3xf8E4M3FN>
  %1 = "graph.cast"(%x) <{saturate = 0 : i64, to = f8E5M2}> : (tensor<2x3xf32>) -> tensor<2x3xf8E5M2>
  %2 = "graph.cast"(%h) <{round_mode = "nearest", to = f8E8M0FNU}> : (tensor<4xf16>) -> tensor<4xf8E8M0FNU>
  %3 = "graph.cast"(%h) <{to = f4E2M1FN}> : (tensor<4xf16>) -> tensor<4xf4E2M1FN>
  %4 = "graph.cast"(%x) <{to = i4}> : (tensor<2x3xf32>) -> tensor<2x3xi4>
  %5 = "graph.cast"(%3) <{to = ui2}> : (tensor<4xf4E2M1FN>) -> tensor<4xui2>
  %6 = "graph.cast"(%0) <{to = f32}> : (tensor<2x3xf8E4M3FN>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf8E4M3FN>, tensor<2x3xf8E5M2>, tensor<4xf8E8M0FNU>, tensor<4xf4E2M1FN>, tensor<2x3xi4>, tensor<4xui2>, tensor<2x3xf32>
}

func.func @movement(%a: tensor<2x3xf8E4M3FNUZ>, %b: tensor<6xf8E5M2FNUZ>) -> (tensor<3x2xf8E4M3FNUZ>, tensor<2x3xf8E5M2FNUZ>) {
  %0 = "graph.transpose"(%a) <{perm = array<i64: 1, 0>}> : (tensor<2x3xf8E4M3FNUZ>) -> tensor<3x2xf8E4M3FNUZ>
  %1 = "graph.reshape"(%b) <{shape = array<i64: 2, 3>}> : (tensor<6xf8E5M2FNUZ>) -> tensor<2x3xf8E5M2FNUZ>
  return %0, %1 : tensor<3x2xf8E4M3FNUZ>, tensor<2x3xf8E5M2FNUZ>
}

func.func @constants() -> (tensor<4xf8E4M3FN>, tensor<3xi4>) {
  %0 = "graph.constant"() <{value = dense<[1.0, -2.5, 448.0, 0x7F]> : tensor<4xf8E4M3FN>}> : () -> tensor<4xf8E4M3FN>
  %1 = "graph.constant"() <{value = dense<[-8, 7, -1]> : tensor<3xi4>}> : () -> tensor<3xi4>
  return %0, %1 : tensor<4xf8E4M3FN>, tensor<3xi4>
}

func.func @bitcasts(%x: tensor<2x3xf32>, %b: tensor<4xi1>, %q: tensor<4xi4>, %e: tensor<3xf8E5M2>) -> (tensor<2x3xi32>, tensor<4xui8>, tensor<4xf4E2M1FN>, tensor<3xi8>) {
  %0 = "graph.bitcast"(%x) <{to = i32}> : (tensor<2x3xf32>) -> tensor<2x3xi32>
  %1 = "graph.bitcast"(%b) <{to = ui8}> : (tensor<4xi1>) -> tensor<4xui8>
  %2 = "graph.bitcast"(%q) <{to = f4E2M1FN}> : (tensor<4xi4>) -> tensor<4xf4E2M1FN>
  %3 = "graph.bitcast"(%e) <{to = i8}> : (tensor<3xf8E5M2>) -> tensor<3xi8>
  return %0, %1, %2, %3 : tensor<2x3xi32>, tensor<4xui8>, tensor<4xf4E2M1FN>, tensor<3xi8>
}
