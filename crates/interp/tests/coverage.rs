//! Every op of the computational dialects (`arith`, `math`, `func`, `graph`) has interpreter
//! semantics: an op without them cannot be lowered-and-checked. Structural ops that are
//! never executed (function and module definitions, symbols) and the `test` dialect's
//! placeholders are listed explicitly.

/// Ops that are not executed as part of a function body, or have no meaning by design.
const NOT_EXECUTED: &[&str] = &[
    "builtin.module",
    "func.func",
    // A module-level declaration; `loop.get_global` materialises it.
    "loop.global",
    "test.op",
    "test.pure",
    "test.isolated",
    "test.graph_region",
    "test.symbol",
    "test.symbol_table",
    "test.use_symbol",
];

#[test]
fn every_op_has_semantics() {
    let ctx = strata::default_context();
    let mut missing = Vec::new();
    let mut checked = 0;
    for d in ctx.dialects() {
        for op in d.ops {
            checked += 1;
            if !strata_interp::is_interpretable(op.name) && !NOT_EXECUTED.contains(&op.name) {
                missing.push(op.name);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "ops without interpreter semantics: {missing:?}"
    );
    assert!(checked > 150, "only {checked} ops are registered");
}
