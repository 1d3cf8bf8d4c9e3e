//! `canonicalize` against `mlir-opt-22`'s: the same arith/func inputs must print the same,
//! with locations (`--mlir-print-debuginfo`), top-down and bottom-up. The inputs use only
//! folders and trait folds (no dialect-specific canonicalization patterns), so they check the
//! driver itself: visiting order, constant uniquing and hoisting, dead code, operand order of
//! commutative ops. Skipped when `mlir-opt-22` is not installed.

use std::process::Command;
use strata_ir::text::{parse, print_module, ParseOptions, PrintOptions};
use strata_ir::Context;
use strata_pass::{parse_pipeline, PassManager};

use strata_canonicalize as _;

const INPUTS: &[&str] = &[
    r#"func.func @chain() -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.muli %0, %0 : i32
  %2 = arith.subi %1, %c1 : i32
  return %2 : i32
}"#,
    r#"func.func @identities(%x: i32, %y: i32) -> (i32, i32, i32, i32) {
  %c0 = arith.constant 0 : i32
  %c7 = arith.constant 7 : i32
  %0 = arith.addi %x, %c0 : i32
  %1 = arith.subi %y, %y : i32
  %2 = arith.muli %c7, %x : i32
  %3 = arith.addi %c7, %y : i32
  %dead = arith.addi %x, %y : i32
  return %0, %1, %2, %3 : i32, i32, i32, i32
}"#,
    r#"func.func @unique(%x: i32) -> (i32, i32, i32, i32) {
  %0 = arith.addi %x, %x : i32
  %c5 = arith.constant 5 : i32
  %1 = arith.muli %0, %c5 : i32
  %c5_0 = arith.constant 5 : i32
  %c6 = arith.constant 6 : i32
  %2 = arith.andi %1, %c6 : i32
  return %0, %1, %2, %c5_0 : i32, i32, i32, i32
}"#,
    r#"func.func @f(%x: i32, %y: i1) -> (i32, i32) {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.select %y, %c1, %c2 : i32
  %t = arith.constant true
  %1 = arith.select %t, %x, %c2 : i32
  %2 = arith.andi %x, %x : i32
  %3 = arith.ori %2, %2 : i32
  %4 = arith.xori %3, %3 : i32
  %5 = arith.addi %4, %1 : i32
  %c3 = arith.constant 3 : i32
  %6 = arith.muli %c3, %5 : i32
  %7 = arith.muli %c2, %c3 : i32
  %8 = arith.addi %6, %7 : i32
  return %0, %8 : i32, i32
}
func.func @g(%a: f32, %b: f32) -> (f32, f32, index) {
  %h = arith.constant 1.5 : f32
  %q = arith.constant 2.25 : f32
  %0 = arith.addf %h, %q : f32
  %1 = arith.maximumf %a, %b : f32
  %2 = arith.minimumf %1, %1 : f32
  %3 = arith.negf %2 : f32
  %4 = arith.negf %3 : f32
  %5 = arith.addf %0, %4 : f32
  %i = arith.constant 4 : index
  %j = arith.constant 6 : index
  %6 = arith.muli %i, %j : index
  return %5, %0, %6 : f32, f32, index
}"#,
];

const PIPELINES: &[&str] = &[
    "builtin.module(func.func(canonicalize))",
    "builtin.module(func.func(canonicalize{top-down=false}))",
    "builtin.module(func.func(canonicalize{max-iterations=1}))",
];

fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    c
}

fn strata(ctx: &Context, src: &str, file: &str, pipeline: &str) -> String {
    let mut m = parse(ctx, file, src, &ParseOptions::default()).expect("parses");
    let mut pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    pm.threads = 1;
    let report = pm.run(ctx, &mut m);
    assert!(!report.failed, "{:?}", report.diagnostics);
    print_module(
        ctx,
        &m,
        &PrintOptions {
            generic: false,
            debug_info: true,
        },
    )
}

#[test]
fn same_output_as_mlir_opt() {
    if Command::new("mlir-opt-22")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("mlir-opt-22 not found: skipping");
        return;
    }
    let ctx = ctx();
    let dir = std::env::temp_dir().join(format!("strata-canon-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let mut diffs = Vec::new();
    for (i, src) in INPUTS.iter().enumerate() {
        let file = dir.join(format!("in{i}.mlir"));
        std::fs::write(&file, src).expect("write input");
        let name = file.to_str().expect("utf-8 path");
        for p in PIPELINES {
            let theirs = Command::new("mlir-opt-22")
                .arg(name)
                .arg("--mlir-print-debuginfo")
                .arg(format!("--pass-pipeline={p}"))
                .output()
                .expect("mlir-opt-22 runs");
            let theirs = String::from_utf8_lossy(&theirs.stdout).into_owned();
            let ours = strata(&ctx, src, name, p);
            if ours != theirs {
                diffs.push(format!(
                    "input {i}, {p}:\n--- strata\n{ours}\n--- mlir-opt-22\n{theirs}"
                ));
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(diffs.is_empty(), "{}", diffs.join("\n"));
}
