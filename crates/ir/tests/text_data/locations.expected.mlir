#loc2 = loc("a":1:1)
#loc3 = loc("b":2:2)
#loc4 = loc("locations.mlir":4:6)
#loc5 = loc("f.mlir":1:2)
#loc6 = loc("x":1:1)
#loc7 = loc("name")
#loc8 = loc("f":1:2 to 3:4)
#loc9 = loc(unknown)
#loc10 = loc("q":1:1)
#loc11 = loc("c":3:3)
#loc12 = loc("y":2:2)
#loc13 = loc("f":3:4)
#loc17 = loc(callsite(#loc2 at #loc3))
#loc18 = loc("n"(#loc10))
#loc19 = loc(callsite(#loc2 at #loc11))
#loc20 = loc(fused<"m">[#loc6])
#loc21 = loc(fused[#loc6, #loc12])
#loc22 = loc("n"(#loc13))
#loc23 = loc(callsite(#loc18 at #loc19))
"builtin.module"() ({
  "ut.top"() ({
    "ut.op0"() : () -> () loc(#loc17)
    "ut.op1"() {x = #loc17} : () -> () loc(#loc17)
  ^bb1(%0: i32 loc("locations.mlir":4:6), %1: f32 loc("f.mlir":1:2)):  // no predecessors
    "ut.op2"() : () -> () loc(#loc6)
    "ut.op3"() : () -> () loc(#loc7)
  ^bb2(%2: i32 loc(callsite(#loc2 at #loc3)), %3: f32 loc("f.mlir":1:2)):  // no predecessors
    "ut.op4"() : () -> () loc(#loc8)
    "ut.op5"() : () -> () loc(#loc6)
    "ut.op6"() : () -> () loc(#loc8)
    "ut.op7"() {x = #loc23} : () -> () loc(#loc9)
  ^bb3(%4: i32 loc("f.mlir":1:2), %5: f32 loc(fused<"m">[#loc6])):  // no predecessors
    "ut.op8"() {x = #loc9} : () -> () loc(#loc8)
    "ut.op9"() : () -> () loc(#loc7)
    "ut.op10"() {x = #loc9} : () -> () loc(#loc17)
    "ut.op11"() : () -> () loc(#loc6)
  ^bb4(%6: i32 loc(callsite(#loc18 at #loc19)), %7: f32 loc("name")):  // no predecessors
    "ut.op12"() : () -> () loc(#loc17)
  ^bb5(%8: i32 loc(fused<"m">[#loc6]), %9: f32 loc("f":1:2 to 3:4)):  // no predecessors
    "ut.op13"() {x = #loc23} : () -> () loc(#loc7)
    "ut.op14"() : () -> () loc(#loc9)
    "ut.op15"() : () -> () loc(#loc20)
    "ut.op16"() : () -> () loc(#loc6)
    "ut.op17"() : () -> () loc(#loc20)
    "ut.op18"() : () -> () loc(#loc9)
  ^bb6(%10: i32 loc(callsite(#loc2 at #loc3)), %11: f32 loc("f.mlir":1:2)):  // no predecessors
    "ut.op19"() {x = #loc17} : () -> () loc(#loc6)
  ^bb7(%12: i32 loc(fused[#loc6, #loc12]), %13: f32 loc("f":1:2 to 3:4)):  // no predecessors
    "ut.op20"() {x = #loc8} : () -> () loc(#loc21)
    "ut.op21"() {x = #loc9} : () -> () loc(#loc22)
  ^bb8(%14: i32 loc("n"(#loc13)), %15: f32 loc(fused[#loc6, #loc12])):  // no predecessors
    "ut.op22"() {x = #loc8} : () -> () loc(#loc5)
    "ut.op23"() : () -> () loc(#loc20)
  ^bb9(%16: i32 loc(callsite(#loc18 at #loc19)), %17: f32 loc("name")):  // no predecessors
    "ut.op24"() : () -> () loc(#loc17)
    "ut.op25"() {x = #loc9} : () -> () loc(#loc9)
  ^bb10(%18: i32 loc(unknown), %19: f32 loc("x":1:1)):  // no predecessors
    "ut.op26"() : () -> () loc(#loc5)
    "ut.op27"() : () -> () loc(#loc22)
    "ut.op28"() {x = #loc5} : () -> () loc(#loc22)
    "ut.op29"() : () -> () loc(#loc22)
    "ut.op30"() : () -> () loc(#loc9)
  ^bb11(%20: i32 loc("name"), %21: f32 loc(callsite(#loc2 at #loc3))):  // no predecessors
    "ut.op31"() {x = #loc23} : () -> () loc(#loc20)
    "ut.op32"() : () -> () loc(#loc5)
  ^bb12(%22: i32 loc(fused<"m">[#loc6]), %23: f32 loc("f":1:2 to 3:4)):  // no predecessors
    "ut.op33"() : () -> () loc(#loc23)
  ^bb13(%24: i32 loc(callsite(#loc2 at #loc3)), %25: f32 loc("name")):  // no predecessors
    "ut.op34"() : () -> () loc(#loc9)
    "ut.op35"() {x = #loc7} : () -> () loc(#loc22)
  ^bb14(%26: i32 loc("name"), %27: f32 loc("x":1:1)):  // no predecessors
    "ut.op36"() : () -> () loc(#loc14)
    "ut.op37"() : () -> () loc(#loc7)
  ^bb15(%28: i32 loc(callsite(#loc2 at #loc3)), %29: f32 loc("f.mlir":1:2)):  // no predecessors
    "ut.op38"() : () -> () loc(#loc7)
  ^bb16(%30: i32 loc("f.mlir":1:2), %31: f32 loc(callsite(#loc18 at #loc19))):  // no predecessors
    "ut.op39"() : () -> () loc(#loc9)
    "ut.op40"() : () -> () loc(#loc5)
  ^bb17(%32: i32 loc(callsite(#loc18 at #loc19)), %33: f32 loc("x":1:1)):  // no predecessors
    "ut.op41"() : () -> () loc(#loc6)
  ^bb18(%34: i32 loc(callsite(#loc2 at #loc3)), %35: f32 loc(fused<"m">[#loc6])):  // no predecessors
    "ut.op42"() : () -> () loc(#loc23)
    "ut.op43"() {x = #loc23} : () -> () loc(#loc6)
    "ut.op44"() : () -> () loc(#loc21)
  ^bb19(%36: i32 loc(fused[#loc6, #loc12]), %37: f32 loc(unknown)):  // no predecessors
    "ut.op45"() : () -> () loc(#loc8)
    "ut.op46"() : () -> () loc(#loc20)
    "ut.op47"() : () -> () loc(#loc20)
    "ut.op48"() {x = #loc9} : () -> () loc(#loc20)
    "ut.op49"() : () -> () loc(#loc17)
    "ut.op50"() : () -> () loc(#loc23)
    "ut.op51"() : () -> () loc(#loc21)
    "ut.op52"() : () -> () loc(#loc15)
    "ut.op53"() : () -> () loc(#loc20)
    "ut.op54"() {x = #loc6} : () -> () loc(#loc20)
    "ut.op55"() {x = #loc9} : () -> () loc(#loc6)
    "ut.op56"() {x = #loc8} : () -> () loc(#loc7)
    "ut.op57"() : () -> () loc(#loc9)
  ^bb20(%38: i32 loc("x":1:1), %39: f32 loc(fused[#loc6, #loc12])):  // no predecessors
    "ut.op58"() {x = #loc9} : () -> () loc(#loc21)
  ^bb21(%40: i32 loc(callsite(#loc2 at #loc3)), %41: f32 loc(callsite(#loc2 at #loc3))):  // no predecessors
    "ut.op59"() : () -> () loc(#loc8)
    "ut.end"() : () -> () loc(#loc16)
  }) : () -> () loc(#loc1)
}) : () -> () loc(#loc)
#loc = loc("locations.mlir":0:0)
#loc1 = loc("locations.mlir":1:1)
#loc14 = loc("locations.mlir":52:3)
#loc15 = loc("locations.mlir":73:3)
#loc16 = loc("locations.mlir":83:3)

