//! Compiling to native code: `strata::compile(source, &Target::host(),
//! &Options::default())?.run(&inputs)?`.
//!
//! The source is a module at any level the target's pipeline accepts. A module that holds
//! only the loop level (`func`, `arith`, `math`, `loop` ops; see `docs/lowering.md`) goes
//! straight to code generation; anything else first runs the target's pass pipeline, which
//! fails with a clear error while a pass it names is not registered.
//!
//! ```no_run
//! use strata::{compile, Options, Target};
//! let compiled = compile(std::path::Path::new("model.mlir"), &Target::host(), &Options::default()).unwrap();
//! let outputs = compiled.run(&[]).unwrap();
//! # let _ = outputs;
//! ```

use crate::ir::{text, Context, Module};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use strata_interp::Tensor;
use strata_runtime::Program;
use strata_target::{Artifact, CodegenOptions};

/// A compilation target (a handle to a registered [`strata_target::Target`]).
#[derive(Clone, Debug)]
pub struct Target(Arc<dyn strata_target::Target>);

impl Target {
    /// The cpu target for this machine (detected features).
    pub fn host() -> Target {
        Target(Arc::new(strata_target_cpu::CpuTarget::host()))
    }
    /// The target of a spec such as `cpu{features=+avx2,-avx512f}`.
    pub fn lookup(spec: &str) -> Result<Target, strata_target::SpecError> {
        strata_target::lookup(spec).map(Target)
    }
    /// The target implementation.
    pub fn get(&self) -> &dyn strata_target::Target {
        &*self.0
    }
}

/// The last level to produce.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmitLevel {
    /// A shared object, loaded and ready to run.
    #[default]
    Native,
    /// Stop after writing the C source (no native compiler run).
    C,
}

/// Options of [`compile`].
#[derive(Clone, Debug)]
pub struct Options {
    /// Optimisation level of the native compiler (0 to 3).
    pub opt_level: u8,
    /// Worker threads of the runtime (0: one per core).
    pub threads: usize,
    /// Keep the generated files in this directory.
    pub keep_temps: Option<PathBuf>,
    /// Write the shared object here.
    pub output: Option<PathBuf>,
    /// The last level to produce.
    pub emit: EmitLevel,
    /// The entry function run by [`Compiled::run`] (default: the only one, or `main`).
    pub entry: Option<String>,
    /// The pass pipeline that lowers the source to the loop level (textual, as
    /// `--pass-pipeline` takes it, anchored on `builtin.module`); `None`: the target's own
    /// ([`strata_target::Target::pipeline`]). For experiments with extra optimisation
    /// passes such as `canonicalize,saturate,` before the target's pipeline.
    pub pipeline: Option<String>,
    /// The structure of each argument of the entry (sequence lengths and element shapes,
    /// optionals present or absent, static tensor shapes): the compile is specialised on it
    /// (`specialise-containers`, see [`crate::containers`]) and
    /// [`Compiled::run_values`] checks inputs against it. `None`: only modules whose
    /// containers need no input structure (built and consumed inside) are specialised.
    pub structure: Option<Vec<crate::containers::Structure>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            opt_level: 3,
            threads: 0,
            keep_temps: None,
            output: None,
            emit: EmitLevel::Native,
            entry: None,
            pipeline: None,
            structure: None,
        }
    }
}

/// What to compile.
pub enum Source<'a> {
    /// An MLIR file.
    Path(&'a Path),
    /// A module and the context it lives in.
    Module(&'a Context, &'a Module),
}

impl<'a> From<&'a Path> for Source<'a> {
    fn from(p: &'a Path) -> Self {
        Source::Path(p)
    }
}

impl<'a> From<(&'a Context, &'a Module)> for Source<'a> {
    fn from((c, m): (&'a Context, &'a Module)) -> Self {
        Source::Module(c, m)
    }
}

/// A compilation or run error (the message is complete and printable).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(pub String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

/// A compiled module: its artifact, and the loaded program unless only source was emitted.
#[derive(Debug)]
pub struct Compiled {
    /// The artifact (shared object, C file, flags, entries).
    pub artifact: Artifact,
    program: Option<Program>,
    entry: Option<String>,
    /// What the entry was specialised for, when its module had sequences or optionals or
    /// [`Options::structure`] was given.
    pub signature: Option<crate::containers::Signature>,
}

impl Compiled {
    /// Run the entry on `inputs`; returns its outputs.
    pub fn run(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>, Error> {
        let p = self
            .program
            .as_ref()
            .ok_or_else(|| Error("only C was emitted; nothing to run".into()))?;
        p.run_entry(self.entry.as_deref(), inputs)
            .map_err(|e| Error(e.0))
    }
    /// Run the entry on tensors and string tensors (no containers); returns its outputs.
    pub fn run_any(
        &self,
        inputs: &[strata_interp::AnyValue],
    ) -> Result<Vec<strata_interp::AnyValue>, Error> {
        let p = self
            .program
            .as_ref()
            .ok_or_else(|| Error("only C was emitted; nothing to run".into()))?;
        p.run_entry_values(self.entry.as_deref(), inputs)
            .map_err(|e| Error(e.0))
    }
    /// Run the entry on values that may be sequences and optionals: the inputs are checked
    /// against the structure compiled for ([`Compiled::signature`]) and flattened, and the
    /// flat outputs reassembled into the entry's results.
    pub fn run_values(
        &self,
        inputs: Vec<strata_interp::AnyValue>,
    ) -> Result<Vec<strata_interp::AnyValue>, Error> {
        use strata_interp::AnyValue;
        match &self.signature {
            Some(sig) => {
                let flat = crate::containers::flatten(sig, inputs)?;
                let outs = self.run_any(&flat)?;
                crate::containers::reassemble(sig, outs)
            }
            None => {
                if let Some(other) = inputs
                    .iter()
                    .find(|v| !matches!(v, AnyValue::Tensor(_) | AnyValue::Str(_)))
                {
                    return Err(Error(format!(
                        "{} input, but the code was compiled for tensors (give \
                         Options::structure)",
                        other.kind()
                    )));
                }
                self.run_any(&inputs)
            }
        }
    }
    /// The loaded program (`None` when only C was emitted).
    pub fn program(&self) -> Option<&Program> {
        self.program.as_ref()
    }
}

/// Whether every op of the module is at the loop level the code generators accept.
pub fn is_loop_level(ctx: &Context, module: &Module) -> bool {
    let mut ok = true;
    let mb = module.region_body();
    let Some(block) = module.block() else {
        return true;
    };
    for op in mb.block_ops(block) {
        let name = ctx.op_name_str(mb.name(op));
        if name == "loop.global" {
            continue;
        }
        if name != "func.func" {
            return false;
        }
        ok &= level_ok(ctx, mb.region_body(op), mb.regions(op));
    }
    ok
}

/// Whether the ops and block arguments in `regions` (recursively) are at the loop level.
fn level_ok(ctx: &Context, body: &crate::ir::Body, regions: &[crate::ir::Region]) -> bool {
    regions.iter().all(|&r| {
        body.region_blocks(r).iter().all(|&b| {
            body.block_args(b)
                .iter()
                .all(|&v| !ctx.type_kind(body.value_type(v)).is_tensor())
                && body.block_ops(b).all(|op| {
                    let n = ctx.op_name_str(body.name(op));
                    let d = n.split('.').next().unwrap_or("");
                    matches!(d, "func" | "arith" | "math" | "loop" | "hw" | "cpu")
                        && body
                            .results(op)
                            .iter()
                            .all(|&v| !ctx.type_kind(body.value_type(v)).is_tensor())
                        && level_ok(ctx, body, body.regions(op))
                })
        })
    })
}

/// The levels of the lowering (see `docs/lowering.md`), in pipeline order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Model-level ops (after the graph-level optimisations).
    Graph,
    /// Structured ops on tensors.
    Tensor,
    /// Buffers and loop nests.
    Loop,
    /// Vectors and workers.
    Hw,
    /// The cpu target's native registers and micro-kernel variants.
    Cpu,
}

impl Level {
    /// Each level with the `--emit` name that stops there.
    pub const NAMED: [(&'static str, Level); 5] = [
        ("mlir-graph", Level::Graph),
        ("mlir-tensor", Level::Tensor),
        ("mlir-loop", Level::Loop),
        ("mlir-hw", Level::Hw),
        ("mlir-cpu", Level::Cpu),
    ];

    /// The level a pass converts its input to (`None`: the pass stays at its input's level).
    pub fn produced_by(pass: &str) -> Option<Level> {
        match pass {
            "graph-to-tensor" => Some(Level::Tensor),
            "bufferize" | "tensor-to-loop" => Some(Level::Loop),
            "loop-to-hw" => Some(Level::Hw),
            "hw-to-cpu" => Some(Level::Cpu),
            _ => None,
        }
    }
}

/// The top-level passes of a textual pipeline (commas inside `{..}` options or `(..)`
/// nestings do not split).
pub fn split_pipeline(pipeline: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in pipeline.char_indices() {
        match c {
            '{' | '(' => depth += 1,
            '}' | ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(pipeline[start..i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(pipeline[start..].trim());
    parts.retain(|p| !p.is_empty());
    parts
}

/// The name of a pipeline element (`saturate{rules=a}` is `saturate`).
pub fn pass_name(element: &str) -> &str {
    element.split(['{', '(']).next().unwrap_or_default().trim()
}

/// The prefix of `pipeline` that stops at `level`: every pass up to the first one that
/// converts past it.
pub fn pipeline_up_to(pipeline: &str, level: Level) -> String {
    split_pipeline(pipeline)
        .into_iter()
        .take_while(|p| Level::produced_by(pass_name(p)).is_none_or(|l| l <= level))
        .collect::<Vec<_>>()
        .join(",")
}

/// Lower `module` with the target's pipeline when it is not at the loop level yet.
pub fn lower(ctx: &Context, module: &mut Module, target: &Target) -> Result<(), Error> {
    lower_with(ctx, module, target, &target.get().pipeline())
}

/// Lower `module` with the pipeline `text` (for `target`, named in errors) when it is not at
/// the loop level yet.
pub fn lower_with(
    ctx: &Context,
    module: &mut Module,
    target: &Target,
    text: &str,
) -> Result<(), Error> {
    if is_loop_level(ctx, module) || text.trim().is_empty() {
        return Ok(());
    }
    let pm = strata_pass::parse_pipeline(text, "builtin.module").map_err(|e| {
        Error(format!(
            "the lowering to the loop level is not available (target '{}' wants the pipeline \
             '{text}'):\n{}",
            target.get().name(),
            e.render(text)
        ))
    })?;
    let report = strata_pass::PassManager::new(pm).run(ctx, module);
    if report.failed {
        let msgs: Vec<String> = report
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .collect();
        return Err(Error(format!(
            "lowering with '{text}' failed:\n{}",
            msgs.join("\n")
        )));
    }
    Ok(())
}

/// Compile `source` for `target`.
pub fn compile<'a>(
    source: impl Into<Source<'a>>,
    target: &Target,
    opts: &Options,
) -> Result<Compiled, Error> {
    let own_ctx;
    let mut owned;
    let (ctx, module): (&Context, &mut Module) = match source.into() {
        Source::Path(p) => {
            own_ctx = crate::default_context();
            let bytes =
                std::fs::read(p).map_err(|e| Error(format!("{}: error: {e}", p.display())))?;
            if p.extension().is_some_and(|e| e == "onnx") {
                return Err(Error(format!(
                    "{}: error: import ONNX models with strata-onnx (or `strata compile`) first",
                    p.display()
                )));
            }
            owned = text::parse_bytes(
                &own_ctx,
                &p.display().to_string(),
                &bytes,
                &Default::default(),
            )
            .map_err(|d| {
                Error(
                    d.iter()
                        .map(|d| crate::ir::diag::render(&own_ctx, &Default::default(), d))
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            })?;
            (&own_ctx, &mut owned)
        }
        Source::Module(c, m) => {
            owned = m.clone();
            (c, &mut owned)
        }
    };
    let signature = crate::containers::specialise(
        ctx,
        module,
        opts.entry.as_deref(),
        opts.structure.as_deref(),
    )?;
    match &opts.pipeline {
        Some(text) => lower_with(ctx, module, target, text)?,
        None => lower(ctx, module, target)?,
    }
    let cg = CodegenOptions {
        opt_level: opts.opt_level,
        keep_dir: opts.keep_temps.clone(),
        output: opts.output.clone(),
        source_only: opts.emit == EmitLevel::C,
    };
    let artifact = target
        .get()
        .codegen(ctx, module, &cg)
        .map_err(|e| Error(e.to_string()))?;
    let program = match opts.emit {
        EmitLevel::C => None,
        EmitLevel::Native => {
            Some(Program::load(artifact.clone(), opts.threads).map_err(|e| Error(e.0))?)
        }
    };
    Ok(Compiled {
        artifact,
        program,
        entry: opts.entry.clone(),
        signature,
    })
}
