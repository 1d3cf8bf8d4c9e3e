//! `graph.grid_sample` (any number of spatial dims; `nearest`, `linear`, `cubic`; padding
//! `zeros`, `border`, `reflection`; `align_corners`), computed as the interpreter does
//! (`crates/interp/src/ops/graph/spatial.rs`, after ONNX's reference): coordinates
//! denormalised in the grid's precision, taps and weights in `f64`, the weighted sums nested
//! innermost axis first, rounded once to the element type.
//!
//! The positions read depend on the grid's values, so they are computed at run time, in
//! three stages of generics:
//!
//! 1. per spatial axis `d`, the tap tables over `(n, p.., t)` (output position `p`, tap `t`,
//!    an iota operand): the input index of each tap (-1 where the tap reads a zero) and its
//!    weight (NaN where the coordinate is NaN, so that the output is NaN as in the
//!    interpreter);
//! 2. the gather `x[n, c, idx_0[t_0], .., idx_k[t_k]]` over `(n, c, p.., t.., s..)`: a
//!    reduction over the input positions `s` that keeps the element whose position matches
//!    every tap's index (0 when one of them is -1), as the gather lowering of
//!    [`crate::index`] does;
//! 3. from the innermost axis out, `acc + w_d[t_d] * v` reduced over `t_d`.
//!
//! The gather costs the input plane's size per tap: exact, bounded, and slow for large
//! images.

use crate::build::{
    cmpf::{OEQ, OGE, OGT, OLE, OLT, UNO},
    cmpi::EQ,
};
use crate::build::{elem_of, float_kind, map, Cv, Sb};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{FloatKind, Type, Value};

/// The largest number of gathered elements times input positions built for.
const MAX_WORK: i64 = 1 << 32;

#[derive(Clone, Copy, PartialEq)]
enum Padding {
    Zeros,
    Border,
    Reflection,
}

/// The sampling settings shared by every axis.
#[derive(Clone, Copy)]
struct Mode {
    /// Taps per axis: 1 (nearest), 2 (linear) or 4 (cubic).
    taps: i64,
    padding: Padding,
    align: bool,
    /// The grid's element type (`f32` or `f64`).
    grid: Type,
}

impl Sb<'_> {
    /// `clamp(x, lo, hi)` as Rust's `f64::clamp` (NaN stays NaN).
    fn clamp(&mut self, x: Value, lo: f64, hi: f64) -> Value {
        let (l, h) = (self.c64(lo), self.c64(hi));
        let below = self.cmp("arith.cmpf", OLT, x, l);
        let above = self.cmp("arith.cmpf", OGT, x, h);
        let y = self.pick(above, h, x);
        self.pick(below, l, y)
    }
    /// The interpreter's `reflect(x, lo, hi)`.
    fn reflect(&mut self, x: Value, lo: f64, hi: f64) -> Value {
        let rng = hi - lo;
        if rng <= 0.0 {
            return self.c64(lo);
        }
        let (l, h, rg) = (self.c64(lo), self.c64(hi), self.c64(rng));
        let below = self.cmp("arith.cmpf", OLT, x, l);
        let above = self.cmp("arith.cmpf", OGT, x, h);
        let dlo = self.bin("arith.subf", l, x);
        let dhi = self.bin("arith.subf", x, h);
        let dx = self.pick(below, dlo, dhi);
        let q = self.bin("arith.divf", dx, rg);
        let n = self.un("math.trunc", q);
        let nr = self.bin("arith.mulf", n, rg);
        let r = self.bin("arith.subf", dx, nr);
        let half = self.c64(0.5);
        let hn = self.bin("arith.mulf", n, half);
        let th = self.un("math.trunc", hn);
        let even = self.cmp("arith.cmpf", OEQ, th, hn);
        let from_lo = self.cmp("arith.cmpi", EQ, below, even);
        let up = self.bin("arith.addf", l, r);
        let down = self.bin("arith.subf", h, r);
        let res = self.pick(from_lo, up, down);
        let i1 = self.ctx.int_type(1);
        let out = self.op("arith.ori", &[below, above], i1, &[]);
        self.pick(out, res, x)
    }
    /// The sampling coordinate (f64) of the grid value `g` on an axis of length `len`.
    fn coordinate(&mut self, g: Value, len: i64, m: Mode) -> Value {
        let f64t = self.ctx.float_type(FloatKind::F64);
        let l = len as f64;
        let one = self.cst(1.0, m.grid);
        let two = self.cst(2.0, m.grid);
        let lv = self.cst(l, m.grid);
        let g1 = self.bin("arith.addf", g, one);
        let c = if m.align {
            let h = self.bin("arith.divf", g1, two);
            let lm = self.bin("arith.subf", lv, one);
            self.bin("arith.mulf", h, lm)
        } else {
            let gl = self.bin("arith.mulf", g1, lv);
            let s = self.bin("arith.subf", gl, one);
            self.bin("arith.divf", s, two)
        };
        let narrow = self.body.value_type(c) != f64t;
        let mut c = if narrow {
            self.op("arith.extf", &[c], f64t, &[])
        } else {
            c
        };
        if m.taps == 1 {
            c = self.un("math.roundeven", c);
        }
        let (lo, hi) = bounds(len, m.align);
        match m.padding {
            Padding::Zeros => c,
            Padding::Border => {
                // Only coordinates outside [lo, hi] are clamped (those in [-0.5, 0) stay).
                let (lv, hv) = (self.c64(lo), self.c64(hi));
                let below = self.cmp("arith.cmpf", OLT, c, lv);
                let above = self.cmp("arith.cmpf", OGT, c, hv);
                let i1 = self.ctx.int_type(1);
                let out = self.op("arith.ori", &[below, above], i1, &[]);
                let k = self.clamp(c, 0.0, l - 1.0);
                self.pick(out, k, c)
            }
            Padding::Reflection => {
                // `reflect` keeps coordinates inside [lo, hi], which are f32 values already
                // when the grid is f32, so rounding them changes nothing.
                let r = self.reflect(c, lo, hi);
                if narrow {
                    let f32t = self.ctx.float_type(FloatKind::F32);
                    let n = self.op("arith.truncf", &[r], f32t, &[]);
                    self.op("arith.extf", &[n], f64t, &[])
                } else {
                    r
                }
            }
        }
    }
    /// The input index (i64, -1 for a zero) read at the integer-valued position `pos`.
    fn pixel(&mut self, pos: Value, len: i64, m: Mode) -> Value {
        let last = (len - 1) as f64;
        let (lo, hi) = bounds(len, m.align);
        let i64t = self.ctx.int_type(64);
        let p = match m.padding {
            Padding::Zeros => pos,
            Padding::Border => self.clamp(pos, 0.0, last),
            Padding::Reflection => {
                let r = self.reflect(pos, lo, hi);
                let t = self.un("math.trunc", r);
                self.clamp(t, 0.0, last)
            }
        };
        let (z, lst) = (self.c64(0.0), self.c64(last));
        let ge = self.cmp("arith.cmpf", OGE, p, z);
        let le = self.cmp("arith.cmpf", OLE, p, lst);
        let i1 = self.ctx.int_type(1);
        let ok = self.op("arith.andi", &[ge, le], i1, &[]);
        let m1 = self.c64(-1.0);
        let safe = self.pick(ok, p, m1);
        self.op("arith.fptosi", &[safe], i64t, &[])
    }
}

/// The borders of an axis's coordinates.
fn bounds(len: i64, align: bool) -> (f64, f64) {
    let l = len as f64;
    if align {
        (0.0, l - 1.0)
    } else {
        (-0.5, l - 0.5)
    }
}

/// Keys' cubic weights (`a = -0.75`) of fractional part `t`, built in `sb`.
fn cubic(sb: &mut Sb<'_>, t: Value) -> [Value; 4] {
    // Each weight is a polynomial in `x = |t|` evaluated as the interpreter writes it.
    let a = -0.75;
    let x = sb.un("math.absf", t);
    let c = |sb: &mut Sb<'_>, v: f64| sb.c64(v);
    let one = c(sb, 1.0);
    let two = c(sb, 2.0);
    // ((a * u - 5a) * u + 8a) * u - 4a
    let outer = |sb: &mut Sb<'_>, u: Value| {
        let av = c(sb, a);
        let a5 = c(sb, 5.0 * a);
        let a8 = c(sb, 8.0 * a);
        let a4 = c(sb, 4.0 * a);
        let p = sb.bin("arith.mulf", av, u);
        let p = sb.bin("arith.subf", p, a5);
        let p = sb.bin("arith.mulf", p, u);
        let p = sb.bin("arith.addf", p, a8);
        let p = sb.bin("arith.mulf", p, u);
        sb.bin("arith.subf", p, a4)
    };
    // ((a + 2) * u - (a + 3)) * u * u + 1
    let inner = |sb: &mut Sb<'_>, u: Value| {
        let a2 = c(sb, a + 2.0);
        let a3 = c(sb, a + 3.0);
        let p = sb.bin("arith.mulf", a2, u);
        let p = sb.bin("arith.subf", p, a3);
        let p = sb.bin("arith.mulf", p, u);
        let p = sb.bin("arith.mulf", p, u);
        let o = c(sb, 1.0);
        sb.bin("arith.addf", p, o)
    };
    let x1 = sb.bin("arith.addf", x, one);
    let w0 = outer(sb, x1);
    let w1 = inner(sb, x);
    let omx = sb.bin("arith.subf", one, x);
    let w2 = inner(sb, omx);
    let tmx = sb.bin("arith.subf", two, x);
    let w3 = outer(sb, tmx);
    [w0, w1, w2, w3]
}

/// An iota constant `[0, n)` of `i64`.
fn iota(cv: &mut Cv<'_>, n: i64) -> Option<Value> {
    let i64t = cv.ctx.int_type(64);
    let ty = cv.ctx.tensor_type(&[n], i64t);
    let a = dense_attr(cv.ctx, ty, &Values::Int((0..i128::from(n)).collect()))?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// `graph.grid_sample` (see the module docs).
pub fn grid_sample(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    a: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let (xs, gs) = (shapes.first()?, shapes.get(1)?);
    let r = xs.len();
    if r < 3 || gs.len() != r || out.len() != r {
        return None;
    }
    let n = r - 2;
    if gs[r - 1] != n as i64 || gs[0] != xs[0] || out[..2] != xs[..2] || out[2..] != gs[1..r - 1] {
        return None;
    }
    let elem = elem_of(ctx, cv.body.value_type(ops[0]));
    let gelem = elem_of(ctx, cv.body.value_type(ops[1]));
    let fk = |t| float_kind(ctx, t).filter(|k| matches!(k, FloatKind::F32 | FloatKind::F64));
    let (ek, _) = (fk(elem)?, fk(gelem)?);
    let taps = match a
        .choice("mode", "linear", &["nearest", "linear", "cubic"])
        .ok()?
    {
        "nearest" => 1,
        "linear" => 2,
        _ => 4,
    };
    let padding = match a
        .choice("padding_mode", "zeros", &["zeros", "border", "reflection"])
        .ok()?
    {
        "zeros" => Padding::Zeros,
        "border" => Padding::Border,
        _ => Padding::Reflection,
    };
    let m = Mode {
        taps,
        padding,
        align: a.i64("align_corners", 0).ok()? != 0,
        grid: gelem,
    };
    // Bound the gather's work: output elements x taps x input plane.
    let mut work: i64 = out.iter().product();
    for d in 0..n {
        work = work.checked_mul(taps)?.checked_mul(xs[2 + d])?;
    }
    if work > MAX_WORK {
        return None;
    }
    let f64t = ctx.float_type(FloatKind::F64);
    let i64t = ctx.int_type(64);
    let p: Vec<i64> = gs[1..r - 1].to_vec();
    // Stage 1: per axis, the tap indices and weights over (b, p.., t).
    let mut tshape = vec![xs[0]];
    tshape.extend_from_slice(&p);
    tshape.push(taps);
    let tr = tshape.len();
    let io_t = iota(cv, taps)?;
    let mut gm: Vec<AffineExpr> = (0..=n as u32).map(Dim).collect();
    let mut tables = Vec::new();
    for d in 0..n {
        let len = xs[2 + d];
        gm.truncate(n + 1);
        gm.push(Const((n - 1 - d) as i64));
        let maps = vec![
            map(tr, gm.clone()),
            map(tr, vec![Dim(n as u32 + 1)]),
            AffineMap::identity(tr as u32),
        ];
        let ie = cv.empty(&tshape, i64t);
        let idx = cv.generic(
            &[ops[1], io_t],
            ie,
            maps.clone(),
            &vec![Parallel; tr],
            |sb, v| {
                let c = sb.coordinate(v[0], len, m);
                let t = sb.op("arith.sitofp", &[v[1]], f64t, &[]);
                let pos = match m.taps {
                    1 => sb.un("math.trunc", c),
                    2 => {
                        let f = sb.un("math.floor", c);
                        sb.bin("arith.addf", f, t)
                    }
                    _ => {
                        let f = sb.un("math.floor", c);
                        let one = sb.c64(1.0);
                        let f1 = sb.bin("arith.subf", f, one);
                        sb.bin("arith.addf", f1, t)
                    }
                };
                sb.pixel(pos, len, m)
            },
        );
        let we = cv.empty(&tshape, f64t);
        let w = cv.generic(&[ops[1], io_t], we, maps, &vec![Parallel; tr], |sb, v| {
            let c = sb.coordinate(v[0], len, m);
            let w = match m.taps {
                1 => sb.c64(1.0),
                2 => {
                    let f = sb.un("math.floor", c);
                    let fr = sb.bin("arith.subf", c, f);
                    let one = sb.c64(1.0);
                    let w0 = sb.bin("arith.subf", one, fr);
                    let z = sb.op(
                        "arith.constant",
                        &[],
                        i64t,
                        &[("value", sb.ctx.int_attr(0, i64t))],
                    );
                    let first = sb.cmp("arith.cmpi", EQ, v[1], z);
                    sb.pick(first, w0, fr)
                }
                _ => {
                    let f = sb.un("math.floor", c);
                    let fr = sb.bin("arith.subf", c, f);
                    let ws = cubic(sb, fr);
                    let mut w = ws[3];
                    for k in (0..3).rev() {
                        let kc = sb.op(
                            "arith.constant",
                            &[],
                            i64t,
                            &[("value", sb.ctx.int_attr(k as i128, i64t))],
                        );
                        let is_k = sb.cmp("arith.cmpi", EQ, v[1], kc);
                        w = sb.pick(is_k, ws[k], w);
                    }
                    w
                }
            };
            let nan = sb.cmp("arith.cmpf", UNO, c, c);
            sb.pick(nan, c, w)
        });
        tables.push((idx, w));
    }
    // Stage 2: the gather over (b, c, p.., t.., s..).
    let mut gshape = out.to_vec();
    gshape.extend(std::iter::repeat_n(taps, n));
    let gr = gshape.len();
    let nd = gr + n;
    let (t0, s0) = (2 + n as u32, 2 + 2 * n as u32);
    let mut ins = vec![ops[0]];
    let mut xm = vec![Dim(0), Dim(1)];
    xm.extend((0..n as u32).map(|i| Dim(s0 + i)));
    let mut maps = vec![map(nd, xm)];
    for (d, (idx, _)) in tables.iter().enumerate() {
        ins.push(*idx);
        let mut im = vec![Dim(0)];
        im.extend((0..n as u32).map(|i| Dim(2 + i)));
        im.push(Dim(t0 + d as u32));
        maps.push(map(nd, im));
    }
    for d in 0..n {
        ins.push(iota(cv, xs[2 + d])?);
        maps.push(map(nd, vec![Dim(s0 + d as u32)]));
    }
    maps.push(map(nd, (0..gr as u32).map(Dim).collect()));
    let mut iters = vec![Parallel; gr];
    iters.extend(std::iter::repeat_n(Reduction, n));
    let ginit = cv.filled(0.0, &gshape, elem);
    let mut g = cv.generic(&ins, ginit, maps, &iters, |sb, v| {
        let i1 = sb.ctx.int_type(1);
        let mut hit = sb.cmp("arith.cmpi", EQ, v[1], v[1 + n]);
        for d in 1..n {
            let h = sb.cmp("arith.cmpi", EQ, v[1 + d], v[1 + n + d]);
            hit = sb.op("arith.andi", &[hit, h], i1, &[]);
        }
        sb.pick(hit, v[0], v[1 + 2 * n])
    });
    // Stage 3: the weighted sums, innermost axis first.
    for d in (0..n).rev() {
        let keep = 2 + n + d;
        let sshape = gshape[..keep].to_vec();
        let srank = sshape.len();
        let nd = srank + 1;
        let mut wm = vec![Dim(0)];
        wm.extend((0..n as u32).map(|i| Dim(2 + i)));
        wm.push(Dim(srank as u32));
        let init = cv.filled(0.0, &sshape, f64t);
        let widen = elem_of(ctx, cv.body.value_type(g)) != f64t;
        let mut it = vec![Parallel; srank];
        it.push(Reduction);
        g = cv.generic(
            &[tables[d].1, g],
            init,
            vec![
                map(nd, wm),
                AffineMap::identity(nd as u32),
                map(nd, (0..srank as u32).map(Dim).collect()),
            ],
            &it,
            |sb, v| {
                let x = if widen {
                    sb.op("arith.extf", &[v[1]], f64t, &[])
                } else {
                    v[1]
                };
                let p = sb.bin("arith.mulf", v[0], x);
                sb.bin("arith.addf", v[2], p)
            },
        );
    }
    if ek == FloatKind::F64 {
        return Some(g);
    }
    Some(cv.elementwise(&[g], out, elem, |sb, v| {
        sb.op("arith.truncf", &[v[0]], elem, &[])
    }))
}
