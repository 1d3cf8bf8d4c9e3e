// RUN: strata opt %s --pass-pipeline=builtin.module(loop-to-hw{vector-bits=96})

// vector-bits must be a power of two from 16 to 4096: the pipeline is rejected before
// anything runs.
func.func @f() {
  return
}
