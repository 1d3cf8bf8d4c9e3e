//! The interpreter core: runs a `func.func` of a module on input tensors.
//!
//! A function's entry block runs op by op; ops with [`Sem::Compute`] semantics map operand
//! tensors to result tensors, which are checked against the results' declared types.
//! Terminators return (`func.return`), yield to the parent op, or branch to a successor
//! block, binding its arguments (CFGs of any shape, including loops). `func.call` resolves
//! its callee through the symbol tables of the enclosing ops (`strata_ir::symbol_table`) and
//! runs it in a fresh frame.
//!
//! Every executed op costs one unit of *fuel*; when it runs out the run stops with a
//! diagnostic, so a runaway loop cannot hang a test. Calls and nested regions are limited in
//! depth, so unbounded recursion gives a diagnostic instead of a stack overflow. Each tensor
//! an op creates is limited in element count, and the work of one heavy op (convolution,
//! pooling, matrix product) in multiply-adds. All failures are [`Diagnostic`]s located at the
//! failing op; failures inside a callee carry a note at each call site.
//!
//! Values of memref types are [`Buffer`]s, shared mutable views; the `loop` dialect's
//! region and buffer ops run in [`loops`]. At the entry function's boundary a memref
//! argument may be given as a tensor (copied into a fresh allocation) and a memref result
//! comes back as a tensor of its elements.
//!
//! Values are tensors, function values, and the sequences and optionals of the graph
//! dialect ([`AnyValue`]); the graph dialect's region ops (`graph.if`, `graph.loop`,
//! `graph.scan`) and the ops on sequences and optionals run in [`ctrl`].

use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::ir::{type_str, ValueType};
use crate::ops::{table, OpCx, Sem};
use crate::tensor::{Tensor, DEFAULT_MAX_ELEMENTS};
use crate::value::AnyValue;
use rustc_hash::FxHashMap;
use std::rc::Rc;
use strata_ir::entity::EntityRef;
use strata_ir::{
    symbol_table, AttrKind, Attribute, Block, Body, Context, Diagnostic, Location, Module, Op,
    OpName, Region, Traits, TypeKind, Value,
};

mod ctrl;
mod loops;

/// The default fuel: the number of ops one run may execute.
pub const DEFAULT_FUEL: u64 = 10_000_000;
/// The default limit on the work of one op (2^36 multiply-adds, about a minute).
pub const DEFAULT_MAX_WORK: u64 = 1 << 36;
/// The default limit on nested calls and regions.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// An isolated-from-above op and the body that holds it (a link of a scope chain).
#[derive(Clone, Copy)]
struct Scope<'a> {
    body: &'a Body,
    op: Op,
}

/// A resolved function: the `func.func` op, the body holding it and its enclosing isolated
/// ops (innermost first), through which its own calls resolve.
#[derive(Clone)]
struct FuncRef<'a> {
    holder: &'a Body,
    op: Op,
    parents: Rc<[Scope<'a>]>,
}

/// A runtime value.
#[derive(Clone)]
enum RtValue<'a> {
    Tensor(Tensor),
    Func(FuncRef<'a>),
    /// A view of a mutable allocation (memref types).
    Buffer(Buffer),
    /// A sequence of tensors (`!graph.seq<T>`).
    Seq(Vec<Tensor>),
    /// An optional (`!graph.opt<T>`).
    Opt(Option<Box<AnyValue>>),
    /// A string tensor.
    Str(crate::strings::StrTensor),
}

impl<'a> RtValue<'a> {
    fn from_any(v: AnyValue) -> Self {
        match v {
            AnyValue::Tensor(t) => RtValue::Tensor(t),
            AnyValue::Seq(s) => RtValue::Seq(s),
            AnyValue::Opt(o) => RtValue::Opt(o),
            AnyValue::Str(t) => RtValue::Str(t),
        }
    }
    /// The value as an [`AnyValue`]; `None` for function values.
    fn into_any(self) -> Option<AnyValue> {
        match self {
            RtValue::Tensor(t) => Some(AnyValue::Tensor(t)),
            RtValue::Seq(s) => Some(AnyValue::Seq(s)),
            RtValue::Opt(o) => Some(AnyValue::Opt(o)),
            RtValue::Str(t) => Some(AnyValue::Str(t)),
            RtValue::Func(_) | RtValue::Buffer(_) => None,
        }
    }
    /// Check a non-tensor, non-function value against its declared type.
    fn check_container(&self, ctx: &Context, ty: strata_ir::Type) -> crate::Result<()> {
        match self {
            RtValue::Seq(s) => AnyValue::Seq(s.clone()).check(ctx, ty),
            RtValue::Opt(o) => AnyValue::Opt(o.clone()).check(ctx, ty),
            RtValue::Str(t) => AnyValue::Str(t.clone()).check(ctx, ty),
            _ => Ok(()),
        }
    }
}

/// How a region finished.
enum Exit<'a> {
    /// `func.return` with these values.
    Return(Vec<RtValue<'a>>),
    /// A yield to the parent op with these values.
    Yield(Vec<RtValue<'a>>),
}

/// The values of one function activation, indexed by value id of its body.
struct Frame<'a> {
    body: &'a Body,
    /// The isolated op owning `body`, then its enclosing ones.
    scopes: Rc<[Scope<'a>]>,
    env: Vec<Option<RtValue<'a>>>,
}

impl<'a> Frame<'a> {
    fn get(&self, v: Value) -> Option<&RtValue<'a>> {
        self.env.get(v.index()).and_then(|x| x.as_ref())
    }
    fn set(&mut self, v: Value, x: RtValue<'a>) {
        let i = v.index();
        if i >= self.env.len() {
            self.env.resize(i + 1, None);
        }
        self.env[i] = Some(x);
    }
}

/// Mutable state of one run.
struct State {
    fuel: u64,
    steps: u64,
    /// Semantics by interned op name (saves hashing the name string at every step).
    sems: FxHashMap<OpName, Option<Sem>>,
    /// The buffers of the `loop.global`s read so far, by (holding body, op).
    globals: FxHashMap<(usize, Op), Buffer>,
}

/// Runs functions of a module. Cheap to create; holds only references and limits.
pub struct Interpreter<'a> {
    ctx: &'a Context,
    module: &'a Module,
    fuel: u64,
    max_depth: usize,
    max_elements: usize,
    max_work: u64,
}

impl<'a> Interpreter<'a> {
    /// An interpreter for `module` with the default limits ([`DEFAULT_FUEL`],
    /// [`DEFAULT_MAX_DEPTH`], [`DEFAULT_MAX_ELEMENTS`]).
    pub fn new(ctx: &'a Context, module: &'a Module) -> Self {
        Interpreter {
            ctx,
            module,
            fuel: DEFAULT_FUEL,
            max_depth: DEFAULT_MAX_DEPTH,
            max_elements: DEFAULT_MAX_ELEMENTS,
            max_work: DEFAULT_MAX_WORK,
        }
    }
    /// Limit the number of ops one run may execute.
    pub fn with_fuel(mut self, fuel: u64) -> Self {
        self.fuel = fuel;
        self
    }
    /// Limit the depth of nested calls and regions.
    pub fn with_max_depth(mut self, depth: usize) -> Self {
        self.max_depth = depth;
        self
    }
    /// Limit the number of elements of any tensor an op creates.
    pub fn with_max_elements(mut self, n: usize) -> Self {
        self.max_elements = n;
        self
    }

    /// Limit the work (multiply-adds or window positions visited) of one op such as a
    /// convolution, pooling or matrix product.
    pub fn with_max_work(mut self, n: u64) -> Self {
        self.max_work = n;
        self
    }

    /// Run the function named `func_name` (a `func.func` directly in the module) on `inputs`
    /// and return its results.
    pub fn run(&self, func_name: &str, inputs: &[Tensor]) -> Result<Vec<Tensor>, Diagnostic> {
        self.run_owned(func_name, inputs.to_vec())
    }

    /// [`Interpreter::run`] taking the inputs by value (no copy).
    pub fn run_owned(
        &self,
        func_name: &str,
        inputs: Vec<Tensor>,
    ) -> Result<Vec<Tensor>, Diagnostic> {
        let args = inputs.into_iter().map(AnyValue::Tensor).collect();
        let loc = self.ctx.unknown_loc();
        self.run_values(func_name, args)?
            .into_iter()
            .enumerate()
            .map(|(i, v)| match v {
                AnyValue::Tensor(t) => Ok(t),
                other => Err(Diagnostic::error(
                    loc,
                    format!(
                        "result #{i} is {} (use Interpreter::run_values)",
                        other.kind()
                    ),
                )),
            })
            .collect()
    }

    /// The entry function `func_name` of the module, called from the module's scope.
    fn entry(&self, func_name: &str) -> Result<FuncRef<'a>, Diagnostic> {
        let (ctx, m) = (self.ctx, self.module);
        let Some(op) = symbol_table::lookup_in(ctx, &m.body, m.op, func_name.as_bytes()) else {
            return Err(Diagnostic::error(
                ctx.unknown_loc(),
                format!("no function named @{func_name} in the module"),
            ));
        };
        Ok(FuncRef {
            holder: m.body.region_body(m.op),
            op,
            parents: Rc::new([Scope {
                body: &m.body,
                op: m.op,
            }]),
        })
    }

    /// The state of a new run (full fuel, no cached semantics, no globals yet).
    fn fresh_state(&self) -> State {
        State {
            fuel: self.fuel,
            steps: 0,
            sems: FxHashMap::default(),
            globals: FxHashMap::default(),
        }
    }

    /// [`Interpreter::run_owned`] on values that may be sequences or optionals.
    pub fn run_values(
        &self,
        func_name: &str,
        inputs: Vec<AnyValue>,
    ) -> Result<Vec<AnyValue>, Diagnostic> {
        let f = self.entry(func_name)?;
        let (holder, op) = (f.holder, f.op);
        let mut st = self.fresh_state();
        let args = inputs.into_iter().map(RtValue::from_any).collect();
        let results = self.call(&mut st, &f, args, 0, true)?;
        let loc = holder.op(op).loc;
        results
            .into_iter()
            .enumerate()
            .map(|(i, r)| match r {
                RtValue::Buffer(b) => b
                    .to_tensor()
                    .map(AnyValue::Tensor)
                    .map_err(|e| Diagnostic::error(loc, format!("result #{i}: {}", e.message()))),
                r => r.into_any().ok_or_else(|| {
                    Diagnostic::error(
                        loc,
                        format!(
                            "result #{i} is a function value, which cannot be returned to the \
                             caller"
                        ),
                    )
                }),
            })
            .collect()
    }

    /// Run a function of the out-parameter ABI (`docs/lowering.md`, after `bufferize`):
    /// its last `strata.num_outputs` arguments are memrefs it writes. `inputs` are the
    /// other arguments (tensors; a memref argument is given as a tensor of its elements);
    /// the out-parameters are allocated here (zeroed) and their contents after the call
    /// are the results.
    pub fn run_out_params(
        &self,
        func_name: &str,
        inputs: Vec<Tensor>,
    ) -> Result<Vec<Tensor>, Diagnostic> {
        let ctx = self.ctx;
        let f = self.entry(func_name)?;
        let (holder, op) = (f.holder, f.op);
        let d = holder.op(op);
        let loc = d.loc;
        let n_out = ctx
            .dict_get(d.attrs, "strata.num_outputs")
            .and_then(|a| crate::ops::attr_int(ctx, a))
            .and_then(|n| usize::try_from(n).ok())
            .ok_or_else(|| {
                Diagnostic::error(loc, format!("@{func_name} has no 'strata.num_outputs'"))
            })?;
        let fty = ctx
            .dict_get(d.props, "function_type")
            .or_else(|| ctx.dict_get(d.attrs, "function_type"));
        let params: Vec<strata_ir::Type> = match fty.map(|a| ctx.attr_kind(a)) {
            Some(AttrKind::Type(t)) => match ctx.type_kind(*t) {
                TypeKind::Function { inputs, .. } => inputs.to_vec(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        if params.len() != inputs.len() + n_out {
            return Err(Diagnostic::error(
                loc,
                format!(
                    "@{func_name} takes {} arguments ({n_out} out-parameters), but {} inputs \
                     were given",
                    params.len(),
                    inputs.len()
                ),
            ));
        }
        let mut outs = Vec::with_capacity(n_out);
        for &t in &params[inputs.len()..] {
            let buf = crate::ir::alloc_for_type(ctx, t, self.max_elements)
                .map_err(|e| Diagnostic::error(loc, format!("out-parameter: {}", e.message())))?;
            outs.push(buf);
        }
        let mut st = self.fresh_state();
        let mut args: Vec<RtValue<'a>> = inputs.into_iter().map(RtValue::Tensor).collect();
        args.extend(outs.iter().cloned().map(RtValue::Buffer));
        self.call(&mut st, &f, args, 0, true)?;
        outs.iter()
            .enumerate()
            .map(|(i, b)| {
                b.to_tensor().map_err(|e| {
                    Diagnostic::error(loc, format!("out-parameter #{i}: {}", e.message()))
                })
            })
            .collect()
    }

    fn op_name(&self, body: &Body, op: Op) -> &'a str {
        self.ctx.op_name_str(body.name(op))
    }

    /// An error located at `op`, prefixed with its name as the verifier does.
    fn op_error(&self, body: &Body, op: Op, msg: impl std::fmt::Display) -> Diagnostic {
        Diagnostic::error(
            body.op(op).loc,
            format!("'{}' op {msg}", self.op_name(body, op)),
        )
    }

    /// Call function `f` with `args`.
    fn call(
        &self,
        st: &mut State,
        f: &FuncRef<'a>,
        mut args: Vec<RtValue<'a>>,
        depth: usize,
        entry: bool,
    ) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let ctx = self.ctx;
        let loc = f.holder.op(f.op).loc;
        let name =
            String::from_utf8_lossy(symbol_table::symbol_name(ctx, f.holder, f.op).unwrap_or(b"?"))
                .into_owned();
        if self.op_name(f.holder, f.op) != "func.func" {
            return Err(Diagnostic::error(
                loc,
                format!(
                    "symbol @{name} is a '{}', not a 'func.func'",
                    self.op_name(f.holder, f.op)
                ),
            ));
        }
        if depth >= self.max_depth {
            return Err(Diagnostic::error(
                loc,
                format!(
                    "call depth limit of {} exceeded calling @{name} (unbounded recursion?)",
                    self.max_depth
                ),
            ));
        }
        let body = f.holder.region_body(f.op);
        let region = f.holder.regions(f.op).first().copied();
        let Some(region) = region.filter(|&r| !body.region_blocks(r).is_empty()) else {
            return Err(Diagnostic::error(
                loc,
                format!("cannot call @{name}: it is an external declaration without a body"),
            ));
        };
        // Check the arguments against the signature.
        let fty = ctx
            .dict_get(f.holder.op(f.op).props, "function_type")
            .or_else(|| ctx.dict_get(f.holder.op(f.op).attrs, "function_type"));
        let inputs = match fty.map(|a| ctx.attr_kind(a)) {
            Some(AttrKind::Type(t)) => match ctx.type_kind(*t) {
                TypeKind::Function { inputs, .. } => inputs.clone(),
                _ => Box::new([]),
            },
            _ => {
                return Err(Diagnostic::error(
                    loc,
                    format!("function @{name} has no function_type"),
                ))
            }
        };
        if inputs.len() != args.len() {
            return Err(Diagnostic::error(
                loc,
                format!(
                    "function @{name} takes {} arguments, but {} were given",
                    inputs.len(),
                    args.len()
                ),
            ));
        }
        for (i, (arg, &ty)) in args.iter_mut().zip(inputs.iter()).enumerate() {
            if ctx.type_kind(ty).is_memref() {
                // From outside, a memref argument is given as a tensor of its elements.
                if let (true, RtValue::Tensor(t)) = (entry, &*arg) {
                    let b = Buffer::from_tensor(t.clone());
                    *arg = RtValue::Buffer(b);
                }
                let ok = match &*arg {
                    RtValue::Buffer(b) => b.check(ctx, ty),
                    _ => Err(crate::Error::new("expected a buffer")),
                };
                ok.map_err(|e| Diagnostic::error(loc, format!("argument #{i} of @{name}: {e}")))?;
                continue;
            }
            arg.check_container(ctx, ty)
                .map_err(|e| Diagnostic::error(loc, format!("argument #{i} of @{name}: {e}")))?;
            if let RtValue::Tensor(t) = arg {
                let vt = ValueType::from_ir(ctx, ty).map_err(|e| {
                    Diagnostic::error(loc, format!("argument #{i} of @{name}: {e}"))
                })?;
                // Inputs from outside may give `index` values as i64 (there is no index in
                // .npy files).
                if entry && vt.dtype == DType::Index && t.dtype() == DType::I64 {
                    let owned = std::mem::replace(t, Tensor::index_scalar(0));
                    *t = owned.relabel(DType::Index).map_err(|e| {
                        Diagnostic::error(loc, format!("argument #{i} of @{name}: {e}"))
                    })?;
                }
                vt.check(t).map_err(|e| {
                    Diagnostic::error(loc, format!("argument #{i} of @{name}: {e}"))
                })?;
            }
        }
        let mut scopes = Vec::with_capacity(f.parents.len() + 1);
        scopes.push(Scope {
            body: f.holder,
            op: f.op,
        });
        scopes.extend(f.parents.iter().copied());
        let mut frame = Frame {
            body,
            scopes: scopes.into(),
            env: vec![None; body.value_capacity()],
        };
        match self.run_region(st, &mut frame, region, args, depth + 1)? {
            Exit::Return(vals) => Ok(vals),
            Exit::Yield(_) => Err(Diagnostic::error(
                loc,
                format!("function @{name} ended with a yield instead of 'func.return'"),
            )),
        }
    }

    /// Run `region` of the frame's body with `args` bound to its entry block's arguments.
    fn run_region(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        region: Region,
        args: Vec<RtValue<'a>>,
        depth: usize,
    ) -> Result<Exit<'a>, Diagnostic> {
        let body = frame.body;
        let Some(mut block) = body.entry_block(region) else {
            return Err(Diagnostic::error(
                self.ctx.unknown_loc(),
                "cannot run a region without blocks",
            ));
        };
        self.bind_block_args(frame, block, args, None)?;
        let tbl = table();
        loop {
            let mut next: Option<(Block, Vec<RtValue<'a>>, Op)> = None;
            for op in body.block_ops(block) {
                if st.fuel == 0 {
                    return Err(Diagnostic::error(
                        body.op(op).loc,
                        format!(
                            "interpreter fuel exhausted after {} steps (raise the limit with \
                             Interpreter::with_fuel)",
                            st.steps
                        ),
                    ));
                }
                st.fuel -= 1;
                st.steps += 1;
                let opname = body.name(op);
                let sem = *st
                    .sems
                    .entry(opname)
                    .or_insert_with(|| tbl.get(self.ctx.op_name_str(opname)).copied());
                let Some(sem) = sem else {
                    return Err(Diagnostic::error(
                        body.op(op).loc,
                        format!("op '{}' is not interpretable", self.op_name(body, op)),
                    ));
                };
                match sem {
                    Sem::Compute(f) => self.compute(frame, op, f)?,
                    Sem::Return => return Ok(Exit::Return(self.operands(frame, op)?)),
                    Sem::Yield => return Ok(Exit::Yield(self.operands(frame, op)?)),
                    Sem::Branch => {
                        let Some(&dest) = body.successors(op).first() else {
                            return Err(self.op_error(body, op, "has no successor"));
                        };
                        next = Some((dest, self.operands(frame, op)?, op));
                        break;
                    }
                    Sem::CondBranch => {
                        next = Some(self.cond_branch(frame, op)?);
                        break;
                    }
                    Sem::Call | Sem::CallIndirect => self.exec_call(st, frame, op, sem, depth)?,
                    Sem::LoopFor | Sem::LoopParallel | Sem::LoopIf | Sem::HwParallel => {
                        self.exec_loop_op(st, frame, op, sem, depth)?
                    }
                    Sem::Memory(f) => self.exec_memory(frame, op, f)?,
                    Sem::GetGlobal => self.exec_get_global(st, frame, op)?,
                    Sem::If | Sem::Loop | Sem::Scan => {
                        self.exec_region_op(st, frame, op, sem, depth)?
                    }
                    Sem::Values(f) => self.exec_values(frame, op, f)?,
                    Sem::FuncConstant => {
                        let sym = self.op_attr(body, op, "value");
                        let f = sym.and_then(|s| self.resolve(&frame.scopes, s));
                        let Some(f) = f else {
                            return Err(self.op_error(body, op, "does not reference a function"));
                        };
                        self.set_results(frame, op, vec![RtValue::Func(f)])?;
                    }
                    Sem::Region => {
                        if depth >= self.max_depth {
                            return Err(self.op_error(
                                body,
                                op,
                                format_args!("nesting depth limit of {} exceeded", self.max_depth),
                            ));
                        }
                        let Some(&r) = body.regions(op).first() else {
                            return Err(self.op_error(body, op, "has no region"));
                        };
                        if body.has_nested_slot(op) {
                            return Err(self.op_error(
                                body,
                                op,
                                "has an isolated region, which cannot use the values of its frame",
                            ));
                        }
                        match self.run_region(st, frame, r, Vec::new(), depth + 1)? {
                            Exit::Yield(vals) => self.set_results(frame, op, vals)?,
                            ret @ Exit::Return(_) => return Ok(ret),
                        }
                    }
                }
            }
            match next {
                Some((dest, vals, br)) => {
                    if body.block_parent(dest) != Some(region) {
                        return Err(self.op_error(body, br, "branches out of its region"));
                    }
                    self.bind_block_args(frame, dest, vals, Some(br))?;
                    block = dest;
                }
                None => {
                    let loc = body
                        .last_op(block)
                        .map_or(self.ctx.unknown_loc(), |o| body.op(o).loc);
                    return Err(Diagnostic::error(
                        loc,
                        "block ended without a terminator that transfers control",
                    ));
                }
            }
        }
    }

    fn op_attr(&self, body: &Body, op: Op, name: &str) -> Option<Attribute> {
        let d = body.op(op);
        self.ctx
            .dict_get(d.props, name)
            .or_else(|| self.ctx.dict_get(d.attrs, name))
    }

    fn bind_block_args(
        &self,
        frame: &mut Frame<'a>,
        block: Block,
        vals: Vec<RtValue<'a>>,
        from: Option<Op>,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let params = body.block_args(block);
        if params.len() != vals.len() {
            let msg = format!(
                "passes {} values to a block with {} arguments",
                vals.len(),
                params.len()
            );
            return Err(match from {
                Some(op) => self.op_error(body, op, msg),
                None => Diagnostic::error(self.ctx.unknown_loc(), msg),
            });
        }
        for (&p, v) in params.iter().zip(vals) {
            frame.set(p, v);
        }
        Ok(())
    }

    /// The operand values of `op`.
    fn operands(&self, frame: &Frame<'a>, op: Op) -> Result<Vec<RtValue<'a>>, Diagnostic> {
        let body = frame.body;
        body.operands(op)
            .enumerate()
            .map(|(i, v)| {
                frame.get(v).cloned().ok_or_else(|| {
                    self.op_error(body, op, format_args!("operand #{i} has no value yet"))
                })
            })
            .collect()
    }

    /// Bind the results of `op`, checking each against its declared type.
    fn set_results(
        &self,
        frame: &mut Frame<'a>,
        op: Op,
        vals: Vec<RtValue<'a>>,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let results = body.results(op);
        if results.len() != vals.len() {
            return Err(self.op_error(
                body,
                op,
                format_args!(
                    "produced {} values for {} results",
                    vals.len(),
                    results.len()
                ),
            ));
        }
        for (i, (&r, v)) in results.iter().zip(vals).enumerate() {
            let ty = body.value_type(r);
            let checked = match &v {
                RtValue::Tensor(_) if self.ctx.type_kind(ty).is_memref() => {
                    Some(Err(crate::Error::new("expected a buffer, got a tensor")))
                }
                RtValue::Buffer(b) => Some(b.check(self.ctx, ty)),
                _ => None,
            };
            if let Some(Err(e)) = checked {
                return Err(self.op_error(
                    body,
                    op,
                    format_args!("result #{i} ({}): {e}", type_str(self.ctx, ty)),
                ));
            }
            if let Err(e) = v.check_container(self.ctx, ty) {
                return Err(self.op_error(
                    body,
                    op,
                    format_args!("result #{i} ({}): {e}", type_str(self.ctx, ty)),
                ));
            }
            if let RtValue::Tensor(t) = &v {
                let ok = ValueType::from_ir(self.ctx, ty).and_then(|vt| vt.check(t));
                if let Err(e) = ok {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("result #{i} ({}): {e}", type_str(self.ctx, ty)),
                    ));
                }
            }
            frame.set(r, v);
        }
        Ok(())
    }

    fn compute(
        &self,
        frame: &mut Frame<'a>,
        op: Op,
        f: crate::ops::ComputeFn,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let mut ins: Vec<&Tensor> = Vec::with_capacity(body.num_operands(op));
        for (i, v) in body.operands(op).enumerate() {
            match frame.get(v) {
                Some(RtValue::Tensor(t)) => ins.push(t),
                Some(RtValue::Func(_)) => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} is a function value"),
                    ))
                }
                Some(RtValue::Buffer(_)) => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} is a buffer, not a tensor"),
                    ))
                }
                Some(RtValue::Seq(_) | RtValue::Opt(_) | RtValue::Str(_)) => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} is a container or strings, not a tensor"),
                    ))
                }
                None => {
                    return Err(self.op_error(
                        body,
                        op,
                        format_args!("operand #{i} has no value yet"),
                    ))
                }
            }
        }
        let cx = OpCx {
            ctx: self.ctx,
            body,
            op,
            max_elements: self.max_elements,
            max_work: self.max_work,
        };
        let outs = f(&cx, &ins).map_err(|e| self.op_error(body, op, e))?;
        self.set_results(frame, op, outs.into_iter().map(RtValue::Tensor).collect())
    }

    /// `cf.cond_br %c, ^t(args), ^f(args)`: operand segments `[1, n_true, n_false]`.
    fn cond_branch(
        &self,
        frame: &Frame<'a>,
        op: Op,
    ) -> Result<(Block, Vec<RtValue<'a>>, Op), Diagnostic> {
        let body = frame.body;
        let succ = body.successors(op);
        let vals = self.operands(frame, op)?;
        if succ.len() != 2 || vals.is_empty() {
            return Err(self.op_error(body, op, "needs a condition and two successors"));
        }
        let n = vals.len() - 1;
        let n_true = match self.op_attr(body, op, "operandSegmentSizes") {
            Some(a) => match crate::ops::attr_ints(self.ctx, a, 16) {
                Some(s) if s.len() == 3 && s[0] == 1 && (s[1] + s[2]) as usize == n => {
                    s[1] as usize
                }
                _ => return Err(self.op_error(body, op, "has malformed operandSegmentSizes")),
            },
            None => body.block_args(succ[0]).len(),
        };
        if n_true > n {
            return Err(self.op_error(body, op, "has too few operands for its successors"));
        }
        let cond = match &vals[0] {
            RtValue::Tensor(t) if t.dtype() == DType::Bool && t.len() == 1 => {
                t.as_slice::<bool>().is_some_and(|s| s[0])
            }
            _ => return Err(self.op_error(body, op, "condition must be an i1 scalar")),
        };
        let mut rest = vals.into_iter().skip(1);
        let t_args: Vec<_> = rest.by_ref().take(n_true).collect();
        let f_args: Vec<_> = rest.collect();
        Ok(if cond {
            (succ[0], t_args, op)
        } else {
            (succ[1], f_args, op)
        })
    }

    /// Resolve a symbol reference from the scope chain (innermost first), keeping the chain
    /// of the callee. Uses `strata_ir::symbol_table::lookup_in` at each symbol table.
    fn resolve(&self, scopes: &Rc<[Scope<'a>]>, sym: Attribute) -> Option<FuncRef<'a>> {
        let ctx = self.ctx;
        let AttrKind::SymbolRef { root, nested } = ctx.attr_kind(sym) else {
            return None;
        };
        for (i, s) in scopes.iter().enumerate() {
            let is_table = ctx
                .op_def(s.body.name(s.op))
                .is_some_and(|d| d.has(Traits::SYMBOL_TABLE));
            if !is_table {
                continue;
            }
            let Some(mut found) =
                symbol_table::lookup_in(ctx, s.body, s.op, ctx.str(*root).as_bytes())
            else {
                continue;
            };
            let mut holder = s.body.region_body(s.op);
            let mut parents: Vec<Scope<'a>> = scopes[i..].to_vec();
            for n in nested.iter() {
                let next = symbol_table::lookup_in(ctx, holder, found, ctx.str(*n).as_bytes())?;
                parents.insert(
                    0,
                    Scope {
                        body: holder,
                        op: found,
                    },
                );
                holder = holder.region_body(found);
                found = next;
            }
            return Some(FuncRef {
                holder,
                op: found,
                parents: parents.into(),
            });
        }
        None
    }

    /// `loop.get_global`: resolve the global and return its buffer, materialising it on
    /// the first read of the run.
    fn exec_get_global(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let sym = self.op_attr(body, op, "name");
        let Some(g) = sym.and_then(|s| self.resolve(&frame.scopes, s)) else {
            return Err(self.op_error(body, op, "'name' does not resolve to a global"));
        };
        let key = (g.holder as *const Body as usize, g.op);
        let buf = match st.globals.get(&key) {
            Some(b) => b.clone(),
            None => {
                let b =
                    crate::ops::global::materialise(self.ctx, g.holder, g.op, self.max_elements)
                        .map_err(|e| self.op_error(body, op, e))?;
                st.globals.insert(key, b.clone());
                b
            }
        };
        self.set_results(frame, op, vec![RtValue::Buffer(buf)])
    }

    fn exec_call(
        &self,
        st: &mut State,
        frame: &mut Frame<'a>,
        op: Op,
        sem: Sem,
        depth: usize,
    ) -> Result<(), Diagnostic> {
        let body = frame.body;
        let mut args = self.operands(frame, op)?;
        let callee = if matches!(sem, Sem::Call) {
            let sym = self.op_attr(body, op, "callee");
            match sym.and_then(|s| self.resolve(&frame.scopes, s)) {
                Some(f) => f,
                None => {
                    return Err(self.op_error(body, op, "callee does not resolve to a function"))
                }
            }
        } else {
            match args.first() {
                Some(RtValue::Func(f)) => {
                    let f = f.clone();
                    args.remove(0);
                    f
                }
                _ => return Err(self.op_error(body, op, "operand #0 must be a function value")),
            }
        };
        let loc: Location = body.op(op).loc;
        let results = self
            .call(st, &callee, args, depth, false)
            .map_err(|d| d.with_note(loc, "called from here"))?;
        self.set_results(frame, op, results)
    }
}
