//! Benchmarks of the interpreter's heavy ops: a ResNet-style 3x3 convolution
//! (1x64x56x56, 64 output channels, padding 1), a 1x1 convolution, a strided 3x3 one and a
//! 256x256x256 matrix product.

#![allow(missing_docs)] // criterion's macros generate undocumented items

use criterion::{criterion_group, criterion_main, Criterion};
use strata_interp::{DType, Interpreter, Tensor};

fn ramp(shape: &[usize]) -> Tensor {
    let n: usize = shape.iter().product();
    let v: Vec<f64> = (0..n).map(|i| ((i % 97) as f64 - 48.0) / 97.0).collect();
    Tensor::from_f64s(DType::F32, shape.to_vec(), &v).expect("valid tensor")
}

fn bench_op(c: &mut Criterion, name: &str, src: &str, inputs: Vec<Tensor>) {
    let ctx = strata::default_context();
    let m = strata_ir::text::parse(&ctx, "bench.mlir", src, &Default::default())
        .unwrap_or_else(|_| panic!("{name}: benchmark IR parses"));
    let interp = Interpreter::new(&ctx, &m);
    c.bench_function(name, |b| b.iter(|| interp.run("f", &inputs).expect("runs")));
}

fn conv(c: &mut Criterion) {
    bench_op(
        c,
        "conv 1x64x56x56 3x3 pad 1",
        r#"func.func @f(%x: tensor<1x64x56x56xf32>, %w: tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32> {
  %r = "graph.conv"(%x, %w) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x64x56x56xf32>, tensor<64x64x3x3xf32>) -> tensor<1x64x56x56xf32>
  return %r : tensor<1x64x56x56xf32>
}"#,
        vec![ramp(&[1, 64, 56, 56]), ramp(&[64, 64, 3, 3])],
    );
    bench_op(
        c,
        "conv 1x256x56x56 1x1 to 64",
        r#"func.func @f(%x: tensor<1x256x56x56xf32>, %w: tensor<64x256x1x1xf32>) -> tensor<1x64x56x56xf32> {
  %r = "graph.conv"(%x, %w) : (tensor<1x256x56x56xf32>, tensor<64x256x1x1xf32>) -> tensor<1x64x56x56xf32>
  return %r : tensor<1x64x56x56xf32>
}"#,
        vec![ramp(&[1, 256, 56, 56]), ramp(&[64, 256, 1, 1])],
    );
    bench_op(
        c,
        "conv 1x128x28x28 3x3 stride 2",
        r#"func.func @f(%x: tensor<1x128x28x28xf32>, %w: tensor<128x128x3x3xf32>) -> tensor<1x128x14x14xf32> {
  %r = "graph.conv"(%x, %w) <{pads = array<i64: 1, 1, 1, 1>, strides = array<i64: 2, 2>}> : (tensor<1x128x28x28xf32>, tensor<128x128x3x3xf32>) -> tensor<1x128x14x14xf32>
  return %r : tensor<1x128x14x14xf32>
}"#,
        vec![ramp(&[1, 128, 28, 28]), ramp(&[128, 128, 3, 3])],
    );
    bench_op(
        c,
        "matmul 256x256x256",
        r#"func.func @f(%a: tensor<256x256xf32>, %b: tensor<256x256xf32>) -> tensor<256x256xf32> {
  %r = "graph.matmul"(%a, %b) : (tensor<256x256xf32>, tensor<256x256xf32>) -> tensor<256x256xf32>
  return %r : tensor<256x256xf32>
}"#,
        vec![ramp(&[256, 256]), ramp(&[256, 256])],
    );
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(10);
    targets = conv
}
criterion_main!(benches);
