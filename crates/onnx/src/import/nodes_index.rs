//! Indexing, selection and sequence operators lowered to existing graph ops, following the
//! ONNX reference implementation (`onnx/reference/ops/op_*.py`):
//!
//! * `CumProd`: a triangle mask selects `x` or 1 and `graph.reduce_prod` multiplies along
//!   the axis in index order, as `np.cumprod` does (`reverse` flips the axis before and
//!   after with a step -1 `graph.slice`, so the products run from the end as ONNX's);
//! * `HannWindow`, `HammingWindow`, `BlackmanWindow`: constants for a constant `size`;
//! * `ReverseSequence`: `graph.gather_elements` along the time axis with the index
//!   `t < len[b] ? len[b] - 1 - t : t`;
//! * `TensorScatter`: `graph.scatter_elements` along the sequence axis with the index
//!   `write_indices[b] + s` (modulo the cache length in `circular` mode);
//! * training-mode `BatchNormalization`: batch statistics by reductions, then
//!   `graph.batch_norm` and the running-statistics updates.

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::proto::data_type as dt;
use crate::tensor::{checked_numel, elem_type};
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::dense::Values;
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::Value;

/// The operators of this module, their first supported opset and constant inputs.
pub(crate) const INDEX: &[(&str, i64, &[usize])] = &[
    ("CumProd", 26, &[1]),
    ("HannWindow", 17, &[0]),
    ("HammingWindow", 17, &[0]),
    ("BlackmanWindow", 17, &[0]),
    ("ReverseSequence", 10, &[]),
    ("TensorScatter", 24, &[]),
];

/// Largest axis length for which `CumProd` builds its (length²) mask constant.
const MASK_LIMIT: i64 = 1 << 12;

fn axis_of(n: &N<'_>, axis: i64, rank: usize) -> Result<usize> {
    strata_dialect_graph::shape::normalize_axis(axis, rank).map_err(|m| n.invalid(m))
}

/// Whether `x` has a static shape.
fn is_static(shape: &[i64]) -> bool {
    !shape.iter().any(|&d| is_dynamic(d))
}

/// Lower one of the [`INDEX`] operators.
pub(crate) fn lower_index(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let y = match n.node.op_type.as_str() {
        "CumProd" => cum_prod(lw, n)?,
        "HannWindow" | "HammingWindow" | "BlackmanWindow" => window(lw, n)?,
        "ReverseSequence" => reverse_sequence(lw, n)?,
        "TensorScatter" => tensor_scatter(lw, n)?,
        _ => return Err(n.unsupported("operator")),
    };
    lw.bind(n, &[y])
}

/// `x` reversed along `axis` (a step -1 slice over the whole axis).
fn reverse(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, axis: usize) -> Result<Value> {
    let props = [
        ("starts", i64_array_attr(lw.ctx, &[-1])),
        ("ends", i64_array_attr(lw.ctx, &[i64::MIN])),
        ("axes", i64_array_attr(lw.ctx, &[axis as i64])),
        ("steps", i64_array_attr(lw.ctx, &[-1])),
    ];
    lw.emit1(n, "graph.slice", &[x], &props)
}

fn cum_prod(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Value> {
    let x = lw.inp(n, 0)?;
    let (xs, elem) = lw.shape_of(x);
    let rank = xs.len();
    let a = lw
        .const_ints(n, 1)?
        .filter(|v| v.len() == 1)
        .and_then(|v| v.first().copied())
        .ok_or_else(|| n.invalid("CumProd needs a scalar axis"))?;
    let axis = axis_of(n, a, rank)?;
    let len = xs[axis];
    if is_dynamic(len) || len > MASK_LIMIT {
        return Err(n.unsupported("dynamic or long axis"));
    }
    if elem == lw.ctx.i1() {
        return Err(n.invalid("CumProd of a bool tensor"));
    }
    let exclusive = n.attrs.int_or("exclusive", 0)? != 0;
    let reverse_ = n.attrs.int_or("reverse", 0)? != 0;
    let x = if reverse_ {
        reverse(lw, n, x, axis)?
    } else {
        x
    };
    // out[.., j, ..] = prod_i where(i <= j (i < j if exclusive), x[.., i, ..], 1), the
    // product running over i in increasing order as np.cumprod's.
    let mut m = Vec::with_capacity((len * len) as usize);
    for i in 0..len {
        for j in 0..len {
            m.push(i128::from(if exclusive { i < j } else { i <= j }));
        }
    }
    let mut mshape = vec![len, len];
    mshape.extend(std::iter::repeat_n(1, rank - axis - 1));
    let i1 = lw.ctx.i1();
    let mask = lw.tensor_const(n, &mshape, Values::Int(m), i1)?;
    let ax = i64_array_attr(lw.ctx, &[axis as i64 + 1]);
    let xu = lw.emit1(n, "graph.unsqueeze", &[x], &[("axes", ax)])?;
    let one = lw.scalar(n, 1.0, elem)?;
    let sel = lw.emit1(n, "graph.where", &[mask, xu, one], &[])?;
    let props = [
        ("keepdims", i64_attr(lw.ctx, 0)),
        ("axes", i64_array_attr(lw.ctx, &[axis as i64])),
    ];
    let y = lw.emit1(n, "graph.reduce_prod", &[sel], &props)?;
    if reverse_ {
        reverse(lw, n, y, axis)
    } else {
        Ok(y)
    }
}

/// The window functions of opset 17 for a constant `size`, computed in `f64` and rounded
/// once to `output_datatype` (ONNX's reference computes in the output type; the results
/// agree within its tolerances). `N = size` when `periodic` (the default), else `size - 1`:
/// Hann `sin²(πn/N)`, Hamming `α - β cos(2πn/N)` with `α = 25/46`, `β = 1 - α`, Blackman
/// `0.42 - 0.5 cos(2πn/N) + 0.08 cos(4πn/N)`.
fn window(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Value> {
    let size = lw
        .const_ints(n, 0)?
        .filter(|v| v.len() == 1)
        .and_then(|v| v.first().copied())
        .ok_or_else(|| n.invalid("window functions need a scalar size"))?;
    if size < 0 {
        return Err(n.invalid(format!("window size {size} is negative")));
    }
    checked_numel(&[size], &lw.limits, &n.at)?;
    let t = n.attrs.int_or("output_datatype", i64::from(dt::FLOAT))?;
    let out = i32::try_from(t)
        .ok()
        .and_then(|t| elem_type(lw.ctx, t))
        .filter(|&e| e != lw.ctx.i1())
        .ok_or_else(|| n.unsupported(&format!("output_datatype {t}")))?;
    let periodic = n.attrs.int_or("periodic", 1)? != 0;
    let big_n = if periodic { size } else { size - 1 } as f64;
    let pi = std::f64::consts::PI;
    let v: Vec<f64> = (0..size)
        .map(|i| {
            let k = i as f64;
            match n.node.op_type.as_str() {
                "HannWindow" => libm::sin(pi * k / big_n).powi(2),
                "HammingWindow" => {
                    let alpha = 25.0 / 46.0;
                    alpha - libm::cos(2.0 * pi * k / big_n) * (1.0 - alpha)
                }
                _ => {
                    0.42 - 0.5 * libm::cos(2.0 * pi * k / big_n)
                        + 0.08 * libm::cos(4.0 * pi * k / big_n)
                }
            }
        })
        .collect();
    let values = if lw.ctx.type_kind(out).is_float() {
        Values::Float(v)
    } else {
        Values::Int(v.into_iter().map(|x| x.trunc() as i128).collect())
    };
    lw.tensor_const(n, &[size], values, out)
}

/// `x` cast to `i64` (unchanged when it already is).
fn to_i64(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value) -> Result<Value> {
    let (_, e) = lw.shape_of(x);
    let i64t = lw.ctx.i64();
    if e == i64t {
        return Ok(x);
    }
    if !lw.ctx.type_kind(e).is_integer() || e == lw.ctx.i1() {
        return Err(n.invalid("index input must be an integer tensor"));
    }
    let to = lw.ctx.type_attr(i64t);
    lw.emit1(n, "graph.cast", &[x], &[("to", to)])
}

/// An `i64` constant `0, 1, ..., len - 1` laid along `axis` of a rank-`rank` shape of ones.
fn iota(lw: &mut Lowerer<'_>, n: &N<'_>, len: i64, axis: usize, rank: usize) -> Result<Value> {
    let mut shape = vec![1; rank];
    shape[axis] = len;
    let i64t = lw.ctx.i64();
    lw.tensor_const(n, &shape, Values::Int((0..i128::from(len)).collect()), i64t)
}

fn reshape(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, shape: &[i64]) -> Result<Value> {
    let s = i64_array_attr(lw.ctx, shape);
    lw.emit1(n, "graph.reshape", &[x], &[("shape", s)])
}

fn expand(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, shape: &[i64]) -> Result<Value> {
    let s = i64_array_attr(lw.ctx, shape);
    lw.emit1(n, "graph.expand", &[x], &[("shape", s)])
}

fn reverse_sequence(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Value> {
    let x = lw.inp(n, 0)?;
    let lens = lw.inp(n, 1)?;
    let (xs, _) = lw.shape_of(x);
    let rank = xs.len();
    if rank < 2 || !is_static(&xs) {
        return Err(n.unsupported("input that is not a static tensor of rank >= 2"));
    }
    let batch = axis_of(n, n.attrs.int_or("batch_axis", 1)?, rank)?;
    let time = axis_of(n, n.attrs.int_or("time_axis", 0)?, rank)?;
    if batch > 1 || time > 1 || batch == time {
        return Err(n.invalid("batch_axis and time_axis must be 0 and 1, in either order"));
    }
    let (ls, _) = lw.shape_of(lens);
    if ls.len() != 1 || (!is_dynamic(ls[0]) && ls[0] != xs[batch]) {
        return Err(n.invalid("sequence_lens must have one value per batch element"));
    }
    // idx[t, b] (in the axes' order) = t < len[b] ? len[b] - 1 - t : t.
    let mut lshape = vec![1; 2];
    lshape[batch] = xs[batch];
    let lens = to_i64(lw, n, lens)?;
    let lens = reshape(lw, n, lens, &lshape)?;
    let t = iota(lw, n, xs[time], time, 2)?;
    let last = lw.bin_c(n, "graph.sub", lens, 1.0)?;
    let rev = lw.bin(n, "graph.sub", last, t)?;
    let inside = lw.bin(n, "graph.less", t, lens)?;
    let idx = lw.emit1(n, "graph.where", &[inside, rev, t], &[])?;
    let idx = if rank > 2 {
        let axes: Vec<i64> = (2..rank as i64).collect();
        let a = i64_array_attr(lw.ctx, &axes);
        lw.emit1(n, "graph.unsqueeze", &[idx], &[("axes", a)])?
    } else {
        idx
    };
    let idx = expand(lw, n, idx, &xs)?;
    let axis = i64_attr(lw.ctx, time as i64);
    lw.emit1(n, "graph.gather_elements", &[x, idx], &[("axis", axis)])
}

fn tensor_scatter(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<Value> {
    let past = lw.inp(n, 0)?;
    let upd = lw.inp(n, 1)?;
    let (ps, _) = lw.shape_of(past);
    let (us, _) = lw.shape_of(upd);
    let rank = ps.len();
    if rank < 2 || !is_static(&ps) || !is_static(&us) {
        return Err(n.unsupported("input that is not a static tensor of rank >= 2"));
    }
    let axis = axis_of(n, n.attrs.int_or("axis", -2)?, rank)?;
    if axis == 0 {
        return Err(n.invalid("the sequence axis must not be the batch axis 0"));
    }
    let compatible = us.len() == rank
        && (0..rank).all(|d| {
            if d == axis {
                us[d] <= ps[d]
            } else {
                us[d] == ps[d]
            }
        });
    if !compatible {
        return Err(n.invalid("update must have the cache's shape, shorter on the axis"));
    }
    let circular = match n.attrs.string("mode")?.as_deref() {
        None | Some("linear") => false,
        Some("circular") => true,
        Some(m) => return Err(n.invalid(format!("unknown mode '{m}'"))),
    };
    // idx[b, .., s, ..] = write_indices[b] + s (mod the cache length when circular).
    let mut bshape = vec![1; rank];
    bshape[0] = ps[0];
    let start = match lw.opt_inp(n, 2)? {
        Some(w) => {
            let (ws, _) = lw.shape_of(w);
            if ws.len() != 1 || (!is_dynamic(ws[0]) && ws[0] != ps[0]) {
                return Err(n.invalid("write_indices must have one value per batch element"));
            }
            let w = to_i64(lw, n, w)?;
            reshape(lw, n, w, &bshape)?
        }
        None => {
            let i64t = lw.ctx.i64();
            lw.tensor_const(n, &bshape, Values::Int(vec![0; ps[0] as usize]), i64t)?
        }
    };
    let s = iota(lw, n, us[axis], axis, rank)?;
    let mut idx = lw.bin(n, "graph.add", start, s)?;
    if circular {
        let m = lw.scalar(n, ps[axis] as f64, lw.ctx.i64())?;
        let fmod = i64_attr(lw.ctx, 0);
        idx = lw.emit1(n, "graph.mod", &[idx, m], &[("fmod", fmod)])?;
    }
    let idx = expand(lw, n, idx, &us)?;
    let props = [
        ("axis", i64_attr(lw.ctx, axis as i64)),
        ("reduction", lw.ctx.string_attr("none")),
    ];
    lw.emit1(n, "graph.scatter_elements", &[past, idx, upd], &props)
}

/// `BatchNormalization` with `training_mode = 1` (opset 14+), as ONNX's reference: the
/// batch mean and (biased) variance over every axis but 1 normalise `x`
/// (`graph.batch_norm`), and the optional outputs are the running statistics
/// `input_mean * momentum + batch_mean * (1 - momentum)` (same for the variance).
pub(crate) fn batch_norm_training(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let mut xs = Vec::new();
    for i in 0..5 {
        xs.push(lw.inp(n, i)?);
    }
    let x = xs[0];
    let (shape, e) = lw.shape_of(x);
    lw.require_float(n, x)?;
    if shape.len() < 2 || is_dynamic(shape[1]) {
        return Err(n.unsupported("input without a static channel axis 1"));
    }
    let c = shape[1];
    let axes: Vec<i64> = (0..shape.len() as i64).filter(|&a| a != 1).collect();
    let keep = [
        ("keepdims", i64_attr(lw.ctx, 1)),
        ("axes", i64_array_attr(lw.ctx, &axes)),
    ];
    let mean_k = lw.emit1(n, "graph.reduce_mean", &[x], &keep)?;
    let d = lw.bin(n, "graph.sub", x, mean_k)?;
    let d2 = lw.bin(n, "graph.mul", d, d)?;
    let var_k = lw.emit1(n, "graph.reduce_mean", &[d2], &keep)?;
    let mean = reshape(lw, n, mean_k, &[c])?;
    let var = reshape(lw, n, var_k, &[c])?;
    let eps = f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5));
    let momentum = f64::from(n.attrs.float("momentum")?.unwrap_or(0.9));
    let props = [
        ("epsilon", lw.float_for(eps, e)),
        ("momentum", lw.float_for(momentum, e)),
    ];
    let y = lw.emit1(n, "graph.batch_norm", &[x, xs[1], xs[2], mean, var], &props)?;
    let mut outs = vec![y];
    for (input, batch) in [(xs[3], mean), (xs[4], var)] {
        let a = lw.bin_c(n, "graph.mul", input, momentum)?;
        let b = lw.bin_c(n, "graph.mul", batch, 1.0 - momentum)?;
        outs.push(lw.bin(n, "graph.add", a, b)?);
    }
    lw.bind(n, &outs)
}
