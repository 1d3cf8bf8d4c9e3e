//! Differential tests of `tensor-to-loop`: the graph-level programs of the bufferize tests
//! (elementwise with broadcasting, matmul, convolution with pads and groups, pooling,
//! softmax and layer norm, concat / slice / reshape / transpose / pad, split and squeeze,
//! reductions, a small CNN) and random elementwise chains go through
//! `graph-to-tensor{full=true},tensor-generalize` and then `bufferize,plan-memory,tensor-to-loop`; the
//! interpreter gives the same numbers at the tensor level and on the loop nests, bit for
//! bit (the loop order keeps every reduction's order), and only loop-level ops remain.

#[path = "../../bufferize/tests/harness/mod.rs"]
mod harness;

use harness::programs;
use harness::*;
use proptest::prelude::*;

const BUFFERIZE: &str = "bufferize,plan-memory,tensor-to-loop";

#[test]
fn loop_nests_compute_the_same_numbers() {
    for (name, src) in programs::PROGRAMS {
        eprintln!("{name}");
        for seed in 0..2 {
            check(src, BUFFERIZE, seed, true, &["graph.", "tensor."]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn random_elementwise_chains_lower_to_loops_exactly(
        shapes in shapes_strategy(),
        ops in prop::collection::vec((any::<u8>(), any::<u8>()), 1..7),
        seed in 0u64..1000,
    ) {
        let src = chain_program(&ops, &shapes);
        check(&src, BUFFERIZE, seed, true, &["graph.", "tensor."]);
    }
}
