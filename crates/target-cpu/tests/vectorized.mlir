func.func @main(%x: memref<4x20xf32>, %y: memref<4x20xf32>, %o: memref<4x20xf32>, %s: memref<4xf32>) attributes {strata.num_outputs = 2 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c20 = arith.constant 20 : index
  %a = arith.constant 1.5 : f32
  %z = arith.constant 0.0 : f32
  "loop.parallel"(%c0, %c4, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    "loop.for"(%c0, %c20, %c1) ({
    ^bb0(%j: index):
      %xi = "loop.load"(%x, %i, %j) : (memref<4x20xf32>, index, index) -> f32
      %yi = "loop.load"(%y, %i, %j) : (memref<4x20xf32>, index, index) -> f32
      %m = arith.mulf %a, %xi : f32
      %v = arith.addf %m, %yi : f32
      "loop.store"(%v, %o, %i, %j) : (f32, memref<4x20xf32>, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    %t = "loop.for"(%c0, %c20, %c1, %z) ({
    ^bb0(%j: index, %acc: f32):
      %xi = "loop.load"(%x, %i, %j) : (memref<4x20xf32>, index, index) -> f32
      %n = arith.addf %acc, %xi : f32
      "loop.yield"(%n) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "loop.store"(%t, %s, %i) : (f32, memref<4xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
