//! Saturation benchmark over the bundled models (`tests/models/*.mlir`): for each, the
//! e-graph size, iterations and stop reason, saturation and extraction time (median of
//! several runs), and the extracted cost against the input cost under the default cost
//! model, with the default rule packs and a 50,000-node limit.
//!
//! `cargo bench -p strata-eqsat --bench models` prints a Markdown table (also written to
//! `target/eqsat-models.md`). `STRATA_BENCH_RUNS` sets the number of runs (default 10).

use std::time::Duration;
use strata_eqsat::{
    resolve_packs, saturate_regions, BlockReport, FlopMemoryCost, Limits, RuleSet, SaturateOptions,
};
use strata_ir::{Context, Module};

const MODELS: &[&str] = &[
    "mlp",
    "resnet_block",
    "inception_block",
    "transformer_block",
];

fn ctx() -> Context {
    let mut c = Context::new();
    strata_dialect_builtin::register(&mut c);
    strata_dialect_func::register(&mut c);
    strata_dialect_arith::register(&mut c);
    strata_dialect_graph::register(&mut c);
    c
}

fn load(ctx: &Context, name: &str) -> Module {
    let path = format!(
        "{}/../../tests/models/{name}.mlir",
        env!("CARGO_MANIFEST_DIR")
    );
    let src = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    strata_ir::text::parse(ctx, &path, &src, &Default::default()).unwrap_or_else(|d| {
        panic!(
            "{path}: {:?}",
            d.iter().map(|d| &d.message).collect::<Vec<_>>()
        )
    })
}

fn once(
    ctx: &Context,
    rules: &RuleSet,
    name: &str,
    opts: &SaturateOptions,
) -> (BlockReport, Duration) {
    let mut m = load(ctx, name);
    let f = m
        .region_body()
        .block_ops(m.block().expect("module block"))
        .next()
        .expect("a function");
    let body = m.region_body_mut();
    let regions = body.regions(f).to_vec();
    let nested = body.nested_mut(f).expect("function body");
    let t = std::time::Instant::now();
    let mut reports = saturate_regions(
        ctx,
        nested,
        &regions,
        rules,
        &FlopMemoryCost::default(),
        opts,
    )
    .expect("saturation");
    let total = t.elapsed();
    (reports.remove(0), total)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1e3)
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs it once quickly.
    let quick = !std::env::args().any(|a| a == "--bench");
    let runs: usize = if quick {
        1
    } else {
        std::env::var("STRATA_BENCH_RUNS")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(10)
    };
    let ctx = ctx();
    let packs = resolve_packs(&["default".to_string()]).expect("packs");
    let rules = RuleSet::compile(&ctx, &packs).expect("rules");
    let opts = SaturateOptions {
        limits: Limits {
            node_limit: 50_000,
            iter_limit: 30,
            time_limit: None,
            ..Limits::default()
        },
        ..SaturateOptions::default()
    };
    let mut table = String::from(
        "| model | ops | e-nodes | e-classes | iterations | stop | saturation (ms) | extraction (ms) | total (ms) | input cost | extracted cost | change |\n\
         |---|---|---|---|---|---|---|---|---|---|---|---|\n",
    );
    for name in MODELS {
        let mut sat = Vec::new();
        let mut ext = Vec::new();
        let mut tot = Vec::new();
        let mut last = None;
        for _ in 0..runs {
            let (r, t) = once(&ctx, &rules, name, &opts);
            sat.push(r.run.time);
            ext.push(r.extract_time);
            tot.push(t);
            last = Some(r);
        }
        let r = last.expect("at least one run");
        table.push_str(&format!(
            "| {name} | {} | {} | {} | {} | {} | {} | {} | {} | {:.4e} | {:.4e} | {:+.1}% |\n",
            r.pure_ops,
            r.run.nodes,
            r.run.classes,
            r.run.iterations,
            r.run.stop,
            ms(median(sat)),
            ms(median(ext)),
            ms(median(tot)),
            r.cost_before,
            r.cost_after,
            (r.cost_after / r.cost_before - 1.0) * 100.0
        ));
    }
    print!("{table}");
    if std::env::var_os("STRATA_BENCH_RULES").is_some() {
        for name in MODELS {
            let (r, _) = once(&ctx, &rules, name, &opts);
            let mut v: Vec<(&String, &usize)> = r.run.applied.iter().collect();
            v.sort_by(|a, b| b.1.cmp(a.1));
            let top: Vec<String> = v.iter().take(8).map(|(n, c)| format!("{n} {c}")).collect();
            println!("{name}: {}", top.join(", "));
        }
    }
    let out = format!(
        "{}/../../target/eqsat-models.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let _ = std::fs::write(out, &table);
}
