//! The importer proper: decoding, validation of the whole graph (names, cycles, every
//! unsupported node) before anything is lowered, then lowering to a `builtin.module` with
//! one `func.func @main` of graph-dialect ops.
//!
//! * [`validate`](self) — names, definitions, topological order, unsupported constructs;
//! * `consteval` — folding the producers of inputs needed as constants (shapes, axes);
//! * `nodes_basic` — elementwise, activations, casts, constants and data movement;
//! * `nodes_nn` — convolutions, pooling, matrix products, normalisations, reductions, resize;
//! * `nodes_compose` — operators lowered as compositions of graph ops (activations, ...);
//! * `nodes_domains` — operators of `ai.onnx.preview.training` and `ai.onnx.ml`, and
//!   `TfIdfVectorizer`;
//! * `nodes_strings` — string operators and `LabelEncoder` on `!graph.string` tensors;
//! * `nodes_quant`, `nodes_qlinear` — quantization and integer matrix products/convolutions;
//! * `nodes_seqattn`, `nodes_rnn` — sequence-model operators (rotary embeddings, SwiGLU,
//!   causal convolution, linear attention, recurrent cells unrolled over time);
//! * `nodes_flex` — `FlexAttention` with its modifier subgraphs inlined;
//! * `nodes_index` — indexing, selection and sequence operators (`CumProd`, windows,
//!   `ReverseSequence`, `TensorScatter`, training-mode `BatchNormalization`);
//! * `nodes_scan` — subgraph inlining, and `Scan` unrolled over its static scan axis;
//! * `nodes_loop` — `If` and `Loop` with conditions known at import, inlined/unrolled;
//! * `nodes_signal` — `DFT`, `STFT` and `MelWeightMatrix`;
//! * `nodes_select` — bitwise, selection and linear-algebra operators (`TopK`, `Unique`,
//!   `NonZero`, `Compress`, `GatherND`, `NonMaxSuppression`, `Einsum`, `Det`);
//! * `nodes_types` — type conversions (`Cast`, `CastLike`, `BitCast`);
//! * `nodes_ctrl`, `nodes_seq`, `ctrl_types` — `If`/`Loop`/`Scan`/`SequenceMap` as region
//!   ops (falling back to `nodes_loop`/`nodes_scan` unrolling where the region form is
//!   unsupported), sequence and optional operators and types.

mod consteval;
mod ctrl_types;
mod nodes_attention;
mod nodes_basic;
mod nodes_compose;
mod nodes_ctrl;
mod nodes_domains;
mod nodes_flex;
mod nodes_gradient;
mod nodes_image;
mod nodes_index;
mod nodes_loop;
mod nodes_loss;
mod nodes_nn;
mod nodes_qlinear;
mod nodes_quant;
mod nodes_resize;
mod nodes_rnn;
mod nodes_scan;
mod nodes_select;
mod nodes_seq;
mod nodes_seqattn;
mod nodes_signal;
mod nodes_spatial;
mod nodes_strings;
mod nodes_struct;
mod nodes_trees;
mod nodes_types;
mod validate;

use crate::error::{ImportError, Result};
use crate::external::ExternalLoader;
use crate::limits::Limits;
use crate::proto::{AttributeProto, GraphProto, ModelProto, NodeProto, ValueInfoProto};
use crate::tensor::{elem_type, ConstTensor};
use std::collections::HashMap;
use std::path::Path;
use strata_dialect_graph::shape::DYN;
use strata_ir::{
    Attribute, Block, Body, Context, LocKind, Location, Module, OpBuilder, OperationState, Type,
    Value,
};

pub(crate) use nodes_basic::support;
pub(crate) use validate::MAX_OPSET;

/// Options of one import.
#[derive(Clone, Debug, Default)]
pub struct ImportOptions {
    /// The limits to enforce.
    pub limits: Limits,
    /// The model's directory, where external data files are looked up (`None`: external
    /// data is rejected).
    pub base_dir: Option<std::path::PathBuf>,
    /// The file name used in locations (`loc("node"("model.onnx":N:1))`).
    pub file_name: String,
    /// Graph inputs bound to known values at import time: each becomes an initializer
    /// (matched by `TensorProto.name`) instead of a function argument, so that inputs ONNX
    /// allows to be dynamic but Strata needs as constants (shapes, axes, pads; see
    /// [`required_constant_inputs`](crate::required_constant_inputs)) can be specialised, as
    /// onnxruntime's and tract's input-fact options do.
    pub constant_inputs: Vec<crate::proto::TensorProto>,
}

/// The opset versions a model imports, by domain (`""` for `ai.onnx`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Opsets(pub HashMap<String, i64>);

impl Opsets {
    fn canonical(domain: &str) -> &str {
        if domain == "ai.onnx" {
            ""
        } else {
            domain
        }
    }
    pub fn get(&self, domain: &str) -> Option<i64> {
        self.0.get(Self::canonical(domain)).copied()
    }
}

/// Decode `bytes` as a `ModelProto`, after bounding its subgraph nesting.
pub fn decode_model(bytes: &[u8], limits: &Limits) -> Result<ModelProto> {
    use prost::Message;
    crate::scan::check_subgraph_depth(bytes, limits.max_subgraph_depth)?;
    ModelProto::decode(bytes).map_err(|e| {
        let msg = e.to_string();
        if msg.contains("recursion limit") {
            ImportError::limit("protobuf message nesting depth", 100)
        } else {
            ImportError::invalid(format!("malformed protobuf: {msg}"), "protobuf")
        }
    })
}

/// Import serialized ONNX model `bytes` into a module of `ctx` (which must have the
/// `builtin`, `func` and `graph` dialects registered, e.g. `strata::default_context()`).
pub fn import_bytes(ctx: &Context, bytes: &[u8], opts: &ImportOptions) -> Result<Module> {
    let model = decode_model(bytes, &opts.limits)?;
    import_model(ctx, &model, opts)
}

/// Import the model file at `path`; external data is looked up beside it.
pub fn import_file(ctx: &Context, path: &Path, limits: Limits) -> Result<Module> {
    let bytes = std::fs::read(path).map_err(|e| {
        ImportError::invalid(
            format!("cannot read model: {e}"),
            path.display().to_string(),
        )
    })?;
    let base = path.parent().map(|p| {
        if p.as_os_str().is_empty() {
            Path::new(".")
        } else {
            p
        }
    });
    let opts = ImportOptions {
        limits,
        base_dir: base.map(Path::to_path_buf),
        file_name: path.display().to_string(),
        constant_inputs: Vec::new(),
    };
    import_bytes(ctx, &bytes, &opts)
}

/// Import a decoded model.
pub fn import_model(ctx: &Context, model: &ModelProto, opts: &ImportOptions) -> Result<Module> {
    let graph = model
        .graph
        .as_ref()
        .ok_or_else(|| ImportError::invalid("model has no graph", "model"))?;
    let mut opsets = Opsets::default();
    for o in &model.opset_import {
        let d = Opsets::canonical(&o.domain).to_string();
        if opsets.0.insert(d, o.version).is_some() {
            return Err(ImportError::invalid(
                format!("opset of domain '{}' imported twice", o.domain),
                "model.opset_import",
            ));
        }
    }
    if opts.constant_inputs.is_empty() {
        let order = validate::validate(ctx, model, graph, &opsets, &opts.limits)?;
        return lower(ctx, graph, &order, &opsets, opts);
    }
    let mut graph = graph.clone();
    for t in &opts.constant_inputs {
        if !graph.input.iter().any(|vi| vi.name == t.name) {
            return Err(ImportError::invalid(
                format!("constant input '{}' is not a graph input", t.name),
                "import options",
            ));
        }
        graph.initializer.retain(|i| i.name != t.name);
        graph.initializer.push(t.clone());
    }
    let order = validate::validate(ctx, model, &graph, &opsets, &opts.limits)?;
    lower(ctx, &graph, &order, &opsets, opts)
}

/// The graph inputs (without an initializer) that some node needs as a constant: inputs
/// ONNX allows to be computed at run time but Strata's graph dialect takes as attributes
/// (`Reshape`'s shape, `Slice`'s starts, `Pad`'s pads, ...), directly or through the nodes
/// computing such an input (which fold once their inputs are known; `Shape` and `Size`
/// need only their input's static shape, not its values). Bind them with
/// [`ImportOptions::constant_inputs`] to import such a model for known values. Sorted.
pub fn required_constant_inputs(model: &ModelProto) -> Vec<String> {
    let Some(graph) = model.graph.as_ref() else {
        return Vec::new();
    };
    let mut opsets = Opsets::default();
    for o in &model.opset_import {
        opsets
            .0
            .insert(Opsets::canonical(&o.domain).to_string(), o.version);
    }
    let inits: std::collections::HashSet<&str> =
        graph.initializer.iter().map(|t| t.name.as_str()).collect();
    let inputs: std::collections::HashSet<&str> = graph
        .input
        .iter()
        .map(|vi| vi.name.as_str())
        .filter(|n| !inits.contains(n))
        .collect();
    // Producers by output name: a constant-needing input computed by nodes (say
    // `Range(0, Cast(size), 1)`) folds when the graph inputs it is computed from are bound.
    let producer: HashMap<&str, &NodeProto> = graph
        .node
        .iter()
        .flat_map(|n| n.output.iter().map(move |o| (o.as_str(), n)))
        .filter(|(o, _)| !o.is_empty())
        .collect();
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut stack: Vec<&str> = Vec::new();
    for n in &graph.node {
        let domain = Opsets::canonical(&n.domain);
        let (true, Some(opset)) = (domain.is_empty(), opsets.get(domain)) else {
            continue;
        };
        for &i in support(&n.op_type, opset).unwrap_or(&[]) {
            if let Some(name) = n.input.get(i).filter(|s| !s.is_empty()) {
                stack.push(name);
            }
        }
    }
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        if inputs.contains(name) {
            out.push(name.to_string());
        } else if let Some(p) = producer.get(name) {
            // `Shape` and `Size` read only their input's (static) shape, not its values.
            if p.op_type != "Shape" && p.op_type != "Size" {
                stack.extend(p.input.iter().map(String::as_str).filter(|s| !s.is_empty()));
                // An `If` whose condition folds is inlined at import (`nodes_ctrl`), so its
                // outputs fold when the outer values its branches read are known.
                stack.extend(nodes_ctrl::outer_names(p));
            }
        }
    }
    // Inputs that are not required but let a fallback apply or a size fold (a `Loop` trip
    // count and condition: unrolling, at import when the region form is unsupported or by
    // the `unroll-regions` pass before compilation), given directly as graph inputs or
    // computed from them (`Range` expanded into a `Loop` whose trip count is
    // `ceil((limit - start) / delta)`), with the same stop at `Shape` and `Size`.
    let mut seen = std::collections::HashSet::new();
    for n in &graph.node {
        for &i in nodes_ctrl::preferred_constants(&n.op_type) {
            if let Some(name) = n.input.get(i).filter(|s| !s.is_empty()) {
                stack.push(name);
            }
        }
    }
    while let Some(name) = stack.pop() {
        if !seen.insert(name) {
            continue;
        }
        if inputs.contains(name) {
            out.push(name.to_string());
        } else if let Some(p) = producer.get(name) {
            if p.op_type != "Shape" && p.op_type != "Size" {
                stack.extend(p.input.iter().map(String::as_str).filter(|s| !s.is_empty()));
                stack.extend(nodes_ctrl::outer_names(p));
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// The MLIR type of a graph input or output.
pub(crate) fn value_type(ctx: &Context, vi: &ValueInfoProto, limits: &Limits) -> Result<Type> {
    if let Some(t) = ctrl_types::container_value_type(ctx, vi, limits)? {
        return Ok(t);
    }
    let at = format!("value '{}'", vi.name);
    let tt = vi
        .r#type
        .as_ref()
        .and_then(|t| t.tensor_type.as_ref())
        .ok_or_else(|| ImportError::invalid("value has no tensor type", at.clone()))?;
    let elem = elem_type(ctx, tt.elem_type)
        .ok_or_else(|| ImportError::invalid("unsupported element type", at.clone()))?;
    let shape = tt
        .shape
        .as_ref()
        .ok_or_else(|| ImportError::invalid("value has no shape (unranked)", at.clone()))?;
    if shape.dim.len() as u64 > limits.max_rank {
        return Err(ImportError::limit(format!("rank of {at}"), limits.max_rank));
    }
    let mut dims = Vec::with_capacity(shape.dim.len());
    let mut n: u64 = 1;
    for d in &shape.dim {
        match d.dim_value {
            Some(v) if d.dim_param.is_none() => {
                let u = u64::try_from(v).map_err(|_| {
                    ImportError::invalid(format!("negative dimension {v}"), at.clone())
                })?;
                if u > limits.max_tensor_elements {
                    return Err(ImportError::limit(
                        format!("dimension of {at} ({u})"),
                        limits.max_tensor_elements,
                    ));
                }
                n = n.checked_mul(u).ok_or_else(|| {
                    ImportError::limit(
                        format!("tensor elements of {at} (dims product overflows)"),
                        limits.max_tensor_elements,
                    )
                })?;
                dims.push(v);
            }
            _ => dims.push(DYN),
        }
    }
    if n > limits.max_tensor_elements {
        return Err(ImportError::limit(
            format!("tensor elements of {at} ({n})"),
            limits.max_tensor_elements,
        ));
    }
    Ok(ctx.tensor_type(&dims, elem))
}

/// Lowering state: the function body being built and the values and constants by name.
pub(crate) struct Lowerer<'a> {
    pub ctx: &'a Context,
    pub body: &'a mut Body,
    pub block: Block,
    pub limits: Limits,
    pub values: HashMap<String, Value>,
    pub consts: HashMap<String, ConstTensor>,
    pub opsets: &'a Opsets,
    /// The main graph (`Gradient` re-evaluates the nodes computing its `y`).
    pub graph: &'a GraphProto,
    pub file: String,
    /// Values whose constant value was evaluated (`None`: not a constant), see `consteval`.
    pub folded: HashMap<Value, Option<Attribute>>,
}

fn lower(
    ctx: &Context,
    graph: &GraphProto,
    order: &[usize],
    opsets: &Opsets,
    opts: &ImportOptions,
) -> Result<Module> {
    let mut module = Module::new(ctx);
    let mblock = module
        .block()
        .ok_or_else(|| ImportError::invalid("module has no block", "module"))?;
    let file = if opts.file_name.is_empty() {
        "model.onnx".to_string()
    } else {
        opts.file_name.clone()
    };
    let mut ext = ExternalLoader::new(opts.base_dir.as_deref(), opts.limits.max_external_bytes);
    let mut consts = HashMap::new();
    for init in &graph.initializer {
        let at = format!("initializer '{}'", init.name);
        let c = ConstTensor::from_proto(ctx, init, &opts.limits, &mut ext, &at)?;
        consts.insert(init.name.clone(), c);
    }
    let mut arg_types = Vec::new();
    let mut arg_names = Vec::new();
    for vi in &graph.input {
        if consts.contains_key(&vi.name) {
            continue;
        }
        arg_types.push(value_type(ctx, vi, &opts.limits)?);
        arg_names.push(vi.name.clone());
    }
    let body = module.region_body_mut();
    let mut st = OperationState::new(ctx, ctx.op_name("func.func"), ctx.file_loc(&file, 0, 0));
    let region = st.add_region(body);
    let fbody = st.region_body(body);
    let entry = fbody.create_block();
    fbody.append_block(region, entry);
    let mut values = HashMap::new();
    for (name, ty) in arg_names.iter().zip(&arg_types) {
        let v = fbody.add_block_arg(entry, *ty);
        fbody.set_value_loc(v, Some(name_loc(ctx, name, None, &file, 0)));
        values.insert(name.clone(), v);
    }
    let mut lw = Lowerer {
        ctx,
        body: fbody,
        block: entry,
        limits: opts.limits,
        values,
        consts,
        opsets,
        graph,
        file: file.clone(),
        folded: HashMap::new(),
    };
    for (line, &i) in order.iter().enumerate() {
        let node = &graph.node[i];
        nodes_basic::lower_node(&mut lw, node, line as u32 + 1)?;
    }
    let mut results = Vec::new();
    for o in &graph.output {
        results.push(lw.operand(&o.name, "graph output")?);
    }
    let result_types: Vec<Type> = results.iter().map(|&v| lw.body.value_type(v)).collect();
    let mut b = OpBuilder::at_end(ctx, lw.body, entry);
    b.build("func.return", &results, &[], &[]);
    let fty = ctx.function_type(&arg_types, &result_types);
    let names = |list: &mut dyn Iterator<Item = &String>| {
        let dicts: Vec<Attribute> = list
            .map(|n| ctx.dict_attr(&[("onnx.name", ctx.string_attr(n))]))
            .collect();
        ctx.array_attr(&dicts)
    };
    let mut props = vec![
        ("sym_name", ctx.string_attr("main")),
        ("function_type", ctx.type_attr(fty)),
    ];
    if !arg_names.is_empty() {
        props.push(("arg_attrs", names(&mut arg_names.iter())));
    }
    if !graph.output.is_empty() {
        props.push((
            "res_attrs",
            names(&mut graph.output.iter().map(|o| &o.name)),
        ));
    }
    st.props = Some(ctx.dict_attr(&props));
    let f = body.create_op(st);
    body.append_op(mblock, f);
    Ok(module)
}

/// `loc("name"("file":line:1))`, fused with the doc string as metadata when there is one.
pub(crate) fn name_loc(
    ctx: &Context,
    name: &str,
    doc: Option<&str>,
    file: &str,
    line: u32,
) -> Location {
    let file_loc = ctx.file_loc(file, line, if line == 0 { 0 } else { 1 });
    let loc = ctx.loc(LocKind::Name {
        name: ctx.sym(name),
        child: Some(file_loc.0),
    });
    match doc.filter(|d| !d.is_empty()) {
        Some(d) => ctx.loc(LocKind::Fused {
            locs: Box::new([loc.0]),
            metadata: Some(ctx.string_attr(d)),
        }),
        None => loc,
    }
}

/// The attributes of a node by name.
pub(crate) struct NodeAttrs<'n> {
    pub node: &'n NodeProto,
    pub at: String,
}

impl<'n> NodeAttrs<'n> {
    pub fn get(&self, name: &str) -> Option<&'n AttributeProto> {
        self.node.attribute.iter().find(|a| a.name == name)
    }
    fn bad(&self, name: &str, want: &str) -> ImportError {
        ImportError::invalid(
            format!("attribute '{name}' must be {want}"),
            self.at.clone(),
        )
    }
    pub fn int(&self, name: &str) -> Result<Option<i64>> {
        use crate::proto::attribute_type as at;
        match self.get(name) {
            None => Ok(None),
            Some(a) if a.r#type == at::INT || (a.r#type == at::UNDEFINED && a.ints.is_empty()) => {
                Ok(Some(a.i))
            }
            Some(_) => Err(self.bad(name, "an INT")),
        }
    }
    pub fn int_or(&self, name: &str, default: i64) -> Result<i64> {
        Ok(self.int(name)?.unwrap_or(default))
    }
    pub fn float(&self, name: &str) -> Result<Option<f32>> {
        use crate::proto::attribute_type as at;
        match self.get(name) {
            None => Ok(None),
            Some(a) if a.r#type == at::FLOAT || a.r#type == at::UNDEFINED => Ok(Some(a.f)),
            Some(_) => Err(self.bad(name, "a FLOAT")),
        }
    }
    pub fn ints(&self, name: &str) -> Result<Option<Vec<i64>>> {
        use crate::proto::attribute_type as at;
        match self.get(name) {
            None => Ok(None),
            Some(a) if a.r#type == at::INTS || a.r#type == at::UNDEFINED => {
                Ok(Some(a.ints.clone()))
            }
            Some(_) => Err(self.bad(name, "INTS")),
        }
    }
    pub fn floats(&self, name: &str) -> Result<Option<Vec<f32>>> {
        use crate::proto::attribute_type as at;
        match self.get(name) {
            None => Ok(None),
            Some(a) if a.r#type == at::FLOATS || a.r#type == at::UNDEFINED => {
                Ok(Some(a.floats.clone()))
            }
            Some(_) => Err(self.bad(name, "FLOATS")),
        }
    }
    pub fn string(&self, name: &str) -> Result<Option<String>> {
        use crate::proto::attribute_type as at;
        match self.get(name) {
            None => Ok(None),
            Some(a) if a.r#type == at::STRING || a.r#type == at::UNDEFINED => {
                String::from_utf8(a.s.clone())
                    .map(Some)
                    .map_err(|_| self.bad(name, "a UTF-8 STRING"))
            }
            Some(_) => Err(self.bad(name, "a STRING")),
        }
    }
}

impl Lowerer<'_> {
    /// The SSA value named `name`, materialising a constant (`graph.constant`) on first use.
    pub fn operand(&mut self, name: &str, at: &str) -> Result<Value> {
        if let Some(&v) = self.values.get(name) {
            return Ok(v);
        }
        let Some(c) = self.consts.get(name) else {
            return Err(ImportError::invalid(
                format!("value '{name}' is undefined"),
                at,
            ));
        };
        let attr = c.to_attr(self.ctx);
        let ty = c.ty(self.ctx);
        let loc = name_loc(self.ctx, name, None, &self.file, 0);
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = loc;
        let v = strata_dialect_graph::materialize_constant(&mut b, attr, ty).ok_or_else(|| {
            ImportError::invalid("constant cannot be materialised", format!("value '{name}'"))
        })?;
        self.values.insert(name.to_string(), v);
        Ok(v)
    }

    /// The constant tensor named `name` (initializer or `Constant` output), if any.
    pub fn constant(&self, name: &str) -> Option<&ConstTensor> {
        if self.values.contains_key(name) && !self.consts.contains_key(name) {
            return None;
        }
        self.consts.get(name)
    }

    /// Build graph op `name` at location `loc`, mapping inference errors to
    /// [`ImportError::InvalidModel`] at `at`.
    pub fn build(
        &mut self,
        name: &str,
        operands: &[Value],
        props: &[(&str, Attribute)],
        loc: Location,
        at: &str,
    ) -> Result<Vec<Value>> {
        let mut b = OpBuilder::at_end(self.ctx, self.body, self.block);
        b.loc = loc;
        let op = strata_dialect_graph::build(&mut b, name, operands, props)
            .map_err(|e| ImportError::invalid(format!("{name}: {e}"), at))?;
        Ok(self.body.results(op).to_vec())
    }

    /// The static shape and element type of `v`.
    pub fn shape_of(&self, v: Value) -> (Vec<i64>, Type) {
        let t = self.body.value_type(v);
        match strata_dialect_graph::util::ranked(self.ctx, t) {
            Some((s, e)) => (s.to_vec(), e),
            None => (Vec::new(), t),
        }
    }
}
