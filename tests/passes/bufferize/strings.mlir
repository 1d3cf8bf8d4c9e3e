// RUN: strata opt %s --graph-to-tensor=full=true --tensor-generalize --bufferize --tensor-to-loop

// String calls in buffer form: inputs, then an output buffer per result; a returned
// result is written in its out-parameter, an intermediate one in an allocation freed
// after its last use; the bounded normalizer result and its extents are out-parameters
// (strata.extents_of moves to the extents' argument). tensor-to-loop leaves the calls.
func.func @f(%a: tensor<2x!graph.string>, %b: tensor<!graph.string>) -> (tensor<2xi1>, tensor<?x!graph.string>) {
  %0 = "graph.string_concat"(%a, %b) : (tensor<2x!graph.string>, tensor<!graph.string>) -> tensor<2x!graph.string>
  %1 = "graph.equal"(%0, %a) : (tensor<2x!graph.string>, tensor<2x!graph.string>) -> tensor<2xi1>
  %2 = "graph.string_normalizer"(%0) <{case_change_action = "UPPER", stopwords = ["xy"]}> : (tensor<2x!graph.string>) -> tensor<?x!graph.string>
  return %1, %2 : tensor<2xi1>, tensor<?x!graph.string>
}
