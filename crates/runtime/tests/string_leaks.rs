//! No leaks from string runs: the strings a run's kernels make live in the run's arena and
//! are freed with it after the results are copied out, and the kernels rebuilt from their
//! specs go with the run too. With a counting global allocator, running a compiled string
//! program many times leaves the live heap where it was after the first runs.

#![allow(unsafe_code)]

mod common;

use strata_interp::strings::StrTensor;
use strata_interp::AnyValue;

const SRC: &str = r#"
func.func @main(%a: tensor<3x!graph.string>, %b: tensor<!graph.string>) -> (tensor<3x!graph.string>, tensor<?x!graph.string>) {
  %0 = "graph.string_concat"(%a, %b) : (tensor<3x!graph.string>, tensor<!graph.string>) -> tensor<3x!graph.string>
  %1 = "graph.string_concat"(%0, %0) : (tensor<3x!graph.string>, tensor<3x!graph.string>) -> tensor<3x!graph.string>
  %2 = "graph.string_normalizer"(%1) <{case_change_action = "UPPER", stopwords = ["xx"]}> : (tensor<3x!graph.string>) -> tensor<?x!graph.string>
  return %0, %2 : tensor<3x!graph.string>, tensor<?x!graph.string>
}
"#;

#[test]
fn string_runs_do_not_leak() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "strings.mlir", SRC, &Default::default()).unwrap();
    let opts = strata::Options {
        threads: 1,
        opt_level: 0,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts).unwrap();
    let p = compiled.program().unwrap();
    let a = AnyValue::Str(
        StrTensor::new(vec![3], vec!["a".into(), "Ω".into(), String::new()]).unwrap(),
    );
    let b = AnyValue::Str(StrTensor::new(vec![], vec!["x".into()]).unwrap());
    let inputs = [a, b];
    let run = || {
        let out = p.run_entry_values(None, &inputs).expect("run");
        assert_eq!(out.len(), 2);
        if let AnyValue::Str(s) = &out[1] {
            assert_eq!(s.data(), ["AXAX", "ΩXΩX"]);
        } else {
            panic!("a string result");
        }
    };
    for _ in 0..5 {
        run();
    }
    let base = common::live();
    for _ in 0..200 {
        run();
    }
    let after = common::live();
    assert_eq!(after, base, "live heap bytes grew from {base} to {after}");
}
