//! Sequences and optionals compiled for the host CPU: a function taking a sequence and an
//! optional and returning a sequence, an optional and tensors is compiled specialised on the
//! structure of its inputs (`Options::structure`); `Compiled::run_values` flattens the
//! inputs, runs the shared object and reassembles the sequence and optional results, which
//! equal the interpreter's on the original function bit for bit. Inputs of another
//! structure are refused by the guard.

use strata::containers::structure_of;
use strata_interp::{AnyValue, DType, Interpreter, Tensor};

// (Result types in parentheses: the text parser mis-reads a second unparenthesised
// `-> !graph.opt<!graph.seq<...>>` result type.)
const SRC: &str = r#"
func.func @f(%s: !graph.seq<tensor<?x3xf32>>, %o: !graph.opt<tensor<3xf32>>, %k: tensor<f32>) -> (!graph.seq<tensor<?x3xf32>>, tensor<?x3xf32>, !graph.opt<tensor<3xf32>>, tensor<i64>, tensor<i1>) {
  %n = "graph.sequence_length"(%s) : (!graph.seq<tensor<?x3xf32>>) -> tensor<i64>
  %c = "graph.constant"() <{value = dense<true> : tensor<i1>}> : () -> tensor<i1>
  %e = "graph.sequence_empty"() : () -> !graph.seq<tensor<?x3xf32>>
  %v = "graph.optional_get_element"(%o) : (!graph.opt<tensor<3xf32>>) -> tensor<3xf32>
  %m = "graph.loop"(%n, %c, %e) ({
  ^bb0(%i: tensor<i64>, %ci: tensor<i1>, %acc: !graph.seq<tensor<?x3xf32>>):
    %x = "graph.sequence_at"(%s, %i) : (!graph.seq<tensor<?x3xf32>>, tensor<i64>) -> tensor<?x3xf32>
    %y = "graph.mul"(%x, %k) : (tensor<?x3xf32>, tensor<f32>) -> tensor<?x3xf32>
    %z = "graph.add"(%y, %v) : (tensor<?x3xf32>, tensor<3xf32>) -> tensor<?x3xf32>
    %acc2 = "graph.sequence_insert"(%acc, %z) : (!graph.seq<tensor<?x3xf32>>, tensor<?x3xf32>) -> !graph.seq<tensor<?x3xf32>>
    "graph.yield"(%ci, %acc2) : (tensor<i1>, !graph.seq<tensor<?x3xf32>>) -> ()
  }) : (tensor<i64>, tensor<i1>, !graph.seq<tensor<?x3xf32>>) -> !graph.seq<tensor<?x3xf32>>
  %p = "graph.constant"() <{value = dense<0> : tensor<i64>}> : () -> tensor<i64>
  %m2 = "graph.sequence_erase"(%m, %p) : (!graph.seq<tensor<?x3xf32>>, tensor<i64>) -> !graph.seq<tensor<?x3xf32>>
  %cat = "graph.concat_from_sequence"(%m) <{axis = 0 : i64}> : (!graph.seq<tensor<?x3xf32>>) -> tensor<?x3xf32>
  %pieces = "graph.split_to_sequence"(%cat) <{axis = 0 : i64, keepdims = 0 : i64}> : (tensor<?x3xf32>) -> !graph.seq<tensor<3xf32>>
  %minus1 = "graph.constant"() <{value = dense<-1> : tensor<i64>}> : () -> tensor<i64>
  %last = "graph.sequence_at"(%pieces, %minus1) : (!graph.seq<tensor<3xf32>>, tensor<i64>) -> tensor<3xf32>
  %ol = "graph.optional"(%last) : (tensor<3xf32>) -> !graph.opt<tensor<3xf32>>
  %len = "graph.sequence_length"(%pieces) : (!graph.seq<tensor<3xf32>>) -> tensor<i64>
  %has = "graph.optional_has_element"(%o) : (!graph.opt<tensor<3xf32>>) -> tensor<i1>
  return %m2, %cat, %ol, %len, %has : !graph.seq<tensor<?x3xf32>>, tensor<?x3xf32>, !graph.opt<tensor<3xf32>>, tensor<i64>, tensor<i1>
}
"#;

fn t(shape: Vec<usize>, seed: usize) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n)
        .map(|i| ((i * 13 + seed * 7) % 19) as f64 * 0.5 - 4.0)
        .collect();
    Tensor::from_f64s(DType::F32, shape, &v).expect("tensor")
}

fn inputs(lens: &[usize]) -> Vec<AnyValue> {
    vec![
        AnyValue::Seq(
            lens.iter()
                .enumerate()
                .map(|(k, &l)| t(vec![l, 3], k))
                .collect(),
        ),
        AnyValue::Opt(Some(Box::new(AnyValue::Tensor(t(vec![3], 9))))),
        AnyValue::Tensor(t(vec![], 5)),
    ]
}

#[test]
fn sequences_and_optionals_cross_the_runtime_boundary() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "containers.mlir", SRC, &Default::default())
        .expect("the source parses");
    strata::ir::verify::verify_module(&ctx, &m).expect("verifies");
    for lens in [&[2usize, 1, 3][..], &[1, 1]] {
        let ins = inputs(lens);
        let want = Interpreter::new(&ctx, &m)
            .run_values("f", ins.clone())
            .expect("interpreter");
        let opts = strata::Options {
            threads: 1,
            structure: Some(
                ins.iter()
                    .map(|v| structure_of(v).expect("structure"))
                    .collect(),
            ),
            ..strata::Options::default()
        };
        let compiled =
            strata::compile((&ctx, &m), &strata::Target::host(), &opts).expect("compiles");
        let sig = compiled.signature.clone().expect("a container signature");
        assert_eq!(sig.results.len(), 5);
        let got = compiled.run_values(ins).expect("runs");
        assert_eq!(format!("{got:?}"), format!("{want:?}"), "lengths {lens:?}");
        assert!(matches!(&got[0], AnyValue::Seq(s) if s.len() == lens.len() - 1));
        // The guard: another sequence length, or an empty optional, is refused.
        let mut other = inputs(&[2, 2, 2, 2]);
        let e = compiled.run_values(other.clone()).expect_err("guard");
        assert!(e.0.contains("input #0 has structure"), "{e}");
        other = inputs(lens);
        other[1] = AnyValue::Opt(None);
        let e = compiled.run_values(other).expect_err("guard");
        assert!(
            e.0.contains("input #1 has structure opt() but the code was compiled for opt([3])"),
            "{e}"
        );
    }
}

#[test]
fn a_container_argument_without_structure_is_a_clear_error() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "containers.mlir", SRC, &Default::default())
        .expect("the source parses");
    let e = strata::compile(
        (&ctx, &m),
        &strata::Target::host(),
        &strata::Options::default(),
    )
    .expect_err("no structure given");
    assert!(
        e.0.contains("argument #0 is '!graph.seq<tensor<?x3xf32>>'; its structure must be given"),
        "{e}"
    );
}

#[test]
fn a_function_without_arguments_or_containers_runs_with_an_empty_structure() {
    // The conformance runner gives a structure for every input; with every input bound as
    // a constant the list is empty and nothing is specialised.
    let src = "func.func @g() -> tensor<2xf32> {\n  \
               %c = \"graph.constant\"() <{value = dense<[1.0, 2.0]> : tensor<2xf32>}> : () -> tensor<2xf32>\n  \
               %n = \"graph.neg\"(%c) : (tensor<2xf32>) -> tensor<2xf32>\n  \
               func.return %n : tensor<2xf32>\n}\n";
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "g.mlir", src, &Default::default()).expect("parses");
    let opts = strata::Options {
        threads: 1,
        structure: Some(Vec::new()),
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts).expect("compiles");
    assert!(compiled.signature.is_none());
    let got = compiled.run_values(Vec::new()).expect("runs");
    assert_eq!(
        format!("{got:?}"),
        format!("{:?}", vec![AnyValue::Tensor(t_vals(&[-1.0, -2.0]))])
    );
}

fn t_vals(v: &[f64]) -> Tensor {
    Tensor::from_f64s(DType::F32, vec![v.len()], v).expect("tensor")
}
