//! `tensor-pad-to-multiple`: pad the loops of `tensor.generic` ops up to a multiple of a
//! vector size, so that the loop nests they lower to need no remainder iterations.
//!
//! For a generic whose operands have static shapes, every parallel loop whose size `n` is not
//! a multiple of `multiple` grows to the next multiple, when every init indexes it directly
//! (`d_i` alone), so the extra points write only to the padding of the results. A reduction
//! loop grows only when zero is the identity of the reduction: the body yields
//! `acc + x` or `acc + x * y` (`arith.addf`/`addi`, `mulf`/`muli`) where `x` and `y` are
//! elements of inputs that index the loop directly (matrix products, channel sums), so every extra point adds zero. Each operand
//! dimension that the grown loops reach past its end is padded at the end with zeros
//! (`tensor.pad`); the generic runs on the padded operands and `tensor.extract_slice` takes the
//! valid part of each result. Ops with dynamic shapes, several results whose reduction
//! would need padding, or an index expression that is not monotone in a grown loop
//! (`mod`, `floordiv`) are left alone.
//!
//! The results are the same as before: extra parallel points only write padding, and extra
//! reduction points add exact zeros, `0` or `0 * 0`, never a valid element times a padded
//! zero (NaN for an infinite element). For float sums an accumulator of `-0.0` becomes
//! `+0.0`, the only difference, equal as a number.

use crate::build::{extract_slice, generic, pad_high, Off};
use crate::util::{for_each_block, generic_info, shape_of, GenericInfo};
use strata_dialect_tensor::structured::{expr_range, loop_bounds, IteratorType};
use strata_dialect_tensor::util::{ranked, DYN};
use strata_dialect_tensor::YieldOp;
use strata_ir::affine::AffineExpr;
use strata_ir::{Body, Context, Diagnostic, InsertPoint, Op, Value};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// The largest accepted `multiple`.
pub const MAX_MULTIPLE: u64 = 1024;

/// Registration of `tensor-pad-to-multiple`.
#[linkme::distributed_slice(PASSES)]
pub static TENSOR_PAD_TO_MULTIPLE: PassInfo = PassInfo {
    name: "tensor-pad-to-multiple",
    summary: "Pad the loops of tensor.generic ops up to a multiple of a vector size",
    description: "Grows each parallel loop of a static-shape `tensor.generic` that every init \
                  indexes directly, and each reduction loop whose reduction has zero as its \
                  identity (`acc + x` or `acc + x * y` with `x` and `y` inputs indexed by the loop), \
                  to the next multiple of `multiple`: the operands are padded at the end \
                  with zeros (`tensor.pad`) where the grown loops reach past them, and \
                  `tensor.extract_slice` takes the valid part of each result. Other loops and \
                  ops (dynamic shapes, non-monotone index expressions) are left alone. \
                  Results are unchanged (a float sum that was `-0.0` becomes `+0.0`).\n\n\
                  Statistics: `num-padded` (ops padded).",
    anchor: None,
    options: &[PassOptionInfo {
        name: "multiple",
        description: "the loop sizes are padded up to a multiple of this (1 to 1024)",
        default: "8",
        kind: OptionKind::UInt,
    }],
    create: |o| {
        let m = o.get_u64("multiple");
        if m == 0 || m > MAX_MULTIPLE {
            return Err(format!(
                "option 'multiple' must be between 1 and {MAX_MULTIPLE}, got {m}"
            ));
        }
        Ok(Box::new(PadToMultiple { multiple: m as i64 }))
    },
};

/// The `tensor-pad-to-multiple` pass.
pub struct PadToMultiple {
    /// Loop sizes become multiples of this.
    pub multiple: i64,
}

impl Pass for PadToMultiple {
    fn info(&self) -> &'static PassInfo {
        &TENSOR_PAD_TO_MULTIPLE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let regions = unit.regions().to_vec();
        let mut n = 0u64;
        let m = self.multiple;
        let res: Result<(), Diagnostic> =
            for_each_block(unit.ctx, unit.body, &regions, &mut |ctx, body, block| {
                for op in body.block_op_vec(block) {
                    if pad_generic(ctx, body, op, m) {
                        n += 1;
                    }
                }
                Ok(())
            });
        unit.stat("num-padded", n);
        if let Err(d) = res {
            unit.emit(d);
            return Err(PassFailed);
        }
        if n == 0 {
            am.preserve_all();
        }
        Ok(())
    }
    fn pipeline_text(&self) -> String {
        format!("tensor-pad-to-multiple{{multiple={}}}", self.multiple)
    }
}

/// Whether `e` involves loop `d`.
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

/// Whether growing reduction loop `r` of `g` adds only zeros: one init, whose yielded value
/// is `acc + x` or `acc + x * y` where `x` and `y` are elements of ranked inputs indexed by
/// `d_r` alone (so zero at the grown points).
fn reduction_paddable(ctx: &Context, body: &Body, g: &GenericInfo, r: u32) -> bool {
    if g.operands.len() - g.n_in != 1 {
        return false;
    }
    let args = body.block_args(g.block);
    let acc = args[g.n_in];
    let zero_at = |v: Value| {
        args[..g.n_in]
            .iter()
            .position(|&a| a == v)
            .is_some_and(|i| {
                ranked(ctx, body.value_type(g.operands[i])).is_some()
                    && g.maps[i].results.contains(&AffineExpr::Dim(r))
            })
    };
    let def = |v: Value, names: [&str; 2]| {
        let o = body.defining_op(v)?;
        (body.parent_block(o) == Some(g.block)
            && names.contains(&ctx.op_name_str(body.name(o)))
            && body.num_operands(o) == 2)
            .then(|| (body.operand(o, 0), body.operand(o, 1)))
    };
    let Some(t) = body.last_op(g.block) else {
        return false;
    };
    if ctx.op_name_str(body.name(t)) != YieldOp::NAME || body.num_operands(t) != 1 {
        return false;
    }
    let Some((a, b)) = def(body.operand(t, 0), ["arith.addf", "arith.addi"]) else {
        return false;
    };
    let x = match (a == acc, b == acc) {
        (true, false) => b,
        (false, true) => a,
        _ => return false,
    };
    if zero_at(x) {
        return true;
    }
    // Both factors zero at the grown points: `0 * 0` is an exact zero, where a valid element
    // times a padded zero would be NaN for an infinite element.
    def(x, ["arith.mulf", "arith.muli"]).is_some_and(|(p, q)| zero_at(p) && zero_at(q))
}

/// Pad the generic `op` (see the module docs). Returns whether it was rewritten.
pub fn pad_generic(ctx: &Context, body: &mut Body, op: Op, multiple: i64) -> bool {
    let Some(g) = generic_info(ctx, body, op) else {
        return false;
    };
    let shapes: Vec<Vec<i64>> = g.operands.iter().map(|&v| shape_of(ctx, body, v)).collect();
    if shapes.iter().flatten().any(|&s| s == DYN || s < 0) {
        return false;
    }
    let Ok(bounds) = loop_bounds(&g.maps, &shapes, g.num_loops()) else {
        return false;
    };
    let inits = &g.maps[g.n_in..];
    let mut grown = bounds.clone();
    for (d, (&n, &it)) in bounds.iter().zip(&g.iters).enumerate() {
        if n % multiple == 0 {
            continue;
        }
        let ok = match it {
            IteratorType::Parallel => inits
                .iter()
                .all(|m| m.results.contains(&AffineExpr::Dim(d as u32))),
            IteratorType::Reduction => reduction_paddable(ctx, body, &g, d as u32),
        };
        let Some(target) = (n / multiple + 1).checked_mul(multiple) else {
            continue;
        };
        if ok {
            grown[d] = target;
        }
    }
    if grown == bounds {
        return false;
    }
    // The high padding of each operand dimension.
    let zeros = vec![0; grown.len()];
    let mut highs = Vec::with_capacity(shapes.len());
    for (m, shape) in g.maps.iter().zip(&shapes) {
        let mut high = Vec::with_capacity(shape.len());
        for (e, &size) in m.results.iter().zip(shape) {
            let touches = (0..grown.len()).any(|d| grown[d] != bounds[d] && uses_dim(e, d as u32));
            if !touches {
                high.push(0);
                continue;
            }
            let Some((_, hi)) = expr_range(e, &zeros, &grown) else {
                return false;
            };
            high.push((hi + 1 - size).max(0));
        }
        highs.push(high);
    }
    let loc = body.op(op).loc;
    let mut operands = Vec::with_capacity(g.operands.len());
    for (&v, high) in g.operands.iter().zip(&highs) {
        match pad_high(ctx, body, op, v, high, loc) {
            Some(p) => operands.push(p),
            None if high.iter().all(|&h| h == 0) => operands.push(v),
            None => return false,
        }
    }
    let result_types: Vec<_> = operands[g.n_in..]
        .iter()
        .map(|&v| body.value_type(v))
        .collect();
    let region = body.regions(op)[0];
    let new = generic(
        ctx,
        body,
        InsertPoint::Before(op),
        &operands,
        g.n_in,
        &g.maps,
        &g.iters,
        &result_types,
        region,
        loc,
    );
    let old_results = body.results(op).to_vec();
    let new_results = body.results(new).to_vec();
    for ((&old, &nv), shape) in old_results.iter().zip(&new_results).zip(&shapes[g.n_in..]) {
        let nv = if body.value_type(nv) == body.value_type(old) {
            nv
        } else {
            let ones = vec![1; shape.len()];
            match extract_slice(
                ctx,
                body,
                InsertPoint::Before(op),
                nv,
                &vec![Off::Const(0); shape.len()],
                shape,
                &ones,
                loc,
            ) {
                Some(s) => s,
                // Results are ranked tensors (the inits' types).
                None => nv,
            }
        };
        body.replace_all_uses(old, nv);
    }
    crate::fuse::erase_with_empty_inits(ctx, body, op);
    true
}
