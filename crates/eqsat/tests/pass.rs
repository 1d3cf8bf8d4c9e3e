//! The `saturate` pass and the library entry points on small inputs: options and pipeline
//! text, statistics, `dump-egraph` and `explain` remarks, locations of rewritten ops, ops
//! the e-graph must leave alone, and a dialect other than graph (arith) with rules given as
//! text.

mod common;

use strata_eqsat::{saturate_block, BridgeOptions, FlopMemoryCost, RuleSet, SaturateOptions};
use strata_ir::{Context, Module};
use strata_pass::{parse_pipeline, PassManager};

fn run(ctx: &Context, src: &str, pipeline: &str) -> (Module, strata_pass::RunReport) {
    let mut m = common::parse(ctx, src);
    let mut pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    pm.statistics = true;
    pm.threads = 1;
    let r = pm.run(ctx, &mut m);
    assert!(
        !r.failed,
        "{:?}",
        r.diagnostics.iter().map(|d| &d.message).collect::<Vec<_>>()
    );
    common::verify(ctx, &m);
    (m, r)
}

const TRANSPOSES: &str = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>) -> tensor<2x3xf32>, sym_name = "f"}> ({
  ^bb0(%x: tensor<2x3xf32>):
    %a = "graph.transpose"(%x) <{perm = array<i64: 1, 0>}> : (tensor<2x3xf32>) -> tensor<3x2xf32> loc("a.py":1:1)
    %b = "graph.relu"(%a) : (tensor<3x2xf32>) -> tensor<3x2xf32> loc("a.py":2:1)
    %c = "graph.transpose"(%b) <{perm = array<i64: 1, 0>}> : (tensor<3x2xf32>) -> tensor<2x3xf32> loc("a.py":3:1)
    "func.return"(%c) : (tensor<2x3xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#;

#[test]
fn pipeline_options_round_trip_and_unknown_packs_are_errors() {
    let pm = parse_pipeline(
        "builtin.module(func.func(saturate{rules=graph-algebra node-limit=50000 iter-limit=30}))",
        "builtin.module",
    )
    .expect("valid");
    assert_eq!(
        pm.to_text(),
        "builtin.module(func.func(saturate{rules=graph-algebra}))"
    );
    let pm = parse_pipeline(
        "builtin.module(func.func(saturate{rules=graph-* node-limit=100 extract=tree}))",
        "builtin.module",
    )
    .expect("valid");
    assert!(pm.to_text().contains("node-limit=100"), "{}", pm.to_text());
    parse_pipeline(
        "builtin.module(func.func(saturate{rule-match-limits=merge-conv:10,merge-matmul:5}))",
        "builtin.module",
    )
    .expect("per-rule match limits");
    for (bad, needle) in [
        ("saturate{rules=nope}", "unknown rule pack 'nope'"),
        ("saturate{extract=best}", "'dag' or 'tree'"),
        ("saturate{cost-model=magic}", "unknown cost model"),
        (
            "saturate{rule-match-limits=merge-conv}",
            "'rule:limit' pairs",
        ),
    ] {
        let Err(e) = parse_pipeline(
            &format!("builtin.module(func.func({bad}))"),
            "builtin.module",
        ) else {
            panic!("{bad} should be invalid")
        };
        assert!(e.message.contains(needle), "{}", e.message);
    }
}

#[test]
fn statistics_dump_and_explanations() {
    let ctx = common::ctx();
    let (m, r) = run(
        &ctx,
        TRANSPOSES,
        "builtin.module(func.func(saturate{rules=graph-movement dump-egraph=true explain=true}))",
    );
    let text = common::print(&ctx, &m);
    assert_eq!(text.matches("graph.transpose").count(), 0, "{text}");
    let stats = r.statistics.expect("statistics");
    for s in [
        "e-classes",
        "e-nodes",
        "iterations",
        "stopped: saturated",
        "cost before",
        "cost after",
    ] {
        assert!(stats.contains(s), "{s} missing in {stats}");
    }
    let remarks: Vec<&str> = r.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        remarks
            .iter()
            .any(|m| m.contains("saturate: 3 ops") && m.contains("e-classes")),
        "{remarks:?}"
    );
    let expl = remarks
        .iter()
        .find(|m| m.contains("saturate explanation"))
        .expect("an explanation");
    assert!(expl.contains("graph.relu"), "{expl}");
    assert!(expl.contains("transpose-relu"), "{expl}");
    assert!(expl.contains("transpose-transpose-identity"), "{expl}");
}

#[test]
fn rewritten_ops_keep_fused_locations_of_what_they_replace() {
    let ctx = common::ctx();
    let (m, _) = run(
        &ctx,
        TRANSPOSES,
        "builtin.module(func.func(saturate{rules=graph-movement}))",
    );
    let text = strata_ir::text::print_module(
        &ctx,
        &m,
        &strata_ir::text::PrintOptions {
            generic: true,
            debug_info: true,
        },
    );
    // relu(x) is in the class of the last transpose: it takes its location.
    let loc_of = |line: &str| -> String {
        let alias = line
            .rsplit("loc(")
            .next()
            .and_then(|s| s.strip_suffix(')'))
            .expect("a location")
            .to_string();
        text.lines()
            .find(|l| l.starts_with(&format!("{alias} = ")))
            .map_or(alias.clone(), str::to_string)
    };
    let relu = text
        .lines()
        .find(|l| l.contains("graph.relu"))
        .expect("a relu");
    assert!(loc_of(relu).contains("\"a.py\":3:1"), "{text}");
    // Two identical ops with different locations merge into one with a fused location.
    let src = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>), sym_name = "f"}> ({
  ^bb0(%x: tensor<4xf32>):
    %a = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32> loc("m.py":1:1)
    %b = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32> loc("m.py":2:1)
    %c = "graph.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32> loc("m.py":3:1)
    "func.return"(%c, %b) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#;
    let (m, _) = run(
        &ctx,
        src,
        "builtin.module(func.func(saturate{rules=graph-algebra}))",
    );
    let text = strata_ir::text::print_module(
        &ctx,
        &m,
        &strata_ir::text::PrintOptions {
            generic: true,
            debug_info: true,
        },
    );
    assert_eq!(text.matches("\"graph.neg\"").count(), 1, "{text}");
    let neg = text
        .lines()
        .find(|l| l.contains("\"graph.neg\""))
        .expect("a neg");
    assert!(loc_of_in(&text, neg).contains("fused["), "{text}");
}

/// The location text of an op line (resolving a `#locN` alias).
fn loc_of_in(text: &str, line: &str) -> String {
    let alias = line
        .rsplit("loc(")
        .next()
        .and_then(|s| s.strip_suffix(')'))
        .expect("a location")
        .to_string();
    text.lines()
        .find(|l| l.starts_with(&format!("{alias} = ")))
        .map_or(alias, str::to_string)
}

#[test]
fn opaque_ops_stay_and_values_flow_around_them() {
    let ctx = common::ctx();
    // func.call is not pure: it is an anchor; its result is a leaf available after it.
    let src = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "g", sym_visibility = "private"}> ({
  ^bb0(%x: tensor<4xf32>):
    "func.return"(%x) : (tensor<4xf32>) -> ()
  }) : () -> ()
  "func.func"() <{function_type = (tensor<4xf32>) -> tensor<4xf32>, sym_name = "f"}> ({
  ^bb0(%x: tensor<4xf32>):
    %a = "graph.neg"(%x) : (tensor<4xf32>) -> tensor<4xf32>
    %b = "graph.neg"(%a) : (tensor<4xf32>) -> tensor<4xf32>
    %c = "func.call"(%b) <{callee = @g}> : (tensor<4xf32>) -> tensor<4xf32>
    %d = "graph.neg"(%c) : (tensor<4xf32>) -> tensor<4xf32>
    %e = "graph.neg"(%d) : (tensor<4xf32>) -> tensor<4xf32>
    %f = "graph.add"(%e, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "func.return"(%f) : (tensor<4xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#;
    let before = common::parse(&ctx, src);
    let (m, _) = run(
        &ctx,
        src,
        "builtin.module(func.func(saturate{rules=graph-algebra}))",
    );
    let text = common::print(&ctx, &m);
    assert_eq!(text.matches("graph.neg").count(), 0, "{text}");
    assert!(text.contains("\"func.call\"(%arg0)"), "{text}");
    let t = ctx.tensor_type(&[4], ctx.f32());
    let ins = common::random_inputs(
        &ctx,
        &[(t, (-1.0, 1.0))],
        &mut strata_eqsat::check::Rng::new(3),
    );
    let want = common::run(&ctx, &before, "f", &ins).expect("runs");
    let got = common::run(&ctx, &m, "f", &ins).expect("runs");
    common::compare(&got, &want, 0.0).expect("same numbers");
}

#[test]
fn arith_rules_as_text_through_the_library() {
    let ctx = common::ctx();
    let src = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (i32) -> i32, sym_name = "f"}> ({
  ^bb0(%x: i32):
    %z = "arith.constant"() <{value = 0 : i32}> : () -> i32
    %a = "arith.addi"(%x, %z) : (i32, i32) -> i32
    %two = "arith.constant"() <{value = 2 : i32}> : () -> i32
    %three = "arith.constant"() <{value = 3 : i32}> : () -> i32
    %six = "arith.muli"(%two, %three) : (i32, i32) -> i32
    %b = "arith.muli"(%a, %six) : (i32, i32) -> i32
    "func.return"(%b) : (i32) -> ()
  }) : () -> ()
}) : () -> ()
"#;
    let mut m = common::parse(&ctx, src);
    let rules = RuleSet::from_texts(
        &ctx,
        "arith-demo",
        &[(
            "addi-zero",
            "(arith.addi ?x (arith.constant {value = 0 : i32}) ?flags) => ?x",
        )],
    )
    .expect("arith rules compile");
    let f = m
        .region_body()
        .block_ops(m.block().expect("block"))
        .next()
        .expect("f");
    let region = m.region_body().regions(f)[0];
    let body = m.region_body_mut().nested_mut(f).expect("body");
    let block = body.entry_block(region).expect("entry");
    let r = saturate_block(
        &ctx,
        body,
        block,
        &rules,
        &FlopMemoryCost::default(),
        &SaturateOptions::default(),
    )
    .expect("saturates");
    assert!(r.changed, "{:?}", r.note);
    common::verify(&ctx, &m);
    let text = common::print(&ctx, &m);
    // The addition is gone and 2 * 3 folded (through arith's folder) to a constant 6.
    assert!(!text.contains("arith.addi"), "{text}");
    assert!(text.contains("value = 6 : i32"), "{text}");
    assert_eq!(text.matches("arith.muli").count(), 1, "{text}");
    let _ = BridgeOptions::default();
}

#[test]
fn forward_references_in_graph_regions_stay_in_place() {
    let mut ctx = common::ctx();
    ctx.allow_unregistered = true;
    let src = r#"
"builtin.module"() ({
  %0 = "graph.relu"(%1) : (tensor<2xf32>) -> tensor<2xf32>
  %1 = "graph.relu"(%2) : (tensor<2xf32>) -> tensor<2xf32>
  %2 = "graph.neg"(%3) : (tensor<2xf32>) -> tensor<2xf32>
  %3 = "graph.neg"(%4) : (tensor<2xf32>) -> tensor<2xf32>
  %4 = "graph.constant"() <{value = dense<[1.0, -1.0]> : tensor<2xf32>}> : () -> tensor<2xf32>
  "test.use"(%0) : (tensor<2xf32>) -> ()
}) : () -> ()
"#;
    let (m, _) = run(&ctx, src, "builtin.module(saturate{rules=graph-algebra})");
    let text = common::print(&ctx, &m);
    assert_eq!(text.matches("graph.relu").count(), 2, "{text}");
    assert!(text.contains("test.use"), "{text}");
}

#[test]
fn blocks_nested_in_regions_are_saturated_and_see_outer_values() {
    let mut ctx = common::ctx();
    ctx.allow_unregistered = true;
    let src = r#"
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2xf32>) -> tensor<2xf32>, sym_name = "f"}> ({
  ^bb0(%x: tensor<2xf32>):
    %a = "graph.neg"(%x) : (tensor<2xf32>) -> tensor<2xf32>
    %b = "graph.neg"(%a) : (tensor<2xf32>) -> tensor<2xf32>
    "test.wrap"() ({
      %c = "graph.neg"(%b) : (tensor<2xf32>) -> tensor<2xf32>
      %d = "graph.neg"(%c) : (tensor<2xf32>) -> tensor<2xf32>
      "test.use"(%d) : (tensor<2xf32>) -> ()
    }) : () -> ()
    %e = "graph.relu"(%b) : (tensor<2xf32>) -> tensor<2xf32>
    "func.return"(%e) : (tensor<2xf32>) -> ()
  }) : () -> ()
}) : () -> ()
"#;
    let (m, r) = run(
        &ctx,
        src,
        "builtin.module(func.func(saturate{rules=graph-algebra}))",
    );
    let text = common::print(&ctx, &m);
    assert_eq!(text.matches("graph.neg").count(), 0, "{text}");
    assert!(text.contains("\"test.use\"(%arg0)"), "{text}");
    assert!(text.contains("\"graph.relu\"(%arg0)"), "{text}");
    let stats = r.statistics.expect("statistics");
    assert!(stats.contains("(2) blocks changed"), "{stats}");
}
