// vector dialect: broadcast, splat, extract/insert (static & dynamic),
// shuffle, fma, reductions, contract with indexing maps, transfer
// read/write with permutation maps and masks, load/store, masked ops,
// scalable vectors, shape_cast, transpose, step, create_mask, outerproduct.

#map_a = affine_map<(i, j, k) -> (i, k)>
#map_b = affine_map<(i, j, k) -> (k, j)>
#map_c = affine_map<(i, j, k) -> (i, j)>

func.func @broadcast_extract(%s: f32, %v: vector<4xf32>, %i: index) -> (vector<2x4xf32>, f32, f32, vector<4xf32>) {
  %0 = vector.broadcast %s : f32 to vector<4xf32>
  %1 = vector.broadcast %v : vector<4xf32> to vector<2x4xf32>
  %2 = vector.extract %1[1, 2] : f32 from vector<2x4xf32>
  %3 = vector.extract %v[%i] : f32 from vector<4xf32>
  %4 = vector.insert %2, %0 [3] : f32 into vector<4xf32>
  %5 = vector.insert %3, %1 [0, %i] : f32 into vector<2x4xf32>
  %6 = vector.extract %5[0] : vector<4xf32> from vector<2x4xf32>
  return %5, %2, %3, %4 : vector<2x4xf32>, f32, f32, vector<4xf32>
}

func.func @scalable(%a: vector<[4]xf32>, %b: vector<[4]xf32>, %m: vector<2x[8]xi8>, %n: index) -> (vector<[4]xf32>, f32, vector<[4]xi1>, vector<[4]xindex>) {
  %0 = vector.fma %a, %b, %a : vector<[4]xf32>
  %1 = vector.reduction <add>, %0 : vector<[4]xf32> into f32
  %2 = vector.create_mask %n : vector<[4]xi1>
  %3 = vector.step : vector<[4]xindex>
  %4 = vector.extract %m[1] : vector<[8]xi8> from vector<2x[8]xi8>
  %5 = vector.broadcast %1 : f32 to vector<[4]xf32>
  return %5, %1, %2, %3 : vector<[4]xf32>, f32, vector<[4]xi1>, vector<[4]xindex>
}

func.func @shuffle_reduce(%a: vector<4xi32>, %b: vector<4xi32>, %acc: i32) -> (vector<8xi32>, i32, i32, f64) {
  %0 = vector.shuffle %a, %b [0, 4, 1, 5, 2, 6, 3, 7] : vector<4xi32>, vector<4xi32>
  %1 = vector.reduction <mul>, %a, %acc : vector<4xi32> into i32
  %2 = vector.reduction <maxsi>, %b : vector<4xi32> into i32
  %d = arith.constant dense<[1.0, 2.0]> : vector<2xf64>
  %3 = vector.reduction <maximumf>, %d fastmath<nnan> : vector<2xf64> into f64
  return %0, %1, %2, %3 : vector<8xi32>, i32, i32, f64
}

func.func @contract(%a: vector<4x8xf16>, %b: vector<8x4xf16>, %c: vector<4x4xf32>) -> vector<4x4xf32> {
  %r = vector.contract {indexing_maps = [#map_a, #map_b, #map_c], iterator_types = ["parallel", "parallel", "reduction"], kind = #vector.kind<add>}
    %a, %b, %c : vector<4x8xf16>, vector<8x4xf16> into vector<4x4xf32>
  return %r : vector<4x4xf32>
}

func.func @outer(%a: vector<4xf32>, %b: vector<8xf32>, %acc: vector<4x8xf32>) -> vector<4x8xf32> {
  %r = vector.outerproduct %a, %b, %acc {kind = #vector.kind<add>} : vector<4xf32>, vector<8xf32>
  return %r : vector<4x8xf32>
}

func.func @transfers(%m: memref<?x?xf32>, %t: tensor<16x16xbf16>, %i: index, %mask: vector<8xi1>) -> (vector<8xf32>, vector<4x8xbf16>) {
  %pad = arith.constant 0.0 : f32
  %padb = arith.constant 0.0 : bf16
  %0 = vector.transfer_read %m[%i, %i], %pad {in_bounds = [true]} : memref<?x?xf32>, vector<8xf32>
  %1 = vector.transfer_read %m[%i, %i], %pad, %mask : memref<?x?xf32>, vector<8xf32>
  %2 = vector.transfer_read %t[%i, %i], %padb {permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : tensor<16x16xbf16>, vector<4x8xbf16>
  vector.transfer_write %0, %m[%i, %i] {in_bounds = [false]} : vector<8xf32>, memref<?x?xf32>
  %3 = vector.transfer_write %2, %t[%i, %i] {permutation_map = affine_map<(d0, d1) -> (d1, d0)>} : vector<4x8xbf16>, tensor<16x16xbf16>
  return %1, %2 : vector<8xf32>, vector<4x8xbf16>
}

func.func @load_store(%m: memref<128xi64>, %s: memref<?xf32, strided<[1], offset: ?>, 1>, %i: index, %mask: vector<16xi1>, %pass: vector<16xf32>) -> vector<16xf32> {
  %0 = vector.load %m[%i] : memref<128xi64>, vector<4xi64>
  vector.store %0, %m[%i] : memref<128xi64>, vector<4xi64>
  %1 = vector.maskedload %s[%i], %mask, %pass : memref<?xf32, strided<[1], offset: ?>, 1>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.maskedstore %s[%i], %mask, %1 : memref<?xf32, strided<[1], offset: ?>, 1>, vector<16xi1>, vector<16xf32>
  return %1 : vector<16xf32>
}

func.func @gather_scatter(%m: memref<?xf32>, %idx: vector<16xi32>, %mask: vector<16xi1>, %pass: vector<16xf32>) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %g = vector.gather %m[%c0][%idx], %mask, %pass : memref<?xf32>, vector<16xi32>, vector<16xi1>, vector<16xf32> into vector<16xf32>
  vector.scatter %m[%c0][%idx], %mask, %g : memref<?xf32>, vector<16xi32>, vector<16xi1>, vector<16xf32>
  return %g : vector<16xf32>
}

func.func @reshaping(%v: vector<2x3x4xf32>, %f: vector<24xi1>) -> (vector<6x4xf32>, vector<4x3x2xf32>, vector<2x12xi1>) {
  %0 = vector.shape_cast %v : vector<2x3x4xf32> to vector<6x4xf32>
  %1 = vector.transpose %v, [2, 1, 0] : vector<2x3x4xf32> to vector<4x3x2xf32>
  %2 = vector.shape_cast %f : vector<24xi1> to vector<2x12xi1>
  return %0, %1, %2 : vector<6x4xf32>, vector<4x3x2xf32>, vector<2x12xi1>
}

func.func @masked_region(%m: memref<?xf32>, %i: index, %n: index) -> vector<[8]xf32> {
  %pad = arith.constant 0.0 : f32
  %mask = vector.create_mask %n : vector<[8]xi1>
  %r = vector.mask %mask { vector.transfer_read %m[%i], %pad : memref<?xf32>, vector<[8]xf32> } : vector<[8]xi1> -> vector<[8]xf32>
  return %r : vector<[8]xf32>
}

func.func @misc(%v: vector<4xf32>, %w: vector<4xi32>, %x: vector<1xf64>) -> (vector<4xi32>, vector<4xf32>, vector<2xf32>, vector<4xi1>) {
  %0 = vector.bitcast %v : vector<4xf32> to vector<4xi32>
  %1 = vector.constant_mask [2] : vector<4xi1>
  %2 = vector.extract_strided_slice %v {offsets = [1], sizes = [2], strides = [1]} : vector<4xf32> to vector<2xf32>
  %3 = vector.insert_strided_slice %2, %v {offsets = [2], strides = [1]} : vector<2xf32> into vector<4xf32>
  %e = vector.extract %v[0] : f32 from vector<4xf32>
  %4 = vector.from_elements %e, %e : vector<2xf32>
  %5 = vector.broadcast %e : f32 to vector<2x[4]xf32>
  return %0, %3, %2, %1 : vector<4xi32>, vector<4xf32>, vector<2xf32>, vector<4xi1>
}
