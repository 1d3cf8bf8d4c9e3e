//! The graph dialect's verifier: every op's checks live in its shape inference function
//! ([`OpDef::infer`](strata_ir::OpDef::infer)), so that the importer, the builder helpers and
//! the verifier agree; [`verify_inferred`] runs it on an op and checks the declared result
//! types against the inferred ones.
//!
//! Declared results may be more or less static than inferred ones (`tensor<?xf32>` against an
//! inferred `tensor<4xf32>` and the reverse are both accepted, as MLIR's
//! `isCompatibleReturnTypes` does for shaped types), but element types and ranks must match.
//! An op whose definition allows a bounded range of result counts (`Arity::Range`: the
//! optional `mask` of `graph.dropout`, the optional `indices` of `graph.max_pool`) may declare
//! a prefix of the inferred results; other ops (including the variadic `graph.split`) must
//! declare exactly the inferred count.

use crate::util::{ty_str, types_compatible};
use strata_ir::{Attribute, Context, Diagnostic, OpRef, Type};

/// The op's attributes as one dictionary: its properties, plus discardable attributes of
/// names the properties lack (the generic form allows inherent attributes in either).
pub fn merged_attrs(op: &OpRef<'_>) -> Attribute {
    let d = op.body.op(op.op);
    let ctx = op.ctx;
    if ctx.dict_entries(d.attrs).is_empty() {
        return d.props;
    }
    let mut dict = d.props;
    for e in ctx.dict_entries(d.attrs) {
        if ctx.dict_get(dict, ctx.str(e.name)).is_none() {
            dict = ctx.dict_set(dict, ctx.str(e.name), Some(e.value));
        }
    }
    dict
}

/// Run the op's shape inference on its operand types and attributes (`None` when the op is
/// not registered or has no inference).
pub fn infer_op(op: &OpRef<'_>) -> Option<Result<Vec<Type>, String>> {
    let f = op.def()?.infer?;
    let types: Vec<Type> = op.body.operands(op.op).map(|v| op.ty(v)).collect();
    Some(f(op.ctx, &types, merged_attrs(op)))
}

/// Render a list of types as MLIR does in return-type diagnostics.
fn types_str(ctx: &Context, tys: &[Type]) -> String {
    tys.iter()
        .map(|&t| ty_str(ctx, t))
        .collect::<Vec<_>>()
        .join("', '")
}

/// The verifier of every graph op: run inference, then compare the declared results.
pub fn verify_inferred(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let Some(inferred) = infer_op(&op) else {
        return Ok(());
    };
    let inferred = inferred.map_err(|m| op.error(m))?;
    let declared: Vec<Type> = op.body.results(op.op).iter().map(|&v| op.ty(v)).collect();
    // Optional trailing results: a bounded range of result counts (`Arity::Range`).
    let allowed = op.def().is_some_and(|d| {
        matches!(d.results, strata_ir::Arity::Range(..)) && d.results.allows(declared.len())
    });
    if declared.len() > inferred.len() || (declared.len() < inferred.len() && !allowed) {
        return Err(op.error(format_args!(
            "expected {} results, but found {}",
            inferred.len(),
            declared.len()
        )));
    }
    let prefix = &inferred[..declared.len()];
    if declared
        .iter()
        .zip(prefix)
        .any(|(&d, &i)| !types_compatible(op.ctx, d, i))
    {
        return Err(op.error(format_args!(
            "inferred type(s) '{}' are incompatible with return type(s) of operation '{}'",
            types_str(op.ctx, prefix),
            types_str(op.ctx, &declared)
        )));
    }
    Ok(())
}
