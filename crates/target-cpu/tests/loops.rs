//! Loop-level programs compiled and run natively against the interpreter: outlined parallel
//! loops giving byte-identical results for 1 and 4 threads, serial parallel loops with
//! reductions, `loop.if`, loop-carried values, subviews with dynamic offsets, copies,
//! allocation; division by zero reported as an error like the interpreter's; no C compiler
//! and broken C reported clearly.

mod common;
use common::*;
use strata_interp::Tensor;
use strata_target::{CodegenError, CodegenOptions, Target};
use strata_target_cpu::CpuTarget;

const MATMUL: &str = r#"
func.func @mm(%a: memref<16x12xf32>, %b: memref<12x10xf32>, %c: memref<16x10xf32>) attributes {strata.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c16 = arith.constant 16 : index
  %c10 = arith.constant 10 : index
  %c12 = arith.constant 12 : index
  %zero = arith.constant 0.0 : f32
  "loop.parallel"(%c0, %c0, %c16, %c10, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %sum = "loop.for"(%c0, %c12, %c1, %zero) ({
    ^bb0(%p: index, %acc: f32):
      %x = "loop.load"(%a, %i, %p) : (memref<16x12xf32>, index, index) -> f32
      %y = "loop.load"(%b, %p, %j) : (memref<12x10xf32>, index, index) -> f32
      %xy = arith.mulf %x, %y : f32
      %s = arith.addf %acc, %xy : f32
      "loop.yield"(%s) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "loop.store"(%sum, %c, %i, %j) : (f32, memref<16x10xf32>, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return
}

func.func @reduce(%m: memref<6x5xi64>) -> (i64, i64) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c6 = arith.constant 6 : index
  %c5 = arith.constant 5 : index
  %zero = arith.constant 0 : i64
  %min = arith.constant -9223372036854775808 : i64
  %sum, %max = "loop.parallel"(%c0, %c1, %c6, %c5, %c1, %c2, %zero, %min) <{operandSegmentSizes = array<i32: 2, 2, 2, 2>}> ({
  ^bb0(%i: index, %j: index):
    %x = "loop.load"(%m, %i, %j) : (memref<6x5xi64>, index, index) -> i64
    "loop.yield"(%x, %x) : (i64, i64) -> ()
  }, {
  ^bb0(%a: i64, %b: i64):
    %s = arith.addi %a, %b : i64
    "loop.yield"(%s) : (i64) -> ()
  }, {
  ^bb0(%a: i64, %b: i64):
    %s = arith.maxsi %a, %b : i64
    "loop.yield"(%s) : (i64) -> ()
  }) : (index, index, index, index, index, index, i64, i64) -> (i64, i64)
  return %sum, %max : i64, i64
}

func.func @views(%m: memref<6x8xf32>, %off: index, %o: memref<2x3xf32>, %o2: memref<6x8xf32>) attributes {strata.num_outputs = 2 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c3 = arith.constant 3 : index
  %v = "loop.subview"(%m, %off) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 1>, static_sizes = array<i64: 2, 3>, static_strides = array<i64: 2, 2>}> : (memref<6x8xf32>, index) -> memref<2x3xf32, strided<[16, 2], offset: ?>>
  %t = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<2x3xf32>
  "loop.copy"(%v, %t) : (memref<2x3xf32, strided<[16, 2], offset: ?>>, memref<2x3xf32>) -> ()
  "loop.for"(%c0, %c2, %c1) ({
  ^bb0(%i: index):
    "loop.for"(%c0, %c3, %c1) ({
    ^bb0(%j: index):
      %x = "loop.load"(%t, %i, %j) : (memref<2x3xf32>, index, index) -> f32
      %pos = arith.cmpf ogt, %x, %x : f32
      %lt = arith.cmpi ult, %i, %c1 : index
      %y = "loop.if"(%lt) ({
        %d = arith.addf %x, %x : f32
        "loop.yield"(%d) : (f32) -> ()
      }, {
        %n = arith.negf %x : f32
        "loop.yield"(%n) : (f32) -> ()
      }) : (i1) -> f32
      "loop.store"(%y, %o, %i, %j) : (f32, memref<2x3xf32>, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "loop.dealloc"(%t) : (memref<2x3xf32>) -> ()
  "loop.copy"(%m, %o2) : (memref<6x8xf32>, memref<6x8xf32>) -> ()
  return
}

func.func @div(%a: i32, %b: i32) -> i32 {
  %q = arith.divsi %a, %b : i32
  return %q : i32
}
"#;

fn ft(shape: &[usize], seed: u64) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f32> = values(n, seed, 2.0).iter().map(|&x| x as f32).collect();
    Tensor::from_vec(shape.to_vec(), v).unwrap()
}

#[test]
fn parallel_loops_are_identical_for_any_thread_count() {
    let art = compile(MATMUL, 0.0);
    let c = std::fs::read_to_string(&art.source_path).unwrap();
    assert!(
        c.contains("static int32_t strata_par"),
        "the parallel loop is outlined"
    );
    let ins = [ft(&[16, 12], 1), ft(&[12, 10], 2)];
    let want = interp(MATMUL, &art, "mm", &ins).unwrap();
    let one = native(&art, "mm", &ins, 1).unwrap();
    let four = native(&art, "mm", &ins, 4).unwrap();
    assert_eq!(bits(&one[0]), bits(&want[0]));
    assert_eq!(bits(&four[0]), bits(&one[0]));
    // Below the cost threshold the same loop runs serially, with the same numbers.
    let serial = compile(MATMUL, f64::INFINITY);
    let c = std::fs::read_to_string(&serial.source_path).unwrap();
    assert!(!c.contains("strata_par"), "the parallel loop runs serially");
    assert_eq!(native(&serial, "mm", &ins, 4).unwrap(), one);
}

#[test]
fn reductions_views_conditionals_and_copies_match_the_interpreter() {
    let art = compile(MATMUL, 0.0);
    let m: Vec<i64> = (0..30).map(|i| ((i * 7919) % 101) - 50).collect();
    let mt = Tensor::from_vec(vec![6, 5], m).unwrap();
    let want = interp(MATMUL, &art, "reduce", std::slice::from_ref(&mt)).unwrap();
    assert_eq!(native(&art, "reduce", &[mt], 3).unwrap(), want);
    for off in [0i64, 1, 2] {
        let ins = [ft(&[6, 8], 5), Tensor::index_scalar(off)];
        let want = interp(MATMUL, &art, "views", &ins).unwrap();
        let got = native(&art, "views", &ins, 2).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(bits(&got[0]), bits(&want[0]), "offset {off}");
        assert_eq!(bits(&got[1]), bits(&want[1]));
    }
}

#[test]
fn division_by_zero_is_an_error_as_in_the_interpreter() {
    let art = compile(MATMUL, 0.0);
    let ok = [Tensor::scalar(-7i32), Tensor::scalar(2i32)];
    assert_eq!(
        native(&art, "div", &ok, 1).unwrap(),
        interp(MATMUL, &art, "div", &ok).unwrap()
    );
    for (a, b, what) in [
        (1i32, 0i32, "division by zero"),
        (i32::MIN, -1, "signed division overflow"),
    ] {
        let ins = [Tensor::scalar(a), Tensor::scalar(b)];
        let i = interp(MATMUL, &art, "div", &ins).unwrap_err();
        assert!(i.contains(what), "{i}");
        let n = native(&art, "div", &ins, 1).unwrap_err();
        assert!(n.contains(what), "{n}");
    }
}

#[test]
fn unsupported_ops_and_dynamic_shapes_are_diagnostics() {
    let ctx = strata::default_context();
    for (src, want) in [
        (
            "func.func @f(%a: memref<?xf32>) { return }",
            "dynamic shape",
        ),
        (
            "func.func @f(%a: tensor<4xf32>) -> tensor<4xf32> { %b = \"tensor.empty\"() : () -> tensor<4xf32>\n return %b : tensor<4xf32> }",
            "not supported",
        ),
    ] {
        let m = parse_module(&ctx, src);
        let e = CpuTarget::host()
            .codegen(&ctx, &m, &CodegenOptions::default())
            .unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains(want) && msg.contains("cpu codegen"), "{msg}");
    }
}

#[test]
fn a_missing_compiler_and_broken_c_are_clear_errors() {
    let ctx = strata::default_context();
    let m = parse_module(&ctx, "func.func @f(%a: i32) -> i32 { return %a : i32 }");
    let t = CpuTarget::host();
    let dir = std::env::temp_dir().join(format!("strata-cc-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let e = strata_target_cpu::cc::compile(
        &dir.join("missing.c"),
        &dir.join("x.so"),
        &["-shared".to_string()],
    );
    // A C file that does not exist fails to compile: the compiler's message is kept.
    match e {
        Err(CodegenError::CompileFailed { message, .. }) => assert!(message.contains("missing.c")),
        other => panic!("{other:?}"),
    }
    let bad = dir.join("bad.c");
    std::fs::write(&bad, "int f( { return }").unwrap();
    match strata_target_cpu::cc::compile(&bad, &dir.join("bad.so"), &t.flags(1)) {
        Err(e @ CodegenError::CompileFailed { .. }) => {
            let s = e.to_string();
            assert!(s.contains("internal error") && s.contains("bad.c"), "{s}");
            assert!(bad.exists(), "the C file is kept");
        }
        other => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
    let _ = m;
}
