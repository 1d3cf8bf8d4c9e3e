// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic
// RUN: strata opt %s --canonicalize --cse --dce

// (Not named ops_*.mlir: upstream mlir-opt knows tensor.yield and rejects it under the
// unknown tensor.generic, as for the tensor-form generics.)
// tensor.generic in buffer form (memref inputs and inits, no results), as bufferize
// produces it; canonicalize, cse and dce keep it (it writes memory).

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#sc = affine_map<(d0, d1) -> ()>

func.func @sum_rows(%a: memref<4x8xf32>, %out: memref<4xf32>, %v: f32, %view: memref<4x8xf32, strided<[16, 2], offset: 1>>) {
  "tensor.generic"(%v, %view) <{indexing_maps = [#sc, #id], iterator_types = ["parallel", "parallel"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %o: f32):
    "tensor.yield"(%x) : (f32) -> ()
  }) : (f32, memref<4x8xf32, strided<[16, 2], offset: 1>>) -> ()
  "tensor.generic"(%a, %out) <{indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 1, 1>}> ({
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %acc, %x : f32
    "tensor.yield"(%s) : (f32) -> ()
  }) : (memref<4x8xf32>, memref<4xf32>) -> ()
  return
}
