//! `bitcast`: reinterpreting the bits of each element as another element type of the same
//! width (ONNX `BitCast`, opset 26).

use crate::attr::{type_req, Attrs};
use crate::util::{elem_class, operands, ty_str, Elems, ANY_TENSOR};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, Attribute, Context, Traits, Type, TypeKind};

/// The bit width of a graph element type for `bitcast`: its width, except `i1`, which is one
/// byte as ONNX stores `bool`.
pub fn bitcast_width(ctx: &Context, t: Type) -> Option<u32> {
    elem_class(ctx, t)?;
    match ctx.type_kind(t) {
        TypeKind::Integer { width: 1, .. } => Some(8),
        TypeKind::Integer { width, .. } => Some(*width),
        TypeKind::Float(k) => Some(k.width()),
        _ => None,
    }
}

/// Inference of `bitcast`: any graph tensor; element type `to` of the same width (see
/// [`bitcast_width`]); the result has the operand's shape.
pub fn infer_bitcast(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Any)?;
    let to = Attrs::new(ctx, attrs).ty_req("to")?;
    let Some(w_to) = bitcast_width(ctx, to) else {
        return Err(format!(
            "attribute 'to' must be a bool, integer or float type, but got '{}'",
            ty_str(ctx, to)
        ));
    };
    let w_from = bitcast_width(ctx, ops[0].elem).unwrap_or(0);
    if w_from != w_to {
        return Err(format!(
            "'to' ({}, {w_to} bits) must have the width of the operand's element type ({}, \
             {w_from} bits)",
            ty_str(ctx, to),
            ty_str(ctx, ops[0].elem)
        ));
    }
    Ok(vec![crate::util::tensor(ctx, ops[0].shape, to)])
}

op! {
    /// Elementwise reinterpretation of bits (ONNX `BitCast`, opset 26): each element's bit
    /// pattern (little-endian two's complement for integers, the IEEE or small-float
    /// encoding for floats) read as element type `to`, which must have the same width. `i1`
    /// counts as one byte, as ONNX stores `bool`: `true` is `1`, and a byte reads as `true`
    /// when it is nonzero. The result has the operand's shape.
    ///
    /// ```mlir
    /// %0 = "graph.bitcast"(%x) <{to = i32}> : (tensor<2x3xf32>) -> tensor<2x3xi32>
    /// ```
    pub struct BitcastOp = "graph.bitcast";
    summary: "elementwise bit reinterpretation";
    operands: [input];
    results: [output];
    attrs: [to = "to"];
    def: {
        traits: Traits::PURE.with(Traits::ELEMENTWISE),
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        attrs: &[type_req("to")],
        verify: Some(verify_inferred),
        infer: Some(infer_bitcast),
    }
}
