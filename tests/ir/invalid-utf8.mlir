// RUN: strata opt %s --allow-unregistered-dialect

// The byte on line 4 is not UTF-8: a located error, not a crash.
"ut.op"() {s = "café"} : () -> ()
