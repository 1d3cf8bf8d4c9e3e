"builtin.module"() ({
  "ut.types"() ({
  ^bb0(%tf32: tf32, %f80: f80, %f128: f128, %f8a: f8E4M3FN, %f8b: f8E5M2):
    "ut.yield"() : () -> ()
  }) : () -> ()
}) : () -> ()
