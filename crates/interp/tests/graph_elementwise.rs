//! `graph` element-wise ops on hand-computed cases: broadcasting, integer wrap-around and
//! division, bit shifts, NaN and signed zeros, `pow` rules, comparisons, `where`, activations, `clip`
//! and `cast`.

mod common;

use common::*;
use strata_interp::Tensor;

fn f32s(shape: &[usize], v: &[f32]) -> Tensor {
    tn(shape, v)
}

#[test]
fn add_broadcasts_numpy_style() {
    let r = op_text(
        &["tensor<2x3xf32>", "tensor<3xf32>"],
        "tensor<2x3xf32>",
        r#"%r = "graph.add"(%a, %b) : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>"#,
        &[
            f32s(&[2, 3], &[1., 2., 3., 4., 5., 6.]),
            t1(&[10f32, 20., 30.]),
        ],
    )
    .unwrap();
    assert_eq!(r, f32s(&[2, 3], &[11., 22., 33., 14., 25., 36.]));
    // Both operands broadcast: 3x1 and 1x2 give 3x2.
    let r = op_text(
        &["tensor<3x1xi32>", "tensor<1x2xi32>"],
        "tensor<3x2xi32>",
        r#"%r = "graph.sub"(%a, %b) : (tensor<3x1xi32>, tensor<1x2xi32>) -> tensor<3x2xi32>"#,
        &[tn(&[3, 1], &[1i32, 2, 3]), tn(&[1, 2], &[10i32, 20])],
    )
    .unwrap();
    assert_eq!(r, tn(&[3, 2], &[-9i32, -19, -8, -18, -7, -17]));
    // Scalars (rank 0) broadcast too; a shape mismatch at run time is an error.
    let r = op_text(
        &["tensor<2xi8>", "tensor<i8>"],
        "tensor<2xi8>",
        r#"%r = "graph.mul"(%a, %b) : (tensor<2xi8>, tensor<i8>) -> tensor<2xi8>"#,
        &[t1(&[100i8, -3]), Tensor::scalar(3i8)],
    )
    .unwrap();
    assert_eq!(r, t1(&[44i8, -9]));
    let e = op_text(
        &["tensor<?xf32>", "tensor<?xf32>"],
        "tensor<?xf32>",
        r#"%r = "graph.add"(%a, %b) : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>"#,
        &[t1(&[1f32, 2.]), t1(&[1f32, 2., 3.])],
    )
    .unwrap_err();
    assert!(e.contains("broadcast"), "{e}");
}

#[test]
fn integer_division() {
    let body = r#"%r = "graph.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>"#;
    let r = op_text(
        &["tensor<4xi32>", "tensor<4xi32>"],
        "tensor<4xi32>",
        body,
        &[t1(&[-7i32, 7, i32::MIN, 6]), t1(&[2i32, -2, -1, 3])],
    )
    .unwrap();
    assert_eq!(r, t1(&[-3i32, -3, i32::MIN, 2]));
    let e = op_text(
        &["tensor<4xi32>", "tensor<4xi32>"],
        "tensor<4xi32>",
        body,
        &[t1(&[1i32, 2, 3, 4]), t1(&[1i32, 1, 0, 1])],
    )
    .unwrap_err();
    assert!(
        e.contains("'graph.div' op integer division by zero (result element 2)"),
        "{e}"
    );
    // Unsigned values compare and divide as unsigned.
    let r = op_text(
        &["tensor<2xui8>", "tensor<2xui8>"],
        "tensor<2xui8>",
        r#"%r = "graph.max"(%a, %b) : (tensor<2xui8>, tensor<2xui8>) -> tensor<2xui8>"#,
        &[t1(&[200u8, 1]), t1(&[100u8, 2])],
    )
    .unwrap();
    assert_eq!(r, t1(&[200u8, 2]));
}

#[test]
fn bit_shifts_wrap_and_saturate_out_of_range_amounts() {
    let shift = |dir: &str, ty: &str, a: Tensor, b: Tensor| {
        op_text(
            &[ty, ty],
            ty,
            &format!(
                r#"%r = "graph.bit_shift"(%a, %b) <{{direction = "{dir}"}}> : ({ty}, {ty}) -> {ty}"#
            ),
            &[a, b],
        )
        .unwrap()
    };
    let ty = "tensor<5xi8>";
    let a = t1(&[1i8, -1, 64, -128, 5]);
    let b = t1(&[3i8, 1, 1, 8, -1]);
    assert_eq!(
        shift("LEFT", ty, a.clone(), b.clone()),
        t1(&[8i8, -2, -128, 0, 0])
    );
    assert_eq!(shift("RIGHT", ty, a, b), t1(&[0i8, -1, 32, -1, 0]));
    let ty = "tensor<3xui8>";
    let a = t1(&[200u8, 255, 16]);
    let b = t1(&[1u8, 4, 9]);
    assert_eq!(
        shift("LEFT", ty, a.clone(), b.clone()),
        t1(&[144u8, 240, 0])
    );
    assert_eq!(shift("RIGHT", ty, a, b), t1(&[100u8, 15, 0]));
}

#[test]
fn max_min_nan_and_signed_zero() {
    let a = t1(&[f32::NAN, 1.0, -0.0, 2.0]);
    let b = t1(&[1.0f32, f32::NAN, 0.0, -3.0]);
    let ty = "tensor<4xf32>";
    let mx = op_text(
        &[ty, ty],
        ty,
        r#"%r = "graph.max"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>"#,
        &[a.clone(), b.clone()],
    )
    .unwrap();
    let v = mx.as_slice::<f32>().unwrap();
    assert!(v[0].is_nan() && v[1].is_nan());
    assert_eq!((v[2].to_bits(), v[3]), (0, 2.0));
    let mn = op_text(
        &[ty, ty],
        ty,
        r#"%r = "graph.min"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>"#,
        &[a, b],
    )
    .unwrap();
    let v = mn.as_slice::<f32>().unwrap();
    assert_eq!((v[2].to_bits(), v[3]), (0x8000_0000, -3.0));
}

#[test]
fn pow_rules() {
    let r = op_text(
        &["tensor<3xf32>", "tensor<3xf32>"],
        "tensor<3xf32>",
        r#"%r = "graph.pow"(%a, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>"#,
        &[t1(&[2f32, 4., -8.]), t1(&[3f32, 0.5, 0.5])],
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(&v[..2], &[8.0, 2.0]);
    assert!(v[2].is_nan());
    // Integer base and exponent: wrapping repeated multiplication.
    let r = op_text(
        &["tensor<3xi32>", "tensor<3xi64>"],
        "tensor<3xi32>",
        r#"%r = "graph.pow"(%a, %b) : (tensor<3xi32>, tensor<3xi64>) -> tensor<3xi32>"#,
        &[t1(&[2i32, -3, 2]), t1(&[10i64, 3, 32])],
    )
    .unwrap();
    assert_eq!(r, t1(&[1024i32, -27, 0]));
    let e = op_text(
        &["tensor<1xi32>", "tensor<1xi32>"],
        "tensor<1xi32>",
        r#"%r = "graph.pow"(%a, %b) : (tensor<1xi32>, tensor<1xi32>) -> tensor<1xi32>"#,
        &[t1(&[2i32]), t1(&[-1i32])],
    )
    .unwrap_err();
    assert!(e.contains("negative integer exponent"), "{e}");
    // Integer base, float exponent: computed in f64, truncated toward zero.
    let r = op_text(
        &["tensor<2xi32>", "tensor<2xf32>"],
        "tensor<2xi32>",
        r#"%r = "graph.pow"(%a, %b) : (tensor<2xi32>, tensor<2xf32>) -> tensor<2xi32>"#,
        &[t1(&[2i32, 10]), t1(&[0.5f32, -1.0])],
    )
    .unwrap();
    assert_eq!(r, t1(&[1i32, 0]));
}

#[test]
fn comparisons_and_logic() {
    let a = t1(&[1.0f32, f32::NAN, -0.0, 3.0]);
    let b = t1(&[2.0f32, f32::NAN, 0.0, 3.0]);
    let ty = "tensor<4xf32>";
    let cmp = |op: &str| {
        op_text(
            &[ty, ty],
            "tensor<4xi1>",
            &format!(
                r#"%r = "graph.{op}"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>"#
            ),
            &[a.clone(), b.clone()],
        )
        .unwrap()
    };
    assert_eq!(cmp("equal"), t1(&[false, false, true, true]));
    assert_eq!(cmp("less"), t1(&[true, false, false, false]));
    assert_eq!(cmp("less_equal"), t1(&[true, false, true, true]));
    assert_eq!(cmp("greater"), t1(&[false, false, false, false]));
    assert_eq!(cmp("greater_equal"), t1(&[false, false, true, true]));
    let r = op_text(
        &["tensor<4xi1>", "tensor<i1>"],
        "tensor<4xi1>",
        r#"%r = "graph.xor"(%a, %b) : (tensor<4xi1>, tensor<i1>) -> tensor<4xi1>"#,
        &[t1(&[true, false, true, false]), Tensor::scalar(true)],
    )
    .unwrap();
    assert_eq!(r, t1(&[false, true, false, true]));
}

#[test]
fn where_broadcasts_all_operands() {
    let r = op_text(
        &["tensor<2x1xi1>", "tensor<3xi64>", "tensor<i64>"],
        "tensor<2x3xi64>",
        r#"%r = "graph.where"(%a, %b, %c) : (tensor<2x1xi1>, tensor<3xi64>, tensor<i64>) -> tensor<2x3xi64>"#,
        &[tn(&[2, 1], &[true, false]), t1(&[1i64, 2, 3]), Tensor::scalar(-1i64)],
    )
    .unwrap();
    assert_eq!(r, tn(&[2, 3], &[1i64, 2, 3, -1, -1, -1]));
}

fn unary(op: &str, x: Tensor, attrs: &str) -> Result<Tensor, String> {
    let ty = format!("tensor<{}x{}>", x.len(), x.dtype());
    let ty = ty.replace("xbool", "xi1");
    op_text(
        &[&ty],
        &ty,
        &format!(r#"%r = "graph.{op}"(%a) {attrs} : ({ty}) -> {ty}"#),
        &[x],
    )
}

#[test]
fn activations() {
    let x = t1(&[-1.0f32, -0.0, 0.5, f32::NAN]);
    let r = unary("relu", x.clone(), "").unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(&v[..3], &[0.0, 0.0, 0.5]);
    assert_eq!(v[1].to_bits(), 0, "relu(-0) is +0");
    assert!(v[3].is_nan());
    let r = unary(
        "leaky_relu",
        t1(&[-2.0f32, 3.0]),
        "<{alpha = 1.000000e-01 : f32}>",
    )
    .unwrap();
    assert_eq!(r, t1(&[(0.1f32 as f64 * -2.0) as f32, 3.0]));
    let r = unary("asin", t1(&[1.0f32, 0.5, 2.0]), "").unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(
        &v[..2],
        &[std::f32::consts::FRAC_PI_2, std::f32::consts::FRAC_PI_6]
    );
    assert!(v[2].is_nan(), "asin outside [-1, 1] is NaN");
    let r = unary("acos", t1(&[1.0f32, -1.0]), "").unwrap();
    assert_eq!(r, t1(&[0.0f32, std::f32::consts::PI]));
    let r = unary("atan", t1(&[1.0f32, f32::NEG_INFINITY]), "").unwrap();
    assert_eq!(
        r,
        t1(&[std::f32::consts::FRAC_PI_4, -std::f32::consts::FRAC_PI_2])
    );
    let r = unary("sigmoid", t1(&[0.0f32, 1.0]), "").unwrap();
    assert_eq!(r, t1(&[0.5f32, 0.731_058_578_630_004_9_f64 as f32]));
    let r = unary("elu", t1(&[-1.0f32, 2.0]), "").unwrap();
    assert_eq!(r, t1(&[-0.632_120_558_828_557_7_f64 as f32, 2.0]));
    let r = unary("gelu", t1(&[1.0f32]), "").unwrap();
    assert_eq!(r, t1(&[0.841_344_746_068_542_9_f64 as f32]));
    let r = unary("gelu", t1(&[1.0f32]), r#"<{approximate = "tanh"}>"#).unwrap();
    assert_eq!(r, t1(&[0.841_191_990_608_276_8_f64 as f32]));
    let r = unary("hard_sigmoid", t1(&[-10.0f32, 0.0, 10.0]), "").unwrap();
    assert_eq!(r, t1(&[0.0f32, 0.5, 1.0]));
    let r = unary("hard_swish", t1(&[-4.0f32, 0.0, 1.0, 4.0]), "").unwrap();
    assert_eq!(
        r,
        t1(&[0.0f32, 0.0, (1.0f64 * (1.0 / 6.0 + 0.5)) as f32, 4.0])
    );
    let r = op_text(
        &["tensor<1x2x2xf32>", "tensor<2x1xf32>"],
        "tensor<1x2x2xf32>",
        r#"%r = "graph.prelu"(%a, %b) : (tensor<1x2x2xf32>, tensor<2x1xf32>) -> tensor<1x2x2xf32>"#,
        &[
            tn(&[1, 2, 2], &[-1.0f32, 1.0, -1.0, 1.0]),
            tn(&[2, 1], &[0.5f32, 0.25]),
        ],
    )
    .unwrap();
    assert_eq!(r, tn(&[1, 2, 2], &[-0.5f32, 1.0, -0.25, 1.0]));
}

#[test]
fn rounding_sign_and_integer_unary() {
    let r = unary("round", t1(&[2.5f32, -1.5, 0.5, 1.4]), "").unwrap();
    assert_eq!(r, t1(&[2.0f32, -2.0, 0.0, 1.0]));
    let r = unary("sign", t1(&[-3.0f32, 0.0, -0.0, 7.0]), "").unwrap();
    assert_eq!(r.as_slice::<f32>().unwrap()[2].to_bits(), 0x8000_0000);
    assert_eq!(r, t1(&[-1.0f32, 0.0, -0.0, 1.0]));
    let r = unary("neg", t1(&[i8::MIN, 5]), "").unwrap();
    assert_eq!(r, t1(&[i8::MIN, -5]));
    let r = unary("abs", t1(&[i8::MIN, -5]), "").unwrap();
    assert_eq!(r, t1(&[i8::MIN, 5]));
    let r = unary("sign", t1(&[-9i64, 0, 4]), "").unwrap();
    assert_eq!(r, t1(&[-1i64, 0, 1]));
    let r = unary("not", t1(&[true, false]), "").unwrap();
    assert_eq!(r, t1(&[false, true]));
    let r = unary("neg", t1(&[f32::NAN]), "").unwrap();
    assert!(r.as_slice::<f32>().unwrap()[0].is_sign_negative());
    let r = unary("sqrt", t1(&[4.0f32, -1.0, -0.0]), "").unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert!(v[0] == 2.0 && v[1].is_nan() && v[2].to_bits() == 0x8000_0000);
}

#[test]
fn clip_bounds() {
    let r = unary(
        "clip",
        t1(&[-5.0f32, 3.0, 10.0, f32::NAN]),
        "<{min = 0.000000e+00 : f32, max = 6.000000e+00 : f32}>",
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(&v[..3], &[0.0, 3.0, 6.0]);
    assert!(v[3].is_nan());
    // Only a lower bound.
    let r = unary("clip", t1(&[-5.0f32, 3.0]), "<{min = -1.000000e+00 : f32}>").unwrap();
    assert_eq!(r, t1(&[-1.0f32, 3.0]));
    // min > max: every element is max.
    let r = unary(
        "clip",
        t1(&[-5i32, 3, 10]),
        "<{min = 5 : i64, max = 2 : i64}>",
    )
    .unwrap();
    assert_eq!(r, t1(&[2i32, 2, 2]));
    // Integer bounds truncate to the element width: 300 is 44 in i8.
    let r = unary("clip", t1(&[100i8, 10]), "<{max = 300 : i64}>").unwrap();
    assert_eq!(r, t1(&[44i8, 10]));
}

#[test]
fn cast_follows_the_documented_rules() {
    let r = op_text(
        &["tensor<4xf32>"],
        "tensor<4xi8>",
        r#"%r = "graph.cast"(%a) <{to = i8}> : (tensor<4xf32>) -> tensor<4xi8>"#,
        &[t1(&[1e6f32, -2.7, f32::NAN, 127.9])],
    )
    .unwrap();
    assert_eq!(r, t1(&[127i8, -2, 0, 127]));
    let r = op_text(
        &["tensor<3xi32>"],
        "tensor<3xui8>",
        r#"%r = "graph.cast"(%a) <{to = ui8}> : (tensor<3xi32>) -> tensor<3xui8>"#,
        &[t1(&[-1i32, 256, 300])],
    )
    .unwrap();
    assert_eq!(r, t1(&[255u8, 0, 44]));
    let r = op_text(
        &["tensor<3xf32>"],
        "tensor<3xi1>",
        r#"%r = "graph.cast"(%a) <{to = i1}> : (tensor<3xf32>) -> tensor<3xi1>"#,
        &[t1(&[0.0f32, f32::NAN, -0.0])],
    )
    .unwrap();
    assert_eq!(r, t1(&[false, true, false]));
    let r = op_text(
        &["tensor<2xi1>"],
        "tensor<2xf16>",
        r#"%r = "graph.cast"(%a) <{to = f16}> : (tensor<2xi1>) -> tensor<2xf16>"#,
        &[t1(&[true, false])],
    )
    .unwrap();
    assert_eq!(r, t1(&[half::f16::ONE, half::f16::ZERO]));
}

#[test]
fn mod_and_fmod_signs() {
    let int = |attrs: &str, a: &[i32], b: &[i32]| {
        let body = format!(
            r#"%r = "graph.mod"(%a, %b) {attrs} : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>"#
        );
        op_text(
            &["tensor<4xi32>", "tensor<4xi32>"],
            "tensor<4xi32>",
            &body,
            &[t1(a), t1(b)],
        )
    };
    // fmod = 0: the sign of the divisor; fmod = 1: the sign of the dividend.
    let (a, b) = ([-7, 7, -7, 6], [3, -3, -3, 3]);
    assert_eq!(int("", &a, &b).unwrap(), t1(&[2i32, -2, -1, 0]));
    assert_eq!(
        int("<{fmod = 1 : i64}>", &a, &b).unwrap(),
        t1(&[-1i32, 1, -1, 0])
    );
    let e = int("", &[1, 2, 3, 4], &[1, 1, 0, 1]).unwrap_err();
    assert!(
        e.contains("integer remainder by zero (result element 2)"),
        "{e}"
    );
    let float = |attrs: &str| {
        let body = format!(
            r#"%r = "graph.mod"(%a, %b) {attrs} : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>"#
        );
        op_text(
            &["tensor<3xf32>", "tensor<3xf32>"],
            "tensor<3xf32>",
            &body,
            &[t1(&[-7.5f32, 7.5, 5.0]), t1(&[2.0f32, -2.0, 2.5])],
        )
        .unwrap()
    };
    assert_eq!(float(""), t1(&[0.5f32, -0.5, 0.0]));
    assert_eq!(float("<{fmod = 1 : i64}>"), t1(&[-1.5f32, 1.5, 0.0]));
}
