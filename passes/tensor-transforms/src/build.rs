//! Builders of the tensor ops the transforms create (`arith.constant` zeros, `tensor.pad`,
//! `tensor.extract_slice`, `tensor.insert_slice`, `tensor.generic` with a moved body), each
//! inserted at a given point.

use strata_dialect_tensor::structured::{iterator_types_to_attr, IteratorType};
use strata_dialect_tensor::util::{
    affine_maps_attr, i32_array_attr, i64_array_attr, is_float, ranked, DYN,
};
use strata_dialect_tensor::{EmptyOp, ExtractSliceOp, GenericOp, InsertSliceOp, PadOp, YieldOp};
use strata_ir::affine::AffineMap;
use strata_ir::{Body, Context, InsertPoint, Location, Op, OperationState, Region, Type, Value};

/// `arith.constant 0` of the scalar type `ty` (float or integer), at `at`; `None` for other
/// types.
pub fn zero(
    ctx: &Context,
    body: &mut Body,
    at: InsertPoint,
    ty: Type,
    loc: Location,
) -> Option<Value> {
    let attr = if is_float(ctx, ty) {
        ctx.float_attr(0.0, ty)
    } else if matches!(ctx.type_kind(ty), strata_ir::TypeKind::Integer { .. }) {
        ctx.int_attr(0, ty)
    } else {
        return None;
    };
    let mut st = OperationState::new(ctx, ctx.op_name("arith.constant"), loc);
    st.result_types = vec![ty];
    st.props = Some(ctx.dict_attr(&[("value", attr)]));
    let op = body.create_op(st);
    body.insert_op(op, at);
    Some(body.result(op, 0))
}

/// `tensor.pad` of `x` by `high` elements at the end of each dimension with zeros, before
/// `before`; `x` itself when nothing is padded, a bigger `tensor.empty` when `x` is one. `None` when `x` is not a ranked tensor of a
/// float or integer element type.
pub fn pad_high(
    ctx: &Context,
    body: &mut Body,
    before: Op,
    x: Value,
    high: &[i64],
    loc: Location,
) -> Option<Value> {
    if high.iter().all(|&h| h == 0) {
        return Some(x);
    }
    let (shape, elem) = ranked(ctx, body.value_type(x))?;
    let out = shape
        .iter()
        .zip(high)
        .map(|(&s, &h)| s.checked_add(h))
        .collect::<Option<Vec<i64>>>()?;
    let rank = shape.len();
    // Padding an uninitialised tensor gives a bigger uninitialised tensor.
    if let Some(d) = body.defining_op(x) {
        if ctx.op_name_str(body.name(d)) == EmptyOp::NAME && body.num_operands(d) == 0 {
            let mut st = OperationState::new(ctx, ctx.op_name(EmptyOp::NAME), loc);
            st.result_types = vec![ctx.tensor_type(&out, elem)];
            let op = body.create_op(st);
            body.insert_op(op, InsertPoint::Before(before));
            return Some(body.result(op, 0));
        }
    }
    let mut st = OperationState::new(ctx, ctx.op_name(PadOp::NAME), loc);
    st.operands = vec![x];
    st.result_types = vec![ctx.tensor_type(&out, elem)];
    st.props = Some(ctx.dict_attr(&[
        ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0])),
        ("static_high", i64_array_attr(ctx, high)),
        ("static_low", i64_array_attr(ctx, &vec![0; rank])),
    ]));
    let region = st.add_region(body);
    let block = body.create_block();
    body.append_block(region, block);
    for _ in 0..rank {
        body.add_block_arg(block, ctx.index_type());
    }
    let z = zero(ctx, body, InsertPoint::End(block), elem, loc)?;
    let mut yst = OperationState::new(ctx, ctx.op_name(YieldOp::NAME), loc);
    yst.operands = vec![z];
    let y = body.create_op(yst);
    body.insert_op(y, InsertPoint::End(block));
    let op = body.create_op(st);
    body.insert_op(op, InsertPoint::Before(before));
    Some(body.result(op, 0))
}

/// An offset: a constant, or an `index` value computed at run time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Off {
    /// A static offset.
    Const(i64),
    /// A dynamic offset.
    Val(Value),
}

/// The operands and properties of a slice op with `fixed` leading operands.
fn slice_parts(
    ctx: &Context,
    fixed: &[Value],
    offsets: &[Off],
    sizes: &[i64],
    strides: &[i64],
) -> (Vec<Value>, strata_ir::Attribute) {
    let mut operands = fixed.to_vec();
    let mut statics = Vec::with_capacity(offsets.len());
    for o in offsets {
        match *o {
            Off::Const(k) => statics.push(k),
            Off::Val(v) => {
                operands.push(v);
                statics.push(DYN);
            }
        }
    }
    let mut seg = vec![1; fixed.len()];
    seg.extend([(operands.len() - fixed.len()) as i32, 0, 0]);
    let props = ctx.dict_attr(&[
        ("operandSegmentSizes", i32_array_attr(ctx, &seg)),
        ("static_offsets", i64_array_attr(ctx, &statics)),
        ("static_sizes", i64_array_attr(ctx, sizes)),
        ("static_strides", i64_array_attr(ctx, strides)),
    ]);
    (operands, props)
}

/// `tensor.extract_slice` of `x` at `offsets`, static `sizes` (the result shape) and
/// `strides`, inserted at `at`.
#[allow(clippy::too_many_arguments)]
pub fn extract_slice(
    ctx: &Context,
    body: &mut Body,
    at: InsertPoint,
    x: Value,
    offsets: &[Off],
    sizes: &[i64],
    strides: &[i64],
    loc: Location,
) -> Option<Value> {
    let (_, elem) = ranked(ctx, body.value_type(x))?;
    let mut st = OperationState::new(ctx, ctx.op_name(ExtractSliceOp::NAME), loc);
    let (operands, props) = slice_parts(ctx, &[x], offsets, sizes, strides);
    st.operands = operands;
    st.result_types = vec![ctx.tensor_type(sizes, elem)];
    st.props = Some(props);
    let op = body.create_op(st);
    body.insert_op(op, at);
    Some(body.result(op, 0))
}

/// `tensor.insert_slice` of `src` into `dest` at `offsets` with `strides` (sizes: the shape
/// of `src`), inserted at `at`.
#[allow(clippy::too_many_arguments)]
pub fn insert_slice(
    ctx: &Context,
    body: &mut Body,
    at: InsertPoint,
    src: Value,
    dest: Value,
    offsets: &[Off],
    strides: &[i64],
    loc: Location,
) -> Option<Value> {
    let (sizes, _) = ranked(ctx, body.value_type(src))?;
    let sizes = sizes.to_vec();
    let mut st = OperationState::new(ctx, ctx.op_name(InsertSliceOp::NAME), loc);
    let (operands, props) = slice_parts(ctx, &[src, dest], offsets, &sizes, strides);
    st.operands = operands;
    st.result_types = vec![body.value_type(dest)];
    st.props = Some(props);
    let op = body.create_op(st);
    body.insert_op(op, at);
    Some(body.result(op, 0))
}

/// A `tensor.generic` with `operands` (the first `n_in` inputs), `maps`, `iters` and result
/// types, taking the blocks of `region` as its body, inserted at `at`.
#[allow(clippy::too_many_arguments)]
pub fn generic(
    ctx: &Context,
    body: &mut Body,
    at: InsertPoint,
    operands: &[Value],
    n_in: usize,
    maps: &[AffineMap],
    iters: &[IteratorType],
    result_types: &[Type],
    region: Region,
    loc: Location,
) -> Op {
    let mut st = OperationState::new(ctx, ctx.op_name(GenericOp::NAME), loc);
    st.operands = operands.to_vec();
    st.result_types = result_types.to_vec();
    st.props = Some(ctx.dict_attr(&[
        ("indexing_maps", affine_maps_attr(ctx, maps)),
        ("iterator_types", iterator_types_to_attr(ctx, iters)),
        (
            "operandSegmentSizes",
            i32_array_attr(ctx, &[n_in as i32, (operands.len() - n_in) as i32]),
        ),
    ]));
    let new_region = st.add_region(body);
    body.inline_region(region, new_region, 0);
    let op = body.create_op(st);
    body.insert_op(op, at);
    op
}
