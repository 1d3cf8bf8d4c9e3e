// RUN: strata opt %s --pass-pipeline=builtin.module(inline)

// A callee with several blocks needs a `cf.br` to connect them to the caller; without a
// `cf` dialect the call stays, with a remark.
func.func private @two_blocks(%a: i32) -> i32 {
  test.br ^bb1(%a : i32)
^bb1(%x: i32):
  return %x : i32
}
func.func @main(%a: i32) -> i32 {
  %0 = call @two_blocks(%a) : (i32) -> i32
  return %0 : i32
}
