//! `arith` semantics on hand-computed cases: wrap-around, signed/unsigned division and
//! remainder, division by zero, shifts past the width, predicates, NaN handling, casts and
//! their saturation, extended ops, select and constants.

mod common;

use common::*;
use half::f16;
use strata_dialect_arith::{CmpFPredicate, CmpIPredicate, RoundingMode};
use strata_interp::Tensor;
use strata_ir::{Context, FloatKind, Type};

fn vec_ty(ctx: &Context, n: usize, elem: Type) -> Type {
    ctx.tensor_type(&[n as i64], elem)
}

/// Apply a same-type binary op to two 1-D tensors.
fn bin(ctx: &Context, name: &str, elem: Type, a: Tensor, b: Tensor) -> Result<Tensor, String> {
    let ty = vec_ty(ctx, a.len(), elem);
    apply(ctx, name, &[(ty, a), (ty, b)], &[ty], &[]).map(|mut v| v.remove(0))
}

fn i8s(v: &[i8]) -> Tensor {
    t1(v)
}

#[test]
fn integer_wraparound() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let r = bin(
        &ctx,
        "arith.addi",
        i8t,
        i8s(&[127, -128, 5]),
        i8s(&[1, -1, 6]),
    )
    .unwrap();
    assert_eq!(r, i8s(&[-128, 127, 11]));
    let r = bin(&ctx, "arith.subi", i8t, i8s(&[-128]), i8s(&[1])).unwrap();
    assert_eq!(r, i8s(&[127]));
    let r = bin(&ctx, "arith.muli", i8t, i8s(&[16, -128]), i8s(&[16, -1])).unwrap();
    assert_eq!(r, i8s(&[0, -128]));
}

#[test]
fn signed_and_unsigned_division() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    let a = t1(&[7i32, -7, 7, -7, 6]);
    let b = t1(&[2i32, 2, -2, -2, 3]);
    let get = |name: &str| bin(&ctx, name, i32t, a.clone(), b.clone()).unwrap();
    assert_eq!(get("arith.divsi"), t1(&[3i32, -3, -3, 3, 2]));
    assert_eq!(get("arith.ceildivsi"), t1(&[4i32, -3, -3, 4, 2]));
    assert_eq!(get("arith.floordivsi"), t1(&[3i32, -4, -4, 3, 2]));
    assert_eq!(get("arith.remsi"), t1(&[1i32, -1, 1, -1, 0]));
    // Unsigned: -7 is 2^32 - 7.
    assert_eq!(
        get("arith.divui"),
        t1(&[3i32, ((u32::MAX - 6) / 2) as i32, 0, 0, 2])
    );
    assert_eq!(
        get("arith.ceildivui"),
        t1(&[4i32, ((u32::MAX - 6) / 2 + 1) as i32, 1, 1, 2])
    );
    assert_eq!(
        get("arith.remui"),
        t1(&[1i32, ((u32::MAX - 6) % 2) as i32, 7, -7, 0])
    );
    // i16: 6 % -2 (unsigned) is 6.
    let i16t = ctx.int_type(16);
    let r = bin(&ctx, "arith.remui", i16t, t1(&[6i16]), t1(&[-2i16])).unwrap();
    assert_eq!(r, t1(&[6i16]));
}

#[test]
fn division_by_zero_and_overflow_are_diagnostics() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    for name in [
        "arith.divsi",
        "arith.divui",
        "arith.ceildivsi",
        "arith.ceildivui",
        "arith.floordivsi",
        "arith.remsi",
        "arith.remui",
    ] {
        let e = bin(&ctx, name, i32t, t1(&[1i32, 2]), t1(&[1i32, 0])).unwrap_err();
        assert!(e.contains("division by zero"), "{name}: {e}");
        assert!(e.contains(&format!("'{name}' op")), "{e}");
        assert!(e.contains("element 1"), "{e}");
    }
    for name in ["arith.divsi", "arith.ceildivsi", "arith.floordivsi"] {
        let e = bin(&ctx, name, i32t, t1(&[i32::MIN]), t1(&[-1i32])).unwrap_err();
        assert!(e.contains("signed division overflow"), "{name}: {e}");
    }
    let r = bin(&ctx, "arith.remsi", i32t, t1(&[i32::MIN]), t1(&[-1i32])).unwrap();
    assert_eq!(r, t1(&[0i32]));
}

#[test]
fn shifts() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let r = bin(
        &ctx,
        "arith.shli",
        i8t,
        i8s(&[1, 1, 3, 1]),
        i8s(&[7, 8, 1, -1]),
    )
    .unwrap();
    assert_eq!(r, i8s(&[-128, 0, 6, 0]));
    let r = bin(
        &ctx,
        "arith.shrui",
        i8t,
        i8s(&[-128, -1, 4]),
        i8s(&[7, 8, 1]),
    )
    .unwrap();
    assert_eq!(r, i8s(&[1, 0, 2]));
    let r = bin(
        &ctx,
        "arith.shrsi",
        i8t,
        i8s(&[-128, -128, 64, -3]),
        i8s(&[7, 9, 9, 1]),
    )
    .unwrap();
    assert_eq!(r, i8s(&[-1, -1, 0, -2]));
}

#[test]
fn bitwise_and_min_max() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let a = i8s(&[-1, 12, -128]);
    let b = i8s(&[1, 10, 127]);
    let get = |n: &str| bin(&ctx, n, i8t, a.clone(), b.clone()).unwrap();
    assert_eq!(get("arith.andi"), i8s(&[1, 8, 0]));
    assert_eq!(get("arith.ori"), i8s(&[-1, 14, -1]));
    assert_eq!(get("arith.xori"), i8s(&[-2, 6, -1]));
    assert_eq!(get("arith.maxsi"), i8s(&[1, 12, 127]));
    assert_eq!(get("arith.minsi"), i8s(&[-1, 10, -128]));
    assert_eq!(get("arith.maxui"), i8s(&[-1, 12, -128]));
    assert_eq!(get("arith.minui"), i8s(&[1, 10, 127]));
}

#[test]
fn i1_arithmetic() {
    let ctx = strata::default_context();
    let i1 = ctx.i1();
    let a = t1(&[true, true, false]);
    let b = t1(&[true, false, false]);
    assert_eq!(
        bin(&ctx, "arith.addi", i1, a.clone(), b.clone()).unwrap(),
        t1(&[false, true, false])
    );
    // As signed i1, true is -1: maxsi(true, false) = false.
    assert_eq!(
        bin(&ctx, "arith.maxsi", i1, a, b).unwrap(),
        t1(&[true, false, false])
    );
}

#[test]
fn extended_ops() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let ty = vec_ty(&ctx, 2, i8t);
    let bt = vec_ty(&ctx, 2, ctx.i1());
    let a = || (ty, i8s(&[-56, 3]));
    let b = || (ty, i8s(&[100, 4]));
    let r = apply(&ctx, "arith.addui_extended", &[a(), b()], &[ty, bt], &[]).unwrap();
    assert_eq!(r, vec![i8s(&[44, 7]), t1(&[true, false])]);
    // 200 * 100 = 20000 = 0x4E20; -56 * 100 = -5600 = 0xEA20.
    let r = apply(&ctx, "arith.mului_extended", &[a(), b()], &[ty, ty], &[]).unwrap();
    assert_eq!(r, vec![i8s(&[0x20, 12]), i8s(&[0x4E, 0])]);
    let r = apply(&ctx, "arith.mulsi_extended", &[a(), b()], &[ty, ty], &[]).unwrap();
    assert_eq!(r, vec![i8s(&[0x20, 12]), i8s(&[0xEAu8 as i8, 0])]);
}

#[test]
fn integer_comparisons() {
    let ctx = strata::default_context();
    let i8t = ctx.int_type(8);
    let ty = vec_ty(&ctx, 3, i8t);
    let bt = vec_ty(&ctx, 3, ctx.i1());
    let cases = [
        (CmpIPredicate::Eq, [false, true, false]),
        (CmpIPredicate::Ne, [true, false, true]),
        (CmpIPredicate::Slt, [true, false, false]),
        (CmpIPredicate::Sle, [true, true, false]),
        (CmpIPredicate::Sgt, [false, false, true]),
        (CmpIPredicate::Sge, [false, true, true]),
        (CmpIPredicate::Ult, [false, false, true]),
        (CmpIPredicate::Ule, [false, true, true]),
        (CmpIPredicate::Ugt, [true, false, false]),
        (CmpIPredicate::Uge, [true, true, false]),
    ];
    for (p, expect) in cases {
        let r = apply(
            &ctx,
            "arith.cmpi",
            &[(ty, i8s(&[-1, 5, 7])), (ty, i8s(&[1, 5, -7]))],
            &[bt],
            &[("predicate", p.attr(&ctx))],
        )
        .unwrap();
        assert_eq!(r[0], t1(&expect), "{p:?}");
    }
}

#[test]
fn float_comparisons_with_nan() {
    let ctx = strata::default_context();
    let ty = vec_ty(&ctx, 3, ctx.f32());
    let bt = vec_ty(&ctx, 3, ctx.i1());
    let a = t1(&[1.0f32, f32::NAN, 2.0]);
    let b = t1(&[1.0f32, 1.0, 1.0]);
    let cases = [
        (CmpFPredicate::AlwaysFalse, [false, false, false]),
        (CmpFPredicate::Oeq, [true, false, false]),
        (CmpFPredicate::Ogt, [false, false, true]),
        (CmpFPredicate::Oge, [true, false, true]),
        (CmpFPredicate::Olt, [false, false, false]),
        (CmpFPredicate::Ole, [true, false, false]),
        (CmpFPredicate::One, [false, false, true]),
        (CmpFPredicate::Ord, [true, false, true]),
        (CmpFPredicate::Ueq, [true, true, false]),
        (CmpFPredicate::Ugt, [false, true, true]),
        (CmpFPredicate::Uge, [true, true, true]),
        (CmpFPredicate::Ult, [false, true, false]),
        (CmpFPredicate::Ule, [true, true, false]),
        (CmpFPredicate::Une, [false, true, true]),
        (CmpFPredicate::Uno, [false, true, false]),
        (CmpFPredicate::AlwaysTrue, [true, true, true]),
    ];
    for (p, expect) in cases {
        let r = apply(
            &ctx,
            "arith.cmpf",
            &[(ty, a.clone()), (ty, b.clone())],
            &[bt],
            &[("predicate", p.attr(&ctx))],
        )
        .unwrap();
        assert_eq!(r[0], t1(&expect), "{p:?}");
    }
}

#[test]
fn float_arithmetic_nan_and_signed_zero() {
    let ctx = strata::default_context();
    let f32t = ctx.f32();
    let nan = f32::NAN;
    let r = bin(
        &ctx,
        "arith.addf",
        f32t,
        t1(&[1.5f32, nan, f32::INFINITY]),
        t1(&[2.25f32, 1.0, -f32::INFINITY]),
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(v[0], 3.75);
    assert!(v[1].is_nan() && v[2].is_nan());
    let r = bin(
        &ctx,
        "arith.divf",
        f32t,
        t1(&[1.0f32, -1.0, 0.0]),
        t1(&[0.0f32, 0.0, 0.0]),
    )
    .unwrap();
    let v = r.as_slice::<f32>().unwrap();
    assert_eq!(v[0], f32::INFINITY);
    assert_eq!(v[1], f32::NEG_INFINITY);
    assert!(v[2].is_nan());
    let r = bin(
        &ctx,
        "arith.remf",
        f32t,
        t1(&[5.5f32, -5.5]),
        t1(&[2.0f32, 2.0]),
    )
    .unwrap();
    assert_eq!(r, t1(&[1.5f32, -1.5]));

    let a = t1(&[nan, 1.0, 0.0, -0.0]);
    let b = t1(&[1.0f32, nan, -0.0, 0.0]);
    let bits = |t: Tensor| -> Vec<u32> {
        t.as_slice::<f32>()
            .unwrap()
            .iter()
            .map(|x| x.to_bits())
            .collect()
    };
    let mx = bin(&ctx, "arith.maximumf", f32t, a.clone(), b.clone()).unwrap();
    let v = mx.as_slice::<f32>().unwrap();
    assert!(v[0].is_nan() && v[1].is_nan());
    assert_eq!(bits(mx)[2..], [0, 0]);
    let mn = bin(&ctx, "arith.minimumf", f32t, a.clone(), b.clone()).unwrap();
    assert_eq!(bits(mn)[2..], [0x8000_0000, 0x8000_0000]);
    let mx = bin(&ctx, "arith.maxnumf", f32t, a.clone(), b.clone()).unwrap();
    assert_eq!(bits(mx), [1.0f32.to_bits(), 1.0f32.to_bits(), 0, 0]);
    let mn = bin(&ctx, "arith.minnumf", f32t, a, b).unwrap();
    assert_eq!(bits(mn)[..2], [1.0f32.to_bits(), 1.0f32.to_bits()]);

    let ty = vec_ty(&ctx, 2, f32t);
    let r = apply(&ctx, "arith.negf", &[(ty, t1(&[0.0f32, nan]))], &[ty], &[]).unwrap();
    assert_eq!(r[0].as_slice::<f32>().unwrap()[0].to_bits(), 0x8000_0000);
    assert!(r[0].as_slice::<f32>().unwrap()[1].is_sign_negative());
}

#[test]
fn half_precision_rounds_once() {
    let ctx = strata::default_context();
    let f16t = ctx.float_type(FloatKind::F16);
    let h = |x: f64| f16::from_f64(x);
    // 1 + 2^-11 is a tie between 1 and 1 + 2^-10: rounds to even (1).
    let r = bin(
        &ctx,
        "arith.addf",
        f16t,
        t1(&[h(1.0), h(1.0)]),
        t1(&[h(f64::powi(2.0, -11)), h(f64::powi(2.0, -10))]),
    )
    .unwrap();
    assert_eq!(r, t1(&[h(1.0), h(1.0 + f64::powi(2.0, -10))]));
    let r = bin(&ctx, "arith.mulf", f16t, t1(&[h(300.0)]), t1(&[h(300.0)])).unwrap();
    assert!(r.as_slice::<f16>().unwrap()[0].is_infinite());
}

fn cast(
    ctx: &Context,
    name: &str,
    from: Type,
    to: Type,
    x: Tensor,
    props: &[(&str, strata_ir::Attribute)],
) -> Result<Tensor, String> {
    let n = x.len();
    apply(
        ctx,
        name,
        &[(vec_ty(ctx, n, from), x)],
        &[vec_ty(ctx, n, to)],
        props,
    )
    .map(|mut v| v.remove(0))
}

#[test]
fn float_to_int_saturates() {
    let ctx = strata::default_context();
    let (f32t, i32t, i8t) = (ctx.f32(), ctx.i32(), ctx.int_type(8));
    let x = t1(&[1e10f32, -1e10, f32::NAN, -2.7, 2.7, f32::INFINITY]);
    let r = cast(&ctx, "arith.fptosi", f32t, i32t, x.clone(), &[]).unwrap();
    assert_eq!(r, t1(&[i32::MAX, i32::MIN, 0, -2, 2, i32::MAX]));
    let r = cast(&ctx, "arith.fptoui", f32t, i8t, x, &[]).unwrap();
    // Unsigned 255 is the bit pattern -1 of i8.
    assert_eq!(r, i8s(&[-1, 0, 0, 0, 2, -1]));
    let r = cast(
        &ctx,
        "arith.fptosi",
        f32t,
        ctx.i1(),
        t1(&[-1.0f32, 1.0, -0.5]),
        &[],
    )
    .unwrap();
    assert_eq!(r, t1(&[true, false, false]));
}

#[test]
fn int_to_float_and_int_casts() {
    let ctx = strata::default_context();
    let (f32t, i8t, i32t, i64t) = (ctx.f32(), ctx.int_type(8), ctx.i32(), ctx.i64());
    let r = cast(&ctx, "arith.sitofp", i8t, f32t, i8s(&[-1, 127]), &[]).unwrap();
    assert_eq!(r, t1(&[-1.0f32, 127.0]));
    let r = cast(&ctx, "arith.uitofp", i8t, f32t, i8s(&[-1, 127]), &[]).unwrap();
    assert_eq!(r, t1(&[255.0f32, 127.0]));
    // 2^24 + 1 rounds to even in f32.
    let r = cast(
        &ctx,
        "arith.sitofp",
        i64t,
        f32t,
        t1(&[(1i64 << 24) + 1, (1i64 << 24) + 3]),
        &[],
    )
    .unwrap();
    assert_eq!(r, t1(&[16777216.0f32, 16777220.0]));
    let r = cast(&ctx, "arith.extsi", i8t, i32t, i8s(&[-1, 5]), &[]).unwrap();
    assert_eq!(r, t1(&[-1i32, 5]));
    let r = cast(&ctx, "arith.extui", i8t, i32t, i8s(&[-1, 5]), &[]).unwrap();
    assert_eq!(r, t1(&[255i32, 5]));
    let r = cast(&ctx, "arith.trunci", i32t, i8t, t1(&[300i32, -129]), &[]).unwrap();
    assert_eq!(r, i8s(&[44, 127]));
    let idx = ctx.index_type();
    let r = cast(&ctx, "arith.index_cast", i8t, idx, i8s(&[-3]), &[]).unwrap();
    assert_eq!(r, Tensor::index_scalar(-3).reshape(vec![1]).unwrap());
    let r = cast(&ctx, "arith.index_castui", i8t, idx, i8s(&[-3]), &[]).unwrap();
    assert_eq!(r, Tensor::index_scalar(253).reshape(vec![1]).unwrap());
    let r = cast(
        &ctx,
        "arith.index_cast",
        idx,
        i8t,
        Tensor::index_scalar(-3).reshape(vec![1]).unwrap(),
        &[],
    )
    .unwrap();
    assert_eq!(r, i8s(&[-3]));
    let r = cast(&ctx, "arith.bitcast", f32t, i32t, t1(&[1.0f32, -0.0]), &[]).unwrap();
    assert_eq!(r, t1(&[0x3f80_0000i32, i32::MIN]));
}

#[test]
fn float_casts_and_rounding_modes() {
    let ctx = strata::default_context();
    let (f32t, f64t) = (ctx.f32(), ctx.f64());
    let x = t1(&[
        1.0f64 + f64::powi(2.0, -30),
        -(1.0f64 + f64::powi(2.0, -30)),
        1e300,
    ]);
    let r = cast(&ctx, "arith.truncf", f64t, f32t, x.clone(), &[]).unwrap();
    assert_eq!(r, t1(&[1.0f32, -1.0, f32::INFINITY]));
    let up = f32::from_bits(1.0f32.to_bits() + 1);
    let mode = |m: RoundingMode| [("roundingmode", m.attr(&ctx))];
    let r = cast(
        &ctx,
        "arith.truncf",
        f64t,
        f32t,
        x.clone(),
        &mode(RoundingMode::Upward),
    )
    .unwrap();
    assert_eq!(r, t1(&[up, -1.0, f32::INFINITY]));
    let r = cast(
        &ctx,
        "arith.truncf",
        f64t,
        f32t,
        x.clone(),
        &mode(RoundingMode::Downward),
    )
    .unwrap();
    assert_eq!(r, t1(&[1.0f32, -up, f32::MAX]));
    let r = cast(
        &ctx,
        "arith.truncf",
        f64t,
        f32t,
        x,
        &mode(RoundingMode::TowardZero),
    )
    .unwrap();
    assert_eq!(r, t1(&[1.0f32, -1.0, f32::MAX]));
    let r = cast(&ctx, "arith.extf", f32t, f64t, t1(&[0.1f32]), &[]).unwrap();
    assert_eq!(r, t1(&[0.1f32 as f64]));
}

#[test]
fn select_scalar_and_elementwise() {
    let ctx = strata::default_context();
    let ty = vec_ty(&ctx, 3, ctx.f32());
    let bt = vec_ty(&ctx, 3, ctx.i1());
    let a = t1(&[1.0f32, 2.0, 3.0]);
    let b = t1(&[-1.0f32, -2.0, -3.0]);
    let r = apply(
        &ctx,
        "arith.select",
        &[
            (bt, t1(&[true, false, true])),
            (ty, a.clone()),
            (ty, b.clone()),
        ],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], t1(&[1.0f32, -2.0, 3.0]));
    let r = apply(
        &ctx,
        "arith.select",
        &[(ctx.i1(), Tensor::scalar(false)), (ty, a), (ty, b.clone())],
        &[ty],
        &[],
    )
    .unwrap();
    assert_eq!(r[0], b);
}

#[test]
fn constants() {
    let ctx = strata::default_context();
    let splat = tn(&[2, 2], &[7i32; 4]);
    let dense = tn(&[3], &[1.5f64, -2.0, 0.25]);
    let (st, dt) = (splat.ir_type(&ctx, false), dense.ir_type(&ctx, false));
    let m = single(
        &ctx,
        &[],
        &[st, dt, ctx.index_type(), ctx.i1(), ctx.f32()],
        |b, _| {
            let s = b.constant(splat.to_dense_attr(&ctx), st);
            let d = b.constant(dense.to_dense_attr(&ctx), dt);
            let i = b.constant(ctx.int_attr(-5, ctx.index_type()), ctx.index_type());
            let t = b.constant(ctx.bool_attr(true), ctx.i1());
            let f = b.constant(ctx.float_attr(0.5, ctx.f32()), ctx.f32());
            b.ret(&[s, d, i, t, f]);
        },
    );
    let r = run(&ctx, &m, &[]).unwrap();
    assert_eq!(
        r,
        vec![
            splat,
            dense,
            Tensor::index_scalar(-5),
            Tensor::scalar(true),
            Tensor::scalar(0.5f32)
        ]
    );
}

#[test]
fn scalar_ops_and_type_checks() {
    let ctx = strata::default_context();
    let i32t = ctx.i32();
    let m = one_op(&ctx, "arith.addi", &[i32t, i32t], &[i32t], &[]);
    let r = run(&ctx, &m, &[Tensor::scalar(2i32), Tensor::scalar(40i32)]).unwrap();
    assert_eq!(r, vec![Tensor::scalar(42i32)]);
    // Wrong input dtype and arity are reported, not panics.
    let e = run(&ctx, &m, &[Tensor::scalar(2i64), Tensor::scalar(40i32)]).unwrap_err();
    assert!(e.contains("argument #0"), "{e}");
    let e = run(&ctx, &m, &[Tensor::scalar(2i32)]).unwrap_err();
    assert!(e.contains("takes 2 arguments"), "{e}");
    // A result that does not match its declared type is caught.
    let bad = one_op(&ctx, "arith.addi", &[i32t, i32t], &[ctx.i64()], &[]);
    let e = run(&ctx, &bad, &[Tensor::scalar(2i32), Tensor::scalar(40i32)]).unwrap_err();
    assert!(e.contains("result #0"), "{e}");
}
