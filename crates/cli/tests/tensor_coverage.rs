//! Coverage of `graph-to-tensor` on the ONNX node tests: every case under
//! `$STRATA_CONF_DIR/node` (default `/tmp/conf/node`; made by `scripts/conformance-data.sh`)
//! is imported (graph inputs that must be constants bound from the first data set, as the
//! conformance runner does), converted with `graph-to-tensor{full=true}`, interpreted on the
//! first data set's inputs, and compared with the reference outputs (the case's tolerances,
//! default rtol 1e-3, atol 1e-7).
//!
//! Ignored by default (it needs the downloaded data and takes a minute); run with
//! `cargo test -p strata-cli --test tensor_coverage -- --ignored --nocapture`. It prints the
//! counts (imported, converted fully, converted and correct) and the graph ops left, by
//! number of cases they block, and fails if a converted case gives wrong numbers other than
//! the known rounding differences of [`PRECISION`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use strata::ir::Context;
use strata::pass::{parse_pipeline, PassManager};
use strata_cli::conformance::case::discover;
use strata_cli::conformance::values::{compare, value_from_pb};
use strata_interp::Interpreter;
use strata_onnx::proto::{ModelProto, TensorProto};
use strata_onnx::{ImportOptions, Limits};

/// What happened to one case.
enum End {
    /// Not imported (or the import needs inputs that are not tensors).
    NoImport,
    /// Imported; these graph ops stayed.
    Left(Vec<String>),
    /// Converted fully; the interpreter's results on the tensor form (`Err`: why wrong).
    Converted(Result<(), String>),
}

fn files(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut v: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let k = n
                .strip_prefix(prefix)?
                .strip_prefix('_')?
                .strip_suffix(".pb")?
                .parse()
                .ok()?;
            Some((k, e.path()))
        })
        .collect();
    v.sort();
    v.into_iter().map(|(_, p)| p).collect()
}

fn tolerances(dir: &Path) -> (f64, f64) {
    let text = std::fs::read_to_string(dir.join("data.json")).unwrap_or_default();
    let num = |key: &str| -> Option<f64> {
        let at = text.find(&format!("\"{key}\""))?;
        let rest = text[at + key.len() + 2..].trim_start().strip_prefix(':')?;
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        rest[..end].trim().parse().ok()
    };
    (num("rtol").unwrap_or(1e-3), num("atol").unwrap_or(1e-7))
}

fn run_case(ctx: &Context, dir: &Path, name: &str) -> End {
    let Ok(bytes) = std::fs::read(dir.join("model.onnx")) else {
        return End::NoImport;
    };
    let Ok(proto): Result<ModelProto, _> = strata_onnx::decode_model(&bytes, &Limits::default())
    else {
        return End::NoImport;
    };
    let set = dir.join("test_data_set_0");
    let Some(g) = proto.graph.as_ref() else {
        return End::NoImport;
    };
    let ins: Vec<_> = g
        .input
        .iter()
        .filter(|vi| !g.initializer.iter().any(|t| t.name == vi.name))
        .collect();
    let in_files = files(&set, "input");
    if in_files.len() != ins.len() {
        return End::NoImport;
    }
    let needed = strata_onnx::required_constant_inputs(&proto);
    let mut frozen = Vec::new();
    let mut inputs = Vec::new();
    for (f, vi) in in_files.iter().zip(&ins) {
        let Ok(b) = std::fs::read(f) else {
            return End::NoImport;
        };
        if needed.contains(&vi.name) {
            let Ok(mut t) = <TensorProto as prost::Message>::decode(b.as_slice()) else {
                return End::NoImport;
            };
            t.name = vi.name.clone();
            frozen.push(t);
        } else {
            match value_from_pb(ctx, &b, vi.r#type.as_ref(), "input") {
                Ok(v) => inputs.push(v),
                Err(_) => return End::NoImport,
            }
        }
    }
    let opts = ImportOptions {
        limits: Limits::default(),
        base_dir: Some(dir.to_path_buf()),
        file_name: format!("{name}/model.onnx"),
        constant_inputs: frozen,
    };
    let Ok(mut module) = strata_onnx::import_model(ctx, &proto, &opts) else {
        return End::NoImport;
    };
    let pm = PassManager::new(
        parse_pipeline("graph-to-tensor{full=true}", "builtin.module").expect("a valid pipeline"),
    );
    let report = pm.run(ctx, &mut module);
    if report.failed {
        let mut left: Vec<String> = report
            .diagnostics
            .iter()
            .filter_map(|d| {
                let m = d.message.strip_prefix("failed to legalize operation '")?;
                Some(m[..m.find('\'')?].to_string())
            })
            .collect();
        if left.is_empty() {
            left.push(format!(
                "(pass failed: {:?})",
                report
                    .diagnostics
                    .iter()
                    .map(|d| &d.message)
                    .collect::<Vec<_>>()
            ));
        }
        left.sort();
        left.dedup();
        return End::Left(left);
    }
    let m = match strata_cli::model::from_module(ctx, module, None) {
        Ok(m) => m,
        Err(e) => return End::Converted(Err(e)),
    };
    let outs = match Interpreter::new(ctx, &m.module).run_values(&m.func, inputs) {
        Ok(o) => o,
        Err(d) => return End::Converted(Err(d.message)),
    };
    let (rtol, atol) = tolerances(dir);
    let out_files = files(&set, "output");
    if outs.len() != out_files.len() {
        return End::Converted(Err(format!("{} outputs", outs.len())));
    }
    for (k, (a, f)) in outs.iter().zip(&out_files).enumerate() {
        let tp = g.output.get(k).and_then(|vi| vi.r#type.as_ref());
        let want = std::fs::read(f)
            .map_err(|e| e.to_string())
            .and_then(|b| value_from_pb(ctx, &b, tp, "output").map_err(|e| e.to_string()));
        match want {
            Ok(w) => {
                if let Err(e) = compare(a, &w, rtol, atol) {
                    return End::Converted(Err(format!("output {k}: {e}")));
                }
            }
            Err(e) => return End::Converted(Err(e)),
        }
    }
    End::Converted(Ok(()))
}

/// Converted cases whose numbers differ from the reference beyond its tolerance for a reason
/// that is not a conversion error, the cases of `tests/conformance/overrides.txt` (this test
/// reads only `data.json`): attention in `f16`/`bf16`, where ONNX's reference rounds every
/// intermediate to the 16-bit type and the graph interpreter and the tensor form (which
/// computes in `f32` and rounds once, `passes/graph-to-tensor/src/widen.rs`) do not, one ulp
/// apart; and the inverse DFT, whose reference computes in `f32` and leaves rounding noise
/// of 2e-6 on near-zero outputs against an atol of 1e-7. Matched by name part: (prefix, and
/// one of the markers).
const PRECISION: &[(&str, &[&str])] = &[
    ("test_attention_", &["fp16", "bf16"]),
    ("test_dft_inverse", &[""]),
];

fn precision_only(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    PRECISION
        .iter()
        .any(|(p, marks)| base.starts_with(p) && marks.iter().any(|m| base.contains(m)))
}

#[test]
#[ignore = "needs the ONNX node tests (scripts/conformance-data.sh) and a minute"]
fn node_tests_convert_to_tensor() {
    let root = std::env::var("STRATA_CONF_DIR").unwrap_or_else(|_| "/tmp/conf".into());
    let cases = discover(&Path::new(&root).join("node"), 1).expect("the node test directory");
    assert!(!cases.is_empty(), "no cases under {root}/node");
    let ctx = strata::default_context();
    let (mut imported, mut converted, mut correct) = (0, 0, 0);
    let mut blockers: BTreeMap<String, usize> = BTreeMap::new();
    let mut wrong = Vec::new();
    for c in &cases {
        let end = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_case(&ctx, &c.dir, &c.name)
        }))
        .unwrap_or_else(|_| End::Converted(Err("panicked".into())));
        match end {
            End::NoImport => {}
            End::Left(ops) => {
                imported += 1;
                for o in ops {
                    *blockers.entry(o).or_default() += 1;
                }
            }
            End::Converted(r) => {
                imported += 1;
                converted += 1;
                match r {
                    Ok(()) => correct += 1,
                    Err(e) => wrong.push((c.name.clone(), e)),
                }
            }
        }
    }
    let mut by_count: Vec<_> = blockers.into_iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    println!("graph ops left (cases blocked):");
    for (op, n) in &by_count {
        println!("  {n:4} {op}");
    }
    let (precision, wrong): (Vec<_>, Vec<_>) =
        wrong.into_iter().partition(|(n, _)| precision_only(n));
    for (n, e) in &precision {
        println!("PRECISION {n}: {e}");
    }
    for (n, e) in &wrong {
        println!("WRONG {n}: {e}");
    }
    println!(
        "node cases: {} | imported: {imported} | converted fully: {converted} | \
         converted and correct: {correct} | 16-bit rounding differences: {}",
        cases.len(),
        precision.len()
    );
    assert!(
        wrong.is_empty(),
        "{} converted cases are wrong",
        wrong.len()
    );
}
