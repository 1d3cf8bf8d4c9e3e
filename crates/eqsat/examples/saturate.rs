//! Run the `saturate` pass on a `.mlir` file and print the result (in generic form) and the
//! pass's remarks: `cargo run -p strata-eqsat --example saturate -- FILE ['OPTIONS']`,
//! where `OPTIONS` are the pass options (`rules=graph-algebra dump-egraph explain`).

use strata_pass::{parse_pipeline, PassManager};
// Links the crate, whose `saturate` pass registers itself.
use strata_eqsat as _;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(path) = args.get(1) else {
        eprintln!("usage: saturate FILE ['pass options']");
        std::process::exit(2);
    };
    let options = args.get(2).cloned().unwrap_or_else(|| "dump-egraph".into());
    let mut ctx = strata_ir::Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_func::register(&mut ctx);
    strata_dialect_arith::register(&mut ctx);
    strata_dialect_graph::register(&mut ctx);
    let src = match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let mut m = match strata_ir::text::parse(&ctx, path, &src, &Default::default()) {
        Ok(m) => m,
        Err(d) => {
            for d in d {
                eprintln!("{}", d.message);
            }
            std::process::exit(1);
        }
    };
    let pipeline = format!("builtin.module(func.func(saturate{{{options}}}))");
    let pm = match parse_pipeline(&pipeline, "builtin.module") {
        Ok(p) => PassManager::new(p),
        Err(e) => {
            eprintln!("{}", e.render(&pipeline));
            std::process::exit(1);
        }
    };
    let report = pm.run(&ctx, &mut m);
    for d in &report.diagnostics {
        eprintln!("{:?}: {}", d.severity, d.message);
    }
    print!(
        "{}",
        strata_ir::text::print_module(
            &ctx,
            &m,
            &strata_ir::text::PrintOptions {
                generic: true,
                debug_info: false
            }
        )
    );
    if report.failed {
        std::process::exit(1);
    }
}
