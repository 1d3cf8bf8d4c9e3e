//! `hw-to-cpu`: the cpu target's lowering of the `hw` level to the `cpu` dialect for a set
//! of CPU features (`docs/lowering.md`, "After `hw-to-cpu`").
//!
//! Each function gets the `cpu.target` attribute of the features (their register widths:
//! 512 bits with AVX-512, 256 with AVX (128 for integers without AVX2), 128 with SSE or
//! NEON, none otherwise). Then, in every function:
//!
//! * `hw.load`, `hw.store`, `hw.broadcast`, `hw.fma` and `hw.reduction` on 1-D vectors of
//!   `f32`, `f64`, `i8`..`i64` become `cpu.vload`, `cpu.vstore`, `cpu.vbroadcast`,
//!   `cpu.vfma` and `cpu.vreduce`;
//! * a vector wider than one register is split ([`split`]): every vector of more than `P`
//!   lanes (`P`: the fewest lanes a register holds among the element types of the vectors
//!   that do not fit) becomes `lanes / P` pieces of `P` lanes, loads and stores at
//!   consecutive positions, element-wise `arith`/`math` ops per piece, and a reduction a
//!   chain of piece reductions in lane order (so results stay bit for bit those of
//!   `hw.reduction`). Without vector registers (`P = 1`) the pieces are scalars:
//!   `loop.load`/`loop.store`, `math.fma` and the scalar arith ops;
//! * `hw.intrinsic` of a cpu micro-kernel becomes `cpu.ukernel` with the best variant the
//!   features allow.
//!
//! Ops this pass does not lower stay as they are when their vectors need no split
//! (`hw.parallel`, `hw.transfer_read`, `hw.shuffle`, ...; the C emitter handles them); a
//! vector that needs a split but reaches such an op (a loop-carried vector, a shuffle) is a
//! diagnostic naming the op and the pass. Statistics: `num-cpu-ops` (cpu ops created),
//! `num-split` (vector values split), `num-ukernels`.

pub mod split;

use crate::features;
use strata_dialect_cpu::{CpuTargetAttr, TARGET_ATTR};
use strata_pass::{
    AnalysisManager, IrUnit, OptionKind, Pass, PassFailed, PassInfo, PassOptionInfo, PASSES,
};

/// Registration of `hw-to-cpu`.
#[linkme::distributed_slice(PASSES)]
pub static HW_TO_CPU: PassInfo = PassInfo {
    name: "hw-to-cpu",
    summary: "Lower hw vector ops to native-register cpu ops and hw.intrinsic to cpu.ukernel",
    description: "Sets `cpu.target` (the features and their vector register widths) on each \
                  function and rewrites `hw.load`, `hw.store`, `hw.broadcast`, `hw.fma` and \
                  `hw.reduction` on 1-D vectors of f32, f64, i8, i16, i32 or i64 into \
                  `cpu.vload`, `cpu.vstore`, `cpu.vbroadcast`, `cpu.vfma` and \
                  `cpu.vreduce`. Vectors wider than a register are split into register-sized \
                  pieces (element-wise `arith`/`math` per piece, reductions chained in lane \
                  order, so results are bit for bit unchanged); without vector registers the \
                  pieces are scalars. `hw.intrinsic` calls of the cpu micro-kernels become \
                  `cpu.ukernel` with the best variant the features allow. Other hw ops stay \
                  when their vectors fit; a vector that must be split but reaches an op the \
                  pass cannot split is an error naming the op.\n\n\
                  Statistics: `num-cpu-ops`, `num-split`, `num-ukernels`.",
    anchor: None,
    options: &[
        PassOptionInfo {
            name: "features",
            description: "The CPU features (e.g. `avx,avx2,fma`); `host` for the features \
                      detected on this machine, `none` for none",
            default: "host",
            kind: OptionKind::List,
        },
        PassOptionInfo {
            name: "vector-bits",
            description: "Override the register width the features give, for float and integer \
                      lanes alike: 0 for no vector registers (the scalar fallback), or a \
                      power of two from 64 to 4096; -1 (the default) keeps the features' widths",
            default: "-1",
            kind: OptionKind::Int,
        },
    ],
    create: |o| {
        let list = o.get_list("features");
        let feats = if list.len() == 1 && list[0] == "host" {
            features::detect()
        } else if list.len() == 1 && list[0] == "none" {
            Vec::new()
        } else {
            let known = features::known();
            let mut out = Vec::new();
            for f in list.iter().filter(|f| !f.is_empty()) {
                if !known.contains(&f.as_str()) {
                    return Err(format!(
                        "unknown feature '{f}' (known on {}: {})",
                        std::env::consts::ARCH,
                        known.join(", ")
                    ));
                }
                out.push(f.clone());
            }
            out.sort();
            out.dedup();
            out
        };
        let mut target = target_attr(&feats);
        match o.get_i64("vector-bits") {
            -1 => {}
            b if b == 0 || ((64..=4096).contains(&b) && (b as u64).is_power_of_two()) => {
                target.float_bits = b as u32;
                target.int_bits = b as u32;
            }
            b => {
                return Err(format!(
                    "'vector-bits' must be -1, 0 or a power of two from 64 to 4096, but is {b}"
                ))
            }
        }
        Ok(Box::new(HwToCpu { target }))
    },
};

/// The `cpu.target` of a feature set.
pub fn target_attr(feats: &[String]) -> CpuTargetAttr {
    let bits = features::vector_bits(feats);
    let get = |k: &str| bits.iter().find(|(e, _)| *e == k).map_or(0, |&(_, b)| b);
    CpuTargetAttr {
        features: feats.to_vec(),
        float_bits: get("f32"),
        int_bits: get("i32"),
    }
}

/// The `hw-to-cpu` pass.
#[derive(Clone, Debug)]
pub struct HwToCpu {
    /// The target the code is lowered for.
    pub target: CpuTargetAttr,
}

impl Pass for HwToCpu {
    fn info(&self) -> &'static PassInfo {
        &HW_TO_CPU
    }
    fn run(&self, unit: &mut IrUnit<'_>, _am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let ctx = unit.ctx;
        let attr = self.target.to_attr(ctx);
        let mut stats = split::Stats::default();
        let mut diags = Vec::new();
        for top in unit.top_ops() {
            if ctx.op_name_str(unit.body.name(top)) != "func.func" {
                continue;
            }
            let regions = unit.body.regions(top).to_vec();
            let Some(fb) = unit.body.nested_mut(top) else {
                continue;
            };
            if let Err(d) = split::lower_function(ctx, fb, &regions, &self.target, &mut stats) {
                diags.push(d);
                continue;
            }
            let d = unit.body.op_mut(top);
            d.attrs = ctx.dict_set(d.attrs, TARGET_ATTR, Some(attr));
        }
        unit.stat("num-cpu-ops", stats.cpu_ops);
        unit.stat("num-split", stats.split);
        unit.stat("num-ukernels", stats.ukernels);
        if diags.is_empty() {
            Ok(())
        } else {
            for d in diags {
                unit.emit(d);
            }
            Err(PassFailed)
        }
    }
}
