//! `scatter_elements`, `scatter_nd` and `gather_nd`: ops whose reads or writes go to
//! positions held in an index tensor.
//!
//! Each is one *output-stationary* `tensor.generic`: the parallel loops run over the result
//! and reduction loops over the candidate sources, so every result element is written by
//! exactly one iteration of the parallel loops (parallel and deterministic, no scattered
//! stores). Positions enter the body as elements of an iota constant (see [`crate::index`]);
//! an index tensor whose tuples have `k` components is read `k` times, once per component
//! through a map with a constant last result.
//!
//! * `scatter_elements` (`axis`, `reduction`): the result starts as `data` (the generic's
//!   init); for result position `p`, the reduction runs over the update positions `j` along
//!   the axis with the other coordinates of `p`, and each update whose normalised index
//!   (`+ n` when negative) equals `p[axis]` replaces the accumulator (`none`: the last
//!   match wins, as in the interpreter's order) or is combined with it (`add`, `mul`, `max`,
//!   `min`). Indices smaller than `data` off the axis update only that corner: the generic
//!   runs on an `extract_slice` of data and the result is `insert_slice`d back.
//! * `scatter_nd` (`reduction`): the reduction runs over the index tuples `t` (row-major, the
//!   interpreter's order); tuple `t` hits result position `p` when each normalised
//!   component `d` equals `p[d]`, and then contributes `updates[t, p[k..]]`.
//! * `gather_nd` (`batch_dims`): result `[b.., t.., rest..]` is `data[b.., idx[b.., t..],
//!   rest..]`, a reduction over the `k` indexed data dims keeping the element whose position
//!   equals the normalised tuple.
//!
//! Indices out of range match nothing: a scatter leaves the element unchanged and a gather
//! gives 0, where the interpreter reports an error (a value known only at run time).

use crate::build::cmpi::{EQ, SLT};
use crate::build::{elem_of, is_float, map, signless_width, Cv, Sb};
use crate::index::{iota, norm_axis, plain};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::util::{i32_array_attr, i64_array_attr};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr;
use strata_ir::{Type, Value};

use AffineExpr::{Const, Dim};

/// The largest number of body evaluations (result elements times candidates) a lowering
/// here builds; beyond it the op is left alone rather than compiled into an absurd loop.
pub(crate) const MAX_WORK: i64 = 1 << 32;

/// The combination of a scatter's update with the element already there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reduce {
    None,
    Add,
    Mul,
    Max,
    Min,
}

impl Reduce {
    fn of(attrs: &Attrs<'_>) -> Option<Self> {
        Some(
            match attrs
                .choice("reduction", "none", &["none", "add", "mul", "max", "min"])
                .ok()?
            {
                "add" => Reduce::Add,
                "mul" => Reduce::Mul,
                "max" => Reduce::Max,
                "min" => Reduce::Min,
                _ => Reduce::None,
            },
        )
    }
    /// Build `acc <op> u` (floats NaN-propagating, integers wrapping), as the interpreter.
    fn emit(self, sb: &mut Sb<'_>, acc: Value, u: Value, float: bool) -> Value {
        let name = match (self, float) {
            (Reduce::None, _) => return u,
            (Reduce::Add, true) => "arith.addf",
            (Reduce::Mul, true) => "arith.mulf",
            (Reduce::Max, true) => "arith.maximumf",
            (Reduce::Min, true) => "arith.minimumf",
            (Reduce::Add, false) => "arith.addi",
            (Reduce::Mul, false) => "arith.muli",
            (Reduce::Max, false) => "arith.maxsi",
            (Reduce::Min, false) => "arith.minsi",
        };
        sb.bin(name, acc, u)
    }
}

/// `i + n` when `i < 0`, else `i` (in `i`'s type).
pub(crate) fn normalise(sb: &mut Sb<'_>, i: Value, n: i64) -> Value {
    let ity = sb.body.value_type(i);
    let z = sb.op(
        "arith.constant",
        &[],
        ity,
        &[("value", sb.ctx.int_attr(0, ity))],
    );
    let nn = sb.op(
        "arith.constant",
        &[],
        ity,
        &[("value", sb.ctx.int_attr(i128::from(n), ity))],
    );
    let neg = sb.cmp("arith.cmpi", SLT, i, z);
    let wrapped = sb.bin("arith.addi", i, nn);
    sb.op("arith.select", &[neg, wrapped, i], ity, &[])
}

/// An iota constant for each of `dims` (one per distinct size: a loop reads an operand
/// of its own size only).
fn iotas(cv: &mut Cv<'_>, dims: &[i64], elem: Type) -> Option<Vec<Value>> {
    let mut made: Vec<(i64, Value)> = Vec::new();
    let mut out = Vec::with_capacity(dims.len());
    for &n in dims {
        let v = match made.iter().find(|(m, _)| *m == n) {
            Some(&(_, v)) => v,
            None => {
                let v = iota(cv, n, elem)?;
                made.push((n, v));
                v
            }
        };
        out.push(v);
    }
    Some(out)
}

/// The index element type of `v` if it is a signless integer of at least 8 bits.
fn index_elem(cv: &Cv<'_>, v: Value) -> Option<Type> {
    let e = elem_of(cv.ctx, cv.body.value_type(v));
    signless_width(cv.ctx, e).filter(|&w| w >= 8).map(|_| e)
}

/// The product of `dims`, `None` on overflow.
fn product(dims: &[i64]) -> Option<i64> {
    dims.iter().try_fold(1i64, |a, &d| a.checked_mul(d))
}

/// `tensor.extract_slice` of the leading corner `sizes` of `x`.
fn corner(cv: &mut Cv<'_>, x: Value, sizes: &[i64], elem: Type) -> Value {
    let ctx = cv.ctx;
    let r = sizes.len();
    let ty = ctx.tensor_type(sizes, elem);
    cv.v(
        "tensor.extract_slice",
        &[x],
        ty,
        &[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
            ("static_offsets", i64_array_attr(ctx, &vec![0; r])),
            ("static_sizes", i64_array_attr(ctx, sizes)),
            ("static_strides", i64_array_attr(ctx, &vec![1; r])),
        ],
    )
}

/// `graph.scatter_elements`.
pub fn scatter_elements(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let (ds, is, us) = (shapes.first()?, shapes.get(1)?, shapes.get(2)?);
    let r = ds.len();
    let ax = norm_axis(attrs.i64("axis", 0).ok()?, r)?;
    let red = Reduce::of(attrs)?;
    let ie = index_elem(cv, ops[1])?;
    let ue = elem_of(cv.ctx, cv.body.value_type(ops[2]));
    if ds.as_slice() != out
        || is != us
        || is.len() != r
        || ue != elem
        || !plain(cv, elem)
        || signless_width(cv.ctx, elem) == Some(1) && red != Reduce::None
        || (0..r).any(|d| d != ax && is[d] > ds[d])
    {
        return None;
    }
    let n = ds[ax];
    // The region the updates can reach: data's axis, the indices' extent elsewhere.
    let mut cut = is.clone();
    cut[ax] = n;
    if product(&cut)?.checked_mul(is[ax])? > MAX_WORK {
        return None;
    }
    let float = is_float(cv.ctx, elem);
    let whole = &cut == ds;
    let init = if whole {
        ops[0]
    } else {
        corner(cv, ops[0], &cut, elem)
    };
    let io = iota(cv, n, ie)?;
    let nd = r + 1;
    let j = Dim(r as u32);
    let um: Vec<AffineExpr> = (0..r)
        .map(|d| if d == ax { j.clone() } else { Dim(d as u32) })
        .collect();
    let mut iters = vec![Parallel; r];
    iters.push(Reduction);
    let upd = cv.generic(
        &[ops[1], ops[2], io],
        init,
        vec![
            map(nd, um.clone()),
            map(nd, um),
            map(nd, vec![Dim(ax as u32)]),
            map(nd, (0..r as u32).map(Dim).collect()),
        ],
        &iters,
        |sb, a| {
            let (i, u, p, acc) = (a[0], a[1], a[2], a[3]);
            let norm = normalise(sb, i, n);
            let hit = sb.cmp("arith.cmpi", EQ, norm, p);
            let new = red.emit(sb, acc, u, float);
            sb.op("arith.select", &[hit, new, acc], elem, &[])
        },
    );
    if whole {
        return Some(upd);
    }
    let ctx = cv.ctx;
    let ty = cv.body.value_type(ops[0]);
    Some(cv.v(
        "tensor.insert_slice",
        &[upd, ops[0]],
        ty,
        &[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 1, 0, 0, 0])),
            ("static_offsets", i64_array_attr(ctx, &vec![0; r])),
            ("static_sizes", i64_array_attr(ctx, &cut)),
            ("static_strides", i64_array_attr(ctx, &vec![1; r])),
        ],
    ))
}

/// `graph.scatter_nd`.
pub fn scatter_nd(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let (ds, is, us) = (shapes.first()?, shapes.get(1)?, shapes.get(2)?);
    let red = Reduce::of(attrs)?;
    let ie = index_elem(cv, ops[1])?;
    let ue = elem_of(cv.ctx, cv.body.value_type(ops[2]));
    let r = ds.len();
    let q = is.len();
    let k = usize::try_from(*is.last()?).ok()?;
    let tuples = &is[..q - 1];
    let mut want = tuples.to_vec();
    want.extend_from_slice(ds.get(k..)?);
    if ds.as_slice() != out
        || *us != want
        || !(1..=r).contains(&k)
        || ue != elem
        || !plain(cv, elem)
        || signless_width(cv.ctx, elem) == Some(1) && red != Reduce::None
    {
        return None;
    }
    if product(ds)?.checked_mul(product(tuples)?)? > MAX_WORK {
        return None;
    }
    let float = is_float(cv.ctx, elem);
    let ios = iotas(cv, &ds[..k], ie)?;
    // Loops: the result dims `p` (parallel), then the tuple dims `t` (reduction).
    let nd = r + q - 1;
    let t: Vec<AffineExpr> = (r..nd).map(|d| Dim(d as u32)).collect();
    let mut inputs = Vec::new();
    let mut maps = Vec::new();
    for c in 0..k {
        let mut m = t.clone();
        m.push(Const(c as i64));
        inputs.push(ops[1]);
        maps.push(map(nd, m));
    }
    for (c, &io) in ios.iter().enumerate() {
        inputs.push(io);
        maps.push(map(nd, vec![Dim(c as u32)]));
    }
    let mut um = t.clone();
    um.extend((k..r).map(|d| Dim(d as u32)));
    inputs.push(ops[2]);
    maps.push(map(nd, um));
    maps.push(map(nd, (0..r as u32).map(Dim).collect()));
    let mut iters = vec![Parallel; r];
    iters.extend(vec![Reduction; q - 1]);
    let dims = ds[..k].to_vec();
    Some(cv.generic(&inputs, ops[0], maps, &iters, |sb, a| {
        let hit = all_match(sb, &a[..k], &a[k..2 * k], &dims);
        let (u, acc) = (a[2 * k], a[2 * k + 1]);
        let new = red.emit(sb, acc, u, float);
        sb.op("arith.select", &[hit, new, acc], elem, &[])
    }))
}

/// Whether every normalised index `idx[c]` (of a dim of size `dims[c]`) equals `pos[c]`.
fn all_match(sb: &mut Sb<'_>, idx: &[Value], pos: &[Value], dims: &[i64]) -> Value {
    let i1 = sb.ctx.int_type(1);
    let mut hit: Option<Value> = None;
    for ((&i, &p), &n) in idx.iter().zip(pos).zip(dims) {
        let norm = normalise(sb, i, n);
        let h = sb.cmp("arith.cmpi", EQ, norm, p);
        hit = Some(match hit {
            None => h,
            Some(prev) => sb.op("arith.andi", &[prev, h], i1, &[]),
        });
    }
    hit.expect("a tuple has at least one component: k >= 1 is checked by the caller")
}

/// `graph.gather_nd`.
pub fn gather_nd(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    attrs: &Attrs<'_>,
) -> Option<Value> {
    let (ds, is) = (shapes.first()?, shapes.get(1)?);
    let ie = index_elem(cv, ops[1])?;
    let (r, q) = (ds.len(), is.len());
    let b = usize::try_from(attrs.i64("batch_dims", 0).ok()?).ok()?;
    let k = usize::try_from(*is.last()?).ok()?;
    if b >= r.min(q) || ds[..b] != is[..b] || !(1..=r - b).contains(&k) {
        return None;
    }
    let mut want = is[..q - 1].to_vec();
    want.extend_from_slice(&ds[b + k..]);
    let de = elem_of(cv.ctx, cv.body.value_type(ops[0]));
    if want != out || de != elem || !plain(cv, elem) {
        return None;
    }
    let gathered = &ds[b..b + k];
    if product(out)?.checked_mul(product(gathered)?)? > MAX_WORK {
        return None;
    }
    let ios = iotas(cv, gathered, ie)?;
    // Loops: the result dims `o` (parallel), then the gathered data dims `j` (reduction).
    let no = out.len();
    let nd = no + k;
    let jd: Vec<AffineExpr> = (no..nd).map(|d| Dim(d as u32)).collect();
    let mut dm: Vec<AffineExpr> = (0..b as u32).map(Dim).collect();
    dm.extend(jd.iter().cloned());
    dm.extend((q - 1..no).map(|d| Dim(d as u32)));
    let mut inputs = Vec::new();
    let mut maps = Vec::new();
    for c in 0..k {
        let mut m: Vec<AffineExpr> = (0..q as u32 - 1).map(Dim).collect();
        m.push(Const(c as i64));
        inputs.push(ops[1]);
        maps.push(map(nd, m));
    }
    for (j, &io) in jd.iter().zip(&ios) {
        inputs.push(io);
        maps.push(map(nd, vec![j.clone()]));
    }
    inputs.push(ops[0]);
    maps.push(map(nd, dm));
    maps.push(map(nd, (0..no as u32).map(Dim).collect()));
    let mut iters = vec![Parallel; no];
    iters.extend(vec![Reduction; k]);
    let init = if is_float(cv.ctx, elem) {
        cv.filled(0.0, out, elem)
    } else {
        cv.filled_int(0, out, elem)
    };
    let dims = gathered.to_vec();
    Some(cv.generic(&inputs, init, maps, &iters, |sb, a| {
        let hit = all_match(sb, &a[..k], &a[k..2 * k], &dims);
        let (d, acc) = (a[2 * k], a[2 * k + 1]);
        sb.op("arith.select", &[hit, d, acc], elem, &[])
    }))
}

#[cfg(test)]
mod tests {
    use super::product;

    #[test]
    fn product_checks_overflow() {
        assert_eq!(product(&[2, 3, 4]), Some(24));
        assert_eq!(product(&[]), Some(1));
        assert_eq!(product(&[i64::MAX, 2]), None);
    }
}
