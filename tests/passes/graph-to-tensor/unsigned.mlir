// RUN: strata opt %s --graph-to-tensor
// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize

// Unsigned tensors become signless ones of the same width; the unsigned arith ops carry the
// semantics (divui, remui, maxui, cmpi ult, shrui, uitofp, fptoui, extui), the signature
// keeps the original element type as `strata.elem_type` (bufferize moves the results' to
// the out-parameters), and a dense ui8 constant keeps its bytes.
func.func @unsigned(%a: tensor<2x3xui8>, %b: tensor<3xui8>, %x: tensor<3xf32>) -> (tensor<2x3xui8>, tensor<2x3xui8>, tensor<2x3xui8>, tensor<2x3xi1>, tensor<2x3xui8>, tensor<3xf32>, tensor<3xui16>, tensor<3xui8>, tensor<2xui8>) {
  %0 = "graph.div"(%a, %b) : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xui8>
  %1 = "graph.mod"(%a, %b) : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xui8>
  %2 = "graph.max"(%a, %b) : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xui8>
  %3 = "graph.less"(%a, %b) : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xi1>
  %4 = "graph.bit_shift"(%a, %b) <{direction = "RIGHT"}> : (tensor<2x3xui8>, tensor<3xui8>) -> tensor<2x3xui8>
  %5 = "graph.cast"(%b) <{to = f32}> : (tensor<3xui8>) -> tensor<3xf32>
  %6 = "graph.cast"(%b) <{to = ui16}> : (tensor<3xui8>) -> tensor<3xui16>
  %7 = "graph.cast"(%x) <{to = ui8}> : (tensor<3xf32>) -> tensor<3xui8>
  %c = "graph.constant"() <{value = dense<[1, 128, 255]> : tensor<3xui8>}> : () -> tensor<3xui8>
  %8 = "graph.add"(%7, %c) : (tensor<3xui8>, tensor<3xui8>) -> tensor<3xui8>
  %9 = "graph.reduce_max"(%a) <{axes = array<i64: 1>, keepdims = 0 : i64}> : (tensor<2x3xui8>) -> tensor<2xui8>
  return %0, %1, %2, %3, %4, %5, %6, %8, %9 : tensor<2x3xui8>, tensor<2x3xui8>, tensor<2x3xui8>, tensor<2x3xi1>, tensor<2x3xui8>, tensor<3xf32>, tensor<3xui16>, tensor<3xui8>, tensor<2xui8>
}

// Signless bit shifts: shli, and shrsi for a right shift.
func.func @shifts(%a: tensor<4xi8>, %b: tensor<4xi8>) -> (tensor<4xi8>, tensor<4xi8>) {
  %0 = "graph.bit_shift"(%a, %b) <{direction = "LEFT"}> : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  %1 = "graph.bit_shift"(%a, %b) <{direction = "RIGHT"}> : (tensor<4xi8>, tensor<4xi8>) -> tensor<4xi8>
  return %0, %1 : tensor<4xi8>, tensor<4xi8>
}

// pow with integer operands: the exponent converted to the base's float type (uitofp for
// an unsigned one), an integer base through f64 and fptosi, two integers through ipowi in
// i64 with a division by zero for a negative exponent; bitcast of unsigned types (the
// identity on the bits, arith.bitcast to a float, extui from i1).
func.func @pow_bitcast(%x: tensor<3xf32>, %e: tensor<3xi32>, %u: tensor<3xui32>, %f: tensor<3xf32>, %p: tensor<3xi1>) -> (tensor<3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xf32>, tensor<3xui8>) {
  %0 = "graph.pow"(%x, %u) : (tensor<3xf32>, tensor<3xui32>) -> tensor<3xf32>
  %1 = "graph.pow"(%e, %f) : (tensor<3xi32>, tensor<3xf32>) -> tensor<3xi32>
  %2 = "graph.pow"(%e, %e) : (tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %3 = "graph.bitcast"(%u) <{to = i32}> : (tensor<3xui32>) -> tensor<3xi32>
  %4 = "graph.bitcast"(%u) <{to = f32}> : (tensor<3xui32>) -> tensor<3xf32>
  %5 = "graph.bitcast"(%p) <{to = ui8}> : (tensor<3xi1>) -> tensor<3xui8>
  return %0, %1, %2, %3, %4, %5 : tensor<3xf32>, tensor<3xi32>, tensor<3xi32>, tensor<3xi32>, tensor<3xf32>, tensor<3xui8>
}
