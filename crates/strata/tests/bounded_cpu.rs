//! Bounded dynamic results compiled for the host CPU: `non_zero` of a 6x9 `f32` tensor
//! (zeros of both signs, NaN) and of an `i32` vector, returned next to an ordinary result;
//! `unique` of rows (sorted) and of elements (in order of first occurrence);
//! `non_max_suppression` of two batches of 20 overlapping boxes in three classes.
//! The compiled function writes each into its bound with its extents; the runtime returns
//! them trimmed, which must equal the interpreter's results on the graph IR, with one
//! thread and with four. The entry metadata names the extents out-parameters.

use strata_interp::{DType, Interpreter, Tensor};

const SRC: &str = "func.func @main(%x: tensor<6x9xf32>, %y: tensor<40xi32>) -> (tensor<2x?xi64>, tensor<6x9xf32>, tensor<1x?xi64>) {
  %0 = \"graph.non_zero\"(%x) : (tensor<6x9xf32>) -> tensor<2x?xi64>
  %1 = \"graph.abs\"(%x) : (tensor<6x9xf32>) -> tensor<6x9xf32>
  %2 = \"graph.non_zero\"(%y) : (tensor<40xi32>) -> tensor<1x?xi64>
  return %0, %1, %2 : tensor<2x?xi64>, tensor<6x9xf32>, tensor<1x?xi64>
}
";

#[test]
fn bounded_results_are_trimmed_to_the_interpreters() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "bounded.mlir", SRC, &Default::default())
        .expect("the case parses");
    let xv: Vec<f64> = (0..54)
        .map(|k| match k % 7 {
            0 | 3 => 0.0,
            1 => -0.0,
            5 => f64::NAN,
            j => j as f64 - 3.0,
        })
        .collect();
    let yv: Vec<i32> = (0..40).map(|k| if k % 3 == 0 { k } else { 0 }).collect();
    let inputs = [
        Tensor::from_f64s(DType::F32, vec![6, 9], &xv).expect("x"),
        Tensor::from_vec(vec![40], yv).expect("y"),
    ];
    let want = Interpreter::new(&ctx, &m)
        .run("main", &inputs)
        .expect("the interpreter runs the graph IR");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling: {e}"));
    let entry = compiled.artifact.entry(None).expect("one entry");
    let extents: Vec<Option<usize>> = entry.args.iter().map(|a| a.extents_of).collect();
    // Inputs x, y; outputs (bound 2x54, abs, bound 1x40); extents of args 2 and 4.
    assert_eq!(extents, [None, None, None, None, None, Some(2), Some(4)]);
    assert_eq!(entry.args[2].shape, [2, 54]);
    let one = compiled.program().expect("compiled to native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
        .expect("the artifact loads again");
    for p in [one, &four] {
        let got = p.run_entry(None, &inputs).expect("runs");
        assert_eq!(format!("{want:?}"), format!("{got:?}"));
    }
    // 24 of the 54 elements of x are zeros (k % 7 in {0, 1, 3}); y has 13 nonzeros (3, 6, .., 39).
    assert_eq!(want[0].shape(), [2, 30]);
    assert_eq!(want[2].shape(), [1, 13]);
}

const UNIQUE: &str = "func.func @main(%x: tensor<12x3xf32>) -> (tensor<?x3xf32>, tensor<?xi64>, tensor<12xi64>, tensor<?xi64>, tensor<?xf32>, tensor<36xi64>) {
  %0:4 = \"graph.unique\"(%x) <{axis = 0 : i64, sorted = 1 : i64}> : (tensor<12x3xf32>) -> (tensor<?x3xf32>, tensor<?xi64>, tensor<12xi64>, tensor<?xi64>)
  %1:3 = \"graph.unique\"(%x) <{sorted = 0 : i64}> : (tensor<12x3xf32>) -> (tensor<?xf32>, tensor<?xi64>, tensor<36xi64>)
  return %0#0, %0#1, %0#2, %0#3, %1#0, %1#2 : tensor<?x3xf32>, tensor<?xi64>, tensor<12xi64>, tensor<?xi64>, tensor<?xf32>, tensor<36xi64>
}
";

#[test]
fn unique_compiled_matches_the_interpreter() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "unique.mlir", UNIQUE, &Default::default())
        .expect("the case parses");
    // Rows from few values, so that rows repeat; NaN and both zeros among them.
    let xv: Vec<f64> = (0..36)
        .map(|k| match (k * 7 + k / 5) % 6 {
            0 => f64::NAN,
            1 => -0.0,
            2 => 0.0,
            j => j as f64 - 4.0,
        })
        .collect();
    let inputs = [Tensor::from_f64s(DType::F32, vec![12, 3], &xv).expect("x")];
    let want = Interpreter::new(&ctx, &m)
        .run("main", &inputs)
        .expect("the interpreter runs the graph IR");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling: {e}"));
    let one = compiled.program().expect("compiled to native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
        .expect("the artifact loads again");
    for p in [one, &four] {
        let got = p.run_entry(None, &inputs).expect("runs");
        assert_eq!(format!("{want:?}"), format!("{got:?}"));
    }
    // Some rows and elements repeat: the unique counts are below the bounds.
    assert!(want[0].shape()[0] < 12 && want[4].shape()[0] < 36);
}

const NMS: &str = "func.func @main(%b: tensor<2x20x4xf32>, %s: tensor<2x3x20xf32>) -> tensor<?x3xi64> {
  %0 = \"graph.non_max_suppression\"(%b, %s) <{iou_threshold = 4.000000e-01 : f32, max_output_boxes_per_class = 12 : i64, score_threshold = 2.000000e-01 : f32}> : (tensor<2x20x4xf32>, tensor<2x3x20xf32>) -> tensor<?x3xi64>
  return %0 : tensor<?x3xi64>
}
";

#[test]
fn nms_compiled_matches_the_interpreter() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "nms.mlir", NMS, &Default::default())
        .expect("the case parses");
    // Boxes on a small grid so that many overlap; scores with ties.
    let bv: Vec<f64> = (0..40)
        .flat_map(|k| {
            let (y, x) = ((k * 3 % 7) as f64 / 2.0, (k * 5 % 9) as f64 / 2.0);
            let (h, w) = (1.0 + (k % 3) as f64, 1.0 + (k % 4) as f64 / 2.0);
            [y, x, y + h, x + w]
        })
        .collect();
    let sv: Vec<f64> = (0..120).map(|k| ((k * 7 + 3) % 11) as f64 / 10.0).collect();
    let inputs = [
        Tensor::from_f64s(DType::F32, vec![2, 20, 4], &bv).expect("boxes"),
        Tensor::from_f64s(DType::F32, vec![2, 3, 20], &sv).expect("scores"),
    ];
    let want = Interpreter::new(&ctx, &m)
        .run("main", &inputs)
        .expect("the interpreter runs the graph IR");
    let opts = strata::Options {
        threads: 1,
        opt_level: 1,
        ..strata::Options::default()
    };
    let compiled = strata::compile((&ctx, &m), &strata::Target::host(), &opts)
        .unwrap_or_else(|e| panic!("compiling: {e}"));
    let one = compiled.program().expect("compiled to native code");
    let four = strata::runtime::Program::load(compiled.artifact.clone(), 4)
        .expect("the artifact loads again");
    for p in [one, &four] {
        let got = p.run_entry(None, &inputs).expect("runs");
        assert_eq!(format!("{want:?}"), format!("{got:?}"));
    }
    // Classes keep fewer than the limit: the count is below the bound of 72 rows.
    let n = want[0].shape()[0];
    assert!(n > 0 && n < 72, "{n} rows");
}
