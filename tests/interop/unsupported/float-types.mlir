"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%tf32: tf32, %f80: f80, %f128: f128):
    "ut.yield"() : () -> ()
  }) : () -> ()
}) : () -> ()
