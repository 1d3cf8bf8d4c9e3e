//! A graph-level function on `ui8`/`ui16`/`ui64` tensors compiled for the host CPU: the
//! runtime takes and returns the unsigned dtypes (the entry metadata reads
//! `strata.elem_type`), and the outputs equal the interpreter's on the graph function, bit
//! for bit, with one and with four threads.

use strata_interp::{DType, Interpreter, Tensor};

const SRC: &str = r#"
func.func @q(%x: tensor<2x8xf32>, %a: tensor<2x8xui8>, %b: tensor<8xui8>, %c: tensor<8xui64>) -> (tensor<2x8xui8>, tensor<2x8xui8>, tensor<2x8xi1>, tensor<2x8xf32>, tensor<8xui16>, tensor<8xui64>, tensor<2xui8>) {
  %s = "graph.constant"() <{value = dense<0.5> : tensor<f32>}> : () -> tensor<f32>
  %z = "graph.constant"() <{value = dense<128> : tensor<ui8>}> : () -> tensor<ui8>
  %0 = "graph.div"(%x, %s) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %1 = "graph.round"(%0) : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %2 = "graph.cast"(%z) <{to = f32}> : (tensor<ui8>) -> tensor<f32>
  %3 = "graph.add"(%1, %2) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %4 = "graph.clip"(%3) <{min = 0.0 : f32, max = 255.0 : f32}> : (tensor<2x8xf32>) -> tensor<2x8xf32>
  %q = "graph.cast"(%4) <{to = ui8}> : (tensor<2x8xf32>) -> tensor<2x8xui8>
  %d = "graph.div"(%a, %b) : (tensor<2x8xui8>, tensor<8xui8>) -> tensor<2x8xui8>
  %l = "graph.less"(%a, %b) : (tensor<2x8xui8>, tensor<8xui8>) -> tensor<2x8xi1>
  %5 = "graph.cast"(%q) <{to = f32}> : (tensor<2x8xui8>) -> tensor<2x8xf32>
  %6 = "graph.sub"(%5, %2) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %dq = "graph.mul"(%6, %s) : (tensor<2x8xf32>, tensor<f32>) -> tensor<2x8xf32>
  %w = "graph.cast"(%b) <{to = ui16}> : (tensor<8xui8>) -> tensor<8xui16>
  %r = "graph.bit_shift"(%c, %c) <{direction = "RIGHT"}> : (tensor<8xui64>, tensor<8xui64>) -> tensor<8xui64>
  %m = "graph.reduce_max"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x8xui8>) -> tensor<2xui8>
  return %q, %d, %l, %dq, %w, %r, %m : tensor<2x8xui8>, tensor<2x8xui8>, tensor<2x8xi1>, tensor<2x8xf32>, tensor<8xui16>, tensor<8xui64>, tensor<2xui8>
}
"#;

fn inputs() -> Vec<Tensor> {
    let x: Vec<f32> = (0..16).map(|i| i as f32 * 9.75 - 70.0).collect();
    let a: Vec<u8> = (0..16).map(|i| (i * 37 + 200) as u8).collect();
    let b: Vec<u8> = vec![1, 2, 3, 255, 128, 7, 200, 9];
    let c: Vec<u64> = vec![0, 1, 63, 64, u64::MAX, 1 << 63, 5, 70];
    vec![
        Tensor::from_vec(vec![2, 8], x).expect("x"),
        Tensor::from_vec(vec![2, 8], a).expect("a"),
        Tensor::from_vec(vec![8], b).expect("b"),
        Tensor::from_vec(vec![8], c).expect("c"),
    ]
}

#[test]
fn unsigned_tensors_cross_the_runtime_boundary() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "unsigned.mlir", SRC, &Default::default())
        .expect("the source parses");
    let ins = inputs();
    let want = Interpreter::new(&ctx, &m)
        .run("q", &ins)
        .expect("interpreter");
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts).expect("compiles");
    let entry = &compiled.artifact.entries[0];
    let elems: Vec<&str> = entry.args.iter().map(|a| a.elem.as_str()).collect();
    assert_eq!(
        elems,
        ["f32", "ui8", "ui8", "ui64", "ui8", "ui8", "i1", "f32", "ui16", "ui64", "ui8"]
    );
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4).expect("loads");
    for got in [
        compiled.run(&ins).expect("runs"),
        four.run_entry(None, &ins).expect("runs on 4 threads"),
    ] {
        assert_eq!(got.len(), want.len());
        for (k, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(format!("{w:?}"), format!("{g:?}"), "result {k}");
        }
    }
    assert_eq!(want[0].dtype(), DType::U8);
    // The third element of x is -50.5: round(-50.5 / 0.5) + 128 = -101 + 128 = 27.
    assert_eq!(want[0].to_f64_vec()[2], 27.0);
    // A signed input where an unsigned one is expected is refused, not reinterpreted.
    let mut bad = inputs();
    bad[1] = bad[1].cast(DType::I8).expect("cast");
    assert!(compiled.run(&bad).is_err());
}
