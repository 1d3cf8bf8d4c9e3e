//! Criterion benchmark: parse, verify and print a generated function of `arith` f32 ops
//! (random operands among the last 64 values), in custom and generic form. The 1,000,000-op
//! side-by-side comparison with `mlir-opt-22` is `scripts/bench-opt.sh`; see
//! `docs/performance.md`.
//!
//! `STRATA_BENCH_OPS=1000000 cargo bench -p strata --bench text` changes the size.

#![allow(
    missing_docs,
    reason = "criterion_group! generates an undocumented function"
)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use strata::ir::text::{self, ParseOptions, PrintOptions};

/// The same shape of input as `scripts/gen-big.py`: 8 f32 arguments, `n` ops.
fn generate(n: usize, seed: u64) -> String {
    let mut s = seed;
    let mut rand = move |k: usize| {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        (s % k as u64) as usize
    };
    let names: Vec<String> = (0..8).map(|i| format!("%arg{i}")).collect();
    let mut vals = names.clone();
    let mut out = String::with_capacity(n * 48);
    out.push_str("module {\n  func.func @big(");
    out.push_str(
        &names
            .iter()
            .map(|a| format!("{a}: f32"))
            .collect::<Vec<_>>()
            .join(", "),
    );
    out.push_str(") -> f32 {\n");
    let ops = [
        "addf", "subf", "mulf", "divf", "maximumf", "minimumf", "negf",
    ];
    for i in 0..n {
        let window = vals.len().min(64);
        let base = vals.len() - window;
        let a = &vals[base + rand(window)];
        let op = ops[rand(ops.len())];
        if op == "negf" {
            out.push_str(&format!("    %{i} = arith.negf {a} : f32\n"));
        } else {
            let b = &vals[base + rand(window)];
            out.push_str(&format!("    %{i} = arith.{op} {a}, {b} : f32\n"));
        }
        vals.push(format!("%{i}"));
    }
    out.push_str(&format!(
        "    return {} : f32\n  }}\n}}\n",
        vals.last().expect("non-empty")
    ));
    out
}

fn bench(c: &mut Criterion) {
    let n: usize = std::env::var("STRATA_BENCH_OPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let src = generate(n, 0x5EED);
    let ctx = strata::default_context();
    let popts = ParseOptions::default();
    let mut g = c.benchmark_group("text");
    g.throughput(Throughput::Elements(n as u64));
    g.sample_size(10);
    g.bench_function(format!("parse/{n}"), |b| {
        b.iter(|| text::parse(&ctx, "big.mlir", &src, &popts).expect("generated input parses"))
    });
    let module = text::parse(&ctx, "big.mlir", &src, &popts).expect("generated input parses");
    g.bench_function(format!("verify/{n}"), |b| {
        b.iter(|| {
            strata::ir::verify::verify_module(&ctx, &module).expect("generated input verifies")
        })
    });
    for generic in [false, true] {
        let opts = PrintOptions {
            generic,
            debug_info: false,
        };
        let label = if generic { "print-generic" } else { "print" };
        g.bench_function(format!("{label}/{n}"), |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                text::write_module(&ctx, &module, &opts, &mut sink).expect("sink never fails")
            })
        });
    }
    g.bench_function(format!("parse+verify+print/{n}"), |b| {
        b.iter(|| {
            let m = text::parse(&ctx, "big.mlir", &src, &popts).expect("parses");
            strata::ir::verify::verify_module(&ctx, &m).expect("verifies");
            let mut sink = std::io::sink();
            text::write_module(&ctx, &m, &PrintOptions::default(), &mut sink).expect("sink")
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default();
    targets = bench
}
criterion_main!(benches);
