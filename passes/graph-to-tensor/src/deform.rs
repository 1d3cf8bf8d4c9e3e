//! `graph.deform_conv` (ONNX `DeformConv`: 2-D, groups, offset groups, optional bias and
//! mask), computed as the interpreter does (`crates/interp/src/ops/graph/spatial.rs`):
//! each kernel tap samples the input bilinearly (zeros outside) at its offset position in
//! `f64`, times the mask, and the products with the weights are summed over the input
//! channels of the group and the kernel (in that order), plus the bias, rounded once.
//!
//! The positions read depend on the offsets, so they are computed at run time:
//!
//! 1. over `(n, og, kh, kw, oh, ow)` (offset group, kernel tap, output position), the
//!    sampling point `(y, x) = (i * s - p + a * d + dy, j * s - p + b * d + dx)`; from it
//!    the plane position of each of the four corners (`tap`, -1 outside the image) and the
//!    fractions `y - floor(y)`, `x - floor(x)`;
//! 2. the gather `x[n, og, c, pos]` over `(n, og, c, kh, kw, oh, ow, tap, p)` (the input's
//!    channels split by offset group): a reduction over the plane positions `p` that keeps
//!    the element at the corner's position (0 for -1);
//! 3. the interpolation `(1 - ty)((1 - tx) v00 + tx v01) + ty((1 - tx) v10 + tx v11)`,
//!    times the mask, then the contraction with the weights over `(c, kh, kw)` per group
//!    (channels split by group), the bias, the rounding.
//!
//! The gather costs the plane's size per corner: exact, bounded, and slow for large images.

use crate::build::cmpf::{OGE, OLE};
use crate::build::cmpi::{EQ, SGE};
use crate::build::{elem_of, float_kind, map, Cv};
use crate::lower::{collapse, expand};
use crate::roialign::{f64_table, iota, MAX_WORK};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::AffineMap;
use strata_ir::{FloatKind, Value};

/// `graph.deform_conv` (see the module docs).
pub fn deform_conv(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    a: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    if !(3..=5).contains(&ops.len()) {
        return None;
    }
    let [n, c, h, w] = shapes[0][..] else {
        return None;
    };
    let [m, icg, kh, kw] = shapes[1][..] else {
        return None;
    };
    let [on, offc, oh, ow] = shapes[2][..] else {
        return None;
    };
    let elem = elem_of(ctx, cv.body.value_type(ops[0]));
    let ek = float_kind(ctx, elem).filter(|k| matches!(k, FloatKind::F32 | FloatKind::F64))?;
    if ops
        .iter()
        .any(|&v| elem_of(ctx, cv.body.value_type(v)) != elem)
    {
        return None;
    }
    let group = a.i64("group", 1).ok()?;
    let og = a.i64("offset_group", 1).ok()?;
    if group <= 0 || og <= 0 || c != icg * group || m % group != 0 || c % og != 0 {
        return None;
    }
    let k = kh * kw;
    if on != n || offc != og * k * 2 || out[..] != [n, m, oh, ow] {
        return None;
    }
    if shapes.get(3).is_some_and(|b| b[..] != [m]) {
        return None;
    }
    let has_mask = ops.len() == 5;
    if has_mask && shapes[4][..] != [n, og * k, oh, ow] {
        return None;
    }
    let strides = a.ints_len("strides", 2, 1).ok()?;
    let dil = a.ints_len("dilations", 2, 1).ok()?;
    let pads = a.ints_len("pads", 4, 0).ok()?;
    let plane = h.checked_mul(w)?;
    let (ocpg, icpog) = (m / group, c / og);
    let mut work: i64 = 4;
    for d in [n, c, k, oh, ow, plane] {
        work = work.checked_mul(d)?;
    }
    if work > MAX_WORK {
        return None;
    }
    let f64t = ctx.float_type(FloatKind::F64);
    let i64t = ctx.int_type(64);
    // Stage 1 over (n, og, kh, kw, oh, ow) (tap tables add a corner dim).
    let off = expand(
        cv,
        ops[2],
        &[vec![0], vec![1, 2, 3, 4], vec![5], vec![6]],
        &[n, og, kh, kw, 2, oh, ow],
        elem,
    );
    // The sampling point before the offset: (i * s - p) + a * d, as the interpreter adds.
    let base = |len: i64, taps: i64, ax: usize| -> Vec<f64> {
        let mut v = Vec::new();
        for t in 0..taps {
            for i in 0..len {
                let s = i as f64 * strides[ax] as f64 - pads[ax] as f64;
                v.push(s + t as f64 * dil[ax] as f64);
            }
        }
        v
    };
    let by = f64_table(cv, &[kh, oh], base(oh, kh, 0))?;
    let bx = f64_table(cv, &[kw, ow], base(ow, kw, 1))?;
    let pshape = [n, og, kh, kw, oh, ow];
    let point = |comp: i64| vec![Dim(0), Dim(1), Dim(2), Dim(3), Const(comp), Dim(4), Dim(5)];
    let frac = |cv: &mut Cv<'_>, comp: i64| {
        let (b, bm) = if comp == 0 {
            (by, vec![Dim(2), Dim(4)])
        } else {
            (bx, vec![Dim(3), Dim(5)])
        };
        let init = cv.empty(&pshape, f64t);
        cv.generic(
            &[off, b],
            init,
            vec![map(6, point(comp)), map(6, bm), AffineMap::identity(6)],
            &[Parallel; 6],
            |sb, v| {
                let d = sb.wide(v[0]);
                let y = sb.bin("arith.addf", v[1], d);
                let f = sb.un("math.floor", y);
                sb.bin("arith.subf", y, f)
            },
        )
    };
    let ty = frac(cv, 0);
    let tx = frac(cv, 1);
    let corners = iota(cv, 4)?;
    let mut tshape = pshape.to_vec();
    tshape.push(4);
    let tinit = cv.empty(&tshape, i64t);
    let pos = cv.generic(
        &[off, off, by, bx, corners],
        tinit,
        vec![
            map(7, point(0)),
            map(7, point(1)),
            map(7, vec![Dim(2), Dim(4)]),
            map(7, vec![Dim(3), Dim(5)]),
            map(7, vec![Dim(6)]),
            AffineMap::identity(7),
        ],
        &[Parallel; 7],
        |sb, v| {
            let dy = sb.wide(v[0]);
            let dx = sb.wide(v[1]);
            let y = sb.bin("arith.addf", v[2], dy);
            let x = sb.bin("arith.addf", v[3], dx);
            let y0 = sb.un("math.floor", y);
            let x0 = sb.un("math.floor", x);
            // Corner t is (y0 + t / 2, x0 + t % 2).
            let (one, two) = (sb.ci64(1), sb.ci64(2));
            let hi = sb.cmp("arith.cmpi", SGE, v[4], two);
            let odd = sb.bin("arith.andi", v[4], one);
            let right = sb.cmp("arith.cmpi", EQ, odd, one);
            let (z, o) = (sb.c64(0.0), sb.c64(1.0));
            let sy = sb.pick(hi, o, z);
            let sx = sb.pick(right, o, z);
            let py = sb.bin("arith.addf", y0, sy);
            let px = sb.bin("arith.addf", x0, sx);
            let mut ok = None;
            for (p, len) in [(py, h), (px, w)] {
                let lo = sb.cmp("arith.cmpf", OGE, p, z);
                let last = sb.c64((len - 1) as f64);
                let le = sb.cmp("arith.cmpf", OLE, p, last);
                let inside = sb.and(lo, le);
                ok = Some(match ok {
                    None => inside,
                    Some(prev) => sb.and(prev, inside),
                });
            }
            let ok = ok.expect("two axes were checked");
            let wv = sb.c64(w as f64);
            let row = sb.bin("arith.mulf", py, wv);
            let p = sb.bin("arith.addf", row, px);
            let m1 = sb.c64(-1.0);
            let p = sb.pick(ok, p, m1);
            let i64t = sb.ctx.int_type(64);
            sb.op("arith.fptosi", &[p], i64t, &[])
        },
    );
    // Stage 2: the gather over (n, og, c, kh, kw, oh, ow, tap, p).
    let x3 = collapse(
        cv,
        ops[0],
        &[vec![0], vec![1], vec![2, 3]],
        &[n, c, plane],
        elem,
    );
    let x4 = expand(
        cv,
        x3,
        &[vec![0], vec![1, 2], vec![3]],
        &[n, og, icpog, plane],
        elem,
    );
    let pi = iota(cv, plane)?;
    let gshape = [n, og, icpog, kh, kw, oh, ow, 4];
    let ginit = cv.filled(0.0, &gshape, elem);
    let mut iters = vec![Parallel; 8];
    iters.push(Reduction);
    let g = cv.generic(
        &[x4, pos, pi],
        ginit,
        vec![
            map(9, vec![Dim(0), Dim(1), Dim(2), Dim(8)]),
            map(9, [0, 1, 3, 4, 5, 6, 7].into_iter().map(Dim).collect()),
            map(9, vec![Dim(8)]),
            map(9, (0..8).map(Dim).collect()),
        ],
        &iters,
        |sb, v| {
            let hit = sb.cmp("arith.cmpi", EQ, v[1], v[2]);
            sb.pick(hit, v[0], v[3])
        },
    );
    // Stage 3: the interpolation (times the mask) over (n, og, c, kh, kw, oh, ow).
    let fmap = map(7, [0, 1, 3, 4, 5, 6].into_iter().map(Dim).collect());
    let mut ins = vec![g, g, g, g, ty, tx];
    let mut maps: Vec<AffineMap> = (0..4)
        .map(|t| {
            let mut e: Vec<_> = (0..7).map(Dim).collect();
            e.push(Const(t));
            map(7, e)
        })
        .collect();
    maps.extend([fmap.clone(), fmap.clone()]);
    if has_mask {
        let mk = expand(
            cv,
            ops[4],
            &[vec![0], vec![1, 2, 3], vec![4], vec![5]],
            &[n, og, kh, kw, oh, ow],
            elem,
        );
        ins.push(mk);
        maps.push(fmap);
    }
    maps.push(AffineMap::identity(7));
    let vshape = [n, og, icpog, kh, kw, oh, ow];
    let vinit = cv.empty(&vshape, f64t);
    let vals = cv.generic(&ins, vinit, maps, &[Parallel; 7], |sb, v| {
        let c: Vec<Value> = v[..4].iter().map(|&x| sb.wide(x)).collect();
        let (ty, tx) = (v[4], v[5]);
        let one = sb.c64(1.0);
        let uy = sb.bin("arith.subf", one, ty);
        let ux = sb.bin("arith.subf", one, tx);
        let lerp = |sb: &mut crate::build::Sb<'_>, a: Value, b: Value| {
            let p = sb.bin("arith.mulf", ux, a);
            let q = sb.bin("arith.mulf", tx, b);
            sb.bin("arith.addf", p, q)
        };
        let top = lerp(sb, c[0], c[1]);
        let bottom = lerp(sb, c[2], c[3]);
        let p = sb.bin("arith.mulf", uy, top);
        let q = sb.bin("arith.mulf", ty, bottom);
        let s = sb.bin("arith.addf", p, q);
        if has_mask {
            let mk = sb.wide(v[6]);
            sb.bin("arith.mulf", s, mk)
        } else {
            s
        }
    });
    // The contraction over (n, g, oc, oh, ow, c, kh, kw), channels split by group.
    let v6 = collapse(
        cv,
        vals,
        &[vec![0], vec![1, 2], vec![3], vec![4], vec![5], vec![6]],
        &[n, c, kh, kw, oh, ow],
        f64t,
    );
    let v7 = expand(
        cv,
        v6,
        &[vec![0], vec![1, 2], vec![3], vec![4], vec![5], vec![6]],
        &[n, group, icg, kh, kw, oh, ow],
        f64t,
    );
    let w5 = expand(
        cv,
        ops[1],
        &[vec![0, 1], vec![2], vec![3], vec![4]],
        &[group, ocpg, icg, kh, kw],
        elem,
    );
    let cshape = [n, group, ocpg, oh, ow];
    let cinit = cv.filled(0.0, &cshape, f64t);
    let mut iters = vec![Parallel; 5];
    iters.extend([Reduction; 3]);
    let acc = cv.generic(
        &[v7, w5],
        cinit,
        vec![
            map(8, [0, 1, 5, 6, 7, 3, 4].into_iter().map(Dim).collect()),
            map(8, [1, 2, 5, 6, 7].into_iter().map(Dim).collect()),
            map(8, (0..5).map(Dim).collect()),
        ],
        &iters,
        |sb, v| {
            let wt = sb.wide(v[1]);
            let p = sb.bin("arith.mulf", v[0], wt);
            sb.bin("arith.addf", v[2], p)
        },
    );
    let acc = collapse(
        cv,
        acc,
        &[vec![0], vec![1, 2], vec![3], vec![4]],
        &[n, m, oh, ow],
        f64t,
    );
    let bias = match ops.get(3) {
        Some(&b) => b,
        None => f64_table(cv, &[m], vec![0.0; m as usize])?,
    };
    let init = cv.empty(out, elem);
    Some(cv.generic(
        &[acc, bias],
        init,
        vec![
            AffineMap::identity(4),
            map(4, vec![Dim(1)]),
            AffineMap::identity(4),
        ],
        &[Parallel; 4],
        |sb, v| {
            let b = sb.wide(v[1]);
            let y = sb.bin("arith.addf", v[0], b);
            if ek == FloatKind::F64 {
                y
            } else {
                sb.op("arith.truncf", &[y], elem, &[])
            }
        },
    ))
}
