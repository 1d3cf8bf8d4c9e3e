//! Every ```mlir example in the op documentation (the generated dialect reference) parses
//! and verifies: each example op (one line, or several when it has a region) is wrapped in a
//! function whose arguments are the op's operands, typed from its signature.

use strata::ir::text::{parse, ParseOptions};
use strata::ir::verify::verify_module;

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

/// Turn one example op into a function taking its operands as arguments.
fn wrap(text: &str, n: usize) -> String {
    let name_end = text.find("\"(").expect("generic op") + 2;
    let close = name_end + text[name_end..].find(')').expect("operand list");
    let operands = split_top(&text[name_end..close]);
    let sig_start = text.rfind(" : (").expect("signature") + 4;
    let sig_end = sig_start + text[sig_start..].find(") ->").expect("signature end");
    let types = split_top(&text[sig_start..sig_end]);
    assert_eq!(operands.len(), types.len(), "{text}");
    let args: Vec<String> = operands
        .iter()
        .zip(&types)
        .map(|(o, t)| format!("{o}: {t}"))
        .collect();
    format!(
        "func.func @example{n}({}) {{\n{text}\n  return\n}}\n",
        args.join(", ")
    )
}

/// The example ops of a description: a chunk starts at a line beginning with `%` or `"`.
fn example_ops(description: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut in_block = false;
    for line in description.lines() {
        let l = line.strip_prefix(' ').unwrap_or(line).trim_end();
        if l.trim_start().starts_with("```mlir") {
            in_block = true;
            continue;
        }
        if l.trim_start().starts_with("```") {
            in_block = false;
            continue;
        }
        if !in_block || l.trim().is_empty() {
            continue;
        }
        if l.starts_with('%') || l.starts_with('"') {
            out.push(l.to_string());
        } else if let Some(last) = out.last_mut() {
            last.push('\n');
            last.push_str(l);
        }
    }
    out
}

#[test]
fn documentation_examples_parse_and_verify() {
    let ctx = strata::default_context();
    let mut n = 0;
    for def in strata_dialect_tensor::OPS {
        let ops = example_ops(def.description);
        assert!(!ops.is_empty(), "{} has no example", def.name);
        if def.name == strata_dialect_tensor::YieldOp::NAME {
            continue; // a terminator: its parents' examples use it
        }
        for text in ops {
            n += 1;
            let src = wrap(&text, n);
            let m = parse(&ctx, "example.mlir", &src, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{}: example does not parse: {:?}\n{src}", def.name, e));
            if let Err(e) = verify_module(&ctx, &m) {
                panic!("{}: example does not verify: {:?}\n{src}", def.name, e);
            }
        }
    }
    assert!(n >= 20);
}
