// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// `tensor.string_call`: the graph dialect's string ops as library calls, in tensor form
// (results) and buffer form (output buffers after the inputs, no results).

func.func @tensor_form(%a: tensor<2x!graph.string>, %b: tensor<!graph.string>, %x: tensor<3x!graph.string>, %n: tensor<3xi64>) {
  %0 = "tensor.string_call"(%a, %b) <{callee = "graph.string_concat"}> : (tensor<2x!graph.string>, tensor<!graph.string>) -> tensor<2x!graph.string>
  %1 = "tensor.string_call"(%a, %b) <{callee = "graph.equal"}> : (tensor<2x!graph.string>, tensor<!graph.string>) -> tensor<2xi1>
  %2 = "tensor.string_call"(%x) <{callee = "graph.regex_full_match", pattern = "[a-z]+"}> : (tensor<3x!graph.string>) -> tensor<3xi1>
  %3 = "tensor.string_call"(%x) <{callee = "graph.label_encoder", default = 42 : i32, keys = ["a", "b"], values = dense<[0, 1]> : tensor<2xi32>}> : (tensor<3x!graph.string>) -> tensor<3xi32>
  %4 = "tensor.string_call"(%n) <{callee = "graph.label_encoder", keys = dense<[1, 2]> : tensor<2xi64>, values = ["one", "two"]}> : (tensor<3xi64>) -> tensor<3x!graph.string>
  %5, %6 = "tensor.string_call"(%x) <{callee = "graph.string_normalizer", case_change_action = "UPPER", stopwords = ["a"]}> : (tensor<3x!graph.string>) -> (tensor<3x!graph.string>, tensor<1xi64>)
  return
}

func.func @buffer_form(%a: memref<2x!graph.string>, %b: memref<!graph.string>, %o: memref<2x!graph.string>, %e: memref<2xi1>, %x: memref<1x3x!graph.string>, %y: memref<1x3x!graph.string>, %ye: memref<2xi64>) {
  "tensor.string_call"(%a, %b, %o) <{callee = "graph.string_concat"}> : (memref<2x!graph.string>, memref<!graph.string>, memref<2x!graph.string>) -> ()
  "tensor.string_call"(%a, %b, %e) <{callee = "graph.equal"}> : (memref<2x!graph.string>, memref<!graph.string>, memref<2xi1>) -> ()
  "tensor.string_call"(%x, %y, %ye) <{callee = "graph.string_normalizer", case_change_action = "LOWER"}> : (memref<1x3x!graph.string>, memref<1x3x!graph.string>, memref<2xi64>) -> ()
  return
}
