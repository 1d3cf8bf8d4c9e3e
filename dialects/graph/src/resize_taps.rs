//! The sampling arithmetic of `graph.resize` (ONNX `Resize`, after the reference
//! implementation `onnx/reference/ops/op_resize.py`): where an output position reads from
//! (the coordinate transformation modes), the weights of the interpolation kernels, and the
//! taps of an axis. The interpreter and `graph-to-tensor` both use it, so the compiled code
//! sums exactly the interpreter's weights in the interpreter's order.

/// Python's `math.isclose(a, b)` with its default tolerances (relative 1e-9, absolute 0).
pub fn isclose(a: f64, b: f64) -> bool {
    a == b || (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// How one axis is resized.
pub struct Axis<'a> {
    /// The `coordinate_transformation_mode`.
    pub ctm: &'a str,
    /// The input length.
    pub len: usize,
    /// The output length.
    pub out: usize,
    /// The scale (output over input length, or the `scales` input).
    pub scale: f64,
    /// `(start, end)` of the crop box (`tf_crop_and_resize` only).
    pub roi: Option<(f64, f64)>,
}

impl Axis<'_> {
    /// The input coordinate of output position `y`, and whether it lies outside the input.
    pub fn source(&self, y: f64) -> Result<(f64, bool), String> {
        let l = self.len as f64;
        let w = self.scale * l;
        let s = self.scale;
        Ok(match self.ctm {
            "half_pixel" => ((y + 0.5) / s - 0.5, false),
            "half_pixel_symmetric" => {
                let adjustment = self.out as f64 / w;
                let offset = l / 2.0 * (1.0 - adjustment);
                (offset + (y + 0.5) / s - 0.5, false)
            }
            "pytorch_half_pixel" if w == 1.0 => (-0.5, false),
            "pytorch_half_pixel" => ((y + 0.5) / s - 0.5, false),
            "align_corners" if w == 1.0 => (0.0, false),
            "align_corners" => (y * (l - 1.0) / (w - 1.0), false),
            "asymmetric" => (y / s, false),
            "tf_crop_and_resize" => {
                let (start, end) = self.roi.ok_or("'tf_crop_and_resize' requires 'roi'")?;
                let x = if w == 1.0 {
                    (end - start) * (l - 1.0) / 2.0
                } else {
                    y * (end - start) * (l - 1.0) / (w - 1.0)
                };
                let x = x + start * (l - 1.0);
                (x, x < 0.0 || x > l - 1.0)
            }
            other => return Err(format!("unknown coordinate_transformation_mode '{other}'")),
        })
    }
    /// Whether the axis is left as it is (scale 1, same length, full crop box).
    pub fn identity(&self) -> bool {
        isclose(self.scale, 1.0)
            && self.out == self.len
            && self
                .roi
                .is_none_or(|(s, e)| isclose(s, 0.0) && isclose(e, 1.0))
    }
}

/// The interpolation kernel.
pub enum Kernel<'a> {
    /// `nearest` with its `nearest_mode`.
    Nearest(&'a str),
    /// `linear`.
    Linear {
        /// Whether downscaling widens the kernel.
        antialias: bool,
    },
    /// `cubic` with `cubic_coeff_a`.
    Cubic {
        /// The cubic coefficient.
        a: f64,
        /// Whether downscaling widens the kernel.
        antialias: bool,
    },
}

fn normalized(c: Vec<f64>) -> Vec<f64> {
    let sum: f64 = c.iter().sum();
    c.into_iter().map(|v| v / sum).collect()
}

impl Kernel<'_> {
    /// The weights of the neighbours of a coordinate with fractional part `ratio`.
    pub fn coeffs(&self, ratio: f64, scale: f64) -> Result<Vec<f64>, String> {
        Ok(match *self {
            Kernel::Nearest(mode) => {
                if ratio == ratio.trunc() {
                    return Ok(vec![0.0, 1.0]);
                }
                let (l, r) = match mode {
                    "round_prefer_floor" => (ratio <= 0.5, ratio > 0.5),
                    "round_prefer_ceil" => (ratio < 0.5, ratio >= 0.5),
                    "floor" => (true, false),
                    "ceil" => (false, true),
                    other => return Err(format!("unknown nearest_mode '{other}'")),
                };
                vec![f64::from(u8::from(l)), f64::from(u8::from(r))]
            }
            Kernel::Linear { antialias: false } => vec![1.0 - ratio, ratio],
            Kernel::Linear { antialias: true } => {
                let s = scale.min(1.0);
                let start = (-1.0 / s).floor() + 1.0;
                let footprint = 2.0 - 2.0 * start;
                let c: Vec<f64> = (0..footprint as usize)
                    .map(|i| (1.0 - ((start + i as f64 - ratio) * s).abs()).clamp(0.0, 1.0))
                    .collect();
                normalized(c)
            }
            Kernel::Cubic {
                a,
                antialias: false,
            } => {
                let (r, q) = (ratio, 1.0 - ratio);
                vec![
                    ((a * (r + 1.0) - 5.0 * a) * (r + 1.0) + 8.0 * a) * (r + 1.0) - 4.0 * a,
                    ((a + 2.0) * r - (a + 3.0)) * r * r + 1.0,
                    ((a + 2.0) * q - (a + 3.0)) * q * q + 1.0,
                    ((a * (q + 1.0) - 5.0 * a) * (q + 1.0) + 8.0 * a) * (q + 1.0) - 4.0 * a,
                ]
            }
            Kernel::Cubic { a, antialias: true } => {
                let s = scale.min(1.0);
                let keys = |x: f64| {
                    let x = x.abs();
                    let (x2, x3) = (x * x, x * x * x);
                    if x <= 1.0 {
                        (a + 2.0) * x3 - (a + 3.0) * x2 + 1.0
                    } else if x < 2.0 {
                        a * x3 - 5.0 * a * x2 + 8.0 * a * x - 4.0 * a
                    } else {
                        0.0
                    }
                };
                let start = (-2.0 / s).floor() + 1.0;
                let end = 2.0 - start;
                let c: Vec<f64> = (0..(end - start) as usize)
                    .map(|i| keys(s * (start + i as f64 - ratio)))
                    .collect();
                normalized(c)
            }
        })
    }
    /// The number of weights on an axis of scale `scale`.
    pub fn width(&self, scale: f64) -> f64 {
        let s = scale.min(1.0);
        match self {
            Kernel::Nearest(_) | Kernel::Linear { antialias: false } => 2.0,
            Kernel::Cubic {
                antialias: false, ..
            } => 4.0,
            Kernel::Linear { antialias: true } => 2.0 - 2.0 * ((-1.0 / s).floor() + 1.0),
            Kernel::Cubic {
                antialias: true, ..
            } => 2.0 - 2.0 * ((-2.0 / s).floor() + 1.0),
        }
    }
}

/// The taps of each output position of an axis: `(index, weight)` pairs, `None` where the
/// position is extrapolated.
pub type Taps = Vec<Option<Vec<(i64, f64)>>>;

/// The taps of every output position of `ax`: the `n` input positions nearest to its source
/// coordinate (ties to the smaller, clamped into `0..len`) with the kernel's weights
/// (renormalised over the positions inside the input with `exclude_outside`).
pub fn taps(ax: &Axis<'_>, kernel: &Kernel<'_>, exclude_outside: bool) -> Result<Taps, String> {
    let mut out = Vec::with_capacity(ax.out);
    let last = ax.len as i64 - 1;
    for o in 0..ax.out {
        let (x, extrapolated) = ax.source(o as f64)?;
        if extrapolated {
            out.push(None);
            continue;
        }
        let xi = x.floor();
        let ratio = if x == xi { 1.0 } else { x - xi };
        let mut c = kernel.coeffs(ratio, ax.scale)?;
        let n = c.len() as i64;
        let pad = (n + 1) / 2;
        let xp = x + pad as f64;
        let p = xp.floor();
        let frac = xp - p;
        let offset = if n % 2 == 0 {
            if frac == 0.0 {
                -(n / 2)
            } else {
                -(n / 2) + 1
            }
        } else if frac <= 0.5 {
            -((n - 1) / 2)
        } else {
            -((n - 1) / 2) + 1
        };
        if p.is_nan() || p.abs() >= 9.0e15 {
            return Err(format!("resize coordinate {x} out of range"));
        }
        let start = p as i64 + offset - pad;
        if exclude_outside {
            for (k, w) in c.iter_mut().enumerate() {
                let i = start + k as i64;
                if i < 0 || i > last {
                    *w = 0.0;
                }
            }
            let sum: f64 = c.iter().sum();
            let sum = if sum == 0.0 { 1.0 } else { sum };
            c.iter_mut().for_each(|w| *w /= sum);
        }
        let t = c
            .into_iter()
            .enumerate()
            .map(|(k, w)| ((start + k as i64).clamp(0, last), w))
            .collect();
        out.push(Some(t));
    }
    Ok(out)
}
