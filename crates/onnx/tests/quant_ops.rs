//! The quantization operators (`nodes_quant.rs`, `nodes_qlinear.rs`) checked against direct
//! loop implementations of ONNX's reference: `QuantizeLinear` and `DequantizeLinear` per
//! tensor, per axis and blocked (with a partial last block), every 8- and 16-bit integer
//! type, ties rounding to even and saturation; `DynamicQuantizeLinear` (including a constant
//! input, whose scale is 1); `MatMulInteger`, `ConvInteger`, `QLinearMatMul` and `QLinearConv`
//! with per-row, per-column and per-channel parameters; the 4- and 2-bit integer types and
//! the float8/float4 types (saturation on and off, ties to even, zero points); and the typed
//! errors of malformed parameters.

mod common;
use common::{close, data, import_err, run};

use strata_interp::{DType, Tensor};
use strata_onnx::proto::data_type::{FLOAT, INT16, INT32, INT8, UINT16, UINT8};
use strata_onnx::proto::{AttributeProto, ModelProto};
use strata_onnx::testgen::*;
use strata_onnx::ImportError;

/// A single-node model `op(inputs) -> outputs`, every input a graph input.
fn single(
    op: &str,
    inputs: &[(&str, i32, &[i64])],
    outputs: &[(&str, i32, &[i64])],
    attrs: Vec<AttributeProto>,
    opset: i64,
) -> ModelProto {
    let names: Vec<&str> = inputs.iter().map(|i| i.0).collect();
    let outs: Vec<&str> = outputs.iter().map(|o| o.0).collect();
    let g = graph(
        vec![node(op, "q", &names, &outs, attrs)],
        inputs.iter().map(|&(n, e, d)| value(n, e, d)).collect(),
        outputs.iter().map(|&(n, e, d)| value(n, e, d)).collect(),
        vec![],
    );
    model(g, opset)
}

fn f32s(shape: &[i64], v: &[f32]) -> Tensor {
    let s = shape.iter().map(|&d| d as usize).collect();
    Tensor::from_vec(s, v.to_vec()).unwrap()
}

/// An integer tensor of ONNX type `elem`.
fn ints_of(elem: i32, shape: &[i64], v: &[i64]) -> Tensor {
    let s: Vec<usize> = shape.iter().map(|&d| d as usize).collect();
    match elem {
        UINT8 => Tensor::from_vec(s, v.iter().map(|&x| x as u8).collect()),
        INT8 => Tensor::from_vec(s, v.iter().map(|&x| x as i8).collect()),
        UINT16 => Tensor::from_vec(s, v.iter().map(|&x| x as u16).collect()),
        INT16 => Tensor::from_vec(s, v.iter().map(|&x| x as i16).collect()),
        INT32 => Tensor::from_vec(s, v.iter().map(|&x| x as i32).collect()),
        _ => panic!("type {elem}"),
    }
    .unwrap()
}

/// The values of an integer output of ONNX type `elem` (which it must have).
fn ints(t: &Tensor, elem: i32) -> Vec<i64> {
    let v: Option<Vec<i64>> = match elem {
        UINT8 => t
            .as_slice::<u8>()
            .map(|s| s.iter().map(|&x| x.into()).collect()),
        INT8 => t
            .as_slice::<i8>()
            .map(|s| s.iter().map(|&x| x.into()).collect()),
        UINT16 => t
            .as_slice::<u16>()
            .map(|s| s.iter().map(|&x| x.into()).collect()),
        INT16 => t
            .as_slice::<i16>()
            .map(|s| s.iter().map(|&x| x.into()).collect()),
        INT32 => t
            .as_slice::<i32>()
            .map(|s| s.iter().map(|&x| x.into()).collect()),
        _ => None,
    };
    v.unwrap_or_else(|| panic!("output is not of type {elem}: {}", t.type_str()))
}

fn range(elem: i32) -> (i64, i64) {
    match elem {
        UINT8 => (0, 255),
        INT8 => (-128, 127),
        UINT16 => (0, 65535),
        INT16 => (-32768, 32767),
        _ => panic!("type {elem}"),
    }
}

/// The index into a scale of shape `pshape` for element `idx` of the data, as the
/// reference's `reshape_input` (one element, per axis, or blocked).
fn param_index(idx: &[usize], pshape: &[i64], axis: usize, block: usize) -> usize {
    let numel: i64 = pshape.iter().product();
    if numel == 1 {
        return 0;
    }
    if block == 0 {
        return idx[axis];
    }
    let mut flat = 0;
    for (d, &i) in idx.iter().enumerate() {
        let i = if d == axis { i / block } else { i };
        flat = flat * pshape[d] as usize + i;
    }
    flat
}

/// The multi-index of flat position `i` in `shape`.
fn unravel(mut i: usize, shape: &[i64]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        idx[d] = i % shape[d] as usize;
        i /= shape[d] as usize;
    }
    idx
}

/// One quantization layout: data shape, parameter shape, axis, block size.
type Layout<'a> = (&'a [i64], &'a [i64], i64, i64);

const LAYOUTS: &[Layout<'static>] = &[
    (&[2, 3, 4], &[], 1, 0),
    (&[2, 3, 4], &[1], 1, 0),
    (&[2, 3, 4], &[3], 1, 0),
    (&[2, 3, 4], &[4], -1, 0),
    (&[3, 5], &[3, 3], 1, 2),
    (&[4, 3], &[2, 3], 0, 2),
    (&[3, 5], &[3, 1], 1, 8),
];

fn layout_attrs(axis: i64, block: i64) -> Vec<AttributeProto> {
    let mut attrs = vec![attr_int("axis", axis)];
    if block != 0 {
        attrs.push(attr_int("block_size", block));
    }
    attrs
}

#[test]
fn quantize_linear_matches_reference() {
    for &(shape, pshape, axis, block) in LAYOUTS {
        let n: i64 = shape.iter().product();
        let pn: i64 = pshape.iter().product();
        // Scales 0.5 and 0.25 make many quotients exact ties (k + 0.5).
        let scale: Vec<f32> = (0..pn)
            .map(|i| [0.5f32, 0.25, 2.0][i as usize % 3])
            .collect();
        let mut x: Vec<f32> = data(n as usize, 11).iter().map(|v| v * 300.0).collect();
        for (i, v) in x.iter_mut().enumerate().step_by(3) {
            *v = (i as f32 - 10.0) * 0.25;
        }
        for elem in [UINT8, INT8, UINT16, INT16] {
            let (lo, hi) = range(elem);
            let zp: Vec<i64> = (0..pn)
                .map(|i| [3, -2, 100][i as usize % 3].clamp(lo, hi))
                .collect();
            let ushape: Vec<i64> = shape.to_vec();
            let m = single(
                "QuantizeLinear",
                &[
                    ("x", FLOAT, shape),
                    ("s", FLOAT, pshape),
                    ("z", elem, pshape),
                ],
                &[("y", elem, &ushape)],
                layout_attrs(axis, block),
                21,
            );
            let out = run(
                &m,
                vec![
                    f32s(shape, &x),
                    f32s(pshape, &scale),
                    ints_of(elem, pshape, &zp),
                ],
            );
            let a = if axis < 0 {
                axis + shape.len() as i64
            } else {
                axis
            } as usize;
            let want: Vec<i64> = (0..n as usize)
                .map(|i| {
                    let p = param_index(&unravel(i, shape), pshape, a, block as usize);
                    let q = (x[i] / scale[p]).round_ties_even() as i64 + zp[p];
                    q.clamp(lo, hi)
                })
                .collect();
            assert_eq!(
                ints(&out[0], elem),
                want,
                "{shape:?} {pshape:?} {axis} {block} {elem}"
            );
        }
    }
}

#[test]
fn quantize_linear_defaults_and_output_dtype() {
    let x = [-3.0f32, -0.5, 0.5, 1.5, 2.5, 200.0, -200.0, 40000.0];
    // No zero point: uint8 by default, or `output_dtype`.
    for (elem, attrs) in [
        (UINT8, vec![]),
        (INT16, vec![attr_int("output_dtype", INT16.into())]),
    ] {
        let m = single(
            "QuantizeLinear",
            &[("x", FLOAT, &[8]), ("s", FLOAT, &[])],
            &[("y", elem, &[8])],
            attrs,
            21,
        );
        let out = run(&m, vec![f32s(&[8], &x), f32s(&[], &[1.0])]);
        let (lo, hi) = range(elem);
        let want: Vec<i64> = x
            .iter()
            .map(|v| (v.round_ties_even() as i64).clamp(lo, hi))
            .collect();
        assert_eq!(ints(&out[0], elem), want);
    }
}

#[test]
fn dequantize_linear_matches_reference() {
    for &(shape, pshape, axis, block) in LAYOUTS {
        let n: i64 = shape.iter().product();
        let pn: i64 = pshape.iter().product();
        let scale: Vec<f32> = (0..pn).map(|i| 0.1 + i as f32 * 0.37).collect();
        for elem in [UINT8, INT8, UINT16, INT16] {
            let (lo, hi) = range(elem);
            let x: Vec<i64> = (0..n).map(|i| lo + (i * 7919) % (hi - lo + 1)).collect();
            let zp: Vec<i64> = (0..pn)
                .map(|i| [5, -3, 120][i as usize % 3].clamp(lo, hi))
                .collect();
            let m = single(
                "DequantizeLinear",
                &[
                    ("x", elem, shape),
                    ("s", FLOAT, pshape),
                    ("z", elem, pshape),
                ],
                &[("y", FLOAT, shape)],
                layout_attrs(axis, block),
                21,
            );
            let out = run(
                &m,
                vec![
                    ints_of(elem, shape, &x),
                    f32s(pshape, &scale),
                    ints_of(elem, pshape, &zp),
                ],
            );
            let a = if axis < 0 {
                axis + shape.len() as i64
            } else {
                axis
            } as usize;
            let want: Vec<f32> = (0..n as usize)
                .map(|i| {
                    let p = param_index(&unravel(i, shape), pshape, a, block as usize);
                    (x[i] as f32 - zp[p] as f32) * scale[p]
                })
                .collect();
            close(&out[0], &want);
        }
    }
}

#[test]
fn dequantize_linear_int32_without_zero_point() {
    let x = [-70000i64, -1, 0, 3, 1 << 20];
    let m = single(
        "DequantizeLinear",
        &[("x", INT32, &[5]), ("s", FLOAT, &[])],
        &[("y", FLOAT, &[5])],
        vec![],
        13,
    );
    let out = run(&m, vec![ints_of(INT32, &[5], &x), f32s(&[], &[0.5])]);
    let want: Vec<f32> = x.iter().map(|&v| v as f32 * 0.5).collect();
    close(&out[0], &want);
}

/// The reference's `DynamicQuantizeLinear` on `x`: `(y, scale, zero point)`.
fn dynamic_reference(x: &[f32]) -> (Vec<i64>, f32, i64) {
    let mx = x.iter().copied().fold(0f32, f32::max);
    let mn = x.iter().copied().fold(0f32, f32::min);
    let scale = if mx == mn { 1.0 } else { mx - mn } / 255.0;
    let zp = (0.0 - mn / scale).clamp(0.0, 255.0).round_ties_even();
    let y = x
        .iter()
        .map(|v| ((v / scale).round_ties_even() + zp).clamp(0.0, 255.0) as i64)
        .collect();
    (y, scale, zp as i64)
}

#[test]
fn dynamic_quantize_linear_matches_reference() {
    let inputs: [Vec<f32>; 4] = [
        data(12, 4),
        data(12, 5).iter().map(|v| v.abs() * 3.0).collect(),
        data(12, 6).iter().map(|v| -v.abs() * 7.0).collect(),
        vec![0.0; 12],
    ];
    for x in &inputs {
        let m = single(
            "DynamicQuantizeLinear",
            &[("x", FLOAT, &[3, 4])],
            &[("y", UINT8, &[3, 4]), ("s", FLOAT, &[]), ("z", UINT8, &[])],
            vec![],
            11,
        );
        let out = run(&m, vec![f32s(&[3, 4], x)]);
        let (y, scale, zp) = dynamic_reference(x);
        assert_eq!(ints(&out[0], UINT8), y, "{x:?}");
        assert_eq!(out[1].as_slice::<f32>().unwrap(), &[scale]);
        assert_eq!(ints(&out[2], UINT8), vec![zp]);
    }
}

/// `(a - azp[row]) @ (b - bzp[col])` over `m x k` and `k x n` integer matrices.
fn int_matmul(
    a: &[i64],
    azp: &[i64],
    b: &[i64],
    bzp: &[i64],
    (m, k, n): (usize, usize, usize),
) -> Vec<i64> {
    let at = |z: &[i64], i: usize| if z.len() == 1 { z[0] } else { z[i] };
    let mut c = vec![0; m * n];
    for i in 0..m {
        for j in 0..n {
            c[i * n + j] = (0..k)
                .map(|p| (a[i * k + p] - at(azp, i)) * (b[p * n + j] - at(bzp, j)))
                .sum();
        }
    }
    c
}

#[test]
fn matmul_integer_per_row_and_column() {
    let (m, k, n) = (3usize, 5usize, 4usize);
    let a: Vec<i64> = (0..m * k).map(|i| ((i * 37) % 256) as i64 - 128).collect();
    let b: Vec<i64> = (0..k * n).map(|i| ((i * 53) % 256) as i64).collect();
    for (azp, bzp) in [(vec![-3], vec![7]), (vec![1, -5, 9], vec![0, 200, 13, 255])] {
        let mm = single(
            "MatMulInteger",
            &[
                ("a", INT8, &[m as i64, k as i64]),
                ("b", UINT8, &[k as i64, n as i64]),
                ("az", INT8, &[azp.len() as i64]),
                ("bz", UINT8, &[bzp.len() as i64]),
            ],
            &[("y", INT32, &[m as i64, n as i64])],
            vec![],
            10,
        );
        let out = run(
            &mm,
            vec![
                ints_of(INT8, &[m as i64, k as i64], &a),
                ints_of(UINT8, &[k as i64, n as i64], &b),
                ints_of(INT8, &[azp.len() as i64], &azp),
                ints_of(UINT8, &[bzp.len() as i64], &bzp),
            ],
        );
        assert_eq!(
            ints(&out[0], INT32),
            int_matmul(&a, &azp, &b, &bzp, (m, k, n))
        );
    }
}

#[test]
fn qlinear_matmul_matches_reference() {
    let (m, k, n) = (2usize, 6usize, 3usize);
    let a: Vec<i64> = (0..m * k).map(|i| ((i * 91) % 256) as i64 - 128).collect();
    let b: Vec<i64> = (0..k * n).map(|i| ((i * 29) % 256) as i64 - 128).collect();
    let (sa, sb, sy) = (0.0125f32, 0.03f32, 0.07f32);
    let (za, zb, zy) = (4i64, -9i64, 11i64);
    let mm = single(
        "QLinearMatMul",
        &[
            ("a", INT8, &[m as i64, k as i64]),
            ("sa", FLOAT, &[]),
            ("za", INT8, &[]),
            ("b", INT8, &[k as i64, n as i64]),
            ("sb", FLOAT, &[]),
            ("zb", INT8, &[]),
            ("sy", FLOAT, &[]),
            ("zy", INT8, &[]),
        ],
        &[("y", INT8, &[m as i64, n as i64])],
        vec![],
        10,
    );
    let out = run(
        &mm,
        vec![
            ints_of(INT8, &[m as i64, k as i64], &a),
            f32s(&[], &[sa]),
            ints_of(INT8, &[], &[za]),
            ints_of(INT8, &[k as i64, n as i64], &b),
            f32s(&[], &[sb]),
            ints_of(INT8, &[], &[zb]),
            f32s(&[], &[sy]),
            ints_of(INT8, &[], &[zy]),
        ],
    );
    let c = int_matmul(&a, &[za], &b, &[zb], (m, k, n));
    let mult = f64::from(sa * sb / sy);
    let want: Vec<i64> = c
        .iter()
        .map(|&v| ((v as f64 * mult + zy as f64).round_ties_even() as i64).clamp(-128, 127))
        .collect();
    assert_eq!(ints(&out[0], INT8), want);
}

/// A 2-D convolution (`N = 1`, one group, stride 1) of `c x h x w` data with `m x c x kh x
/// kw` weights and symmetric padding `p`, over centred integer values.
fn conv_reference(
    x: &[i64],
    (c, h, w): (usize, usize, usize),
    wt: &[i64],
    (m, kh, kw): (usize, usize, usize),
    p: usize,
) -> Vec<i64> {
    let (oh, ow) = (h + 2 * p - kh + 1, w + 2 * p - kw + 1);
    let mut y = vec![0; m * oh * ow];
    for o in 0..m {
        for i in 0..oh {
            for j in 0..ow {
                let mut s = 0;
                for ci in 0..c {
                    for u in 0..kh {
                        for v in 0..kw {
                            let (r, q) = ((i + u) as i64 - p as i64, (j + v) as i64 - p as i64);
                            if r < 0 || q < 0 || r >= h as i64 || q >= w as i64 {
                                continue;
                            }
                            let xv = x[(ci * h + r as usize) * w + q as usize];
                            s += xv * wt[((o * c + ci) * kh + u) * kw + v];
                        }
                    }
                }
                y[(o * oh + i) * ow + j] = s;
            }
        }
    }
    y
}

#[test]
fn conv_integer_and_qlinear_conv_match_reference() {
    let (c, h, w, m, k) = (2usize, 4usize, 5usize, 3usize, 3usize);
    let x: Vec<i64> = (0..c * h * w).map(|i| ((i * 67) % 256) as i64).collect();
    let wt: Vec<i64> = (0..m * c * k * k)
        .map(|i| ((i * 41) % 256) as i64)
        .collect();
    let (xz, wz) = (17i64, [100i64, 3, 250]);
    let xc: Vec<i64> = x.iter().map(|v| v - xz).collect();
    let wc: Vec<i64> = wt
        .iter()
        .enumerate()
        .map(|(i, v)| v - wz[i / (c * k * k)])
        .collect();
    let want = conv_reference(&xc, (c, h, w), &wc, (m, k, k), 1);
    let (oh, ow) = (h as i64, w as i64);
    let xshape = [1, c as i64, h as i64, w as i64];
    let wshape = [m as i64, c as i64, k as i64, k as i64];
    let ci = single(
        "ConvInteger",
        &[
            ("x", UINT8, &xshape),
            ("w", UINT8, &wshape),
            ("xz", UINT8, &[]),
            ("wz", UINT8, &[m as i64]),
        ],
        &[("y", INT32, &[1, m as i64, oh, ow])],
        vec![attr_ints("pads", &[1, 1, 1, 1])],
        10,
    );
    let feeds = vec![
        ints_of(UINT8, &xshape, &x),
        ints_of(UINT8, &wshape, &wt),
        ints_of(UINT8, &[], &[xz]),
        ints_of(UINT8, &[m as i64], &wz),
    ];
    let out = run(&ci, feeds);
    assert_eq!(ints(&out[0], INT32), want);

    // QLinearConv: the same convolution with an int32 bias and per-channel weight scales.
    let bias = [-500i64, 0, 1234];
    let (sx, sw, sy, zy) = (0.02f32, [0.01f32, 0.003, 0.05], 0.9f32, 128i64);
    let q = single(
        "QLinearConv",
        &[
            ("x", UINT8, &xshape),
            ("sx", FLOAT, &[]),
            ("xz", UINT8, &[]),
            ("w", UINT8, &wshape),
            ("sw", FLOAT, &[m as i64]),
            ("wz", UINT8, &[m as i64]),
            ("sy", FLOAT, &[]),
            ("zy", UINT8, &[]),
            ("b", INT32, &[m as i64]),
        ],
        &[("y", UINT8, &[1, m as i64, oh, ow])],
        vec![attr_ints("pads", &[1, 1, 1, 1])],
        10,
    );
    let out = run(
        &q,
        vec![
            ints_of(UINT8, &xshape, &x),
            f32s(&[], &[sx]),
            ints_of(UINT8, &[], &[xz]),
            ints_of(UINT8, &wshape, &wt),
            f32s(&[m as i64], &sw),
            ints_of(UINT8, &[m as i64], &wz),
            f32s(&[], &[sy]),
            ints_of(UINT8, &[], &[zy]),
            ints_of(INT32, &[m as i64], &bias),
        ],
    );
    let plane = (oh * ow) as usize;
    let want: Vec<i64> = want
        .iter()
        .enumerate()
        .map(|(i, &v)| {
            let o = i / plane;
            let mult = f64::from(sx * sw[o] / sy);
            let r = (v + bias[o]) as f64 * mult + zy as f64;
            (r.clamp(0.0, 255.0).round_ties_even()) as i64
        })
        .collect();
    assert_eq!(ints(&out[0], UINT8), want);
}

#[test]
fn malformed_parameters_are_typed_errors() {
    let invalid = |m: ModelProto, needle: &str| match import_err(&m) {
        ImportError::InvalidModel { what, .. } => {
            assert!(what.contains(needle), "'{what}' lacks '{needle}'")
        }
        other => panic!("expected InvalidModel containing '{needle}', got {other:?}"),
    };
    let q = |pshape: &[i64], attrs: Vec<AttributeProto>| {
        single(
            "QuantizeLinear",
            &[("x", FLOAT, &[3, 4]), ("s", FLOAT, pshape)],
            &[("y", UINT8, &[3, 4])],
            attrs,
            21,
        )
    };
    invalid(q(&[3], vec![attr_int("axis", 2)]), "out of range");
    invalid(q(&[4], vec![attr_int("axis", 0)]), "does not match");
    invalid(
        q(
            &[3, 3],
            vec![attr_int("axis", 1), attr_int("block_size", 2)],
        ),
        "blocked",
    );
    invalid(
        q(
            &[3, 2],
            vec![attr_int("axis", 1), attr_int("block_size", -2)],
        ),
        "positive",
    );
    invalid(
        q(&[], vec![attr_int("output_dtype", FLOAT.into())]),
        "not a quantized type",
    );
    // float8e8m0 (a scale type) is no quantized type.
    invalid(
        q(&[], vec![attr_int("output_dtype", 24)]),
        "not a quantized type",
    );
    let qm = single(
        "QLinearMatMul",
        &[
            ("a", UINT8, &[2, 3]),
            ("sa", FLOAT, &[]),
            ("za", UINT8, &[]),
            ("b", UINT8, &[3, 2]),
            ("sb", FLOAT, &[]),
            ("zb", UINT8, &[]),
            ("sy", FLOAT, &[2]),
            ("zy", UINT8, &[]),
        ],
        &[("y", UINT8, &[2, 2])],
        vec![],
        10,
    );
    invalid(qm, "one element");
}

/// ONNX data types of the 4- and 2-bit integers and the small floats.
const UINT4: i32 = 21;
const INT4: i32 = 22;
const UINT2: i32 = 25;
const INT2: i32 = 26;
const FLOAT8E4M3FN: i32 = 17;
const FLOAT8E5M2: i32 = 19;
const FLOAT4E2M1: i32 = 23;

#[test]
fn four_and_two_bit_integers_round_trip_per_axis() {
    let (shape, pshape): (&[i64], &[i64]) = (&[3, 4], &[3]);
    let x: Vec<f32> = data(12, 21).iter().map(|v| v * 9.0).collect();
    let scale = [0.5f32, 1.0, 2.0];
    for (elem, dtype, lo, hi) in [
        (UINT4, DType::U4, 0i64, 15i64),
        (INT4, DType::I4, -8, 7),
        (UINT2, DType::U2, 0, 3),
        (INT2, DType::I2, -2, 1),
    ] {
        let zp: Vec<i64> = vec![lo + 1, hi, 0.clamp(lo, hi)];
        let zpt = Tensor::from_f64s(
            dtype,
            vec![3],
            &zp.iter().map(|&v| v as f64).collect::<Vec<_>>(),
        )
        .unwrap();
        let q = single(
            "QuantizeLinear",
            &[
                ("x", FLOAT, shape),
                ("s", FLOAT, pshape),
                ("z", elem, pshape),
            ],
            &[("y", elem, shape)],
            vec![attr_int("axis", 0)],
            25,
        );
        let out = run(&q, vec![f32s(shape, &x), f32s(pshape, &scale), zpt.clone()]);
        assert_eq!(out[0].dtype(), dtype);
        let want: Vec<i64> = (0..12)
            .map(|i| ((x[i] / scale[i / 4]).round_ties_even() as i64 + zp[i / 4]).clamp(lo, hi))
            .collect();
        assert_eq!(out[0].to_i64_vec().unwrap(), want, "{dtype}");

        let d = single(
            "DequantizeLinear",
            &[
                ("q", elem, shape),
                ("s", FLOAT, pshape),
                ("z", elem, pshape),
            ],
            &[("y", FLOAT, shape)],
            vec![attr_int("axis", 0)],
            25,
        );
        let back = run(&d, vec![out[0].clone(), f32s(pshape, &scale), zpt]);
        let want: Vec<f32> = (0..12)
            .map(|i| (want[i] - zp[i / 4]) as f32 * scale[i / 4])
            .collect();
        close(&back[0], &want);
    }
}

#[test]
fn small_float_quantization_saturates_and_rounds_to_even() {
    // x / 2: 0.5, -1, 224 (exact in both float8 types), 1000 (beyond float8e4m3fn's 448;
    // 1024 in float8e5m2), 1e6 (beyond float8e5m2's 57344), 1.125 (exact in e4m3fn; in e5m2
    // a tie between 1 and 1.25 that rounds to the even 1).
    let x = [1.0f32, -2.0, 448.0, 2000.0, 2e6, 2.25];
    let q = |elem: i32, saturate: i64| {
        single(
            "QuantizeLinear",
            &[("x", FLOAT, &[6]), ("s", FLOAT, &[]), ("z", elem, &[1])],
            &[("y", elem, &[6])],
            vec![attr_int("saturate", saturate)],
            25,
        )
    };
    let feeds = |dtype: DType| {
        vec![
            f32s(&[6], &x),
            f32s(&[], &[2.0]),
            Tensor::from_f64s(dtype, vec![1], &[0.0]).unwrap(),
        ]
    };
    let cases: [(i32, DType, i64, [f64; 6]); 4] = [
        (
            FLOAT8E4M3FN,
            DType::F8E4M3FN,
            1,
            [0.5, -1.0, 224.0, 448.0, 448.0, 1.125],
        ),
        (
            FLOAT8E4M3FN,
            DType::F8E4M3FN,
            0,
            [0.5, -1.0, 224.0, f64::NAN, f64::NAN, 1.125],
        ),
        (
            FLOAT8E5M2,
            DType::F8E5M2,
            1,
            [0.5, -1.0, 224.0, 1024.0, 57344.0, 1.0],
        ),
        (
            FLOAT8E5M2,
            DType::F8E5M2,
            0,
            [0.5, -1.0, 224.0, 1024.0, f64::INFINITY, 1.0],
        ),
    ];
    for (elem, dtype, sat, want) in cases {
        let out = run(&q(elem, sat), feeds(dtype));
        assert_eq!(out[0].dtype(), dtype);
        let got = out[0].to_f64_vec();
        for (g, w) in got.iter().zip(want) {
            assert!(
                g == &w || (g.is_nan() && w.is_nan()),
                "{dtype} saturate {sat}: {got:?}"
            );
        }
    }
    // float4e2m1 adds the zero point before the (always saturating) cast: 0.5 + 1 = 1.5,
    // -1 + 1 = 0, 224 + 1 -> 6, 2.5 + 1 = 3.5 ties to 4 (even mantissa), -10 -> -6.
    let x4 = [1.0f32, -2.0, 448.0, 5.0, -22.0];
    let m = single(
        "QuantizeLinear",
        &[
            ("x", FLOAT, &[5]),
            ("s", FLOAT, &[]),
            ("z", FLOAT4E2M1, &[1]),
        ],
        &[("y", FLOAT4E2M1, &[5])],
        vec![],
        25,
    );
    let zp = Tensor::from_f64s(DType::F4E2M1, vec![1], &[1.0]).unwrap();
    let out = run(&m, vec![f32s(&[5], &x4), f32s(&[], &[2.0]), zp]);
    assert_eq!(out[0].to_f64_vec(), vec![1.5, 0.0, 6.0, 4.0, -6.0]);
}

#[test]
fn small_float_dequantization_ignores_the_zero_point() {
    let vals = [0.5, -1.0, 448.0, 0.015625, -240.0];
    let x = Tensor::from_f64s(DType::F8E4M3FN, vec![5], &vals).unwrap();
    let m = single(
        "DequantizeLinear",
        &[
            ("x", FLOAT8E4M3FN, &[5]),
            ("s", FLOAT, &[]),
            ("z", FLOAT8E4M3FN, &[1]),
        ],
        &[("y", FLOAT, &[5])],
        vec![],
        25,
    );
    let zp = Tensor::from_f64s(DType::F8E4M3FN, vec![1], &[0.0]).unwrap();
    let out = run(&m, vec![x, f32s(&[], &[3.0]), zp]);
    let want: Vec<f32> = vals.iter().map(|&v| v as f32 * 3.0).collect();
    close(&out[0], &want);
}
