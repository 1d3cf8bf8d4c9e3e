//! The conversion of one function: signature, then each op of its body in order (see the
//! crate docs), then deallocation. The regions of a `loop.if` are converted in [`control`].

mod control;

use crate::plan::Plan;
use crate::util::{
    collapse_map, expand_unit_map, first_elem_map, identity, is_tensor, kept_dims, memref_of,
    plain_memref, scalar_map, static_lists, subview_type,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use strata_dialect_tensor::movement::{reassociation_of, PAD_LISTS, SLICE_LISTS};
use strata_dialect_tensor::structured::{iterator_types_to_attr, IteratorType};
use strata_dialect_tensor::util::{affine_maps_attr, i32_array_attr, i64_array_attr, shaped};
use strata_dialect_tensor::GenericOp;
use strata_ir::affine::AffineMap;
use strata_ir::{
    symbol_table, AttrKind, Attribute, Body, Context, Diagnostic, InsertPoint, Location, Op, OpRef,
    OperationState, Type, TypeKind, Value,
};

/// A function's signature before bufferization.
#[derive(Clone, Debug)]
pub struct Signature {
    /// Argument types.
    pub inputs: Vec<Type>,
    /// Result types.
    pub results: Vec<Type>,
}

/// The name and signature of the `func.func` `f`.
pub fn signature(ctx: &Context, body: &Body, f: Op) -> Option<(String, Signature)> {
    let name = String::from_utf8_lossy(symbol_table::symbol_name(ctx, body, f)?).into_owned();
    let d = body.op(f);
    let a = ctx
        .dict_get(d.props, "function_type")
        .or_else(|| ctx.dict_get(d.attrs, "function_type"))?;
    let AttrKind::Type(t) = ctx.attr_kind(a) else {
        return None;
    };
    let TypeKind::Function { inputs, results } = ctx.type_kind(*t) else {
        return None;
    };
    Some((
        name,
        Signature {
            inputs: inputs.to_vec(),
            results: results.to_vec(),
        },
    ))
}

/// Counters reported as pass statistics.
#[derive(Default)]
pub struct Stats {
    pub functions: u64,
    pub allocs: u64,
    pub copies: u64,
    pub in_place: u64,
    pub globals: u64,
}

/// The constant globals requested so far (deduplicated by attribute), with names that do
/// not clash with the module's symbols.
pub struct Globals {
    taken: BTreeSet<String>,
    index: HashMap<Attribute, usize>,
    list: Vec<(String, Type, Attribute)>,
    next: usize,
}

impl Globals {
    /// An empty table for the module whose top-level ops are `tops` in `body`.
    pub fn new(ctx: &Context, body: &Body, tops: &[Op]) -> Globals {
        let taken = tops
            .iter()
            .filter_map(|&o| symbol_table::symbol_name(ctx, body, o))
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .collect();
        Globals {
            taken,
            index: HashMap::new(),
            list: Vec::new(),
            next: 0,
        }
    }
    /// The name of the global holding `value` (of memref type `ty`), created on first use.
    fn get(&mut self, value: Attribute, ty: Type) -> String {
        if let Some(&i) = self.index.get(&value) {
            return self.list[i].0.clone();
        }
        let name = loop {
            let n = format!("cst_{}", self.next);
            self.next += 1;
            if !self.taken.contains(&n) {
                break n;
            }
        };
        self.taken.insert(name.clone());
        self.index.insert(value, self.list.len());
        self.list.push((name.clone(), ty, value));
        name
    }
    /// The globals to create, in request order.
    pub fn take(&mut self) -> Vec<(String, Type, Attribute)> {
        self.index.clear();
        std::mem::take(&mut self.list)
    }
}

/// What a buffer's memory is.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum RootKind {
    /// A function argument (read-only).
    Arg,
    /// An out-parameter.
    Out,
    /// A constant global (read-only).
    Global,
    /// An allocation of this function (writable, freed after its last use).
    Alloc,
}

/// One memory root and the tensors whose buffers live in it.
struct Root {
    kind: RootKind,
    tensors: Vec<Value>,
}

/// The source of a fill.
enum FillFrom {
    /// A scalar value.
    Scalar(Value),
    /// Element 0 of a rank-1 buffer.
    First(Value),
}

/// The state of the conversion of one function body.
struct Cx<'c, 'b, 'g> {
    ctx: &'c Context,
    body: &'b mut Body,
    plan: Plan,
    globals: &'g mut Globals,
    stats: &'g mut Stats,
    /// Tensor value → (buffer value, root index).
    map: BTreeMap<Value, (Value, usize)>,
    roots: Vec<Root>,
    /// The out-parameters and their roots.
    outs: Vec<(Value, usize)>,
    /// The allocations created, in order.
    allocs: Vec<Value>,
    /// The allocation each view (subview) was taken from.
    view_of: BTreeMap<Value, Value>,
    /// Roots below this index belong to the code around the `loop.if` region being
    /// converted: never overwritten in place from inside it.
    floor: usize,
}

/// Convert the `func.func` `f` of the module body `mbody`.
pub fn convert_func(
    ctx: &Context,
    mbody: &mut Body,
    f: Op,
    sigs: &BTreeMap<String, Signature>,
    globals: &mut Globals,
    stats: &mut Stats,
) -> Result<(), Diagnostic> {
    let loc = mbody.op(f).loc;
    let Some((name, sig)) = signature(ctx, mbody, f) else {
        return Err(Diagnostic::error(
            loc,
            "bufferize: the function has no name or no function_type",
        ));
    };
    let err = |m: String| Diagnostic::error(loc, format!("bufferize: function @{name}: {m}"));
    let mut ins = Vec::with_capacity(sig.inputs.len() + sig.results.len());
    for &t in &sig.inputs {
        ins.push(if is_tensor(ctx, t) {
            memref_of(ctx, t).map_err(err)?
        } else {
            t
        });
    }
    let mut outs = Vec::with_capacity(sig.results.len());
    for &t in &sig.results {
        if !is_tensor(ctx, t) {
            return Err(err(format!(
                "returns {}, but only tensor results are supported (they become \
                 out-parameters)",
                strata_ir::text::print_type(ctx, t)
            )));
        }
        outs.push(memref_of(ctx, t).map_err(err)?);
    }
    let region = mbody.regions(f).first().copied();
    if let Some(region) = region {
        if let Some(mut fb) = mbody.take_nested(f) {
            let r = if fb.region_blocks(region).is_empty() {
                Ok(())
            } else {
                convert_body(ctx, &mut fb, region, &outs, sigs, globals, stats, loc)
            };
            mbody.put_nested(f, fb);
            r.map_err(|d| d.with_note(loc, format!("in function @{name}")))?;
        }
    }
    let n_out = outs.len();
    ins.extend(outs);
    let fty = ctx.function_type(&ins, &[]);
    let d = mbody.op(f);
    let mut props = ctx.dict_set(d.props, "function_type", Some(ctx.type_attr(fty)));
    // The results' attributes (`strata.elem_type` of an unsigned result) move to their
    // out-parameters.
    let items_of = |name: &str| match ctx.dict_get(d.props, name).map(|a| ctx.attr_kind(a)) {
        Some(AttrKind::Array(items)) => Some(items.to_vec()),
        _ => None,
    };
    let (arg_items, res_items) = (items_of("arg_attrs"), items_of("res_attrs"));
    props = ctx.dict_set(props, "res_attrs", None);
    if arg_items.is_some() || res_items.is_some() {
        let empty = ctx.dict_attr(&[]);
        let mut items = arg_items.unwrap_or_default();
        items.resize(ins.len() - n_out, empty);
        let mut res = res_items.unwrap_or_default();
        res.resize(n_out, empty);
        items.extend(res);
        props = ctx.dict_set(props, "arg_attrs", Some(ctx.array_attr(&items)));
    }
    let attrs = ctx.dict_set(
        d.attrs,
        "strata.num_outputs",
        Some(ctx.int_attr(n_out as i128, ctx.int_type(64))),
    );
    let d = mbody.op_mut(f);
    d.props = props;
    d.attrs = attrs;
    Ok(())
}

/// Ops the conversion understands (others must not touch tensors).
const SUPPORTED: &[&str] = &[
    "arith.constant",
    "tensor.empty",
    "tensor.generic",
    "tensor.extract_slice",
    "tensor.insert_slice",
    "tensor.pad",
    "tensor.collapse_shape",
    "tensor.expand_shape",
    "tensor.concat",
    "tensor.extract",
    "tensor.string_call",
    "func.call",
    "loop.if",
    "loop.for",
];

#[allow(clippy::too_many_arguments)]
fn convert_body(
    ctx: &Context,
    body: &mut Body,
    region: strata_ir::Region,
    outs: &[Type],
    sigs: &BTreeMap<String, Signature>,
    globals: &mut Globals,
    stats: &mut Stats,
    floc: Location,
) -> Result<(), Diagnostic> {
    let blocks = body.region_blocks(region).to_vec();
    let [block] = blocks[..] else {
        return Err(Diagnostic::error(
            floc,
            format!(
                "bufferize: the body has {} blocks; only straight-line bodies are supported",
                blocks.len()
            ),
        ));
    };
    let ops = body.block_op_vec(block);
    let Some(&ret) = ops
        .last()
        .filter(|&&o| ctx.op_name_str(body.name(o)) == "func.return")
    else {
        return Err(Diagnostic::error(
            floc,
            "bufferize: the body does not end with 'func.return'",
        ));
    };
    // Check every op first, so that nothing is changed when one is unsupported.
    check_ops(ctx, body, &ops[..ops.len() - 1])?;
    let plan = Plan::new(ctx, body, block, ret);
    let mut cx = Cx {
        ctx,
        body,
        plan,
        globals,
        stats,
        map: BTreeMap::new(),
        roots: Vec::new(),
        outs: Vec::new(),
        allocs: Vec::new(),
        view_of: BTreeMap::new(),
        floor: 0,
    };
    let args = cx.body.block_args(block).to_vec();
    for a in args {
        let t = cx.body.value_type(a);
        if is_tensor(ctx, t) {
            let m = memref_of(ctx, t)
                .map_err(|e| Diagnostic::error(floc, format!("bufferize: {e}")))?;
            cx.body.set_value_type(a, m);
            let r = cx.new_root(RootKind::Arg);
            cx.bind(a, a, r);
        }
    }
    for &t in outs {
        let v = cx.body.add_block_arg(block, t);
        let r = cx.new_root(RootKind::Out);
        cx.outs.push((v, r));
    }
    let converted = cx.convert_ops(&ops[..ops.len() - 1], sigs)?;
    // The return: copy what is not already in its out-parameter.
    let rets: Vec<Value> = cx.body.operands(ret).collect();
    for (k, v) in rets.into_iter().enumerate() {
        let b = cx.buf(v, ret)?;
        let out = cx.outs[k].0;
        if b != out {
            cx.copy(ret, b, out);
        }
    }
    cx.emit(ret, "func.return", &[], &[], None);
    cx.body.erase_op(ret);
    for &o in converted.iter().rev() {
        cx.body.erase_op(o);
    }
    cx.deallocate(block);
    Ok(())
}

/// Check that `ops` (and the ops of their `loop.if` regions) are within what the
/// conversion understands.
fn check_ops(ctx: &Context, body: &Body, ops: &[Op]) -> Result<(), Diagnostic> {
    for &o in ops {
        let name = ctx.op_name_str(body.name(o));
        let tensors = body
            .operands(o)
            .chain(body.results(o).iter().copied())
            .any(|v| is_tensor(ctx, body.value_type(v)));
        let regions_ok = body.regions(o).is_empty()
            || matches!(
                name,
                "tensor.generic" | "tensor.pad" | "loop.if" | "loop.for"
            );
        if (tensors && !SUPPORTED.contains(&name)) || !regions_ok {
            return Err(OpRef::new(ctx, body, o).error(format_args!(
                "is not supported by bufferize (the tensor level of docs/lowering.md: \
                 tensor.generic, data movement, scalar arith/math, constants, calls, \
                 loop.if)"
            )));
        }
        for v in body.results(o) {
            let t = body.value_type(*v);
            if is_tensor(ctx, t) {
                memref_of(ctx, t)
                    .map_err(|e| OpRef::new(ctx, body, o).error(format_args!("bufferize: {e}")))?;
            }
        }
        if matches!(name, "loop.if" | "loop.for") {
            control::check_if(ctx, body, o)?;
        }
    }
    Ok(())
}

impl Cx<'_, '_, '_> {
    /// Convert the ops of one block (its terminator excluded) in order; the ops converted,
    /// to be erased once the block is done.
    fn convert_ops(
        &mut self,
        ops: &[Op],
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<Vec<Op>, Diagnostic> {
        let ctx = self.ctx;
        let mut converted = Vec::new();
        for (i, &o) in ops.iter().enumerate() {
            // (A `tensor.extract` of an argument sees its memref type already.)
            let touches = matches!(
                ctx.op_name_str(self.body.name(o)),
                "loop.if" | "loop.for" | "tensor.extract"
            ) || self
                .body
                .operands(o)
                .chain(self.body.results(o).iter().copied())
                .any(|v| is_tensor(ctx, self.body.value_type(v)));
            if !touches {
                continue;
            }
            self.convert_op(o, i, sigs)?;
            converted.push(o);
        }
        Ok(converted)
    }

    fn new_root(&mut self, kind: RootKind) -> usize {
        self.roots.push(Root {
            kind,
            tensors: Vec::new(),
        });
        self.roots.len() - 1
    }

    fn bind(&mut self, tensor: Value, buf: Value, root: usize) {
        self.map.insert(tensor, (buf, root));
        self.roots[root].tensors.push(tensor);
    }

    fn error(&self, op: Op, msg: impl std::fmt::Display) -> Diagnostic {
        OpRef::new(self.ctx, self.body, op).error(format_args!("bufferize: {msg}"))
    }

    /// The buffer of tensor `v` (a scalar is itself).
    fn buf(&self, v: Value, at: Op) -> Result<Value, Diagnostic> {
        if !is_tensor(self.ctx, self.body.value_type(v)) {
            return Ok(v);
        }
        self.map.get(&v).map(|&(b, _)| b).ok_or_else(|| {
            self.error(
                at,
                "an operand has no buffer (defined by an unsupported op)",
            )
        })
    }

    fn root(&self, v: Value) -> Option<usize> {
        self.map.get(&v).map(|&(_, r)| r)
    }

    /// Create op `name` before `at`.
    fn emit(
        &mut self,
        at: Op,
        name: &str,
        operands: &[Value],
        results: &[Type],
        props: Option<Attribute>,
    ) -> Op {
        let ctx = self.ctx;
        let mut st = OperationState::new(ctx, ctx.op_name(name), self.body.op(at).loc);
        st.operands = operands.to_vec();
        st.result_types = results.to_vec();
        st.props = props;
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(at));
        op
    }

    /// A new 64-byte aligned allocation of memref type `ty`.
    fn alloc(&mut self, at: Op, ty: Type) -> (Value, usize) {
        let ctx = self.ctx;
        let props = ctx.dict_attr(&[("alignment", ctx.int_attr(64, ctx.int_type(64)))]);
        let op = self.emit(at, "loop.alloc", &[], &[ty], Some(props));
        let v = self.body.result(op, 0);
        self.allocs.push(v);
        self.stats.allocs += 1;
        (v, self.new_root(RootKind::Alloc))
    }

    fn copy(&mut self, at: Op, src: Value, dst: Value) {
        self.emit(at, "loop.copy", &[src, dst], &[], None);
        self.stats.copies += 1;
    }

    /// A static subview of `src`.
    fn subview(
        &mut self,
        at: Op,
        src: Value,
        offsets: &[i64],
        sizes: &[i64],
        strides: &[i64],
    ) -> Result<Value, Diagnostic> {
        let ctx = self.ctx;
        let ty = subview_type(ctx, self.body.value_type(src), offsets, sizes, strides)
            .map_err(|e| self.error(at, e))?;
        let props = ctx.dict_attr(&[
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 0, 0, 0])),
            ("static_offsets", i64_array_attr(ctx, offsets)),
            ("static_sizes", i64_array_attr(ctx, sizes)),
            ("static_strides", i64_array_attr(ctx, strides)),
        ]);
        let op = self.emit(at, "loop.subview", &[src], &[ty], Some(props));
        let v = self.body.result(op, 0);
        let base = self.view_of.get(&src).copied().unwrap_or(src);
        self.view_of.insert(v, base);
        Ok(v)
    }

    /// A buffer-form `tensor.generic` with all-parallel loops whose body yields its first
    /// argument: `dst[dst_map(i)] = src[src_map(i)]`.
    fn copy_generic(
        &mut self,
        at: Op,
        src: Value,
        src_map: AffineMap,
        dst: Value,
        dst_map: AffineMap,
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let n = dst_map.num_dims as usize;
        let elem_of = |b: &Body, v: Value| {
            let t = b.value_type(v);
            shaped(ctx, t).map_or(t, |(_, e)| e)
        };
        let (se, de) = (elem_of(self.body, src), elem_of(self.body, dst));
        let props = ctx.dict_attr(&[
            ("indexing_maps", affine_maps_attr(ctx, &[src_map, dst_map])),
            (
                "iterator_types",
                iterator_types_to_attr(ctx, &vec![IteratorType::Parallel; n]),
            ),
            ("operandSegmentSizes", i32_array_attr(ctx, &[1, 1])),
        ]);
        let mut st = OperationState::new(ctx, ctx.op_name(GenericOp::NAME), self.body.op(at).loc);
        st.operands = vec![src, dst];
        st.props = Some(props);
        let region = st.add_region(self.body);
        let block = self.body.create_block();
        self.body.append_block(region, block);
        let x = self.body.add_block_arg(block, se);
        self.body.add_block_arg(block, de);
        let mut y = OperationState::new(ctx, ctx.op_name("tensor.yield"), self.body.op(at).loc);
        y.operands = vec![x];
        let yop = self.body.create_op(y);
        self.body.insert_op(yop, InsertPoint::End(block));
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(at));
        self.stats.copies += 1;
        Ok(())
    }

    /// Fill `dst` (rank `n`) with a scalar or the first element of a rank-1 buffer.
    fn fill(&mut self, at: Op, from: FillFrom, dst: Value) -> Result<(), Diagnostic> {
        let n = shaped(self.ctx, self.body.value_type(dst)).map_or(0, |(s, _)| s.len());
        match from {
            FillFrom::Scalar(v) => self.copy_generic(at, v, scalar_map(n), dst, identity(n)),
            FillFrom::First(b) => self.copy_generic(at, b, first_elem_map(n), dst, identity(n)),
        }?;
        self.stats.copies -= 1;
        Ok(())
    }

    /// Whether the tensor `init` may be overwritten by the op at position `pos`: its memory
    /// is an allocation of this function and no tensor living in it is used after `pos`.
    fn can_overwrite(&self, init: Value, pos: usize) -> bool {
        let Some(r) = self.root(init) else {
            return false;
        };
        let root = &self.roots[r];
        r >= self.floor
            && root.kind == RootKind::Alloc
            && root
                .tensors
                .iter()
                .all(|t| self.plan.last_use.get(t).is_none_or(|&l| l <= pos))
    }

    /// The buffer result tensor `r` of the op `at` (at position `pos`) is written into:
    /// its out-parameter, its init's buffer (in place) or a new allocation; `init` is the
    /// init tensor and whether the op reads it; `forbid` lists roots that must not be
    /// written in place (read by the op through another view).
    fn dest(
        &mut self,
        at: Op,
        pos: usize,
        r: Value,
        init: Option<(Value, bool)>,
        forbid: &[usize],
    ) -> Result<(Value, usize), Diagnostic> {
        if let Some(&k) = self.plan.pref.get(&r) {
            let (p, pr) = self.outs[k];
            if let Some((i, reads)) = init {
                let ib = self.buf(i, at)?;
                if ib != p && reads {
                    self.copy(at, ib, p);
                }
            }
            return Ok((p, pr));
        }
        if let Some((i, reads)) = init {
            let ib = self.buf(i, at)?;
            if let Some(ir) = self.root(i) {
                if self.can_overwrite(i, pos) && !forbid.contains(&ir) {
                    self.stats.in_place += 1;
                    return Ok((ib, ir));
                }
            }
            let ty = memref_of(self.ctx, self.body.value_type(r)).map_err(|e| self.error(at, e))?;
            let (a, ar) = self.alloc(at, ty);
            if reads {
                self.copy(at, ib, a);
            }
            return Ok((a, ar));
        }
        let ty = memref_of(self.ctx, self.body.value_type(r)).map_err(|e| self.error(at, e))?;
        Ok(self.alloc(at, ty))
    }

    fn convert_op(
        &mut self,
        o: Op,
        pos: usize,
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let name = ctx.op_name_str(self.body.name(o));
        match name {
            "arith.constant" => self.constant(o, pos),
            "tensor.empty" => {
                let r = self.body.result(o, 0);
                let (b, root) = self.dest(o, pos, r, None, &[])?;
                self.bind(r, b, root);
                Ok(())
            }
            "tensor.generic" => self.generic(o, pos),
            "tensor.extract_slice" => self.extract_slice(o),
            "tensor.insert_slice" => self.insert_slice(o, pos),
            "tensor.pad" => self.pad(o, pos),
            "tensor.collapse_shape" | "tensor.expand_shape" => self.reshape(o, pos),
            "tensor.concat" => self.concat(o, pos),
            "func.call" => self.call(o, pos, sigs),
            "tensor.extract" => self.extract(o),
            "loop.if" => self.if_op(o, pos, sigs),
            "loop.for" => self.for_op(o, pos, sigs),
            "tensor.string_call" => self.string_call(o, pos),
            _ => Err(self.error(o, "unsupported op")),
        }
    }

    fn constant(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let r = self.body.result(o, 0);
        let rt = self.body.value_type(r);
        let d = self.body.op(o);
        let Some(value) = ctx
            .dict_get(d.props, "value")
            .or_else(|| ctx.dict_get(d.attrs, "value"))
        else {
            return Err(self.error(o, "the constant has no 'value'"));
        };
        let mt = memref_of(ctx, rt).map_err(|e| self.error(o, e))?;
        match ctx.attr_kind(value) {
            AttrKind::DenseElements {
                splat: true, data, ..
            } => {
                let Some((_, elem)) = shaped(ctx, rt) else {
                    return Err(self.error(o, "the constant is not a ranked tensor"));
                };
                let one = ctx.attr(AttrKind::DenseElements {
                    ty: ctx.tensor_type(&[1], elem),
                    splat: true,
                    data: data.clone(),
                });
                let g = self.get_global(o, one, plain_memref(ctx, &[1], elem));
                let (b, root) = self.dest(o, pos, r, None, &[])?;
                self.fill(o, FillFrom::First(g), b)?;
                self.bind(r, b, root);
                Ok(())
            }
            AttrKind::DenseElements { .. } | AttrKind::DenseResource { .. } => {
                let g = self.get_global(o, value, mt);
                let root = self.new_root(RootKind::Global);
                self.bind(r, g, root);
                Ok(())
            }
            _ => Err(self.error(o, "a tensor constant must be dense elements")),
        }
    }

    fn get_global(&mut self, at: Op, value: Attribute, ty: Type) -> Value {
        let ctx = self.ctx;
        let name = self.globals.get(value, ty);
        let props = ctx.dict_attr(&[("name", ctx.symbol_ref_attr(&name))]);
        let op = self.emit(at, "loop.get_global", &[], &[ty], Some(props));
        self.body.result(op, 0)
    }

    fn generic(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let view = OpRef::new(ctx, self.body, o);
        let g = GenericOp(view);
        let (n_in, n_out) = g.segments().map_err(|e| self.error(o, e))?;
        let maps = strata_dialect_tensor::structured::indexing_maps_attr(&view)
            .map_err(|e| self.error(o, e))?;
        let region = self.body.regions(o)[0];
        let entry = self
            .body
            .entry_block(region)
            .ok_or_else(|| self.error(o, "the body has no block"))?;
        let bargs = self.body.block_args(entry).to_vec();
        let operands: Vec<Value> = self.body.operands(o).collect();
        let results = self.body.results(o).to_vec();
        let mut new_ops = Vec::with_capacity(operands.len());
        for &x in &operands[..n_in] {
            new_ops.push(self.buf(x, o)?);
        }
        let mut used_roots: Vec<usize> = Vec::new();
        for j in 0..n_out {
            let init = operands[n_in + j];
            let reads = bargs.get(n_in + j).is_some_and(|&a| self.body.has_uses(a));
            let ib = self.buf(init, o)?;
            let mut forbid = used_roots.clone();
            if let Some(ir) = self.root(init) {
                for (k, &x) in operands[..n_in].iter().enumerate() {
                    if self.root(x) == Some(ir)
                        && (self.buf(x, o)? != ib || maps.get(k) != maps.get(n_in + j))
                    {
                        forbid.push(ir);
                    }
                }
            }
            let (b, root) = self.dest(o, pos, results[j], Some((init, reads)), &forbid)?;
            used_roots.push(root);
            new_ops.push(b);
        }
        let mut st = OperationState::new(ctx, ctx.op_name(GenericOp::NAME), self.body.op(o).loc);
        st.operands = new_ops.clone();
        st.props = Some(self.body.op(o).props);
        let nr = st.add_region(self.body);
        self.body.inline_region(region, nr, 0);
        let op = self.body.create_op(st);
        self.body.insert_op(op, InsertPoint::Before(o));
        for (j, &r) in results.iter().enumerate() {
            let b = new_ops[n_in + j];
            let root = used_roots[j];
            self.bind(r, b, root);
        }
        Ok(())
    }

    /// `tensor.string_call` → its buffer form: the input buffers, then one output buffer
    /// per result (its out-parameter, or a new allocation; the call writes every element).
    fn string_call(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let mut operands = Vec::new();
        for x in self.body.operand_vec(o).to_vec() {
            operands.push(self.buf(x, o)?);
        }
        let results = self.body.results(o).to_vec();
        let mut dests = Vec::with_capacity(results.len());
        for &r in &results {
            let d = self.dest(o, pos, r, None, &[])?;
            operands.push(d.0);
            dests.push(d);
        }
        let props = self.body.op(o).props;
        self.emit(
            o,
            strata_dialect_tensor::StringCallOp::NAME,
            &operands,
            &[],
            Some(props),
        );
        for (&r, (b, root)) in results.iter().zip(dests) {
            self.bind(r, b, root);
        }
        Ok(())
    }

    fn extract_slice(&mut self, o: Op) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let lists = static_lists(&OpRef::new(ctx, self.body, o), 1, &SLICE_LISTS)
            .map_err(|e| self.error(o, e))?;
        let src = self.body.operand(o, 0);
        let (sb, sroot) = (self.buf(src, o)?, self.root(src));
        let v = self.subview(o, sb, &lists[0], &lists[1], &lists[2])?;
        let r = self.body.result(o, 0);
        let rt = self.body.value_type(r);
        let rshape = shaped(ctx, rt).map_or(Vec::new(), |(s, _)| s.to_vec());
        if rshape == lists[1] {
            let root = sroot.ok_or_else(|| self.error(o, "the source has no buffer"))?;
            self.bind(r, v, root);
            return Ok(());
        }
        let kept = kept_dims(&lists[1], &rshape)
            .ok_or_else(|| self.error(o, "the result does not match the slice sizes"))?;
        let mt = memref_of(ctx, rt).map_err(|e| self.error(o, e))?;
        let (a, root) = self.alloc(o, mt);
        self.copy_generic(o, v, expand_unit_map(&kept), a, identity(rshape.len()))?;
        self.bind(r, a, root);
        Ok(())
    }

    fn insert_slice(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let lists = static_lists(&OpRef::new(ctx, self.body, o), 2, &SLICE_LISTS)
            .map_err(|e| self.error(o, e))?;
        let src = self.body.operand(o, 0);
        let dst = self.body.operand(o, 1);
        let r = self.body.result(o, 0);
        let forbid: Vec<usize> = self.root(src).into_iter().collect();
        let (db, droot) = self.dest(o, pos, r, Some((dst, true)), &forbid)?;
        let view = self.subview(o, db, &lists[0], &lists[1], &lists[2])?;
        let sb = self.buf(src, o)?;
        let sshape = shaped(ctx, self.body.value_type(src)).map_or(Vec::new(), |(s, _)| s.to_vec());
        if sshape == lists[1] {
            self.copy(o, sb, view);
        } else {
            let kept = kept_dims(&lists[1], &sshape)
                .ok_or_else(|| self.error(o, "the source does not match the slice sizes"))?;
            self.copy_generic(o, sb, identity(sshape.len()), view, expand_unit_map(&kept))?;
        }
        self.bind(r, db, droot);
        Ok(())
    }

    fn pad(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let lists = static_lists(&OpRef::new(ctx, self.body, o), 1, &PAD_LISTS)
            .map_err(|e| self.error(o, e))?;
        let region = self.body.regions(o)[0];
        let yielded = self
            .body
            .entry_block(region)
            .and_then(|b| self.body.last_op(b))
            .filter(|&y| self.body.num_operands(y) == 1)
            .map(|y| self.body.operand(y, 0))
            .ok_or_else(|| self.error(o, "the padding region must yield one value"))?;
        // The padding value: defined above the pad, or a constant inside its region.
        let value = match self.body.defining_op(yielded) {
            Some(def) if nested_in(self.body, def, o) => {
                if ctx.op_name_str(self.body.name(def)) != "arith.constant" {
                    return Err(self.error(
                        o,
                        "a padding value computed from the position is not supported (only a \
                         constant or a value defined above)",
                    ));
                }
                let props = self.body.op(def).props;
                let t = self.body.value_type(yielded);
                let c = self.emit(o, "arith.constant", &[], &[t], Some(props));
                self.body.result(c, 0)
            }
            Some(_) => yielded,
            None => {
                let is_own_arg = self
                    .body
                    .entry_block(region)
                    .is_some_and(|b| self.body.block_args(b).contains(&yielded));
                if is_own_arg {
                    return Err(self.error(o, "a padding value that is an index is not supported"));
                }
                yielded
            }
        };
        let src = self.body.operand(o, 0);
        let sshape = shaped(ctx, self.body.value_type(src)).map_or(Vec::new(), |(s, _)| s.to_vec());
        let r = self.body.result(o, 0);
        let (db, droot) = self.dest(o, pos, r, None, &[])?;
        self.fill(o, FillFrom::Scalar(value), db)?;
        let ones = vec![1; sshape.len()];
        let view = self.subview(o, db, &lists[0], &sshape, &ones)?;
        let sb = self.buf(src, o)?;
        self.copy(o, sb, view);
        self.bind(r, db, droot);
        Ok(())
    }

    fn reshape(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let groups = reassociation_of(ctx, &OpRef::new(ctx, self.body, o))
            .ok_or_else(|| self.error(o, "missing 'reassociation'"))?;
        let src = self.body.operand(o, 0);
        let r = self.body.result(o, 0);
        let shape_of = |b: &Body, v: Value| {
            shaped(ctx, b.value_type(v)).map_or(Vec::new(), |(s, _)| s.to_vec())
        };
        let (ss, rs) = (shape_of(self.body, src), shape_of(self.body, r));
        let sb = self.buf(src, o)?;
        let (db, droot) = self.dest(o, pos, r, None, &[])?;
        if ctx.op_name_str(self.body.name(o)) == "tensor.collapse_shape" {
            self.copy_generic(o, sb, identity(ss.len()), db, collapse_map(&ss, &groups))?;
        } else {
            self.copy_generic(o, sb, collapse_map(&rs, &groups), db, identity(rs.len()))?;
        }
        self.bind(r, db, droot);
        Ok(())
    }

    fn concat(&mut self, o: Op, pos: usize) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let dim = ctx
            .dict_get(self.body.op(o).props, "dim")
            .and_then(|a| strata_dialect_tensor::util::int_value(ctx, a))
            .and_then(|d| usize::try_from(d).ok())
            .ok_or_else(|| self.error(o, "missing 'dim'"))?;
        let r = self.body.result(o, 0);
        let (db, droot) = self.dest(o, pos, r, None, &[])?;
        let inputs: Vec<Value> = self.body.operands(o).collect();
        let mut off: i64 = 0;
        for x in inputs {
            let xs = shaped(ctx, self.body.value_type(x)).map_or(Vec::new(), |(s, _)| s.to_vec());
            let mut offsets = vec![0; xs.len()];
            if let Some(slot) = offsets.get_mut(dim) {
                *slot = off;
            }
            let ones = vec![1; xs.len()];
            let view = self.subview(o, db, &offsets, &xs, &ones)?;
            let xb = self.buf(x, o)?;
            self.copy(o, xb, view);
            off += xs.get(dim).copied().unwrap_or(0);
        }
        self.bind(r, db, droot);
        Ok(())
    }

    fn call(
        &mut self,
        o: Op,
        pos: usize,
        sigs: &BTreeMap<String, Signature>,
    ) -> Result<(), Diagnostic> {
        let ctx = self.ctx;
        let d = self.body.op(o);
        let props = d.props;
        let callee = ctx
            .dict_get(props, "callee")
            .or_else(|| ctx.dict_get(d.attrs, "callee"));
        let name = match callee.map(|a| ctx.attr_kind(a)) {
            Some(AttrKind::SymbolRef { root, nested }) if nested.is_empty() => {
                ctx.str(*root).to_string()
            }
            _ => return Err(self.error(o, "the callee must be a flat symbol reference")),
        };
        let Some(sig) = sigs.get(&name) else {
            return Err(self.error(
                o,
                format_args!("the callee @{name} is not a function of this module"),
            ));
        };
        if sig.results.iter().any(|&t| !is_tensor(ctx, t)) {
            return Err(self.error(
                o,
                format_args!("the callee @{name} returns a non-tensor value"),
            ));
        }
        let mut operands = Vec::new();
        for x in self.body.operands(o).collect::<Vec<_>>() {
            operands.push(self.buf(x, o)?);
        }
        let results = self.body.results(o).to_vec();
        let mut bound = Vec::new();
        for &r in &results {
            let forbid: Vec<usize> = Vec::new();
            let (b, root) = self.dest(o, pos, r, None, &forbid)?;
            operands.push(b);
            bound.push((r, b, root));
        }
        self.emit(o, "func.call", &operands, &[], Some(props));
        for (r, b, root) in bound {
            self.bind(r, b, root);
        }
        Ok(())
    }

    /// Free every allocation after the last use of it or of a view of it (an unused
    /// allocation is removed).
    fn deallocate(&mut self, block: strata_ir::Block) {
        let ops = self.body.block_op_vec(block);
        let pos: BTreeMap<Op, usize> = ops.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut derived: BTreeMap<Value, Vec<Value>> = BTreeMap::new();
        for (&v, &base) in &self.view_of {
            derived.entry(base).or_default().push(v);
        }
        for a in self.allocs.clone() {
            let mut vals = vec![a];
            vals.extend(derived.get(&a).cloned().unwrap_or_default());
            let mut last: Option<usize> = None;
            for v in vals {
                for u in self.body.uses(v) {
                    if let Some(p) = self
                        .body
                        .ancestor_in_block(block, u.op)
                        .and_then(|x| pos.get(&x))
                    {
                        last = Some(last.map_or(*p, |l| l.max(*p)));
                    }
                }
            }
            let Some(def) = self.body.defining_op(a) else {
                continue;
            };
            match last {
                Some(p) => {
                    let loc = self.body.op(ops[p]).loc;
                    let mut st =
                        OperationState::new(self.ctx, self.ctx.op_name("loop.dealloc"), loc);
                    st.operands = vec![a];
                    let d = self.body.create_op(st);
                    self.body.insert_op(d, InsertPoint::After(ops[p]));
                }
                None => {
                    self.body.erase_op(def);
                    self.stats.allocs -= 1;
                }
            }
        }
    }
}

/// Whether `op` is nested (at any depth) in the regions of `parent`.
fn nested_in(body: &Body, mut op: Op, parent: Op) -> bool {
    while let Some(p) = body.parent_op(op) {
        if p == parent {
            return true;
        }
        op = p;
    }
    false
}
