//! Soundness of `tensor-pad-to-multiple` against the reference interpreter: random graph
//! programs lowered with `graph-to-tensor{full=true},tensor-generalize` (and, on odd seeds,
//! fused with `tensor-fuse-elementwise`) give the same results before and after padding to
//! a random multiple. Padding adds only exact zeros to sums, so results are compared bit for
//! bit except that `-0.0` and `+0.0` match (the one difference a zero-padded sum can make).
//! A second run changes nothing.

mod common;

use common::{gen, lower, lower_and_run, Rng};
use proptest::prelude::*;

/// Check one seed; returns the number of `tensor.pad` ops created.
fn check(seed: u64) -> usize {
    assert_eq!(
        strata_tensor_transforms::pad::TENSOR_PAD_TO_MULTIPLE.name,
        "tensor-pad-to-multiple"
    );
    assert_eq!(
        strata_tensor_transforms::fuse::TENSOR_FUSE_ELEMENTWISE.name,
        "tensor-fuse-elementwise"
    );
    assert_eq!(
        strata_graph_to_tensor::GRAPH_TO_TENSOR.name,
        "graph-to-tensor"
    );
    let mut rng = Rng(seed);
    let p = gen(&mut rng);
    let src = p.text();
    let inputs = p.inputs(&mut rng);
    let multiple = [2, 3, 4, 8][rng.below(4)];
    let pre = if seed % 2 == 1 {
        "tensor-fuse-elementwise,"
    } else {
        ""
    };
    let (want, before) = lower_and_run(&src, pre.trim_end_matches(','), &inputs);
    let pipe = format!("{pre}tensor-pad-to-multiple{{multiple={multiple}}}");
    let (got, after) = lower_and_run(&src, &pipe, &inputs);
    let what = format!("{pipe}\n{src}\n{before}\n{after}");
    assert_eq!(want.len(), got.len(), "{what}");
    for (k, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(w.shape(), g.shape(), "result {k}\n{what}");
        for (i, (a, b)) in w.to_f64_vec().into_iter().zip(g.to_f64_vec()).enumerate() {
            assert!(
                a.to_bits() == b.to_bits() || (a == 0.0 && b == 0.0) || (a.is_nan() && b.is_nan()),
                "result {k} element {i}: {a} before vs {b} after\n{what}"
            );
        }
    }
    let twice = lower(&src, &format!("{pipe},{pipe}"));
    assert_eq!(after, twice, "a second run changed the IR\n{what}");
    after.matches("\"tensor.pad\"").count() - before.matches("\"tensor.pad\"").count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn padding_keeps_interpreter_results(seed in any::<u64>()) {
        let _ = check(seed);
    }
}

/// 96 fixed seeds, between which the pass pads operands.
#[test]
fn fixed_seeds() {
    let pads: usize = (0..96).map(check).sum();
    assert!(pads > 0, "no operand was padded");
}
