// RUN: strata opt %s --split-input-file --verify-diagnostics

// Verifier errors of graph.tree_ensemble, one per chunk.
func.func @f(%x: tensor<3x2xi32>) {
  // expected-error @+1 {{ranked tensor of floating-point values}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xi32>) -> tensor<3x2xi32>
  return
}

// -----

func.func @f(%x: tensor<3x2x1xf32>) {
  // expected-error @+1 {{input must have rank 2, but has rank 3}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2x1xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x1xf32>) {
  // expected-error @+1 {{the trees read feature 1 but the input has 1 features}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x1xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{are incompatible with return type(s)}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{attribute 'aggregate_function' must be one of "SUM", "AVERAGE", "MIN", "MAX", but got "MEDIAN"}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "MEDIAN", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'nodes_modes' entry 7 is not a mode (0 to 6)}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 7>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'nodes_splits' has 1 entries but 'nodes_modes' has 2}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'nodes_falsenodeids' entry 3 is out of range (3 leaves)}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 3>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{leaf flags must be 0 or 1, but got 2}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 2, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'leaf_targetids' entry 2 is not a target below 2}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 2, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{the trees have a cycle through node 0}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 0>, nodes_falsenodeids = array<i64: 1, 0>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'membership_values' holds fewer sets than there are BRANCH_MEMBER nodes}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 6, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'membership_values' must hold one NaN-ended set per BRANCH_MEMBER node (1), but holds 1 NaNs and values after the last}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, membership_values = array<f64: 1.0, 0x7FF8000000000000, 2.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 6, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'tree_roots' entry 2 is out of range (2 nodes)}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 2>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'n_targets' must be in [1, 16777216]}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 0 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @f(%x: tensor<3x2xf32>) {
  // expected-error @+1 {{'nodes_missing_value_tracks_true' entry 2 is not 0 or 1}}
  %0 = "graph.tree_ensemble"(%x) <{aggregate_function = "SUM", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_missing_value_tracks_true = array<i64: 0, 2>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>}> : (tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}
