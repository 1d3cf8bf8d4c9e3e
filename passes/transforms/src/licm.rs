//! `loop-invariant-code-motion`: hoist loop-invariant ops out of loops, as MLIR's
//! `-loop-invariant-code-motion`.
//!
//! For every op with [`Traits::LOOP_LIKE`] whose regions live in the same body (inner loops
//! first, so code hoisted out of an inner loop can leave the outer one too), the ops directly
//! in the loop's regions are visited in order; an op moves to just before the loop when it is
//! effect free ([`Traits::PURE`], and so is everything nested in it: speculation is then safe),
//! is not a terminator, and every value it or its nested ops use is defined outside the loop
//! (or inside the op itself). When an op moves, its users in the loop are reconsidered.
//!
//! Statistics: `num-hoisted` (ops moved).

use crate::util::{
    has, is_effect_free, ops_under, region_is_inside_op, region_is_within, value_region,
    visit_bodies, BodyScope,
};
use std::collections::VecDeque;
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{Body, Context, InsertPoint, Op, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `loop-invariant-code-motion`.
#[linkme::distributed_slice(PASSES)]
pub static LICM: PassInfo = PassInfo {
    name: "loop-invariant-code-motion",
    summary: "Hoist loop invariant instructions outside of the loop",
    description: "Moves effect-free ops whose operands are all defined outside the loop from \
                  the regions of loop-like ops (`Traits::LOOP_LIKE`) to just before the loop, \
                  innermost loops first, repeating as hoisted ops make their users invariant.\n\n\
                  Statistics: `num-hoisted` (ops moved).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Licm)),
};

/// The `loop-invariant-code-motion` pass.
pub struct Licm;

impl Pass for Licm {
    fn info(&self) -> &'static PassInfo {
        &LICM
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let owner = crate::util::traits(unit.ctx, unit.holder, unit.op);
        let regions = unit.regions().to_vec();
        let n = licm(unit.ctx, unit.body, &regions, owner);
        unit.stat("num-hoisted", n);
        if n == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// Hoist loop-invariant code in `regions` of `body` and in the isolated bodies nested in them.
/// Returns the number of ops moved.
pub fn licm(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> u64 {
    let mut n = 0;
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| {
            // Reverse pre-order: inner loops before the loops containing them.
            let loops: Vec<Op> = ops_under(b, scope.regions)
                .into_iter()
                .rev()
                .filter(|&o| has(ctx, b, o, Traits::LOOP_LIKE) && b.nested(o).is_none())
                .collect();
            for l in loops {
                n += hoist_from_loop(ctx, b, l);
            }
        },
    );
    n
}

/// Hoist the invariant ops of loop `l`. Returns how many moved.
pub fn hoist_from_loop(ctx: &Context, body: &mut Body, l: Op) -> u64 {
    let mut n = 0;
    if body.parent_block(l).is_none() {
        return 0;
    }
    for region in body.regions(l).to_vec() {
        let mut worklist: VecDeque<Op> = body
            .region_blocks(region)
            .iter()
            .flat_map(|&blk| body.block_ops(blk))
            .collect();
        while let Some(op) = worklist.pop_front() {
            if body.is_erased(op)
                || body.parent_block(op).and_then(|b| body.block_parent(b)) != Some(region)
            {
                continue;
            }
            if has(ctx, body, op, Traits::TERMINATOR)
                || !is_effect_free(ctx, body, op)
                || !invariant(body, op, region)
            {
                continue;
            }
            body.move_op(op, InsertPoint::Before(l));
            n += 1;
            let mut users: Vec<Op> = Vec::new();
            for &r in body.results(op) {
                for u in body.uses(r) {
                    // The user itself, or the op of the loop region containing it.
                    if let Some(top) = top_level_in(body, u.op, region) {
                        users.push(top);
                    }
                }
            }
            worklist.extend(users);
        }
    }
    n
}

/// The ancestor of `op` (or `op`) directly in a block of `region`.
fn top_level_in(body: &Body, mut op: Op, region: Region) -> Option<Op> {
    loop {
        let b = body.parent_block(op)?;
        if body.block_parent(b) == Some(region) {
            return Some(op);
        }
        op = body.parent_op(op)?;
    }
}

/// Whether every value used by `op` and its nested ops (other than values defined inside
/// `op`) is defined outside `region`.
fn invariant(body: &Body, op: Op, region: Region) -> bool {
    ops_in_body_preorder(body, op).into_iter().all(|o| {
        body.operands(o).all(|v| {
            let Some(r) = value_region(body, v) else {
                return false;
            };
            region_is_inside_op(body, r, op) || !region_is_within(body, r, region)
        })
    })
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Arity, DialectDef, Module, OpDef, Traits};

    static FOR: OpDef = OpDef {
        traits: Traits::LOOP_LIKE.with(Traits::NO_TERMINATOR),
        regions: Arity::Exactly(1),
        ..OpDef::new("testloop.for")
    };
    static TESTLOOP: DialectDef = DialectDef {
        name: "testloop",
        summary: "",
        description: "",
        ops: &[&FOR],
    };

    #[test]
    fn invariant_code_leaves_nested_loops() {
        let mut c = ctx();
        c.register_dialect(&TESTLOOP);
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[i32t], &[], false);
        let body = fbody(&mut m, f);
        let a = body.block_args(e)[0];
        let mut b = at_end(&c, body, e);
        let (outer, ob) = region_op(&mut b, "testloop.for", &[], &[]);
        ret(&mut b, &[]);
        let iv = body.add_block_arg(ob, i32t);
        let mut b = at_end(&c, body, ob);
        let inv1 = pure(&mut b, &[a], 1); // invariant in both loops
        let var = pure(&mut b, &[iv], 2); // depends on the outer induction variable
        let (_, ib) = region_op(&mut b, "testloop.for", &[], &[]);
        let jv = body.add_block_arg(ib, i32t);
        let mut b = at_end(&c, body, ib);
        let inv2 = pure(&mut b, &[inv1], 3); // invariant in both
        let semi = pure(&mut b, &[var, inv2], 4); // invariant in the inner loop only
        let inner_var = pure(&mut b, &[jv, semi], 5);
        let eff = effect(&mut b, &[inner_var]); // side effects: stays
        pure(&mut b, &[eff], 6); // uses an effect: stays
        let rep = run(
            &c,
            &mut m,
            "builtin.module(func.func(loop-invariant-code-motion))",
        );
        assert!(stat(&rep, "(4) num-hoisted"), "{:?}", rep.statistics);
        let body = fbody(&mut m, f);
        // Before the outer loop: inv1, inv2. In the outer loop before the inner: var, semi.
        let top: Vec<_> = body.block_op_vec(e);
        assert_eq!(top.len(), 4);
        assert_eq!(top[2], outer);
        let in_outer = body.block_op_vec(ob);
        assert_eq!(in_outer.len(), 3);
        assert_eq!(body.block_op_vec(ib).len(), 3);
        let before = fingerprint(&c, &m);
        run(
            &c,
            &mut m,
            "builtin.module(func.func(loop-invariant-code-motion))",
        );
        assert_eq!(before, fingerprint(&c, &m));
    }
}
