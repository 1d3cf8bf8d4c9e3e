//! `math` semantics: functions evaluated in f64 and rounded once, exact sign and rounding
//! ops, fma with a single rounding, integer bit counting and powers, classification.

mod common;

use common::*;
use half::f16;
use strata_interp::Tensor;
use strata_ir::{Context, FloatKind, Type};

fn un(ctx: &Context, name: &str, elem: Type, x: Tensor) -> Result<Tensor, String> {
    let ty = ctx.tensor_type(&[x.len() as i64], elem);
    apply(ctx, name, &[(ty, x)], &[ty], &[]).map(|mut v| v.remove(0))
}

#[test]
fn transcendental_functions_round_once() {
    let ctx = strata::default_context();
    let f32t = ctx.f32();
    let x = t1(&[0.0f32, 1.0, -2.5]);
    let r = un(&ctx, "math.exp", f32t, x.clone()).unwrap();
    assert_eq!(
        r,
        t1(&[1.0f32, 1.0f64.exp() as f32, (-2.5f64).exp() as f32])
    );
    let r = un(&ctx, "math.tanh", f32t, x.clone()).unwrap();
    assert_eq!(
        r,
        t1(&[0.0f32, 1.0f64.tanh() as f32, (-2.5f64).tanh() as f32])
    );
    let r = un(&ctx, "math.erf", f32t, t1(&[0.5f32])).unwrap();
    assert_eq!(r, t1(&[0.520_499_877_813_046_5f64 as f32]));
    let r = un(&ctx, "math.log", f32t, t1(&[-1.0f32, 0.0])).unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert!(v[0].is_nan() && v[1] == f32::NEG_INFINITY);
    let r = un(&ctx, "math.rsqrt", f32t, t1(&[4.0f32])).unwrap();
    assert_eq!(r, t1(&[0.5f32]));
    let f16t = ctx.float_type(FloatKind::F16);
    let r = un(&ctx, "math.sqrt", f16t, t1(&[f16::from_f32(2.0)])).unwrap();
    assert_eq!(r, t1(&[f16::from_f64(std::f64::consts::SQRT_2)]));
}

#[test]
fn rounding_and_sign_ops() {
    let ctx = strata::default_context();
    let f64t = ctx.f64();
    let x = t1(&[2.5f64, -2.5, 0.5, -0.0, 3.7]);
    assert_eq!(
        un(&ctx, "math.round", f64t, x.clone()).unwrap(),
        t1(&[3.0f64, -3.0, 1.0, -0.0, 4.0])
    );
    assert_eq!(
        un(&ctx, "math.roundeven", f64t, x.clone()).unwrap(),
        t1(&[2.0f64, -2.0, 0.0, -0.0, 4.0])
    );
    assert_eq!(
        un(&ctx, "math.floor", f64t, x.clone()).unwrap(),
        t1(&[2.0f64, -3.0, 0.0, -0.0, 3.0])
    );
    assert_eq!(
        un(&ctx, "math.ceil", f64t, x.clone()).unwrap(),
        t1(&[3.0f64, -2.0, 1.0, -0.0, 4.0])
    );
    assert_eq!(
        un(&ctx, "math.trunc", f64t, x.clone()).unwrap(),
        t1(&[2.0f64, -2.0, 0.0, -0.0, 3.0])
    );
    let a = un(&ctx, "math.absf", f64t, t1(&[-0.0f64, -f64::NAN])).unwrap();
    let v = a.as_slice::<f64>().unwrap();
    assert!(v[0].to_bits() == 0 && v[1].is_nan() && v[1].is_sign_positive());
    let ty = ctx.tensor_type(&[2], f64t);
    let r = apply(
        &ctx,
        "math.copysign",
        &[(ty, t1(&[1.0f64, -2.0])), (ty, t1(&[-0.0f64, 3.0]))],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], t1(&[-1.0f64, 2.0]));
}

#[test]
fn fma_rounds_once() {
    let ctx = strata::default_context();
    let f32t = ctx.f32();
    let ty = ctx.tensor_type(&[1], f32t);
    // a*b = 1 + 2^-23 + 2^-24 (exact), c = -2^-24 * 0.5: a single rounding differs from
    // rounding the product first.
    let a = 1.0f32 + f32::EPSILON;
    let b = 1.0f32 + f32::EPSILON / 2.0;
    let c = f32::EPSILON / 4.0 * 1.0001;
    let exact = (a as f64) * (b as f64) + c as f64;
    let r = apply(
        &ctx,
        "math.fma",
        &[(ty, t1(&[a])), (ty, t1(&[b])), (ty, t1(&[c]))],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], t1(&[exact as f32]));
    assert_eq!(r[0], t1(&[a.mul_add(b, c)]));
}

#[test]
fn integer_math() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let x = t1(&[-128i8, -5, 0, 1, 96]);
    assert_eq!(
        un(&ctx, "math.absi", i8t, x.clone()).unwrap(),
        t1(&[-128i8, 5, 0, 1, 96])
    );
    assert_eq!(
        un(&ctx, "math.ctlz", i8t, x.clone()).unwrap(),
        t1(&[0i8, 0, 8, 7, 1])
    );
    assert_eq!(
        un(&ctx, "math.cttz", i8t, x.clone()).unwrap(),
        t1(&[7i8, 0, 8, 0, 5])
    );
    assert_eq!(
        un(&ctx, "math.ctpop", i8t, x).unwrap(),
        t1(&[1i8, 7, 0, 1, 2])
    );
    let ty = ctx.tensor_type(&[5], ctx.i32());
    let r = apply(
        &ctx,
        "math.ipowi",
        &[
            (ty, t1(&[3i32, 2, -1, 5, 1])),
            (ty, t1(&[4i32, 31, -3, -1, -7])),
        ],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], t1(&[81i32, i32::MIN, -1, 0, 1]));
    let e = apply(
        &ctx,
        "math.ipowi",
        &[(ty, t1(&[0i32; 5])), (ty, t1(&[-1i32; 5]))],
        &[ty],
        &[],
    )
    .unwrap_err();
    assert!(e.contains("division by zero"), "{e}");
}

#[test]
fn classification_uses_the_element_format() {
    let ctx = strata::default_context();
    let f16t = ctx.float_type(FloatKind::F16);
    let bt = ctx.tensor_type(&[4], ctx.i1());
    let ty = ctx.tensor_type(&[4], f16t);
    let x = t1(&[
        f16::from_f32(1.0),
        f16::from_bits(1), // subnormal in f16, normal as f64
        f16::INFINITY,
        f16::NAN,
    ]);
    let get = |n: &str| {
        apply(&ctx, n, &[(ty, x.clone())], &[bt], &[])
            .unwrap()
            .remove(0)
    };
    assert_eq!(get("math.isnormal"), t1(&[true, false, false, false]));
    assert_eq!(get("math.isfinite"), t1(&[true, true, false, false]));
    assert_eq!(get("math.isinf"), t1(&[false, false, true, false]));
    assert_eq!(get("math.isnan"), t1(&[false, false, false, true]));
}

#[test]
fn clamp_and_powers() {
    let ctx = strata::default_context();
    let ty = ctx.tensor_type(&[3], ctx.f32());
    let r = apply(
        &ctx,
        "math.clampf",
        &[
            (ty, t1(&[-5.0f32, 0.5, f32::NAN])),
            (ty, t1(&[0.0f32; 3])),
            (ty, t1(&[1.0f32; 3])),
        ],
        &[ty],
        &[],
    )
    .unwrap();
    let v = r[0].as_slice::<f32>().unwrap();
    assert!(v[0] == 0.0 && v[1] == 0.5 && v[2].is_nan());
    let it = ctx.tensor_type(&[3], ctx.i32());
    let r = apply(
        &ctx,
        "math.fpowi",
        &[(ty, t1(&[2.0f32, 2.0, 0.0])), (it, t1(&[10i32, -1, -1]))],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], t1(&[1024.0f32, 0.5, f32::INFINITY]));
    let r = apply(
        &ctx,
        "math.powf",
        &[
            (ty, t1(&[2.0f32, -8.0, 4.0])),
            (ty, t1(&[0.5f32, 1.0 / 3.0, -0.5])),
        ],
        &[ty],
        &[],
    )
    .unwrap();
    let v = r[0].as_slice::<f32>().unwrap();
    assert_eq!(v[0], std::f32::consts::SQRT_2);
    assert!(v[1].is_nan());
    assert_eq!(v[2], 0.5);
    let r = apply(
        &ctx,
        "math.sincos",
        &[(ty, t1(&[0.0f32, 1.0, 2.0]))],
        &[ty, ty],
        &[],
    )
    .unwrap();
    assert_eq!(
        r[0],
        t1(&[0.0f32, 1.0f64.sin() as f32, 2.0f64.sin() as f32])
    );
    assert_eq!(
        r[1],
        t1(&[1.0f32, 1.0f64.cos() as f32, 2.0f64.cos() as f32])
    );
}
