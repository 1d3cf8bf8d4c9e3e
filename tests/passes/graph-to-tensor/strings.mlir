// RUN: strata opt %s --graph-to-tensor

// String ops become `tensor.string_call`s that name the graph op and keep its attributes
// (string tensors have no tensor.generic form).
func.func @concat_equal(%a: tensor<2x1x!graph.string>, %b: tensor<3x!graph.string>) -> (tensor<2x3x!graph.string>, tensor<2x3xi1>) {
  %0 = "graph.string_concat"(%a, %b) : (tensor<2x1x!graph.string>, tensor<3x!graph.string>) -> tensor<2x3x!graph.string>
  %1 = "graph.equal"(%0, %b) : (tensor<2x3x!graph.string>, tensor<3x!graph.string>) -> tensor<2x3xi1>
  return %0, %1 : tensor<2x3x!graph.string>, tensor<2x3xi1>
}

// Regular expressions and string-keyed or string-valued tables.
func.func @regex_labels(%x: tensor<3x!graph.string>, %n: tensor<2xi64>) -> (tensor<3xi1>, tensor<3xi64>, tensor<2x!graph.string>) {
  %0 = "graph.regex_full_match"(%x) <{pattern = "[a-z]+@example\\.com"}> : (tensor<3x!graph.string>) -> tensor<3xi1>
  %1 = "graph.label_encoder"(%x) <{keys = ["a", "b"], values = dense<[1, 2]> : tensor<2xi64>}> : (tensor<3x!graph.string>) -> tensor<3xi64>
  %2 = "graph.label_encoder"(%n) <{keys = dense<[1, 2]> : tensor<2xi64>, values = ["one", "two"], default = "none"}> : (tensor<2xi64>) -> tensor<2x!graph.string>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi64>, tensor<2x!graph.string>
}

// The normalizer's result is sized by the data: a bounded result of the input's length
// whose extents are returned after the function's results (strata.extents_of).
func.func @normalizer(%x: tensor<1x4x!graph.string>) -> tensor<1x?x!graph.string> {
  %0 = "graph.string_normalizer"(%x) <{case_change_action = "LOWER", stopwords = ["monday"]}> : (tensor<1x4x!graph.string>) -> tensor<1x?x!graph.string>
  return %0 : tensor<1x?x!graph.string>
}

// The pieces of a split have no bound: a runtime-sized result, packed into one string
// (tensor<!graph.string>) with its extents returned after the function's results.
func.func @split(%x: tensor<2x!graph.string>) -> (tensor<2x?x!graph.string>, tensor<2xi64>) {
  %0, %1 = "graph.string_split"(%x) <{delimiter = "-", maxsplit = 3 : i64}> : (tensor<2x!graph.string>) -> (tensor<2x?x!graph.string>, tensor<2xi64>)
  return %0, %1 : tensor<2x?x!graph.string>, tensor<2xi64>
}

// A zero-size result is a tensor.empty, whatever the op.
func.func @empty(%x: tensor<2x0x!graph.string>) -> tensor<2x0xi1> {
  %0 = "graph.regex_full_match"(%x) <{pattern = "a"}> : (tensor<2x0x!graph.string>) -> tensor<2x0xi1>
  return %0 : tensor<2x0xi1>
}
