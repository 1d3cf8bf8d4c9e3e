// Hand-written generic-form IR: the 8- and 4-bit float types (and 4- and 2-bit integers)
// as block-argument types, scalar float attributes (decimal, and hex for NaN), and dense
// elements of each.
"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%a: f8E5M2, %b: f8E4M3FN, %c: f8E5M2FNUZ, %d: f8E4M3FNUZ, %e: f8E8M0FNU, %f: f4E2M1FN,
       %g: tensor<2x3xf8E4M3FN>, %h: tensor<4xf4E2M1FN>, %i: i4, %j: ui4, %k: i2, %l: ui2):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.floats"() {a = 1.5 : f8E5M2, b = 448.0 : f8E4M3FN, c = -0.0 : f8E5M2FNUZ,
                 d = 0.001953125 : f8E4M3FNUZ, e = 0.25 : f8E8M0FNU, f = -6.0 : f4E2M1FN,
                 g = 0x7F : f8E4M3FN, h = 0x80 : f8E4M3FNUZ, i = 0x7C : f8E5M2, j = 0xFF : f8E8M0FNU,
                 k = 0.1 : f8E4M3FN, l = 57344.0 : f8E5M2, m = 3.0e-02 : f8E5M2} : () -> ()
  "ut.dense"() {a = dense<[1.0, -2.5, 448.0, 0.0]> : tensor<4xf8E4M3FN>,
                b = dense<[0.5, 6.0, -0.0, 1.5]> : tensor<4xf4E2M1FN>,
                c = dense<2.0> : tensor<3xf8E8M0FNU>,
                d = dense<[1, -8, 7, -1]> : tensor<4xi4>,
                e = dense<[0, 3, 2]> : tensor<3xui2>,
                f = dense<[57344.0, 1.52587890625e-05]> : tensor<2xf8E5M2FNUZ>} : () -> ()
}) : () -> ()
