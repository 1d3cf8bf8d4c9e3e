// RUN: strata opt %s --split-input-file --verify-diagnostics

// Every verifier error class of the func dialect, one per chunk.

func.func @f() -> i32 {
  %0 = "test.op"() : () -> i64
  // expected-error @+1 {{type of return operand 0 ('i64') doesn't match function result type ('i32') in function @f}}
  return %0 : i64
}

// -----

func.func @f() -> (i32, i32) {
  %0 = "test.op"() : () -> i32
  // expected-error @+1 {{'func.return' op has 1 operands, but enclosing function (@f) returns 2}}
  return %0 : i32
}

// -----

func.func @f() {
  "test.op"() ({
    // expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
    func.return
  }) : () -> ()
  return
}

// -----

// expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
func.return

// -----

func.func @f() {
  // expected-error @+1 {{'func.return' op must be the last operation in the parent block}}
  func.return
  func.return
}

// -----

// expected-error @+1 {{expected non-empty function body}}
func.func @f() {
}

// -----

// expected-error @+1 {{empty block: expect at least a terminator}}
"func.func"() <{function_type = () -> (), sym_name = "f"}> ({
^bb0:
}) : () -> ()

// -----

func.func @f() {
  // expected-error @+1 {{block with no terminator, has %0 = "func.constant"() <{value = @f}> : () -> (() -> ())}}
  %0 = func.constant @f : () -> ()
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op 'nope' does not reference a valid function}}
  func.call @nope(%a) : (i32) -> ()
  return
}

// -----

"test.symbol"() <{sym_name = "not_a_function"}> : () -> ()
func.func @f() {
  // expected-error @+1 {{'func.call' op 'not_a_function' does not reference a valid function}}
  func.call @not_a_function() : () -> ()
  return
}

// -----

func.func private @g(i32) -> i32
func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op incorrect number of operands for callee}}
  %0 = func.call @g() : () -> i32
  return
}

// -----

func.func private @g(i32)
func.func @f(%a: i64) {
  // expected-error @+1 {{'func.call' op operand type mismatch: expected operand type 'i32', but provided 'i64' for operand number 0}}
  func.call @g(%a) : (i64) -> ()
  return
}

// -----

func.func private @g(i32) -> i32
func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op incorrect number of results for callee}}
  func.call @g(%a) : (i32) -> ()
  return
}

// -----

func.func private @g(i32) -> (i32, i64)
func.func @f(%a: i32) {
  // expected-error @+3 {{'func.call' op result type mismatch at index 0}}
  // expected-note @+2 {{      op result types: 'i64', 'i64'}}
  // expected-note @+1 {{function result types: 'i32', 'i64'}}
  %0:2 = func.call @g(%a) : (i32) -> (i64, i64)
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call' op requires attribute 'callee'}}
  "func.call"(%a) : (i32) -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.call_indirect' op operand #0 must be function type, but got 'i32'}}
  %0 = "func.call_indirect"(%a) : (i32) -> i32
  return
}

// -----

func.func @f(%g: (i32) -> i32, %b: i64) {
  // expected-error @+1 {{'func.call_indirect' op failed to verify that callee input types match argument types}}
  %0 = "func.call_indirect"(%g, %b) : ((i32) -> i32, i64) -> i32
  return
}

// -----

func.func @f(%g: (i32) -> i32, %b: i32) {
  // expected-error @+1 {{'func.call_indirect' op failed to verify that callee result types match result types}}
  %0 = "func.call_indirect"(%g, %b) : ((i32) -> i32, i32) -> i64
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'func.constant' op reference to undefined function 'nope'}}
  %0 = func.constant @nope : () -> ()
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{'func.constant' op reference to function with mismatched type}}
  %0 = func.constant @f : (i32) -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{'func.constant' op requires zero operands}}
  %0 = "func.constant"(%a) <{value = @f}> : (i32) -> ((i32) -> ())
  return
}

// -----

// expected-error @+1 {{'func.func' op entry block must have 1 arguments to match function signature}}
"func.func"() <{function_type = (i32) -> (), sym_name = "f"}> ({
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op type of entry block argument #0('i64') must match the type of the corresponding argument in function signature('i32')}}
"func.func"() <{function_type = (i32) -> (), sym_name = "f"}> ({
^bb0(%a: i64):
  "func.return"() : () -> ()
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op attribute 'function_type' failed to satisfy constraint: type attribute of function type}}
"func.func"() <{function_type = i32, sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op requires attribute 'sym_name'}}
"func.func"() <{function_type = () -> (), sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op visibility expected to be one of ["public", "private", "nested"], but got "foo"}}
"func.func"() <{function_type = () -> (), sym_name = "f", sym_visibility = "foo"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op symbol declaration cannot have public visibility}}
func.func @decl(i32)

// -----

// expected-error @+1 {{'func.func' op requires one region}}
"func.func"() <{function_type = () -> (), sym_name = "f"}> : () -> ()

// -----

// expected-error @+1 {{'func.func' op expects argument attribute array to have the same number of elements as the number of function arguments, got 2, but expected 1}}
"func.func"() <{arg_attrs = [{test.a}, {}], function_type = (i32) -> (), sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op arguments may only have dialect attributes}}
func.func private @f(i32 {nodialect})

// -----

// expected-error @+1 {{'func.func' op expects result attribute array to have the same number of elements as the number of function results, got 2, but expected 1}}
"func.func"() <{function_type = () -> i32, res_attrs = [{}, {}], sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-error @+1 {{'func.func' op results may only have dialect attributes}}
func.func private @f() -> (i32 {nodialect})

// -----

// expected-error @+1 {{'func.func' op attribute 'arg_attrs' failed to satisfy constraint: Array of dictionary attributes}}
"func.func"() <{arg_attrs = [1], function_type = (i32) -> (), sym_name = "f", sym_visibility = "private"}> ({
}) : () -> ()

// -----

// expected-note @+1 {{see existing symbol definition here}}
func.func private @dup()
// expected-error @+1 {{redefinition of symbol named 'dup'}}
func.func private @dup()

// -----

"test.region"() ({
  // expected-error @+1 {{'func.func' op symbol's parent must have the SymbolTable trait}}
  func.func private @f()
  "test.yield"() : () -> ()
}) : () -> ()

// -----

func.func @f() {
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "test.op"(%0) : (i32) -> ()
  // expected-note @+1 {{operand defined here}}
  %0 = "test.op"() : () -> i32
  return
}

// -----

func.func @f() {
  "test.br"()[^bb2] : () -> ()
^bb1:
  // expected-note @+1 {{operand defined here}}
  %0 = "test.op"() : () -> i32
  "test.br"()[^bb2] : () -> ()
^bb2:
  // expected-error @+1 {{operand #0 does not dominate this use}}
  "test.op"(%0) : (i32) -> ()
  return
}

// -----

%outer = "test.op"() : () -> i32
func.func @f() {
  // expected-error @+1 {{use of value '%outer' defined outside of the region of an isolated-from-above op}}
  "test.op"(%outer) : (i32) -> ()
  return
}

// -----

// Custom-syntax errors.

// expected-error @+1 {{'function_type' is an inferred attribute and should not be specified in the explicit attribute dictionary}}
func.func @f() attributes {function_type = () -> ()} {
  return
}

// -----

// expected-error @+1 {{'sym_visibility' is an inferred attribute and should not be specified in the explicit attribute dictionary}}
func.func @f() attributes {sym_visibility = "private"} {
  return
}

// -----

func.func @f() {
  // expected-error @+1 {{invalid kind of attribute specified}}
  %0 = func.constant "f" : () -> ()
  return
}

// -----

func.func private @g()
func.func @f() {
  // expected-error @+1 {{invalid kind of attribute specified}}
  func.call @m::@g() : () -> ()
  return
}

// -----

func.func @f(%a: i32) {
  // expected-error @+1 {{invalid kind of type specified: expected builtin.function, but found 'i32'}}
  func.call_indirect %a() : i32
  return
}

// -----

func.func @f(%a: i32) -> i32 {
  // expected-error @+1 {{operation defines 1 results but was provided 2 to bind}}
  %0:2 = func.call @f(%a) : (i32) -> i32
  return %a : i32
}
