//! `graph.resize`: the scales, sizes and crop box are attributes, so every output
//! position's source indices and weights are known at compile time. They are computed here
//! exactly as the interpreter computes them (`crates/interp/src/ops/graph/resize.rs`, after
//! ONNX's reference) and enter the tensor level as constant tables read through affine maps;
//! a data element is picked from its axis by a reduction over that axis that keeps the
//! element whose position (an iota constant) equals the table's index, as the gather
//! lowering of [`crate::index`] does.
//!
//! * Nearest without a crop box or `exclude_outside` (a gather, exact for every element
//!   type): per resized axis, `acc = idx[o] == k ? x[.., k, ..] : acc` over the input
//!   positions `k`; a table that is an affine form of the output position `o` (a prefix
//!   `o`, an integer upsampling `(o + b) floordiv f`, an integer downsampling `o * f + b`)
//!   is a plain copy through that map instead.
//! * Every other form (floats `f32`/`f64`): the input is widened to `f64`; each resized axis
//!   is a generic over `(out.., t, k)` (tap `t`, input position `k`) with
//!   `acc = idx[o, t] == k ? acc + w[o, t] * x[.., k, ..] : acc`, so each output element is
//!   `0 + w0 * x0 + w1 * x1 + ..` in tap order, as in the interpreter; the init holds the
//!   extrapolation value at positions outside a `tf_crop_and_resize` box (whose taps hold
//!   the index -1, matching nothing). The result is rounded once to the element type.
//!
//! Identity axes (scale 1, same length, full crop box) are skipped, as in the interpreter.

use crate::build::cmpi::EQ;
use crate::build::{elem_of, float_kind, is_float, map, signless_width, Cv};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_graph::dense::{dense_attr, Values};
use strata_dialect_graph::resize_taps::{taps, Axis, Kernel};
use strata_dialect_tensor::structured::{add, mul};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::{AffineExpr, AffineMap};
use strata_ir::{FloatKind, Type, Value};

/// The largest table (entries of one axis's index or weight constant) built.
const MAX_TABLE: usize = 1 << 22;

/// A constant tensor of `shape` and element `elem` holding `v`.
fn constant(cv: &mut Cv<'_>, shape: &[i64], elem: Type, v: Values) -> Option<Value> {
    let ty = cv.ctx.tensor_type(shape, elem);
    let a = dense_attr(cv.ctx, ty, &v)?;
    Some(cv.v("arith.constant", &[], ty, &[("value", a)]))
}

/// The map of the data operand of an axis step: `(out.., extra..) -> (out.. with axis
/// `ax` read at loop `k`)`.
fn data_map(nd: usize, r: usize, ax: usize, k: u32) -> AffineMap {
    let m: Vec<AffineExpr> = (0..r)
        .map(|i| if i == ax { Dim(k) } else { Dim(i as u32) })
        .collect();
    map(nd, m)
}

/// The index table of a nearest axis as an affine expression of the output position `o`
/// (loop `d`): `o` (a prefix: a slice), `(o + b) floordiv f`
/// (upsampling by an integer factor) or `o * f + b` (downsampling by one); `None` for any
/// other table.
fn affine_index(idx: &[i128], d: u32) -> Option<AffineExpr> {
    let at = |o: usize| i128::try_from(o).ok();
    if idx.iter().enumerate().all(|(o, &i)| at(o) == Some(i)) {
        return Some(Dim(d));
    }
    for f in 2..=16i128 {
        for b in 0..f {
            if idx
                .iter()
                .enumerate()
                .all(|(o, &i)| at(o).map(|o| (o + b) / f) == Some(i))
            {
                let e = AffineExpr::FloorDiv(
                    Box::new(add(Dim(d), Const(b as i64))),
                    Box::new(Const(f as i64)),
                );
                return Some(e);
            }
        }
        let b = idx.first()?;
        if idx
            .iter()
            .enumerate()
            .all(|(o, &i)| at(o).map(|o| o * f + b) == Some(i))
        {
            return Some(add(mul(Dim(d), f as i64), Const(*b as i64)));
        }
    }
    None
}

/// `graph.resize` (see the module docs).
pub fn resize(
    cv: &mut Cv<'_>,
    x: Value,
    shape: &[i64],
    out: &[i64],
    a: &Attrs<'_>,
) -> Option<Value> {
    let ctx = cv.ctx;
    let elem = elem_of(ctx, cv.body.value_type(x));
    let r = shape.len();
    if r == 0 || out.len() != r {
        return None;
    }
    const CTMS: &[&str] = &[
        "half_pixel",
        "half_pixel_symmetric",
        "pytorch_half_pixel",
        "align_corners",
        "asymmetric",
        "tf_crop_and_resize",
    ];
    let mode = a
        .choice("mode", "nearest", &["nearest", "linear", "cubic"])
        .ok()?;
    let ctm = a
        .choice("coordinate_transformation_mode", "half_pixel", CTMS)
        .ok()?;
    let nearest = a
        .choice(
            "nearest_mode",
            "round_prefer_floor",
            &["round_prefer_floor", "round_prefer_ceil", "floor", "ceil"],
        )
        .ok()?;
    let antialias = a.i64("antialias", 0).ok()? != 0;
    let exclude_outside = a.i64("exclude_outside", 0).ok()? != 0;
    let extrapolation = a.f64("extrapolation_value", 0.0).ok()?;
    let roi = a.floats("roi").ok()?;
    if roi.as_ref().is_some_and(|v| v.len() != 2 * r) {
        return None;
    }
    let scales: Vec<f64> = match (a.floats("scales").ok()?, a.ints("sizes").ok()?) {
        (Some(s), _) if s.len() == r && s.iter().all(|&v| v > 0.0) => s,
        (None, Some(sz)) if sz.len() == r => sz
            .iter()
            .zip(shape)
            .map(|(&o, &i)| o as f64 / i as f64)
            .collect(),
        _ => return None,
    };
    let kernel = match mode {
        "nearest" => Kernel::Nearest(nearest),
        "linear" => Kernel::Linear { antialias },
        _ => Kernel::Cubic {
            a: a.f64("cubic_coeff_a", -0.75).ok()?,
            antialias,
        },
    };
    let axes: Vec<Axis<'_>> = (0..r)
        .map(|d| Axis {
            ctm,
            len: shape[d] as usize,
            out: out[d] as usize,
            scale: scales[d],
            roi: roi.as_ref().map(|v| (v[d], v[d + r])),
        })
        .collect();
    let gather =
        matches!(kernel, Kernel::Nearest(_)) && ctm != "tf_crop_and_resize" && !exclude_outside;
    let i64t = ctx.int_type(64);
    if gather {
        if !(is_float(ctx, elem) || signless_width(ctx, elem).is_some()) {
            return None;
        }
        // Every table first, so that nothing is built for an op that does not convert.
        let mut tables = Vec::new();
        for (d, ax) in axes.iter().enumerate() {
            if ax.identity() {
                continue;
            }
            let idx: Vec<i128> = taps(ax, &kernel, false)
                .ok()?
                .into_iter()
                .map(|t| {
                    t.and_then(|ws| ws.into_iter().find(|&(_, w)| w == 1.0))
                        .map_or(0, |(i, _)| i128::from(i))
                })
                .collect();
            tables.push((d, idx));
        }
        let mut cur = x;
        let mut cs = shape.to_vec();
        for (d, idx) in tables {
            if let Some(e) = affine_index(&idx, d as u32) {
                // A copy reading the input through the index's affine form.
                let src = cs.clone();
                cs[d] = out[d];
                let m: Vec<AffineExpr> = (0..r)
                    .map(|i| if i == d { e.clone() } else { Dim(i as u32) })
                    .collect();
                cur = match e {
                    Dim(_) => crate::nn::slice_dim(cv, cur, &src, d, 0, out[d], elem),
                    _ => {
                        let init = cv.empty(&cs, elem);
                        cv.generic(
                            &[cur],
                            init,
                            vec![map(r, m), AffineMap::identity(r as u32)],
                            &vec![Parallel; r],
                            |_, v| v[0],
                        )
                    }
                };
                continue;
            }
            cs[d] = out[d];
            let tbl = constant(cv, &[out[d]], i64t, Values::Int(idx))?;
            let io = constant(
                cv,
                &[shape[d]],
                i64t,
                Values::Int((0..i128::from(shape[d])).collect()),
            )?;
            let init = if is_float(ctx, elem) {
                cv.filled(0.0, &cs, elem)
            } else {
                cv.filled_int(0, &cs, elem)
            };
            let nd = r + 1;
            let k = r as u32;
            let mut iters = vec![Parallel; r];
            iters.push(Reduction);
            cur = cv.generic(
                &[cur, tbl, io],
                init,
                vec![
                    data_map(nd, r, d, k),
                    map(nd, vec![Dim(d as u32)]),
                    map(nd, vec![Dim(k)]),
                    map(nd, (0..r as u32).map(Dim).collect()),
                ],
                &iters,
                |sb, v| {
                    let hit = sb.cmp("arith.cmpi", EQ, v[1], v[2]);
                    sb.op("arith.select", &[hit, v[0], v[3]], elem, &[])
                },
            );
        }
        return Some(cur);
    }
    let kind = float_kind(ctx, elem)?;
    if !matches!(kind, FloatKind::F32 | FloatKind::F64) {
        return None;
    }
    let f64t = ctx.float_type(FloatKind::F64);
    // The tables of each resized axis: indices, weights and the init's values.
    let mut steps = Vec::new();
    for (d, ax) in axes.iter().enumerate() {
        if ax.identity() {
            continue;
        }
        let width = kernel.width(ax.scale);
        if !(1.0..=(1u64 << 20) as f64).contains(&width) {
            return None;
        }
        let width = width as usize;
        if ax.out.checked_mul(width)? > MAX_TABLE || ax.len > MAX_TABLE {
            return None;
        }
        let ts = taps(ax, &kernel, exclude_outside).ok()?;
        let (mut idx, mut wts, mut base) = (Vec::new(), Vec::new(), Vec::new());
        for t in ts {
            match t {
                Some(ws) if ws.len() == width => {
                    idx.extend(ws.iter().map(|&(i, _)| i128::from(i)));
                    wts.extend(ws.iter().map(|&(_, w)| w));
                    base.push(0.0);
                }
                Some(_) => return None,
                None => {
                    idx.extend(std::iter::repeat_n(-1, width));
                    wts.extend(std::iter::repeat_n(0.0, width));
                    base.push(extrapolation);
                }
            }
        }
        steps.push((d, width as i64, idx, wts, base));
    }
    let mut cur = if kind == FloatKind::F64 {
        x
    } else {
        cv.elementwise(&[x], shape, f64t, |sb, v| {
            sb.op("arith.extf", &[v[0]], f64t, &[])
        })
    };
    let mut cs = shape.to_vec();
    for (d, width, idx, wts, base) in steps {
        cs[d] = out[d];
        let it = constant(cv, &[out[d], width], i64t, Values::Int(idx))?;
        let wt = constant(cv, &[out[d], width], f64t, Values::Float(wts))?;
        let bt = constant(cv, &[out[d]], f64t, Values::Float(base))?;
        let io = constant(
            cv,
            &[shape[d]],
            i64t,
            Values::Int((0..i128::from(shape[d])).collect()),
        )?;
        let e = cv.empty(&cs, f64t);
        let id = AffineMap::identity(r as u32);
        let init = cv.generic(
            &[bt],
            e,
            vec![map(r, vec![Dim(d as u32)]), id],
            &vec![Parallel; r],
            |_, v| v[0],
        );
        let nd = r + 2;
        let (t, k) = (r as u32, r as u32 + 1);
        let mut iters = vec![Parallel; r];
        iters.extend([Reduction, Reduction]);
        let tm = map(nd, vec![Dim(d as u32), Dim(t)]);
        cur = cv.generic(
            &[cur, it, wt, io],
            init,
            vec![
                data_map(nd, r, d, k),
                tm.clone(),
                tm,
                map(nd, vec![Dim(k)]),
                map(nd, (0..r as u32).map(Dim).collect()),
            ],
            &iters,
            |sb, v| {
                let hit = sb.cmp("arith.cmpi", EQ, v[1], v[3]);
                let p = sb.bin("arith.mulf", v[2], v[0]);
                let s = sb.bin("arith.addf", v[4], p);
                sb.op("arith.select", &[hit, s, v[4]], f64t, &[])
            },
        );
    }
    if kind == FloatKind::F64 {
        return Some(cur);
    }
    Some(cv.elementwise(&[cur], out, elem, |sb, v| {
        sb.op("arith.truncf", &[v[0]], elem, &[])
    }))
}
