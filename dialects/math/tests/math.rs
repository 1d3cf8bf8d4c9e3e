//! Verifier and folder tests of the math dialect, with property tests comparing folds to
//! direct evaluation.

#[path = "../../arith/tests/common/mod.rs"]
mod common;

use common::*;
use proptest::prelude::*;
use strata_dialect_arith::consts::{dense_attr, ConstValue};
use strata_dialect_arith::FastMathFlags;
use strata_ir::{AttrKind, Attribute, Context, FoldResult, Type};

fn ctx() -> Context {
    let mut c = context();
    c.register_dialect(&strata_dialect_math::DIALECT);
    c
}

fn fold_consts(
    ctx: &Context,
    name: &str,
    operands: &[(Attribute, Type)],
    results: &[Type],
) -> Option<Vec<FoldResult>> {
    let mut s = Scratch::new(&[]);
    let vals: Vec<_> = operands
        .iter()
        .map(|&(a, t)| s.constant(ctx, a, t))
        .collect();
    let op = s.op(ctx, name, &vals, results, &[]);
    s.fold_auto(ctx, op)
}

fn f32c(ctx: &Context, v: f32) -> (Attribute, Type) {
    (
        ctx.attr(AttrKind::Float {
            bits: v.to_bits() as u64,
            ty: ctx.f32(),
        }),
        ctx.f32(),
    )
}

fn f64c(ctx: &Context, v: f64) -> (Attribute, Type) {
    (
        ctx.attr(AttrKind::Float {
            bits: v.to_bits(),
            ty: ctx.f64(),
        }),
        ctx.f64(),
    )
}

fn bits(ctx: &Context, a: Attribute) -> u64 {
    match ctx.attr_kind(a) {
        AttrKind::Float { bits, .. } => *bits,
        k => panic!("not a float: {k:?}"),
    }
}

const UNARY_FLOAT: [&str; 30] = [
    "math.absf",
    "math.acos",
    "math.acosh",
    "math.asin",
    "math.asinh",
    "math.atan",
    "math.atanh",
    "math.cbrt",
    "math.ceil",
    "math.cos",
    "math.cosh",
    "math.erf",
    "math.erfc",
    "math.exp",
    "math.exp2",
    "math.expm1",
    "math.floor",
    "math.log",
    "math.log10",
    "math.log1p",
    "math.log2",
    "math.round",
    "math.roundeven",
    "math.rsqrt",
    "math.sin",
    "math.sinh",
    "math.sqrt",
    "math.tan",
    "math.tanh",
    "math.trunc",
];

#[test]
fn verifier_accepts_and_rejects() {
    let ctx = ctx();
    let (f32t, i32t) = (ctx.f32(), ctx.i32());
    let v = vector(&ctx, &[4], f32t);
    let vi = vector(&ctx, &[4], i32t);
    let mut s = Scratch::new(&[f32t, i32t, v, vi, ctx.f64(), ctx.index_type()]);
    let (f, i, vv, vvi, d, idx) = (
        s.args[0], s.args[1], s.args[2], s.args[3], s.args[4], s.args[5],
    );
    let fm = FastMathFlags::FAST.attr(&ctx);
    for name in UNARY_FLOAT {
        let op = s.op(&ctx, name, &[f], &[f32t], &[("fastmath", fm)]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[vv], &[v], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[f], &[ctx.f64()], &[]);
        assert_err(
            s.verify(&ctx, op),
            "requires the same type for all operands and results",
        );
        let op = s.op(&ctx, name, &[i], &[i32t], &[]);
        assert_err(s.verify(&ctx, op), "operand #0 must be floating-point-like");
    }
    for name in ["math.atan2", "math.copysign", "math.powf"] {
        let op = s.op(&ctx, name, &[f, f], &[f32t], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[f, d], &[f32t], &[]);
        assert_err(
            s.verify(&ctx, op),
            "requires the same type for all operands and results",
        );
    }
    for name in ["math.fma", "math.clampf"] {
        let op = s.op(&ctx, name, &[f, f, f], &[f32t], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[f, d, f], &[f32t], &[]);
        assert_err(
            s.verify(&ctx, op),
            "requires the same type for all operands and results",
        );
    }
    for name in ["math.absi", "math.ctlz", "math.cttz", "math.ctpop"] {
        let op = s.op(&ctx, name, &[i], &[i32t], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[idx], &[ctx.index_type()], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[i], &[ctx.i64()], &[]);
        assert_err(
            s.verify(&ctx, op),
            "requires the same type for all operands and results",
        );
        let op = s.op(&ctx, name, &[f], &[f32t], &[]);
        assert_err(
            s.verify(&ctx, op),
            "operand #0 must be signless-integer-like",
        );
    }
    let op = s.op(&ctx, "math.ipowi", &[i, i], &[i32t], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    for name in ["math.isnan", "math.isinf", "math.isfinite", "math.isnormal"] {
        let op = s.op(&ctx, name, &[f], &[ctx.i1()], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[vv], &[vector(&ctx, &[4], ctx.i1())], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[vv], &[ctx.i1()], &[]);
        assert_err(
            s.verify(&ctx, op),
            "failed to verify that result type has i1 element type and same shape as operands",
        );
        let op = s.op(&ctx, name, &[f], &[f32t], &[]);
        assert_err(s.verify(&ctx, op), "result #0 must be bool-like");
    }
    let op = s.op(&ctx, "math.fpowi", &[f, i], &[f32t], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "math.fpowi", &[vv, vvi], &[v], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "math.fpowi", &[vv, i], &[v], &[]);
    assert_err(
        s.verify(&ctx, op),
        "requires the same shape for all operands and results",
    );
    let op = s.op(&ctx, "math.fpowi", &[f, i], &[ctx.f64()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {lhs, result} have same type",
    );
    let op = s.op(&ctx, "math.fpowi", &[i, i], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "operand #0 must be floating-point-like");
    let op = s.op(&ctx, "math.sincos", &[f], &[f32t, f32t], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "math.sincos", &[f], &[f32t, ctx.f64()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {operand, sin, cos} have same type",
    );
}

#[test]
fn malformed_ops_never_panic() {
    let ctx = ctx();
    let i32t = ctx.i32();
    let types = [
        i32t,
        ctx.i1(),
        ctx.f32(),
        ctx.index_type(),
        vector(&ctx, &[2], ctx.f32()),
        ctx.none_type(),
    ];
    let mut s = Scratch::new(&types);
    let consts = [
        Some(ctx.int_attr(0, i32t)),
        Some(ctx.float_attr(0.5, ctx.f32())),
        None,
        Some(ctx.unit_attr()),
    ];
    for def in strata_dialect_math::DIALECT.ops {
        for n_operands in 0..4 {
            for n_results in 0..3 {
                for k in 0..types.len() {
                    let operands: Vec<_> = (0..n_operands)
                        .map(|i| s.args[(i + k) % types.len()])
                        .collect();
                    let results: Vec<_> = (0..n_results)
                        .map(|i| types[(i * 5 + k) % types.len()])
                        .collect();
                    let op = s.op(
                        &ctx,
                        def.name,
                        &operands,
                        &results,
                        &[("fastmath", ctx.unit_attr())],
                    );
                    let _ = s.verify(&ctx, op);
                    let c: Vec<_> = (0..n_operands)
                        .map(|i| consts[(i + k) % consts.len()])
                        .collect();
                    let _ = s.fold(&ctx, op, &c);
                }
            }
        }
    }
}

#[test]
fn float_folds_follow_mlir() {
    let ctx = ctx();
    let f32t = ctx.f32();
    let one = |name: &str, c: (Attribute, Type)| fold_consts(&ctx, name, &[c], &[c.1]);
    assert_eq!(
        bits(&ctx, folded_attr(one("math.sin", f32c(&ctx, 0.5)))),
        0.5f32.sin().to_bits() as u64
    );
    assert_eq!(
        bits(&ctx, folded_attr(one("math.exp", f64c(&ctx, 1.0)))),
        1f64.exp().to_bits()
    );
    assert_eq!(
        bits(&ctx, folded_attr(one("math.erf", f64c(&ctx, 0.5)))),
        libm::erf(0.5).to_bits()
    );
    // Negative inputs of log/sqrt do not fold; -0.0 counts as negative.
    assert_eq!(one("math.log", f32c(&ctx, -1.0)), None);
    assert_eq!(one("math.sqrt", f32c(&ctx, -0.0)), None);
    assert_eq!(one("math.log1p", f32c(&ctx, -2.0)), None);
    // Transcendental functions fold f32/f64 only; cbrt and rsqrt never fold.
    let h = (ctx.float_attr(0.5, f16(&ctx)), f16(&ctx));
    assert_eq!(one("math.exp", h), None);
    assert_eq!(one("math.cbrt", f32c(&ctx, 8.0)), None);
    assert_eq!(one("math.rsqrt", f32c(&ctx, 4.0)), None);
    // Rounding ops fold every float type exactly.
    assert_eq!(
        folded_attr(one("math.floor", h)),
        ctx.float_attr(0.0, f16(&ctx))
    );
    assert_eq!(
        folded_attr(one("math.ceil", h)),
        ctx.float_attr(1.0, f16(&ctx))
    );
    assert_eq!(
        folded_attr(one("math.roundeven", f32c(&ctx, 2.5))),
        ctx.float_attr(2.0, f32t)
    );
    assert_eq!(
        folded_attr(one("math.round", f32c(&ctx, 2.5))),
        ctx.float_attr(3.0, f32t)
    );
    assert_eq!(
        folded_attr(one("math.ceil", f32c(&ctx, -0.5))),
        ctx.float_attr(-0.0, f32t)
    );
    assert_eq!(
        folded_attr(one("math.absf", f32c(&ctx, -3.0))),
        ctx.float_attr(3.0, f32t)
    );
    let r = fold_consts(
        &ctx,
        "math.copysign",
        &[f32c(&ctx, 3.0), f32c(&ctx, -0.0)],
        &[f32t],
    );
    assert_eq!(folded_attr(r), ctx.float_attr(-3.0, f32t));
    let r = fold_consts(
        &ctx,
        "math.atan2",
        &[f32c(&ctx, 0.0), f32c(&ctx, -0.0)],
        &[f32t],
    );
    assert_eq!(bits(&ctx, folded_attr(r)), 0x7FC0_0000);
    let r = fold_consts(
        &ctx,
        "math.powf",
        &[f64c(&ctx, 2.0), f64c(&ctx, 10.0)],
        &[ctx.f64()],
    );
    assert_eq!(folded_attr(r), ctx.float_attr(1024.0, ctx.f64()));
    // Splat and dense operands fold element-wise.
    let v = vector(&ctx, &[2], f32t);
    let d = dense_attr(
        &ctx,
        v,
        &[(-1.5f32).to_bits() as u128, 2.5f32.to_bits() as u128],
    )
    .unwrap();
    let r = folded_attr(fold_consts(&ctx, "math.absf", &[(d, v)], &[v]));
    assert_eq!(
        ConstValue::from_attr(&ctx, r).unwrap().values,
        vec![1.5f32.to_bits() as u128, 2.5f32.to_bits() as u128]
    );
}

#[test]
fn classification_folds() {
    let ctx = ctx();
    let i1 = ctx.i1();
    let nan = f32c(&ctx, f32::NAN);
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.isnan", &[nan], &[i1])),
        ctx.bool_attr(true)
    );
    assert_eq!(
        folded_attr(fold_consts(
            &ctx,
            "math.isinf",
            &[f32c(&ctx, f32::NEG_INFINITY)],
            &[i1]
        )),
        ctx.bool_attr(true)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.isfinite", &[nan], &[i1])),
        ctx.bool_attr(false)
    );
    assert_eq!(
        folded_attr(fold_consts(
            &ctx,
            "math.isnormal",
            &[f32c(&ctx, 1e-40)],
            &[i1]
        )),
        ctx.bool_attr(false)
    );
    let v = vector(&ctx, &[2], ctx.f32());
    let vb = vector(&ctx, &[2], i1);
    let splat = dense_attr(&ctx, v, &[f32::NAN.to_bits() as u128]).unwrap();
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.isnan", &[(splat, v)], &[vb])),
        dense_attr(&ctx, vb, &[1]).unwrap()
    );
    // Non-splat vectors do not fold (as in MLIR).
    let dense = dense_attr(&ctx, v, &[0, f32::NAN.to_bits() as u128]).unwrap();
    assert_eq!(fold_consts(&ctx, "math.isnan", &[(dense, v)], &[vb]), None);
}

#[test]
fn integer_folds() {
    let ctx = ctx();
    let i8t = ctx.int_type(8);
    let c = |v: i128| (ctx.int_attr(v, i8t), i8t);
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.absi", &[c(-128)], &[i8t])),
        ctx.int_attr(-128, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.absi", &[c(-5)], &[i8t])),
        ctx.int_attr(5, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.ctlz", &[c(1)], &[i8t])),
        ctx.int_attr(7, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.cttz", &[c(0)], &[i8t])),
        ctx.int_attr(8, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.ctpop", &[c(-1)], &[i8t])),
        ctx.int_attr(8, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.ipowi", &[c(3), c(5)], &[i8t])),
        ctx.int_attr(-13, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.ipowi", &[c(-1), c(-3)], &[i8t])),
        ctx.int_attr(-1, i8t)
    );
    assert_eq!(
        folded_attr(fold_consts(&ctx, "math.ipowi", &[c(2), c(-3)], &[i8t])),
        ctx.int_attr(0, i8t)
    );
    assert_eq!(
        fold_consts(&ctx, "math.ipowi", &[c(0), c(-1)], &[i8t]),
        None
    );
}

proptest! {
    #[test]
    fn libm_folds_match_native_f64(x in any::<f64>(), op in 0usize..12) {
        let ctx = ctx();
        let names = ["math.sin", "math.cos", "math.tan", "math.tanh", "math.exp", "math.exp2", "math.expm1", "math.atan", "math.log", "math.sqrt", "math.trunc", "math.round"];
        let f: [fn(f64) -> f64; 12] = [f64::sin, f64::cos, f64::tan, f64::tanh, f64::exp, f64::exp2, f64::exp_m1, f64::atan, f64::ln, f64::sqrt, f64::trunc, f64::round];
        let r = fold_consts(&ctx, names[op], &[f64c(&ctx, x)], &[ctx.f64()]);
        if (op == 8 || op == 9) && x.is_sign_negative() {
            prop_assert_eq!(r, None);
        } else {
            prop_assert_eq!(bits(&ctx, folded_attr(r)), f[op](x).to_bits());
        }
    }

    #[test]
    fn rounding_folds_match_native_f32(x in any::<f32>()) {
        let ctx = ctx();
        for (name, f) in [("math.floor", f32::floor as fn(f32) -> f32), ("math.ceil", f32::ceil), ("math.roundeven", f32::round_ties_even)] {
            let r = bits(&ctx, folded_attr(fold_consts(&ctx, name, &[f32c(&ctx, x)], &[ctx.f32()])));
            let want = f(x);
            if want.is_nan() {
                prop_assert!(f32::from_bits(r as u32).is_nan());
            } else {
                prop_assert_eq!(r, want.to_bits() as u64, "{} {}", name, x);
            }
        }
    }

    #[test]
    fn bit_count_folds_match_native(x in any::<u32>()) {
        let ctx = ctx();
        let t = ctx.i32();
        let c = (ctx.int_attr(x as i32 as i128, t), t);
        for (name, want) in [("math.ctlz", x.leading_zeros()), ("math.cttz", x.trailing_zeros()), ("math.ctpop", x.count_ones())] {
            prop_assert_eq!(folded_attr(fold_consts(&ctx, name, &[c], &[t])), ctx.int_attr(want as i128, t));
        }
        prop_assert_eq!(folded_attr(fold_consts(&ctx, "math.absi", &[c], &[t])), ctx.int_attr((x as i32).wrapping_abs() as i128, t));
    }

    #[test]
    fn ipowi_matches_wrapping_pow(base in any::<i32>(), power in 0u32..200) {
        let ctx = ctx();
        let t = ctx.i32();
        let r = fold_consts(&ctx, "math.ipowi", &[(ctx.int_attr(base as i128, t), t), (ctx.int_attr(power as i128, t), t)], &[t]);
        prop_assert_eq!(folded_attr(r), ctx.int_attr(base.wrapping_pow(power) as i128, t));
    }
}
