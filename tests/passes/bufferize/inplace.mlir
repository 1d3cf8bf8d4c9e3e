// RUN: strata opt %s --bufferize

#id = affine_map<(d0) -> (d0)>

// In-place analysis at the tensor level: %a's buffer is reused by the second generic
// (the init %a is dead after it), but not by the third (%a is read afterwards), which gets
// a copy of its init in a new allocation; the call writes its result into an allocation
// that is freed after the copy into the out-parameter.
func.func @twice(%x: tensor<4xf32>) -> tensor<4xf32> {
  %e = "tensor.empty"() : () -> tensor<4xf32>
  %a = "tensor.generic"(%x, %e) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%v: f32, %o: f32):
    %d = arith.addf %v, %v : f32
    "tensor.yield"(%d) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %b = "tensor.generic"(%x, %a) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%v: f32, %o: f32):
    %d = arith.mulf %v, %o : f32
    "tensor.yield"(%d) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %c = "tensor.generic"(%x, %b) <{indexing_maps = [#id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%v: f32, %o: f32):
    %d = arith.subf %o, %v : f32
    "tensor.yield"(%d) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %s = "tensor.generic"(%b, %c, %e) <{indexing_maps = [#id, #id, #id], iterator_types = ["parallel"], operandSegmentSizes = array<i32: 2, 1>}> ({
  ^bb0(%p: f32, %q: f32, %o: f32):
    %d = arith.addf %p, %q : f32
    "tensor.yield"(%d) : (f32) -> ()
  }) : (tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}

func.func @caller(%x: tensor<4xf32>) -> tensor<4xf32> {
  %r = func.call @twice(%x) : (tensor<4xf32>) -> tensor<4xf32>
  %s = func.call @twice(%r) : (tensor<4xf32>) -> tensor<4xf32>
  return %s : tensor<4xf32>
}
