//! The `test` dialect.

use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "test",
    summary: "",
    description: "",
    ops: &[],
};
