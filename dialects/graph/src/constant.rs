//! `graph.constant`: a tensor constant given by a dense elements or dense resource attribute
//! (weights live in the context's resource table and are never copied by rewrites).

use crate::util::{elem_class, ranked, ty_str};
use strata_ir::{
    op, Arity, AttrConstraint, AttrKind, Attribute, Context, Diagnostic, FoldResult, OpRef, Traits,
    Type,
};

/// The type of a dense elements or dense resource attribute.
pub fn elements_type(ctx: &Context, attr: Attribute) -> Option<Type> {
    match ctx.attr_kind(attr) {
        AttrKind::DenseElements { ty, .. } | AttrKind::DenseResource { ty, .. } => Some(*ty),
        _ => None,
    }
}

/// Whether `attr` can be the value of a `graph.constant` of type `ty`: a dense elements or
/// dense resource attribute of exactly that type, a ranked tensor of a graph element type.
pub fn is_constant_value(ctx: &Context, attr: Attribute, ty: Type) -> bool {
    elements_type(ctx, attr) == Some(ty)
        && ranked(ctx, ty).is_some_and(|(_, e)| elem_class(ctx, e).is_some())
}

fn is_elements(ctx: &Context, a: Attribute) -> bool {
    elements_type(ctx, a).is_some()
}

/// Inference of `constant`: the type of its `value`.
pub fn infer_constant(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if !types.is_empty() {
        return Err(format!("expected 0 operands, but found {}", types.len()));
    }
    let value = ctx
        .dict_get(attrs, "value")
        .ok_or_else(|| "requires attribute 'value'".to_string())?;
    let ty = elements_type(ctx, value).ok_or_else(|| {
        "attribute 'value' failed to satisfy constraint: dense elements or dense resource attribute"
            .to_string()
    })?;
    match ranked(ctx, ty) {
        Some((shape, e)) if elem_class(ctx, e).is_some() && crate::shape::is_static(shape) => {
            Ok(vec![ty])
        }
        _ => Err(format!(
            "value type '{}' must be a statically shaped tensor of bool, integer or floating-point values",
            ty_str(ctx, ty)
        )),
    }
}

fn verify_constant(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let inferred = crate::verify::infer_op(&op)
        .unwrap_or_else(|| Err("has no inference".to_string()))
        .map_err(|m| op.error(m))?;
    let declared = op.ty(op.result(0));
    if inferred.first() != Some(&declared) {
        return Err(op.error(format_args!(
            "value type '{}' does not match the result type '{}'",
            inferred
                .first()
                .map_or(String::new(), |&t| ty_str(op.ctx, t)),
            ty_str(op.ctx, declared)
        )));
    }
    Ok(())
}

fn fold_constant(op: OpRef<'_>, _: &[Option<Attribute>]) -> Option<Vec<FoldResult>> {
    Some(vec![FoldResult::Attr(op.attr("value")?)])
}

op! {
    /// A tensor constant (ONNX `Constant`, opset 19, tensor form; also what initializers
    /// import to). `value` is a `dense<...>` or `dense_resource<...>` attribute whose type is
    /// exactly the result type, a statically shaped ranked tensor of a graph element type.
    ///
    /// Folds to its value.
    ///
    /// ```mlir
    /// %0 = "graph.constant"() <{value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
    /// %1 = "graph.constant"() <{value = dense_resource<conv1_weight> : tensor<64x3x7x7xf32>}> : () -> tensor<64x3x7x7xf32>
    /// ```
    pub struct ConstantOp = "graph.constant";
    summary: "tensor constant";
    results: [output];
    attrs: [value = "value"];
    def: {
        traits: Traits::PURE.with(Traits::CONSTANT_LIKE),
        operands: Arity::Exactly(0),
        results: Arity::Exactly(1),
        result_type: Some(crate::util::ANY_TENSOR),
        attrs: &[AttrConstraint {
            name: "value",
            required: true,
            description: "dense elements or dense resource attribute",
            check: is_elements,
        }],
        verify: Some(verify_constant),
        fold: Some(fold_constant),
        infer: Some(infer_constant),
        materialize_constant: Some(crate::materialize_constant),
    }
}
