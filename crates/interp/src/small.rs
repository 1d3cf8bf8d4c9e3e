//! The small element types (8- and 4-bit floats, 4- and 2-bit integers, stored one per byte
//! as [`dtype`](crate::dtype) describes) and ONNX `Cast` to and from them
//! ([`Tensor::cast_with`]), matching ONNX's reference (`onnx/reference/ops/op_cast.py`,
//! which casts through `ml_dtypes` and `onnx.numpy_helper`):
//!
//! * from a small float: its exact value, then the usual rules of [`cast`](crate::cast)
//!   (or the rules below when the target is small too);
//! * from `i4`/`ui4`/`i2`/`ui2`: its value, as from any integer;
//! * to `f8E5M2`, `f8E4M3FN`, `f8E5M2FNUZ`, `f8E4M3FNUZ`: round to nearest even; with
//!   `saturate` values beyond the largest finite one (infinities included) become it,
//!   without they become infinity (`f8E5M2`) or NaN ([`strata_ir::minifloat::encode`]);
//! * to `f4E2M1FN`: round to nearest even, always saturating (`ml_dtypes`; ONNX's
//!   `saturate` only concerns the float8 types); NaN gives the zero of opposite sign;
//! * to `f8E8M0FNU`: ONNX's `to_float8e8m0`: the value is rounded to `f32`, its biased
//!   exponent is taken (ignoring the sign) and rounded by [`E8M0Round`]; NaN and infinities
//!   give NaN (`0xFF`); with `saturate` a round-up from the largest exponent (`0xFE`) is
//!   dropped instead of giving NaN;
//! * to the 4- and 2-bit integers: integers wrap modulo 2^N (two's complement); floats are
//!   truncated toward zero (NaN gives 0, values beyond 64 bits saturate to them) and then
//!   wrap, which is what `astype` gives in ONNX's reference for every in-range float
//!   (ONNX leaves out-of-range conversions undefined).

use crate::cast::cast_data;
use crate::dtype::DType;
use crate::error::{bail, Result};
use crate::tensor::{Data, Tensor};
use strata_ir::minifloat;
use strata_ir::FloatKind;

/// How a cast to `f8E8M0FNU` rounds the exponent (ONNX `Cast`'s `round_mode`, opset 25).
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub enum E8M0Round {
    /// Any nonzero fraction rounds the exponent up (the default).
    #[default]
    Up,
    /// The fraction is dropped.
    Down,
    /// By the first dropped fraction bit (ONNX's guard/round/sticky rule).
    Nearest,
}

impl E8M0Round {
    /// The mode named `s` (`"up"`, `"down"`, `"nearest"`).
    pub fn from_name(s: &str) -> Option<E8M0Round> {
        Some(match s {
            "up" => E8M0Round::Up,
            "down" => E8M0Round::Down,
            "nearest" => E8M0Round::Nearest,
            _ => return None,
        })
    }
}

/// The options of ONNX `Cast` that only matter for the small float targets.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct CastOptions {
    /// Saturate out-of-range values of float8 targets (ONNX `saturate`, default true).
    pub saturate: bool,
    /// The rounding of `f8E8M0FNU` targets.
    pub round_mode: E8M0Round,
}

impl Default for CastOptions {
    fn default() -> Self {
        CastOptions {
            saturate: true,
            round_mode: E8M0Round::Up,
        }
    }
}

/// `x` (truncated toward zero, NaN 0, saturated to 64 bits) wrapped to a 4- or 2-bit dtype
/// and stored as that dtype's storage element.
fn wrap_int(dtype: DType, v: i128) -> i128 {
    let bits = dtype.bits();
    let m = v & ((1i128 << bits) - 1);
    if dtype.is_signed() && m >= 1i128 << (bits - 1) {
        m - (1i128 << bits)
    } else {
        m
    }
}

fn trunc_i64(x: f64) -> i128 {
    if x.is_nan() {
        0
    } else {
        x.trunc().clamp(i64::MIN as f64, i64::MAX as f64) as i64 as i128
    }
}

/// Storage of 4- and 2-bit integer values (already in range).
fn small_int_data(dtype: DType, vals: impl Iterator<Item = i128>) -> Data {
    if dtype.is_signed() {
        Data::I8(vals.map(|v| v as i8).collect())
    } else {
        Data::U8(vals.map(|v| v as u8).collect())
    }
}

/// Elements of small dtype `dtype` converted from `f64` values as
/// [`Element::from_f64`](crate::Element::from_f64) converts: floats round to nearest even
/// (overflow as `APFloat`: infinity or NaN); integers truncate toward zero and saturate to
/// their range (NaN gives 0).
pub(crate) fn from_f64s(dtype: DType, values: &[f64]) -> Data {
    if let Some(k) = dtype.small_float() {
        return Data::U8(
            values
                .iter()
                .map(|&x| minifloat::encode(k, x, false) as u8)
                .collect(),
        );
    }
    let bits = dtype.bits();
    let (lo, hi) = if dtype.is_signed() {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    };
    small_int_data(dtype, values.iter().map(|&x| trunc_i64(x).clamp(lo, hi)))
}

/// Elements of small dtype `dtype` from bit patterns (the low bits of each): small floats
/// keep the pattern, `i4`/`i2` are sign-extended, `ui4`/`ui2` zero-extended.
pub(crate) fn from_bits(dtype: DType, bits: &[u64]) -> Data {
    let w = dtype.bits();
    let mask = (1u64 << w) - 1;
    if dtype.small_float().is_some() || !dtype.is_signed() {
        return Data::U8(bits.iter().map(|&b| (b & mask) as u8).collect());
    }
    let shift = 8 - w;
    Data::I8(
        bits.iter()
            .map(|&b| (((b & mask) as u8) << shift) as i8 >> shift)
            .collect(),
    )
}

/// ONNX's `to_float8e8m0` of one `f32`.
pub fn f32_to_e8m0(x: f32, saturate: bool, mode: E8M0Round) -> u8 {
    let bits = x.to_bits();
    let exponent = (bits >> 23) & 0xFF;
    if exponent == 0xFF {
        return 0xFF;
    }
    let round_up = match mode {
        E8M0Round::Down => false,
        E8M0Round::Up => bits & 0x7F_FFFF != 0,
        E8M0Round::Nearest => {
            let g = bits & 0x40_0000 != 0;
            let r = bits & 0x20_0000 != 0;
            let s = bits & 0x1F_FFFF != 0;
            let lsb = exponent > 0;
            g && (r || s || lsb)
        }
    };
    if round_up && !(saturate && exponent == 0xFE) {
        (exponent + 1) as u8
    } else {
        exponent as u8
    }
}

/// `f64` values of any data (small floats decoded, integers exactly where `f64` holds them).
fn values_f64(t: &Tensor) -> Vec<f64> {
    t.to_f64_vec()
}

/// The exact integer values of integer or bool data, `None` for floats.
fn int_values(t: &Tensor) -> Option<Vec<i128>> {
    if t.dtype().is_float() {
        return None;
    }
    crate::ops::graph::int_values(t).ok()
}

impl Tensor {
    /// This tensor converted to `to` with ONNX `Cast` semantics and options (see the
    /// [`cast`](crate::cast) and [`small`](self) module documentation).
    pub fn cast_with(&self, to: DType, opts: CastOptions) -> Result<Tensor> {
        let from = self.dtype();
        if !from.is_small() && !to.is_small() {
            return self.cast(to);
        }
        if from == to {
            return Ok(self.clone());
        }
        let shape = self.shape().to_vec();
        // Small sources: read as f64 (floats, exact) or as their integer storage.
        let data = match to.small_float() {
            Some(FloatKind::F8E8M0FNU) => {
                // ONNX converts to f32 first (correctly rounded, as numpy does).
                let v = self.source_as(DType::F32)?;
                let Data::F32(v) = v else {
                    bail!("internal: f32 cast gave {}", v.storage_dtype());
                };
                Data::U8(
                    v.iter()
                        .map(|&x| f32_to_e8m0(x, opts.saturate, opts.round_mode))
                        .collect(),
                )
            }
            Some(k) => {
                let saturate = opts.saturate || k == FloatKind::F4E2M1FN;
                let vals = match int_values(self) {
                    // Integers beyond 2^53 round to f64 first; every such value overflows
                    // these formats anyway.
                    Some(iv) => iv.into_iter().map(|x| x as f64).collect(),
                    None => values_f64(self),
                };
                Data::U8(
                    vals.into_iter()
                        .map(|x| minifloat::encode(k, x, saturate) as u8)
                        .collect(),
                )
            }
            None if to.is_small() => {
                let vals: Vec<i128> = match int_values(self) {
                    Some(iv) => iv,
                    None => values_f64(self).into_iter().map(trunc_i64).collect(),
                };
                small_int_data(to, vals.into_iter().map(|v| wrap_int(to, v)))
            }
            None => self.source_as(to)?,
        };
        Tensor::new(to, shape, data)
    }

    /// This tensor's data converted to a standard (not small) dtype: small floats through
    /// their exact `f64` values, small integers through their storage.
    fn source_as(&self, to: DType) -> Result<Data> {
        if self.dtype().small_float().is_some() {
            return Ok(cast_data(&Data::F64(self.to_f64_vec()), to));
        }
        Ok(cast_data(self.data(), to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f32s(v: &[f32]) -> Tensor {
        Tensor::from_vec(vec![v.len()], v.to_vec()).unwrap()
    }

    fn bits(t: &Tensor) -> Vec<u8> {
        t.as_slice::<u8>().unwrap().to_vec()
    }

    /// Expected values computed with onnx 1.23.2's reference (`Cast` through `ml_dtypes`).
    #[test]
    fn float8_casts_match_onnx() {
        let x = f32s(&[
            f32::NAN,
            -f32::NAN,
            f32::INFINITY,
            f32::NEG_INFINITY,
            7.0,
            -7.0,
            0.25,
            0.75,
            2.5,
            5.0,
            1e30,
            -0.0,
        ]);
        let sat = CastOptions::default();
        let e4m3 = x.cast_with(DType::F8E4M3FN, sat).unwrap();
        assert_eq!(
            bits(&e4m3),
            [0x7f, 0xff, 0x7e, 0xfe, 0x4e, 0xce, 0x28, 0x34, 0x42, 0x4a, 0x7e, 0x80]
        );
        let nosat = CastOptions {
            saturate: false,
            ..sat
        };
        // Without saturation, as ml_dtypes' astype.
        let cases: [(DType, [u8; 12]); 5] = [
            (
                DType::F4E2M1,
                [0x8, 0x0, 0x7, 0xf, 0x7, 0xf, 0x0, 0x2, 0x4, 0x6, 0x7, 0x8],
            ),
            (
                DType::F8E4M3FN,
                [
                    0x7f, 0xff, 0x7f, 0xff, 0x4e, 0xce, 0x28, 0x34, 0x42, 0x4a, 0x7f, 0x80,
                ],
            ),
            (
                DType::F8E4M3FNUZ,
                [
                    0x80, 0x80, 0x80, 0x80, 0x56, 0xd6, 0x30, 0x3c, 0x4a, 0x52, 0x80, 0x0,
                ],
            ),
            (
                DType::F8E5M2,
                [
                    0x7e, 0xfe, 0x7c, 0xfc, 0x47, 0xc7, 0x34, 0x3a, 0x41, 0x45, 0x7c, 0x80,
                ],
            ),
            (
                DType::F8E5M2FNUZ,
                [
                    0x80, 0x80, 0x80, 0x80, 0x4b, 0xcb, 0x38, 0x3e, 0x45, 0x49, 0x80, 0x0,
                ],
            ),
        ];
        for (dt, want) in cases {
            assert_eq!(bits(&x.cast_with(dt, nosat).unwrap()), want, "{dt}");
        }
        // And back: exact values.
        let back = e4m3.cast_with(DType::F32, sat).unwrap();
        let v = back.as_slice::<f32>().unwrap();
        assert!(v[0].is_nan() && v[1].is_nan());
        assert_eq!(
            &v[2..],
            &[448.0, -448.0, 7.0, -7.0, 0.25, 0.75, 2.5, 5.0, 448.0, -0.0]
        );
    }

    /// ONNX's `to_float8e8m0` on the inputs of its node test, in every mode.
    #[test]
    fn e8m0_rounding_modes() {
        let x = f32s(&[0.0, 0.124, 0.25, 0.5, 1.1, 2.0, 4.0, 8.0, -3.0, f32::NAN]);
        let up = x.cast_with(DType::F8E8M0, CastOptions::default()).unwrap();
        assert_eq!(bits(&up), [0, 124, 125, 126, 128, 128, 129, 130, 129, 255]);
        let v = up.cast_with(DType::F32, CastOptions::default()).unwrap();
        assert_eq!(v.as_slice::<f32>().unwrap()[0], 2f32.powi(-127));
        let down = CastOptions {
            round_mode: E8M0Round::Down,
            ..CastOptions::default()
        };
        assert_eq!(
            bits(&x.cast_with(DType::F8E8M0, down).unwrap()),
            [0, 123, 125, 126, 127, 128, 129, 130, 128, 255]
        );
        // 1.5 * 2^127 rounds up past the largest exponent: NaN unless saturating.
        let big = f32s(&[1.5 * 2f32.powi(127)]);
        let nosat = CastOptions {
            saturate: false,
            ..CastOptions::default()
        };
        assert_eq!(bits(&big.cast_with(DType::F8E8M0, nosat).unwrap()), [0xFF]);
        assert_eq!(
            bits(
                &big.cast_with(DType::F8E8M0, CastOptions::default())
                    .unwrap()
            ),
            [0xFE]
        );
        let near = CastOptions {
            round_mode: E8M0Round::Nearest,
            ..CastOptions::default()
        };
        assert_eq!(
            bits(
                &f32s(&[1.4, 1.5, 1.6])
                    .cast_with(DType::F8E8M0, near)
                    .unwrap()
            ),
            [127, 128, 128]
        );
    }

    /// ml_dtypes' `astype` to int4/uint4/int2/uint2 for in-range floats, and integer wrap.
    #[test]
    fn small_int_casts() {
        let x = f32s(&[-9.7, 9.7, f32::NAN, 200.0, -200.0, 2.5, -2.5, 3.5]);
        let o = CastOptions::default();
        let i4 = x.cast_with(DType::I4, o).unwrap();
        assert_eq!(i4.as_slice::<i8>().unwrap(), &[7, -7, 0, -8, -8, 2, -2, 3]);
        let u4 = x.cast_with(DType::U4, o).unwrap();
        assert_eq!(u4.as_slice::<u8>().unwrap(), &[7, 9, 0, 8, 8, 2, 14, 3]);
        let i2 = x.cast_with(DType::I2, o).unwrap();
        assert_eq!(i2.as_slice::<i8>().unwrap(), &[-1, 1, 0, 0, 0, -2, -2, -1]);
        let u2 = x.cast_with(DType::U2, o).unwrap();
        assert_eq!(u2.as_slice::<u8>().unwrap(), &[3, 1, 0, 0, 0, 2, 2, 3]);
        let w = Tensor::from_vec(vec![4], vec![1000i32, -1000, 17, 300]).unwrap();
        let wi = w.cast_with(DType::I4, o).unwrap();
        assert_eq!(wi.as_slice::<i8>().unwrap(), &[-8, -8, 1, -4]);
        // Back to wider types: values.
        let back = wi.cast_with(DType::I32, o).unwrap();
        assert_eq!(back.as_slice::<i32>().unwrap(), &[-8, -8, 1, -4]);
        let f = u4.cast_with(DType::F16, o).unwrap();
        assert_eq!(f.to_f64_vec(), [7.0, 9.0, 0.0, 8.0, 8.0, 2.0, 14.0, 3.0]);
        // Small to small: through the value.
        let g = i4.cast_with(DType::F8E4M3FN, o).unwrap();
        assert_eq!(g.to_f64_vec(), [7.0, -7.0, 0.0, -8.0, -8.0, 2.0, -2.0, 3.0]);
    }
}
