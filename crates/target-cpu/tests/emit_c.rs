//! Snapshots of the emitted C (after the fixed prelude) for small loop programs: an outlined
//! parallel loop, a serial reduction, loop-carried values, a subview and an f16 op.
mod common;
use strata_target_cpu::CpuTarget;

const SRC: &str = r#"
func.func @scale(%x: memref<4x8xf16>, %o: memref<4x8xf16>) attributes {strata.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %h = arith.constant 0.5 : f16
  "loop.parallel"(%c0, %c0, %c4, %c8, %c1, %c1) <{operandSegmentSizes = array<i32: 2, 2, 2, 0>}> ({
  ^bb0(%i: index, %j: index):
    %v = "loop.load"(%x, %i, %j) : (memref<4x8xf16>, index, index) -> f16
    %s = arith.mulf %v, %h : f16
    "loop.store"(%s, %o, %i, %j) : (f16, memref<4x8xf16>, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index, index, index, index) -> ()
  return
}

func.func @rowsum(%x: memref<4x8xi32>, %r: index) -> i32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %z = arith.constant 0 : i32
  %row = "loop.subview"(%x, %r) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 0>, static_sizes = array<i64: 1, 8>, static_strides = array<i64: 1, 1>}> : (memref<4x8xi32>, index) -> memref<1x8xi32, strided<[8, 1], offset: ?>>
  %s = "loop.parallel"(%c0, %c8, %c1, %z) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%j: index):
    %v = "loop.load"(%row, %c0, %j) : (memref<1x8xi32, strided<[8, 1], offset: ?>>, index, index) -> i32
    "loop.yield"(%v) : (i32) -> ()
  }, {
  ^bb0(%a: i32, %b: i32):
    %t = arith.addi %a, %b : i32
    "loop.yield"(%t) : (i32) -> ()
  }) : (index, index, index, i32) -> i32
  return %s : i32
}
"#;

#[test]
fn emitted_c_is_stable() {
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
    // Deterministic: emitting again gives the same text.
    assert_eq!(
        CpuTarget::host()
            .with_parallel_min_cost(0.0)
            .emit_c(&ctx, &m)
            .unwrap()
            .source,
        unit.source
    );
}
