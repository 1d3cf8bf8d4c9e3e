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
