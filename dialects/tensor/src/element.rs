//! `tensor.extract`: read one element of a tensor as a scalar (upstream MLIR's
//! `tensor.extract`, same generic form). The lowering of a run-time `graph.if` reads its
//! `tensor<i1>` condition with it (`docs/lowering.md`); `bufferize` turns it into a
//! `loop.load`.

use crate::util::{operand_types, ranked, result_types, ty_str};
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits, TypeKind};

op! {
    /// Read the element of a ranked tensor at the given indices (MLIR `tensor.extract`):
    /// the operands are the tensor and one `index` per dimension, the result has the
    /// tensor's element type. An index out of bounds is an error when the op runs.
    ///
    /// ```mlir
    /// %c = "tensor.extract"(%cond) : (tensor<i1>) -> i1
    /// %x = "tensor.extract"(%t, %i, %j) : (tensor<4x8xf32>, index, index) -> f32
    /// ```
    pub struct ExtractOp = "tensor.extract";
    summary: "read one element of a tensor";
    results: [result];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        verify: Some(verify_extract),
    }
}

fn verify_extract(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let types = operand_types(&op);
    let Some((shape, elem)) = ranked(op.ctx, types[0]) else {
        return Err(op.error(format_args!(
            "source must be a ranked tensor, but is {}",
            ty_str(op.ctx, types[0])
        )));
    };
    if types.len() - 1 != shape.len() {
        return Err(op.error(format_args!(
            "expects {} indices (the rank of the source), but has {}",
            shape.len(),
            types.len() - 1
        )));
    }
    for (i, &t) in types[1..].iter().enumerate() {
        if !matches!(op.ctx.type_kind(t), TypeKind::Index) {
            return Err(op.error(format_args!(
                "index #{i} must be index, but is {}",
                ty_str(op.ctx, t)
            )));
        }
    }
    let r = result_types(&op)[0];
    if r != elem {
        return Err(op.error(format_args!(
            "result type {} must be the element type {} of the source",
            ty_str(op.ctx, r),
            ty_str(op.ctx, elem)
        )));
    }
    Ok(())
}
