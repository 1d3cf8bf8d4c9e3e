//! Convolution and pooling with three or more spatial dims (`N x C x D x H x W` and up), and
//! `conv_transpose` of any spatial rank.
//!
//! * `conv`: zero `tensor.pad`, then per group a `tensor.generic` over
//!   `(n, f, o.., c, k..)` reading `x[n, c, o * s + k * d]` and `w[f, c, k]` with the body
//!   `acc + x * w` (the maps, loop order and body of the generic form of
//!   `tensor.conv2d_nchw_fchw`, one more window dim per spatial dim); the groups are
//!   concatenated along the channels, a bias is added after.
//! * `max_pool` / `average_pool`: the 2-D lowering of [`crate::nn::pool`] with a generic in
//!   place of the named pooling ops: the window sum (or `maximumf`) over `(n, c, o.., k..)`
//!   with the window sizes carried by an empty window tensor, and for the average the
//!   divisor from the same window sum over ones.
//! * `conv_transpose` (NCW, NCHW, NCDHW..; groups, strides, dilations, pads,
//!   `output_padding`, bias): the convolution, with stride 1 and the same dilations, of the
//!   input spread out by the strides (`tensor.insert_slice` with strides into zeros) and
//!   padded by `(k - 1) * d - pad` on each side (`+ output_padding` at the end; where that
//!   is negative, the convolution computes the extra positions and `tensor.extract_slice`
//!   cuts them off), with the kernel flipped along every spatial
//!   dim and its two channel dims swapped per group (a copying generic with the map
//!   `(f, c, k..) -> (c, f, K - 1 - k..)`). Each output element sums the same products as
//!   the definition, plus products with the inserted zeros; the convolution runs through
//!   the 1-D, 2-D or N-D conv lowering, so a 2-D one still meets `cpu-ukernels`.

use crate::build::{map, Cv};
use crate::nn::slice_dim;
use strata_dialect_graph::attr::{i64_array_attr, Attrs};
use strata_dialect_tensor::structured::{add, mul};
use strata_dialect_tensor::util::{i32_array_attr, i64_array_attr as t_i64s};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{Attribute, Type, Value};

/// The window of a spatial op of `n` spatial dims: strides, dilations, pads before and
/// after (all checked: strides and dilations positive, pads non-negative).
pub struct Win {
    /// Strides.
    pub s: Vec<i64>,
    /// Dilations.
    pub d: Vec<i64>,
    /// Pads before.
    pub lo: Vec<i64>,
    /// Pads after.
    pub hi: Vec<i64>,
}

/// An `i64` array attribute of length `n`, `default` everywhere when absent.
fn ints_n(a: &Attrs<'_>, name: &str, n: usize, default: i64) -> Option<Vec<i64>> {
    match a.ints(name).ok()? {
        None => Some(vec![default; n]),
        Some(v) if v.len() == n => Some(v),
        _ => None,
    }
}

/// The window attributes of an op with `n` spatial dims; `None` for `auto_pad` other
/// than `NOTSET` or out-of-range values.
pub fn window(a: &Attrs<'_>, n: usize) -> Option<Win> {
    a.choice("auto_pad", "NOTSET", &["NOTSET"]).ok()?;
    let s = ints_n(a, "strides", n, 1)?;
    let d = ints_n(a, "dilations", n, 1)?;
    let p = ints_n(a, "pads", 2 * n, 0)?;
    if s.iter().chain(&d).any(|&v| v < 1) || p.iter().any(|&v| v < 0) {
        return None;
    }
    Some(Win {
        s,
        d,
        lo: p[..n].to_vec(),
        hi: p[n..].to_vec(),
    })
}

/// `o * s + k * d` for the loop dims `o` and `k`.
pub(crate) fn tap(o: u32, s: i64, k: u32, d: i64) -> AffineExpr {
    add(mul(Dim(o), s), mul(Dim(k), d))
}

/// `[0, 0, v..]`.
pub(crate) fn nc0(v: &[i64]) -> Vec<i64> {
    let mut r = vec![0, 0];
    r.extend_from_slice(v);
    r
}

/// `graph.conv` with `r >= 3` spatial dims (NC + spatial; weights `F x C/g x K..`).
pub fn conv(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let (x, w) = (&shapes[0], &shapes[1]);
    if x.len() < 3 || w.len() != x.len() || out.len() != x.len() {
        return None;
    }
    let r = x.len() - 2;
    let win = window(a, r)?;
    let g = a.i64("group", 1).ok()?;
    let (c, f) = (x[1], w[0]);
    if g < 1 || c % g != 0 || f % g != 0 || w[1] != c / g || out[1] != f || out[0] != x[0] {
        return None;
    }
    for i in 0..r {
        let ext = x[2 + i] + win.lo[i] + win.hi[i] - ((w[2 + i] - 1) * win.d[i] + 1);
        if ext < 0 || ext / win.s[i] + 1 != out[2 + i] {
            return None;
        }
    }
    if let Some(b) = shapes.get(2) {
        if b != &[f] {
            return None;
        }
    }
    let xp = cv.pad(ops[0], x, &nc0(&win.lo), &nc0(&win.hi), 0.0);
    let ps: Vec<i64> = (0..x.len())
        .map(|i| {
            if i < 2 {
                x[i]
            } else {
                x[i] + win.lo[i - 2] + win.hi[i - 2]
            }
        })
        .collect();
    let (cg, fg) = (c / g, f / g);
    let nd = 3 + 2 * r;
    let (cd, k0) = (2 + r as u32, 3 + r as u32);
    let mut xm = vec![Dim(0), Dim(cd)];
    xm.extend((0..r as u32).map(|i| tap(2 + i, win.s[i as usize], k0 + i, win.d[i as usize])));
    let mut wm = vec![Dim(1), Dim(cd)];
    wm.extend((0..r as u32).map(|i| Dim(k0 + i)));
    let om: Vec<AffineExpr> = (0..2 + r as u32).map(Dim).collect();
    let mut iters = vec![Parallel; 2 + r];
    iters.extend(std::iter::repeat_n(Reduction, 1 + r));
    let mut parts = Vec::new();
    for k in 0..g {
        let (xs, ws) = if g == 1 {
            (xp, ops[1])
        } else {
            (
                slice_dim(cv, xp, &ps, 1, k * cg, cg, elem),
                slice_dim(cv, ops[1], w, 0, k * fg, fg, elem),
            )
        };
        let mut o = out.to_vec();
        o[1] = fg;
        let init = cv.filled(0.0, &o, elem);
        parts.push(cv.generic(
            &[xs, ws],
            init,
            vec![
                map(nd, xm.clone()),
                map(nd, wm.clone()),
                map(nd, om.clone()),
            ],
            &iters,
            |sb, v| {
                let m = sb.bin("arith.mulf", v[0], v[1]);
                sb.bin("arith.addf", v[2], m)
            },
        ));
    }
    let ctx = cv.ctx;
    let y = if g == 1 {
        parts[0]
    } else {
        let ty = ctx.tensor_type(out, elem);
        let one = ctx.int_attr(1, ctx.int_type(64));
        cv.v("tensor.concat", &parts, ty, &[("dim", one)])
    };
    let Some(&b) = ops.get(2) else {
        return Some(y);
    };
    let rank = out.len();
    let init = cv.empty(out, elem);
    Some(cv.generic(
        &[y, b],
        init,
        vec![
            AffineMap::identity(rank as u32),
            map(rank, vec![Dim(1)]),
            AffineMap::identity(rank as u32),
        ],
        &vec![Parallel; rank],
        |sb, v| sb.bin("arith.addf", v[0], v[1]),
    ))
}

/// The window reduction of a pooling op: `init` combined (`maximumf` when `max`, else
/// `addf`) with `xp[n, c, o * s + k * d]` over the window `k` (sizes `k`).
pub(crate) fn window_reduce(
    cv: &mut Cv<'_>,
    max: bool,
    xp: Value,
    init: Value,
    k: &[i64],
    w: &Win,
    elem: Type,
) -> Value {
    let r = k.len();
    let nd = 2 + 2 * r;
    let k0 = 2 + r as u32;
    let mut xm = vec![Dim(0), Dim(1)];
    xm.extend((0..r as u32).map(|i| tap(2 + i, w.s[i as usize], k0 + i, w.d[i as usize])));
    let km: Vec<AffineExpr> = (0..r as u32).map(|i| Dim(k0 + i)).collect();
    let om: Vec<AffineExpr> = (0..2 + r as u32).map(Dim).collect();
    let mut iters = vec![Parallel; 2 + r];
    iters.extend(std::iter::repeat_n(Reduction, r));
    let win = cv.empty(k, elem);
    cv.generic(
        &[xp, win],
        init,
        vec![map(nd, xm), map(nd, km), map(nd, om)],
        &iters,
        |sb, v| {
            if max {
                sb.bin("arith.maximumf", v[2], v[0])
            } else {
                sb.bin("arith.addf", v[2], v[0])
            }
        },
    )
}

/// The window of a pooling op from `shape` to `out` (NC + spatial): the kernel, the
/// window attributes, and the padding each spatial dim needs at its end beyond the pads so
/// that every window (`ceil_mode`) lies in the padded input.
pub fn pool_geometry(
    shape: &[i64],
    out: &[i64],
    a: &Attrs<'_>,
) -> Option<(Vec<i64>, Win, Vec<i64>)> {
    if shape.len() < 3 || out.len() != shape.len() || out[..2] != shape[..2] {
        return None;
    }
    let r = shape.len() - 2;
    let k = a.ints("kernel_shape").ok()??;
    let w = window(a, r)?;
    let ceil = a.i64("ceil_mode", 0).ok()? != 0;
    if k.len() != r {
        return None;
    }
    let mut extra = vec![0i64; r];
    for i in 0..r {
        if k[i] < 1 {
            return None;
        }
        let span = (k[i] - 1) * w.d[i] + 1;
        let ext = shape[2 + i] + w.lo[i] + w.hi[i] - span;
        if ext < 0 {
            return None;
        }
        let s = w.s[i];
        let mut n = if ceil {
            (ext + s - 1) / s + 1
        } else {
            ext / s + 1
        };
        // ONNX drops a last window that would start in the end padding.
        if ceil && (n - 1) * s >= shape[2 + i] + w.lo[i] {
            n -= 1;
        }
        if n != out[2 + i] {
            return None;
        }
        let need = (n - 1) * s + span;
        extra[i] = (need - (shape[2 + i] + w.lo[i] + w.hi[i])).max(0);
    }
    Some((k, w, extra))
}

/// `graph.max_pool` / `graph.average_pool` with `r >= 3` spatial dims (pads, dilations,
/// `ceil_mode`, `count_include_pad`), as [`crate::nn::pool`] does in 2-D.
pub fn pool(
    cv: &mut Cv<'_>,
    max: bool,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let (k, w, extra) = pool_geometry(shape, out, a)?;
    let r = k.len();
    let include = a.i64("count_include_pad", 0).ok()? != 0;
    let lo = nc0(&w.lo);
    let hi_sp: Vec<i64> = (0..r).map(|i| w.hi[i] + extra[i]).collect();
    let hi = nc0(&hi_sp);
    if max {
        let xp = cv.pad(x, shape, &lo, &hi, f64::NEG_INFINITY);
        let init = cv.filled(f64::NEG_INFINITY, out, elem);
        return Some(window_reduce(cv, true, xp, init, &k, &w, elem));
    }
    let xp = cv.pad(x, shape, &lo, &hi, 0.0);
    let init = cv.filled(0.0, out, elem);
    let sum = window_reduce(cv, false, xp, init, &k, &w, elem);
    // The divisor: the same window sum over ones where elements count.
    let (ones_shape, olo, ohi) = if include {
        let mut s = vec![1, 1];
        s.extend((0..r).map(|i| shape[2 + i] + w.lo[i] + w.hi[i]));
        (s, vec![0; r + 2], nc0(&extra))
    } else {
        let mut s = vec![1, 1];
        s.extend_from_slice(&shape[2..]);
        (s, lo, hi)
    };
    let ones = cv.filled(1.0, &ones_shape, elem);
    let onesp = cv.pad(ones, &ones_shape, &olo, &ohi, 0.0);
    let mut cshape = vec![1, 1];
    cshape.extend_from_slice(&out[2..]);
    let cinit = cv.filled(0.0, &cshape, elem);
    let count = window_reduce(cv, false, onesp, cinit, &k, &w, elem);
    let rank = out.len();
    let mut cm = vec![Const(0), Const(0)];
    cm.extend((2..rank as u32).map(Dim));
    let oinit = cv.empty(out, elem);
    Some(cv.generic(
        &[sum, count],
        oinit,
        vec![
            AffineMap::identity(rank as u32),
            map(rank, cm),
            AffineMap::identity(rank as u32),
        ],
        &vec![Parallel; rank],
        |sb, v| sb.bin("arith.divf", v[0], v[1]),
    ))
}

/// `graph.conv_transpose` of any spatial rank (see the module docs).
pub fn conv_transpose(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let (x, w) = (&shapes[0], &shapes[1]);
    if x.len() < 3 || w.len() != x.len() || out.len() != x.len() || a.has("output_shape") {
        return None;
    }
    let r = x.len() - 2;
    let win = window(a, r)?;
    let g = a.i64("group", 1).ok()?;
    let op = ints_n(a, "output_padding", r, 0)?;
    let c = x[1];
    if g < 1 || c % g != 0 || w[0] != c || op.iter().any(|&p| p < 0) {
        return None;
    }
    let (cg, mg) = (c / g, w[1]);
    let m = mg * g;
    if out[0] != x[0] || out[1] != m {
        return None;
    }
    if let Some(b) = shapes.get(2) {
        if b != &[m] {
            return None;
        }
    }
    let ctx = cv.ctx;
    let mut spread = x[..2].to_vec();
    let (mut plo, mut phi) = (Vec::new(), Vec::new());
    for i in 0..r {
        let keff = (w[2 + i] - 1) * win.d[i] + 1;
        let o = win.s[i] * (x[2 + i] - 1) + op[i] + keff - win.lo[i] - win.hi[i];
        if o != out[2 + i] {
            return None;
        }
        spread.push((x[2 + i] - 1) * win.s[i] + 1);
        plo.push(keff - 1 - win.lo[i]);
        phi.push(keff - 1 - win.hi[i] + op[i]);
    }
    // The input spread out by the strides.
    let xd = if win.s.iter().all(|&s| s == 1) {
        ops[0]
    } else {
        let zeros = cv.filled(0.0, &spread, elem);
        let ty = ctx.tensor_type(&spread, elem);
        let mut st = vec![1, 1];
        st.extend_from_slice(&win.s);
        cv.v(
            "tensor.insert_slice",
            &[ops[0], zeros],
            ty,
            &[
                ("operandSegmentSizes", i32_array_attr(ctx, &[1, 1, 0, 0, 0])),
                ("static_offsets", t_i64s(ctx, &vec![0; x.len()])),
                ("static_sizes", t_i64s(ctx, x)),
                ("static_strides", t_i64s(ctx, &st)),
            ],
        )
    };
    // Negative pads: the convolution computes the positions they cut off too, and the
    // result is sliced.
    let mut big = out.to_vec();
    let mut offs = vec![0; x.len()];
    for i in 0..r {
        offs[2 + i] = (-plo[i]).max(0);
        big[2 + i] += (-plo[i]).max(0) + (-phi[i]).max(0);
    }
    // The kernel flipped, channels swapped per group: `wc[f, c, k] = w[c, f, K - 1 - k]`.
    let rank = x.len();
    let mut fm = vec![Dim(1), Dim(0)];
    fm.extend((0..r).map(|i| add(Const(w[2 + i] - 1), mul(Dim(2 + i as u32), -1))));
    let mut parts = Vec::new();
    for k in 0..g {
        let ws = if g == 1 {
            ops[1]
        } else {
            slice_dim(cv, ops[1], w, 0, k * cg, cg, elem)
        };
        let mut ps = vec![mg, cg];
        ps.extend_from_slice(&w[2..]);
        let init = cv.empty(&ps, elem);
        parts.push(cv.generic(
            &[ws],
            init,
            vec![map(rank, fm.clone()), AffineMap::identity(rank as u32)],
            &vec![Parallel; rank],
            |_, v| v[0],
        ));
    }
    let mut wcs = vec![m, cg];
    wcs.extend_from_slice(&w[2..]);
    let wc = if g == 1 {
        parts[0]
    } else {
        let ty = ctx.tensor_type(&wcs, elem);
        let zero = ctx.int_attr(0, ctx.int_type(64));
        cv.v("tensor.concat", &parts, ty, &[("dim", zero)])
    };
    let pads: Vec<i64> = plo.iter().chain(&phi).map(|&p| p.max(0)).collect();
    let props = ctx.dict_attr(&[
        ("dilations", i64_array_attr(ctx, &win.d)),
        ("group", ctx.int_attr(i128::from(g), ctx.int_type(64))),
        ("pads", i64_array_attr(ctx, &pads)),
        ("strides", i64_array_attr(ctx, &vec![1; r])),
    ]);
    let mut cops = vec![xd, wc];
    let mut cshapes = vec![spread, wcs];
    if let Some(&b) = ops.get(2) {
        cops.push(b);
        cshapes.push(vec![m]);
    }
    let y = conv_any(cv, &cops, &cshapes, &big, elem, props)?;
    if big == out {
        return Some(y);
    }
    let ty = ctx.tensor_type(out, elem);
    Some(cv.v(
        "tensor.extract_slice",
        &[y],
        ty,
        &[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
            ("static_offsets", t_i64s(ctx, &offs)),
            ("static_sizes", t_i64s(ctx, out)),
            ("static_strides", t_i64s(ctx, &vec![1; out.len()])),
        ],
    ))
}

/// `graph.conv` of any spatial rank through the lowering for its rank.
fn conv_any(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    props: Attribute,
) -> Option<Value> {
    let attrs = Attrs::new(cv.ctx, props);
    match out.len() {
        3 => crate::spatial::conv1d(cv, ops, shapes, out, elem, props),
        4 => crate::nn::conv(cv, ops, shapes, out, elem, &attrs),
        _ => conv(cv, ops, shapes, out, elem, &attrs),
    }
}
