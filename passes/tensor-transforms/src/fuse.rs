//! `tensor-fuse-elementwise`: producer-consumer fusion of `tensor.generic` ops (MLIR's
//! linalg elementwise fusion).
//!
//! A *producer* is a `tensor.generic` whose loops are all parallel and whose result's
//! indexing map is a permutation, or a `tensor.fill`. When one of its results is an *input*
//! of a consumer `tensor.generic` in the same block, the producer is fused into the
//! consumer: the consumer's operand is replaced by the producer's inputs (and by the inits
//! its body reads), whose maps are composed with the inverse of the producer's result map and
//! the consumer's map of the operand; the producer's body is inlined before the consumer's,
//! its yielded value standing for the consumer's block argument. A fill becomes a scalar
//! input (map `(d...) -> ()`). The consumer may have reductions. After the fusion, inputs
//! that repeat an (operand, map) pair are merged and inputs the body no longer reads are
//! dropped, as long as every loop size stays derivable from the operands.
//!
//! The fusion is refused when a loop of the consumer would no longer have its size derivable
//! from the fused operands (a reduction over a broadcast value), so the fused op keeps the
//! consumer's iteration space exactly. Each point of the fused op computes the producer's
//! body for the element the consumer reads, then the consumer's body, so every result
//! element is computed by the same scalar operations in the same order as before: results
//! are identical bit for bit.
//!
//! By default a producer is fused only when every use of its results is a consumer input it
//! can be fused into (it is then erased, with the `tensor.empty` of its init when that has
//! no other use). With `allow-duplication`, it is fused into every consumer it can be and
//! kept for its other uses (recomputing its body in each consumer).

use crate::util::{compose, generic_info, permutation, set_generic_operands, shape_of};
use crate::util::{for_each_block, GenericInfo};
use strata_dialect_tensor::structured::loop_bounds;
use strata_dialect_tensor::{EmptyOp, FillOp, YieldOp};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Block, Body, Context, Diagnostic, IrMapping, Op, Traits, Type, Value};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// Registration of `tensor-fuse-elementwise`.
#[linkme::distributed_slice(PASSES)]
pub static TENSOR_FUSE_ELEMENTWISE: PassInfo = PassInfo {
    name: "tensor-fuse-elementwise",
    summary: "Fuse all-parallel tensor.generic producers (and fills) into their consumers",
    description: "Producer-consumer fusion of `tensor.generic` ops: a producer whose loops are \
                  all parallel and whose result map is a permutation is inlined into each \
                  generic that reads its result as an input (the consumer may have \
                  reductions); the producer's inputs become the consumer's, with composed \
                  indexing maps. A `tensor.fill` read as an input becomes a scalar input. \
                  Repeated (operand, map) inputs are merged and unread inputs dropped. A \
                  fusion that would leave a loop size underivable is not done. Results are \
                  identical bit for bit.\n\n\
                  By default a producer is fused only when all its uses can be fused (it is \
                  then erased); `allow-duplication` fuses it wherever possible and keeps it \
                  for its other uses.\n\n\
                  Statistics: `num-fused` (producer uses fused), `num-erased` (producers \
                  erased).",
    anchor: None,
    options: &[PassOptionInfo {
        name: "allow-duplication",
        description: "fuse a producer into the consumers it can be fused into even when it \
                      has other uses (it is kept for them)",
        default: "false",
        kind: OptionKind::Bool,
    }],
    create: |o| {
        Ok(Box::new(FuseElementwise {
            allow_duplication: o.get_bool("allow-duplication"),
        }))
    },
};

/// The `tensor-fuse-elementwise` pass.
pub struct FuseElementwise {
    /// Fuse producers that have uses which cannot be fused too (keeping them).
    pub allow_duplication: bool,
}

impl Pass for FuseElementwise {
    fn info(&self) -> &'static PassInfo {
        &TENSOR_FUSE_ELEMENTWISE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let regions = unit.regions().to_vec();
        let mut stats = FuseStats::default();
        let allow = self.allow_duplication;
        let res = for_each_block(unit.ctx, unit.body, &regions, &mut |ctx, body, block| {
            fuse_block(ctx, body, block, allow, &mut stats)
        });
        unit.stat("num-fused", stats.fused);
        unit.stat("num-erased", stats.erased);
        if let Err(d) = res {
            unit.emit(d);
            return Err(PassFailed);
        }
        if stats.fused == 0 {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        if self.allow_duplication {
            "tensor-fuse-elementwise{allow-duplication=true}".into()
        } else {
            "tensor-fuse-elementwise".into()
        }
    }
}

/// Counts of what [`fuse_block`] did.
#[derive(Default, Debug, Clone, Copy)]
pub struct FuseStats {
    /// Producer uses fused.
    pub fused: u64,
    /// Producers erased.
    pub erased: u64,
}

/// Fuse producers into consumers among the ops of `block` until nothing more fuses.
pub fn fuse_block(
    ctx: &Context,
    body: &mut Body,
    block: Block,
    allow_duplication: bool,
    stats: &mut FuseStats,
) -> Result<(), Diagnostic> {
    // Each fusion removes one use of a producer by a consumer input; new uses (of the
    // producer's own inputs) only point further up a finite DAG, so this terminates. The
    // bound guards against a bug turning into a hang.
    let mut budget = body.block_len(block).saturating_mul(64).max(1024);
    loop {
        let mut changed = false;
        for p in body.block_op_vec(block) {
            if body.is_erased(p) {
                continue;
            }
            let Some(prod) = producer(ctx, body, p) else {
                continue;
            };
            let mut legal = Vec::new();
            let mut total = 0usize;
            for &r in body.results(p) {
                for u in body.uses(r) {
                    total += 1;
                    if let Some(plan) = plan_fusion(ctx, body, &prod, r, u.op, u.index as usize) {
                        legal.push((u.op, plan));
                    }
                }
            }
            if legal.is_empty() || (!allow_duplication && legal.len() < total) {
                continue;
            }
            let (c, plan) = legal.swap_remove(0);
            if budget == 0 {
                return Err(Diagnostic::error(
                    body.op(p).loc,
                    "tensor-fuse-elementwise: fusion did not reach a fixed point",
                ));
            }
            budget -= 1;
            apply_fusion(ctx, body, &prod, c, plan);
            stats.fused += 1;
            changed = true;
            if body.results(p).iter().all(|&r| !body.has_uses(r)) {
                erase_with_empty_inits(ctx, body, p);
                stats.erased += 1;
            }
        }
        if !changed {
            return Ok(());
        }
    }
}

/// Erase `op` and then each `tensor.empty` among its former operands left without uses.
pub(crate) fn erase_with_empty_inits(ctx: &Context, body: &mut Body, op: Op) {
    let operands: Vec<Value> = body.operands(op).collect();
    body.erase_op(op);
    for v in operands {
        if let Some(d) = body.defining_op(v) {
            if !body.is_erased(d)
                && ctx.op_name_str(body.name(d)) == EmptyOp::NAME
                && body.results(d).iter().all(|&r| !body.has_uses(r))
            {
                body.erase_op(d);
            }
        }
    }
}

/// What a fusable producer contributes to a consumer.
struct Producer {
    op: Op,
    /// The producer's operands the fused op reads, each with its map (over the producer's
    /// loops), element type and the producer block argument standing for it (`None` for a
    /// fill's value).
    reads: Vec<(Value, AffineMap, Type, Option<Value>)>,
    /// The number of loops.
    num_loops: u32,
    /// One map per result.
    result_maps: Vec<AffineMap>,
    /// The body block (`None` for a fill, whose result element is its value).
    block: Option<Block>,
}

/// `op` as a fusable producer: an all-parallel `tensor.generic` or a `tensor.fill`.
fn producer(ctx: &Context, body: &Body, op: Op) -> Option<Producer> {
    let name = ctx.op_name_str(body.name(op));
    if name == FillOp::NAME {
        let value = body.operand(op, 0);
        let rank = shape_of(ctx, body, body.result(op, 0)).len() as u32;
        return Some(Producer {
            op,
            reads: vec![(
                value,
                AffineMap {
                    num_dims: rank,
                    num_symbols: 0,
                    results: Vec::new(),
                },
                body.value_type(value),
                None,
            )],
            num_loops: rank,
            result_maps: vec![AffineMap::identity(rank)],
            block: None,
        });
    }
    let g: GenericInfo = generic_info(ctx, body, op)?;
    if !g.all_parallel() || body.results(op).len() != g.operands.len() - g.n_in {
        return None;
    }
    let args = body.block_args(g.block).to_vec();
    // Inputs, and the inits whose element the body reads.
    let reads = g
        .operands
        .iter()
        .zip(&g.maps)
        .zip(&args)
        .enumerate()
        .filter(|(i, (_, &a))| *i < g.n_in || body.has_uses(a))
        .map(|(_, ((&v, m), &a))| (v, m.clone(), body.value_type(a), Some(a)))
        .collect();
    Some(Producer {
        op,
        reads,
        num_loops: g.num_loops() as u32,
        result_maps: g.maps[g.n_in..].to_vec(),
        block: Some(g.block),
    })
}

/// A checked fusion of one producer result into one consumer input.
struct Plan {
    /// The consumer input replaced.
    operand: usize,
    /// The producer result it is.
    result: usize,
    /// The maps of the producer's reads, over the consumer's loops.
    maps: Vec<AffineMap>,
}

/// Check that result `r` of `prod`, used as operand `k` of `consumer`, can be fused.
fn plan_fusion(
    ctx: &Context,
    body: &Body,
    prod: &Producer,
    r: Value,
    consumer: Op,
    k: usize,
) -> Option<Plan> {
    let c = generic_info(ctx, body, consumer)?;
    if k >= c.n_in || body.parent_block(consumer) != body.parent_block(prod.op) {
        return None;
    }
    let result = body.results(prod.op).iter().position(|&x| x == r)?;
    let perm = permutation(prod.result_maps.get(result)?)?;
    let cmap = &c.maps[k];
    if cmap.results.len() != perm.len() || perm.len() != prod.num_loops as usize {
        return None;
    }
    // Producer loop `perm[j]` is the consumer's index expression of result dimension `j`.
    let mut dims = vec![AffineExpr::Const(0); perm.len()];
    for (j, &d) in perm.iter().enumerate() {
        dims[d] = cmap.results[j].clone();
    }
    let n = c.num_loops() as u32;
    let maps = prod
        .reads
        .iter()
        .map(|(_, m, _, _)| compose(m, &dims, n))
        .collect::<Option<Vec<_>>>()?;
    // The fused op must keep the consumer's loop sizes.
    let mut all_maps = c.maps.clone();
    let mut shapes: Vec<Vec<i64>> = c.operands.iter().map(|&v| shape_of(ctx, body, v)).collect();
    let before = loop_bounds(&all_maps, &shapes, c.num_loops()).ok()?;
    all_maps.remove(k);
    shapes.remove(k);
    for ((v, _, _, _), m) in prod.reads.iter().zip(&maps) {
        all_maps.push(m.clone());
        shapes.push(shape_of(ctx, body, *v));
    }
    let after = loop_bounds(&all_maps, &shapes, c.num_loops()).ok()?;
    (before == after).then_some(Plan {
        operand: k,
        result,
        maps,
    })
}

/// Rewrite `consumer` into the fused op of `plan` (in place: its operands, maps and body
/// change), then merge repeated inputs and drop unread ones.
fn apply_fusion(ctx: &Context, body: &mut Body, prod: &Producer, consumer: Op, plan: Plan) {
    let Some(c) = generic_info(ctx, body, consumer) else {
        return;
    };
    // The producer's value for the consumer: its yield operand (a verified generic ends in a
    // yield of one value per result), or a fill's value (its only read).
    let yielded = match prod.block {
        Some(pb) => match body.last_op(pb) {
            Some(t) if ctx.op_name_str(body.name(t)) == YieldOp::NAME => {
                match body.operands(t).nth(plan.result) {
                    Some(v) => Some(v),
                    None => return,
                }
            }
            _ => return,
        },
        None if prod.reads.len() == 1 => None,
        None => return,
    };
    let k = plan.operand;
    let cargs = body.block_args(c.block).to_vec();
    // New block arguments for the producer's reads, inserted at position k.
    let new_block = body.create_block();
    let mut new_args = Vec::new();
    let mut map = IrMapping::default();
    for (i, &a) in cargs.iter().enumerate() {
        if i == k {
            for (_, _, t, _) in &prod.reads {
                new_args.push(body.add_block_arg(new_block, *t));
            }
        } else {
            let na = body.add_block_arg(new_block, body.value_type(a));
            map.values.insert(a, na);
        }
    }
    let read_args = &new_args[..];
    // Inline the producer's body: its reads map to the new arguments.
    let fused_value = match (prod.block, yielded) {
        (Some(pb), Some(y)) => {
            for ((_, _, _, pa), &na) in prod.reads.iter().zip(read_args) {
                if let Some(pa) = pa {
                    map.values.insert(*pa, na);
                }
            }
            for o in body.block_op_vec(pb) {
                if ctx.op_name_str(body.name(o)) == YieldOp::NAME {
                    continue;
                }
                let cl = body.clone_op(ctx, o, &mut map);
                body.append_op(new_block, cl);
            }
            map.value(y)
        }
        // A fill: checked above to have exactly one read.
        _ => read_args[0],
    };
    map.values.insert(cargs[k], fused_value);
    for o in body.block_op_vec(c.block) {
        let cl = body.clone_op(ctx, o, &mut map);
        body.append_op(new_block, cl);
    }
    // Swap the new block in for the consumer's.
    let region = body.regions(consumer)[0];
    body.erase_block(c.block);
    body.append_block(region, new_block);

    let mut operands = c.operands.clone();
    let mut maps = c.maps.clone();
    operands.splice(k..=k, prod.reads.iter().map(|(v, _, _, _)| *v));
    maps.splice(k..=k, plan.maps);
    let n_in = c.n_in - 1 + prod.reads.len();
    set_generic_operands(ctx, body, consumer, &operands, &maps, n_in);
    cleanup_generic(ctx, body, consumer);
}

/// Merge repeated (operand, map) inputs of the generic `op`, drop inputs its body does not
/// read (keeping every loop size derivable) and erase body ops whose results are unused.
pub fn cleanup_generic(ctx: &Context, body: &mut Body, op: Op) {
    let Some(mut g) = generic_info(ctx, body, op) else {
        return;
    };
    // Dead body ops, last first so chains go in one sweep.
    for o in body.block_op_vec(g.block).into_iter().rev() {
        let pure = ctx
            .op_def(body.name(o))
            .is_some_and(|d| d.has(Traits::PURE))
            && body.regions(o).is_empty();
        if pure
            && ctx.op_name_str(body.name(o)) != YieldOp::NAME
            && body.results(o).iter().all(|&r| !body.has_uses(r))
        {
            body.erase_op(o);
        }
    }
    let shapes: Vec<Vec<i64>> = g.operands.iter().map(|&v| shape_of(ctx, body, v)).collect();
    let Ok(bounds) = loop_bounds(&g.maps, &shapes, g.num_loops()) else {
        return;
    };
    let mut shapes = shapes;
    let mut i = 0;
    while i < g.n_in {
        let args = body.block_args(g.block).to_vec();
        let dup = (0..i).find(|&j| g.operands[j] == g.operands[i] && g.maps[j] == g.maps[i]);
        if let Some(j) = dup {
            body.replace_all_uses(args[i], args[j]);
        }
        if !body.has_uses(args[i]) {
            let mut maps = g.maps.clone();
            let mut sh = shapes.clone();
            maps.remove(i);
            sh.remove(i);
            if loop_bounds(&maps, &sh, g.num_loops()).ok().as_ref() == Some(&bounds) {
                body.erase_block_arg(g.block, i);
                g.operands.remove(i);
                g.maps = maps;
                shapes = sh;
                g.n_in -= 1;
                continue;
            }
        }
        i += 1;
    }
    set_generic_operands(ctx, body, op, &g.operands, &g.maps, g.n_in);
}
