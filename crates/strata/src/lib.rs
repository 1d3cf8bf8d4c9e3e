//! The `strata` facade crate: the public API toolchain authors embed.
//!
//! It re-exports the IR core as [`ir`] and knows every in-tree dialect, so
//! [`default_context`] gives a context in which all of them are registered.

/// The `bufferize` pass. Referencing the crate links its pass registration into every binary
/// that uses the facade.
pub use strata_bufferize as bufferize;
/// The `canonicalize` pass (folders and canonicalization patterns, greedily). Referencing the
/// crate links its pass registration into every binary that uses the facade.
pub use strata_canonicalize as canonicalize;
/// Equality saturation (`saturate` pass, rule packs, cost-model extraction). Referencing the
/// crate links its pass registration into every binary that uses the facade.
pub use strata_eqsat as eqsat;
/// The `graph-to-tensor` conversion. Referencing the crate links its pass registration into
/// every binary that uses the facade.
pub use strata_graph_to_tensor as graph_to_tensor;
pub use strata_ir as ir;
/// The `loop-to-hw` conversion (vectorisation, workers). Referencing the crate links its pass
/// registration into every binary that uses the facade.
pub use strata_loop_to_hw as loop_to_hw;
pub use strata_pass as pass;
/// The `tensor-to-loop` conversion. Referencing the crate links its pass registration into
/// every binary that uses the facade.
pub use strata_tensor_to_loop as tensor_to_loop;
/// Transforms of the tensor dialect (`tensor-generalize`). Referencing the crate links its
/// pass registrations into every binary that uses the facade.
pub use strata_tensor_transforms as tensor_transforms;
/// The standard transform passes (`cse`, `inline`, `sccp`, ...). Referencing the crate links
/// its pass registrations into every binary that uses the facade.
pub use strata_transforms as transforms;

/// The `specialise-containers` pass (sequences and optionals of known structure as flat
/// tensors). Referencing the crate links its pass registration into every binary that uses
/// the facade.
pub use strata_containers as containers_pass;

pub mod containers;
pub mod doc_examples;
pub mod docs;
pub mod native;

pub use native::{compile, Compiled, EmitLevel, Level, Options, Target};
/// The runtime of compiled artifacts.
pub use strata_runtime as runtime;
/// Compilation targets (the `Target` trait, specs, the registry).
pub use strata_target as target;

/// A context with every in-tree dialect registered.
pub fn default_context() -> ir::Context {
    let mut ctx = ir::Context::new();
    register_all_dialects(&mut ctx);
    // The op interfaces of the in-tree dialects used by the transforms (inliner, SCCP).
    strata_transforms::register_interfaces(&mut ctx);
    ctx
}

/// Register every in-tree dialect into `ctx`, with the interfaces and assembly hooks each
/// dialect attaches to its ops (result-name hints such as `%c42_i32`, constant materialisers).
pub fn register_all_dialects(ctx: &mut ir::Context) {
    strata_dialect_builtin::register(ctx);
    strata_dialect_func::register(ctx);
    strata_dialect_arith::register(ctx);
    strata_dialect_math::register(ctx);
    strata_dialect_test::register(ctx);
    strata_dialect_graph::register(ctx);
    strata_dialect_tensor::register(ctx);
    strata_dialect_loop::register(ctx);
    strata_dialect_hw::register(ctx);
    strata_dialect_cpu::register(ctx);
}
