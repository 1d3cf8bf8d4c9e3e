//! `strata run --target cpu`, `strata compile` and `strata bench` on a loop-level program:
//! outputs equal a direct computation, files are written, and graph-level input reports
//! that the lowering pipeline is not available rather than faking it.

use std::path::PathBuf;
use strata_interp::Tensor;

const AXPY: &str = r#"
func.func @main(%x: memref<8xf32>, %y: memref<8xf32>, %o: memref<8xf32>) attributes {strata.num_outputs = 1 : i64} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c8 = arith.constant 8 : index
  %a = arith.constant 2.5 : f32
  "loop.parallel"(%c0, %c8, %c1) <{operandSegmentSizes = array<i32: 1, 1, 1, 0>}> ({
  ^bb0(%i: index):
    %xi = "loop.load"(%x, %i) : (memref<8xf32>, index) -> f32
    %yi = "loop.load"(%y, %i) : (memref<8xf32>, index) -> f32
    %m = arith.mulf %a, %xi : f32
    %s = arith.addf %m, %yi : f32
    "loop.store"(%s, %o, %i) : (f32, memref<8xf32>, index) -> ()
    "loop.yield"() : () -> ()
  }) : (index, index, index) -> ()
  return
}
"#;

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("strata-native-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run(args: &[&str]) -> (i32, String, String) {
    let argv: Vec<std::ffi::OsString> = std::iter::once("strata")
        .chain(args.iter().copied())
        .map(Into::into)
        .collect();
    let cli = strata_cli::cli::parse_command_line(argv).expect("command line parses");
    let strata_cli::Command::Run(a) = cli.command else {
        panic!("not a run command")
    };
    let mut out = Vec::new();
    let mut err = String::new();
    let code = strata_cli::run::run_to(&a, &mut out, &mut err);
    (code, String::from_utf8(out).unwrap(), err)
}

#[test]
fn run_target_cpu_reads_npy_inputs_and_writes_outputs() {
    let dir = tmp_dir("run");
    let m = dir.join("axpy.mlir");
    std::fs::write(&m, AXPY).unwrap();
    let x: Vec<f32> = (0..8).map(|i| i as f32 * 0.5 - 1.0).collect();
    let y: Vec<f32> = (0..8).map(|i| 3.0 - i as f32).collect();
    for (name, v) in [("x", &x), ("y", &y)] {
        let t = Tensor::from_vec(vec![8], v.clone()).unwrap();
        std::fs::write(dir.join(format!("{name}.npy")), t.write_npy().unwrap()).unwrap();
    }
    let out = dir.join("out");
    let xs = format!("arg0={}", dir.join("x.npy").display());
    let ys = format!("arg1={}", dir.join("y.npy").display());
    for threads in ["1", "3"] {
        let (code, stdout, err) = run(&[
            "run",
            m.to_str().unwrap(),
            "--target",
            "cpu{parallel_min_cost=0}",
            "--input",
            &xs,
            "--input",
            &ys,
            "--output-dir",
            out.to_str().unwrap(),
            "--threads",
            threads,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(stdout.contains("output out0: tensor<8xf32>"), "{stdout}");
        let o = Tensor::read_npy(&std::fs::read(out.join("out0.npy")).unwrap()).unwrap();
        let want: Vec<f32> = x.iter().zip(&y).map(|(a, b)| 2.5 * a + b).collect();
        assert_eq!(o.as_slice::<f32>().unwrap(), want.as_slice());
    }
    let (code, _, err) = run(&[
        "run",
        m.to_str().unwrap(),
        "--target",
        "cpu",
        "--input",
        "z=q.npy",
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("no input 'z'"), "{err}");
    let (code, _, err) = run(&[
        "run",
        m.to_str().unwrap(),
        "--target",
        "cpu{features=+nope}",
    ]);
    assert_eq!(code, 1);
    assert!(
        err.contains("unknown feature 'nope'") && err.contains('^'),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_quick_start_model_runs_compiled_and_matches_the_interpreter() {
    // The README's main-job command.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples");
    let model = format!("{root}/tiny_cnn.onnx");
    let image = format!("image={root}/tiny_cnn.image.npy");
    let (code, stdout, err) = run(&[
        "run",
        &model,
        "--target",
        "cpu",
        "--input",
        &image,
        "--compare-interp",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("output probs: tensor<1x10xf32>"),
        "{stdout}"
    );
    assert!(stdout.contains(" on cpu in "), "{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("max abs error vs the interpreter: "))
        .unwrap_or_else(|| panic!("no comparison line:\n{stdout}"));
    let value: f64 = line["max abs error vs the interpreter: ".len()..]
        .split_whitespace()
        .next()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("bad comparison line: {line}"));
    assert!(value < 1e-5, "{line}");
    // A graph-level model through the whole pipeline.
    let dir = tmp_dir("graph");
    let m = dir.join("g.mlir");
    std::fs::write(
        &m,
        "func.func @main(%a: tensor<4xf32>) -> tensor<4xf32> {\n  %b = \"graph.relu\"(%a) : (tensor<4xf32>) -> tensor<4xf32>\n  return %b : tensor<4xf32>\n}\n",
    )
    .unwrap();
    let (code, stdout, err) = run(&[
        "run",
        m.to_str().unwrap(),
        "--target",
        "cpu",
        "--compare-interp",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        stdout.contains("max abs error vs the interpreter: 0.000e0"),
        "{stdout}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compile_writes_a_shared_object_or_c_and_bench_runs() {
    let dir = tmp_dir("compile");
    let m = dir.join("axpy.mlir");
    std::fs::write(&m, AXPY).unwrap();
    let so = dir.join("axpy.so");
    let ms = m.to_str().unwrap();
    assert_eq!(
        strata_cli::main_with([
            "strata",
            "compile",
            ms,
            "--target",
            "cpu",
            "-o",
            so.to_str().unwrap()
        ]),
        0
    );
    assert!(std::fs::metadata(&so).unwrap().len() > 0);
    let c = dir.join("axpy.c");
    assert_eq!(
        strata_cli::main_with([
            "strata",
            "compile",
            ms,
            "--emit=c",
            "-o",
            c.to_str().unwrap()
        ]),
        0
    );
    let text = std::fs::read_to_string(&c).unwrap();
    assert!(text.contains("strata_entry_0") && text.contains("strata_abi_version"));
    assert_eq!(
        strata_cli::main_with(["strata", "compile", ms, "--emit=bogus"]),
        1
    );
    assert_eq!(
        strata_cli::main_with([
            "strata",
            "bench",
            ms,
            "--iters",
            "3",
            "--warmup",
            "1",
            "--threads",
            "2"
        ]),
        0
    );
    assert_eq!(
        strata_cli::main_with(["strata", "bench", ms, "--iters", "0"]),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// A program that allocates a temporary; `dealloc` says whether it frees it.
fn temp_program(dealloc: bool) -> String {
    format!(
        r#"func.func @main(%x: memref<64xf32>, %o: memref<64xf32>) attributes {{strata.num_outputs = 1 : i64}} {{
  %t = "loop.alloc"() <{{alignment = 64 : i64}}> : () -> memref<64xf32>
  "loop.copy"(%x, %t) : (memref<64xf32>, memref<64xf32>) -> ()
  "loop.copy"(%t, %o) : (memref<64xf32>, memref<64xf32>) -> ()
  {}
  return
}}
"#,
        if dealloc {
            "\"loop.dealloc\"(%t) : (memref<64xf32>) -> ()"
        } else {
            ""
        }
    )
}

/// Under valgrind (when installed), the generated code frees what it allocates; a program
/// without its `loop.dealloc` is caught, so the check can fail.
#[test]
fn generated_code_does_not_leak_under_valgrind() {
    let has_valgrind = std::process::Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_valgrind {
        eprintln!("valgrind is not installed; skipping");
        return;
    }
    let dir = tmp_dir("valgrind");
    for (dealloc, want) in [(true, 0), (false, 9)] {
        let m = dir.join(format!("p{dealloc}.mlir"));
        std::fs::write(&m, temp_program(dealloc)).unwrap();
        let out = std::process::Command::new("valgrind")
            .args([
                "--leak-check=full",
                "--errors-for-leak-kinds=definite",
                "--error-exitcode=9",
                env!("CARGO_BIN_EXE_strata"),
                "run",
                m.to_str().unwrap(),
                "--target",
                "cpu",
                "--threads",
                "1",
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(want), "dealloc {dealloc}:\n{err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compile_stops_at_every_mlir_level() {
    let dir = tmp_dir("levels");
    let model = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/tiny_cnn.onnx");
    // (level, text it must contain, text it must not contain)
    let levels = [
        ("mlir-graph", "\"graph.conv\"", "tensor.generic"),
        ("mlir-tensor", "tensor.generic", "\"graph."),
        ("mlir-loop", "hw.intrinsic", "tensor.generic"),
        ("mlir-hw", "hw.intrinsic", "cpu.ukernel"),
        ("mlir-cpu", "cpu.ukernel", "hw.intrinsic"),
    ];
    for (level, has, lacks) in levels {
        let out = dir.join(format!("{level}.mlir"));
        let emit = format!("--emit={level}");
        let o = out.to_str().unwrap();
        assert_eq!(
            strata_cli::main_with(["strata", "compile", model, &emit, "-o", o]),
            0,
            "{level}"
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(has), "{level} lacks {has}:\n{text}");
        assert!(!text.contains(lacks), "{level} has {lacks}:\n{text}");
        // Each level is IR that parses and verifies again.
        assert_eq!(
            strata_cli::main_with(["strata", "opt", o, "-o", "/dev/null"]),
            0,
            "{level} does not parse and verify again"
        );
    }
}
