// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// builtin.module: named and anonymous, with attributes and visibility; the
// builtin. prefix is elided for ops directly inside a module.
// builtin.unrealized_conversion_cast: 1:1, N:M, 0:1 casts, with attributes.

module @outer attributes {test.tag = 1 : i32} {
  module {
  }
  module @inner attributes {sym_visibility = "nested", test.flag} {
    %0 = "test.op"() : () -> i32
  }
  module @"quoted name" {
  }
  %a = "test.op"() : () -> i32
  %0 = builtin.unrealized_conversion_cast %a : i32 to f32
  %1:2 = builtin.unrealized_conversion_cast %0, %a : f32, i32 to i64, i8
  %2 = unrealized_conversion_cast to index
  %3 = builtin.unrealized_conversion_cast %2 : index to i32 {test.note = "x"}
  %4 = builtin.unrealized_conversion_cast %1#0, %1#1 : i64, i8 to tensor<2x?xf32>
  func.func @f(%x: i32) -> f32 {
    %5 = builtin.unrealized_conversion_cast %x : i32 to f32
    return %5 : f32
  }
}
