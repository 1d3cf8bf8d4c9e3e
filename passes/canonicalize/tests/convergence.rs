//! `canonicalize{test-convergence=true}` over every chunk of every
//! `tests/dialects/*/ops.mlir`: the dialects' folders and canonicalization patterns must
//! converge, must not misreport success or failure, and must leave verified IR.

use std::path::Path;
use strata_ir::text::{parse, ParseOptions};
use strata_ir::Context;
use strata_pass::{parse_pipeline, PassManager};

// Link the pass registration.
use strata_canonicalize as _;

fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    strata_dialect_math::register(&mut c);
    strata_dialect_test::register(&mut c);
    strata_dialect_graph::register(&mut c);
    c
}

#[test]
fn dialect_ops_files_converge() {
    let ctx = ctx();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/dialects");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .expect("tests/dialects exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    dirs.sort();
    let mut checked = 0;
    let mut failures = Vec::new();
    for dir in dirs {
        let dialect = dir.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let file = dir.join("ops.mlir");
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        if !ctx.is_dialect_registered(dialect) {
            eprintln!(
                "skipping {}: dialect '{dialect}' is not linked into this test",
                file.display()
            );
            continue;
        }
        for (i, chunk) in text.split("\n// -----\n").enumerate() {
            let name = format!("{}#{i}", file.display());
            let mut module = match parse(&ctx, &name, chunk, &ParseOptions::default()) {
                Ok(m) => m,
                Err(d) => {
                    failures.push(format!("{name}: does not parse: {}", d[0].message));
                    continue;
                }
            };
            let mut pm = PassManager::new(
                parse_pipeline(
                    "builtin.module(canonicalize{test-convergence=true})",
                    "builtin.module",
                )
                .expect("valid pipeline"),
            );
            pm.threads = 1;
            let report = pm.run(&ctx, &mut module);
            if report.failed {
                let msgs: Vec<String> = report
                    .diagnostics
                    .iter()
                    .flat_map(|d| {
                        std::iter::once(d.message.clone())
                            .chain(d.notes.iter().map(|n| format!("  note: {}", n.message)))
                    })
                    .collect();
                failures.push(format!("{name}:\n{}", msgs.join("\n")));
            }
            checked += 1;
        }
    }
    eprintln!("canonicalized {checked} chunks");
    assert!(checked > 0, "no ops.mlir chunk found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
