// RUN: strata opt %s --split-input-file --verify-diagnostics --graph-to-tensor=full=true

// String ops that do not convert: a diagnostic naming the op, the pass and why.

func.func @f(%x: tensor<3x!graph.string>) -> tensor<3xi1> {
  // expected-error-re @+1 {{failed to legalize operation 'graph.regex_full_match' in pass 'graph-to-tensor': invalid regular expression '(a'{{.*}}}}
  %0 = "graph.regex_full_match"(%x) <{pattern = "(a"}> : (tensor<3x!graph.string>) -> tensor<3xi1>
  return %0 : tensor<3xi1>
}

// -----

func.func @f(%x: tensor<3x!graph.string>) -> tensor<3xi64> {
  // expected-error @+1 {{failed to legalize operation 'graph.string_split' in pass 'graph-to-tensor': its result size depends on the data: it converts only when the result is returned directly from the function}}
  %0, %1 = "graph.string_split"(%x) <{delimiter = "-"}> : (tensor<3x!graph.string>) -> (tensor<3x?x!graph.string>, tensor<3xi64>)
  return %1 : tensor<3xi64>
}

// -----

func.func @f(%x: tensor<4x!graph.string>) -> tensor<?xi1> {
  // expected-error @+1 {{failed to legalize operation 'graph.string_normalizer' in pass 'graph-to-tensor': its result size depends on the data: it converts only when the result is returned directly from the function}}
  %0 = "graph.string_normalizer"(%x) <{stopwords = ["a"]}> : (tensor<4x!graph.string>) -> tensor<?x!graph.string>
  // expected-error @+1 {{failed to legalize operation 'graph.regex_full_match' in pass 'graph-to-tensor': only static, non-empty shapes convert}}
  %1 = "graph.regex_full_match"(%0) <{pattern = "a"}> : (tensor<?x!graph.string>) -> tensor<?xi1>
  return %1 : tensor<?xi1>
}
