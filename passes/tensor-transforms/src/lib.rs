//! Transforms of the `tensor` dialect (`strata-tensor-transforms`), on the tensor level of
//! `docs/lowering.md`:
//!
//! * [`generalize`]: `tensor-generalize`, rewriting named structured ops into
//!   `tensor.generic` through the [`StructuredOp`](strata_dialect_tensor::StructuredOp)
//!   interface.
//! * [`fuse`]: `tensor-fuse-elementwise`, producer-consumer fusion of all-parallel
//!   `tensor.generic` ops (and `tensor.fill`) into the generics that read them.
//! * [`pad`]: `tensor-pad-to-multiple`, padding the loops of generics up to a multiple of a
//!   vector size with `tensor.pad` and taking the valid part with `tensor.extract_slice`.
//! * [`tile`]: `tensor-tile`, tiling the parallel loops of generics into `loop.for` loops
//!   over tensors through the tiling interface's slice arithmetic, fusing producers into the
//!   tiles.
//! * [`build`]: builders of the ops the transforms create.
//! * [`util`]: the helpers they share (generic ops as data, affine-map composition, a walk
//!   over every block).

pub mod build;
pub mod fuse;
pub mod generalize;
pub mod pad;
pub mod tile;
pub mod util;

pub use fuse::{cleanup_generic, fuse_block, FuseElementwise};
pub use generalize::{generalize, generalize_all};
