//! Folders, trait folds, constant materialisation and the canonicalization patterns, run
//! through the greedy rewrite driver on parsed IR.

mod common;

use strata_ir::text::{parse, print_module, ParseOptions, PrintOptions};
use strata_ir::verify::verify_module;
use strata_pass::rewrite::greedy::{apply_patterns_greedily, GreedyConfig};
use strata_pass::rewrite::{canonicalization_patterns, FrozenPatternSet};

/// Canonicalize `src` (graph ops at the top level; `"t.*"` ops are unregistered sources and
/// sinks) and return the printed module.
fn canon(src: &str) -> String {
    let mut ctx = common::ctx();
    ctx.allow_unregistered = true;
    let mut m = parse(&ctx, "t.mlir", src, &ParseOptions::default()).expect("parses");
    verify_module(&ctx, &m).expect("input verifies");
    let regions = m.body.regions(m.op).to_vec();
    let pats = FrozenPatternSet::new(&ctx, canonicalization_patterns(&ctx));
    let out = apply_patterns_greedily(
        &ctx,
        m.region_body_mut(),
        &regions,
        &pats,
        &GreedyConfig {
            check: true,
            ..GreedyConfig::default()
        },
    );
    assert!(out.converged, "{:?}", out.diagnostics);
    assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
    verify_module(&ctx, &m).expect("output verifies");
    print_module(&ctx, &m, &PrintOptions::default())
}

fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l != "module {" && l != "}")
        .collect()
}

#[track_caller]
fn check(src: &str, expected: &[&str]) {
    assert_eq!(lines(&canon(src)), expected);
}

#[test]
fn transposes_compose() {
    check(
        r#"
        %x = "t.src"() : () -> tensor<2x3x4xf32>
        %0 = "graph.transpose"(%x) <{perm = array<i64: 1, 2, 0>}> : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
        %1 = "graph.transpose"(%0) <{perm = array<i64: 1, 0, 2>}> : (tensor<3x4x2xf32>) -> tensor<4x3x2xf32>
        %2 = "graph.transpose"(%0) <{perm = array<i64: 2, 0, 1>}> : (tensor<3x4x2xf32>) -> tensor<2x3x4xf32>
        "t.sink"(%1, %2) : (tensor<4x3x2xf32>, tensor<2x3x4xf32>) -> ()
        "#,
        &[
            r#"%0 = "t.src"() : () -> tensor<2x3x4xf32>"#,
            r#"%1 = "graph.transpose"(%0) <{perm = array<i64: 2, 1, 0>}> : (tensor<2x3x4xf32>) -> tensor<4x3x2xf32>"#,
            r#""t.sink"(%1, %0) : (tensor<4x3x2xf32>, tensor<2x3x4xf32>) -> ()"#,
        ],
    );
}

#[test]
fn reshape_chains_compose() {
    check(
        r#"
        %x = "t.src"() : () -> tensor<?x3x4xf32>
        %0 = "graph.unsqueeze"(%x) <{axes = array<i64: 0>}> : (tensor<?x3x4xf32>) -> tensor<1x?x3x4xf32>
        %1 = "graph.flatten"(%0) <{axis = 2 : i64}> : (tensor<1x?x3x4xf32>) -> tensor<?x12xf32>
        %2 = "graph.squeeze"(%0) <{axes = array<i64: 0>}> : (tensor<1x?x3x4xf32>) -> tensor<?x3x4xf32>
        "t.sink"(%1, %2) : (tensor<?x12xf32>, tensor<?x3x4xf32>) -> ()
        "#,
        &[
            r#"%0 = "t.src"() : () -> tensor<?x3x4xf32>"#,
            r#"%1 = "graph.reshape"(%0) <{shape = array<i64: -1, 12>}> : (tensor<?x3x4xf32>) -> tensor<?x12xf32>"#,
            r#""t.sink"(%1, %0) : (tensor<?x12xf32>, tensor<?x3x4xf32>) -> ()"#,
        ],
    );
    // Two dynamic dimensions cannot be written as a static target: left alone.
    let src = r#"
        %x = "t.src"() : () -> tensor<?x?x4xf32>
        %0 = "graph.unsqueeze"(%x) <{axes = array<i64: 0>}> : (tensor<?x?x4xf32>) -> tensor<1x?x?x4xf32>
        %1 = "graph.unsqueeze"(%0) <{axes = array<i64: 4>}> : (tensor<1x?x?x4xf32>) -> tensor<1x?x?x4x1xf32>
        "t.sink"(%1) : (tensor<1x?x?x4x1xf32>) -> ()
        "#;
    assert_eq!(lines(&canon(src)).len(), 4);
}

#[test]
fn constants_fold_and_materialize() {
    check(
        r#"
        %a = "graph.constant"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
        %b = "graph.constant"() <{value = dense<[[10.0], [20.0]]> : tensor<2x1xf32>}> : () -> tensor<2x1xf32>
        %0 = "graph.add"(%a, %b) : (tensor<2xf32>, tensor<2x1xf32>) -> tensor<2x2xf32>
        %1 = "graph.transpose"(%0) : (tensor<2x2xf32>) -> tensor<2x2xf32>
        %2 = "graph.reshape"(%1) <{shape = array<i64: -1>}> : (tensor<2x2xf32>) -> tensor<4xf32>
        %s = "graph.shape"(%2) : (tensor<4xf32>) -> tensor<1xi64>
        "t.sink"(%2, %s) : (tensor<4xf32>, tensor<1xi64>) -> ()
        "#,
        &[
            r#"%0 = "graph.constant"() <{value = dense<[1.100000e+01, 2.100000e+01, 1.200000e+01, 2.200000e+01]> : tensor<4xf32>}> : () -> tensor<4xf32>"#,
            r#"%1 = "graph.constant"() <{value = dense<4> : tensor<1xi64>}> : () -> tensor<1xi64>"#,
            r#""t.sink"(%0, %1) : (tensor<4xf32>, tensor<1xi64>) -> ()"#,
        ],
    );
}

#[test]
fn identities_and_trait_folds() {
    check(
        r#"
        %x = "t.src"() : () -> tensor<4xf32>
        %z = "graph.constant"() <{value = dense<-0.0> : tensor<4xf32>}> : () -> tensor<4xf32>
        %one = "graph.constant"() <{value = dense<1.0> : tensor<f32>}> : () -> tensor<f32>
        %0 = "graph.add"(%z, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        %1 = "graph.mul"(%0, %one) : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
        %2 = "graph.neg"(%1) : (tensor<4xf32>) -> tensor<4xf32>
        %3 = "graph.neg"(%2) : (tensor<4xf32>) -> tensor<4xf32>
        %4 = "graph.relu"(%3) : (tensor<4xf32>) -> tensor<4xf32>
        %5 = "graph.relu"(%4) : (tensor<4xf32>) -> tensor<4xf32>
        %6 = "graph.max"(%5, %5) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
        %7 = "graph.identity"(%6) : (tensor<4xf32>) -> tensor<4xf32>
        "t.sink"(%7) : (tensor<4xf32>) -> ()
        "#,
        &[
            r#"%0 = "t.src"() : () -> tensor<4xf32>"#,
            r#"%1 = "graph.relu"(%0) : (tensor<4xf32>) -> tensor<4xf32>"#,
            r#""t.sink"(%1) : (tensor<4xf32>) -> ()"#,
        ],
    );
}
