//! `loop-to-hw` on every valid chunk of the loop and hw dialect filetests and of its own
//! filetests, with every option combination: the pass succeeds (it never fails on valid
//! IR), its output verifies, and a second run leaves the output of the first unchanged
//! (vector loops and peeled remainders are not vectorised again).

use strata_pass::{parse_pipeline, PassManager};

fn chunks() -> Vec<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests");
    let mut out = Vec::new();
    for f in [
        "dialects/loop/ops.mlir",
        "dialects/hw/ops.mlir",
        "passes/loop-to-hw/vectorize.mlir",
        "passes/loop-to-hw/workers.mlir",
    ] {
        let src = std::fs::read_to_string(root.join(f)).expect("filetest exists");
        for (i, c) in src.split("\n// -----\n").enumerate() {
            out.push((format!("{f}#{i}"), c.to_string()));
        }
    }
    out
}

fn run(ctx: &strata_ir::Context, name: &str, src: &str, pipeline: &str) -> Option<String> {
    let mut m = strata_ir::text::parse(ctx, name, src, &Default::default()).ok()?;
    strata_ir::verify::verify_module(ctx, &m).ok()?;
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    let report = pm.run(ctx, &mut m);
    let text = strata_ir::text::print_module(ctx, &m, &Default::default());
    assert!(
        !report.failed,
        "{name}: {pipeline} failed: {:?}\n{text}",
        report
            .diagnostics
            .iter()
            .map(|d| &d.message)
            .collect::<Vec<_>>()
    );
    if let Err(d) = strata_ir::verify::verify_module(ctx, &m) {
        panic!(
            "{name}: {pipeline} output does not verify: {:?}\n{text}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        );
    }
    Some(text)
}

#[test]
fn every_filetest_chunk_converts_verifies_and_is_stable() {
    assert_eq!(strata_loop_to_hw::LOOP_TO_HW.name, "loop-to-hw");
    let ctx = strata::default_context();
    let mut converted = 0;
    for (name, src) in chunks() {
        for bits in [16, 64, 256, 4096] {
            for workers in [false, true] {
                let p = format!("loop-to-hw{{vector-bits={bits} workers={workers}}}");
                let Some(once) = run(&ctx, &name, &src, &p) else {
                    continue;
                };
                let twice = run(&ctx, &name, &once, &p).expect("the output parses and verifies");
                assert_eq!(once, twice, "{name}: a second {p} changed the IR");
                converted += 1;
            }
        }
    }
    assert!(converted > 50, "only {converted} chunks converted");
}
