//! `pow` with integer operands (every mix of float and signed/unsigned integer base and
//! exponent) and `bitcast` from and to unsigned types give, after
//! `graph-to-tensor{full=true}`, the bits the graph function gives on random inputs; a
//! negative integer exponent is an error in both forms.

use proptest::prelude::*;
use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

const SRC: &str = r#"
func.func @f(%x: tensor<4xf32>, %i: tensor<4xi32>, %l: tensor<4xi64>, %u: tensor<4xui32>, %w: tensor<4xui64>, %e: tensor<4xi32>, %f: tensor<4xf32>, %b: tensor<4xi1>, %s: tensor<4xi8>) -> (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi32>, tensor<4xi64>, tensor<4xui32>, tensor<4xui32>, tensor<4xui8>, tensor<4xi32>, tensor<4xui8>, tensor<4xf32>) {
  %0 = "graph.pow"(%x, %e) : (tensor<4xf32>, tensor<4xi32>) -> tensor<4xf32>
  %1 = "graph.pow"(%x, %u) : (tensor<4xf32>, tensor<4xui32>) -> tensor<4xf32>
  %2 = "graph.pow"(%x, %w) : (tensor<4xf32>, tensor<4xui64>) -> tensor<4xf32>
  %3 = "graph.pow"(%i, %f) : (tensor<4xi32>, tensor<4xf32>) -> tensor<4xi32>
  %4 = "graph.pow"(%l, %f) : (tensor<4xi64>, tensor<4xf32>) -> tensor<4xi64>
  %5 = "graph.pow"(%i, %e) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %6 = "graph.pow"(%l, %e) : (tensor<4xi64>, tensor<4xi32>) -> tensor<4xi64>
  %7 = "graph.pow"(%u, %u) : (tensor<4xui32>, tensor<4xui32>) -> tensor<4xui32>
  %8 = "graph.pow"(%u, %f) : (tensor<4xui32>, tensor<4xf32>) -> tensor<4xui32>
  %9 = "graph.bitcast"(%s) <{to = ui8}> : (tensor<4xi8>) -> tensor<4xui8>
  %10 = "graph.bitcast"(%u) <{to = i32}> : (tensor<4xui32>) -> tensor<4xi32>
  %11 = "graph.bitcast"(%b) <{to = ui8}> : (tensor<4xi1>) -> tensor<4xui8>
  %12 = "graph.bitcast"(%u) <{to = f32}> : (tensor<4xui32>) -> tensor<4xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12 : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xi32>, tensor<4xi64>, tensor<4xi32>, tensor<4xi64>, tensor<4xui32>, tensor<4xui32>, tensor<4xui8>, tensor<4xi32>, tensor<4xui8>, tensor<4xf32>
}
"#;

fn converted(ctx: &strata_ir::Context) -> (strata_ir::Module, strata_ir::Module) {
    let parse = || {
        strata_ir::text::parse(ctx, "pow.mlir", SRC, &Default::default())
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

/// `t` with the same bits in the signless dtype.
fn bits(t: &Tensor) -> Tensor {
    let to = match t.dtype() {
        DType::U8 => DType::I8,
        DType::U16 => DType::I16,
        DType::U32 => DType::I32,
        DType::U64 => DType::I64,
        d => d,
    };
    t.cast(to).expect("same-width integer cast")
}

fn inputs(raw: &[u64], exps: [i32; 4]) -> Vec<Tensor> {
    let fl = [0.5f32, -2.0, 1.5, 3.0, -0.0, f32::NAN, 10.0, -1.25];
    let f = |k: usize| -> Vec<f32> {
        raw[k..k + 4]
            .iter()
            .map(|&r| fl[(r % 8) as usize])
            .collect()
    };
    let small =
        |k: usize| -> Vec<i64> { raw[k..k + 4].iter().map(|&r| (r % 7) as i64 - 3).collect() };
    let ex: Vec<f32> = raw[4..8]
        .iter()
        .map(|&r| [0.0f32, 1.0, 2.0, 0.5, 3.0, -1.0, 31.0, 64.0][(r % 8) as usize])
        .collect();
    vec![
        Tensor::from_vec(vec![4], f(0)).expect("x"),
        Tensor::from_vec(
            vec![4],
            small(8).into_iter().map(|v| v as i32).collect::<Vec<_>>(),
        )
        .expect("i"),
        Tensor::from_vec(
            vec![4],
            raw[12..16]
                .iter()
                .map(|&r| r as i64 >> (r % 60))
                .collect::<Vec<_>>(),
        )
        .expect("l"),
        Tensor::from_vec(
            vec![4],
            raw[16..20]
                .iter()
                .map(|&r| [0u32, 1, 2, 3, 40, 0xFFFF_FFFF, 0x8000_0001, 7][(r % 8) as usize])
                .collect::<Vec<_>>(),
        )
        .expect("u"),
        Tensor::from_vec(
            vec![4],
            raw[20..24].iter().map(|&r| r % 70).collect::<Vec<u64>>(),
        )
        .expect("w"),
        Tensor::from_vec(vec![4], exps.to_vec()).expect("e"),
        Tensor::from_vec(vec![4], ex).expect("f"),
        Tensor::from_vec(
            vec![4],
            raw[24..28].iter().map(|&r| r % 2 == 0).collect::<Vec<_>>(),
        )
        .expect("b"),
        Tensor::from_vec(
            vec![4],
            raw[28..32].iter().map(|&r| r as i8).collect::<Vec<_>>(),
        )
        .expect("s"),
    ]
}

fn check(raw: &[u64], exps: [i32; 4]) {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    let ins = inputs(raw, exps);
    let want = Interpreter::new(&ctx, &before)
        .run("f", &ins)
        .expect("interp before");
    let sins: Vec<Tensor> = ins.iter().map(bits).collect();
    let got = Interpreter::new(&ctx, &after)
        .run("f", &sins)
        .expect("interp after");
    assert_eq!(want.len(), got.len());
    for (i, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(
            format!("{:?}", bits(w)),
            format!("{g:?}"),
            "result {i} on {raw:?}"
        );
    }
}

#[test]
fn negative_integer_exponent_fails_in_both_forms() {
    let ctx = strata::default_context();
    let (before, after) = converted(&ctx);
    let raw: Vec<u64> = (0..32).collect();
    let ins = inputs(&raw, [1, -2, 0, 3]);
    assert!(Interpreter::new(&ctx, &before).run("f", &ins).is_err());
    let sins: Vec<Tensor> = ins.iter().map(bits).collect();
    assert!(Interpreter::new(&ctx, &after).run("f", &sins).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn random_inputs_are_exact(
        raw in proptest::collection::vec(any::<u64>(), 32),
        exps in proptest::array::uniform4(0i32..70),
    ) {
        check(&raw, exps);
    }
}
