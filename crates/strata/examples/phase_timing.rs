//! Phase timings of `strata opt` on one file: read, parse, verify, print (custom and generic).
//!
//! `cargo run --release -p strata --example phase_timing -- /tmp/big.mlir`

use std::time::Instant;
use strata::ir::text::{self, ParseOptions, PrintOptions};

/// Peak resident memory so far (`VmHWM`, Linux), for the per-phase report.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l["VmHWM:".len()..].trim().to_string())
        })
        .map(|m| format!("  peak {m}"))
        .unwrap_or_default()
}

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: phase_timing FILE.mlir");
        std::process::exit(2);
    };
    let t = Instant::now();
    let src = match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(1);
        }
    };
    println!(
        "read     {:>8.3} s{}",
        t.elapsed().as_secs_f64(),
        peak_rss()
    );
    let ctx = strata::default_context();
    let t = Instant::now();
    let module = match text::parse(&ctx, &path, &src, &ParseOptions::default()) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("parse error: {}", e[0].message);
            std::process::exit(1);
        }
    };
    println!(
        "parse    {:>8.3} s{}",
        t.elapsed().as_secs_f64(),
        peak_rss()
    );
    let t = Instant::now();
    let ok = strata::ir::verify::verify_module(&ctx, &module).is_ok();
    println!(
        "verify   {:>8.3} s ({}){}",
        t.elapsed().as_secs_f64(),
        if ok { "ok" } else { "errors" },
        peak_rss()
    );
    for generic in [false, true] {
        let t = Instant::now();
        let mut sink = std::io::BufWriter::new(std::io::sink());
        let opts = PrintOptions {
            generic,
            debug_info: false,
        };
        if let Err(e) = text::write_module(&ctx, &module, &opts, &mut sink) {
            eprintln!("print error: {e}");
        }
        println!(
            "print{}{:>8.3} s{}",
            if generic { "-g  " } else { "    " },
            t.elapsed().as_secs_f64(),
            peak_rss()
        );
    }
}
