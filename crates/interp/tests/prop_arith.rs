//! Property test: `arith` integer ops agree with Rust's wrapping arithmetic on random inputs
//! of every supported width (`i8`, `i16`, `i32`, `i64`), element-wise on tensors.

mod common;

use common::*;
use proptest::prelude::*;
use strata_dialect_arith::CmpIPredicate;
use strata_interp::Element;
use strata_ir::{Context, Module, Type};

const N: usize = 16;

/// One module per op, built once per width and reused across cases.
struct Ops {
    ctx: Context,
    modules: Vec<(&'static str, Module)>,
    cmp: Vec<(CmpIPredicate, Module)>,
}

const BINARY: [&str; 17] = [
    "arith.addi",
    "arith.subi",
    "arith.muli",
    "arith.divsi",
    "arith.divui",
    "arith.remsi",
    "arith.remui",
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

fn ops(width: u32) -> Ops {
    let ctx = strata::default_context();
    let elem = ctx.int_type(width);
    let ty: Type = ctx.tensor_type(&[N as i64], elem);
    let bt: Type = ctx.tensor_type(&[N as i64], ctx.i1());
    let modules = BINARY
        .iter()
        .map(|&n| (n, one_op(&ctx, n, &[ty, ty], &[ty], &[])))
        .collect();
    let cmp = CmpIPredicate::ALL
        .iter()
        .map(|&p| {
            let m = one_op(
                &ctx,
                "arith.cmpi",
                &[ty, ty],
                &[bt],
                &[("predicate", p.attr(&ctx))],
            );
            (p, m)
        })
        .collect();
    Ops { ctx, modules, cmp }
}

macro_rules! width_props {
    ($name:ident, $s:ty, $u:ty, $w:expr) => {
        fn $name(ops: &Ops, a: Vec<$s>, b: Vec<$s>) -> Result<(), TestCaseError> {
            let (ta, tb) = (t1(&a), t1(&b));
            for (name, m) in &ops.modules {
                // Keep inputs where the op is defined: no division by zero or overflow, shift
                // amounts below the width (the others are tested by hand).
                let b: Vec<$s> = b
                    .iter()
                    .zip(&a)
                    .map(|(&y, &x)| match *name {
                        "arith.divsi" | "arith.remsi" if y == 0 || (x == <$s>::MIN && y == -1) => 1,
                        "arith.divui" | "arith.remui" if y == 0 => 1,
                        "arith.shli" | "arith.shrui" | "arith.shrsi" => (y as $u % $w) as $s,
                        _ => y,
                    })
                    .collect();
                let out = run(&ops.ctx, m, &[ta.clone(), t1(&b)]).map_err(TestCaseError::fail)?;
                let got = out[0].as_slice::<$s>().unwrap().to_vec();
                let expect: Vec<$s> = a
                    .iter()
                    .zip(&b)
                    .map(|(&x, &y)| match *name {
                        "arith.addi" => x.wrapping_add(y),
                        "arith.subi" => x.wrapping_sub(y),
                        "arith.muli" => x.wrapping_mul(y),
                        "arith.divsi" => x.wrapping_div(y),
                        "arith.divui" => ((x as $u) / (y as $u)) as $s,
                        "arith.remsi" => x.wrapping_rem(y),
                        "arith.remui" => ((x as $u) % (y as $u)) as $s,
                        "arith.andi" => x & y,
                        "arith.ori" => x | y,
                        "arith.xori" => x ^ y,
                        "arith.shli" => x.wrapping_shl(y as u32),
                        "arith.shrui" => ((x as $u) >> (y as u32)) as $s,
                        "arith.shrsi" => x >> (y as u32),
                        "arith.maxsi" => x.max(y),
                        "arith.minsi" => x.min(y),
                        "arith.maxui" => (x as $u).max(y as $u) as $s,
                        "arith.minui" => (x as $u).min(y as $u) as $s,
                        other => unreachable!("{other}"),
                    })
                    .collect();
                prop_assert_eq!(got, expect, "{}", name);
            }
            for (p, m) in &ops.cmp {
                let out =
                    run(&ops.ctx, m, &[ta.clone(), tb.clone()]).map_err(TestCaseError::fail)?;
                let got = out[0].as_slice::<bool>().unwrap().to_vec();
                let expect: Vec<bool> = a
                    .iter()
                    .zip(&b)
                    .map(|(&x, &y)| {
                        let (ux, uy) = (x as $u, y as $u);
                        match p {
                            CmpIPredicate::Eq => x == y,
                            CmpIPredicate::Ne => x != y,
                            CmpIPredicate::Slt => x < y,
                            CmpIPredicate::Sle => x <= y,
                            CmpIPredicate::Sgt => x > y,
                            CmpIPredicate::Sge => x >= y,
                            CmpIPredicate::Ult => ux < uy,
                            CmpIPredicate::Ule => ux <= uy,
                            CmpIPredicate::Ugt => ux > uy,
                            CmpIPredicate::Uge => ux >= uy,
                        }
                    })
                    .collect();
                prop_assert_eq!(got, expect, "{:?}", p);
            }
            Ok(())
        }
    };
}

width_props!(check_i8, i8, u8, 8);
width_props!(check_i16, i16, u16, 16);
width_props!(check_i32, i32, u32, 32);
width_props!(check_i64, i64, u64, 64);

/// Values biased toward the interesting edges (0, ±1, MIN, MAX) as well as uniform ones.
fn edgy<T: Element + std::fmt::Debug>(
    edges: Vec<T>,
    any: BoxedStrategy<T>,
) -> BoxedStrategy<Vec<T>> {
    let edge = proptest::sample::select(edges).boxed();
    prop::collection::vec(prop_oneof![1 => edge, 3 => any], N).boxed()
}

macro_rules! strategy {
    ($t:ty) => {
        edgy(
            vec![0 as $t, 1, -1, <$t>::MIN, <$t>::MAX],
            any::<$t>().boxed(),
        )
    };
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn i8_ops_match_rust(a in strategy!(i8), b in strategy!(i8)) {
        thread_local!(static OPS: Ops = ops(8));
        OPS.with(|o| check_i8(o, a, b))?;
    }

    #[test]
    fn i16_ops_match_rust(a in strategy!(i16), b in strategy!(i16)) {
        thread_local!(static OPS: Ops = ops(16));
        OPS.with(|o| check_i16(o, a, b))?;
    }

    #[test]
    fn i32_ops_match_rust(a in strategy!(i32), b in strategy!(i32)) {
        thread_local!(static OPS: Ops = ops(32));
        OPS.with(|o| check_i32(o, a, b))?;
    }

    #[test]
    fn i64_ops_match_rust(a in strategy!(i64), b in strategy!(i64)) {
        thread_local!(static OPS: Ops = ops(64));
        OPS.with(|o| check_i64(o, a, b))?;
    }
}
