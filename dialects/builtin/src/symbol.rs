//! Helpers shared by the ops of every dialect that define or use symbols: the parent of an op
//! across isolated-from-above boundaries, and MLIR's `SymbolOpInterface` verification.

use strata_ir::{text, AttrKind, Attribute, Body, Diagnostic, Op, OpRef, Traits};

/// The op whose region immediately holds `r`'s op: the op owning its region in the same body,
/// or, for ops in a root region of a nested body, the isolated-from-above owner from the
/// [`OpRef::parent`] chain. `None` at the top level.
pub fn parent_op<'a>(r: &OpRef<'a>) -> Option<(&'a Body, Op)> {
    match r.body.parent_op(r.op) {
        Some(p) => Some((r.body, p)),
        None => r.parent.map(|p| (p.body, p.op)),
    }
}

/// The [`OpRef`] of the immediate parent op, keeping the parent chain of `r` where possible.
pub fn parent_ref<'a>(r: &OpRef<'a>) -> Option<OpRef<'a>> {
    match r.body.parent_op(r.op) {
        Some(p) => Some(OpRef {
            ctx: r.ctx,
            body: r.body,
            op: p,
            parent: r.parent,
            region_override: None,
        }),
        None => r.parent.copied(),
    }
}

/// The text of a string attribute.
pub fn string_value(r: &OpRef<'_>, a: Attribute) -> Option<String> {
    match r.ctx.attr_kind(a) {
        AttrKind::String { value, .. } => Some(String::from_utf8_lossy(value).into_owned()),
        _ => None,
    }
}

/// Whether an attribute is a symbol reference with no nested references (`@f`).
pub fn is_flat_symbol_ref(ctx: &strata_ir::Context, a: Attribute) -> bool {
    matches!(ctx.attr_kind(a), AttrKind::SymbolRef { nested, .. } if nested.is_empty())
}

/// The visibility of a symbol op (`sym_visibility`, default `public`).
pub fn visibility(r: &OpRef<'_>) -> String {
    r.attr("sym_visibility")
        .and_then(|a| string_value(r, a))
        .unwrap_or_else(|| "public".into())
}

/// MLIR's symbol verification (`SymbolOpInterface::verify`) for the op `r`:
///
/// * `sym_name` is a string (unless `optional` and absent);
/// * `sym_visibility`, if present, is `"public"`, `"private"` or `"nested"`;
/// * a declaration (`is_declaration`) is not public;
/// * the parent op, if registered, is a symbol table.
pub fn verify_symbol(
    r: &OpRef<'_>,
    optional: bool,
    is_declaration: bool,
) -> Result<(), Diagnostic> {
    match r.attr("sym_name") {
        None if optional => return Ok(()),
        Some(a) if matches!(r.ctx.attr_kind(a), AttrKind::String { .. }) => {}
        _ => return Err(r.error("requires string attribute 'sym_name'")),
    }
    if let Some(vis) = r.attr("sym_visibility") {
        let Some(v) = string_value(r, vis) else {
            return Err(r.error(format_args!(
                "requires visibility attribute 'sym_visibility' to be a string attribute, but got {}",
                text::print_attr(r.ctx, vis)
            )));
        };
        if !matches!(v.as_str(), "public" | "private" | "nested") {
            return Err(r.error(format_args!(
                "visibility expected to be one of [\"public\", \"private\", \"nested\"], but got {}",
                text::print_attr(r.ctx, vis)
            )));
        }
    }
    if is_declaration && visibility(r) == "public" {
        return Err(r.error("symbol declaration cannot have public visibility"));
    }
    if let Some((body, p)) = parent_op(r) {
        let def = r.ctx.op_def(body.name(p));
        if def.is_some_and(|d| !d.has(Traits::SYMBOL_TABLE)) {
            return Err(r.error("symbol's parent must have the SymbolTable trait"));
        }
    }
    Ok(())
}
