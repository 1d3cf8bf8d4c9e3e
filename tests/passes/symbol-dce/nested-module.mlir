// RUN: strata opt %s --pass-pipeline=builtin.module(builtin.module(symbol-dce))

// Run on a nested public module, whose parent could reference its `nested` symbols: those
// stay, private unused ones go.
module @outer {
  module @m {
    func.func nested @n() {
      return
    }
    func.func private @p() {
      return
    }
    func.func @q() {
      return
    }
  }
}
