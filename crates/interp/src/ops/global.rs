//! `loop.global` / `loop.get_global`: module-level buffers. A global is materialised the
//! first time a run reads it (from its `initial_value`, or zeroed) and then shared by every
//! later `loop.get_global` of the same run, so writes to a mutable global persist across
//! calls. A `constant` global's buffer is read-only: a write into it (or into a view of it)
//! is an error. The interpreter core caches the buffers per run (`eval.rs`); this module
//! builds one from the `loop.global` op.

use super::{Sem, Table};
use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::error::{bail, Result};
use crate::ir::{tensor_from_attr, type_str};
use crate::tensor::checked_numel;
use strata_dialect_loop::layout::memref_parts;
use strata_dialect_loop::GlobalOp;
use strata_ir::{AttrKind, Body, Context, Op};

pub(crate) fn register(t: &mut Table) {
    t.insert("loop.get_global", Sem::GetGlobal);
}

/// The buffer of the `loop.global` op `op` of `body`, fresh (the caller caches it).
pub(crate) fn materialise(
    ctx: &Context,
    body: &Body,
    op: Op,
    max_elements: usize,
) -> Result<Buffer> {
    let name = ctx.op_name_str(body.name(op));
    if name != GlobalOp::NAME {
        bail!("the symbol is a '{name}', not a 'loop.global'");
    }
    let d = body.op(op);
    let attr = |n: &str| {
        ctx.dict_get(d.props, n)
            .or_else(|| ctx.dict_get(d.attrs, n))
    };
    let ty = match attr("type").map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Type(t)) => *t,
        _ => bail!("the global has no 'type' attribute"),
    };
    let Some(p) = memref_parts(ctx, ty) else {
        bail!(
            "the global's type {} is not a ranked memref",
            type_str(ctx, ty)
        );
    };
    let dtype = DType::from_elem_type(ctx, p.elem)
        .ok_or_else(|| format!("unsupported element type {}", type_str(ctx, p.elem)))?;
    let mut sizes = Vec::with_capacity(p.shape.len());
    for &s in &p.shape {
        let Ok(s) = usize::try_from(s) else {
            bail!("the global's type {} has a dynamic size", type_str(ctx, ty));
        };
        sizes.push(s);
    }
    checked_numel(&sizes, max_elements)?;
    let buf = match attr("initial_value") {
        Some(v) => {
            let t = tensor_from_attr(ctx, v, max_elements)?;
            if t.dtype() != dtype || t.shape() != sizes.as_slice() {
                bail!(
                    "the initial value {} does not match the global's type {}",
                    t.type_str(),
                    type_str(ctx, ty)
                );
            }
            Buffer::from_tensor(t)
        }
        None => Buffer::alloc(dtype, sizes, max_elements)?,
    };
    Ok(buf.into_global(attr("constant").is_some()))
}
