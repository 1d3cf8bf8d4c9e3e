// RUN: strata opt %s --graph-to-tensor

// A partial conversion: the op without a lowering (`graph.top_k`) keeps its unsigned
// operand and results through `builtin.unrealized_conversion_cast`s to and from the
// converted signless values.
func.func @partial(%a: tensor<4xui8>, %b: tensor<4xui8>) -> (tensor<2xui8>, tensor<2xi64>) {
  %0 = "graph.add"(%a, %b) : (tensor<4xui8>, tensor<4xui8>) -> tensor<4xui8>
  %1:2 = "graph.top_k"(%0) <{axis = 0 : i64, k = 2 : i64}> : (tensor<4xui8>) -> (tensor<2xui8>, tensor<2xi64>)
  return %1#0, %1#1 : tensor<2xui8>, tensor<2xi64>
}
