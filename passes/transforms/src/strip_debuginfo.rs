//! `strip-debuginfo`: replace every location with `loc(unknown)`, as MLIR's
//! `-strip-debuginfo`.
//!
//! Every op nested in the op the pass runs on, and every block argument of their regions, gets
//! `loc(unknown)`, through regions and nested isolated bodies. The anchor op's own location is
//! held by its parent's body, which a pass may not change: run the pass on `builtin.module` to
//! strip the locations of functions too (the module's own location stays).

use crate::util::{ops_under, visit_bodies, BodyScope};
use strata_ir::{Body, Context, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `strip-debuginfo`.
#[linkme::distributed_slice(PASSES)]
pub static STRIP_DEBUGINFO: PassInfo = PassInfo {
    name: "strip-debuginfo",
    summary: "Strip debug info from all operations",
    description: "Sets the location of every op nested in the anchor op and of every block \
                  argument of their regions, including inside nested isolated-from-above ops, \
                  to `loc(unknown)`. The anchor op keeps its own location (it belongs to the \
                  parent's IR).\n\n\
                  Statistics: `num-stripped` (locations changed).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(StripDebugInfo)),
};

/// The `strip-debuginfo` pass.
pub struct StripDebugInfo;

impl Pass for StripDebugInfo {
    fn info(&self) -> &'static PassInfo {
        &STRIP_DEBUGINFO
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let owner = crate::util::traits(unit.ctx, unit.holder, unit.op);
        let regions = unit.regions().to_vec();
        let n = strip_debuginfo(unit.ctx, unit.body, &regions, owner);
        unit.stat("num-stripped", n);
        // Locations are not part of any analysis.
        am.preserve_all();
        Ok(())
    }
}

/// Set the location of every op and block argument in `regions` of `body` (and in nested
/// bodies) to `loc(unknown)`. Returns how many locations changed.
pub fn strip_debuginfo(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> u64 {
    let unknown = ctx.unknown_loc();
    let mut n = 0;
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| {
            let ops = ops_under(b, scope.regions);
            let mut regions = scope.regions.to_vec();
            for &op in &ops {
                let d = b.op_mut(op);
                if d.loc != unknown {
                    d.loc = unknown;
                    n += 1;
                }
                if b.nested(op).is_none() {
                    regions.extend_from_slice(b.regions(op));
                }
            }
            for r in regions {
                for blk in b.region_blocks(r).to_vec() {
                    for a in b.block_args(blk).to_vec() {
                        if b.value_loc(a).is_some_and(|l| l != unknown) {
                            n += 1;
                        }
                        b.set_value_loc(a, None);
                    }
                }
            }
        },
    );
    n
}

#[cfg(test)]
mod tests {
    use crate::testutil::*;
    use strata_ir::{Module, OpBuilder};

    #[test]
    fn every_location_becomes_unknown() {
        let c = ctx();
        let mut m = Module::new(&c);
        let i32t = c.i32();
        let (f, e) = add_func(&c, &mut m, "f", &[i32t], &[], false);
        let loc = c.file_loc("x.mlir", 1, 2);
        m.region_body_mut().op_mut(f).loc = loc;
        let body = fbody(&mut m, f);
        let a = body.block_args(e)[0];
        body.set_value_loc(a, Some(loc));
        let mut b = at_end(&c, body, e);
        b.loc = loc;
        pure(&mut b, &[a], 1);
        let (iso, ie) = region_op(&mut b, "test.isolated", &[], &[]);
        ret(&mut b, &[]);
        let nb = body.nested_mut(iso).expect("nested");
        let mut ib = OpBuilder::at_end(&c, nb, ie);
        ib.loc = loc;
        ib.build("test.terminator", &[], &[], &[]);
        let rep = run(&c, &mut m, "builtin.module(strip-debuginfo)");
        // f, the arg, pure, isolated, return, terminator.
        assert!(stat(&rep, "(6) num-stripped"), "{:?}", rep.statistics);
        let _ = strata_ir::walk::walk(&m.body, m.op, strata_ir::walk::Order::Pre, &mut |b, o| {
            assert_eq!(b.op(o).loc, c.unknown_loc());
            std::ops::ControlFlow::<()>::Continue(())
        });
        assert_eq!(fbody(&mut m, f).value_loc(a), None);
    }
}
