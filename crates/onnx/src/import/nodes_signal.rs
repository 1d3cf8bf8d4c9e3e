//! Signal-processing operators, following ONNX's reference implementations:
//!
//! * `DFT` (opsets 17 and 20): the transform along `axis` as matrix products with constant
//!   cosine/sine matrices computed in `f64` (`cos(2πkn/L)`, with `kn` reduced modulo `L`),
//!   the products themselves in `f64`, the result cast back to the input type. Zero-padding
//!   or truncation to `dft_length` is folded into the matrices (rows past the input length
//!   or past `dft_length` are zero). `onesided` keeps the first `L/2 + 1` bins; the inverse
//!   divides by `L`, and the one-sided inverse is numpy's `irfft` (bins past `L/2` are the
//!   conjugates of the given ones, the imaginary parts of bin 0 and of bin `L/2` ignored);
//! * `STFT` (opset 17): frames `[B, F, L, C]` gathered with constant indices
//!   `f * frame_step + j`, weighted by `window`, then the `DFT` above along the frame axis;
//! * `MelWeightMatrix` (opset 17): computed at import from its constant inputs.
//!
//! `dft_length`, `axis`, `frame_step`, `frame_length` and every `MelWeightMatrix` input
//! must be constants (graph inputs can be bound with `ImportOptions::constant_inputs`).

use super::nodes_basic::N;
use super::nodes_seqattn::Ops;
use super::Lowerer;
use crate::error::{ImportError, Result};
use crate::proto::data_type as dt;
use crate::tensor::{checked_numel, elem_type, ConstTensor};
use std::f64::consts::PI;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_ir::Value;

/// Whether `op` is one of this module's operators at `opset`, and its constant inputs.
pub(crate) fn support(op: &str, opset: i64) -> Option<&'static [usize]> {
    match op {
        "DFT" if opset >= 20 => Some(&[1, 2]),
        "DFT" | "STFT" if opset >= 17 => Some(if op == "DFT" { &[1] } else { &[1, 3] }),
        "MelWeightMatrix" if opset >= 17 => Some(&[0, 1, 2, 3, 4]),
        _ => None,
    }
}

/// Lower one of this module's operators.
pub(crate) fn lower_signal(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "DFT" => lower_dft(lw, n),
        "STFT" => lower_stft(lw, n),
        _ => lower_mel(lw, n),
    }
}

/// The most elements of one constant matrix of a transform.
const MAX_MATRIX: u64 = 1 << 24;

/// A constant `f64` matrix `[rows, cols]` for node `n` (`k`: distinguishes its constants).
fn matrix(
    o: &mut Ops<'_, '_, '_>,
    k: usize,
    rows: i64,
    cols: i64,
    f: impl Fn(i64, i64) -> f64,
) -> Result<Value> {
    let count = checked_numel(&[rows, cols], &o.lw.limits, &o.n.at)?;
    if count > MAX_MATRIX {
        return Err(ImportError::limit(
            format!("elements of a DFT matrix ({count})"),
            MAX_MATRIX,
        ));
    }
    let mut bytes = Vec::with_capacity(count as usize * 8);
    for r in 0..rows {
        for c in 0..cols {
            bytes.extend_from_slice(&f(r, c).to_le_bytes());
        }
    }
    let out = o.n.node.output.first().cloned().unwrap_or_default();
    let name = format!("strata.signal.{out}.{k}");
    let c = ConstTensor {
        dtype: dt::DOUBLE,
        elem: o.lw.ctx.f64(),
        shape: vec![rows, cols],
        data: bytes.into(),
        splat: false,
        name: name.clone(),
    };
    o.lw.consts.insert(name.clone(), c);
    let at = o.n.at.clone();
    o.lw.operand(&name, &at)
}

/// `cos` and `sin` of `2π k n / l`, with `k n` reduced modulo `l` first.
fn twiddle(k: i64, n: i64, l: i64) -> (f64, f64) {
    let a = 2.0 * PI * ((k * n) % l) as f64 / l as f64;
    (a.cos(), a.sin())
}

/// The transform of `x` (`[..., N at axis, ..., C]`, `C` 1 or 2) along `axis` with length
/// `len`; returns `[..., bins, ..., 2]` (or `[..., len, ..., 1]` for the one-sided inverse).
fn dft(
    o: &mut Ops<'_, '_, '_>,
    x: Value,
    axis: usize,
    len: i64,
    inverse: bool,
    onesided: bool,
) -> Result<Value> {
    let n = o.n;
    let (xs, e) = o.shape(x, "input")?;
    let rank = xs.len();
    let c = xs[rank - 1];
    if c != 1 && c != 2 {
        return Err(n.invalid(format!("the last dimension must be 1 or 2, is {c}")));
    }
    if len < 1 {
        return Err(n.invalid(format!("dft_length {len} must be positive")));
    }
    let size = xs[axis];
    let f64t = o.lw.ctx.f64();
    // Real and imaginary parts with the transform axis last: [..., N].
    let mut perm: Vec<i64> = (0..rank as i64 - 1).filter(|&d| d != axis as i64).collect();
    perm.push(axis as i64);
    let part = |o: &mut Ops<'_, '_, '_>, i: i64| -> Result<Value> {
        let p = o.slice(x, rank as i64 - 1, i, i + 1, 1)?;
        let sq = i64_array_attr(o.lw.ctx, &[rank as i64 - 1]);
        let p = o.op("graph.squeeze", &[p], &[("axes", sq)])?;
        let p = o.transpose(p, &perm)?;
        o.cast(p, f64t)
    };
    let re = part(o, 0)?;
    let im = if c == 2 { Some(part(o, 1)?) } else { None };
    let used = size.min(len);
    let mm = |o: &mut Ops<'_, '_, '_>, a: Value, m: Value| o.bin("graph.matmul", a, m);
    let (yr, yi) = if inverse && onesided {
        // irfft: bins 0..=len/2 of the input, Hermitian-extended.
        let bins = size.min(len / 2 + 1);
        let w = |k: i64| if k == 0 || 2 * k == len { 1.0 } else { 2.0 };
        let scale = 1.0 / len as f64;
        let cr = matrix(o, 0, size, len, |k, t| {
            if k < bins {
                w(k) * twiddle(k, t, len).0 * scale
            } else {
                0.0
            }
        })?;
        let mut y = mm(o, re, cr)?;
        if let Some(im) = im {
            let ci = matrix(o, 1, size, len, |k, t| {
                if k < bins && k != 0 && 2 * k != len {
                    -w(k) * twiddle(k, t, len).1 * scale
                } else {
                    0.0
                }
            })?;
            let yi = mm(o, im, ci)?;
            y = o.bin("graph.add", y, yi)?;
        }
        (y, None)
    } else {
        let bins = if onesided && !inverse {
            len / 2 + 1
        } else {
            len
        };
        let (sign, scale) = if inverse {
            (1.0, 1.0 / len as f64)
        } else {
            (-1.0, 1.0)
        };
        // (re + i im)(cos + i sign sin) * scale.
        let cm = matrix(o, 0, size, bins, |t, k| {
            if t < used {
                twiddle(k, t, len).0 * scale
            } else {
                0.0
            }
        })?;
        let sm = matrix(o, 1, size, bins, |t, k| {
            if t < used {
                sign * twiddle(k, t, len).1 * scale
            } else {
                0.0
            }
        })?;
        let rc = mm(o, re, cm)?;
        let rs = mm(o, re, sm)?;
        match im {
            Some(im) => {
                let ic = mm(o, im, cm)?;
                let is = mm(o, im, sm)?;
                (
                    o.bin("graph.sub", rc, is)?,
                    Some(o.bin("graph.add", rs, ic)?),
                )
            }
            None => (rc, Some(rs)),
        }
    };
    // Back to the input layout, with the complex axis last.
    let mut inv = vec![0i64; perm.len()];
    for (i, &p) in perm.iter().enumerate() {
        inv[p as usize] = i as i64;
    }
    let last = i64_array_attr(o.lw.ctx, &[rank as i64 - 1]);
    let mut parts = Vec::new();
    for v in std::iter::once(yr).chain(yi) {
        let v = o.transpose(v, &inv)?;
        let v = o.op("graph.unsqueeze", &[v], &[("axes", last)])?;
        parts.push(o.cast(v, e)?);
    }
    o.concat(&parts, rank as i64 - 1)
}

/// A constant scalar integer input.
fn const_int(lw: &mut Lowerer<'_>, n: &N<'_>, i: usize, what: &str) -> Result<Option<i64>> {
    match lw.const_ints(n, i)? {
        None => Ok(None),
        Some(v) if v.len() == 1 => Ok(Some(v[0])),
        Some(_) => Err(n.invalid(format!("{what} must be a scalar"))),
    }
}

fn lower_dft(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    lw.require_float(n, x)?;
    let len = const_int(lw, n, 1, "dft_length")?;
    let axis = if n.opset >= 20 {
        const_int(lw, n, 2, "axis")?.unwrap_or(-2)
    } else {
        n.attrs.int_or("axis", 1)?
    };
    let inverse = n.attrs.int_or("inverse", 0)? != 0;
    let onesided = n.attrs.int_or("onesided", 0)? != 0;
    let mut o = Ops { lw, n };
    let (xs, _) = o.shape(x, "input")?;
    let rank = xs.len() as i64;
    let a = if axis < 0 { axis + rank } else { axis };
    if rank < 2 || a < 0 || a >= rank - 1 {
        return Err(n.invalid(format!(
            "axis {axis} is not a signal axis of a rank-{rank} input"
        )));
    }
    let size = xs[a as usize];
    let len = len.unwrap_or(if inverse && onesided {
        2 * (size - 1)
    } else {
        size
    });
    let y = dft(&mut o, x, a as usize, len, inverse, onesided)?;
    o.lw.bind(n, &[y])
}

fn lower_stft(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    lw.require_float(n, x)?;
    let step =
        const_int(lw, n, 1, "frame_step")?.ok_or_else(|| n.invalid("STFT needs frame_step"))?;
    let window = lw.opt_inp(n, 2)?;
    let frame_len = const_int(lw, n, 3, "frame_length")?;
    let onesided = n.attrs.int_or("onesided", 1)? != 0;
    let mut o = Ops { lw, n };
    let (xs, _) = o.shape(x, "signal")?;
    if xs.len() != 3 {
        return Err(n.invalid("signal must be [batch, length, 1 or 2]"));
    }
    let total = xs[1];
    let wlen = match window {
        Some(w) => {
            let (ws, _) = o.shape(w, "window")?;
            if ws.len() != 1 || frame_len.is_some_and(|f| f != ws[0]) {
                return Err(n.invalid("window must be 1-D of length frame_length"));
            }
            ws[0]
        }
        None => frame_len.unwrap_or(total),
    };
    if step < 1 || wlen < 1 || wlen > total {
        return Err(n.invalid(format!(
            "frame_step {step} and frame length {wlen} do not fit a signal of {total}"
        )));
    }
    let frames = 1 + (total - wlen) / step;
    let count = checked_numel(&[frames, wlen], &o.lw.limits, &n.at)?;
    if count > MAX_MATRIX {
        return Err(ImportError::limit(
            format!("STFT frame indices ({count})"),
            MAX_MATRIX,
        ));
    }
    let idx: Vec<u8> = (0..frames)
        .flat_map(|f| (0..wlen).map(move |j| f * step + j))
        .flat_map(|v| v.to_le_bytes())
        .collect();
    let out = n.node.output.first().cloned().unwrap_or_default();
    let name = format!("strata.signal.{out}.frames");
    let c = ConstTensor {
        dtype: dt::INT64,
        elem: o.lw.ctx.i64(),
        shape: vec![frames, wlen],
        data: idx.into(),
        splat: false,
        name: name.clone(),
    };
    o.lw.consts.insert(name.clone(), c);
    let idx = o.lw.operand(&name, &n.at)?;
    let axis = i64_attr(o.lw.ctx, 1);
    let mut fr = o.op("graph.gather", &[x, idx], &[("axis", axis)])?;
    if let Some(w) = window {
        let w = o.reshape(w, &[wlen, 1])?;
        fr = o.bin("graph.mul", fr, w)?;
    }
    let y = dft(&mut o, fr, 2, wlen, false, onesided)?;
    o.lw.bind(n, &[y])
}

/// A constant scalar input as `f64`.
fn const_num(lw: &mut Lowerer<'_>, n: &N<'_>, i: usize) -> Result<f64> {
    match lw.const_floats(n, i)? {
        Some(v) if v.len() == 1 => Ok(v[0]),
        _ => Err(n.invalid(format!("input {i} must be a scalar"))),
    }
}

fn lower_mel(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let mels = const_num(lw, n, 0)? as i64;
    let dft_len = const_num(lw, n, 1)? as i64;
    let rate = const_num(lw, n, 2)?;
    let (lo, hi) = (const_num(lw, n, 3)?, const_num(lw, n, 4)?);
    let out_t = n.attrs.int_or("output_datatype", i64::from(dt::FLOAT))? as i32;
    let elem = elem_type(lw.ctx, out_t)
        .ok_or_else(|| n.unsupported(&format!("output_datatype {}", dt::name(out_t))))?;
    if mels < 1 || dft_len < 1 || rate.is_nan() || rate <= 0.0 {
        return Err(n.invalid("num_mel_bins, dft_length and sample_rate must be positive"));
    }
    let rows = dft_len / 2 + 1;
    let count = checked_numel(&[rows, mels], &lw.limits, &n.at)?;
    if count > MAX_MATRIX {
        return Err(ImportError::limit(
            format!("MelWeightMatrix elements ({count})"),
            MAX_MATRIX,
        ));
    }
    // The reference's precisions: log1p of the f32 edges, the rest in f64.
    let mel = |hz: f64| 2595.0 * f64::from((hz as f32 / 700.0).ln_1p()) / 10f64.ln();
    let (lo_mel, hi_mel) = (mel(lo), mel(hi));
    let step = (hi_mel - lo_mel) / (mels + 2) as f64;
    let mut bins = Vec::with_capacity(mels as usize + 2);
    for i in 0..mels + 2 {
        let m = i as f64 * step + lo_mel;
        let hz = 700.0 * (m / 2595.0 * 10f64.ln()).exp_m1();
        let b = ((dft_len + 1) as f64 * hz / rate).floor();
        if !(0.0..rows as f64).contains(&b) {
            return Err(n.invalid(format!(
                "mel bin {b} is outside the {rows} spectrogram bins"
            )));
        }
        bins.push(b as i64);
    }
    let mut w = vec![0f64; count as usize];
    for i in 0..mels {
        let (l, c, h) = (bins[i as usize], bins[i as usize + 1], bins[i as usize + 2]);
        if c == l {
            w[(c * mels + i) as usize] = 1.0;
        } else {
            for j in l..=c {
                w[(j * mels + i) as usize] = (j - l) as f64 / (c - l) as f64;
            }
        }
        for j in c..h {
            w[(j * mels + i) as usize] = (h - j) as f64 / (h - c) as f64;
        }
    }
    let mut o = Ops { lw, n };
    let m = matrix(&mut o, 0, rows, mels, |r, c| w[(r * mels + c) as usize])?;
    let y = o.cast(m, elem)?;
    o.lw.bind(n, &[y])
}
