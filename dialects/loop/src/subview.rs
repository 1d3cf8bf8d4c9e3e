//! `loop.subview`: a strided window of a buffer that aliases it (MLIR's `memref.subview`,
//! without rank reduction).
//!
//! Offsets, sizes and strides are mixed static/dynamic lists as in upstream MLIR: the
//! `static_offsets`, `static_sizes` and `static_strides` arrays hold constants or `kDynamic`
//! (`-9223372036854775808`), and one `index` operand follows the source for each dynamic
//! entry, counted by `operandSegmentSizes = array<i32: 1, offsets, sizes, strides>`.

use crate::layout::{memref_parts, strides_and_offset};
use strata_dialect_tensor::movement::{mixed_lists, OpFoldResult};
use strata_dialect_tensor::util::{i64_array_c, shape_str, ty_str, DYN, SEGMENTS_C};
use strata_ir::{op, Arity, Diagnostic, OpRef};

op! {
    /// A view of part of a buffer (MLIR's `memref.subview`): dimension `d` of the result
    /// has `sizes[d]` elements, taken from the source at `offsets[d]`, `offsets[d] +
    /// strides[d]`, ... The result shares the source's memory: stores through one are seen
    /// by loads through the other.
    ///
    /// Offsets and sizes are non-negative and strides positive; the window must fit in the
    /// source (`offset + (size - 1) * stride < dim` for a non-empty dimension), checked by
    /// the verifier where all are static and when it runs otherwise. The source has an
    /// identity or strided layout; the result type has the static sizes as shape (`?` for
    /// dynamic ones), the source's element type and memory space, and the strided layout
    /// the view has: strides `source_stride[d] * stride[d]` and offset `source_offset +
    /// sum(offset[d] * source_stride[d])`, each `?` when a value it depends on is dynamic.
    /// The op reads no memory but is not pure: a window that does not fit, or a freed
    /// source, is an error when it runs, so it must not be speculated or dropped (as
    /// `arith.divsi`, which stops on division by zero).
    ///
    /// ```mlir
    /// %v = "loop.subview"(%m) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1, 2>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 1, 2>}> : (memref<4x8xf32>) -> memref<2x3xf32, strided<[8, 2], offset: 10>>
    /// %w = "loop.subview"(%m, %i, %n) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, -9223372036854775808>, static_strides = array<i64: 1, 1>}> : (memref<4x8xf32>, index, index) -> memref<1x?xf32, strided<[8, 1], offset: ?>>
    /// ```
    pub struct SubviewOp = "loop.subview";
    summary: "a strided view of part of a buffer";
    operands: [source];
    results: [result];
    def: {
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        attrs: &[
            SEGMENTS_C,
            i64_array_c("static_offsets", true),
            i64_array_c("static_sizes", true),
            i64_array_c("static_strides", true),
        ],
        verify: Some(verify_subview),
    }
}

impl SubviewOp<'_> {
    /// The offsets, sizes and strides, each a constant or an operand index.
    pub fn mixed(&self) -> Result<[Vec<OpFoldResult>; 3], String> {
        let l = mixed_lists(
            &self.0,
            1,
            &["static_offsets", "static_sizes", "static_strides"],
        )?;
        let [o, s, t]: [Vec<OpFoldResult>; 3] = l
            .try_into()
            .map_err(|_| "expected three lists".to_string())?;
        Ok([o, s, t])
    }
}

fn constant(x: &OpFoldResult) -> i64 {
    match x {
        OpFoldResult::Static(v) => *v,
        OpFoldResult::Operand(_) => DYN,
    }
}

/// `a * b`, dynamic when either is, `None` on overflow.
fn mul(a: i64, b: i64) -> Option<i64> {
    if a == DYN || b == DYN {
        Some(DYN)
    } else {
        a.checked_mul(b)
    }
}

/// `a + b`, dynamic when either is, `None` on overflow.
fn add(a: i64, b: i64) -> Option<i64> {
    if a == DYN || b == DYN {
        Some(DYN)
    } else {
        a.checked_add(b)
    }
}

fn verify_subview(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let ctx = op.ctx;
    let src_t = op.ty(op.operand(0));
    let Some(src) = memref_parts(ctx, src_t) else {
        return Err(op.error(format_args!(
            "source must be a ranked memref, but is {}",
            ty_str(ctx, src_t)
        )));
    };
    let (src_strides, src_offset) = strides_and_offset(ctx, src_t)
        .map_err(|e| op.error(format_args!("source {}: {e}", ty_str(ctx, src_t))))?;
    let [offs, sizes, strides] = SubviewOp(op).mixed().map_err(|e| op.error(e))?;
    let rank = src.shape.len();
    for (name, l) in [("offsets", &offs), ("sizes", &sizes), ("strides", &strides)] {
        if l.len() != rank {
            return Err(op.error(format_args!(
                "expects {rank} {name} (one per dimension of the source), but has {}",
                l.len()
            )));
        }
    }
    let overflow = || op.error("the layout of the view overflows i64");
    let mut shape = Vec::with_capacity(rank);
    let mut view_strides = Vec::with_capacity(rank);
    let mut view_offset = src_offset;
    for d in 0..rank {
        let (o, s, t) = (
            constant(&offs[d]),
            constant(&sizes[d]),
            constant(&strides[d]),
        );
        if (o != DYN && o < 0) || (s != DYN && s < 0) || (t != DYN && t < 1) {
            return Err(op.error(format_args!(
                "dimension {d}: offsets and sizes must be non-negative and strides positive"
            )));
        }
        let dim = src.shape[d];
        if o != DYN && s != DYN && t != DYN && dim != DYN {
            let end = if s == 0 {
                Some(o)
            } else {
                (s - 1).checked_mul(t).and_then(|x| x.checked_add(o))
            };
            let fits = match end {
                Some(e) if s == 0 => e <= dim,
                Some(e) => e < dim,
                None => false,
            };
            if !fits {
                return Err(op.error(format_args!(
                    "dimension {d}: the window (offset {o}, size {s}, stride {t}) does not fit \
                     in the source size {dim}"
                )));
            }
        }
        shape.push(s);
        view_strides.push(mul(src_strides[d], t).ok_or_else(overflow)?);
        view_offset =
            add(view_offset, mul(o, src_strides[d]).ok_or_else(overflow)?).ok_or_else(overflow)?;
    }
    let res_t = op.ty(op.result(0));
    let Some(res) = memref_parts(ctx, res_t) else {
        return Err(op.error(format_args!(
            "result must be a ranked memref, but is {}",
            ty_str(ctx, res_t)
        )));
    };
    if res.elem != src.elem || res.space != src.space {
        return Err(op.error(format_args!(
            "result {} must have the element type and memory space of the source {}",
            ty_str(ctx, res_t),
            ty_str(ctx, src_t)
        )));
    }
    if res.shape != shape {
        return Err(op.error(format_args!(
            "result shape {} differs from the sizes {}",
            shape_str(&res.shape),
            shape_str(&shape)
        )));
    }
    let res_layout = strides_and_offset(ctx, res_t);
    let strided = |s: &[i64], o: i64| {
        let q = |v: i64| {
            if v == DYN {
                "?".to_string()
            } else {
                v.to_string()
            }
        };
        let parts: Vec<String> = s.iter().map(|&v| q(v)).collect();
        format!("strided<[{}], offset: {}>", parts.join(", "), q(o))
    };
    if res_layout.as_ref() != Ok(&(view_strides.clone(), view_offset)) {
        return Err(op.error(format_args!(
            "result layout must be {} (the view's strides and offset), but the result type is {}",
            strided(&view_strides, view_offset),
            ty_str(ctx, res_t)
        )));
    }
    Ok(())
}
