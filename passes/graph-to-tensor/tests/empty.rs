//! Zero-size tensors: every reduction kind over an empty set (f32, i32 and, for max/min,
//! i1; with and without `keepdims`, over the zero-size axis alone or all axes, after a
//! zero-size element-wise op or a zero-size slice) gives the interpreter's results
//! bit for bit after `graph-to-tensor{full=true}`, and a zero-size result (here returned
//! from the function) converts to a `tensor.empty`; splits with empty parts and concats
//! with empty operands keep the interpreter's results.

use strata_interp::{DType, Interpreter, Tensor};
use strata_pass::{parse_pipeline, PassManager};

fn ty(shape: &[usize], elem: &str) -> String {
    let mut s = String::from("tensor<");
    for d in shape {
        s += &format!("{d}x");
    }
    s + elem + ">"
}

/// Run `src` (function `@f`) on `inputs` before and after the conversion; compare.
fn same(src: &str, inputs: &[Tensor]) {
    let ctx = strata::default_context();
    let mut m = strata_ir::text::parse(&ctx, "empty.mlir", src, &Default::default())
        .unwrap_or_else(|d| {
            panic!(
                "{src}{:?}",
                d.iter().map(|d| &d.message).collect::<Vec<_>>()
            )
        });
    let before = Interpreter::new(&ctx, &m).run("f", inputs).expect("before");
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("pipeline"),
    );
    let report = pm.run(&ctx, &mut m);
    assert!(!report.failed, "{src}{:?}", report.diagnostics);
    let text = strata_ir::text::print_module(&ctx, &m, &Default::default());
    assert!(!text.contains("graph."), "{text}");
    let after = Interpreter::new(&ctx, &m).run("f", inputs).expect("after");
    assert_eq!(format!("{before:?}"), format!("{after:?}"), "{src}");
}

#[test]
fn reductions_over_empty_sets_give_the_identity() {
    let shape = [2usize, 0, 3];
    let mut cases = 0;
    for (elem, dt) in [
        ("f32", DType::F32),
        ("i32", DType::I32),
        ("i1", DType::Bool),
    ] {
        for op in ["sum", "prod", "max", "min", "mean"] {
            let bool_ = elem == "i1";
            if bool_ && !matches!(op, "max" | "min") || elem == "i32" && op == "mean" {
                continue;
            }
            for keep in [0usize, 1] {
                for all in [false, true] {
                    for pre in ["", "abs", "slice"] {
                        if pre == "abs" && bool_ {
                            continue;
                        }
                        let out: Vec<usize> = match (all, keep) {
                            (false, 1) => vec![2, 1, 3],
                            (false, _) => vec![2, 3],
                            (true, 1) => vec![1, 1, 1],
                            (true, _) => vec![],
                        };
                        let axes = if all { "" } else { "axes = array<i64: 1>, " };
                        let xt = ty(&shape, elem);
                        let (src_in, first) = match pre {
                            "abs" => (
                                ty(&shape, elem),
                                format!("  %p = \"graph.abs\"(%x) : ({xt}) -> {xt}\n"),
                            ),
                            "slice" => (
                                ty(&[2, 4, 3], elem),
                                format!(
                                    "  %p = \"graph.slice\"(%x) <{{starts = array<i64: 5>, ends = array<i64: 9>, axes = array<i64: 1>}}> : ({}) -> {xt}\n",
                                    ty(&[2, 4, 3], elem)
                                ),
                            ),
                            _ => (ty(&shape, elem), String::new()),
                        };
                        let arg = if pre.is_empty() { "%x" } else { "%p" };
                        let ot = ty(&out, elem);
                        let src = format!(
                            "func.func @f(%x: {src_in}) -> {ot} {{\n{first}  %0 = \"graph.reduce_{op}\"({arg}) <{{{axes}keepdims = {keep} : i64}}> : ({xt}) -> {ot}\n  return %0 : {ot}\n}}\n"
                        );
                        let input = if pre == "slice" {
                            Tensor::from_f64s(dt, vec![2, 4, 3], &[1.0; 24]).expect("x")
                        } else {
                            Tensor::from_f64s(dt, shape.to_vec(), &[]).expect("x")
                        };
                        same(&src, &[input]);
                        cases += 1;
                    }
                }
            }
        }
    }
    assert_eq!(cases, 2 * 2 * (3 * 5 + 3 * 4 + 2 * 2));
}

/// A function returning zero-size tensors (a split into empty parts, a reshape of an empty
/// tensor) converts and still runs.
#[test]
fn zero_size_results_become_empty_tensors() {
    let src = "func.func @f(%x: tensor<0x3xf32>) -> (tensor<0x1xf32>, tensor<0x2xf32>, tensor<3x0xf32>) {\n  %0:2 = \"graph.split\"(%x) <{axis = 1 : i64, split = array<i64: 1, 2>}> : (tensor<0x3xf32>) -> (tensor<0x1xf32>, tensor<0x2xf32>)\n  %1 = \"graph.reshape\"(%x) <{shape = array<i64: 3, 0>, allowzero = 1 : i64}> : (tensor<0x3xf32>) -> tensor<3x0xf32>\n  return %0#0, %0#1, %1 : tensor<0x1xf32>, tensor<0x2xf32>, tensor<3x0xf32>\n}\n";
    let x = Tensor::from_f64s(DType::F32, vec![0, 3], &[]).expect("x");
    same(src, &[x]);
}

/// A split with an empty part next to non-empty ones, and concats with empty operands (one
/// other operand, and two), as in the rotary-embedding and causal-conv expansions.
#[test]
fn empty_parts_of_splits_and_concats() {
    let src = "func.func @f(%x: tensor<2x5xf32>, %e: tensor<2x0xf32>) -> (tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x5xf32>) {\n  %0:3 = \"graph.split\"(%x) <{axis = 1 : i64, split = array<i64: 2, 0, 3>}> : (tensor<2x5xf32>) -> (tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x3xf32>)\n  %1 = \"graph.concat\"(%0#1, %0#2, %e) <{axis = 1 : i64}> : (tensor<2x0xf32>, tensor<2x3xf32>, tensor<2x0xf32>) -> tensor<2x3xf32>\n  %2 = \"graph.concat\"(%0#0, %e, %0#2) <{axis = -1 : i64}> : (tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>\n  return %0#0, %0#1, %0#2, %1, %2 : tensor<2x2xf32>, tensor<2x0xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x5xf32>\n}\n";
    let v: Vec<f64> = (0..10).map(f64::from).collect();
    let x = Tensor::from_f64s(DType::F32, vec![2, 5], &v).expect("x");
    let e = Tensor::from_f64s(DType::F32, vec![2, 0], &[]).expect("e");
    same(src, &[x, e]);
}
