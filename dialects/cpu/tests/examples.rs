//! Every ```mlir example in the op documentation (the generated dialect reference) parses
//! and verifies: each example op is wrapped in a function whose arguments are its operands
//! (`strata::doc_examples`), inside a module whose `cpu.target` is an AVX-512 machine.

use strata::doc_examples::{example_function, example_ops};
use strata::ir::text::{parse, ParseOptions};
use strata::ir::verify::verify_module;

const TARGET: &str = "cpu.target = {features = [\"avx\", \"avx2\", \"avx512f\", \"fma\"], \
                      float_bits = 512 : i64, int_bits = 512 : i64}";

#[test]
fn documentation_examples_parse_and_verify() {
    let ctx = strata::default_context();
    let mut n = 0;
    for def in strata_dialect_cpu::OPS {
        let ops = example_ops(def.description);
        assert!(!ops.is_empty(), "{} has no example", def.name);
        for text in ops {
            n += 1;
            let f = example_function(&text, n)
                .unwrap_or_else(|e| panic!("{}: example {text}: {e}", def.name));
            let src = format!("module attributes {{{TARGET}}} {{\n{f}}}\n");
            let m = parse(&ctx, "example.mlir", &src, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{}: example does not parse: {:?}\n{src}", def.name, e));
            if let Err(e) = verify_module(&ctx, &m) {
                panic!("{}: example does not verify: {:?}\n{src}", def.name, e);
            }
            // Without a target the vector ops are rejected: the width check is not skipped.
            let bare = parse(&ctx, "example.mlir", &f, &ParseOptions::default())
                .unwrap_or_else(|e| panic!("{}: example does not parse: {:?}", def.name, e));
            assert!(
                verify_module(&ctx, &bare).is_err(),
                "{}: verifies without a target",
                def.name
            );
        }
    }
    assert!(n >= 8);
}
