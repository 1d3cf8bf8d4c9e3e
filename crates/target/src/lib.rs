//! Compilation targets: what a backend of Strata provides and how one is found by name.
//!
//! * [`Target`]: a backend (name, [`Descriptor`] of the machine, the pass pipeline it wants,
//!   its [`CostModel`], and code generation of a loop-level module into an [`Artifact`]).
//!   The trait is object-safe; targets are handled as `Arc<dyn Target>`.
//! * [`TargetSpec`]: the textual form `name{key=value,...}` (e.g.
//!   `cpu{features=+avx2,-avx512f}`), parsed with located errors ([`SpecError`]).
//! * The registry: targets register a [`TargetInfo`] in the [`TARGETS`] distributed slice
//!   (no central list, as passes do); [`lookup`] parses a spec and builds the target.
//!
//! ```
//! let spec = strata_target::TargetSpec::parse("cpu{features=+avx2,-avx512f,threads=2}").unwrap();
//! assert_eq!(spec.name, "cpu");
//! assert_eq!(spec.get("features"), Some("+avx2,-avx512f"));
//! assert_eq!(spec.get("threads"), Some("2"));
//! assert!(strata_target::TargetSpec::parse("cpu{features").is_err());
//! ```

mod artifact;
mod cost;
mod spec;

pub use artifact::{ArgInfo, ArgRole, Artifact, EntryInfo, TempDir, ABI_VERSION};
pub use cost::{estimate_op_cost, estimate_region_cost, CostModel};
pub use spec::{SpecError, TargetSpec};

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use strata_ir::{Context, Diagnostic, Module};

/// What a target knows about the machine it compiles for.
#[derive(Clone, Debug, PartialEq)]
pub struct Descriptor {
    /// The target's name (`cpu`).
    pub name: String,
    /// The architecture (`x86_64`, `aarch64`, ...).
    pub arch: String,
    /// The widest vector register usable for each element type, in bits (`"f32" => 256`
    /// with AVX2); an element type that is absent has no vector support.
    pub vector_bits: BTreeMap<String, u32>,
    /// Size of the level-1 data cache in bytes.
    pub l1d_bytes: u64,
    /// Size of the level-2 cache in bytes.
    pub l2_bytes: u64,
    /// Size of the last-level cache in bytes.
    pub l3_bytes: u64,
    /// Number of cores (hardware threads) available.
    pub cores: usize,
    /// Enabled instruction-set features, sorted (`avx`, `avx2`, `fma`, ...).
    pub features: Vec<String>,
}

impl Descriptor {
    /// Lanes of a vector of `elem` (`"f32"`, `"i8"`, ...): the vector width over the element
    /// width, 1 when the element type has no vector support.
    pub fn lanes(&self, elem: &str, elem_bits: u32) -> u32 {
        match self.vector_bits.get(elem) {
            Some(&bits) if elem_bits > 0 && bits >= elem_bits => bits / elem_bits,
            _ => 1,
        }
    }
}

/// Options of code generation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CodegenOptions {
    /// Optimisation level of the native compiler (0 to 3).
    pub opt_level: u8,
    /// Keep the generated files (C source, blobs, shared object) in this directory instead
    /// of a temporary one removed with the artifact.
    pub keep_dir: Option<PathBuf>,
    /// Write the shared object to this path (it is not removed with the artifact).
    pub output: Option<PathBuf>,
    /// Stop after emitting the source (no native compilation): the artifact has no shared
    /// object.
    pub source_only: bool,
}

/// Why code generation failed.
#[derive(Debug)]
pub enum CodegenError {
    /// The module holds IR the target does not support (each diagnostic names the op and
    /// the code generator).
    Unsupported(Vec<Diagnostic>),
    /// No native compiler was found; the message says what to install.
    NoCompiler(String),
    /// The generated source did not compile: an internal error. The source is kept at
    /// `source` and `message` holds the compiler's output.
    CompileFailed {
        /// The kept source file.
        source: PathBuf,
        /// The compiler command line and its output.
        message: String,
    },
    /// A file could not be written or read.
    Io(String),
}

impl fmt::Display for CodegenError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CodegenError::Unsupported(d) => {
                let msgs: Vec<&str> = d.iter().map(|d| d.message.as_str()).collect();
                write!(f, "{}", msgs.join("\n"))
            }
            CodegenError::NoCompiler(m) => write!(f, "{m}"),
            CodegenError::CompileFailed { source, message } => write!(
                f,
                "internal error: the generated C does not compile (source kept at {}):\n{message}",
                source.display()
            ),
            CodegenError::Io(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for CodegenError {}

/// A compilation target. Object-safe: use it as `Arc<dyn Target>`.
pub trait Target: Send + Sync + fmt::Debug {
    /// The registry name (`cpu`).
    fn name(&self) -> &str;
    /// The canonical spec that rebuilds this target with [`lookup`] (`cpu{features=...}`).
    fn spec(&self) -> String;
    /// What the target knows about the machine.
    fn descriptor(&self) -> &Descriptor;
    /// The textual pass pipeline (for `strata_pass::parse_pipeline`) that lowers graph-level
    /// IR to the level [`Target::codegen`] accepts.
    fn pipeline(&self) -> String;
    /// The target's cost model.
    fn cost_model(&self) -> &dyn CostModel;
    /// Generate code for every function of a module at the level the target accepts.
    fn codegen(
        &self,
        ctx: &Context,
        module: &Module,
        opts: &CodegenOptions,
    ) -> Result<Artifact, CodegenError>;
}

/// A registered target: its name, a summary and how to build it from a spec.
pub struct TargetInfo {
    /// The name a spec starts with.
    pub name: &'static str,
    /// One line for `--help` and listings.
    pub summary: &'static str,
    /// Build the target from a parsed spec (unknown options are errors located in the spec).
    pub make: fn(&TargetSpec) -> Result<Arc<dyn Target>, SpecError>,
}

/// Every target linked into the binary.
#[linkme::distributed_slice]
pub static TARGETS: [TargetInfo];

/// The registered targets, sorted by name.
pub fn registered() -> Vec<&'static TargetInfo> {
    let mut v: Vec<&'static TargetInfo> = TARGETS.iter().collect();
    v.sort_by_key(|t| t.name);
    v
}

/// Parse `spec` and build the target it names.
pub fn lookup(spec: &str) -> Result<Arc<dyn Target>, SpecError> {
    let parsed = TargetSpec::parse(spec)?;
    let Some(info) = TARGETS.iter().find(|t| t.name == parsed.name) else {
        let names: Vec<&str> = registered().iter().map(|t| t.name).collect();
        return Err(SpecError::new(
            spec,
            0,
            format!(
                "unknown target '{}' (available: {})",
                parsed.name,
                if names.is_empty() {
                    "none linked".to_string()
                } else {
                    names.join(", ")
                }
            ),
        ));
    };
    (info.make)(&parsed)
}
