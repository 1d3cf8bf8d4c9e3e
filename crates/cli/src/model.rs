//! Models as `strata run` and `strata conformance` see them: a module with an entry function
//! whose arguments and results have names and runtime types ([`Model`]), loaded from an
//! ONNX file (imported to the graph dialect) or from MLIR text ([`load`]); and ONNX
//! `TensorProto` files decoded to interpreter tensors ([`tensor_from_pb`]).
//!
//! Names come from the `{onnx.name = "..."}` argument/result attributes the importer writes;
//! without them an argument is named by its location (`loc("x")`) or `argN`, a result
//! `resultN`.

use std::path::Path;
use strata::ir::{AttrKind, Attribute, Context, Module, Op, TypeKind};
use strata_interp::{decode_le, DType, Tensor, ValueType};
use strata_onnx::proto::TensorProto;
use strata_onnx::{ImportError, ImportOptions, Limits};

/// A named entry-function argument or result.
#[derive(Clone, Debug)]
pub struct Port {
    /// The ONNX name (or a generated one).
    pub name: String,
    /// The runtime type (for a sequence or optional: of its tensors, unranked; for a string
    /// tensor: an unranked `u8` stand-in, never used since `container` is set).
    pub ty: ValueType,
    /// `Some("sequence")`, `Some("optional")` or `Some("string tensor")` for ports of those
    /// types (which `.npy` files cannot hold); `None` for numeric tensors.
    pub container: Option<&'static str>,
}

/// The runtime view of port type `t`: tensors as they are, sequences and optionals as the
/// element type of their tensors.
fn port_type(
    ctx: &Context,
    t: strata::ir::Type,
) -> Result<(ValueType, Option<&'static str>), strata_interp::Error> {
    use strata_dialect_graph::container::{opt_elem, seq_elem};
    if let Some((_, e)) = strata_dialect_graph::util::ranked(ctx, t) {
        if strata_dialect_graph::strings::is_string(ctx, e) {
            // No dtype holds strings: the port is described by its kind only.
            let vt = ValueType {
                dtype: strata_interp::DType::U8,
                shape: strata_interp::ShapeSpec::Unranked,
            };
            return Ok((vt, Some("string tensor")));
        }
    }
    let (inner, kind) = match (seq_elem(ctx, t), opt_elem(ctx, t)) {
        (Some(e), _) => (e, Some("sequence")),
        (None, Some(e)) => (seq_elem(ctx, e).unwrap_or(e), Some("optional")),
        (None, None) => (t, None),
    };
    let mut vt = ValueType::from_ir(ctx, inner)?;
    if kind.is_some() {
        vt.shape = strata_interp::ShapeSpec::Unranked;
    }
    Ok((vt, kind))
}

/// A loaded model: the module, its entry function and the function's signature.
pub struct Model {
    /// The module.
    pub module: Module,
    /// The entry function's symbol name.
    pub func: String,
    /// The arguments, in order.
    pub inputs: Vec<Port>,
    /// The results, in order.
    pub outputs: Vec<Port>,
}

/// Why a model could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// The ONNX importer's typed error.
    Import(ImportError),
    /// Anything else (unreadable file, parse or verification diagnostics, a signature the
    /// interpreter cannot feed), already formatted.
    Other(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Import(e) => write!(f, "{e}"),
            LoadError::Other(s) => f.write_str(s),
        }
    }
}

/// Load the model at `path`: `.onnx` files are imported (`constant_inputs` bound as
/// initializers), anything else is parsed as MLIR text. The module is verified. The entry
/// function is `func` if given, else `@main`, else the only `func.func`.
pub fn load(
    ctx: &Context,
    path: &Path,
    func: Option<&str>,
    constant_inputs: Vec<TensorProto>,
) -> Result<Model, LoadError> {
    let module = load_module(ctx, path, constant_inputs)?;
    from_module(ctx, module, func).map_err(LoadError::Other)
}

/// Load and verify the module at `path` as [`load`] does, without looking at its entry.
pub fn load_module(
    ctx: &Context,
    path: &Path,
    constant_inputs: Vec<TensorProto>,
) -> Result<Module, LoadError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| LoadError::Other(format!("{shown}: {e}")))?;
    let module = if path.extension().is_some_and(|e| e == "onnx") {
        let opts = ImportOptions {
            limits: Limits::default(),
            base_dir: Some(
                path.parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."))
                    .to_path_buf(),
            ),
            file_name: shown.clone(),
            constant_inputs,
        };
        strata_onnx::import_bytes(ctx, &bytes, &opts).map_err(LoadError::Import)?
    } else {
        let opts = strata::ir::text::ParseOptions::default();
        strata::ir::text::parse_bytes(ctx, &shown, &bytes, &opts)
            .map_err(|d| LoadError::Other(diagnostics(ctx, &d)))?
    };
    strata::ir::verify::verify_module(ctx, &module)
        .map_err(|d| LoadError::Other(diagnostics(ctx, &d)))?;
    Ok(module)
}

/// Format diagnostics as `mlir-opt` does (`file:line:col: error: message`), without
/// source lines.
pub fn diagnostics(ctx: &Context, diags: &[strata::ir::Diagnostic]) -> String {
    let sources = strata::ir::SourceMap::new();
    let text: String = diags
        .iter()
        .map(|d| strata::ir::diag::render(ctx, &sources, d))
        .collect();
    text.trim_end().to_string()
}

/// Find the entry function of `module` and describe its signature.
pub fn from_module(ctx: &Context, module: Module, func: Option<&str>) -> Result<Model, String> {
    let body = module.region_body();
    let block = module.block().ok_or("the module has no block")?;
    let funcs: Vec<Op> = body
        .block_ops(block)
        .filter(|&op| ctx.op_name_str(body.name(op)) == "func.func")
        .collect();
    let sym = |op: Op| string_of(ctx, ctx.dict_get(body.op(op).props, "sym_name"));
    let chosen = match func {
        Some(name) => funcs
            .iter()
            .copied()
            .find(|&f| sym(f).as_deref() == Some(name)),
        None => funcs
            .iter()
            .copied()
            .find(|&f| sym(f).as_deref() == Some("main"))
            .or_else(|| (funcs.len() == 1).then(|| funcs[0])),
    };
    let Some(f) = chosen else {
        return Err(match func {
            Some(name) => format!("no func.func @{name} in the module"),
            None => "no entry function: the module has no @main and more than one (or no) \
                     func.func; choose one with --func"
                .to_string(),
        });
    };
    let name = sym(f).ok_or("the entry function has no sym_name")?;
    let props = body.op(f).props;
    let fty = ctx
        .dict_get(props, "function_type")
        .and_then(|a| match ctx.attr_kind(a) {
            AttrKind::Type(t) => Some(*t),
            _ => None,
        })
        .ok_or_else(|| format!("@{name} has no function_type"))?;
    let TypeKind::Function { inputs, results } = ctx.type_kind(fty).clone() else {
        return Err(format!("@{name}'s function_type is not a function type"));
    };
    let fb = body.region_body(f);
    let entry = body.regions(f).first().and_then(|&r| fb.entry_block(r));
    let arg_names = port_names(ctx, ctx.dict_get(props, "arg_attrs"));
    let res_names = port_names(ctx, ctx.dict_get(props, "res_attrs"));
    let mut ports_in = Vec::new();
    for (i, &t) in inputs.iter().enumerate() {
        let from_loc = entry
            .and_then(|b| fb.block_args(b).get(i).copied())
            .and_then(|v| fb.value_loc(v))
            .and_then(|l| loc_name(ctx, l));
        let pname = arg_names
            .get(i)
            .cloned()
            .flatten()
            .or(from_loc)
            .unwrap_or_else(|| format!("arg{i}"));
        let (ty, container) =
            port_type(ctx, t).map_err(|e| format!("argument {i} ('{pname}') of @{name}: {e}"))?;
        ports_in.push(Port {
            name: pname,
            ty,
            container,
        });
    }
    let mut ports_out = Vec::new();
    for (i, &t) in results.iter().enumerate() {
        let pname = res_names
            .get(i)
            .cloned()
            .flatten()
            .unwrap_or_else(|| format!("result{i}"));
        let (ty, container) =
            port_type(ctx, t).map_err(|e| format!("result {i} ('{pname}') of @{name}: {e}"))?;
        ports_out.push(Port {
            name: pname,
            ty,
            container,
        });
    }
    Ok(Model {
        module,
        func: name,
        inputs: ports_in,
        outputs: ports_out,
    })
}

fn string_of(ctx: &Context, a: Option<Attribute>) -> Option<String> {
    match ctx.attr_kind(a?) {
        AttrKind::String { value, .. } => Some(String::from_utf8_lossy(value).into_owned()),
        _ => None,
    }
}

/// The `onnx.name` of each dictionary of an `arg_attrs`/`res_attrs` array.
fn port_names(ctx: &Context, arr: Option<Attribute>) -> Vec<Option<String>> {
    match arr.map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Array(items)) => items
            .iter()
            .map(|&d| string_of(ctx, ctx.dict_get(d, "onnx.name")))
            .collect(),
        _ => Vec::new(),
    }
}

/// The name of a `loc("name")` or `loc("name"(child))` location.
fn loc_name(ctx: &Context, loc: strata::ir::Location) -> Option<String> {
    match ctx.loc_kind(loc) {
        strata::ir::LocKind::Name { name, .. } => Some(ctx.str(*name).to_string()),
        _ => None,
    }
}

/// The interpreter dtype of ONNX data type `t` (`None` for strings, complex, 6-bit floats
/// and the other types Strata does not import).
pub fn dtype_of_onnx(t: i32) -> Option<DType> {
    use strata_onnx::proto::data_type as dt;
    Some(match t {
        dt::FLOAT8E4M3FN => DType::F8E4M3FN,
        dt::FLOAT8E4M3FNUZ => DType::F8E4M3FNUZ,
        dt::FLOAT8E5M2 => DType::F8E5M2,
        dt::FLOAT8E5M2FNUZ => DType::F8E5M2FNUZ,
        dt::FLOAT8E8M0 => DType::F8E8M0,
        dt::FLOAT4E2M1 => DType::F4E2M1,
        dt::INT4 => DType::I4,
        dt::UINT4 => DType::U4,
        dt::INT2 => DType::I2,
        dt::UINT2 => DType::U2,
        dt::FLOAT => DType::F32,
        dt::DOUBLE => DType::F64,
        dt::FLOAT16 => DType::F16,
        dt::BFLOAT16 => DType::BF16,
        dt::BOOL => DType::Bool,
        dt::INT8 => DType::I8,
        dt::INT16 => DType::I16,
        dt::INT32 => DType::I32,
        dt::INT64 => DType::I64,
        dt::UINT8 => DType::U8,
        dt::UINT16 => DType::U16,
        dt::UINT32 => DType::U32,
        dt::UINT64 => DType::U64,
        _ => return None,
    })
}

/// Decode a serialized `TensorProto` (an ONNX test's `input_K.pb`/`output_K.pb`).
/// Returns the proto too (named `name` when it has no name of its own), for binding the
/// tensor as an import-time constant.
pub fn tensor_from_pb(
    ctx: &Context,
    bytes: &[u8],
    at: &str,
) -> Result<(Tensor, TensorProto), LoadError> {
    use prost::Message;
    let proto = TensorProto::decode(bytes).map_err(|e| {
        LoadError::Import(ImportError::invalid(
            format!("malformed TensorProto: {e}"),
            at,
        ))
    })?;
    let t = tensor_from_proto(ctx, &proto, at)?;
    Ok((t, proto))
}

/// Decode a `TensorProto` (data inline; external data is refused) into a tensor.
pub fn tensor_from_proto(
    ctx: &Context,
    proto: &TensorProto,
    at: &str,
) -> Result<Tensor, LoadError> {
    let dtype = dtype_of_onnx(proto.data_type).ok_or_else(|| {
        LoadError::Import(ImportError::Unsupported(vec![strata_onnx::UnsupportedOp {
            domain: String::new(),
            op_type: format!(
                "element type {}",
                strata_onnx::proto::data_type::name(proto.data_type)
            ),
            opset: 0,
            node: at.to_string(),
        }]))
    })?;
    let mut ext = strata_onnx::external::ExternalLoader::new(None, 0);
    let c =
        strata_onnx::tensor::ConstTensor::from_proto(ctx, proto, &Limits::default(), &mut ext, at)
            .map_err(LoadError::Import)?;
    let shape: Vec<usize> = c.shape.iter().map(|&d| d as usize).collect();
    let n: usize = shape.iter().product();
    let data = if c.splat {
        let one = decode_le(dtype, &c.data).map_err(|e| LoadError::Other(format!("{at}: {e}")))?;
        let idx = vec![0usize; n];
        one.gather(&idx)
    } else {
        decode_le(dtype, &c.data).map_err(|e| LoadError::Other(format!("{at}: {e}")))?
    };
    Tensor::new(dtype, shape, data).map_err(|e| LoadError::Other(format!("{at}: {e}")))
}
