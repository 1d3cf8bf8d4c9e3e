//! `scatter_elements`, `scatter_nd`, `gather_nd`, `einsum`, `top_k`, `det` and `slice`
//! with negative steps give bit-identical
//! results before and after `graph-to-tensor{full=true},tensor-generalize` on random static
//! shapes: negative and duplicate indices, every reduction, index tensors smaller than the
//! data off the axis, batch dims, diagonals and broadcast ellipses, ties, NaNs and signed
//! zeros, singular matrices. Float data are small integers so that sums and products are exact in `f32` (the
//! interpreter's graph ops accumulate in `f64`).

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
    fn f(&mut self, nan: bool) -> f64 {
        match self.below(12) {
            0 if nan => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            k => f64::from(k as i32 - 7),
        }
    }
    fn shape(&mut self, rank: usize) -> Vec<usize> {
        (0..rank).map(|_| 1 + self.below(4)).collect()
    }
}

fn ty(shape: &[usize], elem: &str) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s += &format!("{d}x");
    }
    s + elem + ">"
}

/// A random tensor of `shape`: `f32` (NaNs when `nan`) or `i32`.
fn data(rng: &mut Rng, shape: &[usize], float: bool, nan: bool) -> Tensor {
    let n: usize = shape.iter().product();
    if float {
        let v: Vec<f64> = (0..n).map(|_| rng.f(nan)).collect();
        Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("float data")
    } else {
        let v: Vec<i32> = (0..n).map(|_| rng.below(7) as i32 - 3).collect();
        Tensor::from_vec(shape.to_vec(), v).expect("int data")
    }
}

/// An index tensor of `shape` whose element `q` is in `[-dims(q), dims(q))`.
fn indices(rng: &mut Rng, shape: &[usize], dims: impl Fn(usize) -> usize) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<i64> = (0..n)
        .map(|q| {
            let d = dims(q) as i64;
            rng.below(2 * d as usize) as i64 - d
        })
        .collect();
    Tensor::from_vec(shape.to_vec(), v).expect("indices")
}

/// A one-op program on `ins` (their types) giving `outs`.
fn program(op: &str, attrs: &str, ins: &[String], outs: &[String]) -> String {
    let args: Vec<String> = ins
        .iter()
        .enumerate()
        .map(|(i, t)| format!("%a{i}: {t}"))
        .collect();
    let names: Vec<String> = (0..ins.len()).map(|i| format!("%a{i}")).collect();
    let res = if outs.len() == 1 {
        "%0".to_string()
    } else {
        format!("%0:{}", outs.len())
    };
    let rets: Vec<String> = if outs.len() == 1 {
        vec!["%0".into()]
    } else {
        (0..outs.len()).map(|i| format!("%0#{i}")).collect()
    };
    format!(
        "func.func @f({}) -> ({}) {{\n  {res} = \"graph.{op}\"({}) <{{{attrs}}}> : ({}) -> ({})\n  return {} : {}\n}}\n",
        args.join(", "),
        outs.join(", "),
        names.join(", "),
        ins.join(", "),
        outs.join(", "),
        rets.join(", "),
        outs.join(", ")
    )
}

const REDUCTIONS: [&str; 5] = ["none", "add", "mul", "max", "min"];

fn case(rng: &mut Rng) -> (String, Vec<Tensor>) {
    let float = rng.below(2) == 0;
    let elem = if float { "f32" } else { "i32" };
    match rng.below(7) {
        0 => {
            // scatter_elements; with reduction none, duplicates resolve to the last update
            let rank = 1 + rng.below(3);
            let ds = rng.shape(rank);
            let ax = rng.below(rank);
            let is: Vec<usize> = (0..rank)
                .map(|d| {
                    if d == ax {
                        1 + rng.below(4)
                    } else {
                        1 + rng.below(ds[d])
                    }
                })
                .collect();
            let red = REDUCTIONS[rng.below(5)];
            let x = data(rng, &ds, float, red == "none");
            let i = indices(rng, &is, |_| ds[ax]);
            let u = data(rng, &is, float, red == "none");
            let ax_attr = ax as i64 - rank as i64 * rng.below(2) as i64;
            let src = program(
                "scatter_elements",
                &format!("axis = {ax_attr} : i64, reduction = \"{red}\""),
                &[ty(&ds, elem), ty(&is, "i64"), ty(&is, elem)],
                &[ty(&ds, elem)],
            );
            (src, vec![x, i, u])
        }
        1 => {
            // scatter_nd: tuples of k components over q - 1 dims
            let rank = 1 + rng.below(3);
            let ds = rng.shape(rank);
            let k = 1 + rng.below(rank);
            let qr = rng.below(3);
            let mut is = rng.shape(qr);
            is.push(k);
            let red = REDUCTIONS[rng.below(5)];
            let x = data(rng, &ds, float, red == "none");
            let i = indices(rng, &is, |q| ds[q % k]);
            let mut us = is[..is.len() - 1].to_vec();
            us.extend(&ds[k..]);
            let u = data(rng, &us, float, red == "none");
            let src = program(
                "scatter_nd",
                &format!("reduction = \"{red}\""),
                &[ty(&ds, elem), ty(&is, "i64"), ty(&us, elem)],
                &[ty(&ds, elem)],
            );
            (src, vec![x, i, u])
        }
        2 => {
            // gather_nd with batch dims
            let rank = 1 + rng.below(3);
            let ds = rng.shape(rank);
            let b = rng.below(rank);
            let k = 1 + rng.below(rank - b);
            let mut is = ds[..b].to_vec();
            let extra = rng.below(2);
            is.extend(rng.shape(extra));
            is.push(k);
            let x = data(rng, &ds, float, true);
            let i = indices(rng, &is, |q| ds[b + q % k]);
            let mut out = is[..is.len() - 1].to_vec();
            out.extend(&ds[b + k..]);
            let src = program(
                "gather_nd",
                &format!("batch_dims = {b} : i64"),
                &[ty(&ds, elem), ty(&is, "i64")],
                &[ty(&out, elem)],
            );
            (src, vec![x, i])
        }
        3 => {
            // einsum: one of a few equations with diagonals, sums, broadcasting
            let (a, b, c) = (1 + rng.below(3), 1 + rng.below(3), 1 + rng.below(3));
            let (eq, shapes, out): (&str, Vec<Vec<usize>>, Vec<usize>) = match rng.below(7) {
                0 => ("ij,jk->ik", vec![vec![a, b], vec![b, c]], vec![a, c]),
                1 => (
                    "bij,bjk->bik",
                    vec![vec![c, a, b], vec![c, b, a]],
                    vec![c, a, a],
                ),
                2 => ("ii->i", vec![vec![a, a]], vec![a]),
                3 => ("...ii->...i", vec![vec![c, b, b]], vec![c, b]),
                4 => ("ij->", vec![vec![a, b]], vec![]),
                5 => ("i,i", vec![vec![a], vec![a]], vec![]),
                _ => ("...j,...j->...", vec![vec![1, b], vec![c, b]], vec![c]),
            };
            let ins: Vec<Tensor> = shapes.iter().map(|s| data(rng, s, float, false)).collect();
            let src = program(
                "einsum",
                &format!("equation = \"{eq}\""),
                &shapes.iter().map(|s| ty(s, elem)).collect::<Vec<_>>(),
                &[ty(&out, elem)],
            );
            (src, ins)
        }
        4 => {
            // det: small-integer matrices (ties of magnitude, zero pivots), some NaN
            let m = 1 + rng.below(4);
            let br = rng.below(3);
            let mut s = rng.shape(br);
            s.extend([m, m]);
            let n: usize = s.iter().product();
            let nan = rng.below(4) == 0;
            let v: Vec<f64> = (0..n)
                .map(|_| {
                    if nan && rng.below(8) == 0 {
                        f64::NAN
                    } else {
                        rng.below(5) as f64 - 2.0
                    }
                })
                .collect();
            let dt = if float { DType::F32 } else { DType::F64 };
            let e = if float { "f32" } else { "f64" };
            let x = Tensor::from_f64s(dt, s.clone(), &v).expect("det data");
            let src = program("det", "", &[ty(&s, e)], &[ty(&s[..s.len() - 2], e)]);
            (src, vec![x])
        }
        5 => {
            // slice with some negative steps (starts and ends past either end too)
            let rank = 1 + rng.below(3);
            let s = rng.shape(rank);
            let x = data(rng, &s, float, true);
            let mut out = s.clone();
            let (mut st, mut en, mut ax, mut sp) = (vec![], vec![], vec![], vec![]);
            for (a, &d) in s.iter().enumerate() {
                if rng.below(3) == 0 && !ax.is_empty() {
                    continue;
                }
                let d = d as i64;
                let step = if ax.is_empty() || rng.below(2) == 0 {
                    -(1 + rng.below(3) as i64)
                } else {
                    1 + rng.below(3) as i64
                };
                let b = rng.below(2 * d as usize + 3) as i64 - d - 1;
                let e = rng.below(2 * d as usize + 3) as i64 - d - 1;
                out[a] = strata_dialect_graph::shape::slice_dim(d, b, e, step) as usize;
                st.push(b);
                en.push(e);
                ax.push(a as i64);
                sp.push(step);
            }
            if out.contains(&0) {
                // An empty result: reverse the whole first axis instead.
                out = s.clone();
                (st, en, ax, sp) = (vec![-1], vec![i64::MIN], vec![0], vec![-1]);
            }
            let list = |v: &[i64]| {
                v.iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let src = program(
                "slice",
                &format!(
                    "starts = array<i64: {}>, ends = array<i64: {}>, axes = array<i64: {}>, steps = array<i64: {}>",
                    list(&st),
                    list(&en),
                    list(&ax),
                    list(&sp)
                ),
                &[ty(&s, elem)],
                &[ty(&out, elem)],
            );
            (src, vec![x])
        }
        _ => {
            // top_k with ties, NaNs, signed zeros; largest or smallest
            let rank = 1 + rng.below(3);
            let s = rng.shape(rank);
            let ax = rng.below(rank);
            let k = 1 + rng.below(s[ax]);
            let largest = rng.below(2);
            let x = data(rng, &s, float, true);
            let mut out = s.clone();
            out[ax] = k;
            let src = program(
                "top_k",
                &format!("axis = {ax} : i64, k = {k} : i64, largest = {largest} : i64"),
                &[ty(&s, elem)],
                &[ty(&out, elem), ty(&out, "i64")],
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
        strata_ir::text::parse(&ctx, "scatter.mlir", &src, &Default::default()).map_err(|d| {
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
    #![proptest_config(ProptestConfig { cases: 500, ..ProptestConfig::default() })]
    #[test]
    fn index_ops_keep_interpreter_results(seed in any::<u64>()) {
        if let Err(e) = check(seed) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

/// `top_k` on an axis longer than the limit stays a graph op, with a diagnostic naming it.
#[test]
fn top_k_of_a_long_axis_is_refused() {
    let n = strata_graph_to_tensor::topk::MAX_AXIS + 1;
    let src = format!(
        "func.func @f(%x: tensor<{n}xf32>) -> (tensor<2xf32>, tensor<2xi64>) {{\n  %0:2 = \"graph.top_k\"(%x) <{{axis = 0 : i64, k = 2 : i64}}> : (tensor<{n}xf32>) -> (tensor<2xf32>, tensor<2xi64>)\n  return %0#0, %0#1 : tensor<2xf32>, tensor<2xi64>\n}}\n"
    );
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "t.mlir", &src, &Default::default()).expect("parse");
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(report.failed);
    let msgs: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("'graph.top_k'") && m.contains("graph-to-tensor")),
        "{msgs:?}"
    );
}

/// An axis too long for the index type's positions (i8 indices, 130 elements) is refused;
/// one that fits converts and keeps the interpreter's results with negative indices.
#[test]
fn narrow_index_types_must_hold_the_axis() {
    let ctx = strata::default_context();
    for (n, converts) in [(130usize, false), (100, true)] {
        let src = format!(
            "func.func @f(%d: tensor<2x{n}xf32>, %i: tensor<2x3xi8>) -> tensor<2x3xf32> {{\n  %0 = \"graph.gather_elements\"(%d, %i) <{{axis = 1 : i64}}> : (tensor<2x{n}xf32>, tensor<2x3xi8>) -> tensor<2x3xf32>\n  %1 = \"graph.scatter_elements\"(%d, %i, %0) <{{axis = 1 : i64}}> : (tensor<2x{n}xf32>, tensor<2x3xi8>, tensor<2x3xf32>) -> tensor<2x{n}xf32>\n  %2 = \"graph.gather_elements\"(%1, %i) <{{axis = 1 : i64}}> : (tensor<2x{n}xf32>, tensor<2x3xi8>) -> tensor<2x3xf32>\n  return %2 : tensor<2x3xf32>\n}}\n"
        );
        let mut m =
            strata_ir::text::parse(&ctx, "t.mlir", &src, &Default::default()).expect("parse");
        let v: Vec<f64> = (0..2 * n).map(|k| k as f64).collect();
        let d = Tensor::from_f64s(DType::F32, vec![2, n], &v).expect("d");
        let i = Tensor::from_vec(vec![2, 3], vec![-1i8, 5, 99, 0, -100, 7]).expect("i");
        let inputs = [d, i];
        let before = Interpreter::new(&ctx, &m)
            .run("f", &inputs)
            .expect("before");
        let pm = PassManager::new(
            parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
        );
        let report = pm.run(&ctx, &mut m);
        assert_eq!(
            !report.failed, converts,
            "n = {n}: {:?}",
            report.diagnostics
        );
        if converts {
            let after = Interpreter::new(&ctx, &m).run("f", &inputs).expect("after");
            assert_eq!(before, after);
        }
    }
}
