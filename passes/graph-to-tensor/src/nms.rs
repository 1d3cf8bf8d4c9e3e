//! `graph.non_max_suppression` on `f32`/`f64` boxes as a bounded result
//! ([`crate::bounded`]), computed as the interpreter does
//! (`crates/interp/src/ops/graph/select.rs`, after ONNX's reference): corners and areas in
//! the element type, candidates above the score threshold taken in decreasing score
//! (equal scores by box index), each kept unless `max_output_boxes_per_class` are kept
//! already or a kept box overlaps it with an IoU above the threshold.
//!
//! With `B` batches, `C` classes and `N` boxes:
//!
//! 1. `S[b, i, j]`: whether box `i` is suppressed by a kept box `j` (the interpreter's
//!    `suppress`, every early `false` a comparison);
//! 2. per `(b, c)`, whether box `i` is a candidate and its position among the candidates;
//! 3. the kept flags `K`, by `N` rounds of `K[i] = cand[i] && acc[i] < min(max, N + 1)`
//!    where `acc[i]` counts the kept boxes before `i` plus `N + 1` per kept box that
//!    suppresses it: after round `t` the boxes at positions `< t` are final (each depends
//!    only on earlier positions), so `N` rounds give the interpreter's greedy selection;
//! 4. the rows `[b, c, i]` of the kept boxes by `(b, c)` then position into the bound
//!    `B * C * min(N, max)` rows, and the extents `[count, 3]`.
//!
//! Scores that are NaN have no order in the interpreter's sort (its comparator is not a
//! total order); here a NaN score comes after every other candidate.
//! Cubic in `N` (step 3): bounded by [`MAX_WORK`].

use crate::bounded::{only_returned, return_bounded};
use crate::build::{
    cmpf::{OEQ, OGE, OGT, OLT, UGT, UNO},
    cmpi::{EQ, SLT},
};
use crate::build::{elem_of, float_kind, map, shape_of, Cv, Sb};
use crate::lower::collapse;
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::AffineMap;
use strata_ir::{Body, Context, FloatKind, Op, Type, TypeKind, Value};

/// The most work (`B * C * N^3` for the rounds) built for.
pub const MAX_WORK: i64 = 1 << 26;

impl Sb<'_> {
    /// Rust's `a.max(b)` (`less = false`) or `a.min(b)` (`less = true`): `b` when `a` is
    /// NaN or `b` is beyond it.
    fn extreme(&mut self, a: Value, b: Value, less: bool) -> Value {
        let nan = self.cmp("arith.cmpf", UNO, a, a);
        let beyond = self.cmp("arith.cmpf", if less { OLT } else { OGT }, b, a);
        let take = self.or(nan, beyond);
        self.pick(take, b, a)
    }
    /// The corners `[x1, x2, y1, y2]` of box `p` (its four coordinates).
    fn corners(&mut self, p: &[Value], center: bool, elem: Type) -> [Value; 4] {
        if center {
            let two = self.cst(2.0, elem);
            let hw = self.bin("arith.divf", p[2], two);
            let hh = self.bin("arith.divf", p[3], two);
            [
                self.bin("arith.subf", p[0], hw),
                self.bin("arith.addf", p[0], hw),
                self.bin("arith.subf", p[1], hh),
                self.bin("arith.addf", p[1], hh),
            ]
        } else {
            let fx = self.cmp("arith.cmpf", OGE, p[1], p[3]);
            let fy = self.cmp("arith.cmpf", OGE, p[0], p[2]);
            [
                self.pick(fx, p[3], p[1]),
                self.pick(fx, p[1], p[3]),
                self.pick(fy, p[2], p[0]),
                self.pick(fy, p[0], p[2]),
            ]
        }
    }
}

/// Convert `graph.non_max_suppression` `op` (see the module docs); `None`: not converted.
pub fn nms(ctx: &Context, body: &mut Body, op: Op) -> Option<()> {
    let ops = body.operand_vec(op).to_vec();
    let [boxes, scores] = ops[..] else {
        return None;
    };
    let [res] = body.results(op)[..] else {
        return None;
    };
    let (bs, ss) = (
        shape_of(ctx, body.value_type(boxes))?,
        shape_of(ctx, body.value_type(scores))?,
    );
    let elem = elem_of(ctx, body.value_type(boxes));
    let k = float_kind(ctx, elem)?;
    if !matches!(k, FloatKind::F32 | FloatKind::F64)
        || elem_of(ctx, body.value_type(scores)) != elem
    {
        return None;
    }
    let [nb, nx, 4] = bs[..] else {
        return None;
    };
    let [sb_, nc, sx] = ss[..] else {
        return None;
    };
    if sb_ != nb || sx != nx {
        return None;
    }
    let TypeKind::RankedTensor { shape, .. } = ctx.type_kind(body.value_type(res)) else {
        return None;
    };
    if shape.len() != 2 || shape[0] >= 0 || shape[1] != 3 || !only_returned(ctx, body, res) {
        return None;
    }
    let a = Attrs::new(ctx, body.op(op).props);
    let center = a.i64("center_point_box", 0).ok()? != 0;
    let max_out = a.i64("max_output_boxes_per_class", 0).ok()?;
    let iou = a.f64("iou_threshold", 0.0).ok()?;
    let score_t = if a.has("score_threshold") {
        Some(a.f64("score_threshold", 0.0).ok()?)
    } else {
        None
    };
    // No box kept: a zero-size bound, which static shapes cannot hold.
    if max_out <= 0 {
        return None;
    }
    let g = nb.checked_mul(nc)?;
    if g.checked_mul(nx)?.checked_mul(nx)?.checked_mul(nx)? > MAX_WORK {
        return None;
    }
    let per = nx.min(max_out);
    let rows = g.checked_mul(per)?;
    let loc = body.op(op).loc;
    let mut cv = Cv {
        ctx,
        body,
        before: op,
        loc,
    };
    let i64t = ctx.int_type(64);
    // 1. S[b, i, j].
    let ins = vec![boxes; 8];
    let mut maps: Vec<AffineMap> = (0..4)
        .map(|c| map(3, vec![Dim(0), Dim(1), Const(c)]))
        .collect();
    maps.extend((0..4).map(|c| map(3, vec![Dim(0), Dim(2), Const(c)])));
    maps.push(AffineMap::identity(3));
    let sinit = cv.empty(&[nb, nx, nx], i64t);
    let s = cv.generic(&ins, sinit, maps, &[Parallel; 3], |sb, v| {
        let a = sb.corners(&v[..4], center, elem);
        let c = sb.corners(&v[4..8], center, elem);
        let ix1 = sb.extreme(a[0], c[0], false);
        let ix2 = sb.extreme(a[1], c[1], true);
        let iy1 = sb.extreme(a[2], c[2], false);
        let iy2 = sb.extreme(a[3], c[3], true);
        let z = sb.cst(0.0, elem);
        // Each early `false` of the interpreter is `x <= y`; going on is its negation.
        let mut ok = sb.cmp("arith.cmpf", UGT, ix2, ix1);
        let oy = sb.cmp("arith.cmpf", UGT, iy2, iy1);
        ok = sb.and(ok, oy);
        let w = sb.bin("arith.subf", ix2, ix1);
        let h = sb.bin("arith.subf", iy2, iy1);
        let inter = sb.bin("arith.mulf", w, h);
        let area = |sb: &mut Sb<'_>, p: &[Value; 4]| {
            let w = sb.bin("arith.subf", p[1], p[0]);
            let h = sb.bin("arith.subf", p[3], p[2]);
            sb.bin("arith.mulf", w, h)
        };
        let a1 = area(sb, &a);
        let a2 = area(sb, &c);
        let sum = sb.bin("arith.addf", a1, a2);
        let union = sb.bin("arith.subf", sum, inter);
        for x in [inter, a1, a2, union] {
            let pos = sb.cmp("arith.cmpf", UGT, x, z);
            ok = sb.and(ok, pos);
        }
        let q = sb.bin("arith.divf", inter, union);
        let t = sb.cst(iou, elem);
        let over = sb.cmp("arith.cmpf", OGT, q, t);
        ok = sb.and(ok, over);
        sb.op("arith.extui", &[ok], i64t, &[])
    });
    // 2. Candidates and their positions, over (b, c, i) and (b, c, i, j).
    let cand = cv.elementwise(&[scores], &[nb, nc, nx], i64t, |sb, v| {
        let c = match score_t {
            Some(t) => {
                let t = sb.cst(t, elem);
                sb.cmp("arith.cmpf", OGT, v[0], t)
            }
            None => {
                let i1 = sb.ctx.int_type(1);
                sb.cst(1.0, i1)
            }
        };
        sb.op("arith.extui", &[c], i64t, &[])
    });
    let iota = |cv: &mut Cv<'_>, n: i64| {
        let ty = ctx.tensor_type(&[n], i64t);
        let at = dense_attr(ctx, ty, &Values::Int((0..i128::from(n)).collect()))?;
        Some(cv.v("arith.constant", &[], ty, &[("value", at)]))
    };
    let ix = iota(&mut cv, nx)?;
    let pinit = cv.filled_int(0, &[nb, nc, nx], i64t);
    let bcj = map(4, vec![Dim(0), Dim(1), Dim(3)]);
    let bci = map(4, vec![Dim(0), Dim(1), Dim(2)]);
    let pos = cv.generic(
        &[cand, scores, scores, ix, ix],
        pinit,
        vec![
            bcj.clone(),
            bcj.clone(),
            bci.clone(),
            map(4, vec![Dim(3)]),
            map(4, vec![Dim(2)]),
            bci.clone(),
        ],
        &[Parallel, Parallel, Parallel, Reduction],
        |sb, v| {
            let gt = sb.cmp("arith.cmpf", OGT, v[1], v[2]);
            let eq = sb.cmp("arith.cmpf", OEQ, v[1], v[2]);
            let lt = sb.cmp("arith.cmpi", SLT, v[3], v[4]);
            let tie = sb.and(eq, lt);
            let first = sb.or(gt, tie);
            let one = sb.ci64(1);
            let is_c = sb.cmp("arith.cmpi", EQ, v[0], one);
            let h = sb.and(is_c, first);
            let z = sb.ci64(0);
            let c = sb.pick(h, one, z);
            sb.bin("arith.addi", v[5], c)
        },
    );
    // 3. N rounds of the kept flags.
    let lim = max_out.min(nx + 1);
    let mut kept = cv.filled_int(0, &[nb, nc, nx], i64t);
    let mut acc = kept;
    for _ in 0..nx {
        let init = cv.filled_int(0, &[nb, nc, nx], i64t);
        acc = cv.generic(
            &[kept, pos, pos, s],
            init,
            vec![
                bcj.clone(),
                bcj.clone(),
                bci.clone(),
                map(4, vec![Dim(0), Dim(2), Dim(3)]),
                bci.clone(),
            ],
            &[Parallel, Parallel, Parallel, Reduction],
            |sb, v| {
                let one = sb.ci64(1);
                let kj = sb.cmp("arith.cmpi", EQ, v[0], one);
                let earlier = sb.cmp("arith.cmpi", SLT, v[1], v[2]);
                let h = sb.and(kj, earlier);
                let sup = sb.cmp("arith.cmpi", EQ, v[3], one);
                let big = sb.ci64(nx + 2);
                let w = sb.pick(sup, big, one);
                let z = sb.ci64(0);
                let c = sb.pick(h, w, z);
                sb.bin("arith.addi", v[4], c)
            },
        );
        kept = cv.elementwise(&[cand, acc], &[nb, nc, nx], i64t, |sb, v| {
            let one = sb.ci64(1);
            let is_c = sb.cmp("arith.cmpi", EQ, v[0], one);
            let l = sb.ci64(lim);
            let room = sb.cmp("arith.cmpi", SLT, v[1], l);
            let k = sb.and(is_c, room);
            sb.op("arith.extui", &[k], i64t, &[])
        });
    }
    // 4. The rows, by (b, c) then position: offsets of each (b, c), then a gather.
    let k2 = collapse(&mut cv, kept, &[vec![0, 1], vec![2]], &[g, nx], i64t);
    let a2 = collapse(&mut cv, acc, &[vec![0, 1], vec![2]], &[g, nx], i64t);
    let gi = iota(&mut cv, g)?;
    let oinit = cv.filled_int(0, &[g], i64t);
    let off = cv.generic(
        &[k2, gi, gi],
        oinit,
        vec![
            map(3, vec![Dim(1), Dim(2)]),
            map(3, vec![Dim(1)]),
            map(3, vec![Dim(0)]),
            map(3, vec![Dim(0)]),
        ],
        &[Parallel, Reduction, Reduction],
        |sb, v| {
            let before = sb.cmp("arith.cmpi", SLT, v[1], v[2]);
            let z = sb.ci64(0);
            let c = sb.pick(before, v[0], z);
            sb.bin("arith.addi", v[3], c)
        },
    );
    let mut table = Vec::with_capacity(usize::try_from(g * nx * 3).ok()?);
    for q in 0..g {
        for i in 0..nx {
            table.extend([i128::from(q / nc), i128::from(q % nc), i128::from(i)]);
        }
    }
    let tty = ctx.tensor_type(&[g, nx, 3], i64t);
    let ta = dense_attr(ctx, tty, &Values::Int(table))?;
    let tc = cv.v("arith.constant", &[], tty, &[("value", ta)]);
    let ri = iota(&mut cv, rows)?;
    let rinit = cv.filled_int(0, &[rows, 3], i64t);
    let out = cv.generic(
        &[k2, a2, off, ri, tc],
        rinit,
        vec![
            map(4, vec![Dim(2), Dim(3)]),
            map(4, vec![Dim(2), Dim(3)]),
            map(4, vec![Dim(2)]),
            map(4, vec![Dim(0)]),
            map(4, vec![Dim(2), Dim(3), Dim(1)]),
            map(4, vec![Dim(0), Dim(1)]),
        ],
        &[Parallel, Parallel, Reduction, Reduction],
        |sb, v| {
            let one = sb.ci64(1);
            let k = sb.cmp("arith.cmpi", EQ, v[0], one);
            // A kept box's acc is the count of kept boxes before it (no suppressor).
            let at = sb.bin("arith.addi", v[2], v[1]);
            let here = sb.cmp("arith.cmpi", EQ, at, v[3]);
            let h = sb.and(k, here);
            sb.pick(h, v[4], v[5])
        },
    );
    let ety = ctx.tensor_type(&[2], i64t);
    let ea = dense_attr(ctx, ety, &Values::Int(vec![0, 3]))?;
    let einit = cv.v("arith.constant", &[], ety, &[("value", ea)]);
    let ext = cv.generic(
        &[k2],
        einit,
        vec![map(2, vec![Dim(0), Dim(1)]), map(2, vec![Const(0)])],
        &[Reduction, Reduction],
        |sb, v| sb.bin("arith.addi", v[1], v[0]),
    );
    return_bounded(ctx, body, res, out, ext);
    body.erase_op(op);
    Some(())
}
