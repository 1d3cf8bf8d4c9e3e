// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(canonicalize{region-simplify=sometimes}))

// An invalid option value is reported before anything runs.
func.func @f() {
  return
}
