//! `graph.top_k` (`axis`, `k`, `largest`; `sorted` results either way) as three generics.
//!
//! 1. The *rank* of each element along the axis: the number of elements that come before it
//!    in the interpreter's stable order, a reduction over the axis counting
//!    `beats(x[i], x[j]) = x[i] > x[j] || (x[i] == x[j] && i < j)` (`<` for the smallest),
//!    where NaN is above every number and equal to NaN. Ranks are a permutation of
//!    `0..n` along each line.
//! 2. The values: result position `m < k` keeps the element of rank `m` (a reduction over
//!    the axis selecting `rank == m`).
//! 3. The indices: the same selection of the position (an iota).
//!
//! Unsigned operands ([`crate::unsigned`] passes their signless bits) compare with
//! `arith.cmpi ugt`.
//!
//! The work is `n` per element for the ranks; the conversion refuses axes longer than
//! [`MAX_AXIS`] (the op stays a graph op, with the usual diagnostic under `full=true`).

use crate::build::{
    cmpf::{OEQ, OGT, ORD, UNO},
    cmpi::{EQ, SGT, SLT, UGT},
};
use crate::build::{elem_of, is_float, map, shape_of, signless_width, Cv, Sb};
use crate::index::{iota, norm_axis};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Body, Context, Op, Value};

use AffineExpr::Dim;

/// The longest axis converted (the ranks cost `n` compares per element).
pub const MAX_AXIS: i64 = 4096;

/// `a > b` in the interpreter's total order (floats: NaN above every number; integers
/// signed, or unsigned when `unsigned`).
fn greater(sb: &mut Sb<'_>, a: Value, b: Value, float: bool, unsigned: bool) -> Value {
    if !float {
        return sb.cmp("arith.cmpi", if unsigned { UGT } else { SGT }, a, b);
    }
    let i1 = sb.ctx.int_type(1);
    let gt = sb.cmp("arith.cmpf", OGT, a, b);
    let a_nan = sb.cmp("arith.cmpf", UNO, a, a);
    let b_num = sb.cmp("arith.cmpf", ORD, b, b);
    let nan_over = sb.op("arith.andi", &[a_nan, b_num], i1, &[]);
    sb.op("arith.ori", &[gt, nan_over], i1, &[])
}

/// `a == b` in the interpreter's total order (floats: NaN equals NaN).
fn equal(sb: &mut Sb<'_>, a: Value, b: Value, float: bool) -> Value {
    if !float {
        return sb.cmp("arith.cmpi", EQ, a, b);
    }
    let i1 = sb.ctx.int_type(1);
    let eq = sb.cmp("arith.cmpf", OEQ, a, b);
    let a_nan = sb.cmp("arith.cmpf", UNO, a, a);
    let b_nan = sb.cmp("arith.cmpf", UNO, b, b);
    let both = sb.op("arith.andi", &[a_nan, b_nan], i1, &[]);
    sb.op("arith.ori", &[eq, both], i1, &[])
}

/// Convert `graph.top_k` op `op` (two results); `false`, having built nothing, when it has
/// no conversion.
pub fn top_k(ctx: &Context, body: &mut Body, op: Op) -> bool {
    let operands: Vec<Value> = body.operands(op).collect();
    if operands.len() != 1 {
        return false;
    }
    let Some((values, indices)) = build(ctx, body, op, operands[0], false) else {
        return false;
    };
    let results = body.results(op).to_vec();
    body.replace_all_uses(results[0], values);
    body.replace_all_uses(results[1], indices);
    body.erase_op(op);
    true
}

/// The values and indices of `graph.top_k` op `op` read from `x`, its operand or (for an
/// unsigned operand, `unsigned` set) the signless value with the operand's bits, in which
/// case the values are signless too and the order is the unsigned one; `None`, having
/// built nothing, when it has no conversion. The op is left in place.
pub fn build(
    ctx: &Context,
    body: &mut Body,
    op: Op,
    x: Value,
    unsigned: bool,
) -> Option<(Value, Value)> {
    let results = body.results(op).to_vec();
    if results.len() != 2 {
        return None;
    }
    let vty = crate::unsigned::signless_of(ctx, body.value_type(results[0]));
    let (Some(shape), Some(out), Some(iout)) = (
        shape_of(ctx, body.value_type(x)),
        shape_of(ctx, vty),
        shape_of(ctx, body.value_type(results[1])),
    ) else {
        return None;
    };
    let elem = elem_of(ctx, body.value_type(x));
    let float = is_float(ctx, elem)
        && crate::build::float_kind(ctx, elem).is_some_and(|k| k.is_ieee_arith());
    let i64t = ctx.int_type(64);
    if !(float || signless_width(ctx, elem).is_some_and(|w| w > 1))
        || (unsigned && float)
        || elem_of(ctx, vty) != elem
        || elem_of(ctx, body.value_type(results[1])) != i64t
    {
        return None;
    }
    let attrs = Attrs::new(ctx, body.op(op).props);
    let (Ok(axis), Ok(k), Ok(largest)) = (
        attrs.i64("axis", -1),
        attrs.i64_req("k"),
        attrs.i64("largest", 1),
    ) else {
        return None;
    };
    let r = shape.len();
    let ax = norm_axis(axis, r)?;
    let n = shape[ax];
    let mut want = shape.clone();
    want[ax] = k;
    let work = shape.iter().try_fold(n, |a, &d| a.checked_mul(d));
    if want != out
        || want != iout
        || !(1..=n).contains(&k)
        || n > MAX_AXIS
        || work.is_none_or(|w| w > crate::scatter::MAX_WORK)
    {
        return None;
    }
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let io = iota(&mut cv, n, i64t)?;
    let nd = r + 1;
    let red = Dim(r as u32);
    let along = |e: AffineExpr| {
        map(
            nd,
            (0..r)
                .map(|d| if d == ax { e.clone() } else { Dim(d as u32) })
                .collect(),
        )
    };
    let at_ax = map(nd, vec![Dim(ax as u32)]);
    let at_red = map(nd, vec![red.clone()]);
    let par = map(nd, (0..r as u32).map(Dim).collect());
    let mut iters = vec![Parallel; r];
    iters.push(Reduction);
    // 1. Ranks: loop `ax` is the element `j`, the reduction the rival `i`.
    let zeros = cv.filled_int(0, &shape, i64t);
    let rank = cv.generic(
        &[x, x, io, io],
        zeros,
        vec![
            par.clone(),
            along(red.clone()),
            at_ax.clone(),
            at_red.clone(),
            par.clone(),
        ],
        &iters,
        |sb, a| {
            let (xj, xi, j, i, acc) = (a[0], a[1], a[2], a[3], a[4]);
            let i1 = sb.ctx.int_type(1);
            let better = if largest != 0 {
                greater(sb, xi, xj, float, unsigned)
            } else {
                greater(sb, xj, xi, float, unsigned)
            };
            let same = equal(sb, xi, xj, float);
            let before = sb.cmp("arith.cmpi", SLT, i, j);
            let tie = sb.op("arith.andi", &[same, before], i1, &[]);
            let beats = sb.op("arith.ori", &[better, tie], i1, &[]);
            let one = sb.op("arith.extui", &[beats], i64t, &[]);
            sb.bin("arith.addi", acc, one)
        },
    );
    // 2. and 3.: result position `m` (loop `ax`) keeps the element `j` (the reduction) of
    // rank `m`.
    let select_maps = |m: AffineMap| vec![along(red.clone()), at_ax.clone(), m, par.clone()];
    // The positions `m < k` (a loop of size `k` may only read an operand of size `k`).
    let ik = iota(&mut cv, k, i64t)?;
    let v0 = if float {
        cv.filled(0.0, &out, elem)
    } else {
        cv.filled_int(0, &out, elem)
    };
    let values = cv.generic(
        &[rank, ik, x],
        v0,
        select_maps(along(red.clone())),
        &iters,
        |sb, a| {
            let hit = sb.cmp("arith.cmpi", EQ, a[0], a[1]);
            sb.op("arith.select", &[hit, a[2], a[3]], elem, &[])
        },
    );
    let i0 = cv.filled_int(0, &out, i64t);
    let indices = cv.generic(
        &[rank, ik, io],
        i0,
        select_maps(at_red.clone()),
        &iters,
        |sb, a| {
            let hit = sb.cmp("arith.cmpi", EQ, a[0], a[1]);
            sb.op("arith.select", &[hit, a[2], a[3]], i64t, &[])
        },
    );
    Some((values, indices))
}
