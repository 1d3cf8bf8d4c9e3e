// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// String tensors (!graph.string) and the ops on them.

func.func @strings(%a: tensor<2x1x!graph.string>, %b: tensor<3x!graph.string>, %s: tensor<!graph.string>) -> (tensor<2x3x!graph.string>, tensor<2x3xi1>, tensor<3x?x!graph.string>, tensor<3xi64>, tensor<?x!graph.string>, tensor<3xi1>) {
  %0 = "graph.string_concat"(%a, %b) : (tensor<2x1x!graph.string>, tensor<3x!graph.string>) -> tensor<2x3x!graph.string>
  %1 = "graph.equal"(%0, %s) : (tensor<2x3x!graph.string>, tensor<!graph.string>) -> tensor<2x3xi1>
  %2, %3 = "graph.string_split"(%b) <{delimiter = "-", maxsplit = 2 : i64}> : (tensor<3x!graph.string>) -> (tensor<3x?x!graph.string>, tensor<3xi64>)
  %4 = "graph.string_normalizer"(%b) <{case_change_action = "LOWER", is_case_sensitive = 0 : i64, locale = "en_US", stopwords = ["monday", "the"]}> : (tensor<3x!graph.string>) -> tensor<?x!graph.string>
  %5 = "graph.regex_full_match"(%b) <{pattern = "[a-z]+@example\\.com"}> : (tensor<3x!graph.string>) -> tensor<3xi1>
  return %0, %1, %2, %3, %4, %5 : tensor<2x3x!graph.string>, tensor<2x3xi1>, tensor<3x?x!graph.string>, tensor<3xi64>, tensor<?x!graph.string>, tensor<3xi1>
}

func.func @labels(%x: tensor<5x!graph.string>, %i: tensor<4xi64>) -> (tensor<5xi32>, tensor<4x!graph.string>, tensor<5xf32>) {
  %0 = "graph.label_encoder"(%x) <{default = 42 : i32, keys = ["a", "b", "c"], values = dense<[0, 1, 2]> : tensor<3xi32>}> : (tensor<5x!graph.string>) -> tensor<5xi32>
  %1 = "graph.label_encoder"(%i) <{keys = dense<[1, 2]> : tensor<2xi64>, values = ["one", "two"]}> : (tensor<4xi64>) -> tensor<4x!graph.string>
  %2 = "graph.label_encoder"(%x) <{keys = ["a"], values = dense<1.5> : tensor<1xf32>}> : (tensor<5x!graph.string>) -> tensor<5xf32>
  return %0, %1, %2 : tensor<5xi32>, tensor<4x!graph.string>, tensor<5xf32>
}
