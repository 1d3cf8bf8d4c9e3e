// RUN: strata opt %s --split-input-file --verify-diagnostics --graph-to-tensor=full=true

// A graph.tree_ensemble that graph-to-tensor does not convert: a diagnostic naming the op,
// the pass and the reason.

func.func @f16(%x: tensor<2x1xf16>) -> tensor<2x1xf16> {
  // expected-error @+1 {{failed to legalize operation 'graph.tree_ensemble' in pass 'graph-to-tensor': only f32 and f64 inputs convert}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 0>, leaf_weights = array<f64: 1.0, 2.0>, n_targets = 1 : i64, nodes_falseleafs = array<i64: 1>, nodes_falsenodeids = array<i64: 1>, nodes_featureids = array<i64: 0>, nodes_modes = array<i64: 0>, nodes_splits = array<f64: 0.5>, nodes_trueleafs = array<i64: 1>, nodes_truenodeids = array<i64: 0>, tree_roots = array<i64: 0>}> : (tensor<2x1xf16>) -> tensor<2x1xf16>
  return %0 : tensor<2x1xf16>
}

// -----

func.func @huge(%x: tensor<100000000x1xf32>) -> tensor<100000000x50xf32> {
  // expected-error @+1 {{5000000000 node evaluations (rows x targets x nodes) exceed 4294967296}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1>, leaf_weights = array<f64: 1.0, 2.0>, n_targets = 50 : i64, nodes_falseleafs = array<i64: 1>, nodes_falsenodeids = array<i64: 1>, nodes_featureids = array<i64: 0>, nodes_modes = array<i64: 0>, nodes_splits = array<f64: 0.5>, nodes_trueleafs = array<i64: 1>, nodes_truenodeids = array<i64: 0>, tree_roots = array<i64: 0>}> : (tensor<100000000x1xf32>) -> tensor<100000000x50xf32>
  return %0 : tensor<100000000x50xf32>
}
