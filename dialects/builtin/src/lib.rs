//! The `builtin` dialect.

use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "builtin",
    summary: "",
    description: "",
    ops: &[],
};
