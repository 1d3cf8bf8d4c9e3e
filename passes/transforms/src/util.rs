//! Helpers shared by the passes: trait queries, side-effect checks, iterative traversal of the
//! ops of a body and of its nested isolated-from-above bodies, symbol attributes and constant
//! materialisation.

use smallvec::SmallVec;
use std::ops::ControlFlow;
use strata_ir::walk::{walk, Order};
use strata_ir::{
    AttrKind, Attribute, Block, Body, Context, InsertPoint, Op, OpBuilder, Region, Traits, Type,
    Value, ValueDef,
};

/// The traits of `op` (empty for unregistered ops).
pub fn traits(ctx: &Context, body: &Body, op: Op) -> Traits {
    ctx.op_def(body.name(op)).map_or(Traits(0), |d| d.traits)
}

/// Whether `op` has all the traits `t`.
pub fn has(ctx: &Context, body: &Body, op: Op, t: Traits) -> bool {
    traits(ctx, body, op).contains(t)
}

/// Whether `op` and every op nested in it (through regions and nested bodies) is
/// pure ([`strata_ir::rewrite::is_pure`]: [`Traits::PURE`] and no memref operand): the op can be removed when unused, or executed speculatively, without
/// changing the program.
pub fn is_effect_free(ctx: &Context, body: &Body, op: Op) -> bool {
    if !strata_ir::rewrite::is_pure(ctx, body, op) {
        return false;
    }
    if body.regions(op).is_empty() {
        return true;
    }
    walk(body, op, Order::Pre, &mut |b, o| {
        if strata_ir::rewrite::is_pure(ctx, b, o) {
            ControlFlow::Continue(())
        } else {
            ControlFlow::Break(())
        }
    })
    .is_continue()
}

/// Whether `op` would be dead if its results had no uses: it is effect free and not a
/// terminator (MLIR's `wouldOpBeTriviallyDead`).
pub fn would_be_trivially_dead(ctx: &Context, body: &Body, op: Op) -> bool {
    !has(ctx, body, op, Traits::TERMINATOR) && is_effect_free(ctx, body, op)
}

/// Whether `op` is dead: effect free, not a terminator, and no result is used (MLIR's
/// `isOpTriviallyDead`).
pub fn is_trivially_dead(ctx: &Context, body: &Body, op: Op) -> bool {
    body.results(op).iter().all(|&r| !body.has_uses(r)) && would_be_trivially_dead(ctx, body, op)
}

/// The ops of `body` inside `regions` (not `regions`' owners), in pre-order, without crossing
/// into nested bodies. Iterative.
pub fn ops_under(body: &Body, regions: &[Region]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack: Vec<Op> = Vec::new();
    for &r in regions.iter().rev() {
        for &b in body.region_blocks(r).iter().rev() {
            let ops: SmallVec<[Op; 16]> = body.block_ops(b).collect();
            stack.extend(ops.into_iter().rev());
        }
    }
    while let Some(o) = stack.pop() {
        out.push(o);
        if body.nested(o).is_some() {
            continue;
        }
        for &r in body.regions(o).iter().rev() {
            for &b in body.region_blocks(r).iter().rev() {
                let ops: SmallVec<[Op; 16]> = body.block_ops(b).collect();
                stack.extend(ops.into_iter().rev());
            }
        }
    }
    out
}

/// The body reached from `root` by following the nested bodies of the ops of `path`.
pub fn body_at_mut<'a>(mut body: &'a mut Body, path: &[Op]) -> Option<&'a mut Body> {
    for &op in path {
        body = body.nested_mut(op)?;
    }
    Some(body)
}

/// The body reached from `root` by following the nested bodies of the ops of `path`.
pub fn body_at<'a>(mut body: &'a Body, path: &[Op]) -> Option<&'a Body> {
    for &op in path {
        body = body.nested(op)?;
    }
    Some(body)
}

/// One body visited by [`visit_bodies`].
pub struct BodyScope<'a> {
    /// The ops leading from the root body to this one.
    pub path: &'a [Op],
    /// The root regions of this body that belong to the visited op.
    pub regions: &'a [Region],
    /// The traits of the isolated op owning `regions`.
    pub owner: Traits,
}

/// Call `f` on `root` (whose op owns `root_regions` and has traits `root_owner`) and then on
/// every nested isolated-from-above body below it, parents before children, in IR order.
/// Children are collected after `f` ran on their parent, so bodies of ops that `f` erased are
/// not visited. Iterative: any nesting depth is fine.
pub fn visit_bodies(
    ctx: &Context,
    root: &mut Body,
    root_regions: &[Region],
    root_owner: Traits,
    f: &mut dyn FnMut(&mut Body, &BodyScope<'_>),
) {
    let mut work: Vec<(Vec<Op>, Vec<Region>, Traits)> =
        vec![(Vec::new(), root_regions.to_vec(), root_owner)];
    while let Some((path, regions, owner)) = work.pop() {
        let Some(body) = body_at_mut(root, &path) else {
            continue;
        };
        f(
            body,
            &BodyScope {
                path: &path,
                regions: &regions,
                owner,
            },
        );
        let children: Vec<Op> = ops_under(body, &regions)
            .into_iter()
            .filter(|&o| body.nested(o).is_some())
            .collect();
        for &c in children.iter().rev() {
            let mut p = path.clone();
            p.push(c);
            work.push((p, body.regions(c).to_vec(), traits(ctx, body, c)));
        }
    }
}

/// Whether `region` of `body` is a graph region: its owner has [`Traits::GRAPH_REGION`]. Root
/// regions (no owner in `body`) are decided by `root_owner`, the traits of the isolated op
/// owning the body.
pub fn is_graph_region(ctx: &Context, body: &Body, region: Region, root_owner: Traits) -> bool {
    match body.region_parent(region) {
        Some(p) => has(ctx, body, p, Traits::GRAPH_REGION),
        None => root_owner.contains(Traits::GRAPH_REGION),
    }
}

/// The region that defines `v`.
pub fn value_region(body: &Body, v: Value) -> Option<Region> {
    let b = value_block(body, v)?;
    body.block_parent(b)
}

/// The block that defines `v` (the block of its defining op, or its block for arguments).
pub fn value_block(body: &Body, v: Value) -> Option<Block> {
    match body.value_def(v) {
        ValueDef::Result(op, _) => body.parent_block(op),
        ValueDef::BlockArg(b, _) => Some(b),
    }
}

/// Whether `inner` is `outer` or nested (through ops of `body`) inside a region of... `outer`.
pub fn region_is_within(body: &Body, mut inner: Region, outer: Region) -> bool {
    loop {
        if inner == outer {
            return true;
        }
        let Some(p) = body.region_parent(inner) else {
            return false;
        };
        let Some(b) = body.parent_block(p) else {
            return false;
        };
        let Some(r) = body.block_parent(b) else {
            return false;
        };
        inner = r;
    }
}

/// Whether `region` is nested (through ops of `body`) inside op `ancestor`.
pub fn region_is_inside_op(body: &Body, mut region: Region, ancestor: Op) -> bool {
    loop {
        let Some(p) = body.region_parent(region) else {
            return false;
        };
        if p == ancestor {
            return true;
        }
        let Some(b) = body.parent_block(p) else {
            return false;
        };
        let Some(r) = body.block_parent(b) else {
            return false;
        };
        region = r;
    }
}

/// The text of a string attribute.
pub fn string_attr(ctx: &Context, a: Attribute) -> Option<&[u8]> {
    match ctx.attr_kind(a) {
        AttrKind::String { value, .. } => Some(value),
        _ => None,
    }
}

/// An inherent attribute of `op` by name, falling back to its discardable attributes.
pub fn op_attr(ctx: &Context, body: &Body, op: Op, name: &str) -> Option<Attribute> {
    let d = body.op(op);
    ctx.dict_get(d.props, name)
        .or_else(|| ctx.dict_get(d.attrs, name))
}

/// The visibility of a symbol op.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Visibility {
    /// Visible everywhere (the default).
    Public,
    /// Visible only in the enclosing symbol table.
    Private,
    /// Visible in the enclosing symbol table and its parent tables.
    Nested,
}

/// The `sym_visibility` of `op` (public when absent or unrecognised).
pub fn visibility(ctx: &Context, body: &Body, op: Op) -> Visibility {
    match op_attr(ctx, body, op, "sym_visibility").and_then(|a| string_attr(ctx, a)) {
        Some(b"private") => Visibility::Private,
        Some(b"nested") => Visibility::Nested,
        _ => Visibility::Public,
    }
}

/// Whether `op` defines a symbol: a registered op with [`Traits::SYMBOL`] and a `sym_name`,
/// or a named symbol table (`module @m`), as MLIR's optional-symbol ops are.
pub fn is_symbol(ctx: &Context, body: &Body, op: Op) -> bool {
    let t = traits(ctx, body, op);
    (t.contains(Traits::SYMBOL) || t.contains(Traits::SYMBOL_TABLE))
        && strata_ir::symbol_table::symbol_name(ctx, body, op).is_some()
}

/// Call `f` on every symbol reference found in `attr` (through arrays and dictionaries).
pub fn for_each_symbol_ref(ctx: &Context, attr: Attribute, f: &mut dyn FnMut(Attribute)) {
    let mut stack = vec![attr];
    while let Some(a) = stack.pop() {
        match ctx.attr_kind(a) {
            AttrKind::SymbolRef { .. } => f(a),
            AttrKind::Array(items) => stack.extend(items.iter().rev().copied()),
            AttrKind::Dict(entries) => stack.extend(entries.iter().rev().map(|e| e.value)),
            _ => {}
        }
    }
}

/// The symbol references held by the attributes of `op` itself.
pub fn op_symbol_refs(ctx: &Context, body: &Body, op: Op) -> SmallVec<[Attribute; 2]> {
    let mut out = SmallVec::new();
    let d = body.op(op);
    for dict in [d.props, d.attrs] {
        for_each_symbol_ref(ctx, dict, &mut |a| out.push(a));
    }
    out
}

/// Build a constant of type `ty` holding `value` at `ip` with location `loc` (MLIR's
/// `Dialect::materializeConstant`): through the constant materialiser of the dialect of op
/// `origin` (the op whose folding produced the value), falling back to the `arith`
/// dialect's (`arith.constant` for integer, index, float and elements attributes). `None`
/// when neither can represent it.
pub fn materialize_constant(
    ctx: &Context,
    body: &mut Body,
    ip: InsertPoint,
    loc: strata_ir::Location,
    origin: Option<strata_ir::OpName>,
    value: Attribute,
    ty: Type,
) -> Option<Value> {
    let mut builder = OpBuilder::new(ctx, body);
    builder.set_insertion_point(ip);
    builder.loc = loc;
    let origin_dialect = origin.map(|o| ctx.str(ctx.op_info(o).dialect));
    for dialect in origin_dialect.into_iter().chain(["arith"]) {
        if let Some(f) = strata_ir::rewrite::constant_materializer(ctx, dialect) {
            if let Some(v) = f(&mut builder, value, ty) {
                return Some(v);
            }
        }
    }
    None
}

/// Whether `v` is a result of a [`Traits::CONSTANT_LIKE`] op.
pub fn is_constant_value(ctx: &Context, body: &Body, v: Value) -> bool {
    body.defining_op(v)
        .is_some_and(|d| has(ctx, body, d, Traits::CONSTANT_LIKE))
}

/// The dominator tree of the blocks of a CFG region reachable from its entry block.
pub struct DomTree {
    /// The reachable blocks in reverse post-order (the entry block first).
    pub blocks: Vec<Block>,
    /// The children of each node (indices into `blocks`), in reverse post-order.
    pub children: Vec<Vec<u32>>,
}

/// Compute the dominator tree of `region` (see [`strata_ir::dominance::dominators`]).
pub fn dom_tree(body: &Body, region: Region) -> DomTree {
    let d = strata_ir::dominance::dominators(body, region);
    let children = d.children();
    DomTree {
        blocks: d.blocks,
        children,
    }
}

/// The successors of a block: those of its last op.
pub fn block_successors(body: &Body, b: Block) -> SmallVec<[Block; 2]> {
    body.last_op(b)
        .map(|t| body.successors(t).iter().copied().collect())
        .unwrap_or_default()
}

/// The blocks of `region` reachable from its entry block, in reverse post-order.
pub fn reverse_post_order(body: &Body, region: Region) -> Vec<Block> {
    strata_ir::dominance::reverse_post_order(body, region)
}
