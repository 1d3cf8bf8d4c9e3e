//! `graph.max_pool` whose second result (the indices) is used: the maxima as a window
//! reduction with `maximumf` over the `-inf` padded input (any spatial rank), and the
//! indices as a second window reduction keeping the smallest flat input index
//! `(n * C + c) * plane + offset(i0, i1, ..)` among the window's input elements equal to the
//! maximum (NaN matching a NaN maximum): the interpreter's first maximum, or first NaN.
//! Each spatial position enters the body from a constant table over the padded axis
//! holding `p - pad` inside the input and -1 in the padding, read through the window map;
//! batch and channel from iota constants. `storage_order = 1` orders the spatial offset
//! column-major, as the interpreter does.

use crate::build::{
    cmpf::{OEQ, UNO},
    cmpi::SGE,
};
use crate::build::{elem_of, is_float, map, Cv};
use crate::nd::{nc0, pool_geometry, tap, window_reduce};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr;
use strata_ir::affine::AffineExpr::Dim;
use strata_ir::{Body, Context, Op, Value};

/// The largest table built for an axis.
const MAX_TABLE: i64 = 1 << 24;

/// A constant `i64` vector.
fn table(cv: &mut Cv<'_>, v: Vec<i128>) -> Option<Value> {
    let i64t = cv.ctx.int_type(64);
    let ty = cv.ctx.tensor_type(&[v.len() as i64], i64t);
    let a = dense_attr(cv.ctx, ty, &Values::Int(v))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// Convert `op` (a `graph.max_pool` with two results); `false` when it does not convert.
pub fn convert(ctx: &Context, body: &mut Body, op: Op) -> bool {
    let results = body.results(op).to_vec();
    let operands: Vec<Value> = body.operands(op).collect();
    if results.len() != 2 || operands.len() != 1 || !body.regions(op).is_empty() {
        return false;
    }
    let shape_of = |v: Value| crate::build::shape_of(ctx, body.value_type(v));
    let (Some(shape), Some(out), Some(iout)) = (
        shape_of(operands[0]),
        shape_of(results[0]),
        shape_of(results[1]),
    ) else {
        return false;
    };
    let elem = elem_of(ctx, body.value_type(operands[0]));
    let ielem = elem_of(ctx, body.value_type(results[1]));
    if !is_float(ctx, elem) || ielem != ctx.int_type(64) || iout != out {
        return false;
    }
    let a = Attrs::new(ctx, body.op(op).props);
    let Some(col) = a
        .i64("storage_order", 0)
        .ok()
        .filter(|o| (0..=1).contains(o))
    else {
        return false;
    };
    let Some((k, w, extra)) = pool_geometry(&shape, &out, &a) else {
        return false;
    };
    let r = k.len();
    if (0..r).any(|i| shape[2 + i] + w.lo[i] + w.hi[i] + extra[i] > MAX_TABLE)
        || shape[0] > MAX_TABLE
        || shape[1] > MAX_TABLE
    {
        return false;
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let Some((m, idx)) = lower(&mut cv, operands[0], &shape, &out, &k, &w, &extra, col == 1) else {
        return false;
    };
    body.replace_all_uses(results[0], m);
    body.replace_all_uses(results[1], idx);
    body.erase_op(op);
    true
}

/// The maxima and their indices (`col`: spatial offsets column-major, `storage_order = 1`).
#[allow(clippy::too_many_arguments)]
fn lower(
    cv: &mut Cv<'_>,
    x: Value,
    shape: &[i64],
    out: &[i64],
    k: &[i64],
    w: &crate::nd::Win,
    extra: &[i64],
    col: bool,
) -> Option<(Value, Value)> {
    let ctx = cv.ctx;
    let elem = elem_of(ctx, cv.body.value_type(x));
    let i64t = ctx.int_type(64);
    let r = k.len();
    // The tables first, so that nothing is built when one cannot be.
    let mut tables = vec![
        table(cv, (0..i128::from(shape[0])).collect())?,
        table(cv, (0..i128::from(shape[1])).collect())?,
    ];
    for i in 0..r {
        let len = shape[2 + i] + w.lo[i] + w.hi[i] + extra[i];
        let v = (0..len)
            .map(|p| {
                let q = p - w.lo[i];
                if (0..shape[2 + i]).contains(&q) {
                    i128::from(q)
                } else {
                    -1
                }
            })
            .collect();
        tables.push(table(cv, v)?);
    }
    let lo = nc0(&w.lo);
    let hi = nc0(&(0..r).map(|i| w.hi[i] + extra[i]).collect::<Vec<_>>());
    let xp = cv.pad(x, shape, &lo, &hi, f64::NEG_INFINITY);
    let init = cv.filled(f64::NEG_INFINITY, out, elem);
    let m = window_reduce(cv, true, xp, init, k, w, elem);
    // The indices: a min over the window of the candidates' flat indices.
    let nd = 2 + 2 * r;
    let k0 = 2 + r as u32;
    let mut xm = vec![Dim(0), Dim(1)];
    xm.extend((0..r as u32).map(|i| tap(2 + i, w.s[i as usize], k0 + i, w.d[i as usize])));
    let om: Vec<AffineExpr> = (0..2 + r as u32).map(Dim).collect();
    let win = cv.empty(k, elem);
    let mut ins = vec![xp, m, win];
    let mut maps = vec![
        map(nd, xm.clone()),
        map(nd, om.clone()),
        map(nd, (0..r as u32).map(|i| Dim(k0 + i)).collect()),
    ];
    for (i, &t) in tables.iter().enumerate() {
        ins.push(t);
        maps.push(map(nd, vec![xm[i].clone()]));
    }
    maps.push(map(nd, om));
    let mut iters = vec![Parallel; 2 + r];
    iters.extend(std::iter::repeat_n(Reduction, r));
    let iinit = cv.filled_int(i128::from(i64::MAX), out, i64t);
    // flat = (n * C + c) * plane + sum(p_j * coef_j), coef row- or column-major.
    let sp = &shape[2..];
    let plane: i64 = sp.iter().product();
    let coef: Vec<i64> = (0..r)
        .map(|j| {
            if col {
                sp[..j].iter().product()
            } else {
                sp[j + 1..].iter().product()
            }
        })
        .collect();
    let chans = shape[1];
    let idx = cv.generic(&ins, iinit, maps, &iters, |sb, v| {
        let i1 = sb.ctx.int_type(1);
        let c = |sb: &mut crate::build::Sb<'_>, n: i64| {
            let at = sb.ctx.int_attr(i128::from(n), i64t);
            sb.op("arith.constant", &[], i64t, &[("value", at)])
        };
        let cc = c(sb, chans);
        let nc = sb.bin("arith.muli", v[3], cc);
        let nc = sb.bin("arith.addi", nc, v[4]);
        let pc = c(sb, plane);
        let mut flat = sb.bin("arith.muli", nc, pc);
        let zero = c(sb, 0);
        let mut inside = None;
        for (j, &cf) in coef.iter().enumerate() {
            let p = v[5 + j];
            let k = c(sb, cf);
            let t = sb.bin("arith.muli", p, k);
            flat = sb.bin("arith.addi", flat, t);
            let ge = sb.cmp("arith.cmpi", SGE, p, zero);
            inside = Some(match inside {
                None => ge,
                Some(q) => sb.op("arith.andi", &[q, ge], i1, &[]),
            });
        }
        let eq = sb.cmp("arith.cmpf", OEQ, v[0], v[1]);
        let xn = sb.cmp("arith.cmpf", UNO, v[0], v[0]);
        let mn = sb.cmp("arith.cmpf", UNO, v[1], v[1]);
        let both = sb.op("arith.andi", &[xn, mn], i1, &[]);
        let hit = sb.op("arith.ori", &[eq, both], i1, &[]);
        let hit = match inside {
            Some(p) => sb.op("arith.andi", &[hit, p], i1, &[]),
            None => hit,
        };
        let big = c(sb, i64::MAX);
        let cand = sb.op("arith.select", &[hit, flat, big], i64t, &[]);
        sb.bin("arith.minsi", v[5 + r], cand)
    });
    Some((m, idx))
}
