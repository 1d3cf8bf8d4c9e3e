//! The `cpu` dialect: what is specific to the host CPU after the `hw` level.
//!
//! * [`target`]: the `cpu.target` attribute (the CPU features and the native vector
//!   register widths they give), on a function or the module;
//! * [`vector`]: native-register vector ops, `cpu.vload` / `cpu.vstore` (contiguous,
//!   optionally masked), `cpu.vbroadcast`, `cpu.vfma` and `cpu.vreduce` (fixed sequential
//!   lane order, so results are bit-exact), whose vectors must fit one register of the
//!   target; element-wise arithmetic on those vectors is `arith`/`math`;
//! * [`ukernel`]: `cpu.ukernel`, a call of a micro-kernel in the variant the features
//!   select.
//!
//! `hw-to-cpu` (in `strata-target-cpu`) produces this level from `hw`; the cpu target's C
//! emitter turns each vector into one value of a GCC/Clang vector type. Ops are written in
//! MLIR's generic form. Interpreter semantics are in `strata-interp`.

pub mod target;
pub mod ukernel;
pub mod vector;

pub use target::{CpuTargetAttr, TARGET_ATTR};
pub use ukernel::UkernelOp;
pub use vector::{VBroadcastOp, VFmaOp, VLoadOp, VReduceOp, VStoreOp};

use strata_ir::{Context, DialectDef, OpDef};

/// Every op of the dialect, in documentation order.
pub static OPS: &[&OpDef] = &[
    &VLoadOp::DEF,
    &VStoreOp::DEF,
    &VBroadcastOp::DEF,
    &VFmaOp::DEF,
    &VReduceOp::DEF,
    &UkernelOp::DEF,
];

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "cpu",
    summary: "Native vector registers and micro-kernel variants of the host CPU",
    description: "The cpu dialect is the level below `hw` for the cpu target. A \
                  `cpu.target` attribute on a function or the module (a dictionary: \
                  `features`, an array of feature names such as \"avx2\", and \
                  `float_bits` / `int_bits`, the vector register widths for float and \
                  integer lanes, 0 when there are none) says which CPU the code is for. \
                  `cpu.vload`/`cpu.vstore` move one register between memory and a vector \
                  (contiguous, with an optional mask for remainders), `cpu.vbroadcast`, \
                  `cpu.vfma` (fused) and `cpu.vreduce` (sequential from lane 0) compute on \
                  registers, and `arith`/`math` ops apply to them element-wise; every \
                  vector of a cpu op is 1-D, holds f32, f64, i8, i16, i32 or i64 lanes and \
                  fits one register of the target. `cpu.ukernel` calls a micro-kernel in \
                  the variant (`x86_avx_fma`, `x86_avx`, `generic`) the features allow. \
                  Ops are written in MLIR's generic form.",
    ops: OPS,
};

/// Register the `cpu` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut Context) {
    ctx.register_dialect(&DIALECT);
}
