"builtin.module"() ({
  "ut.misc"() {dist = distinct[0]<{id = 1 : i64}>} : () -> ()
}) : () -> ()
