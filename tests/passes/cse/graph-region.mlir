// RUN: strata opt %s --pass-pipeline=builtin.module(func.func(cse))

// In a graph region uses may precede definitions. A duplicate keeps the uses that were
// visited before it (the op using it is already in the table) and then stays; its later uses
// are rewritten.
func.func @graph() {
  test.graph_region {
    %0 = test.pure %2 {tag = 0 : i32} : (i32) -> i32
    %1 = test.pure {tag = 1 : i32} : () -> i32
    %2 = test.pure {tag = 1 : i32} : () -> i32
    %3 = test.pure %2 {tag = 2 : i32} : (i32) -> i32
    "test.op"(%0, %3) : (i32, i32) -> ()
  }
  return
}
