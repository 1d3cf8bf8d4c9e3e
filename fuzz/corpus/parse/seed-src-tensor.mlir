// tensor dialect: empty, extract/insert, slices, casts, reshapes, pad with
// region, generate, from_elements, splat, dim/rank, concat, bitcast,
// unranked and dynamic tensors, encodings.

func.func @empty_and_dim(%n: index) -> (tensor<?x8xf32>, index, index) {
  %e = tensor.empty(%n) : tensor<?x8xf32>
  %c0 = arith.constant 0 : index
  %d = tensor.dim %e, %c0 : tensor<?x8xf32>
  %u = tensor.cast %e : tensor<?x8xf32> to tensor<*xf32>
  %r = tensor.rank %u : tensor<*xf32>
  return %e, %d, %r : tensor<?x8xf32>, index, index
}

func.func @extract_insert(%t: tensor<4x?xi32>, %i: index, %j: index, %v: i32) -> (i32, tensor<4x?xi32>) {
  %x = tensor.extract %t[%i, %j] : tensor<4x?xi32>
  %y = arith.addi %x, %v : i32
  %n = tensor.insert %y into %t[%j, %i] : tensor<4x?xi32>
  return %x, %n : i32, tensor<4x?xi32>
}

func.func @slices(%t: tensor<16x16xf32>, %s: tensor<4x4xf32>, %o: index, %sz: index) -> (tensor<?x?xf32>, tensor<16x16xf32>, tensor<8xf32>) {
  %0 = tensor.extract_slice %t[%o, 0] [%sz, %sz] [1, 2] : tensor<16x16xf32> to tensor<?x?xf32>
  %1 = tensor.insert_slice %s into %t[0, 4] [4, 4] [1, 1] : tensor<4x4xf32> into tensor<16x16xf32>
  %2 = tensor.extract_slice %t[3, 0] [1, 8] [1, 1] : tensor<16x16xf32> to tensor<8xf32>
  return %0, %1, %2 : tensor<?x?xf32>, tensor<16x16xf32>, tensor<8xf32>
}

func.func @reshapes(%t: tensor<2x3x4xf64>, %f: tensor<24xf64>, %g: tensor<?xf64>, %shape: tensor<2xi64>, %d: index) -> (tensor<6x4xf64>, tensor<?x6xf64>, tensor<?x?xf64>) {
  %0 = tensor.collapse_shape %t [[0, 1], [2]] : tensor<2x3x4xf64> into tensor<6x4xf64>
  %1 = tensor.expand_shape %g [[0, 1]] output_shape [%d, 6] : tensor<?xf64> into tensor<?x6xf64>
  %2 = tensor.reshape %f(%shape) : (tensor<24xf64>, tensor<2xi64>) -> tensor<?x?xf64>
  return %0, %1, %2 : tensor<6x4xf64>, tensor<?x6xf64>, tensor<?x?xf64>
}

func.func @pad(%t: tensor<?x4xf16>, %lo: index) -> tensor<?x8xf16> {
  %cst = arith.constant 0.0 : f16
  %p = tensor.pad %t low[%lo, 2] high[1, 2] {
  ^bb0(%i: index, %j: index):
    tensor.yield %cst : f16
  } : tensor<?x4xf16> to tensor<?x8xf16>
  return %p : tensor<?x8xf16>
}

func.func @generate(%n: index) -> tensor<?x3xindex> {
  %g = tensor.generate %n {
  ^bb0(%i: index, %j: index):
    %s = arith.addi %i, %j : index
    tensor.yield %s : index
  } : tensor<?x3xindex>
  return %g : tensor<?x3xindex>
}

func.func @elements(%a: bf16, %b: bf16, %c: i1, %n: index) -> (tensor<2xbf16>, tensor<4x?xi1>, tensor<i1>) {
  %0 = tensor.from_elements %a, %b : tensor<2xbf16>
  %1 = tensor.splat %c[%n] : tensor<4x?xi1>
  %2 = tensor.from_elements %c : tensor<i1>
  return %0, %1, %2 : tensor<2xbf16>, tensor<4x?xi1>, tensor<i1>
}

func.func @concat_bitcast(%a: tensor<3x?xi32>, %b: tensor<2x?xi32>, %u: tensor<4xui32>) -> (tensor<5x?xi32>, tensor<4xi32>) {
  %0 = tensor.concat dim(0) %a, %b : (tensor<3x?xi32>, tensor<2x?xi32>) -> tensor<5x?xi32>
  %1 = tensor.bitcast %u : tensor<4xui32> to tensor<4xi32>
  return %0, %1 : tensor<5x?xi32>, tensor<4xi32>
}

func.func @encoded(%t: tensor<8x8xf32, "sparse_tag">, %c: tensor<4xcomplex<f32>>) -> tensor<8x8xf32, "sparse_tag"> {
  return %t : tensor<8x8xf32, "sparse_tag">
}

func.func @gather_scatter(%src: tensor<8x16xf32>, %idx: tensor<4x1xindex>) -> tensor<4x1x16xf32> {
  %g = tensor.gather %src[%idx] gather_dims([0]) : (tensor<8x16xf32>, tensor<4x1xindex>) -> tensor<4x1x16xf32>
  return %g : tensor<4x1x16xf32>
}

func.func @dense_consts() -> (tensor<2x2xf32>, tensor<3xi64>, tensor<2xcomplex<f32>>) {
  %0 = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %1 = arith.constant dense<[1, -2, 3]> : tensor<3xi64>
  %2 = arith.constant dense<[(1.0, 2.0), (3.0, -4.0)]> : tensor<2xcomplex<f32>>
  return %0, %1, %2 : tensor<2x2xf32>, tensor<3xi64>, tensor<2xcomplex<f32>>
}
