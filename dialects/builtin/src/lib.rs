//! The `builtin` dialect: `builtin.module`, the top-level container, and
//! `builtin.unrealized_conversion_cast`, the placeholder cast of partial conversions.
//!
//! The builtin types and attributes live in `strata_ir` itself; this crate holds the ops, and
//! the helpers that other dialects share: symbol verification ([`symbol`]) and custom-format
//! support ([`asm`]).

pub mod asm;
mod format;
mod ops;
pub mod symbol;

pub use ops::{ModuleOp, UnrealizedConversionCastOp};
use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "builtin",
    summary: "The builtin dialect: the top-level module and the unrealized conversion cast.",
    description: "Ops every Strata program needs whatever its level: `builtin.module`, the \
                  isolated, symbol-table container at the root of every file, and \
                  `builtin.unrealized_conversion_cast`, which bridges type mismatches while a \
                  conversion is in progress. Builtin types and attributes are part of the IR \
                  core.",
    ops: &[&ModuleOp::DEF, &UnrealizedConversionCastOp::DEF],
};

/// Register the `builtin` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut strata_ir::Context) {
    ctx.register_dialect(&DIALECT);
}
