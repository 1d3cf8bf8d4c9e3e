//! Spatial operators: `Resize` in every mode the importer resolves or the interpreter
//! computes (cubic with `cubic_coeff_a` and `exclude_outside`, antialiasing, `axes`,
//! `keep_aspect_ratio_policy`, `tf_crop_and_resize` with `extrapolation_value`). Expected
//! values are ONNX's reference implementation (`onnx.reference.ReferenceEvaluator`, onnx
//! 1.23.2) on the same inputs, printed to full precision.

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
