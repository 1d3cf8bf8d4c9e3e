//! Shape arithmetic of the graph dialect, shared with the interpreter, the ONNX importer and
//! the e-graph shape analysis.
//!
//! A shape is a slice of dimensions; a dimension is a size `>= 0` or [`DYN`] (`?`, any
//! negative value is read as dynamic). Every function here is total: malformed input (a
//! wrong rank, an out-of-range axis, a size that overflows `i64`) gives an `Err` with a message
//! suitable for a diagnostic, never a panic. Dynamic dimensions propagate: a result dimension
//! is static only when every dimension it depends on is.

use strata_ir::types::DYNAMIC;

/// The dynamic dimension marker (`?`), MLIR's `ShapedType::kDynamic`.
pub const DYN: i64 = DYNAMIC;

/// Whether `d` is a dynamic dimension.
pub fn is_dynamic(d: i64) -> bool {
    d < 0
}

/// Whether every dimension of `shape` is static.
pub fn is_static(shape: &[i64]) -> bool {
    shape.iter().all(|&d| d >= 0)
}

/// `2x?x3` (MLIR's shape spelling; `[]` for rank 0), for diagnostics.
pub fn format_shape(shape: &[i64]) -> String {
    if shape.is_empty() {
        return "[]".to_string();
    }
    let dims: Vec<String> = shape
        .iter()
        .map(|&d| {
            if is_dynamic(d) {
                "?".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    dims.join("x")
}

/// Whether two dimensions may be equal at run time (equal, or either dynamic).
pub fn dims_compatible(a: i64, b: i64) -> bool {
    is_dynamic(a) || is_dynamic(b) || a == b
}

/// Whether two shapes have the same rank and compatible dimensions.
pub fn shapes_compatible(a: &[i64], b: &[i64]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(&x, &y)| dims_compatible(x, y))
}

/// The more static of two compatible dimensions (`?` and `4` give `4`).
pub fn join_dim(a: i64, b: i64) -> i64 {
    if is_dynamic(a) {
        b
    } else {
        a
    }
}

/// The number of elements of a static shape (`None` when a dimension is dynamic or the
/// product overflows `u64`).
pub fn num_elements(shape: &[i64]) -> Option<u64> {
    shape.iter().try_fold(1u64, |acc, &d| {
        if is_dynamic(d) {
            None
        } else {
            acc.checked_mul(d as u64)
        }
    })
}

/// Numpy broadcast of two dimensions (`None` when incompatible). A dynamic dimension against
/// a static one other than 1 gives the static one (the run-time size must match it); against
/// 1 or `?` it stays dynamic.
pub fn broadcast_dim(a: i64, b: i64) -> Option<i64> {
    match (is_dynamic(a), is_dynamic(b)) {
        (true, true) => Some(DYN),
        (true, false) => Some(if b == 1 { DYN } else { b }),
        (false, true) => Some(if a == 1 { DYN } else { a }),
        (false, false) if a == b => Some(a),
        (false, false) if a == 1 => Some(b),
        (false, false) if b == 1 => Some(a),
        _ => None,
    }
}

/// The numpy (multidirectional) broadcast of two shapes: shapes are right-aligned, missing
/// leading dimensions count as 1, and each pair of dimensions must be equal or contain a 1.
///
/// ```
/// use strata_dialect_graph::shape::{broadcast_shapes, DYN};
/// assert_eq!(broadcast_shapes(&[8, 1, 6], &[7, 1]), Ok(vec![8, 7, 6]));
/// assert_eq!(broadcast_shapes(&[DYN, 3], &[4, 1]), Ok(vec![4, 3]));
/// assert!(broadcast_shapes(&[2, 3], &[4]).is_err());
/// ```
pub fn broadcast_shapes(a: &[i64], b: &[i64]) -> Result<Vec<i64>, String> {
    let rank = a.len().max(b.len());
    let mut out = vec![1; rank];
    for (i, o) in out.iter_mut().enumerate() {
        let da = if i + a.len() >= rank {
            a[i + a.len() - rank]
        } else {
            1
        };
        let db = if i + b.len() >= rank {
            b[i + b.len() - rank]
        } else {
            1
        };
        *o = broadcast_dim(da, db).ok_or_else(|| {
            format!(
                "shapes {} and {} are not broadcast-compatible",
                format_shape(a),
                format_shape(b)
            )
        })?;
    }
    Ok(out)
}

/// [`broadcast_shapes`] over any number of shapes (the empty list gives rank 0).
pub fn broadcast_all(shapes: &[&[i64]]) -> Result<Vec<i64>, String> {
    let mut acc: Vec<i64> = Vec::new();
    for s in shapes {
        acc = broadcast_shapes(&acc, s)?;
    }
    Ok(acc)
}

/// Whether `from` broadcasts to exactly `to` (ONNX unidirectional broadcasting: `from` has at
/// most the rank of `to`, and each right-aligned dimension is 1 or equal to `to`'s; dynamic
/// dimensions are assumed to fit).
pub fn unidirectional_broadcastable(from: &[i64], to: &[i64]) -> bool {
    if from.len() > to.len() {
        return false;
    }
    let off = to.len() - from.len();
    from.iter()
        .zip(&to[off..])
        .all(|(&f, &t)| f == 1 || dims_compatible(f, t))
}

/// An ONNX axis in `[-rank, rank - 1]`, made non-negative.
pub fn normalize_axis(axis: i64, rank: usize) -> Result<usize, String> {
    let r = rank as i64;
    if axis < -r || axis >= r {
        return Err(format!(
            "axis {axis} is out of range for rank {rank} (expected [{}, {}])",
            -r,
            r - 1
        ));
    }
    Ok(if axis < 0 { axis + r } else { axis } as usize)
}

/// [`normalize_axis`] on each of `axes`, which must be distinct once normalised.
pub fn normalize_axes(axes: &[i64], rank: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::with_capacity(axes.len());
    for &a in axes {
        let n = normalize_axis(a, rank)?;
        if out.contains(&n) {
            return Err(format!("axis {a} is repeated"));
        }
        out.push(n);
    }
    Ok(out)
}

/// Product of two dimensions, dynamic if either is (`Err` on overflow).
pub fn mul_dims(a: i64, b: i64) -> Result<i64, String> {
    if is_dynamic(a) || is_dynamic(b) {
        return Ok(DYN);
    }
    a.checked_mul(b)
        .ok_or_else(|| format!("dimension {a} * {b} overflows"))
}

/// Sum of dimensions, dynamic if any is (`Err` on overflow).
pub fn sum_dims(dims: &[i64]) -> Result<i64, String> {
    let mut acc: i64 = 0;
    for &d in dims {
        if is_dynamic(d) {
            return Ok(DYN);
        }
        acc = acc
            .checked_add(d)
            .ok_or_else(|| "dimension sum overflows".to_string())?;
    }
    Ok(acc)
}

/// The parameters of a sliding window along one spatial axis (convolution and pooling).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Window {
    /// Kernel size (may be [`DYN`] for convolutions with dynamic weights).
    pub kernel: i64,
    /// Stride (`>= 1`).
    pub stride: i64,
    /// Dilation (`>= 1`).
    pub dilation: i64,
    /// Padding before the first element.
    pub pad_begin: i64,
    /// Padding after the last element.
    pub pad_end: i64,
}

impl Window {
    /// The dilated kernel extent `dilation * (kernel - 1) + 1` (`None` on overflow or a
    /// dynamic kernel).
    pub fn effective_kernel(&self) -> Option<i64> {
        if is_dynamic(self.kernel) || self.kernel < 1 {
            return None;
        }
        self.dilation.checked_mul(self.kernel - 1)?.checked_add(1)
    }
}

fn padded(input: i64, w: &Window) -> Result<i64, String> {
    input
        .checked_add(w.pad_begin)
        .and_then(|v| v.checked_add(w.pad_end))
        .ok_or_else(|| "padded size overflows".to_string())
}

/// The output size of a convolution window along one axis:
/// `floor((input + pad_begin + pad_end - effective_kernel) / stride) + 1`. `Err` when the
/// padded input is smaller than the dilated kernel.
pub fn conv_output_dim(input: i64, w: &Window) -> Result<i64, String> {
    pool_output_dim(input, w, false)
}

/// The output size of a pooling window along one axis. With `ceil_mode`, the division rounds
/// up, but a last window that would start in the end padding is dropped (ONNX / PyTorch:
/// `if (out - 1) * stride >= input + pad_begin { out -= 1 }`).
pub fn pool_output_dim(input: i64, w: &Window, ceil_mode: bool) -> Result<i64, String> {
    if w.stride < 1 || w.dilation < 1 {
        return Err("strides and dilations must be positive".to_string());
    }
    if is_dynamic(input) || is_dynamic(w.kernel) {
        return Ok(DYN);
    }
    let k = w
        .effective_kernel()
        .ok_or_else(|| "dilated kernel size overflows".to_string())?;
    let p = padded(input, w)?;
    if p < k {
        return Err(format!(
            "padded input size {p} is smaller than the dilated kernel size {k}"
        ));
    }
    let span = p - k;
    let mut out = if ceil_mode {
        span.div_euclid(w.stride) + (span.rem_euclid(w.stride) != 0) as i64 + 1
    } else {
        span / w.stride + 1
    };
    if ceil_mode
        && (out - 1)
            .checked_mul(w.stride)
            .is_none_or(|s| s >= input + w.pad_begin)
    {
        out -= 1;
    }
    Ok(out)
}

/// The output size of a transposed convolution along one axis:
/// `stride * (input - 1) + output_padding + effective_kernel - pad_begin - pad_end`, which
/// must be positive.
pub fn conv_transpose_output_dim(
    input: i64,
    w: &Window,
    output_padding: i64,
) -> Result<i64, String> {
    if w.stride < 1 || w.dilation < 1 {
        return Err("strides and dilations must be positive".to_string());
    }
    if is_dynamic(input) || is_dynamic(w.kernel) {
        return Ok(DYN);
    }
    let k = w
        .effective_kernel()
        .ok_or_else(|| "dilated kernel size overflows".to_string())?;
    let out = (input - 1)
        .checked_mul(w.stride)
        .and_then(|v| v.checked_add(output_padding))
        .and_then(|v| v.checked_add(k))
        .and_then(|v| v.checked_sub(w.pad_begin))
        .and_then(|v| v.checked_sub(w.pad_end))
        .ok_or_else(|| "output size overflows".to_string())?;
    if out < 1 {
        return Err(format!("computed output size {out} is not positive"));
    }
    Ok(out)
}

/// The result shape of numpy `matmul`: 1-D operands are promoted (`[k]` to `[1, k]` on the
/// left, `[k, 1]` on the right) and the added dimension removed from the result; batch
/// dimensions broadcast; the contracted dimensions must be compatible.
pub fn matmul_shape(a: &[i64], b: &[i64]) -> Result<Vec<i64>, String> {
    if a.is_empty() || b.is_empty() {
        return Err("matmul operands must have rank >= 1".to_string());
    }
    let a2: Vec<i64> = if a.len() == 1 {
        vec![1, a[0]]
    } else {
        a.to_vec()
    };
    let b2: Vec<i64> = if b.len() == 1 {
        vec![b[0], 1]
    } else {
        b.to_vec()
    };
    let (m, ka) = (a2[a2.len() - 2], a2[a2.len() - 1]);
    let (kb, n) = (b2[b2.len() - 2], b2[b2.len() - 1]);
    if !dims_compatible(ka, kb) {
        return Err(format!(
            "contracting dimensions differ: {} (lhs {}) vs {} (rhs {})",
            format_shape(&[ka]),
            format_shape(a),
            format_shape(&[kb]),
            format_shape(b)
        ));
    }
    let mut out = broadcast_shapes(&a2[..a2.len() - 2], &b2[..b2.len() - 2])
        .map_err(|e| format!("batch dimensions: {e}"))?;
    if a.len() > 1 {
        out.push(m);
    }
    if b.len() > 1 {
        out.push(n);
    }
    Ok(out)
}

/// Whether `perm` is a permutation of `0..rank`.
pub fn is_permutation(perm: &[i64], rank: usize) -> bool {
    if perm.len() != rank {
        return false;
    }
    let mut seen = vec![false; rank];
    perm.iter().all(|&p| {
        usize::try_from(p)
            .ok()
            .filter(|&p| p < rank && !seen[p])
            .map(|p| seen[p] = true)
            .is_some()
    })
}

/// `shape` permuted: `out[i] = shape[perm[i]]`.
pub fn transpose_shape(shape: &[i64], perm: &[i64]) -> Result<Vec<i64>, String> {
    if !is_permutation(perm, shape.len()) {
        return Err(format!(
            "'perm' {perm:?} is not a permutation of the {} dimensions",
            shape.len()
        ));
    }
    Ok(perm.iter().map(|&p| shape[p as usize]).collect())
}

/// The result shape of ONNX `Reshape` of `input` to `target`. Without `allowzero`, a `0` in
/// `target` copies the input dimension at the same index; a single `-1` is inferred so that
/// the element count is preserved (dynamic if any input dimension is). With `allowzero`, `0`
/// is a literal zero and cannot be combined with `-1`.
pub fn reshape_shape(input: &[i64], target: &[i64], allowzero: bool) -> Result<Vec<i64>, String> {
    let mut out = Vec::with_capacity(target.len());
    let mut infer_at = None;
    for (i, &t) in target.iter().enumerate() {
        match t {
            -1 => {
                if infer_at.replace(i).is_some() {
                    return Err("'shape' has more than one -1".to_string());
                }
                out.push(DYN);
            }
            0 if !allowzero => {
                let d = *input.get(i).ok_or_else(|| {
                    format!(
                        "'shape' copies dimension {i} (0) but the input has rank {}",
                        input.len()
                    )
                })?;
                out.push(d);
            }
            t if t < 0 => return Err(format!("'shape' has an invalid dimension {t}")),
            t => out.push(t),
        }
    }
    if allowzero && infer_at.is_some() && target.contains(&0) {
        return Err("'shape' cannot hold both 0 and -1 when 'allowzero' is set".to_string());
    }
    // Dimensions copied by `0` cancel out between input and output, so `-1` can be
    // inferred even when they are dynamic.
    let copied = |i: usize| !allowzero && target.get(i) == Some(&0) && i < input.len();
    let in_count = input
        .iter()
        .enumerate()
        .filter(|&(i, _)| !copied(i))
        .try_fold(1u64, |acc, (_, &d)| {
            if is_dynamic(d) {
                None
            } else {
                acc.checked_mul(d as u64)
            }
        });
    let known: Option<u64> = out
        .iter()
        .enumerate()
        .filter(|&(i, _)| Some(i) != infer_at && !copied(i))
        .try_fold(1u64, |acc, (_, &d)| {
            if is_dynamic(d) {
                None
            } else {
                acc.checked_mul(d as u64)
            }
        });
    match (infer_at, in_count, known) {
        (Some(i), Some(n), Some(k)) => {
            if k == 0 || n % k != 0 {
                return Err(format!(
                    "cannot reshape {} into {}",
                    format_shape(input),
                    format_shape(target)
                ));
            }
            out[i] = i64::try_from(n / k).map_err(|_| "dimension overflows".to_string())?;
        }
        (None, Some(n), Some(k)) if n != k => {
            return Err(format!(
                "cannot reshape {} into {}",
                format_shape(input),
                format_shape(&out)
            ));
        }
        _ => {}
    }
    Ok(out)
}

/// The shape after reducing `axes` (already normalised): reduced dimensions become 1 with
/// `keepdims`, and are removed otherwise.
pub fn reduce_shape(shape: &[i64], axes: &[usize], keepdims: bool) -> Vec<i64> {
    shape
        .iter()
        .enumerate()
        .filter_map(|(i, &d)| match (axes.contains(&i), keepdims) {
            (false, _) => Some(d),
            (true, true) => Some(1),
            (true, false) => None,
        })
        .collect()
}

/// ONNX `Slice` bounds on a static dimension: the effective `(start, end)` after making
/// negative indices relative to the end and clamping (`[0, dim]` for positive steps,
/// `[-1, dim - 1]` for negative ones).
pub fn slice_bounds(dim: i64, start: i64, end: i64, step: i64) -> (i64, i64) {
    let adjust = |v: i64| if v < 0 { v.saturating_add(dim) } else { v };
    let (s, e) = (adjust(start), adjust(end));
    if dim <= 0 {
        return if step > 0 { (0, 0) } else { (-1, -1) };
    }
    if step > 0 {
        (s.clamp(0, dim), e.clamp(0, dim))
    } else {
        (s.clamp(0, dim - 1), e.clamp(-1, dim - 1))
    }
}

/// The size of an ONNX `Slice` along one axis (`step != 0`): `max(0, ceil((end - start) /
/// step))` on the clamped bounds, dynamic when `dim` is.
pub fn slice_dim(dim: i64, start: i64, end: i64, step: i64) -> i64 {
    if is_dynamic(dim) {
        return DYN;
    }
    if step == 0 {
        return 0;
    }
    let (s, e) = slice_bounds(dim, start, end, step);
    let (span, st) = if step > 0 {
        (e - s, step)
    } else {
        (s - e, step.saturating_neg())
    };
    if span <= 0 {
        0
    } else {
        span / st + (span % st != 0) as i64
    }
}

/// Chunk sizes of ONNX `Split` with `num_outputs` (opset 18): `ceil(dim / n)` each, the last
/// chunks smaller (possibly 0) so that they sum to `dim`. All dynamic when `dim` is.
pub fn split_sizes(dim: i64, num_outputs: usize) -> Vec<i64> {
    if is_dynamic(dim) || num_outputs == 0 {
        return vec![DYN; num_outputs];
    }
    let n = num_outputs as i64;
    let chunk = dim / n + (dim % n != 0) as i64;
    (0..n)
        .map(|i| (dim - i.saturating_mul(chunk)).clamp(0, chunk))
        .collect()
}

/// Row-major strides (in elements) of a static shape; `None` if the element count overflows
/// `usize`.
pub fn row_major_strides(shape: &[i64]) -> Option<Vec<usize>> {
    let mut strides = vec![0usize; shape.len()];
    let mut acc = 1usize;
    for i in (0..shape.len()).rev() {
        strides[i] = acc;
        acc = acc.checked_mul(usize::try_from(shape[i]).ok()?)?;
    }
    Some(strides)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broadcasting() {
        assert_eq!(broadcast_shapes(&[], &[3]), Ok(vec![3]));
        assert_eq!(broadcast_shapes(&[2, 1], &[1, 3]), Ok(vec![2, 3]));
        assert_eq!(broadcast_shapes(&[DYN], &[1]), Ok(vec![DYN]));
        assert_eq!(broadcast_shapes(&[DYN], &[DYN]), Ok(vec![DYN]));
        assert_eq!(broadcast_shapes(&[0], &[1]), Ok(vec![0]));
        assert!(broadcast_shapes(&[0], &[2]).is_err());
        assert_eq!(
            broadcast_all(&[&[2, 1, 1], &[3, 1], &[4]]),
            Ok(vec![2, 3, 4])
        );
        assert!(unidirectional_broadcastable(&[3, 1], &[2, 3, 4]));
        assert!(!unidirectional_broadcastable(&[2, 3, 4], &[3, 4]));
        assert!(!unidirectional_broadcastable(&[5], &[3, 4]));
    }

    #[test]
    fn axes() {
        assert_eq!(normalize_axis(-1, 3), Ok(2));
        assert!(normalize_axis(3, 3).is_err());
        assert!(normalize_axis(0, 0).is_err());
        assert!(normalize_axis(i64::MIN, 3).is_err());
        assert!(normalize_axes(&[0, -3], 3).is_err());
        assert_eq!(normalize_axes(&[2, 0], 3), Ok(vec![2, 0]));
    }

    #[test]
    fn windows() {
        let w = |kernel, stride, dilation, pb, pe| Window {
            kernel,
            stride,
            dilation,
            pad_begin: pb,
            pad_end: pe,
        };
        assert_eq!(conv_output_dim(224, &w(7, 2, 1, 3, 3)), Ok(112));
        assert_eq!(conv_output_dim(5, &w(3, 1, 2, 0, 0)), Ok(1));
        assert!(conv_output_dim(2, &w(3, 1, 1, 0, 0)).is_err());
        assert_eq!(conv_output_dim(DYN, &w(3, 1, 1, 1, 1)), Ok(DYN));
        assert_eq!(pool_output_dim(5, &w(2, 2, 1, 0, 0), false), Ok(2));
        assert_eq!(pool_output_dim(5, &w(2, 2, 1, 0, 0), true), Ok(3));
        // The last window would start in the padding only: dropped.
        assert_eq!(pool_output_dim(4, &w(2, 2, 1, 0, 1), true), Ok(2));
        assert_eq!(pool_output_dim(112, &w(3, 2, 1, 1, 1), false), Ok(56));
        assert_eq!(conv_transpose_output_dim(3, &w(3, 2, 1, 0, 0), 1), Ok(8));
        assert_eq!(conv_transpose_output_dim(4, &w(4, 2, 1, 1, 1), 0), Ok(8));
        assert!(conv_output_dim(i64::MAX, &w(3, 1, 1, 1, 1)).is_err());
        assert!(conv_output_dim(10, &w(i64::MAX, 1, 2, 0, 0)).is_err());
        assert!(conv_output_dim(10, &w(3, 0, 1, 0, 0)).is_err());
    }

    #[test]
    fn matmul() {
        assert_eq!(matmul_shape(&[2, 3], &[3, 4]), Ok(vec![2, 4]));
        assert_eq!(matmul_shape(&[3], &[3]), Ok(vec![]));
        assert_eq!(matmul_shape(&[3], &[5, 3, 4]), Ok(vec![5, 4]));
        assert_eq!(matmul_shape(&[5, 2, 3], &[3]), Ok(vec![5, 2]));
        assert_eq!(matmul_shape(&[1, 2, 3], &[7, 3, 4]), Ok(vec![7, 2, 4]));
        assert_eq!(matmul_shape(&[DYN, 3], &[DYN, 4]), Ok(vec![DYN, 4]));
        assert!(matmul_shape(&[2, 3], &[4, 5]).is_err());
        assert!(matmul_shape(&[], &[3]).is_err());
    }

    #[test]
    fn reshape() {
        assert_eq!(reshape_shape(&[2, 3, 4], &[0, -1], false), Ok(vec![2, 12]));
        assert_eq!(reshape_shape(&[2, 3, 4], &[-1], false), Ok(vec![24]));
        assert_eq!(
            reshape_shape(&[DYN, 3, 4], &[0, -1], false),
            Ok(vec![DYN, 12])
        );
        assert_eq!(
            reshape_shape(&[DYN, 3, 4], &[-1, 4], false),
            Ok(vec![DYN, 4])
        );
        assert_eq!(
            reshape_shape(&[2, DYN], &[0, 0, -1], false),
            Ok(vec![2, DYN, 1])
        );
        assert_eq!(
            reshape_shape(&[DYN, 12], &[0, 3, 4], false),
            Ok(vec![DYN, 3, 4])
        );
        assert_eq!(reshape_shape(&[0, 3], &[0, -1], true).ok(), None);
        assert_eq!(reshape_shape(&[0, 3], &[3, 0], true), Ok(vec![3, 0]));
        assert!(reshape_shape(&[2, 3], &[4, -1], false).is_err());
        assert!(reshape_shape(&[2, 3], &[-1, -1], false).is_err());
        assert!(reshape_shape(&[2, 3], &[7], false).is_err());
        assert!(reshape_shape(&[2], &[0, 0], false).is_err());
        assert!(reshape_shape(&[2, 3], &[-2, 3], false).is_err());
    }

    #[test]
    fn slices_and_splits() {
        assert_eq!(slice_dim(10, 0, i64::MAX, 1), 10);
        assert_eq!(slice_dim(10, -3, i64::MAX, 1), 3);
        assert_eq!(slice_dim(10, 1, 8, 3), 3);
        assert_eq!(slice_dim(10, -1, i64::MIN, -1), 10);
        assert_eq!(slice_dim(10, 9, 0, -2), 5);
        assert_eq!(slice_dim(10, 5, 2, 1), 0);
        assert_eq!(slice_dim(DYN, 0, 2, 1), DYN);
        assert_eq!(slice_dim(0, 0, 2, -1), 0);
        assert_eq!(slice_dim(3, 0, 3, i64::MIN), 0);
        assert_eq!(split_sizes(10, 3), vec![4, 4, 2]);
        assert_eq!(split_sizes(4, 3), vec![2, 2, 0]);
        assert_eq!(split_sizes(DYN, 2), vec![DYN, DYN]);
    }

    #[test]
    fn misc() {
        assert_eq!(format_shape(&[2, DYN, 3]), "2x?x3");
        assert_eq!(num_elements(&[2, 3]), Some(6));
        assert_eq!(num_elements(&[i64::MAX, i64::MAX, 4]), None);
        assert!(is_permutation(&[1, 0, 2], 3));
        assert!(!is_permutation(&[1, 1, 2], 3));
        assert!(!is_permutation(&[0, 1, 3], 3));
        assert_eq!(transpose_shape(&[2, 3, 4], &[2, 0, 1]), Ok(vec![4, 2, 3]));
        assert_eq!(reduce_shape(&[2, 3, 4], &[1], true), vec![2, 1, 4]);
        assert_eq!(reduce_shape(&[2, 3, 4], &[0, 2], false), vec![3]);
        assert_eq!(row_major_strides(&[2, 3, 4]), Some(vec![12, 4, 1]));
        assert_eq!(mul_dims(3, DYN), Ok(DYN));
        assert!(mul_dims(i64::MAX, 2).is_err());
        assert_eq!(sum_dims(&[1, 2, 3]), Ok(6));
    }
}
