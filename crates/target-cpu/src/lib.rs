//! The `cpu` target: native code for the host through C.
//!
//! * [`CpuTarget`]: the [`Target`] implementation, registered as `cpu` (spec options
//!   `features=+avx2,-avx512f,...` over the detected host features, and
//!   `parallel_min_cost=N`, the estimated cost from which a parallel loop runs on worker
//!   threads); [`CpuTarget::host`] is the target for this machine.
//! * [`emit`]: the C code generator from loop-level IR (`docs/lowering.md`), one module per
//!   dialect.
//! * [`features`]: run-time feature detection and the compiler flags of a feature set.
//! * [`cc`]: finding and running the system C compiler.
//! * [`lower`]: `hw-to-cpu`, the lowering of the `hw` level to the `cpu` dialect for the
//!   target's features.
//!
//! Generated code is compiled with `-O3 -ffp-contract=off` and without fast-math, so its
//! numbers match the interpreter's.

pub mod cc;
pub mod emit;
pub mod features;
pub mod lower;
pub mod ukernels;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use strata_ir::{Context, Module, OpRef};
use strata_target::{
    Artifact, CodegenError, CodegenOptions, CostModel, Descriptor, SpecError, Target, TargetInfo,
    TargetSpec, TempDir, ABI_VERSION,
};

/// The cpu target.
#[derive(Debug, Clone)]
pub struct CpuTarget {
    descriptor: Descriptor,
    /// Features given explicitly in the spec (`None`: the host's, compiled for `native`).
    override_features: Option<String>,
    emit: emit::EmitOptions,
    cost: CpuCost,
}

/// The cpu target's cost model: a rough cycle count per op.
#[derive(Debug, Clone, Copy, Default)]
pub struct CpuCost;

impl CostModel for CpuCost {
    fn op_cost(&self, op: &OpRef<'_>) -> f64 {
        let name = op.name();
        match name {
            "arith.constant" | "loop.yield" | "func.return" | "loop.subview"
            | "loop.get_global" => 0.0,
            "arith.divsi" | "arith.divui" | "arith.remsi" | "arith.remui" | "arith.divf"
            | "arith.ceildivsi" | "arith.ceildivui" | "arith.floordivsi" | "arith.remf" => 20.0,
            "loop.alloc" | "loop.dealloc" => 100.0,
            "loop.load" | "loop.store" => 2.0,
            "loop.copy" => {
                let t = op.ty(op.operand(0));
                match op.ctx.type_kind(t).shape() {
                    Some(s) => s.iter().map(|&d| d.max(1) as f64).product::<f64>() * 2.0,
                    None => 2.0,
                }
            }
            "math.sqrt" | "math.absf" | "math.copysign" | "math.fma" | "math.ceil"
            | "math.floor" | "math.trunc" | "math.roundeven" | "math.round" => 4.0,
            n if n.starts_with("math.") => 30.0,
            _ => 1.0,
        }
    }
}

impl CpuTarget {
    /// The target for this machine: detected features, cores and caches.
    pub fn host() -> CpuTarget {
        CpuTarget::from_features(features::detect(), None)
    }

    fn from_features(features: Vec<String>, override_features: Option<String>) -> CpuTarget {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let vector_bits: BTreeMap<String, u32> = features::vector_bits(&features)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect();
        CpuTarget {
            descriptor: Descriptor {
                name: "cpu".into(),
                arch: std::env::consts::ARCH.into(),
                vector_bits,
                l1d_bytes: cache_size(1, "Data").unwrap_or(32 << 10),
                l2_bytes: cache_size(2, "Unified").unwrap_or(1 << 20),
                l3_bytes: cache_size(3, "Unified").unwrap_or(8 << 20),
                cores,
                features,
            },
            override_features,
            emit: emit::EmitOptions::default(),
            cost: CpuCost,
        }
    }

    /// Build from a parsed spec.
    pub fn from_spec(spec: &TargetSpec) -> Result<CpuTarget, SpecError> {
        spec.check_known(&["features", "parallel_min_cost"])?;
        let mut t = match spec.get("features") {
            Some(list) => {
                let f = features::apply(&features::detect(), list)
                    .map_err(|m| spec.error_at("features", m))?;
                CpuTarget::from_features(f, Some(list.to_string()))
            }
            None => CpuTarget::host(),
        };
        if let Some(v) = spec.get("parallel_min_cost") {
            t.emit.parallel_min_cost = v
                .parse::<f64>()
                .ok()
                .filter(|x| x.is_finite() && *x >= 0.0)
                .ok_or_else(|| {
                    spec.error_at("parallel_min_cost", "expected a non-negative number")
                })?;
        }
        Ok(t)
    }

    /// Set the estimated cost from which parallel loops run on worker threads.
    pub fn with_parallel_min_cost(mut self, cost: f64) -> Self {
        self.emit.parallel_min_cost = cost;
        self
    }

    /// The compiler flags used for an optimisation level.
    pub fn flags(&self, opt_level: u8) -> Vec<String> {
        let mut f = vec![format!("-O{}", opt_level.min(3))];
        match &self.override_features {
            None => f.push("-march=native".into()),
            Some(_) => f.extend(features::march_flags(&self.descriptor.features)),
        }
        for x in [
            "-fPIC",
            "-shared",
            "-ffp-contract=off",
            "-fno-math-errno",
            "-fvisibility=hidden",
            "-std=gnu11",
            "-w",
        ] {
            f.push(x.into());
        }
        f
    }

    /// Emit the C of a module without compiling it.
    pub fn emit_c(&self, ctx: &Context, module: &Module) -> Result<emit::CUnit, CodegenError> {
        emit::emit_module(ctx, module, &self.cost, &self.emit).map_err(CodegenError::Unsupported)
    }
}

/// Size of the cache of `level` and `kind` from Linux's sysfs.
fn cache_size(level: u32, kind: &str) -> Option<u64> {
    let base = Path::new("/sys/devices/system/cpu/cpu0/cache");
    for i in 0..8 {
        let d = base.join(format!("index{i}"));
        let read = |f: &str| std::fs::read_to_string(d.join(f)).ok();
        let (Some(l), Some(t), Some(s)) = (read("level"), read("type"), read("size")) else {
            continue;
        };
        if l.trim() == level.to_string() && t.trim() == kind {
            let s = s.trim();
            let (num, mul) = match s.strip_suffix('K') {
                Some(n) => (n, 1024),
                None => match s.strip_suffix('M') {
                    Some(n) => (n, 1 << 20),
                    None => (s, 1),
                },
            };
            return num.parse::<u64>().ok().map(|n| n * mul);
        }
    }
    None
}

/// Escape a path for a string in GNU assembler syntax inside a C string literal.
fn asm_path(p: &Path) -> String {
    let mut s = String::new();
    for c in p.display().to_string().chars() {
        match c {
            '"' => s.push_str("\\\\\\\""),
            '\\' => s.push_str("\\\\\\\\"),
            c => s.push(c),
        }
    }
    s
}

impl Target for CpuTarget {
    fn name(&self) -> &str {
        "cpu"
    }
    fn spec(&self) -> String {
        let mut opts = Vec::new();
        if let Some(f) = &self.override_features {
            opts.push(format!("features={f}"));
        }
        if self.emit.parallel_min_cost != emit::EmitOptions::default().parallel_min_cost {
            opts.push(format!("parallel_min_cost={}", self.emit.parallel_min_cost));
        }
        if opts.is_empty() {
            "cpu".into()
        } else {
            format!("cpu{{{}}}", opts.join(","))
        }
    }
    fn descriptor(&self) -> &Descriptor {
        &self.descriptor
    }
    fn pipeline(&self) -> String {
        // `canonicalize,saturate,canonicalize` optimise at the graph level (equality
        // saturation with the default rule packs; the pipeline gives the same numbers
        // without them, see crates/strata/tests/optimisation_invariance.rs). `hw-to-cpu`
        // turns the micro-kernel intrinsics into `cpu.ukernel` calls of the variant these
        // features select; `loop-to-hw` is not in the pipeline yet (its speed against the
        // scalar code is still to be measured).
        let feats = if self.descriptor.features.is_empty() {
            "none".to_string()
        } else {
            self.descriptor.features.join(",")
        };
        format!(
            "canonicalize,unroll-regions,saturate,canonicalize,graph-to-tensor{{full=true}},tensor-generalize,\
             bufferize,cpu-ukernels,tensor-to-loop,hw-to-cpu{{features={feats}}}"
        )
    }
    fn cost_model(&self) -> &dyn CostModel {
        &self.cost
    }
    fn codegen(
        &self,
        ctx: &Context,
        module: &Module,
        opts: &CodegenOptions,
    ) -> Result<Artifact, CodegenError> {
        let unit = self.emit_c(ctx, module)?;
        let io = |e: std::io::Error, what: &Path| {
            CodegenError::Io(format!("cannot write {}: {e}", what.display()))
        };
        let (dir, temp) = match &opts.keep_dir {
            Some(d) => {
                std::fs::create_dir_all(d).map_err(|e| io(e, d))?;
                (d.clone(), None)
            }
            None => {
                let t = TempDir::new("strata-cpu").map_err(|e| {
                    CodegenError::Io(format!("cannot create a temporary directory: {e}"))
                })?;
                (t.path().to_path_buf(), Some(Arc::new(t)))
            }
        };
        let dir = dir
            .canonicalize()
            .map_err(|e| CodegenError::Io(format!("{}: {e}", dir.display())))?;
        let mut source = unit.source;
        if !unit.blob.is_empty() {
            let blob = dir.join("strata_blob.bin");
            std::fs::write(&blob, &unit.blob).map_err(|e| io(e, &blob))?;
            source = source.replace(emit::BLOB_PATH_MARK, &asm_path(&blob));
        }
        let c_path = dir.join("module.c");
        std::fs::write(&c_path, &source).map_err(|e| io(e, &c_path))?;
        let flags = self.flags(if opts.opt_level == 0 {
            0
        } else {
            opts.opt_level
        });
        let mut art = Artifact {
            target: self.spec(),
            so_path: None,
            source_path: c_path.clone(),
            compiler: cc::compiler().join(" "),
            flags: flags.clone(),
            abi_version: ABI_VERSION,
            entries: unit.entries,
            temp,
        };
        if opts.source_only {
            return Ok(art);
        }
        let so = opts.output.clone().unwrap_or_else(|| dir.join("module.so"));
        cc::compile(&c_path, &so, &flags)?;
        art.so_path = Some(so);
        Ok(art)
    }
}

fn make(spec: &TargetSpec) -> Result<Arc<dyn Target>, SpecError> {
    Ok(Arc::new(CpuTarget::from_spec(spec)?))
}

#[linkme::distributed_slice(strata_target::TARGETS)]
static CPU: TargetInfo = TargetInfo {
    name: "cpu",
    summary: "the host CPU, through generated C compiled by the system C compiler",
    make,
};
