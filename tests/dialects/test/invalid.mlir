// RUN: strata opt %s --split-input-file --verify-diagnostics

// Every verifier error class, shown with the test dialect's ops.

// Missing terminator.
"test.region"() ({
  // expected-error @+1 {{block with no terminator}}
  %0 = "test.pure"() : () -> i32
}) : () -> ()

// -----

// expected-error @+1 {{empty block: expect at least a terminator}}
"test.isolated"() ({
^bb0:
}) : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{'test.terminator' op must be the last operation in the parent block}}
  "test.terminator"() : () -> ()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// Use before definition in one block.
"test.region"() ({
  // expected-error @+1 {{operand #0 does not dominate this use}}
  %0 = "test.pure"(%1) : (i32) -> i32
  // expected-note @+1 {{operand defined here}}
  %1 = "test.pure"() : () -> i32
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// Dominance across blocks: ^bb1 does not dominate ^bb2.
"test.region"() ({
  "test.br"()[^bb2] : () -> ()
^bb1:
  // expected-note @+1 {{operand defined here}}
  %0 = "test.pure"() : () -> i32
  "test.br"()[^bb2] : () -> ()
^bb2:
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "test.terminator"(%0) : (i32) -> ()
}) : () -> ()

// -----

// Isolated from above: values of the enclosing region are not visible.
%0 = "test.pure"() : () -> i32
"test.isolated"() ({
  // expected-error @+1 {{use of value '%0' defined outside of the region of an isolated-from-above op}}
  "test.terminator"(%0) : (i32) -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.region' op requires one region}}
"test.region"() : () -> ()

// -----

// expected-error @+1 {{'test.graph_region' op requires one region}}
"test.graph_region"() ({
^bb0:
}, {
^bb0:
}) : () -> ()

// -----

%0 = "test.pure"() : () -> i32
// expected-error @+1 {{'test.isolated' op requires zero operands}}
"test.isolated"(%0) ({
  "test.terminator"() : () -> ()
}) : (i32) -> ()

// -----

// expected-error @+1 {{'test.symbol' op requires zero results}}
%0 = "test.symbol"() <{sym_name = "a"}> : () -> i32

// -----

// expected-error @+1 {{0 or 1 blocks}}
"test.graph_region"() ({
^bb0:
^bb1:
}) : () -> ()

// -----

// expected-error @+1 {{'test.region' op region yields 0 values, but the op has 1 results}}
%0 = "test.region"() ({
  "test.yield"() : () -> ()
}) : () -> i32

// -----

// expected-error @+1 {{'test.region' op type of yielded value #0 ('i64') doesn't match result type ('i32')}}
%0 = "test.region"() ({
  %1 = "test.pure"() : () -> i64
  "test.yield"(%1) : (i64) -> ()
}) : () -> i32

// -----

"test.region"() ({
  %0 = "test.pure"() : () -> i32
  // expected-error @+1 {{branch has 1 operands for successor #0, but target block has 0}}
  "test.br"(%0)[^bb1] : (i32) -> ()
^bb1:
  "test.yield"() : () -> ()
}) : () -> ()

// -----

"test.region"() ({
  %0 = "test.pure"() : () -> i32
  // expected-error @+1 {{type mismatch for bb argument #0 of successor #0}}
  "test.br"(%0)[^bb1] : (i32) -> ()
^bb1(%1: i64):
  "test.yield"() : () -> ()
}) : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{'test.br' op requires 1 successor but found 0}}
  "test.br"() : () -> ()
}) : () -> ()

// -----

"test.region"() ({
^bb0:
  // expected-error @+1 {{entry block of region may not have predecessors}}
  "test.br"()[^bb0] : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.use_symbol' op '@missing' does not reference a valid symbol}}
"test.use_symbol"() <{sym = @missing}> : () -> ()

// -----

"test.symbol_table"() <{sym_name = "t"}> ({
  "test.symbol"() <{sym_name = "inner"}> : () -> ()
}) : () -> ()
// expected-error @+1 {{'test.use_symbol' op '@t::@other' does not reference a valid symbol}}
"test.use_symbol"() <{sym = @t::@other}> : () -> ()

// -----

// expected-error @+1 {{'test.use_symbol' op requires attribute 'sym'}}
"test.use_symbol"() : () -> ()

// -----

// expected-note @+1 {{see existing symbol definition here}}
"test.symbol"() <{sym_name = "a"}> : () -> ()
// expected-error @+1 {{redefinition of symbol named 'a'}}
"test.symbol"() <{sym_name = "a"}> : () -> ()

// -----

"test.symbol_table"() ({
  // expected-note @+1 {{see existing symbol definition here}}
  "test.symbol"() <{sym_name = "a"}> : () -> ()
  // expected-error @+1 {{redefinition of symbol named 'a'}}
  "test.symbol"() <{sym_name = "a"}> : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.symbol' op requires attribute 'sym_name'}}
"test.symbol"() : () -> ()

// -----

// expected-error @+1 {{'test.symbol' op visibility expected to be one of ["public", "private", "nested"], but got "odd"}}
"test.symbol"() <{sym_name = "a", sym_visibility = "odd"}> : () -> ()

// -----

"test.region"() ({
  // expected-error @+1 {{'test.symbol' op symbol's parent must have the SymbolTable trait}}
  "test.symbol"() <{sym_name = "a"}> : () -> ()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'test.symbol_table' op region should have no arguments}}
"test.symbol_table"() ({
^bb0(%a: i32):
}) : () -> ()

// -----

// Custom-syntax errors.

// expected-error @+1 {{expected a symbol reference}}
test.use_symbol "a"

// -----

test.region {
  // expected-error @+1 {{expected block name}}
  test.br bb1
^bb1:
  test.yield
}
