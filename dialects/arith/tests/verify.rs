//! Verifier tests: accepted and rejected forms of every arith op family.

mod common;

use common::*;
use strata_dialect_arith::{CmpIPredicate, FastMathFlags, OverflowFlags, RoundingMode};
use strata_ir::{AttrKind, TypeKind};

#[test]
fn binary_ops_accept_matching_types() {
    let ctx = context();
    let i32t = ctx.i32();
    let v = vector(&ctx, &[4], i32t);
    let mut s = Scratch::new(&[i32t, i32t, v, ctx.index_type(), ctx.f32()]);
    let (a, b, vv, idx, f) = (s.args[0], s.args[1], s.args[2], s.args[3], s.args[4]);
    for name in [
        "arith.addi",
        "arith.subi",
        "arith.muli",
        "arith.divsi",
        "arith.divui",
        "arith.ceildivsi",
        "arith.ceildivui",
        "arith.floordivsi",
        "arith.remsi",
        "arith.remui",
        "arith.andi",
        "arith.ori",
        "arith.xori",
        "arith.shli",
        "arith.shrsi",
        "arith.shrui",
        "arith.maxsi",
        "arith.maxui",
        "arith.minsi",
        "arith.minui",
    ] {
        let op = s.op(&ctx, name, &[a, b], &[i32t], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
        let op = s.op(&ctx, name, &[vv, vv], &[v], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name} on vectors");
        let op = s.op(&ctx, name, &[idx, idx], &[ctx.index_type()], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name} on index");
    }
    for name in [
        "arith.addf",
        "arith.subf",
        "arith.mulf",
        "arith.divf",
        "arith.remf",
        "arith.maximumf",
        "arith.minimumf",
        "arith.maxnumf",
        "arith.minnumf",
    ] {
        let fm = FastMathFlags::FAST.attr(&ctx);
        let op = s.op(&ctx, name, &[f, f], &[ctx.f32()], &[("fastmath", fm)]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
    }
    let ovf = OverflowFlags(3).attr(&ctx);
    let op = s.op(
        &ctx,
        "arith.addi",
        &[a, b],
        &[i32t],
        &[("overflowFlags", ovf)],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(
        &ctx,
        "arith.divsi",
        &[a, b],
        &[i32t],
        &[("isExact", ctx.unit_attr())],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "arith.negf", &[f], &[ctx.f32()], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
}

#[test]
fn binary_ops_reject_bad_types_and_counts() {
    let ctx = context();
    let i32t = ctx.i32();
    let mut s = Scratch::new(&[i32t, ctx.i64(), ctx.f32()]);
    let (a, l, f) = (s.args[0], s.args[1], s.args[2]);
    let op = s.op(&ctx, "arith.addi", &[a, a], &[ctx.i64()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "requires the same type for all operands and results",
    );
    let op = s.op(&ctx, "arith.addi", &[a, l], &[i32t], &[]);
    assert_err(
        s.verify(&ctx, op),
        "requires the same type for all operands and results",
    );
    let op = s.op(&ctx, "arith.addi", &[f, f], &[ctx.f32()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "operand #0 must be signless-integer-like",
    );
    let op = s.op(&ctx, "arith.addf", &[a, a], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "operand #0 must be floating-point-like");
    let op = s.op(&ctx, "arith.addi", &[a], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "expected 2 operands, but found 1");
    let op = s.op(
        &ctx,
        "arith.addi",
        &[a, a],
        &[i32t],
        &[("overflowFlags", ctx.int_attr(3, i32t))],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'overflowFlags' failed to satisfy constraint",
    );
    let op = s.op(
        &ctx,
        "arith.addf",
        &[f, f],
        &[ctx.f32()],
        &[("fastmath", ctx.int_attr(3, i32t))],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'fastmath' failed to satisfy constraint",
    );
    let bogus = ctx.attr(AttrKind::Opaque {
        dialect: ctx.sym("arith"),
        body: "fastmath<bogus>".into(),
    });
    let op = s.op(
        &ctx,
        "arith.addf",
        &[f, f],
        &[ctx.f32()],
        &[("fastmath", bogus)],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'fastmath' failed to satisfy constraint",
    );
    let si32 = ctx.ty(TypeKind::Integer {
        width: 32,
        signedness: strata_ir::Signedness::Signed,
    });
    let mut s2 = Scratch::new(&[si32]);
    let x = s2.args[0];
    let op = s2.op(&ctx, "arith.addi", &[x, x], &[si32], &[]);
    assert_err(
        s2.verify(&ctx, op),
        "operand #0 must be signless-integer-like",
    );
}

#[test]
fn constant_verifier() {
    let ctx = context();
    let i32t = ctx.i32();
    let mut s = Scratch::new(&[]);
    let ok = [
        (ctx.int_attr(42, i32t), i32t),
        (ctx.bool_attr(true), ctx.i1()),
        (ctx.float_attr(1.5, ctx.f32()), ctx.f32()),
        (ctx.int_attr(16, ctx.index_type()), ctx.index_type()),
    ];
    for (value, ty) in ok {
        let op = s.op(&ctx, "arith.constant", &[], &[ty], &[("value", value)]);
        assert_eq!(s.verify(&ctx, op), Ok(()));
    }
    let sv = scalable_vector(&ctx, &[4], i32t);
    let splat = strata_dialect_arith::consts::dense_attr(&ctx, sv, &[1]).unwrap();
    let op = s.op(&ctx, "arith.constant", &[], &[sv], &[("value", splat)]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let dense = strata_dialect_arith::consts::dense_attr(&ctx, sv, &[1, 2, 3, 4]).unwrap();
    let op = s.op(&ctx, "arith.constant", &[], &[sv], &[("value", dense)]);
    assert_err(s.verify(&ctx, op), "intializing scalable vectors with elements attribute is not supported unless it's a vector splat");

    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[ctx.i64()],
        &[("value", ctx.int_attr(1, i32t))],
    );
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {value, result} have same type",
    );
    let si32 = ctx.ty(TypeKind::Integer {
        width: 32,
        signedness: strata_ir::Signedness::Signed,
    });
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[si32],
        &[("value", ctx.int_attr(1, si32))],
    );
    assert_err(s.verify(&ctx, op), "integer return type must be signless");
    let typed_string = ctx.attr(AttrKind::String {
        value: b"x".to_vec().into(),
        ty: Some(i32t),
    });
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[i32t],
        &[("value", typed_string)],
    );
    assert_err(
        s.verify(&ctx, op),
        "value must be an integer, float, or elements attribute",
    );
    let op = s.op(&ctx, "arith.constant", &[], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "requires attribute 'value'");
    let op = s.op(
        &ctx,
        "arith.constant",
        &[],
        &[i32t],
        &[("value", ctx.unit_attr())],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'value' failed to satisfy constraint: TypedAttr instance",
    );
}

#[test]
fn comparison_verifier() {
    let ctx = context();
    let i32t = ctx.i32();
    let vf = vector(&ctx, &[2], ctx.f32());
    let mut s = Scratch::new(&[i32t, vf, ctx.f64()]);
    let (a, v, d) = (s.args[0], s.args[1], s.args[2]);
    let pred = CmpIPredicate::Slt.attr(&ctx);
    let op = s.op(
        &ctx,
        "arith.cmpi",
        &[a, a],
        &[ctx.i1()],
        &[("predicate", pred)],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(
        &ctx,
        "arith.cmpi",
        &[a, a],
        &[vector(&ctx, &[2], ctx.i1())],
        &[("predicate", pred)],
    );
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that result type has i1 element type and same shape as operands",
    );
    let op = s.op(
        &ctx,
        "arith.cmpi",
        &[a, a],
        &[ctx.i1()],
        &[("predicate", ctx.int_attr(42, ctx.i64()))],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'predicate' failed to satisfy constraint",
    );
    let op = s.op(&ctx, "arith.cmpi", &[a, a], &[ctx.i1()], &[]);
    assert_err(s.verify(&ctx, op), "requires attribute 'predicate'");
    let fp = strata_dialect_arith::CmpFPredicate::Olt.attr(&ctx);
    let op = s.op(
        &ctx,
        "arith.cmpf",
        &[v, v],
        &[vector(&ctx, &[2], ctx.i1())],
        &[("predicate", fp)],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(
        &ctx,
        "arith.cmpf",
        &[v, v],
        &[vector(&ctx, &[3], ctx.i1())],
        &[("predicate", fp)],
    );
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that result type has i1 element type and same shape as operands",
    );
    let op = s.op(
        &ctx,
        "arith.cmpf",
        &[v, d],
        &[ctx.i1()],
        &[("predicate", fp)],
    );
    assert_err(
        s.verify(&ctx, op),
        "requires all operands to have the same type",
    );
}

#[test]
fn select_verifier() {
    let ctx = context();
    let i32t = ctx.i32();
    let vi = vector(&ctx, &[2], i32t);
    let vc = vector(&ctx, &[2], ctx.i1());
    let vc3 = vector(&ctx, &[3], ctx.i1());
    let mut s = Scratch::new(&[ctx.i1(), i32t, vi, vc, vc3]);
    let (c, x, v, m, m3) = (s.args[0], s.args[1], s.args[2], s.args[3], s.args[4]);
    let op = s.op(&ctx, "arith.select", &[c, x, x], &[i32t], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "arith.select", &[c, v, v], &[vi], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "arith.select", &[m, v, v], &[vi], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "arith.select", &[x, x, x], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "operand #0 must be bool-like");
    let op = s.op(&ctx, "arith.select", &[c, x, x], &[ctx.i64()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {true_value, false_value, result} have same type",
    );
    let op = s.op(&ctx, "arith.select", &[m3, v, v], &[vi], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that condition is signless i1 or has matching shape",
    );
    let op = s.op(&ctx, "arith.select", &[m, x, x], &[i32t], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that condition is signless i1 or has matching shape",
    );
}

#[test]
fn cast_verifier() {
    let ctx = context();
    let (i8t, i32t, i64t) = (ctx.int_type(8), ctx.i32(), ctx.i64());
    let t2 = ctx.tensor_type(&[2], i32t);
    let tdyn = ctx.tensor_type(&[strata_ir::types::DYNAMIC], i64t);
    let m = memref(&ctx, &[2], i32t);
    let mut s = Scratch::new(&[i8t, i32t, ctx.f32(), ctx.index_type(), t2, m]);
    let (b, a, f, idx, t, mm) = (
        s.args[0], s.args[1], s.args[2], s.args[3], s.args[4], s.args[5],
    );
    let good: Vec<(&str, strata_ir::Value, strata_ir::Type)> = vec![
        ("arith.extsi", b, i32t),
        ("arith.extui", b, i64t),
        ("arith.trunci", a, i8t),
        ("arith.extf", f, ctx.f64()),
        ("arith.truncf", f, bf16(&ctx)),
        ("arith.truncf", f, f16(&ctx)),
        ("arith.sitofp", a, ctx.f32()),
        ("arith.uitofp", b, f16(&ctx)),
        ("arith.fptosi", f, i64t),
        ("arith.fptoui", f, i8t),
        ("arith.index_cast", a, ctx.index_type()),
        ("arith.index_castui", idx, i32t),
        ("arith.bitcast", f, i32t),
        ("arith.index_cast", mm, memref(&ctx, &[2], ctx.index_type())),
    ];
    for (name, x, ty) in good {
        let op = s.op(&ctx, name, &[x], &[ty], &[]);
        assert_eq!(s.verify(&ctx, op), Ok(()), "{name}");
    }
    let rm = RoundingMode::TowardZero.attr(&ctx);
    let op = s.op(
        &ctx,
        "arith.truncf",
        &[f],
        &[f16(&ctx)],
        &[("roundingmode", rm)],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(
        &ctx,
        "arith.truncf",
        &[f],
        &[f16(&ctx)],
        &[("roundingmode", ctx.int_attr(7, i32t))],
    );
    assert_err(
        s.verify(&ctx, op),
        "attribute 'roundingmode' failed to satisfy constraint",
    );

    let bad: Vec<(&str, strata_ir::Value, strata_ir::Type)> = vec![
        ("arith.extsi", a, i32t),
        ("arith.trunci", a, i64t),
        ("arith.extf", f, f16(&ctx)),
        ("arith.truncf", f, ctx.f64()),
        ("arith.index_cast", a, i64t),
        ("arith.bitcast", a, ctx.f64()),
        ("arith.extf", f, ctx.f32()),
    ];
    for (name, x, ty) in bad {
        let op = s.op(&ctx, name, &[x], &[ty], &[]);
        assert_err(s.verify(&ctx, op), "are cast incompatible");
    }
    let op = s.op(&ctx, "arith.extsi", &[a], &[vector(&ctx, &[2], i64t)], &[]);
    assert_err(
        s.verify(&ctx, op),
        "requires the same shape for all operands and results",
    );
    let op = s.op(&ctx, "arith.extsi", &[t], &[tdyn], &[]);
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that input and output have the same tensor dimensions",
    );
    let op = s.op(&ctx, "arith.sitofp", &[a], &[i32t], &[]);
    assert_err(s.verify(&ctx, op), "result #0 must be floating-point-like");
    let op = s.op(&ctx, "arith.extsi", &[idx], &[i64t], &[]);
    assert_err(
        s.verify(&ctx, op),
        "operand #0 must be signless-fixed-width-integer-like",
    );
}

#[test]
fn extended_verifier() {
    let ctx = context();
    let i32t = ctx.i32();
    let v = vector(&ctx, &[2], i32t);
    let mut s = Scratch::new(&[i32t, v]);
    let (a, vv) = (s.args[0], s.args[1]);
    let op = s.op(
        &ctx,
        "arith.addui_extended",
        &[a, a],
        &[i32t, ctx.i1()],
        &[],
    );
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(&ctx, "arith.addui_extended", &[a, a], &[i32t, i32t], &[]);
    assert_err(s.verify(&ctx, op), "result #1 must be bool-like");
    let op = s.op(
        &ctx,
        "arith.addui_extended",
        &[a, a],
        &[ctx.i64(), ctx.i1()],
        &[],
    );
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {lhs, rhs, sum} have same type",
    );
    let op = s.op(&ctx, "arith.addui_extended", &[vv, vv], &[v, ctx.i1()], &[]);
    assert_err(
        s.verify(&ctx, op),
        "if an operand is non-scalar, then all results must be non-scalar",
    );
    let op = s.op(&ctx, "arith.mulsi_extended", &[a, a], &[i32t, i32t], &[]);
    assert_eq!(s.verify(&ctx, op), Ok(()));
    let op = s.op(
        &ctx,
        "arith.mului_extended",
        &[a, a],
        &[i32t, ctx.i64()],
        &[],
    );
    assert_err(
        s.verify(&ctx, op),
        "failed to verify that all of {lhs, rhs, low, high} have same type",
    );
}

/// Every op, built with any number of operands and results of assorted types, must verify
/// and fold without panicking.
#[test]
fn malformed_ops_never_panic() {
    let ctx = context();
    let i32t = ctx.i32();
    let types = [
        i32t,
        ctx.i1(),
        ctx.f32(),
        ctx.index_type(),
        vector(&ctx, &[2], i32t),
        ctx.tensor_type(&[strata_ir::types::DYNAMIC], ctx.f32()),
        memref(&ctx, &[2], i32t),
        ctx.none_type(),
    ];
    let mut s = Scratch::new(&types);
    let consts: Vec<Option<strata_ir::Attribute>> = vec![
        Some(ctx.int_attr(0, i32t)),
        Some(ctx.bool_attr(true)),
        Some(ctx.float_attr(0.0, ctx.f32())),
        None,
        Some(ctx.unit_attr()),
    ];
    let props = [
        vec![],
        vec![("predicate", ctx.int_attr(99, ctx.i64()))],
        vec![("value", ctx.unit_attr())],
        vec![
            ("fastmath", ctx.unit_attr()),
            ("overflowFlags", ctx.unit_attr()),
        ],
    ];
    for def in strata_dialect_arith::DIALECT.ops {
        for n_operands in 0..4 {
            for n_results in 0..3 {
                for (k, p) in props.iter().enumerate() {
                    let operands: Vec<_> = (0..n_operands)
                        .map(|i| s.args[(i + k) % types.len()])
                        .collect();
                    let results: Vec<_> = (0..n_results)
                        .map(|i| types[(i * 3 + k) % types.len()])
                        .collect();
                    let op = s.op(&ctx, def.name, &operands, &results, p);
                    let _ = s.verify(&ctx, op);
                    let c: Vec<_> = (0..n_operands)
                        .map(|i| consts[(i + k) % consts.len()])
                        .collect();
                    let _ = s.fold(&ctx, op, &c);
                    let _ = s.fold(&ctx, op, &[]);
                }
            }
        }
    }
}
