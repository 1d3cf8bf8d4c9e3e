//! Robustness: every pass runs on every verifying input of the repository's `.mlir` corpus
//! (filetests, the upstream-MLIR interop corpus, the parser fuzz corpus) without panicking,
//! leaves IR that verifies, and is deterministic (two runs print the same).

use std::path::{Path, PathBuf};
use strata_ir::text::{parse, print_module, PrintOptions};
use strata_ir::Context;
use strata_pass::{parse_pipeline, PassManager};

const PIPELINES: &[&str] = &[
    "builtin.module(cse)",
    "builtin.module(dce)",
    "builtin.module(sccp)",
    "builtin.module(loop-invariant-code-motion)",
    "builtin.module(strip-debuginfo)",
    "builtin.module(symbol-dce)",
    "builtin.module(inline{recursion-limit=1})",
    "builtin.module(func.func(cse,sccp,dce))",
];

fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    strata_dialect_math::register(&mut c);
    strata_dialect_test::register(&mut c);
    strata_dialect_graph::register(&mut c);
    strata_transforms::register_interfaces(&mut c);
    c.allow_unregistered = true;
    c
}

fn inputs(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            if p.file_name().is_some_and(|n| n != "snapshots") {
                inputs(&p, out);
            }
        } else if p.extension().is_some_and(|x| x == "mlir")
            || p.parent().is_some_and(|d| d.ends_with("corpus/parse"))
        {
            out.push(p);
        }
    }
}

#[test]
fn passes_never_panic_and_keep_ir_valid() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    inputs(&root.join("tests"), &mut files);
    inputs(&root.join("fuzz/corpus/parse"), &mut files);
    files.sort();
    let c = ctx();
    let mut checked = 0;
    let mut failures = Vec::new();
    for f in &files {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for (i, chunk) in text.split("\n// -----").enumerate() {
            let Ok(m0) = parse(&c, "input.mlir", chunk, &Default::default()) else {
                continue;
            };
            if strata_ir::verify::verify_module(&c, &m0).is_err() {
                continue;
            }
            checked += 1;
            for p in PIPELINES {
                let mut outs = Vec::new();
                for _ in 0..2 {
                    let mut m = m0.clone();
                    let pm =
                        PassManager::new(parse_pipeline(p, "builtin.module").expect("pipeline"));
                    let r = pm.run(&c, &mut m);
                    if r.failed {
                        failures.push(format!("{} #{i} {p}: {:?}", f.display(), r.diagnostics));
                    }
                    let opts = PrintOptions {
                        generic: true,
                        debug_info: true,
                    };
                    outs.push(print_module(&c, &m, &opts));
                }
                if outs[0] != outs[1] {
                    failures.push(format!("{} #{i} {p}: two runs differ", f.display()));
                }
            }
        }
    }
    eprintln!("{checked} inputs verified and transformed");
    assert!(checked > 50, "only {checked} inputs verified");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
