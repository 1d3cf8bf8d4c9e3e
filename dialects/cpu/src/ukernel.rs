//! `cpu.ukernel`: a call of a cpu micro-kernel in the variant the target's features select
//! (what `hw.intrinsic` of a micro-kernel becomes after `hw-to-cpu`).

use crate::target::{enclosing_target, CpuTargetAttr};
use strata_dialect_hw::parallel::{BATCH_MATMUL_ACC, CONV2D_NCHW_ACC};
use strata_dialect_hw::util::{string_c, string_value};
use strata_dialect_loop::layout::memref_parts;
use strata_dialect_tensor::util::{i64_array, ty_str};
use strata_ir::{op, Arity, Diagnostic, FloatKind, OpRef, Traits, TypeKind};

/// The micro-kernels `cpu.ukernel` calls.
pub const UKERNELS: &[&str] = &[BATCH_MATMUL_ACC, CONV2D_NCHW_ACC];

/// The variants of the micro-kernels, best first: (name, features it needs). A variant is
/// the code path of the kernels' C source (`ukernels.h` of the cpu target) that those
/// features select: `x86_avx_fma` (256-bit AVX registers, fused multiply-add),
/// `x86_avx` (AVX, multiply then add) and `generic` (portable C vectors).
pub const VARIANTS: &[(&str, &[&str])] = &[
    ("x86_avx_fma", &["avx", "fma"]),
    ("x86_avx", &["avx"]),
    ("generic", &[]),
];

/// The best variant the features of `target` allow.
pub fn select_variant(target: &CpuTargetAttr) -> &'static str {
    VARIANTS
        .iter()
        .find(|(_, need)| need.iter().all(|f| target.has(f)))
        .map_or("generic", |(v, _)| v)
}

op! {
    /// Calls the cpu micro-kernel `name` in the code-path `variant` on memref operands
    /// (no results).
    ///
    /// `name` is one of the cpu target's micro-kernels, with the semantics of the
    /// `hw.intrinsic` of that name (see `strata-interp`'s `ops/ukernels.rs`):
    /// `strata.batch_matmul_acc` (operands `A`, `B`, `C` of rank >= 2, batch dimensions
    /// right-aligned; unit
    /// attributes `transpose_a`, `transpose_b`) and `strata.conv2d_nchw_acc` (input,
    /// filter, output of rank 4; `strides` and `dilations`, two positive integers each).
    /// Operands are f32 memrefs. `variant` is `x86_avx_fma`, `x86_avx` or `generic`; the
    /// features of the enclosing `cpu.target` must include those the variant needs (`avx`
    /// and `fma`, `avx`, none). The interpreter runs every variant alike (each multiply
    /// and add rounded); compiled code may fuse them in the `fma` variant.
    ///
    /// ```mlir
    /// "cpu.ukernel"(%a, %b, %c) <{name = "strata.batch_matmul_acc", variant = "generic"}> : (memref<2x4x8xf32>, memref<2x8x3xf32>, memref<2x4x3xf32>) -> ()
    /// ```
    pub struct UkernelOp = "cpu.ukernel";
    summary: "call a micro-kernel variant chosen for the features";
    attrs: [callee = "name", variant = "variant"];
    def: {
        traits: Traits::HAS_SIDE_EFFECTS,
        operands: Arity::Exactly(3),
        results: Arity::Exactly(0),
        attrs: &[string_c("name", true), string_c("variant", true)],
        verify: Some(verify_ukernel),
    }
}

fn verify_ukernel(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let target = enclosing_target(&op)?;
    let s = |n: &str| op.attr(n).and_then(|a| string_value(ctx, a)).unwrap_or("");
    let (name, variant) = (s("name"), s("variant"));
    if !UKERNELS.contains(&name) {
        return Err(op.error(format_args!(
            "unknown micro-kernel \"{name}\" (expected one of {})",
            UKERNELS.join(", ")
        )));
    }
    let Some((_, need)) = VARIANTS.iter().find(|(v, _)| *v == variant) else {
        let all: Vec<&str> = VARIANTS.iter().map(|(v, _)| *v).collect();
        return Err(op.error(format_args!(
            "unknown variant \"{variant}\" (expected one of {})",
            all.join(", ")
        )));
    };
    if let Some(f) = need.iter().find(|f| !target.has(f)) {
        return Err(op.error(format_args!(
            "variant \"{variant}\" needs feature '{f}', which the target [{}] lacks",
            target.features.join(", ")
        )));
    }
    let want_rank = if name == CONV2D_NCHW_ACC {
        Some(4)
    } else {
        None
    };
    for i in 0..3 {
        let t = op.ty(op.operand(i));
        let p = memref_parts(ctx, t).filter(|p| {
            matches!(ctx.type_kind(p.elem), TypeKind::Float(FloatKind::F32))
                && p.shape.len() >= 2
                && want_rank.is_none_or(|r| p.shape.len() == r)
        });
        if p.is_none() {
            return Err(op.error(format_args!(
                "operand #{i} must be an f32 memref of {}, but is {}",
                match want_rank {
                    Some(r) => format!("rank {r}"),
                    None => "rank at least 2".into(),
                },
                ty_str(ctx, t)
            )));
        }
    }
    if name == CONV2D_NCHW_ACC {
        for n in ["strides", "dilations"] {
            match op.attr(n).and_then(|a| i64_array(ctx, a)).as_deref() {
                Some([x, y]) if *x > 0 && *y > 0 => {}
                _ => return Err(op.error(format_args!("'{n}' must be two positive integers"))),
            }
        }
    }
    Ok(())
}
