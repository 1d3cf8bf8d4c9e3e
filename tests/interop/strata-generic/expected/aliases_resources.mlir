#map = affine_map<(d0, d1) -> (d1, d0)>
#set = affine_set<(d0) : (d0 >= 0)>
"builtin.module"() ({
  %0 = "graph.weights"() <{value = dense_resource<blob1> : tensor<2x2xf32>}> : () -> tensor<2x2xf32>
  %1 = "graph.weights"() <{value = dense_resource<blob2> : tensor<3xi32>}> : () -> tensor<3xi32>
  %2 = "graph.pack"(%0) {cfg = {level = 3 : i32, map = #map, mode = "fast"}, guard = #set, perm = #map} : (tensor<2x2xf32>) -> tuple<tensor<2x2xf32>, i32>
  %3 = "graph.view"(%0) {layout = strided<[1, 2]>} : (tensor<2x2xf32>) -> memref<2x2xf32, strided<[1, 2]>>
  %4 = "graph.vec"() : () -> vector<[4]xf32>
  "graph.sink"(%2, %1, %3, %4) : (tuple<tensor<2x2xf32>, i32>, tensor<3xi32>, memref<2x2xf32, strided<[1, 2]>>, vector<[4]xf32>) -> ()
}) : () -> ()

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F000000400000404000008040",
      blob2: "0x04000000010000000200000003000000"
    }
  }
#-}

