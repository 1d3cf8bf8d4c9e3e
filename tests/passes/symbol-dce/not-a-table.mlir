// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(symbol-dce))

// symbol-dce must run on a symbol table.
func.func @f() {
  return
}
