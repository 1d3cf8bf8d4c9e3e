// A small func/arith program: f(x, y) = (x + y) * 2, and a caller.
//
//   cargo run --release -p strata-cli -- opt examples/quickstart.mlir
//   cargo run --release -p strata-cli -- opt examples/quickstart.mlir -inline -canonicalize
//
// The first prints it back after parsing and verifying it; the second inlines the call and
// folds `main` down to a constant.
func.func @add_and_double(%x: i32, %y: i32) -> i32 {
  %sum = arith.addi %x, %y : i32
  %two = arith.constant 2 : i32
  %res = arith.muli %sum, %two : i32
  return %res : i32
}

func.func @main() -> i32 {
  %a = arith.constant 20 : i32
  %b = arith.constant 1 : i32
  %r = func.call @add_and_double(%a, %b) : (i32, i32) -> i32
  return %r : i32
}
