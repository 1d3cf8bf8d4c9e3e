// RUN: strata opt %s --bufferize

#id = affine_map<(d0) -> (d0)>

// A loop.if with tensor results: each result's buffer exists before the if (the
// out-parameter of a returned result, else an allocation), and each region writes what it
// yields into it (directly, through the destination chain, or by a copy before its
// loop.yield). A region's own allocations are freed inside it; %t, defined before the if
// and read inside it and after it, is freed after its last use after the if and never
// overwritten in place inside a region. The condition is a loop.load of the i1 tensor.

func.func @f(%c: tensor<i1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %e0 = "tensor.empty"() : () -> tensor<4xf32>
  %t = "tensor.generic"(%a, %b, %e0) <{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.mulf %x, %y : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %cond = "tensor.extract"(%c) : (tensor<i1>) -> i1
  %r:3 = "loop.if"(%cond) ({
    %e1 = "tensor.empty"() : () -> tensor<4xf32>
    %u = "tensor.generic"(%t, %a, %e1) <{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%x: f32, %y: f32, %o: f32):
      %s = arith.addf %x, %y : f32
      "tensor.yield"(%s) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %e2 = "tensor.empty"() : () -> tensor<4xf32>
    %z = "tensor.generic"(%u, %e2) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%x: f32, %o: f32):
      %s = arith.mulf %x, %x : f32
      "tensor.yield"(%s) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %e4 = "tensor.empty"() : () -> tensor<4xf32>
    %v = "tensor.generic"(%z, %e4) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
    ^bb0(%x: f32, %o: f32):
      %s = arith.negf %x : f32
      "tensor.yield"(%s) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    %one = arith.constant 1 : i32
    "loop.yield"(%v, %u, %one) : (tensor<4xf32>, tensor<4xf32>, i32) -> ()
  }, {
    %two = arith.constant 2 : i32
    "loop.yield"(%b, %t, %two) : (tensor<4xf32>, tensor<4xf32>, i32) -> ()
  }) : (i1) -> (tensor<4xf32>, tensor<4xf32>, i32)
  %e3 = "tensor.empty"() : () -> tensor<4xf32>
  %w = "tensor.generic"(%r#1, %t, %e3) <{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%x: f32, %y: f32, %o: f32):
    %s = arith.subf %x, %y : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %r#0, %w : tensor<4xf32>, tensor<4xf32>
}
