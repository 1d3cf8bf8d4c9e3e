//! `hw`-level programs (vector loads and stores, broadcasts, `hw.fma`, reductions in lane
//! order, element-wise arith/math on vectors, splat constants, 2-D vectors, odd lane counts,
//! `hw.parallel` on workers) compiled natively against the interpreter, bit for bit, for 1
//! and 3 threads.
mod common;
use common::*;
use strata_interp::{DType, Tensor};

const SRC: &str = r#"
func.func @f(%x: memref<4x16xf32>, %y: memref<4x16xf32>, %o: memref<4x16xf32>, %s: memref<4xf32>, %t: memref<4x16xf32>) attributes {strata.num_outputs = 3 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c8 = arith.constant 8 : index
  %c16 = arith.constant 16 : index
  %a = arith.constant 1.5 : f32
  %z = arith.constant 0.0 : f32
  "hw.parallel"(%c0, %c4, %c1) ({
  ^bb0(%i: index):
    %sum = "loop.for"(%c0, %c16, %c8, %z) ({
    ^bb0(%j: index, %acc: f32):
      %vx = "hw.load"(%x, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>
      %vy = "hw.load"(%y, %i, %j) : (memref<4x16xf32>, index, index) -> vector<8xf32>
      %b = "hw.broadcast"(%a) : (f32) -> vector<8xf32>
      %m = arith.mulf %vx, %b : vector<8xf32>
      %f = "hw.fma"(%vx, %vy, %m) : (vector<8xf32>, vector<8xf32>, vector<8xf32>) -> vector<8xf32>
      %mx = arith.maximumf %f, %vy : vector<8xf32>
      %c = arith.cmpf olt, %mx, %vx : vector<8xf32>
      %two = arith.constant dense<2.0> : vector<8xf32>
      %e = math.exp %vx : vector<8xf32>
      %d = arith.divf %e, %two : vector<8xf32>
      %sel = arith.select %c, %mx, %d : vector<8xi1>, vector<8xf32>
      "hw.store"(%sel, %o, %i, %j) : (vector<8xf32>, memref<4x16xf32>, index, index) -> ()
      %r = "hw.reduction"(%sel, %acc) <{kind = "add"}> : (vector<8xf32>, f32) -> f32
      "loop.yield"(%r) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "loop.store"(%sum, %s, %i) : (f32, memref<4xf32>, index) -> ()
    "hw.yield"() : () -> ()
  }) : (index, index, index) -> ()
  "loop.for"(%c0, %c4, %c2) ({
  ^bb0(%i: index):
    "loop.for"(%c0, %c16, %c4) ({
    ^bb0(%j: index):
      %v = "hw.load"(%x, %i, %j) : (memref<4x16xf32>, index, index) -> vector<2x4xf32>
      %n = arith.negf %v : vector<2x4xf32>
      "hw.store"(%n, %t, %i, %j) : (vector<2x4xf32>, memref<4x16xf32>, index, index) -> ()
      "loop.yield"() : () -> ()
    }) : (index, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}

func.func @g(%x: memref<12xi32>, %h: memref<12xf16>, %o: memref<12xi32>, %oh: memref<12xf16>, %m: memref<4xi32>) attributes {strata.num_outputs = 3 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c12 = arith.constant 12 : index
  %seven = arith.constant dense<7> : vector<3xi32>
  "loop.for"(%c0, %c12, %c3) ({
  ^bb0(%j: index):
    %v = "hw.load"(%x, %j) : (memref<12xi32>, index) -> vector<3xi32>
    %q = arith.divsi %v, %seven : vector<3xi32>
    %p = arith.muli %q, %v : vector<3xi32>
    "hw.store"(%p, %o, %j) : (vector<3xi32>, memref<12xi32>, index) -> ()
    %w = "hw.load"(%h, %j) : (memref<12xf16>, index) -> vector<3xf16>
    %w2 = arith.addf %w, %w : vector<3xf16>
    %w3 = math.absf %w2 : vector<3xf16>
    "hw.store"(%w3, %oh, %j) : (vector<3xf16>, memref<12xf16>, index) -> ()
    %mx = "hw.reduction"(%p) <{kind = "maxsi"}> : (vector<3xi32>) -> i32
    %k = arith.divui %j, %c3 : index
    "loop.store"(%mx, %m, %k) : (i32, memref<4xi32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"#;

#[test]
fn vector_code_matches_the_interpreter() {
    let art = compile(SRC, 0.0);
    let c = std::fs::read_to_string(&art.source_path).unwrap();
    assert!(
        c.contains("vector_size(32)"),
        "vector<8xf32> is a C vector type"
    );
    assert!(
        c.contains("typedef struct { uint32_t l[3]; }"),
        "odd sizes are structs"
    );
    assert!(
        c.contains("static int32_t strata_par"),
        "hw.parallel runs on the workers"
    );
    let f = |seed| {
        let v: Vec<f32> = values(64, seed, 3.0).iter().map(|&x| x as f32).collect();
        Tensor::from_vec(vec![4, 16], v).unwrap()
    };
    let ins = [f(1), f(2)];
    let want = interp(SRC, &art, "f", &ins).unwrap();
    for threads in [1, 3] {
        let got = native(&art, "f", &ins, threads).unwrap();
        for (k, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(bits(w), bits(g), "f output #{k}, {threads} threads");
        }
    }
    let xi: Vec<i32> = vec![5, -9, 100, i32::MIN, i32::MAX, 0, 7, -7, 3, 14, -15, 1];
    let h = Tensor::from_f64s(DType::F16, vec![12], &values(12, 4, 100.0)).unwrap();
    let ins = [Tensor::from_vec(vec![12], xi).unwrap(), h];
    let want = interp(SRC, &art, "g", &ins).unwrap();
    let got = native(&art, "g", &ins, 1).unwrap();
    for (k, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(bits(w), bits(g), "g output #{k}");
    }
}

/// A loop program vectorised by `loop-to-hw` compiles and gives the interpreter's bits on
/// the original program.
#[test]
fn loop_to_hw_output_compiles_and_matches() {
    let src = include_str!("vectorized.mlir");
    let ctx = strata::default_context();
    let mut m = parse_module(&ctx, src);
    let pm = strata_pass::parse_pipeline("loop-to-hw", "builtin.module").expect("pipeline");
    let report = strata_pass::PassManager::new(pm).run(&ctx, &mut m);
    assert!(!report.failed, "{:?}", report.diagnostics);
    let hw = strata::ir::text::print_module(&ctx, &m, &Default::default());
    assert!(hw.contains("hw.load"), "{hw}");
    let art = compile(&hw, 0.0);
    let f = |seed| {
        let v: Vec<f32> = values(80, seed, 3.0).iter().map(|&x| x as f32).collect();
        Tensor::from_vec(vec![4, 20], v).unwrap()
    };
    let ins = [f(7), f(8)];
    let want = interp(src, &art, "main", &ins).unwrap();
    for threads in [1, 2] {
        let got = native(&art, "main", &ins, threads).unwrap();
        for (k, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(bits(w), bits(g), "output #{k}, {threads} threads");
        }
    }
}

const MOVES: &str = r#"
func.func @h(%m: memref<3x10xf32>, %k: index, %p: index, %o: memref<3x10xf32>, %t: memref<8x4xf32>, %s: memref<8xf32>, %e: memref<2xf32>) attributes {strata.num_outputs = 4 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c3 = arith.constant 3 : index
  %c8 = arith.constant 8 : index
  %pad = arith.constant -1.0 : f32
  %mask = "hw.create_mask"(%k) : (index) -> vector<8xi1>
  "loop.for"(%c0, %c3, %c1) ({
  ^bb0(%i: index):
    %a = "hw.transfer_read"(%m, %i, %c0, %pad) : (memref<3x10xf32>, index, index, f32) -> vector<8xf32>
    %b = "hw.transfer_read"(%m, %i, %c8, %pad, %mask) : (memref<3x10xf32>, index, index, f32, vector<8xi1>) -> vector<8xf32>
    %sum = arith.addf %a, %b : vector<8xf32>
    "hw.transfer_write"(%sum, %o, %i, %c8, %mask) : (vector<8xf32>, memref<3x10xf32>, index, index, vector<8xi1>) -> ()
    "hw.transfer_write"(%a, %o, %i, %c0) : (vector<8xf32>, memref<3x10xf32>, index, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  %blk = "hw.transfer_read"(%m, %c0, %c0, %pad) : (memref<3x10xf32>, index, index, f32) -> vector<4x8xf32>
  %tr = "hw.transpose"(%blk) <{permutation = array<i64: 1, 0>}> : (vector<4x8xf32>) -> vector<8x4xf32>
  "hw.transfer_write"(%tr, %t, %c0, %c0) : (vector<8x4xf32>, memref<8x4xf32>, index, index) -> ()
  %r0 = "hw.load"(%m, %c1, %c0) : (memref<3x10xf32>, index, index) -> vector<4xf32>
  %r1 = "hw.load"(%m, %c1, %c1) : (memref<3x10xf32>, index, index) -> vector<4xf32>
  %sh = "hw.shuffle"(%r0, %r1) <{mask = array<i64: 0, 4, 1, 5, 7, 7, 3, 2>}> : (vector<4xf32>, vector<4xf32>) -> vector<8xf32>
  %x = "hw.extract"(%sh, %p) : (vector<8xf32>, index) -> f32
  %ins = "hw.insert"(%x, %sh, %c0) : (f32, vector<8xf32>, index) -> vector<8xf32>
  "hw.store"(%ins, %s, %c0) : (vector<8xf32>, memref<8xf32>, index) -> ()
  %e0 = "hw.extract"(%ins, %c1) : (vector<8xf32>, index) -> f32
  "loop.store"(%x, %e, %c0) : (f32, memref<2xf32>, index) -> ()
  "loop.store"(%e0, %e, %c1) : (f32, memref<2xf32>, index) -> ()
  return
}

func.func @oob(%m: memref<3x10xf32>, %j: index) -> f32 {
  %c0 = arith.constant 0 : index
  %pad = arith.constant 0.0 : f32
  %v = "hw.transfer_read"(%m, %c0, %j, %pad) <{in_bounds}> : (memref<3x10xf32>, index, index, f32) -> vector<4xf32>
  %s = "hw.reduction"(%v) <{kind = "add"}> : (vector<4xf32>) -> f32
  return %s : f32
}
"#;

#[test]
fn transfers_masks_shuffles_and_transposes_match_the_interpreter() {
    let art = compile(MOVES, 0.0);
    let m = Tensor::from_vec(
        vec![3, 10],
        (0..30).map(|i| i as f32 * 0.5 - 3.0).collect::<Vec<_>>(),
    )
    .unwrap();
    for (k, p) in [(0i64, 0i64), (1, 3), (2, 7), (8, 5)] {
        let ins = [m.clone(), Tensor::index_scalar(k), Tensor::index_scalar(p)];
        let want = interp(MOVES, &art, "h", &ins).unwrap();
        let got = native(&art, "h", &ins, 1).unwrap();
        for (n, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(bits(w), bits(g), "output #{n} for k={k} p={p}");
        }
    }
    // Out-of-range positions and in_bounds transfers past the memref are errors in both.
    let ins = [m.clone(), Tensor::index_scalar(2), Tensor::index_scalar(8)];
    assert!(interp(MOVES, &art, "h", &ins)
        .unwrap_err()
        .contains("outside"));
    assert!(native(&art, "h", &ins, 1)
        .unwrap_err()
        .contains("out of range"));
    let ok = [m.clone(), Tensor::index_scalar(6)];
    assert_eq!(
        native(&art, "oob", &ok, 1).unwrap(),
        interp(MOVES, &art, "oob", &ok).unwrap()
    );
    let bad = [m, Tensor::index_scalar(7)];
    assert!(interp(MOVES, &art, "oob", &bad)
        .unwrap_err()
        .contains("in_bounds"));
    assert!(native(&art, "oob", &bad, 1)
        .unwrap_err()
        .contains("in_bounds"));
}
