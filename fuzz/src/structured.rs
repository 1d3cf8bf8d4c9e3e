//! The structured ONNX target: fuzz bytes drive the construction of a well-formed-looking
//! `ModelProto` (real op types of the importer's vocabulary, inputs wired to earlier values,
//! small shapes, attributes drawn from valid and invalid ranges), so that fuzzing reaches
//! the lowering and the interpreter instead of stopping in protobuf decoding.
//!
//! Oracle: import succeeds or fails with a typed error; an imported module verifies; running
//! it on the interpreter (small fuel and work limits) returns results or a diagnostic, and
//! never panics.

use arbitrary::{Result, Unstructured};
use strata_interp::{DType, Interpreter, Tensor};
use strata_onnx::proto::data_type::{FLOAT, INT64};
use strata_onnx::proto::{AttributeProto, ModelProto, NodeProto, TensorProto};
use strata_onnx::testgen::{
    attr_float, attr_int, attr_ints, attr_string, graph, model, node, tensor_f32, tensor_i64, value,
};

/// Op types and their input counts (a range: optional inputs).
const OPS: &[(&str, usize, usize)] = &[
    ("Add", 2, 2),
    ("Sub", 2, 2),
    ("Mul", 2, 2),
    ("Div", 2, 2),
    ("Pow", 2, 2),
    ("Max", 1, 3),
    ("Min", 1, 3),
    ("Sum", 1, 3),
    ("Where", 3, 3),
    ("Equal", 2, 2),
    ("Less", 2, 2),
    ("Relu", 1, 1),
    ("Sigmoid", 1, 1),
    ("Tanh", 1, 1),
    ("Exp", 1, 1),
    ("Log", 1, 1),
    ("Sqrt", 1, 1),
    ("Abs", 1, 1),
    ("Neg", 1, 1),
    ("Erf", 1, 1),
    ("Floor", 1, 1),
    ("Identity", 1, 1),
    ("LeakyRelu", 1, 1),
    ("Elu", 1, 1),
    ("HardSigmoid", 1, 1),
    ("Clip", 1, 3),
    ("Cast", 1, 1),
    ("MatMul", 2, 2),
    ("Gemm", 2, 3),
    ("Transpose", 1, 1),
    ("Reshape", 2, 2),
    ("Flatten", 1, 1),
    ("Squeeze", 1, 2),
    ("Unsqueeze", 1, 2),
    ("Concat", 1, 3),
    ("Split", 1, 2),
    ("Slice", 3, 5),
    ("Gather", 2, 2),
    ("Expand", 2, 2),
    ("Tile", 2, 2),
    ("Pad", 2, 3),
    ("Shape", 1, 1),
    ("ConstantOfShape", 1, 1),
    ("Softmax", 1, 1),
    ("LogSoftmax", 1, 1),
    ("ArgMax", 1, 1),
    ("ReduceSum", 1, 2),
    ("ReduceMean", 1, 2),
    ("ReduceMax", 1, 2),
    ("Conv", 2, 3),
    ("ConvTranspose", 2, 3),
    ("MaxPool", 1, 1),
    ("AveragePool", 1, 1),
    ("GlobalAveragePool", 1, 1),
    ("BatchNormalization", 5, 5),
    ("InstanceNormalization", 3, 3),
    ("LayerNormalization", 1, 3),
    ("Resize", 1, 4),
    ("Dropout", 1, 1),
    // Indexing, selection and data-dependent sizes.
    ("TopK", 2, 2),
    ("NonZero", 1, 1),
    ("Unique", 1, 1),
    ("Compress", 2, 2),
    ("GatherND", 2, 2),
    ("GatherElements", 2, 2),
    ("ScatterElements", 3, 3),
    ("ScatterND", 3, 3),
    ("TensorScatter", 3, 4),
    ("ReverseSequence", 2, 2),
    ("NonMaxSuppression", 2, 5),
    ("Einsum", 1, 3),
    ("Det", 1, 1),
    ("CumSum", 2, 2),
    ("CumProd", 2, 2),
    ("Range", 3, 3),
    ("OneHot", 3, 3),
    ("Trilu", 1, 2),
    ("BitwiseAnd", 2, 2),
    ("BitwiseNot", 1, 1),
    ("BitShift", 2, 2),
    ("Mod", 2, 2),
    // Spatial and signal.
    ("GridSample", 2, 2),
    ("AffineGrid", 2, 2),
    ("RoiAlign", 3, 3),
    ("DeformConv", 3, 5),
    ("LpPool", 1, 1),
    ("CenterCropPad", 2, 2),
    ("Col2Im", 3, 3),
    ("MaxUnpool", 2, 3),
    ("DepthToSpace", 1, 1),
    ("SpaceToDepth", 1, 1),
    ("DFT", 1, 3),
    ("STFT", 2, 4),
    ("HannWindow", 1, 1),
    // Quantization and small types.
    ("QuantizeLinear", 2, 3),
    ("DequantizeLinear", 2, 3),
    ("DynamicQuantizeLinear", 1, 1),
    ("MatMulInteger", 2, 4),
    ("BitCast", 1, 1),
    // Sequence models and normalisations.
    ("RNN", 3, 6),
    ("GRU", 3, 6),
    ("LSTM", 3, 8),
    ("Attention", 3, 6),
    ("RotaryEmbedding", 3, 4),
    ("RMSNormalization", 2, 2),
    ("GroupNormalization", 3, 3),
    ("LRN", 1, 1),
    ("Hardmax", 1, 1),
    // Sequences and strings (string-typed inputs come only from the ops themselves).
    ("SplitToSequence", 1, 2),
    ("SequenceConstruct", 1, 3),
    ("ConcatFromSequence", 1, 1),
    ("StringConcat", 2, 2),
    ("TfIdfVectorizer", 1, 1),
];

const OPSETS: &[i64] = &[7, 9, 11, 13, 17, 18, 21, 23, 25];

fn small_int(u: &mut Unstructured<'_>) -> Result<i64> {
    // Mostly valid small values, sometimes negative or out of range.
    Ok(match u.int_in_range(0u8..=9)? {
        0 => u.int_in_range(-5..=-1)?,
        1 => u.int_in_range(5..=64)?,
        _ => u.int_in_range(0..=3)?,
    })
}

fn ints(u: &mut Unstructured<'_>, max_len: usize) -> Result<Vec<i64>> {
    let n = u.int_in_range(0..=max_len)?;
    (0..n).map(|_| small_int(u)).collect()
}

fn attrs(u: &mut Unstructured<'_>, op: &str) -> Result<Vec<AttributeProto>> {
    let mut a = Vec::new();
    let names: &[&str] = match op {
        "Transpose" => &["perm"],
        "Concat" | "Softmax" | "LogSoftmax" | "Flatten" | "Gather" | "ArgMax" | "Split" => {
            &["axis", "keepdims"]
        }
        "ReduceSum" | "ReduceMean" | "ReduceMax" | "Squeeze" | "Unsqueeze" => &["axes", "keepdims"],
        "Conv" | "ConvTranspose" | "MaxPool" | "AveragePool" => &[
            "kernel_shape",
            "strides",
            "pads",
            "dilations",
            "group",
            "auto_pad",
        ],
        "Gemm" => &["transA", "transB", "alpha", "beta"],
        "LeakyRelu" | "Elu" | "HardSigmoid" => &["alpha"],
        "Cast" | "BitCast" | "DequantizeLinear" | "QuantizeLinear" => &["to", "axis"],
        "Resize" => &["mode"],
        "TopK" | "CumSum" | "CumProd" | "Unique" | "Hardmax" | "GatherElements" => {
            &["axis", "largest", "sorted", "reverse", "exclusive"]
        }
        "Einsum" => &["equation"],
        "DFT" | "STFT" => &["onesided", "inverse", "axis"],
        "RNN" | "GRU" | "LSTM" => &["hidden_size", "direction", "layout"],
        "Attention" => &["is_causal", "q_num_heads", "kv_num_heads", "softcap"],
        "RotaryEmbedding" => &["interleaved", "num_heads", "rotary_embedding_dim"],
        "LpPool" | "Col2Im" | "DeformConv" | "MaxUnpool" => {
            &["kernel_shape", "strides", "pads", "dilations", "p"]
        }
        "DepthToSpace" | "SpaceToDepth" => &["blocksize"],
        "GridSample" | "RoiAlign" => &["mode", "align_corners"],
        "TfIdfVectorizer" => &["pool_int64s", "ngram_counts", "ngram_indexes", "mode"],
        "LayerNormalization" | "BatchNormalization" => &["epsilon", "axis"],
        _ => &[],
    };
    for &name in names {
        if !u.arbitrary::<bool>()? {
            continue;
        }
        a.push(match name {
            "alpha" | "beta" | "epsilon" => attr_float(name, u.int_in_range(-4..=4)? as f32 * 0.5),
            "auto_pad" => attr_string(
                name,
                u.choose(&["NOTSET", "SAME_UPPER", "SAME_LOWER", "VALID", "BOGUS"])?,
            ),
            "perm" | "axes" | "kernel_shape" | "strides" | "pads" | "dilations" | "pool_int64s"
            | "ngram_counts" | "ngram_indexes" => attr_ints(name, &ints(u, 4)?),
            "mode" => attr_string(
                name,
                u.choose(&[
                    "nearest", "linear", "cubic", "bilinear", "avg", "max", "TF", "IDF",
                ])?,
            ),
            "direction" => attr_string(name, u.choose(&["forward", "reverse", "bidirectional"])?),
            "equation" => attr_string(
                name,
                u.choose(&[
                    "ij,jk->ik",
                    "ii->i",
                    "bij,bjk->bik",
                    "ij->ji",
                    "i,i",
                    "...ij->...ji",
                ])?,
            ),
            "softcap" | "p" => attr_float(name, u.int_in_range(0..=3)? as f32),
            // Standard types, strings, and the 8/4/2-bit types.
            "to" => attr_int(
                name,
                *u.choose(&[
                    1i64, 6, 7, 9, 10, 11, 8, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26,
                ])?,
            ),
            _ => attr_int(name, small_int(u)?),
        });
    }
    Ok(a)
}

fn shape(u: &mut Unstructured<'_>) -> Result<Vec<i64>> {
    let rank = u.int_in_range(0..=4)?;
    (0..rank).map(|_| u.int_in_range(1..=4)).collect()
}

/// The dtype and shape of each runtime input.
type RuntimeInputs = Vec<(DType, Vec<usize>)>;

/// Build a model from fuzz bytes; also the runtime inputs.
fn build(u: &mut Unstructured<'_>) -> Result<(ModelProto, RuntimeInputs)> {
    let opset = *u.choose(OPSETS)?;
    let mut values: Vec<String> = Vec::new();
    let mut inputs = Vec::new();
    let mut runtime = Vec::new();
    for i in 0..u.int_in_range(1..=3)? {
        let name = format!("x{i}");
        let dims = shape(u)?;
        let (elem, dtype) = if u.ratio(1, 5)? {
            (INT64, DType::I64)
        } else {
            (FLOAT, DType::F32)
        };
        inputs.push(value(&name, elem, &dims));
        runtime.push((dtype, dims.iter().map(|&d| d as usize).collect()));
        values.push(name);
    }
    let mut inits: Vec<TensorProto> = Vec::new();
    for i in 0..u.int_in_range(0..=3)? {
        let name = format!("c{i}");
        if u.arbitrary()? {
            let v = ints(u, 4)?;
            inits.push(tensor_i64(&name, &[v.len() as i64], &v));
        } else {
            let dims = shape(u)?;
            let n: i64 = dims.iter().product();
            let data: Vec<f32> = (0..n).map(|k| (k % 7) as f32 * 0.5 - 1.0).collect();
            inits.push(tensor_f32(&name, &dims, &data));
        }
        values.push(name);
    }
    let mut nodes: Vec<NodeProto> = Vec::new();
    for k in 0..u.int_in_range(1..=8)? {
        let &(op, lo, hi) = u.choose(OPS)?;
        let n_in = u.int_in_range(lo..=hi)?;
        let mut ins = Vec::with_capacity(n_in);
        for _ in 0..n_in {
            ins.push(if u.ratio(1, 40)? {
                "undefined".to_string()
            } else {
                u.choose(&values)?.clone()
            });
        }
        let out = format!("v{k}");
        let ins_ref: Vec<&str> = ins.iter().map(String::as_str).collect();
        nodes.push(node(op, &format!("n{k}"), &ins_ref, &[&out], attrs(u, op)?));
        values.push(out);
    }
    let last = values.last().cloned().unwrap_or_default();
    // The importer takes result types from the lowered values; the declared one (a scalar
    // here) only has to be a ranked tensor type.
    let out = value(&last, FLOAT, &[]);
    let g = graph(nodes, inputs, vec![out], inits);
    Ok((model(g, opset), runtime))
}

/// The structured ONNX target body.
pub fn onnx_structured(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok((m, runtime)) = build(&mut u) else {
        return;
    };
    let ctx = strata::default_context();
    let opts = strata_onnx::ImportOptions {
        limits: strata_onnx::Limits {
            max_tensor_elements: 1 << 16,
            max_tensor_bytes: 1 << 20,
            ..strata_onnx::Limits::default()
        },
        ..Default::default()
    };
    let imported = strata_onnx::import_model(&ctx, &m, &opts);
    let Ok(module) = imported else {
        return;
    };
    if let Err(e) = strata::ir::verify::verify_module(&ctx, &module) {
        panic!(
            "imported module does not verify: {:?}",
            e.first().map(|d| &d.message)
        );
    }
    let inputs: Vec<Tensor> = runtime
        .iter()
        .map(|(dtype, shape)| {
            let n: usize = shape.iter().product();
            let vals: Vec<f64> = (0..n).map(|i| (i % 5) as f64 - 2.0).collect();
            Tensor::from_f64s(*dtype, shape.clone(), &vals)
                .expect("shapes are at most 4x4x4x4, far below any limit")
        })
        .collect();
    let _ = Interpreter::new(&ctx, &module)
        .with_fuel(10_000)
        .with_max_elements(1 << 16)
        .with_max_work(1 << 22)
        .run_owned("main", inputs);
}
