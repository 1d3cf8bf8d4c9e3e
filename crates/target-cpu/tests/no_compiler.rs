//! Without a C compiler (`CC=/nonexistent`), code generation fails with a message naming
//! what to install. (Its own test binary: it changes the process environment.)
mod common;
use strata_target::{CodegenError, CodegenOptions, Target};

#[test]
fn no_compiler_names_what_to_install() {
    std::env::set_var("CC", "/nonexistent/cc");
    let ctx = strata::default_context();
    let m = common::parse_module(&ctx, "func.func @f(%a: i32) -> i32 { return %a : i32 }");
    let e = strata_target_cpu::CpuTarget::host()
        .codegen(&ctx, &m, &CodegenOptions::default())
        .unwrap_err();
    assert!(matches!(e, CodegenError::NoCompiler(_)), "{e:?}");
    let msg = e.to_string();
    assert!(
        msg.contains("/nonexistent/cc") && msg.contains("apt install gcc"),
        "{msg}"
    );
}
