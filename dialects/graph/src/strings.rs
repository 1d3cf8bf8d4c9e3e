//! String tensors: the element type `!graph.string` (ONNX `string`: a UTF-8 string per
//! element, as ONNX-MLIR's `!onnx.String`) and the ops on them — `string_concat`,
//! `string_split`, `string_normalizer`, `regex_full_match` and `label_encoder` (which maps
//! strings, integers or floats to strings, integers or floats). `graph.equal` also compares
//! strings.
//!
//! `!graph.string` is a dialect type held by the IR core as an opaque `!graph.string`, so it
//! prints and parses with the generic printer and parser; [`string_type`] builds it and
//! [`is_string`] recognises it. There are no dense string attributes: string lists in
//! attributes (stopwords, label keys) are arrays of string attributes.

use crate::attr::{i64_c, string_c, Attrs};
use crate::shape::{broadcast_all, DYN};
use crate::util::{ranked, ty_str};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, AttrConstraint, AttrKind, Attribute, Context, Traits, Type, TypeKind};

/// `!graph.string`.
pub fn string_type(ctx: &Context) -> Type {
    ctx.ty(TypeKind::Opaque {
        dialect: ctx.sym("graph"),
        body: "string".into(),
    })
}

/// Whether `t` is `!graph.string`.
pub fn is_string(ctx: &Context, t: Type) -> bool {
    matches!(ctx.type_kind(t), TypeKind::Opaque { dialect, body }
        if ctx.str(*dialect) == "graph" && &**body == "string")
}

/// The strings of an array-of-strings attribute (`None` when it is anything else).
pub fn string_list(ctx: &Context, a: Attribute) -> Option<Vec<String>> {
    match ctx.attr_kind(a) {
        AttrKind::Array(items) => items
            .iter()
            .map(|&i| crate::attr::string_value(ctx, i).map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// An array of string attributes.
pub fn string_list_attr(ctx: &Context, items: &[String]) -> Attribute {
    let v: Vec<Attribute> = items.iter().map(|s| ctx.string_attr(s)).collect();
    ctx.array_attr(&v)
}

const STRING_LIST_DESC: &str = "array of string attributes";

fn check_string_list(ctx: &Context, a: Attribute) -> bool {
    string_list(ctx, a).is_some()
}

/// An optional array-of-strings attribute.
pub const fn string_list_c(name: &'static str) -> AttrConstraint {
    AttrConstraint {
        name,
        required: false,
        description: STRING_LIST_DESC,
        check: check_string_list,
    }
}

/// The string operands: ranked tensors of `!graph.string`.
fn string_operands<'a>(
    ctx: &'a Context,
    types: &[Type],
    n: usize,
) -> Result<Vec<(&'a [i64], Type)>, String> {
    if types.len() != n {
        return Err(format!("expected {n} operands, but found {}", types.len()));
    }
    types
        .iter()
        .enumerate()
        .map(|(i, &t)| match ranked(ctx, t) {
            Some((shape, e)) if is_string(ctx, e) => Ok((shape, t)),
            _ => Err(format!(
                "operand #{i} must be a ranked tensor of !graph.string, but got '{}'",
                ty_str(ctx, t)
            )),
        })
        .collect()
}

/// Inference of `string_concat`: two string tensors broadcast together.
pub fn infer_string_concat(
    ctx: &Context,
    types: &[Type],
    _: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = string_operands(ctx, types, 2)?;
    let shape = broadcast_all(&[ops[0].0, ops[1].0])
        .map_err(|e| format!("operands don't have broadcast-compatible shapes: {e}"))?;
    Ok(vec![ctx.tensor_type(&shape, string_type(ctx))])
}

op! {
    /// Elementwise concatenation of two string tensors with numpy broadcasting (ONNX
    /// `StringConcat`, opset 20): `Y[i] = X[i] ++ Z[i]`.
    ///
    /// ```mlir
    /// %0 = "graph.string_concat"(%a, %b) : (tensor<2x!graph.string>, tensor<!graph.string>) -> tensor<2x!graph.string>
    /// ```
    pub struct StringConcatOp = "graph.string_concat";
    summary: "elementwise string concatenation";
    operands: [lhs, rhs];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(2),
        results: Arity::Exactly(1),
        verify: Some(verify_inferred),
        infer: Some(infer_string_concat),
    }
}

/// Inference of `string_split`: `Y` has the input's shape plus one dynamic dimension (the
/// most pieces of any element), `Z` (`i64`) the input's shape. `maxsplit`, when present, is
/// >= 0.
pub fn infer_string_split(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = string_operands(ctx, types, 1)?;
    let a = Attrs::new(ctx, attrs);
    if let Some(m) = a.i64_opt("maxsplit")? {
        if m < 0 {
            return Err(format!("attribute 'maxsplit' must be >= 0, but got {m}"));
        }
    }
    let mut shape = ops[0].0.to_vec();
    shape.push(DYN);
    Ok(vec![
        ctx.tensor_type(&shape, string_type(ctx)),
        ctx.tensor_type(ops[0].0, ctx.i64()),
    ])
}

op! {
    /// Split every string of a tensor (ONNX `StringSplit`, opset 20). With a non-empty
    /// `delimiter`, pieces are separated by each occurrence of it (consecutive delimiters
    /// give empty pieces); without one (absent or `""`), by runs of whitespace, ignoring
    /// leading and trailing whitespace (Python's `str.split()`). `maxsplit` bounds the
    /// number of splits (the last piece keeps the rest). `Y` holds each element's pieces
    /// along a new last dimension, as long as the most pieces of any element, padded with
    /// empty strings; `Z` holds each element's number of pieces.
    ///
    /// ```mlir
    /// %y, %z = "graph.string_split"(%x) <{delimiter = "-", maxsplit = 2 : i64}> : (tensor<3x!graph.string>) -> (tensor<3x?x!graph.string>, tensor<3xi64>)
    /// ```
    pub struct StringSplitOp = "graph.string_split";
    summary: "split strings into pieces";
    operands: [input];
    results: [pieces, counts];
    attrs: [delimiter = "delimiter", maxsplit = "maxsplit"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(2),
        attrs: &[string_c("delimiter"), i64_c("maxsplit")],
        verify: Some(verify_inferred),
        infer: Some(infer_string_split),
    }
}

/// Inference of `string_normalizer`: a rank-1 (`C`) or `1 x C` string tensor; the result
/// has the same rank with a dynamic last dimension (stopwords are removed).
pub fn infer_string_normalizer(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = string_operands(ctx, types, 1)?;
    let a = Attrs::new(ctx, attrs);
    a.choice("case_change_action", "NONE", &["NONE", "LOWER", "UPPER"])?;
    a.flag("is_case_sensitive", false)?;
    if let Some(s) = a.get("stopwords") {
        string_list(ctx, s).ok_or("attribute 'stopwords' must be an array of strings")?;
    }
    let shape = match ops[0].0 {
        [_] => vec![DYN],
        [b, _] if *b == 1 || *b == DYN => vec![1, DYN],
        s => {
            return Err(format!(
                "input must have shape C or 1 x C, but has {}",
                crate::shape::format_shape(s)
            ))
        }
    };
    Ok(vec![ctx.tensor_type(&shape, string_type(ctx))])
}

op! {
    /// Normalise strings (ONNX `StringNormalizer`, opset 10) of a `C` or `1 x C` tensor:
    /// accents are removed (Unicode compatibility decomposition without combining marks),
    /// then, when `is_case_sensitive` (default false), space-separated words equal to a
    /// `stopwords` entry are removed; the case is changed by `case_change_action` (`"NONE"`,
    /// `"LOWER"` or `"UPPER"`); when not case sensitive, stopwords (in the same case change)
    /// are removed after it. Elements left empty are dropped; if none is left, the result
    /// holds one empty string. `locale` is accepted and ignored: case mappings are Unicode's
    /// default ones.
    ///
    /// ```mlir
    /// %0 = "graph.string_normalizer"(%x) <{case_change_action = "LOWER", is_case_sensitive = 0 : i64, stopwords = ["monday"]}> : (tensor<4x!graph.string>) -> tensor<?x!graph.string>
    /// ```
    pub struct StringNormalizerOp = "graph.string_normalizer";
    summary: "case change and stopword removal";
    operands: [input];
    results: [output];
    attrs: [case_change_action = "case_change_action", is_case_sensitive = "is_case_sensitive",
            locale = "locale", stopwords = "stopwords"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        attrs: &[string_c("case_change_action"), string_c("locale"),
                 string_list_c("stopwords")],
        verify: Some(verify_inferred),
        infer: Some(infer_string_normalizer),
    }
}

/// Inference of `regex_full_match`: a string tensor gives an `i1` tensor of its shape; the
/// `pattern` attribute is required (its syntax is checked by the interpreter, which
/// compiles it).
pub fn infer_regex_full_match(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    let ops = string_operands(ctx, types, 1)?;
    let a = Attrs::new(ctx, attrs);
    match a.get("pattern") {
        Some(p) if crate::attr::string_value(ctx, p).is_some() => {}
        _ => return Err("requires string attribute 'pattern'".to_string()),
    }
    Ok(vec![ctx.tensor_type(ops[0].0, ctx.i1())])
}

/// The regular expression of `regex_full_match`'s `pattern`: matched against a whole string
/// (anchored at both ends), with a compiled-size limit of 4 MiB. The interpreter and the
/// runtime's string kernel match with it; `graph-to-tensor` checks the pattern with it, so
/// an invalid pattern is a compile-time diagnostic.
pub fn full_match_regex(pattern: &str) -> Result<regex::Regex, String> {
    regex::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(1 << 22)
        .build()
        .map_err(|e| format!("invalid regular expression '{pattern}': {e}"))
}

op! {
    /// Whether each string matches a regular expression as a whole (ONNX `RegexFullMatch`,
    /// opset 20). `pattern` uses RE2 syntax (as Rust's `regex` crate: no backreferences or
    /// look-around).
    ///
    /// ```mlir
    /// %0 = "graph.regex_full_match"(%x) <{pattern = "[a-z]+@example\\.com"}> : (tensor<3x!graph.string>) -> tensor<3xi1>
    /// ```
    pub struct RegexFullMatchOp = "graph.regex_full_match";
    summary: "full regular-expression match";
    operands: [input];
    results: [output];
    attrs: [pattern = "pattern"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        attrs: &[string_c("pattern")],
        verify: Some(verify_inferred),
        infer: Some(infer_regex_full_match),
    }
}

/// A `label_encoder` table: strings, or the values of a rank-1 dense numeric constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Table {
    /// An array of string attributes.
    Strings(Vec<String>),
    /// A rank-1 `dense<...>` constant (integers, floats or `i1`).
    Dense(crate::dense::Dense),
}

impl Table {
    /// Read table attribute `a`.
    pub fn from_attr(ctx: &Context, a: Attribute) -> Option<Table> {
        if let Some(s) = string_list(ctx, a) {
            return Some(Table::Strings(s));
        }
        let d = crate::dense::Dense::from_attr(ctx, a)?;
        (d.shape.len() == 1).then_some(Table::Dense(d))
    }
    /// The number of entries.
    pub fn len(&self) -> usize {
        match self {
            Table::Strings(s) => s.len(),
            Table::Dense(d) => d.num_elements(),
        }
    }
    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The element type of the table's entries.
    pub fn elem(&self, ctx: &Context) -> Type {
        match self {
            Table::Strings(_) => string_type(ctx),
            Table::Dense(d) => d.elem,
        }
    }
}

/// The `default` of a `label_encoder` whose values have element type `elem`: the attribute
/// when present (a string for strings, else a number), ONNX's default otherwise.
pub fn label_default(ctx: &Context, attrs: Attribute, elem: Type) -> Result<Scalar, String> {
    let a = Attrs::new(ctx, attrs);
    if is_string(ctx, elem) {
        return match a.get("default") {
            None => Ok(Scalar::Str("_Unused".to_string())),
            Some(d) => crate::attr::string_value(ctx, d)
                .map(|s| Scalar::Str(s.to_string()))
                .ok_or_else(|| "attribute 'default' must be a string like the values".to_string()),
        };
    }
    let float = ctx.type_kind(elem).is_float();
    match a.get("default") {
        None if float => Ok(Scalar::Float(-0.0)),
        None => Ok(Scalar::Int(-1)),
        Some(d) => if float {
            crate::attr::float_value(ctx, d).map(Scalar::Float)
        } else {
            crate::attr::int_value(ctx, d).map(Scalar::Int)
        }
        .ok_or_else(|| "attribute 'default' must be a number like the values".to_string()),
    }
}

/// A `label_encoder` default value.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    /// A string.
    Str(String),
    /// An integer (or `i1`).
    Int(i128),
    /// A float.
    Float(f64),
}

/// Inference of `label_encoder`: `keys` and `values` are tables of one length (arrays of
/// strings or rank-1 dense constants); the input's element type is the keys' and the
/// result's the values', in the input's shape; `default` has the values' kind.
pub fn infer_label_encoder(
    ctx: &Context,
    types: &[Type],
    attrs: Attribute,
) -> Result<Vec<Type>, String> {
    if types.len() != 1 {
        return Err(format!("expected 1 operand, but found {}", types.len()));
    }
    let (shape, elem) = ranked(ctx, types[0]).ok_or_else(|| {
        format!(
            "operand #0 must be a ranked tensor, but got '{}'",
            ty_str(ctx, types[0])
        )
    })?;
    let a = Attrs::new(ctx, attrs);
    let table = |name: &str| {
        a.get(name)
            .and_then(|t| Table::from_attr(ctx, t))
            .ok_or_else(|| {
                format!(
                    "requires attribute '{name}' (an array of strings or a rank-1 dense constant)"
                )
            })
    };
    let keys = table("keys")?;
    let values = table("values")?;
    if keys.len() != values.len() {
        return Err(format!(
            "'keys' has {} entries but 'values' has {}",
            keys.len(),
            values.len()
        ));
    }
    if keys.elem(ctx) != elem {
        return Err(format!(
            "operand #0 must have the keys' element type '{}', but got '{}'",
            ty_str(ctx, keys.elem(ctx)),
            ty_str(ctx, types[0])
        ));
    }
    let out = values.elem(ctx);
    label_default(ctx, attrs, out)?;
    Ok(vec![ctx.tensor_type(shape, out)])
}

op! {
    /// Map each element through a table (ONNX-ML `LabelEncoder`, opsets 1–4): an element
    /// equal to `keys[i]` becomes `values[i]` (for repeated keys, the last entry wins); any
    /// other element becomes `default` (when absent, ONNX's defaults: `-1` for integers,
    /// `-0.0` for floats, `"_Unused"` for strings). Keys and values are arrays of strings or
    /// rank-1 dense constants of any numeric type; the input has the keys' element type
    /// and the result the values'. Float keys compare by value (`-0.0` equals `0.0`).
    ///
    /// ```mlir
    /// %0 = "graph.label_encoder"(%x) <{default = 42 : i32, keys = ["a", "b", "c"], values = dense<[0, 1, 2]> : tensor<3xi32>}> : (tensor<5x!graph.string>) -> tensor<5xi32>
    /// ```
    pub struct LabelEncoderOp = "graph.label_encoder";
    summary: "map elements through a key-value table";
    operands: [input];
    results: [output];
    attrs: [keys = "keys", values = "values", default = "default"];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        verify: Some(verify_inferred),
        infer: Some(infer_label_encoder),
    }
}
