#loc = loc("a":1:2)
#loc1 = loc("file.mlir":3:4)
#map = affine_map<(d0, d1) -> (d1, d0)>
#map1 = affine_map<(d0)[s0, s1] -> (d0 * s0 + s1, d0 floordiv 4, d0 ceildiv 2, d0 mod 8)>
#map2 = affine_map<() -> (0)>
#map3 = affine_map<(d0, d1) -> ()>
#set = affine_set<(d0, d1)[s0] : (d0 - 10 >= 0, -d0 + s0 - 9 >= 0, d1 == 0)>
#set1 = affine_set<(d0) : (1 == 0)>
#loc2 = loc(fused<"metadata">[#loc])
"builtin.module"() ({
  "ut.ints"() {a = true, b = -128 : i8, c = 255 : ui8, d = -5 : si16, e = 2147483647 : i32, f = -9223372036854775808 : i64, fl = false, g = 42 : index, h = 31 : i32, i = 7 : i64, t = true, u} : () -> ()
  "ut.floats"() {bnan = 0x7FC0 : bf16, dnan = 0x7FF8000000000000 : f64, f0 = 0.000000e+00 : f32, f1 = -1.500000e+00 : f64, f2 = 1.000000e-10 : f64, f3 = 6.550400e+04 : f16, f4 = 3.000000e+00 : bf16, hinf = 0x7C00 : f16, inf = 0x7F800000 : f32, nan = 0x7FC00000 : f32, negnan = 0xFFC00000 : f32, negzero = -0.000000e+00 : f32, ninf = 0xFF800000 : f32, snan = 0x7FA00000 : f32} : () -> ()
  "ut.strings"() {s0 = "", s1 = "hello world", s2 = "quote\22back\\slash", s3 = "tab\09nl\0A", s4 = "utf8 \E2\9C\93", s5 = "typed" : i32} : () -> ()
  "ut.collections"() {arr = [1, "two", 3.000000e+00 : f32, [4, [5]], {k = 6 : i64}], dense_arr = array<i32: 1, 2, 3>, dense_b = array<i1: true, false>, dense_empty = array<i64>, dense_f = array<f64: 1.500000e+00, -2.000000e+00>, dict = {a = 1 : i32, "quoted key", z.y = "dotted"}, empty_arr = [], empty_dict = {}} : () -> ()
  "ut.types_as_attrs"() {ty0 = i32, ty1 = tensor<?x4xf32>, ty2 = (i32, f32) -> i1, ty3 = () -> (), ty4 = none, ty5 = !ut.opaque<"payload">, ty6 = complex<f64>, ty7 = tuple<i32, tuple<>, f32>} : () -> ()
  "ut.symbols"() {deep = @outer::@"quoted name"::@c, nested = @a::@b, qs = @"sym with space", sym = @a, syms = [@f, @g::@h]} : () -> ()
  "ut.affine"() {m0 = #map, m1 = #map1, m2 = #map2, m3 = #map3, set0 = #set, set1 = #set1, strided0 = strided<[?, 1], offset: ?>, strided1 = strided<[4, 1]>} : () -> ()
  "ut.dense"() {d0 = dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>, d1 = dense<1.000000e+00> : tensor<4x8xf32>, d11 = dense<"0x00070E151C232A31383F464D545B626970777E858C939AA1A8AFB6BDC4CBD2D9E0E7EEF5FC030A11181F262D343B424950575E656C737A81888F969DA4ABB2B9C0C7CED5DCE3EAF1F8FF060D141B222930373E454C535A61686F767D848B9299A0A7AEB5BCC3CAD1D8DFE6EDF4FB020910171E252C333A41484F565D646B7279"> : tensor<128xi8>, d2 = dense<[0x7FC00000, 0x7F800000, -0.000000e+00, 1.000000e+00]> : tensor<4xf32>, d3 = dense<[true, false, true]> : tensor<3xi1>, d4 = dense<[(1,2), (3,4)]> : tensor<2xcomplex<i32>>, d5 = dense<(1.000000e+00,-1.000000e+00)> : tensor<1xcomplex<f32>>, d6 = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>, d7 = dense<> : tensor<0xi8>, d8 = dense<[1.000000e+00, 2.000000e+00]> : vector<2xf16>} : () -> ()
  "ut.misc"() {dloc = #loc2, loc = #loc1, opaque = #ut.attr<"anything" [1, 2] {x}>, pretty = #ut.pretty<a = 1, b = [2]>} : () -> ()
}) : () -> ()

