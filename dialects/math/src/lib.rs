//! The `math` dialect.

use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "math",
    summary: "",
    description: "",
    ops: &[],
};
