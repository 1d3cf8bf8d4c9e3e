// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// The tree-ensemble op: graph.tree_ensemble with two targets and every aggregate function,
// set-membership nodes (NaN-ended member sets), missing-value tracking, a shared subtree,
// two trees, and a dynamic number of rows.

func.func @trees(%x: tensor<3x2xf32>, %d: tensor<?x4xf64>, %h: tensor<2x1xf16>) -> (tensor<3x2xf32>, tensor<?x3xf64>, tensor<2x1xf16>) {
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %1 = "graph.tree_ensemble"(%d) <{aggregate_function = "AVERAGE", leaf_targetids = array<i64: 0, 1, 2, 0>, leaf_weights = array<f64: 1.0, -2.5, 3.0, 0.25>, membership_values = array<f64: 1.0, 2.0, 0x7FF8000000000000, 0x7FF8000000000000>, n_targets = 3 : i64, nodes_falseleafs = array<i64: 0, 1, 1, 1>, nodes_falsenodeids = array<i64: 2, 1, 3, 2>, nodes_featureids = array<i64: 3, 0, 1, 2>, nodes_missing_value_tracks_true = array<i64: 1, 0, 0, 1>, nodes_modes = array<i64: 6, 4, 5, 6>, nodes_splits = array<f64: 0.0, 7.0, -1.0, 0.0>, nodes_trueleafs = array<i64: 0, 1, 1, 1>, nodes_truenodeids = array<i64: 1, 0, 1, 0>, tree_roots = array<i64: 0, 2>}> : (tensor<?x4xf64>) -> tensor<?x3xf64>
  %2 = "graph.tree_ensemble"(%h) <{aggregate_function = "MIN", leaf_targetids = array<i64: 0, 0>, leaf_weights = array<f64: 1.0, 2.0>, n_targets = 1 : i64, nodes_falseleafs = array<i64: 1>, nodes_falsenodeids = array<i64: 1>, nodes_featureids = array<i64: 0>, nodes_modes = array<i64: 1>, nodes_splits = array<f64: 0.0>, nodes_trueleafs = array<i64: 1>, nodes_truenodeids = array<i64: 0>, tree_roots = array<i64: 0, 0>}> : (tensor<2x1xf16>) -> tensor<2x1xf16>
  return %0, %1, %2 : tensor<3x2xf32>, tensor<?x3xf64>, tensor<2x1xf16>
}
