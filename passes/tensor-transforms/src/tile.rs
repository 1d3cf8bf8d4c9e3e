//! `tensor-tile`: tile the parallel loops of `tensor.generic` ops into `loop.for` loops over
//! tensors, and fuse their producers into the tile loops (tile-and-fuse).
//!
//! `tile-sizes=t0,t1,...` gives a tile size per loop of an op's iteration space (`0` or a
//! missing entry: not tiled). A loop is tiled when it is parallel, its size `n` is static
//! and a multiple of its tile size `t < n` (run `tensor-pad-to-multiple` first for other
//! sizes), every init indexes it directly (`d_i`, so tiles write disjoint parts of the
//! results) and every index expression that involves it is monotone (`c0 + sum(c_i * d_i)`
//! with `c_i >= 0`, as in the [`TilingInterface`](strata_dialect_tensor::TilingInterface)).
//!
//! The op becomes a nest of `loop.for` loops, one per tiled loop (outermost first), from 0 to
//! `n` in steps of `t`, carrying the results as tensors (the inits to begin with). The
//! innermost body extracts the slice of each operand that the tile reads
//! (`tensor.extract_slice` at offsets computed from the induction variables with `arith`
//! index ops; an index `c0 + sum(c_i * d_i)` reads from `c0 + sum(c_i * offset_i)`, and the
//! tiled op indexes the slice by `sum(c_i * d_i)`), runs a copy of the op on the slices,
//! inserts each result tile into the carried tensor (`tensor.insert_slice`) and yields it.
//!
//! With `fuse-producers` (the default), an input produced by a `tensor.generic` whose
//! results are used only by the op being tiled (or the init of a fused producer, such as the
//! fill of a matrix product's accumulator) (and whose result map is a projected
//! permutation) is not sliced but recomputed in the tile: its tile is the part of its
//! iteration space that writes the slice the consumer reads (its other loops whole), built
//! the same way, recursively for its own producers; the producer is then erased.
//! Convolution windows recompute the overlapping halo.
//!
//! Ops inside `loop.*` bodies (tiles) are not tiled again.
//!
//! Every tile computes its output elements with the same scalar operations in the same
//! order (reductions stay whole inside a tile), so the results are identical bit for bit.

use crate::build::{extract_slice, insert_slice, Off};
use crate::fuse::erase_with_empty_inits;
use crate::util::{for_each_block, generic_info, shape_of, GenericInfo};
use strata_dialect_tensor::structured::{loop_bounds, monotone_form, IteratorType};
use strata_dialect_tensor::util::{affine_maps_attr, i32_array_attr, DYN};
use strata_dialect_tensor::GenericOp;
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{
    Block, Body, Context, Diagnostic, InsertPoint, IrMapping, Location, Op, OpBuilder,
    OperationState, Value,
};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// Registration of `tensor-tile`.
#[linkme::distributed_slice(PASSES)]
pub static TENSOR_TILE: PassInfo = PassInfo {
    name: "tensor-tile",
    summary: "Tile tensor.generic ops into loop.for loops over tensors, fusing producers",
    description: "Tiles the parallel loops of each `tensor.generic` by `tile-sizes` (one per \
                  loop; 0 or missing: not tiled) into a nest of `loop.for` loops carrying the \
                  results as tensors: the innermost body extracts the operand slices a tile \
                  reads, runs the op on them and inserts the result tile. A loop is tiled \
                  when its static size is a multiple of its tile size, every init indexes it \
                  directly and its index expressions are monotone. With `fuse-producers`, \
                  inputs produced by generics used only by the tiled op are recomputed per \
                  tile (recursively) instead of sliced. Results are identical bit for bit.\n\n\
                  Statistics: `num-tiled` (ops tiled), `num-fused` (producers fused).",
    anchor: None,
    options: &[
        PassOptionInfo {
            name: "tile-sizes",
            description: "tile size per loop of the iteration space (0: not tiled)",
            default: "",
            kind: OptionKind::List,
        },
        PassOptionInfo {
            name: "fuse-producers",
            description: "recompute producer generics used only by the tiled op in each tile",
            default: "true",
            kind: OptionKind::Bool,
        },
    ],
    create: |o| {
        let sizes = o
            .get_list("tile-sizes")
            .iter()
            .map(|s| match s.parse::<i64>() {
                Ok(v) if v >= 0 => Ok(v),
                _ => Err(format!(
                    "option 'tile-sizes' must be non-negative integers, got '{s}'"
                )),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Box::new(Tile {
            sizes,
            fuse: o.get_bool("fuse-producers"),
        }))
    },
};

/// The `tensor-tile` pass.
pub struct Tile {
    /// Tile size per loop (0: not tiled).
    pub sizes: Vec<i64>,
    /// Recompute producers in the tiles.
    pub fuse: bool,
}

impl Pass for Tile {
    fn info(&self) -> &'static PassInfo {
        &TENSOR_TILE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let regions = unit.regions().to_vec();
        let mut stats = (0u64, 0u64);
        let (sizes, fuse) = (&self.sizes, self.fuse);
        let res: Result<(), Diagnostic> =
            for_each_block(unit.ctx, unit.body, &regions, &mut |ctx, body, block| {
                // Ops in loop bodies are tiles already (of this pass or of an earlier one).
                let in_loop = body
                    .block_parent(block)
                    .and_then(|r| body.region_parent(r))
                    .is_some_and(|p| ctx.op_name_str(body.name(p)).starts_with("loop."));
                if in_loop {
                    return Ok(());
                }
                // Consumers first, so that their producers are fused into their tiles.
                for op in body.block_op_vec(block).into_iter().rev() {
                    if let Some(fused) = tile_op(ctx, body, op, sizes, fuse) {
                        stats.0 += 1;
                        stats.1 += fused;
                    }
                }
                Ok(())
            });
        unit.stat("num-tiled", stats.0);
        unit.stat("num-fused", stats.1);
        if let Err(d) = res {
            unit.emit(d);
            return Err(PassFailed);
        }
        if stats.0 == 0 {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        let sizes: Vec<String> = self.sizes.iter().map(|s| s.to_string()).collect();
        let mut opts = Vec::new();
        if !sizes.is_empty() {
            opts.push(format!("tile-sizes={}", sizes.join(",")));
        }
        if !self.fuse {
            opts.push("fuse-producers=false".to_string());
        }
        if opts.is_empty() {
            "tensor-tile".into()
        } else {
            format!("tensor-tile{{{}}}", opts.join(" "))
        }
    }
}

/// The constant term and coefficients of `e` when it involves a loop marked in `partial`
/// and is monotone; `Ok(None)` when it involves none of them; `Err` otherwise.
fn partial_form(e: &AffineExpr, partial: &[bool]) -> Result<Option<(i64, Vec<i64>)>, ()> {
    let involves = (0..partial.len()).any(|d| partial[d] && uses_dim(e, d as u32));
    if !involves {
        return Ok(None);
    }
    monotone_form(e, partial.len()).map(Some).ok_or(())
}

fn uses_dim(e: &AffineExpr, d: u32) -> bool {
    match e {
        AffineExpr::Dim(i) => *i == d,
        AffineExpr::Symbol(_) | AffineExpr::Const(_) => false,
        AffineExpr::Add(a, b)
        | AffineExpr::Mul(a, b)
        | AffineExpr::Mod(a, b)
        | AffineExpr::FloorDiv(a, b)
        | AffineExpr::CeilDiv(a, b) => uses_dim(a, d) || uses_dim(b, d),
    }
}

/// `sum(c_i * d_i)` as an affine expression.
fn linear(c: &[i64]) -> AffineExpr {
    let mut e: Option<AffineExpr> = None;
    for (d, &k) in c.iter().enumerate() {
        if k == 0 {
            continue;
        }
        let t = if k == 1 {
            AffineExpr::Dim(d as u32)
        } else {
            AffineExpr::Mul(
                Box::new(AffineExpr::Dim(d as u32)),
                Box::new(AffineExpr::Const(k)),
            )
        };
        e = Some(match e {
            None => t,
            Some(a) => AffineExpr::Add(Box::new(a), Box::new(t)),
        });
    }
    e.unwrap_or(AffineExpr::Const(0))
}

/// Emits index arithmetic at the end of a block.
struct Emitter<'c, 'b> {
    ctx: &'c Context,
    body: &'b mut Body,
    block: Block,
    loc: Location,
}

impl Emitter<'_, '_> {
    fn at(&self) -> InsertPoint {
        InsertPoint::End(self.block)
    }
    fn cst(&mut self, k: i64) -> Value {
        let ty = self.ctx.index_type();
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = self.loc;
        let attr = self.ctx.int_attr(k as i128, ty);
        b.build_value("arith.constant", &[], ty, &[("value", attr)])
    }
    fn bin(&mut self, name: &str, a: Value, b: Value) -> Value {
        let ty = self.ctx.index_type();
        let mut bl = OpBuilder::at_end(self.ctx, self.body, self.block);
        bl.loc = self.loc;
        bl.build_value(name, &[a, b], ty, &[])
    }
    /// `k0 + sum(c_i * offs_i)`.
    fn offset(&mut self, k0: i64, c: &[i64], offs: &[Off]) -> Option<Off> {
        let mut k = k0;
        let mut acc: Option<Value> = None;
        for (&ci, &o) in c.iter().zip(offs) {
            if ci == 0 {
                continue;
            }
            match o {
                Off::Const(x) => k = k.checked_add(ci.checked_mul(x)?)?,
                Off::Val(v) => {
                    let t = if ci == 1 {
                        v
                    } else {
                        let cv = self.cst(ci);
                        self.bin("arith.muli", v, cv)
                    };
                    acc = Some(match acc {
                        None => t,
                        Some(a) => self.bin("arith.addi", a, t),
                    });
                }
            }
        }
        Some(match acc {
            None => Off::Const(k),
            Some(a) if k == 0 => Off::Val(a),
            Some(a) => {
                let kv = self.cst(k);
                Off::Val(self.bin("arith.addi", a, kv))
            }
        })
    }
}

/// The slice of an operand of `shape` indexed by `map` that a tile (`offs`, `sizes`, with
/// `partial` marking the loops not taken whole) reads, and the operand's map inside the
/// tile. `None` when an expression involving a partial loop is not monotone.
fn operand_tile(
    em: &mut Emitter<'_, '_>,
    map: &AffineMap,
    shape: &[i64],
    offs: &[Off],
    sizes: &[i64],
    partial: &[bool],
) -> Option<(Vec<Off>, Vec<i64>, AffineMap)> {
    let mut o = Vec::with_capacity(shape.len());
    let mut s = Vec::with_capacity(shape.len());
    let mut results = Vec::with_capacity(shape.len());
    for (e, &size) in map.results.iter().zip(shape) {
        match partial_form(e, partial).ok()? {
            None => {
                o.push(Off::Const(0));
                s.push(size);
                results.push(e.clone());
            }
            Some((k0, c)) => {
                let mut extent = 1i64;
                for (&ci, &n) in c.iter().zip(sizes) {
                    extent = extent.checked_add(ci.checked_mul(n.checked_sub(1)?)?)?;
                }
                o.push(em.offset(k0, &c, offs)?);
                s.push(extent);
                results.push(linear(&c));
            }
        }
    }
    Some((
        o,
        s,
        AffineMap {
            num_dims: map.num_dims,
            num_symbols: 0,
            results,
        },
    ))
}

/// Copy the body block of the generic `src` into a new region of `st`.
fn clone_body(ctx: &Context, body: &mut Body, src: Block, st: &mut OperationState) {
    let region = st.add_region(body);
    let block = body.create_block();
    body.append_block(region, block);
    let mut map = IrMapping::default();
    for a in body.block_args(src).to_vec() {
        let na = body.add_block_arg(block, body.value_type(a));
        map.values.insert(a, na);
    }
    for o in body.block_op_vec(src) {
        let c = body.clone_op(ctx, o, &mut map);
        body.append_op(block, c);
    }
}

/// Tiling state: where to emit, what to fuse.
struct Tiler<'c, 'b> {
    em: Emitter<'c, 'b>,
    fuse: bool,
    /// Producers fused so far (to erase once the root is replaced).
    fused: Vec<Op>,
}

impl Tiler<'_, '_> {
    /// Emit the tile (`offs`, `sizes`) of the generic `op` with the given init values (or the
    /// slices of its own inits); returns its result tiles.
    fn tile(
        &mut self,
        op: Op,
        g: &GenericInfo,
        offs: &[Off],
        sizes: &[i64],
        inits: Option<&[Value]>,
    ) -> Option<Vec<Value>> {
        let ctx = self.em.ctx;
        let bounds = {
            let shapes: Vec<Vec<i64>> = g
                .operands
                .iter()
                .map(|&v| shape_of(ctx, self.em.body, v))
                .collect();
            loop_bounds(&g.maps, &shapes, g.num_loops()).ok()?
        };
        let partial: Vec<bool> = (0..bounds.len())
            .map(|d| offs[d] != Off::Const(0) || sizes[d] != bounds[d])
            .collect();
        let mut operands = Vec::with_capacity(g.operands.len());
        let mut maps = Vec::with_capacity(g.operands.len());
        for (i, (&v, m)) in g.operands.iter().zip(&g.maps).enumerate() {
            let shape = shape_of(ctx, self.em.body, v);
            let (o, s, nm) = operand_tile(&mut self.em, m, &shape, offs, sizes, &partial)?;
            maps.push(nm);
            let whole = o.iter().all(|&x| x == Off::Const(0)) && s == shape;
            let val = if i >= g.n_in {
                match inits {
                    Some(iv) => {
                        let carried = *iv.get(i - g.n_in)?;
                        self.slice(carried, &o, &s)?
                    }
                    None if whole => v,
                    None => match self.fused_tile(op, v, &o, &s) {
                        Some(t) => t,
                        None => self.slice(v, &o, &s)?,
                    },
                }
            } else if whole {
                v
            } else if let Some(t) = self.fused_tile(op, v, &o, &s) {
                t
            } else {
                self.slice(v, &o, &s)?
            };
            operands.push(val);
        }
        let result_types: Vec<_> = operands[g.n_in..]
            .iter()
            .map(|&v| self.em.body.value_type(v))
            .collect();
        let mut st = OperationState::new(ctx, ctx.op_name(GenericOp::NAME), self.em.loc);
        st.operands = operands;
        st.result_types = result_types;
        let props = self.em.body.op(op).props;
        let props = ctx.dict_set(props, "indexing_maps", Some(affine_maps_attr(ctx, &maps)));
        let n_out = g.operands.len() - g.n_in;
        st.props = Some(ctx.dict_set(
            props,
            "operandSegmentSizes",
            Some(i32_array_attr(ctx, &[g.n_in as i32, n_out as i32])),
        ));
        clone_body(ctx, self.em.body, g.block, &mut st);
        let new = self.em.body.create_op(st);
        self.em.body.insert_op(new, self.em.at());
        Some(self.em.body.results(new).to_vec())
    }

    fn slice(&mut self, v: Value, o: &[Off], s: &[i64]) -> Option<Value> {
        let at = self.em.at();
        let ones = vec![1; s.len()];
        extract_slice(self.em.ctx, self.em.body, at, v, o, s, &ones, self.em.loc)
    }

    /// The tile of the producer of `v` that writes the slice (`o`, `s`) of `v`, when `v` is
    /// a result of a generic whose results are used only by `consumer`.
    fn fused_tile(&mut self, consumer: Op, v: Value, o: &[Off], s: &[i64]) -> Option<Value> {
        if !self.fuse {
            return None;
        }
        let ctx = self.em.ctx;
        let body = &*self.em.body;
        let p = body.defining_op(v)?;
        if body.parent_block(p) != body.parent_block(consumer) {
            return None;
        }
        let g = generic_info(ctx, body, p)?;
        if body
            .results(p)
            .iter()
            .any(|&r| body.uses(r).iter().any(|u| u.op != consumer))
        {
            return None;
        }
        let r = body.results(p).iter().position(|&x| x == v)?;
        let rmap = &g.maps[g.n_in + r];
        let shapes: Vec<Vec<i64>> = g.operands.iter().map(|&x| shape_of(ctx, body, x)).collect();
        let bounds = loop_bounds(&g.maps, &shapes, g.num_loops()).ok()?;
        let mut offs = vec![Off::Const(0); bounds.len()];
        let mut sizes = bounds.clone();
        let mut seen = vec![false; bounds.len()];
        for (j, e) in rmap.results.iter().enumerate() {
            let AffineExpr::Dim(d) = e else { return None };
            let d = *d as usize;
            if d >= bounds.len() || std::mem::replace(&mut seen[d], true) {
                return None;
            }
            // The producer loops the consumer's slice cuts must be parallel.
            let cut = o[j] != Off::Const(0) || s[j] != bounds[d];
            if cut && g.iters[d] != IteratorType::Parallel {
                return None;
            }
            offs[d] = o[j];
            sizes[d] = s[j];
        }
        let res = self.tile(p, &g, &offs, &sizes, None)?;
        self.fused.push(p);
        res.get(r).copied()
    }
}

/// Tile the generic `op` by `tile_sizes` (see the module docs). Returns the number of
/// producers fused when it was tiled.
pub fn tile_op(
    ctx: &Context,
    body: &mut Body,
    op: Op,
    tile_sizes: &[i64],
    fuse: bool,
) -> Option<u64> {
    let g = generic_info(ctx, body, op)?;
    let shapes: Vec<Vec<i64>> = g.operands.iter().map(|&v| shape_of(ctx, body, v)).collect();
    if shapes.iter().flatten().any(|&s| s == DYN || s < 0) {
        return None;
    }
    let bounds = loop_bounds(&g.maps, &shapes, g.num_loops()).ok()?;
    let tiled: Vec<usize> = (0..bounds.len())
        .filter(|&d| {
            let t = tile_sizes.get(d).copied().unwrap_or(0);
            t > 0
                && t < bounds[d]
                && bounds[d] % t == 0
                && g.iters[d] == IteratorType::Parallel
                && g.maps[g.n_in..]
                    .iter()
                    .all(|m| m.results.contains(&AffineExpr::Dim(d as u32)))
        })
        .collect();
    if tiled.is_empty() {
        return None;
    }
    // Every expression involving a tiled loop must be monotone.
    let mut partial = vec![false; bounds.len()];
    for &d in &tiled {
        partial[d] = true;
    }
    if g.maps
        .iter()
        .flat_map(|m| &m.results)
        .any(|e| partial_form(e, &partial).is_err())
    {
        return None;
    }
    let loc = body.op(op).loc;
    let index = ctx.index_type();
    let inits: Vec<Value> = g.operands[g.n_in..].to_vec();
    let init_types: Vec<_> = inits.iter().map(|&v| body.value_type(v)).collect();
    // The loop nest, outermost first.
    let mut em_block = body.parent_block(op)?;
    let mut at = InsertPoint::Before(op);
    let mut carried = inits.clone();
    let mut ivs = vec![Off::Const(0); bounds.len()];
    let mut loops = Vec::new();
    for &d in &tiled {
        let mut b = OpBuilder::new(ctx, body);
        b.loc = loc;
        b.set_insertion_point(at);
        let lb = b.build_value(
            "arith.constant",
            &[],
            index,
            &[("value", ctx.int_attr(0, index))],
        );
        let ub = b.build_value(
            "arith.constant",
            &[],
            index,
            &[("value", ctx.int_attr(bounds[d] as i128, index))],
        );
        let step = b.build_value(
            "arith.constant",
            &[],
            index,
            &[("value", ctx.int_attr(tile_sizes[d] as i128, index))],
        );
        let mut st = OperationState::new(ctx, ctx.op_name("loop.for"), loc);
        st.operands = [lb, ub, step].into_iter().chain(carried.clone()).collect();
        st.result_types = init_types.clone();
        let region = st.add_region(body);
        let block = body.create_block();
        body.append_block(region, block);
        let iv = body.add_block_arg(block, index);
        carried = init_types
            .iter()
            .map(|&t| body.add_block_arg(block, t))
            .collect();
        let lp = body.create_op(st);
        body.insert_op(lp, at);
        ivs[d] = Off::Val(iv);
        loops.push((lp, block));
        at = InsertPoint::End(block);
        em_block = block;
    }
    let sizes: Vec<i64> = (0..bounds.len())
        .map(|d| if partial[d] { tile_sizes[d] } else { bounds[d] })
        .collect();
    let mut tiler = Tiler {
        em: Emitter {
            ctx,
            body,
            block: em_block,
            loc,
        },
        fuse,
        fused: Vec::new(),
    };
    let tile = tiler.tile(op, &g, &ivs, &sizes, Some(&carried));
    let Some(tile) = tile else {
        // Not tileable after all: remove the loop nest (nothing outside uses it yet).
        if let Some(&(outer, _)) = loops.first() {
            body.erase_op(outer);
        }
        return None;
    };
    let fused = std::mem::take(&mut tiler.fused);
    // Insert the result tiles into the carried tensors and yield them, innermost first.
    let mut yielded = Vec::with_capacity(tile.len());
    for ((&t, &c), m) in tile.iter().zip(&carried).zip(&g.maps[g.n_in..]) {
        let mut em = Emitter {
            ctx,
            body,
            block: em_block,
            loc,
        };
        let shape = shape_of(ctx, em.body, c);
        let (o, _, _) = operand_tile(&mut em, m, &shape, &ivs, &sizes, &partial)?;
        let ones = vec![1; shape.len()];
        yielded.push(insert_slice(
            ctx,
            body,
            InsertPoint::End(em_block),
            t,
            c,
            &o,
            &ones,
            loc,
        )?);
    }
    for &(lp, block) in loops.iter().rev() {
        let mut st = OperationState::new(ctx, ctx.op_name("loop.yield"), loc);
        st.operands = yielded.clone();
        let y = body.create_op(st);
        body.insert_op(y, InsertPoint::End(block));
        yielded = body.results(lp).to_vec();
    }
    let results = body.results(op).to_vec();
    for (&old, &new) in results.iter().zip(&yielded) {
        body.replace_all_uses(old, new);
    }
    erase_with_empty_inits(ctx, body, op);
    for p in fused.iter().rev() {
        if !body.is_erased(*p) && body.results(*p).iter().all(|&r| !body.has_uses(r)) {
            erase_with_empty_inits(ctx, body, *p);
        }
    }
    Some(fused.len() as u64)
}
