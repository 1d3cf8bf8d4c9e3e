//! [`Artifact`]: what code generation produces, a shared object and the metadata needed to
//! call it (entry functions with their argument shapes and element types, the flags used).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The version of the calling convention between generated code and the runtime. The
/// shared object exports it as `strata_abi_version`; the runtime refuses other versions.
pub const ABI_VERSION: u32 = 2;

/// What an entry argument is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArgRole {
    /// Read by the function (a tensor input, or a scalar).
    Input,
    /// A trailing out-parameter the function writes (`strata.num_outputs`).
    Output,
    /// A scalar result of a function that returns values: passed as a pointer to one
    /// element that the entry writes.
    Result,
}

/// One argument of an entry function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArgInfo {
    /// The element type as MLIR writes it (`f32`, `i64`, `index`, `i1`, `bf16`, ...;
    /// `!graph.string` for a buffer of `strata_str` string descriptors).
    pub elem: String,
    /// The static shape (empty for a scalar).
    pub shape: Vec<i64>,
    /// Whether the argument is a buffer (memref) rather than a scalar.
    pub is_buffer: bool,
    /// Input, output or result.
    pub role: ArgRole,
    /// For an out-parameter holding the extents of a bounded result (`i64`, one per dim of
    /// that result): the index, among the entry's arguments, of the result's out-parameter,
    /// whose valid part is the leading sub-box of that shape (`docs/lowering.md`, "Bounded
    /// dynamic results"). The runtime returns the trimmed result and not this one.
    pub extents_of: Option<usize>,
}

/// An entry point of the shared object: `int32_t symbol(void *const *args, const
/// strata_rt *rt)`, with one pointer per argument in order (inputs, out-parameters, then
/// one per scalar result).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryInfo {
    /// The IR function name (without `@`).
    pub name: String,
    /// The exported symbol.
    pub symbol: String,
    /// The arguments in call order.
    pub args: Vec<ArgInfo>,
}

/// A directory removed when the last handle to it is dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// A fresh directory `strata-<pid>-<n>-<nanos>` under the system temporary directory.
    pub fn new(prefix: &str) -> std::io::Result<TempDir> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{n}-{nanos}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
    /// The directory.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The result of code generation.
#[derive(Clone, Debug)]
pub struct Artifact {
    /// The target spec that produced it.
    pub target: String,
    /// The shared object (`None` when only the source was emitted).
    pub so_path: Option<PathBuf>,
    /// The generated source file.
    pub source_path: PathBuf,
    /// The compiler used (`cc`, or `$CC`).
    pub compiler: String,
    /// The compiler flags used.
    pub flags: Vec<String>,
    /// The ABI version the code was generated for ([`ABI_VERSION`]).
    pub abi_version: u32,
    /// The entry functions.
    pub entries: Vec<EntryInfo>,
    /// The temporary directory holding the files, removed when the last clone of the
    /// artifact is dropped (`None` when the files are kept).
    pub temp: Option<Arc<TempDir>>,
}

impl Artifact {
    /// The entry named `name`, or the only one / `main` when `name` is `None`.
    pub fn entry(&self, name: Option<&str>) -> Option<&EntryInfo> {
        match name {
            Some(n) => self.entries.iter().find(|e| e.name == n),
            None if self.entries.len() == 1 => self.entries.first(),
            None => self.entries.iter().find(|e| e.name == "main"),
        }
    }
}
