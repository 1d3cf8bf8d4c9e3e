//! `loop.global`s compiled natively against the interpreter: constant weights of several
//! dtypes (splat and dense, embedded from the blob), a mutable global with an initial value
//! that a run modifies (every run starts from the initial state), and an uninitialised one.
mod common;
use common::*;
use strata_interp::Tensor;

const SRC: &str = r#"
"loop.global"() <{sym_name = "w", type = memref<4xf32>, initial_value = dense<[1.5, -2.0, 0.25, 8.0]> : tensor<4xf32>, constant, alignment = 64 : i64}> : () -> ()
"loop.global"() <{sym_name = "h", type = memref<4xf16>, initial_value = dense<[1.0, 2.0, 3.0, 65504.0]> : tensor<4xf16>, constant}> : () -> ()
"loop.global"() <{sym_name = "k", type = memref<4xi64>, initial_value = dense<7> : tensor<4xi64>, constant}> : () -> ()
"loop.global"() <{sym_name = "flags", type = memref<4xi1>, initial_value = dense<[true, false, true, true]> : tensor<4xi1>, constant}> : () -> ()
"loop.global"() <{sym_name = "acc", type = memref<4xf32>, initial_value = dense<[10.0, 20.0, 30.0, 40.0]> : tensor<4xf32>}> : () -> ()
"loop.global"() <{sym_name = "scratch", type = memref<4xi64>}> : () -> ()
func.func @main(%x: memref<4xf32>, %o: memref<4xf32>, %p: memref<4xi64>) attributes {strata.num_outputs = 2 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %w = "loop.get_global"() <{name = @w}> : () -> memref<4xf32>
  %h = "loop.get_global"() <{name = @h}> : () -> memref<4xf16>
  %k = "loop.get_global"() <{name = @k}> : () -> memref<4xi64>
  %f = "loop.get_global"() <{name = @flags}> : () -> memref<4xi1>
  %acc = "loop.get_global"() <{name = @acc}> : () -> memref<4xf32>
  %s = "loop.get_global"() <{name = @scratch}> : () -> memref<4xi64>
  "loop.for"(%c0, %c4, %c1) ({
  ^bb0(%i: index):
    %xi = "loop.load"(%x, %i) : (memref<4xf32>, index) -> f32
    %wi = "loop.load"(%w, %i) : (memref<4xf32>, index) -> f32
    %hi = "loop.load"(%h, %i) : (memref<4xf16>, index) -> f16
    %he = arith.extf %hi : f16 to f32
    %ai = "loop.load"(%acc, %i) : (memref<4xf32>, index) -> f32
    %m = arith.mulf %xi, %wi : f32
    %t = arith.addf %m, %he : f32
    %u = arith.addf %t, %ai : f32
    "loop.store"(%u, %acc, %i) : (f32, memref<4xf32>, index) -> ()
    %fi = "loop.load"(%f, %i) : (memref<4xi1>, index) -> i1
    %neg = arith.negf %u : f32
    %r = arith.select %fi, %u, %neg : f32
    "loop.store"(%r, %o, %i) : (f32, memref<4xf32>, index) -> ()
    %ki = "loop.load"(%k, %i) : (memref<4xi64>, index) -> i64
    %si = "loop.load"(%s, %i) : (memref<4xi64>, index) -> i64
    %ii = arith.index_cast %i : index to i64
    %q = arith.addi %ki, %si : i64
    %q2 = arith.addi %q, %ii : i64
    "loop.store"(%q2, %s, %i) : (i64, memref<4xi64>, index) -> ()
    "loop.store"(%q2, %p, %i) : (i64, memref<4xi64>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"#;

#[test]
fn globals_match_the_interpreter_on_every_run() {
    let art = compile(SRC, 0.0);
    let c = std::fs::read_to_string(&art.source_path).unwrap();
    assert!(c.contains(".incbin"), "weights come from the blob");
    assert!(!c.contains("1.5"), "no weights printed as C literals");
    let x = Tensor::from_vec(vec![4], vec![1.0f32, 2.0, -3.0, 0.5]).unwrap();
    let want = interp(SRC, &art, "main", std::slice::from_ref(&x)).unwrap();
    let p = strata_runtime::Program::load(art, 1).unwrap();
    for _ in 0..3 {
        let got = p.run(std::slice::from_ref(&x)).unwrap();
        assert_eq!(got.len(), 2);
        assert_eq!(bits(&got[0]), bits(&want[0]));
        assert_eq!(got[1], want[1]);
    }
}
