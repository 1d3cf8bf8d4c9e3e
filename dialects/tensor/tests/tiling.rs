//! The tiling interface: slices read and written by tiles of the iteration space of named
//! and generic ops, and rejected tiles.

use strata::ir::text::{parse, ParseOptions};
use strata::ir::{Module, OpRef};
use strata_dialect_tensor::{structured, Slice, StructuredOp, TilingInterface};

fn module(ctx: &strata::ir::Context, body: &str, args: &str) -> Module {
    let src = format!("func.func @f({args}) {{\n{body}\n  return\n}}\n");
    parse(ctx, "t.mlir", &src, &ParseOptions::default()).expect("parses")
}

/// Apply `f` to the first tensor-dialect op of the module's function.
fn with_op<R>(body: &str, args: &str, f: impl FnOnce(&dyn StructuredOp<'_>) -> R) -> R {
    let ctx = strata::default_context();
    let m = module(&ctx, body, args);
    let mb = m.region_body();
    let func = mb.ops_in_regions(m.body.regions(m.op))[0];
    let fb = mb.nested(func).expect("func body");
    let ops = fb.ops_in_regions(mb.regions(func));
    let op = ops
        .into_iter()
        .find(|&o| ctx.op_name_str(fb.name(o)).starts_with("tensor."))
        .expect("a tensor op");
    let s = structured(OpRef::new(&ctx, fb, op)).expect("structured");
    f(s.as_ref())
}

fn sl(offsets: &[i64], sizes: &[i64]) -> Slice {
    Slice {
        offsets: offsets.to_vec(),
        sizes: sizes.to_vec(),
        strides: vec![1; offsets.len()],
    }
}

const MATMUL: &str = r#"  %r = "tensor.matmul"(%a, %b, %c) : (tensor<8x16xf32>, tensor<16x32xf32>, tensor<8x32xf32>) -> tensor<8x32xf32>"#;
const MATMUL_ARGS: &str = "%a: tensor<8x16xf32>, %b: tensor<16x32xf32>, %c: tensor<8x32xf32>";

#[test]
fn matmul_tile_reads_row_and_column_panels() {
    with_op(MATMUL, MATMUL_ARGS, |t| {
        assert_eq!(t.iteration_domain().unwrap(), vec![8, 32, 16]);
        let s = t.tile_operand_slices(&[4, 8, 0], &[4, 8, 16]).unwrap();
        assert_eq!(
            s,
            vec![
                sl(&[4, 0], &[4, 16]),
                sl(&[0, 8], &[16, 8]),
                sl(&[4, 8], &[4, 8])
            ]
        );
        assert_eq!(
            t.tile_result_slices(&[4, 8, 0], &[4, 8, 16]).unwrap(),
            vec![sl(&[4, 8], &[4, 8])]
        );
    });
}

#[test]
fn strided_dilated_conv_tile_reads_its_input_window() {
    let body = r#"  %r = "tensor.conv2d_nchw_fchw"(%x, %w, %o) <{dilations = array<i64: 2, 1>, strides = array<i64: 2, 2>}> : (tensor<1x3x13x9xf32>, tensor<8x3x3x3xf32>, tensor<1x8x5x4xf32>) -> tensor<1x8x5x4xf32>"#;
    let args = "%x: tensor<1x3x13x9xf32>, %w: tensor<8x3x3x3xf32>, %o: tensor<1x8x5x4xf32>";
    with_op(body, args, |t| {
        assert_eq!(t.iteration_domain().unwrap(), vec![1, 8, 5, 4, 3, 3, 3]);
        // Output rows 2..4, columns 1..3, filters 0..4, whole reduction.
        let s = t
            .tile_operand_slices(&[0, 0, 2, 1, 0, 0, 0], &[1, 4, 2, 2, 3, 3, 3])
            .unwrap();
        // Rows: 2*2 + 0*2 = 4 .. 3*2 + 2*2 = 10; columns: 1*2 + 0 = 2 .. 2*2 + 2 = 6.
        assert_eq!(s[0], sl(&[0, 0, 4, 2], &[1, 3, 7, 5]));
        assert_eq!(s[1], sl(&[0, 0, 0, 0], &[4, 3, 3, 3]));
        assert_eq!(s[2], sl(&[0, 0, 2, 1], &[1, 4, 2, 2]));
    });
}

#[test]
fn transpose_and_generic_with_a_non_monotone_map() {
    let body = r#"  %r = "tensor.transpose"(%x, %t) <{permutation = array<i64: 1, 0>}> : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>"#;
    with_op(body, "%x: tensor<2x3xf32>, %t: tensor<3x2xf32>", |t| {
        let s = t.tile_operand_slices(&[1, 0], &[2, 1]).unwrap();
        assert_eq!(s, vec![sl(&[0, 1], &[1, 2]), sl(&[1, 0], &[2, 1])]);
    });
    let body = r#"  %r = "tensor.generic"(%i, %o) <{indexing_maps = [affine_map<(d0) -> (d0 mod 2)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %y: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (tensor<2xf32>, tensor<6xf32>) -> tensor<6xf32>"#;
    with_op(body, "%i: tensor<2xf32>, %o: tensor<6xf32>", |t| {
        let s = t.tile_operand_slices(&[3], &[2]).unwrap();
        // `mod` is not monotone: the whole input dimension is read.
        assert_eq!(s, vec![sl(&[0], &[2]), sl(&[3], &[2])]);
    });
}

#[test]
fn tiles_outside_the_iteration_space_are_rejected() {
    with_op(MATMUL, MATMUL_ARGS, |t| {
        let e = t.tile_operand_slices(&[4, 0, 0], &[8, 32, 16]).unwrap_err();
        assert!(e.contains("exceeds the loop size 8"), "{e}");
        let e = t.tile_operand_slices(&[0, 0], &[1, 1]).unwrap_err();
        assert!(e.contains("needs 3 offsets"), "{e}");
        let e = t.tile_operand_slices(&[0, 0, 0], &[0, 1, 1]).unwrap_err();
        assert!(e.contains("size positive"), "{e}");
    });
}
