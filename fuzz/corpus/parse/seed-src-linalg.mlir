// linalg dialect: named ops on tensors and memrefs, linalg.generic with
// indexing maps / iterator types / regions, fill, map/reduce, transpose,
// broadcast, convolution, pooling, dynamic shapes, library_call attrs.

#id2 = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
#mm_a = affine_map<(i, j, k) -> (i, k)>
#mm_b = affine_map<(i, j, k) -> (k, j)>
#mm_c = affine_map<(i, j, k) -> (i, j)>

func.func @matmul_tensor(%a: tensor<4x8xf32>, %b: tensor<8x16xf32>) -> tensor<4x16xf32> {
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<4x16xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<4x16xf32>) -> tensor<4x16xf32>
  %r = linalg.matmul ins(%a, %b : tensor<4x8xf32>, tensor<8x16xf32>) outs(%fill : tensor<4x16xf32>) -> tensor<4x16xf32>
  return %r : tensor<4x16xf32>
}

func.func @matmul_memref(%a: memref<?x?xf64>, %b: memref<?x?xf64>, %c: memref<?x?xf64>) {
  linalg.matmul ins(%a, %b : memref<?x?xf64>, memref<?x?xf64>) outs(%c : memref<?x?xf64>)
  return
}

func.func @batch_and_vec(%a: tensor<2x4x8xf16>, %b: tensor<2x8x4xf16>, %c: tensor<2x4x4xf32>,
                         %m: tensor<4x8xf32>, %v: tensor<8xf32>, %o: tensor<4xf32>, %d: tensor<f32>) -> (tensor<2x4x4xf32>, tensor<4xf32>, tensor<f32>) {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<2x4x8xf16>, tensor<2x8x4xf16>) outs(%c : tensor<2x4x4xf32>) -> tensor<2x4x4xf32>
  %1 = linalg.matvec ins(%m, %v : tensor<4x8xf32>, tensor<8xf32>) outs(%o : tensor<4xf32>) -> tensor<4xf32>
  %2 = linalg.dot ins(%v, %v : tensor<8xf32>, tensor<8xf32>) outs(%d : tensor<f32>) -> tensor<f32>
  return %0, %1, %2 : tensor<2x4x4xf32>, tensor<4xf32>, tensor<f32>
}

func.func @generic_add(%a: tensor<?x?xf32>, %b: tensor<?x?xf32>, %out: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %r = linalg.generic {indexing_maps = [#id2, #id2, #id2], iterator_types = ["parallel", "parallel"]}
      ins(%a, %b : tensor<?x?xf32>, tensor<?x?xf32>) outs(%out : tensor<?x?xf32>) {
  ^bb0(%x: f32, %y: f32, %acc: f32):
    %s = arith.addf %x, %y : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

func.func @generic_reduce_rows(%a: memref<8x?xf32, strided<[?, 1], offset: ?>>, %out: memref<8xf32>) {
  linalg.generic {indexing_maps = [#id2, #row], iterator_types = ["parallel", "reduction"], library_call = "row_sum", doc = "row reduction"}
      ins(%a : memref<8x?xf32, strided<[?, 1], offset: ?>>) outs(%out : memref<8xf32>) {
  ^bb0(%x: f32, %acc: f32):
    %s = arith.addf %x, %acc : f32
    linalg.yield %s : f32
  }
  return
}

func.func @generic_matmul_i8(%a: tensor<4x8xi8>, %b: tensor<8x4xi8>, %c: tensor<4x4xi32>) -> tensor<4x4xi32> {
  %r = linalg.generic {indexing_maps = [#mm_a, #mm_b, #mm_c], iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%a, %b : tensor<4x8xi8>, tensor<8x4xi8>) outs(%c : tensor<4x4xi32>) {
  ^bb0(%x: i8, %y: i8, %acc: i32):
    %xe = arith.extsi %x : i8 to i32
    %ye = arith.extsi %y : i8 to i32
    %p = arith.muli %xe, %ye : i32
    %s = arith.addi %acc, %p : i32
    linalg.yield %s : i32
  } -> tensor<4x4xi32>
  return %r : tensor<4x4xi32>
}

func.func @generic_index(%out: tensor<4x4xindex>) -> tensor<4x4xindex> {
  %r = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} outs(%out : tensor<4x4xindex>) {
  ^bb0(%o: index):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %s = arith.addi %i, %j : index
    linalg.yield %s : index
  } -> tensor<4x4xindex>
  return %r : tensor<4x4xindex>
}

func.func @map_reduce(%a: tensor<16xf32>, %b: tensor<16xf32>, %init: tensor<16xf32>, %acc: tensor<f32>) -> (tensor<16xf32>, tensor<f32>) {
  %m = linalg.map { arith.mulf } ins(%a, %b : tensor<16xf32>, tensor<16xf32>) outs(%init : tensor<16xf32>)
  %r = linalg.reduce { arith.addf } ins(%m : tensor<16xf32>) outs(%acc : tensor<f32>) dimensions = [0]
  return %m, %r : tensor<16xf32>, tensor<f32>
}

func.func @transpose_broadcast(%a: tensor<2x3xbf16>, %t: tensor<3x2xbf16>, %v: tensor<3xbf16>, %bt: tensor<4x3xbf16>) -> (tensor<3x2xbf16>, tensor<4x3xbf16>) {
  %0 = linalg.transpose ins(%a : tensor<2x3xbf16>) outs(%t : tensor<3x2xbf16>) permutation = [1, 0]
  %1 = linalg.broadcast ins(%v : tensor<3xbf16>) outs(%bt : tensor<4x3xbf16>) dimensions = [0]
  return %0, %1 : tensor<3x2xbf16>, tensor<4x3xbf16>
}

func.func @elementwise_named(%a: tensor<8xf32>, %b: tensor<8xf32>, %o: tensor<8xf32>) -> tensor<8xf32> {
  %0 = linalg.add ins(%a, %b : tensor<8xf32>, tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  %1 = linalg.exp ins(%0 : tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  %2 = linalg.max ins(%1, %b : tensor<8xf32>, tensor<8xf32>) outs(%o : tensor<8xf32>) -> tensor<8xf32>
  return %2 : tensor<8xf32>
}

func.func @conv_pool(%img: tensor<1x16x16x3xf32>, %flt: tensor<3x3x3x8xf32>, %out: tensor<1x14x14x8xf32>,
                     %win: tensor<2x2xf32>, %pout: tensor<1x7x7x8xf32>) -> (tensor<1x14x14x8xf32>, tensor<1x7x7x8xf32>) {
  %c = linalg.conv_2d_nhwc_hwcf {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>}
      ins(%img, %flt : tensor<1x16x16x3xf32>, tensor<3x3x3x8xf32>) outs(%out : tensor<1x14x14x8xf32>) -> tensor<1x14x14x8xf32>
  %p = linalg.pooling_nhwc_max {dilations = dense<1> : vector<2xi64>, strides = dense<2> : vector<2xi64>}
      ins(%c, %win : tensor<1x14x14x8xf32>, tensor<2x2xf32>) outs(%pout : tensor<1x7x7x8xf32>) -> tensor<1x7x7x8xf32>
  return %c, %p : tensor<1x14x14x8xf32>, tensor<1x7x7x8xf32>
}

func.func @copy_memref(%src: memref<4x4xf32, 1>, %dst: memref<4x4xf32>) {
  linalg.copy ins(%src : memref<4x4xf32, 1>) outs(%dst : memref<4x4xf32>)
  return
}
