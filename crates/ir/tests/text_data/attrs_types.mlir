"ut.op0"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1 = dense<[[(-3, -4), (2, -1), (-3, -4)], [(3, 5), (-5, 4), (1, 2)], [(5, 4), (5, -3), (4, -5)], [(3, -4), (-5, -5), (-2, -2)]]> : tensor<4x3xcomplex<i16>>, k2 = unit, k3 = 5 : i3} : () -> ()
%v1 = "ut.op1"() {k0 = [dense<0.0> : tensor<bf16>, @x::@y::@z], k1 = affine_map<(d0) -> (d0)>, k2 = loc("n"("f":3:4)), k3 = complex<f16>, k4 = 6.5e-3 : f16} : () -> tensor<ui8, #ut.enc<"x">>
%v2 = "ut.op2"() {k0 = dense<[72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72, 72]> : tensor<101xindex>} : () -> index
"ut.op3"() {k0 = 60 : ui8, k1 = "a\"b", k2 = loc("f.mlir":1:2)} : () -> ()
%v4 = "ut.op4"() {k0 = dense<[-2.5, -2.5, -2.5]> : tensor<3xbf16>} : () -> tensor<*xf64>
"ut.op5"() {k0 = [], k1 = {a0 = [@x::@y::@z], a1 = 1084 : i16}, k2 = -2099793609772765040 : index, k3 = -0.0 : f16} : () -> ()
%v6 = "ut.op6"() {k0 = unit} : () -> none
"ut.op7"() {k0 = unit, k1 = dense<[56, -37, 85, -52, -60, 89, 61, 41, -50, 75, -1, 23, 54, -80, 7, -88, -74, -73, -91, 31, -35, -39, 89, 80, 0, -35, 7, 52, 25, -25, 33, -56, 84, -83, -68, -42, 22, 43, 67, 57, 57, -82, -29, -46, -48, 91, -96, -83, -32, 5, 14, -37, -85, -89, -55, -28, -6, 35, 46, -67, -77, -8, -65, 15, -16, 68, 87, 76, 33, 49, -65, 51, -92, -96, 21, -9, 79, -21, -92, -95, 53, 62, -81, 23, -83, 87, -21, -19, -66, -82, -81, 15, 39, -6, 88, -89, 88, 88, 80, -67, -13, -10, -79, 75, 21, -81, 6, -93, 27, 46, -97, 59, 69, -3, -3, 49, -97, 55, -82, -80]> : tensor<120xi32>} : () -> ()
%v8:2 = "ut.op8"() {k0 = {qk0 = affine_set<(d0) : (d0 >= 0)>, qk1 = dense<[1.0, 1.0]> : tensor<2xf64>, a2 = dense<> : tensor<120x0xi1>}} : () -> (si8, tuple<none, tuple<vector<[8]x[4]x[4]xf16>, ui32, i64>, tensor<si8, 5 : i32>, f64, ui8, (tuple<f32, i8, i8, i17, index, i1, f16, i1, i17, i64, i32, si64, ui8, f64, i1, i8, i17, si8>, vector<[8]xf16>) -> (), vector<4x[8]x1xui32>, vector<4xui8>, f16, complex<i32>, tuple<tensor<0x?xf32>, bf16>, none, vector<[8]xi8>, ui32, memref<1x4xf64, 0>, complex<i32>, complex<f32>, vector<[4]x1xi17>>)
%v9 = "ut.op9"() {k0 = dense<54> : tensor<index>, k1 = @f, k2 = array<i1: false, true, false, true>, k3 = loc(unknown), k4 = 2.5} : () -> f64
%v10 = "ut.op10"() {k0 = "\n\t\00\FF", k1 = @"a b"::@c, k2 = array<i32>, k3 = [unit, 8804267881622632757 : i64, 2198304845 : i32]} : () -> si64
%v11:2 = "ut.op11"() {k0 = unit, k1 = dense<1.0e20> : tensor<f32>} : () -> (ui8, () -> memref<1x1x1xf32, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, 0>)
"ut.op12"() {k0 = vector<[4]xi32>, k1 = "a\"b"} : () -> ()
%v13 = "ut.op13"() {k0 = {"q k0" = #ut.n<a = 1, b = [1, 2]>, b1 = [true, 2.5, ui32], b2 = strided<[]>}} : () -> i8
"ut.op14"() {k0 = unit, k1 = array<f32: 1.5, 1.5, 1.5>, k2 = 2.5, k3 = {}, k4 = unit} : () -> ()
%v15 = "ut.op15"() {k0 = false, k1 = 1.0e10 : f16} : () -> (() -> (tensor<1xf32, "e">, tuple<memref<?xf64, {a = 1}>, vector<1x2x2xi17>, memref<1x2xbf16, affine_map<(d0, d1) -> (d0, d1 + 1)>, 2 : i32>>))
"ut.op16"() {k0 = [3.14159 : f32], k1 = -8, k2 = [false, f16], k3 = unit} : () -> ()
"ut.op17"() {k0 = 2.5, k1 = true, k2 = loc("f.mlir":1:2), k3 = strided<[1, ?], offset: 4>, k4 = unit} : () -> ()
"ut.op18"() {k0 = unit} : () -> ()
"ut.op19"() {k0 = {a0 = strided<[]>, a1 = 3.14159 : f32, e12 = array<i64: 22, -38, 31, 6>}, k1 = strided<[?]>} : () -> ()
%v20:2 = "ut.op20"() {k0 = unit, k1 = true, k2 = @f, k3 = @"a b"::@c, k4 = "x" : i32} : () -> (tensor<4x4x2xindex, "e">, complex<f64>)
"ut.op21"() {k0 = array<i32: -47, -49>, k1 = strided<[]>, k2 = unit} : () -> ()
%v22 = "ut.op22"() {k0 = @x::@y::@z, k1 = @f} : () -> tensor<?x1xf64, "e">
"ut.op23"() {k0 = strided<[]>, k1 = 123925 : i17, k2 = affine_map<(d0, d1) -> (d1, d0)>} : () -> ()
"ut.op24"() {k0 = unit, k1 = loc("f.mlir":1:2)} : () -> ()
"ut.op25"() {k0 = @"a b"::@c, k1 = 1.0 : bf16, k2 = "hello", k3 = ((memref<1x1xf32, strided<[1, 1]>, 1>) -> ui8) -> (i3, i3), k4 = array<f64: 0.25>} : () -> ()
"ut.op26"() {k0 = 2275390505789631271 : i64} : () -> ()
%v27:2 = "ut.op27"() {k0 = array<i32>, k1 = strided<[]>} : () -> (i3, tuple<vector<2x[8]xi64>, tensor<*xf16>, vector<[8]x2xf16>>)
"ut.op28"() {k0 = ui32, k1 = {c.d0 = unit}} : () -> ()
%v29:2 = "ut.op29"() {k0 = affine_map<(d0, d1) -> (d1, d0)>, k1 = 6.5e-3 : f16, k2 = dense<(-1, -2)> : tensor<120x0xcomplex<i16>>, k3 = affine_set<(d0) : (d0 >= 0)>} : () -> (index, tuple<vector<2x2xi32>, f32>)
"ut.op30"() {k0 = unit, k1 = affine_set<(d0) : (d0 >= 0)>, k2 = affine_map<(d0, d1) -> (d1, d0)>, k3 = dense<86> : tensor<0x120xi64>, k4 = affine_set<(d0) : (d0 >= 0)>} : () -> ()
%v31:2 = "ut.op31"() {k0 = tensor<16x4xui8, "e">} : () -> ((si8, f32) -> vector<4x1x[4]xindex>, () -> (tensor<*xf32>, i32))
"ut.op32"() {k0 = 0.0 : f16, k1 = #ut.n<a = 1, b = [1, 2]>, k2 = [dense<[72, -66, 26, 24, 37, 84, -82, 81, 58, -89, 5, 93, 70, -11, -100, -4, -78, 18, 38, 63, -94, 34, -8, 81, -98, -72, 7, 7, -63, -38, 89, -59, 62, -4, 75, -58, -18, -48, -1, 8, 35, -26, -30, -85, 20, -22, 87, -71, -23, 65, -61, 98, -55, -85, 92, 17, -96, 49, 23, -91, -20, -73, -50, -53, -9, -45, 50, -40, 53, 83, 20, 52, 30, -43, 13, -53, -29, 3, -56, 93, -21, 60, 40, 40, 22, -34, 24, 3, -13, 69, 40, 97, -77, 23, -44, 2, -88, -45, -66, -2, 35, 32, 98, -30, -86, 68, -40, -98, 20, -5, 15, -37, 82, 7, 55, -60, 6, -60, 97, -18]> : vector<120xindex>]} : () -> ()
"ut.op33"() {k0 = affine_set<(d0) : (d0 >= 0)>, k1 = "" : tensor<2xf32>, k2 = {}} : () -> ()
"ut.op34"() {k0 = strided<[]>, k1 = -5, k2 = #ut<"verbose">, k3 = 3.14159 : f32, k4 = array<i1: false, true, false>} : () -> ()
"ut.op35"() {k0 = @f, k1 = affine_set<(d0) : (d0 >= 0)>} : () -> ()
%v36:2 = "ut.op36"() {k0 = [], k1 = array<i64: 13, -30, -11, -10>, k2 = {"q k0" = {a0 = i64, "q k1" = @x::@y::@z, a2 = false}, "q k1" = @x::@y::@z, b2 = {}}, k3 = dense<(-3, -1)> : tensor<complex<i16>>} : () -> (complex<f32>, tensor<*xf32>)
"ut.op37"() {k0 = [loc("f.mlir":1:2), i17, unit], k1 = dense<59> : tensor<120xindex>} : () -> ()
%v38 = "ut.op38"() {k0 = true, k1 = "a\"b"} : () -> f32
%v39:2 = "ut.op39"() {k0 = loc("f.mlir":1:2), k1 = 1.0 : bf16, k2 = 6.5e-3 : f64, k3 = (ui8, (bf16) -> (f16, tuple<i1>)) -> ui32, k4 = {"q k0" = @f, c.d1 = #ut.attr<"x" 1>, b2 = {c.d0 = unit, b1 = unit}}} : () -> (ui8, tensor<?xi3, #ut.enc<"x">>)
"ut.op40"() {k0 = unit, k1 = @x::@y::@z, k2 = si64, k3 = {qk0 = loc(unknown), e11 = array<f32: 1.5, 0.25, -2.0, 1.5>, c.d2 = unit}} : () -> ()
%v41 = "ut.op41"() {k0 = affine_map<(d0) -> (d0)>} : () -> tuple<tuple<i16>>
%v42 = "ut.op42"() {k0 = 70 : ui8, k1 = {a0 = "a\"b", a1 = "" : tensor<2xf32>, e12 = @f}, k2 = complex<bf16>, k3 = unit} : () -> i8
"ut.op43"() {k0 = @"a b"::@c, k1 = unit} : () -> ()
"ut.op44"() {k0 = (none) -> (() -> (ui32, (ui32) -> ()), bf16), k1 = loc(callsite("a":1:1 at "b":2:2)), k2 = unit, k3 = complex<i32>} : () -> ()
%v45 = "ut.op45"() {k0 = -0.0 : f64, k1 = @f} : () -> vector<2x[8]x[4]xi16>
"ut.op46"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1 = unit, k2 = strided<[]>} : () -> ()
%v47:2 = "ut.op47"() {k0 = unit, k1 = -2.5 : f16, k2 = "hello", k3 = affine_set<(d0) : (d0 >= 0)>} : () -> (tensor<1x16xi1, 5 : i32>, i16)
"ut.op48"() {k0 = affine_map<(d0, d1) -> (d1, d0)>, k1 = #ut.n<a = 1, b = [1, 2]>, k2 = "\n\t\00\FF", k3 = loc(fused["x":1:1, "y":2:2])} : () -> ()
%v49 = "ut.op49"() {k0 = {}} : () -> complex<f32>
%v50:2 = "ut.op50"() {k0 = "x" : i32, k1 = affine_map<(d0) -> (d0)>, k2 = [#ut.attr<"x" 1>, [#ut.simple, affine_map<(d0, d1) -> (d1, d0)>]], k3 = 58709 : i16} : () -> (i3, i8)
%v51 = "ut.op51"() {k0 = {c.d0 = #ut.n<a = 1, b = [1, 2]>, b1 = none}} : () -> i3
%v52 = "ut.op52"() {k0 = 3.14159 : bf16, k1 = [strided<[1, ?], offset: 4>, tensor<*xbf16>], k2 = {c.d0 = "hello"}} : () -> none
%v53:2 = "ut.op53"() {k0 = 1.0 : f16, k1 = {e10 = 2.5, "q k1" = "\n\t\00\FF"}, k2 = loc(fused["x":1:1, "y":2:2]), k3 = -13006 : i16, k4 = affine_map<(d0) -> (d0)>} : () -> (() -> i16, tuple<tensor<0x16xsi8, #ut.enc<"x">>, bf16>)
"ut.op54"() {k0 = false, k1 = array<f16: 0.25, 0.25>} : () -> ()
"ut.op55"() {k0 = dense<182> : tensor<120xui8>, k1 = -5902272473902995265 : index, k2 = "" : tensor<2xf32>} : () -> ()
%v56:2 = "ut.op56"() {k0 = dense<[(1.0, 1.0), (1.0, 1.0), (0.5, 1.0), (1.0, -2.0), (-2.0, 1.0), (0.5, -2.0), (0.5, -2.0), (0.5, -2.0), (1.0, 1.0), (-2.0, -2.0), (1.0, 1.0), (-2.0, -2.0), (1.0, -2.0), (-2.0, -2.0), (-2.0, 1.0), (0.5, 1.0), (1.0, -2.0), (0.5, 1.0), (1.0, -2.0), (0.5, 1.0), (1.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (0.5, -2.0), (-2.0, -2.0), (1.0, 1.0), (0.5, 1.0), (-2.0, -2.0), (1.0, 1.0), (-2.0, -2.0), (1.0, 1.0), (-2.0, -2.0), (-2.0, 1.0), (1.0, 1.0), (-2.0, 1.0), (0.5, -2.0), (0.5, 1.0), (-2.0, -2.0), (1.0, -2.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, 1.0), (1.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (0.5, -2.0), (-2.0, -2.0), (-2.0, -2.0), (0.5, 1.0), (-2.0, 1.0), (0.5, -2.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, -2.0), (0.5, 1.0), (0.5, 1.0), (0.5, -2.0), (0.5, -2.0), (0.5, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (1.0, 1.0), (0.5, 1.0), (1.0, -2.0), (-2.0, -2.0), (1.0, -2.0), (-2.0, -2.0), (0.5, 1.0), (-2.0, -2.0), (0.5, 1.0), (-2.0, 1.0), (1.0, 1.0), (0.5, 1.0), (1.0, 1.0), (-2.0, -2.0), (-2.0, -2.0), (0.5, 1.0), (0.5, -2.0), (-2.0, -2.0), (0.5, -2.0), (1.0, 1.0), (-2.0, -2.0), (-2.0, 1.0), (-2.0, -2.0), (1.0, 1.0), (-2.0, -2.0), (-2.0, 1.0), (1.0, 1.0), (1.0, -2.0), (0.5, 1.0), (0.5, -2.0), (0.5, 1.0), (1.0, -2.0), (0.5, 1.0), (-2.0, 1.0), (0.5, -2.0), (1.0, -2.0), (1.0, -2.0), (-2.0, 1.0), (-2.0, -2.0), (-2.0, -2.0), (-2.0, -2.0), (1.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (0.5, 1.0), (0.5, -2.0), (-2.0, 1.0), (-2.0, -2.0), (0.5, -2.0), (0.5, 1.0), (-2.0, 1.0), (-2.0, 1.0), (-2.0, -2.0), (1.0, -2.0), (-2.0, -2.0), (-2.0, -2.0), (-2.0, 1.0)]> : tensor<120xcomplex<f32>>, k1 = 0 : i1, k2 = unit, k3 = {b0 = false, c.d1 = affine_map<(d0, d1) -> (d1, d0)>}, k4 = 5007791048973350209 : index} : () -> (bf16, tensor<*xf32>)
%v57 = "ut.op57"() {k0 = #ut.n<a = 1, b = [1, 2]>} : () -> (() -> ())
%v58:2 = "ut.op58"() {k0 = {qk0 = 2593 : i16, b1 = []}, k1 = affine_set<(d0) : (d0 >= 0)>, k2 = @f, k3 = [#ut.attr<"x" 1>, unit, #ut.simple], k4 = {"q k0" = -3, b1 = ["\n\t\00\FF"]}} : () -> (complex<f32>, tuple<none, i3, memref<1x?x?xf64, 2 : i32>, bf16, tensor<2x4xi17, "e">, complex<f32>, tuple<ui8>, memref<4x1x2xf32, strided<[?, ?, ?], offset: ?>, "gpu">, si8, none, memref<2x4xbf16, strided<[1, 4], offset: ?>, 2 : i32>, i32, vector<2x1xi32>, tensor<1x2x?xf32, 5 : i32>, complex<bf16>, () -> (vector<2x[4]x[8]xsi8>, complex<f64>), memref<?x2xf64, affine_map<(d0, d1) -> (d0, d1)>, 1>, i3>)
"ut.op59"() {k0 = dense<-62> : tensor<i64>} : () -> ()
%v60:2 = "ut.op60"() {k0 = affine_map<(d0, d1) -> (d1, d0)>} : () -> (si8, i64)
"ut.op61"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1 = dense<42> : tensor<index>} : () -> ()
%v62 = "ut.op62"() {k0 = array<f32: -2.0, -2.0, 1.5, -2.0>, k1 = #ut<"verbose">} : () -> tensor<?xi32, #ut.enc<"x">>
"ut.op63"() {k0 = {"q k0" = array<i32>, a1 = affine_map<(d0) -> (d0)>}} : () -> ()
"ut.op64"() {k0 = -1297 : i17, k1 = strided<[?]>, k2 = dense<> : tensor<0xcomplex<i16>>} : () -> ()
%v65 = "ut.op65"() {k0 = @x::@y::@z, k1 = @"a b"::@c, k2 = affine_set<(d0) : (d0 >= 0)>, k3 = 1 : i1} : () -> tuple<tuple<tuple<ui32, i17>, si8, i64, vector<2xi32>, si64, () -> (), tensor<?x2x0xi1, #ut.enc<"x">>, tuple<>, tensor<*xf32>, vector<[8]x[4]xi17>, f16, tuple<i1>, f16, tensor<0xf32, 5 : i32>, (i32, f32) -> bf16, vector<1x1xi8>, tensor<4x2x0xi8>, memref<4x2x2xf64, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, {a = 1}>>, () -> (), none, si8, memref<?xf16, affine_map<(d0) -> (d0 + 1)>, 1>, i8, complex<i32>, none, i1, vector<2x[4]xi16>, f32, none, tensor<*xf64>, tensor<*xbf16>, memref<2xf32, affine_map<(d0) -> (d0 + 1)>, 0>, si8, tensor<4x?x?xui32, #ut.enc<"x">>>
%v66:2 = "ut.op66"() {k0 = array<f64: -2.0, 1.5, -2.0>, k1 = loc("n"("f":3:4))} : () -> (vector<[4]x[4]x[4]xsi8>, none)
"ut.op67"() {k0 = "\n\t\00\FF"} : () -> ()
"ut.op68"() {k0 = tuple<i16, tuple<vector<4xi17>, (i32) -> ()>>, k1 = () -> complex<f16>, k2 = #ut.simple} : () -> ()
"ut.op69"() {k0 = [@f, loc(callsite("a":1:1 at "b":2:2)), unit], k1 = [true, complex<i32>, dense<> : tensor<0x0xbf16>], k2 = [], k3 = @"a b"::@c} : () -> ()
%v70:2 = "ut.op70"() {k0 = affine_map<(d0, d1) -> (d1, d0)>, k1 = @"a b"::@c, k2 = {"q k0" = affine_set<(d0) : (d0 >= 0)>, "q k1" = true}, k3 = dense<-93> : tensor<i8>, k4 = loc(fused["x":1:1, "y":2:2])} : () -> (tensor<4xsi64>, ui32)
%v71:2 = "ut.op71"() {k0 = true, k1 = [], k2 = strided<[1, ?], offset: 4>, k3 = @f} : () -> (tensor<*xf16>, f32)
%v72 = "ut.op72"() {k0 = strided<[?]>, k1 = affine_map<(d0) -> (d0)>, k2 = array<f32: -2.0>, k3 = () -> (tensor<16xf64, 5 : i32>, tensor<*xf64>)} : () -> si64
%v73 = "ut.op73"() {k0 = #ut.attr<"x" 1>, k1 = 6.5e-3 : f32, k2 = array<i1>} : () -> tensor<*xf16>
"ut.op74"() {k0 = [true], k1 = array<f32: -2.0, -2.0>, k2 = strided<[]>, k3 = [dense<-74> : tensor<si8>, dense<-64> : tensor<i8>, unit], k4 = array<i8: 29, 28, 41>} : () -> ()
"ut.op75"() {k0 = #ut.attr<"x" 1>, k1 = [strided<[]>], k2 = loc(fused<"m">["x":1:1]), k3 = loc(callsite("a":1:1 at "b":2:2))} : () -> ()
"ut.op76"() {k0 = array<f32>, k1 = @f, k2 = dense<[37]> : vector<1xindex>} : () -> ()
%v77 = "ut.op77"() {k0 = vector<1x[4]x1xi32>, k1 = @x::@y::@z, k2 = {c.d0 = [1.0 : f64, false], a1 = -8}, k3 = "" : tensor<2xf32>} : () -> (() -> (si64, si64))
"ut.op78"() {k0 = [loc("f.mlir":1:2), tensor<*xf16>, loc(fused["x":1:1, "y":2:2])], k1 = tuple<complex<bf16>, tensor<1x4xsi64>, i16, i17, (() -> i32, i3) -> ui32, i64, complex<f16>, none, i16, tuple<vector<1x4x[8]xbf16>, i16, i16, memref<4x4xf16, affine_map<(d0, d1) -> (d0, d1 + 1)>, {a = 1}>, tuple<i32, f16, i32, ui8, ui32, i32, i17, i8, f16, f64, f16, f64, si8, ui32, si64, si64, f16, f32>, memref<4x2xf32, strided<[?, 4], offset: ?>, 0>, (i16, i17) -> ui8, tensor<*xbf16>, none, tensor<*xbf16>, i32, memref<2xf64, affine_map<(d0) -> (d0)>, "gpu">, i64, tuple<i64, ui8>, tuple<>, ui8, tuple<i32, index, i17, si64, i17, index, i64, i16, index, i64, si8, i64, si8, i17, bf16, si64, i3, si64>, ui8>, complex<i32>, vector<1xi32>, tensor<*xf32>, tensor<*xf16>, si64, i64, i16>, k2 = "hello", k3 = @x::@y::@z} : () -> ()
"ut.op79"() {k0 = array<i1: true, true, false>, k1 = unit, k2 = dense<(1.0, -2.0)> : tensor<complex<f32>>, k3 = [], k4 = loc(callsite("a":1:1 at "b":2:2))} : () -> ()
%v80:2 = "ut.op80"() {k0 = affine_set<(d0) : (d0 >= 0)>, k1 = 3.14159 : bf16, k2 = ["" : tensor<2xf32>, #ut<"verbose">], k3 = #ut.n<a = 1, b = [1, 2]>, k4 = affine_map<(d0) -> (d0)>} : () -> (tuple<si8>, tensor<index>)
"ut.op81"() {k0 = 95 : ui8, k1 = loc(fused["x":1:1, "y":2:2]), k2 = array<f16: 0.25, 1.5, 1.5, -2.0>} : () -> ()
%v82 = "ut.op82"() {k0 = @f, k1 = @"a b"::@c} : () -> f16
%v83 = "ut.op83"() {k0 = affine_map<(d0) -> (d0)>} : () -> si64
"ut.op84"() {k0 = loc("n"("f":3:4)), k1 = array<f64: -2.0, 0.25>, k2 = ["a\"b", "a\"b", {c.d0 = "a\"b", e11 = {a0 = "\n\t\00\FF", c.d1 = array<i32: 36>}, "q k2" = []}], k3 = 1.0 : bf16, k4 = @x::@y::@z} : () -> ()
"ut.op85"() {k0 = false, k1 = 2.5, k2 = @x::@y::@z} : () -> ()
%v86 = "ut.op86"() {k0 = strided<[]>, k1 = @"a b"::@c, k2 = array<f32>} : () -> tensor<i8, "e">
%v87:2 = "ut.op87"() {k0 = 0.0 : f64, k1 = [affine_map<(d0, d1) -> (d1, d0)>], k2 = [i64, "\n\t\00\FF"], k3 = 3165315846 : i32} : () -> (none, tensor<*xf32>)
%v88:2 = "ut.op88"() {k0 = #ut.attr<"x" 1>, k1 = "\n\t\00\FF"} : () -> (index, i32)
%v89:2 = "ut.op89"() {k0 = array<f32: 0.25, -2.0, 0.25, -2.0>, k1 = -0.0 : f16, k2 = affine_map<(d0, d1) -> (d1, d0)>} : () -> (memref<?x2xf64, strided<[1, 4], offset: ?>, 1>, vector<[8]xi1>)
"ut.op90"() {k0 = strided<[?]>, k1 = @x::@y::@z, k2 = 16624062938756149018 : i64, k3 = #ut<"verbose">} : () -> ()
%v91 = "ut.op91"() {k0 = [strided<[1, ?], offset: 4>, unit, true]} : () -> ui32
"ut.op92"() {k0 = "\n\t\00\FF"} : () -> ()
%v93 = "ut.op93"() {k0 = {c.d0 = unit, b1 = bf16}, k1 = @x::@y::@z, k2 = unit} : () -> f64
%v94 = "ut.op94"() {k0 = true, k1 = dense<> : tensor<0x3xcomplex<f32>>} : () -> ui32
%v95:2 = "ut.op95"() {k0 = true, k1 = true, k2 = tensor<*xf64>} : () -> ((f64, none) -> (none, ui32), none)
"ut.op96"() {k0 = true} : () -> ()
"ut.op97"() {k0 = array<i64>, k1 = 1.0 : f32, k2 = #ut.n<a = 1, b = [1, 2]>} : () -> ()
%v98 = "ut.op98"() {k0 = [], k1 = @"a b"::@c, k2 = array<i1>} : () -> memref<2x2xf64, affine_map<(d0, d1) -> (d0, d1)>, {a = 1}>
%v99:2 = "ut.op99"() {k0 = true, k1 = true, k2 = strided<[?]>} : () -> (index, memref<4xf16, affine_map<(d0) -> (d0)>>)
%v100:2 = "ut.op100"() {k0 = false, k1 = dense<0.0> : tensor<101x2xbf16>, k2 = #ut.n<a = 1, b = [1, 2]>, k3 = {"q k0" = loc("f":1:2 to 3:4), e11 = true}, k4 = loc(fused<"m">["x":1:1])} : () -> (bf16, tensor<4x16xi3, "e">)
%v101:2 = "ut.op101"() {k0 = loc("n"("f":3:4)), k1 = 6, k2 = strided<[]>, k3 = []} : () -> (bf16, i17)
"ut.op102"() {k0 = 443505734 : ui32, k1 = tensor<0x0xf32, 5 : i32>} : () -> ()
%v103 = "ut.op103"() {k0 = -0.0 : f32, k1 = dense<true> : tensor<i1>, k2 = dense<> : tensor<4x0xsi8>} : () -> i16
%v104 = "ut.op104"() {k0 = 84 : si8, k1 = [affine_map<(d0) -> (d0)>, strided<[1, ?], offset: 4>, affine_map<(d0) -> (d0)>], k2 = 6.5e-3 : f64} : () -> complex<i32>
%v105:2 = "ut.op105"() {k0 = @f, k1 = array<i1: true>, k2 = strided<[]>, k3 = unit, k4 = "a\"b"} : () -> (tuple<tensor<i8, "e">, tensor<*xf64>>, i17)
%v106 = "ut.op106"() {k0 = array<i1>} : () -> none
%v107:2 = "ut.op107"() {k0 = @"a b"::@c, k1 = unit} : () -> (i3, () -> ())
"ut.op108"() {k0 = "a\"b", k1 = -2155303366034524344 : index, k2 = loc(callsite("a":1:1 at "b":2:2)), k3 = loc(callsite("a":1:1 at "b":2:2)), k4 = unit} : () -> ()
%v109:2 = "ut.op109"() {k0 = [unit, #ut.simple, affine_set<(d0) : (d0 >= 0)>], k1 = 3.14159 : f32} : () -> ((vector<4x4xi17>, tuple<none, vector<4x[8]x2xi16>, none, none, (i3, f32) -> index, i16, tuple<i1, si64, i17, f16, f16, ui8, bf16, i8, f16, ui32, f64, bf16, i1, ui32, i1, ui32, f64>, f64, complex<f64>, tensor<*xf16>, none, complex<f32>, tensor<index>, memref<2x1x4xf16, affine_map<(d0, d1, d2) -> (d0, d1, d2 + 1)>, "gpu">, (index, i3) -> (), i32, tensor<2xf64>, i1>) -> (tuple<tuple<ui8, ui32, index, si64, i3, ui32, ui32, bf16, si8, si8, si64, ui32, i3, i8, i8, i16, i1, i8>>, none), () -> ())
"ut.op110"() {k0 = -4193625117911123379 : si64, k1 = true, k2 = loc(fused<"m">["x":1:1]), k3 = index} : () -> ()
%v111 = "ut.op111"() {k0 = -127 : si8, k1 = [{"q k0" = si8, a1 = "hello"}, dense<> : tensor<4x0xf64>], k2 = unit, k3 = strided<[?]>, k4 = dense<[35, 47, 36, -43, -28, -95, -25, -23, 0, -92, 65, -90, 58, 16, -27, 33, -52, -6, 42, 75, 18, 77, -5, 90, 16, -77, 1, 28, 41, -42, 48, 67, -51, -81, -72, -37, 36, -15, 39, 9, 31, 42, -21, -91, -26, 32, -9, -81, 36, -72, -97, -63, -1, 83, 63, 92, -72, 14, 43, 11, 51, 95, 39, 51, -86, 49, 81, -56, -83, 18, 90, -38, 72, 27, -45, 14, 66, 39, -14, 47, 61, 57, -96, -97, -44, 84, 68, -46, 54, -82, -38, 95, -21, -15, -55, 43, 33, -75, 63, -53, -33, -52, 85, -43, 94, -58, -86, -12, -92, 85, 83, -65, -49, 62, -93, 89, -59, 21, 65, -18]> : vector<120xindex>} : () -> memref<?x?xf64, strided<[1, 1]>, 1>
%v112:2 = "ut.op112"() {k0 = @x::@y::@z, k1 = true, k2 = @"a b"::@c} : () -> (vector<2x2x[4]xi16>, si8)
%v113:2 = "ut.op113"() {k0 = @"a b"::@c, k1 = affine_set<(d0) : (d0 >= 0)>} : () -> (f16, tuple<bf16, () -> (i32, si64), () -> (memref<?xbf16, strided<[1]>, {a = 1}>, none)>)
%v114 = "ut.op114"() {k0 = 0.0 : f16} : () -> bf16
"ut.op115"() {k0 = @x::@y::@z, k1 = "\n\t\00\FF", k2 = loc("f.mlir":1:2), k3 = memref<1x?xf16, strided<[?, ?], offset: ?>, 0>, k4 = loc("f.mlir":1:2)} : () -> ()
"ut.op116"() {k0 = unit, k1 = affine_map<(d0) -> (d0)>, k2 = unit} : () -> ()
"ut.op117"() {k0 = {"q k0" = -0.0 : f64}, k1 = array<i8>} : () -> ()
"ut.op118"() {k0 = strided<[1, ?], offset: 4>, k1 = @f, k2 = @x::@y::@z, k3 = loc(fused["x":1:1, "y":2:2]), k4 = 1.0 : f64} : () -> ()
%v119 = "ut.op119"() {k0 = -9, k1 = @x::@y::@z, k2 = #ut.n<a = 1, b = [1, 2]>, k3 = {b0 = "x" : i32, c.d1 = affine_set<(d0) : (d0 >= 0)>}, k4 = 3.14159 : f16} : () -> i32
%v120 = "ut.op120"() {k0 = false, k1 = #ut.simple} : () -> i32
"ut.op121"() {k0 = #ut.simple, k1 = unit, k2 = unit, k3 = false} : () -> ()
%v122:2 = "ut.op122"() {k0 = false, k1 = unit, k2 = "\n\t\00\FF", k3 = @"a b"::@c} : () -> (i8, complex<bf16>)
%v123 = "ut.op123"() {k0 = unit, k1 = @f, k2 = {a0 = {e10 = [173 : ui8, loc("f.mlir":1:2)]}, "q k1" = loc("f.mlir":1:2), c.d2 = dense<[[18, 18]]> : tensor<1x2xindex>}} : () -> ((f16) -> ())
%v124:2 = "ut.op124"() {k0 = loc(fused<"m">["x":1:1]), k1 = strided<[1, ?], offset: 4>, k2 = array<f64: 1.5, 0.25, 1.5, 1.5>} : () -> (tensor<4x1x0xsi64, #ut.enc<"x">>, tensor<?x?xf32, #ut.enc<"x">>)
%v125 = "ut.op125"() {k0 = false, k1 = array<i64: -36, -43>, k2 = true} : () -> i1
"ut.op126"() {k0 = "hello", k1 = "" : tensor<2xf32>, k2 = si64, k3 = affine_map<(d0) -> (d0)>, k4 = tuple<vector<1xui32>, index, none>} : () -> ()
%v127:2 = "ut.op127"() {k0 = dense<> : tensor<0xf32>} : () -> (i64, tuple<index, bf16, ((si64, i32) -> (), tensor<*xbf16>) -> bf16, i3, none, complex<f32>, vector<4x4x[4]xf64>, si8, i16, memref<2xf16, affine_map<(d0) -> (d0)>, "gpu">, i8, i64, tensor<*xf16>, tuple<vector<1xsi8>, complex<f32>, vector<4x[8]x[4]xf32>>, tuple<>, tensor<1xi3, 5 : i32>, ui32, complex<bf16>>)
%v128 = "ut.op128"() {k0 = false, k1 = #ut<"verbose">, k2 = dense<-38> : tensor<i8>} : () -> none
%v129:2 = "ut.op129"() {k0 = [2.5, unit], k1 = [6.5e-3 : f64], k2 = tuple<>} : () -> (f32, complex<bf16>)
%v130:2 = "ut.op130"() {k0 = @x::@y::@z, k1 = true, k2 = {a0 = strided<[]>, c.d1 = unit, a2 = loc(unknown)}} : () -> (tensor<*xf32>, none)
%v131 = "ut.op131"() {k0 = 1.0e10 : f16, k1 = [affine_map<(d0, d1) -> (d1, d0)>, strided<[1, ?], offset: 4>]} : () -> tensor<16xf64, 5 : i32>
%v132:2 = "ut.op132"() {k0 = -86 : i8, k1 = strided<[?]>} : () -> (vector<[8]x1xf64>, i8)
%v133:2 = "ut.op133"() {k0 = @"a b"::@c, k1 = i64, k2 = tensor<*xbf16>, k3 = tensor<*xbf16>, k4 = array<f64>} : () -> (bf16, complex<f32>)
%v134:2 = "ut.op134"() {k0 = {qk0 = true, c.d1 = true}, k1 = "" : tensor<2xf32>, k2 = array<f16: 0.25, 0.25, 0.25>, k3 = affine_set<(d0) : (d0 >= 0)>, k4 = unit} : () -> (none, i64)
%v135 = "ut.op135"() {k0 = #ut<"verbose">} : () -> i64
%v136 = "ut.op136"() {k0 = "" : tensor<2xf32>, k1 = unit, k2 = {"q k0" = tensor<0x4x?xi16, #ut.enc<"x">>, e11 = strided<[?]>}, k3 = "x" : i32} : () -> vector<[8]x4xi17>
"ut.op137"() {k0 = false} : () -> ()
%v138:2 = "ut.op138"() {k0 = "" : tensor<2xf32>, k1 = [3, true, dense<[(0.5, 1.0), (0.5, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (0.5, -2.0), (-2.0, -2.0), (1.0, -2.0), (-2.0, -2.0), (0.5, -2.0), (0.5, 1.0), (1.0, 1.0), (0.5, -2.0), (0.5, -2.0), (1.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (1.0, -2.0), (1.0, -2.0), (1.0, 1.0), (0.5, -2.0), (-2.0, 1.0), (1.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, 1.0), (1.0, 1.0), (-2.0, -2.0), (-2.0, 1.0), (0.5, -2.0), (1.0, -2.0), (-2.0, -2.0), (1.0, -2.0), (1.0, -2.0), (1.0, -2.0), (0.5, -2.0), (0.5, 1.0), (1.0, -2.0), (1.0, 1.0), (1.0, -2.0), (-2.0, -2.0), (1.0, -2.0), (1.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, -2.0), (-2.0, -2.0), (1.0, -2.0), (1.0, -2.0), (1.0, -2.0), (0.5, -2.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, -2.0), (0.5, -2.0), (-2.0, -2.0), (-2.0, 1.0), (-2.0, 1.0), (-2.0, -2.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, 1.0), (1.0, 1.0), (1.0, -2.0), (0.5, 1.0), (0.5, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (1.0, -2.0), (0.5, -2.0), (1.0, -2.0), (-2.0, -2.0), (0.5, -2.0), (0.5, 1.0), (0.5, -2.0), (-2.0, 1.0), (0.5, 1.0), (0.5, -2.0), (1.0, -2.0), (1.0, 1.0), (0.5, -2.0), (1.0, -2.0), (1.0, -2.0), (-2.0, 1.0), (-2.0, 1.0), (0.5, -2.0), (0.5, -2.0), (1.0, -2.0), (0.5, -2.0), (0.5, 1.0), (0.5, 1.0), (1.0, -2.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, 1.0), (-2.0, 1.0), (-2.0, 1.0), (1.0, -2.0), (-2.0, -2.0), (0.5, -2.0), (0.5, -2.0), (1.0, -2.0), (1.0, 1.0), (0.5, 1.0), (1.0, -2.0), (0.5, -2.0), (0.5, -2.0), (0.5, -2.0), (-2.0, 1.0), (1.0, 1.0), (1.0, 1.0), (0.5, 1.0)]> : tensor<120xcomplex<f32>>], k2 = -2.5 : bf16, k3 = affine_map<(d0, d1) -> (d1, d0)>, k4 = array<i1: false, false, true>} : () -> (complex<i32>, tuple<memref<1x1xf64>, tuple<tensor<i8, "e">, none, f32, vector<2x[8]x2xi8>, tensor<*xf64>, (i64) -> i32, f16, vector<[4]xbf16>, memref<?x1x2xf16, 1>, i8, tensor<0x4x?xf32, "e">, memref<2x2x?xf64, strided<[1, 1, 1]>, 2 : i32>, tensor<4xi1, "e">, tuple<>, (i32) -> (f16, i16), (ui32) -> (ui8, index), i1>, (f64, complex<i32>) -> si64, memref<4x?xf16, affine_map<(d0, d1) -> (d0, d1)>, {a = 1}>, memref<?x4x4xf16, strided<[1, 1, 1]>, 1>, () -> (complex<f16>, index), (vector<2x2x4xi16>) -> i64, i1, memref<4xf64, strided<[1], offset: ?>>, tensor<i32, "e">, si8, tuple<memref<2x2xf64, affine_map<(d0, d1) -> (d0, d1 + 1)>>, vector<4xi16>, none, si8, tuple<index, i16, i64, si8, bf16, ui32, ui8, i32, si64, i8, i64, ui8, i64, f64, ui8, i8, ui8>, index, tensor<?x2xui8>, vector<[4]x4x2xindex>, f32, i17, tensor<*xbf16>, complex<f16>, (f32, f64) -> (), tensor<*xf64>, vector<4x1x2xbf16>, tensor<*xf16>, none, () -> ()>, f32, vector<[4]xi64>, tuple<() -> (index, i17), memref<2x4x1xbf16, {a = 1}>, none, memref<1x2xf64, 2 : i32>, memref<2x4xf16, affine_map<(d0, d1) -> (d0, d1 + 1)>, 1>, memref<?x2x4xf16, affine_map<(d0, d1, d2) -> (d0, d1, d2)>, {a = 1}>, none, tensor<i64, "e">, tensor<*xbf16>, i16, tensor<*xbf16>, i16, none, memref<?x?xbf16, strided<[?, 1], offset: ?>>, complex<bf16>, si64, vector<[4]x[4]xi1>>, tensor<*xf64>, i1, tuple<ui8>>)
%v139 = "ut.op139"() {k0 = {b0 = {c.d0 = "" : tensor<2xf32>}, c.d1 = strided<[?]>}, k1 = 9955286981970692824 : i64, k2 = unit, k3 = [-0.0 : f16], k4 = "x" : i32} : () -> i1
"ut.op140"() {k0 = unit, k1 = unit} : () -> ()
"ut.op141"() {k0 = [3.14159 : f64, false], k1 = #ut<"verbose">, k2 = loc("f":1:2 to 3:4), k3 = [], k4 = [2.5, array<i32: 27, 20, -46, 36>]} : () -> ()
"ut.op142"() {k0 = strided<[?]>, k1 = unit, k2 = [2.5, affine_map<(d0, d1) -> (d1, d0)>], k3 = -847713711459104026 : index, k4 = "" : tensor<2xf32>} : () -> ()
"ut.op143"() {k0 = false, k1 = #ut<"verbose">} : () -> ()
%v144:2 = "ut.op144"() {k0 = true, k1 = "" : tensor<2xf32>} : () -> (f64, memref<4x1xf32, "gpu">)
%v145:2 = "ut.op145"() {k0 = {c.d0 = strided<[1, ?], offset: 4>}, k1 = dense<[[-60, -2, 12, -78, -70], [-96, -19, 51, 92, 83], [57, -42, 100, 96, 11]]> : vector<3x5xi32>, k2 = loc(callsite("a":1:1 at "b":2:2)), k3 = unit, k4 = #ut.simple} : () -> (complex<f16>, tensor<4x16x4xf16, #ut.enc<"x">>)
%v146:2 = "ut.op146"() {k0 = unit, k1 = i1, k2 = affine_map<(d0) -> (d0)>, k3 = "a\"b", k4 = "" : tensor<2xf32>} : () -> (index, f32)
%v147 = "ut.op147"() {k0 = array<i8: -41, 31, 50>} : () -> tuple<tensor<*xf64>, tensor<2x1x0xui32, 5 : i32>>
"ut.op148"() {k0 = array<f16: 1.5, 0.25, 1.5, -2.0>, k1 = si8, k2 = dense<53> : tensor<si8>, k3 = affine_map<(d0, d1) -> (d1, d0)>, k4 = dense<[11, 27, 75, -35, 55, 59, -33, -3, 12, 0, 2, 8, 47, -64, 33, 40, 11, 43, -41, -62, 90, -51, -77, -9, -69, -97, 34, -87, -30, -93, -55, 26, -74, 18, -95, -58, -17, -97, 75, -87, 0, -20, 21, 25, 57, 65, 86, -39, 51, -73, -92, 72, 53, -39, 21, -5, -8, 22, 84, -72, 6, 9, 23, -43, -49, -60, 25, 92, 24, -31, -41, 50, -86, -77, 57, -39, -86, -53, -16, 29, 1, 76, -74, -42, -98, 76, 50, -33, 92, -92, -15, -39, 23, 16, -50, 30, 60, -55, -36, -79, 90, 65, -74, -92, -72, -79, -89, 38, -93, -50, -33, 96, 50, 14, -17, -63, 18, 73, 41, 59]> : vector<120xsi8>} : () -> ()
%v149 = "ut.op149"() {k0 = loc(fused["x":1:1, "y":2:2]), k1 = [strided<[?]>, [], strided<[]>], k2 = #ut<"verbose">, k3 = 0.0 : bf16} : () -> si64
// Integer widths beyond 128 bits.
"t.a"() {a = array<i392: 1, -2>, b = array<ui200: 5, 0>, c = array<i128: -1, 170141183460469231731687303715884105727>, d = array<si24: -3, 8388607>, e = dense<[1, -2]> : tensor<2xi200>, f = dense<-1> : tensor<3xi136>, g = array<i16777208>, h = 5 : i300, i = -7 : i300} : () -> ()
