//! ONNX importer for Strata: reads `.onnx` protobuf models into the `graph` dialect.
//!
//! ```no_run
//! let ctx = strata::default_context();
//! let module = strata_onnx::import_file(
//!     &ctx,
//!     std::path::Path::new("model.onnx"),
//!     strata_onnx::Limits::default(),
//! )
//! .unwrap();
//! ```
//!
//! The result is a `builtin.module` holding one `func.func @main` whose arguments are the
//! graph inputs that have no initializer and whose results are the graph outputs, each
//! carrying its ONNX name as an `{onnx.name = "..."}` argument/result attribute; each node
//! becomes graph-dialect ops located at `loc("node_name"("model.onnx":N:1))` (N: the
//! node's position in topological order; the doc string, if any, as fused metadata).
//! Initializers become `graph.constant`s of `dense_resource` blobs stored once in the
//! context (small ones inline `dense`); constant inputs that ONNX passes as tensors in
//! newer opsets (axes, shapes, pads, scales, clip bounds, ...) become attributes.
//!
//! Robustness (reliability promises 7 and 8): any bytes give a typed [`ImportError`] and
//! never a panic; sizes are checked against [`Limits`] before allocating; subgraph nesting
//! is bounded before decoding; external data is read only by canonical containment in the
//! model's directory ([`external`]).
//!
//! Modules: [`proto`] (the protobuf messages), [`error`], [`limits`], [`tensor`] (element
//! types and constant data), [`external`] (safe external data), [`testgen`] (model builders
//! used by tests and fuzzing).

pub mod error;
pub mod external;
mod import;
pub mod limits;
pub mod proto;
mod scan;
pub mod tensor;
pub mod testgen;

pub use error::{ImportError, Result, UnsupportedOp};
pub use import::{
    decode_model, import_bytes, import_file, import_model, required_constant_inputs, ImportOptions,
};
pub use limits::Limits;
pub use scan::check_subgraph_depth;

/// Whether `op_type` of the default ONNX domain is importable at `opset` (some nodes may
/// still be rejected for their attributes, e.g. non-constant shape inputs).
pub fn is_supported(op_type: &str, opset: i64) -> bool {
    opset <= import::MAX_OPSET && import::support(op_type, opset).is_some()
}
