//! Lowerings of the neural-network ops: `conv` (NCHW, groups, strides, dilations, pads via
//! `tensor.pad`, bias), `max_pool` (also on signless integers, padded with the signed
//! minimum) and `average_pool` (pads, dilations, `ceil_mode`,
//! `count_include_pad` through a divisor computed by the same window sum over a tensor of
//! ones), the global poolings, `batch_norm` (inference), `layer_norm`, `instance_norm`,
//! `lrn` and constant-mode `pad`.

use crate::build::{broadcast_map, map, Cv};
use strata_dialect_graph::attr::Attrs;
use strata_dialect_tensor::util::{i32_array_attr, i64_array_attr};
use strata_dialect_tensor::IteratorType::{Parallel, Reduction};
use strata_ir::affine::AffineExpr::{Const, Dim};
use strata_ir::affine::AffineMap;
use strata_ir::{InsertPoint, OperationState, Type, Value};

impl Cv<'_> {
    /// `tensor.pad` of `x` (static `shape`) by `lo`/`hi` with the constant `value`.
    pub fn pad(&mut self, x: Value, shape: &[i64], lo: &[i64], hi: &[i64], value: f64) -> Value {
        if lo.iter().chain(hi).all(|&p| p == 0) {
            return x;
        }
        let ctx = self.ctx;
        let elem = crate::build::elem_of(ctx, self.body.value_type(x));
        let out: Vec<i64> = (0..shape.len()).map(|i| shape[i] + lo[i] + hi[i]).collect();
        let mut st = OperationState::new(ctx, ctx.op_name("tensor.pad"), self.loc);
        st.operands = vec![x];
        st.result_types = vec![ctx.tensor_type(&out, elem)];
        st.props = Some(ctx.dict_attr(&[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0])),
            ("static_high", i64_array_attr(ctx, hi)),
            ("static_low", i64_array_attr(ctx, lo)),
        ]));
        let region = st.add_region(self.body);
        let block = self.body.create_block();
        self.body.append_block(region, block);
        for _ in 0..shape.len() {
            self.body.add_block_arg(block, ctx.index_type());
        }
        let mut sb = crate::build::Sb {
            ctx,
            body: self.body,
            block,
            loc: self.loc,
        };
        let c = sb.cst(value, elem);
        let mut yst = OperationState::new(ctx, ctx.op_name("tensor.yield"), self.loc);
        yst.operands = vec![c];
        let y = self.body.create_op(yst);
        self.body.insert_op(y, InsertPoint::End(block));
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(self.before));
        self.body.result(op, 0)
    }
}

fn pair(a: &Attrs<'_>, name: &str, default: i64) -> Option<[i64; 2]> {
    match a.ints(name).ok()? {
        None => Some([default; 2]),
        Some(v) if v.len() == 2 => Some([v[0], v[1]]),
        _ => None,
    }
}

fn pads4(a: &Attrs<'_>) -> Option<[i64; 4]> {
    match a.ints("pads").ok()? {
        None => Some([0; 4]),
        Some(v) if v.len() == 4 && v.iter().all(|&p| p >= 0) => Some([v[0], v[1], v[2], v[3]]),
        _ => None,
    }
}

/// `graph.conv` on rank-4 NCHW tensors.
pub fn conv(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let (x, w) = (&shapes[0], &shapes[1]);
    if x.len() != 4 || w.len() != 4 || out.len() != 4 {
        return None;
    }
    let g = a.i64("group", 1).ok()?;
    let s = pair(a, "strides", 1)?;
    let d = pair(a, "dilations", 1)?;
    let p = pads4(a)?;
    let (c, f) = (x[1], w[0]);
    if g < 1 || c % g != 0 || f % g != 0 || w[1] != c / g || out[1] != f {
        return None;
    }
    for i in 0..2 {
        let ext = x[2 + i] + p[i] + p[2 + i] - ((w[2 + i] - 1) * d[i] + 1);
        if ext < 0 || ext / s[i] + 1 != out[2 + i] {
            return None;
        }
    }
    if let Some(b) = shapes.get(2) {
        if b != &[f] {
            return None;
        }
    }
    let ctx = cv.ctx;
    let xp = cv.pad(ops[0], x, &[0, 0, p[0], p[1]], &[0, 0, p[2], p[3]], 0.0);
    let ps = vec![x[0], c, x[2] + p[0] + p[2], x[3] + p[1] + p[3]];
    let props = [
        ("dilations", i64_array_attr(ctx, &d)),
        ("strides", i64_array_attr(ctx, &s)),
    ];
    let conv_of = |cv: &mut Cv<'_>, xv: Value, wv: Value, fo: i64, depthwise: bool| -> Value {
        let o = [out[0], fo, out[2], out[3]];
        let init = cv.filled(0.0, &o, elem);
        let ty = cv.ctx.tensor_type(&o, elem);
        let name = if depthwise {
            "tensor.depthwise_conv2d_nchw"
        } else {
            "tensor.conv2d_nchw_fchw"
        };
        cv.v(name, &[xv, wv, init], ty, &props)
    };
    let y = if g == 1 {
        conv_of(cv, xp, ops[1], f, false)
    } else if g == c && f == c {
        let wt = ctx.tensor_type(&[c, w[2], w[3]], elem);
        let i64t = ctx.int_type(64);
        let grp = |v: &[i64]| {
            let items: Vec<_> = v.iter().map(|&k| ctx.int_attr(k as i128, i64t)).collect();
            ctx.array_attr(&items)
        };
        let r = ctx.array_attr(&[grp(&[0, 1]), grp(&[2]), grp(&[3])]);
        let wc = cv.v(
            "tensor.collapse_shape",
            &[ops[1]],
            wt,
            &[("reassociation", r)],
        );
        conv_of(cv, xp, wc, f, true)
    } else {
        let (cg, fg) = (c / g, f / g);
        let mut parts = Vec::new();
        for k in 0..g {
            let xs = slice_dim(cv, xp, &ps, 1, k * cg, cg, elem);
            let ws = slice_dim(cv, ops[1], w, 0, k * fg, fg, elem);
            parts.push(conv_of(cv, xs, ws, fg, false));
        }
        let ty = ctx.tensor_type(out, elem);
        let one = ctx.int_attr(1, ctx.int_type(64));
        cv.v("tensor.concat", &parts, ty, &[("dim", one)])
    };
    let Some(&b) = ops.get(2) else {
        return Some(y);
    };
    let init = cv.empty(out, elem);
    Some(cv.generic(
        &[y, b],
        init,
        vec![
            AffineMap::identity(4),
            map(4, vec![Dim(1)]),
            AffineMap::identity(4),
        ],
        &[Parallel; 4],
        |sb, v| sb.bin("arith.addf", v[0], v[1]),
    ))
}

/// `tensor.extract_slice` of `n` entries of dim `dim` from `start`.
pub(crate) fn slice_dim(
    cv: &mut Cv<'_>,
    x: Value,
    shape: &[i64],
    dim: usize,
    start: i64,
    n: i64,
    elem: Type,
) -> Value {
    let ctx = cv.ctx;
    let mut offs = vec![0; shape.len()];
    offs[dim] = start;
    let mut sizes = shape.to_vec();
    sizes[dim] = n;
    let ty = ctx.tensor_type(&sizes, elem);
    cv.v(
        "tensor.extract_slice",
        &[x],
        ty,
        &[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
            ("static_offsets", i64_array_attr(ctx, &offs)),
            ("static_sizes", i64_array_attr(ctx, &sizes)),
            ("static_strides", i64_array_attr(ctx, &vec![1; shape.len()])),
        ],
    )
}

/// `graph.max_pool` / `graph.average_pool` on rank-4 NCHW tensors.
pub fn pool(
    cv: &mut Cv<'_>,
    max: bool,
    x: Value,
    shape: &[i64],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    if shape.len() != 4 || out.len() != 4 || out[..2] != shape[..2] {
        return None;
    }
    let k = pair(a, "kernel_shape", 0)?;
    let s = pair(a, "strides", 1)?;
    let d = pair(a, "dilations", 1)?;
    let p = pads4(a)?;
    let ceil = a.i64("ceil_mode", 0).ok()? != 0;
    let include = a.i64("count_include_pad", 0).ok()? != 0;
    let mut extra = [0i64; 2];
    for i in 0..2 {
        if k[i] < 1 {
            return None;
        }
        let span = (k[i] - 1) * d[i] + 1;
        let ext = shape[2 + i] + p[i] + p[2 + i] - span;
        if ext < 0 {
            return None;
        }
        let mut n = if ceil {
            (ext + s[i] - 1) / s[i] + 1
        } else {
            ext / s[i] + 1
        };
        // ONNX drops a last window that would start in the end padding.
        if ceil && (n - 1) * s[i] >= shape[2 + i] + p[i] {
            n -= 1;
        }
        if n != out[2 + i] {
            return None;
        }
        let need = (n - 1) * s[i] + span;
        extra[i] = (need - (shape[2 + i] + p[i] + p[2 + i])).max(0);
    }
    let ctx = cv.ctx;
    let lo = [0, 0, p[0], p[1]];
    let hi = [0, 0, p[2] + extra[0], p[3] + extra[1]];
    let props = [
        ("dilations", i64_array_attr(ctx, &d)),
        ("strides", i64_array_attr(ctx, &s)),
    ];
    let ty = ctx.tensor_type(out, elem);
    if max {
        // The lowest value: `-inf`, or the signed minimum of an integer type (exact in
        // `f64`; `tensor.pool_nchw_max` takes `arith.maxsi` on integers).
        let lowest = match crate::build::signless_width(ctx, elem) {
            Some(w) => -(2f64.powi(w as i32 - 1)),
            None => f64::NEG_INFINITY,
        };
        let xp = cv.pad(x, shape, &lo, &hi, lowest);
        let win = cv.empty(&k, elem);
        let init = cv.filled(lowest, out, elem);
        return Some(cv.v("tensor.pool_nchw_max", &[xp, win, init], ty, &props));
    }
    let xp = cv.pad(x, shape, &lo, &hi, 0.0);
    let win = cv.empty(&k, elem);
    let init = cv.filled(0.0, out, elem);
    let sum = cv.v("tensor.pool_nchw_sum", &[xp, win, init], ty, &props);
    // The divisor of each output position: the same window sum over ones where elements
    // count (the input, and the pads when `count_include_pad`), zeros elsewhere.
    let (ones_shape, olo, ohi) = if include {
        (
            vec![1, 1, shape[2] + p[0] + p[2], shape[3] + p[1] + p[3]],
            [0; 4],
            [0, 0, extra[0], extra[1]],
        )
    } else {
        (vec![1, 1, shape[2], shape[3]], lo, hi)
    };
    let ones = cv.filled(1.0, &ones_shape, elem);
    let onesp = cv.pad(ones, &ones_shape, &olo, &ohi, 0.0);
    let win2 = cv.empty(&k, elem);
    let cshape = [1, 1, out[2], out[3]];
    let cinit = cv.filled(0.0, &cshape, elem);
    let cty = ctx.tensor_type(&cshape, elem);
    let count = cv.v("tensor.pool_nchw_sum", &[onesp, win2, cinit], cty, &props);
    let oinit = cv.empty(out, elem);
    Some(cv.generic(
        &[sum, count],
        oinit,
        vec![
            AffineMap::identity(4),
            map(4, vec![Const(0), Const(0), Dim(2), Dim(3)]),
            AffineMap::identity(4),
        ],
        &[Parallel; 4],
        |sb, v| sb.bin("arith.divf", v[0], v[1]),
    ))
}

/// `graph.batch_norm` in inference mode: `(x - mean) * scale / sqrt(var + eps) + bias`
/// with the per-channel vectors read along dim 1.
pub fn batch_norm(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let r = out.len();
    if ops.len() != 5 || r < 2 || shapes[0] != out || shapes[1..].iter().any(|s| s != &[out[1]]) {
        return None;
    }
    if a.i64("training_mode", 0).ok()? != 0 {
        return None;
    }
    let eps = a.f64("epsilon", 1e-5f32 as f64).ok()?;
    let ch = map(r, vec![Dim(1)]);
    let mut maps = vec![AffineMap::identity(r as u32)];
    maps.extend(std::iter::repeat_n(ch, 4));
    maps.push(AffineMap::identity(r as u32));
    let init = cv.empty(out, elem);
    Some(cv.generic(ops, init, maps, &vec![Parallel; r], |sb, v| {
        let e = sb.cst(eps, elem);
        let ve = sb.bin("arith.addf", v[4], e);
        let sd = sb.un("math.sqrt", ve);
        let k = sb.bin("arith.divf", v[1], sd);
        let xc = sb.bin("arith.subf", v[0], v[3]);
        let y = sb.bin("arith.mulf", xc, k);
        sb.bin("arith.addf", y, v[2])
    }))
}

/// `graph.pad` in constant mode with non-negative pads.
pub fn pad(cv: &mut Cv<'_>, x: Value, shape: &[i64], out: &[i64], a: &Attrs<'_>) -> Option<Value> {
    let r = shape.len();
    let pads = a.ints("pads").ok()??;
    if pads.len() != 2 * r || pads.iter().any(|&p| p < 0) {
        return None;
    }
    if a.has("mode") && a.choice("mode", "constant", &["constant"]).ok()? != "constant" {
        return None;
    }
    let value = a.f64("constant_value", 0.0).ok()?;
    let (lo, hi) = pads.split_at(r);
    if (0..r).any(|i| shape[i] + lo[i] + hi[i] != out[i]) {
        return None;
    }
    Some(cv.pad(x, shape, lo, hi, value))
}

/// `graph.layer_norm` over the dims from `axis` on, with scale and bias broadcast over
/// the normalised dims.
pub fn layer_norm(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let r = out.len();
    let axis = a.i64("axis", -1).ok()?;
    let ax = if axis < 0 { axis + r as i64 } else { axis };
    if !(0..r as i64).contains(&ax) || shapes[0] != out {
        return None;
    }
    let ax = ax as usize;
    if shapes[1..].iter().any(|s| s.len() > r - ax) {
        return None;
    }
    let eps = a.f64("epsilon", 1e-5f32 as f64).ok()?;
    let affine: Vec<(Value, AffineMap)> = ops[1..]
        .iter()
        .zip(&shapes[1..])
        .map(|(&v, s)| (v, broadcast_map(s, out)))
        .collect();
    Some(normalize(cv, ops[0], out, elem, ax, eps, &affine))
}

/// `graph.instance_norm`: normalisation over the spatial dims (2..) of each (n, c), with
/// per-channel scale and bias.
pub fn instance_norm(
    cv: &mut Cv<'_>,
    ops: &[Value],
    shapes: &[Vec<i64>],
    out: &[i64],
    elem: Type,
    a: &Attrs<'_>,
) -> Option<Value> {
    let r = out.len();
    if ops.len() != 3 || r < 3 || shapes[0] != out || shapes[1..].iter().any(|s| s != &[out[1]]) {
        return None;
    }
    let eps = a.f64("epsilon", 1e-5f32 as f64).ok()?;
    let ch = map(r, vec![Dim(1)]);
    let affine = [(ops[1], ch.clone()), (ops[2], ch)];
    Some(normalize(cv, ops[0], out, elem, 2, eps, &affine))
}

/// Normalise `x` over its dims from `ax` on: sum, mean, sum of squared deviations (two
/// reductions), then `(x - mean) / sqrt(var + eps)`, times the first of `affine` and plus
/// the second when given (each read through its map).
fn normalize(
    cv: &mut Cv<'_>,
    x: Value,
    out: &[i64],
    elem: Type,
    ax: usize,
    eps: f64,
    affine: &[(Value, AffineMap)],
) -> Value {
    let r = out.len();
    let len: i64 = out[ax..].iter().product();
    let outer = &out[..ax];
    let id = AffineMap::identity(r as u32);
    let om = map(r, (0..ax as u32).map(Dim).collect());
    let iters: Vec<_> = (0..r)
        .map(|i| if i < ax { Parallel } else { Reduction })
        .collect();
    let z = cv.filled(0.0, outer, elem);
    let sum = cv.generic(&[x], z, vec![id.clone(), om.clone()], &iters, |sb, v| {
        sb.bin("arith.addf", v[1], v[0])
    });
    let me = cv.empty(outer, elem);
    let mean = cv.generic(
        &[sum],
        me,
        vec![AffineMap::identity(ax as u32); 2],
        &vec![Parallel; ax],
        |sb, v| {
            let n = sb.cst(len as f64, elem);
            sb.bin("arith.divf", v[0], n)
        },
    );
    let z2 = cv.filled(0.0, outer, elem);
    let ss = cv.generic(
        &[x, mean],
        z2,
        vec![id.clone(), om.clone(), om.clone()],
        &iters,
        |sb, v| {
            let d = sb.bin("arith.subf", v[0], v[1]);
            let d2 = sb.bin("arith.mulf", d, d);
            sb.bin("arith.addf", v[2], d2)
        },
    );
    let mut ins = vec![x, mean, ss];
    let mut maps = vec![id.clone(), om.clone(), om];
    for (v, m) in affine {
        ins.push(*v);
        maps.push(m.clone());
    }
    maps.push(id);
    let n_aff = affine.len();
    let init = cv.empty(out, elem);
    cv.generic(&ins, init, maps, &vec![Parallel; r], |sb, v| {
        let n = sb.cst(len as f64, elem);
        let var = sb.bin("arith.divf", v[2], n);
        let e = sb.cst(eps, elem);
        let ve = sb.bin("arith.addf", var, e);
        let sd = sb.un("math.sqrt", ve);
        let d = sb.bin("arith.subf", v[0], v[1]);
        let mut y = sb.bin("arith.divf", d, sd);
        if n_aff > 0 {
            y = sb.bin("arith.mulf", y, v[3]);
        }
        if n_aff > 1 {
            y = sb.bin("arith.addf", y, v[4]);
        }
        y
    })
}

/// `graph.lrn`: the sum of squares over a window of `size` channels (the channel dim
/// zero-padded by `(size - 1) / 2` before and `size / 2` after; a generic with an extra
/// reduction dim bounded by an empty window tensor), then
/// `x / (bias + alpha / size * sum) ^ beta`.
pub fn lrn(cv: &mut Cv<'_>, x: Value, shape: &[i64], elem: Type, a: &Attrs<'_>) -> Option<Value> {
    let r = shape.len();
    if r < 2 {
        return None;
    }
    let size = a.i64_req("size").ok()?;
    if size < 1 {
        return None;
    }
    let alpha = a.f64("alpha", 1e-4).ok()?;
    let beta = a.f64("beta", 0.75).ok()?;
    let bias = a.f64("bias", 1.0).ok()?;
    let (lo, hi) = ((size - 1) / 2, size / 2);
    let mut plo = vec![0; r];
    let mut phi = vec![0; r];
    plo[1] = lo;
    phi[1] = hi;
    let xp = cv.pad(x, shape, &plo, &phi, 0.0);
    let win = cv.empty(&[size], elem);
    let n = r + 1;
    let k = Dim(r as u32);
    let mut rp: Vec<_> = (0..r as u32).map(Dim).collect();
    rp[1] = strata_dialect_tensor::structured::add(Dim(1), k.clone());
    let mut iters = vec![Parallel; r];
    iters.push(Reduction);
    let z = cv.filled(0.0, shape, elem);
    let sum = cv.generic(
        &[xp, win],
        z,
        vec![
            map(n, rp),
            map(n, vec![k]),
            map(n, (0..r as u32).map(Dim).collect()),
        ],
        &iters,
        |sb, v| {
            let sq = sb.bin("arith.mulf", v[0], v[0]);
            sb.bin("arith.addf", v[2], sq)
        },
    );
    let init = cv.empty(shape, elem);
    let id = AffineMap::identity(r as u32);
    Some(cv.generic(
        &[x, sum],
        init,
        vec![id.clone(), id.clone(), id],
        &vec![Parallel; r],
        |sb, v| {
            let k = sb.cst(alpha / size as f64, elem);
            let b = sb.cst(bias, elem);
            let be = sb.cst(beta, elem);
            let s = sb.bin("arith.mulf", k, v[1]);
            let d = sb.bin("arith.addf", b, s);
            let p = sb.bin("math.powf", d, be);
            sb.bin("arith.divf", v[0], p)
        },
    ))
}
