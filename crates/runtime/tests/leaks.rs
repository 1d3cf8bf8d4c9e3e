//! No leaks on the Rust side: with a counting global allocator, compiling, loading and
//! running an artifact many times leaves the live heap where it was after the first round.
//! (The generated code's own `malloc`/`free` are checked under valgrind by the CLI tests.)

#![allow(unsafe_code)]

mod common;

use strata_interp::Tensor;
use strata_target::{CodegenOptions, Target};

const SRC: &str = r#"
func.func @main(%x: memref<64xf32>, %o: memref<64xf32>) attributes {strata.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c64 = arith.constant 64 : index
  %t = "loop.alloc"() <{alignment = 64 : i64}> : () -> memref<64xf32>
  "loop.copy"(%x, %t) : (memref<64xf32>, memref<64xf32>) -> ()
  "loop.parallel"(%c0, %c64, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %v = "loop.load"(%t, %i) : (memref<64xf32>, index) -> f32
    %s = arith.mulf %v, %v : f32
    "loop.store"(%s, %o, %i) : (f32, memref<64xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "loop.dealloc"(%t) : (memref<64xf32>) -> ()
  return
}
"#;

fn round(ctx: &strata::ir::Context, m: &strata::ir::Module, runs: usize) {
    let t = strata_target_cpu::CpuTarget::host().with_parallel_min_cost(0.0);
    let art = t
        .codegen(ctx, m, &CodegenOptions::default())
        .expect("codegen");
    let dir = art.temp.as_ref().map(|d| d.path().to_path_buf());
    let x = Tensor::from_vec(vec![64], (0..64).map(|i| i as f32).collect::<Vec<_>>()).unwrap();
    let p = strata_runtime::Program::load(art, 1).expect("load");
    for _ in 0..runs {
        let out = p.run(std::slice::from_ref(&x)).expect("run");
        assert_eq!(out[0].as_slice::<f32>().unwrap()[3], 9.0);
    }
    drop(p);
    // The temporary directory goes with the last handle to the artifact.
    if let Some(d) = dir {
        assert!(!d.exists(), "{} was removed", d.display());
    }
}

#[test]
fn compile_load_and_run_do_not_leak() {
    let ctx = strata::default_context();
    let m = strata::ir::text::parse(&ctx, "leak.mlir", SRC, &Default::default()).expect("parses");
    round(&ctx, &m, 5);
    let base = common::live();
    for _ in 0..8 {
        round(&ctx, &m, 25);
    }
    let after = common::live();
    assert_eq!(after, base, "live heap bytes grew from {base} to {after}");
}
