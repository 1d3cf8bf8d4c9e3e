"builtin.module"() ({
  "ut.dense"() {d10 = sparse<[[0, 0], [1, 2]], [1.0, 5.0]> : tensor<3x4xf32>} : () -> ()
}) : () -> ()
