"builtin.module"() ({
  "ut.dense"() {d9 = dense<["a", "bc"]> : tensor<2x!ut.str>} : () -> ()
}) : () -> ()
