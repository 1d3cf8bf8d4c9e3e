// RUN: strata opt %s --graph-to-tensor

// Two trees over two targets: tree 0 is `x0 <= 0.5 ? leaf 0 : (x1 > 1.5 ? leaf 1 : leaf 2)`
// (node 1 NaN-tracking), tree 1 is node 2, a membership test `x1 in {1, 2}` choosing
// between leaves 3 and 0. One generic over (row, target) reads columns 0 and 1 and the
// target iota; its body computes each node's condition in f64 (children first) and selects
// the weight and target of the leaf it leads to, then adds each tree's weight in f64,
// rounded to f32, where the tree's target is the iteration's.

func.func @trees(%x: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0, 1>, leaf_weights = array<f64: 1.0, 2.0, 3.0, -0.5>, membership_values = array<f64: 1.0, 2.0, 0x7FF8000000000000>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1, 1>, nodes_falsenodeids = array<i64: 1, 2, 0>, nodes_featureids = array<i64: 0, 1, 1>, nodes_missing_value_tracks_true = array<i64: 0, 1, 0>, nodes_modes = array<i64: 0, 3, 6>, nodes_splits = array<f64: 0.5, 1.5, 0.0>, nodes_trueleafs = array<i64: 1, 1, 1>, nodes_truenodeids = array<i64: 0, 1, 3>, tree_roots = array<i64: 0, 2>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
