// RUN: strata opt %s --graph-to-tensor=full=true

// A graph.if on a run-time condition: the condition's element is read with
// tensor.extract and the regions move into a loop.if with tensor results, whose graph ops
// are converted in place. The regions are not run speculatively and selected.

func.func @select(%c: tensor<1xi1>, %a: tensor<4xf32>, %b: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = "graph.if"(%c) ({
    %s = "graph.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
    "graph.yield"(%s, %a) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }, {
    %n = "graph.neg"(%b) : (tensor<4xf32>) -> tensor<4xf32>
    %i = "graph.if"(%c) ({
      "graph.yield"(%n) : (tensor<4xf32>) -> ()
    }, {
      "graph.yield"(%a) : (tensor<4xf32>) -> ()
    }) : (tensor<1xi1>) -> tensor<4xf32>
    "graph.yield"(%i, %n) : (tensor<4xf32>, tensor<4xf32>) -> ()
  }) : (tensor<1xi1>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}
