//! The structured-op interface: what every op of the `tensor.generic` family shares.
//!
//! A structured op (MLIR's `LinalgOp`) has *inputs* followed by *inits* (destination-passing
//! style: one result per init, of the init's type), an *iteration space* of loops, each
//! `parallel` or `reduction`, one affine *indexing map* per operand from the loop indices to
//! the operand's element, and a scalar *body* that combines the input elements with the
//! current init elements into the new ones. `tensor.generic` spells all of it out; the named
//! ops (`tensor.matmul`, `tensor.conv2d_nchw_fchw`, ...) derive it from their operand ranks
//! and attributes, so they can be rewritten into their generic form (`tensor-generalize`).
//!
//! [`StructuredOp`] is that shared interface; [`structured`] views any structured op through
//! it. [`verify_structured`] checks the invariants common to all of them: operand and map
//! counts, map dimensions, map results against operand ranks, loop bounds derivable from
//! the operand shapes and consistent, and accesses in bounds.

use crate::util::{
    affine_maps, dims_compatible, is_float, is_memref, is_scalar, operand_types, ranked,
    result_types, shape_str, shaped, strings, ty_str, DYN,
};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Block, Context, Diagnostic, OpBuilder, OpRef, Region, Type, Value};

/// The kind of one loop of the iteration space.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum IteratorType {
    /// Iterations are independent.
    Parallel,
    /// Iterations accumulate into the same output elements.
    Reduction,
}

impl IteratorType {
    /// `"parallel"` or `"reduction"`.
    pub fn as_str(self) -> &'static str {
        match self {
            IteratorType::Parallel => "parallel",
            IteratorType::Reduction => "reduction",
        }
    }
    /// Parse `"parallel"` or `"reduction"`.
    pub fn parse(s: &str) -> Option<IteratorType> {
        match s {
            "parallel" => Some(IteratorType::Parallel),
            "reduction" => Some(IteratorType::Reduction),
            _ => None,
        }
    }
}

/// What the body of a structured op computes at one point of the iteration space. The body
/// sees one scalar per operand (inputs, then inits) and yields one scalar per init.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ScalarBody {
    /// The op's own region (region 0), whose block arguments are the input elements followed
    /// by the init elements, or only the input elements when `has_init_args` is false
    /// (`tensor.map`).
    Region {
        /// The region.
        region: Region,
        /// Whether the block has arguments for the init elements.
        has_init_args: bool,
    },
    /// `out = in0` (fill, transpose, broadcast).
    Copy,
    /// `out = out + in0 * in1` (matrix products, convolutions).
    MulAdd,
    /// `out = out + in0` (sum pooling; other inputs are ignored).
    Add,
    /// `out = max(out, in0)` (max pooling; `arith.maximumf` on floats, `arith.maxsi` on
    /// integers; other inputs are ignored).
    Max,
}

/// The interface of structured ops (MLIR's `LinalgOp` / `LinalgStructuredInterface`).
pub trait StructuredOp<'a> {
    /// The op.
    fn op_ref(&self) -> OpRef<'a>;
    /// The number of inputs; the remaining operands are inits.
    fn num_inputs(&self) -> usize;
    /// One map per operand, from the loop indices to the operand's indices.
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String>;
    /// The kind of each loop.
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String>;
    /// What the body computes.
    fn scalar_body(&self) -> ScalarBody;

    /// The inputs.
    fn inputs(&self) -> Vec<Value> {
        let op = self.op_ref();
        op.body.operands(op.op).take(self.num_inputs()).collect()
    }
    /// The inits (one per result).
    fn inits(&self) -> Vec<Value> {
        let op = self.op_ref();
        op.body.operands(op.op).skip(self.num_inputs()).collect()
    }
    /// The static shape of each operand (`[]` for a scalar).
    fn operand_shapes(&self) -> Vec<Vec<i64>> {
        let op = self.op_ref();
        operand_types(&op)
            .into_iter()
            .map(|t| shaped(op.ctx, t).map_or(Vec::new(), |(s, _)| s.to_vec()))
            .collect()
    }
    /// The element type of each operand (the type itself for a scalar input).
    fn element_types(&self) -> Vec<Option<Type>> {
        let op = self.op_ref();
        operand_types(&op)
            .into_iter()
            .map(|t| match shaped(op.ctx, t) {
                Some((_, e)) => Some(e),
                None => is_scalar(op.ctx, t).then_some(t),
            })
            .collect()
    }
    /// The size of each loop, derived from the operand shapes ([`DYN`] where it depends on a
    /// dynamic dimension).
    fn loop_bounds(&self) -> Result<Vec<i64>, String> {
        let maps = self.indexing_maps()?;
        let n = self.iterator_types()?.len();
        loop_bounds(&maps, &self.operand_shapes(), n)
    }
    /// Build the body into `block` (whose arguments are one scalar per operand, inputs then
    /// inits), ending with `tensor.yield`. `Err` for [`ScalarBody::Region`], which the op
    /// already holds as IR.
    fn build_body(&self, b: &mut OpBuilder<'_>, block: Block) -> Result<(), String> {
        let elem = self
            .element_types()
            .last()
            .copied()
            .flatten()
            .ok_or("the op has no init of a scalar element type")?;
        build_body(b, block, self.scalar_body(), elem)
    }
}

/// Append the ops of `kind` to `block` (arguments: the operand elements, inputs then inits;
/// `elem` the element type of the inits) and the `tensor.yield` terminator.
pub fn build_body(
    b: &mut OpBuilder<'_>,
    block: Block,
    kind: ScalarBody,
    elem: Type,
) -> Result<(), String> {
    let args: Vec<Value> = b.body.block_args(block).to_vec();
    let (Some(&first), Some(&out)) = (args.first(), args.last()) else {
        return Err("the body block has no arguments".into());
    };
    b.set_insertion_point(strata_ir::InsertPoint::End(block));
    let float = is_float(b.ctx, elem);
    let y = match kind {
        ScalarBody::Region { .. } => return Err("the op's body is its own region".into()),
        ScalarBody::Copy => first,
        ScalarBody::MulAdd => {
            let rhs = *args.get(1).ok_or("a multiply-add body needs two inputs")?;
            let (mul, add) = if float {
                ("arith.mulf", "arith.addf")
            } else {
                ("arith.muli", "arith.addi")
            };
            let m = b.build_value(mul, &[first, rhs], elem, &[]);
            b.build_value(add, &[out, m], elem, &[])
        }
        ScalarBody::Add => {
            let add = if float { "arith.addf" } else { "arith.addi" };
            b.build_value(add, &[out, first], elem, &[])
        }
        ScalarBody::Max => {
            let max = if float {
                "arith.maximumf"
            } else {
                "arith.maxsi"
            };
            b.build_value(max, &[out, first], elem, &[])
        }
    };
    b.build(crate::YieldOp::NAME, &[y], &[], &[]);
    Ok(())
}

/// The size of each of `num_loops` loops: for loop `d`, the size of the first operand
/// dimension indexed by exactly `d` ([`DYN`] when that dimension is dynamic).
pub fn loop_bounds(
    maps: &[AffineMap],
    shapes: &[Vec<i64>],
    num_loops: usize,
) -> Result<Vec<i64>, String> {
    let mut bounds = vec![None; num_loops];
    for (m, shape) in maps.iter().zip(shapes) {
        for (e, &size) in m.results.iter().zip(shape) {
            if let AffineExpr::Dim(d) = e {
                if let Some(b) = bounds.get_mut(*d as usize) {
                    if b.is_none() || *b == Some(DYN) {
                        *b = Some(size);
                    }
                }
            }
        }
    }
    bounds
        .into_iter()
        .enumerate()
        .map(|(d, b)| {
            b.ok_or_else(|| {
                format!("the size of loop d{d} cannot be derived: no operand dimension is indexed by d{d} alone")
            })
        })
        .collect()
}

/// The coefficients of `e` as `c0 + sum(c_i * d_i)` when it is such a form with every
/// `c_i >= 0` (then it is monotone in every loop index); `None` otherwise.
pub fn monotone_form(e: &AffineExpr, num_dims: usize) -> Option<(i64, Vec<i64>)> {
    match e {
        AffineExpr::Dim(d) => {
            let mut c = vec![0; num_dims];
            *c.get_mut(*d as usize)? = 1;
            Some((0, c))
        }
        AffineExpr::Const(k) => Some((*k, vec![0; num_dims])),
        AffineExpr::Add(a, b) => {
            let (ka, ca) = monotone_form(a, num_dims)?;
            let (kb, cb) = monotone_form(b, num_dims)?;
            let c = ca
                .iter()
                .zip(&cb)
                .map(|(x, y)| x.checked_add(*y))
                .collect::<Option<Vec<_>>>()?;
            Some((ka.checked_add(kb)?, c))
        }
        AffineExpr::Mul(a, b) => {
            let (ka, ca) = monotone_form(a, num_dims)?;
            let (kb, cb) = monotone_form(b, num_dims)?;
            let (k, c, f) = if ca.iter().all(|&x| x == 0) {
                (kb, cb, ka)
            } else if cb.iter().all(|&x| x == 0) {
                (ka, ca, kb)
            } else {
                return None;
            };
            if f < 0 {
                return None;
            }
            let c = c
                .iter()
                .map(|x| x.checked_mul(f))
                .collect::<Option<Vec<_>>>()?;
            Some((k.checked_mul(f)?, c))
        }
        _ => None,
    }
}

/// The smallest and largest value of `e` over the box `[lo_d, lo_d + size_d)` when `e` is
/// monotone ([`monotone_form`]) and every size is static and positive.
pub fn expr_range(e: &AffineExpr, lo: &[i64], sizes: &[i64]) -> Option<(i64, i64)> {
    let (k, c) = monotone_form(e, lo.len())?;
    let (mut min, mut max) = (k, k);
    for ((&ci, &l), &s) in c.iter().zip(lo).zip(sizes) {
        if ci == 0 {
            continue;
        }
        if s == DYN || s <= 0 {
            return None;
        }
        min = min.checked_add(ci.checked_mul(l)?)?;
        max = max.checked_add(ci.checked_mul(l.checked_add(s - 1)?)?)?;
    }
    Some((min, max))
}

/// Check the invariants shared by every structured op (see the module docs).
pub fn verify_structured<'a>(s: &dyn StructuredOp<'a>) -> Result<(), Diagnostic> {
    let op = s.op_ref();
    let ctx = op.ctx;
    let tys = operand_types(&op);
    let n_in = s.num_inputs();
    if n_in > tys.len() {
        return Err(op.error(format_args!(
            "expects {n_in} inputs, but has {} operands",
            tys.len()
        )));
    }
    let inits = &tys[n_in..];
    let results = result_types(&op);
    // Buffer form (after bufferization): memref inits written in place, no results.
    let buffer_form = results.is_empty() && inits.iter().any(|&t| is_memref(ctx, t));
    if buffer_form {
        for (i, &init) in inits.iter().enumerate() {
            if !is_memref(ctx, init) {
                return Err(op.error(format_args!(
                    "init #{i} must be a ranked memref in the buffer form (memref inits, no \
                     results), but is {}",
                    ty_str(ctx, init)
                )));
            }
        }
        for (i, &t) in tys[..n_in].iter().enumerate() {
            if !is_memref(ctx, t) && !is_scalar(ctx, t) {
                return Err(op.error(format_args!(
                    "input #{i} must be a ranked memref or a scalar in the buffer form, but \
                     is {}",
                    ty_str(ctx, t)
                )));
            }
        }
    } else {
        if inits.len() != results.len() {
            return Err(op.error(format_args!(
                "has {} inits but {} results; each init gives one result of its type",
                inits.len(),
                results.len()
            )));
        }
        for (i, (&init, &res)) in inits.iter().zip(&results).enumerate() {
            if ranked(ctx, init).is_none() {
                return Err(op.error(format_args!(
                    "init #{i} must be a ranked tensor, but is {}",
                    ty_str(ctx, init)
                )));
            }
            if init != res {
                return Err(op.error(format_args!(
                    "result #{i} has type {}, but its init has type {}",
                    ty_str(ctx, res),
                    ty_str(ctx, init)
                )));
            }
        }
        for (i, &t) in tys[..n_in].iter().enumerate() {
            if ranked(ctx, t).is_none() && !is_scalar(ctx, t) {
                return Err(op.error(format_args!(
                    "input #{i} must be a ranked tensor or a scalar, but is {}",
                    ty_str(ctx, t)
                )));
            }
        }
    }
    let iters = s.iterator_types().map_err(|e| op.error(e))?;
    let maps = s.indexing_maps().map_err(|e| op.error(e))?;
    if maps.len() != tys.len() {
        return Err(op.error(format_args!(
            "expects one indexing map per operand ({}), but has {}",
            tys.len(),
            maps.len()
        )));
    }
    let shapes = s.operand_shapes();
    for (i, (m, shape)) in maps.iter().zip(&shapes).enumerate() {
        if m.num_dims as usize != iters.len() {
            return Err(op.error(format_args!(
                "indexing map #{i} has {} dimensions, but there are {} iterators",
                m.num_dims,
                iters.len()
            )));
        }
        if m.num_symbols != 0 {
            return Err(op.error(format_args!("indexing map #{i} must not have symbols")));
        }
        if m.results.len() != shape.len() {
            return Err(op.error(format_args!(
                "indexing map #{i} has {} results, but operand #{i} has rank {}",
                m.results.len(),
                shape.len()
            )));
        }
    }
    let bounds = loop_bounds(&maps, &shapes, iters.len()).map_err(|e| op.error(e))?;
    let zeros = vec![0; bounds.len()];
    for (i, (m, shape)) in maps.iter().zip(&shapes).enumerate() {
        for (j, (e, &size)) in m.results.iter().zip(shape).enumerate() {
            if size == DYN {
                continue;
            }
            if let AffineExpr::Dim(d) = e {
                let b = bounds[*d as usize];
                if !dims_compatible(b, size) {
                    return Err(op.error(format_args!(
                        "loop d{d} has size {b}, but dimension {j} of operand #{i} ({}) indexed by it has size {size}",
                        shape_str(shape)
                    )));
                }
                continue;
            }
            if bounds.contains(&0) {
                continue;
            }
            if let Some((lo, hi)) = expr_range(e, &zeros, &bounds) {
                if lo < 0 || hi >= size {
                    return Err(op.error(format_args!(
                        "indexing map #{i} accesses indices {lo} to {hi} of dimension {j} of operand #{i}, which has size {size}"
                    )));
                }
            }
        }
    }
    Ok(())
}

/// Parse the `iterator_types` of an op.
pub fn iterator_types_attr(op: &OpRef<'_>) -> Result<Vec<IteratorType>, String> {
    let a = op
        .attr("iterator_types")
        .ok_or("requires attribute 'iterator_types'")?;
    let names = strings(op.ctx, a).ok_or("'iterator_types' must be an array of strings")?;
    names
        .iter()
        .map(|n| {
            IteratorType::parse(n).ok_or_else(|| {
                format!("unknown iterator type \"{n}\" (expected \"parallel\" or \"reduction\")")
            })
        })
        .collect()
}

/// Parse the `indexing_maps` of an op.
pub fn indexing_maps_attr(op: &OpRef<'_>) -> Result<Vec<AffineMap>, String> {
    let a = op
        .attr("indexing_maps")
        .ok_or("requires attribute 'indexing_maps'")?;
    affine_maps(op.ctx, a).ok_or_else(|| "'indexing_maps' must be an array of affine maps".into())
}

/// Check a scalar body region: one block whose arguments have `arg_types`, ending in
/// `tensor.yield` of values of `yield_types`, whose ops have no regions and produce scalars.
/// Body ops may use values defined above the op (as in MLIR); the interpreter evaluates
/// such captured values when they are computed from constants.
pub fn verify_scalar_region(
    op: &OpRef<'_>,
    region: Region,
    arg_types: &[Type],
    yield_types: &[Type],
) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let rb = op.region_body();
    let blocks = rb.region_blocks(region);
    let [block] = blocks else {
        return Err(op.error(format_args!(
            "body region must have exactly one block, but has {}",
            blocks.len()
        )));
    };
    let args = rb.block_args(*block);
    if args.len() != arg_types.len() {
        return Err(op.error(format_args!(
            "body block must have {} arguments, but has {}",
            arg_types.len(),
            args.len()
        )));
    }
    for (i, (&a, &t)) in args.iter().zip(arg_types).enumerate() {
        if rb.value_type(a) != t {
            return Err(op.error(format_args!(
                "body block argument #{i} has type {}, expected {}",
                ty_str(ctx, rb.value_type(a)),
                ty_str(ctx, t)
            )));
        }
    }
    let Some(last) = rb.last_op(*block) else {
        return Err(op.error("body block must end with 'tensor.yield'"));
    };
    if ctx.op_name_str(rb.name(last)) != crate::YieldOp::NAME {
        return Err(op.error("body block must end with 'tensor.yield'"));
    }
    let yielded: Vec<Type> = rb.operands(last).map(|v| rb.value_type(v)).collect();
    if yielded != yield_types {
        let show = |ts: &[Type]| {
            ts.iter()
                .map(|&t| ty_str(ctx, t))
                .collect::<Vec<_>>()
                .join(", ")
        };
        return Err(op.error(format_args!(
            "body yields ({}), expected ({})",
            show(&yielded),
            show(yield_types)
        )));
    }
    for o in rb.block_ops(*block) {
        if !rb.regions(o).is_empty() {
            return Err(op.error(format_args!(
                "body op '{}' must not have regions",
                ctx.op_name_str(rb.name(o))
            )));
        }
        for &r in rb.results(o) {
            if !is_scalar(ctx, rb.value_type(r)) {
                return Err(op.error(format_args!(
                    "body op '{}' produces {}, but body values must be scalars",
                    ctx.op_name_str(rb.name(o)),
                    ty_str(ctx, rb.value_type(r))
                )));
            }
        }
    }
    Ok(())
}

/// View `op` as a structured op, when it is one.
pub fn structured<'a>(op: OpRef<'a>) -> Option<Box<dyn StructuredOp<'a> + 'a>> {
    use crate::named::*;
    Some(match op.name() {
        crate::GenericOp::NAME => Box::new(crate::GenericOp(op)),
        FillOp::NAME => Box::new(FillOp(op)),
        MapOp::NAME => Box::new(MapOp(op)),
        MatmulOp::NAME => Box::new(MatmulOp(op)),
        BatchMatmulOp::NAME => Box::new(BatchMatmulOp(op)),
        TransposeOp::NAME => Box::new(TransposeOp(op)),
        BroadcastOp::NAME => Box::new(BroadcastOp(op)),
        ReduceOp::NAME => Box::new(ReduceOp(op)),
        Conv2dNchwFchwOp::NAME => Box::new(Conv2dNchwFchwOp(op)),
        Conv2dNhwcHwcfOp::NAME => Box::new(Conv2dNhwcHwcfOp(op)),
        DepthwiseConv2dNchwOp::NAME => Box::new(DepthwiseConv2dNchwOp(op)),
        PoolNchwMaxOp::NAME => Box::new(PoolNchwMaxOp(op)),
        PoolNchwSumOp::NAME => Box::new(PoolNchwSumOp(op)),
        _ => return None,
    })
}

/// The names of the named structured ops (every structured op but `tensor.generic`).
pub fn named_op_names() -> &'static [&'static str] {
    use crate::named::*;
    &[
        FillOp::NAME,
        MapOp::NAME,
        MatmulOp::NAME,
        BatchMatmulOp::NAME,
        TransposeOp::NAME,
        BroadcastOp::NAME,
        ReduceOp::NAME,
        Conv2dNchwFchwOp::NAME,
        Conv2dNhwcHwcfOp::NAME,
        DepthwiseConv2dNchwOp::NAME,
        PoolNchwMaxOp::NAME,
        PoolNchwSumOp::NAME,
    ]
}

/// The verifier of every structured op: the shared invariants ([`verify_structured`]).
pub fn verify_op(op: OpRef<'_>) -> Result<(), Diagnostic> {
    match structured(op) {
        Some(s) => verify_structured(s.as_ref()),
        None => Ok(()),
    }
}

/// `d<i>`.
pub fn d(i: u32) -> AffineExpr {
    AffineExpr::Dim(i)
}

/// `a + b`.
pub fn add(a: AffineExpr, b: AffineExpr) -> AffineExpr {
    AffineExpr::Add(Box::new(a), Box::new(b))
}

/// `e * k`; `e` itself when `k == 1`.
pub fn mul(e: AffineExpr, k: i64) -> AffineExpr {
    if k == 1 {
        e
    } else {
        AffineExpr::Mul(Box::new(e), Box::new(AffineExpr::Const(k)))
    }
}

/// `(d0, .., d<n-1>) -> (results)`.
pub fn map(n: usize, results: Vec<AffineExpr>) -> AffineMap {
    AffineMap {
        num_dims: n as u32,
        num_symbols: 0,
        results,
    }
}

/// The context-free part of a structured op's generic form, for builders and tests.
pub struct GenericForm {
    /// One map per operand.
    pub indexing_maps: Vec<AffineMap>,
    /// One kind per loop.
    pub iterator_types: Vec<IteratorType>,
}

/// The generic form of a structured op (maps and iterators; the body is
/// [`StructuredOp::scalar_body`]).
pub fn generic_form(s: &dyn StructuredOp<'_>) -> Result<GenericForm, String> {
    Ok(GenericForm {
        indexing_maps: s.indexing_maps()?,
        iterator_types: s.iterator_types()?,
    })
}

/// `["parallel", "reduction", ...]`.
pub fn iterator_types_to_attr(ctx: &Context, its: &[IteratorType]) -> strata_ir::Attribute {
    let items: Vec<_> = its.iter().map(|i| ctx.string_attr(i.as_str())).collect();
    ctx.array_attr(&items)
}
