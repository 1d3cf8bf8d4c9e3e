// RUN: strata opt %s --pass-pipeline=builtin.module(hw-to-cpu{features=avx,sse9})

// An unknown feature name is rejected before anything runs.
func.func @f() {
  return
}
