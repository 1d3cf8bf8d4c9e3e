//! Shared by graph-to-tensor's test files: convert a program and compare the interpreter's
//! results before and after, and check that an unsupported form is refused with a diagnostic.

#![allow(dead_code)] // each test file uses only some of these

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// Parse and verify `src`, run its `@f` on `inputs` on the interpreter, convert it with
/// `graph-to-tensor{full=true},tensor-generalize`, run it again, and require `same` of the
/// two results. Errors carry the program text.
pub fn keeps_results(
    src: &str,
    inputs: &[Tensor],
    same: fn(&[Tensor], &[Tensor]) -> bool,
) -> Result<(), String> {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default())
        .map_err(|e| format!("{src}parse: {e:?}"))?;
    strata_ir::verify::verify_module(&ctx, &m).map_err(|e| format!("{src}verify: {e:?}"))?;
    let before = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .map_err(|e| format!("{src}before: {e:?}"))?;
    let pm = PassManager::new(
        parse_pipeline(
            "graph-to-tensor{full=true},tensor-generalize",
            "builtin.module",
        )
        .expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    if report.failed {
        return Err(format!("{src}conversion failed: {:?}", report.diagnostics));
    }
    let after = Interpreter::new(&ctx, &m)
        .run("f", inputs)
        .map_err(|e| format!("{src}after: {e:?}"))?;
    if same(&before, &after) {
        Ok(())
    } else {
        Err(format!(
            "{src}inputs {inputs:?}\nbefore {before:?}\nafter {after:?}"
        ))
    }
}

/// `graph-to-tensor{full=true}` fails on `src` with a diagnostic naming `'graph.<op>'` and
/// the pass.
pub fn assert_refused(src: &str, op: &str) {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", src, &Default::default()).expect("parse");
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(report.failed);
    let name = format!("'graph.{op}'");
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains(&name) && d.message.contains("graph-to-tensor")),
        "{:?}",
        report.diagnostics
    );
}
