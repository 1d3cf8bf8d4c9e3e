//! `loop.global` / `loop.get_global` in the interpreter: a constant global reads its
//! initial value, a mutable global keeps what a call wrote for the next call of the same
//! run (and starts fresh in the next run), and writes into a constant global, its views, or
//! freeing one are errors.

mod common;

use common::*;
use strata_interp::Tensor;

const GLOBALS: &str = r#"
"loop.global"() <{sym_name = "w", type = memref<2x2xf32>, initial_value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>, constant, alignment = 64 : i64}> : () -> ()
"loop.global"() <{sym_name = "count", type = memref<1xi32>}> : () -> ()

func.func @bump() -> i32 {
  %c0 = arith.constant 0 : index
  %one = arith.constant 1 : i32
  %g = "loop.get_global"() <{name = @count}> : () -> memref<1xi32>
  %v = "loop.load"(%g, %c0) : (memref<1xi32>, index) -> i32
  %n = arith.addi %v, %one : i32
  "loop.store"(%n, %g, %c0) : (i32, memref<1xi32>, index) -> ()
  return %n : i32
}

func.func @f(%x: f32) -> (memref<2x2xf32>, f32, i32) {
  %c1 = arith.constant 1 : index
  %w = "loop.get_global"() <{name = @w}> : () -> memref<2x2xf32>
  %e = "loop.load"(%w, %c1, %c1) : (memref<2x2xf32>, index, index) -> f32
  %s = arith.addf %e, %x : f32
  %a = func.call @bump() : () -> i32
  %b = func.call @bump() : () -> i32
  %c = func.call @bump() : () -> i32
  return %w, %s, %c : memref<2x2xf32>, f32, i32
}
"#;

#[test]
fn globals_read_their_initial_value_and_persist_within_a_run() {
    for _ in 0..2 {
        // Each run starts from the uninitialised (zero) counter: three bumps give 3.
        let out = run_text(GLOBALS, &[Tensor::scalar(0.5f32)]).unwrap();
        assert_eq!(
            out,
            vec![
                tn(&[2, 2], &[1.0f32, 2.0, 3.0, 4.0]),
                Tensor::scalar(4.5f32),
                Tensor::scalar(3i32),
            ]
        );
    }
}

/// A module with the constant global `@w` and `@f` running `body` (which may use `%w`,
/// `%c0` and `%x: f32`).
fn run_on_constant(body: &str) -> Result<Vec<Tensor>, String> {
    let src = format!(
        "\"loop.global\"() <{{sym_name = \"w\", type = memref<4xf32>, initial_value = dense<1.0> : tensor<4xf32>, constant}}> : () -> ()\n\
         func.func @f(%x: f32) {{\n  %c0 = arith.constant 0 : index\n  \
         %w = \"loop.get_global\"() <{{name = @w}}> : () -> memref<4xf32>\n{body}\n  return\n}}\n"
    );
    run_text(&src, &[Tensor::scalar(2.0f32)])
}

#[test]
fn writing_or_freeing_a_constant_global_is_an_error() {
    let store = r#"  "loop.store"(%x, %w, %c0) : (f32, memref<4xf32>, index) -> ()"#;
    let copy = r#"  %m = "loop.alloc"() : () -> memref<4xf32>
  "loop.copy"(%m, %w) : (memref<4xf32>, memref<4xf32>) -> ()"#;
    let view = r#"  %v = "loop.subview"(%w) <{operandSegmentSizes = array<i32: 1, 0, 0, 0>, static_offsets = array<i64: 1>, static_sizes = array<i64: 2>, static_strides = array<i64: 1>}> : (memref<4xf32>) -> memref<2xf32, strided<[1], offset: 1>>
  "loop.store"(%x, %v, %c0) : (f32, memref<2xf32, strided<[1], offset: 1>>, index) -> ()"#;
    for body in [store, copy, view] {
        let e = run_on_constant(body).unwrap_err();
        assert!(e.contains("cannot write into a constant global"), "{e}");
    }
    let free = r#"  "loop.dealloc"(%w) : (memref<4xf32>) -> ()"#;
    let e = run_on_constant(free).unwrap_err();
    assert!(e.contains("cannot deallocate a global"), "{e}");
    // Reading is fine.
    let load = r#"  %v = "loop.load"(%w, %c0) : (memref<4xf32>, index) -> f32"#;
    assert!(run_on_constant(load).is_ok());
}
