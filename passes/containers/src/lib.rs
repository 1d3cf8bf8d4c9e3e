//! `specialise-containers` (`strata-containers`): sequences (`!graph.seq<T>`) and optionals
//! (`!graph.opt<T>`) whose structure is known when compiling become flat tensors, so that the
//! rest of the pipeline (which knows only tensors) compiles them. The compile is specialised
//! on the structure of its container inputs, like `torch.compile`'s guards or tract's input
//! facts: the artifact is valid for inputs of exactly that structure, and the runtime side
//! ([`strata::native`](../strata/native/index.html)) checks it.
//!
//! * **Arguments.** An argument whose `arg_attrs` entry has `strata.structure = "S"` (the
//!   text form of a [`Structure`]) is specialised: a sequence or optional becomes its tensors
//!   (flattened in order, with the static shapes `S` gives; an empty optional becomes none);
//!   a tensor gets the static shape `S` gives. A container argument without a structure is
//!   an error naming it.
//! * **Ops.** [`fold`]: `sequence_empty/construct/insert/erase/at/length`,
//!   `concat_from_sequence` (`concat`, after `unsqueeze` with `new_axis`),
//!   `split_to_sequence` (`split`, then `squeeze` without `keepdims`), `optional`,
//!   `optional_get_element`, `optional_has_element` and `identity` fold away (positions and
//!   splits must be constants); a `graph.loop` that carries or reads containers is unrolled
//!   when its trip count and condition are constants (`SequenceMap`'s import); a `graph.if`
//!   over containers is inlined when its condition is a constant, and otherwise rebuilt with
//!   flat tensor results when both regions give its container results the same structure,
//!   or when a result is an optional present in one region and absent in the other: it
//!   then carries a run-time presence flag (a `tensor<i1>` result of the if, constants in
//!   the regions) before its contents (zeros where it is absent); `optional_has_element`
//!   of it is the flag, `optional_get_element` a diagnostic. Every graph op after them
//!   gets its result types re-inferred, keeping the static dimensions, and one on constants
//!   with a small integer or bool result is folded by the dialect's folder (so a condition
//!   such as `not(optional_has_element(..))` becomes a constant). Anything whose
//!   structure would depend on data is a diagnostic naming the op and the pass.
//! * **Results.** A sequence or optional result becomes its tensors, in order (an optional
//!   with a run-time presence: the flag, then its contents; structure `opt?(X)`). The function
//!   records what it was specialised for and how to reassemble its results in two
//!   discardable attributes, arrays with one [`Structure`] string per original argument and
//!   result: `strata.arg_structure` and `strata.result_structure`.
//!
//! ```mlir
//! func.func @f(%s: !graph.seq<tensor<?xf32>> {strata.structure = "seq([2],[3])"}) -> tensor<?xf32>
//! // becomes
//! func.func @f(%a: tensor<2xf32>, %b: tensor<3xf32>) -> tensor<3xf32>
//!     attributes {strata.arg_structure = ["seq([2],[3])"], strata.result_structure = ["[3]"]}
//! ```
//!
//! Functions without containers and without `strata.structure` are left unchanged.

pub mod fold;
pub mod structure;

pub use structure::Structure;

use fold::{is_container, Cv, Folder};
use strata_dialect_graph::container::{is_tensor, opt_elem, seq_elem, tensor_fits};
use strata_dialect_graph::util::{ranked, ty_str};
use strata_ir::{AttrKind, Attribute, Body, Context, Diagnostic, Op, Type, TypeKind, Value};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// The argument attribute giving an argument's structure.
pub const STRUCTURE_ATTR: &str = "strata.structure";
/// The function attribute recording the structure of each original argument.
pub const ARG_STRUCTURE_ATTR: &str = "strata.arg_structure";
/// The function attribute recording the structure of each original result.
pub const RESULT_STRUCTURE_ATTR: &str = "strata.result_structure";

/// Registration of `specialise-containers`.
#[linkme::distributed_slice(PASSES)]
pub static SPECIALISE_CONTAINERS: PassInfo = PassInfo {
    name: "specialise-containers",
    summary: "Flatten sequences and optionals of known structure into tensors",
    description: "Specialises each function on the structure its arguments' \
                  `strata.structure` attributes give (sequence length and element shapes, \
                  optional present or absent, static tensor shapes): container arguments and \
                  results become their tensors in order, sequence and optional ops fold away \
                  (constant positions and splits), loops over containers with a constant \
                  trip count and condition are unrolled, ifs over containers inlined (a \
                  constant condition) or given flat results (the same structure in both \
                  regions; an optional present in only one region gets a run-time presence \
                  flag, result structure `opt?(X)`), and graph ops get their result types re-inferred. The \
                  function records `strata.arg_structure` and `strata.result_structure`. \
                  Data-dependent structure is a diagnostic naming the op.\n\n\
                  Statistics: `num-folded` (container ops), `num-unrolled` (loops), \
                  `num-inlined` (ifs).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(SpecialiseContainers)),
};

/// The `specialise-containers` pass.
pub struct SpecialiseContainers;

impl Pass for SpecialiseContainers {
    fn info(&self) -> &'static PassInfo {
        &SPECIALISE_CONTAINERS
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let mut changed = false;
        let mut failed = false;
        for op in unit.top_ops() {
            match specialise_function(unit.ctx, unit.body, op) {
                Ok(Some(stats)) => {
                    changed = true;
                    unit.stat("num-folded", stats[0]);
                    unit.stat("num-unrolled", stats[1]);
                    unit.stat("num-inlined", stats[2]);
                }
                Ok(None) => {}
                Err(d) => {
                    unit.emit(d);
                    failed = true;
                }
            }
        }
        if failed {
            return Err(PassFailed);
        }
        if !changed {
            am.preserve_all();
        }
        Ok(())
    }
}

fn string_of(ctx: &Context, a: Attribute) -> Option<String> {
    match ctx.attr_kind(a) {
        AttrKind::String { value, .. } => Some(String::from_utf8_lossy(value).into_owned()),
        _ => None,
    }
}

fn items(ctx: &Context, a: Option<Attribute>) -> Vec<Option<Attribute>> {
    match a.map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Array(items)) => items.iter().map(|&i| Some(i)).collect(),
        _ => Vec::new(),
    }
}

/// The structure strings recorded on function `f` (an op of `mbody`) by the pass:
/// `(arguments, results)`, or `None` when the function was not specialised.
pub fn recorded(ctx: &Context, mbody: &Body, f: Op) -> Option<(Vec<Structure>, Vec<Structure>)> {
    let attrs = mbody.op(f).attrs;
    let read = |name: &str| -> Option<Vec<Structure>> {
        items(ctx, Some(ctx.dict_get(attrs, name)?))
            .into_iter()
            .map(|a| Structure::parse(&string_of(ctx, a?)?).ok())
            .collect()
    };
    Some((read(ARG_STRUCTURE_ATTR)?, read(RESULT_STRUCTURE_ATTR)?))
}

fn structure_of_type(ctx: &Context, t: Type) -> Structure {
    match ranked(ctx, t) {
        Some((s, _)) => Structure::Tensor(s.iter().map(|&d| d.max(-1)).collect()),
        None => Structure::Tensor(vec![]),
    }
}

/// The flat tensor types of an argument of type `t` with structure `s`, or why they do not
/// fit.
fn flat_types(ctx: &Context, t: Type, s: &Structure) -> Result<Vec<Type>, String> {
    let tensor_of = |shape: &[i64], like: Type| -> Result<Type, String> {
        if shape.iter().any(|&d| d < 0) {
            return Err("argument shapes must be static".into());
        }
        let elem = match ctx.type_kind(like) {
            TypeKind::RankedTensor { elem, .. } | TypeKind::UnrankedTensor(elem) => *elem,
            _ => return Err(format!("'{}' is not a tensor type", ty_str(ctx, like))),
        };
        let x = ctx.tensor_type(shape, elem);
        if !tensor_fits(ctx, x, like) {
            return Err(format!(
                "shape {} does not fit '{}'",
                Structure::Tensor(shape.to_vec()),
                ty_str(ctx, like)
            ));
        }
        Ok(x)
    };
    match s {
        Structure::Tensor(shape) if is_tensor(ctx, t) => Ok(vec![tensor_of(shape, t)?]),
        Structure::Seq(shapes) => {
            let e = seq_elem(ctx, t)
                .ok_or_else(|| format!("a sequence structure for '{}'", ty_str(ctx, t)))?;
            shapes.iter().map(|sh| tensor_of(sh, e)).collect()
        }
        Structure::Opt(inner) => {
            let e = opt_elem(ctx, t)
                .ok_or_else(|| format!("an optional structure for '{}'", ty_str(ctx, t)))?;
            match inner {
                None => Ok(Vec::new()),
                Some(x) => flat_types(ctx, e, x),
            }
        }
        Structure::Tensor(_) => Err(format!("a tensor structure for '{}'", ty_str(ctx, t))),
        Structure::MaybeOpt(_) => Err(format!(
            "'{s}' describes a result only (an argument's optional is present or not)"
        )),
    }
}

/// The [`Cv`] of a container argument given its new flat arguments.
fn cv_of(s: &Structure, args: &mut impl Iterator<Item = Value>) -> Cv {
    match s {
        Structure::Tensor(_) => Cv::Tensor(args.next().expect("one flat argument per tensor")),
        Structure::Seq(shapes) => Cv::Seq(
            shapes
                .iter()
                .map(|_| args.next().expect("one flat argument per element"))
                .collect(),
        ),
        Structure::Opt(None) => Cv::Opt(None),
        Structure::Opt(Some(x)) => Cv::Opt(Some(Box::new(cv_of(x, args)))),
        Structure::MaybeOpt(x) => Cv::MaybeOpt {
            present: args
                .next()
                .expect("one flat argument for the presence flag"),
            inner: Box::new(cv_of(x, args)),
        },
    }
}

/// Specialise function `f` (an op of `mbody`); `Ok(None)` when it has nothing to
/// specialise, else the statistics.
pub fn specialise_function(
    ctx: &Context,
    mbody: &mut Body,
    f: Op,
) -> Result<Option<[u64; 3]>, Diagnostic> {
    if ctx.op_name_str(mbody.name(f)) != "func.func" {
        return Ok(None);
    }
    let props = mbody.op(f).props;
    let floc = mbody.op(f).loc;
    let Some(fty) = ctx.dict_get(props, "function_type") else {
        return Ok(None);
    };
    let AttrKind::Type(fty) = *ctx.attr_kind(fty) else {
        return Ok(None);
    };
    let TypeKind::Function { inputs, results } = ctx.type_kind(fty).clone() else {
        return Ok(None);
    };
    let arg_attrs = items(ctx, ctx.dict_get(props, "arg_attrs"));
    let res_attrs = items(ctx, ctx.dict_get(props, "res_attrs"));
    let given: Vec<Option<String>> = (0..inputs.len())
        .map(|i| {
            arg_attrs
                .get(i)
                .copied()
                .flatten()
                .and_then(|d| ctx.dict_get(d, STRUCTURE_ATTR))
                .and_then(|a| string_of(ctx, a))
        })
        .collect();
    let Some(region) = mbody.regions(f).first().copied() else {
        return Ok(None);
    };
    let Some(fb) = mbody.nested_mut(f) else {
        return Ok(None);
    };
    let has_containers = inputs
        .iter()
        .chain(results.iter())
        .any(|&t| is_container(ctx, t))
        || fold::has_containers(ctx, fb, &[region]);
    if !has_containers && given.iter().all(Option::is_none) {
        return Ok(None);
    }
    let blocks = fb.region_blocks(region).to_vec();
    let [entry] = blocks[..] else {
        return Err(Diagnostic::error(
            floc,
            format!(
                "'func.func' in pass 'specialise-containers': expected one block, found {}",
                blocks.len()
            ),
        ));
    };
    let fail = |m: String| {
        Diagnostic::error(
            floc,
            format!("'func.func' in pass 'specialise-containers': {m}"),
        )
    };
    // Arguments: the structure of each, the new flat arguments appended, then the old ones
    // erased.
    let old_args = fb.block_args(entry).to_vec();
    if old_args.len() != inputs.len() {
        return Err(fail(
            "the entry block's arguments do not match the type".into(),
        ));
    }
    let mut structures = Vec::new();
    let mut new_inputs = Vec::new();
    let mut new_arg_attrs = Vec::new();
    let empty = ctx.dict_attr(&[]);
    let mut folder_inputs: Vec<(Value, Structure, Vec<Value>)> = Vec::new();
    for (i, (&a, &t)) in old_args.iter().zip(&inputs).enumerate() {
        let s = match &given[i] {
            Some(text) => {
                Structure::parse(text).map_err(|m| fail(format!("argument #{i}: {m}")))?
            }
            None if is_container(ctx, t) => {
                return Err(fail(format!(
                    "argument #{i} is '{}'; its structure must be given ({STRUCTURE_ATTR})",
                    ty_str(ctx, t)
                )))
            }
            None => structure_of_type(ctx, t),
        };
        let flat = if given[i].is_some() {
            flat_types(ctx, t, &s).map_err(|m| fail(format!("argument #{i}: {m}")))?
        } else {
            vec![t]
        };
        let attrs = arg_attrs
            .get(i)
            .copied()
            .flatten()
            .map(|d| ctx.dict_set(d, STRUCTURE_ATTR, None))
            .unwrap_or(empty);
        let mut vals = Vec::new();
        for &ft in &flat {
            vals.push(fb.add_block_arg(entry, ft));
            new_inputs.push(ft);
            new_arg_attrs.push(if is_tensor(ctx, t) { attrs } else { empty });
        }
        folder_inputs.push((a, s.clone(), vals));
        structures.push(s);
    }
    let mut folder = Folder::new(ctx, fb);
    for (a, s, vals) in &folder_inputs {
        if is_container(ctx, folder.body.value_type(*a)) {
            let cv = cv_of(s, &mut vals.iter().copied());
            folder.map.insert(*a, cv);
        } else {
            folder.body.replace_all_uses(*a, vals[0]);
        }
    }
    folder.run_block(entry)?;
    // Results: every container operand of the return flattened.
    let Some(ret) = folder.body.last_op(entry) else {
        return Err(fail("expected a terminator".into()));
    };
    let ret_vals: Vec<Value> = folder.body.operands(ret).collect();
    let mut flat_rets = Vec::new();
    let mut rstructs = Vec::new();
    let mut new_res_attrs = Vec::new();
    for (k, &v) in ret_vals.iter().enumerate() {
        let t = folder.body.value_type(v);
        let attrs = res_attrs.get(k).copied().flatten().unwrap_or(empty);
        if is_container(ctx, t) {
            let cv = folder.map.get(&v).cloned().ok_or_else(|| {
                fail(format!(
                    "the structure of result #{k} is not known statically"
                ))
            })?;
            let vals = cv.tensors();
            let s = result_structure(ctx, folder.body, &cv, 0).map_err(fail)?;
            for &x in &vals {
                flat_rets.push(x);
                new_res_attrs.push(empty);
            }
            rstructs.push(s);
        } else {
            flat_rets.push(v);
            new_res_attrs.push(attrs);
            rstructs.push(Structure::Tensor(shape_of(ctx, t)));
        }
    }
    folder.body.set_operands(ret, &flat_rets);
    folder.finish()?;
    let stats = folder.stats;
    for _ in 0..old_args.len() {
        fb.erase_block_arg(entry, 0);
    }
    // Nothing of container type may remain.
    for o in fb.ops_in_regions(&[region]) {
        for x in strata_ir::walk::ops_in_body_preorder(fb, o) {
            if fb
                .operands(x)
                .chain(fb.results(x).iter().copied())
                .any(|v| is_container(ctx, fb.value_type(v)))
            {
                return Err(Diagnostic::error(
                    fb.op(x).loc,
                    format!(
                        "'{}' in pass 'specialise-containers': a sequence or optional value is \
                         left (inside a region the pass does not unroll)",
                        ctx.op_name_str(fb.name(x))
                    ),
                ));
            }
        }
    }
    let new_results: Vec<Type> = flat_rets.iter().map(|&v| fb.value_type(v)).collect();
    let mut props = ctx.dict_set(
        props,
        "function_type",
        Some(ctx.type_attr(ctx.function_type(&new_inputs, &new_results))),
    );
    let set_list = |props: Attribute, name: &str, list: &[Attribute]| {
        if list.iter().any(|&a| a != empty) {
            ctx.dict_set(props, name, Some(ctx.array_attr(list)))
        } else {
            ctx.dict_set(props, name, None)
        }
    };
    props = set_list(props, "arg_attrs", &new_arg_attrs);
    props = set_list(props, "res_attrs", &new_res_attrs);
    let strs = |v: &[Structure]| -> Attribute {
        let items: Vec<Attribute> = v.iter().map(|s| ctx.string_attr(&s.to_string())).collect();
        ctx.array_attr(&items)
    };
    let mut attrs = mbody.op(f).attrs;
    attrs = ctx.dict_set(attrs, ARG_STRUCTURE_ATTR, Some(strs(&structures)));
    attrs = ctx.dict_set(attrs, RESULT_STRUCTURE_ATTR, Some(strs(&rstructs)));
    let d = mbody.op_mut(f);
    d.props = props;
    d.attrs = attrs;
    Ok(Some(stats))
}

/// The structure recorded for a container result (`depth` 1 inside an optional).
fn result_structure(
    ctx: &Context,
    body: &Body,
    cv: &Cv,
    depth: usize,
) -> Result<Structure, String> {
    let shape = |x: Value| shape_of(ctx, body.value_type(x));
    let inner = |x: &Cv| -> Result<Box<Structure>, String> {
        if depth > 0 {
            return Err("an optional of an optional".into());
        }
        Ok(Box::new(result_structure(ctx, body, x, depth + 1)?))
    };
    Ok(match cv {
        Cv::Tensor(x) => Structure::Tensor(shape(*x)),
        Cv::Seq(xs) => Structure::Seq(xs.iter().map(|&x| shape(x)).collect()),
        Cv::Opt(None) => Structure::Opt(None),
        Cv::Opt(Some(x)) => Structure::Opt(Some(inner(x)?)),
        Cv::MaybeOpt { inner: x, .. } => Structure::MaybeOpt(inner(x)?),
    })
}

fn shape_of(ctx: &Context, t: Type) -> Vec<i64> {
    match ranked(ctx, t) {
        Some((s, _)) => s.iter().map(|&d| d.max(-1)).collect(),
        None => vec![-1],
    }
}
