//! Every ```mlir example in the op documentation (the generated dialect reference) parses
//! and verifies: each example op (one line, or several when it has a region) is wrapped in a
//! function whose arguments are the op's operands, typed from its signature
//! (`strata::doc_examples`); `loop.global` examples are module-level ops and
//! `loop.get_global` ones get the global they read.

use strata::doc_examples::{example_function, example_ops};
use strata::ir::text::{parse, ParseOptions};
use strata::ir::verify::verify_module;

#[test]
fn documentation_examples_parse_and_verify() {
    let ctx = strata::default_context();
    let mut n = 0;
    for def in strata_dialect_loop::OPS {
        let ops = example_ops(def.description);
        assert!(!ops.is_empty(), "{} has no example", def.name);
        if def.name == strata_dialect_loop::YieldOp::NAME {
            continue; // a terminator: its parents' examples use it
        }
        for text in ops {
            n += 1;
            // Globals live in the module; `loop.get_global` needs the global it names.
            let src = if def.name == strata_dialect_loop::GlobalOp::NAME {
                text.clone()
            } else {
                let f = example_function(&text, n)
                    .unwrap_or_else(|e| panic!("{}: example {text}: {e}", def.name));
                if def.name == strata_dialect_loop::GetGlobalOp::NAME {
                    format!("\"loop.global\"() <{{sym_name = \"cst_0\", type = memref<4xf32>}}> : () -> ()\n{f}")
                } else {
                    f
                }
            };
            let m = parse(&ctx, "example.mlir", &src, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{}: example does not parse: {:?}\n{src}", def.name, e));
            if let Err(e) = verify_module(&ctx, &m) {
                panic!("{}: example does not verify: {:?}\n{src}", def.name, e);
            }
        }
    }
    assert!(n >= 12);
}
