//! Ops that read or produce positions: `gather`, `gather_elements`, `argmax`, `argmin`.
//!
//! A structured op's body sees elements, not positions, and reads its operands only through
//! affine maps; a position along an axis of size `n` enters a body as the element of an
//! *iota* operand, the constant `[0, 1, .., n - 1]` read through the map `(.., k, ..) -> (k)`.
//! This keeps the result within the tensor level's contract (generics and constants only),
//! and tiling a generic slices its iota operand like any other, so the positions stay right.
//!
//! * `gather` and `gather_elements` are a reduction over the gathered axis `k`: the output
//!   element keeps the data element whose `k` equals the (normalised: `+ n` when negative)
//!   index, `acc = index == k ? data : acc`. An index outside `[-n, n)` matches no `k` and
//!   gives 0, where the interpreter reports an error (a value known only at run time).
//! * `argmax`/`argmin`: the max (min) along the axis with the NaN-propagating
//!   `maximumf`/`minimumf` (`maxsi`/`minsi` for integers), then the first position holding it
//!   (a signed-min reduction of `x == m ? k : n`); NaN counts as the extreme and its first
//!   position wins, as in the interpreter. `select_last_index` takes the last position (a
//!   max reduction of `x == m ? k : -1`), except for a NaN extreme, whose first position is
//!   still taken: its candidates are `n - 1 - k`, decoded after the reduction.

use crate::build::{
    cmpf::{OEQ, UNO},
    cmpi::EQ,
};
use crate::build::{is_float, map, signless_width, Cv};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::util::i64_array_attr;
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Type, Value};

use AffineExpr::{Const, Dim};

/// The largest axis an iota constant is built for.
pub(crate) const MAX_IOTA: i64 = 1 << 24;

/// The constant `[0, 1, .., n - 1]` of element type `elem` (a signless integer in which
/// `n` itself fits, as the bodies normalising negative indices add it).
pub(crate) fn iota(cv: &mut Cv<'_>, n: i64, elem: Type) -> Option<Value> {
    let w = signless_width(cv.ctx, elem)?;
    if !(1..=MAX_IOTA).contains(&n) || w < 64 && n >= 1i64 << (w - 1) {
        return None;
    }
    let ty = cv.ctx.tensor_type(&[n], elem);
    let a = dense_attr(cv.ctx, ty, &Values::Int((0..i128::from(n)).collect()))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

pub(crate) fn norm_axis(a: i64, rank: usize) -> Option<usize> {
    let r = rank as i64;
    let a = if a < 0 { a + r } else { a };
    (0..r).contains(&a).then_some(a as usize)
}

/// Whether `t` is an element type the conversion handles: a float or a signless integer.
pub(crate) fn plain(cv: &Cv<'_>, t: Type) -> bool {
    is_float(cv.ctx, t) || signless_width(cv.ctx, t).is_some()
}

/// A zero-filled init of `shape` and `elem`.
fn zeros(cv: &mut Cv<'_>, shape: &[i64], elem: Type) -> Value {
    if is_float(cv.ctx, elem) {
        cv.filled(0.0, shape, elem)
    } else {
        cv.filled_int(0, shape, elem)
    }
}

/// The reduction over `k` (the last loop, of size `n`) that keeps the `data` element whose
/// `k` equals the normalised `indices` element. `maps` are those of data and indices; the
/// iota and output maps are added here.
#[allow(clippy::too_many_arguments)]
fn select_along(
    cv: &mut Cv<'_>,
    data: Value,
    indices: Value,
    n: i64,
    out: &[i64],
    elem: Type,
    data_map: AffineMap,
    idx_map: AffineMap,
) -> Option<Value> {
    let ie = crate::build::elem_of(cv.ctx, cv.body.value_type(indices));
    signless_width(cv.ctx, ie).filter(|&w| w >= 8)?;
    let de = crate::build::elem_of(cv.ctx, cv.body.value_type(data));
    if !plain(cv, elem) || de != elem {
        return None;
    }
    let nd = out.len() + 1;
    let k = Dim(out.len() as u32);
    let io = iota(cv, n, ie)?;
    let init = zeros(cv, out, elem);
    let mut iters = vec![Parallel; out.len()];
    iters.push(Reduction);
    let out_map = map(nd, (0..out.len() as u32).map(Dim).collect());
    Some(cv.generic(
        &[data, indices, io],
        init,
        vec![data_map, idx_map, map(nd, vec![k]), out_map],
        &iters,
        |sb, a| {
            let (d, i, kk, acc) = (a[0], a[1], a[2], a[3]);
            let norm = crate::scatter::normalise(sb, i, n);
            let hit = sb.cmp("arith.cmpi", EQ, norm, kk);
            sb.op("arith.select", &[hit, d, acc], elem, &[])
        },
    ))
}

/// `graph.gather`: `out[pre, j.., post] = data[pre, indices[j..], post]`.
pub fn gather(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let (ds, is) = (shapes.first()?, shapes.get(1)?);
    let r = ds.len();
    let ax = norm_axis(attrs.i64("axis", 0).ok()?, r)?;
    let q = is.len();
    let mut want = ds[..ax].to_vec();
    want.extend_from_slice(is);
    want.extend_from_slice(&ds[ax + 1..]);
    if want != out {
        return None;
    }
    let nd = out.len() + 1;
    let k = Dim(out.len() as u32);
    let mut dm: Vec<AffineExpr> = (0..ax as u32).map(Dim).collect();
    dm.push(k);
    dm.extend((ax + q..out.len()).map(|i| Dim(i as u32)));
    let im: Vec<AffineExpr> = (ax..ax + q).map(|i| Dim(i as u32)).collect();
    select_along(
        cv,
        ops[0],
        ops[1],
        ds[ax],
        out,
        elem,
        map(nd, dm),
        map(nd, im),
    )
}

/// `graph.gather_elements`: `out[.., j, ..] = data[.., indices[.., j, ..], ..]` along the
/// axis.
pub fn gather_elements(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let (ds, is) = (shapes.first()?, shapes.get(1)?);
    let r = ds.len();
    let ax = norm_axis(attrs.i64("axis", 0).ok()?, r)?;
    if is.as_slice() != out || is.len() != r || (0..r).any(|i| i != ax && is[i] > ds[i]) {
        return None;
    }
    // The data off the axis cut to the indices' extent (a loop indexing two operands must
    // see one size).
    let mut data = ops[0];
    let mut cut = is.clone();
    cut[ax] = ds[ax];
    if &cut != ds {
        let ctx = cv.ctx;
        let ty = ctx.tensor_type(&cut, elem);
        data = cv.v(
            "tensor.extract_slice",
            &[data],
            ty,
            &[
                (
                    "operandSegmentSizes",
                    strata_dialect_tensor::util::i32_array_attr(ctx, &[1, 0, 0, 0]),
                ),
                ("static_offsets", i64_array_attr(ctx, &vec![0; r])),
                ("static_sizes", i64_array_attr(ctx, &cut)),
                ("static_strides", i64_array_attr(ctx, &vec![1; r])),
            ],
        );
    }
    let nd = r + 1;
    let dm: Vec<AffineExpr> = (0..r)
        .map(|i| {
            if i == ax {
                Dim(r as u32)
            } else {
                Dim(i as u32)
            }
        })
        .collect();
    let im = (0..r as u32).map(Dim).collect();
    select_along(
        cv,
        data,
        ops[1],
        ds[ax],
        out,
        elem,
        map(nd, dm),
        map(nd, im),
    )
}

/// `graph.argmax` (`max`) and `graph.argmin`.
pub fn arg_extreme(
    cv: &mut Cv<'_>,
    max: bool,
    x: Value,
    shape: &[i64],
    out: &[i64],
    out_elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let elem = crate::build::elem_of(ctx, cv.body.value_type(x));
    let float = is_float(ctx, elem);
    if !(float || signless_width(ctx, elem).is_some_and(|w| w > 1))
        || signless_width(ctx, out_elem) != Some(64)
    {
        return None;
    }
    let r = shape.len();
    let ax = norm_axis(attrs.i64("axis", 0).ok()?, r)?;
    let keep = attrs.i64("keepdims", 1).ok()? != 0;
    let last = attrs.i64("select_last_index", 0).ok()? != 0;
    let n = shape[ax];
    let mut oshape = shape.to_vec();
    let rm: Vec<AffineExpr> = (0..r)
        .filter_map(|i| match (i == ax, keep) {
            (false, _) => Some(Dim(i as u32)),
            (true, true) => Some(Const(0)),
            (true, false) => None,
        })
        .collect();
    if keep {
        oshape[ax] = 1;
    } else {
        oshape.remove(ax);
    }
    if oshape != out {
        return None;
    }
    let iters: Vec<_> = (0..r)
        .map(|i| if i == ax { Reduction } else { Parallel })
        .collect();
    let id = AffineMap::identity(r as u32);
    let rmap = map(r, rm);
    // The extreme value.
    let (init_m, op) = match (float, max) {
        (true, true) => (None, "arith.maximumf"),
        (true, false) => (None, "arith.minimumf"),
        (false, true) => (Some(false), "arith.maxsi"),
        (false, false) => (Some(true), "arith.minsi"),
    };
    let m0 = match (init_m, signless_width(ctx, elem)) {
        (None, _) => cv.filled(
            if max {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            },
            out,
            elem,
        ),
        (Some(hi), Some(w)) => {
            let v = if hi {
                (1i128 << (w - 1)) - 1
            } else {
                -(1i128 << (w - 1))
            };
            cv.filled_int(v, out, elem)
        }
        (Some(_), None) => return None,
    };
    let m = cv.generic(&[x], m0, vec![id.clone(), rmap.clone()], &iters, |sb, a| {
        sb.bin(op, a[1], a[0])
    });
    // The position: first (min of `hit ? k : n`) or last (max of `hit ? k : -1`, NaN:
    // `n - 1 - k`).
    let i64t = out_elem;
    let io = iota(cv, n, i64t)?;
    let p0 = cv.filled_int(if last { -1 } else { i128::from(n) }, out, i64t);
    let kmap = map(r, vec![Dim(ax as u32)]);
    let pos = cv.generic(
        &[x, m, io],
        p0,
        vec![id, rmap.clone(), kmap, rmap.clone()],
        &iters,
        |sb, a| {
            let (xv, mv, k, acc) = (a[0], a[1], a[2], a[3]);
            let cst = |sb: &mut crate::build::Sb<'_>, v: i128| {
                let at = sb.ctx.int_attr(v, i64t);
                sb.op("arith.constant", &[], i64t, &[("value", at)])
            };
            let i1 = sb.ctx.int_type(1);
            let (hit, m_nan, x_nan) = if float {
                let eq = sb.cmp("arith.cmpf", OEQ, xv, mv);
                let m_nan = sb.cmp("arith.cmpf", UNO, mv, mv);
                let x_nan = sb.cmp("arith.cmpf", UNO, xv, xv);
                (eq, Some(m_nan), Some(x_nan))
            } else {
                (sb.cmp("arith.cmpi", EQ, xv, mv), None, None)
            };
            if !last {
                let hit = match (m_nan, x_nan) {
                    (Some(mn), Some(xn)) => {
                        let both = sb.op("arith.andi", &[mn, xn], i1, &[]);
                        sb.op("arith.ori", &[hit, both], i1, &[])
                    }
                    _ => hit,
                };
                let nn = cst(sb, i128::from(n));
                let c = sb.op("arith.select", &[hit, k, nn], i64t, &[]);
                return sb.bin("arith.minsi", acc, c);
            }
            let m1 = cst(sb, -1);
            let mut c = sb.op("arith.select", &[hit, k, m1], i64t, &[]);
            if let (Some(mn), Some(xn)) = (m_nan, x_nan) {
                let top = cst(sb, i128::from(n - 1));
                let rev = sb.bin("arith.subi", top, k);
                let nan_c = sb.op("arith.select", &[xn, rev, m1], i64t, &[]);
                c = sb.op("arith.select", &[mn, nan_c, c], i64t, &[]);
            }
            sb.bin("arith.maxsi", acc, c)
        },
    );
    if !(last && float) {
        return Some(pos);
    }
    // Decode the NaN case: `n - 1 - p`.
    let e = cv.empty(out, i64t);
    let oid = AffineMap::identity(out.len() as u32);
    Some(cv.generic(
        &[m, pos],
        e,
        vec![oid.clone(), oid.clone(), oid],
        &vec![Parallel; out.len()],
        |sb, a| {
            let mn = sb.cmp("arith.cmpf", UNO, a[0], a[0]);
            let at = sb.ctx.int_attr(i128::from(n - 1), i64t);
            let top = sb.op("arith.constant", &[], i64t, &[("value", at)]);
            let dec = sb.bin("arith.subi", top, a[1]);
            sb.op("arith.select", &[mn, dec, a[1]], i64t, &[])
        },
    ))
}
