//! `tree_ensemble` compiled for the host CPU: ensembles of several full trees (every
//! comparison mode, membership sets, NaN tracking, three targets) with each aggregate
//! function, on `f32` and `f64` rows holding values on the splits and NaNs, at sizes
//! above the conformance cases, compiled into one module and run with one thread and with
//! four. Results must equal the interpreter's exactly (the lowering rounds each aggregate
//! step to the element type, as the interpreter does) and be the same bytes for both thread
//! counts.

mod common;

use common::Case;
use strata_interp::{DType, Tensor};

/// A deterministic generator (splitmix64).
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
        (self.next() % n as u64) as usize
    }
}

const GRID: [f64; 5] = [-1.0, 0.0, 0.5, 1.0, 2.5];
const FEATURES: usize = 5;
const TARGETS: usize = 3;

fn join<T: std::fmt::Debug>(v: &[T]) -> String {
    v.iter()
        .map(|x| format!("{x:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The attributes of `trees` complete binary trees of depth `depth` (node `i` of a tree
/// has children `2i + 1` and `2i + 2`; the last level's children are leaves).
fn ensemble(rng: &mut Rng, trees: usize, depth: u32, aggregate: &str) -> String {
    let per = (1usize << depth) - 1;
    let (mut modes, mut feats, mut splits, mut missing) = (vec![], vec![], vec![], vec![]);
    let (mut tid, mut tleaf, mut fid, mut fleaf) = (vec![], vec![], vec![], vec![]);
    let (mut targets, mut weights, mut members) = (vec![], vec![], vec![]);
    let mut roots = vec![];
    for t in 0..trees {
        let base = t * per;
        roots.push(base as i64);
        for i in 0..per {
            let mode = rng.below(7) as i64;
            modes.push(mode);
            feats.push(rng.below(FEATURES) as i64);
            splits.push(GRID[rng.below(GRID.len())]);
            missing.push(rng.below(2) as i64);
            if mode == 6 {
                for _ in 0..1 + rng.below(3) {
                    members.push(format!("{:?}", GRID[rng.below(GRID.len())]));
                }
                members.push("0x7FF8000000000000".to_string());
            }
            for (ids, leafs, c) in [
                (&mut tid, &mut tleaf, 2 * i + 1),
                (&mut fid, &mut fleaf, 2 * i + 2),
            ] {
                if c < per {
                    ids.push((base + c) as i64);
                    leafs.push(0i64);
                } else {
                    ids.push(targets.len() as i64);
                    leafs.push(1);
                    targets.push(rng.below(TARGETS) as i64);
                    weights.push((rng.below(200) as f64 - 100.0) / 16.0 + 0.1);
                }
            }
        }
    }
    format!(
        "aggregate_function = \"{aggregate}\", leaf_targetids = array<i64: {}>, leaf_weights = array<f64: {}>, membership_values = array<f64: {}>, n_targets = {TARGETS} : i64, nodes_falseleafs = array<i64: {}>, nodes_falsenodeids = array<i64: {}>, nodes_featureids = array<i64: {}>, nodes_missing_value_tracks_true = array<i64: {}>, nodes_modes = array<i64: {}>, nodes_splits = array<f64: {}>, nodes_trueleafs = array<i64: {}>, nodes_truenodeids = array<i64: {}>, tree_roots = array<i64: {}>",
        join(&targets),
        join(&weights),
        members.join(", "),
        join(&fleaf),
        join(&fid),
        join(&feats),
        join(&missing),
        join(&modes),
        join(&splits),
        join(&tleaf),
        join(&tid),
        join(&roots)
    )
}

fn cases() -> Vec<Case> {
    let mut rng = Rng(5);
    let rows = 96;
    let mut out = Vec::new();
    for (aggregate, elem) in [
        ("SUM", "f32"),
        ("AVERAGE", "f64"),
        ("MIN", "f32"),
        ("MAX", "f64"),
    ] {
        let name = format!("trees_{}", aggregate.to_lowercase());
        let props = ensemble(&mut rng, 6, 4, aggregate);
        let (xt, ot) = (
            format!("tensor<{rows}x{FEATURES}x{elem}>"),
            format!("tensor<{rows}x{TARGETS}x{elem}>"),
        );
        let src = format!(
            "func.func @{name}(%x: {xt}) -> {ot} {{\n  %0 = \"graph.tree_ensemble\"(%x) <{{{props}}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n"
        );
        let v: Vec<f64> = (0..rows * FEATURES)
            .map(|_| match rng.below(10) {
                0 => f64::NAN,
                1 => (rng.below(64) as f64 - 32.0) / 8.0,
                _ => GRID[rng.below(GRID.len())],
            })
            .collect();
        let dt = if elem == "f32" {
            DType::F32
        } else {
            DType::F64
        };
        let x = Tensor::from_f64s(dt, vec![rows, FEATURES], &v).expect("rows");
        out.push((name, src, vec![x]));
    }
    out
}

#[test]
fn tree_ensembles_compile_and_match_the_interpreter() {
    common::compiled_matches_interpreter("tree_ensemble", &cases());
}
