//! `graph.tree_ensemble` against values worked out by hand from ONNX's `TreeEnsemble`
//! specification: each comparison mode, NaN handling (ordered comparisons false, `!=`
//! true, `missing_value_tracks_true`), membership sets, the four aggregate functions over
//! two trees (with the type's finite extremes for targets no tree reaches), and the
//! run-time check of the feature count.

mod common;

use common::*;

/// `@f(x: tensor<?x?xT>) -> tensor<?xNxT>` applying a `tree_ensemble` with `props`.
fn module(props: &str, elem: &str, targets: usize) -> String {
    format!(
        r#"func.func @f(%x: tensor<?x?x{elem}>) -> tensor<?x{targets}x{elem}> {{
  %0 = "graph.tree_ensemble"(%x) <{{{props}}}> : (tensor<?x?x{elem}>) -> tensor<?x{targets}x{elem}>
  return %0 : tensor<?x{targets}x{elem}>
}}"#
    )
}

/// One tree: node 0 `x0 <= 0.5` (true: leaf 0, target 0, weight 1; false: node 1), node 1
/// `x1 > 1.5` (true: leaf 1, target 1, weight 2; false: leaf 2, target 0, weight 3).
fn two_level(missing: &str) -> String {
    format!(
        "aggregate_function = \"SUM\", leaf_targetids = array<i64: 0, 1, 0>, leaf_weights = array<f64: 1.0, 2.0, 3.0>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 0, 1>, nodes_falsenodeids = array<i64: 1, 2>, nodes_featureids = array<i64: 0, 1>, nodes_modes = array<i64: 0, 3>, nodes_splits = array<f64: 0.5, 1.5>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 1>, tree_roots = array<i64: 0>{missing}"
    )
}

#[test]
fn one_tree_routes_each_row_to_its_leaf() {
    let x = tn(
        &[5, 2],
        &[0.2f32, 9.0, 0.7, 2.0, 0.7, 1.0, f32::NAN, 1.5, 0.5, 1.5],
    );
    // Row 0: 0.2 <= 0.5, leaf 0. Row 1: 2.0 > 1.5, leaf 1. Row 2: 1.0 > 1.5 fails, leaf 2.
    // Row 3: NaN <= 0.5 is false, then 1.5 > 1.5 fails: leaf 2. Row 4: 0.5 <= 0.5, leaf 0.
    let r = run_text(&module(&two_level(""), "f32", 2), std::slice::from_ref(&x)).unwrap();
    assert_eq!(
        r[0],
        tn(
            &[5, 2],
            &[1.0f32, 0.0, 0.0, 2.0, 3.0, 0.0, 3.0, 0.0, 1.0, 0.0]
        )
    );
    // With NaN tracking true at node 0, row 3 takes leaf 0.
    let tracked = two_level(", nodes_missing_value_tracks_true = array<i64: 1, 0>");
    let r = run_text(&module(&tracked, "f32", 2), &[x]).unwrap();
    assert_eq!(
        r[0],
        tn(
            &[5, 2],
            &[1.0f32, 0.0, 0.0, 2.0, 3.0, 0.0, 1.0, 0.0, 1.0, 0.0]
        )
    );
}

/// Two trees on feature 0: tree A `x in {1, 2}` (true: target 0 weight 4; false: target 1
/// weight -2), tree B `x != 7` (true: target 0 weight 1; false: target 0 weight 10).
fn two_trees(aggregate: &str) -> String {
    format!(
        "aggregate_function = \"{aggregate}\", leaf_targetids = array<i64: 0, 1, 0, 0>, leaf_weights = array<f64: 4.0, -2.0, 1.0, 10.0>, membership_values = array<f64: 1.0, 2.0, 0x7FF8000000000000>, n_targets = 2 : i64, nodes_falseleafs = array<i64: 1, 1>, nodes_falsenodeids = array<i64: 1, 3>, nodes_featureids = array<i64: 0, 0>, nodes_modes = array<i64: 6, 5>, nodes_splits = array<f64: 0.0, 7.0>, nodes_trueleafs = array<i64: 1, 1>, nodes_truenodeids = array<i64: 0, 2>, tree_roots = array<i64: 0, 1>"
    )
}

#[test]
fn aggregates_combine_the_trees_per_target() {
    // x = 1: A gives (t0, 4), B (t0, 1). x = 7: A (t1, -2), B (t0, 10).
    // x = NaN: NaN is no member, A (t1, -2); NaN != 7, B (t0, 1).
    let x = tn(&[3, 1], &[1.0f32, 7.0, f32::NAN]);
    let m = f32::MAX;
    let cases: [(&str, [f32; 6]); 4] = [
        ("SUM", [5.0, 0.0, 10.0, -2.0, 1.0, -2.0]),
        ("AVERAGE", [2.5, 0.0, 5.0, -1.0, 0.5, -1.0]),
        ("MIN", [1.0, m, 10.0, -2.0, 1.0, -2.0]),
        ("MAX", [4.0, -m, 10.0, -2.0, 1.0, -2.0]),
    ];
    for (agg, want) in cases {
        let r = run_text(&module(&two_trees(agg), "f32", 2), std::slice::from_ref(&x)).unwrap();
        assert_eq!(r[0], tn(&[3, 2], &want), "{agg}");
    }
}

#[test]
fn every_comparison_mode_and_f64_inputs() {
    // One node per mode (0 to 5) on feature 0 with split 2, as its own tree: true gives
    // weight 2^mode to target 0, false nothing (weight 0); SUM over the six trees.
    let props = "aggregate_function = \"SUM\", leaf_targetids = array<i64: 0, 0, 0, 0, 0, 0, 0>, leaf_weights = array<f64: 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 0.0>, n_targets = 1 : i64, nodes_falseleafs = array<i64: 1, 1, 1, 1, 1, 1>, nodes_falsenodeids = array<i64: 6, 6, 6, 6, 6, 6>, nodes_featureids = array<i64: 0, 0, 0, 0, 0, 0>, nodes_modes = array<i64: 0, 1, 2, 3, 4, 5>, nodes_splits = array<f64: 2.0, 2.0, 2.0, 2.0, 2.0, 2.0>, nodes_trueleafs = array<i64: 1, 1, 1, 1, 1, 1>, nodes_truenodeids = array<i64: 0, 1, 2, 3, 4, 5>, tree_roots = array<i64: 0, 1, 2, 3, 4, 5>";
    let x = tn(&[4, 1], &[1.0f64, 2.0, 3.0, f64::NAN]);
    // 1: <=, <, != (1 + 2 + 32). 2: <=, >=, == (1 + 4 + 16). 3: >=, >, != (4 + 8 + 32).
    // NaN: only != (32).
    let r = run_text(&module(props, "f64", 1), &[x]).unwrap();
    assert_eq!(r[0], tn(&[4, 1], &[35.0f64, 21.0, 44.0, 32.0]));
}

#[test]
fn sums_round_to_the_element_type_at_each_step() {
    // Three trees, each a single node whose both children are the leaf of weight
    // 1 + 2^-24 (an f64 that f32 cannot hold): the f32 result adds in f64 and rounds to f32
    // after every tree (1, 2, 3), not once at the end (3 + 2^-22).
    let props = "aggregate_function = \"SUM\", leaf_targetids = array<i64: 0>, leaf_weights = array<f64: 1.0000000596046448>, n_targets = 1 : i64, nodes_falseleafs = array<i64: 1>, nodes_falsenodeids = array<i64: 0>, nodes_featureids = array<i64: 0>, nodes_modes = array<i64: 0>, nodes_splits = array<f64: 0.0>, nodes_trueleafs = array<i64: 1>, nodes_truenodeids = array<i64: 0>, tree_roots = array<i64: 0, 0, 0>";
    let w = 1.0 + 2f64.powi(-24);
    let mut acc = 0.0f32;
    for _ in 0..3 {
        acc = (f64::from(acc) + w) as f32;
    }
    assert_ne!(acc, (3.0 * w) as f32, "the rounding steps must show");
    let r = run_text(&module(props, "f32", 1), &[tn(&[1, 1], &[5.0f32])]).unwrap();
    assert_eq!(r[0], tn(&[1, 1], &[acc]));
}

#[test]
fn too_few_features_is_an_error() {
    let e = run_text(&module(&two_level(""), "f32", 2), &[tn(&[1, 1], &[0.0f32])]).unwrap_err();
    assert!(e.contains("the trees read feature 1 of rows of 1"), "{e}");
}
