//! Strata's standard transform passes, MLIR's in Rust:
//!
//! | pass | module |
//! |---|---|
//! | `cse` | [`cse`](mod@cse): common sub-expression elimination over dominator-tree scopes |
//! | `dce` | [`dce`](mod@dce): trivially dead op elimination |
//! | `symbol-dce` | [`symbol_dce`](mod@symbol_dce): unreferenced private symbol elimination |
//! | `inline` | [`inline`](mod@inline): interface-driven call inlining |
//! | `sccp` | [`sccp`](mod@sccp): sparse conditional constant propagation |
//! | `loop-invariant-code-motion` | [`licm`](mod@licm): hoisting out of loop-like ops |
//! | `strip-debuginfo` | [`strip_debuginfo`](mod@strip_debuginfo): location stripping |
//!
//! Every pass registers itself in [`strata_pass::PASSES`] where it is defined, handles nested
//! regions and nested isolated-from-above bodies, never panics on verified IR and produces
//! deterministic output. Each module also exposes the transformation as a plain function on a
//! [`Body`](strata_ir::Body), for use outside a pass manager.
//!
//! The op interfaces the inliner and SCCP rely on are in [`interfaces`];
//! [`register_interfaces`] attaches their implementations for the in-tree dialects (the
//! `strata` facade's `default_context` calls it).

pub mod cse;
pub mod dce;
pub mod inline;
pub mod interfaces;
pub mod licm;
pub mod sccp;
pub mod strip_debuginfo;
pub mod symbol_dce;
pub mod util;

pub use interfaces::register_interfaces;

/// The names of the passes this crate registers.
pub const PASS_NAMES: &[&str] = &[
    "cse",
    "dce",
    "inline",
    "loop-invariant-code-motion",
    "sccp",
    "strip-debuginfo",
    "symbol-dce",
];

#[cfg(test)]
mod proptests;
#[cfg(test)]
pub(crate) mod testutil;
