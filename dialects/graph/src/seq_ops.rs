//! Sequence and optional ops (ONNX `Sequence*`, `SplitToSequence`, `ConcatFromSequence`,
//! `Optional*`) on the types of [`container`](crate::container).
//!
//! Each op infers its result type from its operand types (where there are operands) and
//! its verifier checks the declared result against it with
//! [`value_types_compatible`](crate::container::value_types_compatible). Positions are
//! single-element `i32` or `i64` tensors; negative positions count from the end (ONNX).

use crate::attr::{i64_c, Attrs};
use crate::container::{
    join_tensor, opt_elem, opt_type, seq_elem, seq_type, value_types_compatible,
};
use crate::util::{ranked, ty_str};
use strata_ir::{op, Arity, Attribute, Context, Diagnostic, OpRef, Traits, Type, TypeKind};

fn seq_operand(ctx: &Context, t: Type, i: usize) -> Result<Type, String> {
    seq_elem(ctx, t).ok_or_else(|| {
        format!(
            "operand #{i} must be a sequence ('!graph.seq<...>'), but got '{}'",
            ty_str(ctx, t)
        )
    })
}

fn tensor_operand(ctx: &Context, t: Type, i: usize) -> Result<Type, String> {
    if crate::container::is_tensor(ctx, t) {
        Ok(t)
    } else {
        Err(format!(
            "operand #{i} must be a tensor, but got '{}'",
            ty_str(ctx, t)
        ))
    }
}

fn position_operand(ctx: &Context, t: Type, i: usize) -> Result<(), String> {
    let ok = ranked(ctx, t).is_some_and(|(s, e)| {
        s.iter().all(|&d| d == 1) && (e == ctx.int_type(64) || e == ctx.int_type(32))
    });
    if ok {
        Ok(())
    } else {
        Err(format!(
            "operand #{i} (position) must be a single-element i32 or i64 tensor, but got '{}'",
            ty_str(ctx, t)
        ))
    }
}

fn count(types: &[Type], min: usize, max: usize) -> Result<(), String> {
    if types.len() < min || types.len() > max {
        return Err(format!(
            "expects {} operands, but got {}",
            if min == max {
                min.to_string()
            } else {
                format!("{min} to {max}")
            },
            types.len()
        ));
    }
    Ok(())
}

/// The verifier of the ops of this module: inference (when the op has one and it can
/// infer from its operands) and compatibility of the declared results.
fn verify_container(r: OpRef<'_>) -> Result<(), Diagnostic> {
    let declared: Vec<Type> = r.body.results(r.op).iter().map(|&v| r.ty(v)).collect();
    let name = r.name();
    // Ops whose result type cannot be inferred without operands.
    let no_operands = r.body.num_operands(r.op) == 0;
    if no_operands && (name == SequenceEmptyOp::NAME || name == OptionalOp::NAME) {
        let ok = if name == SequenceEmptyOp::NAME {
            seq_elem(r.ctx, declared[0]).is_some()
        } else {
            opt_elem(r.ctx, declared[0]).is_some()
        };
        if !ok {
            return Err(r.error(format_args!(
                "result must be a {} type, but got '{}'",
                if name == SequenceEmptyOp::NAME {
                    "'!graph.seq<...>'"
                } else {
                    "'!graph.opt<...>'"
                },
                ty_str(r.ctx, declared[0])
            )));
        }
        return Ok(());
    }
    let Some(inferred) = crate::verify::infer_op(&r) else {
        return Ok(());
    };
    let inferred = inferred.map_err(|m| r.error(m))?;
    for (i, (&d, &e)) in declared.iter().zip(&inferred).enumerate() {
        if !value_types_compatible(r.ctx, d, e) {
            return Err(r.error(format_args!(
                "result #{i} has type '{}', but '{}' was inferred",
                ty_str(r.ctx, d),
                ty_str(r.ctx, e)
            )));
        }
    }
    Ok(())
}

/// Inference of `sequence_empty`: not inferable (the element type is the result's).
pub fn infer_sequence_empty(_: &Context, _: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    Err("the result type of 'graph.sequence_empty' must be given".into())
}

op! {
    /// An empty sequence (ONNX `SequenceEmpty`, opset 11); the element type is the
    /// result type's.
    ///
    /// ```mlir
    /// %s = "graph.sequence_empty"() : () -> !graph.seq<tensor<*xf32>>
    /// ```
    pub struct SequenceEmptyOp = "graph.sequence_empty";
    summary: "empty sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(0),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_empty),
    }
}

/// Inference of `sequence_construct`: the sequence of the join of the operand types.
pub fn infer_sequence_construct(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, usize::MAX)?;
    let mut elem = tensor_operand(ctx, types[0], 0)?;
    for (i, &t) in types.iter().enumerate().skip(1) {
        elem = join_tensor(ctx, elem, tensor_operand(ctx, t, i)?)?;
    }
    Ok(vec![seq_type(ctx, elem)])
}

op! {
    /// A sequence of the operand tensors, in order (ONNX `SequenceConstruct`, opset 11).
    /// The element type is the join of the operand types (differing dimensions `?`).
    ///
    /// ```mlir
    /// %s = "graph.sequence_construct"(%a, %b) : (tensor<2xf32>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
    /// ```
    pub struct SequenceConstructOp = "graph.sequence_construct";
    summary: "sequence of tensors";
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_construct),
    }
}

/// Inference of `sequence_insert`: the sequence type joined with the inserted tensor's.
pub fn infer_sequence_insert(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 2, 3)?;
    let elem = seq_operand(ctx, types[0], 0)?;
    let t = tensor_operand(ctx, types[1], 1)?;
    if let Some(&p) = types.get(2) {
        position_operand(ctx, p, 2)?;
    }
    Ok(vec![seq_type(ctx, join_tensor(ctx, elem, t)?)])
}

op! {
    /// The sequence with `tensor` inserted before `position` (ONNX `SequenceInsert`,
    /// opset 11); without a position, appended. `position` may be negative (from the
    /// end) and must be in `[-n, n]`; the interpreter reports others.
    ///
    /// ```mlir
    /// %t = "graph.sequence_insert"(%s, %x) : (!graph.seq<tensor<?xf32>>, tensor<3xf32>) -> !graph.seq<tensor<?xf32>>
    /// ```
    pub struct SequenceInsertOp = "graph.sequence_insert";
    summary: "insert a tensor into a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(2, 3),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_insert),
    }
}

/// Inference of `sequence_at`: the element type.
pub fn infer_sequence_at(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    count(types, 2, 2)?;
    let elem = seq_operand(ctx, types[0], 0)?;
    position_operand(ctx, types[1], 1)?;
    Ok(vec![elem])
}

op! {
    /// The tensor at `position` (ONNX `SequenceAt`, opset 11); negative positions count
    /// from the end; out of range is an interpreter error.
    ///
    /// ```mlir
    /// %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> tensor<?xf32>
    /// ```
    pub struct SequenceAtOp = "graph.sequence_at";
    summary: "element of a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_at),
    }
}

/// Inference of `sequence_erase`: the sequence type.
pub fn infer_sequence_erase(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, 2)?;
    seq_operand(ctx, types[0], 0)?;
    if let Some(&p) = types.get(1) {
        position_operand(ctx, p, 1)?;
    }
    Ok(vec![types[0]])
}

op! {
    /// The sequence without the tensor at `position` (ONNX `SequenceErase`, opset 11);
    /// without a position, the last one is removed. Negative positions count from the end.
    ///
    /// ```mlir
    /// %t = "graph.sequence_erase"(%s, %i) : (!graph.seq<tensor<?xf32>>, tensor<i64>) -> !graph.seq<tensor<?xf32>>
    /// ```
    pub struct SequenceEraseOp = "graph.sequence_erase";
    summary: "remove an element of a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(1, 2),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_erase),
    }
}

/// Inference of `sequence_length`: a scalar `i64` tensor.
pub fn infer_sequence_length(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, 1)?;
    seq_operand(ctx, types[0], 0)?;
    Ok(vec![ctx.tensor_type(&[], ctx.int_type(64))])
}

op! {
    /// The number of tensors of a sequence (ONNX `SequenceLength`, opset 11).
    ///
    /// ```mlir
    /// %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?xf32>>) -> tensor<i64>
    /// ```
    pub struct SequenceLengthOp = "graph.sequence_length";
    summary: "length of a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_sequence_length),
    }
}

/// Inference of `concat_from_sequence`.
pub fn infer_concat_from_sequence(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, 1)?;
    let elem = seq_operand(ctx, types[0], 0)?;
    let a = Attrs::new(ctx, attrs);
    let axis = a.i64_req("axis")?;
    let new_axis = a.i64("new_axis", 0)?;
    if new_axis != 0 && new_axis != 1 {
        return Err(format!(
            "attribute 'new_axis' must be 0 or 1, got {new_axis}"
        ));
    }
    let Some((s, e)) = ranked(ctx, elem) else {
        return Ok(vec![elem]);
    };
    let rank = s.len() + new_axis as usize;
    let ax = crate::shape::normalize_axis(axis, rank)?;
    let mut d = s.to_vec();
    if new_axis == 1 {
        d.insert(ax, crate::shape::DYN);
    } else {
        d[ax] = crate::shape::DYN;
    }
    Ok(vec![ctx.tensor_type(&d, e)])
}

op! {
    /// The tensors of a sequence concatenated along `axis` (ONNX `ConcatFromSequence`,
    /// opset 11); with `new_axis = 1` they are stacked along a new axis `axis` instead
    /// (then `axis` may be `rank`). The concatenated dimension is `?` (the sequence length
    /// is not in the type). An empty sequence is an interpreter error.
    ///
    /// ```mlir
    /// %c = "graph.concat_from_sequence"(%s) <{axis = 0 : i64}> : (!graph.seq<tensor<?x3xf32>>) -> tensor<?x3xf32>
    /// ```
    pub struct ConcatFromSequenceOp = "graph.concat_from_sequence";
    summary: "concatenate the tensors of a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        attrs: &[
            strata_ir::AttrConstraint { required: true, ..i64_c("axis") },
            i64_c("new_axis"),
        ],
        verify: Some(verify_container),
        infer: Some(infer_concat_from_sequence),
    }
}

/// Inference of `split_to_sequence`.
pub fn infer_split_to_sequence(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, 2)?;
    let Some((s, e)) = ranked(ctx, types[0]) else {
        return Err(format!(
            "operand #0 must be a ranked tensor, but got '{}'",
            ty_str(ctx, types[0])
        ));
    };
    if let Some(&t) = types.get(1) {
        let ok = ranked(ctx, t).is_some_and(|(ss, se)| {
            ss.len() <= 1 && (se == ctx.int_type(64) || se == ctx.int_type(32))
        });
        if !ok {
            return Err(format!(
                "operand #1 (split) must be an i32 or i64 tensor of rank 0 or 1, but got '{}'",
                ty_str(ctx, t)
            ));
        }
    }
    let a = Attrs::new(ctx, attrs);
    let ax = crate::shape::normalize_axis(a.i64("axis", 0)?, s.len())?;
    let keepdims = a.i64("keepdims", 1)?;
    if keepdims != 0 && keepdims != 1 {
        return Err(format!(
            "attribute 'keepdims' must be 0 or 1, got {keepdims}"
        ));
    }
    let mut d = s.to_vec();
    if keepdims == 0 && types.len() == 1 {
        d.remove(ax);
    } else {
        d[ax] = crate::shape::DYN;
    }
    Ok(vec![seq_type(ctx, ctx.tensor_type(&d, e))])
}

op! {
    /// A tensor split along `axis` into a sequence (ONNX `SplitToSequence`, opset 11).
    /// With a scalar `split`, pieces of that size (the last may be smaller); with a 1-D
    /// `split`, pieces of those sizes (summing to the dimension); without, pieces of size
    /// 1, squeezed along `axis` when `keepdims` is 0 (default 1). The split dimension of
    /// the element type is `?`.
    ///
    /// ```mlir
    /// %s = "graph.split_to_sequence"(%x) <{axis = 1 : i64}> : (tensor<2x6xf32>) -> !graph.seq<tensor<2x?xf32>>
    /// ```
    pub struct SplitToSequenceOp = "graph.split_to_sequence";
    summary: "split a tensor into a sequence";
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(1, 2),
        results: Arity::Exactly(1),
        attrs: &[i64_c("axis"), i64_c("keepdims")],
        verify: Some(verify_container),
        infer: Some(infer_split_to_sequence),
    }
}

/// Inference of `optional`: the optional of the operand type.
pub fn infer_optional(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    count(types, 1, 1)?;
    let t = types[0];
    if !(crate::container::is_tensor(ctx, t) || seq_elem(ctx, t).is_some()) {
        return Err(format!(
            "operand #0 must be a tensor or a sequence, but got '{}'",
            ty_str(ctx, t)
        ));
    }
    Ok(vec![opt_type(ctx, t)])
}

op! {
    /// An optional holding the operand, or empty without an operand (ONNX `Optional`,
    /// opset 15; the empty form's element type is the result type's).
    ///
    /// ```mlir
    /// %o = "graph.optional"(%x) : (tensor<2xf32>) -> !graph.opt<tensor<2xf32>>
    /// %e = "graph.optional"() : () -> !graph.opt<!graph.seq<tensor<5xf32>>>
    /// ```
    pub struct OptionalOp = "graph.optional";
    summary: "optional value";
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(0, 1),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_optional),
    }
}

/// Inference of `optional_get_element`: the element type (tensors and sequences pass
/// through).
pub fn infer_optional_get_element(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 1, 1)?;
    let t = types[0];
    if let Some(e) = opt_elem(ctx, t) {
        return Ok(vec![e]);
    }
    if crate::container::is_tensor(ctx, t) || seq_elem(ctx, t).is_some() {
        return Ok(vec![t]);
    }
    Err(format!(
        "operand #0 must be an optional, a tensor or a sequence, but got '{}'",
        ty_str(ctx, t)
    ))
}

op! {
    /// The value of an optional (ONNX `OptionalGetElement`, opset 18: a tensor or a
    /// sequence operand is returned as it is). An empty optional is an interpreter error.
    ///
    /// ```mlir
    /// %x = "graph.optional_get_element"(%o) : (!graph.opt<tensor<2xf32>>) -> tensor<2xf32>
    /// ```
    pub struct OptionalGetElementOp = "graph.optional_get_element";
    summary: "value of an optional";
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_optional_get_element),
    }
}

/// Inference of `optional_has_element`: a scalar `i1` tensor.
pub fn infer_optional_has_element(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    count(types, 0, 1)?;
    if let Some(&t) = types.first() {
        let ok = opt_elem(ctx, t).is_some()
            || crate::container::is_tensor(ctx, t)
            || seq_elem(ctx, t).is_some();
        if !ok {
            return Err(format!(
                "operand #0 must be an optional, a tensor or a sequence, but got '{}'",
                ty_str(ctx, t)
            ));
        }
    }
    Ok(vec![ctx.tensor_type(&[], ctx.i1())])
}

op! {
    /// Whether an optional holds a value (ONNX `OptionalHasElement`, opset 18): true for a
    /// tensor or sequence operand, false without an operand (an absent ONNX input).
    ///
    /// ```mlir
    /// %b = "graph.optional_has_element"(%o) : (!graph.opt<tensor<2xf32>>) -> tensor<i1>
    /// ```
    pub struct OptionalHasElementOp = "graph.optional_has_element";
    summary: "whether an optional holds a value";
    def: {
        traits: Traits::PURE,
        operands: Arity::Range(0, 1),
        results: Arity::Exactly(1),
        verify: Some(verify_container),
        infer: Some(infer_optional_has_element),
    }
}

/// Whether `t` is a sequence or optional type (for callers that only need the kind).
pub fn is_container(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Opaque { .. })
        && (seq_elem(ctx, t).is_some() || opt_elem(ctx, t).is_some())
}
