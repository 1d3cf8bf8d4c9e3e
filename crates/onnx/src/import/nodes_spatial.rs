//! Spatial operators lowered to existing graph ops: `ConvTranspose` with `output_shape` or
//! `SAME_*` auto-padding (a full transposed convolution, then a zero pad whose negative parts
//! crop, then the bias), `LpPool` (`(kernel size * average_pool(|x|^p))^(1/p)`, the sum of
//! `|x|^p` over the zero-padded window) and `CenterCropPad` (one `graph.pad` whose negative
//! pads crop), `GridSample` (`graph.grid_sample`) and `AffineGrid` (a constant grid of
//! normalised coordinates times the transposed `theta`, in `f64`), `MaxUnpool` (a scatter
//! into zeros at the flat indices, then a zero pad to `output_shape`) and `Col2Im` (a
//! grouped transposed convolution by a one-hot kernel); `RoiAlign` and `DeformConv` map to
//! `graph.roi_align` and `graph.deform_conv`. Each follows ONNX's reference implementation
//! (`onnx/reference/ops/op_*.py`).

use super::nodes_basic::N;
use super::Lowerer;
use crate::error::Result;
use crate::tensor::checked_numel;
use strata_dialect_graph::attr::{i64_array_attr, i64_attr};
use strata_dialect_graph::dense::Values;
use strata_dialect_graph::shape::is_dynamic;
use strata_ir::Value;

/// The operators of this module, their first supported opset and constant inputs.
pub(crate) const SPATIAL: &[(&str, i64, &[usize])] = &[
    ("LpPool", 2, &[]),
    ("CenterCropPad", 18, &[1]),
    ("GridSample", 16, &[]),
    ("AffineGrid", 20, &[1]),
    ("MaxUnpool", 9, &[2]),
    ("Col2Im", 18, &[1, 2]),
    ("RoiAlign", 10, &[]),
    ("DeformConv", 19, &[]),
];

/// Lower one of the [`SPATIAL`] operators.
pub(crate) fn lower_spatial(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    match n.node.op_type.as_str() {
        "LpPool" => lower_lp_pool(lw, n),
        "CenterCropPad" => lower_center_crop_pad(lw, n),
        "GridSample" => lower_grid_sample(lw, n),
        "AffineGrid" => lower_affine_grid(lw, n),
        "MaxUnpool" => lower_max_unpool(lw, n),
        "Col2Im" => lower_col2im(lw, n),
        "RoiAlign" => lower_roi_align(lw, n),
        "DeformConv" => lower_deform_conv(lw, n),
        _ => Err(n.unsupported("operator")),
    }
}

/// The static shape of `v`, or `Unsupported` naming `what`.
fn static_shape(lw: &Lowerer<'_>, n: &N<'_>, v: Value, what: &str) -> Result<Vec<i64>> {
    let (s, _) = lw.shape_of(v);
    if s.iter().any(|&d| is_dynamic(d)) {
        return Err(n.unsupported(&format!("{what} with a dynamic shape")));
    }
    Ok(s)
}

/// `graph.pad` of zeros with ONNX's pad layout (all begins, then all ends); negative pads
/// crop.
fn zero_pad(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, pads: &[i64]) -> Result<Value> {
    let (_, e) = lw.shape_of(x);
    let props = [
        ("pads", i64_array_attr(lw.ctx, pads)),
        ("mode", lw.ctx.string_attr("constant")),
        ("constant_value", lw.scalar_for(0.0, e)),
    ];
    lw.emit1(n, "graph.pad", &[x], &props)
}

/// `ConvTranspose` with `output_shape` or `SAME_UPPER`/`SAME_LOWER`, as ONNX's reference
/// computes it: output position `o` of spatial axis `i` is position `o + begin_i` of the
/// full (unpadded) transposed convolution, where with `SAME_*` the total padding
/// `stride * (in - 1) + output_padding + (k - 1) * dilation + 1 - out` (`out` from
/// `output_shape`, default `in * stride`) is split in halves (the larger half at the end for
/// `SAME_UPPER`, at the begin otherwise; floor division, so it may be negative) and without
/// it `begin_i` is the explicit begin pad (default 0). Positions outside the full result are
/// zero before the bias is added.
pub(crate) fn lower_conv_transpose_shaped(
    lw: &mut Lowerer<'_>,
    n: &N<'_>,
    kernel: &[i64],
) -> Result<()> {
    let (x, w) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let bias = lw.opt_inp(n, 2)?;
    let xs = static_shape(lw, n, x, "output_shape or SAME auto_pad")?;
    let (ws, _) = lw.shape_of(w);
    let r = xs.len().saturating_sub(2);
    if r == 0 || kernel.len() != r || ws.len() != r + 2 {
        return Err(n.invalid("kernel rank does not match the input's spatial rank"));
    }
    let ints = |name: &str, len: usize, default: i64| -> Result<Vec<i64>> {
        let v = n.attrs.ints(name)?.unwrap_or_else(|| vec![default; len]);
        if v.len() != len {
            return Err(n.invalid(format!("{name} must have {len} values")));
        }
        Ok(v)
    };
    let strides = ints("strides", r, 1)?;
    let dilations = ints("dilations", r, 1)?;
    let out_pad = ints("output_padding", r, 0)?;
    let pads = ints("pads", 2 * r, 0)?;
    if strides
        .iter()
        .chain(&dilations)
        .any(|&v| !(1..=1 << 20).contains(&v))
        || kernel.iter().any(|&k| !(1..=1 << 20).contains(&k))
        || out_pad
            .iter()
            .chain(&pads)
            .any(|&v| !(0..=1 << 20).contains(&v))
    {
        return Err(n.invalid("strides, dilations, kernel, pads or output_padding out of range"));
    }
    let auto = n
        .attrs
        .string("auto_pad")?
        .unwrap_or_else(|| "NOTSET".into());
    let output_shape = match n.attrs.ints("output_shape")? {
        Some(s) if s.len() == r => Some(s),
        Some(s) if s.len() == r + 2 => Some(s[2..].to_vec()),
        Some(_) => return Err(n.invalid("output_shape must have one value per spatial axis")),
        None => None,
    };
    let same = matches!(auto.as_str(), "SAME_UPPER" | "SAME_LOWER");
    if !same && auto != "NOTSET" && auto != "VALID" {
        return Err(n.invalid(format!("unknown auto_pad '{auto}'")));
    }
    // The full result: no pads, no output_padding, no bias.
    let mut props = vec![
        ("strides", i64_array_attr(lw.ctx, &strides)),
        ("dilations", i64_array_attr(lw.ctx, &dilations)),
        ("pads", i64_array_attr(lw.ctx, &vec![0; 2 * r])),
        ("group", i64_attr(lw.ctx, n.attrs.int_or("group", 1)?)),
    ];
    if n.attrs.get("kernel_shape").is_some() {
        props.push(("kernel_shape", i64_array_attr(lw.ctx, kernel)));
    }
    let full = lw.emit1(n, "graph.conv_transpose", &[x, w], &props)?;
    let mut crop = vec![0; 2 * (r + 2)];
    for i in 0..r {
        let f = strides[i] * (xs[i + 2] - 1) + (kernel[i] - 1) * dilations[i] + 1;
        let (begin, out) = if same {
            let out = match &output_shape {
                Some(s) => s[i],
                None => xs[i + 2] * strides[i],
            };
            let total = f + out_pad[i] - out;
            let half = total.div_euclid(2);
            (
                if auto == "SAME_UPPER" {
                    half
                } else {
                    total - half
                },
                out,
            )
        } else {
            let out = match &output_shape {
                Some(s) => s[i],
                None => f + out_pad[i] - pads[i] - pads[i + r],
            };
            (pads[i], out)
        };
        if !(0..=1 << 24).contains(&out) {
            return Err(n.invalid(format!("output size {out} out of range")));
        }
        // Output [0, out) is full [begin, begin + out): pad by -begin and by the excess.
        crop[2 + i] = -begin;
        crop[r + 4 + i] = begin + out - f;
    }
    let y = zero_pad(lw, n, full, &crop)?;
    let y = match bias {
        Some(b) => {
            let mut shape = vec![1; r + 2];
            shape[1] = -1;
            let s = i64_array_attr(lw.ctx, &shape);
            let b = lw.emit1(n, "graph.reshape", &[b], &[("shape", s)])?;
            lw.emit1(n, "graph.add", &[y, b], &[])?
        }
        None => y,
    };
    lw.bind(n, &[y])
}

/// `LpPool`: ONNX's definition sums `|x|^p` over the window, zero padding included, so it is
/// `(kernel size * average_pool(|x|^p, count_include_pad = 1))^(1/p)`.
fn lower_lp_pool(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (_, e) = lw.shape_of(x);
    if !lw.ctx.type_kind(e).is_float() {
        return Err(n.unsupported("non-float input"));
    }
    let kernel = n
        .attrs
        .ints("kernel_shape")?
        .ok_or_else(|| n.invalid("LpPool needs kernel_shape"))?;
    if kernel.iter().any(|&k| !(1..=1 << 20).contains(&k)) {
        return Err(n.invalid("kernel_shape out of range"));
    }
    let count = kernel.iter().product::<i64>();
    let p = n.attrs.int_or("p", 2)?;
    if !(1..=1 << 10).contains(&p) {
        return Err(n.invalid(format!("p = {p} out of range")));
    }
    let mut props = super::nodes_nn::window(lw, n, x, kernel.clone())?;
    props.push(("kernel_shape", i64_array_attr(lw.ctx, &kernel)));
    props.push((
        "ceil_mode",
        i64_attr(lw.ctx, n.attrs.int_or("ceil_mode", 0)?),
    ));
    props.push(("count_include_pad", i64_attr(lw.ctx, 1)));
    let a = lw.emit1(n, "graph.abs", &[x], &[])?;
    let xp = lw.bin_c(n, "graph.pow", a, p as f64)?;
    let avg = lw.emit1(n, "graph.average_pool", &[xp], &props)?;
    let sum = lw.bin_c(n, "graph.mul", avg, count as f64)?;
    let y = lw.bin_c(n, "graph.pow", sum, 1.0 / p as f64)?;
    lw.bind(n, &[y])
}

/// `CenterCropPad`: per listed axis, a centred crop (start `(dim - size) / 2`) or a centred
/// zero pad (begin `(size - dim) / 2`), both one `graph.pad`.
fn lower_center_crop_pad(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let xs = static_shape(lw, n, x, "CenterCropPad")?;
    let r = xs.len();
    let sizes = lw
        .const_ints(n, 1)?
        .ok_or_else(|| n.invalid("CenterCropPad needs shape"))?;
    let axes: Vec<i64> = match n.attrs.ints("axes")? {
        Some(a) => a,
        None => (0..r as i64).collect(),
    };
    if axes.len() != sizes.len() {
        return Err(n.invalid("shape must have one value per axis"));
    }
    let mut pads = vec![0; 2 * r];
    let mut seen = vec![false; r];
    for (&a, &size) in axes.iter().zip(&sizes) {
        let ax = if a < 0 { a + r as i64 } else { a };
        if !(0..r as i64).contains(&ax) || seen[ax as usize] {
            return Err(n.invalid(format!("axis {a} out of range or repeated")));
        }
        let ax = ax as usize;
        seen[ax] = true;
        if !(0..=1 << 40).contains(&size) {
            return Err(n.invalid(format!("size {size} out of range")));
        }
        let dim = xs[ax];
        let (begin, end) = if size >= dim {
            let d = size - dim;
            (d / 2, d - d / 2)
        } else {
            let d = dim - size;
            (-(d / 2), -(d - d / 2))
        };
        pads[ax] = begin;
        pads[r + ax] = end;
    }
    let y = zero_pad(lw, n, x, &pads)?;
    lw.bind(n, &[y])
}

/// `GridSample` (opsets 16-22; opset 16's `bilinear`/`bicubic` are `linear`/`cubic`).
fn lower_grid_sample(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (x, g) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    for v in [x, g] {
        let (_, e) = lw.shape_of(v);
        if !lw.ctx.type_kind(e).is_float() {
            return Err(n.unsupported("non-float input"));
        }
    }
    let mode = n.attrs.string("mode")?;
    let mode = match mode.as_deref() {
        None => "linear",
        Some("linear" | "bilinear") => "linear",
        Some("cubic" | "bicubic") => "cubic",
        Some("nearest") => "nearest",
        Some(other) => return Err(n.invalid(format!("unknown mode '{other}'"))),
    };
    let padding = n
        .attrs
        .string("padding_mode")?
        .unwrap_or_else(|| "zeros".into());
    let props = [
        ("mode", lw.ctx.string_attr(mode)),
        ("padding_mode", lw.ctx.string_attr(&padding)),
        (
            "align_corners",
            i64_attr(lw.ctx, n.attrs.int_or("align_corners", 0)?),
        ),
    ];
    lw.emit(n, "graph.grid_sample", &[x, g], &props)
}

/// The normalised coordinates of `len` positions over `[-1, 1]`, as ONNX's reference builds
/// them with `np.arange` (first value, then `start + i * ((start + step) - start)`).
fn linspace(len: i64, align_corners: bool) -> Vec<f64> {
    let (start, step) = if align_corners {
        (-1.0, 2.0 / (len - 1) as f64)
    } else {
        let step = 2.0 / len as f64;
        (-1.0 + step / 2.0, step)
    };
    if len == 1 && align_corners {
        return vec![-1.0];
    }
    let delta = (start + step) - start;
    (0..len)
        .map(|i| match i {
            0 => start,
            1 => start + step,
            _ => start + i as f64 * delta,
        })
        .collect()
}

/// `AffineGrid` (opset 20) as its reference computes it: a constant `P x (n + 1)` grid of
/// homogeneous coordinates (`x` innermost, then `y`, `z`, then 1) over the `P` output
/// positions, times the transposed `theta`, in `f64`, cast back to `theta`'s type.
fn lower_affine_grid(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let theta = lw.inp(n, 0)?;
    let (ts, te) = lw.shape_of(theta);
    if !lw.ctx.type_kind(te).is_float() {
        return Err(n.unsupported("non-float theta"));
    }
    let size = lw
        .const_ints(n, 1)?
        .ok_or_else(|| n.invalid("AffineGrid needs size"))?;
    let r = match size.len() {
        4 => 2,
        5 => 3,
        l => return Err(n.invalid(format!("size must have 4 or 5 values, has {l}"))),
    };
    if ts.len() != 3 || ts[1] != r as i64 || ts[2] != r as i64 + 1 {
        return Err(n.invalid(format!("theta must be N x {r} x {}", r + 1)));
    }
    let spatial = &size[2..];
    if spatial.iter().any(|&d| d < 1) {
        return Err(n.invalid("size must be positive"));
    }
    let mut base_shape = vec![1i64; 2];
    base_shape[0] = spatial
        .iter()
        .try_fold(1i64, |a, &d| a.checked_mul(d))
        .unwrap_or(-1);
    base_shape[1] = r as i64 + 1;
    if base_shape[0] < 0 {
        return Err(n.invalid("size overflows"));
    }
    checked_numel(&base_shape, &lw.limits, &n.at)?;
    let align = n.attrs.int_or("align_corners", 0)? != 0;
    let axes: Vec<Vec<f64>> = spatial.iter().map(|&l| linspace(l, align)).collect();
    let positions = base_shape[0] as usize;
    let mut base = Vec::with_capacity(positions * (r + 1));
    let mut idx = vec![0usize; r];
    for _ in 0..positions {
        // Columns: the innermost axis's coordinate first.
        for d in (0..r).rev() {
            base.push(axes[d][idx[d]]);
        }
        base.push(1.0);
        for d in (0..r).rev() {
            idx[d] += 1;
            if idx[d] < spatial[d] as usize {
                break;
            }
            idx[d] = 0;
        }
    }
    let f64t = lw.ctx.f64();
    let base = lw.tensor_const(n, &base_shape, Values::Float(base), f64t)?;
    let to64 = lw.ctx.type_attr(f64t);
    let t = lw.emit1(n, "graph.cast", &[theta], &[("to", to64)])?;
    let perm = i64_array_attr(lw.ctx, &[0, 2, 1]);
    let t = lw.emit1(n, "graph.transpose", &[t], &[("perm", perm)])?;
    let grid = lw.emit1(n, "graph.matmul", &[base, t], &[])?;
    let mut out_shape = vec![ts[0]];
    out_shape.extend_from_slice(spatial);
    out_shape.push(r as i64);
    let shape = i64_array_attr(lw.ctx, &out_shape);
    let grid = lw.emit1(n, "graph.reshape", &[grid], &[("shape", shape)])?;
    let to = lw.ctx.type_attr(te);
    lw.emit(n, "graph.cast", &[grid], &[("to", to)])
}

fn reshape(lw: &mut Lowerer<'_>, n: &N<'_>, x: Value, shape: &[i64]) -> Result<Value> {
    let s = i64_array_attr(lw.ctx, shape);
    lw.emit1(n, "graph.reshape", &[x], &[("shape", s)])
}

/// Window attributes `kernel_shape` (or `kernel`), `strides`, `dilations` and `pads` over
/// `r` spatial axes, range-checked.
struct Win {
    strides: Vec<i64>,
    dilations: Vec<i64>,
    pads: Vec<i64>,
}

fn win(n: &N<'_>, r: usize, kernel: &[i64]) -> Result<Win> {
    let ints = |name: &str, len: usize, default: i64| -> Result<Vec<i64>> {
        let v = n.attrs.ints(name)?.unwrap_or_else(|| vec![default; len]);
        if v.len() != len {
            return Err(n.invalid(format!("{name} must have {len} values")));
        }
        Ok(v)
    };
    let w = Win {
        strides: ints("strides", r, 1)?,
        dilations: ints("dilations", r, 1)?,
        pads: ints("pads", 2 * r, 0)?,
    };
    if kernel.len() != r
        || kernel
            .iter()
            .chain(&w.strides)
            .chain(&w.dilations)
            .any(|&v| !(1..=1 << 20).contains(&v))
        || w.pads.iter().any(|&v| !(0..=1 << 20).contains(&v))
    {
        return Err(n.invalid("kernel, strides, dilations or pads out of range"));
    }
    Ok(w)
}

/// `MaxUnpool` (opset 9+): the reference writes `X` at the flat `indices` of a zero tensor of the
/// inferred shape `(in - 1) * stride - pads + kernel` (later writes win), then pads it with
/// zeros at the end up to `output_shape`.
fn lower_max_unpool(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let (x, idx) = (lw.inp(n, 0)?, lw.inp(n, 1)?);
    let xs = static_shape(lw, n, x, "MaxUnpool")?;
    let (is, ie) = lw.shape_of(idx);
    if is != xs || !lw.ctx.type_kind(ie).is_integer() {
        return Err(n.invalid("indices must be integers of the input's shape"));
    }
    let r = xs.len().saturating_sub(2);
    let kernel = n
        .attrs
        .ints("kernel_shape")?
        .ok_or_else(|| n.invalid("MaxUnpool needs kernel_shape"))?;
    if r == 0 {
        return Err(n.invalid("MaxUnpool needs spatial dimensions"));
    }
    let w = win(n, r, &kernel)?;
    let mut inferred = xs[..2].to_vec();
    for i in 0..r {
        let d = (xs[i + 2] - 1) * w.strides[i] - (w.pads[i] + w.pads[r + i]) + kernel[i];
        if d < 0 {
            return Err(n.invalid("MaxUnpool's inferred output size is negative"));
        }
        inferred.push(d);
    }
    let total = checked_numel(&inferred, &lw.limits, &n.at)? as i64;
    let (_, e) = lw.shape_of(x);
    let zero = lw.scalar(n, 0.0, e)?;
    let zeros = lw.emit1(
        n,
        "graph.expand",
        &[zero],
        &[("shape", i64_array_attr(lw.ctx, &[total]))],
    )?;
    let xf = reshape(lw, n, x, &[-1])?;
    let idf = reshape(lw, n, idx, &[-1])?;
    let props = [
        ("axis", i64_attr(lw.ctx, 0)),
        ("reduction", lw.ctx.string_attr("none")),
    ];
    let y = lw.emit1(n, "graph.scatter_elements", &[zeros, idf, xf], &props)?;
    let mut y = reshape(lw, n, y, &inferred)?;
    if let Some(out) = lw.const_ints(n, 2)? {
        if out.len() != xs.len() {
            return Err(n.invalid("output_shape must have one value per dimension"));
        }
        let mut pads = vec![0; 2 * xs.len()];
        for (i, (&o, &d)) in out.iter().zip(&inferred).enumerate() {
            if o < d {
                return Err(n.invalid(format!("output_shape {o} is smaller than {d}")));
            }
            pads[xs.len() + i] = o - d;
        }
        checked_numel(&out, &lw.limits, &n.at)?;
        if pads.iter().any(|&p| p != 0) {
            y = zero_pad(lw, n, y, &pads)?;
        }
    }
    lw.bind(n, &[y])
}

/// `Col2Im`: column `l` of block offset `o` of channel `c` adds to image position
/// `l * stride - pad_begin + o * dilation`. That is a transposed convolution of the columns
/// (reshaped to their block-position grid) with `C` groups of `K` input channels (`K` the
/// block size) and a one-hot `C*K x 1 x block` kernel, without pads; the begin pads are then
/// cropped and the end padded with zeros (or cropped) to the image size.
fn lower_col2im(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let xs = static_shape(lw, n, x, "Col2Im")?;
    let (_, e) = lw.shape_of(x);
    if !lw.ctx.type_kind(e).is_float() {
        return Err(n.unsupported("non-float input"));
    }
    let image = lw
        .const_ints(n, 1)?
        .ok_or_else(|| n.invalid("Col2Im needs image_shape"))?;
    let block = lw
        .const_ints(n, 2)?
        .ok_or_else(|| n.invalid("Col2Im needs block_shape"))?;
    let r = image.len();
    if r == 0 || block.len() != r || xs.len() != 3 {
        return Err(n.invalid("Col2Im needs N x (C * block) x L input and equal-length shapes"));
    }
    let w = win(n, r, &block)?;
    if image.iter().any(|&d| !(1..=1 << 24).contains(&d)) {
        return Err(n.invalid("image_shape out of range"));
    }
    let k: i64 = block.iter().product();
    if xs[1] % k != 0 {
        return Err(n.invalid("input channels are not a multiple of the block size"));
    }
    let c = xs[1] / k;
    let mut grid = Vec::with_capacity(r);
    for i in 0..r {
        let eff = (block[i] - 1) * w.dilations[i] + 1;
        let span = image[i] + w.pads[i] + w.pads[r + i] - eff;
        if span < 0 {
            return Err(n.invalid("the block does not fit the padded image"));
        }
        grid.push(span / w.strides[i] + 1);
    }
    if grid.iter().product::<i64>() != xs[2] {
        return Err(n.invalid(format!(
            "input has {} columns, the image and block give {}",
            xs[2],
            grid.iter().product::<i64>()
        )));
    }
    // Weight: C*K x 1 x block, w[(c, o), 0, o'] = [o == o'].
    let mut wshape = vec![c * k, 1];
    wshape.extend_from_slice(&block);
    let wn = checked_numel(&wshape, &lw.limits, &n.at)? as usize;
    let mut wv = vec![0.0; wn];
    for ch in 0..c as usize {
        for o in 0..k as usize {
            wv[(ch * k as usize + o) * k as usize + o] = 1.0;
        }
    }
    let weight = lw.tensor_const(n, &wshape, Values::Float(wv), e)?;
    let mut cols = vec![xs[0], xs[1]];
    cols.extend_from_slice(&grid);
    let cols = reshape(lw, n, x, &cols)?;
    let props = [
        ("strides", i64_array_attr(lw.ctx, &w.strides)),
        ("dilations", i64_array_attr(lw.ctx, &w.dilations)),
        ("pads", i64_array_attr(lw.ctx, &vec![0; 2 * r])),
        ("group", i64_attr(lw.ctx, c)),
    ];
    let y = lw.emit1(n, "graph.conv_transpose", &[cols, weight], &props)?;
    // The full transposed convolution starts at padded position 0: crop the begin pads,
    // and pad (or crop) the end to the image size.
    let (ys, _) = lw.shape_of(y);
    let mut pads = vec![0; 2 * (r + 2)];
    for i in 0..r {
        pads[2 + i] = -w.pads[i];
        pads[r + 4 + i] = image[i] - (ys[i + 2] - w.pads[i]);
    }
    let y = if pads.iter().any(|&p| p != 0) {
        zero_pad(lw, n, y, &pads)?
    } else {
        y
    };
    lw.bind(n, &[y])
}

/// `RoiAlign` (opsets 10-22; before opset 16 there is no `coordinate_transformation_mode`
/// and the boxes are not shifted, `"output_half_pixel"`).
fn lower_roi_align(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let xs = [lw.inp(n, 0)?, lw.inp(n, 1)?, lw.inp(n, 2)?];
    for v in &xs[..2] {
        let (_, e) = lw.shape_of(*v);
        if !lw.ctx.type_kind(e).is_float() {
            return Err(n.unsupported("non-float input"));
        }
    }
    let ctm = if n.opset < 16 {
        "output_half_pixel".to_string()
    } else {
        n.attrs
            .string("coordinate_transformation_mode")?
            .unwrap_or_else(|| "half_pixel".into())
    };
    let (_, e) = lw.shape_of(xs[0]);
    let scale = n.attrs.float("spatial_scale")?.unwrap_or(1.0);
    let props = [
        (
            "mode",
            lw.ctx
                .string_attr(&n.attrs.string("mode")?.unwrap_or_else(|| "avg".into())),
        ),
        ("coordinate_transformation_mode", lw.ctx.string_attr(&ctm)),
        (
            "output_height",
            i64_attr(lw.ctx, n.attrs.int_or("output_height", 1)?),
        ),
        (
            "output_width",
            i64_attr(lw.ctx, n.attrs.int_or("output_width", 1)?),
        ),
        (
            "sampling_ratio",
            i64_attr(lw.ctx, n.attrs.int_or("sampling_ratio", 0)?),
        ),
        ("spatial_scale", lw.float_for(f64::from(scale), e)),
    ];
    lw.emit(n, "graph.roi_align", &xs, &props)
}

/// `DeformConv` (opset 19+, 2-D as ONNX's reference); a mask without a bias gets a zero
/// bias.
fn lower_deform_conv(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let w = lw.inp(n, 1)?;
    let off = lw.inp(n, 2)?;
    let (xs, e) = lw.shape_of(x);
    if xs.len() != 4 {
        return Err(n.unsupported("DeformConv other than 2-D"));
    }
    if !lw.ctx.type_kind(e).is_float() {
        return Err(n.unsupported("non-float input"));
    }
    let bias = lw.opt_inp(n, 3)?;
    let mask = lw.opt_inp(n, 4)?;
    let mut ops = vec![x, w, off];
    match (bias, mask) {
        (Some(b), m) => {
            ops.push(b);
            ops.extend(m);
        }
        (None, Some(m)) => {
            let ws = static_shape(lw, n, w, "DeformConv with a mask and no bias")?;
            let zeros = vec![0.0; ws[0].clamp(0, 1 << 24) as usize];
            let b = lw.tensor_const(n, &ws[..1], Values::Float(zeros), e)?;
            ops.push(b);
            ops.push(m);
        }
        (None, None) => {}
    }
    if let Some(k) = n.attrs.ints("kernel_shape")? {
        let (ws, _) = lw.shape_of(w);
        if ws.len() != 4 || ws[2..] != k[..] {
            return Err(n.invalid("kernel_shape does not match the weight"));
        }
    }
    let mut props = vec![
        ("group", i64_attr(lw.ctx, n.attrs.int_or("group", 1)?)),
        (
            "offset_group",
            i64_attr(lw.ctx, n.attrs.int_or("offset_group", 1)?),
        ),
    ];
    for name in ["strides", "dilations", "pads"] {
        if let Some(v) = n.attrs.ints(name)? {
            props.push((name, i64_array_attr(lw.ctx, &v)));
        }
    }
    lw.emit(n, "graph.deform_conv", &ops, &props)
}
