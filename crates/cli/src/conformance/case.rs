//! One conformance case: a directory with `model.onnx`, `test_data_set_N/{input,output}_K.pb`
//! and optionally `data.json` (`rtol`, `atol`), run on the interpreter and compared with the
//! reference outputs.

use super::values::{compare, is_container, value_from_pb};
use crate::model::{self, LoadError};
use std::path::{Path, PathBuf};
use strata_interp::{AnyValue, Interpreter};
use strata_onnx::proto::{ModelProto, TensorProto, TypeProto};
use strata_onnx::{ImportError, ImportOptions, Limits};

/// How a case ended, from worst to best.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug, Hash)]
pub enum Status {
    /// Wrong numbers, a wrong shape or dtype, or an error that is not a typed
    /// "unsupported" (the detail says which).
    Fail,
    /// The importer or the interpreter reported a typed "unsupported" error.
    Unsupported,
    /// Every output matched within tolerance.
    Pass,
}

impl Status {
    /// The word used in tables and the expected-results file.
    pub fn word(self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Unsupported => "UNSUPPORTED",
            Status::Fail => "FAIL",
        }
    }
    /// Parse [`Status::word`].
    pub fn parse(s: &str) -> Option<Status> {
        Some(match s {
            "PASS" => Status::Pass,
            "UNSUPPORTED" => Status::Unsupported,
            "FAIL" => Status::Fail,
            _ => return None,
        })
    }
}

/// A discovered case.
#[derive(Clone, Debug)]
pub struct Case {
    /// The path relative to the conformance directory, `/`-separated (`node/test_abs`).
    pub name: String,
    /// The case directory.
    pub dir: PathBuf,
}

/// The result of running a case.
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The case name.
    pub name: String,
    /// The ONNX op type the case tests (`Conv`, `Softmax (expanded)`, `model`).
    pub op: String,
    /// The status.
    pub status: Status,
    /// Why it did not pass (empty for a pass); for numeric failures, the comparison.
    pub detail: String,
    /// Largest absolute and relative errors over the outputs (numeric comparisons only).
    pub max_abs: f64,
    /// See `max_abs`.
    pub max_rel: f64,
    /// Whether graph inputs had to be bound as import-time constants.
    pub frozen: bool,
    /// Wall-clock seconds the case took (import, interpretation and comparison).
    pub secs: f64,
}

/// Tolerances of ONNX's backend test runner.
pub const DEFAULT_RTOL: f64 = 1e-3;
/// See [`DEFAULT_RTOL`].
pub const DEFAULT_ATOL: f64 = 1e-7;

/// Find the case directories (holding `model.onnx`) under `root`, at most `depth` levels
/// down, sorted by name.
pub fn discover(root: &Path, depth: usize) -> std::io::Result<Vec<Case>> {
    let mut out = Vec::new();
    walk(root, root, depth, &mut out)?;
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

fn walk(root: &Path, dir: &Path, depth: usize, out: &mut Vec<Case>) -> std::io::Result<()> {
    if dir.join("model.onnx").is_file() {
        let rel = dir.strip_prefix(root).unwrap_or(dir);
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/");
        out.push(Case {
            name,
            dir: dir.to_path_buf(),
        });
        return Ok(());
    }
    if depth == 0 {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            walk(root, &entry.path(), depth - 1, out)?;
        }
    }
    Ok(())
}

/// Tolerances from the case's `data.json`, else the defaults.
fn tolerances(dir: &Path) -> (f64, f64) {
    let text = std::fs::read_to_string(dir.join("data.json")).unwrap_or_default();
    let num = |key: &str| -> Option<f64> {
        let at = text.find(&format!("\"{key}\""))?;
        let rest = text[at + key.len() + 2..].trim_start().strip_prefix(':')?;
        let end = rest.find([',', '}']).unwrap_or(rest.len());
        rest[..end].trim().parse().ok()
    };
    (
        num("rtol").unwrap_or(DEFAULT_RTOL),
        num("atol").unwrap_or(DEFAULT_ATOL),
    )
}

/// The `.pb` files `prefix_K.pb` of a data set, by K.
fn numbered(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<(usize, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let k = name
                .strip_prefix(prefix)?
                .strip_prefix('_')?
                .strip_suffix(".pb")?
                .parse()
                .ok()?;
            Some((k, e.path()))
        })
        .collect();
    files.sort();
    files.into_iter().map(|(_, p)| p).collect()
}

/// The op type a case tests: the single node's op type; for `*_expanded*` cases the op of
/// the unexpanded sibling case, marked `(expanded)`; for whole models, `model`.
fn op_of(case: &Case, model: &ModelProto) -> String {
    let nodes = model
        .graph
        .as_ref()
        .map(|g| g.node.as_slice())
        .unwrap_or(&[]);
    if let Some(i) = case.name.find("_expanded") {
        let sibling = case
            .dir
            .with_file_name(Path::new(&case.name[..i]).file_name().unwrap_or_default());
        if let Ok(bytes) = std::fs::read(sibling.join("model.onnx")) {
            if let Ok(m) = strata_onnx::decode_model(&bytes, &Limits::default()) {
                let sib = Case {
                    name: case.name[..i].to_string(),
                    dir: sibling,
                };
                return format!("{} (expanded)", op_of(&sib, &m));
            }
        }
        return "expanded".to_string();
    }
    if !case.name.starts_with("node/") {
        return "model".to_string();
    }
    match nodes {
        [] => "none".to_string(),
        [n] => n.op_type.clone(),
        [.., last] => last.op_type.clone(),
    }
}

fn outcome(name: &str, op: String, status: Status, detail: String) -> Outcome {
    Outcome {
        name: name.to_string(),
        op,
        status,
        detail,
        max_abs: 0.0,
        max_rel: 0.0,
        frozen: false,
        secs: 0.0,
    }
}

/// The status of a load or import error: typed "unsupported" errors are
/// [`Status::Unsupported`]; everything else is a failure.
fn load_status(e: &LoadError) -> Status {
    match e {
        LoadError::Import(ImportError::Unsupported(_)) => Status::Unsupported,
        _ => Status::Fail,
    }
}

/// Where cases run.
#[derive(Clone, Debug)]
pub enum Backend {
    /// The reference interpreter.
    Interp,
    /// Compiled for a target and run natively (one runtime thread per case).
    Native(strata::Target),
}

/// Run one case with tolerances `tol` (from an override) or the case's own.
pub fn run_case(case: &Case, tol: Option<(f64, f64)>, backend: &Backend) -> Outcome {
    let start = std::time::Instant::now();
    let mut o = run_case_inner(case, tol, backend);
    o.secs = start.elapsed().as_secs_f64();
    o
}

fn run_case_inner(case: &Case, tol: Option<(f64, f64)>, backend: &Backend) -> Outcome {
    let name = case.name.as_str();
    let bytes = match std::fs::read(case.dir.join("model.onnx")) {
        Ok(b) => b,
        Err(e) => return outcome(name, "?".into(), Status::Fail, format!("model.onnx: {e}")),
    };
    let limits = Limits::default();
    let proto = match strata_onnx::decode_model(&bytes, &limits) {
        Ok(m) => m,
        Err(e) => return outcome(name, "?".into(), Status::Fail, e.to_string()),
    };
    let op = op_of(case, &proto);
    let (rtol, atol) = tol.unwrap_or_else(|| tolerances(&case.dir));
    let mut sets: Vec<PathBuf> = std::fs::read_dir(&case.dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("test_data_set_"))
        })
        .collect();
    sets.sort();
    if sets.is_empty() {
        return outcome(
            name,
            op,
            Status::Fail,
            "no test_data_set_N directory".into(),
        );
    }
    let mut result = outcome(name, op, Status::Pass, String::new());
    for set in &sets {
        match run_data_set(case, &proto, set, rtol, atol, backend, &mut result) {
            Ok(()) => {}
            Err((status, detail)) => {
                result.status = status;
                let set_name = set.file_name().unwrap_or_default().to_string_lossy();
                result.detail = if sets.len() > 1 {
                    format!("{set_name}: {detail}")
                } else {
                    detail
                };
                return result;
            }
        }
    }
    result
}

/// The graph inputs without initializers, in order: what `input_K.pb` files bind (with
/// their types, which say whether a file holds a tensor, a sequence or an optional).
fn runtime_inputs(model: &ModelProto) -> Vec<(String, Option<TypeProto>)> {
    let Some(g) = model.graph.as_ref() else {
        return Vec::new();
    };
    g.input
        .iter()
        .filter(|vi| !g.initializer.iter().any(|t| t.name == vi.name))
        .map(|vi| (vi.name.clone(), vi.r#type.clone()))
        .collect()
}

fn run_data_set(
    case: &Case,
    proto: &ModelProto,
    set: &Path,
    rtol: f64,
    atol: f64,
    backend: &Backend,
    result: &mut Outcome,
) -> Result<(), (Status, String)> {
    let ctx = strata::default_context();
    let at = |p: &Path| {
        format!(
            "{}/{}",
            set.file_name().unwrap_or_default().to_string_lossy(),
            p.file_name().unwrap_or_default().to_string_lossy()
        )
    };
    let decode = |p: &Path, tp: Option<&TypeProto>| -> Result<AnyValue, (Status, String)> {
        let bytes = std::fs::read(p).map_err(|e| (Status::Fail, format!("{}: {e}", at(p))))?;
        value_from_pb(&ctx, &bytes, tp, &at(p)).map_err(|e| (load_status(&e), e.to_string()))
    };
    let names = runtime_inputs(proto);
    let input_files = numbered(set, "input");
    let output_files = numbered(set, "output");
    let non_tensor = proto.graph.as_ref().is_some_and(|g| {
        g.input.iter().chain(&g.output).any(|vi| {
            vi.r#type.as_ref().is_none_or(|t| t.tensor_type.is_none())
                && !is_container(vi.r#type.as_ref())
        })
    });
    if non_tensor || input_files.len() != names.len() {
        // Map and sparse inputs are not decoded; the import reports them.
        if let Err(e) = strata_onnx::import_model(&ctx, proto, &import_opts(case, Vec::new())) {
            return Err((load_status(&LoadError::Import(e.clone())), e.to_string()));
        }
        if non_tensor {
            return Err((
                Status::Fail,
                "map or sparse value imported without error".into(),
            ));
        }
        return Err((
            Status::Fail,
            format!(
                "{} input files for {} graph inputs",
                input_files.len(),
                names.len()
            ),
        ));
    }
    let needed = strata_onnx::required_constant_inputs(proto);
    let mut frozen = Vec::new();
    let mut inputs = Vec::new();
    for (file, (name, tp)) in input_files.iter().zip(&names) {
        if needed.contains(name) && !is_container(tp.as_ref()) {
            let bytes =
                std::fs::read(file).map_err(|e| (Status::Fail, format!("{}: {e}", at(file))))?;
            let mut t = <TensorProto as prost::Message>::decode(bytes.as_slice())
                .map_err(|e| (Status::Fail, format!("{}: {e}", at(file))))?;
            t.name = name.clone();
            frozen.push(t);
        } else {
            inputs.push(decode(file, tp.as_ref())?);
        }
    }
    result.frozen |= !frozen.is_empty();
    let module = strata_onnx::import_model(&ctx, proto, &import_opts(case, frozen))
        .map_err(|e| (load_status(&LoadError::Import(e.clone())), e.to_string()))?;
    strata::ir::verify::verify_module(&ctx, &module).map_err(|d| {
        (
            Status::Fail,
            format!(
                "imported module does not verify: {}",
                model::diagnostics(&ctx, &d)
            ),
        )
    })?;
    let m = model::from_module(&ctx, module, None).map_err(|e| (Status::Fail, e))?;
    let outputs = match backend {
        Backend::Interp => Interpreter::new(&ctx, &m.module)
            .run_values(&m.func, inputs)
            .map_err(|d| {
                let status = if d.message.contains("is not interpretable") {
                    Status::Unsupported
                } else {
                    Status::Fail
                };
                (status, model::diagnostics(&ctx, &[d]))
            })?,
        Backend::Native(target) => run_native(&ctx, &m, target, inputs)?,
    };
    if outputs.len() != output_files.len() {
        return Err((
            Status::Fail,
            format!(
                "{} outputs, {} reference outputs",
                outputs.len(),
                output_files.len()
            ),
        ));
    }
    let output_types: Vec<Option<TypeProto>> = proto
        .graph
        .as_ref()
        .map(|g| g.output.iter().map(|vi| vi.r#type.clone()).collect())
        .unwrap_or_default();
    for (k, (actual, file)) in outputs.iter().zip(&output_files).enumerate() {
        let expected = decode(file, output_types.get(k).and_then(Option::as_ref))?;
        match compare(actual, &expected, rtol, atol) {
            Ok(cs) => {
                for c in cs {
                    result.max_abs = result.max_abs.max(c.max_abs_err);
                    result.max_rel = result.max_rel.max(c.max_rel_err);
                }
            }
            Err(c) => {
                let who = m.outputs.get(k).map_or("?", |p| p.name.as_str());
                return Err((Status::Fail, format!("output {k} ('{who}'): {c}")));
            }
        }
    }
    Ok(())
}

/// Compile the imported model for `target`, specialised on the structure of `inputs`
/// (sequence lengths, element and tensor shapes, optionals present or absent), and run it.
fn run_native(
    ctx: &strata::ir::Context,
    m: &model::Model,
    target: &strata::Target,
    inputs: Vec<AnyValue>,
) -> Result<Vec<AnyValue>, (Status, String)> {
    let structure = inputs
        .iter()
        .map(strata::containers::structure_of)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| (Status::Unsupported, e.0))?;
    let opts = strata::Options {
        threads: 1,
        entry: Some(m.func.clone()),
        structure: Some(structure),
        ..strata::Options::default()
    };
    let compiled = strata::compile((ctx, &m.module), target, &opts).map_err(|e| {
        // Ops that the target's lowering or code generator does not handle, and container
        // structure that depends on data, are unsupported; anything else (a C compiler
        // error, a bad artifact) is a failure.
        let unsupported = e.0.contains("failed to legalize")
            || e.0.contains("(cpu codegen)")
            || e.0.contains("is not supported")
            || e.0.contains("not available")
            || e.0.contains("in pass 'specialise-containers'");
        let status = if unsupported {
            Status::Unsupported
        } else {
            Status::Fail
        };
        (status, e.0)
    })?;
    compiled.run_values(inputs).map_err(|e| (Status::Fail, e.0))
}

fn import_opts(case: &Case, constant_inputs: Vec<TensorProto>) -> ImportOptions {
    ImportOptions {
        limits: Limits::default(),
        base_dir: Some(case.dir.clone()),
        file_name: format!("{}/model.onnx", case.name),
        constant_inputs,
    }
}
