!tuple = tuple<f32, i8, i8, i17, index, i1, f16, i1, i17, i64, i32, si64, ui8, f64, i1, i8, i17, si8>
!tuple1 = tuple<none, i3, memref<1x?x?xf64, 2 : i32>, bf16, tensor<2x4xi17, "e">, complex<f32>, tuple<ui8>, memref<4x1x2xf32, strided<[?, ?, ?], offset: ?>, "gpu">, si8, none, memref<2x4xbf16, strided<[1, 4], offset: ?>, 2 : i32>, i32, vector<2x1xi32>, tensor<1x2x?xf32, 5 : i32>, complex<bf16>, () -> (vector<2x[4]x[8]xsi8>, complex<f64>), memref<?x2xf64, 1>, i3>
!tuple2 = tuple<tuple<ui32, i17>, si8, i64, vector<2xi32>, si64, () -> (), tensor<?x2x0xi1, #ut.enc<"x">>, tuple<>, tensor<*xf32>, vector<[8]x[4]xi17>, f16, tuple<i1>, f16, tensor<0xf32, 5 : i32>, (i32, f32) -> bf16, vector<1x1xi8>, tensor<4x2x0xi8>, memref<4x2x2xf64, {a = 1 : i64}>>
!tuple3 = tuple<i32, f16, i32, ui8, ui32, i32, i17, i8, f16, f64, f16, f64, si8, ui32, si64, si64, f16, f32>
!tuple4 = tuple<i32, index, i17, si64, i17, index, i64, i16, index, i64, si8, i64, si8, i17, bf16, si64, i3, si64>
!tuple5 = tuple<i1, si64, i17, f16, f16, ui8, bf16, i8, f16, ui32, f64, bf16, i1, ui32, i1, ui32, f64>
!tuple6 = tuple<ui8, ui32, index, si64, i3, ui32, ui32, bf16, si8, si8, si64, ui32, i3, i8, i8, i16, i1, i8>
!tuple7 = tuple<index, bf16, ((si64, i32) -> (), tensor<*xbf16>) -> bf16, i3, none, complex<f32>, vector<4x4x[4]xf64>, si8, i16, memref<2xf16, "gpu">, i8, i64, tensor<*xf16>, tuple<vector<1xsi8>, complex<f32>, vector<4x[8]x[4]xf32>>, tuple<>, tensor<1xi3, 5 : i32>, ui32, complex<bf16>>
!tuple8 = tuple<tensor<i8, "e">, none, f32, vector<2x[8]x2xi8>, tensor<*xf64>, (i64) -> i32, f16, vector<[4]xbf16>, memref<?x1x2xf16, 1>, i8, tensor<0x4x?xf32, "e">, memref<2x2x?xf64, strided<[1, 1, 1]>, 2 : i32>, tensor<4xi1, "e">, tuple<>, (i32) -> (f16, i16), (ui32) -> (ui8, index), i1>
!tuple9 = tuple<index, i16, i64, si8, bf16, ui32, ui8, i32, si64, i8, i64, ui8, i64, f64, ui8, i8, ui8>
#loc = loc("f":3:4)
#loc1 = loc("f.mlir":1:2)
#loc2 = loc(unknown)
#loc3 = loc("a":1:1)
#loc4 = loc("b":2:2)
#loc5 = loc("x":1:1)
#loc6 = loc("y":2:2)
#loc7 = loc("f":1:2 to 3:4)
#map = affine_map<(d0) -> (d0)>
#map1 = affine_map<(d0, d1) -> (d0, d1 + 1)>
#map2 = affine_map<(d0, d1) -> (d1, d0)>
#map3 = affine_map<(d0) -> (d0 + 1)>
#map4 = affine_map<(d0, d1, d2) -> (d0, d1, d2 + 1)>
#set = affine_set<(d0) : (d0 >= 0)>
#loc8 = loc("n"(#loc))
#loc9 = loc(callsite(#loc3 at #loc4))
#loc10 = loc(fused[#loc5, #loc6])
#loc11 = loc(fused<"m">[#loc5])
!tuple10 = tuple<none, tuple<vector<[8]x[4]x[4]xf16>, ui32, i64>, tensor<si8, 5 : i32>, f64, ui8, (!tuple, vector<[8]xf16>) -> (), vector<4x[8]x1xui32>, vector<4xui8>, f16, complex<i32>, tuple<tensor<0x?xf32>, bf16>, none, vector<[8]xi8>, ui32, memref<1x4xf64>, complex<i32>, complex<f32>, vector<[4]x1xi17>>
!tuple11 = tuple<!tuple2, () -> (), none, si8, memref<?xf16, #map3, 1>, i8, complex<i32>, none, i1, vector<2x[4]xi16>, f32, none, tensor<*xf64>, tensor<*xbf16>, memref<2xf32, #map3>, si8, tensor<4x?x?xui32, #ut.enc<"x">>>
!tuple12 = tuple<vector<1x4x[8]xbf16>, i16, i16, memref<4x4xf16, #map1, {a = 1 : i64}>, !tuple3, memref<4x2xf32, strided<[?, 4], offset: ?>>, (i16, i17) -> ui8, tensor<*xbf16>, none, tensor<*xbf16>, i32, memref<2xf64, "gpu">, i64, tuple<i64, ui8>, tuple<>, ui8, !tuple4, ui8>
!tuple13 = tuple<none, vector<4x[8]x2xi16>, none, none, (i3, f32) -> index, i16, !tuple5, f64, complex<f64>, tensor<*xf16>, none, complex<f32>, tensor<index>, memref<2x1x4xf16, #map4, "gpu">, (index, i3) -> (), i32, tensor<2xf64>, i1>
!tuple14 = tuple<memref<2x2xf64, #map1>, vector<4xi16>, none, si8, !tuple9, index, tensor<?x2xui8>, vector<[4]x4x2xindex>, f32, i17, tensor<*xbf16>, complex<f16>, (f32, f64) -> (), tensor<*xf64>, vector<4x1x2xbf16>, tensor<*xf16>, none, () -> ()>
!tuple15 = tuple<() -> (index, i17), memref<2x4x1xbf16, {a = 1 : i64}>, none, memref<1x2xf64, 2 : i32>, memref<2x4xf16, #map1, 1>, memref<?x2x4xf16, {a = 1 : i64}>, none, tensor<i64, "e">, tensor<*xbf16>, i16, tensor<*xbf16>, i16, none, memref<?x?xbf16, strided<[?, 1], offset: ?>>, complex<bf16>, si64, vector<[4]x[4]xi1>>
!tuple16 = tuple<complex<bf16>, tensor<1x4xsi64>, i16, i17, (() -> i32, i3) -> ui32, i64, complex<f16>, none, i16, !tuple12, complex<i32>, vector<1xi32>, tensor<*xf32>, tensor<*xf16>, si64, i64, i16>
!tuple17 = tuple<memref<1x1xf64>, !tuple8, (f64, complex<i32>) -> si64, memref<4x?xf16, {a = 1 : i64}>, memref<?x4x4xf16, strided<[1, 1, 1]>, 1>, () -> (complex<f16>, index), (vector<2x2x4xi16>) -> i64, i1, memref<4xf64, strided<[1], offset: ?>>, tensor<i32, "e">, si8, !tuple14, f32, vector<[4]xi64>, !tuple15, tensor<*xf64>, i1, tuple<ui8>>
"builtin.module"() ({
  "ut.op0"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1 = dense<[[(-3,-4), (2,-1), (-3,-4)], [(3,5), (-5,4), (1,2)], [(5,4), (5,-3), (4,-5)], [(3,-4), (-5,-5), (-2,-2)]]> : tensor<4x3xcomplex<i16>>, k2, k3 = -3 : i3} : () -> ()
  %0 = "ut.op1"() {k0 = [dense<0.000000e+00> : tensor<bf16>, @x::@y::@z], k1 = #map, k2 = #loc8, k3 = complex<f16>, k4 = 6.500240e-03 : f16} : () -> tensor<ui8, #ut.enc<"x">>
  %1 = "ut.op2"() {k0 = dense<72> : tensor<101xindex>} : () -> index
  "ut.op3"() {k0 = 60 : ui8, k1 = "a\22b", k2 = #loc1} : () -> ()
  %2 = "ut.op4"() {k0 = dense<-2.500000e+00> : tensor<3xbf16>} : () -> tensor<*xf64>
  "ut.op5"() {k0 = [], k1 = {a0 = [@x::@y::@z], a1 = 1084 : i16}, k2 = -2099793609772765040 : index, k3 = -0.000000e+00 : f16} : () -> ()
  %3 = "ut.op6"() {k0} : () -> none
  "ut.op7"() {k0, k1 = dense<"0x38000000DBFFFFFF55000000CCFFFFFFC4FFFFFF590000003D00000029000000CEFFFFFF4B000000FFFFFFFF1700000036000000B0FFFFFF07000000A8FFFFFFB6FFFFFFB7FFFFFFA5FFFFFF1F000000DDFFFFFFD9FFFFFF590000005000000000000000DDFFFFFF070000003400000019000000E7FFFFFF21000000C8FFFFFF54000000ADFFFFFFBCFFFFFFD6FFFFFF160000002B000000430000003900000039000000AEFFFFFFE3FFFFFFD2FFFFFFD0FFFFFF5B000000A0FFFFFFADFFFFFFE0FFFFFF050000000E000000DBFFFFFFABFFFFFFA7FFFFFFC9FFFFFFE4FFFFFFFAFFFFFF230000002E000000BDFFFFFFB3FFFFFFF8FFFFFFBFFFFFFF0F000000F0FFFFFF44000000570000004C0000002100000031000000BFFFFFFF33000000A4FFFFFFA0FFFFFF15000000F7FFFFFF4F000000EBFFFFFFA4FFFFFFA1FFFFFF350000003E000000AFFFFFFF17000000ADFFFFFF57000000EBFFFFFFEDFFFFFFBEFFFFFFAEFFFFFFAFFFFFFF0F00000027000000FAFFFFFF58000000A7FFFFFF580000005800000050000000BDFFFFFFF3FFFFFFF6FFFFFFB1FFFFFF4B00000015000000AFFFFFFF06000000A3FFFFFF1B0000002E0000009FFFFFFF3B00000045000000FDFFFFFFFDFFFFFF310000009FFFFFFF37000000AEFFFFFFB0FFFFFF"> : tensor<120xi32>} : () -> ()
  %4:2 = "ut.op8"() {k0 = {a2 = dense<> : tensor<120x0xi1>, qk0 = #set, qk1 = dense<1.000000e+00> : tensor<2xf64>}} : () -> (si8, !tuple10)
  %5 = "ut.op9"() {k0 = dense<54> : tensor<index>, k1 = @f, k2 = array<i1: false, true, false, true>, k3 = #loc2, k4 = 2.500000e+00 : f64} : () -> f64
  %6 = "ut.op10"() {k0 = "\0A\09\00\FF", k1 = @"a b"::@c, k2 = array<i32>, k3 = [unit, 8804267881622632757, -2096662451 : i32]} : () -> si64
  %7:2 = "ut.op11"() {k0, k1 = dense<1.000000e+20> : tensor<f32>} : () -> (ui8, () -> memref<1x1x1xf32>)
  "ut.op12"() {k0 = vector<[4]xi32>, k1 = "a\22b"} : () -> ()
  %8 = "ut.op13"() {k0 = {b1 = [true, 2.500000e+00, ui32], b2 = strided<[]>, "q k0" = #ut.n<a = 1, b = [1, 2]>}} : () -> i8
  "ut.op14"() {k0, k1 = array<f32: 1.500000e+00, 1.500000e+00, 1.500000e+00>, k2 = 2.500000e+00 : f64, k3 = {}, k4} : () -> ()
  %9 = "ut.op15"() {k0 = false, k1 = 0x7C00 : f16} : () -> (() -> (tensor<1xf32, "e">, tuple<memref<?xf64, {a = 1 : i64}>, vector<1x2x2xi17>, memref<1x2xbf16, #map1, 2 : i32>>))
  "ut.op16"() {k0 = [3.141590e+00 : f32], k1 = -8 : i64, k2 = [false, f16], k3} : () -> ()
  "ut.op17"() {k0 = 2.500000e+00 : f64, k1 = true, k2 = #loc1, k3 = strided<[1, ?], offset: 4>, k4} : () -> ()
  "ut.op18"() {k0} : () -> ()
  "ut.op19"() {k0 = {a0 = strided<[]>, a1 = 3.141590e+00 : f32, e12 = array<i64: 22, -38, 31, 6>}, k1 = strided<[?]>} : () -> ()
  %10:2 = "ut.op20"() {k0, k1 = true, k2 = @f, k3 = @"a b"::@c, k4 = "x" : i32} : () -> (tensor<4x4x2xindex, "e">, complex<f64>)
  "ut.op21"() {k0 = array<i32: -47, -49>, k1 = strided<[]>, k2} : () -> ()
  %11 = "ut.op22"() {k0 = @x::@y::@z, k1 = @f} : () -> tensor<?x1xf64, "e">
  "ut.op23"() {k0 = strided<[]>, k1 = -7147 : i17, k2 = #map2} : () -> ()
  "ut.op24"() {k0, k1 = #loc1} : () -> ()
  "ut.op25"() {k0 = @"a b"::@c, k1 = 1.000000e+00 : bf16, k2 = "hello", k3 = ((memref<1x1xf32, strided<[1, 1]>, 1>) -> ui8) -> (i3, i3), k4 = array<f64: 2.500000e-01>} : () -> ()
  "ut.op26"() {k0 = 2275390505789631271 : i64} : () -> ()
  %12:2 = "ut.op27"() {k0 = array<i32>, k1 = strided<[]>} : () -> (i3, tuple<vector<2x[8]xi64>, tensor<*xf16>, vector<[8]x2xf16>>)
  "ut.op28"() {k0 = ui32, k1 = {c.d0}} : () -> ()
  %13:2 = "ut.op29"() {k0 = #map2, k1 = 6.500240e-03 : f16, k2 = dense<(-1,-2)> : tensor<120x0xcomplex<i16>>, k3 = #set} : () -> (index, tuple<vector<2x2xi32>, f32>)
  "ut.op30"() {k0, k1 = #set, k2 = #map2, k3 = dense<86> : tensor<0x120xi64>, k4 = #set} : () -> ()
  %14:2 = "ut.op31"() {k0 = tensor<16x4xui8, "e">} : () -> ((si8, f32) -> vector<4x1x[4]xindex>, () -> (tensor<*xf32>, i32))
  "ut.op32"() {k0 = 0.000000e+00 : f16, k1 = #ut.n<a = 1, b = [1, 2]>, k2 = [dense<"0x4800000000000000BEFFFFFFFFFFFFFF1A00000000000000180000000000000025000000000000005400000000000000AEFFFFFFFFFFFFFF51000000000000003A00000000000000A7FFFFFFFFFFFFFF05000000000000005D000000000000004600000000000000F5FFFFFFFFFFFFFF9CFFFFFFFFFFFFFFFCFFFFFFFFFFFFFFB2FFFFFFFFFFFFFF120000000000000026000000000000003F00000000000000A2FFFFFFFFFFFFFF2200000000000000F8FFFFFFFFFFFFFF51000000000000009EFFFFFFFFFFFFFFB8FFFFFFFFFFFFFF07000000000000000700000000000000C1FFFFFFFFFFFFFFDAFFFFFFFFFFFFFF5900000000000000C5FFFFFFFFFFFFFF3E00000000000000FCFFFFFFFFFFFFFF4B00000000000000C6FFFFFFFFFFFFFFEEFFFFFFFFFFFFFFD0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFF08000000000000002300000000000000E6FFFFFFFFFFFFFFE2FFFFFFFFFFFFFFABFFFFFFFFFFFFFF1400000000000000EAFFFFFFFFFFFFFF5700000000000000B9FFFFFFFFFFFFFFE9FFFFFFFFFFFFFF4100000000000000C3FFFFFFFFFFFFFF6200000000000000C9FFFFFFFFFFFFFFABFFFFFFFFFFFFFF5C000000000000001100000000000000A0FFFFFFFFFFFFFF31000000000000001700000000000000A5FFFFFFFFFFFFFFECFFFFFFFFFFFFFFB7FFFFFFFFFFFFFFCEFFFFFFFFFFFFFFCBFFFFFFFFFFFFFFF7FFFFFFFFFFFFFFD3FFFFFFFFFFFFFF3200000000000000D8FFFFFFFFFFFFFF35000000000000005300000000000000140000000000000034000000000000001E00000000000000D5FFFFFFFFFFFFFF0D00000000000000CBFFFFFFFFFFFFFFE3FFFFFFFFFFFFFF0300000000000000C8FFFFFFFFFFFFFF5D00000000000000EBFFFFFFFFFFFFFF3C00000000000000280000000000000028000000000000001600000000000000DEFFFFFFFFFFFFFF18000000000000000300000000000000F3FFFFFFFFFFFFFF450000000000000028000000000000006100000000000000B3FFFFFFFFFFFFFF1700000000000000D4FFFFFFFFFFFFFF0200000000000000A8FFFFFFFFFFFFFFD3FFFFFFFFFFFFFFBEFFFFFFFFFFFFFFFEFFFFFFFFFFFFFF230000000000000020000000000000006200000000000000E2FFFFFFFFFFFFFFAAFFFFFFFFFFFFFF4400000000000000D8FFFFFFFFFFFFFF9EFFFFFFFFFFFFFF1400000000000000FBFFFFFFFFFFFFFF0F00000000000000DBFFFFFFFFFFFFFF520000000000000007000000000000003700000000000000C4FFFFFFFFFFFFFF0600000000000000C4FFFFFFFFFFFFFF6100000000000000EEFFFFFFFFFFFFFF"> : vector<120xindex>]} : () -> ()
  "ut.op33"() {k0 = #set, k1 = "" : tensor<2xf32>, k2 = {}} : () -> ()
  "ut.op34"() {k0 = strided<[]>, k1 = -5 : i64, k2 = #ut<"verbose">, k3 = 3.141590e+00 : f32, k4 = array<i1: false, true, false>} : () -> ()
  "ut.op35"() {k0 = @f, k1 = #set} : () -> ()
  %15:2 = "ut.op36"() {k0 = [], k1 = array<i64: 13, -30, -11, -10>, k2 = {b2 = {}, "q k0" = {a0 = i64, a2 = false, "q k1" = @x::@y::@z}, "q k1" = @x::@y::@z}, k3 = dense<(-3,-1)> : tensor<complex<i16>>} : () -> (complex<f32>, tensor<*xf32>)
  "ut.op37"() {k0 = [#loc1, i17, unit], k1 = dense<59> : tensor<120xindex>} : () -> ()
  %16 = "ut.op38"() {k0 = true, k1 = "a\22b"} : () -> f32
  %17:2 = "ut.op39"() {k0 = #loc1, k1 = 1.000000e+00 : bf16, k2 = 0.0064999999999999997 : f64, k3 = (ui8, (bf16) -> (f16, tuple<i1>)) -> ui32, k4 = {b2 = {b1, c.d0}, c.d1 = #ut.attr<"x" 1>, "q k0" = @f}} : () -> (ui8, tensor<?xi3, #ut.enc<"x">>)
  "ut.op40"() {k0, k1 = @x::@y::@z, k2 = si64, k3 = {c.d2, e11 = array<f32: 1.500000e+00, 2.500000e-01, -2.000000e+00, 1.500000e+00>, qk0 = #loc2}} : () -> ()
  %18 = "ut.op41"() {k0 = #map} : () -> tuple<tuple<i16>>
  %19 = "ut.op42"() {k0 = 70 : ui8, k1 = {a0 = "a\22b", a1 = "" : tensor<2xf32>, e12 = @f}, k2 = complex<bf16>, k3} : () -> i8
  "ut.op43"() {k0 = @"a b"::@c, k1} : () -> ()
  "ut.op44"() {k0 = (none) -> (() -> (ui32, (ui32) -> ()), bf16), k1 = #loc9, k2, k3 = complex<i32>} : () -> ()
  %20 = "ut.op45"() {k0 = -0.000000e+00 : f64, k1 = @f} : () -> vector<2x[8]x[4]xi16>
  "ut.op46"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1, k2 = strided<[]>} : () -> ()
  %21:2 = "ut.op47"() {k0, k1 = -2.500000e+00 : f16, k2 = "hello", k3 = #set} : () -> (tensor<1x16xi1, 5 : i32>, i16)
  "ut.op48"() {k0 = #map2, k1 = #ut.n<a = 1, b = [1, 2]>, k2 = "\0A\09\00\FF", k3 = #loc10} : () -> ()
  %22 = "ut.op49"() {k0 = {}} : () -> complex<f32>
  %23:2 = "ut.op50"() {k0 = "x" : i32, k1 = #map, k2 = [#ut.attr<"x" 1>, [#ut.simple, #map2]], k3 = -6827 : i16} : () -> (i3, i8)
  %24 = "ut.op51"() {k0 = {b1 = none, c.d0 = #ut.n<a = 1, b = [1, 2]>}} : () -> i3
  %25 = "ut.op52"() {k0 = 3.140630e+00 : bf16, k1 = [strided<[1, ?], offset: 4>, tensor<*xbf16>], k2 = {c.d0 = "hello"}} : () -> none
  %26:2 = "ut.op53"() {k0 = 1.000000e+00 : f16, k1 = {e10 = 2.500000e+00 : f64, "q k1" = "\0A\09\00\FF"}, k2 = #loc10, k3 = -13006 : i16, k4 = #map} : () -> (() -> i16, tuple<tensor<0x16xsi8, #ut.enc<"x">>, bf16>)
  "ut.op54"() {k0 = false, k1 = array<f16: 2.500000e-01, 2.500000e-01>} : () -> ()
  "ut.op55"() {k0 = dense<182> : tensor<120xui8>, k1 = -5902272473902995265 : index, k2 = "" : tensor<2xf32>} : () -> ()
  %27:2 = "ut.op56"() {k0 = dense<"0x0000803F0000803F0000803F0000803F0000003F0000803F0000803F000000C0000000C00000803F0000003F000000C00000003F000000C00000003F000000C00000803F0000803F000000C0000000C00000803F0000803F000000C0000000C00000803F000000C0000000C0000000C0000000C00000803F0000003F0000803F0000803F000000C00000003F0000803F0000803F000000C00000003F0000803F0000803F0000803F000000C00000803F0000803F000000C00000003F000000C0000000C0000000C00000803F0000803F0000003F0000803F000000C0000000C00000803F0000803F000000C0000000C00000803F0000803F000000C0000000C0000000C00000803F0000803F0000803F000000C00000803F0000003F000000C00000003F0000803F000000C0000000C00000803F000000C0000000C00000803F0000803F000000C0000000C00000803F0000803F0000803F000000C00000803F000000C00000803F0000003F000000C0000000C0000000C0000000C0000000C00000003F0000803F000000C00000803F0000003F000000C0000000C00000803F0000803F000000C0000000C0000000C00000003F0000803F0000003F0000803F0000003F000000C00000003F000000C00000003F0000803F000000C00000803F000000C00000803F0000803F000000C00000803F0000803F0000003F0000803F0000803F000000C0000000C0000000C00000803F000000C0000000C0000000C00000003F0000803F000000C0000000C00000003F0000803F000000C00000803F0000803F0000803F0000003F0000803F0000803F0000803F000000C0000000C0000000C0000000C00000003F0000803F0000003F000000C0000000C0000000C00000003F000000C00000803F0000803F000000C0000000C0000000C00000803F000000C0000000C00000803F0000803F000000C0000000C0000000C00000803F0000803F0000803F0000803F000000C00000003F0000803F0000003F000000C00000003F0000803F0000803F000000C00000003F0000803F000000C00000803F0000003F000000C00000803F000000C00000803F000000C0000000C00000803F000000C0000000C0000000C0000000C0000000C0000000C00000803F0000803F000000C00000803F000000C00000803F000000C00000803F0000003F0000803F0000003F000000C0000000C00000803F000000C0000000C00000003F000000C00000003F0000803F000000C00000803F000000C00000803F000000C0000000C00000803F000000C0000000C0000000C0000000C0000000C0000000C00000803F"> : tensor<120xcomplex<f32>>, k1 = false, k2, k3 = {b0 = false, c.d1 = #map2}, k4 = 5007791048973350209 : index} : () -> (bf16, tensor<*xf32>)
  %28 = "ut.op57"() {k0 = #ut.n<a = 1, b = [1, 2]>} : () -> (() -> ())
  %29:2 = "ut.op58"() {k0 = {b1 = [], qk0 = 2593 : i16}, k1 = #set, k2 = @f, k3 = [#ut.attr<"x" 1>, unit, #ut.simple], k4 = {b1 = ["\0A\09\00\FF"], "q k0" = -3 : i64}} : () -> (complex<f32>, !tuple1)
  "ut.op59"() {k0 = dense<-62> : tensor<i64>} : () -> ()
  %30:2 = "ut.op60"() {k0 = #map2} : () -> (si8, i64)
  "ut.op61"() {k0 = #ut.n<a = 1, b = [1, 2]>, k1 = dense<42> : tensor<index>} : () -> ()
  %31 = "ut.op62"() {k0 = array<f32: -2.000000e+00, -2.000000e+00, 1.500000e+00, -2.000000e+00>, k1 = #ut<"verbose">} : () -> tensor<?xi32, #ut.enc<"x">>
  "ut.op63"() {k0 = {a1 = #map, "q k0" = array<i32>}} : () -> ()
  "ut.op64"() {k0 = -1297 : i17, k1 = strided<[?]>, k2 = dense<> : tensor<0xcomplex<i16>>} : () -> ()
  %32 = "ut.op65"() {k0 = @x::@y::@z, k1 = @"a b"::@c, k2 = #set, k3 = true} : () -> !tuple11
  %33:2 = "ut.op66"() {k0 = array<f64: -2.000000e+00, 1.500000e+00, -2.000000e+00>, k1 = #loc8} : () -> (vector<[4]x[4]x[4]xsi8>, none)
  "ut.op67"() {k0 = "\0A\09\00\FF"} : () -> ()
  "ut.op68"() {k0 = tuple<i16, tuple<vector<4xi17>, (i32) -> ()>>, k1 = () -> complex<f16>, k2 = #ut.simple} : () -> ()
  "ut.op69"() {k0 = [@f, #loc9, unit], k1 = [true, complex<i32>, dense<> : tensor<0x0xbf16>], k2 = [], k3 = @"a b"::@c} : () -> ()
  %34:2 = "ut.op70"() {k0 = #map2, k1 = @"a b"::@c, k2 = {"q k0" = #set, "q k1" = true}, k3 = dense<-93> : tensor<i8>, k4 = #loc10} : () -> (tensor<4xsi64>, ui32)
  %35:2 = "ut.op71"() {k0 = true, k1 = [], k2 = strided<[1, ?], offset: 4>, k3 = @f} : () -> (tensor<*xf16>, f32)
  %36 = "ut.op72"() {k0 = strided<[?]>, k1 = #map, k2 = array<f32: -2.000000e+00>, k3 = () -> (tensor<16xf64, 5 : i32>, tensor<*xf64>)} : () -> si64
  %37 = "ut.op73"() {k0 = #ut.attr<"x" 1>, k1 = 6.500000e-03 : f32, k2 = array<i1>} : () -> tensor<*xf16>
  "ut.op74"() {k0 = [true], k1 = array<f32: -2.000000e+00, -2.000000e+00>, k2 = strided<[]>, k3 = [dense<-74> : tensor<si8>, dense<-64> : tensor<i8>, unit], k4 = array<i8: 29, 28, 41>} : () -> ()
  "ut.op75"() {k0 = #ut.attr<"x" 1>, k1 = [strided<[]>], k2 = #loc11, k3 = #loc9} : () -> ()
  "ut.op76"() {k0 = array<f32>, k1 = @f, k2 = dense<37> : vector<1xindex>} : () -> ()
  %38 = "ut.op77"() {k0 = vector<1x[4]x1xi32>, k1 = @x::@y::@z, k2 = {a1 = -8 : i64, c.d0 = [1.000000e+00, false]}, k3 = "" : tensor<2xf32>} : () -> (() -> (si64, si64))
  "ut.op78"() {k0 = [#loc1, tensor<*xf16>, #loc10], k1 = !tuple16, k2 = "hello", k3 = @x::@y::@z} : () -> ()
  "ut.op79"() {k0 = array<i1: true, true, false>, k1, k2 = dense<(1.000000e+00,-2.000000e+00)> : tensor<complex<f32>>, k3 = [], k4 = #loc9} : () -> ()
  %39:2 = "ut.op80"() {k0 = #set, k1 = 3.140630e+00 : bf16, k2 = ["" : tensor<2xf32>, #ut<"verbose">], k3 = #ut.n<a = 1, b = [1, 2]>, k4 = #map} : () -> (tuple<si8>, tensor<index>)
  "ut.op81"() {k0 = 95 : ui8, k1 = #loc10, k2 = array<f16: 2.500000e-01, 1.500000e+00, 1.500000e+00, -2.000000e+00>} : () -> ()
  %40 = "ut.op82"() {k0 = @f, k1 = @"a b"::@c} : () -> f16
  %41 = "ut.op83"() {k0 = #map} : () -> si64
  "ut.op84"() {k0 = #loc8, k1 = array<f64: -2.000000e+00, 2.500000e-01>, k2 = ["a\22b", "a\22b", {c.d0 = "a\22b", e11 = {a0 = "\0A\09\00\FF", c.d1 = array<i32: 36>}, "q k2" = []}], k3 = 1.000000e+00 : bf16, k4 = @x::@y::@z} : () -> ()
  "ut.op85"() {k0 = false, k1 = 2.500000e+00 : f64, k2 = @x::@y::@z} : () -> ()
  %42 = "ut.op86"() {k0 = strided<[]>, k1 = @"a b"::@c, k2 = array<f32>} : () -> tensor<i8, "e">
  %43:2 = "ut.op87"() {k0 = 0.000000e+00 : f64, k1 = [#map2], k2 = [i64, "\0A\09\00\FF"], k3 = -1129651450 : i32} : () -> (none, tensor<*xf32>)
  %44:2 = "ut.op88"() {k0 = #ut.attr<"x" 1>, k1 = "\0A\09\00\FF"} : () -> (index, i32)
  %45:2 = "ut.op89"() {k0 = array<f32: 2.500000e-01, -2.000000e+00, 2.500000e-01, -2.000000e+00>, k1 = -0.000000e+00 : f16, k2 = #map2} : () -> (memref<?x2xf64, strided<[1, 4], offset: ?>, 1>, vector<[8]xi1>)
  "ut.op90"() {k0 = strided<[?]>, k1 = @x::@y::@z, k2 = -1822681134953402598 : i64, k3 = #ut<"verbose">} : () -> ()
  %46 = "ut.op91"() {k0 = [strided<[1, ?], offset: 4>, unit, true]} : () -> ui32
  "ut.op92"() {k0 = "\0A\09\00\FF"} : () -> ()
  %47 = "ut.op93"() {k0 = {b1 = bf16, c.d0}, k1 = @x::@y::@z, k2} : () -> f64
  %48 = "ut.op94"() {k0 = true, k1 = dense<> : tensor<0x3xcomplex<f32>>} : () -> ui32
  %49:2 = "ut.op95"() {k0 = true, k1 = true, k2 = tensor<*xf64>} : () -> ((f64, none) -> (none, ui32), none)
  "ut.op96"() {k0 = true} : () -> ()
  "ut.op97"() {k0 = array<i64>, k1 = 1.000000e+00 : f32, k2 = #ut.n<a = 1, b = [1, 2]>} : () -> ()
  %50 = "ut.op98"() {k0 = [], k1 = @"a b"::@c, k2 = array<i1>} : () -> memref<2x2xf64, {a = 1 : i64}>
  %51:2 = "ut.op99"() {k0 = true, k1 = true, k2 = strided<[?]>} : () -> (index, memref<4xf16>)
  %52:2 = "ut.op100"() {k0 = false, k1 = dense<0.000000e+00> : tensor<101x2xbf16>, k2 = #ut.n<a = 1, b = [1, 2]>, k3 = {e11 = true, "q k0" = #loc7}, k4 = #loc11} : () -> (bf16, tensor<4x16xi3, "e">)
  %53:2 = "ut.op101"() {k0 = #loc8, k1 = 6 : i64, k2 = strided<[]>, k3 = []} : () -> (bf16, i17)
  "ut.op102"() {k0 = 443505734 : ui32, k1 = tensor<0x0xf32, 5 : i32>} : () -> ()
  %54 = "ut.op103"() {k0 = -0.000000e+00 : f32, k1 = dense<true> : tensor<i1>, k2 = dense<> : tensor<4x0xsi8>} : () -> i16
  %55 = "ut.op104"() {k0 = 84 : si8, k1 = [#map, strided<[1, ?], offset: 4>, #map], k2 = 0.0064999999999999997 : f64} : () -> complex<i32>
  %56:2 = "ut.op105"() {k0 = @f, k1 = array<i1: true>, k2 = strided<[]>, k3, k4 = "a\22b"} : () -> (tuple<tensor<i8, "e">, tensor<*xf64>>, i17)
  %57 = "ut.op106"() {k0 = array<i1>} : () -> none
  %58:2 = "ut.op107"() {k0 = @"a b"::@c, k1} : () -> (i3, () -> ())
  "ut.op108"() {k0 = "a\22b", k1 = -2155303366034524344 : index, k2 = #loc9, k3 = #loc9, k4} : () -> ()
  %59:2 = "ut.op109"() {k0 = [unit, #ut.simple, #set], k1 = 3.141590e+00 : f32} : () -> ((vector<4x4xi17>, !tuple13) -> (tuple<!tuple6>, none), () -> ())
  "ut.op110"() {k0 = -4193625117911123379 : si64, k1 = true, k2 = #loc11, k3 = index} : () -> ()
  %60 = "ut.op111"() {k0 = -127 : si8, k1 = [{a1 = "hello", "q k0" = si8}, dense<> : tensor<4x0xf64>], k2, k3 = strided<[?]>, k4 = dense<"0x23000000000000002F000000000000002400000000000000D5FFFFFFFFFFFFFFE4FFFFFFFFFFFFFFA1FFFFFFFFFFFFFFE7FFFFFFFFFFFFFFE9FFFFFFFFFFFFFF0000000000000000A4FFFFFFFFFFFFFF4100000000000000A6FFFFFFFFFFFFFF3A000000000000001000000000000000E5FFFFFFFFFFFFFF2100000000000000CCFFFFFFFFFFFFFFFAFFFFFFFFFFFFFF2A000000000000004B0000000000000012000000000000004D00000000000000FBFFFFFFFFFFFFFF5A000000000000001000000000000000B3FFFFFFFFFFFFFF01000000000000001C000000000000002900000000000000D6FFFFFFFFFFFFFF30000000000000004300000000000000CDFFFFFFFFFFFFFFAFFFFFFFFFFFFFFFB8FFFFFFFFFFFFFFDBFFFFFFFFFFFFFF2400000000000000F1FFFFFFFFFFFFFF270000000000000009000000000000001F000000000000002A00000000000000EBFFFFFFFFFFFFFFA5FFFFFFFFFFFFFFE6FFFFFFFFFFFFFF2000000000000000F7FFFFFFFFFFFFFFAFFFFFFFFFFFFFFF2400000000000000B8FFFFFFFFFFFFFF9FFFFFFFFFFFFFFFC1FFFFFFFFFFFFFFFFFFFFFFFFFFFFFF53000000000000003F000000000000005C00000000000000B8FFFFFFFFFFFFFF0E000000000000002B000000000000000B0000000000000033000000000000005F0000000000000027000000000000003300000000000000AAFFFFFFFFFFFFFF31000000000000005100000000000000C8FFFFFFFFFFFFFFADFFFFFFFFFFFFFF12000000000000005A00000000000000DAFFFFFFFFFFFFFF48000000000000001B00000000000000D3FFFFFFFFFFFFFF0E0000000000000042000000000000002700000000000000F2FFFFFFFFFFFFFF2F000000000000003D000000000000003900000000000000A0FFFFFFFFFFFFFF9FFFFFFFFFFFFFFFD4FFFFFFFFFFFFFF54000000000000004400000000000000D2FFFFFFFFFFFFFF3600000000000000AEFFFFFFFFFFFFFFDAFFFFFFFFFFFFFF5F00000000000000EBFFFFFFFFFFFFFFF1FFFFFFFFFFFFFFC9FFFFFFFFFFFFFF2B000000000000002100000000000000B5FFFFFFFFFFFFFF3F00000000000000CBFFFFFFFFFFFFFFDFFFFFFFFFFFFFFFCCFFFFFFFFFFFFFF5500000000000000D5FFFFFFFFFFFFFF5E00000000000000C6FFFFFFFFFFFFFFAAFFFFFFFFFFFFFFF4FFFFFFFFFFFFFFA4FFFFFFFFFFFFFF55000000000000005300000000000000BFFFFFFFFFFFFFFFCFFFFFFFFFFFFFFF3E00000000000000A3FFFFFFFFFFFFFF5900000000000000C5FFFFFFFFFFFFFF15000000000000004100000000000000EEFFFFFFFFFFFFFF"> : vector<120xindex>} : () -> memref<?x?xf64, strided<[1, 1]>, 1>
  %61:2 = "ut.op112"() {k0 = @x::@y::@z, k1 = true, k2 = @"a b"::@c} : () -> (vector<2x2x[4]xi16>, si8)
  %62:2 = "ut.op113"() {k0 = @"a b"::@c, k1 = #set} : () -> (f16, tuple<bf16, () -> (i32, si64), () -> (memref<?xbf16, strided<[1]>, {a = 1 : i64}>, none)>)
  %63 = "ut.op114"() {k0 = 0.000000e+00 : f16} : () -> bf16
  "ut.op115"() {k0 = @x::@y::@z, k1 = "\0A\09\00\FF", k2 = #loc1, k3 = memref<1x?xf16, strided<[?, ?], offset: ?>>, k4 = #loc1} : () -> ()
  "ut.op116"() {k0, k1 = #map, k2} : () -> ()
  "ut.op117"() {k0 = {"q k0" = -0.000000e+00 : f64}, k1 = array<i8>} : () -> ()
  "ut.op118"() {k0 = strided<[1, ?], offset: 4>, k1 = @f, k2 = @x::@y::@z, k3 = #loc10, k4 = 1.000000e+00 : f64} : () -> ()
  %64 = "ut.op119"() {k0 = -9 : i64, k1 = @x::@y::@z, k2 = #ut.n<a = 1, b = [1, 2]>, k3 = {b0 = "x" : i32, c.d1 = #set}, k4 = 3.140630e+00 : f16} : () -> i32
  %65 = "ut.op120"() {k0 = false, k1 = #ut.simple} : () -> i32
  "ut.op121"() {k0 = #ut.simple, k1, k2, k3 = false} : () -> ()
  %66:2 = "ut.op122"() {k0 = false, k1, k2 = "\0A\09\00\FF", k3 = @"a b"::@c} : () -> (i8, complex<bf16>)
  %67 = "ut.op123"() {k0, k1 = @f, k2 = {a0 = {e10 = [173 : ui8, #loc1]}, c.d2 = dense<18> : tensor<1x2xindex>, "q k1" = #loc1}} : () -> ((f16) -> ())
  %68:2 = "ut.op124"() {k0 = #loc11, k1 = strided<[1, ?], offset: 4>, k2 = array<f64: 1.500000e+00, 2.500000e-01, 1.500000e+00, 1.500000e+00>} : () -> (tensor<4x1x0xsi64, #ut.enc<"x">>, tensor<?x?xf32, #ut.enc<"x">>)
  %69 = "ut.op125"() {k0 = false, k1 = array<i64: -36, -43>, k2 = true} : () -> i1
  "ut.op126"() {k0 = "hello", k1 = "" : tensor<2xf32>, k2 = si64, k3 = #map, k4 = tuple<vector<1xui32>, index, none>} : () -> ()
  %70:2 = "ut.op127"() {k0 = dense<> : tensor<0xf32>} : () -> (i64, !tuple7)
  %71 = "ut.op128"() {k0 = false, k1 = #ut<"verbose">, k2 = dense<-38> : tensor<i8>} : () -> none
  %72:2 = "ut.op129"() {k0 = [2.500000e+00, unit], k1 = [0.0064999999999999997], k2 = tuple<>} : () -> (f32, complex<bf16>)
  %73:2 = "ut.op130"() {k0 = @x::@y::@z, k1 = true, k2 = {a0 = strided<[]>, a2 = #loc2, c.d1}} : () -> (tensor<*xf32>, none)
  %74 = "ut.op131"() {k0 = 0x7C00 : f16, k1 = [#map2, strided<[1, ?], offset: 4>]} : () -> tensor<16xf64, 5 : i32>
  %75:2 = "ut.op132"() {k0 = -86 : i8, k1 = strided<[?]>} : () -> (vector<[8]x1xf64>, i8)
  %76:2 = "ut.op133"() {k0 = @"a b"::@c, k1 = i64, k2 = tensor<*xbf16>, k3 = tensor<*xbf16>, k4 = array<f64>} : () -> (bf16, complex<f32>)
  %77:2 = "ut.op134"() {k0 = {c.d1 = true, qk0 = true}, k1 = "" : tensor<2xf32>, k2 = array<f16: 2.500000e-01, 2.500000e-01, 2.500000e-01>, k3 = #set, k4} : () -> (none, i64)
  %78 = "ut.op135"() {k0 = #ut<"verbose">} : () -> i64
  %79 = "ut.op136"() {k0 = "" : tensor<2xf32>, k1, k2 = {e11 = strided<[?]>, "q k0" = tensor<0x4x?xi16, #ut.enc<"x">>}, k3 = "x" : i32} : () -> vector<[8]x4xi17>
  "ut.op137"() {k0 = false} : () -> ()
  %80:2 = "ut.op138"() {k0 = "" : tensor<2xf32>, k1 = [3, true, dense<"0x0000003F0000803F0000003F0000803F000000C00000803F000000C00000803F0000803F0000803F000000C00000803F000000C00000803F0000803F000000C00000003F000000C0000000C0000000C00000803F000000C0000000C0000000C00000003F000000C00000003F0000803F0000803F0000803F0000003F000000C00000003F000000C00000803F0000803F000000C00000803F000000C00000803F0000803F000000C00000803F000000C00000803F000000C00000803F0000803F0000003F000000C0000000C00000803F0000803F0000803F000000C00000803F000000C00000803F0000803F0000803F0000803F0000803F000000C0000000C0000000C00000803F0000003F000000C00000803F000000C0000000C0000000C00000803F000000C00000803F000000C00000803F000000C00000003F000000C00000003F0000803F0000803F000000C00000803F0000803F0000803F000000C0000000C0000000C00000803F000000C00000803F0000803F000000C00000803F0000803F000000C0000000C0000000C0000000C0000000C00000803F000000C00000803F000000C00000803F000000C00000003F000000C0000000C00000803F000000C00000803F0000803F000000C0000000C0000000C00000003F000000C0000000C0000000C0000000C00000803F000000C00000803F000000C0000000C0000000C00000803F000000C00000803F0000803F000000C0000000C00000803F0000803F0000803F0000803F000000C00000003F0000803F0000003F0000803F000000C00000803F000000C00000803F0000803F000000C00000803F000000C00000003F000000C00000803F000000C0000000C0000000C00000003F000000C00000003F0000803F0000003F000000C0000000C00000803F0000003F0000803F0000003F000000C00000803F000000C00000803F0000803F0000003F000000C00000803F000000C00000803F000000C0000000C00000803F000000C00000803F0000003F000000C00000003F000000C00000803F000000C00000003F000000C00000003F0000803F0000003F0000803F0000803F000000C0000000C00000803F000000C00000803F0000803F000000C0000000C00000803F000000C00000803F000000C00000803F0000803F000000C0000000C0000000C00000003F000000C00000003F000000C00000803F000000C00000803F0000803F0000003F0000803F0000803F000000C00000003F000000C00000003F000000C00000003F000000C0000000C00000803F0000803F0000803F0000803F0000803F0000003F0000803F"> : tensor<120xcomplex<f32>>], k2 = -2.500000e+00 : bf16, k3 = #map2, k4 = array<i1: false, false, true>} : () -> (complex<i32>, !tuple17)
  %81 = "ut.op139"() {k0 = {b0 = {c.d0 = "" : tensor<2xf32>}, c.d1 = strided<[?]>}, k1 = -8491457091738858792 : i64, k2, k3 = [-0.000000e+00 : f16], k4 = "x" : i32} : () -> i1
  "ut.op140"() {k0, k1} : () -> ()
  "ut.op141"() {k0 = [3.141590e+00, false], k1 = #ut<"verbose">, k2 = #loc7, k3 = [], k4 = [2.500000e+00, array<i32: 27, 20, -46, 36>]} : () -> ()
  "ut.op142"() {k0 = strided<[?]>, k1, k2 = [2.500000e+00, #map2], k3 = -847713711459104026 : index, k4 = "" : tensor<2xf32>} : () -> ()
  "ut.op143"() {k0 = false, k1 = #ut<"verbose">} : () -> ()
  %82:2 = "ut.op144"() {k0 = true, k1 = "" : tensor<2xf32>} : () -> (f64, memref<4x1xf32, "gpu">)
  %83:2 = "ut.op145"() {k0 = {c.d0 = strided<[1, ?], offset: 4>}, k1 = dense<[[-60, -2, 12, -78, -70], [-96, -19, 51, 92, 83], [57, -42, 100, 96, 11]]> : vector<3x5xi32>, k2 = #loc9, k3, k4 = #ut.simple} : () -> (complex<f16>, tensor<4x16x4xf16, #ut.enc<"x">>)
  %84:2 = "ut.op146"() {k0, k1 = i1, k2 = #map, k3 = "a\22b", k4 = "" : tensor<2xf32>} : () -> (index, f32)
  %85 = "ut.op147"() {k0 = array<i8: -41, 31, 50>} : () -> tuple<tensor<*xf64>, tensor<2x1x0xui32, 5 : i32>>
  "ut.op148"() {k0 = array<f16: 1.500000e+00, 2.500000e-01, 1.500000e+00, -2.000000e+00>, k1 = si8, k2 = dense<53> : tensor<si8>, k3 = #map2, k4 = dense<"0x0B1B4BDD373BDFFD0C0002082FC021280B2BD7C25ACDB3F7BB9F22A9E2A3C91AB612A1C6EF9F4BA900EC1519394156D933B7A44835D915FBF81654B8060917D5CFC4195C18E1D732AAB339D9AACBF01D014CB6D69E4C32DF5CA4F1D91710CE1E3CC9DCB15A41B6A4B8B1A726A3CEDF60320EEFC11249293B"> : vector<120xsi8>} : () -> ()
  %86 = "ut.op149"() {k0 = #loc10, k1 = [strided<[?]>, [], strided<[]>], k2 = #ut<"verbose">, k3 = 0.000000e+00 : bf16} : () -> si64
  "t.a"() {a = array<i392: 1, -2>, b = array<ui200: 5, 0>, c = array<i128: -1, 170141183460469231731687303715884105727>, d = array<si24: -3, 8388607>, e = dense<[1, -2]> : tensor<2xi200>, f = dense<-1> : tensor<3xi136>, g = array<i16777208>, h = 5 : i300, i = -7 : i300} : () -> ()
}) : () -> ()

