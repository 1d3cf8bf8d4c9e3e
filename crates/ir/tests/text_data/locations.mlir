"ut.top"() ({
  "ut.op0"()  : () -> () loc(callsite("a":1:1 at "b":2:2))
  "ut.op1"() {x = loc(callsite("a":1:1 at "b":2:2))} : () -> () loc(callsite("a":1:1 at "b":2:2))
^bb2(%a2: i32 , %b2: f32 loc("f.mlir":1:2)):
  "ut.op2"()  : () -> () loc(fused["x":1:1, unknown])
  "ut.op3"()  : () -> () loc("name")
^bb4(%a4: i32 loc(callsite("a":1:1 at "b":2:2)), %b4: f32 loc("f.mlir":1:2)):
  "ut.op4"()  : () -> () loc("f":1:2 to 3:4)
  "ut.op5"()  : () -> () loc(fused["x":1:1, unknown])
  "ut.op6"()  : () -> () loc("f":1:2 to 3:4)
  "ut.op7"() {x = loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))} : () -> () loc(unknown)
^bb8(%a8: i32 loc("f.mlir":1:2), %b8: f32 loc(fused<"m">["x":1:1])):
  "ut.op8"() {x = loc(unknown)} : () -> () loc("f":1:2 to 3:4)
  "ut.op9"()  : () -> () loc("name")
  "ut.op10"() {x = loc(unknown)} : () -> () loc(callsite("a":1:1 at "b":2:2))
  "ut.op11"()  : () -> () loc(fused["x":1:1, unknown])
^bb12(%a12: i32 loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3))), %b12: f32 loc("name")):
  "ut.op12"()  : () -> () loc(callsite("a":1:1 at "b":2:2))
^bb13(%a13: i32 loc(fused<"m">["x":1:1]), %b13: f32 loc("f":1:2 to 3:4)):
  "ut.op13"() {x = loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))} : () -> () loc("name")
  "ut.op14"()  : () -> () loc(unknown)
  "ut.op15"()  : () -> () loc(fused<"m">["x":1:1])
  "ut.op16"()  : () -> () loc(fused["x":1:1, unknown])
  "ut.op17"()  : () -> () loc(fused<"m">["x":1:1])
  "ut.op18"()  : () -> () loc(unknown)
^bb19(%a19: i32 loc(callsite("a":1:1 at "b":2:2)), %b19: f32 loc("f.mlir":1:2)):
  "ut.op19"() {x = loc(callsite("a":1:1 at "b":2:2))} : () -> () loc(fused["x":1:1, unknown])
^bb20(%a20: i32 loc(fused["x":1:1, "y":2:2]), %b20: f32 loc("f":1:2 to 3:4)):
  "ut.op20"() {x = loc("f":1:2 to 3:4)} : () -> () loc(fused["x":1:1, "y":2:2])
  "ut.op21"() {x = loc(unknown)} : () -> () loc("n"("f":3:4))
^bb22(%a22: i32 loc("n"("f":3:4)), %b22: f32 loc(fused["x":1:1, "y":2:2])):
  "ut.op22"() {x = loc("f":1:2 to 3:4)} : () -> () loc("f.mlir":1:2)
  "ut.op23"()  : () -> () loc(fused<"m">["x":1:1])
^bb24(%a24: i32 loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3))), %b24: f32 loc("name")):
  "ut.op24"()  : () -> () loc(callsite("a":1:1 at "b":2:2))
  "ut.op25"() {x = loc(unknown)} : () -> () loc(unknown)
^bb26(%a26: i32 loc(unknown), %b26: f32 loc(fused["x":1:1, unknown])):
  "ut.op26"()  : () -> () loc("f.mlir":1:2)
  "ut.op27"()  : () -> () loc("n"("f":3:4))
  "ut.op28"() {x = loc("f.mlir":1:2)} : () -> () loc("n"("f":3:4))
  "ut.op29"()  : () -> () loc("n"("f":3:4))
  "ut.op30"()  : () -> () loc(unknown)
^bb31(%a31: i32 loc("name"), %b31: f32 loc(callsite("a":1:1 at "b":2:2))):
  "ut.op31"() {x = loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))} : () -> () loc(fused<"m">["x":1:1])
  "ut.op32"()  : () -> () loc("f.mlir":1:2)
^bb33(%a33: i32 loc(fused<"m">["x":1:1]), %b33: f32 loc("f":1:2 to 3:4)):
  "ut.op33"()  : () -> () loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))
^bb34(%a34: i32 loc(callsite("a":1:1 at "b":2:2)), %b34: f32 loc("name")):
  "ut.op34"()  : () -> () loc(unknown)
  "ut.op35"() {x = loc("name")} : () -> () loc("n"("f":3:4))
^bb36(%a36: i32 loc("name"), %b36: f32 loc(fused["x":1:1, unknown])):
  "ut.op36"()  : () -> () 
  "ut.op37"()  : () -> () loc("name")
^bb38(%a38: i32 loc(callsite("a":1:1 at "b":2:2)), %b38: f32 loc("f.mlir":1:2)):
  "ut.op38"()  : () -> () loc("name")
^bb39(%a39: i32 loc("f.mlir":1:2), %b39: f32 loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))):
  "ut.op39"()  : () -> () loc(unknown)
  "ut.op40"()  : () -> () loc("f.mlir":1:2)
^bb41(%a41: i32 loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3))), %b41: f32 loc(fused["x":1:1, unknown])):
  "ut.op41"()  : () -> () loc(fused["x":1:1, unknown])
^bb42(%a42: i32 loc(callsite("a":1:1 at "b":2:2)), %b42: f32 loc(fused<"m">["x":1:1])):
  "ut.op42"()  : () -> () loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))
  "ut.op43"() {x = loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))} : () -> () loc(fused["x":1:1, unknown])
  "ut.op44"()  : () -> () loc(fused["x":1:1, "y":2:2])
^bb45(%a45: i32 loc(fused["x":1:1, "y":2:2]), %b45: f32 loc(unknown)):
  "ut.op45"()  : () -> () loc("f":1:2 to 3:4)
  "ut.op46"()  : () -> () loc(fused<"m">["x":1:1])
  "ut.op47"()  : () -> () loc(fused<"m">["x":1:1])
  "ut.op48"() {x = loc(unknown)} : () -> () loc(fused<"m">["x":1:1])
  "ut.op49"()  : () -> () loc(callsite("a":1:1 at "b":2:2))
  "ut.op50"()  : () -> () loc(callsite("n"("q":1:1) at callsite("a":1:1 at "c":3:3)))
  "ut.op51"()  : () -> () loc(fused["x":1:1, "y":2:2])
  "ut.op52"()  : () -> () 
  "ut.op53"()  : () -> () loc(fused<"m">["x":1:1])
  "ut.op54"() {x = loc(fused["x":1:1, unknown])} : () -> () loc(fused<"m">["x":1:1])
  "ut.op55"() {x = loc(unknown)} : () -> () loc(fused["x":1:1, unknown])
  "ut.op56"() {x = loc("f":1:2 to 3:4)} : () -> () loc("name")
  "ut.op57"()  : () -> () loc(unknown)
^bb58(%a58: i32 loc(fused["x":1:1, unknown]), %b58: f32 loc(fused["x":1:1, "y":2:2])):
  "ut.op58"() {x = loc(unknown)} : () -> () loc(fused["x":1:1, "y":2:2])
^bb59(%a59: i32 loc(callsite("a":1:1 at "b":2:2)), %b59: f32 loc(callsite("a":1:1 at "b":2:2))):
  "ut.op59"()  : () -> () loc("f":1:2 to 3:4)
  "ut.end"() : () -> ()
}) : () -> ()
