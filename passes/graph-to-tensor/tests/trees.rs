//! `tree_ensemble` gives bit-identical results before and after
//! `graph-to-tensor{full=true},tensor-generalize` on random ensembles: random node tables
//! (every comparison mode, membership sets, NaN tracking, nodes shared between parents and
//! trees, unreachable nodes), every aggregate function, one to three targets (some never
//! reached), `f32` and `f64` rows holding values on the splits and NaNs; and the refusals
//! (an `f16` input, the work bound) name the op and the pass.

mod common;

use proptest::prelude::*;
use strata_interp::Tensor;

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
}

/// The values splits, members and features are drawn from, so that rows hit them.
const GRID: [f64; 6] = [-1.0, 0.0, 0.5, 1.0, 2.0, 3.25];
const NAN: &str = "0x7FF8000000000000";

fn ints(v: &[i64]) -> String {
    let s: Vec<String> = v.iter().map(|x| x.to_string()).collect();
    format!("array<i64: {}>", s.join(", "))
}

fn floats(v: &[String]) -> String {
    format!("array<f64: {}>", v.join(", "))
}

fn lit(v: f64) -> String {
    format!("{v:?}")
}

/// A random case: the program and its input.
fn case(rng: &mut Rng) -> (String, Tensor) {
    let feats = 1 + rng.below(4);
    let targets = 1 + rng.below(3);
    let n_leaves = 1 + rng.below(6);
    let leaf_t: Vec<i64> = (0..n_leaves).map(|_| rng.below(targets) as i64).collect();
    let leaf_w: Vec<String> = (0..n_leaves)
        .map(|_| lit((rng.below(41) as f64 - 20.0) / 8.0 + 0.1))
        .collect();
    // Node i's node children have lower indices: acyclic, and nodes may be shared.
    let count = 1 + rng.below(10);
    let (mut modes, mut feat, mut splits, mut missing) = (vec![], vec![], vec![], vec![]);
    let (mut t_id, mut t_leaf, mut f_id, mut f_leaf) = (vec![], vec![], vec![], vec![]);
    let mut members: Vec<String> = vec![];
    for i in 0..count {
        let mode = rng.below(7) as i64;
        modes.push(mode);
        feat.push(rng.below(feats) as i64);
        splits.push(lit(GRID[rng.below(GRID.len())]));
        missing.push(rng.below(3).min(1) as i64);
        if mode == 6 {
            for _ in 0..rng.below(4) {
                members.push(lit(GRID[rng.below(GRID.len())]));
            }
            members.push(NAN.to_string());
        }
        for (ids, leafs) in [(&mut t_id, &mut t_leaf), (&mut f_id, &mut f_leaf)] {
            if i > 0 && rng.below(2) == 0 {
                ids.push(rng.below(i) as i64);
                leafs.push(0);
            } else {
                ids.push(rng.below(n_leaves) as i64);
                leafs.push(1);
            }
        }
    }
    // Roots: mostly the top nodes, some repeated.
    let roots: Vec<i64> = (0..1 + rng.below(3))
        .map(|_| (count - 1 - rng.below(count.min(3))) as i64)
        .collect();
    let aggregate = ["SUM", "AVERAGE", "MIN", "MAX"][rng.below(4)];
    let membership = if members.is_empty() {
        String::new()
    } else {
        format!(", membership_values = {}", floats(&members))
    };
    let tracks = if rng.below(2) == 0 {
        format!(", nodes_missing_value_tracks_true = {}", ints(&missing))
    } else {
        String::new()
    };
    let props = format!(
        "aggregate_function = \"{aggregate}\", leaf_targetids = {}, leaf_weights = {}{membership}, n_targets = {targets} : i64, nodes_falseleafs = {}, nodes_falsenodeids = {}, nodes_featureids = {}{tracks}, nodes_modes = {}, nodes_splits = {}, nodes_trueleafs = {}, nodes_truenodeids = {}, tree_roots = {}",
        ints(&leaf_t),
        floats(&leaf_w),
        ints(&f_leaf),
        ints(&f_id),
        ints(&feat),
        ints(&modes),
        floats(&splits),
        ints(&t_leaf),
        ints(&t_id),
        ints(&roots)
    );
    let rows = 1 + rng.below(5);
    let f64_ = rng.below(2) == 0;
    let elem = if f64_ { "f64" } else { "f32" };
    let vals: Vec<f64> = (0..rows * feats)
        .map(|_| match rng.below(8) {
            0 => f64::NAN,
            1 => (rng.below(100) as f64 - 50.0) / 7.0,
            _ => GRID[rng.below(GRID.len())],
        })
        .collect();
    let x = if f64_ {
        Tensor::from_vec(vec![rows, feats], vals).expect("f64 rows")
    } else {
        let v: Vec<f32> = vals.iter().map(|&v| v as f32).collect();
        Tensor::from_vec(vec![rows, feats], v).expect("f32 rows")
    };
    let (xt, ot) = (
        format!("tensor<{rows}x{feats}x{elem}>"),
        format!("tensor<{rows}x{targets}x{elem}>"),
    );
    let src = format!(
        "func.func @f(%x: {xt}) -> {ot} {{\n  %0 = \"graph.tree_ensemble\"(%x) <{{{props}}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n"
    );
    (src, x)
}

/// The same values, bit for bit.
fn identical(a: &[Tensor], b: &[Tensor]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.dtype() == y.dtype()
                && x.shape() == y.shape()
                && x.to_f64_vec()
                    .iter()
                    .zip(y.to_f64_vec())
                    .all(|(p, q)| p.to_bits() == q.to_bits())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]
    #[test]
    fn tree_ensemble_keeps_interpreter_results(seed in any::<u64>()) {
        let mut rng = Rng(seed);
        let (src, x) = case(&mut rng);
        if let Err(e) = common::keeps_results(&src, &[x], identical) {
            prop_assert!(false, "seed {seed}: {e}");
        }
    }
}

const ONE_NODE: &str = "aggregate_function = \"SUM\", leaf_targetids = array<i64: 0, 1>, leaf_weights = array<f64: 1.0, 2.0>, n_targets = 50 : i64, nodes_falseleafs = array<i64: 1>, nodes_falsenodeids = array<i64: 1>, nodes_featureids = array<i64: 0>, nodes_modes = array<i64: 0>, nodes_splits = array<f64: 0.5>, nodes_trueleafs = array<i64: 1>, nodes_truenodeids = array<i64: 0>, tree_roots = array<i64: 0>";

/// `f16` rows and ensembles above the work bound stay graph ops, with a diagnostic.
#[test]
fn unsupported_forms_are_refused() {
    let src = |rows: i64, elem: &str| {
        format!(
            "func.func @f(%x: tensor<{rows}x1x{elem}>) -> tensor<{rows}x50x{elem}> {{\n  %0 = \"graph.tree_ensemble\"(%x) <{{{ONE_NODE}}}> : (tensor<{rows}x1x{elem}>) -> tensor<{rows}x50x{elem}>\n  return %0 : tensor<{rows}x50x{elem}>\n}}\n"
        )
    };
    common::assert_refused(&src(2, "f16"), "tree_ensemble");
    // 10^8 rows x 50 targets x 1 node > 2^32 evaluations.
    common::assert_refused(&src(100_000_000, "f32"), "tree_ensemble");
}
