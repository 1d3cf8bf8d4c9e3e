//! Soundness of `tensor-tile` against the reference interpreter: random graph programs
//! lowered with `graph-to-tensor{full=true},tensor-generalize` (and, on odd seeds, fused
//! with `tensor-fuse-elementwise`) give bit-identical results before and after tiling with
//! random tile sizes, with and without producer fusion; between the seeds the pass tiles
//! ops and fuses producers into the tiles.

mod common;

use common::{assert_bit_exact, gen, lower_and_run, Rng};

use proptest::prelude::*;

/// Check one seed; returns (`loop.for` ops created, whether fusing producers changed the
/// result of the pass).
fn check(seed: u64) -> (usize, bool) {
    assert_eq!(
        strata_tensor_transforms::tile::TENSOR_TILE.name,
        "tensor-tile"
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
    let sizes: Vec<String> = (0..1 + rng.below(4))
        .map(|_| rng.below(4).to_string())
        .collect();
    let pre = if seed % 2 == 1 {
        "tensor-fuse-elementwise,"
    } else {
        ""
    };
    let (want, before) = lower_and_run(&src, pre.trim_end_matches(','), &inputs);
    let mut loops = 0;
    let mut texts = Vec::new();
    for fuse in [true, false] {
        let pipe = format!(
            "{pre}tensor-tile{{tile-sizes={} fuse-producers={fuse}}}",
            sizes.join(",")
        );
        let (got, after) = lower_and_run(&src, &pipe, &inputs);
        assert_bit_exact(&want, &got, &format!("{pipe}\n{src}\n{before}\n{after}"));
        if fuse {
            loops = after.matches("\"loop.for\"").count();
        }
        texts.push(after);
    }
    (loops, texts[0] != texts[1])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]
    #[test]
    fn tiling_keeps_interpreter_results(seed in any::<u64>()) {
        let _ = check(seed);
    }
}

/// 96 fixed seeds, between which ops are tiled and producers fused into tiles.
#[test]
fn fixed_seeds() {
    let (mut loops, mut fused) = (0, 0);
    for seed in 0..96 {
        let (l, f) = check(seed);
        loops += l;
        fused += usize::from(f);
    }
    assert!(loops > 0, "nothing was tiled");
    assert!(fused > 0, "no producer was fused into a tile");
}
