//! Shared helpers of the eqsat integration tests: a context with the dialects the tests
//! use, parsing, interpreting and comparing functions.

#![allow(dead_code)]

use strata_eqsat::check::{random_dense, Rng};
use strata_interp::{allclose, tensor_from_attr, Interpreter, Tensor};
use strata_ir::{Context, Module, Type};

/// A context with builtin, func, arith and graph registered.
pub fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    strata_dialect_graph::register(&mut c);
    c
}

/// Parse a module, panicking with the diagnostics.
pub fn parse(ctx: &Context, src: &str) -> Module {
    match strata_ir::text::parse(ctx, "test.mlir", src, &Default::default()) {
        Ok(m) => m,
        Err(d) => panic!(
            "parse error: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        ),
    }
}

/// Print a module in generic form.
pub fn print(ctx: &Context, m: &Module) -> String {
    strata_ir::text::print_module(
        ctx,
        m,
        &strata_ir::text::PrintOptions {
            generic: true,
            debug_info: false,
        },
    )
}

/// Verify a module, panicking with the diagnostics.
pub fn verify(ctx: &Context, m: &Module) {
    if let Err(d) = strata_ir::verify::verify_module(ctx, m) {
        panic!(
            "verification failed: {:?}\n{}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>(),
            print(ctx, m)
        );
    }
}

/// Random input tensors of the given types and ranges.
pub fn random_inputs(ctx: &Context, types: &[(Type, (f64, f64))], rng: &mut Rng) -> Vec<Tensor> {
    types
        .iter()
        .map(|&(t, r)| {
            let a = random_dense(ctx, t, r, rng).expect("random input");
            tensor_from_attr(ctx, a, 1 << 24).expect("tensor from attribute")
        })
        .collect()
}

/// Run function `f` of `m` on `inputs`.
pub fn run(ctx: &Context, m: &Module, f: &str, inputs: &[Tensor]) -> Result<Vec<Tensor>, String> {
    Interpreter::new(ctx, m)
        .run(f, inputs)
        .map_err(|d| d.message)
}

/// Compare two result lists with ONNX's default tolerances (rtol 1e-3, atol 1e-7) plus a
/// small absolute slack for rounding near zero; `Err` describes the first difference.
pub fn compare(a: &[Tensor], b: &[Tensor], atol: f64) -> Result<(), String> {
    if a.len() != b.len() {
        return Err(format!("{} results vs {}", a.len(), b.len()));
    }
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let c = allclose(x, y, 1e-3, atol);
        if !c.ok {
            return Err(format!("result {i}: {c}"));
        }
    }
    Ok(())
}
