//! Integer matrix products and convolutions lowered to existing graph ops, following ONNX's
//! reference implementation (`op_matmul_integer.py`, `op_conv_integer.py`,
//! `op_qlinear_matmul.py`, `op_qlinear_conv.py`):
//!
//! * `MatMulInteger`: `(i32(a) - a_zero_point) @ (i32(b) - b_zero_point)` with an `i32`
//!   `graph.matmul` (wrapping like numpy's `int32` product);
//! * `ConvInteger`: the same centring, then `graph.conv` on `f64` operands cast back to
//!   `i32`. Every product and partial sum of two centred 8-bit values is an integer below
//!   2^53, so the `f64` convolution is exact and equals the reference's `int32` result as
//!   long as that does not overflow;
//! * `QLinearMatMul` / `QLinearConv`: the integer product or convolution `c` as above, then
//!   `y = saturate(round_half_even(f64(c) * f64(a_scale * b_scale / y_scale) + y_zero_point))`:
//!   the scale ratio is computed in the scales' own type (so f16 scales round as in numpy)
//!   and the rest in `f64`, numpy's type for `int32` times a float array.
//!
//! Zero points and scales of the left operand may be per row (1-D of `M` elements, reshaped to
//! `M x 1`), those of the right operand per column (`N`) or per output channel for
//! convolutions (`M`, reshaped to lie on the channel axis).

use super::nodes_basic::N;
use super::nodes_quant::int_range;
use super::Lowerer;
use crate::error::Result;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::{Signedness, Type, TypeKind, Value};

/// Lower `MatMulInteger`, `ConvInteger`, `QLinearMatMul` or `QLinearConv`.
pub(crate) fn lower_qlinear(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let y = match n.node.op_type.as_str() {
        "MatMulInteger" => {
            let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            let (azp, bzp) = (lw.opt_inp(n, 2)?, lw.opt_inp(n, 3)?);
            int_matmul(lw, n, (a, azp), (b, bzp))?
        }
        "QLinearMatMul" => {
            let (a, b) = (lw.inp(n, 0)?, lw.inp(n, 3)?);
            let (azp, bzp) = (lw.opt_inp(n, 2)?, lw.opt_inp(n, 5)?);
            let c = int_matmul(lw, n, (a, azp), (b, bzp))?;
            let (a_scale, b_scale, y_scale) = (lw.inp(n, 1)?, lw.inp(n, 4)?, lw.inp(n, 6)?);
            let a_scale = lw.row_param(n, a_scale, a)?;
            let b_scale = lw.col_param(n, b_scale, b, 1)?;
            let y_scale = lw.scalar_param(n, y_scale, "y_scale")?;
            let ab = lw.bin(n, "graph.mul", a_scale, b_scale)?;
            let mult = lw.bin(n, "graph.div", ab, y_scale)?;
            let yzp = lw.opt_inp(n, 7)?;
            requantize(lw, n, c, mult, yzp, a)?
        }
        "ConvInteger" => {
            let (x, w) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
            let (xzp, wzp) = (lw.opt_inp(n, 2)?, lw.opt_inp(n, 3)?);
            let c = f64_conv(lw, n, (x, xzp), (w, wzp), None)?;
            let i32t = lw.ctx.ty(TypeKind::Integer {
                width: 32,
                signedness: Signedness::Signless,
            });
            lw.cast_to(n, c, i32t)?
        }
        "QLinearConv" => {
            let (x, w) = (lw.inp(n, 0)?, lw.inp(n, 3)?);
            let (xzp, wzp) = (lw.opt_inp(n, 2)?, lw.opt_inp(n, 5)?);
            let bias = lw.opt_inp(n, 8)?;
            let c = f64_conv(lw, n, (x, xzp), (w, wzp), bias)?;
            let (x_scale, w_scale, y_scale) = (lw.inp(n, 1)?, lw.inp(n, 4)?, lw.inp(n, 6)?);
            let (xs, _) = lw.shape_of(x);
            let x_scale = lw.scalar_param(n, x_scale, "x_scale")?;
            let w_scale = lw.col_param(n, w_scale, w, xs.len())?;
            let y_scale = lw.scalar_param(n, y_scale, "y_scale")?;
            let xw = lw.bin(n, "graph.mul", x_scale, w_scale)?;
            let mult = lw.bin(n, "graph.div", xw, y_scale)?;
            let yzp = lw.opt_inp(n, 7)?;
            requantize(lw, n, c, mult, yzp, x)?
        }
        _ => return Err(n.unsupported("operator")),
    };
    lw.bind(n, &[y])
}

impl Lowerer<'_> {
    /// A per-tensor parameter `v` (one element) as a rank-0 tensor.
    fn scalar_param(&mut self, n: &N<'_>, v: Value, what: &str) -> Result<Value> {
        let (vs, _) = self.shape_of(v);
        if vs.iter().any(|&d| d != 1) {
            return Err(n.invalid(format!("{what} must have one element, has shape {vs:?}")));
        }
        if vs.is_empty() {
            return Ok(v);
        }
        self.reshape_q(n, v, &[])
    }
    /// A parameter of the left matrix operand `a`: one element, or per row (1-D of `M`
    /// elements, reshaped to `M x 1`).
    fn row_param(&mut self, n: &N<'_>, v: Value, a: Value) -> Result<Value> {
        let (vs, _) = self.shape_of(v);
        let (as_, _) = self.shape_of(a);
        if vs.iter().all(|&d| d == 1) {
            return self.scalar_param(n, v, "a parameter");
        }
        let m = if as_.len() >= 2 {
            as_[as_.len() - 2]
        } else {
            1
        };
        if vs.len() != 1 || vs[0] != m || is_dynamic(m) {
            return Err(n.invalid(format!(
                "per-row parameter of shape {vs:?} does not match the rows of {as_:?}"
            )));
        }
        self.reshape_q(n, v, &[m, 1])
    }
    /// A parameter of the right operand `w`: one element, or per column / output channel
    /// (1-D, of `w`'s last dimension for a matrix (`rank` 1), of its first dimension placed
    /// on axis 1 of a rank-`rank` result for a convolution weight).
    fn col_param(&mut self, n: &N<'_>, v: Value, w: Value, rank: usize) -> Result<Value> {
        let (vs, _) = self.shape_of(v);
        let (ws, _) = self.shape_of(w);
        if vs.iter().all(|&d| d == 1) {
            return self.scalar_param(n, v, "b or w parameter");
        }
        let (len, conv) = if rank > 1 {
            (ws.first().copied().unwrap_or(1), true)
        } else {
            (ws.last().copied().unwrap_or(1), false)
        };
        if vs.len() != 1 || vs[0] != len || is_dynamic(len) {
            return Err(n.invalid(format!(
                "per-channel parameter of shape {vs:?} does not match {ws:?}"
            )));
        }
        if !conv {
            return Ok(v);
        }
        let mut dims = vec![1; rank];
        dims[1] = len;
        self.reshape_q(n, v, &dims)
    }
}

fn i32_type(lw: &Lowerer<'_>) -> Type {
    lw.ctx.ty(TypeKind::Integer {
        width: 32,
        signedness: Signedness::Signless,
    })
}

/// Check that `x` has an 8-bit integer element type (the quantized operands of these ops).
fn require_8bit(lw: &Lowerer<'_>, n: &N<'_>, x: Value) -> Result<()> {
    let (_, e) = lw.shape_of(x);
    match int_range(lw, e) {
        Some((lo, hi)) if hi - lo == 255 => Ok(()),
        _ => Err(n.unsupported("non-8-bit integer operand")),
    }
}

/// `(i32(a) - a_zp) @ (i32(b) - b_zp)` in `i32`.
fn int_matmul(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    (a, azp): (Value, Option<Value>),
    (b, bzp): (Value, Option<Value>),
) -> Result<Value> {
    require_8bit(lw, n, a)?;
    require_8bit(lw, n, b)?;
    let i32t = i32_type(lw);
    let mut a32 = lw.cast_to(n, a, i32t)?;
    if let Some(z) = azp {
        let z = lw.row_param(n, z, a)?;
        let z = lw.cast_to(n, z, i32t)?;
        a32 = lw.bin(n, "graph.sub", a32, z)?;
    }
    let mut b32 = lw.cast_to(n, b, i32t)?;
    if let Some(z) = bzp {
        let z = lw.col_param(n, z, b, 1)?;
        let z = lw.cast_to(n, z, i32t)?;
        b32 = lw.bin(n, "graph.sub", b32, z)?;
    }
    lw.bin(n, "graph.matmul", a32, b32)
}

/// The convolution of `x - x_zp` with `w - w_zp` (plus the `i32` bias), in `f64`.
fn f64_conv(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    (x, xzp): (Value, Option<Value>),
    (w, wzp): (Value, Option<Value>),
    bias: Option<Value>,
) -> Result<Value> {
    require_8bit(lw, n, x)?;
    require_8bit(lw, n, w)?;
    let f64t = lw.ctx.f64();
    let (xs, _) = lw.shape_of(x);
    let (ws, _) = lw.shape_of(w);
    let mut xf = lw.cast_to(n, x, f64t)?;
    if let Some(z) = xzp {
        let z = lw.scalar_param(n, z, "x_zero_point")?;
        let z = lw.cast_to(n, z, f64t)?;
        xf = lw.bin(n, "graph.sub", xf, z)?;
    }
    let mut wf = lw.cast_to(n, w, f64t)?;
    if let Some(z) = wzp {
        let (zs, _) = lw.shape_of(z);
        let z = if zs.iter().all(|&d| d == 1) {
            lw.scalar_param(n, z, "w_zero_point")?
        } else {
            let m = ws.first().copied().unwrap_or(1);
            if zs.len() != 1 || zs[0] != m || is_dynamic(m) {
                return Err(n.invalid(format!(
                    "w_zero_point of shape {zs:?} does not match the weight {ws:?}"
                )));
            }
            let mut dims = vec![1; ws.len()];
            dims[0] = m;
            lw.reshape_q(n, z, &dims)?
        };
        let z = lw.cast_to(n, z, f64t)?;
        wf = lw.bin(n, "graph.sub", wf, z)?;
    }
    let mut xsv = vec![xf, wf];
    if let Some(b) = bias {
        let (_, be) = lw.shape_of(b);
        if !super::nodes_quant::is_i32(lw, be) {
            return Err(n.invalid("the bias must be an int32 tensor"));
        }
        xsv.push(lw.cast_to(n, b, f64t)?);
    }
    let kernel = match n.attrs.ints("kernel_shape")? {
        Some(k) => k,
        None => ws.get(2..).unwrap_or(&[]).to_vec(),
    };
    if xs.len() < 3 {
        return Err(n.invalid("the input must have at least 3 dimensions"));
    }
    let mut props = super::nodes_nn::window(lw, n, x, kernel.clone())?;
    props.push(("group", i64_attr(lw.ctx, n.attrs.int_or("group", 1)?)));
    if n.attrs.get("kernel_shape").is_some() {
        props.push(("kernel_shape", i64_array_attr(lw.ctx, &kernel)));
    }
    lw.emit1(n, "graph.conv", &xsv, &props)
}

/// `saturate(round_half_even(f64(c) * f64(mult) + f64(y_zp)))` in the zero point's type
/// (or `like`'s without one), an 8-bit integer type.
fn requantize(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    c: Value,
    mult: Value,
    yzp: Option<Value>,
    like: Value,
) -> Result<Value> {
    let f64t = lw.ctx.f64();
    let cf = lw.cast_to(n, c, f64t)?;
    let m = lw.cast_to(n, mult, f64t)?;
    let mut d = lw.bin(n, "graph.mul", cf, m)?;
    let out = match yzp {
        Some(z) => {
            let z = lw.scalar_param(n, z, "y_zero_point")?;
            let (_, ze) = lw.shape_of(z);
            let zf = lw.cast_to(n, z, f64t)?;
            d = lw.bin(n, "graph.add", d, zf)?;
            ze
        }
        None => lw.shape_of(like).1,
    };
    let (lo, hi) = match int_range(lw, out) {
        Some(r) if r.1 - r.0 == 255 => r,
        _ => return Err(n.unsupported("non-8-bit integer output")),
    };
    let r = lw.un(n, "graph.round", d)?;
    let r = lw.clamp(n, r, lo, hi)?;
    lw.cast_to(n, r, out)
}
