//! Comparing results with tolerances, as ONNX's backend test runner does
//! (`numpy.testing.assert_allclose(actual, expected, rtol, atol)` with `equal_nan`): dtypes
//! and shapes must be equal; float elements pass when `|a - e| <= atol + rtol * |e|`, NaN
//! must meet NaN and an infinity the same infinity; integer and bool elements must be equal.

use crate::tensor::{shape_str, Tensor};

/// The outcome of [`allclose`].
#[derive(Clone, PartialEq, Debug)]
pub struct Comparison {
    /// Whether the tensors agree within the tolerances.
    pub ok: bool,
    /// Dtype or shape mismatch (then no element is compared).
    pub structural: Option<String>,
    /// The largest `|a - e|` over elements where both are finite.
    pub max_abs_err: f64,
    /// The largest `|a - e| / |e|` over elements where both are finite and `e != 0`.
    pub max_rel_err: f64,
    /// How many elements fail the tolerance (NaN and infinity mismatches included).
    pub mismatches: usize,
    /// The first failing element (row-major index).
    pub first_mismatch: Option<usize>,
    /// The first element where exactly one side is NaN.
    pub nan_mismatch: Option<usize>,
    /// The number of elements compared.
    pub total: usize,
}

impl std::fmt::Display for Comparison {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(s) = &self.structural {
            return f.write_str(s);
        }
        write!(
            f,
            "{} of {} elements differ; max abs error {:e}, max rel error {:e}",
            self.mismatches, self.total, self.max_abs_err, self.max_rel_err
        )?;
        if let Some(i) = self.first_mismatch {
            write!(f, "; first at index {i}")?;
        }
        if let Some(i) = self.nan_mismatch {
            write!(f, "; NaN position mismatch at index {i}")?;
        }
        Ok(())
    }
}

/// Compare `actual` with `expected` (see the module documentation).
pub fn allclose(actual: &Tensor, expected: &Tensor, rtol: f64, atol: f64) -> Comparison {
    let mut c = Comparison {
        ok: true,
        structural: None,
        max_abs_err: 0.0,
        max_rel_err: 0.0,
        mismatches: 0,
        first_mismatch: None,
        nan_mismatch: None,
        total: expected.len(),
    };
    if actual.dtype() != expected.dtype() || actual.shape() != expected.shape() {
        c.ok = false;
        c.structural = Some(format!(
            "expected {} of shape {}, got {} of shape {}",
            expected.dtype(),
            shape_str(expected.shape()),
            actual.dtype(),
            shape_str(actual.shape())
        ));
        return c;
    }
    let float = expected.dtype().is_float();
    let (a, e) = (actual.to_f64_vec(), expected.to_f64_vec());
    let exact_ints = !float && actual.data() != expected.data();
    for (i, (&x, &y)) in a.iter().zip(&e).enumerate() {
        let bad = if x.is_nan() || y.is_nan() {
            if x.is_nan() != y.is_nan() && c.nan_mismatch.is_none() {
                c.nan_mismatch = Some(i);
            }
            x.is_nan() != y.is_nan()
        } else if x.is_infinite() || y.is_infinite() {
            x != y
        } else {
            let d = (x - y).abs();
            c.max_abs_err = c.max_abs_err.max(d);
            if y != 0.0 {
                c.max_rel_err = c.max_rel_err.max(d / y.abs());
            }
            if float {
                d > atol + rtol * y.abs()
            } else {
                // 64-bit integers beyond 2^53 may look equal as f64: compare exactly below.
                d != 0.0
            }
        };
        if bad {
            c.mismatches += 1;
            c.first_mismatch.get_or_insert(i);
        }
    }
    if exact_ints && c.mismatches == 0 {
        // Equal as f64 but different as integers (|values| > 2^53).
        c.mismatches = 1;
        c.first_mismatch = Some(0);
    }
    c.ok = c.mismatches == 0;
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tolerances_nan_and_inf() {
        let e =
            Tensor::from_vec(vec![5], vec![1.0f32, f32::NAN, f32::INFINITY, 0.0, 100.0]).unwrap();
        let a = Tensor::from_vec(
            vec![5],
            vec![1.0005f32, f32::NAN, f32::INFINITY, 1e-8, 100.05],
        )
        .unwrap();
        let c = allclose(&a, &e, 1e-3, 1e-7);
        assert!(c.ok, "{c}");
        assert!(c.max_abs_err > 0.04 && c.max_rel_err < 6e-4);
        let b =
            Tensor::from_vec(vec![5], vec![1.0f32, 0.0, f32::NEG_INFINITY, 0.0, 100.0]).unwrap();
        let c = allclose(&b, &e, 1e-3, 1e-7);
        assert!(!c.ok);
        assert_eq!(c.nan_mismatch, Some(1));
        assert_eq!(c.mismatches, 2);
        assert_eq!(c.first_mismatch, Some(1));
        let ints = Tensor::from_vec(vec![2], vec![i64::MAX, 1]).unwrap();
        let ints2 = Tensor::from_vec(vec![2], vec![i64::MAX - 1, 1]).unwrap();
        assert!(!allclose(&ints, &ints2, 1.0, 1.0).ok);
        let other = Tensor::from_vec(vec![1, 2], vec![i64::MAX, 1]).unwrap();
        assert!(allclose(&ints, &other, 0.0, 0.0).structural.is_some());
    }
}
