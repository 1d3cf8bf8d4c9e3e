//! Symbol tables: ops with [`Traits::SYMBOL`](crate::Traits) name themselves with a
//! `sym_name` string attribute; ops with [`Traits::SYMBOL_TABLE`](crate::Traits) hold them in
//! their single region. Lookups walk up the [`OpRef`] parent chain to the nearest table.

use crate::{AttrKind, Attribute, Body, Context, Op, OpRef, Traits};
use indexmap::IndexMap;

/// The symbol name (`sym_name`) of an op, if it has one.
pub fn symbol_name<'c>(ctx: &'c Context, body: &Body, op: Op) -> Option<&'c [u8]> {
    let d = body.op(op);
    let a = ctx
        .dict_get(d.props, "sym_name")
        .or_else(|| ctx.dict_get(d.attrs, "sym_name"))?;
    match ctx.attr_kind(a) {
        AttrKind::String { value, .. } => Some(value),
        _ => None,
    }
}

/// Symbols by name (in IR order) and the `(first, duplicate)` pairs of redefined names.
pub type SymbolMap<'c> = (IndexMap<&'c [u8], Op>, Vec<(Op, Op)>);

/// The symbols defined directly in the region of symbol-table op `table` (in insertion order).
/// Duplicates are reported in the second element as `(first, duplicate)` pairs.
pub fn symbols<'c>(ctx: &'c Context, body: &Body, table: Op) -> SymbolMap<'c> {
    let mut map = IndexMap::new();
    let mut dups = Vec::new();
    let rb = body.region_body(table);
    for &r in body.regions(table) {
        for &b in rb.region_blocks(r) {
            for op in rb.block_ops(b) {
                if let Some(name) = symbol_name(ctx, rb, op) {
                    if let Some(&first) = map.get(name) {
                        dups.push((first, op));
                    } else {
                        map.insert(name, op);
                    }
                }
            }
        }
    }
    (map, dups)
}

/// Look `name` up in symbol-table op `table` (directly in its region).
pub fn lookup_in(ctx: &Context, body: &Body, table: Op, name: &[u8]) -> Option<Op> {
    lookup_in_body(ctx, body.region_body(table), body.regions(table), name)
}

/// Look `name` up among the ops directly in `regions` of `rb`. Region ids that `rb` does not
/// hold are skipped (never a panic).
pub fn lookup_in_body(
    ctx: &Context,
    rb: &Body,
    regions: &[crate::Region],
    name: &[u8],
) -> Option<Op> {
    for &r in regions {
        if !rb.is_valid_region(r) {
            continue;
        }
        for &b in rb.region_blocks(r) {
            for op in rb.block_ops(b) {
                if symbol_name(ctx, rb, op) == Some(name) {
                    return Some(op);
                }
            }
        }
    }
    None
}

/// Resolve a symbol reference attribute (`@f` or `@m::@f`) from the point of view of `from`:
/// the nearest enclosing symbol table (walking the parent chain) is searched first, then each
/// outer one. Returns the body holding the symbol op and the op.
pub fn resolve<'a>(from: &OpRef<'a>, sym: Attribute) -> Option<(&'a Body, Op)> {
    let ctx = from.ctx;
    let AttrKind::SymbolRef { root, nested } = ctx.attr_kind(sym) else {
        return None;
    };
    let mut scope = from.parent;
    while let Some(s) = scope {
        let is_table = s.def().is_some_and(|d| d.has(Traits::SYMBOL_TABLE));
        if is_table {
            let table_body = s.region_body();
            if let Some(mut found) = lookup_in_body(
                ctx,
                table_body,
                s.body.regions(s.op),
                ctx.str(*root).as_bytes(),
            ) {
                let mut body = table_body;
                for n in nested.iter() {
                    let next = lookup_in(ctx, body, found, ctx.str(*n).as_bytes())?;
                    body = body.region_body(found);
                    found = next;
                }
                return Some((body, found));
            }
        }
        scope = s.parent;
    }
    None
}
