//! The `canonicalize` pass through the pass manager: options, recursion into nested
//! isolated bodies, and checker failures reported as pass failures.

use strata_ir::rewrite::{PatternRewriter, RewritePattern};
use strata_ir::text::{parse, print_module, ParseOptions, PrintOptions};
use strata_ir::{Context, DialectDef, Op, OpDef, Traits};
use strata_pass::{lookup, parse_pipeline, PassManager};

use strata_canonicalize as _;

/// Claims to rewrite but does nothing.
struct Liar;
impl RewritePattern for Liar {
    fn name(&self) -> &str {
        "lying-pattern"
    }
    fn root(&self) -> Option<&str> {
        Some("lie.op")
    }
    fn match_and_rewrite(&self, _: Op, _: &mut PatternRewriter<'_>) -> bool {
        true
    }
}

static LIE: DialectDef = DialectDef {
    name: "lie",
    summary: "a dialect with a lying canonicalization pattern",
    description: "",
    ops: &[&LIE_OP],
};
static LIE_OP: OpDef = OpDef {
    traits: Traits::HAS_SIDE_EFFECTS,
    canonicalize: &[&Liar],
    ..OpDef::new("lie.op")
};

fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    strata_dialect_test::register(&mut c);
    c.register_dialect(&LIE);
    c
}

fn run(ctx: &Context, pipeline: &str, src: &str) -> (bool, String, Vec<String>) {
    let mut m = parse(ctx, "in.mlir", src, &ParseOptions::default()).expect("parses");
    let mut pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    pm.threads = 1;
    let report = pm.run(ctx, &mut m);
    let msgs = report
        .diagnostics
        .iter()
        .flat_map(|d| {
            std::iter::once(d.message.clone()).chain(d.notes.iter().map(|n| n.message.clone()))
        })
        .collect();
    (
        report.failed,
        print_module(ctx, &m, &PrintOptions::default()),
        msgs,
    )
}

const SRC: &str = r#"
func.func @f(%x: i32) -> i32 {
  %c1 = arith.constant 1 : i32
  %c2 = arith.constant 2 : i32
  %0 = arith.addi %c1, %c2 : i32
  %1 = arith.addi %0, %x : i32
  %dead = arith.muli %x, %x : i32
  return %1 : i32
}
"#;

#[test]
fn module_level_run_canonicalizes_every_function() {
    let ctx = ctx();
    let (failed, out, _) = run(&ctx, "builtin.module(canonicalize)", SRC);
    assert!(!failed);
    assert!(!out.contains("muli"), "{out}");
    assert!(out.contains("arith.constant 3 : i32"), "{out}");
    // The constant operand of the commutative addi moved to the right.
    assert!(out.contains("arith.addi %arg0, %c3_i32 : i32"), "{out}");
    let (_, out2, _) = run(&ctx, "builtin.module(func.func(canonicalize))", SRC);
    assert_eq!(out, out2);
}

#[test]
fn test_convergence_reports_a_lying_pattern() {
    let ctx = ctx();
    let src = r#"func.func @g() {
  "lie.op"() : () -> ()
  return
}"#;
    let (failed, _, msgs) = run(
        &ctx,
        "builtin.module(func.func(canonicalize{test-convergence=true}))",
        src,
    );
    assert!(failed);
    assert_eq!(
        msgs[0],
        "pattern 'lying-pattern' returned success but did not change the IR"
    );
    // Without the checker, non-convergence is not an error (as in MLIR).
    let (failed, _, msgs) = run(&ctx, "builtin.module(func.func(canonicalize))", src);
    assert!(!failed, "{msgs:?}");
    // Disabling the pattern makes it converge.
    let (failed, _, msgs) = run(
        &ctx,
        "builtin.module(func.func(canonicalize{test-convergence=true \
         disable-patterns=lying-pattern}))",
        src,
    );
    assert!(!failed, "{msgs:?}");
}

#[test]
fn options_round_trip_and_are_validated() {
    let info = lookup("canonicalize").expect("registered");
    let pm = parse_pipeline(
        "builtin.module(canonicalize{max-iterations=3 top-down=false region-simplify=disabled})",
        "builtin.module",
    )
    .expect("valid");
    assert_eq!(
        pm.to_text(),
        "builtin.module(canonicalize{max-iterations=3 region-simplify=disabled top-down=false})"
    );
    let err = parse_pipeline(
        "builtin.module(canonicalize{region-simplify=sometimes})",
        "builtin.module",
    )
    .unwrap_err();
    assert!(format!("{err:?}").contains("region-simplify"), "{err:?}");
    assert_eq!(info.options.len(), 7);
}

#[test]
fn unreachable_blocks_follow_region_simplify() {
    let ctx = ctx();
    let src = r#"func.func @h() {
  "test.br"()[^bb2] : () -> ()
^bb1:
  %c = arith.constant 1 : i32
  "test.br"()[^bb2] : () -> ()
^bb2:
  return
}"#;
    let (failed, out, _) = run(&ctx, "builtin.module(func.func(canonicalize))", src);
    assert!(!failed);
    let labels = |out: &str| {
        out.lines()
            .filter(|l| l.trim_start().starts_with('^'))
            .count()
    };
    assert!(!out.contains("^bb2"), "{out}");
    assert_eq!(labels(&out), 1, "{out}");
    let (_, out, _) = run(
        &ctx,
        "builtin.module(func.func(canonicalize{region-simplify=disabled}))",
        src,
    );
    assert_eq!(labels(&out), 2, "{out}");
}
