// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// One example of every bitwise, selection and linear-algebra graph op, with static,
// dynamic and data-dependent (`?`) shapes.

func.func @bitwise(%a: tensor<3x4xi32>, %b: tensor<4xi32>, %u: tensor<2x?xui8>, %v: tensor<1xui8>) -> (tensor<3x4xi32>, tensor<2x?xui8>, tensor<2x?xui8>, tensor<3x4xi32>) {
  %0 = "graph.bitwise_and"(%a, %b) : (tensor<3x4xi32>, tensor<4xi32>) -> tensor<3x4xi32>
  %1 = "graph.bitwise_or"(%u, %v) : (tensor<2x?xui8>, tensor<1xui8>) -> tensor<2x?xui8>
  %2 = "graph.bitwise_xor"(%u, %u) : (tensor<2x?xui8>, tensor<2x?xui8>) -> tensor<2x?xui8>
  %3 = "graph.bitwise_not"(%a) : (tensor<3x4xi32>) -> tensor<3x4xi32>
  return %0, %1, %2, %3 : tensor<3x4xi32>, tensor<2x?xui8>, tensor<2x?xui8>, tensor<3x4xi32>
}

func.func @selection(%x: tensor<3x4xf32>, %d: tensor<2x2x2xi32>, %i: tensor<2x1xi64>, %c: tensor<2x2xi1>) -> (tensor<3x2xf32>, tensor<3x2xi64>, tensor<2x2xi32>, tensor<2x?xi64>) {
  %0:2 = "graph.top_k"(%x) <{axis = -1 : i64, k = 2 : i64, largest = 0 : i64}> : (tensor<3x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xi64>)
  %1 = "graph.gather_nd"(%d, %i) <{batch_dims = 1 : i64}> : (tensor<2x2x2xi32>, tensor<2x1xi64>) -> tensor<2x2xi32>
  %2 = "graph.non_zero"(%c) : (tensor<2x2xi1>) -> tensor<2x?xi64>
  return %0#0, %0#1, %1, %2 : tensor<3x2xf32>, tensor<3x2xi64>, tensor<2x2xi32>, tensor<2x?xi64>
}

func.func @unique(%x: tensor<3x3xf32>, %f: tensor<6xi64>) -> (tensor<?x3xf32>, tensor<3xi64>, tensor<?xi64>) {
  %0:4 = "graph.unique"(%x) <{axis = 0 : i64}> : (tensor<3x3xf32>) -> (tensor<?x3xf32>, tensor<?xi64>, tensor<3xi64>, tensor<?xi64>)
  %1 = "graph.unique"(%f) <{sorted = 0 : i64}> : (tensor<6xi64>) -> tensor<?xi64>
  return %0#0, %0#2, %1 : tensor<?x3xf32>, tensor<3xi64>, tensor<?xi64>
}

func.func @nms(%b: tensor<1x6x4xf32>, %s: tensor<1x2x6xf32>) -> tensor<?x3xi64> {
  %0 = "graph.non_max_suppression"(%b, %s) <{center_point_box = 1 : i64, iou_threshold = 5.000000e-01 : f32, max_output_boxes_per_class = 3 : i64, score_threshold = 0.000000e+00 : f32}> : (tensor<1x6x4xf32>, tensor<1x2x6xf32>) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}

func.func @linalg(%a: tensor<5x2x3xf32>, %b: tensor<5x3x4xf32>, %m: tensor<3x5x5xf64>, %v: tensor<?xi32>) -> (tensor<5x2x4xf32>, tensor<3x5xf64>, tensor<i32>, tensor<3xf64>) {
  %0 = "graph.einsum"(%a, %b) <{equation = "bij, bjk -> bik"}> : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
  %1 = "graph.einsum"(%m) <{equation = "...ii->...i"}> : (tensor<3x5x5xf64>) -> tensor<3x5xf64>
  %2 = "graph.einsum"(%v, %v) <{equation = "i,i"}> : (tensor<?xi32>, tensor<?xi32>) -> tensor<i32>
  %3 = "graph.det"(%m) : (tensor<3x5x5xf64>) -> tensor<3xf64>
  return %0, %1, %2, %3 : tensor<5x2x4xf32>, tensor<3x5xf64>, tensor<i32>, tensor<3xf64>
}
