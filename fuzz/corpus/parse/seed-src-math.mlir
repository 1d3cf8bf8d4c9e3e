// math dialect: unary/binary float ops, integer ops, fastmath flags,
// vector and tensor operands.

func.func @unary_f32(%x: f32) -> f32 {
  %0 = math.absf %x : f32
  %1 = math.sqrt %0 : f32
  %2 = math.rsqrt %1 : f32
  %3 = math.exp %2 : f32
  %4 = math.exp2 %3 : f32
  %5 = math.expm1 %4 : f32
  %6 = math.log %5 : f32
  %7 = math.log2 %6 : f32
  %8 = math.log10 %7 : f32
  %9 = math.log1p %8 : f32
  %10 = math.sin %9 : f32
  %11 = math.cos %10 : f32
  %12 = math.tan %11 : f32
  %13 = math.tanh %12 : f32
  %14 = math.atan %13 : f32
  %15 = math.erf %14 : f32
  %16 = math.ceil %15 : f32
  %17 = math.floor %16 : f32
  %18 = math.round %17 : f32
  %19 = math.roundeven %18 : f32
  %20 = math.trunc %19 : f32
  %21 = math.cbrt %20 : f32
  return %21 : f32
}

func.func @binary_f64(%x: f64, %y: f64, %z: f64) -> f64 {
  %0 = math.powf %x, %y : f64
  %1 = math.atan2 %0, %y : f64
  %2 = math.copysign %1, %x : f64
  %3 = math.fma %2, %y, %z : f64
  %4 = math.powf %3, %x fastmath<fast> : f64
  %5 = math.sqrt %4 fastmath<afn, reassoc> : f64
  return %5 : f64
}

func.func @half_types(%h: f16, %b: bf16) -> (f16, bf16) {
  %0 = math.exp %h : f16
  %1 = math.tanh %b : bf16
  return %0, %1 : f16, bf16
}

func.func @int_ops(%a: i32, %b: i64, %c: i8) -> (i32, i64, i8, i32) {
  %0 = math.absi %a : i32
  %1 = math.ctlz %b : i64
  %2 = math.cttz %c : i8
  %3 = math.ctpop %0 : i32
  %4 = math.ipowi %3, %a : i32
  return %4, %1, %2, %3 : i32, i64, i8, i32
}

func.func @fpowi(%x: f32, %n: i32) -> f32 {
  %0 = math.fpowi %x, %n : f32, i32
  return %0 : f32
}

func.func @classify(%x: f32) -> i1 {
  %0 = math.isnan %x : f32
  %1 = math.isinf %x : f32
  %2 = math.isfinite %x : f32
  %3 = arith.ori %0, %1 : i1
  %4 = arith.ori %3, %2 : i1
  return %4 : i1
}

func.func @shaped(%v: vector<8xf32>, %s: vector<[4]xf64>, %t: tensor<?x4xf32>, %vi: vector<2x4xi16>) -> (vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>) {
  %0 = math.exp %v : vector<8xf32>
  %1 = math.sin %s : vector<[4]xf64>
  %2 = math.sqrt %t : tensor<?x4xf32>
  %3 = math.absi %vi : vector<2x4xi16>
  %4 = math.fma %0, %0, %v fastmath<contract> : vector<8xf32>
  return %4, %1, %2, %3 : vector<8xf32>, vector<[4]xf64>, tensor<?x4xf32>, vector<2x4xi16>
}
