// RUN: strata opt %s --pass-pipeline=builtin.module(tensor-pad-to-multiple{multiple=0})
// RUN: strata opt %s --pass-pipeline=builtin.module(tensor-pad-to-multiple{multiple=4096})

// `multiple` must be between 1 and 1024.
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
