//! The `math` dialect: transcendental and other mathematical functions on float and integer
//! scalars, vectors and tensors, matching MLIR 22's `math` dialect (op names, `fastmath`
//! properties, semantics, verifiers, folders and custom syntax).
//!
//! Folders follow MLIR: the libm-style functions (`sin`, `exp`, `log`, ...) fold `f32` and
//! `f64` constants only (with the platform's single/double precision functions), rounding
//! ops (`ceil`, `floor`, `roundeven`), `absf`, `copysign` and the integer ops fold every
//! width exactly, and the classification ops fold scalars and splats.

pub mod ops;

pub use ops::*;

use strata_ir::DialectDef;

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "math",
    summary: "Mathematical operations on scalars, vectors and tensors",
    description: "The math dialect holds mathematical operations on integer and floating-point \
                  types beyond simple arithmetic (trigonometric and hyperbolic functions, \
                  exponentials and logarithms, rounding, bit counting, powers, classification). \
                  Every op applies element-wise to vectors and tensors and has no side effects. \
                  Floating-point ops carry `#arith.fastmath<...>` flags.",
    ops: ops::OPS,
};

/// Attach the math dialect's assembly interfaces (result names `%sin, %cos` of
/// `math.sincos`) to a context. Call after registering the dialect.
pub fn register_interfaces(ctx: &mut strata_ir::Context) {
    strata_dialect_arith::format::register_math_interfaces(ctx);
}

/// Register the dialect (and `arith`, whose constants materialise math folds) and attach
/// the assembly interfaces (SSA name hints).
pub fn register(ctx: &mut strata_ir::Context) {
    strata_dialect_arith::register(ctx);
    ctx.register_dialect(&DIALECT);
    register_interfaces(ctx);
}
