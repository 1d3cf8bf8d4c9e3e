// arith dialect: constants, integer/float binary ops, comparisons, casts,
// select, vector and tensor elementwise forms, fastmath and overflow flags.

func.func @constants() -> (i1, i8, i32, i64, index, f16, bf16, f32, f64) {
  %t = arith.constant true
  %b = arith.constant -7 : i8
  %i = arith.constant 42 : i32
  %l = arith.constant 9223372036854775807 : i64
  %x = arith.constant 16 : index
  %h = arith.constant 1.5 : f16
  %bf = arith.constant -2.0 : bf16
  %f = arith.constant 3.14159274 : f32
  %d = arith.constant 2.718281828459045 : f64
  return %t, %b, %i, %l, %x, %h, %bf, %f, %d : i1, i8, i32, i64, index, f16, bf16, f32, f64
}

func.func @special_floats() -> (f32, f32, f64, f16) {
  %nan = arith.constant 0x7FC00000 : f32
  %inf = arith.constant 0x7F800000 : f32
  %ninf = arith.constant 0xFFF0000000000000 : f64
  %hmax = arith.constant 6.550400e+04 : f16
  return %nan, %inf, %ninf, %hmax : f32, f32, f64, f16
}

func.func @int_ops(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.subi %0, %b overflow<nsw> : i32
  %2 = arith.muli %1, %a overflow<nsw, nuw> : i32
  %3 = arith.divsi %2, %b : i32
  %4 = arith.divui %3, %b : i32
  %5 = arith.remsi %4, %a : i32
  %6 = arith.remui %5, %a : i32
  %7 = arith.ceildivsi %6, %b : i32
  %8 = arith.floordivsi %7, %b : i32
  %9 = arith.andi %8, %a : i32
  %10 = arith.ori %9, %b : i32
  %11 = arith.xori %10, %a : i32
  %12 = arith.shli %11, %b : i32
  %13 = arith.shrsi %12, %b : i32
  %14 = arith.shrui %13, %b : i32
  %15 = arith.maxsi %14, %a : i32
  %16 = arith.minui %15, %b : i32
  %17 = arith.maxui %16, %a : i32
  %18 = arith.minsi %17, %b : i32
  return %18 : i32
}

func.func @extended(%a: i64, %b: i64) -> (i64, i64, i64, i1) {
  %lo, %hi = arith.mulsi_extended %a, %b : i64
  %ulo, %uhi = arith.mului_extended %a, %b : i64
  %sum, %ovf = arith.addui_extended %lo, %hi : i64, i1
  return %sum, %uhi, %ulo, %ovf : i64, i64, i64, i1
}

func.func @float_ops(%a: f32, %b: f32) -> f32 {
  %0 = arith.addf %a, %b : f32
  %1 = arith.subf %0, %b fastmath<fast> : f32
  %2 = arith.mulf %1, %a fastmath<nnan, ninf> : f32
  %3 = arith.divf %2, %b : f32
  %4 = arith.remf %3, %a : f32
  %5 = arith.negf %4 : f32
  %6 = arith.maximumf %5, %a : f32
  %7 = arith.minimumf %6, %b : f32
  %8 = arith.maxnumf %7, %a : f32
  %9 = arith.minnumf %8, %b : f32
  return %9 : f32
}

func.func @compares(%a: index, %b: index, %x: f64, %y: f64) -> (i1, i1, i1, i1) {
  %0 = arith.cmpi slt, %a, %b : index
  %1 = arith.cmpi uge, %a, %b : index
  %2 = arith.cmpf olt, %x, %y : f64
  %3 = arith.cmpf une, %x, %y fastmath<nnan> : f64
  %4 = arith.andi %0, %1 : i1
  %5 = arith.select %4, %2, %3 : i1
  return %0, %1, %2, %5 : i1, i1, i1, i1
}

func.func @casts(%i8v: i8, %i32v: i32, %f16v: f16, %f32v: f32, %idx: index) -> (i64, i8, f64, bf16, i32, f32, index, i32) {
  %0 = arith.extsi %i8v : i8 to i64
  %1 = arith.extui %i8v : i8 to i32
  %2 = arith.trunci %1 : i32 to i8
  %3 = arith.extf %f32v : f32 to f64
  %4 = arith.truncf %f32v : f32 to bf16
  %5 = arith.fptosi %f16v : f16 to i32
  %6 = arith.fptoui %f32v : f32 to i32
  %7 = arith.sitofp %i32v : i32 to f32
  %8 = arith.uitofp %6 : i32 to f32
  %9 = arith.index_cast %i32v : i32 to index
  %10 = arith.index_castui %idx : index to i32
  %11 = arith.bitcast %f32v : f32 to i32
  %12 = arith.addi %10, %11 : i32
  %13 = arith.addf %7, %8 : f32
  %14 = arith.addi %9, %idx : index
  %15 = arith.addi %12, %5 : i32
  return %0, %2, %3, %4, %15, %13, %14, %6 : i64, i8, f64, bf16, i32, f32, index, i32
}

func.func @vector_tensor(%v: vector<4xf32>, %s: vector<[4]xf32>, %t: tensor<?x8xi32>, %c: i1) -> (vector<4xf32>, vector<[4]xf32>, tensor<?x8xi32>) {
  %cst = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : vector<4xf32>
  %splat = arith.constant dense<0.5> : vector<[4]xf32>
  %0 = arith.addf %v, %cst : vector<4xf32>
  %1 = arith.mulf %s, %splat : vector<[4]xf32>
  %2 = arith.addi %t, %t : tensor<?x8xi32>
  %m = arith.cmpf ogt, %0, %cst : vector<4xf32>
  %3 = arith.select %m, %0, %cst : vector<4xi1>, vector<4xf32>
  %4 = arith.select %c, %2, %t : tensor<?x8xi32>
  return %3, %1, %4 : vector<4xf32>, vector<[4]xf32>, tensor<?x8xi32>
}

func.func @dense_constants() -> (tensor<2x3xi32>, tensor<4xf64>, tensor<2xi1>, tensor<3xi8>) {
  %0 = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %1 = arith.constant dense<[0.0, -1.0, 1.5e+10, 0x7FF8000000000000]> : tensor<4xf64>
  %2 = arith.constant dense<[true, false]> : tensor<2xi1>
  %3 = arith.constant dense<"0x01FF7F"> : tensor<3xi8>
  return %0, %1, %2, %3 : tensor<2x3xi32>, tensor<4xf64>, tensor<2xi1>, tensor<3xi8>
}
