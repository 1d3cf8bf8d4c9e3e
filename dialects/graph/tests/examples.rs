//! Every ```mlir example in the op documentation (the generated dialect reference) parses
//! and verifies: each example line is wrapped in a function whose arguments are the line's
//! operands, typed from its signature.

use strata_ir::text::{parse, ParseOptions};
use strata_ir::verify::verify_module;

/// Split `a, b<c, d>, e` at top-level commas.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    for ch in s.chars() {
        match ch {
            '<' | '(' | '[' => depth += 1,
            '>' | ')' | ']' => depth -= 1,
            ',' if depth == 0 => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(ch);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// Turn one example line into a function taking its operands as arguments.
fn wrap(line: &str, n: usize) -> String {
    let name_end = line.find("\"(").expect("generic op") + 2;
    let close = name_end + line[name_end..].find(')').expect("operand list");
    let operands = split_top(&line[name_end..close]);
    let sig_start = line.rfind(" : (").expect("signature") + 4;
    let sig_end = sig_start + line[sig_start..].find(") ->").expect("signature end");
    let types = split_top(&line[sig_start..sig_end]);
    assert_eq!(operands.len(), types.len(), "{line}");
    let args: Vec<String> = operands
        .iter()
        .zip(&types)
        .map(|(o, t)| format!("{o}: {t}"))
        .collect();
    format!(
        "func.func @example{n}({}) {{\n  {line}\n  return\n}}\n",
        args.join(", ")
    )
}

#[test]
fn documentation_examples_parse_and_verify() {
    let mut ctx = strata_ir::Context::new();
    strata_dialect_builtin::register(&mut ctx);
    strata_dialect_func::register(&mut ctx);
    strata_dialect_graph::register(&mut ctx);
    let mut n = 0;
    for def in strata_dialect_graph::OPS {
        let mut in_block = false;
        for line in def.description.lines() {
            let l = line.trim();
            if l.starts_with("```mlir") {
                in_block = true;
                continue;
            }
            if l.starts_with("```") {
                in_block = false;
                continue;
            }
            if !in_block || l.is_empty() || l.contains("dense_resource") {
                continue;
            }
            n += 1;
            let src = wrap(l, n);
            let m = parse(&ctx, "example.mlir", &src, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{}: example does not parse: {:?}\n{src}", def.name, e));
            if let Err(e) = verify_module(&ctx, &m) {
                panic!("{}: example does not verify: {:?}\n{src}", def.name, e);
            }
        }
    }
    assert!(n >= strata_dialect_graph::OPS.len());
}
