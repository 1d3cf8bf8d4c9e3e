//! `dce`: trivial dead code elimination.
//!
//! Erases ops that are trivially dead — effect free ([`Traits::PURE`], and so is everything
//! nested in them), not terminators, with no used result — until none is left: ops are
//! visited from the end of each block, nested ops before their parents, and erasing an op
//! revisits the ops defining its operands. Works in every region, including nested isolated
//! bodies. Blocks and block arguments are left alone (`canonicalize` simplifies regions).

use crate::util::{is_trivially_dead, ops_under, visit_bodies, BodyScope};
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{Body, Context, Op, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `dce`.
#[linkme::distributed_slice(PASSES)]
pub static DCE: PassInfo = PassInfo {
    name: "dce",
    summary: "Erase trivially dead operations",
    description: "Erases effect-free ops (pure, and only pure ops nested in them) that are not \
                  terminators and whose results are unused, repeatedly, in every region \
                  including nested isolated-from-above ops.\n\n\
                  Statistics: `num-dce'd` (ops erased).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Dce)),
};

/// The `dce` pass.
pub struct Dce;

impl Pass for Dce {
    fn info(&self) -> &'static PassInfo {
        &DCE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let owner = crate::util::traits(unit.ctx, unit.holder, unit.op);
        let regions = unit.regions().to_vec();
        let n = dce(unit.ctx, unit.body, &regions, owner);
        unit.stat("num-dce'd", n);
        if n == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// Erase the trivially dead ops in `regions` of `body` and in the isolated bodies nested in
/// them. Returns how many ops were erased (not counting ops nested in erased ops).
pub fn dce(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> u64 {
    let mut n = 0;
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| n += dce_body(ctx, b, scope.regions),
    );
    n
}

/// DCE in one body (not entering nested bodies).
fn dce_body(ctx: &Context, body: &mut Body, regions: &[Region]) -> u64 {
    let mut n = 0;
    // Popping from the end of a pre-order list visits later ops first and nested ops before
    // their parents.
    let mut worklist: Vec<Op> = ops_under(body, regions);
    while let Some(op) = worklist.pop() {
        if body.is_erased(op) || body.parent_block(op).is_none() {
            continue;
        }
        if !is_trivially_dead(ctx, body, op) {
            continue;
        }
        let mut defs = Vec::new();
        for o in ops_in_body_preorder(body, op) {
            defs.extend(body.operands(o).filter_map(|v| body.defining_op(v)));
        }
        body.erase_op(op);
        n += 1;
        worklist.extend(defs.into_iter().rev());
    }
    n
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Module, OpBuilder};

    #[test]
    fn dead_chains_go_and_used_values_stay() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[i32t], &[i32t], false);
        let body = fbody(&mut m, f);
        let a = body.block_args(e)[0];
        let mut b = at_end(&c, body, e);
        let x = pure(&mut b, &[a], 1);
        let y = pure(&mut b, &[x], 2);
        let _dead = pure(&mut b, &[y, x], 3);
        let kept = pure(&mut b, &[a], 4);
        effect(&mut b, &[kept]);
        let r = pure(&mut b, &[a], 5);
        // A region op (not pure) keeps its nested dead ops only if they are used.
        let (_, rb) = region_op(&mut b, "test.region", &[], &[]);
        ret(&mut b, &[r]);
        let mut ib = at_end(&c, body, rb);
        let d1 = pure(&mut ib, &[x], 6);
        pure(&mut ib, &[d1], 7);
        ib.build("test.yield", &[], &[], &[]);
        // An isolated op's body is cleaned too.
        let mut b = at_end(&c, body, e);
        b.set_insertion_point(strata_ir::InsertPoint::Start(e));
        let (iso, ie) = region_op(&mut b, "test.isolated", &[], &[]);
        let nb = body.nested_mut(iso).expect("nested");
        let mut nbld = OpBuilder::at_end(&c, nb, ie);
        let p = pure(&mut nbld, &[], 8);
        pure(&mut nbld, &[p], 9);
        nbld.build("test.terminator", &[], &[], &[]);
        run(&c, &mut m, "builtin.module(func.func(dce))");
        // Left: kept, r.
        assert_eq!(count(&c, &m, "test.pure"), 2, "{}", fingerprint(&c, &m));
        assert_eq!(count(&c, &m, "test.region"), 1);
        assert_eq!(count(&c, &m, "test.isolated"), 1);
        let before = fingerprint(&c, &m);
        run(&c, &mut m, "builtin.module(func.func(dce))");
        assert_eq!(before, fingerprint(&c, &m));
    }
}
