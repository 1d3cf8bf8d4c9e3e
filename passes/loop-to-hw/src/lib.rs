//! `loop-to-hw`: lowers the loop level to the hw level.
//!
//! 1. **Vectorisation.** Every innermost `loop.for` or `loop.parallel` that [`plan`] finds
//!    legal runs `W = vector-bits / (widest element bits)` iterations at a time with `hw`
//!    vector ops (`hw.load`, `hw.store`, `hw.broadcast`, `hw.reduction`) and `arith`/`math`
//!    ops on vectors; the remainder is peeled into the original scalar loop ([`rewrite`]).
//!    A multi-dimensional reduction-free `loop.parallel` whose body is straight-line code
//!    first has its last dimension split off into a nested one-dimensional loop
//!    ([`workers::split_innermost`]), which is then vectorised.
//! 2. **Workers** (`workers=true`). Every reduction-free `loop.parallel` not nested in
//!    another parallel loop becomes a `hw.parallel` over its first dimension, with the rest
//!    of the nest inside.
//!
//! Loops that do not match stay as they are: the pass never fails on valid loop-level IR.
//! Results are bit for bit those of the input in the interpreter (float reductions are not
//! reassociated); `tests/interp.rs` checks it on random loop programs and `tests/pipeline.rs`
//! on random graph programs lowered through `bufferize` and `tensor-to-loop`.

pub mod plan;
pub mod rewrite;
pub mod workers;

use strata_ir::{Body, Context, Op, Region};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// Registration of `loop-to-hw`.
#[linkme::distributed_slice(PASSES)]
pub static LOOP_TO_HW: PassInfo = PassInfo {
    name: "loop-to-hw",
    summary: "Vectorise innermost loops into hw vector ops and map parallel loops onto workers",
    description: "Vectorises every innermost `loop.for` and `loop.parallel` with constant \
                  bounds, step 1 and at least `W` iterations whose body is straight-line \
                  `loop.load`/`loop.store` (last index `iv` or `iv + c`, other indices \
                  loop-invariant, unit innermost stride), `arith` and `math` ops, where `W` \
                  is `vector-bits` divided by the widest element type in the body. Loads \
                  with loop-invariant indices become scalar loads broadcast into vectors. \
                  The remainder is peeled: the original loop runs the last `(ub - lb) mod W` \
                  iterations. Loop-carried integer `addi`/`muli`/`andi`/`ori`/`xori`/\
                  `min`/`max` reductions are vectorised (per-lane partial results combined \
                  by `hw.reduction`, exact because these operations are associative and \
                  wrap); float reductions stay scalar because reassociation would change \
                  the numbers. Every buffer the loop stores to must be accessed with one \
                  memref value and one index list (distinct function arguments, \
                  allocations and globals are assumed not to alias). Multi-dimensional \
                  reduction-free `loop.parallel` loops with straight-line bodies get their \
                  last dimension split off first. With `workers=true`, every \
                  reduction-free `loop.parallel` not nested in another parallel loop then \
                  becomes a `hw.parallel` over its first dimension. Anything else stays as \
                  it is; results are bit for bit unchanged.\n\n\
                  Statistics: `num-vectorized` (loops vectorised), `num-split` \
                  (innermost dimensions split off), `num-workers` (hw.parallel ops \
                  created).",
    anchor: None,
    options: &[
        PassOptionInfo {
            name: "vector-bits",
            description: "The vector register width in bits (a power of two from 16 to \
                          4096): W = vector-bits / element bits",
            default: "256",
            kind: OptionKind::UInt,
        },
        PassOptionInfo {
            name: "workers",
            description: "Map outermost parallel loops onto workers (hw.parallel)",
            default: "true",
            kind: OptionKind::Bool,
        },
    ],
    create: |o| {
        let vector_bits = o.get_u64("vector-bits");
        if !(16..=4096).contains(&vector_bits) || !vector_bits.is_power_of_two() {
            return Err(format!(
                "'vector-bits' must be a power of two from 16 to 4096, but is {vector_bits}"
            ));
        }
        Ok(Box::new(LoopToHw {
            vector_bits,
            workers: o.get_bool("workers"),
        }))
    },
};

/// The `loop-to-hw` pass.
#[derive(Clone, Copy, Debug)]
pub struct LoopToHw {
    /// The vector register width in bits.
    pub vector_bits: u64,
    /// Whether outermost parallel loops become `hw.parallel`.
    pub workers: bool,
}

/// What the pass did.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stats {
    /// Loops vectorised.
    pub vectorized: u64,
    /// Innermost dimensions split off multi-dimensional parallel loops.
    pub split: u64,
    /// `hw.parallel` ops created.
    pub workers: u64,
}

impl Pass for LoopToHw {
    fn info(&self) -> &'static PassInfo {
        &LOOP_TO_HW
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let regions = unit.regions().to_vec();
        let mut stats = Stats::default();
        self.run_regions(unit.ctx, unit.body, &regions, &mut stats);
        unit.stat("num-vectorized", stats.vectorized);
        unit.stat("num-split", stats.split);
        unit.stat("num-workers", stats.workers);
        if stats.vectorized + stats.split + stats.workers == 0 {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!(
            "loop-to-hw{{vector-bits={} workers={}}}",
            self.vector_bits, self.workers
        )
    }
}

/// The ops of `regions` of `body` and everything nested in them that lives in `body` (not
/// in nested isolated bodies), in pre-order.
fn ops_preorder(body: &Body, regions: &[Region]) -> Vec<Op> {
    let mut out = Vec::new();
    let mut stack: Vec<Op> = body.ops_in_regions(regions);
    stack.reverse();
    while let Some(op) = stack.pop() {
        out.push(op);
        if body.nested(op).is_none() && !body.regions(op).is_empty() {
            let mut inner = body.ops_in_regions(body.regions(op));
            inner.reverse();
            stack.extend(inner);
        }
    }
    out
}

/// Whether `op` has no op with regions in its regions.
fn innermost(body: &Body, op: Op) -> bool {
    body.ops_in_regions(body.regions(op))
        .iter()
        .all(|&o| body.regions(o).is_empty())
}

/// Whether `op` is nested in a `loop.parallel` or `hw.parallel` of the same body.
fn in_parallel(ctx: &Context, body: &Body, op: Op) -> bool {
    let mut cur = body.parent_op(op);
    while let Some(p) = cur {
        if matches!(
            ctx.op_name_str(body.name(p)),
            "loop.parallel" | "hw.parallel"
        ) {
            return true;
        }
        cur = body.parent_op(p);
    }
    false
}

impl LoopToHw {
    /// Run on `regions` of `body` and, recursively, on nested isolated bodies.
    pub fn run_regions(&self, ctx: &Context, body: &mut Body, regions: &[Region], st: &mut Stats) {
        let ops = ops_preorder(body, regions);
        for &op in &ops {
            if body.nested(op).is_some() {
                let inner = body.regions(op).to_vec();
                if let Some(nb) = body.nested_mut(op) {
                    self.run_regions(ctx, nb, &inner, st);
                }
            }
        }
        for &op in &ops {
            if ctx.op_name_str(body.name(op)) != "loop.parallel" || !innermost(body, op) {
                continue;
            }
            if let Some((n, 0)) = workers::parallel_dims(ctx, body, op) {
                if n >= 2 {
                    workers::split_innermost(ctx, body, op, n);
                    st.split += 1;
                }
            }
        }
        for op in ops_preorder(body, regions) {
            if body.is_erased(op)
                || !matches!(ctx.op_name_str(body.name(op)), "loop.for" | "loop.parallel")
                || !innermost(body, op)
            {
                continue;
            }
            if let Some(plan) = plan::analyze(ctx, body, op, self.vector_bits) {
                rewrite::vectorize(ctx, body, op, &plan);
                st.vectorized += 1;
            }
        }
        if !self.workers {
            return;
        }
        for op in ops_preorder(body, regions) {
            if body.is_erased(op)
                || ctx.op_name_str(body.name(op)) != "loop.parallel"
                || in_parallel(ctx, body, op)
            {
                continue;
            }
            if let Some((n, 0)) = workers::parallel_dims(ctx, body, op) {
                workers::to_workers(ctx, body, op, n);
                st.workers += 1;
            }
        }
    }
}
