//! Fuzz target bodies. Each is a plain function so that `cargo test` replays the checked-in
//! corpus through exactly the code libFuzzer runs (`fuzz_targets/*.rs` are thin wrappers).

mod structured;

use strata::ir::text::{self, ParseOptions, PrintOptions};
use strata::ir::Context;
pub use structured::onnx_structured;

fn context() -> Context {
    let mut ctx = strata::default_context();
    ctx.allow_unregistered = true;
    ctx
}

/// Parser target with the round-trip oracle: any input must parse or fail with diagnostics
/// (never panic); input that parses and verifies must print, in generic and custom form, to
/// text that re-parses, re-verifies and prints identically.
pub fn parse_roundtrip(data: &[u8]) {
    let ctx = context();
    let opts = ParseOptions::default();
    let Ok(module) = text::parse_bytes(&ctx, "fuzz.mlir", data, &opts) else {
        return;
    };
    if strata::ir::verify::verify_module(&ctx, &module).is_err() {
        return;
    }
    for generic in [true, false] {
        let popts = PrintOptions {
            generic,
            debug_info: false,
        };
        let first = text::print_module(&ctx, &module, &popts);
        let reparsed = match text::parse(&ctx, "roundtrip.mlir", &first, &opts) {
            Ok(m) => m,
            Err(e) => panic!(
                "printed IR does not re-parse (generic={generic}): {:?}\n--- printed ---\n{first}",
                e.first().map(|d| &d.message)
            ),
        };
        if let Err(e) = strata::ir::verify::verify_module(&ctx, &reparsed) {
            panic!(
                "printed IR does not re-verify (generic={generic}): {:?}\n--- printed ---\n{first}",
                e.first().map(|d| &d.message)
            );
        }
        let second = text::print_module(&ctx, &reparsed, &popts);
        assert_eq!(
            first, second,
            "print -> parse -> print is not a fixed point (generic={generic})"
        );
    }
}

/// ONNX import target: any bytes must import or fail with a typed `ImportError` (never
/// panic, abort or allocate without bound; limits are lowered so that fuzzing stays fast);
/// a model that imports must verify and print.
pub fn onnx_import(data: &[u8]) {
    let ctx = strata::default_context();
    let opts = strata_onnx::ImportOptions {
        limits: strata_onnx::Limits {
            max_tensor_elements: 1 << 20,
            max_tensor_bytes: 1 << 24,
            max_nodes: 1 << 16,
            ..strata_onnx::Limits::default()
        },
        ..Default::default()
    };
    let Ok(module) = strata_onnx::import_bytes(&ctx, data, &opts) else {
        return;
    };
    if let Err(e) = strata::ir::verify::verify_module(&ctx, &module) {
        panic!(
            "imported module does not verify: {:?}",
            e.first().map(|d| &d.message)
        );
    }
    let _ = text::print_module(&ctx, &module, &PrintOptions::default());
}
