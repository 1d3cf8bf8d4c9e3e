//! The cpu target's micro-kernels (`hw.intrinsic` calls of `strata.batch_matmul_acc` and
//! `strata.conv2d_nchw_acc`) compiled and run natively against the interpreter's semantics
//! of the intrinsics: plain, transposed and batched (broadcast) matrix products with edge
//! tiles and more than one reduction block, strided and dilated convolutions with more
//! than one filter block and column block (filters packed once per call and shared by the
//! column blocks, with edge tiles and more than one reduction block); byte-identical for 1
//! and 4 threads, and across repeated runs of one loaded program (freed buffers reused).
//!
//! Inputs are multiples of 1/8 in [-2, 2), so every product and partial sum is exact in
//! f32 and fused multiply-adds round to the same bits: the comparison is exact.

mod common;
use common::*;
use strata_interp::{DType, Tensor};

fn ty(shape: &[usize]) -> String {
    let dims: Vec<String> = shape.iter().map(|d| d.to_string()).collect();
    format!("memref<{}xf32>", dims.join("x"))
}

/// A function `@name(a, b, init, out)`: `out = init`, then the intrinsic on (a, b, out).
fn func(name: &str, a: &[usize], b: &[usize], c: &[usize], intrinsic: &str) -> String {
    let (ta, tb, tc) = (ty(a), ty(b), ty(c));
    format!(
        r#"func.func @{name}(%a: {ta}, %b: {tb}, %init: {tc}, %out: {tc}) attributes {{strata.num_outputs = 1 : i64}} {{
  "loop.copy"(%init, %out) : ({tc}, {tc}) -> ()
  "hw.intrinsic"(%a, %b, %out) <{{{intrinsic}}}> : ({ta}, {tb}, {tc}) -> ()
  return
}}
"#
    )
}

fn tensor(shape: &[usize], seed: u64) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = values(n, seed, 2.0)
        .into_iter()
        .map(|x| (x * 8.0).floor() / 8.0)
        .collect();
    Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("shape and values agree")
}

struct Case {
    name: &'static str,
    a: Vec<usize>,
    b: Vec<usize>,
    c: Vec<usize>,
    props: &'static str,
}

fn cases() -> Vec<Case> {
    let mm = r#"name = "strata.batch_matmul_acc""#;
    vec![
        Case {
            name: "mm",
            a: vec![7, 300],
            b: vec![300, 19],
            c: vec![7, 19],
            props: mm,
        },
        Case {
            name: "mm_big",
            a: vec![75, 8],
            b: vec![8, 140],
            c: vec![75, 140],
            props: mm,
        },
        Case {
            name: "mm_t",
            a: vec![20, 13],
            b: vec![17, 20],
            c: vec![13, 17],
            props: r#"name = "strata.batch_matmul_acc", transpose_a, transpose_b"#,
        },
        Case {
            name: "bmm",
            a: vec![2, 3, 7, 9],
            b: vec![3, 9, 18],
            c: vec![2, 3, 7, 18],
            props: mm,
        },
        Case {
            name: "bmm_bcast",
            a: vec![1, 3, 7, 9],
            b: vec![2, 1, 9, 5],
            c: vec![2, 3, 7, 5],
            props: mm,
        },
        Case {
            name: "conv_s2",
            a: vec![2, 3, 7, 9],
            b: vec![74, 3, 3, 3],
            c: vec![2, 74, 3, 4],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 2, 2>, dilations = array<i64: 1, 1>"#,
        },
        Case {
            name: "conv_d2",
            a: vec![1, 4, 12, 12],
            b: vec![5, 4, 3, 2],
            c: vec![1, 5, 8, 10],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 2, 2>"#,
        },
        Case {
            name: "mm_kc_nc",
            a: vec![13, 300],
            b: vec![300, 150],
            c: vec![13, 150],
            props: mm,
        },
        Case {
            // Stride 1, rows wider than a panel (its rows are single vector copies), and a
            // reduction longer than one KC block.
            name: "conv_rows",
            a: vec![1, 30, 6, 21],
            b: vec![7, 30, 3, 3],
            c: vec![1, 7, 4, 19],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>"#,
        },
        Case {
            // Three column blocks of one image: the filters are packed once for all units
            // (`strata_uk_conv_pack`), 13 filters = two full MR-row tiles and an edge tile.
            name: "conv_prepacked",
            a: vec![1, 5, 20, 20],
            b: vec![13, 5, 3, 3],
            c: vec![1, 13, 18, 18],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>"#,
        },
        Case {
            // Prepacked filters (two images) with a reduction of 270 > KC = 256: the second
            // k-block starts inside a packed tile; 20 filters end in a 2-row edge tile.
            name: "conv_prepacked_kc",
            a: vec![2, 30, 12, 12],
            b: vec![20, 30, 3, 3],
            c: vec![2, 20, 10, 10],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>"#,
        },
        Case {
            name: "conv_1x1",
            a: vec![1, 16, 14, 14],
            b: vec![8, 16, 1, 1],
            c: vec![1, 8, 14, 14],
            props: r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>"#,
        },
    ]
}

#[test]
fn ukernels_match_the_interpreter_exactly() {
    let cases = cases();
    let src: String = cases
        .iter()
        .map(|c| func(c.name, &c.a, &c.b, &c.c, c.props))
        .collect();
    let art = compile(&src, 0.0);
    assert!(
        std::fs::read_to_string(&art.source_path).is_ok_and(|s| s.contains("strata_uk_gemm")),
        "the micro-kernels are in the generated C"
    );
    for (i, c) in cases.iter().enumerate() {
        let s = 10 * i as u64;
        let inputs = [
            tensor(&c.a, s + 1),
            tensor(&c.b, s + 2),
            tensor(&c.c, s + 3),
        ];
        let want =
            interp(&src, &art, c.name, &inputs).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let one = native(&art, c.name, &inputs, 1).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        let four = native(&art, c.name, &inputs, 4).unwrap_or_else(|e| panic!("{}: {e}", c.name));
        assert_eq!(
            bits(&want[0]),
            bits(&one[0]),
            "{}: interpreter vs 1 thread",
            c.name
        );
        assert_eq!(bits(&one[0]), bits(&four[0]), "{}: 1 vs 4 threads", c.name);
        // The init is accumulated into, not overwritten.
        assert_ne!(
            bits(&inputs[2]),
            bits(&one[0]),
            "{}: output changed",
            c.name
        );
    }
}

#[test]
fn repeated_runs_of_one_program_match_the_interpreter() {
    // The prelude keeps freed buffers (here the packed filters) for the next allocation of
    // the same size: later runs of the same loaded program reuse them and must still
    // compute exactly what the interpreter does, whatever the previous run left there.
    let c = cases()
        .into_iter()
        .find(|c| c.name == "conv_prepacked_kc")
        .expect("the case exists");
    let src = func(c.name, &c.a, &c.b, &c.c, c.props);
    let art = compile(&src, 0.0);
    let programs: Vec<_> = [1, 3]
        .into_iter()
        .map(|t| {
            (
                t,
                strata_runtime::Program::load(art.clone(), t).expect("loads"),
            )
        })
        .collect();
    for seed in [100u64, 200, 300] {
        let inputs = [
            tensor(&c.a, seed + 1),
            tensor(&c.b, seed + 2),
            tensor(&c.c, seed + 3),
        ];
        let want = interp(&src, &art, c.name, &inputs).expect("interprets");
        for (threads, p) in &programs {
            let got = p.run_entry(Some(c.name), &inputs).expect("runs");
            assert_eq!(
                bits(&want[0]),
                bits(&got[0]),
                "seed {seed}, {threads} threads"
            );
        }
    }
}

#[test]
fn bad_intrinsic_calls_are_diagnostics() {
    let ctx = strata::default_context();
    for (src, msg) in [
        (
            func(
                "f",
                &[2, 3],
                &[4, 5],
                &[2, 5],
                r#"name = "strata.batch_matmul_acc""#,
            ),
            "shapes do not agree",
        ),
        (
            func("g", &[2, 3], &[3, 5], &[2, 5], r#"name = "vendor.unknown""#),
            "does not have",
        ),
        (
            func(
                "h",
                &[1, 1, 3, 3],
                &[1, 1, 5, 5],
                &[1, 1, 1, 1],
                r#"name = "strata.conv2d_nchw_acc", strides = array<i64: 1, 1>, dilations = array<i64: 1, 1>"#,
            ),
            "windows leave the input",
        ),
    ] {
        let m = parse_module(&ctx, &src);
        let err = strata_target_cpu::CpuTarget::host()
            .emit_c(&ctx, &m)
            .expect_err("must be refused");
        let text = format!("{err}");
        assert!(text.contains(msg) && text.contains("cpu codegen"), "{text}");
    }
}
