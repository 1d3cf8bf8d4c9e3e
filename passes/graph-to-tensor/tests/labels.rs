//! `label_encoder` on numeric tensors gives the interpreter's results exactly before and
//! after `graph-to-tensor{full=true},tensor-generalize`: integer and float keys (repeated
//! keys, NaN keys and inputs, signed zeros), integer and float values, with and without a
//! default; values an `f64` cannot hold are refused with a diagnostic.

mod common;

use proptest::prelude::*;
use strata_interp::{DType, Tensor};

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
    /// A few distinct values, NaN and both zeros among them.
    fn f(&mut self) -> f64 {
        match self.below(8) {
            0 => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            k => k as f64 - 5.5,
        }
    }
}

fn lit(v: f64) -> String {
    if v.is_nan() {
        "0x7FC00000".into()
    } else {
        format!("{v:?}")
    }
}

fn case(rng: &mut Rng) -> (String, Tensor) {
    let fkeys = rng.below(2) == 0;
    let fvals = rng.below(2) == 0;
    let (ke, ve) = (
        if fkeys {
            "f32"
        } else {
            ["i32", "i64"][rng.below(2)]
        },
        if fvals {
            "f32"
        } else {
            ["i16", "i64"][rng.below(2)]
        },
    );
    let n = 1 + rng.below(5);
    let keys: Vec<f64> = (0..n)
        .map(|_| {
            if fkeys {
                rng.f()
            } else {
                rng.below(5) as f64 - 2.0
            }
        })
        .collect();
    let vals: Vec<f64> = (0..n)
        .map(|_| {
            if fvals {
                rng.f()
            } else {
                rng.below(100) as f64 - 50.0
            }
        })
        .collect();
    let list = |v: &[f64], float: bool| {
        let s: Vec<String> = v
            .iter()
            .map(|&x| {
                if float {
                    lit(x)
                } else {
                    (x as i64).to_string()
                }
            })
            .collect();
        s.join(", ")
    };
    let default = match rng.below(2) {
        0 => String::new(),
        _ if fvals => format!(", default = {} : f32", lit(rng.f())),
        _ => format!(", default = {} : {ve}", rng.below(9) as i64 - 4),
    };
    let shape = [1 + rng.below(3), 1 + rng.below(4)];
    let count = shape[0] * shape[1];
    let xs: Vec<f64> = (0..count)
        .map(|_| {
            if fkeys {
                rng.f()
            } else {
                rng.below(6) as f64 - 3.0
            }
        })
        .collect();
    let dt = match ke {
        "f32" => DType::F32,
        "i32" => DType::I32,
        _ => DType::I64,
    };
    let x = Tensor::from_f64s(dt, shape.to_vec(), &xs).expect("input");
    let (xt, ot) = (
        format!("tensor<{}x{}x{ke}>", shape[0], shape[1]),
        format!("tensor<{}x{}x{ve}>", shape[0], shape[1]),
    );
    let src = format!(
        "func.func @f(%x: {xt}) -> {ot} {{\n  %0 = \"graph.label_encoder\"(%x) <{{keys = dense<[{}]> : tensor<{n}x{ke}>, values = dense<[{}]> : tensor<{n}x{ve}>{default}}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n",
        list(&keys, fkeys),
        list(&vals, fvals)
    );
    (src, x)
}

/// Equal values (NaN where NaN), and the same sign on zeros.
fn same(a: &[Tensor], b: &[Tensor]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.dtype() == y.dtype()
                && x.shape() == y.shape()
                && x.to_f64_vec().iter().zip(y.to_f64_vec()).all(|(p, q)| {
                    (p.is_nan() && q.is_nan())
                        || (*p == q && p.is_sign_negative() == q.is_sign_negative())
                })
        })
}

fn check(seed: u64) -> Result<(), String> {
    let mut rng = Rng(seed);
    let (src, x) = case(&mut rng);
    common::keeps_results(&src, &[x], same)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]
    #[test]
    fn label_encoder_keeps_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// An `i64` value that `f64` rounds (the interpreter's path) is refused, naming the op.
#[test]
fn values_beyond_f64_are_refused() {
    let src = "func.func @f(%x: tensor<2xi64>) -> tensor<2xi64> {\n  %0 = \"graph.label_encoder\"(%x) <{keys = dense<[1, 2]> : tensor<2xi64>, values = dense<[9007199254740993, 0]> : tensor<2xi64>}> : (tensor<2xi64>) -> tensor<2xi64>\n  return %0 : tensor<2xi64>\n}\n";
    common::assert_refused(src, "label_encoder");
}
