//! Semantics of the `graph` dialect (ONNX operators with value semantics), split by kind:
//! [`elementwise`] (broadcasting binary ops, unary ops, `where`, `clip`, `cast`), [`nn`]
//! (convolutions, pooling, `matmul`, `gemm`), [`reduce`] (reductions, arg-reductions,
//! softmax, normalisations), [`movement`] (shape and data movement ops), [`resize`],
//! [`text_features`] (`tfidf_vectorizer`), [`trees`] (`tree_ensemble`), [`spatial`] (`grid_sample`),
//! [`select`] (bitwise ops, `top_k`, `gather_nd`, `non_zero`, `unique`,
//! `non_max_suppression`), [`linalg`] (`einsum`, `det`) and [`bitcast`].
//!
//! Numeric policy. Integers are exact values of their type; `+ - *` wrap modulo 2^N.
//! Element-wise float ops compute in `f64` and round once to the element type, which is the
//! IEEE result in the element type for `+ - * /` and `sqrt`, and within half an ulp (plus
//! rare double rounding) for the transcendental functions (pure-Rust `libm`, identical on
//! every platform). Where the dialect fixes both the precision and the order of an
//! accumulation (the reductions: element type, row-major), the interpreter follows it
//! exactly. Where it leaves the order open (convolution, `matmul`, `gemm`, normalisation
//! statistics, softmax sums) it accumulates in `f64` and rounds once at the end: the most
//! accurate result, which every order of element-type accumulation approximates within
//! ONNX's tolerances.
//!
//! This module holds the shared machinery: numeric views of tensors, broadcasting and
//! index maps (every data-movement op is a gather through a map of source offsets).

pub(crate) mod bitcast;
pub(crate) mod elementwise;
pub(crate) mod linalg;
pub(crate) mod movement;
pub(crate) mod nn;
pub(crate) mod reduce;
pub(crate) mod resize;
pub(crate) mod select;
pub(crate) mod spatial;
pub(crate) mod text_features;
pub(crate) mod trees;

use super::{OpCx, Table};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::tensor::{shape_str, Data, Tensor};

/// The context type of compute functions.
pub(crate) type Cx<'a> = OpCx<'a>;

pub(crate) fn register(t: &mut Table) {
    elementwise::register(t);
    nn::register(t);
    reduce::register(t);
    movement::register(t);
    resize::register(t);
    text_features::register(t);
    trees::register(t);
    spatial::register(t);
    select::register(t);
    linalg::register(t);
    bitcast::register(t);
}

/// The exact values of an integer (or bool) tensor.
pub(crate) fn int_values(t: &Tensor) -> Result<Vec<i128>> {
    Ok(match t.data() {
        Data::I8(v) => v.iter().map(|&x| x as i128).collect(),
        Data::I16(v) => v.iter().map(|&x| x as i128).collect(),
        Data::I32(v) => v.iter().map(|&x| x as i128).collect(),
        Data::I64(v) => v.iter().map(|&x| x as i128).collect(),
        Data::U8(v) => v.iter().map(|&x| x as i128).collect(),
        Data::U16(v) => v.iter().map(|&x| x as i128).collect(),
        Data::U32(v) => v.iter().map(|&x| x as i128).collect(),
        Data::U64(v) => v.iter().map(|&x| x as i128).collect(),
        Data::Bool(v) => v.iter().map(|&x| x as i128).collect(),
        _ => bail!("expected an integer tensor, got {}", t.type_str()),
    })
}

/// A tensor of integer dtype `dtype` from values, wrapped modulo 2^N (bool: `v != 0`).
pub(crate) fn from_int_values(dtype: DType, shape: Vec<usize>, v: &[i128]) -> Result<Tensor> {
    let data = match dtype {
        DType::I8 => Data::I8(v.iter().map(|&x| x as i8).collect()),
        DType::I16 => Data::I16(v.iter().map(|&x| x as i16).collect()),
        DType::I32 => Data::I32(v.iter().map(|&x| x as i32).collect()),
        DType::I64 | DType::Index => Data::I64(v.iter().map(|&x| x as i64).collect()),
        DType::U8 => Data::U8(v.iter().map(|&x| x as u8).collect()),
        DType::U16 => Data::U16(v.iter().map(|&x| x as u16).collect()),
        DType::U32 => Data::U32(v.iter().map(|&x| x as u32).collect()),
        DType::U64 => Data::U64(v.iter().map(|&x| x as u64).collect()),
        DType::Bool => Data::Bool(v.iter().map(|&x| x != 0).collect()),
        DType::I4 | DType::U4 | DType::I2 | DType::U2 => {
            crate::small::from_bits(dtype, &v.iter().map(|&x| x as u64).collect::<Vec<_>>())
        }
        _ => bail!("expected an integer dtype, got {dtype}"),
    };
    Tensor::new(dtype, shape, data)
}

/// The smallest and largest value of an integer dtype.
pub(crate) fn int_range(dtype: DType) -> (i128, i128) {
    match dtype {
        DType::Bool => (0, 1),
        DType::U8 | DType::U16 | DType::U32 | DType::U64 => (0, (1i128 << dtype.bits()) - 1),
        d => (-(1i128 << (d.bits() - 1)), (1i128 << (d.bits() - 1)) - 1),
    }
}

/// Read a float tensor as `f64` values (an error for other dtypes).
pub(crate) fn float_values(t: &Tensor) -> Result<Vec<f64>> {
    ensure!(
        t.dtype().is_float(),
        "expected a float tensor, got {}",
        t.type_str()
    );
    Ok(t.to_f64_vec())
}

/// Check the operand count (between `min` and `max`).
pub(crate) fn operands(ins: &[&Tensor], min: usize, max: usize) -> Result<()> {
    ensure!(
        ins.len() >= min && ins.len() <= max,
        "expected {} operands, got {}",
        if min == max {
            min.to_string()
        } else {
            format!("{min} to {max}")
        },
        ins.len()
    );
    Ok(())
}

/// Shape as `i64` dims (for the dialect's shape helpers).
pub(crate) fn dims_i64(shape: &[usize]) -> Vec<i64> {
    shape.iter().map(|&d| d as i64).collect()
}

/// `i64` dims (all static and non-negative) back to a shape.
pub(crate) fn dims_usize(dims: &[i64]) -> Result<Vec<usize>> {
    dims.iter()
        .map(|&d| usize::try_from(d).map_err(|_| format!("invalid dimension {d}").into()))
        .collect()
}

/// The numpy broadcast of shapes.
pub(crate) fn broadcast(shapes: &[&[usize]]) -> Result<Vec<usize>> {
    let mut out: Vec<i64> = Vec::new();
    for s in shapes {
        out = strata_dialect_graph::shape::broadcast_shapes(&out, &dims_i64(s))
            .map_err(|e| format!("shapes do not broadcast: {e}"))?;
    }
    dims_usize(&out)
}

/// An ONNX axis in `[-rank, rank - 1]`, made non-negative.
pub(crate) fn axis(a: i64, rank: usize) -> Result<usize> {
    strata_dialect_graph::shape::normalize_axis(a, rank).map_err(Into::into)
}

/// Offsets `base + sum(idx[d] * strides[d])` of every index of `out` in row-major order.
pub(crate) fn affine_offsets(
    out: &[usize],
    base: isize,
    strides: &[isize],
    max: usize,
) -> Result<Vec<usize>> {
    let n = crate::tensor::checked_numel(out, max)?;
    let mut offs = Vec::with_capacity(n);
    if n == 0 {
        return Ok(offs);
    }
    let rank = out.len();
    let mut idx = vec![0usize; rank];
    let mut cur = base;
    for _ in 0..n {
        offs.push(cur as usize);
        for d in (0..rank).rev() {
            idx[d] += 1;
            cur += strides[d];
            if idx[d] < out[d] {
                break;
            }
            cur -= strides[d] * out[d] as isize;
            idx[d] = 0;
        }
    }
    Ok(offs)
}

/// Marker for "no source element" (padding) in an offset map.
pub(crate) const FILL: usize = usize::MAX;

/// Offsets `sum(tables[d][idx[d]])` (or [`FILL`] when any table entry is [`FILL`]) of every
/// index of `out`, whose dims are the tables' lengths.
pub(crate) fn table_offsets(tables: &[Vec<usize>], max: usize) -> Result<Vec<usize>> {
    let out: Vec<usize> = tables.iter().map(|t| t.len()).collect();
    let n = crate::tensor::checked_numel(&out, max)?;
    let mut offs = Vec::with_capacity(n);
    if n == 0 {
        return Ok(offs);
    }
    let rank = out.len();
    let mut idx = vec![0usize; rank];
    for _ in 0..n {
        let mut o = 0usize;
        let mut fill = false;
        for d in 0..rank {
            let e = tables[d][idx[d]];
            if e == FILL {
                fill = true;
                break;
            }
            o += e;
        }
        offs.push(if fill { FILL } else { o });
        for d in (0..rank).rev() {
            idx[d] += 1;
            if idx[d] < out[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok(offs)
}

/// Row-major strides as `isize`.
pub(crate) fn istrides(shape: &[usize]) -> Vec<isize> {
    crate::tensor::strides(shape)
        .into_iter()
        .map(|s| s as isize)
        .collect()
}

/// For every element of `out`, the offset of the element of `shape` it reads under numpy
/// broadcasting (`shape` must broadcast to `out`).
pub(crate) fn broadcast_offsets(shape: &[usize], out: &[usize], max: usize) -> Result<Vec<usize>> {
    ensure!(
        shape.len() <= out.len(),
        "cannot broadcast {} to {}",
        shape_str(shape),
        shape_str(out)
    );
    let lead = out.len() - shape.len();
    let st = istrides(shape);
    let mut strides = vec![0isize; out.len()];
    for (i, &d) in shape.iter().enumerate() {
        let o = out[lead + i];
        ensure!(
            d == o || d == 1,
            "cannot broadcast {} to {}",
            shape_str(shape),
            shape_str(out)
        );
        strides[lead + i] = if d == 1 { 0 } else { st[i] };
    }
    affine_offsets(out, 0, &strides, max)
}

/// `t` broadcast to `out` (a copy).
pub(crate) fn broadcast_to(t: &Tensor, out: &[usize], max: usize) -> Result<Tensor> {
    if t.shape() == out {
        return Ok(t.clone());
    }
    let offs = broadcast_offsets(t.shape(), out, max)?;
    Tensor::new(t.dtype(), out.to_vec(), t.data().gather(&offs))
}

/// Gather `t`'s elements at `offs` into a tensor of `shape`; [`FILL`] entries take the
/// single element of `fill` (a tensor of `t`'s dtype).
pub(crate) fn gather_fill(
    t: &Tensor,
    shape: Vec<usize>,
    offs: &[usize],
    fill: &Tensor,
) -> Result<Tensor> {
    ensure!(
        fill.dtype() == t.dtype() && fill.len() == 1,
        "the fill value must be one {} element",
        t.dtype()
    );
    let data = crate::map_data!(t.data(), v => {
        let f = first_of(fill.data(), v);
        offs.iter().map(|&o| if o == FILL { f } else { v[o] }).collect()
    });
    Tensor::new(t.dtype(), shape, data)
}

/// The first element of `fill`, of the element type of `like`.
fn first_of<T: crate::Element>(fill: &Data, like: &[T]) -> T {
    let _ = like;
    T::slice(fill).map_or_else(|| T::from_f64(0.0), |s| s[0])
}

/// `t`'s elements at `offs` as a tensor of `shape`.
pub(crate) fn gather(t: &Tensor, shape: Vec<usize>, offs: &[usize]) -> Result<Tensor> {
    Tensor::new(t.dtype(), shape, t.data().gather(offs))
}
