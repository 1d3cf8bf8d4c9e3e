// RUN: strata opt %s --graph-to-tensor

// A partial conversion: the op without a lowering (`graph.reduce_mean` of an unsigned
// type) keeps its unsigned operand and result through `builtin.unrealized_conversion_cast`s
// to and from the converted signless values.
func.func @partial(%a: tensor<4xui8>, %b: tensor<4xui8>) -> (tensor<ui8>, tensor<ui16>) {
  %0 = "graph.add"(%a, %b) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1 = "graph.reduce_mean"(%0) <{keepdims = 0 : i64}> : (tensor<4xui8>) -> tensor<ui8>
  %2 = "graph.cast"(%1) <{to = ui16}> : (tensor<ui8>) -> tensor<ui16>
  return %1, %2 : tensor<ui8>, tensor<ui16>
}
