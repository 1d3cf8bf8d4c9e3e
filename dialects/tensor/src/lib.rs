//! The `tensor` dialect: structured ops on tensors in the style of MLIR `linalg`, with value
//! semantics, and the data-movement ops of MLIR's `tensor` dialect.
//!
//! * [`generic`]: `tensor.generic` (inputs, inits, affine indexing maps, iterator types and
//!   a scalar body region) and `tensor.yield`;
//! * [`named`]: named specialisations with a known body (`fill`, `map`, `matmul`,
//!   `batch_matmul`, `transpose`, `broadcast`, `reduce`, convolutions, pooling);
//! * [`structured`]: the [`StructuredOp`] interface every structured op implements
//!   (indexing maps, iterator types, loop bounds, body) and the shared verifier;
//! * [`tiling`]: the [`TilingInterface`] (slices a tile of the iteration space reads and
//!   writes);
//! * [`movement`]: `empty`, `extract_slice`, `insert_slice`, `pad`, `collapse_shape`,
//!   `expand_shape`, `concat`, identical to upstream MLIR's `tensor` ops in generic form;
//! * [`element`]: `extract` (one element as a scalar);
//! * [`strings`]: `tensor.string_call`, a graph string op as a library call (string
//!   tensors have no `tensor.generic` form);
//! * [`util`]: attribute and type helpers.
//!
//! Ops are written in MLIR's generic form. Structured ops follow destination-passing style:
//! results have the types of the inits, whose elements are the initial values of the
//! outputs (accumulators of reductions). Body regions hold scalar arith/math ops and may use
//! values defined above them (constants), as in MLIR. Interpreter semantics are in `strata-interp`; the
//! `tensor-generalize` pass (`strata-tensor-transforms`) rewrites named ops into
//! `tensor.generic`.

pub mod element;
pub mod generic;
pub mod movement;
pub mod named;
pub mod strings;
pub mod structured;
pub mod tiling;
pub mod util;

pub use element::ExtractOp;
pub use generic::{GenericOp, YieldOp};
pub use movement::*;
pub use named::*;
pub use strings::StringCallOp;
pub use structured::{structured, IteratorType, ScalarBody, StructuredOp};
pub use tiling::{Slice, TilingInterface};

use strata_ir::{Context, DialectDef, OpDef};

/// Every op of the dialect, in documentation order.
pub static OPS: &[&OpDef] = &[
    &GenericOp::DEF,
    &YieldOp::DEF,
    &FillOp::DEF,
    &MapOp::DEF,
    &MatmulOp::DEF,
    &BatchMatmulOp::DEF,
    &TransposeOp::DEF,
    &BroadcastOp::DEF,
    &ReduceOp::DEF,
    &Conv2dNchwFchwOp::DEF,
    &Conv2dNhwcHwcfOp::DEF,
    &DepthwiseConv2dNchwOp::DEF,
    &PoolNchwMaxOp::DEF,
    &PoolNchwSumOp::DEF,
    &EmptyOp::DEF,
    &ExtractSliceOp::DEF,
    &InsertSliceOp::DEF,
    &PadOp::DEF,
    &CollapseShapeOp::DEF,
    &ExpandShapeOp::DEF,
    &ConcatOp::DEF,
    &ExtractOp::DEF,
    &StringCallOp::DEF,
];

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "tensor",
    summary: "Structured (linalg-style) ops and data movement on tensors",
    description: "The tensor dialect holds structured computations on ranked tensors with \
                  value semantics, in the style of MLIR's `linalg` on tensors: \
                  `tensor.generic` with affine indexing maps, parallel/reduction iterator \
                  types and a scalar body region, and named specialisations with a known body \
                  (fill, elementwise map, matrix products, transpose, broadcast, reduce, \
                  convolutions, pooling) that `tensor-generalize` rewrites into \
                  `tensor.generic`. Structured ops use destination-passing style (results \
                  have the types of their inits) and expose a tiling interface. The \
                  data-movement ops (`empty`, `extract_slice`, `insert_slice`, `pad`, \
                  `collapse_shape`, `expand_shape`, `concat`) and `extract` are those of MLIR's \
                  `tensor` dialect. Ops are written in MLIR's generic form.",
    ops: OPS,
};

/// Register the `tensor` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut Context) {
    ctx.register_dialect(&DIALECT);
}
