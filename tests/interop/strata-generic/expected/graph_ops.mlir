"builtin.module"() ({
  "func.func"() <{function_type = (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>, sym_name = "mm"}> ({
  ^bb0(%arg4: tensor<2x3xf32>, %arg5: tensor<3x4xf32>):
    %4 = "ug.matmul"(%arg4, %arg5) <{transpose_a = false, transpose_b = false}> : (tensor<2x3xf32>, tensor<3x4xf32>) -> tensor<2x4xf32>
    %5 = "ug.relu"(%4) {graph.fused, graph.name = "relu_0"} : (tensor<2x4xf32>) -> tensor<2x4xf32>
    %6:2 = "ug.split"(%5) <{axis = 1 : i64, num = 2 : i32}> : (tensor<2x4xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>)
    %7 = "ug.concat"(%6#1, %6#0) <{axis = 1 : i64}> : (tensor<2x2xf32>, tensor<2x2xf32>) -> tensor<2x4xf32>
    "ug.print"(%7) : (tensor<2x4xf32>) -> ()
    "func.return"(%7) : (tensor<2x4xf32>) -> ()
  }) : () -> ()
  "test.op"() ({
  ^bb0(%arg3: i32):
    "test.yield"(%arg3) : (i32) -> ()
  }) : () -> ()
  "ut.empty_regions"() ({
  }, {
  }) : () -> ()
  %0 = "ut.constant"() <{value = 7 : i32}> : () -> i32
  %1:3 = "ut.multi"(%0, %0) : (i32, i32) -> (i32, f32, index)
  %2 = "ut.nested"(%1#2) ({
  ^bb0(%arg0: index):
    %3 = "ut.region_op"() ({
      "ut.inner"(%arg0) : (index) -> ()
      "ut.yield"() : () -> ()
    }, {
    ^bb0(%arg1: f16, %arg2: bf16):
      "ut.yield"(%arg1, %arg2) : (f16, bf16) -> ()
    }) {order = ["first", "second"]} : () -> i1
    "ut.yield"(%3) : (i1) -> ()
  }) : (index) -> i1
  "ut.sink"(%1#0, %1#1, %2) : (i32, f32, i1) -> ()
}) : () -> ()

