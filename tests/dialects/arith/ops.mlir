// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Every arith op in its custom form, with the optional flags, on scalars, vectors and
// tensors. The output must equal mlir-opt-22's.

func.func @constants() -> (i1, i1, i8, i32, i64, index, f16, bf16, f32, f64) {
  %t = arith.constant true
  %f = arith.constant false
  %b = arith.constant -7 : i8
  %i = arith.constant 42 : i32
  %l = arith.constant -1 : i64
  %x = arith.constant 16 : index
  %h = arith.constant 1.5 : f16
  %bf = arith.constant -2.0 : bf16
  %s = arith.constant 3.14159274 : f32
  %d = arith.constant 0x7FF8000000000000 : f64
  return %t, %f, %b, %i, %l, %x, %h, %bf, %s, %d : i1, i1, i8, i32, i64, index, f16, bf16, f32, f64
}

func.func @shaped_constants() -> (vector<4xf32>, vector<[4]xi32>, tensor<2x2xi1>, tensor<3xindex>) {
  %0 = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : vector<4xf32>
  %1 = arith.constant dense<7> : vector<[4]xi32>
  %2 = arith.constant dense<[[true, false], [false, true]]> : tensor<2x2xi1>
  %3 = arith.constant {tag} dense<[0, 1, 2]> : tensor<3xindex>
  return %0, %1, %2, %3 : vector<4xf32>, vector<[4]xi32>, tensor<2x2xi1>, tensor<3xindex>
}

func.func @int_binary(%a: i32, %b: i32) -> i32 {
  %0 = arith.addi %a, %b : i32
  %1 = arith.addi %0, %b overflow<nsw> : i32
  %2 = arith.subi %1, %a overflow<nuw> : i32
  %3 = arith.muli %2, %b overflow<nsw, nuw> : i32
  %4 = arith.divsi %3, %b : i32
  %5 = arith.divsi %4, %b exact : i32
  %6 = arith.divui %5, %a : i32
  %7 = arith.divui %6, %a exact : i32
  %8 = arith.ceildivsi %7, %b : i32
  %9 = arith.ceildivui %8, %b : i32
  %10 = arith.floordivsi %9, %a : i32
  %11 = arith.remsi %10, %a : i32
  %12 = arith.remui %11, %b : i32
  %13 = arith.andi %12, %a : i32
  %14 = arith.ori %13, %b : i32
  %15 = arith.xori %14, %a : i32
  %16 = arith.shli %15, %b : i32
  %17 = arith.shli %16, %b overflow<nsw, nuw> : i32
  %18 = arith.shrsi %17, %b : i32
  %19 = arith.shrsi %18, %b exact : i32
  %20 = arith.shrui %19, %b : i32
  %21 = arith.shrui %20, %b exact : i32
  %22 = arith.maxsi %21, %a : i32
  %23 = arith.maxui %22, %b : i32
  %24 = arith.minsi %23, %a : i32
  %25 = arith.minui %24, %b {note = "kept"} : i32
  return %25 : i32
}

func.func @int_shaped(%v: vector<4xi8>, %s: vector<[8]xi16>, %t: tensor<?x4xindex>) -> (vector<4xi8>, vector<[8]xi16>, tensor<?x4xindex>) {
  %0 = arith.addi %v, %v : vector<4xi8>
  %1 = arith.muli %s, %s overflow<nsw> : vector<[8]xi16>
  %2 = arith.subi %t, %t : tensor<?x4xindex>
  return %0, %1, %2 : vector<4xi8>, vector<[8]xi16>, tensor<?x4xindex>
}

func.func @extended(%a: i64, %b: i64, %v: vector<4xi32>) -> (i64, i64, i64, i1, vector<4xi32>, vector<4xi1>) {
  %lo, %hi = arith.mulsi_extended %a, %b : i64
  %ulo, %uhi = arith.mului_extended %a, %b : i64
  %sum, %ovf = arith.addui_extended %lo, %hi : i64, i1
  %vs:2 = arith.addui_extended %v, %v : vector<4xi32>, vector<4xi1>
  return %sum, %uhi, %ulo, %ovf, %vs#0, %vs#1 : i64, i64, i64, i1, vector<4xi32>, vector<4xi1>
}

func.func @float_ops(%a: f32, %b: f32, %t: tensor<4x?xbf16>) -> (f32, tensor<4x?xbf16>) {
  %0 = arith.addf %a, %b : f32
  %1 = arith.subf %0, %b fastmath<fast> : f32
  %2 = arith.mulf %1, %a fastmath<nnan,ninf> : f32
  %3 = arith.divf %2, %b fastmath<reassoc,nsz,arcp,contract,afn> : f32
  %4 = arith.remf %3, %a : f32
  %5 = arith.negf %4 fastmath<nnan> : f32
  %6 = arith.maximumf %5, %a : f32
  %7 = arith.minimumf %6, %b : f32
  %8 = arith.maxnumf %7, %a : f32
  %9 = arith.minnumf %8, %b : f32
  %10 = arith.negf %9 : f32
  %11 = arith.addf %t, %t : tensor<4x?xbf16>
  return %10, %11 : f32, tensor<4x?xbf16>
}

func.func @compares(%a: index, %b: index, %x: f64, %y: f64, %v: vector<2xi16>, %w: tensor<*xf32>) -> (i1, vector<2xi1>, tensor<*xi1>) {
  %0 = arith.cmpi eq, %a, %b : index
  %1 = arith.cmpi ne, %a, %b : index
  %2 = arith.cmpi slt, %a, %b : index
  %3 = arith.cmpi sle, %a, %b : index
  %4 = arith.cmpi sgt, %a, %b : index
  %5 = arith.cmpi sge, %a, %b : index
  %6 = arith.cmpi ult, %a, %b : index
  %7 = arith.cmpi ule, %a, %b : index
  %8 = arith.cmpi ugt, %a, %b : index
  %9 = arith.cmpi uge, %a, %b : index
  %10 = arith.cmpf false, %x, %y : f64
  %11 = arith.cmpf oeq, %x, %y : f64
  %12 = arith.cmpf ogt, %x, %y : f64
  %13 = arith.cmpf oge, %x, %y : f64
  %14 = arith.cmpf olt, %x, %y : f64
  %15 = arith.cmpf ole, %x, %y : f64
  %16 = arith.cmpf one, %x, %y : f64
  %17 = arith.cmpf ord, %x, %y : f64
  %18 = arith.cmpf ueq, %x, %y : f64
  %19 = arith.cmpf ugt, %x, %y : f64
  %20 = arith.cmpf uge, %x, %y : f64
  %21 = arith.cmpf ult, %x, %y : f64
  %22 = arith.cmpf ule, %x, %y : f64
  %23 = arith.cmpf une, %x, %y fastmath<nnan> : f64
  %24 = arith.cmpf uno, %x, %y : f64
  %25 = arith.cmpf true, %x, %y : f64
  %26 = arith.cmpi sge, %v, %v : vector<2xi16>
  %27 = arith.cmpf ole, %w, %w : tensor<*xf32>
  return %0, %26, %27 : i1, vector<2xi1>, tensor<*xi1>
}

func.func @select(%c: i1, %a: i32, %b: i32, %m: vector<4xi1>, %v: vector<4xf32>, %t: tensor<?xf32>) -> (i32, vector<4xf32>, vector<4xf32>, tensor<?xf32>) {
  %0 = arith.select %c, %a, %b : i32
  %1 = arith.select %m, %v, %v : vector<4xi1>, vector<4xf32>
  %2 = arith.select %c, %v, %v : vector<4xf32>
  %3 = arith.select %c, %t, %t : tensor<?xf32>
  return %0, %1, %2, %3 : i32, vector<4xf32>, vector<4xf32>, tensor<?xf32>
}

func.func @casts(%i8v: i8, %i32v: i32, %f16v: f16, %f32v: f32, %idx: index, %vi: vector<2xi32>, %m: memref<4xi32>) -> (i64, i32, i8, i8, f64, f64, bf16, f16, i32, i32, f32, f32, index, i32, i32, vector<2xf32>, memref<4xindex>) {
  %0 = arith.extsi %i8v : i8 to i64
  %1 = arith.extui %i8v : i8 to i32
  %2 = arith.trunci %i32v : i32 to i8
  %3 = arith.trunci %i32v overflow<nuw> : i32 to i8
  %4 = arith.extf %f32v : f32 to f64
  %5 = arith.extf %f32v fastmath<contract> : f32 to f64
  %6 = arith.truncf %f32v : f32 to bf16
  %7 = arith.truncf %f32v toward_zero fastmath<nnan> : f32 to f16
  %8 = arith.fptosi %f16v : f16 to i32
  %9 = arith.fptoui %f32v : f32 to i32
  %10 = arith.sitofp %i32v : i32 to f32
  %11 = arith.uitofp %i8v : i8 to f32
  %12 = arith.index_cast %i32v : i32 to index
  %13 = arith.index_castui %idx : index to i32
  %14 = arith.bitcast %f32v : f32 to i32
  %15 = arith.bitcast %vi : vector<2xi32> to vector<2xf32>
  %16 = arith.index_cast %m : memref<4xi32> to memref<4xindex>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16 : i64, i32, i8, i8, f64, f64, bf16, f16, i32, i32, f32, f32, index, i32, i32, vector<2xf32>, memref<4xindex>
}

func.func @rounding_modes(%f: f64) -> (f32, f32, f32, f32, f32) {
  %0 = arith.truncf %f to_nearest_even : f64 to f32
  %1 = arith.truncf %f downward : f64 to f32
  %2 = arith.truncf %f upward : f64 to f32
  %3 = arith.truncf %f toward_zero : f64 to f32
  %4 = arith.truncf %f to_nearest_away : f64 to f32
  return %0, %1, %2, %3, %4 : f32, f32, f32, f32, f32
}
