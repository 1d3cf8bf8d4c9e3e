//! `graph.roi_align` (ONNX `RoiAlign`: `avg` and `max`, `half_pixel` and
//! `output_half_pixel`) with a positive `sampling_ratio`, computed as the interpreter does
//! (`crates/interp/src/ops/graph/spatial.rs`, after ONNX's reference): the region's corners
//! and bin sizes, each sample's four bilinear taps and weights in `f64`, the bins' values
//! rounded once to the element type.
//!
//! The positions read depend on the regions and their batch indices, so they are computed
//! at run time, in three stages of generics:
//!
//! 1. over `(roi, ph, pw, iy, ix, tap)` (the bin, the sample in the bin, one of its four
//!    taps), the plane position `y * W + x` each tap reads and its weight (a sample more
//!    than one pixel outside the image reads position 0 with weight 0, as the reference's
//!    `pre_calc_for_bilinear_interpolate` does);
//! 2. the gather `x[batch[roi], c, pos]` over `(roi, c, ph, pw, iy, ix, tap, n, p)`: a
//!    reduction over the images `n` and plane positions `p` that keeps the element whose
//!    image and position match (0 for a batch index out of range, where the interpreter
//!    reports an error);
//! 3. `avg`: per sample the weighted sum of its taps, then the sum over the samples (in
//!    the interpreter's order) divided by their count; `max`: the largest weighted tap
//!    (`f64::max`, which ignores NaN), starting from `-inf`.
//!
//! `sampling_ratio = 0` (samples per bin from the region's size, a run-time count) does not
//! convert. The gather costs the input's batch and plane size per tap: exact, bounded, and
//! slow for large images.

use crate::build::{
    cmpf::{OGE, OGT, OLE, OLT, UNO},
    cmpi::{EQ, SGE},
};
use crate::build::{elem_of, float_kind, map, signless_width, Cv, Sb};
use crate::lower::collapse;
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{FloatKind, Type, Value};

/// The largest number of gathered elements times gathered-from positions built for.
pub const MAX_WORK: i64 = 1 << 32;

impl Sb<'_> {
    /// `v` as `f64` (extended when narrower).
    pub(crate) fn wide(&mut self, v: Value) -> Value {
        let f64t = self.ctx.float_type(FloatKind::F64);
        if self.body.value_type(v) == f64t {
            v
        } else {
            self.op("arith.extf", &[v], f64t, &[])
        }
    }
    /// `v` as `i64` (sign-extended when narrower).
    pub(crate) fn wide_int(&mut self, v: Value) -> Value {
        let i64t = self.ctx.int_type(64);
        if self.body.value_type(v) == i64t {
            v
        } else {
            self.op("arith.extsi", &[v], i64t, &[])
        }
    }
    /// Rust's `a.max(b)`: `b` when `a` is NaN or `b` is larger, else `a` (so NaN only
    /// when both are).
    pub(crate) fn max_num(&mut self, a: Value, b: Value) -> Value {
        let nan = self.cmp("arith.cmpf", UNO, a, a);
        let more = self.cmp("arith.cmpf", OGT, b, a);
        let i1 = self.ctx.int_type(1);
        let take = self.op("arith.ori", &[nan, more], i1, &[]);
        self.pick(take, b, a)
    }
}

/// An `f64` constant tensor.
pub(crate) fn f64_table(cv: &mut Cv<'_>, shape: &[i64], v: Vec<f64>) -> Option<Value> {
    let t = cv.ctx.float_type(FloatKind::F64);
    let ty = cv.ctx.tensor_type(shape, t);
    let a = dense_attr(cv.ctx, ty, &Values::Float(v))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// An iota constant `[0, n)` of `i64`.
pub(crate) fn iota(cv: &mut Cv<'_>, n: i64) -> Option<Value> {
    let i64t = cv.ctx.int_type(64);
    let ty = cv.ctx.tensor_type(&[n], i64t);
    let a = dense_attr(cv.ctx, ty, &Values::Int((0..i128::from(n)).collect()))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// The settings of a `roi_align`.
struct Roi {
    oh: i64,
    ow: i64,
    gh: i64,
    gw: i64,
    h: i64,
    w: i64,
    scale: f64,
    half: bool,
}

impl Roi {
    /// The sample's coordinate on one axis: `start + p * bin + (i + 0.5) * bin / g` from
    /// the roi's two corners `c0`, `c1` (f64), the bin `p` and sample offset `i + 0.5`
    /// (f64 operands), `n` bins and `g` samples per bin.
    fn coordinate(
        &self,
        sb: &mut Sb<'_>,
        c: [Value; 2],
        p: Value,
        i5: Value,
        n: i64,
        g: i64,
    ) -> Value {
        let sc = sb.c64(self.scale);
        let off = sb.c64(if self.half { 0.5 } else { 0.0 });
        let s0 = sb.bin("arith.mulf", c[0], sc);
        let start = sb.bin("arith.subf", s0, off);
        let e0 = sb.bin("arith.mulf", c[1], sc);
        let e1 = sb.bin("arith.subf", e0, off);
        let mut len = sb.bin("arith.subf", e1, start);
        if !self.half {
            let one = sb.c64(1.0);
            len = sb.max_num(len, one);
        }
        let nb = sb.c64(n as f64);
        let bin = sb.bin("arith.divf", len, nb);
        let pb = sb.bin("arith.mulf", p, bin);
        let a = sb.bin("arith.addf", start, pb);
        let ib = sb.bin("arith.mulf", i5, bin);
        let gv = sb.c64(g as f64);
        let q = sb.bin("arith.divf", ib, gv);
        sb.bin("arith.addf", a, q)
    }
}

/// One axis of the reference's `roi_sample`: from the coordinate `c` (f64) on an axis of
/// `len`, whether it is inside `[-1, len]`, the low and high pixel (f64, integer-valued)
/// and the fraction `l` (the high pixel's weight).
fn axis(sb: &mut Sb<'_>, c: Value, len: i64) -> (Value, Value, Value, Value) {
    let m1 = sb.c64(-1.0);
    let lv = sb.c64(len as f64);
    let ge = sb.cmp("arith.cmpf", OGE, c, m1);
    let le = sb.cmp("arith.cmpf", OLE, c, lv);
    let inside = sb.and(ge, le);
    let z = sb.c64(0.0);
    // Inside, c is not NaN, so `c.max(0.0)` is a comparison.
    let neg = sb.cmp("arith.cmpf", OLT, c, z);
    let c = sb.pick(neg, z, c);
    let lo = sb.un("math.trunc", c);
    let last = sb.c64((len - 1) as f64);
    let edge = sb.cmp("arith.cmpf", OGE, lo, last);
    let lo = sb.pick(edge, last, lo);
    let c = sb.pick(edge, last, c);
    let one = sb.c64(1.0);
    let lo1 = sb.bin("arith.addf", lo, one);
    let hi = sb.pick(edge, last, lo1);
    let l = sb.bin("arith.subf", c, lo);
    (inside, lo, hi, l)
}

/// `graph.roi_align` (see the module docs).
pub fn roi_align(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    a: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let [xs, rs, bs] = shapes else {
        return None;
    };
    let [nimg, ch, h, w] = xs[..] else {
        return None;
    };
    let nr = rs[0];
    if rs[..] != [nr, 4] || bs[..] != [nr] {
        return None;
    }
    let elem = elem_of(ctx, cv.body.value_type(ops[0]));
    let relem = elem_of(ctx, cv.body.value_type(ops[1]));
    let belem = elem_of(ctx, cv.body.value_type(ops[2]));
    let fk = |t| float_kind(ctx, t).filter(|k| matches!(k, FloatKind::F32 | FloatKind::F64));
    let (ek, _) = (fk(elem)?, fk(relem)?);
    signless_width(ctx, belem).filter(|&w| w > 1)?;
    let (oh, ow) = (
        a.i64("output_height", 1).ok()?,
        a.i64("output_width", 1).ok()?,
    );
    let ratio = a.i64("sampling_ratio", 0).ok()?;
    if out[..] != [nr, ch, oh, ow] || ratio <= 0 {
        return None;
    }
    let max = a.choice("mode", "avg", &["avg", "max"]).ok()? == "max";
    let half = a
        .choice(
            "coordinate_transformation_mode",
            "half_pixel",
            &["half_pixel", "output_half_pixel"],
        )
        .ok()?
        == "half_pixel";
    let roi = Roi {
        oh,
        ow,
        gh: ratio,
        gw: ratio,
        h,
        w,
        scale: a.f64("spatial_scale", 1.0).ok()?,
        half,
    };
    let plane = h.checked_mul(w)?;
    let samples = [nr, ch, oh, ow, ratio, ratio, 4];
    let mut work: i64 = 1;
    for d in samples {
        work = work.checked_mul(d)?;
    }
    if work.checked_mul(nimg)?.checked_mul(plane)? > MAX_WORK {
        return None;
    }
    let f64t = ctx.float_type(FloatKind::F64);
    let i64t = ctx.int_type(64);
    // Stage 1: the taps' positions and weights over (roi, ph, pw, iy, ix, tap).
    let tshape = [nr, oh, ow, ratio, ratio, 4];
    let ph = f64_table(cv, &[oh], (0..oh).map(|v| v as f64).collect())?;
    let pw = f64_table(cv, &[ow], (0..ow).map(|v| v as f64).collect())?;
    let i5 = f64_table(cv, &[ratio], (0..ratio).map(|v| v as f64 + 0.5).collect())?;
    let taps = iota(cv, 4)?;
    let ins = [ops[1], ops[1], ops[1], ops[1], ph, pw, i5, i5, taps];
    let mut maps: Vec<AffineMap> = (0..4).map(|j| map(6, vec![Dim(0), Const(j)])).collect();
    for d in 1..6 {
        maps.push(map(6, vec![Dim(d)]));
    }
    maps.push(AffineMap::identity(6));
    let table = |cv: &mut Cv<'_>, ty: Type, weight: bool| {
        let init = cv.empty(&tshape, ty);
        cv.generic(&ins, init, maps.clone(), &[Parallel; 6], |sb, v| {
            let r: Vec<Value> = v[..4].iter().map(|&c| sb.wide(c)).collect();
            let y = roi.coordinate(sb, [r[1], r[3]], v[4], v[6], roi.oh, roi.gh);
            let x = roi.coordinate(sb, [r[0], r[2]], v[5], v[7], roi.ow, roi.gw);
            let (yin, yl, yh, ly) = axis(sb, y, roi.h);
            let (xin, xl, xh, lx) = axis(sb, x, roi.w);
            let inside = sb.and(yin, xin);
            // Tap t reads (t / 2 ? yh : yl, t % 2 ? xh : xl).
            let two = sb.ci64(2);
            let one = sb.ci64(1);
            let dy = sb.cmp("arith.cmpi", SGE, v[8], two);
            let odd = sb.bin("arith.andi", v[8], one);
            let dx = sb.cmp("arith.cmpi", EQ, odd, one);
            if weight {
                let o = sb.c64(1.0);
                let hy = sb.bin("arith.subf", o, ly);
                let hx = sb.bin("arith.subf", o, lx);
                let fy = sb.pick(dy, ly, hy);
                let fx = sb.pick(dx, lx, hx);
                let wt = sb.bin("arith.mulf", fy, fx);
                let z = sb.c64(0.0);
                sb.pick(inside, wt, z)
            } else {
                let py = sb.pick(dy, yh, yl);
                let px = sb.pick(dx, xh, xl);
                let wv = sb.c64(roi.w as f64);
                let row = sb.bin("arith.mulf", py, wv);
                let p = sb.bin("arith.addf", row, px);
                let z = sb.c64(0.0);
                let p = sb.pick(inside, p, z);
                let i64t = sb.ctx.int_type(64);
                sb.op("arith.fptosi", &[p], i64t, &[])
            }
        })
    };
    let pos = table(cv, i64t, false);
    let wts = table(cv, f64t, true);
    // Stage 2: the gather over (roi, c, ph, pw, iy, ix, tap, n, p).
    let x3 = collapse(
        cv,
        ops[0],
        &[vec![0], vec![1], vec![2, 3]],
        &[nimg, ch, plane],
        elem,
    );
    let (ni, pi) = (iota(cv, nimg)?, iota(cv, plane)?);
    let sampled: Vec<AffineExpr> = [0, 2, 3, 4, 5, 6].into_iter().map(Dim).collect();
    let gmaps = vec![
        map(9, vec![Dim(7), Dim(1), Dim(8)]),
        map(9, vec![Dim(0)]),
        map(9, sampled.clone()),
        map(9, vec![Dim(7)]),
        map(9, vec![Dim(8)]),
        map(9, (0..7).map(Dim).collect()),
    ];
    let mut iters = vec![Parallel; 7];
    iters.extend([Reduction, Reduction]);
    let ginit = cv.filled(0.0, &samples, elem);
    let g = cv.generic(&[x3, ops[2], pos, ni, pi], ginit, gmaps, &iters, |sb, v| {
        let b = sb.wide_int(v[1]);
        let hb = sb.cmp("arith.cmpi", EQ, b, v[3]);
        let hp = sb.cmp("arith.cmpi", EQ, v[2], v[4]);
        let hit = sb.and(hb, hp);
        sb.pick(hit, v[0], v[5])
    });
    // Stage 3: the bins' values.
    let wmap = map(7, sampled.clone());
    let bins = &samples[..4];
    let v = if max {
        let init = cv.filled(f64::NEG_INFINITY, bins, f64t);
        let mut it = vec![Parallel; 4];
        it.extend([Reduction; 3]);
        cv.generic(
            &[wts, g],
            init,
            vec![
                wmap,
                AffineMap::identity(7),
                map(7, (0..4).map(Dim).collect()),
            ],
            &it,
            |sb, v| {
                let x = sb.wide(v[1]);
                let p = sb.bin("arith.mulf", v[0], x);
                sb.max_num(v[2], p)
            },
        )
    } else {
        let sshape = &samples[..6];
        let init = cv.filled(-0.0, sshape, f64t);
        let mut it = vec![Parallel; 6];
        it.push(Reduction);
        let per = cv.generic(
            &[wts, g],
            init,
            vec![
                wmap,
                AffineMap::identity(7),
                map(7, (0..6).map(Dim).collect()),
            ],
            &it,
            |sb, v| {
                let x = sb.wide(v[1]);
                let p = sb.bin("arith.mulf", v[0], x);
                sb.bin("arith.addf", v[2], p)
            },
        );
        let init = cv.filled(-0.0, bins, f64t);
        let mut it = vec![Parallel; 4];
        it.extend([Reduction; 2]);
        cv.generic(
            &[per],
            init,
            vec![AffineMap::identity(6), map(6, (0..4).map(Dim).collect())],
            &it,
            |sb, v| sb.bin("arith.addf", v[1], v[0]),
        )
    };
    let count = (ratio * ratio) as f64;
    Some(cv.elementwise(&[v], out, elem, |sb, v| {
        let y = if max {
            v[0]
        } else {
            let c = sb.c64(count);
            sb.bin("arith.divf", v[0], c)
        };
        if ek == FloatKind::F64 {
            y
        } else {
            sb.op("arith.truncf", &[y], elem, &[])
        }
    }))
}
