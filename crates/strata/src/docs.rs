//! Generates the dialect reference (`docs/dialects/<name>.md`) from the op declarations:
//! each op's summary, traits, constraints and doc comment (with its example) come from its one
//! `op!` declaration, so the reference cannot drift from the code.

use crate::ir::{Arity, Context, OpDef, Traits};
use std::fmt::Write as _;

const TRAIT_NAMES: &[(Traits, &str)] = &[
    (Traits::PURE, "Pure"),
    (Traits::COMMUTATIVE, "Commutative"),
    (Traits::TERMINATOR, "Terminator"),
    (Traits::ISOLATED_FROM_ABOVE, "IsolatedFromAbove"),
    (Traits::SYMBOL, "Symbol"),
    (Traits::SYMBOL_TABLE, "SymbolTable"),
    (
        Traits::SAME_OPERANDS_AND_RESULT_TYPE,
        "SameOperandsAndResultType",
    ),
    (Traits::SAME_OPERANDS_TYPE, "SameOperandsType"),
    (Traits::NO_TERMINATOR, "NoTerminator"),
    (Traits::GRAPH_REGION, "GraphRegion"),
    (Traits::SINGLE_BLOCK, "SingleBlock"),
    (Traits::RETURN_LIKE, "ReturnLike"),
    (Traits::CONSTANT_LIKE, "ConstantLike"),
    (Traits::ELEMENTWISE, "Elementwise"),
    (Traits::LOOP_LIKE, "LoopLike"),
    (Traits::HAS_SIDE_EFFECTS, "HasSideEffects"),
    (Traits::IDEMPOTENT, "Idempotent"),
    (Traits::INVOLUTION, "Involution"),
];

fn arity(a: Arity) -> String {
    a.describe()
}

/// The traits of an op as their MLIR names.
pub fn trait_names(def: &OpDef) -> Vec<&'static str> {
    TRAIT_NAMES
        .iter()
        .filter(|(t, _)| def.has(*t))
        .map(|(_, n)| *n)
        .collect()
}

fn op_section(def: &OpDef, out: &mut String) {
    let _ = writeln!(out, "### `{}`\n", def.name);
    if !def.summary.is_empty() {
        let _ = writeln!(out, "_{}_\n", def.summary);
    }
    // Doc comments start each line with a space after `///`.
    let desc: Vec<&str> = def
        .description
        .lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect();
    let desc = desc.join("\n");
    if !desc.trim().is_empty() {
        let _ = writeln!(out, "{}\n", desc.trim_end());
    }
    let traits = trait_names(def);
    let _ = writeln!(out, "| | |\n|---|---|");
    if !traits.is_empty() {
        let _ = writeln!(out, "| traits | {} |", traits.join(", "));
    }
    let _ = writeln!(out, "| operands | {} |", arity(def.operands));
    if let Some(c) = def.operand_type {
        let _ = writeln!(out, "| operand types | {} |", c.description);
    }
    let _ = writeln!(out, "| results | {} |", arity(def.results));
    if let Some(c) = def.result_type {
        let _ = writeln!(out, "| result types | {} |", c.description);
    }
    if def.regions != Arity::Exactly(0) {
        let _ = writeln!(out, "| regions | {} |", arity(def.regions));
    }
    if def.successors != Arity::Exactly(0) {
        let _ = writeln!(out, "| successors | {} |", arity(def.successors));
    }
    for a in def.attrs {
        let _ = writeln!(
            out,
            "| attribute `{}` | {}{} |",
            a.name,
            a.description,
            if a.required { "" } else { " (optional)" }
        );
    }
    let _ = writeln!(
        out,
        "| custom verifier | {} |\n| folder | {} |\n| custom assembly | {} |\n",
        yes(def.verify.is_some()),
        yes(def.fold.is_some()),
        yes(def.format.is_some())
    );
}

fn yes(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

/// The reference page of every registered dialect, as `(dialect name, markdown)`, in
/// registration order.
pub fn dialect_reference(ctx: &Context) -> Vec<(&'static str, String)> {
    ctx.dialects()
        .map(|d| {
            let mut out = String::new();
            let _ = writeln!(
                out,
                "<!-- Generated from the op declarations by `crates/strata/src/docs.rs`; do not edit. \
                 Regenerate with `STRATA_BLESS=1 cargo test -p strata --test docs`. -->\n"
            );
            let _ = writeln!(out, "# `{}` dialect\n", d.name);
            if !d.summary.is_empty() {
                let _ = writeln!(out, "{}\n", d.summary);
            }
            if !d.description.is_empty() {
                let _ = writeln!(out, "{}\n", d.description.trim_end());
            }
            let mut ops: Vec<&OpDef> = d.ops.to_vec();
            ops.sort_by_key(|o| o.name);
            let _ = writeln!(out, "## Operations\n");
            for def in ops {
                op_section(def, &mut out);
            }
            (d.name, out)
        })
        .collect()
}
