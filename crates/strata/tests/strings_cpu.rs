//! String tensors compiled for the host CPU (`docs/lowering.md`, "String tensors"): every
//! string op through `tensor.string_call`, the C compiler and the runtime's string kernel
//! gives the interpreter's results on the graph program, with string inputs and outputs
//! crossing the ABI (empty strings, non-ASCII UTF-8, broadcasting, a bounded normalizer
//! result trimmed by the runtime, split pieces as a runtime-sized result, an intermediate
//! string buffer), on one and four threads.

use strata_interp::strings::StrTensor;
use strata_interp::{AnyValue, Interpreter, Tensor};

const SRC: &str = r#"
func.func @concat_equal(%a: tensor<2x1x!graph.string>, %b: tensor<3x!graph.string>) -> (tensor<2x3x!graph.string>, tensor<2x3xi1>) {
  %0 = "graph.string_concat"(%a, %b) : (tensor<2x1x!graph.string>, tensor<3x!graph.string>) -> tensor<2x3x!graph.string>
  %1 = "graph.equal"(%0, %b) : (tensor<2x3x!graph.string>, tensor<3x!graph.string>) -> tensor<2x3xi1>
  return %0, %1 : tensor<2x3x!graph.string>, tensor<2x3xi1>
}
func.func @chain(%x: tensor<4x!graph.string>, %n: tensor<3xi64>) -> (tensor<4xi1>, tensor<4xi32>, tensor<3x!graph.string>) {
  %s = "graph.string_concat"(%x, %x) : (tensor<4x!graph.string>, tensor<4x!graph.string>) -> tensor<4x!graph.string>
  %0 = "graph.regex_full_match"(%s) <{pattern = "([a-zé]+)(ab)?|"}> : (tensor<4x!graph.string>) -> tensor<4xi1>
  %1 = "graph.label_encoder"(%s) <{keys = ["abab", "", "éé"], values = dense<[1, 2, 3]> : tensor<3xi32>}> : (tensor<4x!graph.string>) -> tensor<4xi32>
  %2 = "graph.label_encoder"(%n) <{keys = dense<[1, 2]> : tensor<2xi64>, values = ["un", "δύο"], default = ""}> : (tensor<3xi64>) -> tensor<3x!graph.string>
  return %0, %1, %2 : tensor<4xi1>, tensor<4xi32>, tensor<3x!graph.string>
}
func.func @split(%x: tensor<3x!graph.string>) -> (tensor<3x?x!graph.string>, tensor<3xi64>) {
  %0, %1 = "graph.string_split"(%x) <{delimiter = "é"}> : (tensor<3x!graph.string>) -> (tensor<3x?x!graph.string>, tensor<3xi64>)
  return %0, %1 : tensor<3x?x!graph.string>, tensor<3xi64>
}
func.func @normalize(%x: tensor<1x5x!graph.string>) -> tensor<1x?x!graph.string> {
  %0 = "graph.string_normalizer"(%x) <{case_change_action = "UPPER", stopwords = ["monday"]}> : (tensor<1x5x!graph.string>) -> tensor<1x?x!graph.string>
  return %0 : tensor<1x?x!graph.string>
}
"#;

fn strs(shape: &[usize], v: &[&str]) -> AnyValue {
    AnyValue::Str(
        StrTensor::new(shape.to_vec(), v.iter().map(|s| s.to_string()).collect()).unwrap(),
    )
}

fn cases() -> Vec<(&'static str, Vec<AnyValue>)> {
    vec![
        (
            "concat_equal",
            vec![strs(&[2, 1], &["", "Ω"]), strs(&[3], &["", "Ωx", "日本"])],
        ),
        (
            "chain",
            vec![
                strs(&[4], &["ab", "", "é", "a b"]),
                AnyValue::Tensor(Tensor::from_vec(vec![3], vec![2i64, 7, 1]).unwrap()),
            ],
        ),
        (
            "normalize",
            vec![strs(&[1, 5], &["Monday", "Café", "", "monday", "tuesday"])],
        ),
        (
            "normalize",
            vec![strs(&[1, 5], &["monday", "", "MONDAY", "", ""])],
        ),
        ("split", vec![strs(&[3], &["aébéc", "", "éé"])]),
        ("split", vec![strs(&[3], &["x", "", "y"])]),
    ]
}

#[test]
fn string_ops_compiled_match_the_interpreter() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "strings.mlir", SRC, &Default::default()).unwrap();
    strata::ir::verify::verify_module(&ctx, &m).unwrap();
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling the string ops: {e}"));
    let source = std::fs::read_to_string(&compiled.artifact.source_path).unwrap();
    assert!(source.contains("rt->string_call"), "{source}");
    let one = compiled.program().expect("native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4).unwrap();
    for (name, inputs) in cases() {
        let want = Interpreter::new(&ctx, &m)
            .run_values(name, inputs.clone())
            .unwrap_or_else(|e| panic!("{name} on the interpreter: {e:?}"));
        for p in [one, &four] {
            let got = p
                .run_entry_values(Some(name), &inputs)
                .unwrap_or_else(|e| panic!("{name} compiled: {}", e.0));
            assert_eq!(want, got, "{name}");
        }
    }
}

#[test]
fn string_inputs_are_checked() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "strings.mlir", SRC, &Default::default()).unwrap();
    let opts = strata::Options {
        entry: Some("normalize".into()),
        opt_level: 0,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts).unwrap();
    let p = compiled.program().unwrap();
    // A numeric tensor, or strings of another shape, where strings are expected.
    let t = AnyValue::Tensor(Tensor::from_vec(vec![1, 5], vec![0i64; 5]).unwrap());
    let e = compiled.run_any(&[t]).unwrap_err();
    assert!(e.0.contains("must be 1x5x!graph.string"), "{}", e.0);
    let e = p
        .run_entry_values(Some("normalize"), &[strs(&[5], &["a"; 5])])
        .unwrap_err();
    assert!(e.0.contains("must be 1x5x!graph.string"), "{}", e.0);
    // Through the container-aware entry point too.
    let out = compiled
        .run_values(vec![strs(&[1, 5], &["a", "b", "", "c", "monday"])])
        .unwrap();
    assert_eq!(out, vec![strs(&[1, 3], &["A", "B", "C"])]);
}
