//! The order-based ops on the integer types the signed lowering does not cover directly:
//! `top_k` of `ui64` (the ranks compare unsigned), `max_pool` of `ui8` (the signed lowering
//! between sign-bit flips) and of `i8` (padded with the signed minimum), and
//! `reduce_max`/`reduce_min` of `i1` (`or`/`and`, with their identities on an empty
//! reduction). Before and after `graph-to-tensor{full=true}` the interpreter gives the same
//! bits on random inputs with the extremes of each type mixed in, and the function compiled
//! for the host CPU and run by the runtime gives them too.

use proptest::prelude::*;
use strata_interp::{encode_le, DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const SRC: &str = r#"
func.func @f(%a: tensor<2x7xui64>, %p: tensor<1x2x5x5xui8>, %s: tensor<1x1x4x4xi8>, %z: tensor<2x3x4xi1>, %e: tensor<0x3xi1>) -> (tensor<2x3xui64>, tensor<2x3xi64>, tensor<2x4xui64>, tensor<2x4xi64>, tensor<1x2x3x3xui8>, tensor<1x2x5x5xui8>, tensor<1x1x5x5xi8>, tensor<2x4xi1>, tensor<1x3x1xi1>, tensor<i1>, tensor<3xi1>, tensor<3xi1>) {
  %t:2 = "graph.top_k"(%a) <{axis = 1 : i64, k = 3 : i64}> : (tensor<2x7xui64>) -> (tensor<2x3xui64>, tensor<2x3xi64>)
  %u:2 = "graph.top_k"(%a) <{axis = -1 : i64, k = 4 : i64, largest = 0 : i64}> : (tensor<2x7xui64>) -> (tensor<2x4xui64>, tensor<2x4xi64>)
  %m0 = "graph.max_pool"(%p) <{kernel_shape = array<i64: 3, 3>, pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x2x5x5xui8>) -> tensor<1x2x3x3xui8>
  %m1:2 = "graph.max_pool"(%p) <{kernel_shape = array<i64: 5, 5>, pads = array<i64: 2, 2, 2, 2>}> : (tensor<1x2x5x5xui8>) -> (tensor<1x2x5x5xui8>, tensor<1x2x5x5xi64>)
  %m2 = "graph.max_pool"(%s) <{kernel_shape = array<i64: 2, 2>, pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x1x4x4xi8>) -> tensor<1x1x5x5xi8>
  %r0 = "graph.reduce_max"(%z) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3x4xi1>) -> tensor<2x4xi1>
  %r1 = "graph.reduce_min"(%z) <{axes = array<i64: 0, 2>}> : (tensor<2x3x4xi1>) -> tensor<1x3x1xi1>
  %r2 = "graph.reduce_max"(%z) <{keepdims = 0 : i64}> : (tensor<2x3x4xi1>) -> tensor<i1>
  %r3 = "graph.reduce_min"(%e) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<0x3xi1>) -> tensor<3xi1>
  %r4 = "graph.reduce_max"(%e) <{axes = array<i64: 0>, keepdims = 0 : i64}> : (tensor<0x3xi1>) -> tensor<3xi1>
  return %t#0, %t#1, %u#0, %u#1, %m0, %m1#0, %m2, %r0, %r1, %r2, %r3, %r4 : tensor<2x3xui64>, tensor<2x3xi64>, tensor<2x4xui64>, tensor<2x4xi64>, tensor<1x2x3x3xui8>, tensor<1x2x5x5xui8>, tensor<1x1x5x5xi8>, tensor<2x4xi1>, tensor<1x3x1xi1>, tensor<i1>, tensor<3xi1>, tensor<3xi1>
}
"#;

fn converted(ctx: &strata_ir::Context) -> (strata_ir::Module, strata_ir::Module) {
    let parse = || {
        strata_ir::text::parse(ctx, "ordered_ints.mlir", SRC, &Default::default())
            .unwrap_or_else(|d| panic!("{:?}", d.iter().map(|d| &d.message).collect::<Vec<_>>()))
    };
    let before = parse();
    let mut after = parse();
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(ctx, &mut after);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let text = strata_ir::text::print_module(ctx, &after, &Default::default());
    for gone in ["\"graph.", "unrealized_conversion_cast", "xui8>", "xui64>"] {
        assert!(!text.contains(gone), "{gone} left:\n{text}");
    }
    for want in ["arith.cmpi ugt", "arith.xori", "arith.ori", "arith.andi"] {
        assert!(text.contains(want), "no {want}:\n{text}");
    }
    (before, after)
}

/// Values of a `bits`-wide type from `raw`, with the extremes and repeats mixed in.
fn pick(raw: &[u64], bits: u32) -> Vec<u64> {
    let mask = if bits == 64 {
        u64::MAX
    } else {
        (1 << bits) - 1
    };
    raw.iter()
        .map(|&r| match r % 8 {
            0 => 0,
            1 => mask,
            2 => mask >> 1,
            3 => (mask >> 1) + 1,
            4 => r % 3,
            _ => (r >> 3) & mask,
        })
        .collect()
}

fn inputs(raw: &[u64]) -> Vec<Tensor> {
    let a = Tensor::from_vec(vec![2, 7], pick(&raw[0..14], 64)).expect("a");
    let p: Vec<u8> = pick(&raw[14..64], 8).into_iter().map(|x| x as u8).collect();
    let s: Vec<i8> = pick(&raw[64..80], 8)
        .into_iter()
        .map(|x| x as u8 as i8)
        .collect();
    let z: Vec<bool> = raw[80..104].iter().map(|&r| r % 3 != 0).collect();
    vec![
        a,
        Tensor::from_vec(vec![1, 2, 5, 5], p).expect("p"),
        Tensor::from_vec(vec![1, 1, 4, 4], s).expect("s"),
        Tensor::from_vec(vec![2, 3, 4], z).expect("z"),
        Tensor::from_vec(vec![0, 3], Vec::<bool>::new()).expect("e"),
    ]
}

/// The signless dtype with the bits of `d`.
fn signless(d: DType) -> DType {
    match d {
        DType::U8 => DType::I8,
        DType::U64 => DType::I64,
        d => d,
    }
}

fn bits(t: &Tensor) -> Tensor {
    t.cast(signless(t.dtype()))
        .expect("same-width integer cast")
}

fn assert_same(want: &[Tensor], got: &[Tensor], raw: &[u64]) {
    assert_eq!(want.len(), got.len());
    for (k, (w, g)) in want.iter().zip(got).enumerate() {
        assert_eq!(w.dtype(), g.dtype(), "result {k}");
        assert_eq!(w.shape(), g.shape(), "result {k}");
        assert_eq!(
            encode_le(w.data()),
            encode_le(g.data()),
            "result {k} on {raw:?}"
        );
    }
}

fn check(
    ctx: &strata_ir::Context,
    before: &strata_ir::Module,
    after: &strata_ir::Module,
    raw: &[u64],
) {
    let ins = inputs(raw);
    let want = Interpreter::new(ctx, before)
        .run("f", &ins)
        .expect("interp before");
    let signless_ins: Vec<Tensor> = ins.iter().map(bits).collect();
    let got = Interpreter::new(ctx, after)
        .run("f", &signless_ins)
        .expect("interp after");
    let want_bits: Vec<Tensor> = want.iter().map(bits).collect();
    assert_same(&want_bits, &got, raw);
}

#[test]
fn extremes_are_exact_and_compiled() {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    let opts = strata::Options {
        threads: 1,
        ..strata::Options::default()
    };
    let compiled =
        strata::compile((&ctx, &before), &strata::Target::host(), &opts).expect("compile");
    for k in 0..8u64 {
        let raw: Vec<u64> = (0..104).map(|i| k + 8 * i + (i * i) % 5).collect();
        check(&ctx, &before, &after, &raw);
        let ins = inputs(&raw);
        let want = Interpreter::new(&ctx, &before)
            .run("f", &ins)
            .expect("interp");
        let native = compiled.run(&ins).expect("run natively");
        assert_same(&want, &native, &raw);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_inputs_are_exact(raw in proptest::collection::vec(any::<u64>(), 104)) {
        let ctx = strata::default_context();
        let (before, after) = converted(&ctx);
        check(&ctx, &before, &after, &raw);
    }
}
