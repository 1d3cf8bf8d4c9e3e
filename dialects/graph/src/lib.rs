//! The `graph` dialect: the model-level opset of Strata, with value semantics on ranked
//! tensors, close to ONNX (and TOSA).
//!
//! Every op follows the ONNX operator of the same meaning (opset given in each op's
//! documentation): its semantics, attribute names (in `snake_case`) and defaults. Attributes
//! are inherent (properties) of builtin kinds (see [`attr`]); the dialect has no custom
//! assembly and is written in MLIR's generic form:
//!
//! ```mlir
//! %0 = "graph.relu"(%x) : (tensor<4xf32>) -> tensor<4xf32>
//! %1 = "graph.conv"(%x, %w) <{pads = array<i64: 1, 1, 1, 1>}> : (tensor<1x3x224x224xf32>, tensor<64x3x3x3xf32>) -> tensor<1x64x224x224xf32>
//! ```
//!
//! Each op has result type inference (its [`OpDef::infer`](strata_ir::OpDef::infer): static
//! result shapes where the input dimensions are static, `?` where they depend on dynamic
//! ones), and a verifier that runs it and checks the declared result types are compatible
//! ([`verify`]), except the region ops of [`region`], whose result types are those their
//! regions yield. All ops are `PURE`.
//!
//! Modules:
//! * [`binary`], [`unary`]: elementwise ops (broadcasting binary ops, `where`, activations,
//!   `cast`, `clip`);
//! * [`nn`]: convolutions, pooling, `matmul`, `gemm`;
//! * [`norm`]: `softmax`, `log_softmax`, normalisations (`layer_norm`, `batch_norm`,
//!   `instance_norm`, `lrn`);
//! * [`reduce`]: reductions, `argmax`, `argmin`;
//! * [`reshape`]: ops that only change the shape (`reshape`, `flatten`, `squeeze`,
//!   `unsqueeze`, `expand`, `identity`, `dropout`);
//! * [`movement`]: data movement (`transpose`, `concat`, `split`, `slice`, `gather`, `pad`,
//!   `tile`, `shape`);
//! * [`resize`]: `resize` (nearest, linear and cubic interpolation);
//! * [`text_features`]: `tfidf_vectorizer` (n-gram counts of token sequences);
//! * [`trees`]: `tree_ensemble` (decision-tree ensemble predictions);
//! * [`spatial`]: sampling ops (`grid_sample`, `roi_align`, `deform_conv`);
//! * [`select`]: bitwise ops on integers, `top_k`, `gather_nd`, and the ops with
//!   data-dependent result sizes (`non_zero`, `unique`, `non_max_suppression`);
//! * [`linalg`]: `einsum` and `det`;
//! * [`bitcast`]: `bitcast` (bit reinterpretation between same-width element types);
//! * [`region`]: `graph.if`, `graph.loop`, `graph.scan` and their terminator `graph.yield`
//!   (ONNX control flow with region bodies);
//! * [`container`], [`seq_ops`]: the `!graph.seq<T>` and `!graph.opt<T>` types and the
//!   sequence and optional ops;
//! * [`strings`]: the `!graph.string` element type and the string ops (`string_concat`,
//!   `string_split`, `string_normalizer`, `regex_full_match`, `label_encoder`);
//! * [`constant`]: the `graph.constant` op (also the dialect's constant materialiser);
//! * [`canonicalize`]: canonicalization patterns (transpose and reshape chains);
//! * [`shape`]: shape arithmetic shared with the interpreter, the importer and the e-graph
//!   analyses ([`shape::broadcast_shapes`], window sizes, `matmul` and `reshape` shapes, ...);
//! * [`attr`], [`util`], [`dense`], [`fold`]: attribute accessors, type helpers, dense
//!   constants, scalar semantics and folding helpers;
//! * [`rules`]: rewrite rule packs for equality saturation (egg-free text run by
//!   `strata-eqsat`).

pub mod attr;
pub mod binary;
pub mod bitcast;
pub mod canonicalize;
pub mod constant;
pub mod container;
pub mod dense;
pub mod fold;
pub mod linalg;
pub mod movement;
pub mod nn;
pub mod norm;
pub mod reduce;
pub mod region;
pub mod reshape;
pub mod resize;
pub mod resize_taps;
pub mod rules;
pub mod select;
pub mod seq_ops;
pub mod shape;
pub mod spatial;
pub mod strings;
pub mod text_features;
pub mod trees;
pub mod unary;
pub mod util;
pub mod verify;

pub use binary::*;
pub use bitcast::BitcastOp;
pub use constant::ConstantOp;
pub use linalg::{DetOp, EinsumOp};
pub use movement::*;
pub use nn::*;
pub use norm::*;
pub use reduce::*;
pub use region::*;
pub use reshape::*;
pub use resize::*;
pub use select::*;
pub use seq_ops::*;
pub use shape::broadcast_shapes;
pub use spatial::*;
pub use strings::{
    LabelEncoderOp, RegexFullMatchOp, StringConcatOp, StringNormalizerOp, StringSplitOp,
};
pub use text_features::TfIdfVectorizerOp;
pub use trees::TreeEnsembleOp;
pub use unary::*;

use strata_ir::{Attribute, Context, DialectDef, Op, OpBuilder, OpDef, Type, Value};

/// Every op of the dialect, in documentation order.
pub static OPS: &[&OpDef] = &[
    &ConstantOp::DEF,
    // binary
    &AddOp::DEF,
    &SubOp::DEF,
    &MulOp::DEF,
    &DivOp::DEF,
    &PowOp::DEF,
    &ModOp::DEF,
    &BitShiftOp::DEF,
    &MaxOp::DEF,
    &MinOp::DEF,
    &AndOp::DEF,
    &OrOp::DEF,
    &XorOp::DEF,
    &EqualOp::DEF,
    &LessOp::DEF,
    &LessEqualOp::DEF,
    &GreaterOp::DEF,
    &GreaterEqualOp::DEF,
    &WhereOp::DEF,
    // unary
    &NegOp::DEF,
    &AbsOp::DEF,
    &ExpOp::DEF,
    &LogOp::DEF,
    &SqrtOp::DEF,
    &ReciprocalOp::DEF,
    &ErfOp::DEF,
    &TanhOp::DEF,
    &SigmoidOp::DEF,
    &ReluOp::DEF,
    &LeakyReluOp::DEF,
    &PReluOp::DEF,
    &EluOp::DEF,
    &GeluOp::DEF,
    &HardSigmoidOp::DEF,
    &HardSwishOp::DEF,
    &ClipOp::DEF,
    &NotOp::DEF,
    &FloorOp::DEF,
    &CeilOp::DEF,
    &RoundOp::DEF,
    &SignOp::DEF,
    &SinOp::DEF,
    &CosOp::DEF,
    &AsinOp::DEF,
    &AcosOp::DEF,
    &AtanOp::DEF,
    &CastOp::DEF,
    // nn
    &ConvOp::DEF,
    &ConvTransposeOp::DEF,
    &MaxPoolOp::DEF,
    &AveragePoolOp::DEF,
    &GlobalAveragePoolOp::DEF,
    &GlobalMaxPoolOp::DEF,
    &MatMulOp::DEF,
    &GemmOp::DEF,
    // norm
    &SoftmaxOp::DEF,
    &LogSoftmaxOp::DEF,
    &LayerNormOp::DEF,
    &BatchNormOp::DEF,
    &InstanceNormOp::DEF,
    &LrnOp::DEF,
    // reduce
    &ReduceSumOp::DEF,
    &ReduceMeanOp::DEF,
    &ReduceMaxOp::DEF,
    &ReduceMinOp::DEF,
    &ReduceProdOp::DEF,
    &ArgMaxOp::DEF,
    &ArgMinOp::DEF,
    // reshape
    &ReshapeOp::DEF,
    &FlattenOp::DEF,
    &SqueezeOp::DEF,
    &UnsqueezeOp::DEF,
    &ExpandOp::DEF,
    &IdentityOp::DEF,
    &DropoutOp::DEF,
    // movement
    &TransposeOp::DEF,
    &ConcatOp::DEF,
    &SplitOp::DEF,
    &SliceOp::DEF,
    &GatherOp::DEF,
    &GatherElementsOp::DEF,
    &ScatterElementsOp::DEF,
    &ScatterNdOp::DEF,
    &PadOp::DEF,
    &TileOp::DEF,
    &ShapeOp::DEF,
    &ResizeOp::DEF,
    // text features
    &TfIdfVectorizerOp::DEF,
    &TreeEnsembleOp::DEF,
    // strings
    &StringConcatOp::DEF,
    &StringSplitOp::DEF,
    &StringNormalizerOp::DEF,
    &RegexFullMatchOp::DEF,
    &LabelEncoderOp::DEF,
    // spatial
    &GridSampleOp::DEF,
    &RoiAlignOp::DEF,
    &DeformConvOp::DEF,
    // select
    &BitwiseAndOp::DEF,
    &BitwiseOrOp::DEF,
    &BitwiseXorOp::DEF,
    &BitwiseNotOp::DEF,
    &TopKOp::DEF,
    &GatherNdOp::DEF,
    &NonZeroOp::DEF,
    &UniqueOp::DEF,
    &NonMaxSuppressionOp::DEF,
    // linalg
    &EinsumOp::DEF,
    &DetOp::DEF,
    // bitcast
    &BitcastOp::DEF,
    // control flow, sequences and optionals (region.rs, seq_ops.rs)
    &IfOp::DEF,
    &LoopOp::DEF,
    &ScanOp::DEF,
    &YieldOp::DEF,
    &SequenceEmptyOp::DEF,
    &SequenceConstructOp::DEF,
    &SequenceInsertOp::DEF,
    &SequenceAtOp::DEF,
    &SequenceEraseOp::DEF,
    &SequenceLengthOp::DEF,
    &ConcatFromSequenceOp::DEF,
    &SplitToSequenceOp::DEF,
    &OptionalOp::DEF,
    &OptionalGetElementOp::DEF,
    &OptionalHasElementOp::DEF,
];

/// The dialect definition, registered with `Context::register_dialect`.
pub static DIALECT: DialectDef = DialectDef {
    name: "graph",
    summary: "Model-level tensor ops with value semantics, close to ONNX",
    description: "The graph dialect holds model-level operations on ranked tensors with value \
                  semantics (convolutions, matrix products, normalisations, reductions, \
                  pooling, elementwise and data-movement ops), following ONNX semantics, \
                  attribute names (snake_case) and defaults. Shapes are static where known \
                  and `?` where dynamic; every op infers its result types. It is written in \
                  MLIR's generic form.",
    ops: OPS,
};

/// Register the `graph` dialect into `ctx` (same as `ctx.register_dialect(&DIALECT)`).
pub fn register(ctx: &mut Context) {
    ctx.register_dialect(&DIALECT);
}

/// Infer the result types of graph op `name` for `operands` (their types) and properties
/// `props` (`(name, value)` pairs), as its [`OpDef::infer`] does.
pub fn infer(
    ctx: &Context,
    name: &str,
    operand_types: &[Type],
    props: &[(&str, Attribute)],
) -> Result<Vec<Type>, String> {
    let def = ctx
        .op_def_by_name(name)
        .ok_or_else(|| format!("unknown op '{name}'"))?;
    let f = def
        .infer
        .ok_or_else(|| format!("op '{name}' has no result type inference"))?;
    f(ctx, operand_types, ctx.dict_attr(props))
}

/// Build graph op `name` at the builder's insertion point with its result types inferred
/// from `operands` and `props`; `Err` (the inference message) when they are invalid. The
/// dialect must be registered in the builder's context. Every inferred result is created,
/// optional ones included (the `indices` of `graph.max_pool`, the `mask` of
/// `graph.dropout`).
pub fn build(
    b: &mut OpBuilder<'_>,
    name: &str,
    operands: &[Value],
    props: &[(&str, Attribute)],
) -> Result<Op, String> {
    let types: Vec<Type> = operands.iter().map(|&v| b.body.value_type(v)).collect();
    let results = infer(b.ctx, name, &types, props)?;
    Ok(b.build(name, operands, &results, props))
}

/// Materialise a constant of type `ty` holding `attr` (a dense elements or dense resource
/// attribute of exactly that type) as a `graph.constant` at the builder's insertion point;
/// `None` when `graph.constant` cannot hold it.
pub fn materialize_constant(b: &mut OpBuilder<'_>, attr: Attribute, ty: Type) -> Option<Value> {
    if !constant::is_constant_value(b.ctx, attr, ty) {
        return None;
    }
    Some(b.build_value(ConstantOp::NAME, &[], ty, &[("value", attr)]))
}
