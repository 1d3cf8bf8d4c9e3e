//! `strip-debuginfo`: replace every location with `loc(unknown)`, as MLIR's
//! `-strip-debuginfo`.
//!
//! Every op nested in the op the pass runs on gets `loc(unknown)`, through regions and nested
//! isolated bodies. Block arguments carry no location in Strata's IR, so there is nothing to
//! strip there. The anchor op's own location is held by its parent's body, which a pass may
//! not change: run the pass on `builtin.module` to strip the locations of functions too (the
//! module's own location stays).

use crate::util::{ops_under, visit_bodies, BodyScope};
use strata_ir::{Body, Context, Region, Traits};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `strip-debuginfo`.
#[linkme::distributed_slice(PASSES)]
pub static STRIP_DEBUGINFO: PassInfo = PassInfo {
    name: "strip-debuginfo",
    summary: "Strip debug info from all operations",
    description: "Sets the location of every op nested in the anchor op, including ops in \
                  nested isolated-from-above ops, to `loc(unknown)`. The anchor op keeps its \
                  own location (it belongs to the parent's IR).\n\n\
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

/// Set the location of every op in `regions` of `body` (and in nested bodies) to
/// `loc(unknown)`. Returns how many locations changed.
pub fn strip_debuginfo(ctx: &Context, body: &mut Body, regions: &[Region], owner: Traits) -> u64 {
    let unknown = ctx.unknown_loc();
    let mut n = 0;
    visit_bodies(
        ctx,
        body,
        regions,
        owner,
        &mut |b: &mut Body, scope: &BodyScope<'_>| {
            for op in ops_under(b, scope.regions) {
                let d = b.op_mut(op);
                if d.loc != unknown {
                    d.loc = unknown;
                    n += 1;
                }
            }
        },
    );
    n
}
