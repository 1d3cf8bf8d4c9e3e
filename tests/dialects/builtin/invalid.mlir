// RUN: strata opt %s --split-input-file --verify-diagnostics

// Every verifier error class of the builtin dialect, one per chunk.

// expected-error @+1 {{'builtin.module' op region should have no arguments}}
"builtin.module"() ({
^bb0(%x: i32):
}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op region #0 ('bodyRegion') failed to verify constraint: region with 1 blocks}}
"builtin.module"() ({
}) : () -> ()

// -----

// expected-error @+1 {{0 or 1 blocks}}
"builtin.module"() ({
^bb0:
^bb1:
}) : () -> ()

// -----

// expected-error @+1 {{'builtin.module' op requires one region}}
"builtin.module"() : () -> ()

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{'builtin.module' op requires zero operands}}
"builtin.module"(%0) ({
^bb0:
}) : (i32) -> ()

// -----

// expected-error @+1 {{'builtin.module' op visibility expected to be one of ["public", "private", "nested"], but got "bad"}}
module @m attributes {sym_visibility = "bad"} {
}

// -----

// expected-error @+1 {{'builtin.module' op attribute 'sym_name' failed to satisfy constraint: string attribute}}
"builtin.module"() <{sym_name = 3 : i64}> ({
^bb0:
}) : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{'builtin.module' op symbol's parent must have the SymbolTable trait}}
  module @m {
  }
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// expected-note @+1 {{see existing symbol definition here}}
module @m {
}
// expected-error @+1 {{redefinition of symbol named 'm'}}
module @m {
}

// -----

%0 = "test.op"() : () -> i32
module {
  // expected-error @+1 {{use of value '%0' defined outside of the region of an isolated-from-above op}}
  "test.op"(%0) : (i32) -> ()
}

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{'builtin.unrealized_conversion_cast' op expected at least one result for cast operation}}
"builtin.unrealized_conversion_cast"(%0) : (i32) -> ()

// -----

%0 = "test.op"() : () -> i32
// expected-error @+1 {{expected 'to'}}
%1 = builtin.unrealized_conversion_cast %0 : i32 f32
