// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Single-block ops without terminator get their block even when written `{}`.
// (Kept out of ops.mlir: MLIR's own test dialect also has a `test.graph_region`, whose
// region needs a terminator, so this generic output is not valid for mlir-opt.)

test.graph_region {
}
test.symbol_table @t {
}
module {
}
