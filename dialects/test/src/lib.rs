//! The `test` dialect: neutral ops for testing Strata's own infrastructure (parser, printer,
//! verifier, passes) without depending on a real dialect, in the spirit of MLIR's and xDSL's
//! test dialects.
//!
//! | op | what it is for |
//! |---|---|
//! | `test.op` | anything goes: any operands, results, regions, successors, attributes |
//! | `test.pure` | a pure op (DCE, CSE) |
//! | `test.region` | one ordinary region |
//! | `test.isolated` | one isolated-from-above region (a nested body) |
//! | `test.graph_region` | one graph region (no dominance, no terminator) |
//! | `test.terminator` | a plain terminator |
//! | `test.yield` | a return-like terminator |
//! | `test.br` | a branch forwarding its operands to its successor |
//! | `test.symbol` | a symbol definition |
//! | `test.symbol_table` | a symbol table (isolated, like a module) |
//! | `test.use_symbol` | a symbol use that must resolve |

mod format;
mod ops;

pub use ops::{
    BrOp, GraphRegionOp, IsolatedOp, PureOp, RegionOp, SymbolOp, SymbolTableOp, TerminatorOp,
    TestOp, UseSymbolOp, YieldOp,
};
use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "test",
    summary: "Neutral ops for testing the IR infrastructure.",
    description: "Ops with the minimal structure that parser, printer, verifier and pass tests \
                  need (regions of each kind, terminators, branches, symbols), so those tests \
                  depend on no real dialect.",
    ops: &[
        &TestOp::DEF,
        &PureOp::DEF,
        &RegionOp::DEF,
        &IsolatedOp::DEF,
        &GraphRegionOp::DEF,
        &TerminatorOp::DEF,
        &YieldOp::DEF,
        &BrOp::DEF,
        &SymbolOp::DEF,
        &SymbolTableOp::DEF,
        &UseSymbolOp::DEF,
    ],
};

/// Register the `test` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut strata_ir::Context) {
    ctx.register_dialect(&DIALECT);
}
