//! Helpers shared by the tensor transforms: a view of a `tensor.generic` as plain data
//! ([`GenericInfo`]), rewriting its operands and maps in place, affine-map composition with
//! light simplification, and a walk over every block of a function (nested isolated bodies
//! included) for block-local rewrites.

use strata_dialect_tensor::structured::{indexing_maps_attr, iterator_types_attr, IteratorType};
use strata_dialect_tensor::util::{affine_maps_attr, i32_array_attr, ranked};
use strata_dialect_tensor::GenericOp;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Block, Body, Context, Op, OpRef, Region, Value};

/// A `tensor.generic` as data.
#[derive(Clone, Debug)]
pub struct GenericInfo {
    /// The number of inputs (the remaining operands are inits).
    pub n_in: usize,
    /// Inputs then inits.
    pub operands: Vec<Value>,
    /// One map per operand.
    pub maps: Vec<AffineMap>,
    /// The kind of each loop.
    pub iters: Vec<IteratorType>,
    /// The body block (arguments: one element per operand).
    pub block: Block,
}

impl GenericInfo {
    /// Whether every loop is parallel.
    pub fn all_parallel(&self) -> bool {
        self.iters.iter().all(|&i| i == IteratorType::Parallel)
    }
    /// The number of loops.
    pub fn num_loops(&self) -> usize {
        self.iters.len()
    }
}

/// `op` as a [`GenericInfo`] when it is a well-formed `tensor.generic` (one body block with
/// one argument per operand, a map per operand over the loops); `None` otherwise.
pub fn generic_info(ctx: &Context, body: &Body, op: Op) -> Option<GenericInfo> {
    if body.is_erased(op) || ctx.op_name_str(body.name(op)) != GenericOp::NAME {
        return None;
    }
    let view = OpRef::new(ctx, body, op);
    let g = GenericOp(view);
    let (n_in, _) = g.segments().ok()?;
    let maps = indexing_maps_attr(&view).ok()?;
    let iters = iterator_types_attr(&view).ok()?;
    let operands: Vec<Value> = body.operands(op).collect();
    let region = *body.regions(op).first()?;
    let block = body.entry_block(region)?;
    if maps.len() != operands.len()
        || body.block_args(block).len() != operands.len()
        || maps
            .iter()
            .any(|m| m.num_dims as usize != iters.len() || m.num_symbols != 0)
    {
        return None;
    }
    Some(GenericInfo {
        n_in,
        operands,
        maps,
        iters,
        block,
    })
}

/// Set the operands, maps and input count of the generic `op` (the body block's arguments
/// must already match the new operands).
pub fn set_generic_operands(
    ctx: &Context,
    body: &mut Body,
    op: Op,
    operands: &[Value],
    maps: &[AffineMap],
    n_in: usize,
) {
    body.set_operands(op, operands);
    let n_out = operands.len() - n_in;
    let mut props = body.op(op).props;
    props = ctx.dict_set(props, "indexing_maps", Some(affine_maps_attr(ctx, maps)));
    props = ctx.dict_set(
        props,
        "operandSegmentSizes",
        Some(i32_array_attr(ctx, &[n_in as i32, n_out as i32])),
    );
    body.op_mut(op).props = props;
}

/// The static shape of `v` (`[]` for a scalar).
pub fn shape_of(ctx: &Context, body: &Body, v: Value) -> Vec<i64> {
    ranked(ctx, body.value_type(v)).map_or(Vec::new(), |(s, _)| s.to_vec())
}

/// `e` with every `d_i` replaced by `dims[i]`, simplified; `None` when `e` uses a symbol or a
/// dimension outside `dims`.
pub fn substitute(e: &AffineExpr, dims: &[AffineExpr]) -> Option<AffineExpr> {
    use AffineExpr as E;
    let bin = |a: &E, b: &E, f: fn(Box<E>, Box<E>) -> E| -> Option<E> {
        Some(simplify(f(
            Box::new(substitute(a, dims)?),
            Box::new(substitute(b, dims)?),
        )))
    };
    match e {
        E::Dim(i) => dims.get(*i as usize).cloned(),
        E::Symbol(_) => None,
        E::Const(k) => Some(E::Const(*k)),
        E::Add(a, b) => bin(a, b, E::Add),
        E::Mul(a, b) => bin(a, b, E::Mul),
        E::Mod(a, b) => bin(a, b, E::Mod),
        E::FloorDiv(a, b) => bin(a, b, E::FloorDiv),
        E::CeilDiv(a, b) => bin(a, b, E::CeilDiv),
    }
}

/// One level of constant folding: constant operands are evaluated, `x + 0` and `x * 1`
/// become `x`, `x * 0` becomes `0`. Expressions that would overflow or divide by zero are
/// kept as they are.
pub fn simplify(e: AffineExpr) -> AffineExpr {
    use AffineExpr as E;
    if let Some(k) = (e.max_positions() == (0, 0))
        .then(|| e.eval(&[], &[]))
        .flatten()
    {
        return E::Const(k);
    }
    match e {
        E::Add(a, b) => match (*a, *b) {
            (x, E::Const(0)) | (E::Const(0), x) => x,
            (x, y) => E::Add(Box::new(x), Box::new(y)),
        },
        E::Mul(a, b) => match (*a, *b) {
            (x, E::Const(1)) | (E::Const(1), x) => x,
            (_, E::Const(0)) | (E::Const(0), _) => E::Const(0),
            (x, y) => E::Mul(Box::new(x), Box::new(y)),
        },
        other => other,
    }
}

/// `map` with its dimensions replaced by `dims` (a map over `num_dims` dimensions).
pub fn compose(map: &AffineMap, dims: &[AffineExpr], num_dims: u32) -> Option<AffineMap> {
    Some(AffineMap {
        num_dims,
        num_symbols: 0,
        results: map
            .results
            .iter()
            .map(|e| substitute(e, dims))
            .collect::<Option<Vec<_>>>()?,
    })
}

/// For a permutation map (`(d0, d1, d2) -> (d2, d0, d1)`), the position of each result's
/// dimension: `perm[j] = i` when result `j` is `d_i`. `None` when `map` is not a permutation.
pub fn permutation(map: &AffineMap) -> Option<Vec<usize>> {
    let n = map.num_dims as usize;
    if map.num_symbols != 0 || map.results.len() != n {
        return None;
    }
    let mut seen = vec![false; n];
    let mut perm = Vec::with_capacity(n);
    for e in &map.results {
        let AffineExpr::Dim(d) = e else { return None };
        let d = *d as usize;
        if d >= n || std::mem::replace(&mut seen[d], true) {
            return None;
        }
        perm.push(d);
    }
    Some(perm)
}

/// Call `f` on every block of `regions` of `body` and, recursively, of the ops nested in
/// them (through nested isolated bodies too), outer blocks first. `f` may rewrite the ops
/// of its block; ops it erases are skipped.
pub fn for_each_block<E>(
    ctx: &Context,
    body: &mut Body,
    regions: &[Region],
    f: &mut dyn FnMut(&Context, &mut Body, Block) -> Result<(), E>,
) -> Result<(), E> {
    for &r in regions {
        for block in body.region_blocks(r).to_vec() {
            f(ctx, body, block)?;
            for op in body.block_op_vec(block) {
                if body.is_erased(op) || ctx.op_name_str(body.name(op)) == GenericOp::NAME {
                    continue;
                }
                let inner = body.regions(op).to_vec();
                if inner.is_empty() {
                    continue;
                }
                match body.nested_mut(op) {
                    Some(nb) => for_each_block(ctx, nb, &inner, f)?,
                    None => for_each_block(ctx, body, &inner, f)?,
                }
            }
        }
    }
    Ok(())
}
