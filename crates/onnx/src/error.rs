//! [`ImportError`]: the typed error of the importer.
//!
//! Every failure is one of three kinds: the bytes are not a valid ONNX model
//! ([`ImportError::InvalidModel`]), the model is valid but uses something Strata does not
//! lower ([`ImportError::Unsupported`], listing *every* unsupported node, sorted, found before
//! anything is lowered), or the model exceeds a configured [`Limits`](crate::Limits) value
//! ([`ImportError::LimitExceeded`]).

use std::fmt;

/// One unsupported construct: an operator (or, with an `op_type` such as `"element type
/// STRING"`, a tensor element type or value kind) used by a node (or value) of the model.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnsupportedOp {
    /// The operator domain (`""` for the default `ai.onnx` domain).
    pub domain: String,
    /// The operator type (`"NonMaxSuppression"`), or the construct (`"element type STRING"`).
    pub op_type: String,
    /// The opset version of the domain imported by the model (0 when it imports none).
    pub opset: i64,
    /// The node name (or, when the node has none, its first output; for values, the value
    /// name).
    pub node: String,
}

impl fmt::Display for UnsupportedOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let domain = if self.domain.is_empty() {
            "ai.onnx"
        } else {
            &self.domain
        };
        write!(
            f,
            "{domain}::{} (opset {}) at node '{}'",
            self.op_type, self.opset, self.node
        )
    }
}

/// Why an import failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    /// The input is not a valid ONNX model: malformed protobuf, missing graph, undefined or
    /// duplicate value names, cycles, tensor data that does not match its declared type and
    /// shape, unsafe external data references, invalid attributes.
    InvalidModel {
        /// What is wrong.
        what: String,
        /// Where (`graph 'g' / node 'conv1' (Conv)`, `initializer 'w'`, `protobuf`, ...).
        r#where: String,
    },
    /// The model uses operators (or element types) Strata does not import: every one of
    /// them, sorted and de-duplicated, found before anything was lowered.
    Unsupported(Vec<UnsupportedOp>),
    /// The model exceeds a limit of [`Limits`](crate::Limits).
    LimitExceeded {
        /// Which quantity (`"tensor elements of initializer 'w'"`).
        what: String,
        /// The limit.
        limit: u64,
    },
}

impl ImportError {
    /// An [`ImportError::InvalidModel`].
    pub fn invalid(what: impl Into<String>, r#where: impl Into<String>) -> Self {
        ImportError::InvalidModel {
            what: what.into(),
            r#where: r#where.into(),
        }
    }
    /// An [`ImportError::LimitExceeded`].
    pub fn limit(what: impl Into<String>, limit: u64) -> Self {
        ImportError::LimitExceeded {
            what: what.into(),
            limit,
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::InvalidModel { what, r#where } => {
                write!(f, "invalid ONNX model: {what} (at {where})")
            }
            ImportError::Unsupported(ops) => {
                write!(f, "unsupported ONNX operators ({}):", ops.len())?;
                for op in ops {
                    write!(f, "\n  {op}")?;
                }
                Ok(())
            }
            ImportError::LimitExceeded { what, limit } => {
                write!(f, "ONNX model exceeds a limit: {what} (limit {limit})")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Result of the importer.
pub type Result<T> = std::result::Result<T, ImportError>;
