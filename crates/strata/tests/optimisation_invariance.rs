//! Optimisation passes are never required for correctness (an Architecture Invariant of
//! `docs/architecture.md`): a pipeline gives the same numbers with `saturate` and
//! `canonicalize` removed.
//!
//! Each check runs the same seeded random graph programs from `strata-testgen` through a
//! lowering pipeline twice, once as the target defines it and once with the optimisation
//! passes in front of it and between its levels (`canonicalize`, equality saturation with
//! the default rule packs, `canonicalize` again), and compares the two results. Integer
//! results and NaN positions must match exactly; floats within a relative 1e-5 (absolute
//! floor 1e-6), because some default rules are exact only in real arithmetic (constant
//! reassociation, folding batch normalisation into convolutions).
//!
//! Levels: the tensor level on the interpreter (all programs), and native code for the host
//! CPU (the cpu target's whole pipeline, which runs `canonicalize,saturate,canonicalize`
//! before `graph-to-tensor`, against the same pipeline with those removed; fewer programs,
//! each side is one C compile).

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// The optimisation passes put in front of a pipeline.
const OPT: &str = "canonicalize,saturate,canonicalize";
/// Programs checked at the tensor level.
const TENSOR_PROGRAMS: u64 = 400;
/// Programs checked compiled (one module, one C compile each way).
const NATIVE_PROGRAMS: u64 = 100;

fn parse(ctx: &strata::ir::Context, src: &str) -> strata::ir::Module {
    let m = strata::ir::text::parse(ctx, "gen.mlir", src, &Default::default())
        .expect("generated programs parse");
    strata::ir::verify::verify_module(ctx, &m).expect("generated programs verify");
    m
}

/// Run `pipeline` over `src` and interpret function `name` on `inputs`; also returns the
/// lowered module's text.
fn tensor_level(src: &str, name: &str, pipeline: &str, inputs: &[Tensor]) -> (Vec<Tensor>, String) {
    let ctx = strata::default_context();
    let mut m = parse(&ctx, src);
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline parses"));
    let report = pm.run(&ctx, &mut m);
    let msgs: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        !report.failed,
        "{pipeline} failed on {name}: {msgs:?}\n{src}"
    );
    let out = Interpreter::new(&ctx, &m)
        .run(name, inputs)
        .unwrap_or_else(|d| panic!("{name} after {pipeline}: {d:?}\n{src}"));
    (
        out,
        strata::ir::text::print_module(&ctx, &m, &Default::default()),
    )
}

/// Whether two results are the same numbers (see the module doc).
fn same(a: &Tensor, b: &Tensor) -> Result<(), String> {
    if a.dtype() != b.dtype() || a.shape() != b.shape() {
        return Err(format!("{} vs {}", a.type_str(), b.type_str()));
    }
    let exact = !a.dtype().is_float();
    for (i, (x, y)) in a.to_f64_vec().into_iter().zip(b.to_f64_vec()).enumerate() {
        let ok = (x.is_nan() && y.is_nan())
            || x == y
            || (!exact && (x - y).abs() <= 1e-6f64.max(1e-5 * x.abs()));
        if !ok {
            return Err(format!(
                "element {i}: {x} without, {y} with the optimisations"
            ));
        }
    }
    Ok(())
}

fn compare(name: &str, without: &[Tensor], with: &[Tensor]) -> Result<(), String> {
    if without.len() != with.len() {
        return Err(format!(
            "{name}: {} vs {} results",
            without.len(),
            with.len()
        ));
    }
    without
        .iter()
        .zip(with)
        .enumerate()
        .try_for_each(|(k, (a, b))| same(a, b).map_err(|e| format!("{name} result {k}: {e}")))
}

#[test]
fn tensor_level_is_the_same_without_saturate_and_canonicalize() {
    let plain = "graph-to-tensor{full=true},tensor-generalize";
    let optimised = format!("{OPT},graph-to-tensor{{full=true}},canonicalize,tensor-generalize");
    let mut failures = Vec::new();
    let mut changed = 0;
    for seed in 0..TENSOR_PROGRAMS {
        let p = strata_testgen::program(seed);
        let (a, text_a) = tensor_level(&p.text, &p.name, plain, &p.inputs);
        let (b, text_b) = tensor_level(&p.text, &p.name, &optimised, &p.inputs);
        changed += usize::from(text_a != text_b);
        if let Err(e) = compare(&p.name, &a, &b) {
            failures.push(format!("{e}\n{}", p.text));
        }
    }
    // The check means something only if the optimisations change many of the programs.
    assert!(
        changed * 4 >= TENSOR_PROGRAMS as usize,
        "the optimisations changed only {changed} of {TENSOR_PROGRAMS} programs"
    );
    assert!(
        failures.is_empty(),
        "{} of {TENSOR_PROGRAMS} programs differ; first:\n{}",
        failures.len(),
        failures[0]
    );
}

/// `pipeline` without its top-level `canonicalize` and `saturate` passes.
fn without_optimisations(pipeline: &str) -> String {
    strata::native::split_pipeline(pipeline)
        .into_iter()
        .filter(|p| !matches!(strata::native::pass_name(p), "canonicalize" | "saturate"))
        .collect::<Vec<_>>()
        .join(",")
}

#[test]
fn host_cpu_code_is_the_same_without_saturate_and_canonicalize() {
    let progs: Vec<_> = (0..NATIVE_PROGRAMS).map(strata_testgen::program).collect();
    let src: String = progs.iter().map(|p| p.text.as_str()).collect();
    let target = strata::Target::host();
    let full = target.get().pipeline();
    let stripped = without_optimisations(&full);
    assert!(
        full.contains("saturate")
            && full.contains("canonicalize")
            && !stripped.contains("saturate"),
        "the cpu pipeline '{full}' should run saturate and canonicalize"
    );
    let compile = |pipeline: Option<String>| {
        let ctx = strata::default_context();
        let m = parse(&ctx, &src);
        let opts = strata::Options {
            threads: 1,
            opt_level: 1,
            pipeline,
            ..strata::Options::default()
        };
        strata::compile((&ctx, &m), &target, &opts)
            .unwrap_or_else(|e| panic!("compile failed: {e}"))
    };
    let optimised = compile(None);
    let plain = compile(Some(stripped));
    let (a, b) = (
        plain.program().expect("compiled to native code"),
        optimised.program().expect("compiled to native code"),
    );
    let mut failures = Vec::new();
    for p in &progs {
        let x = a.run_entry(Some(&p.name), &p.inputs);
        let y = b.run_entry(Some(&p.name), &p.inputs);
        let res = match (x, y) {
            (Ok(x), Ok(y)) => compare(&p.name, &x, &y),
            (x, y) => Err(format!("{}: {:?} vs {:?}", p.name, x.err(), y.err())),
        };
        if let Err(e) = res {
            failures.push(format!("{e}\n{}", p.text));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {NATIVE_PROGRAMS} programs differ; first:\n{}",
        failures.len(),
        failures[0]
    );
}

#[test]
fn stripping_keeps_the_other_passes_and_their_options() {
    assert_eq!(
        without_optimisations("canonicalize,saturate{rules=a,b},graph-to-tensor{full=true},cse"),
        "graph-to-tensor{full=true},cse"
    );
}
