//! The `loop` dialect: the loop-and-buffer level of Strata's lowering pipeline, in the style
//! of MLIR's `scf` and `memref` dialects.
//!
//! * [`control`]: `loop.for` (a counted loop with loop-carried values), `loop.parallel` (a
//!   multi-dimensional parallel loop with reductions), `loop.if` and `loop.yield`, the
//!   terminator of all their regions;
//! * [`buffer`]: `loop.alloc`, `loop.dealloc`, `loop.load`, `loop.store` and `loop.copy` on
//!   the builtin `memref<...>` types;
//! * [`subview`]: `loop.subview`, a strided window of a buffer that aliases it;
//! * [`global`]: `loop.global`, a module-level (constant) buffer, and `loop.get_global`;
//! * [`layout`]: the strides and offset of a memref type (identity or `strided<...>`
//!   layout), shared by the verifiers and the interpreter.
//!
//! Ops are written in MLIR's generic form. Buffers have reference semantics: an allocation
//! is a region of mutable memory, loads and stores read and write it, and a subview names
//! part of the same memory. Interpreter semantics are in `strata-interp`.

pub mod buffer;
pub mod control;
pub mod global;
pub mod layout;
pub mod subview;

pub use buffer::{AllocOp, CopyOp, DeallocOp, LoadOp, StoreOp};
pub use control::{ForOp, IfOp, ParallelOp, YieldOp};
pub use global::{GetGlobalOp, GlobalOp};
pub use layout::{memref_parts, strides_and_offset, MemRefParts};
pub use subview::SubviewOp;

use strata_ir::{Context, DialectDef, OpDef};

/// Every op of the dialect, in documentation order.
pub static OPS: &[&OpDef] = &[
    &ForOp::DEF,
    &ParallelOp::DEF,
    &IfOp::DEF,
    &YieldOp::DEF,
    &AllocOp::DEF,
    &DeallocOp::DEF,
    &LoadOp::DEF,
    &StoreOp::DEF,
    &SubviewOp::DEF,
    &CopyOp::DEF,
    &GlobalOp::DEF,
    &GetGlobalOp::DEF,
];

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "loop",
    summary: "Loops, conditionals and buffers (scf- and memref-style)",
    description: "The loop dialect holds explicit iteration and memory, in the style of \
                  MLIR's `scf` and `memref` dialects: `loop.for` (a counted loop over an \
                  `index` induction variable with loop-carried values), `loop.parallel` (a \
                  multi-dimensional loop whose iterations are independent, with one \
                  reduction region per result), `loop.if` and their terminator \
                  `loop.yield`; and buffers of the builtin `memref` types: `loop.alloc` \
                  (static and dynamic sizes, alignment, the memory space of the memref \
                  type), `loop.dealloc`, `loop.load`, `loop.store`, `loop.subview` (a \
                  strided window that aliases its source), `loop.copy`, and module-level \
                  buffers: `loop.global` (constant weights or mutable state) and \
                  `loop.get_global`. Buffers have \
                  reference semantics. Ops are written in MLIR's generic form.",
    ops: OPS,
};

/// Register the `loop` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut Context) {
    ctx.register_dialect(&DIALECT);
}
