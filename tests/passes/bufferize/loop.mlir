// RUN: strata opt %s --bufferize

#id = affine_map<(d0) -> (d0)>

// A loop.for carrying tensors: one buffer per carried tensor before the loop (here the
// out-parameters, since the function returns the results), the initial values copied in;
// the body reads them, computes into its own allocations (nothing directly in a carried
// buffer, which the iteration still reads) and copies what it yields back at the end. The
// carried values are swapped each iteration, so the yielded carried buffer goes through a
// temporary and is not read after being overwritten.

func.func @f(%n: index, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r:2 = "loop.for"(%c0, %n, %c1, %a, %b) ({
  ^bb0(%i: index, %x: tensor<4xf32>, %y: tensor<4xf32>):
    %e = "tensor.empty"() : () -> tensor<4xf32>
    %s = "tensor.generic"(%x, %y, %e) <{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
    ^bb0(%u: f32, %v: f32, %o: f32):
      %t = arith.addf %u, %v : f32
      "tensor.yield"(%t) : (f32) -> ()
    }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "loop.yield"(%y, %s) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }) : (index, index, index, tensor<4xf32>, tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}
