//! Differential tests of `bufferize`: graph-level programs (elementwise with broadcasting,
//! matmul, convolution with pads and groups, pooling, softmax and layer norm, concat /
//! slice / reshape / transpose / pad, split and squeeze, reductions, a small CNN) and random
//! elementwise chains go through `graph-to-tensor{full=true},tensor-generalize,bufferize`;
//! the interpreter gives the same numbers before (returned tensors) and after (the
//! out-parameters), bit for bit (bufferization reorders no arithmetic). The bufferized IR
//! verifies, and every `loop.alloc` is freed exactly once.

mod harness;

use harness::programs;
use harness::*;
use proptest::prelude::*;

const BUFFERIZE: &str = "bufferize";

#[test]
fn bufferized_programs_compute_the_same_numbers() {
    for (name, src) in programs::PROGRAMS {
        eprintln!("{name}");
        for seed in 0..2 {
            check(src, BUFFERIZE, seed, true, &["graph."]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
    #[test]
    fn random_elementwise_chains_bufferize_exactly(
        shapes in shapes_strategy(),
        ops in prop::collection::vec((any::<u8>(), any::<u8>()), 1..7),
        seed in 0u64..1000,
    ) {
        let src = chain_program(&ops, &shapes);
        check(&src, BUFFERIZE, seed, true, &["graph."]);
    }
}
