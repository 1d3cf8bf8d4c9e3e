//! Linear quantization operators lowered to existing graph ops, following ONNX's reference
//! implementation (`onnx/reference/ops/op_quantize_linear.py`, `op_dequantize_linear.py`,
//! `op_dynamic_quantize_linear.py`) operation by operation, in the same element types:
//!
//! * `QuantizeLinear`: `y = saturate(round_half_even(x / scale) + zero_point)`. The division
//!   runs in numpy's result type of `x` and `scale` (or in `precision`), the rounded
//!   quotient is widened to `f32` (exact for f16/bf16) before the zero point is added, and
//!   the sum is clamped to the output type's range and cast. The reference adds in `int32`;
//!   a float sum is identical whenever the rounded quotient is below 2^24 in magnitude, and
//!   beyond that both clamp to the same bound.
//! * `DequantizeLinear`: `y = (f32(x) - zero_point) * scale`, in `f32` (`f64` where numpy
//!   promotes: an `int32` zero point, an `f64` scale), cast to `output_dtype` or the scale's
//!   type.
//! * `DynamicQuantizeLinear`: ONNX's function body (scale from the range of `x` widened to
//!   include 0, zero point rounded and clamped to `[0, 255]`), with the reference's scale of
//!   1 when the range is empty.
//!
//! Scales and zero points are per tensor (one element), per axis (1-D along `axis`) or
//! blocked (`block_size`: the scale has `x`'s shape with `axis` divided into blocks); they are
//! reshaped, or repeated with `unsqueeze`/`expand`/`reshape`/`slice`, to broadcast against
//! `x` as the reference's `reshape_input` does.
//!
//! Quantized types: the 2-, 4-, 8- and 16-bit integers (rounded and clamped as above), the
//! float8 types (`QuantizeLinear` casts `x / scale` with the node's `saturate`, ignoring the
//! zero point as the reference does) and `f4E2M1FN` (`x / scale + zero_point`, cast with
//! saturation). `DequantizeLinear` of a small float is `f32(x) * scale`: the reference
//! requires a float8 zero point to be 0 (a run-time value, not checked here) and ignores a
//! float4 one.
//!
//! The integer matrix products and convolutions are in `nodes_qlinear`.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::elem_type;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{FloatKind, Signedness, Type, TypeKind, Value};

/// The operators of this module and `nodes_qlinear`, with their first supported opset.
pub(crate) const QUANT: &[(&str, i64)] = &[
    ("QuantizeLinear", 10),
    ("DequantizeLinear", 10),
    ("DynamicQuantizeLinear", 11),
    ("MatMulInteger", 10),
    ("ConvInteger", 10),
    ("QLinearMatMul", 10),
    ("QLinearConv", 10),
];

/// The value range of a quantized integer element type (2, 4, 8 or 16 bits; `None` for other
/// types).
pub(super) fn int_range(lw: &Lowerer<'_>, e: Type) -> Option<(i64, i64)> {
    match lw.ctx.type_kind(e) {
        &TypeKind::Integer { width, signedness } if matches!(width, 2 | 4 | 8 | 16) => {
            Some(if signedness == Signedness::Unsigned {
                (0, (1 << width) - 1)
            } else {
                (-(1 << (width - 1)), (1 << (width - 1)) - 1)
            })
        }
        _ => None,
    }
}

/// Whether `e` is `i32` (ONNX `INT32`).
pub(super) fn is_i32(lw: &Lowerer<'_>, e: Type) -> bool {
    matches!(
        lw.ctx.type_kind(e),
        TypeKind::Integer {
            width: 32,
            signedness: Signedness::Signless
        }
    )
}

/// numpy's result type of an arithmetic operation between tensors of element types `a`
/// and `b` (floats and `int32`): the wider float, `f32` for f16 with bf16, `f64` once an
/// integer is involved.
pub(super) fn promote(lw: &Lowerer<'_>, a: Type, b: Type) -> Type {
    let (ka, kb) = (lw.ctx.type_kind(a), lw.ctx.type_kind(b));
    match (ka.float_kind(), kb.float_kind()) {
        (Some(x), Some(y)) if x == y => a,
        (Some(FloatKind::F64), Some(_)) | (Some(_), Some(FloatKind::F64)) => lw.ctx.f64(),
        (Some(_), Some(_)) => lw.ctx.f32(),
        _ => lw.ctx.f64(),
    }
}

impl Lowerer<'_> {
    /// `x` cast to element type `to` (no op when it already has it).
    pub(super) fn cast_to(&mut self, n: &N<'_>, x: Value, to: Type) -> Result<Value> {
        let (_, e) = self.shape_of(x);
        if e == to {
            return Ok(x);
        }
        let to = self.ctx.type_attr(to);
        self.emit1(n, "graph.cast", &[x], &[("to", to)])
    }
    /// `x` clamped to `[lo, hi]` (float `x`).
    pub(super) fn clamp(&mut self, n: &N<'_>, x: Value, lo: i64, hi: i64) -> Result<Value> {
        let (_, e) = self.shape_of(x);
        let props = [
            ("min", self.float_for(lo as f64, e)),
            ("max", self.float_for(hi as f64, e)),
        ];
        self.emit1(n, "graph.clip", &[x], &props)
    }
    /// `x` reshaped to `shape`.
    pub(super) fn reshape_q(&mut self, n: &N<'_>, x: Value, shape: &[i64]) -> Result<Value> {
        let s = i64_array_attr(self.ctx, shape);
        self.emit1(n, "graph.reshape", &[x], &[("shape", s)])
    }
    /// A scale or zero point `v` made broadcastable against `shape` as ONNX's
    /// `reshape_input`: one element becomes a scalar; a 1-D `v` (`block_size` 0) lies along
    /// `axis`; with a `block_size`, each element of `v` along `axis` is repeated
    /// `block_size` times and the result cut to `shape[axis]`.
    pub(super) fn quant_param(
        &mut self,
        n: &N<'_>,
        v: Value,
        shape: &[i64],
        axis: i64,
        block_size: i64,
    ) -> Result<Value> {
        let (vs, _) = self.shape_of(v);
        if vs.iter().any(|&d| is_dynamic(d)) {
            return Err(n.unsupported("scale or zero point of dynamic shape"));
        }
        if vs.is_empty() {
            return Ok(v);
        }
        if vs.iter().all(|&d| d == 1) {
            return self.reshape_q(n, v, &[]);
        }
        let rank = shape.len() as i64;
        let a = if axis < 0 { axis + rank } else { axis };
        if !(0..rank).contains(&a) {
            return Err(n.invalid(format!("axis {axis} out of range for rank {rank}")));
        }
        let a = a as usize;
        if is_dynamic(shape[a]) {
            return Err(n.unsupported("dynamic quantization axis"));
        }
        if block_size == 0 {
            if vs.len() != 1 || vs[0] != shape[a] {
                return Err(n.invalid(format!(
                    "per-axis scale or zero point of shape {vs:?} does not match dimension {a} \
                     of {shape:?}"
                )));
            }
            let mut dims = vec![1; shape.len()];
            dims[a] = vs[0];
            return self.reshape_q(n, v, &dims);
        }
        if block_size < 0 {
            return Err(n.invalid("block_size must be positive"));
        }
        let blocks = shape[a] / block_size + i64::from(shape[a] % block_size != 0);
        let same_rank = vs.len() == shape.len();
        if !same_rank
            || vs[a] != blocks
            || (0..shape.len()).any(|d| d != a && vs[d] != shape[d] && !is_dynamic(shape[d]))
        {
            return Err(n.invalid(format!(
                "blocked scale or zero point of shape {vs:?} does not match {shape:?} with \
                 block_size {block_size} on axis {a}"
            )));
        }
        if blocks == 1 {
            // One block covers the whole axis: the size-1 dimension broadcasts.
            return Ok(v);
        }
        // blocks >= 2 means block_size < shape[a], so the repeated length is < 2 * shape[a].
        let ax = i64_array_attr(self.ctx, &[a as i64 + 1]);
        let u = self.emit1(n, "graph.unsqueeze", &[v], &[("axes", ax)])?;
        let mut wide = vs.clone();
        wide.insert(a + 1, block_size);
        let w = i64_array_attr(self.ctx, &wide);
        let e = self.emit1(n, "graph.expand", &[u], &[("shape", w)])?;
        let mut flat = vs.clone();
        flat[a] = blocks * block_size;
        let mut r = self.reshape_q(n, e, &flat)?;
        if flat[a] != shape[a] {
            let props = [
                ("starts", i64_array_attr(self.ctx, &[0])),
                ("ends", i64_array_attr(self.ctx, &[shape[a]])),
                ("axes", i64_array_attr(self.ctx, &[a as i64])),
            ];
            r = self.emit1(n, "graph.slice", &[r], &props)?;
        }
        Ok(r)
    }
}

/// Lower one of the [`QUANT`] operators.
pub(crate) fn lower_quant(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "QuantizeLinear" => {
            let y = quantize(lw, n)?;
            lw.bind(n, &[y])
        }
        "DequantizeLinear" => dequantize(lw, n),
        "DynamicQuantizeLinear" => dynamic_quantize(lw, n),
        _ => super::nodes_qlinear::lower_qlinear(lw, n),
    }
}

/// Whether `e` is a quantized float type: a float8 type or `f4E2M1FN` (not the
/// exponent-only scale type `f8E8M0FNU`).
pub(super) fn is_small_float(lw: &Lowerer<'_>, e: Type) -> bool {
    lw.ctx
        .type_kind(e)
        .float_kind()
        .is_some_and(|k| k.width() <= 8 && k != FloatKind::F8E8M0FNU)
}

/// The element type named by ONNX data type `t` for output `what`, which must be a
/// quantized type (integer or small float).
fn quant_type(lw: &Lowerer<'_>, n: &N<'_>, t: i64, what: &str) -> Result<Type> {
    let e = i32::try_from(t)
        .ok()
        .and_then(|t| elem_type(lw.ctx, t))
        .ok_or_else(|| n.unsupported(&format!("{what} {}", dt::name(t as i32))))?;
    if int_range(lw, e).is_none() && !is_small_float(lw, e) {
        return Err(n.invalid(format!(
            "{what} {} is not a quantized type",
            dt::name(t as i32)
        )));
    }
    Ok(e)
}

/// The attributes `axis` and `block_size` (`block_size` only from opset 21).
fn axis_block(n: &N<'_>) -> Result<(i64, i64)> {
    let axis = if n.opset >= 13 {
        n.attrs.int_or("axis", 1)?
    } else {
        1
    };
    let block = if n.opset >= 21 {
        n.attrs.int_or("block_size", 0)?
    } else {
        0
    };
    Ok((axis, block))
}

/// `QuantizeLinear`: returns `y`.
fn quantize(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Value> {
    let (x, scale) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let zp = lw.opt_inp(n, 2)?;
    let (xs, xe) = lw.shape_of(x);
    let (_, se) = lw.shape_of(scale);
    let (axis, block) = axis_block(n)?;
    let out_attr = if n.opset >= 21 {
        n.attrs.int_or("output_dtype", 0)?
    } else {
        0
    };
    let out = match zp {
        Some(z) => {
            let (_, ze) = lw.shape_of(z);
            if out_attr != 0 && quant_type(lw, n, out_attr, "output_dtype")? != ze {
                return Err(n.invalid("output_dtype differs from the zero point's type"));
            }
            if int_range(lw, ze).is_none() && !is_small_float(lw, ze) {
                return Err(n.invalid("the zero point's type is not a quantized type"));
            }
            ze
        }
        None if out_attr != 0 => quant_type(lw, n, out_attr, "output_dtype")?,
        None => lw.ctx.ty(TypeKind::Integer {
            width: 8,
            signedness: Signedness::Unsigned,
        }),
    };
    let wide_float = |e: Type| {
        lw.ctx
            .type_kind(e)
            .float_kind()
            .is_some_and(|k| k.width() >= 16)
    };
    if !wide_float(xe) && !is_i32(lw, xe) {
        return Err(n.invalid("x must be a float or int32 tensor"));
    }
    if !lw.ctx.type_kind(se).is_float() && !is_i32(lw, se) {
        return Err(n.invalid("y_scale must be a float or int32 tensor"));
    }
    let precision = if n.opset >= 23 {
        n.attrs.int_or("precision", 0)?
    } else {
        0
    };
    let div_ty = if precision != 0 {
        let p = i32::try_from(precision)
            .ok()
            .and_then(|p| elem_type(lw.ctx, p))
            .filter(|&p| wide_float(p))
            .ok_or_else(|| n.unsupported(&format!("precision {}", dt::name(precision as i32))))?;
        p
    } else {
        promote(lw, xe, se)
    };
    let s = lw.quant_param(n, scale, &xs, axis, block)?;
    let s = lw.cast_to(n, s, div_ty)?;
    let xd = lw.cast_to(n, x, div_ty)?;
    let q = lw.bin(n, "graph.div", xd, s)?;
    let Some((lo, hi)) = int_range(lw, out) else {
        // Small floats: float8 is a (saturating) cast of the quotient, the zero point
        // ignored; float4e2m1 adds the zero point first and always saturates.
        let mut q = q;
        let f4 = lw
            .ctx
            .type_kind(out)
            .float_kind()
            .is_some_and(|k| k.width() == 4);
        if let (true, Some(z)) = (f4, zp) {
            let z = lw.quant_param(n, z, &xs, axis, block)?;
            let z = lw.cast_to(n, z, div_ty)?;
            q = lw.bin(n, "graph.add", q, z)?;
        }
        let saturate = if n.opset >= 19 {
            n.attrs.int_or("saturate", 1)?
        } else {
            1
        };
        let props = [
            ("to", lw.ctx.type_attr(out)),
            ("saturate", i64_attr(lw.ctx, i64::from(saturate != 0))),
        ];
        return lw.emit1(n, "graph.cast", &[q], &props);
    };
    let r = lw.un(n, "graph.round", q)?;
    let acc_ty = if lw.ctx.type_kind(div_ty).float_kind() == Some(FloatKind::F64) {
        div_ty
    } else {
        lw.ctx.f32()
    };
    let mut acc = lw.cast_to(n, r, acc_ty)?;
    if let Some(z) = zp {
        let z = lw.quant_param(n, z, &xs, axis, block)?;
        let z = lw.cast_to(n, z, acc_ty)?;
        acc = lw.bin(n, "graph.add", acc, z)?;
    }
    let c = lw.clamp(n, acc, lo, hi)?;
    lw.cast_to(n, c, out)
}

/// `DequantizeLinear`.
fn dequantize(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (x, scale) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let zp = lw.opt_inp(n, 2)?;
    let (xs, xe) = lw.shape_of(x);
    let (_, se) = lw.shape_of(scale);
    let small = is_small_float(lw, xe);
    if int_range(lw, xe).is_none() && !is_i32(lw, xe) && !small {
        return Err(n.unsupported("input element type"));
    }
    if !lw.ctx.type_kind(se).is_float() {
        return Err(n.invalid("x_scale must be a float tensor"));
    }
    let (axis, block) = axis_block(n)?;
    let out = match n
        .attrs
        .int("output_dtype")?
        .filter(|&t| t != 0 && n.opset >= 23)
    {
        Some(t) => i32::try_from(t)
            .ok()
            .and_then(|t| elem_type(lw.ctx, t))
            .filter(|&e| lw.ctx.type_kind(e).is_float())
            .ok_or_else(|| {
                n.invalid(format!(
                    "output_dtype {} is not a float",
                    dt::name(t as i32)
                ))
            })?,
        None => se,
    };
    // numpy: x.astype(float32) - zero_point, then times the scale.
    let mut dx = lw.cast_to(n, x, lw.ctx.f32())?;
    // Float8 zero points must be 0 (not checked: a run-time value) and float4 ones are
    // ignored, as in the reference.
    if let Some(z) = zp.filter(|_| !small) {
        let (_, ze) = lw.shape_of(z);
        if ze != xe {
            return Err(n.invalid("x_zero_point's type differs from x's"));
        }
        let sub_ty = if is_i32(lw, xe) {
            lw.ctx.f64()
        } else {
            lw.ctx.f32()
        };
        dx = lw.cast_to(n, dx, sub_ty)?;
        let z = lw.quant_param(n, z, &xs, axis, block)?;
        let z = lw.cast_to(n, z, sub_ty)?;
        dx = lw.bin(n, "graph.sub", dx, z)?;
    }
    let (_, de) = lw.shape_of(dx);
    let mul_ty = promote(lw, de, se);
    let s = lw.quant_param(n, scale, &xs, axis, block)?;
    let s = lw.cast_to(n, s, mul_ty)?;
    let dx = lw.cast_to(n, dx, mul_ty)?;
    let y = lw.bin(n, "graph.mul", dx, s)?;
    let y = lw.cast_to(n, y, out)?;
    lw.bind(n, &[y])
}

/// `DynamicQuantizeLinear` (uint8 output, f32 input).
fn dynamic_quantize(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (_, xe) = lw.shape_of(x);
    if lw.ctx.type_kind(xe).float_kind() != Some(FloatKind::F32) {
        return Err(n.unsupported("non-f32 input"));
    }
    let u8t = lw.ctx.ty(TypeKind::Integer {
        width: 8,
        signedness: Signedness::Unsigned,
    });
    let keep0 = [("keepdims", i64_attr(lw.ctx, 0))];
    let mx = lw.emit1(n, "graph.reduce_max", &[x], &keep0)?;
    let mn = lw.emit1(n, "graph.reduce_min", &[x], &keep0)?;
    let zero = lw.scalar(n, 0.0, xe)?;
    let mx = lw.bin(n, "graph.max", mx, zero)?;
    let mn = lw.bin(n, "graph.min", mn, zero)?;
    // scale = (max == min ? 1 : max - min) / 255
    let range = lw.bin(n, "graph.sub", mx, mn)?;
    let empty = lw.bin(n, "graph.equal", mx, mn)?;
    let one = lw.scalar(n, 1.0, xe)?;
    let range = lw.emit1(n, "graph.where", &[empty, one, range], &[])?;
    let scale = lw.bin_c(n, "graph.div", range, 255.0)?;
    // zero point = round(clamp(0 - min / scale, 0, 255))
    let ms = lw.bin(n, "graph.div", mn, scale)?;
    let izp = lw.bin(n, "graph.sub", zero, ms)?;
    let zp = lw.clamp(n, izp, 0, 255)?;
    let zpi = lw.un(n, "graph.round", zp)?;
    // y = clamp(round(x / scale) + zero point, 0, 255)
    let q = lw.bin(n, "graph.div", x, scale)?;
    let r = lw.un(n, "graph.round", q)?;
    let acc = lw.bin(n, "graph.add", r, zpi)?;
    let c = lw.clamp(n, acc, 0, 255)?;
    let y = lw.cast_to(n, c, u8t)?;
    let zpo = lw.cast_to(n, zpi, u8t)?;
    lw.bind(n, &[y, scale, zpo])
}
