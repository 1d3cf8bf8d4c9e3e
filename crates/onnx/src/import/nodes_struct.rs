//! Structured operators lowered as compositions of existing graph ops: `OneHot`, `Hardmax`
//! and `CumSum` (comparisons with a constant `iota` or triangle mask), `EyeLike` (a
//! constant), `DepthToSpace` and `SpaceToDepth` (reshape, transpose, reshape),
//! `LpNormalization`, `MeanVarianceNormalization` and `GroupNormalization` (reductions, following ONNX's function
//! definitions).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::tensor::elem_type;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::dense::Values;
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::Value;

/// The operators of this module, their first supported opset and constant inputs.
pub(crate) const STRUCT: &[(&str, i64, &[usize])] = &[
    ("OneHot", 11, &[1]),
    ("Hardmax", 13, &[]),
    ("CumSum", 11, &[1]),
    ("EyeLike", 9, &[]),
    ("DepthToSpace", 11, &[]),
    ("SpaceToDepth", 1, &[]),
    ("LpNormalization", 1, &[]),
    ("MeanVarianceNormalization", 13, &[]),
    ("GroupNormalization", 21, &[]),
];

/// Largest class/axis length for which a mask constant is built.
const MASK_LIMIT: i64 = 1 << 12;

fn axis_of(n: &N<'_>, axis: i64, rank: usize) -> Result<usize> {
    let r = rank as i64;
    let a = if axis < 0 { axis + r } else { axis };
    if !(0..r).contains(&a) {
        return Err(n.invalid(format!("axis {axis} out of range for rank {rank}")));
    }
    Ok(a as usize)
}

impl Lowerer<'_> {
    fn reshape_to(&mut self, n: &N<'_>, x: Value, shape: &[i64]) -> Result<Value> {
        let s = i64_array_attr(self.ctx, shape);
        self.emit1(n, "graph.reshape", &[x], &[("shape", s)])
    }
    fn transpose_to(&mut self, n: &N<'_>, x: Value, perm: &[i64]) -> Result<Value> {
        let p = i64_array_attr(self.ctx, perm);
        self.emit1(n, "graph.transpose", &[x], &[("perm", p)])
    }
    /// `mask = (iota along axis `axis` of a rank-`rank` shape) == idx`, with `idx` already
    /// holding a size-1 dimension at `axis`.
    fn iota_eq(
        &mut self,
        n: &N<'_>,
        idx: Value,
        len: i64,
        axis: usize,
        rank: usize,
    ) -> Result<Value> {
        let (_, e) = self.shape_of(idx);
        let mut shape = vec![1; rank];
        shape[axis] = len;
        let iota = self.tensor_const(n, &shape, Values::Int((0..i128::from(len)).collect()), e)?;
        self.bin(n, "graph.equal", idx, iota)
    }
    fn reduce_keep(&mut self, n: &N<'_>, op: &str, x: Value, axes: &[i64]) -> Result<Value> {
        let props = [
            ("keepdims", i64_attr(self.ctx, 1)),
            ("axes", i64_array_attr(self.ctx, axes)),
        ];
        self.emit1(n, op, &[x], &props)
    }
}

/// Lower one of the [`STRUCT`] operators.
pub(crate) fn lower_struct(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (xs, elem) = lw.shape_of(x);
    let rank = xs.len();
    let y = match n.node.op_type.as_str() {
        "OneHot" => {
            let depth = lw
                .const_floats(n, 1)?
                .and_then(|d| d.first().copied())
                .ok_or_else(|| n.invalid("OneHot needs a scalar depth"))?;
            let depth = depth as i64;
            if !(1..=MASK_LIMIT).contains(&depth) {
                return Err(n.unsupported("depth outside [1, 4096]"));
            }
            let values = lw.inp(n, 2)?;
            let axis = axis_of(n, n.attrs.int_or("axis", -1)?, rank + 1)?;
            let i64t = lw.ctx.i64();
            let mut idx = x;
            if elem != i64t {
                let to = lw.ctx.type_attr(i64t);
                idx = lw.emit1(n, "graph.cast", &[x], &[("to", to)])?;
            }
            // Negative indices count from the end.
            let neg = lw.bin_c(n, "graph.less", idx, 0.0)?;
            let wrapped = lw.bin_c(n, "graph.add", idx, depth as f64)?;
            let idx = lw.emit1(n, "graph.where", &[neg, wrapped, idx], &[])?;
            let ax = i64_array_attr(lw.ctx, &[axis as i64]);
            let idx = lw.emit1(n, "graph.unsqueeze", &[idx], &[("axes", ax)])?;
            let mask = lw.iota_eq(n, idx, depth, axis, rank + 1)?;
            let pick = |lw: &mut Lowerer<'_>, i: i64| -> Result<Value> {
                let c = lw.tensor_const(n, &[], Values::Int(vec![i128::from(i)]), i64t)?;
                let a = i64_attr(lw.ctx, 0);
                lw.emit1(n, "graph.gather", &[values, c], &[("axis", a)])
            };
            let (off, on) = (pick(lw, 0)?, pick(lw, 1)?);
            lw.emit1(n, "graph.where", &[mask, on, off], &[])?
        }
        "Hardmax" => {
            let axis = axis_of(n, n.attrs.int_or("axis", -1)?, rank)?;
            let len = xs[axis];
            if is_dynamic(len) || len > MASK_LIMIT {
                return Err(n.unsupported("dynamic or long axis"));
            }
            let props = [
                ("axis", i64_attr(lw.ctx, axis as i64)),
                ("keepdims", i64_attr(lw.ctx, 1)),
            ];
            let am = lw.emit1(n, "graph.argmax", &[x], &props)?;
            let mask = lw.iota_eq(n, am, len, axis, rank)?;
            let one = lw.scalar(n, 1.0, elem)?;
            let zero = lw.scalar(n, 0.0, elem)?;
            lw.emit1(n, "graph.where", &[mask, one, zero], &[])?
        }
        "CumSum" => {
            let a = lw
                .const_ints(n, 1)?
                .and_then(|v| v.first().copied())
                .ok_or_else(|| n.invalid("CumSum needs a scalar axis"))?;
            let axis = axis_of(n, a, rank)?;
            let len = xs[axis];
            if is_dynamic(len) || len > MASK_LIMIT {
                return Err(n.unsupported("dynamic or long axis"));
            }
            let exclusive = n.attrs.int_or("exclusive", 0)? != 0;
            let reverse = n.attrs.int_or("reverse", 0)? != 0;
            // out[.., j, ..] = sum_i where(m[i, j], x[.., i, ..], 0)
            let mut m = Vec::with_capacity((len * len) as usize);
            for i in 0..len {
                for j in 0..len {
                    let keep = match (reverse, exclusive) {
                        (false, false) => i <= j,
                        (false, true) => i < j,
                        (true, false) => i >= j,
                        (true, true) => i > j,
                    };
                    m.push(i128::from(keep));
                }
            }
            let mut mshape = vec![len, len];
            mshape.extend(std::iter::repeat_n(1, rank - axis - 1));
            let i1 = lw.ctx.i1();
            let mask = lw.tensor_const(n, &mshape, Values::Int(m), i1)?;
            let ax = i64_array_attr(lw.ctx, &[axis as i64 + 1]);
            let xu = lw.emit1(n, "graph.unsqueeze", &[x], &[("axes", ax)])?;
            let zero = lw.scalar(n, 0.0, elem)?;
            let sel = lw.emit1(n, "graph.where", &[mask, xu, zero], &[])?;
            let props = [
                ("keepdims", i64_attr(lw.ctx, 0)),
                ("axes", i64_array_attr(lw.ctx, &[axis as i64])),
            ];
            lw.emit1(n, "graph.reduce_sum", &[sel], &props)?
        }
        "EyeLike" => {
            if xs.len() != 2 || xs.iter().any(|&d| is_dynamic(d)) || xs[0] * xs[1] > 1 << 24 {
                return Err(n.unsupported("input that is not a static 2-D tensor"));
            }
            let out = match n.attrs.int("dtype")? {
                Some(t) => elem_type(lw.ctx, t as i32)
                    .ok_or_else(|| n.unsupported(&format!("dtype {t}")))?,
                None => elem,
            };
            let k = n.attrs.int_or("k", 0)?;
            let mut v = Vec::with_capacity((xs[0] * xs[1]) as usize);
            for i in 0..xs[0] {
                for j in 0..xs[1] {
                    v.push(i128::from(j - i == k));
                }
            }
            let values = if lw.ctx.type_kind(out).is_float() {
                Values::Float(v.into_iter().map(|b| b as f64).collect())
            } else {
                Values::Int(v)
            };
            lw.tensor_const(n, &xs, values, out)?
        }
        "DepthToSpace" | "SpaceToDepth" => {
            let b = n
                .attrs
                .int("blocksize")?
                .ok_or_else(|| n.invalid("needs 'blocksize'"))?;
            if rank != 4 || xs.iter().any(|&d| is_dynamic(d)) || b < 1 {
                return Err(n.unsupported("non-static or non-4-D input"));
            }
            let (nb, c, h, w) = (xs[0], xs[1], xs[2], xs[3]);
            if n.node.op_type == "DepthToSpace" {
                if c % (b * b) != 0 {
                    return Err(n.invalid("channels not divisible by blocksize^2"));
                }
                let c2 = c / (b * b);
                let crd = n.attrs.string("mode")?.as_deref() == Some("CRD");
                let (s, p): (Vec<i64>, &[i64]) = if crd {
                    (vec![nb, c2, b, b, h, w], &[0, 1, 4, 2, 5, 3])
                } else {
                    (vec![nb, b, b, c2, h, w], &[0, 3, 4, 1, 5, 2])
                };
                let r = lw.reshape_to(n, x, &s)?;
                let t = lw.transpose_to(n, r, p)?;
                lw.reshape_to(n, t, &[nb, c2, h * b, w * b])?
            } else {
                if h % b != 0 || w % b != 0 {
                    return Err(n.invalid("spatial dimensions not divisible by blocksize"));
                }
                let crd = n.attrs.string("mode")?.as_deref() == Some("CRD");
                let p: &[i64] = if crd {
                    &[0, 1, 3, 5, 2, 4]
                } else {
                    &[0, 3, 5, 1, 2, 4]
                };
                let r = lw.reshape_to(n, x, &[nb, c, h / b, b, w / b, b])?;
                let t = lw.transpose_to(n, r, p)?;
                lw.reshape_to(n, t, &[nb, c * b * b, h / b, w / b])?
            }
        }
        "LpNormalization" => {
            lw.require_float(n, x)?;
            let axis = axis_of(n, n.attrs.int_or("axis", -1)?, rank)? as i64;
            let norm = match n.attrs.int_or("p", 2)? {
                1 => {
                    let a = lw.un(n, "graph.abs", x)?;
                    lw.reduce_keep(n, "graph.reduce_sum", a, &[axis])?
                }
                2 => {
                    let sq = lw.bin(n, "graph.mul", x, x)?;
                    let s = lw.reduce_keep(n, "graph.reduce_sum", sq, &[axis])?;
                    lw.un(n, "graph.sqrt", s)?
                }
                p => return Err(n.invalid(format!("p must be 1 or 2, got {p}"))),
            };
            let q = lw.bin(n, "graph.div", x, norm)?;
            let z = lw.bin_c(n, "graph.equal", norm, 0.0)?;
            let zero = lw.scalar(n, 0.0, elem)?;
            lw.emit1(n, "graph.where", &[z, zero, q], &[])?
        }
        "MeanVarianceNormalization" => {
            lw.require_float(n, x)?;
            let axes = n.attrs.ints("axes")?.unwrap_or_else(|| vec![0, 2, 3]);
            let mean = lw.reduce_keep(n, "graph.reduce_mean", x, &axes)?;
            let sq = lw.bin(n, "graph.mul", x, x)?;
            let mean_sq = lw.reduce_keep(n, "graph.reduce_mean", sq, &axes)?;
            let m2 = lw.bin(n, "graph.mul", mean, mean)?;
            let var = lw.bin(n, "graph.sub", mean_sq, m2)?;
            let std = lw.un(n, "graph.sqrt", var)?;
            let d = lw.bin(n, "graph.sub", x, mean)?;
            let se = lw.bin_c(n, "graph.add", std, 1e-9)?;
            lw.bin(n, "graph.div", d, se)?
        }
        "GroupNormalization" => {
            lw.require_float(n, x)?;
            let g = n
                .attrs
                .int("num_groups")?
                .ok_or_else(|| n.invalid("needs 'num_groups'"))?;
            if rank < 2 || xs.iter().any(|&d| is_dynamic(d)) {
                return Err(n.unsupported("non-static input"));
            }
            let (nb, c) = (xs[0], xs[1]);
            if g < 1 || c % g != 0 {
                return Err(n.invalid(format!("{c} channels cannot form {g} groups")));
            }
            let eps = f64::from(n.attrs.float("epsilon")?.unwrap_or(1e-5));
            let (scale, bias) = (lw.inp(n, 1)?, lw.inp(n, 2)?);
            // Statistics over each group: (N, G, rest).
            let rest: i64 = xs[1..].iter().product::<i64>() / g;
            let r = lw.reshape_to(n, x, &[nb, g, rest])?;
            let mean = lw.reduce_keep(n, "graph.reduce_mean", r, &[2])?;
            let d = lw.bin(n, "graph.sub", r, mean)?;
            let d2 = lw.bin(n, "graph.mul", d, d)?;
            let var = lw.reduce_keep(n, "graph.reduce_mean", d2, &[2])?;
            let ve = lw.bin_c(n, "graph.add", var, eps)?;
            let sd = lw.un(n, "graph.sqrt", ve)?;
            let norm = lw.bin(n, "graph.div", d, sd)?;
            let norm = lw.reshape_to(n, norm, &xs)?;
            let mut cshape = vec![1; rank];
            cshape[1] = c;
            let sc = lw.reshape_to(n, scale, &cshape)?;
            let bi = lw.reshape_to(n, bias, &cshape)?;
            let y = lw.bin(n, "graph.mul", norm, sc)?;
            lw.bin(n, "graph.add", y, bi)?
        }
        _ => return Err(n.unsupported("operator")),
    };
    lw.bind(n, &[y])
}
