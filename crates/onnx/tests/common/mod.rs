//! Shared helpers of the importer tests.
#![allow(dead_code)]

use strata::ir::text::{print_module, PrintOptions};
use strata::ir::{Context, Module};
use strata_onnx::proto::ModelProto;
use strata_onnx::testgen::encode;
use strata_onnx::{import_bytes, ImportError, ImportOptions};

/// Import `m` (encoded) and verify the result; returns the module and its generic text.
pub fn import_ok(ctx: &Context, m: &ModelProto) -> (Module, String) {
    let bytes = encode(m);
    let opts = ImportOptions {
        file_name: "test.onnx".into(),
        ..Default::default()
    };
    let module = match import_bytes(ctx, &bytes, &opts) {
        Ok(m) => m,
        Err(e) => panic!("import failed: {e}"),
    };
    if let Err(d) = strata::ir::verify::verify_module(ctx, &module) {
        let text = print_module(
            ctx,
            &module,
            &PrintOptions {
                generic: true,
                debug_info: false,
            },
        );
        panic!(
            "imported module does not verify: {:?}\n{text}",
            d.first().map(|d| &d.message)
        );
    }
    let text = print_module(
        ctx,
        &module,
        &PrintOptions {
            generic: true,
            debug_info: false,
        },
    );
    (module, text)
}

/// Import `m` and return the error.
pub fn import_err(m: &ModelProto) -> ImportError {
    let ctx = strata::default_context();
    match import_bytes(&ctx, &encode(m), &ImportOptions::default()) {
        Ok(_) => panic!("import unexpectedly succeeded"),
        Err(e) => e,
    }
}

/// Deterministic values in [-1, 1) (xorshift from `seed`).
pub fn data(n: usize, seed: u64) -> Vec<f32> {
    let mut s = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..n)
        .map(|_| {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            ((s >> 40) as f32 / (1u64 << 24) as f32) * 2.0 - 1.0
        })
        .collect()
}

/// Import `m`, verify it and run `@main` on the interpreter.
pub fn run(m: &ModelProto, inputs: Vec<strata_interp::Tensor>) -> Vec<strata_interp::Tensor> {
    let ctx = strata::default_context();
    let module = strata_onnx::import_model(&ctx, m, &ImportOptions::default())
        .unwrap_or_else(|e| panic!("import: {e}"));
    strata::ir::verify::verify_module(&ctx, &module).expect("imported module verifies");
    strata_interp::Interpreter::new(&ctx, &module)
        .run_owned("main", inputs)
        .unwrap_or_else(|d| panic!("run: {}", d.message))
}

/// `got` (f32) equals `want` within 1e-5 absolute plus 1e-4 relative.
pub fn close(got: &strata_interp::Tensor, want: &[f32]) {
    let g = got.as_slice::<f32>().expect("f32 output");
    assert_eq!(g.len(), want.len());
    for (i, (a, b)) in g.iter().zip(want).enumerate() {
        assert!(
            (a - b).abs() <= 1e-5 + 1e-4 * b.abs(),
            "element {i}: {a} vs {b}"
        );
    }
}
