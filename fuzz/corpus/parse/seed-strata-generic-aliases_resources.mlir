// Hand-written generic-form IR: type and attribute aliases (including
// aliases referring to other aliases), dense_resource attributes backed by
// a {-# dialect_resources #-} file-metadata section, and #loc aliases.
!t = tensor<2x2xf32>
!pair = tuple<!t, i32>
!vec = vector<[4]xf32>
#map = affine_map<(d0, d1) -> (d1, d0)>
#set = affine_set<(d0) : (d0 >= 0)>
#layout = strided<[1, 2], offset: 0>
#cfg = {mode = "fast", level = 3 : i32, map = #map}
#loc0 = loc("model.py":10:2)
#loc1 = loc("model.py":11:4)
#fused = loc(fused[#loc0, #loc1])
"builtin.module"() ({
  %w = "graph.weights"() <{value = dense_resource<blob1> : !t}> : () -> !t loc(#loc0)
  %b = "graph.weights"() <{value = dense_resource<blob2> : tensor<3xi32>}> : () -> tensor<3xi32> loc(#loc1)
  %p = "graph.pack"(%w) {cfg = #cfg, perm = #map, guard = #set} : (!t) -> !pair loc(#fused)
  %m = "graph.view"(%w) {layout = #layout} : (!t) -> memref<2x2xf32, #layout>
  %v = "graph.vec"() : () -> !vec loc("inline.mlir":1:1)
  "graph.sink"(%p, %b, %m, %v) : (!pair, tensor<3xi32>, memref<2x2xf32, #layout>, !vec) -> () loc(unknown)
}) : () -> ()

{-#
  dialect_resources: {
    builtin: {
      blob1: "0x040000000000803F000000400000404000008040",
      blob2: "0x04000000010000000200000003000000"
    }
  }
#-}
