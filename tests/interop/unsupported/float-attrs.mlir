"builtin.module"() ({
  "ut.floats"() {f5 = 1.0 : f80, f6 = 2.5 : f128, f7 = 0.5 : tf32} : () -> ()
}) : () -> ()
