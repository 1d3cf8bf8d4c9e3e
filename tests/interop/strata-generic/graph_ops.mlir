// Hand-written generic-form IR using unregistered "graph" / "ut" ops (and the
// "test.op"/"test.yield" pair; note mlir-opt registers a "test" dialect that
// allows unknown ops, which is why all other samples use the "ut" prefix).
// Exercises: properties <{...}>, discardable attrs {...}, multiple results,
// result groups (%r:2), regions with entry block args, empty regions,
// nested regions, ops with no results and no operands.
"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>, sym_name = "mm"}> ({
  ^bb0(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>):
    %0 = "ug.matmul"(%a, %b) <{transpose_a = false, transpose_b = false}> : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %1 = "ug.relu"(%0) {graph.name = "relu_0", graph.fused} : (tensor<2x4xf32>) -> tensor<2x4xf32>
    %2:2 = "ug.split"(%1) <{axis = 1 : i64, num = 2 : i32}> : (tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
    %3 = "ug.concat"(%2#1, %2#0) <{axis = 1 : i64}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x4xf32>
    "ug.print"(%3) : (tensor<2x4xf32>) -> ()
    "func.return"(%3) : (tensor<2x4xf32>) -> ()
  }) : () -> ()
  "test.op"() ({
  ^bb0(%x: i32):
    "test.yield"(%x) : (i32) -> ()
  }) : () -> ()
  "ut.empty_regions"() ({
  }, {
  }) : () -> ()
  %c = "ut.constant"() <{value = 7 : i32}> : () -> i32
  %r:3 = "ut.multi"(%c, %c) : (i32, i32) -> (i32, f32, index)
  %n = "ut.nested"(%r#2) ({
  ^bb0(%i: index):
    %inner = "ut.region_op"() ({
      "ut.inner"(%i) : (index) -> ()
      "ut.yield"() : () -> ()
    }, {
    ^bb0(%u: f16, %v: bf16):
      "ut.yield"(%u, %v) : (f16, bf16) -> ()
    }) {order = ["first", "second"]} : () -> i1
    "ut.yield"(%inner) : (i1) -> ()
  }) : (index) -> i1
  "ut.sink"(%r#0, %r#1, %n) : (i32, f32, i1) -> ()
}) : () -> ()
