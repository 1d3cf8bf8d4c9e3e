// RUN: strata opt %s --split-input-file --verify-diagnostics --allow-unregistered-dialect

// Syntax errors, checked with expected-error comments.

// expected-error @+1 {{expected ')' to end operand list}}
"ut.op"(

// -----

// expected-error @below {{use of undeclared SSA value name}}
"ut.use"(%missing) : (i32) -> ()

// -----

// expected-note @+1 {{previously defined here}}
%0 = "ut.def"() : () -> i32
// expected-error @+1 {{redefinition of SSA value '%0'}}
%0 = "ut.def"() : () -> i32

// -----

// expected-error @+1 {{expected non-function type}}
"ut.op"() : () -> (i32, )

// -----

// Trailing garbage after an op is reported where it starts.
"ut.op"() : () -> ()
"ut.op"() : () -> () 12 // expected-error {{expected operation name in quotes}}
