//! `plan-memory`: a static memory planner for bufferized functions. Intermediate buffers
//! (`loop.alloc` / `loop.dealloc` pairs in a function's one-block body, as `bufferize`
//! produces them) whose lifetimes do not overlap share storage: walking the body in order,
//! an allocation reuses a buffer of the same memref type whose `loop.dealloc` came
//! earlier (that dealloc is removed, and the reused buffer is freed where the later one
//! was). Allocations inside the regions of a `loop.if` are left as they are (a buffer of
//! the body used in a region is freed after the if, so it is live across the whole if).
//! Buffers of different types are not merged (the loop dialect has no op that reinterprets
//! a buffer's element type or shape).
//!
//! Each function gets a remark with the intermediate bytes before and after: the sum of
//! the sizes of its distinct intermediate buffers (what a static arena holding all of
//! them at once needs) and their number, plus the peak of bytes live at once.

use std::collections::BTreeMap;
use strata_dialect_loop::layout::memref_parts;
use strata_ir::{Block, Body, Context, Diagnostic, Op, Type, TypeKind, Value};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `plan-memory`.
#[linkme::distributed_slice(PASSES)]
pub static PLAN_MEMORY: PassInfo = PassInfo {
    name: "plan-memory",
    summary: "Reuse intermediate buffers whose lifetimes do not overlap",
    description: "In every `func.func` with a straight-line body (after `bufferize`), an \
                  allocation reuses an earlier buffer of the same memref type once that \
                  buffer has been freed: the earlier `loop.dealloc` and the new \
                  `loop.alloc` disappear, and the buffer is freed where the new one was. \
                  Each function gets a remark `plan-memory: intermediate buffers: B bytes \
                  in N buffers before, B' bytes in N' buffers after (peak live P bytes)`.\n\n\
                  Statistics: `num-reused` (allocations replaced by a reused buffer), \
                  `bytes-before`, `bytes-after` (sums over the module).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(PlanMemory)),
};

/// The `plan-memory` pass.
pub struct PlanMemory;

impl Pass for PlanMemory {
    fn info(&self) -> &'static PassInfo {
        &PLAN_MEMORY
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let funcs: Vec<Op> = unit
            .top_ops()
            .into_iter()
            .filter(|&o| ctx.op_name_str(unit.body.name(o)) == "func.func")
            .collect();
        let (mut reused, mut before, mut after) = (0, 0, 0);
        for f in funcs {
            let loc = unit.body.op(f).loc;
            let regions = unit.body.regions(f).to_vec();
            let Some(mut fb) = unit.body.take_nested(f) else {
                continue;
            };
            let blocks: Vec<Block> = regions
                .iter()
                .flat_map(|&r| fb.region_blocks(r).to_vec())
                .collect();
            let report = match blocks[..] {
                [b] => Some(plan_block(ctx, &mut fb, b)),
                _ => None,
            };
            unit.body.put_nested(f, fb);
            if let Some(r) = report {
                reused += r.reused;
                before += r.bytes_before;
                after += r.bytes_after;
                if r.buffers_before > 0 {
                    unit.emit(Diagnostic::remark(
                        loc,
                        format!(
                            "plan-memory: intermediate buffers: {} bytes in {} buffers before, \
                             {} bytes in {} buffers after (peak live {} bytes)",
                            r.bytes_before,
                            r.buffers_before,
                            r.bytes_after,
                            r.buffers_after,
                            r.peak
                        ),
                    ));
                }
            }
        }
        unit.stat("num-reused", reused);
        unit.stat("bytes-before", before);
        unit.stat("bytes-after", after);
        Ok(())
    }
}

/// What planning one body did.
struct Report {
    reused: u64,
    buffers_before: u64,
    bytes_before: u64,
    buffers_after: u64,
    bytes_after: u64,
    peak: u64,
}

/// The size in bytes of a static memref type (`None` when dynamic or of an unknown width).
fn bytes_of(ctx: &Context, t: Type) -> Option<u64> {
    let p = memref_parts(ctx, t)?;
    let width = match ctx.type_kind(p.elem) {
        TypeKind::Integer { width, .. } => u64::from(*width),
        TypeKind::Index => 64,
        TypeKind::Float(k) => k.storage_bytes() as u64 * 8,
        _ => return None,
    };
    let mut n: u64 = 1;
    for &d in &p.shape {
        n = n.checked_mul(u64::try_from(d).ok()?)?;
    }
    n.checked_mul(width.div_ceil(8))
}

fn plan_block(ctx: &Context, body: &mut Body, block: Block) -> Report {
    let ops = body.block_op_vec(block);
    let name = |b: &Body, o: Op| ctx.op_name_str(b.name(o));
    // The dealloc of each allocation of this block (its only dealloc in this block).
    let mut dealloc_of: BTreeMap<Value, Op> = BTreeMap::new();
    for &o in &ops {
        if name(body, o) == "loop.dealloc" && body.num_operands(o) == 1 {
            dealloc_of.insert(body.operand(o, 0), o);
        }
    }
    let mut rep = Report {
        reused: 0,
        buffers_before: 0,
        bytes_before: 0,
        buffers_after: 0,
        bytes_after: 0,
        peak: 0,
    };
    // Free buffers by type: (value, its dealloc op).
    let mut free: BTreeMap<Type, Vec<(Value, Op)>> = BTreeMap::new();
    // Current owner value of each live buffer (after replacement).
    let (mut live, mut peak) = (0u64, 0u64);
    for &o in &ops {
        match name(body, o) {
            "loop.alloc" if body.num_operands(o) == 0 => {
                let v = body.result(o, 0);
                let t = body.value_type(v);
                let Some(size) = bytes_of(ctx, t) else {
                    continue;
                };
                if !dealloc_of.contains_key(&v) {
                    continue;
                }
                rep.buffers_before += 1;
                rep.bytes_before += size;
                live += size;
                peak = peak.max(live);
                if let Some((old, old_dealloc)) = free.get_mut(&t).and_then(|l| l.pop()) {
                    body.erase_op(old_dealloc);
                    body.replace_all_uses(v, old);
                    body.erase_op(o);
                    if let Some(d) = dealloc_of.remove(&v) {
                        dealloc_of.insert(old, d);
                    }
                    rep.reused += 1;
                } else {
                    rep.buffers_after += 1;
                    rep.bytes_after += size;
                }
            }
            "loop.dealloc" if body.num_operands(o) == 1 => {
                let v = body.operand(o, 0);
                if dealloc_of.get(&v) != Some(&o) {
                    continue;
                }
                let t = body.value_type(v);
                if let Some(size) = bytes_of(ctx, t) {
                    live = live.saturating_sub(size);
                    free.entry(t).or_default().push((v, o));
                }
            }
            _ => {}
        }
    }
    rep.peak = peak;
    rep
}
