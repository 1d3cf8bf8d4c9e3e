//! The C code generator: loop-level IR (see `docs/lowering.md`) to one C translation unit.
//!
//! Each `func.func` becomes a `static` C function taking its arguments (buffers as pointers
//! to the first element of the view, scalars by value), a pointer per scalar result, the
//! error word and the runtime ABI struct; an exported `strata_entry_<i>(void *const *args,
//! const strata_rt *rt)` unpacks an argument array and returns the error code. Values are
//! named `v<index>` after their IR handle, so the output is deterministic.
//!
//! Ops are emitted by one module per dialect ([`arith`], [`math`], [`loops`], and `func`
//! here), found through [`EMITTERS`]: a new dialect (such as the vector ops of `hw`) adds a
//! module and one line there. Anything else is a diagnostic naming the op and "cpu codegen".

pub(crate) mod arith;
pub(crate) mod cpu;
pub(crate) mod globals;
pub(crate) mod hw;
pub(crate) mod intrinsics;
pub(crate) mod loops;
pub(crate) mod math;
pub(crate) mod strings;
pub(crate) mod types;

use indexmap::IndexMap;
use std::fmt::Write as _;
use strata_ir::{AttrKind, Block, Body, Context, Diagnostic, Module, Op, OpRef, Type, Value};
use strata_target::{ArgInfo, ArgRole, CostModel, EntryInfo};
pub(crate) use types::{CTy, Scalar};

/// Functions with more lines of C than this are compiled at `-O1` (see `emit_module`).
pub const BIG_FUNCTION_LINES: usize = 4000;

/// The C helpers every generated file starts with.
pub const PRELUDE: &str = include_str!("../prelude.h");
/// The prelude's section for the 8- and 4-bit floats (`smallfloat.h`), included when the
/// generated code calls one of its helpers.
pub const SMALLFLOAT: &str = include_str!("../smallfloat.h");

/// Emits the ops of one dialect: `(emitter, op, op name)`.
pub(crate) type EmitFn = fn(&mut FnEmitter<'_, '_>, Op, &str) -> Result<(), Diagnostic>;

/// The emitter of each dialect, by dialect name. Add a dialect here.
pub(crate) static EMITTERS: &[(&str, EmitFn)] = &[
    ("arith", arith::emit),
    ("math", math::emit),
    ("loop", loops::emit),
    ("func", emit_func_op),
    ("hw", hw::emit),
    ("cpu", cpu::emit),
    ("tensor", strings::emit),
];

/// Options of C emission.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// A `loop.parallel` without reductions, outside other parallel loops, is handed to the
    /// runtime's workers when its estimated cost (by the target's cost model) is at least
    /// this; cheaper ones run serially.
    pub parallel_min_cost: f64,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            parallel_min_cost: 20_000.0,
        }
    }
}

/// The emitted C translation unit.
#[derive(Clone, Debug, PartialEq)]
pub struct CUnit {
    /// The C source.
    pub source: String,
    /// The entry functions.
    pub entries: Vec<EntryInfo>,
    /// Bytes of the constant globals, to be embedded from a file (see [`BLOB_PATH_MARK`]).
    pub blob: Vec<u8>,
}

/// The placeholder in [`CUnit::source`] for the path of the blob file (`.incbin`).
pub const BLOB_PATH_MARK: &str = "@STRATA_BLOB_PATH@";

/// A function's C name and signature.
#[derive(Clone, Debug)]
pub(crate) struct FuncSig {
    pub c_name: String,
    pub args: Vec<Type>,
    pub results: Vec<Type>,
}

/// State shared by the functions of one module.
pub(crate) struct ModuleCx<'a> {
    pub ctx: &'a Context,
    pub cost: &'a dyn CostModel,
    pub opts: &'a EmitOptions,
    pub funcs: IndexMap<String, FuncSig>,
    /// Outlined parallel bodies (emitted before the functions).
    pub outlined: Vec<String>,
    /// Counter for unique temporaries and outlined functions.
    pub counter: usize,
    /// Globals by name.
    pub globals: IndexMap<String, globals::Slot>,
    pub blob: Vec<u8>,
}

/// Where the operands of a `loop.yield` go.
#[derive(Clone, Debug)]
pub(crate) enum YieldTo {
    /// Assigned to these variables.
    Assign(Vec<String>),
    /// Combined into these accumulators by the reduction regions of a `loop.parallel`.
    Reduce(Op, Vec<String>),
}

/// Emits the body of one C function.
pub(crate) struct FnEmitter<'a, 'm> {
    pub m: &'m mut ModuleCx<'a>,
    pub body: &'a Body,
    pub out: String,
    pub indent: usize,
    pub yields: Vec<YieldTo>,
    /// Inside an outlined parallel body (nested parallel loops run serially).
    pub in_parallel: bool,
    /// The statement that leaves the function after a fatal error.
    pub fail: &'static str,
    /// Result types of the function (for `func.return`).
    pub results: Vec<Type>,
    /// Inside the lane loop of an element-wise op on vectors: the lane variable (vector
    /// operands then read, and vector results write, that lane).
    pub lane: Option<String>,
}

/// The C name of a value.
pub(crate) fn vname(v: Value) -> String {
    format!("{v}")
}

impl<'a> FnEmitter<'a, '_> {
    pub fn ctx(&self) -> &'a Context {
        self.m.ctx
    }
    /// Append one line at the current indentation.
    pub fn line(&mut self, s: impl AsRef<str>) {
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
        self.out.push_str(s.as_ref());
        self.out.push('\n');
    }
    /// A fresh temporary name.
    pub fn tmp(&mut self, prefix: &str) -> String {
        self.m.counter += 1;
        format!("{prefix}{}", self.m.counter)
    }
    /// A view of `op`.
    pub fn opref(&self, op: Op) -> OpRef<'a> {
        OpRef::new(self.m.ctx, self.body, op)
    }
    /// A diagnostic at `op` naming it and the code generator.
    pub fn error(&self, op: Op, msg: impl std::fmt::Display) -> Diagnostic {
        self.opref(op).error(format_args!("{msg} (cpu codegen)"))
    }
    /// The C type class of `v`.
    pub fn cty(&self, op: Op, v: Value) -> Result<CTy, Diagnostic> {
        types::classify(self.m.ctx, self.body.value_type(v)).map_err(|e| self.error(op, e))
    }
    /// The scalar type of `v` (an error for buffers; the element type of a vector inside a
    /// lane loop).
    pub fn scalar(&self, op: Op, v: Value) -> Result<Scalar, Diagnostic> {
        match self.cty(op, v)? {
            CTy::Scalar(s) => Ok(s),
            CTy::Vec(t) if self.lane.is_some() => Ok(t.elem),
            _ => Err(self.error(op, "expects scalar operands and results")),
        }
    }
    /// The C expression of operand value `v` (its current lane inside a lane loop).
    pub fn opnd(&self, v: Value) -> String {
        match (
            &self.lane,
            types::classify(self.m.ctx, self.body.value_type(v)),
        ) {
            (Some(l), Ok(CTy::Vec(t))) => t.at(&vname(v), l),
            _ => vname(v),
        }
    }
    /// Declare `v` with its C type and initial expression (inside a lane loop, assign the
    /// lane of a vector result).
    pub fn define(&mut self, op: Op, v: Value, expr: &str) -> Result<(), Diagnostic> {
        let t = self.cty(op, v)?;
        match (&self.lane, &t) {
            (Some(l), CTy::Vec(vt)) => {
                let at = vt.at(&vname(v), l);
                self.line(format!("{at} = {expr};"));
            }
            _ => self.line(format!("{} {} = {expr};", t.c(), vname(v))),
        }
        Ok(())
    }
    /// Emit an element-wise op on vectors as a loop over lanes running its scalar emitter.
    fn emit_lanes(&mut self, op: Op, f: EmitFn, name: &str, lanes: u64) -> Result<(), Diagnostic> {
        for &r in self.body.results(op) {
            let t = self.cty(op, r)?;
            self.line(format!("{} {};", t.c(), vname(r)));
        }
        let l = self.tmp("l");
        self.line(format!("for (int64_t {l} = 0; {l} < {lanes}; ++{l}) {{"));
        self.indent += 1;
        self.lane = Some(l);
        let r = f(self, op, name);
        self.lane = None;
        self.indent -= 1;
        self.line("}");
        r
    }
    /// Emit the ops of `block`.
    pub fn emit_block(&mut self, block: Block) -> Result<(), Diagnostic> {
        for op in self.body.block_ops(block) {
            self.emit_op(op)?;
        }
        Ok(())
    }
    /// Emit one op through its dialect's emitter.
    pub fn emit_op(&mut self, op: Op) -> Result<(), Diagnostic> {
        let name = self.opref(op).name();
        let dialect = name.split('.').next().unwrap_or("");
        let Some(&(_, f)) = EMITTERS.iter().find(|(d, _)| *d == dialect) else {
            return Err(self.error(op, "is not supported"));
        };
        if matches!(dialect, "arith" | "math") && self.lane.is_none() {
            let body = self.body;
            let vec_lanes = body
                .results(op)
                .iter()
                .copied()
                .chain(body.operands(op))
                .find_map(|v| match types::classify(self.m.ctx, body.value_type(v)) {
                    Ok(CTy::Vec(t)) => Some(t.lanes()),
                    _ => None,
                });
            if let Some(n) = vec_lanes {
                if let Some(r) = cpu::vector_arith(self, op, name) {
                    return r;
                }
                return self.emit_lanes(op, f, name, n);
            }
        }
        f(self, op, name)
    }
    /// The single block of region `i` of `op`.
    pub fn single_block(&self, op: Op, i: usize) -> Result<Block, Diagnostic> {
        let regions = self.body.regions(op);
        let Some(&r) = regions.get(i) else {
            return Err(self.error(op, format_args!("has no region #{i}")));
        };
        match self.body.region_blocks(r) {
            [b] => Ok(*b),
            _ => Err(self.error(op, "regions with several blocks are not supported")),
        }
    }
}

/// `func.call` and `func.return`.
fn emit_func_op(e: &mut FnEmitter<'_, '_>, op: Op, name: &str) -> Result<(), Diagnostic> {
    let body = e.body;
    match name {
        "func.return" => {
            let vals: Vec<Value> = body.operands(op).collect();
            if vals.len() != e.results.len() {
                return Err(e.error(op, "returns a different number of values than declared"));
            }
            for (i, v) in vals.iter().enumerate() {
                e.line(format!("*r{i} = {};", vname(*v)));
            }
            Ok(())
        }
        "func.call" => {
            let callee = match e.opref(op).attr("callee").map(|a| e.ctx().attr_kind(a)) {
                Some(AttrKind::SymbolRef { root, nested }) if nested.is_empty() => {
                    e.ctx().str(*root).to_string()
                }
                _ => return Err(e.error(op, "needs a flat 'callee' symbol")),
            };
            let Some(sig) = e.m.funcs.get(&callee).cloned() else {
                return Err(e.error(op, format_args!("calls @{callee}, which has no body here")));
            };
            let mut args: Vec<String> = body.operands(op).map(vname).collect();
            for &r in body.results(op) {
                let t = e.cty(op, r)?;
                e.line(format!("{} {} = 0;", t.c(), vname(r)));
                args.push(format!("&{}", vname(r)));
            }
            if args.len() != sig.args.len() + sig.results.len() {
                return Err(e.error(op, "has operands or results that do not match the callee"));
            }
            args.push("err".into());
            args.push("rt".into());
            e.line(format!("{}({});", sig.c_name, args.join(", ")));
            Ok(())
        }
        _ => Err(e.error(op, "is not supported")),
    }
}

/// A C identifier from a symbol name.
fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}

/// The functions of a module: `(op, name, function type)` of each `func.func` with a body.
fn functions(ctx: &Context, module: &Module) -> Result<Vec<(Op, String, Type)>, Vec<Diagnostic>> {
    let mb = module.region_body();
    let Some(block) = module.block() else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    let mut errs = Vec::new();
    for op in mb.block_ops(block) {
        let r = OpRef::new(ctx, mb, op);
        match r.name() {
            "func.func" => {
                let f = strata_dialect_func::FuncOp(r);
                if f.is_external() {
                    continue;
                }
                match (f.name(), f.function_type()) {
                    (Some(n), Some(t)) => out.push((op, n, t)),
                    _ => errs.push(r.error("has no name or type (cpu codegen)")),
                }
            }
            "loop.global" => {}
            other => errs.push(r.error(format_args!(
                "'{other}' at module level is not supported (cpu codegen)"
            ))),
        }
    }
    if errs.is_empty() {
        Ok(out)
    } else {
        Err(errs)
    }
}

/// Emit C for every function of `module`.
pub fn emit_module(
    ctx: &Context,
    module: &Module,
    cost: &dyn CostModel,
    opts: &EmitOptions,
) -> Result<CUnit, Vec<Diagnostic>> {
    let funcs = functions(ctx, module)?;
    let mut m = ModuleCx {
        ctx,
        cost,
        opts,
        funcs: IndexMap::new(),
        outlined: Vec::new(),
        counter: 0,
        globals: IndexMap::new(),
        blob: Vec::new(),
    };
    globals::collect_globals(&mut m, module)?;
    for (i, (_, name, fty)) in funcs.iter().enumerate() {
        let (args, results) = match ctx.type_kind(*fty) {
            strata_ir::TypeKind::Function { inputs, results } => {
                (inputs.to_vec(), results.to_vec())
            }
            _ => {
                return Err(vec![Diagnostic::error(
                    ctx.unknown_loc(),
                    "bad function type",
                )])
            }
        };
        m.funcs.insert(
            name.clone(),
            FuncSig {
                c_name: format!("sf{i}_{}", sanitize(name)),
                args,
                results,
            },
        );
    }
    let mut protos = String::new();
    let mut defs = String::new();
    let mut entries = Vec::new();
    let mut errs = Vec::new();
    let mb = module.region_body();
    for (i, (op, name, _)) in funcs.iter().enumerate() {
        let sig = m.funcs[name].clone();
        match emit_function(&mut m, mb, *op, &sig) {
            Ok((proto, def)) => {
                let _ = writeln!(protos, "{proto};");
                // C compilers' optimisation time grows faster than linearly with the size of
                // a function: a very large one (the serial code of a whole model) is
                // optimised at -O1, so compile time stays bounded; loops worth running in
                // parallel are outlined into small functions and keep the full level.
                if def.lines().count() > BIG_FUNCTION_LINES {
                    defs.push_str("__attribute__((optimize(\"O1\"))) ");
                }
                defs.push_str(&def);
                match entry(ctx, mb, *op, name, i, &sig, &globals::reset_code(&m)) {
                    Ok((text, info)) => {
                        defs.push_str(&text);
                        entries.push(info);
                    }
                    Err(d) => errs.push(d),
                }
            }
            Err(d) => errs.push(d),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    let mut source = String::from("/* Generated by Strata (cpu codegen). */\n");
    source.push_str(PRELUDE);
    source.push('\n');
    let uses =
        |needle: &str| defs.contains(needle) || m.outlined.iter().any(|o| o.contains(needle));
    let small = [
        "strata_f8e",
        "strata_f4e",
        "strata_f64_to_f8",
        "strata_f64_to_f4",
    ];
    if small.iter().any(|h| uses(h)) {
        source.push_str(SMALLFLOAT);
        source.push('\n');
    }
    if defs.contains("strata_uk_") || m.outlined.iter().any(|o| o.contains("strata_uk_")) {
        source.push_str(intrinsics::UKERNELS);
        source.push('\n');
    }
    source.push_str(&vector_typedefs(ctx, module));
    source.push_str(&globals::globals_decl(&m));
    source.push_str(&protos);
    source.push('\n');
    for o in &m.outlined {
        source.push_str(o);
    }
    source.push_str(&defs);
    Ok(CUnit {
        source,
        entries,
        blob: m.blob,
    })
}

/// The typedefs of every vector type used in the module's functions, in first-use order.
fn vector_typedefs(ctx: &Context, module: &Module) -> String {
    let mut defs = indexmap::IndexSet::new();
    let mb = module.region_body();
    let Some(block) = module.block() else {
        return String::new();
    };
    fn walk(
        ctx: &Context,
        fb: &Body,
        regions: &[strata_ir::Region],
        defs: &mut indexmap::IndexSet<String>,
    ) {
        for &r in regions {
            for &b in fb.region_blocks(r) {
                let args = fb.block_args(b).iter().copied();
                for v in args.chain(fb.block_ops(b).flat_map(|op| fb.results(op).to_vec())) {
                    if let Ok(CTy::Vec(t)) = types::classify(ctx, fb.value_type(v)) {
                        defs.insert(t.typedef());
                    }
                }
                for op in fb.block_ops(b) {
                    walk(ctx, fb, fb.regions(op), defs);
                }
            }
        }
    }
    for f in mb.block_ops(block) {
        if mb.has_nested_slot(f) {
            walk(ctx, mb.region_body(f), mb.regions(f), &mut defs);
        }
    }
    let mut out: String = defs.into_iter().map(|d| d + "\n").collect();
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// Emit one function; returns its prototype and definition.
fn emit_function<'a>(
    m: &mut ModuleCx<'a>,
    mb: &'a Body,
    op: Op,
    sig: &FuncSig,
) -> Result<(String, String), Diagnostic> {
    let ctx = m.ctx;
    let fb = mb.region_body(op);
    let fref = OpRef::new(ctx, mb, op);
    let regions = mb.regions(op);
    let blocks = regions.first().map(|&r| fb.region_blocks(r)).unwrap_or(&[]);
    let [entry] = blocks else {
        return Err(fref.error("must have a body of one block (cpu codegen)"));
    };
    let mut params = Vec::new();
    for (&v, &t) in fb.block_args(*entry).iter().zip(&sig.args) {
        let ct =
            types::classify(ctx, t).map_err(|e| fref.error(format_args!("{e} (cpu codegen)")))?;
        params.push(format!("{} {}", ct.c(), vname(v)));
    }
    for (i, &t) in sig.results.iter().enumerate() {
        let ct =
            types::classify(ctx, t).map_err(|e| fref.error(format_args!("{e} (cpu codegen)")))?;
        if let CTy::Vec(_) = ct {
            return Err(fref.error("returns a vector, which is not supported (cpu codegen)"));
        }
        if let CTy::Mem(_) = ct {
            return Err(fref.error(
                "returns a buffer; the cpu codegen expects the out-parameter ABI (docs/lowering.md)",
            ));
        }
        params.push(format!("{} *r{i}", ct.c()));
    }
    params.push("int32_t *err".into());
    params.push("const strata_rt *rt".into());
    let proto = format!("static void {}({})", sig.c_name, params.join(", "));
    let mut e = FnEmitter {
        m,
        body: fb,
        out: String::new(),
        indent: 1,
        yields: Vec::new(),
        in_parallel: false,
        fail: "return;",
        results: sig.results.clone(),
        lane: None,
    };
    e.line("(void)rt;");
    e.emit_block(*entry)?;
    let def = format!("{proto} {{\n{}}}\n\n", e.out);
    Ok((proto, def))
}

/// The element type keyword of argument `k` of function `op`: the `strata.elem_type` of its
/// `arg_attrs` entry when that is an unsigned integer type of the argument's width (an
/// unsigned tensor the conversion to signless types kept at the boundary), else the
/// argument's own type.
fn elem_keyword(ctx: &Context, mb: &Body, op: Op, k: usize, elem: Scalar) -> String {
    let unsigned = OpRef::new(ctx, mb, op)
        .attr("arg_attrs")
        .and_then(|a| match ctx.attr_kind(a) {
            AttrKind::Array(items) => items.get(k).copied(),
            _ => None,
        })
        .and_then(|d| ctx.dict_get(d, "strata.elem_type"))
        .and_then(|t| match *ctx.attr_kind(t) {
            AttrKind::Type(t) => Some(t),
            _ => None,
        })
        .filter(|&t| {
            matches!(ctx.type_kind(t), &strata_ir::TypeKind::Integer {
                width,
                signedness: strata_ir::Signedness::Unsigned,
            } if elem == Scalar::Int(width))
        });
    match unsigned {
        Some(t) => strata_ir::text::print_type(ctx, t),
        None => elem.keyword(),
    }
}

/// The `strata.extents_of` of argument `k`'s `arg_attrs` entry (a bounded result's
/// extents; `docs/lowering.md`), when present: the index of the result it describes.
fn extents_of(ctx: &Context, mb: &Body, op: Op, k: usize) -> Option<usize> {
    let a = OpRef::new(ctx, mb, op)
        .attr("arg_attrs")
        .and_then(|a| match ctx.attr_kind(a) {
            AttrKind::Array(items) => items.get(k).copied(),
            _ => None,
        })
        .and_then(|d| ctx.dict_get(d, "strata.extents_of"))?;
    match *ctx.attr_kind(a) {
        // A negative or huge index names no out-parameter: the caller rejects it.
        AttrKind::Integer { value, .. } => Some(usize::try_from(value).unwrap_or(usize::MAX)),
        _ => Some(usize::MAX),
    }
}

/// Extents arguments are `i64` buffers with one value per dim of the out-parameter they
/// describe (any number for a rank-0 string buffer: a packed runtime-sized result), itself
/// a buffer that is not extents, each described at most once.
fn check_extents(infos: &[ArgInfo]) -> Result<(), String> {
    let mut seen = vec![false; infos.len()];
    for (k, a) in infos.iter().enumerate() {
        let Some(t) = a.extents_of else {
            continue;
        };
        let target = &infos[t];
        // A runtime-sized string result is one packed string (rank 0) with extents of any
        // rank (docs/lowering.md, "String tensors").
        let packed = target.elem == "!graph.string" && target.shape.is_empty();
        if a.elem != "i64"
            || (a.shape != [target.shape.len() as i64] && !(packed && a.shape.len() == 1))
            || !target.is_buffer
            || target.extents_of.is_some()
            || std::mem::replace(&mut seen[t], true)
        {
            return Err(format!(
                "argument #{k} is not the i64 extents of a rank-{} out-parameter #{t}",
                target.shape.len()
            ));
        }
    }
    Ok(())
}

/// The exported entry of function `i` and its metadata.
fn entry(
    ctx: &Context,
    mb: &Body,
    op: Op,
    name: &str,
    i: usize,
    sig: &FuncSig,
    reset: &str,
) -> Result<(String, EntryInfo), Diagnostic> {
    let fref = OpRef::new(ctx, mb, op);
    let num_outputs = match fref.attr("strata.num_outputs").map(|a| ctx.attr_kind(a)) {
        None => 0,
        Some(AttrKind::Integer { value, .. })
            if *value >= 0 && (*value as usize) <= sig.args.len() =>
        {
            *value as usize
        }
        Some(_) => {
            return Err(fref.error(
                "has a 'strata.num_outputs' that is not a count of its arguments (cpu codegen)",
            ))
        }
    };
    let symbol = format!("strata_entry_{i}");
    let mut infos = Vec::new();
    let mut call = Vec::new();
    let n = sig.args.len();
    for (k, &t) in sig.args.iter().chain(&sig.results).enumerate() {
        let ct =
            types::classify(ctx, t).map_err(|e| fref.error(format_args!("{e} (cpu codegen)")))?;
        let role = if k >= n {
            ArgRole::Result
        } else if k >= n - num_outputs {
            ArgRole::Output
        } else {
            ArgRole::Input
        };
        let (elem, shape, is_buffer) = match &ct {
            CTy::Scalar(s) => (*s, Vec::new(), false),
            CTy::Mem(mt) => (mt.elem, mt.shape.clone(), true),
            CTy::Vec(_) => {
                return Err(fref.error(format_args!(
                    "argument #{k} of an entry is a vector (cpu codegen)"
                )))
            }
        };
        if role == ArgRole::Output && !is_buffer {
            return Err(fref.error(format_args!(
                "out-parameter #{k} is not a buffer (cpu codegen)"
            )));
        }
        if is_buffer && !types::is_contiguous(&ct) {
            return Err(fref.error(format_args!(
                "argument #{k} of an entry must have the identity layout (cpu codegen)"
            )));
        }
        call.push(match (&ct, role) {
            (CTy::Scalar(_), ArgRole::Input) => format!("*({} *)args[{k}]", ct.c()),
            (CTy::Scalar(_), _) => format!("({} *)args[{k}]", ct.c()),
            _ => format!("({})args[{k}]", ct.c()),
        });
        let extents_of = match extents_of(ctx, mb, op, k) {
            None => None,
            Some(i) if role == ArgRole::Output && i < num_outputs => Some(n - num_outputs + i),
            Some(_) => {
                let m = "has a 'strata.extents_of' that names no out-parameter (cpu codegen)";
                return Err(fref.error(format_args!("argument #{k} {m}")));
            }
        };
        infos.push(ArgInfo {
            elem: elem_keyword(ctx, mb, op, k, elem),
            shape,
            is_buffer,
            role,
            extents_of,
        });
    }
    check_extents(&infos).map_err(|e| fref.error(format_args!("{e} (cpu codegen)")))?;
    call.push("&err".into());
    call.push("rt".into());
    let text = format!(
        "__attribute__((visibility(\"default\"))) int32_t {symbol}(void *const *args, const strata_rt *rt) {{\n  int32_t err = 0;\n{reset}  {}({});\n  return err;\n}}\n\n",
        sig.c_name,
        call.join(", ")
    );
    Ok((
        text,
        EntryInfo {
            name: name.to_string(),
            symbol,
            args: infos,
        },
    ))
}
