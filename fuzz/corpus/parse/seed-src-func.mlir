// func dialect: definitions, declarations, calls, indirect calls, constants,
// visibility, argument/result attributes, multiple results.

func.func private @ext_decl(i32, f32) -> (i64, f64)
func.func private @ext_noresult(memref<?xf32>) attributes {llvm.emit_c_interface}
func.func nested @nested_vis() {
  return
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
  %1:2 = call @ext_decl(%0, %y) : (i32, f32) -> (i64, f64)
  func.call @empty() : () -> ()
  return %1#0, %1#1 : i64, f64
}

func.func @indirect(%v: i32) -> i32 {
  %f = constant @identity : (i32) -> i32
  %r = call_indirect %f(%v) : (i32) -> i32
  return %r : i32
}

func.func @fp_types(%h: f16, %b: bf16, %s: f32, %d: f64) -> (f64, f32, bf16, f16) {
  return %d, %s, %b, %h : f64, f32, bf16, f16
}

func.func @shaped_args(%t: tensor<4x?xf32>, %m: memref<8x8xi32, 1>, %v: vector<[4]xf32>,
                       %u: tensor<*xf64>, %c: complex<f32>, %tup: tuple<i32, f32>) -> tensor<4x?xf32> {
  return %t : tensor<4x?xf32>
}

func.func @with_attrs() attributes {sym.note = "annotated", test.list = [1, 2.5 : f32, "s", unit], test.dict = {a = 1 : i64, b = true}} {
  return
}

func.func @fn_typed_arg(%cb: (i32, f32) -> i1, %i: i32, %f: f32) -> i1 {
  %r = func.call_indirect %cb(%i, %f) : (i32, f32) -> i1
  return %r : i1
}

func.func @loc_example(%arg0: i32 loc("arg.mlir":1:2)) -> i32 {
  %0 = call @identity(%arg0) : (i32) -> i32 loc("func.mlir":42:7)
  %1 = call @identity(%0) : (i32) -> i32 loc(fused["a.mlir":1:1, "b.mlir":2:2])
  %2 = call @identity(%1) : (i32) -> i32 loc(callsite("callee"("x.mlir":3:4) at "caller"("y.mlir":5:6)))
  return %2 : i32 loc(unknown)
} loc("func.mlir":40:1)
