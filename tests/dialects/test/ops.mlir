// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Every test op, in custom form where it has one (test.op is generic only).

%0:2 = "test.op"() {anything = [1, "s"]} : () -> (i32, f32)
"test.op"(%0#0) ({
^bb0(%x: i32):
  "test.op"(%x) : (i32) -> ()
}, {
}) : (i32) -> ()
%1 = test.pure %0#0, %0#0 : (i32, i32) -> i32
%2 = test.pure : () -> f32
%3 = test.pure %1 {tag = 1 : i32} : (i32) -> i32
%4 = test.region %1, %0#1 : i32, f32 -> i32 {
  %5 = test.pure %1, %0#0 : (i32, i32) -> i32
  test.yield %5 : i32
}
test.region attributes {note = "no operands"} {
^bb0(%arg: index):
  test.br ^bb1(%arg, %1 : index, i32)
^bb1(%a: index, %b: i32):
  test.br ^bb2 {weight = 2 : i32}
^bb2:
  test.terminator {tag} %b : i32
}
%6:2 = test.region -> (i32, i64) {
  %c = test.pure : () -> i32
  %d = test.pure : () -> i64
  test.yield %c, %d : i32, i64
}
test.isolated {
  %7 = test.pure : () -> i32
  test.terminator %7 : i32
}
test.isolated attributes {level = 1 : i32} {
^bb0(%in: i32):
  test.isolated {
    test.yield
  }
  test.yield %in : i32
}
test.graph_region {
  %8 = test.pure %9 : (i32) -> i32
  %9 = test.pure %8 : (i32) -> i32
}
test.symbol @a
test.symbol private @b {tag}
test.use_symbol @a
%10 = test.use_symbol @t::@c {note} : i32
test.symbol_table @t attributes {sym_visibility = "nested"} {
  test.symbol nested @c
  test.use_symbol @c
  test.use_symbol @a
}
test.symbol_table {
}
