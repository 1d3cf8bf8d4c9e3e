//! The `strata` facade crate: the public API toolchain authors embed.
//!
//! It re-exports the IR core as [`ir`] and knows every in-tree dialect, so
//! [`default_context`] gives a context in which all of them are registered.

pub use strata_ir as ir;

pub mod docs;

/// A context with every in-tree dialect registered.
pub fn default_context() -> ir::Context {
    let mut ctx = ir::Context::new();
    register_all_dialects(&mut ctx);
    ctx
}

/// Register every in-tree dialect into `ctx`.
pub fn register_all_dialects(ctx: &mut ir::Context) {
    ctx.register_dialect(&strata_dialect_builtin::DIALECT);
    ctx.register_dialect(&strata_dialect_func::DIALECT);
    ctx.register_dialect(&strata_dialect_arith::DIALECT);
    ctx.register_dialect(&strata_dialect_math::DIALECT);
    ctx.register_dialect(&strata_dialect_test::DIALECT);
    ctx.register_dialect(&strata_dialect_graph::DIALECT);
}
