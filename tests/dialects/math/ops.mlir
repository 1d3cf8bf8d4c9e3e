// RUN: strata opt %s
// RUN: strata opt %s --mlir-print-op-generic

// Every math op in its custom form, with fastmath flags, on scalars, vectors and tensors.
// The output must equal mlir-opt-22's.

func.func @unary(%x: f32) -> f32 {
  %0 = math.absf %x : f32
  %1 = math.acos %0 : f32
  %2 = math.acosh %1 : f32
  %3 = math.asin %2 : f32
  %4 = math.asinh %3 : f32
  %5 = math.atan %4 : f32
  %6 = math.atanh %5 : f32
  %7 = math.cbrt %6 : f32
  %8 = math.ceil %7 : f32
  %9 = math.cos %8 : f32
  %10 = math.cosh %9 : f32
  %11 = math.erf %10 : f32
  %12 = math.erfc %11 : f32
  %13 = math.exp %12 : f32
  %14 = math.exp2 %13 : f32
  %15 = math.expm1 %14 : f32
  %16 = math.floor %15 : f32
  %17 = math.log %16 : f32
  %18 = math.log10 %17 : f32
  %19 = math.log1p %18 : f32
  %20 = math.log2 %19 : f32
  %21 = math.round %20 : f32
  %22 = math.roundeven %21 : f32
  %23 = math.rsqrt %22 : f32
  %24 = math.sin %23 : f32
  %25 = math.sinh %24 : f32
  %26 = math.sqrt %25 : f32
  %27 = math.tan %26 : f32
  %28 = math.tanh %27 : f32
  %29 = math.trunc %28 : f32
  return %29 : f32
}

func.func @flags(%x: f64, %y: f64, %z: f64) -> f64 {
  %0 = math.sqrt %x fastmath<afn,reassoc> : f64
  %1 = math.powf %0, %y fastmath<fast> : f64
  %2 = math.atan2 %1, %y : f64
  %3 = math.copysign %2, %x fastmath<nnan> : f64
  %4 = math.fma %3, %y, %z : f64
  %5 = math.fma %4, %y, %z fastmath<contract> : f64
  %6 = math.clampf %5 to [%y, %z] : f64
  %7 = math.clampf %6 to [%y, %z] fastmath<ninf> : f64
  %8 = math.exp %7 fastmath<none> : f64
  return %8 : f64
}

func.func @half(%h: f16, %b: bf16) -> (f16, bf16) {
  %0 = math.exp %h : f16
  %1 = math.tanh %b : bf16
  return %0, %1 : f16, bf16
}

func.func @integer(%a: i32, %b: i64, %c: i8, %i: index) -> (i32, i64, i8, index) {
  %0 = math.absi %a : i32
  %1 = math.ctlz %b : i64
  %2 = math.cttz %c : i8
  %3 = math.ctpop %0 : i32
  %4 = math.ipowi %3, %a : i32
  %5 = math.absi %i : index
  return %4, %1, %2, %5 : i32, i64, i8, index
}

func.func @fpowi(%x: f32, %n: i32, %v: vector<2xf32>, %vn: vector<2xi64>) -> (f32, vector<2xf32>) {
  %0 = math.fpowi %x, %n : f32, i32
  %1 = math.fpowi %v, %vn fastmath<fast> : vector<2xf32>, vector<2xi64>
  return %0, %1 : f32, vector<2xf32>
}

func.func @classify(%x: f32, %v: vector<4xf64>) -> (i1, i1, i1, i1, vector<4xi1>) {
  %0 = math.isnan %x : f32
  %1 = math.isinf %x : f32
  %2 = math.isfinite %x {fastmath = #arith.fastmath<nnan>} : f32
  %3 = math.isnormal %x : f32
  %4 = math.isnan %v : vector<4xf64>
  return %0, %1, %2, %3, %4 : i1, i1, i1, i1, vector<4xi1>
}

func.func @sincos(%x: f32, %v: vector<[4]xf64>) -> (f32, f32, vector<[4]xf64>) {
  %s, %c = math.sincos %x : f32
  %r:2 = math.sincos %v fastmath<afn> : vector<[4]xf64>
  return %s, %c, %r#1 : f32, f32, vector<[4]xf64>
}

func.func @shaped(%v: vector<8xf32>, %s: vector<[4]xf64>, %t: tensor<?x4xf32>, %vi: vector<2x4xi16>) -> (vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>) {
  %0 = math.exp %v : vector<8xf32>
  %1 = math.sin %s : vector<[4]xf64>
  %2 = math.sqrt %t : tensor<?x4xf32>
  %3 = math.absi %vi : vector<2x4xi16>
  %4 = math.fma %0, %0, %v fastmath<contract> : vector<8xf32>
  return %4, %1, %2, %3 : vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>
}
