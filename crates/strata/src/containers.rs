//! Sequences and optionals at the native boundary: a compile specialised on the structure of
//! its container inputs (see `specialise-containers` in [`strata_containers`] and
//! `docs/lowering.md`).
//!
//! [`crate::compile`] with [`Options::structure`](crate::Options::structure) (one
//! [`Structure`] per entry argument, e.g. from [`structure_of`] on the inputs at hand) runs
//! `specialise-containers` before the target's pipeline: container arguments and results
//! become flat tensors, and the compiled entry keeps a [`Signature`]. Then
//! [`Compiled::run_values`](crate::Compiled::run_values) checks every input against the
//! structure compiled for (a guard: another sequence length, element shape or optional
//! presence is an error that says what was expected), flattens the inputs, runs, and
//! reassembles sequence and optional results.
//!
//! ```no_run
//! use strata::containers::structure_of;
//! use strata_interp::{AnyValue, DType, Tensor};
//! # let ctx = strata::default_context();
//! # let module = strata::ir::Module::new(&ctx);
//! let x = Tensor::from_f64s(DType::F32, vec![2], &[1.0, 2.0]).unwrap();
//! let seq = AnyValue::Seq(vec![x]);
//! let opts = strata::Options {
//!     structure: Some(vec![structure_of(&seq).unwrap()]),
//!     ..strata::Options::default()
//! };
//! let compiled = strata::compile((&ctx, &module), &strata::Target::host(), &opts).unwrap();
//! let outputs: Vec<AnyValue> = compiled.run_values(vec![seq]).unwrap();
//! # let _ = outputs;
//! ```

use crate::ir::{Context, Module};
use crate::native::Error;
pub use strata_containers::Structure;
use strata_containers::{recorded, specialise_function, STRUCTURE_ATTR};
use strata_interp::{AnyValue, Tensor};

/// What a compiled entry was specialised for: the structure of each original argument and
/// of each original result (a sequence result's element shapes may hold `-1` where the
/// compiled code decides them; only the counts matter when reassembling).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Signature {
    /// One per original argument.
    pub args: Vec<Structure>,
    /// One per original result.
    pub results: Vec<Structure>,
}

fn shape_i64(t: &Tensor) -> Result<Vec<i64>, Error> {
    t.shape()
        .iter()
        .map(|&d| i64::try_from(d).map_err(|_| Error("a dimension overflows i64".into())))
        .collect()
}

fn shape_usize_i64(s: &[usize]) -> Result<Vec<i64>, Error> {
    s.iter()
        .map(|&d| i64::try_from(d).map_err(|_| Error("a dimension overflows i64".into())))
        .collect()
}

/// The structure of a run-time value (a string tensor's is its shape, as a tensor's).
pub fn structure_of(v: &AnyValue) -> Result<Structure, Error> {
    Ok(match v {
        AnyValue::Tensor(t) => Structure::Tensor(shape_i64(t)?),
        AnyValue::Str(s) => Structure::Tensor(shape_usize_i64(s.shape())?),
        AnyValue::Seq(s) => Structure::Seq(s.iter().map(shape_i64).collect::<Result<_, _>>()?),
        AnyValue::Opt(None) => Structure::Opt(None),
        AnyValue::Opt(Some(x)) => match &**x {
            AnyValue::Opt(_) => {
                return Err(Error("an optional of an optional has no structure".into()))
            }
            x => Structure::Opt(Some(Box::new(structure_of(x)?))),
        },
    })
}

/// The name of the entry function: `entry`, or the only function, or `main`.
fn entry_op(ctx: &Context, module: &Module, entry: Option<&str>) -> Option<crate::ir::Op> {
    let mb = module.region_body();
    let block = module.block()?;
    let funcs: Vec<_> = mb
        .block_ops(block)
        .filter(|&o| ctx.op_name_str(mb.name(o)) == "func.func")
        .collect();
    let named = |n: &str| {
        funcs.iter().copied().find(|&o| {
            crate::ir::symbol_table::symbol_name(ctx, mb, o).is_some_and(|s| s == n.as_bytes())
        })
    };
    match entry {
        Some(n) => named(n),
        None if funcs.len() == 1 => funcs.first().copied(),
        None => named("main"),
    }
}

/// Whether any function of the module has a sequence or optional value or op.
fn has_containers(ctx: &Context, module: &Module) -> bool {
    let mb = module.region_body();
    let Some(block) = module.block() else {
        return false;
    };
    mb.block_ops(block).any(|f| {
        mb.nested(f)
            .is_some_and(|fb| strata_containers::fold::has_containers(ctx, fb, mb.regions(f)))
    })
}

/// Specialise `module` on `structure` (one per argument of the entry `entry`): annotate the
/// entry's arguments with `strata.structure` and run `specialise-containers` on every
/// function. `Ok(None)` when there is nothing to specialise.
pub fn specialise(
    ctx: &Context,
    module: &mut Module,
    entry: Option<&str>,
    structure: Option<&[Structure]>,
) -> Result<Option<Signature>, Error> {
    if structure.is_none() && !has_containers(ctx, module) {
        return Ok(None);
    }
    let f = entry_op(ctx, module, entry)
        .ok_or_else(|| Error("no entry function to specialise".into()))?;
    if let Some(st) = structure {
        let mb = module.region_body_mut();
        let props = mb.op(f).props;
        let n = match ctx
            .dict_get(props, "function_type")
            .map(|a| ctx.attr_kind(a).clone())
        {
            Some(crate::ir::AttrKind::Type(t)) => match ctx.type_kind(t) {
                crate::ir::TypeKind::Function { inputs, .. } => inputs.len(),
                _ => 0,
            },
            _ => 0,
        };
        if st.len() != n {
            return Err(Error(format!(
                "the entry takes {n} arguments, but {} structures were given",
                st.len()
            )));
        }
        let old: Vec<Option<crate::ir::Attribute>> =
            match ctx.dict_get(props, "arg_attrs").map(|a| ctx.attr_kind(a)) {
                Some(crate::ir::AttrKind::Array(items)) => items.iter().map(|&i| Some(i)).collect(),
                _ => Vec::new(),
            };
        let empty = ctx.dict_attr(&[]);
        let attrs: Vec<crate::ir::Attribute> = st
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let d = old.get(i).copied().flatten().unwrap_or(empty);
                ctx.dict_set(d, STRUCTURE_ATTR, Some(ctx.string_attr(&s.to_string())))
            })
            .collect();
        mb.op_mut(f).props = ctx.dict_set(props, "arg_attrs", Some(ctx.array_attr(&attrs)));
    }
    let Some(block) = module.block() else {
        return Ok(None);
    };
    let mb = module.region_body_mut();
    let funcs = mb.block_op_vec(block);
    for g in funcs {
        specialise_function(ctx, mb, g)
            .map_err(|d| Error(crate::ir::diag::render(ctx, &Default::default(), &d)))?;
    }
    crate::ir::verify::verify_module(ctx, module).map_err(|ds| {
        Error(format!(
            "specialise-containers produced invalid IR:\n{}",
            ds.iter()
                .map(|d| crate::ir::diag::render(ctx, &Default::default(), d))
                .collect::<Vec<_>>()
                .join("\n")
        ))
    })?;
    let mb = module.region_body();
    Ok(recorded(ctx, mb, f).map(|(args, results)| Signature { args, results }))
}

fn describe(s: &Structure) -> String {
    s.to_string()
}

/// Check `inputs` against the structure compiled for and flatten them into tensors (and
/// string tensors).
pub fn flatten(sig: &Signature, inputs: Vec<AnyValue>) -> Result<Vec<AnyValue>, Error> {
    if inputs.len() != sig.args.len() {
        return Err(Error(format!(
            "the entry takes {} inputs, but {} were given",
            sig.args.len(),
            inputs.len()
        )));
    }
    let mut out = Vec::new();
    for (k, (v, s)) in inputs.into_iter().zip(&sig.args).enumerate() {
        let got = structure_of(&v)?;
        if &got != s {
            return Err(Error(format!(
                "input #{k} has structure {} but the code was compiled for {} (compile again \
                 for this structure)",
                describe(&got),
                describe(s)
            )));
        }
        push_tensors(v, &mut out);
    }
    Ok(out)
}

fn push_tensors(v: AnyValue, out: &mut Vec<AnyValue>) {
    match v {
        AnyValue::Tensor(_) | AnyValue::Str(_) => out.push(v),
        AnyValue::Seq(s) => out.extend(s.into_iter().map(AnyValue::Tensor)),
        AnyValue::Opt(Some(x)) => push_tensors(*x, out),
        AnyValue::Opt(None) => {}
    }
}

/// Reassemble the flat outputs of a compiled entry (tensors and string tensors) into its
/// original results.
pub fn reassemble(sig: &Signature, outputs: Vec<AnyValue>) -> Result<Vec<AnyValue>, Error> {
    let want: usize = sig.results.iter().map(Structure::num_tensors).sum();
    if want != outputs.len() {
        return Err(Error(format!(
            "the compiled entry returned {} tensors, but its results hold {want}",
            outputs.len()
        )));
    }
    let mut it = outputs.into_iter();
    sig.results.iter().map(|s| rebuild(s, &mut it)).collect()
}

fn rebuild(s: &Structure, it: &mut impl Iterator<Item = AnyValue>) -> Result<AnyValue, Error> {
    let mut next = || it.next().expect("counted: one output per flattened tensor");
    Ok(match s {
        Structure::Tensor(_) => next(),
        Structure::Seq(xs) => AnyValue::Seq(
            xs.iter()
                .map(|_| next().into_tensor().map_err(|e| Error(e.to_string())))
                .collect::<Result<_, _>>()?,
        ),
        Structure::Opt(None) => AnyValue::Opt(None),
        Structure::Opt(Some(x)) => AnyValue::Opt(Some(Box::new(rebuild(x, it)?))),
        Structure::MaybeOpt(x) => {
            // The presence flag, then the contents (meaningless when absent).
            let present = next()
                .into_tensor()
                .ok()
                .and_then(|t| t.to_i64_vec().ok())
                .is_some_and(|v| v == [1]);
            let inner = rebuild(x, it)?;
            AnyValue::Opt(present.then(|| Box::new(inner)))
        }
    })
}
