// RUN: strata opt %s --graph-to-tensor

// Three boxes, one class, at most two kept: the suppression matrix (corners, IoU against
// the threshold), the candidates above the score threshold and their positions by score,
// three rounds of the kept flags, then the rows [batch, class, box] gathered by offset and
// position into the bound of 2 rows, with the extents [count, 3].
func.func @nms(%b: tensor<1x3x4xf32>, %s: tensor<1x1x3xf32>) -> tensor<?x3xi64> {
  %0 = "graph.non_max_suppression"(%b, %s) <{iou_threshold = 5.000000e-01 : f32, max_output_boxes_per_class = 2 : i64, score_threshold = 0.0 : f32}> : (tensor<1x3x4xf32>, tensor<1x1x3xf32>) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}
