//! Spatial operators. `Resize` in every mode the importer resolves or the interpreter
//! computes (cubic with `cubic_coeff_a` and `exclude_outside`, antialiasing, `axes`,
//! `keep_aspect_ratio_policy`, `tf_crop_and_resize` with `extrapolation_value`): expected
//! values are ONNX's reference implementation (`onnx.reference.ReferenceEvaluator`, onnx
//! 1.23.2) on the same inputs, printed to full precision. `ConvTranspose` with
//! `output_shape` and `SAME_*` padding, `LpPool`, `CenterCropPad`, `AffineGrid`,
//! `MaxUnpool`, `Col2Im` and `DeformConv`: checked against direct loops. `RoiAlign`: against
//! the reference. `GridSample` (every mode and padding mode, 2-D and volumetric):
//! against ONNX's reference like `Resize`.

mod common;
use common::{close, run};

use strata_interp::Tensor;
use strata_onnx::proto::data_type::FLOAT;
use strata_onnx::proto::{AttributeProto, TensorProto};
use strata_onnx::testgen::*;

/// `0.5 * i - 3` on a 1x1x4x4 grid, with element (1, 2) set to 7.
fn grid() -> Vec<f32> {
    let mut x: Vec<f32> = (0..16).map(|i| i as f32 * 0.5 - 3.0).collect();
    x[6] = 7.0;
    x
}

/// Run one `Resize` (opset 19) on [`grid`] with constant `roi`/`scales`/`sizes` inputs.
fn resize(
    attrs: Vec<AttributeProto>,
    roi: Option<&[f32]>,
    scales: Option<&[f32]>,
    sizes: Option<&[i64]>,
    out: &[i64],
) -> Tensor {
    let mut inputs = vec!["x", "", "", ""];
    let mut inits: Vec<TensorProto> = Vec::new();
    if let Some(r) = roi {
        inputs[1] = "roi";
        inits.push(tensor_f32("roi", &[r.len() as i64], r));
    }
    if let Some(s) = scales {
        inputs[2] = "scales";
        inits.push(tensor_f32("scales", &[s.len() as i64], s));
    }
    if let Some(s) = sizes {
        inputs[3] = "sizes";
        inits.push(tensor_i64("sizes", &[s.len() as i64], s));
    }
    while inputs.last() == Some(&"") {
        inputs.pop();
    }
    let g = graph(
        vec![node("Resize", "r", &inputs, &["y"], attrs)],
        vec![value("x", FLOAT, &[1, 1, 4, 4])],
        vec![value("y", FLOAT, out)],
        inits,
    );
    let mut outs = run(
        &model(g, 19),
        vec![Tensor::from_vec(vec![1, 1, 4, 4], grid()).unwrap()],
    );
    let y = outs.remove(0);
    let want: Vec<usize> = out.iter().map(|&d| d as usize).collect();
    assert_eq!(y.shape(), &want[..]);
    y
}

#[test]
fn resize_cubic() {
    let y = resize(
        vec![attr_string("mode", "cubic")],
        None,
        Some(&[1.0, 1.0, 0.8, 1.6]),
        None,
        &[1, 1, 3, 6],
    );
    close(
        &y,
        &[
            -2.857_940_7,
            -2.701_853_3,
            -2.225_343_7,
            -1.330_541_5,
            -0.952_580_87,
            -1.292_879_2,
            -0.237_823_49,
            -0.440_535_16,
            0.627_735_26,
            4.926_112,
            5.304_072,
            1.560_200_2,
            2.364_715_3,
            2.622_922_4,
            2.931_007_9,
            2.857_101,
            3.235_060_5,
            3.863_472_5,
        ],
    );
    let y = resize(
        vec![
            attr_string("mode", "cubic"),
            attr_float("cubic_coeff_a", -0.5),
            attr_int("exclude_outside", 1),
        ],
        None,
        None,
        Some(&[1, 1, 3, 5]),
        &[1, 1, 3, 5],
    );
    close(
        &y,
        &[
            -2.815_946,
            -2.532_480_7,
            -1.553_200_6,
            -0.928_095_9,
            -1.310_454_6,
            -0.021_634_707,
            0.043_474_708,
            2.964_843_8,
            4.288_929_5,
            1.351_261_4,
            2.772_676_7,
            3.123_811_2,
            3.501_230_7,
            3.909_718_8,
            4.319_26,
        ],
    );
}

#[test]
fn resize_antialias() {
    let y = resize(
        vec![attr_string("mode", "linear"), attr_int("antialias", 1)],
        None,
        None,
        Some(&[1, 1, 3, 2]),
        &[1, 1, 3, 2],
    );
    close(
        &y,
        &[
            -1.903_409_1,
            -0.551_136_4,
            0.75,
            2.5,
            2.767_045_5,
            3.642_045_5,
        ],
    );
    let y = resize(
        vec![attr_string("mode", "cubic"), attr_int("antialias", 1)],
        None,
        Some(&[1.0, 1.0, 0.6, 0.6]),
        None,
        &[1, 1, 2, 2],
    );
    close(&y, &[-2.240_965, 0.450_173_23, 1.294_668, 3.319_450_4]);
}

#[test]
fn resize_axes_and_aspect_ratio_policy() {
    // sizes (7, 6) on axes (3, 2), not_larger: one scale min(7/4, 6/4) = 1.5 for both
    // axes, so the output is 6x6.
    let y = resize(
        vec![
            attr_string("mode", "nearest"),
            attr_ints("axes", &[3, 2]),
            attr_string("keep_aspect_ratio_policy", "not_larger"),
        ],
        None,
        None,
        Some(&[7, 6]),
        &[1, 1, 6, 6],
    );
    close(
        &y,
        &[
            -3.0, -3.0, -2.5, -2.0, -2.0, -1.5, -3.0, -3.0, -2.5, -2.0, -2.0, -1.5, -1.0, -1.0,
            -0.5, 7.0, 7.0, 0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 2.5, 1.0, 1.0, 1.5, 2.0, 2.0, 2.5, 3.0,
            3.0, 3.5, 4.0, 4.0, 4.5,
        ],
    );
}

#[test]
fn resize_tf_crop_and_resize() {
    // Only axis 3 is cropped to [-0.2, 0.7]: its first output lies left of the input and
    // takes the extrapolation value.
    let y = resize(
        vec![
            attr_string("mode", "linear"),
            attr_string("coordinate_transformation_mode", "tf_crop_and_resize"),
            attr_ints("axes", &[3]),
            attr_float("extrapolation_value", -9.0),
        ],
        Some(&[-0.2, 0.7]),
        None,
        Some(&[5]),
        &[1, 1, 4, 5],
    );
    close(
        &y,
        &[
            -9.0, -2.9625, -2.625, -2.2875, -1.95, -9.0, -0.9625, -0.625, 2.6875, 6.35, -9.0,
            1.0375, 1.375, 1.7125, 2.05, -9.0, 3.0375, 3.375, 3.7125, 4.05,
        ],
    );
}

#[test]
fn resize_rejects_bad_axes_and_missing_roi() {
    let bad = |attrs: Vec<AttributeProto>, sizes: &[i64]| {
        let g = graph(
            vec![node("Resize", "r", &["x", "", "", "sizes"], &["y"], attrs)],
            vec![value("x", FLOAT, &[1, 1, 4, 4])],
            vec![value("y", FLOAT, &[1, 1, 4, 4])],
            vec![tensor_i64("sizes", &[sizes.len() as i64], sizes)],
        );
        common::import_err(&model(g, 19)).to_string()
    };
    let e = bad(vec![attr_ints("axes", &[2, 2])], &[4, 4]);
    assert!(e.contains("out of range or repeated"), "{e}");
    let e = bad(vec![attr_ints("axes", &[4])], &[4]);
    assert!(e.contains("out of range or repeated"), "{e}");
    let e = bad(vec![attr_ints("axes", &[2, 3])], &[4]);
    assert!(e.contains("1 values for 2 axes"), "{e}");
    let e = bad(
        vec![attr_string(
            "coordinate_transformation_mode",
            "tf_crop_and_resize",
        )],
        &[1, 1, 4, 4],
    );
    assert!(e.contains("needs roi"), "{e}");
    let e = bad(
        vec![attr_string("keep_aspect_ratio_policy", "fit")],
        &[1, 1, 4, 4],
    );
    assert!(e.contains("keep_aspect_ratio_policy"), "{e}");
}

/// Run a one-node model of opset `opset` on `feeds` (f32 inputs named `x`, `w`, `b`, ...).
fn run_node(
    op: &str,
    inputs: &[(&str, &[i64])],
    attrs: Vec<AttributeProto>,
    out: &[i64],
    inits: Vec<TensorProto>,
    feeds: Vec<Tensor>,
    opset: i64,
) -> Tensor {
    let names: Vec<&str> = inputs
        .iter()
        .map(|(n, _)| *n)
        .chain(inits.iter().map(|t| t.name.as_str()))
        .collect();
    let g = graph(
        vec![node(op, "n", &names, &["y"], attrs)],
        inputs.iter().map(|(n, s)| value(n, FLOAT, s)).collect(),
        vec![value("y", FLOAT, out)],
        inits,
    );
    run(&model(g, opset), feeds).remove(0)
}

fn t(shape: &[usize], v: Vec<f32>) -> Tensor {
    Tensor::from_vec(shape.to_vec(), v).unwrap()
}

/// 2-D transposed convolution of one `1 x 1 x H x W` image by a `1 x M x KH x KW` kernel,
/// output position `o` being full position `o + begin` (zero outside), plus the bias.
#[allow(clippy::too_many_arguments)]
fn conv_transpose_ref(
    x: &[f32],
    (h, w): (usize, usize),
    k: &[f32],
    (m, kh, kw): (usize, usize, usize),
    strides: [i64; 2],
    begin: [i64; 2],
    out: [i64; 2],
    bias: &[f32],
) -> Vec<f32> {
    let mut y = vec![0f32; m * (out[0] * out[1]) as usize];
    for c in 0..m {
        for i in 0..h {
            for j in 0..w {
                for a in 0..kh {
                    for b in 0..kw {
                        let oy = i as i64 * strides[0] + a as i64 - begin[0];
                        let ox = j as i64 * strides[1] + b as i64 - begin[1];
                        if (0..out[0]).contains(&oy) && (0..out[1]).contains(&ox) {
                            y[c * (out[0] * out[1]) as usize + (oy * out[1] + ox) as usize] +=
                                x[i * w + j] * k[(c * kh + a) * kw + b];
                        }
                    }
                }
            }
        }
    }
    for c in 0..m {
        for v in &mut y[c * (out[0] * out[1]) as usize..(c + 1) * (out[0] * out[1]) as usize] {
            *v += bias[c];
        }
    }
    y
}

#[test]
fn conv_transpose_output_shape_and_same_padding() {
    let x = common::data(9, 11);
    let k = common::data(18, 12);
    let bias = [0.25f32, -0.5];
    let feeds = || {
        vec![
            t(&[1, 1, 3, 3], x.clone()),
            t(&[1, 2, 3, 3], k.clone()),
            t(&[2], bias.to_vec()),
        ]
    };
    let ins: &[(&str, &[i64])] = &[("x", &[1, 1, 3, 3]), ("w", &[1, 2, 3, 3]), ("b", &[2])];
    // output_shape (10, 8) with strides (3, 2): the full result is 9 x 7, extended by one
    // zero row and column (plus the bias) at the end.
    let y = run_node(
        "ConvTranspose",
        ins,
        vec![
            attr_ints("strides", &[3, 2]),
            attr_ints("output_shape", &[10, 8]),
        ],
        &[1, 2, 10, 8],
        vec![],
        feeds(),
        22,
    );
    let want = conv_transpose_ref(&x, (3, 3), &k, (2, 3, 3), [3, 2], [0, 0], [10, 8], &bias);
    close(&y, &want);
    // output_shape (5, 4) with explicit begin pads (1, 2): a window of the full result.
    let y = run_node(
        "ConvTranspose",
        ins,
        vec![
            attr_ints("strides", &[3, 2]),
            attr_ints("pads", &[1, 2, 0, 0]),
            attr_ints("output_shape", &[5, 4]),
        ],
        &[1, 2, 5, 4],
        vec![],
        feeds(),
        22,
    );
    let want = conv_transpose_ref(&x, (3, 3), &k, (2, 3, 3), [3, 2], [1, 2], [5, 4], &bias);
    close(&y, &want);
    // SAME_UPPER, strides 2: output 6 x 6, total padding 2 * 2 + 3 - 6 = 1, all at the end;
    // SAME_LOWER puts it at the begin.
    for (auto, begin) in [("SAME_UPPER", 0), ("SAME_LOWER", 1)] {
        let y = run_node(
            "ConvTranspose",
            ins,
            vec![attr_ints("strides", &[2, 2]), attr_string("auto_pad", auto)],
            &[1, 2, 6, 6],
            vec![],
            feeds(),
            22,
        );
        let want = conv_transpose_ref(
            &x,
            (3, 3),
            &k,
            (2, 3, 3),
            [2, 2],
            [begin, begin],
            [6, 6],
            &bias,
        );
        close(&y, &want);
    }
}

#[test]
fn lp_pool_sums_over_the_zero_padded_window() {
    let x = common::data(30, 21);
    // 1 x 2 x 3 x 5, kernel 2 x 3, strides (1, 2), pads (1, 1, 0, 1), p = 3.
    let (c, h, w) = (2usize, 3usize, 5usize);
    let y = run_node(
        "LpPool",
        &[("x", &[1, 2, 3, 5])],
        vec![
            attr_ints("kernel_shape", &[2, 3]),
            attr_ints("strides", &[1, 2]),
            attr_ints("pads", &[1, 1, 0, 1]),
            attr_int("p", 3),
        ],
        &[1, 2, 3, 3],
        vec![],
        vec![t(&[1, 2, 3, 5], x.clone())],
        18,
    );
    let mut want = Vec::new();
    for ch in 0..c {
        for oy in 0..3i64 {
            for ox in 0..3i64 {
                let mut s = 0f64;
                for a in 0..2i64 {
                    for b in 0..3i64 {
                        let (iy, ix) = (oy + a - 1, ox * 2 + b - 1);
                        if (0..h as i64).contains(&iy) && (0..w as i64).contains(&ix) {
                            let v = x[(ch * h + iy as usize) * w + ix as usize] as f64;
                            s += v.abs().powi(3);
                        }
                    }
                }
                want.push(s.powf(1.0 / 3.0) as f32);
            }
        }
    }
    close(&y, &want);
}

#[test]
fn center_crop_pad_crops_and_pads_centred() {
    // 5 x 4 x 2 to (2, 7) on axes (0, -2): rows 1..3 (the odd excess goes to the end), and
    // columns padded by 1 before and 2 after.
    let x: Vec<f32> = (0..40).map(|i| i as f32).collect();
    let y = run_node(
        "CenterCropPad",
        &[("x", &[5, 4, 2])],
        vec![attr_ints("axes", &[0, -2])],
        &[2, 7, 2],
        vec![tensor_i64("shape", &[2], &[2, 7])],
        vec![t(&[5, 4, 2], x.clone())],
        18,
    );
    let mut want = vec![0f32; 2 * 7 * 2];
    for r in 0..2 {
        for col in 0..4 {
            for ch in 0..2 {
                want[(r * 7 + col + 1) * 2 + ch] = x[((r + 1) * 4 + col) * 2 + ch];
            }
        }
    }
    close(&y, &want);
}

/// `((7 i) mod 11) / 4 - 1` and `((5 j) mod 13) * 0.23 - 1.4` (rounded from `f64`): the
/// inputs and grids of the `GridSample` cases, about 30% of the grid outside `[-1, 1]`.
fn gs_inputs(xs: &[usize], gs: &[usize]) -> Vec<Tensor> {
    let nx: usize = xs.iter().product();
    let ng: usize = gs.iter().product();
    let x = (0..nx)
        .map(|i| ((i * 7) % 11) as f32 * 0.25 - 1.0)
        .collect();
    let g = (0..ng)
        .map(|j| (((j * 5) % 13) as f64 * 0.23 - 1.4) as f32)
        .collect();
    vec![t(xs, x), t(gs, g)]
}

#[test]
fn grid_sample_modes_and_padding() {
    let cases: [(&str, &str, i64, &[f32]); 4] = [
        (
            "linear",
            "reflection",
            0,
            &[
                -0.053_124_994,
                1.5,
                0.121_200_144,
                0.194_999_93,
                0.455_000_04,
                1.5,
                0.184_374_96,
                0.5,
                -0.869_999_8,
                0.460_000_04,
                -0.462_500_04,
                0.5,
            ],
        ),
        (
            "cubic",
            "border",
            1,
            &[
                0.291_992_2,
                1.224_573_9,
                0.290_024_34,
                0.318_408_13,
                0.495_064_02,
                1.220_503,
                -0.375,
                0.588_505_86,
                -1.020_949_4,
                0.585_348_6,
                -0.502_489_27,
                0.097_349_69,
            ],
        ),
        (
            "nearest",
            "zeros",
            0,
            &[0.0, 1.5, 0.0, 1.0, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.0],
        ),
        (
            "cubic",
            "reflection",
            0,
            &[
                -0.040_150_754,
                2.080_985_8,
                0.157_775_7,
                0.306_256,
                0.591_968_1,
                1.813_524,
                0.082_134_016,
                0.569_281_7,
                -0.986_273_2,
                0.555_638_9,
                -0.678_651_6,
                0.420_176_3,
            ],
        ),
    ];
    for (mode, padding, align, want) in cases {
        let y = run_node(
            "GridSample",
            &[("x", &[1, 2, 3, 4]), ("g", &[1, 2, 3, 2])],
            vec![
                attr_string("mode", mode),
                attr_string("padding_mode", padding),
                attr_int("align_corners", align),
            ],
            &[1, 2, 2, 3],
            vec![],
            gs_inputs(&[1, 2, 3, 4], &[1, 2, 3, 2]),
            22,
        );
        close(&y, want);
    }
    // Volumetric: a 2 x 3 x 2 input sampled at 2 x 2 x 1 points.
    let y = run_node(
        "GridSample",
        &[("x", &[1, 1, 2, 3, 2]), ("g", &[1, 2, 2, 1, 3])],
        vec![attr_int("align_corners", 1)],
        &[1, 1, 2, 2, 1],
        vec![],
        gs_inputs(&[1, 1, 2, 3, 2], &[1, 2, 2, 1, 3]),
        22,
    );
    close(
        &y,
        &[-0.207_500_01, -0.457_006_42, 0.209_031_76, -0.054_375_008],
    );
}

#[test]
fn affine_grid_transforms_the_normalised_grid() {
    let theta = [0.9f32, -0.2, 0.1, 0.3, 1.1, -0.4];
    for align in [0, 1] {
        let y = run_node(
            "AffineGrid",
            &[("theta", &[1, 2, 3])],
            vec![attr_int("align_corners", align)],
            &[1, 3, 4, 2],
            vec![tensor_i64("size", &[4], &[1, 5, 3, 4])],
            vec![t(&[1, 2, 3], theta.to_vec())],
            20,
        );
        let coord = |i: usize, len: usize| {
            if align == 1 {
                -1.0 + 2.0 * i as f32 / (len - 1) as f32
            } else {
                -1.0 + (2 * i + 1) as f32 / len as f32
            }
        };
        let mut want = Vec::new();
        for h in 0..3 {
            for w in 0..4 {
                let (x, yv) = (coord(w, 4), coord(h, 3));
                want.push(theta[0] * x + theta[1] * yv + theta[2]);
                want.push(theta[3] * x + theta[4] * yv + theta[5]);
            }
        }
        close(&y, &want);
    }
}

#[test]
fn max_unpool_scatters_into_zeros() {
    // 1 x 1 x 2 x 2 values at flat indices of the inferred 1 x 1 x 4 x 4 output, then padded
    // to 5 x 5 by output_shape.
    let x = vec![5.0f32, 6.0, 7.0, 8.0];
    let idx = vec![5i64, 3, 8, 15];
    let g = graph(
        vec![node(
            "MaxUnpool",
            "n",
            &["x", "i", "s"],
            &["y"],
            vec![
                attr_ints("kernel_shape", &[2, 2]),
                attr_ints("strides", &[2, 2]),
            ],
        )],
        vec![
            value("x", FLOAT, &[1, 1, 2, 2]),
            value("i", strata_onnx::proto::data_type::INT64, &[1, 1, 2, 2]),
        ],
        vec![value("y", FLOAT, &[1, 1, 5, 5])],
        vec![tensor_i64("s", &[4], &[1, 1, 5, 5])],
    );
    let y = run(
        &model(g, 11),
        vec![
            t(&[1, 1, 2, 2], x.clone()),
            Tensor::from_vec(vec![1, 1, 2, 2], idx.clone()).unwrap(),
        ],
    )
    .remove(0);
    let mut want = vec![0f32; 25];
    for (v, i) in x.iter().zip(&idx) {
        let (r, c) = (*i as usize / 4, *i as usize % 4);
        want[r * 5 + c] = *v;
    }
    close(&y, &want);
}

#[test]
fn col2im_adds_blocks_back() {
    // A 5 x 6 image, 2 x 3 blocks, strides (2, 1), dilations (1, 2), pads (1, 0, 0, 1):
    // block positions 3 x 3 (rows: (5 + 1 - 2) / 2 + 1, columns: (6 + 1 - 5) / 1 + 1).
    let (c, kh, kw) = (2usize, 2usize, 3usize);
    let (gh, gw) = (3usize, 3usize);
    let x = common::data(c * kh * kw * gh * gw, 31);
    let y = run_node(
        "Col2Im",
        &[("x", &[1, (c * kh * kw) as i64, (gh * gw) as i64])],
        vec![
            attr_ints("strides", &[2, 1]),
            attr_ints("dilations", &[1, 2]),
            attr_ints("pads", &[1, 0, 0, 1]),
        ],
        &[1, 2, 5, 6],
        vec![
            tensor_i64("image", &[2], &[5, 6]),
            tensor_i64("block", &[2], &[2, 3]),
        ],
        vec![t(&[1, c * kh * kw, gh * gw], x.clone())],
        18,
    );
    let mut want = vec![0f32; c * 30];
    for ch in 0..c {
        for a in 0..kh {
            for b in 0..kw {
                for p in 0..gh {
                    for q in 0..gw {
                        let (iy, ix) = (p as i64 * 2 - 1 + a as i64, q as i64 + b as i64 * 2);
                        if (0..5).contains(&iy) && (0..6).contains(&ix) {
                            let col = ((ch * kh + a) * kw + b) * gh * gw + p * gw + q;
                            want[ch * 30 + iy as usize * 6 + ix as usize] += x[col];
                        }
                    }
                }
            }
        }
    }
    close(&y, &want);
}

#[test]
fn roi_align_avg_and_max() {
    let x: Vec<f32> = (0..60)
        .map(|i| ((i * 7) % 11) as f32 * 0.25 - 1.0)
        .collect();
    // The second box reaches past the image; the third is smaller than a pixel.
    let rois = vec![
        0.5f32, 1.0, 3.5, 4.0, -1.0, 2.2, 6.3, 7.5, 1.2, 0.1, 2.0, 1.3,
    ];
    let roi = |attrs: Vec<AttributeProto>, out: &[i64]| {
        let g = graph(
            vec![node("RoiAlign", "n", &["x", "r", "b"], &["y"], attrs)],
            vec![
                value("x", FLOAT, &[1, 2, 6, 5]),
                value("r", FLOAT, &[3, 4]),
                value("b", strata_onnx::proto::data_type::INT64, &[3]),
            ],
            vec![value("y", FLOAT, out)],
            vec![],
        );
        let feeds = vec![
            t(&[1, 2, 6, 5], x.clone()),
            t(&[3, 4], rois.clone()),
            Tensor::from_vec(vec![3], vec![0i64; 3]).unwrap(),
        ];
        run(&model(g, 22), feeds).remove(0)
    };
    let y = roi(
        vec![
            attr_int("output_height", 2),
            attr_int("output_width", 3),
            attr_float("spatial_scale", 0.9),
        ],
        &[3, 2, 2, 3],
    );
    close(
        &y,
        &[
            0.010_624_953,
            0.590_468_9,
            0.159_687_6,
            -0.187_500_06,
            -0.262_500_4,
            0.762_500_2,
            0.260_624_9,
            0.840_468_9,
            0.337_500_15,
            0.062_499_96,
            -0.012_500_368,
            1.012_500_2,
            0.098_407_97,
            0.153_626_02,
            0.255_773_9,
            0.776_388_8,
            0.055_833_384,
            0.345_416_64,
            0.265_074_6,
            0.403_626_02,
            -0.357_642,
            -0.145_772_43,
            0.305_833_4,
            0.595_416_6,
            0.225_000_08,
            0.645,
            0.570_000_05,
            0.425,
            0.844_999_9,
            0.77,
            0.475_000_08,
            0.895,
            0.820_000_05,
            0.675,
            1.095,
            1.02,
        ],
    );
    let y = roi(
        vec![
            attr_int("output_height", 2),
            attr_int("output_width", 2),
            attr_int("sampling_ratio", 2),
            attr_string("mode", "max"),
            attr_string("coordinate_transformation_mode", "output_half_pixel"),
        ],
        &[3, 2, 2, 2],
    );
    close(
        &y,
        &[
            0.683_593_75,
            0.410_156_25,
            0.683_593_75,
            0.683_593_75,
            0.820_312_5,
            0.546_875,
            0.820_312_5,
            0.820_312_5,
            0.8125,
            0.266_601_56,
            1.5,
            0.546_875,
            1.015_625,
            0.355_468_75,
            0.196_874_86,
            0.656_25,
            0.464_062_45,
            0.127_187_49,
            0.717_187_5,
            0.196_562_5,
            0.556_875,
            0.254_374_98,
            0.860_624_9,
            0.393_125,
        ],
    );
}

/// Bilinear sample of an `h x w` plane at `(y, x)`, zeros outside.
fn bilinear(p: &[f32], h: usize, w: usize, y: f32, x: f32) -> f32 {
    let (y0, x0) = (y.floor(), x.floor());
    let at = |i: f32, j: f32| {
        if i >= 0.0 && j >= 0.0 && (i as usize) < h && (j as usize) < w {
            p[i as usize * w + j as usize]
        } else {
            0.0
        }
    };
    let (ty, tx) = (y - y0, x - x0);
    (1.0 - ty) * ((1.0 - tx) * at(y0, x0) + tx * at(y0, x0 + 1.0))
        + ty * ((1.0 - tx) * at(y0 + 1.0, x0) + tx * at(y0 + 1.0, x0 + 1.0))
}

#[test]
fn deform_conv_samples_at_offsets() {
    // 1 x 2 x 4 x 4 input, 3 x 2 x 2 x 2 weight, offset_group 2, begin pads 1 (so some taps
    // read outside), strides 2, a mask and no bias: output 1 x 3 x 2 x 2.
    let (c, h, w, m, k) = (2usize, 4usize, 4usize, 3usize, 2usize);
    let (oh, ow) = (2usize, 2usize);
    let x = common::data(c * h * w, 41);
    let wt = common::data(m * c * k * k, 42);
    let off: Vec<f32> = common::data(2 * k * k * 2 * oh * ow, 43)
        .iter()
        .map(|v| v * 1.7)
        .collect();
    let mask: Vec<f32> = common::data(2 * k * k * oh * ow, 44)
        .iter()
        .map(|v| v.abs())
        .collect();
    let g = graph(
        vec![node(
            "DeformConv",
            "n",
            &["x", "w", "off", "", "mask"],
            &["y"],
            vec![
                attr_int("offset_group", 2),
                attr_ints("pads", &[1, 1, 0, 0]),
                attr_ints("strides", &[2, 2]),
            ],
        )],
        vec![
            value("x", FLOAT, &[1, 2, 4, 4]),
            value("w", FLOAT, &[3, 2, 2, 2]),
            value("off", FLOAT, &[1, 16, 2, 2]),
            value("mask", FLOAT, &[1, 8, 2, 2]),
        ],
        vec![value("y", FLOAT, &[1, 3, 2, 2])],
        vec![],
    );
    let feeds = vec![
        t(&[1, 2, 4, 4], x.clone()),
        t(&[3, 2, 2, 2], wt.clone()),
        t(&[1, 16, 2, 2], off.clone()),
        t(&[1, 8, 2, 2], mask.clone()),
    ];
    let y = run(&model(g, 22), feeds).remove(0);
    let mut want = vec![0f32; m * oh * ow];
    for oc in 0..m {
        for i in 0..oh {
            for j in 0..ow {
                let mut acc = 0f32;
                for ic in 0..c {
                    // One input channel per offset group.
                    for a in 0..k {
                        for b in 0..k {
                            let tap = (ic * k + a) * k + b;
                            let dy = off[(tap * 2) * oh * ow + i * ow + j];
                            let dx = off[(tap * 2 + 1) * oh * ow + i * ow + j];
                            let yy = (i * 2 + a) as f32 - 1.0 + dy;
                            let xx = (j * 2 + b) as f32 - 1.0 + dx;
                            let v = bilinear(&x[ic * h * w..], h, w, yy, xx);
                            acc += v
                                * mask[tap * oh * ow + i * ow + j]
                                * wt[((oc * c + ic) * k + a) * k + b];
                        }
                    }
                }
                want[(oc * oh + i) * ow + j] = acc;
            }
        }
    }
    close(&y, &want);
}
