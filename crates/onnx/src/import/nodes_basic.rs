//! The table of supported ONNX operators ([`support`]), the per-node dispatcher, and the
//! lowering of elementwise ops, activations, casts, constants and data movement.

use super::validate::{node_at, node_label};
use super::{name_loc, Lowerer, NodeAttrs};
use crate::error::{ImportError, Result, UnsupportedOp};
use crate::proto::{attribute_type, data_type as dt, NodeProto};
use crate::tensor::{checked_numel, elem_size, elem_type, is_float, ConstTensor};
use strata_dialect_graph::attr::{f32_array_attr, i64_array_attr, i64_attr};
use strata_ir::{Attribute, Location, Type, Value};

/// Elementwise binary ops: ONNX name, graph op, first opset with numpy broadcasting.
const BINARY: &[(&str, &str, i64)] = &[
    ("Add", "graph.add", 1),
    ("Sub", "graph.sub", 1),
    ("Mul", "graph.mul", 1),
    ("Div", "graph.div", 1),
    ("Pow", "graph.pow", 1),
    ("And", "graph.and", 1),
    ("Or", "graph.or", 1),
    ("Xor", "graph.xor", 1),
    ("Equal", "graph.equal", 1),
    ("Less", "graph.less", 1),
    ("Greater", "graph.greater", 1),
    ("LessOrEqual", "graph.less_equal", 12),
    ("GreaterOrEqual", "graph.greater_equal", 12),
];

/// Elementwise unary ops without attributes: ONNX name, graph op, first opset.
const UNARY: &[(&str, &str, i64)] = &[
    ("Neg", "graph.neg", 1),
    ("Abs", "graph.abs", 1),
    ("Exp", "graph.exp", 1),
    ("Log", "graph.log", 1),
    ("Sqrt", "graph.sqrt", 1),
    ("Reciprocal", "graph.reciprocal", 1),
    ("Erf", "graph.erf", 9),
    ("Tanh", "graph.tanh", 1),
    ("Sigmoid", "graph.sigmoid", 1),
    ("Relu", "graph.relu", 1),
    ("Not", "graph.not", 1),
    ("Floor", "graph.floor", 1),
    ("Ceil", "graph.ceil", 1),
    ("Round", "graph.round", 11),
    ("Sign", "graph.sign", 9),
    ("Sin", "graph.sin", 7),
    ("Cos", "graph.cos", 7),
    ("Asin", "graph.asin", 7),
    ("Acos", "graph.acos", 7),
    ("Atan", "graph.atan", 7),
    ("HardSwish", "graph.hard_swish", 14),
    ("Identity", "graph.identity", 1),
    ("GlobalAveragePool", "graph.global_average_pool", 1),
    ("GlobalMaxPool", "graph.global_max_pool", 1),
];

/// Whether `op` (default domain) is supported at `opset`; if so, the indices of the inputs
/// that must be constants (initializers or `Constant` outputs), which become attributes.
pub(crate) fn support(op: &str, opset: i64) -> Option<&'static [usize]> {
    const NONE: &[usize] = &[];
    if let Some(&(_, _, min)) = BINARY.iter().chain(UNARY).find(|(n, _, _)| *n == op) {
        return (opset >= min).then_some(NONE);
    }
    if let Some(&(_, min)) = super::nodes_compose::COMPOSITE
        .iter()
        .find(|(n, _)| *n == op)
    {
        return (opset >= min).then_some(NONE);
    }
    if let Some(&(_, min)) = super::nodes_quant::QUANT.iter().find(|(n, _)| *n == op) {
        return (opset >= min).then_some(NONE);
    }
    if let Some(&(_, min)) = super::nodes_seqattn::SEQATTN.iter().find(|(n, _)| *n == op) {
        return (opset >= min).then_some(NONE);
    }
    if let Some(consts) = super::nodes_signal::support(op, opset) {
        return Some(consts);
    }
    // Region lowering first (no constant inputs); `nodes_loop` is its fallback.
    if let Some(&(_, min)) = super::nodes_ctrl::CTRL.iter().find(|(n, _)| *n == op) {
        return (opset >= min).then_some(NONE);
    }
    if let Some(consts) = super::nodes_loop::support(op, opset) {
        return Some(consts);
    }
    if let Some(&(_, min, consts)) = super::nodes_struct::STRUCT
        .iter()
        .chain(super::nodes_index::INDEX)
        .chain(super::nodes_select::SELECT)
        .find(|(n, _, _)| *n == op)
    {
        return (opset >= min).then_some(consts);
    }
    if let Some(&(_, min, consts)) = super::nodes_spatial::SPATIAL
        .iter()
        .find(|(n, _, _)| *n == op)
    {
        return (opset >= min).then_some(consts);
    }
    let (min, consts): (i64, &'static [usize]) = match op {
        "Max" | "Min" | "Sum" => (1, NONE),
        "Where" => (9, NONE),
        "LeakyRelu" | "Elu" | "HardSigmoid" | "Clip" | "Cast" => (6, NONE),
        "PRelu" => (1, NONE),
        "Gelu" => (20, NONE),
        "CastLike" => (15, NONE),
        "BitCast" => (26, NONE),
        "Constant" => (1, NONE),
        "Mod" => (10, NONE),
        "Range" => (11, &[0, 1, 2]),
        "Size" => (1, NONE),
        "ConstantOfShape" => (9, &[0]),
        "Reshape" => (5, &[1]),
        "Flatten" | "Transpose" | "Gather" | "Shape" | "Softmax" | "LogSoftmax" | "ArgMax"
        | "ArgMin" | "Conv" | "ConvTranspose" | "MaxPool" | "MatMul" => (1, NONE),
        "Squeeze" | "Unsqueeze" if opset >= 13 => (13, &[1]),
        "Squeeze" | "Unsqueeze" => (1, NONE),
        "Expand" => (8, &[1]),
        "Dropout" if opset >= 12 => (12, &[1, 2]),
        "Dropout" => (7, NONE),
        "Concat" => (4, NONE),
        "Split" if opset >= 13 => (13, &[1]),
        "Split" => (2, NONE),
        "Slice" if opset >= 10 => (10, &[1, 2, 3, 4]),
        "Slice" => (1, NONE),
        "Pad" if opset >= 11 => (11, &[1, 2, 3]),
        "Pad" => (2, NONE),
        "Tile" => (6, &[1]),
        "Resize" if opset >= 11 => (11, &[1, 2, 3]),
        "Resize" => (10, &[1]),
        "Upsample" if opset >= 9 => (9, &[1]),
        "Upsample" => (7, NONE),
        "AveragePool" | "Gemm" | "BatchNormalization" => (1, NONE),
        "InstanceNormalization" => (6, NONE),
        "LRN" => (1, NONE),
        "TfIdfVectorizer" => (9, NONE),
        "ImageDecoder" => (20, &[0]),
        "StringNormalizer" => (10, NONE),
        "StringConcat" | "StringSplit" | "RegexFullMatch" => (20, NONE),
        "LayerNormalization" => (17, NONE),
        "RMSNormalization" => (23, NONE),
        "Attention" => (23, NONE),
        "GatherElements" | "BitShift" | "ScatterElements" | "ScatterND" => (11, NONE),
        "Scatter" => (9, NONE),
        "NegativeLogLikelihoodLoss" | "SoftmaxCrossEntropyLoss" => (12, NONE),
        "Trilu" => (14, &[1]),
        "ReduceSum" if opset >= 13 => (13, &[1]),
        "ReduceMean" | "ReduceMax" | "ReduceMin" | "ReduceProd" | "ReduceSum" | "ReduceL1"
        | "ReduceL2" | "ReduceLogSum" | "ReduceLogSumExp" | "ReduceSumSquare"
            if opset >= 18 =>
        {
            (18, &[1])
        }
        "ReduceMean" | "ReduceMax" | "ReduceMin" | "ReduceProd" | "ReduceSum" | "ReduceL1"
        | "ReduceL2" | "ReduceLogSum" | "ReduceLogSumExp" | "ReduceSumSquare" => (1, NONE),
        _ => return None,
    };
    (opset >= min).then_some(consts)
}

/// One node being lowered.
pub(crate) struct N<'n> {
    pub node: &'n NodeProto,
    pub attrs: NodeAttrs<'n>,
    pub at: String,
    pub loc: Location,
    pub opset: i64,
}

impl N<'_> {
    /// An [`ImportError::Unsupported`] for this node, naming `what` is not supported.
    pub fn unsupported(&self, what: &str) -> ImportError {
        ImportError::Unsupported(vec![UnsupportedOp {
            domain: super::Opsets::canonical(&self.node.domain).to_string(),
            op_type: format!("{} ({what})", self.node.op_type),
            opset: self.opset,
            node: node_label(self.node, 0),
        }])
    }
    /// An [`ImportError::InvalidModel`] at this node.
    pub fn invalid(&self, what: impl Into<String>) -> ImportError {
        ImportError::invalid(what, self.at.clone())
    }
    /// The name of input `i`, if present and non-empty.
    pub fn input_name(&self, i: usize) -> Option<&str> {
        self.node
            .input
            .get(i)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }
}

impl Lowerer<'_> {
    /// Required input `i` of `n`.
    pub fn inp(&mut self, n: &N<'_>, i: usize) -> Result<Value> {
        let name = n
            .input_name(i)
            .ok_or_else(|| n.invalid(format!("missing input {i}")))?
            .to_string();
        self.operand(&name, &n.at)
    }
    /// Optional input `i` of `n`.
    pub fn opt_inp(&mut self, n: &N<'_>, i: usize) -> Result<Option<Value>> {
        match n.input_name(i).map(str::to_string) {
            Some(name) => self.operand(&name, &n.at).map(Some),
            None => Ok(None),
        }
    }
    /// The constant tensor of input `i` (absent: `None`; not constant: `Unsupported`).
    /// Inputs computed by other nodes are evaluated by folding their producers.
    pub fn const_inp(&mut self, n: &N<'_>, i: usize) -> Result<Option<ConstTensor>> {
        let Some(name) = n.input_name(i) else {
            return Ok(None);
        };
        match self.constant_or_fold(name) {
            Some(c) => Ok(Some(c)),
            None => Err(n.unsupported(&format!("non-constant input {i}"))),
        }
    }
    /// Constant integer input `i` (at most 2^16 elements).
    pub fn const_ints(&mut self, n: &N<'_>, i: usize) -> Result<Option<Vec<i64>>> {
        match self.const_inp(n, i)? {
            None => Ok(None),
            Some(c) => c
                .ints(1 << 16)
                .map(Some)
                .ok_or_else(|| n.invalid(format!("input {i} must be a small integer tensor"))),
        }
    }
    /// Constant float input `i` (at most 2^16 elements).
    pub fn const_floats(&mut self, n: &N<'_>, i: usize) -> Result<Option<Vec<f64>>> {
        match self.const_inp(n, i)? {
            None => Ok(None),
            Some(c) => c
                .floats(1 << 16)
                .map(Some)
                .ok_or_else(|| n.invalid(format!("input {i} must be a small tensor"))),
        }
    }
    /// Bind the node's outputs to `results` (extra results are unnamed; extra named outputs
    /// are an error).
    pub fn bind(&mut self, n: &N<'_>, results: &[Value]) -> Result<()> {
        for (i, name) in n.node.output.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            let v = *results
                .get(i)
                .ok_or_else(|| n.unsupported(&format!("output {i}")))?;
            self.values.insert(name.clone(), v);
        }
        Ok(())
    }
    /// Build graph op `op` for node `n` and bind its outputs.
    pub fn emit(
        &mut self,
        n: &N<'_>,
        op: &str,
        operands: &[Value],
        props: &[(&str, Attribute)],
    ) -> Result<()> {
        let r = self.build(op, operands, props, n.loc, &n.at)?;
        self.bind(n, &r)
    }
    /// Build a single-result op and return its result.
    pub fn emit1(
        &mut self,
        n: &N<'_>,
        op: &str,
        operands: &[Value],
        props: &[(&str, Attribute)],
    ) -> Result<Value> {
        let r = self.build(op, operands, props, n.loc, &n.at)?;
        r.first()
            .copied()
            .ok_or_else(|| n.invalid(format!("{op} has no result")))
    }
    /// A float attribute of element type `elem` (`f32` when `elem` is not a float).
    pub fn float_for(&self, value: f64, elem: Type) -> Attribute {
        let ty = if self.ctx.type_kind(elem).is_float() {
            elem
        } else {
            self.ctx.f32()
        };
        self.ctx.float_attr(value, ty)
    }
    /// A scalar attribute suiting element type `elem`: float for floats, integer otherwise.
    pub fn scalar_for(&self, value: f64, elem: Type) -> Attribute {
        if self.ctx.type_kind(elem).is_float() {
            self.ctx.float_attr(value, elem)
        } else {
            self.ctx.int_attr(value as i128, elem)
        }
    }
}

/// Lower one node (`line`: its 1-based position in topological order, used in locations).
pub(crate) fn lower_node(lw: &mut Lowerer<'_>, node: &NodeProto, line: u32) -> Result<()> {
    let label = node_label(node, line as usize - 1);
    let n = N {
        node,
        attrs: NodeAttrs {
            node,
            at: node_at(node, line as usize - 1),
        },
        at: node_at(node, line as usize - 1),
        loc: name_loc(lw.ctx, &label, Some(&node.doc_string), &lw.file, line),
        opset: lw.opsets.get(&node.domain).unwrap_or(0),
    };
    if !super::Opsets::canonical(&node.domain).is_empty() {
        return super::nodes_domains::lower(lw, &n);
    }
    let op = node.op_type.as_str();
    if let Some(&(_, g, _)) = BINARY.iter().find(|(o, _, _)| *o == op) {
        let (a, mut b) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
        if n.opset < 7 {
            b = legacy_broadcast(lw, &n, a, b)?;
        }
        return lw.emit(&n, g, &[a, b], &[]);
    }
    if op == "Identity" && super::nodes_ctrl::container_input(lw, &n) {
        return super::nodes_ctrl::identity(lw, &n);
    }
    if let Some(&(_, g, _)) = UNARY.iter().find(|(o, _, _)| *o == op) {
        let x = lw.inp(&n, 0)?;
        return lw.emit(&n, g, &[x], &[]);
    }
    if super::nodes_index::INDEX.iter().any(|(o, _, _)| *o == op) {
        return super::nodes_index::lower_index(lw, &n);
    }
    if super::nodes_select::SELECT.iter().any(|(o, _, _)| *o == op) {
        return super::nodes_select::lower_select(lw, &n);
    }
    match op {
        "Max" | "Min" | "Sum" => {
            let g = match op {
                "Max" => "graph.max",
                "Min" => "graph.min",
                _ => "graph.add",
            };
            let mut acc = lw.inp(&n, 0)?;
            for i in 1..node.input.len() {
                let x = lw.inp(&n, i)?;
                acc = lw.emit1(&n, g, &[acc, x], &[])?;
            }
            lw.bind(&n, &[acc])
        }
        "Where" => {
            let (c, x, y) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?, lw.inp(&n, 2)?);
            lw.emit(&n, "graph.where", &[c, x, y], &[])
        }
        "LeakyRelu" | "Elu" => {
            let x = lw.inp(&n, 0)?;
            let default = if op == "Elu" { 1.0 } else { 0.01 };
            let alpha = n.attrs.float("alpha")?.unwrap_or(default);
            let (_, e) = lw.shape_of(x);
            let a = lw.float_for(f64::from(alpha), e);
            let g = if op == "Elu" {
                "graph.elu"
            } else {
                "graph.leaky_relu"
            };
            lw.emit(&n, g, &[x], &[("alpha", a)])
        }
        "HardSigmoid" => {
            let x = lw.inp(&n, 0)?;
            let (_, e) = lw.shape_of(x);
            let a = lw.float_for(f64::from(n.attrs.float("alpha")?.unwrap_or(0.2)), e);
            let b = lw.float_for(f64::from(n.attrs.float("beta")?.unwrap_or(0.5)), e);
            lw.emit(&n, "graph.hard_sigmoid", &[x], &[("alpha", a), ("beta", b)])
        }
        "PRelu" => {
            let (x, mut s) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
            let (xs, _) = lw.shape_of(x);
            let (ss, _) = lw.shape_of(s);
            // Opsets < 7: a 1-D slope of `C` values is per channel (axis 1).
            if n.opset < 7 && ss.len() == 1 && ss[0] != 1 && xs.len() > 2 {
                let mut shape = vec![ss[0]];
                shape.resize(xs.len() - 1, 1);
                let shape = i64_array_attr(lw.ctx, &shape);
                s = lw.emit1(&n, "graph.reshape", &[s], &[("shape", shape)])?;
            }
            lw.emit(&n, "graph.prelu", &[x, s], &[])
        }
        "Gelu" => {
            let x = lw.inp(&n, 0)?;
            let approx = n
                .attrs
                .string("approximate")?
                .unwrap_or_else(|| "none".into());
            let a = lw.ctx.string_attr(&approx);
            lw.emit(&n, "graph.gelu", &[x], &[("approximate", a)])
        }
        "Clip" => lower_clip(lw, &n),
        "Cast" | "CastLike" => super::nodes_types::lower_cast(lw, &n, op == "CastLike"),
        "BitCast" => super::nodes_types::lower_bitcast(lw, &n),
        "Constant" => lower_constant(lw, &n),
        "Mod" => {
            let (a, b) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
            let fmod = i64_attr(lw.ctx, n.attrs.int_or("fmod", 0)?);
            lw.emit(&n, "graph.mod", &[a, b], &[("fmod", fmod)])
        }
        "Range" => lower_range(lw, &n),
        "ImageDecoder" => super::nodes_image::lower_image_decoder(lw, &n),
        "Size" => {
            let x = lw.inp(&n, 0)?;
            let (shape, _) = lw.shape_of(x);
            if shape
                .iter()
                .any(|&d| strata_dialect_graph::shape::is_dynamic(d))
            {
                return Err(n.unsupported("dynamic shape"));
            }
            let count = checked_numel(&shape, &lw.limits, &n.at)? as i64;
            let out = out_name(&n)?;
            let c = const_of(lw, dt::INT64, vec![], count.to_le_bytes().to_vec(), &out);
            lw.consts.insert(out, c);
            Ok(())
        }
        "ConstantOfShape" => lower_constant_of_shape(lw, &n),
        "Reshape" => {
            let x = lw.inp(&n, 0)?;
            let shape = lw
                .const_ints(&n, 1)?
                .ok_or_else(|| n.invalid("Reshape needs a shape"))?;
            let az = n.attrs.int_or("allowzero", 0)?;
            let mut props = vec![("shape", i64_array_attr(lw.ctx, &shape))];
            if az != 0 {
                props.push(("allowzero", i64_attr(lw.ctx, az)));
            }
            lw.emit(&n, "graph.reshape", &[x], &props)
        }
        "Flatten" => {
            let x = lw.inp(&n, 0)?;
            let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", 1)?);
            lw.emit(&n, "graph.flatten", &[x], &[("axis", axis)])
        }
        "Squeeze" | "Unsqueeze" => {
            let x = lw.inp(&n, 0)?;
            let axes = if n.opset >= 13 {
                lw.const_ints(&n, 1)?
            } else {
                n.attrs.ints("axes")?
            };
            let g = if op == "Squeeze" {
                "graph.squeeze"
            } else {
                "graph.unsqueeze"
            };
            match axes {
                Some(a) => {
                    let a = i64_array_attr(lw.ctx, &a);
                    lw.emit(&n, g, &[x], &[("axes", a)])
                }
                None if op == "Squeeze" => lw.emit(&n, g, &[x], &[]),
                None => Err(n.invalid("Unsqueeze needs axes")),
            }
        }
        "Expand" => {
            let x = lw.inp(&n, 0)?;
            let s = lw
                .const_ints(&n, 1)?
                .ok_or_else(|| n.invalid("Expand needs a shape"))?;
            let s = i64_array_attr(lw.ctx, &s);
            lw.emit(&n, "graph.expand", &[x], &[("shape", s)])
        }
        "Dropout" => {
            let x = lw.inp(&n, 0)?;
            let ratio = if n.opset >= 12 {
                lw.const_floats(&n, 1)?
                    .and_then(|v| v.first().copied())
                    .unwrap_or(0.5)
            } else {
                f64::from(n.attrs.float("ratio")?.unwrap_or(0.5))
            };
            if n.opset >= 12 {
                if let Some(t) = lw.const_ints(&n, 2)? {
                    // Training with ratio 0 keeps every element (ONNX's reference), as
                    // inference does; other ratios draw a random mask.
                    if t.iter().any(|&v| v != 0) && ratio != 0.0 {
                        return Err(n.unsupported("training_mode with a non-zero ratio (random)"));
                    }
                }
            }
            let r = strata_dialect_graph::attr::f32_attr(lw.ctx, ratio);
            lw.emit(&n, "graph.dropout", &[x], &[("ratio", r)])
        }
        "Transpose" => {
            let x = lw.inp(&n, 0)?;
            match n.attrs.ints("perm")? {
                Some(p) => {
                    let p = i64_array_attr(lw.ctx, &p);
                    lw.emit(&n, "graph.transpose", &[x], &[("perm", p)])
                }
                None => lw.emit(&n, "graph.transpose", &[x], &[]),
            }
        }
        "Concat" => {
            let mut xs = Vec::new();
            for i in 0..node.input.len() {
                xs.push(lw.inp(&n, i)?);
            }
            let axis = n
                .attrs
                .int("axis")?
                .ok_or_else(|| n.invalid("Concat needs 'axis'"))?;
            let axis = i64_attr(lw.ctx, axis);
            lw.emit(&n, "graph.concat", &xs, &[("axis", axis)])
        }
        "Split" => {
            let x = lw.inp(&n, 0)?;
            let split = if n.opset >= 13 {
                lw.const_ints(&n, 1)?
            } else {
                n.attrs.ints("split")?
            };
            let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", 0)?);
            let mut props = vec![("axis", axis)];
            match split {
                Some(s) => props.push(("split", i64_array_attr(lw.ctx, &s))),
                None => {
                    let k = match n.attrs.int("num_outputs")? {
                        Some(k) => k,
                        None => node.output.len() as i64,
                    };
                    props.push(("num_outputs", i64_attr(lw.ctx, k)));
                }
            }
            lw.emit(&n, "graph.split", &[x], &props)
        }
        "Slice" => {
            let x = lw.inp(&n, 0)?;
            let (starts, ends, axes, steps) = if n.opset >= 10 {
                (
                    lw.const_ints(&n, 1)?,
                    lw.const_ints(&n, 2)?,
                    lw.const_ints(&n, 3)?,
                    lw.const_ints(&n, 4)?,
                )
            } else {
                (
                    n.attrs.ints("starts")?,
                    n.attrs.ints("ends")?,
                    n.attrs.ints("axes")?,
                    None,
                )
            };
            let starts = starts.ok_or_else(|| n.invalid("Slice needs starts"))?;
            let ends = ends.ok_or_else(|| n.invalid("Slice needs ends"))?;
            let mut props = vec![
                ("starts", i64_array_attr(lw.ctx, &starts)),
                ("ends", i64_array_attr(lw.ctx, &ends)),
            ];
            if let Some(a) = axes {
                props.push(("axes", i64_array_attr(lw.ctx, &a)));
            }
            if let Some(s) = steps {
                props.push(("steps", i64_array_attr(lw.ctx, &s)));
            }
            lw.emit(&n, "graph.slice", &[x], &props)
        }
        "Gather" => {
            let (x, i) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
            let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", 0)?);
            lw.emit(&n, "graph.gather", &[x, i], &[("axis", axis)])
        }
        "BitShift" => {
            let (a, b) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
            let d = n
                .attrs
                .string("direction")?
                .ok_or_else(|| n.invalid("BitShift needs 'direction'"))?;
            if d != "LEFT" && d != "RIGHT" {
                return Err(n.invalid(format!("unknown direction {d}")));
            }
            let d = lw.ctx.string_attr(&d);
            lw.emit(&n, "graph.bit_shift", &[a, b], &[("direction", d)])
        }
        "ScatterND" => {
            let (x, i, u) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?, lw.inp(&n, 2)?);
            let r = n
                .attrs
                .string("reduction")?
                .unwrap_or_else(|| "none".into());
            let r = lw.ctx.string_attr(&r);
            lw.emit(&n, "graph.scatter_nd", &[x, i, u], &[("reduction", r)])
        }
        "ScatterElements" | "Scatter" => {
            let (x, i, u) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?, lw.inp(&n, 2)?);
            let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", 0)?);
            let r = n
                .attrs
                .string("reduction")?
                .unwrap_or_else(|| "none".into());
            let r = lw.ctx.string_attr(&r);
            let props = [("axis", axis), ("reduction", r)];
            lw.emit(&n, "graph.scatter_elements", &[x, i, u], &props)
        }
        "GatherElements" => {
            let (x, i) = (lw.inp(&n, 0)?, lw.inp(&n, 1)?);
            let axis = i64_attr(lw.ctx, n.attrs.int_or("axis", 0)?);
            lw.emit(&n, "graph.gather_elements", &[x, i], &[("axis", axis)])
        }
        "Pad" => lower_pad(lw, &n),
        "Tile" => {
            let x = lw.inp(&n, 0)?;
            let r = lw
                .const_ints(&n, 1)?
                .ok_or_else(|| n.invalid("Tile needs repeats"))?;
            let r = i64_array_attr(lw.ctx, &r);
            lw.emit(&n, "graph.tile", &[x], &[("repeats", r)])
        }
        "Shape" => {
            let x = lw.inp(&n, 0)?;
            let mut props = Vec::new();
            if let Some(s) = n.attrs.int("start")? {
                props.push(("start", i64_attr(lw.ctx, s)));
            }
            if let Some(e) = n.attrs.int("end")? {
                props.push(("end", i64_attr(lw.ctx, e)));
            }
            lw.emit(&n, "graph.shape", &[x], &props)
        }
        "Attention" => super::nodes_attention::lower_attention(lw, &n),
        "DFT" | "STFT" | "MelWeightMatrix" => super::nodes_signal::lower_signal(lw, &n),
        op if super::nodes_ctrl::handles(op) => super::nodes_ctrl::lower(lw, &n),
        _ if super::nodes_seqattn::SEQATTN.iter().any(|(o, _)| *o == op) => {
            super::nodes_seqattn::lower_seqattn(lw, &n)
        }
        _ => super::nodes_nn::lower_nn(lw, &n),
    }
}

/// The second operand of a binary op of opset < 7: with `broadcast = 1` and an `axis`, `b`
/// is aligned to `a`'s dimensions from `axis` on (trailing unit dimensions are added so that
/// numpy broadcasting applies); without `axis` the alignment is the trailing one, numpy's.
/// With `broadcast = 0` the shapes must be equal, which numpy broadcasting accepts as is.
fn legacy_broadcast(lw: &mut Lowerer<'_>, n: &N<'_>, a: Value, b: Value) -> Result<Value> {
    if n.attrs.int_or("broadcast", 0)? == 0 {
        return Ok(b);
    }
    let Some(axis) = n.attrs.int("axis")? else {
        return Ok(b);
    };
    let (ashape, _) = lw.shape_of(a);
    let (bshape, _) = lw.shape_of(b);
    let rank = ashape.len() as i64;
    let axis = if axis < 0 { axis + rank } else { axis };
    let trailing = rank - axis - bshape.len() as i64;
    if axis < 0 || trailing < 0 {
        return Err(n.invalid(format!(
            "legacy broadcast axis {axis} does not fit ranks {} and {}",
            ashape.len(),
            bshape.len()
        )));
    }
    if trailing == 0 {
        return Ok(b);
    }
    let axes: Vec<i64> = (0..trailing).map(|i| bshape.len() as i64 + i).collect();
    let axes = i64_array_attr(lw.ctx, &axes);
    lw.emit1(n, "graph.unsqueeze", &[b], &[("axes", axes)])
}

fn lower_clip(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (_, e) = lw.shape_of(x);
    let mut props = Vec::new();
    if n.opset < 11 {
        let lo = n.attrs.float("min")?.unwrap_or(f32::MIN);
        let hi = n.attrs.float("max")?.unwrap_or(f32::MAX);
        props.push(("min", lw.float_for(f64::from(lo), e)));
        props.push(("max", lw.float_for(f64::from(hi), e)));
        return lw.emit(n, "graph.clip", &[x], &props);
    }
    // Opset 11+: constant bounds become attributes, others `graph.max`/`graph.min`.
    let mut dynamic = Vec::new();
    for (i, key) in [(1, "min"), (2, "max")] {
        let Some(name) = n.input_name(i).map(str::to_string) else {
            continue;
        };
        match lw.constant(&name).cloned() {
            Some(c) => {
                let v = c
                    .float_at(0)
                    .filter(|_| c.numel() == 1)
                    .ok_or_else(|| n.invalid(format!("Clip {key} must be a scalar")))?;
                let attr = if is_float(c.dtype) {
                    lw.ctx.float_attr(v, e)
                } else {
                    lw.ctx.int_attr(c.int_at(0).unwrap_or(0) as i128, e)
                };
                props.push((key, attr));
            }
            None => dynamic.push((key, lw.operand(&name, &n.at)?)),
        }
    }
    let mut y = if props.is_empty() && !dynamic.is_empty() {
        x
    } else {
        lw.emit1(n, "graph.clip", &[x], &props)?
    };
    for (key, v) in dynamic {
        let g = if key == "min" {
            "graph.max"
        } else {
            "graph.min"
        };
        y = lw.emit1(n, g, &[y, v], &[])?;
    }
    lw.bind(n, &[y])
}

fn lower_constant(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let out = n
        .node
        .output
        .first()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| n.invalid("Constant without an output"))?
        .clone();
    let attr = n
        .node
        .attribute
        .first()
        .ok_or_else(|| n.invalid("Constant without a value"))?;
    let f32s = |v: &[f32]| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    let i64s = |v: &[i64]| -> Vec<u8> { v.iter().flat_map(|x| x.to_le_bytes()).collect() };
    let c = match attr.name.as_str() {
        "value" => {
            let t = attr
                .t
                .as_ref()
                .ok_or_else(|| n.invalid("'value' must be a TENSOR"))?;
            let mut ext = crate::external::ExternalLoader::new(None, 0);
            ConstTensor::from_proto(lw.ctx, t, &lw.limits, &mut ext, &n.at)?
        }
        "value_float" => const_of(lw, dt::FLOAT, vec![], f32s(&[attr.f]), &out),
        "value_floats" => const_of(
            lw,
            dt::FLOAT,
            vec![attr.floats.len() as i64],
            f32s(&attr.floats),
            &out,
        ),
        "value_int" => const_of(lw, dt::INT64, vec![], i64s(&[attr.i]), &out),
        "value_ints" => const_of(
            lw,
            dt::INT64,
            vec![attr.ints.len() as i64],
            i64s(&attr.ints),
            &out,
        ),
        other => return Err(n.unsupported(&format!("attribute {other}"))),
    };
    if attr.r#type == attribute_type::GRAPH {
        return Err(n.invalid("Constant value must not be a graph"));
    }
    lw.consts.insert(out, c);
    Ok(())
}

fn const_of(
    lw: &Lowerer<'_>,
    dtype: i32,
    shape: Vec<i64>,
    data: Vec<u8>,
    name: &str,
) -> ConstTensor {
    ConstTensor {
        dtype,
        elem: elem_type(lw.ctx, dtype).unwrap_or_else(|| lw.ctx.f32()),
        shape,
        data: data.into(),
        splat: false,
        name: name.to_string(),
    }
}

/// The name of the node's first output.
fn out_name(n: &N<'_>) -> Result<String> {
    n.node
        .output
        .first()
        .filter(|s| !s.is_empty())
        .cloned()
        .ok_or_else(|| n.invalid("node without an output"))
}

/// `Range` with constant (or folded) scalar inputs becomes a constant: `max(0, ceil((limit
/// - start) / delta))` elements `start + i * delta`, in the inputs' type.
fn lower_range(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let mut cs = Vec::new();
    for i in 0..3 {
        let c = lw
            .const_inp(n, i)?
            .ok_or_else(|| n.invalid(format!("Range needs input {i}")))?;
        if c.numel() != 1 {
            return Err(n.invalid(format!("Range input {i} must be a scalar")));
        }
        cs.push(c);
    }
    let dtype = cs[0].dtype;
    if cs.iter().any(|c| c.dtype != dtype) {
        return Err(n.invalid("Range inputs must have one element type"));
    }
    let count = if is_float(dtype) {
        let v: Vec<f64> = cs.iter().filter_map(|c| c.float_at(0)).collect();
        let [start, limit, delta] = v[..] else {
            return Err(n.invalid("Range inputs must be numbers"));
        };
        let k = ((limit - start) / delta).ceil();
        if !k.is_finite() && !k.is_nan() {
            return Err(n.invalid("Range has an infinite number of elements"));
        }
        if k > 0.0 {
            k.min(u64::MAX as f64) as u64
        } else {
            0
        }
    } else {
        let v: Vec<i128> = cs
            .iter()
            .filter_map(|c| c.int_at(0))
            .map(i128::from)
            .collect();
        let [start, limit, delta] = v[..] else {
            return Err(n.invalid("Range inputs must be numbers"));
        };
        if delta == 0 {
            return Err(n.invalid("Range delta must not be 0"));
        }
        let span = limit - start;
        let k = span / delta + i128::from(span % delta != 0 && (span < 0) == (delta < 0));
        u64::try_from(k.max(0)).unwrap_or(u64::MAX)
    };
    let len = i64::try_from(count).unwrap_or(i64::MAX);
    checked_numel(&[len], &lw.limits, &n.at)?;
    let size = elem_size(dtype).ok_or_else(|| n.unsupported("element type"))?;
    let mut bytes = Vec::with_capacity(count as usize * size);
    for i in 0..count {
        if is_float(dtype) {
            let (start, delta) = (
                cs[0].float_at(0).unwrap_or(0.0),
                cs[2].float_at(0).unwrap_or(0.0),
            );
            let v = start + i as f64 * delta;
            match dtype {
                dt::FLOAT => bytes.extend_from_slice(&(v as f32).to_le_bytes()),
                dt::DOUBLE => bytes.extend_from_slice(&v.to_le_bytes()),
                // np.arange in f64, then one rounding to the narrow type (ONNX's reference).
                dt::FLOAT16 => {
                    bytes.extend_from_slice(&strata_ir::numeric::f64_to_f16(v).to_le_bytes())
                }
                dt::BFLOAT16 => {
                    bytes.extend_from_slice(&strata_ir::numeric::f64_to_bf16(v).to_le_bytes())
                }
                _ => return Err(n.unsupported("element type")),
            }
        } else {
            let (start, delta) = (cs[0].int_at(0).unwrap_or(0), cs[2].int_at(0).unwrap_or(0));
            let v = start.wrapping_add((i as i64).wrapping_mul(delta));
            bytes.extend_from_slice(&v.to_le_bytes()[..size]);
        }
    }
    let out = out_name(n)?;
    let c = const_of(lw, dtype, vec![len], bytes, &out);
    lw.consts.insert(out, c);
    Ok(())
}

fn lower_constant_of_shape(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let shape = lw
        .const_ints(n, 0)?
        .ok_or_else(|| n.invalid("ConstantOfShape needs a shape"))?;
    checked_numel(&shape, &lw.limits, &n.at)?;
    let (dtype, bytes) = match n.attrs.get("value").and_then(|a| a.t.as_ref()) {
        Some(t) => {
            let mut ext = crate::external::ExternalLoader::new(None, 0);
            let c = ConstTensor::from_proto(lw.ctx, t, &lw.limits, &mut ext, &n.at)?;
            if c.numel() != 1 {
                return Err(n.invalid("ConstantOfShape value must have one element"));
            }
            (c.dtype, c.data.to_vec())
        }
        None => (dt::FLOAT, 0f32.to_le_bytes().to_vec()),
    };
    let elem = elem_type(lw.ctx, dtype).ok_or_else(|| n.unsupported("element type"))?;
    let size = elem_size(dtype).unwrap_or(1) as u64;
    let total = checked_numel(&shape, &lw.limits, &n.at)?.checked_mul(size);
    if total.is_none_or(|t| t > lw.limits.max_tensor_bytes) {
        return Err(ImportError::limit(
            format!("tensor bytes of {}", n.at),
            lw.limits.max_tensor_bytes,
        ));
    }
    let out = n
        .node
        .output
        .first()
        .filter(|s| !s.is_empty())
        .ok_or_else(|| n.invalid("ConstantOfShape without an output"))?
        .clone();
    let c = ConstTensor::splat(dtype, elem, shape, bytes, &out);
    lw.consts.insert(out, c);
    Ok(())
}

fn lower_pad(lw: &mut Lowerer<'_>, n: &N<'_>) -> Result<()> {
    let x = lw.inp(n, 0)?;
    let (shape, e) = lw.shape_of(x);
    let rank = shape.len();
    let mode = n.attrs.string("mode")?.unwrap_or_else(|| "constant".into());
    let (pads, value) = if n.opset >= 11 {
        let pads = lw
            .const_ints(n, 1)?
            .ok_or_else(|| n.invalid("Pad needs pads"))?;
        let value = match lw.const_inp(n, 2)? {
            Some(c) => c.float_at(0),
            None => None,
        };
        let pads = match lw.const_ints(n, 3)? {
            None => pads,
            Some(axes) => {
                if pads.len() != 2 * axes.len() {
                    return Err(n.invalid("Pad: pads must have 2 values per axis"));
                }
                let mut full = vec![0i64; 2 * rank];
                for (k, &a) in axes.iter().enumerate() {
                    let a = strata_dialect_graph::shape::normalize_axis(a, rank)
                        .map_err(|m| n.invalid(m))?;
                    full[a] = pads[k];
                    full[a + rank] = pads[k + axes.len()];
                }
                full
            }
        };
        (pads, value)
    } else {
        let pads = n
            .attrs
            .ints("pads")?
            .ok_or_else(|| n.invalid("Pad needs pads"))?;
        (pads, n.attrs.float("value")?.map(f64::from))
    };
    let mut props = vec![
        ("pads", i64_array_attr(lw.ctx, &pads)),
        ("mode", lw.ctx.string_attr(&mode)),
    ];
    if mode == "constant" {
        props.push(("constant_value", lw.scalar_for(value.unwrap_or(0.0), e)));
    }
    lw.emit(n, "graph.pad", &[x], &props)
}

/// `array<f32: ...>` from `f64` values.
pub(crate) fn f32s_attr(lw: &Lowerer<'_>, v: &[f64]) -> Attribute {
    let v: Vec<f32> = v.iter().map(|&x| x as f32).collect();
    f32_array_attr(lw.ctx, &v)
}
