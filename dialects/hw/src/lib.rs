//! The `hw` dialect: the hardware level of Strata's lowering pipeline, in the style of MLIR's
//! `vector` dialect plus a worker-parallel loop.
//!
//! * [`transfer`]: `hw.transfer_read` and `hw.transfer_write` (masked, bounds-tolerant
//!   transfers between memrefs and vectors) and `hw.load` / `hw.store` (contiguous, unmasked);
//! * [`vector`]: register-level vector ops: `hw.broadcast`, `hw.fma`, `hw.reduction` (with a
//!   fixed, documented reduction order), `hw.shuffle`, `hw.transpose`, `hw.create_mask`,
//!   `hw.extract` and `hw.insert`;
//! * [`parallel`]: `hw.parallel` (an iteration range mapped onto workers) with its terminator
//!   `hw.yield`, `hw.barrier` and `hw.intrinsic` (a call of a named target intrinsic).
//!
//! Vectors are the builtin `vector<...>` types (static shapes, not scalable). Memory is the
//! builtin memrefs of the `loop` dialect; the memory space of a memref type says where it
//! lives: space 0 (or none) is global memory visible to every worker, space 1 is worker-local
//! scratch, allocated with `loop.alloc` inside a `hw.parallel` body and freed there. The
//! interpreter treats both alike; a target may place space 1 on the stack or in a per-worker
//! arena. Ops are written in MLIR's generic form. Interpreter semantics are in `strata-interp`.

pub mod parallel;
pub mod transfer;
pub mod util;
pub mod vector;

pub use parallel::{BarrierOp, IntrinsicOp, ParallelOp, YieldOp};
pub use transfer::{LoadOp, StoreOp, TransferReadOp, TransferWriteOp};
pub use vector::{
    BroadcastOp, CreateMaskOp, ExtractOp, FmaOp, InsertOp, ReductionKind, ReductionOp, ShuffleOp,
    TransposeOp,
};

use strata_ir::{Context, DialectDef, OpDef};

/// Every op of the dialect, in documentation order.
pub static OPS: &[&OpDef] = &[
    &TransferReadOp::DEF,
    &TransferWriteOp::DEF,
    &LoadOp::DEF,
    &StoreOp::DEF,
    &BroadcastOp::DEF,
    &FmaOp::DEF,
    &ReductionOp::DEF,
    &ShuffleOp::DEF,
    &TransposeOp::DEF,
    &CreateMaskOp::DEF,
    &ExtractOp::DEF,
    &InsertOp::DEF,
    &ParallelOp::DEF,
    &YieldOp::DEF,
    &BarrierOp::DEF,
    &IntrinsicOp::DEF,
];

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "hw",
    summary: "Vectors, workers, barriers and target intrinsics",
    description: "The hw dialect is the level just above a target's code generator, in the \
                  style of MLIR's `vector` dialect. Its values are builtin `vector` types: \
                  `hw.transfer_read`/`hw.transfer_write` move vectors between memrefs and \
                  registers with optional masks (lanes outside the memref read the padding \
                  value and are not written), `hw.load`/`hw.store` are the contiguous \
                  unmasked forms, and `hw.broadcast`, `hw.fma`, `hw.reduction` (sequential \
                  from lane 0, so results are reproducible), `hw.shuffle`, `hw.transpose`, \
                  `hw.create_mask`, `hw.extract` and `hw.insert` compute on registers; \
                  `arith` and `math` ops apply to vectors element-wise. `hw.parallel` maps \
                  an iteration range onto workers (iterations are independent), \
                  `hw.barrier` synchronises the workers of the enclosing `hw.parallel`, and \
                  `hw.intrinsic` calls a named target intrinsic. Memory spaces of memref \
                  types: 0 (or none) is global memory, 1 is worker-local scratch. Ops are \
                  written in MLIR's generic form.",
    ops: OPS,
};

/// Register the `hw` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut Context) {
    ctx.register_dialect(&DIALECT);
}
