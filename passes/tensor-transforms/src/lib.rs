//! Transforms of the `tensor` dialect (`strata-tensor-transforms`).
//!
//! * [`generalize`]: `tensor-generalize`, rewriting named structured ops into
//!   `tensor.generic` through the [`StructuredOp`](strata_dialect_tensor::StructuredOp)
//!   interface.
//!
//! Later steps of the lowering (elementwise fusion, tile-and-fuse over the
//! [`TilingInterface`](strata_dialect_tensor::TilingInterface), padding to vector sizes) join
//! this crate as modules.

pub mod generalize;

pub use generalize::{generalize, generalize_all};
