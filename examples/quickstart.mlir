// A small func/arith program: f(x, y) = (x + y) * 2, and a caller.
//
//   cargo run --release -p strata-cli -- opt examples/quickstart.mlir
//
// Written in the generic op form, which every registered op accepts; the output
// shows the custom form of ops that have one. (TODO: switch to the custom form
// once func.func has one.)
"func.func"() <{function_type = (i32, i32) -> i32, sym_name = "add_and_double"}> ({
^bb0(%x: i32, %y: i32):
  %sum = "arith.addi"(%x, %y) : (i32, i32) -> i32
  %two = "arith.constant"() <{value = 2 : i32}> : () -> i32
  %res = "arith.muli"(%sum, %two) : (i32, i32) -> i32
  "func.return"(%res) : (i32) -> ()
}) : () -> ()

"func.func"() <{function_type = () -> i32, sym_name = "main"}> ({
  %a = "arith.constant"() <{value = 20 : i32}> : () -> i32
  %b = "arith.constant"() <{value = 1 : i32}> : () -> i32
  %r = "func.call"(%a, %b) <{callee = @add_and_double}> : (i32, i32) -> i32
  "func.return"(%r) : (i32) -> ()
}) : () -> ()
