//! The `cpu` dialect compiled to C against the interpreter, bit for bit: an `hw` program
//! lowered by `hw-to-cpu` for the host (native vectors as C vector values, loads and stores
//! as one `memcpy`, fused `cpu.vfma`, reductions in lane order, pieces of vectors wider than
//! a register), and a hand-written cpu program with masked remainders and `cpu.ukernel` in the variant the host's compile flags select.
mod common;
use common::*;
use strata_interp::Tensor;
use strata_pass::{parse_pipeline, PassManager};

const HW: &str = r#"
func.func @f(%x: memref<4x32xf32>, %y: memref<4x32xf32>, %o: memref<4x32xf32>, %s: memref<4xf32>, %q: memref<4x32xi32>) attributes {strata.num_outputs = 3 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %a = arith.constant 1.5 : f32
  %z = arith.constant 0.0 : f32
  "loop.for"(%c0, %c4, %c1) ({
  ^bb0(%i: index):
    %sum = "loop.for"(%c0, %c32, %c16, %z) ({
    ^bb0(%j: index, %acc: f32):
      %vx = "hw.load"(%x, %i, %j) : (memref<4x32xf32>, index, index) -> vector<16xf32>
      %vy = "hw.load"(%y, %i, %j) : (memref<4x32xf32>, index, index) -> vector<16xf32>
      %b = "hw.broadcast"(%a) : (f32) -> vector<16xf32>
      %m = arith.mulf %vx, %b : vector<16xf32>
      %f = "hw.fma"(%vx, %vy, %m) : (vector<16xf32>, vector<16xf32>, vector<16xf32>) -> vector<16xf32>
      %d = arith.subf %f, %vy : vector<16xf32>
      %mx = arith.maximumf %d, %vx : vector<16xf32>
      "hw.store"(%mx, %o, %i, %j) : (vector<16xf32>, memref<4x32xf32>, index, index) -> ()
      %r = "hw.reduction"(%mx, %acc) <{kind = "add"}> : (vector<16xf32>, f32) -> f32
      %ix = arith.bitcast %vx : vector<16xf32> to vector<16xi32>
      %iy = arith.bitcast %vy : vector<16xf32> to vector<16xi32>
      %ip = arith.muli %ix, %iy : vector<16xi32>
      %ia = arith.xori %ip, %ix : vector<16xi32>
      "hw.store"(%ia, %q, %i, %j) : (vector<16xi32>, memref<4x32xi32>, index, index) -> ()
      "loop.yield"(%r) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    "loop.store"(%sum, %s, %i) : (f32, memref<4xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"#;

fn lower(src: &str, pipeline: &str) -> String {
    let ctx = strata::default_context();
    let mut m = parse_module(&ctx, src);
    let pm = PassManager::new(parse_pipeline(pipeline, "builtin.module").expect("pipeline"));
    let r = pm.run(&ctx, &mut m);
    assert!(!r.failed, "{pipeline}: {:?}", r.diagnostics);
    strata_ir::text::print_module(&ctx, &m, &Default::default())
}

fn grid(seed: u64) -> Tensor {
    let v: Vec<f32> = values(128, seed, 3.0).iter().map(|&x| x as f32).collect();
    Tensor::from_vec(vec![4, 32], v).unwrap()
}

#[test]
fn lowered_hw_program_compiles_to_vector_values_and_matches() {
    let ins = [grid(1), grid(2)];
    let want_art = compile(HW, 0.0);
    let want = interp(HW, &want_art, "f", &ins).unwrap();
    for features in ["host", "avx,avx2,fma", "sse4.2"] {
        let host = features == "host";
        if !host
            && !strata_target_cpu::features::detect()
                .iter()
                .any(|f| f == "avx2")
        {
            continue;
        }
        let cpu = lower(HW, &format!("hw-to-cpu{{features={features}}}"));
        assert!(
            cpu.contains("cpu.vfma") && !cpu.contains("hw.load"),
            "{cpu}"
        );
        let art = compile(&cpu, 0.0);
        let c = std::fs::read_to_string(&art.source_path).unwrap();
        assert!(c.contains("memcpy(&"), "vloads are register moves:\n{c}");
        assert!(
            c.contains("_fmadd_ps"),
            "vfma uses the FMA instruction when there is one"
        );
        assert!(
            !c.contains("strata_maximum") || c.contains("for (int64_t l"),
            "maximumf keeps its lane loop"
        );
        let got = native(&art, "f", &ins, 1).unwrap();
        for (k, (w, g)) in want.iter().zip(&got).enumerate() {
            assert_eq!(bits(w), bits(g), "{features}: output #{k}");
        }
    }
}

const CPU: &str = r#"
  func.func @g(%x: memref<10xf32>, %o: memref<10xf32>, %r: memref<1xf32>) attributes {cpu.target = {features = ["sse4.2"], float_bits = 128 : i64, int_bits = 128 : i64}, strata.num_outputs = 2 : i64} {
    %c0 = arith.constant 0 : index
    %c4 = arith.constant 4 : index
    %c8 = arith.constant 8 : index
    %c2 = arith.constant 2 : index
    %z = arith.constant 0.0 : f32
    %s = "loop.for"(%c0, %c8, %c4, %z) ({
    ^bb0(%j: index, %acc: f32):
      %v = "cpu.vload"(%x, %j) : (memref<10xf32>, index) -> vector<4xf32>
      %w = "cpu.vfma"(%v, %v, %v) : (vector<4xf32>, vector<4xf32>, vector<4xf32>) -> vector<4xf32>
      "cpu.vstore"(%w, %o, %j) : (vector<4xf32>, memref<10xf32>, index) -> ()
      %t = "cpu.vreduce"(%w, %acc) <{kind = "add"}> : (vector<4xf32>, f32) -> f32
      "loop.yield"(%t) : (f32) -> ()
    }) : (index, index, index, f32) -> f32
    %m = "hw.create_mask"(%c2) : (index) -> vector<4xi1>
    %v = "cpu.vload"(%x, %c8, %m) : (memref<10xf32>, index, vector<4xi1>) -> vector<4xf32>
    %b = "cpu.vbroadcast"(%s) : (f32) -> vector<4xf32>
    %w = arith.addf %v, %b : vector<4xf32>
    "cpu.vstore"(%w, %o, %c8, %m) : (vector<4xf32>, memref<10xf32>, index, vector<4xi1>) -> ()
    %t = "cpu.vreduce"(%w) <{kind = "maximumf"}> : (vector<4xf32>) -> f32
    "loop.store"(%t, %r, %c0) : (f32, memref<1xf32>, index) -> ()
    return
  }
"#;

#[test]
fn masked_remainders_reductions_and_ukernels_match_the_interpreter() {
    let art = compile(CPU, 0.0);
    let x: Vec<f32> = values(10, 7, 2.0).iter().map(|&v| v as f32).collect();
    let ins = [Tensor::from_vec(vec![10], x).unwrap()];
    let want = interp(CPU, &art, "g", &ins).unwrap();
    let got = native(&art, "g", &ins, 1).unwrap();
    for (k, (w, g)) in want.iter().zip(&got).enumerate() {
        assert_eq!(bits(w), bits(g), "g output #{k}");
    }
}

#[test]
fn ukernel_variant_matches_the_compile_flags() {
    let host = strata_target_cpu::features::detect();
    let has = |f: &str| host.iter().any(|x| x == f);
    let variant = if has("avx") && has("fma") {
        "x86_avx_fma"
    } else if has("avx") {
        "x86_avx"
    } else {
        "generic"
    };
    let src = r#"
func.func @k(%a: memref<2x4x8xf32>, %b: memref<2x8x3xf32>, %c: memref<2x4x3xf32>) attributes {strata.num_outputs = 1 : i64} {
  "hw.intrinsic"(%a, %b, %c) <{name = "strata.batch_matmul_acc"}> : (memref<2x4x8xf32>, memref<2x8x3xf32>, memref<2x4x3xf32>) -> ()
  return
}
"#;
    let cpu = lower(src, "hw-to-cpu");
    assert!(cpu.contains(&format!("variant = \"{variant}\"")), "{cpu}");
    let art = compile(&cpu, 0.0);
    let t = |seed, shape: Vec<usize>| {
        let n = shape.iter().product();
        let v: Vec<f32> = values(n, seed, 1.0).iter().map(|&x| x as f32).collect();
        Tensor::from_vec(shape, v).unwrap()
    };
    let ins = [t(1, vec![2, 4, 8]), t(2, vec![2, 8, 3])];
    let want = interp(src, &art, "k", &ins).unwrap();
    let got = native(&art, "k", &ins, 1).unwrap();
    // The micro-kernel may fuse multiply-adds (documented): compare within a tolerance.
    for (w, g) in want[0].to_f64_vec().iter().zip(got[0].to_f64_vec()) {
        assert!((w - g).abs() <= 1e-5 * (1.0 + w.abs()), "{w} vs {g}");
    }
}
