// RUN: strata opt %s --pass-pipeline=builtin.module(tensor-tile{tile-sizes=2,-1})
// RUN: strata opt %s --pass-pipeline=builtin.module(tensor-tile{tile-sizes=2,x})

// Tile sizes must be non-negative integers.
func.func @f(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  return %x : tensor<4x8xf32>
}
