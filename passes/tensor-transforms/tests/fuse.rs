//! Soundness of `tensor-fuse-elementwise` against the reference interpreter: random graph
//! programs (element-wise chains with broadcasting, matmul/conv with bias and relu,
//! transpose, reductions, softmax, layer_norm, batch_norm), lowered with
//! `graph-to-tensor{full=true},tensor-generalize`, give bit-identical results before and
//! after the fusion, with and without `allow-duplication`; the fusion does fuse (the number
//! of generics drops on the programs where a producer has only fusable uses), and a second
//! run changes nothing.

mod common;

use common::{assert_bit_exact, gen, lower, lower_and_run, Rng};
use proptest::prelude::*;

fn count(text: &str, needle: &str) -> usize {
    text.matches(needle).count()
}

/// Check one seed; returns (generics before, generics after the default fusion).
fn check(seed: u64) -> (usize, usize) {
    // Name the registrations so that the linker keeps them in this test binary.
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
    let (want, before) = lower_and_run(&src, "", &inputs);
    let (got, after) = lower_and_run(&src, "tensor-fuse-elementwise", &inputs);
    assert_bit_exact(&want, &got, &format!("{src}\n{before}\n{after}"));
    let (got, dup) = lower_and_run(
        &src,
        "tensor-fuse-elementwise{allow-duplication=true}",
        &inputs,
    );
    assert_bit_exact(&want, &got, &format!("{src}\n{before}\n{dup}"));
    // Idempotent: a second run finds nothing left to fuse.
    let twice = lower(&src, "tensor-fuse-elementwise,tensor-fuse-elementwise");
    assert_eq!(after, twice, "a second run changed the IR\n{src}");
    let g = "\"tensor.generic\"";
    let (nb, na, nd) = (count(&before, g), count(&after, g), count(&dup, g));
    assert!(na <= nb, "fusion added generics\n{before}\n{after}");
    assert!(nd <= nb, "duplication added generics\n{before}\n{dup}");
    (nb, na)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, ..ProptestConfig::default() })]
    #[test]
    fn fusion_keeps_interpreter_results(seed in any::<u64>()) {
        let _ = check(seed);
    }
}

/// 200 fixed seeds; between them the fusion removes generics, and fuses some programs of
/// several generics into one.
#[test]
fn fixed_seeds() {
    let (mut before, mut after, mut into_one) = (0, 0, 0);
    for seed in 0..200 {
        let (b, a) = check(seed);
        before += b;
        after += a;
        into_one += usize::from(b > 1 && a == 1);
    }
    assert!(
        after < before,
        "no generic fused: {before} before and after"
    );
    assert!(into_one > 0, "no program fused into one generic");
}
