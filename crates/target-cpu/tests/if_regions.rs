//! C emission of nested regions under a run-time `loop.if` (what `bufferize` and
//! `tensor-to-loop` make of a `graph.if` on a run-time condition): the then region holds a
//! parallel loop (outlined into a worker function, called only inside the `if`) whose body
//! has a scalar `loop.if`; the else region a copy. Both condition values, on one and on
//! four threads, must give the interpreter's bits; the emitted C is a snapshot.

mod common;
use common::{bits, compile, interp, native};
use strata_interp::Tensor;
use strata_target_cpu::CpuTarget;

const SRC: &str = r#"
func.func @sel(%c: memref<i1>, %x: memref<8x16xf32>, %o: memref<8x16xf32>) attributes {strata.num_outputs = 1 : i64} {
  %cond = "loop.load"(%c) : (memref<i1>) -> i1
  "loop.if"(%cond) ({
    %c0 = arith.constant 0 : index
    %c1 = arith.constant 1 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c16 = arith.constant 16 : index
    "loop.parallel"(%c0, %c8, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
    ^bb0(%i: index):
      "loop.for"(%c0, %c16, %c1) ({
      ^bb0(%j: index):
        %v = "loop.load"(%x, %i, %j) : (memref<8x16xf32>, index, index) -> f32
        %lt = arith.cmpi ult, %i, %c4 : index
        %y = "loop.if"(%lt) ({
          %d = arith.addf %v, %v : f32
          "loop.yield"(%d) : (f32) -> ()
        }, {
          %s = arith.mulf %v, %v : f32
          "loop.yield"(%s) : (f32) -> ()
        }) : (i1) -> f32
        "loop.store"(%y, %o, %i, %j) : (f32, memref<8x16xf32>, index, index) -> ()
        "loop.yield"() : () -> ()
      }) : (index, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "loop.yield"() : () -> ()
  }, {
    "loop.copy"(%x, %o) : (memref<8x16xf32>, memref<8x16xf32>) -> ()
    "loop.yield"() : () -> ()
  }) : (i1) -> ()
  return
}
"#;

#[test]
fn nested_regions_under_a_run_time_if_match_the_interpreter() {
    let art = compile(SRC, 0.0);
    let c = std::fs::read_to_string(&art.source_path).unwrap();
    assert!(c.contains("strata_par"), "the parallel loop is outlined");
    let v: Vec<f32> = (0..128).map(|i| ((i * 37) % 11) as f32 - 5.0).collect();
    let x = Tensor::from_vec(vec![8, 16], v).unwrap();
    for cond in [false, true] {
        let ins = [Tensor::scalar(cond), x.clone()];
        let want = interp(SRC, &art, "sel", &ins).unwrap();
        let one = native(&art, "sel", &ins, 1).unwrap();
        let four = native(&art, "sel", &ins, 4).unwrap();
        assert_eq!(bits(&one[0]), bits(&want[0]), "condition {cond}");
        assert_eq!(bits(&four[0]), bits(&one[0]), "condition {cond}, 4 threads");
    }
}

#[test]
fn emitted_c_of_nested_regions_is_stable() {
    let ctx = strata::default_context();
    let m = common::parse_module(&ctx, SRC);
    let unit = CpuTarget::host()
        .with_parallel_min_cost(0.0)
        .emit_c(&ctx, &m)
        .unwrap();
    let body = unit
        .source
        .split_once(strata_target_cpu::emit::PRELUDE)
        .expect("the source starts with the prelude")
        .1;
    insta::assert_snapshot!(body);
}
