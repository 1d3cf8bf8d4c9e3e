// scf dialect: for (with/without iter_args), if/else with results, while,
// parallel with reduce, index_switch, execute_region, forall.

func.func @for_sum(%lb: index, %ub: index, %step: index, %init: f32) -> f32 {
  %r = scf.for %i = %lb to %ub step %step iter_args(%acc = %init) -> (f32) {
    %c = arith.index_cast %i : index to i64
    %f = arith.sitofp %c : i64 to f32
    %n = arith.addf %acc, %f : f32
    scf.yield %n : f32
  }
  return %r : f32
}

func.func @for_noresult(%m: memref<16xi32>) {
  %c0 = arith.constant 0 : index
  %c16 = arith.constant 16 : index
  %c1 = arith.constant 1 : index
  scf.for %i = %c0 to %c16 step %c1 {
    %v = memref.load %m[%i] : memref<16xi32>
    %w = arith.addi %v, %v : i32
    memref.store %w, %m[%i] : memref<16xi32>
  }
  return
}

func.func @for_i32(%lb: i32, %ub: i32, %s: i32) -> (i32, i64) {
  %z = arith.constant 0 : i64
  %r:2 = scf.for %i = %lb to %ub step %s iter_args(%a = %lb, %b = %z) -> (i32, i64) : i32 {
    %x = arith.addi %a, %i : i32
    %y = arith.extsi %i : i32 to i64
    %w = arith.addi %b, %y : i64
    scf.yield %x, %w : i32, i64
  }
  return %r#0, %r#1 : i32, i64
}

func.func @nested_for(%n: index) -> index {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %i = %c0 to %n step %c1 iter_args(%a = %c0) -> (index) {
    %s = scf.for %j = %c0 to %i step %c1 iter_args(%b = %a) -> (index) {
      %t = arith.addi %b, %j : index
      scf.yield %t : index
    }
    scf.yield %s : index
  }
  return %r : index
}

func.func @if_else(%c: i1, %a: f64, %b: f64) -> f64 {
  %r = scf.if %c -> (f64) {
    %s = arith.addf %a, %b : f64
    scf.yield %s : f64
  } else {
    %d = arith.subf %a, %b : f64
    scf.yield %d : f64
  }
  return %r : f64
}

func.func @if_noelse(%c: i1, %m: memref<i8>, %v: i8) {
  scf.if %c {
    memref.store %v, %m[] : memref<i8>
  }
  return
}

func.func @while_loop(%init: i32, %limit: i32) -> i32 {
  %r = scf.while (%arg = %init) : (i32) -> i32 {
    %cond = arith.cmpi slt, %arg, %limit : i32
    scf.condition(%cond) %arg : i32
  } do {
  ^bb0(%x: i32):
    %c1 = arith.constant 1 : i32
    %n = arith.addi %x, %c1 : i32
    scf.yield %n : i32
  }
  return %r : i32
}

func.func @parallel_reduce(%m: memref<?x?xf32>, %n0: index, %n1: index) -> f32 {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant 0.0 : f32
  %r = scf.parallel (%i, %j) = (%c0, %c0) to (%n0, %n1) step (%c1, %c1) init (%zero) -> f32 {
    %v = memref.load %m[%i, %j] : memref<?x?xf32>
    scf.reduce(%v : f32) {
    ^bb0(%lhs: f32, %rhs: f32):
      %s = arith.addf %lhs, %rhs : f32
      scf.reduce.return %s : f32
    }
  }
  return %r : f32
}

func.func @index_switch(%k: index, %a: i64) -> i64 {
  %r = scf.index_switch %k -> i64
  case 0 {
    %c = arith.constant 10 : i64
    scf.yield %c : i64
  }
  case 7 {
    %d = arith.muli %a, %a : i64
    scf.yield %d : i64
  }
  default {
    scf.yield %a : i64
  }
  return %r : i64
}

func.func @execute_region(%c: i1) -> i32 {
  %r = scf.execute_region -> i32 {
    cf.cond_br %c, ^bb1, ^bb2
  ^bb1:
    %one = arith.constant 1 : i32
    scf.yield %one : i32
  ^bb2:
    %two = arith.constant 2 : i32
    scf.yield %two : i32
  }
  return %r : i32
}

func.func @forall(%t: tensor<8x?xf32>, %d: index) -> tensor<8x?xf32> {
  %r = scf.forall (%i, %j) in (8, %d) shared_outs(%o = %t) -> (tensor<8x?xf32>) {
    %e = tensor.extract %t[%i, %j] : tensor<8x?xf32>
    %s = tensor.from_elements %e : tensor<1x1xf32>
    scf.forall.in_parallel {
      tensor.parallel_insert_slice %s into %o[%i, %j] [1, 1] [1, 1] : tensor<1x1xf32> into tensor<8x?xf32>
    }
  }
  return %r : tensor<8x?xf32>
}
