//! Differential testing with random programs: seeded, well-typed graph programs from
//! `strata-testgen` (shapes, four element types, numpy broadcasting, chains of element-wise
//! ops, reductions, data movement, softmax, matmul, casts) run on the reference interpreter
//! as written, and again after each lowering level; every level must give the same numbers.
//!
//! Levels checked: `tensor` (after `graph-to-tensor{full=true},tensor-generalize`, on the
//! interpreter), and native code for the host CPU (the cpu target's whole pipeline and C
//! code generator, programs compiled 100 to a module, run by the runtime with one thread and
//! with four, which must give the same bytes). Results are compared with a relative
//! tolerance of 1e-5 and an absolute floor of 1e-6 (softmax and matmul round intermediate
//! values where the graph semantics do not, compiled matrix products fuse multiply-adds, and
//! the interpreter's transcendental functions are not glibc's); integer results and NaN
//! positions must match exactly.

use strata_interp::{Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const PROGRAMS: u64 = 1000;

/// Parse `src`, run `pipeline` over it (none: as written) and interpret function `name`.
fn run_level(
    src: &str,
    name: &str,
    pipeline: Option<&str>,
    inputs: &[Tensor],
) -> Result<Vec<Tensor>, String> {
    let ctx = strata::default_context();
    let mut m = strata::ir::text::parse(&ctx, "gen.mlir", src, &Default::default())
        .map_err(|d| format!("parse: {d:?}"))?;
    strata::ir::verify::verify_module(&ctx, &m).map_err(|d| format!("verify: {d:?}"))?;
    if let Some(p) = pipeline {
        let pm = PassManager::new(
            parse_pipeline(p, "builtin.module").map_err(|d| format!("pipeline: {d:?}"))?,
        );
        let report = pm.run(&ctx, &mut m);
        if report.failed {
            let msgs: Vec<&str> = report
                .diagnostics
                .iter()
                .map(|d| d.message.as_str())
                .collect();
            return Err(format!("{p}: {msgs:?}"));
        }
    }
    Interpreter::new(&ctx, &m)
        .run(name, inputs)
        .map_err(|d| format!("interp: {d:?}"))
}

/// Whether `got` equals `want` up to the tolerance of the module doc.
fn same(want: &Tensor, got: &Tensor) -> Result<(), String> {
    if want.dtype() != got.dtype() || want.shape() != got.shape() {
        return Err(format!(
            "expected {}, got {}",
            want.type_str(),
            got.type_str()
        ));
    }
    for (i, (a, b)) in want
        .to_f64_vec()
        .into_iter()
        .zip(got.to_f64_vec())
        .enumerate()
    {
        let ok =
            (a.is_nan() && b.is_nan()) || a == b || (a - b).abs() <= 1e-6f64.max(1e-5 * a.abs());
        if !ok {
            return Err(format!("element {i}: expected {a}, got {b}"));
        }
    }
    Ok(())
}

#[test]
fn random_programs_agree_at_every_level() {
    let levels = [("tensor", "graph-to-tensor{full=true},tensor-generalize")];
    let mut failures = Vec::new();
    for seed in 0..PROGRAMS {
        let p = strata_testgen::program(seed);
        let want = match run_level(&p.text, &p.name, None, &p.inputs) {
            Ok(w) => w,
            Err(e) => {
                failures.push(format!("seed {seed} (reference): {e}\n{}", p.text));
                continue;
            }
        };
        for (level, pipeline) in levels {
            let got = run_level(&p.text, &p.name, Some(pipeline), &p.inputs);
            let res = got.and_then(|got| {
                if got.len() != want.len() {
                    return Err(format!("{} results, expected {}", got.len(), want.len()));
                }
                want.iter()
                    .zip(&got)
                    .enumerate()
                    .try_for_each(|(k, (w, g))| same(w, g).map_err(|e| format!("result {k}: {e}")))
            });
            if let Err(e) = res {
                failures.push(format!("seed {seed} at {level}: {e}\n{}", p.text));
            }
        }
    }
    let summary: Vec<&str> = failures.iter().filter_map(|f| f.lines().next()).collect();
    assert!(
        failures.is_empty(),
        "{} of {PROGRAMS} programs disagree:\n{}\nfirst in full:\n{}",
        failures.len(),
        summary.join("\n"),
        failures.first().map(String::as_str).unwrap_or_default()
    );
}

/// The bytes of a tensor's elements, for the thread-count comparison.
fn bytes(t: &Tensor) -> Vec<u8> {
    strata_interp::encode_le(t.data())
}

#[test]
fn random_programs_agree_compiled_for_the_host_cpu() {
    const BATCH: u64 = 100;
    let mut failures = Vec::new();
    for batch in 0..PROGRAMS / BATCH {
        let progs: Vec<_> = (batch * BATCH..(batch + 1) * BATCH)
            .map(strata_testgen::program)
            .collect();
        let src: String = progs.iter().map(|p| p.text.as_str()).collect();
        let ctx = strata::default_context();
        let m = strata::ir::text::parse(&ctx, "gen.mlir", &src, &Default::default())
            .expect("generated programs parse");
        let opts = strata::Options {
            threads: 1,
            opt_level: 1,
            ..strata::Options::default()
        };
        let compiled = match strata::compile((&ctx, &m), &strata::Target::host(), &opts) {
            Ok(c) => c,
            Err(e) => {
                failures.push(format!("batch {batch}: {e}"));
                continue;
            }
        };
        let one = compiled.program().expect("compiled to native code");
        let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
            .expect("the artifact loads again");
        for p in &progs {
            let want = match run_level(&p.text, &p.name, None, &p.inputs) {
                Ok(w) => w,
                Err(e) => {
                    failures.push(format!("seed {} (reference): {e}", &p.name[1..]));
                    continue;
                }
            };
            let got = one.run_entry(Some(&p.name), &p.inputs).map_err(|e| e.0);
            let got4 = four.run_entry(Some(&p.name), &p.inputs).map_err(|e| e.0);
            let res = got.and_then(|got| {
                if got.len() != want.len() {
                    return Err(format!("{} results, expected {}", got.len(), want.len()));
                }
                let got4 = got4?;
                for (k, (w, g)) in want.iter().zip(&got).enumerate() {
                    same(w, g).map_err(|e| format!("result {k}: {e}"))?;
                    if bytes(g) != bytes(&got4[k]) {
                        return Err(format!("result {k} differs between 1 and 4 threads"));
                    }
                }
                Ok(())
            });
            if let Err(e) = res {
                failures.push(format!("seed {} on cpu: {e}\n{}", &p.name[1..], p.text));
            }
        }
    }
    let summary: Vec<&str> = failures.iter().filter_map(|f| f.lines().next()).collect();
    assert!(
        failures.is_empty(),
        "{} failures:\n{}\nfirst in full:\n{}",
        failures.len(),
        summary.join("\n"),
        failures.first().map(String::as_str).unwrap_or_default()
    );
}
