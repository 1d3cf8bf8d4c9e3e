//! Semantics of the `tensor` dialect: structured ops and data movement.
//!
//! Structured ops (`tensor.generic` and the named ops) run through one driver: the loop
//! bounds come from the operand shapes and the indexing maps (the dialect's
//! [`StructuredOp`] interface), the points of the iteration space are visited in
//! lexicographic order, and at each point the body combines the input elements the maps
//! select with the current output elements, which it replaces. A body given as a region
//! (`generic`, `map`, `reduce`, the padding region of `pad`) runs its scalar ops one by one
//! through their own semantics (arith, math) on rank-0 tensors; a named op's known body
//! ([`ScalarBody`]) is computed natively with the same numerics: floats in `f64` rounded to
//! the element type after every operation (exactly `arith.mulf`/`arith.addf` in the element
//! type), integers wrapped to their width. So a named op and its `tensor-generalize`d form
//! agree bit for bit. Body ops may capture values defined above the op when those are
//! computed from constants (see [`captured`]).

use super::loop_ops::{MemArg, MemOut};
use super::{attr_int, table, OpCx, Sem, Table};
use crate::buffer::Buffer;
use crate::dtype::DType;
use crate::error::{bail, ensure, Result};
use crate::numeric::round_to_kind;
use crate::tensor::{strides, Data, Tensor};
use strata_dialect_tensor::movement::{mixed_lists, OpFoldResult, PAD_LISTS, SLICE_LISTS};
use strata_dialect_tensor::structured::{loop_bounds, structured, ScalarBody};
use strata_dialect_tensor::util::{i64s_attr, reassociation, DYN};
use strata_ir::{OpRef, Value};

pub(crate) fn register(t: &mut Table) {
    // Tensor or buffer form (see `generic_any`).
    t.insert("tensor.generic", Sem::Memory(generic_any));
    for name in [
        "tensor.fill",
        "tensor.map",
        "tensor.matmul",
        "tensor.batch_matmul",
        "tensor.transpose",
        "tensor.broadcast",
        "tensor.reduce",
        "tensor.conv2d_nchw_fchw",
        "tensor.conv2d_nhwc_hwcf",
        "tensor.depthwise_conv2d_nchw",
        "tensor.pool_nchw_max",
        "tensor.pool_nchw_sum",
    ] {
        t.insert(name, Sem::Compute(structured_op));
    }
    t.insert("tensor.empty", Sem::Compute(empty));
    t.insert("tensor.extract_slice", Sem::Compute(extract_slice));
    t.insert("tensor.insert_slice", Sem::Compute(insert_slice));
    t.insert("tensor.pad", Sem::Compute(pad));
    t.insert("tensor.collapse_shape", Sem::Compute(collapse_shape));
    t.insert("tensor.expand_shape", Sem::Compute(expand_shape));
    t.insert("tensor.concat", Sem::Compute(concat));
    t.insert("tensor.extract", Sem::Compute(extract));
    // The terminator of structured-op bodies: its operands are the body's results (the ops
    // above run their bodies themselves; as a terminator it yields to the parent op).
    t.insert("tensor.yield", Sem::Yield);
}

fn op_ref<'a>(cx: &OpCx<'a>) -> OpRef<'a> {
    OpRef::new(cx.ctx, cx.body, cx.op)
}

/// Write element 0 of `src` into element `i` of `dst` (same storage type).
fn set_elem(dst: &mut Data, i: usize, src: &Data) -> Result<()> {
    macro_rules! arms {
        ($($v:ident),*) => {
            match (dst, src) {
                $((Data::$v(d), Data::$v(s)) => {
                    let (Some(slot), Some(&x)) = (d.get_mut(i), s.first()) else {
                        bail!("element {i} out of range");
                    };
                    *slot = x;
                })*
                (d, s) => bail!(
                    "cannot store a {} element into a {} tensor",
                    s.storage_dtype(),
                    d.storage_dtype()
                ),
            }
        };
    }
    arms!(F16, BF16, F32, F64, I8, I16, I32, I64, U8, U16, U32, U64, Bool);
    Ok(())
}

/// Element `i` of `t` as a rank-0 tensor.
fn scalar_at(t: &Tensor, i: usize) -> Result<Tensor> {
    Tensor::new(t.dtype(), Vec::new(), t.data().gather(&[i]))
}

/// The value of an `index` (or integer) scalar operand.
fn index_value(t: &Tensor) -> Result<i64> {
    let v = t.to_i64_vec()?;
    ensure!(
        v.len() == 1,
        "expected a scalar index, got {}",
        t.type_str()
    );
    Ok(v[0])
}

/// Resolve a mixed static/dynamic list against the operand values.
fn resolve(list: &[OpFoldResult], ins: &[&Tensor]) -> Result<Vec<i64>> {
    list.iter()
        .map(|x| match *x {
            OpFoldResult::Static(v) => Ok(v),
            OpFoldResult::Operand(i) => match ins.get(i) {
                Some(t) => index_value(t),
                None => bail!("missing operand #{i}"),
            },
        })
        .collect()
}

fn usize_shape(shape: &[i64]) -> Result<Vec<usize>> {
    shape
        .iter()
        .map(|&d| {
            usize::try_from(d).map_err(|_| crate::error::Error::new(format!("negative size {d}")))
        })
        .collect()
}

/// A scalar body region prepared for repeated evaluation.
struct RegionBody<'a> {
    cx: &'a OpCx<'a>,
    args: Vec<Value>,
    /// Per body op (terminator excluded): its semantics, operand values and results.
    ops: Vec<(strata_ir::Op, super::ComputeFn, Vec<Value>, Vec<Value>)>,
    yielded: Vec<Value>,
    env: rustc_hash::FxHashMap<Value, Tensor>,
}

impl<'a> RegionBody<'a> {
    fn new(cx: &'a OpCx<'a>, region: strata_ir::Region) -> Result<Self> {
        let body = cx.body;
        let Some(block) = body.entry_block(region) else {
            bail!("the body region has no block");
        };
        let tbl = table();
        let mut ops = Vec::new();
        let mut yielded = None;
        for o in body.block_ops(block) {
            let name = cx.ctx.op_name_str(body.name(o));
            if name == "tensor.yield" {
                yielded = Some(body.operands(o).collect());
                break;
            }
            match tbl.get(name) {
                Some(Sem::Compute(f)) => {
                    ops.push((o, *f, body.operands(o).collect(), body.results(o).to_vec()))
                }
                Some(_) => bail!("body op '{name}' transfers control, which a scalar body cannot"),
                None => bail!("body op '{name}' is not interpretable"),
            }
        }
        let Some(yielded) = yielded else {
            bail!("the body does not end with 'tensor.yield'");
        };
        Ok(RegionBody {
            cx,
            args: body.block_args(block).to_vec(),
            ops,
            yielded,
            env: Default::default(),
        })
    }

    /// Run the body on `args` (one rank-0 tensor per block argument).
    fn run(&mut self, args: Vec<Tensor>) -> Result<Vec<Tensor>> {
        ensure!(
            args.len() == self.args.len(),
            "the body takes {} arguments, got {}",
            self.args.len(),
            args.len()
        );
        for (&a, t) in self.args.iter().zip(args) {
            self.env.insert(a, t);
        }
        for k in 0..self.ops.len() {
            for i in 0..self.ops[k].2.len() {
                let v = self.ops[k].2[i];
                if !self.env.contains_key(&v) {
                    let t = captured(self.cx, v, 0)?;
                    self.env.insert(v, t);
                }
            }
            let (o, f, operands, results) = &self.ops[k];
            let ins: Vec<&Tensor> = operands
                .iter()
                .map(|v| {
                    self.env
                        .get(v)
                        .ok_or_else(|| crate::error::Error::new("body operand has no value"))
                })
                .collect::<Result<_>>()?;
            let cx = OpCx {
                ctx: self.cx.ctx,
                body: self.cx.body,
                op: *o,
                max_elements: self.cx.max_elements,
                max_work: self.cx.max_work,
            };
            let outs = f(&cx, &ins).map_err(|e| {
                crate::error::Error::new(format!(
                    "in body op '{}': {e}",
                    self.cx.ctx.op_name_str(self.cx.body.name(*o))
                ))
            })?;
            ensure!(outs.len() == results.len(), "body op result count mismatch");
            for (&r, t) in results.iter().zip(outs) {
                self.env.insert(r, t);
            }
        }
        let mut out = Vec::with_capacity(self.yielded.len());
        for &v in &self.yielded {
            match self.env.get(&v) {
                Some(t) => out.push(t.clone()),
                None => {
                    let t = captured(self.cx, v, 0)?;
                    self.env.insert(v, t.clone());
                    out.push(t);
                }
            }
        }
        Ok(out)
    }
}

/// The value of `v`, defined above a body region: computed from its defining op when that
/// op (and, recursively, those of its operands) is a computation without regions, as
/// constants are. Block arguments of the enclosing function are out of reach of a compute
/// function, so a body capturing one is reported as not interpretable.
fn captured(cx: &OpCx<'_>, v: Value, depth: usize) -> Result<Tensor> {
    ensure!(
        depth < 16,
        "a body captures a value computed too deep above it"
    );
    let body = cx.body;
    let Some(o) = body.defining_op(v) else {
        bail!(
            "a body uses a block argument defined outside it, which the interpreter cannot read \
             (only values computed from constants can be captured)"
        );
    };
    let name = cx.ctx.op_name_str(body.name(o));
    let Some(Sem::Compute(f)) = table().get(name) else {
        bail!("a body captures the result of '{name}', which is not a pure computation");
    };
    ensure!(
        body.regions(o).is_empty(),
        "a body captures the result of '{name}', which has regions"
    );
    let ins: Vec<Tensor> = body
        .operands(o)
        .map(|x| captured(cx, x, depth + 1))
        .collect::<Result<_>>()?;
    let refs: Vec<&Tensor> = ins.iter().collect();
    let ocx = OpCx {
        ctx: cx.ctx,
        body,
        op: o,
        max_elements: cx.max_elements,
        max_work: cx.max_work,
    };
    let outs = f(&ocx, &refs)?;
    let i = body.results(o).iter().position(|&r| r == v).unwrap_or(0);
    outs.into_iter()
        .nth(i)
        .ok_or_else(|| crate::error::Error::new(format!("'{name}' produced too few results")))
}

/// Numeric view of a tensor for the native bodies: floats widened to `f64`, integers as
/// signed values (`i1` as 0 / -1, as `arith` reads it).
enum Nums {
    F(Vec<f64>),
    I(Vec<i128>),
}

fn nums(t: &Tensor) -> Result<Nums> {
    if t.dtype().is_float() {
        return Ok(Nums::F(t.to_f64_vec()));
    }
    let mut v = super::graph::int_values(t)?;
    if t.dtype() == DType::Bool {
        v.iter_mut().for_each(|x| *x = -*x);
    }
    Ok(Nums::I(v))
}

/// Wrap an integer to `dtype`'s width (signed view).
fn wrap(dtype: DType, v: i128) -> i128 {
    match dtype {
        DType::Bool => -(v & 1),
        DType::I8 => v as i8 as i128,
        DType::I16 => v as i16 as i128,
        DType::I32 => v as i32 as i128,
        DType::U8 => v as u8 as i128,
        DType::U16 => v as u16 as i128,
        DType::U32 => v as u32 as i128,
        DType::U64 => v as u64 as i128,
        _ => v as i64 as i128,
    }
}

fn from_nums(dtype: DType, shape: Vec<usize>, n: Nums) -> Result<Tensor> {
    match n {
        Nums::F(v) => Tensor::from_f64s(dtype, shape, &v),
        Nums::I(v) => super::graph::from_int_values(dtype, shape, &v),
    }
}

/// The flat offsets of each operand's element at every point of the iteration space, in
/// lexicographic order, computed lazily by [`Points::next`].
struct Points {
    maps: Vec<strata_ir::affine::AffineMap>,
    shapes: Vec<Vec<usize>>,
    strides: Vec<Vec<usize>>,
    bounds: Vec<i64>,
    idx: Vec<i64>,
    done: bool,
}

impl Points {
    fn new(
        maps: Vec<strata_ir::affine::AffineMap>,
        shapes: Vec<Vec<usize>>,
        bounds: Vec<i64>,
    ) -> Self {
        let strides = shapes.iter().map(|s| strides(s)).collect();
        let done = bounds.iter().any(|&b| b <= 0);
        Points {
            idx: vec![0; bounds.len()],
            maps,
            shapes,
            strides,
            bounds,
            done,
        }
    }

    /// The flat offsets of every operand at the next point, or `None` after the last.
    fn next(&mut self, offs: &mut [usize]) -> Result<bool> {
        if self.done {
            return Ok(false);
        }
        for (k, m) in self.maps.iter().enumerate() {
            let mut flat = 0usize;
            for (j, e) in m.results.iter().enumerate() {
                let Some(x) = e.eval(&self.idx, &[]) else {
                    bail!("indexing map #{k} cannot be evaluated at {:?}", self.idx);
                };
                let size = self.shapes[k][j];
                if x < 0 || x as usize >= size {
                    bail!(
                        "indexing map #{k} gives index {x} for dimension {j} of operand #{k}, which has size {size}"
                    );
                }
                flat += x as usize * self.strides[k][j];
            }
            offs[k] = flat;
        }
        let mut k = self.idx.len();
        loop {
            if k == 0 {
                self.done = true;
                break;
            }
            k -= 1;
            self.idx[k] += 1;
            if self.idx[k] < self.bounds[k] {
                break;
            }
            self.idx[k] = 0;
        }
        Ok(true)
    }
}

/// `tensor.generic` in either form. Tensor form: as every structured op. Buffer form
/// (memref operands, no results): the operands are read (inputs and inits, all before any
/// write), the op runs as on tensors, and the new init elements are written back into the
/// init buffers (a constant global among them is an error).
fn generic_any(cx: &OpCx<'_>, args: &[MemArg<'_>]) -> Result<Vec<MemOut>> {
    let any_buffer = args.iter().any(|a| matches!(a, MemArg::Buffer(_)));
    if !any_buffer {
        let ins: Vec<&Tensor> = args
            .iter()
            .filter_map(|a| match a {
                MemArg::Tensor(t) => Some(*t),
                MemArg::Buffer(_) => None,
            })
            .collect();
        return Ok(structured_op(cx, &ins)?
            .into_iter()
            .map(MemOut::Tensor)
            .collect());
    }
    ensure!(
        cx.num_results() == 0,
        "a generic with buffer operands must have no results (the buffer form)"
    );
    let mut owned: Vec<Tensor> = Vec::with_capacity(args.len());
    let mut outs: Vec<&Buffer> = Vec::new();
    let n_in = crate::ops::loop_ops::generic_inputs(cx)?;
    for (i, a) in args.iter().enumerate() {
        match a {
            MemArg::Tensor(t) => {
                ensure!(i < n_in, "init #{} must be a buffer", i - n_in);
                owned.push((*t).clone());
            }
            MemArg::Buffer(b) => {
                owned.push(b.to_tensor()?);
                if i >= n_in {
                    outs.push(b);
                }
            }
        }
    }
    let ins: Vec<&Tensor> = owned.iter().collect();
    let results = structured_op(cx, &ins)?;
    ensure!(
        results.len() == outs.len(),
        "computed {} outputs for {} init buffers",
        results.len(),
        outs.len()
    );
    for (r, b) in results.into_iter().zip(outs) {
        Buffer::from_tensor(r).copy_to(b)?;
    }
    Ok(Vec::new())
}

/// Every structured op: see the module docs.
fn structured_op(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let op = op_ref(cx);
    let Some(s) = structured(op) else {
        bail!("is not a structured op");
    };
    let maps = s.indexing_maps().map_err(crate::error::Error::new)?;
    let n_loops = s.iterator_types().map_err(crate::error::Error::new)?.len();
    let n_in = s.num_inputs();
    ensure!(
        maps.len() == ins.len() && n_in <= ins.len(),
        "expects one indexing map per operand"
    );
    let shapes: Vec<Vec<usize>> = ins.iter().map(|t| t.shape().to_vec()).collect();
    let ishapes: Vec<Vec<i64>> = shapes
        .iter()
        .map(|s| s.iter().map(|&d| d as i64).collect())
        .collect();
    let bounds = loop_bounds(&maps, &ishapes, n_loops).map_err(crate::error::Error::new)?;
    let factors: Vec<usize> = bounds.iter().map(|&b| b.max(0) as usize).collect();
    cx.work(&factors)?;
    let mut outs: Vec<Tensor> = ins[n_in..].iter().map(|&t| t.clone()).collect();
    let mut points = Points::new(maps, shapes, bounds);
    let mut offs = vec![0usize; ins.len()];
    match s.scalar_body() {
        ScalarBody::Region {
            region,
            has_init_args,
        } => {
            let mut rb = RegionBody::new(cx, region)?;
            let n_args = if has_init_args { ins.len() } else { n_in };
            let mut parts: Vec<(DType, Vec<usize>, Data)> =
                outs.drain(..).map(Tensor::into_parts).collect();
            while points.next(&mut offs)? {
                let mut args = Vec::with_capacity(n_args);
                for (k, &off) in offs.iter().enumerate().take(n_in) {
                    args.push(scalar_at(ins[k], off)?);
                }
                if has_init_args {
                    for ((dtype, _, data), &off) in parts.iter().zip(&offs[n_in..]) {
                        args.push(Tensor::new(*dtype, Vec::new(), data.gather(&[off]))?);
                    }
                }
                let ys = rb.run(args)?;
                ensure!(
                    ys.len() == parts.len(),
                    "the body yields {} values for {} outputs",
                    ys.len(),
                    parts.len()
                );
                for ((dtype, _, data), (&off, y)) in
                    parts.iter_mut().zip(offs[n_in..].iter().zip(ys))
                {
                    ensure!(
                        y.dtype() == *dtype,
                        "the body yields {}, expected {}",
                        y.type_str(),
                        dtype
                    );
                    set_elem(data, off, y.data())?;
                }
            }
            for (dtype, shape, data) in parts {
                outs.push(Tensor::new(dtype, shape, data)?);
            }
        }
        ScalarBody::Copy => {
            ensure!(
                outs.len() == 1 && n_in >= 1,
                "a copy body needs an input and an init"
            );
            let (dtype, shape, mut data) = outs
                .pop()
                .map(Tensor::into_parts)
                .ok_or_else(|| crate::error::Error::new("no init"))?;
            ensure!(
                ins[0].data().storage_dtype() == data.storage_dtype(),
                "input and init element types differ"
            );
            while points.next(&mut offs)? {
                set_elem(&mut data, offs[n_in], &ins[0].data().gather(&[offs[0]]))?;
            }
            outs.push(Tensor::new(dtype, shape, data)?);
        }
        kind => {
            ensure!(
                outs.len() == 1 && n_in >= 1,
                "the body needs an input and an init"
            );
            let out = outs
                .pop()
                .ok_or_else(|| crate::error::Error::new("no init"))?;
            let dtype = out.dtype();
            let shape = out.shape().to_vec();
            let a = nums(ins[0])?;
            let b = match kind {
                ScalarBody::MulAdd => Some(nums(
                    ins.get(1)
                        .copied()
                        .ok_or_else(|| crate::error::Error::new("missing input"))?,
                )?),
                _ => None,
            };
            let mut acc = nums(&out)?;
            match (&mut acc, &a, &b) {
                (Nums::F(acc), Nums::F(a), b) => {
                    let kind_f = dtype
                        .float_kind()
                        .ok_or_else(|| crate::error::Error::new("expected a float init"))?;
                    let r = |x: f64| round_to_kind(kind_f, x);
                    while points.next(&mut offs)? {
                        let o = offs[n_in];
                        let x = a[offs[0]];
                        acc[o] = match (kind, b) {
                            (ScalarBody::MulAdd, Some(Nums::F(b))) => r(acc[o] + r(x * b[offs[1]])),
                            (ScalarBody::Add, _) => r(acc[o] + x),
                            (ScalarBody::Max, _) => super::arith::maximum(acc[o], x),
                            _ => bail!("operand element types differ"),
                        };
                    }
                }
                (Nums::I(acc), Nums::I(a), b) => {
                    let w = |x: i128| wrap(dtype, x);
                    while points.next(&mut offs)? {
                        let o = offs[n_in];
                        let x = a[offs[0]];
                        acc[o] = match (kind, b) {
                            (ScalarBody::MulAdd, Some(Nums::I(b))) => w(acc[o] + w(x * b[offs[1]])),
                            (ScalarBody::Add, _) => w(acc[o] + x),
                            (ScalarBody::Max, _) => acc[o].max(x),
                            _ => bail!("operand element types differ"),
                        };
                    }
                }
                _ => bail!("operand element types differ"),
            }
            if dtype == DType::Bool {
                if let Nums::I(v) = &mut acc {
                    v.iter_mut().for_each(|x| *x = -*x);
                }
            }
            outs.push(from_nums(dtype, shape, acc)?);
        }
    }
    Ok(outs)
}

/// `tensor.empty`: zeros, dynamic sizes from the operands.
fn empty(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let ty = cx.result_type(0)?;
    let Some((shape, _)) = strata_dialect_tensor::util::ranked(cx.ctx, ty) else {
        bail!("result must be a ranked tensor");
    };
    let mut dynamic = ins.iter();
    let mut dims = Vec::with_capacity(shape.len());
    for &d in shape {
        if d == DYN {
            let Some(t) = dynamic.next() else {
                bail!("missing a dynamic size");
            };
            let v = index_value(t)?;
            ensure!(v >= 0, "negative size {v}");
            dims.push(v as usize);
        } else {
            dims.push(d as usize);
        }
    }
    let dtype = cx.result_dtype(0)?;
    Ok(vec![Tensor::zeros(dtype, dims, cx.max_elements)?])
}

/// The slice positions of a strided slice: flat offsets in a tensor of `shape`, row-major
/// over `sizes`, checked in bounds.
fn slice_offsets(
    shape: &[usize],
    offs: &[i64],
    sizes: &[i64],
    steps: &[i64],
) -> Result<Vec<usize>> {
    ensure!(
        offs.len() == shape.len() && sizes.len() == shape.len() && steps.len() == shape.len(),
        "expects one offset, size and stride per dimension"
    );
    for i in 0..shape.len() {
        ensure!(
            offs[i] >= 0 && sizes[i] >= 0 && steps[i] >= 1,
            "dimension {i}: invalid slice"
        );
        if sizes[i] > 0 {
            let last = offs[i] as i128 + (sizes[i] as i128 - 1) * steps[i] as i128;
            ensure!(
                last < shape[i] as i128,
                "dimension {i}: the slice reaches index {last}, out of bounds of size {}",
                shape[i]
            );
        }
    }
    let st = strides(shape);
    let mut out = vec![0usize];
    for i in 0..shape.len() {
        let mut next = Vec::with_capacity(out.len() * sizes[i] as usize);
        for &base in &out {
            for k in 0..sizes[i] {
                next.push(base + (offs[i] + k * steps[i]) as usize * st[i]);
            }
        }
        out = next;
    }
    Ok(out)
}

/// The shape of a rank-reduced slice: `sizes` without the unit dimensions the result type
/// drops.
fn reduced_shape(cx: &OpCx<'_>, ty: strata_ir::Type, sizes: &[i64]) -> Result<Vec<usize>> {
    let Some((rshape, _)) = strata_dialect_tensor::util::ranked(cx.ctx, ty) else {
        bail!("expected a ranked tensor type");
    };
    let mut out = Vec::with_capacity(rshape.len());
    let mut j = 0;
    for &s in sizes {
        if j < rshape.len() && (rshape[j] == DYN || rshape[j] == s) && (s != 1 || rshape[j] == 1) {
            out.push(s as usize);
            j += 1;
        } else if s != 1 {
            bail!("slice sizes do not match the result type");
        }
    }
    ensure!(
        j == rshape.len(),
        "slice sizes do not match the result type"
    );
    Ok(out)
}

/// `tensor.extract`: the element at the index operands, as a rank-0 tensor.
fn extract(_: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let src = ins[0];
    ensure!(
        ins.len() == 1 + src.rank(),
        "expected {} indices, got {}",
        src.rank(),
        ins.len() - 1
    );
    let mut flat = 0usize;
    for (d, (&n, t)) in src.shape().iter().zip(&ins[1..]).enumerate() {
        let i = index_value(t)?;
        let Some(i) = usize::try_from(i).ok().filter(|&i| i < n) else {
            bail!("index {i} out of bounds of dimension {d} (size {n})");
        };
        flat = flat * n + i;
    }
    Ok(vec![Tensor::new(
        src.dtype(),
        Vec::new(),
        src.data().gather(&[flat]),
    )?])
}

fn extract_slice(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let lists = mixed_lists(&op_ref(cx), 1, &SLICE_LISTS).map_err(crate::error::Error::new)?;
    let (offs, sizes, steps) = (
        resolve(&lists[0], ins)?,
        resolve(&lists[1], ins)?,
        resolve(&lists[2], ins)?,
    );
    let src = ins[0];
    let idx = slice_offsets(src.shape(), &offs, &sizes, &steps)?;
    let shape = reduced_shape(cx, cx.result_type(0)?, &sizes)?;
    Ok(vec![Tensor::new(
        src.dtype(),
        shape,
        src.data().gather(&idx),
    )?])
}

fn insert_slice(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let lists = mixed_lists(&op_ref(cx), 2, &SLICE_LISTS).map_err(crate::error::Error::new)?;
    let (offs, sizes, steps) = (
        resolve(&lists[0], ins)?,
        resolve(&lists[1], ins)?,
        resolve(&lists[2], ins)?,
    );
    let (src, dest) = (ins[0], ins[1]);
    let idx = slice_offsets(dest.shape(), &offs, &sizes, &steps)?;
    ensure!(
        idx.len() == src.len(),
        "the source has {} elements, the slice {}",
        src.len(),
        idx.len()
    );
    let (dtype, shape, mut data) = dest.clone().into_parts();
    for (k, &i) in idx.iter().enumerate() {
        set_elem(&mut data, i, &src.data().gather(&[k]))?;
    }
    Ok(vec![Tensor::new(dtype, shape, data)?])
}

fn pad(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let lists = mixed_lists(&op_ref(cx), 1, &PAD_LISTS).map_err(crate::error::Error::new)?;
    let (low, high) = (resolve(&lists[0], ins)?, resolve(&lists[1], ins)?);
    let src = ins[0];
    let rank = src.rank();
    ensure!(
        low.len() == rank && high.len() == rank,
        "expects one padding amount per dimension"
    );
    let mut shape = Vec::with_capacity(rank);
    for i in 0..rank {
        ensure!(low[i] >= 0 && high[i] >= 0, "negative padding");
        shape.push(src.shape()[i] + low[i] as usize + high[i] as usize);
    }
    let n = cx.numel(&shape)?;
    cx.work(&[n])?;
    let Some(&region) = cx.body.regions(cx.op).first() else {
        bail!("has no padding region");
    };
    let mut rb = RegionBody::new(cx, region)?;
    let src_strides = strides(src.shape());
    let mut data = Data::zeros(src.dtype(), n);
    let mut idx = vec![0usize; rank];
    for flat in 0..n {
        let mut inside = true;
        let mut so = 0;
        for i in 0..rank {
            let j = idx[i] as i64 - low[i];
            if j < 0 || j as usize >= src.shape()[i] {
                inside = false;
                break;
            }
            so += j as usize * src_strides[i];
        }
        if inside {
            set_elem(&mut data, flat, &src.data().gather(&[so]))?;
        } else {
            let args = idx
                .iter()
                .map(|&i| Tensor::index_scalar(i as i64))
                .collect();
            let ys = rb.run(args)?;
            let [y] = &ys[..] else {
                bail!("the padding region must yield one value");
            };
            ensure!(
                y.dtype() == src.dtype(),
                "the padding region yields {}, expected {}",
                y.type_str(),
                src.dtype()
            );
            set_elem(&mut data, flat, y.data())?;
        }
        for k in (0..rank).rev() {
            idx[k] += 1;
            if idx[k] < shape[k] {
                break;
            }
            idx[k] = 0;
        }
    }
    Ok(vec![Tensor::new(src.dtype(), shape, data)?])
}

fn groups(cx: &OpCx<'_>) -> Result<Vec<Vec<i64>>> {
    let Some(a) = cx.attr("reassociation") else {
        bail!("requires attribute 'reassociation'");
    };
    reassociation(cx.ctx, a).ok_or_else(|| {
        crate::error::Error::new("'reassociation' must be an array of arrays of integers")
    })
}

fn collapse_shape(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let g = groups(cx)?;
    let src = ins[0];
    let mut shape = Vec::with_capacity(g.len());
    for grp in &g {
        let mut p = 1usize;
        for &i in grp {
            let Some(&d) = usize::try_from(i).ok().and_then(|i| src.shape().get(i)) else {
                bail!("reassociation index {i} out of range");
            };
            p *= d;
        }
        shape.push(p);
    }
    Ok(vec![src.clone().reshape(shape)?])
}

fn expand_shape(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let g = groups(cx)?;
    let out = i64s_attr(&op_ref(cx), "static_output_shape")
        .map_err(crate::error::Error::new)?
        .unwrap_or_default();
    let mut dynamic = ins[1..].iter();
    let mut shape = Vec::with_capacity(out.len());
    for &d in &out {
        shape.push(if d == DYN {
            match dynamic.next() {
                Some(t) => index_value(t)?,
                None => bail!("missing a dynamic output size"),
            }
        } else {
            d
        });
    }
    let shape = usize_shape(&shape)?;
    let src = ins[0];
    ensure!(
        g.len() == src.rank(),
        "reassociation has {} groups for rank {}",
        g.len(),
        src.rank()
    );
    for (i, grp) in g.iter().enumerate() {
        let p: usize = grp
            .iter()
            .map(|&k| shape.get(k as usize).copied().unwrap_or(0))
            .product();
        ensure!(
            p == src.shape()[i],
            "output sizes of group {i} multiply to {p}, but the source dimension is {}",
            src.shape()[i]
        );
    }
    Ok(vec![src.clone().reshape(shape)?])
}

fn concat(cx: &OpCx<'_>, ins: &[&Tensor]) -> Result<Vec<Tensor>> {
    let dim = match cx.attr("dim").and_then(|a| attr_int(cx.ctx, a)) {
        Some(d) => d,
        None => bail!("requires integer attribute 'dim'"),
    };
    let first = ins[0];
    let rank = first.rank();
    ensure!(dim >= 0 && (dim as usize) < rank, "'dim' out of range");
    let dim = dim as usize;
    let mut shape = first.shape().to_vec();
    shape[dim] = 0;
    for t in ins {
        ensure!(
            t.rank() == rank && t.dtype() == first.dtype(),
            "operands differ in rank or type"
        );
        for k in 0..rank {
            ensure!(
                k == dim || t.shape()[k] == first.shape()[k],
                "operand sizes differ outside 'dim'"
            );
        }
        shape[dim] += t.shape()[dim];
    }
    let n = cx.numel(&shape)?;
    let outer: usize = shape[..dim].iter().product();
    let mut idx = Vec::with_capacity(n);
    let mut sources = Vec::with_capacity(n);
    for o in 0..outer {
        for (k, t) in ins.iter().enumerate() {
            let chunk: usize = t.shape()[dim..].iter().product();
            for j in 0..chunk {
                sources.push(k);
                idx.push(o * chunk + j);
            }
        }
    }
    let mut data = Data::zeros(first.dtype(), n);
    for (flat, (&k, &i)) in sources.iter().zip(&idx).enumerate() {
        set_elem(&mut data, flat, &ins[k].data().gather(&[i]))?;
    }
    Ok(vec![Tensor::new(first.dtype(), shape, data)?])
}
