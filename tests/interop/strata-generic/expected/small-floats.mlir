"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%arg0: f8E5M2, %arg1: f8E4M3FN, %arg2: f8E5M2FNUZ, %arg3: f8E4M3FNUZ, %arg4: f8E8M0FNU, %arg5: f4E2M1FN, %arg6: tensor<2x3xf8E4M3FN>, %arg7: tensor<4xf4E2M1FN>, %arg8: i4, %arg9: ui4, %arg10: i2, %arg11: ui2):
    "ut.yield"() : () -> ()
  }) : () -> ()
  "ut.floats"() {a = 1.500000e+00 : f8E5M2, b = 4.480000e+02 : f8E4M3FN, c = 0.000000e+00 : f8E5M2FNUZ, d = 1.953130e-03 : f8E4M3FNUZ, e = 2.500000e-01 : f8E8M0FNU, f = -6.000000e+00 : f4E2M1FN, g = 0x7F : f8E4M3FN, h = 0x80 : f8E4M3FNUZ, i = 0x7C : f8E5M2, j = 0xFF : f8E8M0FNU, k = 1.015630e-01 : f8E4M3FN, l = 5.734400e+04 : f8E5M2, m = 3.125000e-02 : f8E5M2} : () -> ()
  "ut.dense"() {a = dense<[1.000000e+00, -2.500000e+00, 4.480000e+02, 0.000000e+00]> : tensor<4xf8E4M3FN>, b = dense<[5.000000e-01, 6.000000e+00, -0.000000e+00, 1.500000e+00]> : tensor<4xf4E2M1FN>, c = dense<2.000000e+00> : tensor<3xf8E8M0FNU>, d = dense<[1, -8, 7, -1]> : tensor<4xi4>, e = dense<[0, 3, 2]> : tensor<3xui2>, f = dense<[5.734400e+04, 1.525880e-05]> : tensor<2xf8E5M2FNUZ>} : () -> ()
}) : () -> ()

