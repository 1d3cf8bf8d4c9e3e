//! Neural-network graph ops: `conv`, `conv_transpose`, `max_pool`, `average_pool`, the
//! global pools, `matmul` and `gemm`, over any number of spatial dimensions.
//!
//! Convolutions accumulate in `f64` and round once. The inner loop of a convolution is an
//! `axpy` over one output row (`acc[o] += w * x[o * stride + offset]`) whose valid range is
//! computed per kernel position, so padding costs no branch in the inner loop; with stride 1
//! it runs over contiguous memory. Matrix products use the `i-k-j` order (`C[i, :] +=
//! A[i, k] * B[k, :]`), also contiguous.

use super::{
    broadcast_offsets, dims_i64, dims_usize, float_values, from_int_values, int_values, operands,
    Cx,
};
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::ops::{Sem, Table};
use crate::tensor::{shape_str, strides, Tensor};
use strata_dialect_graph::shape::{
    conv_output_dim, conv_transpose_output_dim, matmul_shape, pool_output_dim, Window,
};

pub(crate) fn register(t: &mut Table) {
    let ops: &[(&'static str, crate::ops::ComputeFn)] = &[
        ("graph.conv", conv),
        ("graph.conv_transpose", conv_transpose),
        ("graph.max_pool", max_pool),
        ("graph.average_pool", average_pool),
        ("graph.global_average_pool", |_, i| global_pool(i, true)),
        ("graph.global_max_pool", |_, i| global_pool(i, false)),
        ("graph.matmul", matmul),
        ("graph.gemm", gemm),
    ];
    for &(name, f) in ops {
        t.insert(name, Sem::Compute(f));
    }
}

/// Window attributes over `n` spatial dimensions.
struct Win {
    strides: Vec<usize>,
    dilations: Vec<usize>,
    pad_begin: Vec<usize>,
    pad_end: Vec<usize>,
}

fn positive(name: &str, v: Vec<i64>, n: usize, default: i64, min: i64) -> Result<Vec<usize>> {
    let v = if v.is_empty() { vec![default; n] } else { v };
    ensure!(v.len() == n, "'{name}' needs {n} values, got {}", v.len());
    v.iter()
        .map(|&x| {
            ensure!(x >= min, "'{name}' values must be at least {min}, got {x}");
            Ok(x as usize)
        })
        .collect()
}

fn window_attrs(cx: &Cx<'_>, n: usize) -> Result<Win> {
    ensure!(cx.attr("auto_pad").is_none(), "'auto_pad' is not supported");
    let strides = positive("strides", cx.ints("strides")?.unwrap_or_default(), n, 1, 1)?;
    let dilations = positive(
        "dilations",
        cx.ints("dilations")?.unwrap_or_default(),
        n,
        1,
        1,
    )?;
    let pads = positive("pads", cx.ints("pads")?.unwrap_or_default(), 2 * n, 0, 0)?;
    Ok(Win {
        strides,
        dilations,
        pad_begin: pads[..n].to_vec(),
        pad_end: pads[n..].to_vec(),
    })
}

impl Win {
    fn window(&self, d: usize, kernel: usize) -> Window {
        Window {
            kernel: kernel as i64,
            stride: self.strides[d] as i64,
            dilation: self.dilations[d] as i64,
            pad_begin: self.pad_begin[d] as i64,
            pad_end: self.pad_end[d] as i64,
        }
    }
}

/// `ceil(a / b)` for `b > 0`.
fn ceil_div(a: isize, b: isize) -> isize {
    a.div_euclid(b) + (a.rem_euclid(b) != 0) as isize
}

/// The range of output positions `o` in `[0, out)` with `0 <= o * s + off < len`.
fn valid_range(out: usize, s: usize, off: isize, len: usize) -> (usize, usize) {
    let s = s as isize;
    let lo = ceil_div(-off, s).max(0);
    let hi = ((len as isize - 1 - off).div_euclid(s) + 1).min(out as isize);
    if hi <= lo {
        (0, 0)
    } else {
        (lo as usize, hi as usize)
    }
}

/// Iterate the box `[lo, hi)` over all but the last dimension, calling `f(outer_index)`.
fn for_box(lo: &[usize], hi: &[usize], mut f: impl FnMut(&[usize])) {
    let r = lo.len();
    if (0..r).any(|d| lo[d] >= hi[d]) {
        return;
    }
    let mut idx = lo.to_vec();
    loop {
        f(&idx);
        let mut d = r;
        loop {
            if d == 0 {
                return;
            }
            d -= 1;
            idx[d] += 1;
            if idx[d] < hi[d] {
                break;
            }
            idx[d] = lo[d];
        }
    }
}

/// Kernel positions as multi-indices, row-major.
fn kernel_positions(k: &[usize]) -> Vec<Vec<usize>> {
    let total: usize = k.iter().product();
    let mut out = Vec::with_capacity(total);
    let mut idx = vec![0usize; k.len()];
    for _ in 0..total {
        out.push(idx.clone());
        for d in (0..k.len()).rev() {
            idx[d] += 1;
            if idx[d] < k[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    out
}

/// One kernel position of a convolution with the box of positions it touches: `lo..hi`
/// per dimension (of the output for `conv`, of the input for `conv_transpose`) and the
/// offset `k * dilation - pad_begin` per dimension.
struct Tap {
    k: usize,
    lo: Vec<usize>,
    hi: Vec<usize>,
    off: Vec<isize>,
    /// The tap reads the whole input plane at the same positions it writes (a 1x1 kernel
    /// with stride 1 and no padding): one `axpy` over the plane.
    whole: bool,
}

/// The taps of a kernel whose positions `o` (in `[0, count_d)`) satisfy
/// `0 <= o * stride + off < bound_d`; kernel positions touching nothing are left out.
fn taps(kernel: &[usize], win: &Win, count: &[usize], bound: &[usize]) -> Vec<Tap> {
    let n = kernel.len();
    let mut out = Vec::new();
    for (kf, k) in kernel_positions(kernel).into_iter().enumerate() {
        let mut t = Tap {
            k: kf,
            lo: vec![0; n],
            hi: vec![0; n],
            off: vec![0; n],
            whole: true,
        };
        for d in 0..n {
            t.off[d] = (k[d] * win.dilations[d]) as isize - win.pad_begin[d] as isize;
            (t.lo[d], t.hi[d]) = valid_range(count[d], win.strides[d], t.off[d], bound[d]);
            t.whole &= win.strides[d] == 1
                && t.off[d] == 0
                && count[d] == bound[d]
                && t.lo[d] == 0
                && t.hi[d] == count[d];
        }
        if (0..n).all(|d| t.lo[d] < t.hi[d]) {
            out.push(t);
        }
    }
    out
}

/// `acc[o] += w[k] * x[o * stride + k * dilation - pad]` over all taps `k` and their valid
/// output positions `o`, for one (output channel, input channel) pair.
fn conv_accumulate(
    acc: &mut [f64],
    x: &[f64],
    w: &[f64],
    taps: &[Tap],
    in_st: &[usize],
    out_st: &[usize],
    strides: &[usize],
) {
    let last = strides.len() - 1;
    let s = strides[last];
    for t in taps {
        let wv = w[t.k];
        if t.whole {
            for (a, &xv) in acc.iter_mut().zip(x) {
                *a += wv * xv;
            }
            continue;
        }
        let (l0, l1) = (t.lo[last], t.hi[last]);
        for_box(&t.lo[..last], &t.hi[..last], |o| {
            let mut base = t.off[last] + (l0 * s) as isize;
            let mut oi = 0usize;
            for d in 0..last {
                base += ((o[d] * strides[d]) as isize + t.off[d]) * in_st[d] as isize;
                oi += o[d] * out_st[d];
            }
            let start = base as usize;
            let row = &mut acc[oi + l0..oi + l1];
            if s == 1 {
                for (a, &xv) in row.iter_mut().zip(&x[start..start + (l1 - l0)]) {
                    *a += wv * xv;
                }
            } else {
                for (j, a) in row.iter_mut().enumerate() {
                    *a += wv * x[start + j * s];
                }
            }
        });
    }
}

/// Shapes and attributes shared by `conv` and `conv_transpose`.
struct ConvShapes {
    batch: usize,
    in_ch: usize,
    in_dims: Vec<usize>,
    kernel: Vec<usize>,
    group: usize,
}

fn conv_shapes(cx: &Cx<'_>, x: &Tensor, w: &Tensor) -> Result<ConvShapes> {
    ensure!(
        x.rank() >= 3 && x.rank() == w.rank(),
        "input {} and weight {} must have the same rank, at least 3",
        x.type_str(),
        w.type_str()
    );
    ensure!(
        x.dtype().is_float() && x.dtype() == w.dtype(),
        "expected float operands of one type, got {} and {}",
        x.type_str(),
        w.type_str()
    );
    let group = cx.int_or("group", 1)?;
    ensure!(group >= 1, "'group' must be positive, got {group}");
    let kernel = w.shape()[2..].to_vec();
    if let Some(ks) = cx.ints("kernel_shape")? {
        ensure!(
            dims_i64(&kernel) == ks,
            "'kernel_shape' {ks:?} does not match the weight's {}",
            shape_str(&kernel)
        );
    }
    Ok(ConvShapes {
        batch: x.shape()[0],
        in_ch: x.shape()[1],
        in_dims: x.shape()[2..].to_vec(),
        kernel,
        group: group as usize,
    })
}

fn bias_values(b: Option<&&Tensor>, m: usize, dtype: DType) -> Result<Vec<f64>> {
    match b {
        None => Ok(vec![0.0; m]),
        Some(b) => {
            ensure!(
                b.dtype() == dtype && b.shape() == [m],
                "bias must be tensor<{m}x{dtype}>, got {}",
                b.type_str()
            );
            Ok(b.to_f64_vec())
        }
    }
}

fn conv(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 3)?;
    let (x, w) = (ins[0], ins[1]);
    let s = conv_shapes(cx, x, w)?;
    let n = s.in_dims.len();
    let win = window_attrs(cx, n)?;
    let (m, cg) = (w.shape()[0], w.shape()[1]);
    ensure!(
        s.in_ch == cg * s.group && m % s.group == 0,
        "channels do not match the groups: input has {} channels, weight {} x {}, group {}",
        s.in_ch,
        m,
        cg,
        s.group
    );
    let mut out_dims = Vec::with_capacity(n);
    for d in 0..n {
        let o = conv_output_dim(s.in_dims[d] as i64, &win.window(d, s.kernel[d]))?;
        out_dims.push(o as usize);
    }
    let mut out_shape = vec![s.batch, m];
    out_shape.extend_from_slice(&out_dims);
    let total = cx.numel(&out_shape)?;
    let bias = bias_values(ins.get(2), m, x.dtype())?;
    let (xv, wv) = (x.to_f64_vec(), w.to_f64_vec());
    let plane_in: usize = s.in_dims.iter().product();
    let plane_out: usize = out_dims.iter().product();
    let ktot = cx.numel(&s.kernel)?;
    cx.work(&[s.batch, m, cg, ktot, out_dims.iter().product()])?;
    let taps = taps(&s.kernel, &win, &out_dims, &s.in_dims);
    let (in_st, out_st) = (strides(&s.in_dims), strides(&out_dims));
    let mg = m / s.group;
    let mut out = vec![0.0f64; total];
    for b in 0..s.batch {
        for oc in 0..m {
            let g = oc / mg;
            let acc = &mut out[(b * m + oc) * plane_out..(b * m + oc + 1) * plane_out];
            acc.fill(bias[oc]);
            for c in 0..cg {
                let ic = g * cg + c;
                let xp = &xv[(b * s.in_ch + ic) * plane_in..(b * s.in_ch + ic + 1) * plane_in];
                let wk = &wv[(oc * cg + c) * ktot..(oc * cg + c + 1) * ktot];
                conv_accumulate(acc, xp, wk, &taps, &in_st, &out_st, &win.strides);
            }
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}

fn conv_transpose(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 3)?;
    let (x, w) = (ins[0], ins[1]);
    let s = conv_shapes(cx, x, w)?;
    let n = s.in_dims.len();
    ensure!(
        cx.attr("output_shape").is_none(),
        "'output_shape' is not supported"
    );
    let win = window_attrs(cx, n)?;
    let out_pad = positive(
        "output_padding",
        cx.ints("output_padding")?.unwrap_or_default(),
        n,
        0,
        0,
    )?;
    let (c_w, mg) = (w.shape()[0], w.shape()[1]);
    ensure!(
        c_w == s.in_ch && s.in_ch % s.group == 0,
        "weight {} does not match input channels {} with group {}",
        w.type_str(),
        s.in_ch,
        s.group
    );
    let m = mg * s.group;
    let cg = s.in_ch / s.group;
    let mut out_dims = Vec::with_capacity(n);
    for (d, &op) in out_pad.iter().enumerate() {
        let o =
            conv_transpose_output_dim(s.in_dims[d] as i64, &win.window(d, s.kernel[d]), op as i64)?;
        out_dims.push(o as usize);
    }
    let mut out_shape = vec![s.batch, m];
    out_shape.extend_from_slice(&out_dims);
    let total = cx.numel(&out_shape)?;
    let bias = bias_values(ins.get(2), m, x.dtype())?;
    let (xv, wv) = (x.to_f64_vec(), w.to_f64_vec());
    let plane_in: usize = s.in_dims.iter().product();
    let plane_out: usize = out_dims.iter().product();
    let ktot = cx.numel(&s.kernel)?;
    cx.work(&[s.batch, s.in_ch, mg, ktot, s.in_dims.iter().product()])?;
    // o = i * stride + k * dilation - pad: the taps range over input positions i.
    let taps = taps(&s.kernel, &win, &s.in_dims, &out_dims);
    let in_st = strides(&s.in_dims);
    let out_st = strides(&out_dims);
    let mut out = vec![0.0f64; total];
    let last = n - 1;
    for b in 0..s.batch {
        for oc in 0..m {
            let (g, mm) = (oc / mg, oc % mg);
            let acc = &mut out[(b * m + oc) * plane_out..(b * m + oc + 1) * plane_out];
            acc.fill(bias[oc]);
            for c in 0..cg {
                let ic = g * cg + c;
                let xp = &xv[(b * s.in_ch + ic) * plane_in..(b * s.in_ch + ic + 1) * plane_in];
                let wk = &wv[(ic * mg + mm) * ktot..(ic * mg + mm + 1) * ktot];
                for t in &taps {
                    let wval = wk[t.k];
                    let st = win.strides[last];
                    let (l0, l1) = (t.lo[last], t.hi[last]);
                    for_box(&t.lo[..last], &t.hi[..last], |i| {
                        let mut xi = 0usize;
                        let mut oi: isize = t.off[last];
                        for d in 0..last {
                            xi += i[d] * in_st[d];
                            oi +=
                                ((i[d] * win.strides[d]) as isize + t.off[d]) * out_st[d] as isize;
                        }
                        // The first valid position l0 maps to a non-negative output offset.
                        let obase = (oi + (l0 * st) as isize) as usize;
                        for (j, &xv) in xp[xi + l0..xi + l1].iter().enumerate() {
                            acc[obase + j * st] += wval * xv;
                        }
                    });
                }
            }
        }
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}

/// Pooling geometry: `(batch * channels, input spatial dims, output spatial dims, kernel)`.
struct PoolGeom {
    planes: usize,
    in_dims: Vec<usize>,
    out_dims: Vec<usize>,
    kernel: Vec<usize>,
    win: Win,
}

fn pool_geom(cx: &Cx<'_>, x: &Tensor) -> Result<PoolGeom> {
    ensure!(
        x.rank() >= 3,
        "input must have rank >= 3, got {}",
        x.type_str()
    );
    let n = x.rank() - 2;
    let Some(k) = cx.ints("kernel_shape")? else {
        bail!("requires 'kernel_shape'");
    };
    let kernel = positive("kernel_shape", k, n, 1, 1)?;
    let win = window_attrs(cx, n)?;
    let ceil_mode = cx.int_or("ceil_mode", 0)? != 0;
    let in_dims = x.shape()[2..].to_vec();
    let mut out_dims = Vec::with_capacity(n);
    for d in 0..n {
        let w = win.window(d, kernel[d]);
        let o = pool_output_dim(in_dims[d] as i64, &w, ceil_mode)?;
        // pool_output_dim has checked that the dilated kernel size does not overflow.
        let k = w.effective_kernel().unwrap_or(i64::MAX);
        ensure!(
            w.pad_begin < k && w.pad_end < k,
            "pads must be smaller than the dilated kernel size"
        );
        out_dims.push(o as usize);
    }
    let ktot = cx.numel(&kernel)?;
    let out_total = cx.numel(&out_dims)?;
    cx.work(&[x.shape()[0], x.shape()[1], out_total, ktot])?;
    Ok(PoolGeom {
        planes: x.shape()[0] * x.shape()[1],
        in_dims,
        out_dims,
        kernel,
        win,
    })
}

impl PoolGeom {
    fn out_shape(&self, x: &Tensor) -> Vec<usize> {
        let mut s = x.shape()[..2].to_vec();
        s.extend_from_slice(&self.out_dims);
        s
    }
    /// Call `f(out_index_in_plane, window)` where `window` lists `(input_offset_in_plane or
    /// None when in padding, inside_padded_extent)` for each window position.
    fn for_each_window(&self, mut f: impl FnMut(usize, &[(Option<usize>, bool)])) {
        let n = self.in_dims.len();
        let kpos = kernel_positions(&self.kernel);
        let in_st = strides(&self.in_dims);
        let out_total: usize = self.out_dims.iter().product();
        let mut o = vec![0usize; n];
        let mut win = Vec::with_capacity(kpos.len());
        for oi in 0..out_total {
            win.clear();
            for k in &kpos {
                let mut off = 0usize;
                let mut inside = true;
                let mut in_padded = true;
                for d in 0..n {
                    let p = (o[d] * self.win.strides[d] + k[d] * self.win.dilations[d]) as isize
                        - self.win.pad_begin[d] as isize;
                    if p < 0 || p >= self.in_dims[d] as isize {
                        inside = false;
                    }
                    if p >= (self.in_dims[d] + self.win.pad_end[d]) as isize {
                        in_padded = false;
                    }
                    if inside {
                        off += p as usize * in_st[d];
                    }
                }
                win.push((inside.then_some(off), in_padded));
            }
            f(oi, &win);
            for d in (0..n).rev() {
                o[d] += 1;
                if o[d] < self.out_dims[d] {
                    break;
                }
                o[d] = 0;
            }
        }
    }
}

fn max_pool(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.dtype() != DType::Bool,
        "expected a numeric input, got {}",
        x.type_str()
    );
    let g = pool_geom(cx, x)?;
    let storage_order = cx.int_or("storage_order", 0)?;
    let out_shape = g.out_shape(x);
    let total = cx.numel(&out_shape)?;
    let plane_in: usize = g.in_dims.iter().product();
    let plane_out: usize = g.out_dims.iter().product();
    let float = x.dtype().is_float();
    let (fv, iv) = if float {
        (x.to_f64_vec(), Vec::new())
    } else {
        (Vec::new(), int_values(x)?)
    };
    let mut best_pos = vec![0usize; total];
    let mut plane_best = vec![0usize; plane_out];
    for p in 0..g.planes {
        let base = p * plane_in;
        g.for_each_window(|oi, win| {
            let mut best: Option<usize> = None;
            for &(off, _) in win {
                let Some(off) = off else { continue };
                let i = base + off;
                best = Some(match best {
                    None => i,
                    Some(b) => {
                        let better = if float {
                            !fv[b].is_nan() && (fv[i].is_nan() || fv[i] > fv[b])
                        } else {
                            iv[i] > iv[b]
                        };
                        if better {
                            i
                        } else {
                            b
                        }
                    }
                });
            }
            plane_best[oi] = best.unwrap_or(base);
        });
        best_pos[p * plane_out..(p + 1) * plane_out].copy_from_slice(&plane_best);
    }
    let values = super::gather(x, out_shape.clone(), &best_pos)?;
    let mut results = vec![values];
    if cx.num_results() > 1 {
        let plane_strides = strides(&g.in_dims);
        let idx: Vec<i64> = best_pos
            .iter()
            .map(|&i| {
                if storage_order == 1 {
                    // Column-major spatial offset within the (n, c) plane.
                    let (plane, mut r) = (i / plane_in, i % plane_in);
                    let mut col = 0usize;
                    let mut mult = 1usize;
                    for (&sd, &dim) in plane_strides.iter().zip(&g.in_dims) {
                        col += (r / sd) * mult;
                        r %= sd;
                        mult *= dim;
                    }
                    (plane * plane_in + col) as i64
                } else {
                    i as i64
                }
            })
            .collect();
        results.push(Tensor::from_vec(out_shape, idx)?);
    }
    Ok(results)
}

fn average_pool(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    let xv = float_values(x)?;
    let g = pool_geom(cx, x)?;
    let include_pad = cx.int_or("count_include_pad", 0)? != 0;
    let out_shape = g.out_shape(x);
    let total = cx.numel(&out_shape)?;
    let plane_in: usize = g.in_dims.iter().product();
    let plane_out: usize = g.out_dims.iter().product();
    let mut out = vec![0.0f64; total];
    for p in 0..g.planes {
        let base = p * plane_in;
        let dst = &mut out[p * plane_out..(p + 1) * plane_out];
        g.for_each_window(|oi, win| {
            let mut sum = 0.0;
            let mut count = 0usize;
            for &(off, in_padded) in win {
                if let Some(off) = off {
                    sum += xv[base + off];
                    count += 1;
                } else if include_pad && in_padded {
                    count += 1;
                }
            }
            dst[oi] = sum / count as f64;
        });
    }
    Ok(vec![Tensor::from_f64s(x.dtype(), out_shape, &out)?])
}

fn global_pool(ins: &[&Tensor], average: bool) -> Result<Vec<Tensor>> {
    operands(ins, 1, 1)?;
    let x = ins[0];
    ensure!(
        x.rank() >= 3,
        "input must have rank >= 3, got {}",
        x.type_str()
    );
    let xv = float_values(x)?;
    let planes = x.shape()[0] * x.shape()[1];
    let plane: usize = x.shape()[2..].iter().product();
    let mut out = Vec::with_capacity(planes);
    for p in 0..planes {
        let v = &xv[p * plane..(p + 1) * plane];
        out.push(if average {
            v.iter().sum::<f64>() / plane as f64
        } else {
            v.iter()
                .fold(f64::NEG_INFINITY, |m, &a| crate::ops::arith::maximum(m, a))
        });
    }
    let mut shape = x.shape()[..2].to_vec();
    shape.extend(std::iter::repeat_n(1, x.rank() - 2));
    Ok(vec![Tensor::from_f64s(x.dtype(), shape, &out)?])
}

/// `c[M x N] += a[M x K] * b[K x N]` in `f64`.
fn matmul_f64(c: &mut [f64], a: &[f64], b: &[f64], m: usize, k: usize, n: usize) {
    for i in 0..m {
        let crow = &mut c[i * n..(i + 1) * n];
        for p in 0..k {
            let av = a[i * k + p];
            let brow = &b[p * n..(p + 1) * n];
            for (cv, &bv) in crow.iter_mut().zip(brow) {
                *cv += av * bv;
            }
        }
    }
}

/// `c[M x N] += a[M x K] * b[K x N]` on integers, wrapping.
fn matmul_int(c: &mut [i128], a: &[i128], b: &[i128], m: usize, k: usize, n: usize) {
    for i in 0..m {
        for p in 0..k {
            let av = a[i * k + p];
            for j in 0..n {
                c[i * n + j] = c[i * n + j].wrapping_add(av.wrapping_mul(b[p * n + j]));
            }
        }
    }
}

fn matmul(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 2)?;
    let (a, b) = (ins[0], ins[1]);
    ensure!(
        a.dtype() == b.dtype() && a.dtype() != DType::Bool,
        "expected numeric operands of one type, got {} and {}",
        a.type_str(),
        b.type_str()
    );
    let out_shape = dims_usize(&matmul_shape(&dims_i64(a.shape()), &dims_i64(b.shape()))?)?;
    let a2: Vec<usize> = if a.rank() == 1 {
        vec![1, a.shape()[0]]
    } else {
        a.shape().to_vec()
    };
    let b2: Vec<usize> = if b.rank() == 1 {
        vec![b.shape()[0], 1]
    } else {
        b.shape().to_vec()
    };
    let (m, k) = (a2[a2.len() - 2], a2[a2.len() - 1]);
    let n = b2[b2.len() - 1];
    let (ab, bb) = (&a2[..a2.len() - 2], &b2[..b2.len() - 2]);
    let batch = super::broadcast(&[ab, bb])?;
    let nb = cx.numel(&batch)?;
    let total = cx.numel(&out_shape)?;
    ensure!(total == nb * m * n, "inconsistent matmul shapes");
    cx.work(&[nb, m, k, n])?;
    let ia = broadcast_offsets(ab, &batch, cx.max_elements)?;
    let ib = broadcast_offsets(bb, &batch, cx.max_elements)?;
    if a.dtype().is_float() {
        let (av, bv) = (a.to_f64_vec(), b.to_f64_vec());
        let mut out = vec![0.0f64; total];
        for t in 0..nb {
            let (pa, pb) = (ia[t] * m * k, ib[t] * k * n);
            matmul_f64(
                &mut out[t * m * n..(t + 1) * m * n],
                &av[pa..pa + m * k],
                &bv[pb..pb + k * n],
                m,
                k,
                n,
            );
        }
        return Ok(vec![Tensor::from_f64s(a.dtype(), out_shape, &out)?]);
    }
    let (av, bv) = (int_values(a)?, int_values(b)?);
    let mut out = vec![0i128; total];
    for t in 0..nb {
        let (pa, pb) = (ia[t] * m * k, ib[t] * k * n);
        matmul_int(
            &mut out[t * m * n..(t + 1) * m * n],
            &av[pa..pa + m * k],
            &bv[pb..pb + k * n],
            m,
            k,
            n,
        );
    }
    Ok(vec![from_int_values(a.dtype(), out_shape, &out)?])
}

/// A row-major copy of a matrix, transposed when `t`.
fn maybe_transposed<T: Copy>(v: &[T], rows: usize, cols: usize, t: bool) -> Vec<T> {
    if !t {
        return v.to_vec();
    }
    let mut out = Vec::with_capacity(v.len());
    for j in 0..cols {
        for i in 0..rows {
            out.push(v[i * cols + j]);
        }
    }
    out
}

fn gemm(cx: &Cx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    operands(ins, 2, 3)?;
    let (a, b) = (ins[0], ins[1]);
    ensure!(
        a.rank() == 2 && b.rank() == 2 && a.dtype() == b.dtype() && a.dtype() != DType::Bool,
        "expected numeric matrices of one type, got {} and {}",
        a.type_str(),
        b.type_str()
    );
    let ta = cx.int_or("trans_a", 0)? != 0;
    let tb = cx.int_or("trans_b", 0)? != 0;
    let (m, k) = if ta {
        (a.shape()[1], a.shape()[0])
    } else {
        (a.shape()[0], a.shape()[1])
    };
    let (kb, n) = if tb {
        (b.shape()[1], b.shape()[0])
    } else {
        (b.shape()[0], b.shape()[1])
    };
    ensure!(k == kb, "contracting dimensions differ: {k} and {kb}");
    let alpha = cx.float_or("alpha", 1.0)?;
    let beta = cx.float_or("beta", 1.0)?;
    let out_shape = vec![m, n];
    let total = cx.numel(&out_shape)?;
    cx.work(&[m, k, n])?;
    let c_offs = match ins.get(2) {
        Some(c) => {
            ensure!(
                c.dtype() == a.dtype(),
                "C has element type {}, expected {}",
                c.dtype(),
                a.dtype()
            );
            Some(broadcast_offsets(c.shape(), &out_shape, cx.max_elements)?)
        }
        None => None,
    };
    if a.dtype().is_float() {
        let av = maybe_transposed(&a.to_f64_vec(), a.shape()[0], a.shape()[1], ta);
        let bv = maybe_transposed(&b.to_f64_vec(), b.shape()[0], b.shape()[1], tb);
        let mut prod = vec![0.0f64; total];
        matmul_f64(&mut prod, &av, &bv, m, k, n);
        let cv = ins.get(2).map(|c| c.to_f64_vec());
        let out: Vec<f64> = (0..total)
            .map(|i| {
                let y = alpha * prod[i];
                match (&cv, &c_offs) {
                    (Some(c), Some(o)) => y + beta * c[o[i]],
                    _ => y,
                }
            })
            .collect();
        return Ok(vec![Tensor::from_f64s(a.dtype(), out_shape, &out)?]);
    }
    // Integers: alpha and beta are truncated to the element type first.
    let to_int =
        |v: f64| -> Result<i128> { Ok(int_values(&Tensor::scalar(v).cast(a.dtype())?)?[0]) };
    let (ai, bi) = (to_int(alpha)?, to_int(beta)?);
    let av = maybe_transposed(&int_values(a)?, a.shape()[0], a.shape()[1], ta);
    let bv = maybe_transposed(&int_values(b)?, b.shape()[0], b.shape()[1], tb);
    let mut prod = vec![0i128; total];
    matmul_int(&mut prod, &av, &bv, m, k, n);
    let cv = ins.get(2).map(|c| int_values(c)).transpose()?;
    let out: Vec<i128> = (0..total)
        .map(|i| {
            let y = ai.wrapping_mul(prod[i]);
            match (&cv, &c_offs) {
                (Some(c), Some(o)) => y.wrapping_add(bi.wrapping_mul(c[o[i]])),
                _ => y,
            }
        })
        .collect();
    Ok(vec![from_int_values(a.dtype(), out_shape, &out)?])
}
