//! `bufferize`: one-shot bufferization of every `func.func` of a module at the tensor level
//! of the lowering contract (`docs/lowering.md`): `tensor.generic`, the data-movement ops
//! of the tensor dialect, `tensor.extract`, scalar `arith`/`math` ops, dense tensor
//! `arith.constant`s, `func.call`, `func.return` and `loop.if` with tensor results, with
//! static shapes.
//!
//! * **Signature** (the out-parameter ABI): tensor arguments become identity memrefs (read
//!   only), each tensor result becomes a trailing memref argument the function writes,
//!   the function returns nothing and carries `strata.num_outputs = N : i64`. Calls to the
//!   module's functions are rewritten to pass output buffers.
//! * **Constants**: a dense non-splat tensor constant becomes a constant `loop.global`
//!   (identical constants share one) read with `loop.get_global`; a splat constant becomes
//!   a buffer filled from a one-element global, so a large splat never becomes a large
//!   global.
//! * **Ops**: `tensor.empty` → `loop.alloc` (64-byte aligned); `tensor.generic` → its buffer
//!   form (memref operands, no results); `extract_slice` → `loop.subview` (a copy when the
//!   slice drops unit dimensions); `insert_slice` → a copy into a subview of the
//!   destination; `pad` → fill + copy into the interior subview; `collapse_shape` /
//!   `expand_shape` → a copying `tensor.generic` whose maps linearise the grouped
//!   dimensions; `concat` → copies into subviews; `tensor.extract` → `loop.load`;
//!   `tensor.string_call` → its buffer form (inputs, then an output buffer per result).
//! * **Control flow** (`convert/control.rs`): a `loop.if`'s tensor results get buffers
//!   before the if (an allocation, or the out-parameter a returned result prefers); each
//!   region is converted like a body whose out-parameters are those buffers, frees its own
//!   allocations, and overwrites nothing defined outside it. Only the taken region runs.
//!   A `loop.for` carrying tensors gets a buffer per carried tensor before it (the initial
//!   value copied in); its body reads them and copies what it yields back at the end of
//!   the iteration.
//! * **In-place analysis** ([`plan`]): a structured op (or `insert_slice`) writes into its
//!   init's buffer when no tensor aliasing that buffer is used after the op, the buffer is
//!   a fresh allocation (never an argument or a global), and no input of the op reads the
//!   same buffer through another view or indexing map; otherwise it writes a new allocation
//!   (after copying the init in, when the body reads it). A value returned by the function
//!   is computed directly in its out-parameter, and so is the chain of single-use inits it
//!   is computed from, so the common case needs no final copy.
//! * **Deallocation**: every `loop.alloc` gets one `loop.dealloc` after the last use of the
//!   allocation or of a view of it.
//!
//! The static memory planner is the separate pass `plan-memory` ([`plan_memory`]), run
//! after `bufferize`.
//!
//! Anything else (an op outside the contract, a dynamic shape, a body with several blocks
//! or region ops other than `loop.if` and `loop.for`, a function returning a scalar, a call to a function
//! without a body) is
//! a diagnostic naming the op and the pass. Functions nested in inner modules are left
//! alone.

mod convert;
mod plan;
pub mod plan_memory;
mod util;

use strata_ir::{Attribute, Context, Diagnostic, InsertPoint, Op, OperationState};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

pub use convert::Signature;

/// Registration of `bufferize`.
#[linkme::distributed_slice(PASSES)]
pub static BUFFERIZE: PassInfo = PassInfo {
    name: "bufferize",
    summary: "One-shot bufferization of tensor functions (out-parameter ABI, in place)",
    description: "Rewrites every `func.func` of the module from tensors to buffers \
                  (`docs/lowering.md`, the bufferized level): tensor arguments become \
                  read-only memrefs, tensor results become trailing out-parameters \
                  (`strata.num_outputs`), dense constants become constant `loop.global`s \
                  (deduplicated; splats become fills), `tensor.empty` becomes a 64-byte \
                  aligned `loop.alloc`, `tensor.generic` its buffer form, and slices, pads, \
                  reshapes and concatenations subviews and copies. Structured ops write in \
                  place into their init's buffer when the init is dead afterwards, and \
                  returned values are computed directly in their out-parameter. Every \
                  allocation is freed after its last use. Calls between the module's \
                  functions are rewritten. A `loop.if` with tensor results writes them into \
                  buffers allocated before it, each region freeing its own allocations; \
                  a `loop.for` carrying tensors gets carried buffers before it, copied into \
                  at the end of each iteration; `tensor.extract` becomes `loop.load`. \
                  Unsupported ops, dynamic shapes and other control flow are diagnostics.\n\n\
                  Statistics: `num-functions` (functions bufferized), `num-allocs` \
                  (allocations), `num-copies` (`loop.copy` ops and copying generics \
                  inserted), `num-in-place` (ops writing into their init's buffer), \
                  `num-globals` (globals created).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(Bufferize)),
};

/// The `bufferize` pass.
pub struct Bufferize;

impl Pass for Bufferize {
    fn info(&self) -> &'static PassInfo {
        &BUFFERIZE
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let funcs: Vec<Op> = unit
            .top_ops()
            .into_iter()
            .filter(|&o| ctx.op_name_str(unit.body.name(o)) == "func.func")
            .collect();
        // The original signatures, for rewriting calls.
        let mut sigs = std::collections::BTreeMap::new();
        for &f in &funcs {
            if let Some((name, sig)) = convert::signature(ctx, unit.body, f) {
                sigs.insert(name, sig);
            }
        }
        let mut globals = convert::Globals::new(ctx, unit.body, &unit.top_ops());
        let mut stats = convert::Stats::default();
        let mut errors: Vec<Diagnostic> = Vec::new();
        for &f in &funcs {
            match convert::convert_func(ctx, unit.body, f, &sigs, &mut globals, &mut stats) {
                Ok(()) => stats.functions += 1,
                Err(e) => errors.push(e),
            }
        }
        // The globals go first in the module, in creation order.
        let first = unit.top_ops().first().copied();
        for (name, ty, value) in globals.take() {
            let op = global_op(ctx, unit.body, &name, ty, value);
            match first {
                Some(f) => unit.body.insert_op(op, InsertPoint::Before(f)),
                None => {
                    if let Some(&r) = unit.regions().first() {
                        if let Some(b) = unit.body.entry_block(r) {
                            unit.body.insert_op(op, InsertPoint::End(b));
                        }
                    }
                }
            }
            stats.globals += 1;
        }
        unit.stat("num-functions", stats.functions);
        unit.stat("num-allocs", stats.allocs);
        unit.stat("num-copies", stats.copies);
        unit.stat("num-in-place", stats.in_place);
        unit.stat("num-globals", stats.globals);
        if errors.is_empty() {
            Ok(())
        } else {
            for e in errors {
                unit.emit(e);
            }
            Err(PassFailed)
        }
    }
}

/// A constant `loop.global` named `name` of memref type `ty` holding `value`.
fn global_op(
    ctx: &Context,
    body: &mut strata_ir::Body,
    name: &str,
    ty: strata_ir::Type,
    value: Attribute,
) -> Op {
    let mut st = OperationState::new(
        ctx,
        ctx.op_name(strata_dialect_loop::GlobalOp::NAME),
        ctx.unknown_loc(),
    );
    st.props = Some(ctx.dict_attr(&[
        ("sym_name", ctx.string_attr(name)),
        ("sym_visibility", ctx.string_attr("private")),
        ("type", ctx.type_attr(ty)),
        ("initial_value", value),
        ("constant", ctx.unit_attr()),
        ("alignment", ctx.int_attr(64, ctx.int_type(64))),
    ]));
    body.create_op(st)
}
