// RUN: strata opt %s
// RUN: strata opt %s --allow-unregistered-dialect

// Without --allow-unregistered-dialect, ops of unknown dialects are an error
// (reported with the file, line, column, source line and a caret).

"nodialect.op"() : () -> ()
