//! Greedy driver scaling: 10k / 100k / 1M generated toy ops.
//!
//! * `fold_chain/N`: a chain of `toy.id` (removed by a pattern), `toy.add x, c` (folded) and
//!   `toy.neg` (folded) groups starting from a constant: everything folds into one constant,
//!   so every op is folded, rewritten or erased once and a constant is materialised per fold.
//! * `canonical/N`: an already-canonical chain of `toy.add` over a non-constant value: one
//!   iteration that changes nothing (the cost of scanning and trying to fold).
//!
//! Throughput is reported in ops (elements) per second; the time per op is its inverse.
//! Run with `cargo bench -p strata-pass --bench greedy`; `STRATA_BENCH_OPS=3000000` replaces
//! the three sizes by one.

#![expect(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

#[path = "../tests/common/toy.rs"]
mod toy;

use criterion::{criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, Throughput};
use strata_ir::{Block, Body, Context, Region};
use strata_pass::rewrite::greedy::{apply_patterns_greedily, GreedyConfig};
use strata_pass::rewrite::FrozenPatternSet;
use toy::*;

/// A chain of about `n` ops that folds completely.
fn fold_chain(ctx: &Context, n: usize) -> (Body, Region, Block) {
    let (mut body, r, b) = region_body();
    let one = konst(ctx, &mut body, b, 1);
    let mut v = konst(ctx, &mut body, b, 0);
    let mut count = 2;
    while count + 3 <= n {
        let i = op1(ctx, &mut body, b, "toy.id", &[v]);
        let a = op1(ctx, &mut body, b, "toy.add", &[i, one]);
        v = op1(ctx, &mut body, b, "toy.neg", &[a]);
        count += 3;
    }
    sink(ctx, &mut body, b, &[v]);
    (body, r, b)
}

/// An already-canonical chain of about `n` ops.
fn canonical_chain(ctx: &Context, n: usize) -> (Body, Region, Block) {
    let (mut body, r, b) = region_body();
    let p = op1(ctx, &mut body, b, "toy.ping", &[]);
    let mut v = p;
    for _ in 0..n.saturating_sub(2) {
        v = op1(ctx, &mut body, b, "toy.add", &[v, p]);
    }
    sink(ctx, &mut body, b, &[v]);
    (body, r, b)
}

fn bench(c: &mut Criterion) {
    let ctx = toy_ctx();
    let id = IdForward;
    let set = FrozenPatternSet::new(&ctx, vec![&id]);
    let config = GreedyConfig::default();
    for (group, build) in [
        (
            "fold_chain",
            fold_chain as fn(&Context, usize) -> (Body, Region, Block),
        ),
        ("canonical", canonical_chain),
    ] {
        let mut g = c.benchmark_group(group);
        g.sample_size(10);
        let sizes: Vec<usize> = match std::env::var("STRATA_BENCH_OPS") {
            Ok(v) => v.parse().map(|n| vec![n]).unwrap_or_default(),
            Err(_) => vec![10_000, 100_000, 1_000_000],
        };
        for n in sizes {
            g.throughput(Throughput::Elements(n as u64));
            g.bench_with_input(BenchmarkId::from_parameter(n), &n, |bch, &n| {
                bch.iter_batched_ref(
                    || build(&ctx, n),
                    |(body, r, _)| {
                        let out = apply_patterns_greedily(&ctx, body, &[*r], &set, &config);
                        assert!(out.converged);
                        out
                    },
                    BatchSize::PerIteration,
                );
            });
        }
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
