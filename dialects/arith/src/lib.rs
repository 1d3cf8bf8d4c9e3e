//! The `arith` dialect: integer and floating-point arithmetic, comparisons, `select` and
//! casts on scalars, vectors and tensors, matching MLIR 22's `arith` dialect (op names,
//! operand/result/property names, semantics, verifiers, folders and custom syntax).
//!
//! * [`ops`]: the op declarations, verifiers and folders;
//! * [`enums`]: `#arith.fastmath<...>`, `#arith.overflow<...>`, rounding modes and the
//!   comparison predicates;
//! * [`apint`] / [`apfloat`]: fixed-width integer and IEEE float arithmetic with LLVM's
//!   `APInt`/`APFloat` semantics, used by the constant folders;
//! * [`consts`] / [`fold`]: decoding and building constant attributes, element-wise folding;
//! * [`util`]: MLIR's type constraints and shape-trait verifiers (shared with `math`);
//! * [`format`]: the custom assembly formats.

pub mod apfloat;
pub mod apint;
pub mod consts;
pub mod enums;
pub mod fold;
pub mod format;
pub mod ops;
pub mod util;

pub use enums::{CmpFPredicate, CmpIPredicate, FastMathFlags, OverflowFlags, RoundingMode};
pub use ops::*;

use strata_ir::{Attribute, DialectDef, OpBuilder, Type, Value};

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "arith",
    summary: "Basic integer and floating point mathematical operations",
    description: "The arith dialect holds basic integer and floating point mathematical \
                  operations (addition, multiplication, division, comparison, select, \
                  extension and truncation, conversions), applicable element-wise to \
                  vectors and tensors. Integers are signless two's complement bit vectors; \
                  operations decide signedness.",
    ops: ops::OPS,
};

/// Materialise a constant of type `ty` with value `attr` as an `arith.constant` at the
/// builder's insertion point (MLIR's `ArithDialect::materializeConstant`). Returns `None`
/// when `arith.constant` cannot hold it (the attribute's type differs from `ty`, a
/// non-signless integer element type, or an attribute that is not an integer, float or
/// elements attribute).
pub fn materialize_constant(
    builder: &mut OpBuilder<'_>,
    attr: Attribute,
    ty: Type,
) -> Option<Value> {
    if !ops::is_buildable_with(builder.ctx, attr, ty) {
        return None;
    }
    Some(builder.build_value(ConstantOp::NAME, &[], ty, &[("value", attr)]))
}

pub use format::register_interfaces;

/// Register the dialect and attach its assembly interfaces (SSA name hints).
pub fn register(ctx: &mut strata_ir::Context) {
    ctx.register_dialect(&DIALECT);
    register_interfaces(ctx);
}
