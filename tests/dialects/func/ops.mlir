// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Declarations with every visibility, argument/result attributes, function
// attributes, direct and indirect calls, function constants.

func.func private @ext_decl(i32, f32) -> (i64, f64)
func.func private @ext_attrs(i32 {test.a}, i64) -> (i32 {test.b}, (i32) -> i32) attributes {test.flag}
func.func nested @nested_vis() {
  return
}
func.func public @public_vis() -> () {
  func.return
}
func.func @empty() {
  return
}
func.func @identity(%arg0: i32) -> i32 {
  return %arg0 : i32
}
func.func @multi_result(%a: i1, %b: i8, %c: i64, %d: index) -> (index, i64, i8, i1) {
  return %d, %c, %b, %a : index, i64, i8, i1
}
func.func @arg_attrs(%arg0: f32 {test.name = "x", test.flag}, %arg1: f64) -> (f32 {test.res = 1 : i32}) {
  return %arg0 : f32
}
func.func @calls(%x: i32, %y: f32) -> (i64, f64) {
  %0 = call @identity(%x) : (i32) -> i32
  %1:2 = func.call @ext_decl(%0, %y) : (i32, f32) -> (i64, f64)
  func.call @empty() : () -> ()
  call @empty() {no_inline} : () -> ()
  %2 = call @identity(%0) {test.note = "n"} : (i32) -> i32
  return %1#0, %1#1 : i64, f64
}
func.func @indirect(%v: i32) -> i32 {
  %f = constant @identity : (i32) -> i32
  %g = func.constant @identity : (i32) -> i32
  %h = constant {test.c} @empty : () -> ()
  %r = call_indirect %f(%v) : (i32) -> i32
  %s = func.call_indirect %g(%r) {test.i} : (i32) -> i32
  call_indirect %h() : () -> ()
  return %s : i32
}
func.func @returns_function() -> ((i32) -> i32) attributes {no_inline, test.list = [1, "s"]} {
  %f = constant @identity : (i32) -> i32
  return %f : (i32) -> i32
}
func.func @fn_typed_arg(%cb: (i32, f32) -> i1, %i: i32, %f: f32) -> i1 {
  %r = call_indirect %cb(%i, %f) : (i32, f32) -> i1
  return %r : i1
}
func.func @shaped(%t: tensor<4x?xf32>, %m: memref<8xi32>, %v: vector<[4]xf32>) -> tensor<4x?xf32> {
  return %t : tensor<4x?xf32>
}
func.func private @"quoted name"() -> (i32, i32)
func.func @blocks(%a: i32) -> i32 {
  "test.br"(%a)[^bb1] : (i32) -> ()
^bb1(%b: i32):
  return %b : i32
}
module @m {
  func.func private @inner() -> i32
  func.func @user() -> i32 {
    %0 = call @inner() : () -> i32
    return %0 : i32
  }
}
