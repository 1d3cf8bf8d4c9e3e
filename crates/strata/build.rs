//! Detects `mlir-opt-22` so that the interop tests that need it are compiled as `#[ignore]`d
//! (reported as skipped, not passed) when it is not installed.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(has_mlir_opt)");
    println!("cargo::rerun-if-env-changed=PATH");
    println!("cargo::rerun-if-env-changed=MLIR_OPT");
    let tool = std::env::var("MLIR_OPT").unwrap_or_else(|_| "mlir-opt-22".to_string());
    let found = std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|dir| {
            let candidate = dir.join(&tool);
            if candidate.is_file() {
                println!("cargo::rerun-if-changed={}", candidate.display());
                true
            } else {
                false
            }
        })
    }) || std::path::Path::new(&tool).is_file();
    if found {
        println!("cargo::rustc-cfg=has_mlir_opt");
    } else {
        // Re-check on the next build in case it gets installed.
        println!("cargo::rerun-if-changed=/usr/bin/{tool}");
    }
}
