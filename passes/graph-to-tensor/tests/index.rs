//! `gather`, `gather_elements`, `argmax` and `argmin` give bit-identical results before and
//! after `graph-to-tensor{full=true}` on random static shapes, axes (negative too), index
//! tensors with negative indices, and data with ties, NaNs and signed zeros (`argmax`/
//! `argmin` with and without `keepdims` and `select_last_index`, on f32 and i32).

use proptest::prelude::*;
use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

/// A deterministic generator (splitmix64) driven by the proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// A value among few distinct ones (ties), sometimes NaN or a signed zero.
    fn f(&mut self) -> f64 {
        match self.below(12) {
            0 => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            k => f64::from(k as i32 - 7),
        }
    }
}

fn ty(shape: &[usize], elem: &str) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s += &format!("{d}x");
    }
    s + elem + ">"
}

/// One random single-op program and its inputs.
fn case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let rank = 1 + rng.below(3);
    let shape: Vec<usize> = (0..rank).map(|_| 1 + rng.below(4)).collect();
    let ax = rng.below(rank);
    let ax_attr = if rng.below(2) == 0 {
        ax as i64
    } else {
        ax as i64 - rank as i64
    };
    let n: usize = shape.iter().product();
    let float = rng.below(2) == 0;
    let elem = if float { "f32" } else { "i32" };
    let x = if float {
        let v: Vec<f64> = (0..n).map(|_| rng.f()).collect();
        Tensor::from_f64s(DType::F32, shape.clone(), &v).expect("x")
    } else {
        let v: Vec<i32> = (0..n).map(|_| rng.below(5) as i32 - 2).collect();
        Tensor::from_vec(shape.clone(), v).expect("x")
    };
    let len = shape[ax] as i64;
    let index = |rng: &mut Rng| rng.below(2 * len as usize) as i64 - len;
    match rng.below(3) {
        0 => {
            // gather with indices of rank 0..2
            let ishape: Vec<usize> = (0..rng.below(3)).map(|_| 1 + rng.below(3)).collect();
            let m: usize = ishape.iter().product();
            let iv: Vec<i64> = (0..m).map(|_| index(rng)).collect();
            let it = Tensor::from_vec(ishape.clone(), iv).expect("i");
            let mut out = shape[..ax].to_vec();
            out.extend(&ishape);
            out.extend(&shape[ax + 1..]);
            let src = format!(
                "func.func @f(%x: {xt}, %i: {itt}) -> {ot} {{\n  %0 = \"graph.gather\"(%x, %i) <{{axis = {ax_attr} : i64}}> : ({xt}, {itt}) -> {ot}\n  return %0 : {ot}\n}}\n",
                xt = ty(&shape, elem),
                itt = ty(&ishape, "i64"),
                ot = ty(&out, elem)
            );
            (src, vec![x, it])
        }
        1 => {
            // gather_elements: indices no larger than the data off the axis
            let ishape: Vec<usize> = shape
                .iter()
                .enumerate()
                .map(|(i, &d)| {
                    if i == ax {
                        1 + rng.below(4)
                    } else {
                        1 + rng.below(d)
                    }
                })
                .collect();
            let m: usize = ishape.iter().product();
            let iv: Vec<i32> = (0..m).map(|_| index(rng) as i32).collect();
            let it = Tensor::from_vec(ishape.clone(), iv).expect("i");
            let src = format!(
                "func.func @f(%x: {xt}, %i: {itt}) -> {ot} {{\n  %0 = \"graph.gather_elements\"(%x, %i) <{{axis = {ax_attr} : i64}}> : ({xt}, {itt}) -> {ot}\n  return %0 : {ot}\n}}\n",
                xt = ty(&shape, elem),
                itt = ty(&ishape, "i32"),
                ot = ty(&ishape, elem)
            );
            (src, vec![x, it])
        }
        _ => {
            let op = if rng.below(2) == 0 {
                "argmax"
            } else {
                "argmin"
            };
            let keep = rng.below(2);
            let last = rng.below(2);
            let mut out = shape.clone();
            if keep == 1 {
                out[ax] = 1;
            } else {
                out.remove(ax);
            }
            let src = format!(
                "func.func @f(%x: {xt}) -> {ot} {{\n  %0 = \"graph.{op}\"(%x) <{{axis = {ax_attr} : i64, keepdims = {keep} : i64, select_last_index = {last} : i64}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n",
                xt = ty(&shape, elem),
                ot = ty(&out, "i64")
            );
            (src, vec![x])
        }
    }
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (src, inputs) = case(&mut rng);
    let ctx = strata::default_context();
    let mut m =
        strata_ir::text::parse(&ctx, "index.mlir", &src, &Default::default()).map_err(|d| {
            format!(
                "{src}{:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        })?;
    let before = Interpreter::new(&ctx, &m).run("f", &inputs);
    let pm = PassManager::new(
        parse_pipeline(
            "graph-to-tensor{full=true},tensor-generalize",
            "builtin.module",
        )
        .expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    if report.failed {
        return Err(format!("{src}not converted: {:?}", report.diagnostics));
    }
    let after = Interpreter::new(&ctx, &m).run("f", &inputs);
    match (before, after) {
        (Ok(b), Ok(a)) if format!("{b:?}") == format!("{a:?}") => Ok(()),
        (b, a) => Err(format!("{src}inputs {inputs:?}\nbefore {b:?}\nafter {a:?}")),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
    #[test]
    fn index_ops_keep_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// A NaN extreme: its first position wins, with and without `select_last_index`; ties of
/// the max take the first or the last position.
#[test]
fn argmax_nan_and_ties() {
    let ctx = strata::default_context();
    for last in [0, 1] {
        for op in ["argmax", "argmin"] {
            let src = format!(
                "func.func @f(%x: tensor<3x5xf32>) -> tensor<3xi64> {{\n  %0 = \"graph.{op}\"(%x) <{{axis = 1 : i64, keepdims = 0 : i64, select_last_index = {last} : i64}}> : (tensor<3x5xf32>) -> tensor<3xi64>\n  return %0 : tensor<3xi64>\n}}\n"
            );
            let mut m =
                strata_ir::text::parse(&ctx, "t.mlir", &src, &Default::default()).expect("parse");
            let nan = f64::NAN;
            let x = Tensor::from_f64s(
                DType::F32,
                vec![3, 5],
                &[
                    1.0, nan, 3.0, nan, 3.0, //
                    2.0, 5.0, -1.0, 5.0, -1.0, //
                    -0.0, 0.0, -0.0, 0.0, -0.0,
                ],
            )
            .expect("x");
            let before = Interpreter::new(&ctx, &m)
                .run("f", std::slice::from_ref(&x))
                .expect("before");
            let pm = PassManager::new(
                parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
            );
            assert!(!pm.run(&ctx, &mut m).failed);
            let after = Interpreter::new(&ctx, &m).run("f", &[x]).expect("after");
            assert_eq!(before, after, "{op} select_last_index={last}");
            let got = after[0].to_i64_vec().expect("i64");
            assert_eq!(got[0], 1, "{op} last={last}: the first NaN");
            let want_tie = match (op, last) {
                ("argmax", 0) => 1,
                ("argmax", _) => 3,
                ("argmin", 0) => 2,
                _ => 4,
            };
            assert_eq!(got[1], want_tie, "{op} last={last}: ties");
        }
    }
}
