//! Folder tests: constant folding computed against Rust arithmetic (unit cases and property
//! tests per folder family) and the algebraic identities.

mod common;

use common::*;
use proptest::prelude::*;
use strata_dialect_arith::consts::{dense_attr, ConstValue};
use strata_dialect_arith::{CmpFPredicate, CmpIPredicate, FastMathFlags, OverflowFlags};
use strata_ir::{AttrKind, Attribute, Context, FoldResult, Type};

/// Fold `name(constants...) -> result_ty` with operands taken from `arith.constant`s.
fn fold_consts(
    ctx: &Context,
    name: &str,
    operands: &[(Attribute, Type)],
    results: &[Type],
    props: &[(&str, Attribute)],
) -> Option<Vec<FoldResult>> {
    let mut s = Scratch::new(&[]);
    let vals: Vec<_> = operands
        .iter()
        .map(|&(a, t)| s.constant(ctx, a, t))
        .collect();
    let op = s.op(ctx, name, &vals, results, props);
    s.fold_auto(ctx, op)
}

fn int_value(ctx: &Context, a: Attribute) -> i128 {
    match ctx.attr_kind(a) {
        AttrKind::Integer { value, .. } => *value,
        AttrKind::Bool(b) => *b as i128,
        k => panic!("not an integer: {k:?}"),
    }
}

fn float_bits(ctx: &Context, a: Attribute) -> u64 {
    match ctx.attr_kind(a) {
        AttrKind::Float { bits, .. } => *bits,
        k => panic!("not a float: {k:?}"),
    }
}

fn fold_int2(ctx: &Context, name: &str, width: u32, a: i128, b: i128) -> Option<i128> {
    let t = ctx.int_type(width);
    let r = fold_consts(
        ctx,
        name,
        &[(ctx.int_attr(a, t), t), (ctx.int_attr(b, t), t)],
        &[t],
        &[],
    )?;
    match r.as_slice() {
        [FoldResult::Attr(x)] => Some(int_value(ctx, *x)),
        _ => None,
    }
}

#[test]
fn integer_constant_folding() {
    let ctx = context();
    assert_eq!(fold_int2(&ctx, "arith.addi", 8, 127, 1), Some(-128));
    assert_eq!(fold_int2(&ctx, "arith.subi", 8, -128, 1), Some(127));
    assert_eq!(fold_int2(&ctx, "arith.muli", 8, 16, 16), Some(0));
    assert_eq!(fold_int2(&ctx, "arith.divsi", 32, -7, 2), Some(-3));
    assert_eq!(fold_int2(&ctx, "arith.divsi", 32, 7, 0), None);
    assert_eq!(fold_int2(&ctx, "arith.divsi", 8, -128, -1), None);
    assert_eq!(fold_int2(&ctx, "arith.divui", 8, -2, 2), Some(127));
    assert_eq!(fold_int2(&ctx, "arith.divui", 8, 5, 0), None);
    assert_eq!(fold_int2(&ctx, "arith.remsi", 8, -7, 2), Some(-1));
    assert_eq!(fold_int2(&ctx, "arith.remui", 8, -1, 10), Some(5));
    assert_eq!(fold_int2(&ctx, "arith.remui", 8, 1, 0), None);
    assert_eq!(fold_int2(&ctx, "arith.ceildivsi", 32, 7, -2), Some(-3));
    assert_eq!(fold_int2(&ctx, "arith.ceildivui", 32, 7, 2), Some(4));
    assert_eq!(fold_int2(&ctx, "arith.floordivsi", 32, 5, -2), Some(-3));
    assert_eq!(fold_int2(&ctx, "arith.shli", 8, 5, 3), Some(40));
    assert_eq!(fold_int2(&ctx, "arith.shli", 8, 5, 8), None);
    assert_eq!(fold_int2(&ctx, "arith.shrsi", 8, -96, 3), Some(-12));
    assert_eq!(fold_int2(&ctx, "arith.shrui", 8, -96, 3), Some(20));
    assert_eq!(fold_int2(&ctx, "arith.maxsi", 8, -1, 1), Some(1));
    assert_eq!(fold_int2(&ctx, "arith.maxui", 8, -1, 1), Some(-1));
    assert_eq!(fold_int2(&ctx, "arith.minsi", 8, -1, 1), Some(-1));
    assert_eq!(fold_int2(&ctx, "arith.minui", 8, -1, 1), Some(1));
    assert_eq!(fold_int2(&ctx, "arith.andi", 8, 0x5C, 0x0F), Some(0x0C));
    assert_eq!(fold_int2(&ctx, "arith.ori", 8, 0x50, 0x0F), Some(0x5F));
    assert_eq!(fold_int2(&ctx, "arith.xori", 8, -1, 0x0F), Some(-16));
    // index is 64-bit
    let idx = ctx.index_type();
    let r = fold_consts(
        &ctx,
        "arith.addi",
        &[
            (ctx.int_attr(i64::MAX as i128, idx), idx),
            (ctx.int_attr(1, idx), idx),
        ],
        &[idx],
        &[],
    );
    assert_eq!(int_value(&ctx, folded_attr(r)), i64::MIN as i128);
    // i1 results are bools
    let r = fold_consts(
        &ctx,
        "arith.xori",
        &[
            (ctx.bool_attr(false), ctx.i1()),
            (ctx.bool_attr(true), ctx.i1()),
        ],
        &[ctx.i1()],
        &[],
    );
    assert_eq!(folded_attr(r), ctx.bool_attr(true));
}

#[test]
fn vector_and_splat_folding() {
    let ctx = context();
    let i8t = ctx.int_type(8);
    let v = vector(&ctx, &[3], i8t);
    let a = dense_attr(&ctx, v, &[1, 2, 0xFF]).unwrap();
    let b = dense_attr(&ctx, v, &[1]).unwrap();
    let r = folded_attr(fold_consts(
        &ctx,
        "arith.addi",
        &[(a, v), (b, v)],
        &[v],
        &[],
    ));
    assert_eq!(
        ConstValue::from_attr(&ctx, r).unwrap().values,
        vec![2, 3, 0]
    );
    let r = folded_attr(fold_consts(
        &ctx,
        "arith.addi",
        &[(b, v), (b, v)],
        &[v],
        &[],
    ));
    assert_eq!(r, dense_attr(&ctx, v, &[2]).unwrap());
    // Division by zero in any element blocks the fold.
    let z = dense_attr(&ctx, v, &[1, 0, 1]).unwrap();
    assert_eq!(
        fold_consts(&ctx, "arith.divui", &[(a, v), (z, v)], &[v], &[]),
        None
    );
    // cmpi on vectors gives i1 vectors.
    let vb = vector(&ctx, &[3], ctx.i1());
    let r = folded_attr(fold_consts(
        &ctx,
        "arith.cmpi",
        &[(a, v), (b, v)],
        &[vb],
        &[("predicate", CmpIPredicate::Sgt.attr(&ctx))],
    ));
    assert_eq!(
        ConstValue::from_attr(&ctx, r).unwrap().values,
        vec![0, 1, 0]
    );
    // select with a non-splat condition.
    let cond = dense_attr(&ctx, vb, &[1, 0, 1]).unwrap();
    let r = folded_attr(fold_consts(
        &ctx,
        "arith.select",
        &[(cond, vb), (a, v), (b, v)],
        &[v],
        &[],
    ));
    assert_eq!(
        ConstValue::from_attr(&ctx, r).unwrap().values,
        vec![1, 1, 0xFF]
    );
    // Scalar and vector constants never fold together.
    assert_eq!(
        fold_consts(
            &ctx,
            "arith.addi",
            &[(a, v), (ctx.int_attr(1, i8t), i8t)],
            &[v],
            &[]
        ),
        None
    );
}

#[test]
fn identities() {
    let ctx = context();
    let i32t = ctx.i32();
    let mut s = Scratch::new(&[i32t, i32t, ctx.f32(), ctx.i1()]);
    let (x, y, f, c) = (s.args[0], s.args[1], s.args[2], s.args[3]);
    let zero = s.constant(&ctx, ctx.int_attr(0, i32t), i32t);
    let one = s.constant(&ctx, ctx.int_attr(1, i32t), i32t);
    let ones = s.constant(&ctx, ctx.int_attr(-1, i32t), i32t);
    let check =
        |s: &mut Scratch, name: &str, ops: &[strata_ir::Value], expect: strata_ir::Value| {
            let op = s.op(&ctx, name, ops, &[i32t], &[]);
            assert_eq!(folded_value(s.fold_auto(&ctx, op)), expect, "{name}");
        };
    check(&mut s, "arith.addi", &[x, zero], x);
    check(&mut s, "arith.subi", &[x, zero], x);
    check(&mut s, "arith.muli", &[x, one], x);
    check(&mut s, "arith.muli", &[x, zero], zero);
    check(&mut s, "arith.divsi", &[x, one], x);
    check(&mut s, "arith.divui", &[x, one], x);
    check(&mut s, "arith.andi", &[x, ones], x);
    check(&mut s, "arith.andi", &[x, zero], zero);
    check(&mut s, "arith.ori", &[x, zero], x);
    check(&mut s, "arith.xori", &[x, zero], x);
    check(&mut s, "arith.shli", &[x, zero], x);
    check(&mut s, "arith.maxsi", &[x, x], x);
    // x - x = 0, x ^ x = 0, x % 1 = 0
    for name in ["arith.subi", "arith.xori"] {
        let op = s.op(&ctx, name, &[y, y], &[i32t], &[]);
        assert_eq!(folded_attr(s.fold_auto(&ctx, op)), ctx.int_attr(0, i32t));
    }
    let op = s.op(&ctx, "arith.remsi", &[x, one], &[i32t], &[]);
    assert_eq!(folded_attr(s.fold_auto(&ctx, op)), ctx.int_attr(0, i32t));
    // (a - b) + b = a; (a + b) - a = b
    let sub = s.op(&ctx, "arith.subi", &[x, y], &[i32t], &[]);
    let subv = s.body.result(sub, 0);
    check(&mut s, "arith.addi", &[subv, y], x);
    let add = s.op(&ctx, "arith.addi", &[x, y], &[i32t], &[]);
    let addv = s.body.result(add, 0);
    check(&mut s, "arith.subi", &[addv, x], y);
    // (a * b) / b = a only with nsw for divsi.
    let mul = s.op(
        &ctx,
        "arith.muli",
        &[x, y],
        &[i32t],
        &[("overflowFlags", OverflowFlags::NSW.attr(&ctx))],
    );
    let mulv = s.body.result(mul, 0);
    check(&mut s, "arith.divsi", &[mulv, y], x);
    let op = s.op(&ctx, "arith.divui", &[mulv, y], &[i32t], &[]);
    assert_eq!(s.fold_auto(&ctx, op), None);
    // xor(xor(x, y), y) = x; and(x, not x) = 0
    let xo = s.op(&ctx, "arith.xori", &[x, y], &[i32t], &[]);
    let xov = s.body.result(xo, 0);
    check(&mut s, "arith.xori", &[xov, y], x);
    let not = s.op(&ctx, "arith.xori", &[x, ones], &[i32t], &[]);
    let notv = s.body.result(not, 0);
    let op = s.op(&ctx, "arith.andi", &[x, notv], &[i32t], &[]);
    assert_eq!(folded_attr(s.fold_auto(&ctx, op)), ctx.int_attr(0, i32t));
    check(&mut s, "arith.ori", &[notv, x], ones);
    // select
    let t = s.constant(&ctx, ctx.bool_attr(true), ctx.i1());
    let op = s.op(&ctx, "arith.select", &[t, x, y], &[i32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), x);
    let op = s.op(&ctx, "arith.select", &[c, y, y], &[i32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), y);
    let eq = s.op(
        &ctx,
        "arith.cmpi",
        &[x, y],
        &[ctx.i1()],
        &[("predicate", CmpIPredicate::Eq.attr(&ctx))],
    );
    let eqv = s.body.result(eq, 0);
    let op = s.op(&ctx, "arith.select", &[eqv, x, y], &[i32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), y);
    // cmpi of equal operands
    let op = s.op(
        &ctx,
        "arith.cmpi",
        &[x, x],
        &[ctx.i1()],
        &[("predicate", CmpIPredicate::Sle.attr(&ctx))],
    );
    assert_eq!(folded_attr(s.fold_auto(&ctx, op)), ctx.bool_attr(true));
    // float identities
    let f32t = ctx.f32();
    let negzero = s.constant(&ctx, ctx.float_attr(-0.0, f32t), f32t);
    let fone = s.constant(&ctx, ctx.float_attr(1.0, f32t), f32t);
    let op = s.op(&ctx, "arith.addf", &[f, negzero], &[f32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), f);
    let op = s.op(&ctx, "arith.subf", &[f, negzero], &[f32t], &[]);
    assert_eq!(s.fold_auto(&ctx, op), None);
    let op = s.op(&ctx, "arith.mulf", &[f, fone], &[f32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), f);
    let op = s.op(&ctx, "arith.mulf", &[f, negzero], &[f32t], &[]);
    assert_eq!(s.fold_auto(&ctx, op), None);
    let fm = FastMathFlags(FastMathFlags::NNAN.0 | FastMathFlags::NSZ.0).attr(&ctx);
    let op = s.op(
        &ctx,
        "arith.mulf",
        &[f, negzero],
        &[f32t],
        &[("fastmath", fm)],
    );
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), negzero);
    let neg = s.op(&ctx, "arith.negf", &[f], &[f32t], &[]);
    let negv = s.body.result(neg, 0);
    let op = s.op(&ctx, "arith.negf", &[negv], &[f32t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, op)), f);
}

#[test]
fn cast_folding() {
    let ctx = context();
    let (i8t, i32t) = (ctx.int_type(8), ctx.i32());
    let one = |name: &str, a: Attribute, from: Type, to: Type| {
        fold_consts(&ctx, name, &[(a, from)], &[to], &[])
    };
    assert_eq!(
        folded_attr(one("arith.extsi", ctx.int_attr(-1, i8t), i8t, i32t)),
        ctx.int_attr(-1, i32t)
    );
    assert_eq!(
        folded_attr(one("arith.extui", ctx.int_attr(-1, i8t), i8t, i32t)),
        ctx.int_attr(255, i32t)
    );
    assert_eq!(
        folded_attr(one("arith.trunci", ctx.int_attr(0x1FF, i32t), i32t, i8t)),
        ctx.int_attr(-1, i8t)
    );
    assert_eq!(
        folded_attr(one("arith.sitofp", ctx.int_attr(-3, i32t), i32t, ctx.f32())),
        ctx.float_attr(-3.0, ctx.f32())
    );
    assert_eq!(
        folded_attr(one("arith.uitofp", ctx.int_attr(-1, i8t), i8t, ctx.f32())),
        ctx.float_attr(255.0, ctx.f32())
    );
    assert_eq!(
        folded_attr(one(
            "arith.fptosi",
            ctx.float_attr(-2.5, ctx.f32()),
            ctx.f32(),
            i32t
        )),
        ctx.int_attr(-2, i32t)
    );
    assert_eq!(
        one(
            "arith.fptosi",
            ctx.float_attr(1e10, ctx.f32()),
            ctx.f32(),
            i32t
        ),
        None
    );
    assert_eq!(
        one(
            "arith.fptoui",
            ctx.float_attr(-1.0, ctx.f32()),
            ctx.f32(),
            i32t
        ),
        None
    );
    assert_eq!(
        folded_attr(one(
            "arith.bitcast",
            ctx.float_attr(1.0, ctx.f32()),
            ctx.f32(),
            i32t
        )),
        ctx.int_attr(0x3F80_0000, i32t)
    );
    assert_eq!(
        folded_attr(one(
            "arith.extf",
            ctx.float_attr(1.5, ctx.f32()),
            ctx.f32(),
            ctx.f64()
        )),
        ctx.float_attr(1.5, ctx.f64())
    );
    assert_eq!(
        folded_attr(one(
            "arith.truncf",
            ctx.float_attr(1.5, ctx.f64()),
            ctx.f64(),
            ctx.f32()
        )),
        ctx.float_attr(1.5, ctx.f32())
    );
    // Inexact truncation does not fold.
    assert_eq!(
        one(
            "arith.truncf",
            ctx.float_attr(0.1, ctx.f64()),
            ctx.f64(),
            ctx.f32()
        ),
        None
    );
    let idx = ctx.index_type();
    assert_eq!(
        folded_attr(one("arith.index_cast", ctx.int_attr(-1, i8t), i8t, idx)),
        ctx.int_attr(-1, idx)
    );
    assert_eq!(
        folded_attr(one("arith.index_castui", ctx.int_attr(-1, i8t), i8t, idx)),
        ctx.int_attr(255, idx)
    );
    assert_eq!(
        folded_attr(one("arith.index_cast", ctx.int_attr(300, idx), idx, i8t)),
        ctx.int_attr(44, i8t)
    );
    // trunci(extsi(x)) with x of the result type folds to x.
    let mut s = Scratch::new(&[i8t]);
    let x = s.args[0];
    let e = s.op(&ctx, "arith.extsi", &[x], &[i32t], &[]);
    let ev = s.body.result(e, 0);
    let t = s.op(&ctx, "arith.trunci", &[ev], &[i8t], &[]);
    assert_eq!(folded_value(s.fold_auto(&ctx, t)), x);
}

#[test]
fn extended_and_compare_folding() {
    let ctx = context();
    let i8t = ctx.int_type(8);
    let c = |v: i128| (ctx.int_attr(v, i8t), i8t);
    let r = fold_consts(
        &ctx,
        "arith.addui_extended",
        &[c(200), c(100)],
        &[i8t, ctx.i1()],
        &[],
    )
    .unwrap();
    assert_eq!(
        r,
        vec![
            FoldResult::Attr(ctx.int_attr(44, i8t)),
            FoldResult::Attr(ctx.bool_attr(true))
        ]
    );
    let r = fold_consts(
        &ctx,
        "arith.mulsi_extended",
        &[c(-128), c(-128)],
        &[i8t, i8t],
        &[],
    )
    .unwrap();
    assert_eq!(
        r,
        vec![
            FoldResult::Attr(ctx.int_attr(0, i8t)),
            FoldResult::Attr(ctx.int_attr(64, i8t))
        ]
    );
    let r = fold_consts(
        &ctx,
        "arith.mului_extended",
        &[c(-1), c(-1)],
        &[i8t, i8t],
        &[],
    )
    .unwrap();
    assert_eq!(
        r,
        vec![
            FoldResult::Attr(ctx.int_attr(1, i8t)),
            FoldResult::Attr(ctx.int_attr(-2, i8t))
        ]
    );
    let f = ctx.f32();
    let nan = ctx.attr(AttrKind::Float {
        bits: 0x7FC0_0000,
        ty: f,
    });
    let one = ctx.float_attr(1.0, f);
    let cmp = |p: CmpFPredicate, a, b| {
        folded_attr(fold_consts(
            &ctx,
            "arith.cmpf",
            &[(a, f), (b, f)],
            &[ctx.i1()],
            &[("predicate", p.attr(&ctx))],
        ))
    };
    assert_eq!(cmp(CmpFPredicate::Uno, nan, one), ctx.bool_attr(true));
    assert_eq!(cmp(CmpFPredicate::Oeq, one, one), ctx.bool_attr(true));
    assert_eq!(cmp(CmpFPredicate::Une, one, nan), ctx.bool_attr(true));
    assert_eq!(cmp(CmpFPredicate::Olt, one, one), ctx.bool_attr(false));
}

#[test]
fn materialize_constant_builds_arith_constant() {
    let ctx = context();
    let mut s = Scratch::new(&[]);
    let mut b = strata_ir::OpBuilder::at_end(&ctx, &mut s.body, s.block);
    let v =
        strata_dialect_arith::materialize_constant(&mut b, ctx.int_attr(3, ctx.i32()), ctx.i32())
            .unwrap();
    assert!(strata_dialect_arith::materialize_constant(
        &mut b,
        ctx.int_attr(3, ctx.i32()),
        ctx.i64()
    )
    .is_none());
    let op = s.body.defining_op(v).unwrap();
    assert_eq!(ctx.op_name_str(s.body.name(op)), "arith.constant");
    assert_eq!(s.verify(&ctx, op), Ok(()));
}

// ----- property tests: folds equal direct evaluation -----

const WIDTHS: [u32; 6] = [1, 7, 8, 16, 32, 64];

fn sext(v: i128, w: u32) -> i128 {
    let s = 128 - w;
    (v << s) >> s
}

fn zext(v: i128, w: u32) -> u128 {
    (v as u128) & ((1u128 << w) - 1)
}

/// Direct evaluation of an integer op on `w`-bit values with i128/u128 arithmetic.
fn reference(name: &str, w: u32, a: i128, b: i128) -> Option<i128> {
    let (sa, sb, ua, ub) = (sext(a, w), sext(b, w), zext(a, w), zext(b, w));
    let min = -(1i128 << (w - 1));
    let r: i128 = match name {
        "arith.addi" => sa + sb,
        "arith.subi" => sa - sb,
        "arith.muli" => sa.wrapping_mul(sb),
        "arith.divsi" => {
            if sb == 0 || (sa == min && sb == -1) {
                return None;
            }
            sa / sb
        }
        "arith.divui" => (ua.checked_div(ub)?) as i128,
        "arith.remsi" => {
            if sb == 0 {
                return None;
            }
            sa % sb
        }
        "arith.remui" => (ua.checked_rem(ub)?) as i128,
        "arith.floordivsi" => {
            if sb == 0 || (sa == min && sb == -1) {
                return None;
            }
            sa.div_euclid(sb)
                - if sb < 0 && sa.rem_euclid(sb) != 0 {
                    1
                } else {
                    0
                }
        }
        "arith.ceildivui" => {
            if ub == 0 {
                return None;
            }
            ua.div_ceil(ub) as i128
        }
        "arith.andi" => sa & sb,
        "arith.ori" => sa | sb,
        "arith.xori" => sa ^ sb,
        "arith.shli" => {
            if ub >= w as u128 {
                return None;
            }
            sa << ub
        }
        "arith.shrui" => {
            if ub >= w as u128 {
                return None;
            }
            (ua >> ub) as i128
        }
        "arith.shrsi" => {
            if ub >= w as u128 {
                return None;
            }
            sa >> ub
        }
        "arith.maxsi" => sa.max(sb),
        "arith.minsi" => sa.min(sb),
        "arith.maxui" => ua.max(ub) as i128,
        "arith.minui" => ua.min(ub) as i128,
        _ => unreachable!(),
    };
    Some(sext(r, w))
}

const INT_OPS: [&str; 19] = [
    "arith.addi",
    "arith.subi",
    "arith.muli",
    "arith.divsi",
    "arith.divui",
    "arith.remsi",
    "arith.remui",
    "arith.floordivsi",
    "arith.ceildivui",
    "arith.andi",
    "arith.ori",
    "arith.xori",
    "arith.shli",
    "arith.shrui",
    "arith.shrsi",
    "arith.maxsi",
    "arith.minsi",
    "arith.maxui",
    "arith.minui",
];

fn small_or_any() -> impl Strategy<Value = i128> {
    prop_oneof![
        -4i128..=4,
        any::<i64>().prop_map(i128::from),
        Just(i64::MIN as i128)
    ]
}

proptest! {
    #[test]
    fn integer_binary_folds_match_reference(op in 0..INT_OPS.len(), wi in 0..WIDTHS.len(), a in small_or_any(), b in small_or_any()) {
        let ctx = context();
        let (name, w) = (INT_OPS[op], WIDTHS[wi]);
        let got = fold_int2(&ctx, name, w, a, b).map(|v| sext(v, w));
        let want = reference(name, w, a, b);
        // Identity folds (x op 1, x op 0) forward the lhs value: compare by value there.
        let got = match got {
            Some(v) => Some(v),
            None => {
                let t = ctx.int_type(w);
                match fold_consts(&ctx, name, &[(ctx.int_attr(a, t), t), (ctx.int_attr(b, t), t)], &[t], &[]).as_deref() {
                    Some([FoldResult::Value(_)]) => want,
                    _ => None,
                }
            }
        };
        prop_assert_eq!(got, want, "{} i{} {} {}", name, w, a, b);
    }

    #[test]
    fn cmpi_folds_match_reference(p in 0usize..10, wi in 0..WIDTHS.len(), a in small_or_any(), b in small_or_any()) {
        let ctx = context();
        let w = WIDTHS[wi];
        let t = ctx.int_type(w);
        let pred = CmpIPredicate::ALL[p];
        let r = fold_consts(&ctx, "arith.cmpi", &[(ctx.int_attr(a, t), t), (ctx.int_attr(b, t), t)], &[ctx.i1()], &[("predicate", pred.attr(&ctx))]);
        // On i1, `x != 0` and `x == 1` fold to `x` itself.
        let r = match r.as_deref() {
            Some([FoldResult::Value(_)]) => ctx.bool_attr(zext(a, w) == 1),
            _ => folded_attr(r),
        };
        let (sa, sb, ua, ub) = (sext(a, w), sext(b, w), zext(a, w), zext(b, w));
        let want = match pred {
            CmpIPredicate::Eq => ua == ub,
            CmpIPredicate::Ne => ua != ub,
            CmpIPredicate::Slt => sa < sb,
            CmpIPredicate::Sle => sa <= sb,
            CmpIPredicate::Sgt => sa > sb,
            CmpIPredicate::Sge => sa >= sb,
            CmpIPredicate::Ult => ua < ub,
            CmpIPredicate::Ule => ua <= ub,
            CmpIPredicate::Ugt => ua > ub,
            CmpIPredicate::Uge => ua >= ub,
        };
        prop_assert_eq!(r, ctx.bool_attr(want));
    }

    #[test]
    fn extended_mul_folds_match_reference(a in any::<i32>(), b in any::<i32>()) {
        let ctx = context();
        let t = ctx.i32();
        let c = |v: i32| (ctx.int_attr(v as i128, t), t);
        let r = fold_consts(&ctx, "arith.mulsi_extended", &[c(a), c(b)], &[t, t], &[]);
        if b != 0 {
            let p = a as i64 * b as i64;
            prop_assert_eq!(r, Some(vec![FoldResult::Attr(ctx.int_attr(p as i32 as i128, t)), FoldResult::Attr(ctx.int_attr((p >> 32) as i32 as i128, t))]));
        }
        let r = fold_consts(&ctx, "arith.mului_extended", &[c(a), c(b)], &[t, t], &[]);
        if b != 0 && b != 1 {
            let p = a as u32 as u64 * b as u32 as u64;
            prop_assert_eq!(r, Some(vec![FoldResult::Attr(ctx.int_attr(p as u32 as i128, t)), FoldResult::Attr(ctx.int_attr((p >> 32) as u32 as i128, t))]));
        }
        let r = fold_consts(&ctx, "arith.addui_extended", &[c(a), c(b)], &[t, ctx.i1()], &[]);
        if b != 0 {
            let (s, o) = (a as u32).overflowing_add(b as u32);
            prop_assert_eq!(r, Some(vec![FoldResult::Attr(ctx.int_attr(s as i128, t)), FoldResult::Attr(ctx.bool_attr(o))]));
        }
    }

    #[test]
    fn f32_binary_folds_match_native(a in any::<f32>(), b in any::<f32>(), op in 0usize..5) {
        let ctx = context();
        let t = ctx.f32();
        let names = ["arith.addf", "arith.subf", "arith.mulf", "arith.divf", "arith.remf"];
        let want = match op { 0 => a + b, 1 => a - b, 2 => a * b, 3 => a / b, _ => a % b };
        let mk = |v: f32| (ctx.attr(AttrKind::Float { bits: v.to_bits() as u64, ty: t }), t);
        match fold_consts(&ctx, names[op], &[mk(a), mk(b)], &[t], &[]).as_deref() {
            Some([FoldResult::Attr(r)]) => {
                let got = f32::from_bits(float_bits(&ctx, *r) as u32);
                if want.is_nan() {
                    prop_assert!(got.is_nan());
                } else {
                    prop_assert_eq!(got.to_bits(), want.to_bits());
                }
            }
            // Identity folds (x + -0, x - +0, x * 1, x / 1) return the lhs value.
            Some([FoldResult::Value(_)]) => prop_assert_eq!(want.to_bits(), a.to_bits()),
            other => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    #[test]
    fn f64_minmax_folds_match_ieee(a in any::<f64>(), b in any::<f64>()) {
        let ctx = context();
        let t = ctx.f64();
        let mk = |v: f64| (ctx.attr(AttrKind::Float { bits: v.to_bits(), ty: t }), t);
        let get = |name: &str| match fold_consts(&ctx, name, &[mk(a), mk(b)], &[t], &[]).as_deref() {
            Some([FoldResult::Attr(r)]) => Some(f64::from_bits(float_bits(&ctx, *r))),
            Some([FoldResult::Value(_)]) => Some(a),
            _ => None,
        };
        if !(a.is_nan() || b.is_nan() || (a == 0.0 && b == 0.0)) {
            prop_assert_eq!(get("arith.maximumf"), Some(a.max(b)));
            prop_assert_eq!(get("arith.minimumf"), Some(a.min(b)));
            prop_assert_eq!(get("arith.maxnumf"), Some(a.max(b)));
            prop_assert_eq!(get("arith.minnumf"), Some(a.min(b)));
        }
        if a.is_nan() || b.is_nan() {
            prop_assert!(get("arith.maximumf").unwrap().is_nan());
        }
    }

    #[test]
    fn int_float_casts_match_native(a in any::<i32>(), f in any::<f32>()) {
        let ctx = context();
        let (i32t, f32t, f64t) = (ctx.i32(), ctx.f32(), ctx.f64());
        let ia = (ctx.int_attr(a as i128, i32t), i32t);
        let r = folded_attr(fold_consts(&ctx, "arith.sitofp", &[ia], &[f32t], &[]));
        prop_assert_eq!(float_bits(&ctx, r), (a as f32).to_bits() as u64);
        let r = folded_attr(fold_consts(&ctx, "arith.uitofp", &[ia], &[f64t], &[]));
        prop_assert_eq!(float_bits(&ctx, r), (a as u32 as f64).to_bits());
        let fa = (ctx.attr(AttrKind::Float { bits: f.to_bits() as u64, ty: f32t }), f32t);
        let r = fold_consts(&ctx, "arith.fptosi", &[fa], &[i32t], &[]);
        let t = f.trunc();
        if f.is_finite() && (-2147483648.0..2147483648.0).contains(&t) {
            prop_assert_eq!(r.map(|v| folded_attr(Some(v))), Some(ctx.int_attr(t as i32 as i128, i32t)));
        } else {
            prop_assert_eq!(r, None);
        }
        let r = folded_attr(fold_consts(&ctx, "arith.extf", &[fa], &[f64t], &[]));
        if !f.is_nan() {
            prop_assert_eq!(float_bits(&ctx, r), (f as f64).to_bits());
        }
    }

    #[test]
    fn int_casts_match_native(a in any::<i64>()) {
        let ctx = context();
        let (i16t, i64t) = (ctx.int_type(16), ctx.i64());
        let r = folded_attr(fold_consts(&ctx, "arith.trunci", &[(ctx.int_attr(a as i128, i64t), i64t)], &[i16t], &[]));
        prop_assert_eq!(r, ctx.int_attr(a as i16 as i128, i16t));
        let b = a as i16;
        let r = folded_attr(fold_consts(&ctx, "arith.extsi", &[(ctx.int_attr(b as i128, i16t), i16t)], &[i64t], &[]));
        prop_assert_eq!(r, ctx.int_attr(b as i64 as i128, i64t));
        let r = folded_attr(fold_consts(&ctx, "arith.extui", &[(ctx.int_attr(b as i128, i16t), i16t)], &[i64t], &[]));
        prop_assert_eq!(r, ctx.int_attr(b as u16 as i128, i64t));
    }
}
