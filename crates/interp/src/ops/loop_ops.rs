//! The `loop` dialect: the buffer ops (`alloc`, `dealloc`, `load`, `store`, `subview`,
//! `copy`) as [`Sem::Memory`] functions on [`Buffer`]s and tensors, and the region ops
//! (`for`, `parallel`, `if`, `yield`), which the interpreter core runs (`eval/loops.rs`).

use super::{OpCx, Sem, Table};
use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::tensor::Tensor;
use strata_dialect_loop::layout::memref_parts;
use strata_dialect_loop::SubviewOp;
use strata_dialect_tensor::movement::OpFoldResult;
use strata_ir::OpRef;

/// An operand of a buffer op: a tensor (scalars: indices, stored values) or a buffer.
pub(crate) enum MemArg<'x> {
    /// A tensor.
    Tensor(&'x Tensor),
    /// A buffer.
    Buffer(&'x Buffer),
}

/// A result of a buffer op.
pub(crate) enum MemOut {
    /// A tensor (a loaded element).
    Tensor(Tensor),
    /// A buffer (an allocation or a view).
    Buffer(Buffer),
}

/// A buffer op: operands in, results out.
pub(crate) type MemoryFn = fn(&OpCx<'_>, &[MemArg<'_>]) -> Result<Vec<MemOut>>;

pub(crate) fn register(t: &mut Table) {
    t.insert("loop.for", Sem::LoopFor);
    t.insert("loop.parallel", Sem::LoopParallel);
    t.insert("loop.if", Sem::LoopIf);
    t.insert("loop.yield", Sem::Yield);
    t.insert("loop.alloc", Sem::Memory(alloc));
    t.insert("loop.dealloc", Sem::Memory(dealloc));
    t.insert("loop.load", Sem::Memory(load));
    t.insert("loop.store", Sem::Memory(store));
    t.insert("loop.subview", Sem::Memory(subview));
    t.insert("loop.copy", Sem::Memory(copy));
}

fn buffer<'x>(args: &[MemArg<'x>], i: usize) -> Result<&'x Buffer> {
    match args.get(i) {
        Some(MemArg::Buffer(b)) => Ok(b),
        Some(MemArg::Tensor(_)) => bail!("operand #{i} must be a buffer, but is a tensor"),
        None => bail!("expected at least {} operands", i + 1),
    }
}

fn tensor<'x>(args: &[MemArg<'x>], i: usize) -> Result<&'x Tensor> {
    match args.get(i) {
        Some(MemArg::Tensor(t)) => Ok(t),
        Some(MemArg::Buffer(_)) => bail!("operand #{i} must be a scalar, but is a buffer"),
        None => bail!("expected at least {} operands", i + 1),
    }
}

/// The value of an `index` scalar operand.
pub(crate) fn index_value(t: &Tensor) -> Result<i64> {
    ensure!(
        t.dtype() == DType::Index && t.len() == 1,
        "expected an index scalar, got {}",
        t.type_str()
    );
    Ok(t.to_i64_vec()?[0])
}

/// The `index` scalars of operands `from..`.
fn indices(args: &[MemArg<'_>], from: usize) -> Result<Vec<i64>> {
    (from..args.len())
        .map(|i| index_value(tensor(args, i)?))
        .collect()
}

/// `loop.alloc`: zeroed storage of the result type's shape, dynamic sizes from the operands.
fn alloc(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let ty = cx.result_type(0)?;
    let Some(p) = memref_parts(cx.ctx, ty) else {
        bail!("result must be a ranked memref, but is {}", cx.type_str(ty));
    };
    let dtype = DType::from_elem_type(cx.ctx, p.elem)
        .ok_or_else(|| format!("unsupported element type {}", cx.type_str(p.elem)))?;
    let dynamic = indices(args, 0)?;
    let mut next = dynamic.iter();
    let mut sizes = Vec::with_capacity(p.shape.len());
    for &d in &p.shape {
        let s = if d == strata_ir::types::DYNAMIC {
            match next.next() {
                Some(&s) => s,
                None => bail!("too few dynamic sizes for {}", cx.type_str(ty)),
            }
        } else {
            d
        };
        let Ok(s) = usize::try_from(s) else {
            bail!("size {s} is negative");
        };
        sizes.push(s);
    }
    ensure!(
        next.next().is_none(),
        "too many dynamic sizes for {}",
        cx.type_str(ty)
    );
    Ok(vec![MemOut::Buffer(Buffer::alloc(
        dtype,
        sizes,
        cx.max_elements,
    )?)])
}

fn dealloc(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    buffer(args, 0)?.dealloc()?;
    Ok(Vec::new())
}

fn load(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let b = buffer(args, 0)?;
    Ok(vec![MemOut::Tensor(b.load(&indices(args, 1)?)?)])
}

fn store(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let v = tensor(args, 0)?;
    let b = buffer(args, 1)?;
    b.store(v, &indices(args, 2)?)?;
    Ok(Vec::new())
}

fn copy(_: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    buffer(args, 0)?.copy_to(buffer(args, 1)?)?;
    Ok(Vec::new())
}

/// `loop.subview`: offsets, sizes and strides from the static arrays and the operands.
fn subview(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let op = OpRef::new(cx.ctx, cx.body, cx.op);
    let lists = SubviewOp(op).mixed()?;
    let mut vals: Vec<Vec<i64>> = Vec::with_capacity(3);
    for l in &lists {
        let mut v = Vec::with_capacity(l.len());
        for x in l {
            v.push(match *x {
                OpFoldResult::Static(c) => c,
                OpFoldResult::Operand(i) => index_value(tensor(args, i)?)?,
            });
        }
        vals.push(v);
    }
    let b = buffer(args, 0)?;
    Ok(vec![MemOut::Buffer(
        b.subview(&vals[0], &vals[1], &vals[2])?,
    )])
}

/// The number of inputs of the `tensor.generic` of `cx` (its `operandSegmentSizes`).
pub(crate) fn generic_inputs(cx: &OpCx<'_>) -> Result<usize> {
    let op = OpRef::new(cx.ctx, cx.body, cx.op);
    strata_dialect_tensor::GenericOp(op)
        .segments()
        .map(|(i, _)| i)
        .map_err(crate::error::Error::new)
}
