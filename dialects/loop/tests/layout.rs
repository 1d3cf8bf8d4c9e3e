//! The layout helpers and typed accessors of the loop dialect: strides and offsets of
//! memref types, the dimensions of `loop.parallel`, the mixed lists of `loop.subview`.

use std::ops::ControlFlow;
use strata::ir::text::{parse, parse_type, ParseOptions};
use strata::ir::walk::{walk, Order};
use strata::ir::OpRef;
use strata_dialect_loop::layout::contiguous_strides;
use strata_dialect_loop::{strides_and_offset, ParallelOp, SubviewOp};
use strata_dialect_tensor::movement::OpFoldResult;

const Q: i64 = i64::MIN;

#[test]
fn strides_of_memref_types() {
    let ctx = strata::default_context();
    let so = |s: &str| {
        let t = parse_type(&ctx, s).expect("type parses");
        strides_and_offset(&ctx, t)
    };
    assert_eq!(so("memref<4x8xf32>"), Ok((vec![8, 1], 0)));
    assert_eq!(so("memref<2x3x5xi8, 1>"), Ok((vec![15, 5, 1], 0)));
    assert_eq!(so("memref<f32>"), Ok((vec![], 0)));
    assert_eq!(so("memref<?x8xf32>"), Ok((vec![8, 1], 0)));
    assert_eq!(so("memref<4x?x2xf32>"), Ok((vec![Q, 2, 1], 0)));
    assert_eq!(
        so("memref<4x8xf32, strided<[16, 2], offset: ?>>"),
        Ok((vec![16, 2], Q))
    );
    assert_eq!(
        so("memref<4x8xf32, affine_map<(d0, d1) -> (d0, d1)>>"),
        Ok((vec![8, 1], 0))
    );
    assert!(so("memref<4x8xf32, affine_map<(d0, d1) -> (d1, d0)>>").is_err());
    assert!(so("memref<4x8xf32, strided<[1]>>").is_err());
    assert!(so("tensor<4xf32>").is_err());
    assert_eq!(contiguous_strides(&[i64::MAX, 2, 2]), None);
}

#[test]
fn accessors_read_segments_and_mixed_lists() {
    let ctx = strata::default_context();
    let src = r#"
func.func @f(%m: memref<4x8xf32>, %i: index, %lb: index, %ub: index, %s: index, %x: f32) {
  %v = "loop.subview"(%m, %i) <{operandSegmentSizes = array<i32: 1, 1, 0, 0>, static_offsets = array<i64: -9223372036854775808, 2>, static_sizes = array<i64: 1, 3>, static_strides = array<i64: 1, 2>}> : (memref<4x8xf32>, index) -> memref<1x3xf32, strided<[8, 2], offset: ?>>
  %r = "loop.parallel"(%lb, %ub, %s, %x) <{operandSegmentSizes = array<i32: 1, 1, 1, 1>}> ({
  ^bb0(%k: index):
    "loop.yield"(%x) : (f32) -> ()
  }, {
  ^bb0(%a: f32, %b: f32):
    "loop.yield"(%a) : (f32) -> ()
  }) : (index, index, index, f32) -> f32
  return
}
"#;
    let m = parse(&ctx, "t.mlir", src, &ParseOptions::default()).expect("parses");
    strata::ir::verify::verify_module(&ctx, &m).expect("verifies");
    let mut seen = 0;
    let _ = walk::<()>(&m.body, m.op, Order::Pre, &mut |body, op| {
        let r = OpRef::new(&ctx, body, op);
        if let Some(p) = ParallelOp::cast(r) {
            assert_eq!(p.dims(), Ok((1, 1)));
            seen += 1;
        }
        if let Some(s) = SubviewOp::cast(r) {
            let [o, z, t] = s.mixed().expect("lists");
            assert_eq!(o, vec![OpFoldResult::Operand(1), OpFoldResult::Static(2)]);
            assert_eq!(z, vec![OpFoldResult::Static(1), OpFoldResult::Static(3)]);
            assert_eq!(t, vec![OpFoldResult::Static(1), OpFoldResult::Static(2)]);
            seen += 1;
        }
        ControlFlow::Continue(())
    });
    assert_eq!(seen, 2);
}
