//! [`Limits`]: the bounds the importer enforces before allocating or recursing.

/// Bounds checked while importing. Every size is checked *before* memory is allocated for
/// it (Rust aborts the process on allocation failure), so hostile models fail with
/// [`ImportError::LimitExceeded`](crate::ImportError::LimitExceeded) instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Maximum number of elements of one tensor (initializer, constant, declared value).
    pub max_tensor_elements: u64,
    /// Maximum number of bytes of one tensor's data.
    pub max_tensor_bytes: u64,
    /// Maximum nesting depth of subgraphs (`If`/`Loop`/`Scan` bodies); the main graph is
    /// depth 0. Checked on the protobuf bytes before decoding, so deep nesting never
    /// recurses. Protobuf decoding itself also stops at 100 nested messages (about 32
    /// subgraph levels), which is reported as the same error.
    pub max_subgraph_depth: u32,
    /// Maximum number of nodes of one graph.
    pub max_nodes: u64,
    /// Maximum rank of a tensor.
    pub max_rank: u64,
    /// Maximum total bytes of external data files read for one model.
    pub max_external_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_tensor_elements: 1_000_000_000,
            max_tensor_bytes: 1 << 31,
            max_subgraph_depth: 30,
            max_nodes: 10_000_000,
            max_rank: 64,
            max_external_bytes: 1 << 36,
        }
    }
}
