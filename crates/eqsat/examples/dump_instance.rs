//! Print both sides of one rule as built for its soundness test:
//! `cargo run -p strata-eqsat --example dump_instance -- <pack> <rule>`.

use strata_eqsat::check::instance;
use strata_eqsat::{compile_rule, rule_packs};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (Some(pack), Some(name)) = (args.get(1), args.get(2)) else {
        eprintln!("usage: dump_instance <pack> <rule>");
        std::process::exit(2);
    };
    let mut ctx = strata_ir::Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_func::register(&mut ctx);
    strata_dialect_graph::register(&mut ctx);
    let Some(p) = rule_packs().into_iter().find(|p| p.name == pack) else {
        eprintln!("unknown pack {pack}");
        std::process::exit(1);
    };
    let base = name.trim_end_matches("-rev");
    let Some(d) = p.rules.iter().find(|r| r.name == base) else {
        eprintln!("unknown rule {name}");
        std::process::exit(1);
    };
    let rules = match compile_rule(&ctx, p.name, d.name, d.rule) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    for r in rules.iter().filter(|r| r.name == *name) {
        match instance(&ctx, r, d.sample, 0) {
            Ok(i) => print!(
                "{}",
                strata_ir::text::print_module(&ctx, &i.module, &Default::default())
            ),
            Err(e) => eprintln!("{}: {e}", r.name),
        }
    }
}
