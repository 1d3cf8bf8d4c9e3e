//! `graph.unique` (sorted or in order of first occurrence, with or without an axis) as
//! bounded results ([`crate::bounded`]), computed as the interpreter does
//! (`crates/interp/src/ops/graph/select.rs`): slices along the axis (elements of the
//! flattened input without one) compared lexicographically under the total order of the
//! interpreter's keys (numbers ascending, `-0 == 0`, NaN above every number and equal to
//! NaN).
//!
//! With the input viewed as `[outer, D, inner]`:
//!
//! 1. `C[p, q]`, the comparison (-1, 0, 1) of slices `p` and `q`: a reduction over
//!    `(outer, inner)` keeping the first nonzero element comparison;
//! 2. per slice, whether it is its group's first occurrence (no equal slice before it),
//!    its group's size and first index; its group's rank in the output: the number of
//!    groups (first occurrences) whose slice is smaller (sorted) or whose first index is
//!    smaller (`sorted = 0`);
//! 3. the outputs into their bounds (`D` for the unique count `m`): `Y[o, k, i]` is the
//!    slice of the first occurrence of rank `k`, `indices[k]` its index, `counts[k]` its
//!    group's size, `inverse[j]` the rank of slice `j` (static); the extents carry `m`.
//!
//! Quadratic in `D` (times the slice size for step 1): bounded by [`MAX_WORK`].

use crate::bounded::{only_returned, return_bounded};
use crate::build::{
    cmpf::{OGT, OLT, ORD, UNO},
    cmpi::{EQ, SGT, SLT, UGT, ULT},
};
use crate::build::{elem_of, float_kind, map, shape_of, signless_width, Cv, Sb};
use crate::lower::{collapse, expand};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::{Body, Context, FloatKind, Op, Type, TypeKind, Value};

/// The most element comparisons (`D * D * slice size`) built for.
pub const MAX_WORK: i64 = 1 << 26;

impl Sb<'_> {
    /// The interpreter's key order of `a` and `b` (elements of type `elem`): -1, 0 or 1.
    fn key_cmp(&mut self, a: Value, b: Value, elem: Type) -> Value {
        let (lt, gt) = match float_kind(self.ctx, elem) {
            Some(k) => {
                let (a, b) = if matches!(k, FloatKind::F32 | FloatKind::F64) {
                    (a, b)
                } else {
                    // Narrow floats compare exactly in f32.
                    let f32t = self.ctx.float_type(FloatKind::F32);
                    (
                        self.op("arith.extf", &[a], f32t, &[]),
                        self.op("arith.extf", &[b], f32t, &[]),
                    )
                };
                let an = self.cmp("arith.cmpf", UNO, a, a);
                let bn = self.cmp("arith.cmpf", UNO, b, b);
                let ao = self.cmp("arith.cmpf", ORD, a, a);
                let bo = self.cmp("arith.cmpf", ORD, b, b);
                let l = self.cmp("arith.cmpf", OLT, a, b);
                let g = self.cmp("arith.cmpf", OGT, a, b);
                let nl = self.and(ao, bn);
                let ng = self.and(an, bo);
                (self.or(l, nl), self.or(g, ng))
            }
            None => {
                // Booleans order false < true (unsigned).
                let bool_ = signless_width(self.ctx, elem) == Some(1);
                let (pl, pg) = if bool_ { (ULT, UGT) } else { (SLT, SGT) };
                (
                    self.cmp("arith.cmpi", pl, a, b),
                    self.cmp("arith.cmpi", pg, a, b),
                )
            }
        };
        let (m1, z, one) = (self.ci64(-1), self.ci64(0), self.ci64(1));
        let g = self.pick(gt, one, z);
        self.pick(lt, m1, g)
    }
}

/// A reshape through 1-D between static shapes of one size.
fn via_flat(cv: &mut Cv<'_>, x: Value, from: &[i64], to: &[i64], elem: Type) -> Value {
    if from == to {
        return x;
    }
    let n: i64 = from.iter().product();
    let flat = if from.len() == 1 {
        x
    } else {
        collapse(cv, x, &[(0..from.len() as i64).collect()], &[n], elem)
    };
    if to.len() == 1 {
        flat
    } else {
        expand(cv, flat, &[(0..to.len() as i64).collect()], to, elem)
    }
}

/// Convert `graph.unique` `op` (see the module docs); `None`: not converted, nothing built.
pub fn unique(ctx: &Context, body: &mut Body, op: Op) -> Option<()> {
    let x = *body.operand_vec(op).first()?;
    let results = body.results(op).to_vec();
    let xs = shape_of(ctx, body.value_type(x))?;
    let elem = elem_of(ctx, body.value_type(x));
    if float_kind(ctx, elem).is_none() && signless_width(ctx, elem).is_none() {
        return None;
    }
    let a = Attrs::new(ctx, body.op(op).props);
    let sorted = a.i64("sorted", 1).ok()? != 0;
    let r = xs.len();
    let ax = match a.i64_opt("axis").ok()? {
        None => None,
        Some(v) => {
            let v = if v < 0 { v + r as i64 } else { v };
            Some(usize::try_from(v).ok().filter(|&v| v < r)?)
        }
    };
    let n: i64 = xs.iter().product();
    let (outer, d, inner) = match ax {
        Some(k) => (
            xs[..k].iter().product::<i64>(),
            xs[k],
            xs[k + 1..].iter().product::<i64>(),
        ),
        None => (1, n, 1),
    };
    let ybound: Vec<i64> = if ax.is_some() { xs.clone() } else { vec![n] };
    let ypos = ax.unwrap_or(0);
    // Results 0, 1, 3 are bounded (their unique-count dim dynamic), 2 static; a dynamic
    // result must be returned and nothing else.
    for (k, &v) in results.iter().enumerate() {
        let TypeKind::RankedTensor { shape, .. } = ctx.type_kind(body.value_type(v)) else {
            return None;
        };
        let want: Vec<i64> = match k {
            0 => ybound.clone(),
            2 => vec![d],
            _ => vec![d],
        };
        let dynamic_at = if k == 0 { ypos } else { 0 };
        let ok = shape.len() == want.len()
            && shape.iter().zip(&want).enumerate().all(|(i, (&s, &w))| {
                if k != 2 && i == dynamic_at {
                    s < 0
                } else {
                    s == w
                }
            });
        if !ok || k > 3 || (k != 2 && body.has_uses(v) && !only_returned(ctx, body, v)) {
            return None;
        }
    }
    if d.checked_mul(d)?.checked_mul(outer * inner)? > MAX_WORK {
        return None;
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let i64t = ctx.int_type(64);
    let x3 = via_flat(&mut cv, x, &xs, &[outer, d, inner], elem);
    // 1. C[p, q] over (p, q, o, i).
    let cinit = cv.filled_int(0, &[d, d], i64t);
    let c = cv.generic(
        &[x3, x3],
        cinit,
        vec![
            map(4, vec![Dim(2), Dim(0), Dim(3)]),
            map(4, vec![Dim(2), Dim(1), Dim(3)]),
            map(4, vec![Dim(0), Dim(1)]),
        ],
        &[Parallel, Parallel, Reduction, Reduction],
        |sb, v| {
            let k = sb.key_cmp(v[0], v[1], elem);
            let z = sb.ci64(0);
            let done = sb.cmp("arith.cmpi", 1, v[2], z);
            sb.pick(done, v[2], k)
        },
    );
    let iota = {
        let ty = ctx.tensor_type(&[d], i64t);
        let at = dense_attr(ctx, ty, &Values::Int((0..i128::from(d)).collect()))?;
        cv.v("arith.constant", &[], ty, &[("value", at)])
    };
    // 2. Per slice p, reductions over q: equal slices before p, group size, first index.
    let pq = |cv: &mut Cv<'_>, init: i64, f: fn(&mut Sb<'_>, &[Value]) -> Value| {
        let i = cv.filled_int(i128::from(init), &[d], i64t);
        cv.generic(
            &[c, iota, iota],
            i,
            vec![
                map(2, vec![Dim(0), Dim(1)]),
                map(2, vec![Dim(0)]),
                map(2, vec![Dim(1)]),
                map(2, vec![Dim(0)]),
            ],
            &[Parallel, Reduction],
            f,
        )
    };
    // v: C[p, q], p, q, acc.
    let before = pq(&mut cv, 0, |sb, v| {
        let z = sb.ci64(0);
        let eq = sb.cmp("arith.cmpi", EQ, v[0], z);
        let lt = sb.cmp("arith.cmpi", SLT, v[2], v[1]);
        let h = sb.and(eq, lt);
        let one = sb.ci64(1);
        let c = sb.pick(h, one, z);
        sb.bin("arith.addi", v[3], c)
    });
    let count = pq(&mut cv, 0, |sb, v| {
        let z = sb.ci64(0);
        let eq = sb.cmp("arith.cmpi", EQ, v[0], z);
        let one = sb.ci64(1);
        let c = sb.pick(eq, one, z);
        sb.bin("arith.addi", v[3], c)
    });
    let first_idx = pq(&mut cv, d, |sb, v| {
        let z = sb.ci64(0);
        let eq = sb.cmp("arith.cmpi", EQ, v[0], z);
        let q = sb.pick(eq, v[2], v[3]);
        sb.bin("arith.minsi", v[3], q)
    });
    let first = cv.elementwise(&[before], &[d], i64t, |sb, v| {
        let z = sb.ci64(0);
        let f = sb.cmp("arith.cmpi", EQ, v[0], z);
        sb.op("arith.extui", &[f], i64t, &[])
    });
    // The rank of p's group, over (p, q): groups q counted when smaller.
    let rinit = cv.filled_int(0, &[d], i64t);
    let rank = if sorted {
        cv.generic(
            &[first, c],
            rinit,
            vec![
                map(2, vec![Dim(1)]),
                map(2, vec![Dim(1), Dim(0)]),
                map(2, vec![Dim(0)]),
            ],
            &[Parallel, Reduction],
            |sb, v| {
                let m1 = sb.ci64(-1);
                let less = sb.cmp("arith.cmpi", EQ, v[1], m1);
                let z = sb.ci64(0);
                let c = sb.pick(less, v[0], z);
                sb.bin("arith.addi", v[2], c)
            },
        )
    } else {
        cv.generic(
            &[first, iota, first_idx],
            rinit,
            vec![
                map(2, vec![Dim(1)]),
                map(2, vec![Dim(1)]),
                map(2, vec![Dim(0)]),
                map(2, vec![Dim(0)]),
            ],
            &[Parallel, Reduction],
            |sb, v| {
                let before = sb.cmp("arith.cmpi", SLT, v[1], v[2]);
                let z = sb.ci64(0);
                let c = sb.pick(before, v[0], z);
                sb.bin("arith.addi", v[3], c)
            },
        )
    };
    // 3. The outputs. `hit`: p is the first occurrence of rank k.
    let hit = |sb: &mut Sb<'_>, first: Value, rank: Value, k: Value| {
        let one = sb.ci64(1);
        let f = sb.cmp("arith.cmpi", EQ, first, one);
        let here = sb.cmp("arith.cmpi", EQ, rank, k);
        sb.and(f, here)
    };
    let mut news: Vec<(Value, Option<Value>)> = Vec::new();
    for (k, &old) in results.iter().enumerate() {
        if k != 2 && !cv.body.has_uses(old) {
            news.push((old, None));
            continue;
        }
        let new = match k {
            0 => {
                let init = cv.filled(0.0, &[outer, d, inner], elem);
                let y = cv.generic(
                    &[first, rank, iota, x3],
                    init,
                    vec![
                        map(4, vec![Dim(3)]),
                        map(4, vec![Dim(3)]),
                        map(4, vec![Dim(1)]),
                        map(4, vec![Dim(0), Dim(3), Dim(2)]),
                        map(4, vec![Dim(0), Dim(1), Dim(2)]),
                    ],
                    &[Parallel, Parallel, Parallel, Reduction],
                    |sb, v| {
                        let h = hit(sb, v[0], v[1], v[2]);
                        let ty = sb.body.value_type(v[3]);
                        sb.op("arith.select", &[h, v[3], v[4]], ty, &[])
                    },
                );
                via_flat(&mut cv, y, &[outer, d, inner], &ybound, elem)
            }
            2 => rank,
            _ => {
                // indices (the first index p) or counts, over (k, p).
                let what = if k == 1 { iota } else { count };
                let init = cv.filled_int(0, &[d], i64t);
                cv.generic(
                    &[first, rank, iota, what],
                    init,
                    vec![
                        map(2, vec![Dim(1)]),
                        map(2, vec![Dim(1)]),
                        map(2, vec![Dim(0)]),
                        map(2, vec![Dim(1)]),
                        map(2, vec![Dim(0)]),
                    ],
                    &[Parallel, Reduction],
                    |sb, v| {
                        let h = hit(sb, v[0], v[1], v[2]);
                        let z = sb.ci64(0);
                        let c = sb.pick(h, v[3], z);
                        sb.bin("arith.addi", v[4], c)
                    },
                )
            }
        };
        let ext = if k == 2 {
            None
        } else {
            // The extents: the bound with the unique count (sum of `first`) at its dim.
            let (shape, pos) = if k == 0 {
                (ybound.clone(), ypos)
            } else {
                (vec![d], 0)
            };
            let mut e: Vec<i128> = shape.iter().map(|&s| i128::from(s)).collect();
            e[pos] = 0;
            let ety = ctx.tensor_type(&[shape.len() as i64], i64t);
            let ea = dense_attr(ctx, ety, &Values::Int(e))?;
            let einit = cv.v("arith.constant", &[], ety, &[("value", ea)]);
            Some(cv.generic(
                &[first],
                einit,
                vec![map(1, vec![Dim(0)]), map(1, vec![Const(pos as i64)])],
                &[Reduction],
                |sb, v| sb.bin("arith.addi", v[1], v[0]),
            ))
        };
        news.push((new, ext));
    }
    for (&old, (new, ext)) in results.iter().zip(news) {
        match ext {
            Some(e) => return_bounded(ctx, body, old, new, e),
            None if new != old => body.replace_all_uses(old, new),
            None => {}
        }
    }
    body.erase_op(op);
    Some(())
}
