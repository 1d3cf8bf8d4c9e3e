//! Shared by the compiled-op test files: compile a set of named functions once for the host
//! CPU and check each against the interpreter, on one and on four threads.

use strata_interp::{Interpreter, Tensor};

/// `(function name, its MLIR text, its inputs)`.
pub type Case = (String, String, Vec<Tensor>);

/// Compile every case's function into one artifact for the host CPU and require that each
/// gives the interpreter's results exactly (printed the same), with one thread and with four.
/// `what` names the set in panic messages.
pub fn compiled_matches_interpreter(what: &str, cases: &[Case]) {
    let src: String = cases.iter().map(|c| c.1.as_str()).collect();
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, &format!("{what}.mlir"), &src, &Default::default())
        .expect("the cases parse");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling the {what} ops: {e}"));
    let one = compiled.program().expect("compiled to native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
        .expect("the artifact loads again");
    for (name, _, inputs) in cases {
        let want = Interpreter::new(&ctx, &m)
            .run(name, inputs)
            .unwrap_or_else(|e| panic!("{name} on the interpreter: {e:?}"));
        let got = one
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} compiled: {}", e.0));
        let got4 = four
            .run_entry(Some(name), inputs)
            .unwrap_or_else(|e| panic!("{name} on four threads: {}", e.0));
        assert_eq!(format!("{want:?}"), format!("{got:?}"), "{name}");
        assert_eq!(
            format!("{got:?}"),
            format!("{got4:?}"),
            "{name}: 1 vs 4 threads"
        );
    }
}
