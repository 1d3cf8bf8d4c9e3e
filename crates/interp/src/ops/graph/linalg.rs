//! Linear-algebra graph ops: `einsum` and `det`.
//!
//! Both leave the order of their accumulations open, so floats accumulate in `f64` and
//! round once to the element type (the module's numeric policy); integer `einsum` wraps
//! modulo 2^N as `+` and `*` do.

use super::{from_int_values, int_values, operands, Cx};
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::{shape_str, strides, Tensor};
use strata_dialect_graph::linalg::{einsum_sizes, parse_einsum};

pub(crate) fn register(t: &mut Table) {
    t.insert("graph.einsum", Sem::Compute(einsum));
    t.insert("graph.det", Sem::Compute(det));
}

fn einsum(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, usize::MAX)?;
    let dt = ins[0].dtype();
    ensure!(
        ins.iter().all(|t| t.dtype() == dt) && dt != crate::dtype::DType::Bool,
        "expected numeric operands of one type"
    );
    let Some(eq) = cx.string("equation")? else {
        bail!("requires attribute 'equation'");
    };
    let ranks: Vec<usize> = ins.iter().map(|t| t.rank()).collect();
    let spec = parse_einsum(&eq, &ranks)?;
    let shapes: Vec<Vec<i64>> = ins.iter().map(|t| super::dims_i64(t.shape())).collect();
    let refs: Vec<&[i64]> = shapes.iter().map(Vec::as_slice).collect();
    let sizes = super::dims_usize(&einsum_sizes(&spec, &refs)?)?;
    // Loop order: output labels (outer), then the summed labels.
    let mut labels = spec.output.clone();
    let mut used = vec![false; spec.num_labels];
    for l in spec.inputs.iter().flatten() {
        used[*l] = true;
    }
    labels.extend((0..spec.num_labels).filter(|l| used[*l] && !spec.output.contains(l)));
    let dims: Vec<usize> = labels.iter().map(|&l| sizes[l]).collect();
    let out_shape: Vec<usize> = spec.output.iter().map(|&l| sizes[l]).collect();
    let n_out = cx.numel(&out_shape)?;
    let mut work = dims.clone();
    work.push(ins.len());
    cx.work(&work)?;
    // Per loop label, the stride of each operand (summed over repeated labels: a diagonal;
    // 0 on a broadcast size-1 dimension).
    let op_strides: Vec<Vec<usize>> = ins
        .iter()
        .zip(&spec.inputs)
        .map(|(t, ls)| {
            let st = strides(t.shape());
            labels
                .iter()
                .map(|&l| {
                    ls.iter()
                        .enumerate()
                        .filter(|&(d, &x)| x == l && t.shape()[d] != 1)
                        .map(|(d, _)| st[d])
                        .sum()
                })
                .collect()
        })
        .collect();
    let float = dt.is_float();
    let fvals: Vec<Vec<f64>> = if float {
        ins.iter().map(|t| t.to_f64_vec()).collect()
    } else {
        Vec::new()
    };
    let ivals: Vec<Vec<i128>> = if float {
        Vec::new()
    } else {
        ins.iter().map(|t| int_values(t)).collect::<Result<_>>()?
    };
    let total: usize = dims.iter().product();
    let per_out = total.checked_div(n_out).unwrap_or(0);
    let (mut facc, mut iacc) = (vec![0f64; n_out], vec![0i128; n_out]);
    let mut idx = vec![0usize; dims.len()];
    let mut offs = vec![0usize; ins.len()];
    for step in 0..total {
        let o = step.checked_div(per_out).unwrap_or(0);
        if float {
            facc[o] += offs.iter().zip(&fvals).map(|(&p, v)| v[p]).product::<f64>();
        } else {
            let p = offs
                .iter()
                .zip(&ivals)
                .fold(1i128, |a, (&p, v)| a.wrapping_mul(v[p]));
            iacc[o] = iacc[o].wrapping_add(p);
        }
        for d in (0..dims.len()).rev() {
            idx[d] += 1;
            for (k, s) in op_strides.iter().enumerate() {
                offs[k] += s[d];
            }
            if idx[d] < dims[d] {
                break;
            }
            for (k, s) in op_strides.iter().enumerate() {
                offs[k] -= s[d] * dims[d];
            }
            idx[d] = 0;
        }
    }
    let out = if float {
        Tensor::from_f64s(dt, out_shape, &facc)?
    } else {
        from_int_values(dt, out_shape, &iacc)?
    };
    Ok(vec![out])
}

/// The determinant of the `m x m` row-major matrix `a` by LU decomposition with partial
/// pivoting.
fn determinant(mut a: Vec<f64>, m: usize) -> f64 {
    let mut det = 1.0;
    for c in 0..m {
        let p = (c..m)
            .max_by(|&i, &j| {
                a[i * m + c]
                    .abs()
                    .partial_cmp(&a[j * m + c].abs())
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(c);
        if a[p * m + c] == 0.0 {
            return 0.0;
        }
        if p != c {
            for k in 0..m {
                a.swap(p * m + k, c * m + k);
            }
            det = -det;
        }
        let pivot = a[c * m + c];
        det *= pivot;
        for i in c + 1..m {
            let f = a[i * m + c] / pivot;
            for k in c..m {
                a[i * m + k] -= f * a[c * m + k];
            }
        }
    }
    det
}

fn det(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.dtype().is_float(),
        "expected a float tensor, got {}",
        x.type_str()
    );
    let r = x.rank();
    ensure!(
        r >= 2 && x.shape()[r - 1] == x.shape()[r - 2],
        "expected square matrices [..., M, M], got {}",
        shape_str(x.shape())
    );
    let m = x.shape()[r - 1];
    let batch: usize = x.shape()[..r - 2].iter().product();
    cx.work(&[batch, m, m, m])?;
    let v = x.to_f64_vec();
    let out: Vec<f64> = (0..batch)
        .map(|b| determinant(v[b * m * m..(b + 1) * m * m].to_vec(), m))
        .collect();
    Ok(vec![Tensor::from_f64s(
        x.dtype(),
        x.shape()[..r - 2].to_vec(),
        &out,
    )?])
}
