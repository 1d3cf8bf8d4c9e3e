// RUN: strata opt %s --split-input-file --allow-unregistered-dialect

// Each chunk is parsed, verified and printed on its own; outputs are separated
// by marker lines. A failing chunk prints nothing on stdout, its diagnostics keep
// the line numbers of this file, and the exit code is 1.

"ut.first"() : () -> ()

// -----

%0 = "ut.second"() : () -> i32
"ut.use"(%0) : (i32) -> ()

// -----

// The error below must be reported at line 17 of this file.
"ut.third"(%undefined) : (i32) -> ()

// -----

"builtin.module"() ({
  "ut.last"() : () -> ()
}) : () -> ()
