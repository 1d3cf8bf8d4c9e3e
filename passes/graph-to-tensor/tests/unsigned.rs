//! Unsigned integer tensors through `graph-to-tensor{full=true}`: the converted function is
//! signless with `strata.elem_type` on its arguments and results, and on random inputs
//! (with the extremes of each type) it gives the bits the graph function gives, for the
//! arithmetic, comparisons, min/max, division and remainder, shifts (unsigned and signed),
//! casts from and to the unsigned types, reductions, argmax and an `i32` matmul.

use proptest::prelude::*;
use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const SRC: &str = r#"
func.func @f(%a: tensor<2x4xui8>, %b: tensor<4xui8>, %c: tensor<4xui64>, %d: tensor<4xui64>, %x: tensor<4xf32>, %s: tensor<4xi8>, %t: tensor<4xi8>, %m: tensor<2x3xi32>, %n: tensor<3x2xi32>) -> (tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<4xui64>, tensor<4xui64>, tensor<4xui64>, tensor<4xi1>, tensor<4xui64>, tensor<4xui64>, tensor<4xui16>, tensor<4xui8>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xui32>, tensor<4xi8>, tensor<4xi1>, tensor<2xui8>, tensor<1x4xui8>, tensor<2xi64>, tensor<2xui8>, tensor<4xi8>, tensor<4xi8>, tensor<2x2xi32>, tensor<4xui8>, tensor<4xui8>) {
  %0 = "graph.add"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %1 = "graph.sub"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %2 = "graph.mul"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %3 = "graph.div"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %4 = "graph.mod"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %5 = "graph.max"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %6 = "graph.less"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xi1>
  %7 = "graph.less_equal"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xi1>
  %8 = "graph.greater"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xi1>
  %9 = "graph.greater_equal"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xi1>
  %10 = "graph.equal"(%a, %b) : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xi1>
  %11 = "graph.bit_shift"(%a, %b) <{direction = "RIGHT"}> : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %12 = "graph.bit_shift"(%a, %b) <{direction = "LEFT"}> : (tensor<2x4xui8>, tensor<4xui8>) -> tensor<2x4xui8>
  %13 = "graph.min"(%c, %d) : (tensor<4xui64>, tensor<4xui64>) -> tensor<4xui64>
  %14 = "graph.div"(%c, %d) : (tensor<4xui64>, tensor<4xui64>) -> tensor<4xui64>
  %15 = "graph.mod"(%c, %d) <{fmod = 1 : i64}> : (tensor<4xui64>, tensor<4xui64>) -> tensor<4xui64>
  %16 = "graph.less"(%c, %d) : (tensor<4xui64>, tensor<4xui64>) -> tensor<4xi1>
  %17 = "graph.bit_shift"(%c, %d) <{direction = "RIGHT"}> : (tensor<4xui64>, tensor<4xui64>) -> tensor<4xui64>
  %18 = "graph.cast"(%x) <{to = ui64}> : (tensor<4xf32>) -> tensor<4xui64>
  %19 = "graph.cast"(%x) <{to = ui16}> : (tensor<4xf32>) -> tensor<4xui16>
  %20 = "graph.cast"(%s) <{to = ui8}> : (tensor<4xi8>) -> tensor<4xui8>
  %21 = "graph.cast"(%c) <{to = f32}> : (tensor<4xui64>) -> tensor<4xf32>
  %22 = "graph.cast"(%b) <{to = f32}> : (tensor<4xui8>) -> tensor<4xf32>
  %23 = "graph.cast"(%b) <{to = i64}> : (tensor<4xui8>) -> tensor<4xi64>
  %24 = "graph.cast"(%s) <{to = ui32}> : (tensor<4xi8>) -> tensor<4xui32>
  %25 = "graph.cast"(%c) <{to = i8}> : (tensor<4xui64>) -> tensor<4xi8>
  %26 = "graph.cast"(%b) <{to = i1}> : (tensor<4xui8>) -> tensor<4xi1>
  %27 = "graph.reduce_max"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x4xui8>) -> tensor<2xui8>
  %28 = "graph.reduce_min"(%a) <{axes = array<i64: 0>}> : (tensor<2x4xui8>) -> tensor<1x4xui8>
  %29 = "graph.argmax"(%a) <{axis = 1 : i64, keepdims = 0 : i64}> : (tensor<2x4xui8>) -> tensor<2xi64>
  %30 = "graph.reduce_sum"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x4xui8>) -> tensor<2xui8>
  %31 = "graph.bit_shift"(%s, %t) <{direction = "RIGHT"}> : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %32 = "graph.bit_shift"(%s, %t) <{direction = "LEFT"}> : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %33 = "graph.matmul"(%m, %n) : (tensor<2x3xi32>, tensor<3x2xi32>) -> tensor<2x2xi32>
  %34 = "graph.constant"() <{value = dense<[0, 1, 128, 255]> : tensor<4xui8>}> : () -> tensor<4xui8>
  %35 = "graph.add"(%34, %b) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17, %18, %19, %20, %21, %22, %23, %24, %25, %26, %27, %28, %29, %30, %31, %32, %33, %b, %35 : tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xi1>, tensor<2x4xui8>, tensor<2x4xui8>, tensor<4xui64>, tensor<4xui64>, tensor<4xui64>, tensor<4xi1>, tensor<4xui64>, tensor<4xui64>, tensor<4xui16>, tensor<4xui8>, tensor<4xf32>, tensor<4xf32>, tensor<4xi64>, tensor<4xui32>, tensor<4xi8>, tensor<4xi1>, tensor<2xui8>, tensor<1x4xui8>, tensor<2xi64>, tensor<2xui8>, tensor<4xi8>, tensor<4xi8>, tensor<2x2xi32>, tensor<4xui8>, tensor<4xui8>
}
"#;

fn converted(ctx: &strata_ir::Context) -> (strata_ir::Module, strata_ir::Module) {
    let parse = || {
        strata_ir::text::parse(ctx, "unsigned.mlir", SRC, &Default::default())
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
    assert!(!text.contains("\"graph."), "graph ops left:\n{text}");
    assert!(
        !text.contains("unrealized_conversion_cast"),
        "casts left:\n{text}"
    );
    (before, after)
}

/// The signless dtype with the bits of `d`.
fn signless(d: DType) -> DType {
    match d {
        DType::U8 => DType::I8,
        DType::U16 => DType::I16,
        DType::U32 => DType::I32,
        DType::U64 => DType::I64,
        d => d,
    }
}

/// `t` with the same bits in the signless dtype (integer casts wrap).
fn bits(t: &Tensor) -> Tensor {
    t.cast(signless(t.dtype()))
        .expect("same-width integer cast")
}

/// Values of a `bits`-wide type from `raw`, with the extremes mixed in.
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
            4 => r % u64::from(bits + 2),
            _ => (r >> 3) & mask,
        })
        .collect()
}

fn inputs(raw: &[u64]) -> Vec<Tensor> {
    let u8s = |v: Vec<u64>| v.into_iter().map(|x| x as u8).collect::<Vec<_>>();
    let a = Tensor::from_vec(vec![2, 4], u8s(pick(&raw[0..8], 8))).expect("a");
    // Divisors: never zero (a zero divisor is an error in both forms).
    let b = Tensor::from_vec(
        vec![4],
        u8s(pick(&raw[8..12], 8))
            .into_iter()
            .map(|x| x.max(1))
            .collect(),
    )
    .expect("b");
    let c = Tensor::from_vec(vec![4], pick(&raw[12..16], 64)).expect("c");
    let d = Tensor::from_vec(
        vec![4],
        pick(&raw[16..20], 64)
            .into_iter()
            .map(|x| x.max(1))
            .collect(),
    )
    .expect("d");
    let fl = [f32::NAN, -1.5, 300.7, 7.0e19, 65535.9, 1.0e30, -0.0, 0.5];
    let x = Tensor::from_vec(
        vec![4],
        raw[20..24]
            .iter()
            .map(|&r| {
                if r % 2 == 0 {
                    fl[(r / 2 % 8) as usize]
                } else {
                    (r >> 40) as f32 / 3.0
                }
            })
            .collect::<Vec<f32>>(),
    )
    .expect("x");
    let i8s = |v: Vec<u64>| v.into_iter().map(|x| x as u8 as i8).collect::<Vec<_>>();
    let s = Tensor::from_vec(vec![4], i8s(pick(&raw[24..28], 8))).expect("s");
    let t = Tensor::from_vec(vec![4], i8s(pick(&raw[28..32], 8))).expect("t");
    let i32s = |v: Vec<u64>| v.into_iter().map(|x| x as u32 as i32).collect::<Vec<_>>();
    let m = Tensor::from_vec(vec![2, 3], i32s(pick(&raw[32..38], 32))).expect("m");
    let n = Tensor::from_vec(vec![3, 2], i32s(pick(&raw[38..44], 32))).expect("n");
    vec![a, b, c, d, x, s, t, m, n]
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
    assert_eq!(want.len(), got.len());
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(signless(w.dtype()), g.dtype(), "result {i}");
        // NaN-aware: compare the printed bits.
        assert_eq!(
            format!("{:?}", bits(w)),
            format!("{g:?}"),
            "result {i} on {raw:?}"
        );
    }
}

#[test]
fn signature_is_signless_with_elem_type() {
    let ctx = strata::default_context();
    let (_, after) = converted(&ctx);
    let text = strata_ir::text::print_module(&ctx, &after, &Default::default());
    assert!(
        text.contains("%arg0: tensor<2x4xi8> {strata.elem_type = ui8}"),
        "{text}"
    );
    assert!(
        text.contains("-> (tensor<2x4xi8> {strata.elem_type = ui8}"),
        "{text}"
    );
    for w in [8, 16, 32, 64] {
        assert!(
            !text.contains(&format!("xui{w}>")),
            "unsigned tensors left:\n{text}"
        );
    }
    for op in [
        "arith.divui",
        "arith.remui",
        "arith.maxui",
        "arith.minui",
        "arith.shrui",
        "arith.shrsi",
        "arith.fptoui",
        "arith.uitofp",
        "arith.extui",
    ] {
        assert!(text.contains(op), "no {op}:\n{text}");
    }
}

#[test]
fn extremes_are_exact() {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    for k in 0..8u64 {
        let raw: Vec<u64> = (0..44).map(|i| k + 8 * i).collect();
        check(&ctx, &before, &after, &raw);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_inputs_are_exact(raw in proptest::collection::vec(any::<u64>(), 44)) {
        let ctx = strata::default_context();
        let (before, after) = converted(&ctx);
        check(&ctx, &before, &after, &raw);
    }
}
