//! `graph.det` of small matrices as one all-parallel `tensor.generic` over the batch dims.
//!
//! The body reads the `m * m` elements of one matrix (the operand once per element, through
//! maps with constant trailing results) and runs the interpreter's algorithm unrolled: LU
//! decomposition with partial pivoting in `f64` (the pivot is the *last* row of largest
//! magnitude, as Rust's `max_by` picks; NaN compares as equal and moves the choice on), a
//! row swap negating the determinant, and a result of exactly 0 as soon as a pivot is 0.
//! The data-dependent pivot choice becomes `arith.select`s over the candidate rows, so the
//! body grows as `m^3`: matrices up to [`MAX_M`] convert.

use crate::build::{
    cmpf::{OEQ, OGT},
    cmpi::EQ,
};
use crate::build::{elem_of, float_kind, map, Cv, Sb};
use strata_dialect_tensor::IteratorType::Parallel;
use strata_ir::affine::AffineExpr;
use strata_ir::{FloatKind, Type, Value};

/// The largest matrix order converted.
pub const MAX_M: i64 = 6;

/// `graph.det` of `x` (shape `[.., m, m]`) giving `out` (the batch dims).
pub fn det(cv: &mut Cv<'_>, x: Value, shape: &[i64], out: &[i64], elem: Type) -> Option<Value> {
    let ctx = cv.ctx;
    let kind = float_kind(ctx, elem)?;
    let r = shape.len();
    if !kind.is_ieee_arith()
        || elem_of(ctx, cv.body.value_type(x)) != elem
        || r < 2
        || shape[r - 1] != shape[r - 2]
        || !(1..=MAX_M).contains(&shape[r - 1])
        || shape[..r - 2] != *out
    {
        return None;
    }
    let m = shape[r - 1] as usize;
    let nb = r - 2;
    let batch: Vec<AffineExpr> = (0..nb as u32).map(AffineExpr::Dim).collect();
    let mut maps = Vec::with_capacity(m * m + 1);
    for i in 0..m {
        for j in 0..m {
            let mut res = batch.clone();
            res.push(AffineExpr::Const(i as i64));
            res.push(AffineExpr::Const(j as i64));
            maps.push(map(nb, res));
        }
    }
    maps.push(map(nb, batch));
    let inputs = vec![x; m * m];
    let init = cv.empty(out, elem);
    let wide = kind != FloatKind::F64;
    Some(
        cv.generic(&inputs, init, maps, &vec![Parallel; nb], |sb, a| {
            let f64t = sb.ctx.f64();
            let vals: Vec<Value> = a[..m * m]
                .iter()
                .map(|&v| {
                    if wide {
                        sb.op("arith.extf", &[v], f64t, &[])
                    } else {
                        v
                    }
                })
                .collect();
            let d = lu_det(sb, vals, m);
            if wide {
                sb.op("arith.truncf", &[d], elem, &[])
            } else {
                d
            }
        }),
    )
}

/// The determinant of the row-major `m x m` matrix `a` (`f64` values), the interpreter's
/// LU decomposition unrolled.
fn lu_det(sb: &mut Sb<'_>, mut a: Vec<Value>, m: usize) -> Value {
    let f64t = sb.ctx.f64();
    let i64t = sb.ctx.int_type(64);
    let i1 = sb.ctx.int_type(1);
    let zero = sb.cst(0.0, f64t);
    let mut det = sb.cst(1.0, f64t);
    let mut is_zero = sb.op(
        "arith.constant",
        &[],
        i1,
        &[("value", sb.ctx.int_attr(0, i1))],
    );
    let idx = |sb: &mut Sb<'_>, i: usize| sb.cst(i as f64, i64t);
    for c in 0..m {
        // The pivot row: the last of largest magnitude (`max_by` keeps the later of equals).
        let mut best = sb.un("math.absf", a[c * m + c]);
        let mut p = idx(sb, c);
        for i in c + 1..m {
            let v = sb.un("math.absf", a[i * m + c]);
            let keep = sb.cmp("arith.cmpf", OGT, best, v);
            best = sb.op("arith.select", &[keep, best, v], f64t, &[]);
            let ii = idx(sb, i);
            p = sb.op("arith.select", &[keep, p, ii], i64t, &[]);
        }
        let is_p: Vec<Value> = (c..m)
            .map(|i| {
                let ii = idx(sb, i);
                sb.cmp("arith.cmpi", EQ, p, ii)
            })
            .collect();
        // Swap rows `c` and `p`.
        let old_c: Vec<Value> = (0..m).map(|k| a[c * m + k]).collect();
        for k in 0..m {
            let mut v = old_c[k];
            for i in c + 1..m {
                v = sb.op("arith.select", &[is_p[i - c], a[i * m + k], v], f64t, &[]);
            }
            for i in c + 1..m {
                a[i * m + k] = sb.op(
                    "arith.select",
                    &[is_p[i - c], old_c[k], a[i * m + k]],
                    f64t,
                    &[],
                );
            }
            a[c * m + k] = v;
        }
        let pivot = a[c * m + c];
        let z = sb.cmp("arith.cmpf", OEQ, pivot, zero);
        is_zero = sb.op("arith.ori", &[is_zero, z], i1, &[]);
        let neg = sb.un("arith.negf", det);
        det = sb.op("arith.select", &[is_p[0], det, neg], f64t, &[]);
        det = sb.bin("arith.mulf", det, pivot);
        for i in c + 1..m {
            let f = sb.bin("arith.divf", a[i * m + c], pivot);
            for k in c..m {
                let t = sb.bin("arith.mulf", f, a[c * m + k]);
                a[i * m + k] = sb.bin("arith.subf", a[i * m + k], t);
            }
        }
    }
    sb.op("arith.select", &[is_zero, zero, det], f64t, &[])
}
