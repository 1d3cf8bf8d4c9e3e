//! Op semantics: a table from op name to what executing the op means, built once and only
//! looked up (nothing iterates it), split into modules by dialect.
//!
//! Most ops are [`Sem::Compute`] functions from operand tensors to result tensors, given an
//! [`OpCx`] to read attributes and result types. Ops that transfer control (returns,
//! branches, calls, region ops) are named by the other [`Sem`] variants and executed by the
//! interpreter core (`eval.rs`).

use crate::dtype::DType;
use crate::error::{bail, Result};
use crate::ir::{type_str, ValueType};
use crate::tensor::{checked_numel, Tensor};
use rustc_hash::FxHashMap;
use std::sync::OnceLock;
use strata_ir::{AttrKind, Attribute, Body, Context, Op, Type};

pub(crate) mod arith;
pub(crate) mod control;
pub(crate) mod cpu;
pub(crate) mod global;
pub(crate) mod graph;
pub(crate) mod graph_seq;
pub(crate) mod hw;
pub(crate) mod loop_ops;
pub(crate) mod math;
pub(crate) mod tensor;
pub(crate) mod ukernels;
pub(crate) mod util;

/// A compute function: operand tensors in, result tensors out.
pub(crate) type ComputeFn = fn(&OpCx<'_>, &[&Tensor]) -> Result<Vec<Tensor>>;

/// A function on values that may be sequences or optionals (`graph.sequence_*`,
/// `graph.optional*`): operand values in, result values out.
pub(crate) type ValuesFn =
    fn(&OpCx<'_>, Vec<crate::value::AnyValue>) -> Result<Vec<crate::value::AnyValue>>;

/// What executing an op means.
#[derive(Clone, Copy)]
pub(crate) enum Sem {
    /// A pure computation.
    Compute(ComputeFn),
    /// Return the operands from the enclosing function (`func.return`).
    Return,
    /// Return the operands to the parent op of the region (`test.yield`, `test.terminator`).
    Yield,
    /// Jump to the single successor passing all operands (`test.br`, `cf.br`).
    Branch,
    /// `cf.cond_br`: condition, then the operands of each successor (by
    /// `operandSegmentSizes`).
    CondBranch,
    /// `func.call`: call the function named by `callee`.
    Call,
    /// `func.call_indirect`: call the function value in operand 0.
    CallIndirect,
    /// `func.constant`: a function value.
    FuncConstant,
    /// Run the op's single region and take the yielded values as results (`test.region`).
    Region,
    /// `loop.for`: run the body for each value of the induction variable.
    LoopFor,
    /// `loop.parallel`: run the body at each point, combining its values by reductions.
    LoopParallel,
    /// `loop.if`: run the then or the else region.
    LoopIf,
    /// `hw.parallel`: run the body for each index of the range (in increasing order).
    HwParallel,
    /// A buffer op of the `loop` dialect (operands and results may be buffers).
    Memory(loop_ops::MemoryFn),
    /// `loop.get_global`: the buffer of a module-level global (materialised once per run).
    GetGlobal,
    /// `graph.if`: run the then or the else region.
    If,
    /// `graph.loop`: run the body region while the trip count and condition allow.
    Loop,
    /// `graph.scan`: run the body region once per slice of the scan inputs.
    Scan,
    /// An op on sequences or optionals.
    Values(ValuesFn),
}

/// The op table type.
pub(crate) type Table = FxHashMap<&'static str, Sem>;

/// The op table, built on first use.
pub(crate) fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t = Table::default();
        control::register(&mut t);
        arith::register(&mut t);
        math::register(&mut t);
        graph::register(&mut t);
        loop_ops::register(&mut t);
        hw::register(&mut t);
        cpu::register(&mut t);
        global::register(&mut t);
        graph_seq::register(&mut t);
        crate::strings::register(&mut t);
        tensor::register(&mut t);
        t
    })
}

/// Whether the interpreter has semantics for the op named `name`.
pub fn is_interpretable(name: &str) -> bool {
    table().contains_key(name)
}

/// What a compute function sees of its op.
pub struct OpCx<'a> {
    /// The context.
    pub ctx: &'a Context,
    /// The body holding the op.
    pub body: &'a Body,
    /// The op.
    pub op: Op,
    /// The largest tensor (in elements) an op may create.
    pub max_elements: usize,
    /// The most work (multiply-adds, window positions) one op may do.
    pub max_work: u64,
}

impl OpCx<'_> {
    /// An inherent attribute, falling back to the discardable ones.
    pub fn attr(&self, name: &str) -> Option<Attribute> {
        let d = self.body.op(self.op);
        self.ctx
            .dict_get(d.props, name)
            .or_else(|| self.ctx.dict_get(d.attrs, name))
    }
    /// The number of results.
    pub fn num_results(&self) -> usize {
        self.body.results(self.op).len()
    }
    /// The type of result `i`.
    pub fn result_type(&self, i: usize) -> Result<Type> {
        match self.body.results(self.op).get(i) {
            Some(&v) => Ok(self.body.value_type(v)),
            None => bail!("expected at least {} results", i + 1),
        }
    }
    /// The runtime view of result `i`'s type.
    pub fn result_vt(&self, i: usize) -> Result<ValueType> {
        ValueType::from_ir(self.ctx, self.result_type(i)?)
    }
    /// The dtype of result `i`.
    pub fn result_dtype(&self, i: usize) -> Result<DType> {
        Ok(self.result_vt(i)?.dtype)
    }
    /// Check the element count of a shape against the limit.
    pub fn numel(&self, shape: &[usize]) -> Result<usize> {
        checked_numel(shape, self.max_elements)
    }
    /// Check that an op doing `factors` multiplied units of work stays within the limit.
    pub fn work(&self, factors: &[usize]) -> Result<()> {
        let mut w: u64 = 1;
        for &f in factors {
            w = w.saturating_mul(f as u64);
        }
        if w > self.max_work {
            bail!(
                "needs {w} steps of work, more than the limit of {} (Interpreter::with_max_work)",
                self.max_work
            );
        }
        Ok(())
    }
    /// A printed type for messages.
    pub fn type_str(&self, ty: Type) -> String {
        type_str(self.ctx, ty)
    }

    /// An integer attribute (integer, or bool as 0/1).
    pub fn int(&self, name: &str) -> Result<Option<i64>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        match attr_int(self.ctx, a) {
            Some(v) => Ok(Some(v)),
            None => bail!("attribute '{name}' must be an integer"),
        }
    }
    /// An integer attribute with a default.
    pub fn int_or(&self, name: &str, default: i64) -> Result<i64> {
        Ok(self.int(name)?.unwrap_or(default))
    }
    /// A list of integers: an array of integer attributes, a dense array or dense elements.
    pub fn ints(&self, name: &str) -> Result<Option<Vec<i64>>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        match attr_ints(self.ctx, a, self.max_elements) {
            Some(v) => Ok(Some(v)),
            None => bail!("attribute '{name}' must be a list of integers"),
        }
    }
    /// A float attribute (integers are converted).
    pub fn float(&self, name: &str) -> Result<Option<f64>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        match attr_float(self.ctx, a) {
            Some(v) => Ok(Some(v)),
            None => bail!("attribute '{name}' must be a number"),
        }
    }
    /// A float attribute with a default.
    pub fn float_or(&self, name: &str, default: f64) -> Result<f64> {
        Ok(self.float(name)?.unwrap_or(default))
    }
    /// A list of floats: an array of number attributes, a dense array or dense elements.
    pub fn floats(&self, name: &str) -> Result<Option<Vec<f64>>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        let v = match self.ctx.attr_kind(a) {
            AttrKind::Array(items) => items
                .iter()
                .map(|&i| attr_float(self.ctx, i))
                .collect::<Option<Vec<_>>>(),
            AttrKind::DenseArray { .. } | AttrKind::DenseElements { .. } => {
                crate::ir::tensor_from_attr(self.ctx, a, self.max_elements)
                    .ok()
                    .map(|t| t.to_f64_vec())
                    .or_else(|| dense_array(self.ctx, a).map(|t| t.to_f64_vec()))
            }
            _ => None,
        };
        match v {
            Some(v) => Ok(Some(v)),
            None => bail!("attribute '{name}' must be a list of numbers"),
        }
    }
    /// A string attribute.
    pub fn string(&self, name: &str) -> Result<Option<String>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        match self.ctx.attr_kind(a) {
            AttrKind::String { value, .. } => match std::str::from_utf8(value) {
                Ok(s) => Ok(Some(s.to_string())),
                Err(_) => bail!("attribute '{name}' is not valid UTF-8"),
            },
            _ => bail!("attribute '{name}' must be a string"),
        }
    }
    /// A type attribute.
    pub fn type_attr(&self, name: &str) -> Result<Option<Type>> {
        let Some(a) = self.attr(name) else {
            return Ok(None);
        };
        match self.ctx.attr_kind(a) {
            AttrKind::Type(t) => Ok(Some(*t)),
            _ => bail!("attribute '{name}' must be a type"),
        }
    }
}

/// The value of an integer or bool attribute.
pub(crate) fn attr_int(ctx: &Context, a: Attribute) -> Option<i64> {
    match ctx.attr_kind(a) {
        AttrKind::Integer { value, .. } => i64::try_from(*value).ok(),
        AttrKind::Bool(b) => Some(*b as i64),
        _ => None,
    }
}

/// The value of a float, integer or bool attribute.
pub(crate) fn attr_float(ctx: &Context, a: Attribute) -> Option<f64> {
    match ctx.attr_kind(a) {
        AttrKind::Float { bits, ty } => ctx
            .type_kind(*ty)
            .float_kind()
            .map(|k| strata_ir::numeric::bits_to_f64(*bits, k)),
        AttrKind::Integer { value, .. } => Some(*value as f64),
        AttrKind::Bool(b) => Some(*b as i64 as f64),
        _ => None,
    }
}

/// The elements of an `array<i64: ...>`-style dense array attribute.
fn dense_array(ctx: &Context, a: Attribute) -> Option<Tensor> {
    let AttrKind::DenseArray { elem, len, data } = ctx.attr_kind(a) else {
        return None;
    };
    let dtype = DType::from_elem_type(ctx, *elem)?;
    let d = crate::ir::decode_le(dtype, data).ok()?;
    let t = Tensor::new(dtype, vec![*len as usize], d).ok()?;
    Some(t)
}

/// The integers of an array, dense array or dense elements attribute.
pub(crate) fn attr_ints(ctx: &Context, a: Attribute, max: usize) -> Option<Vec<i64>> {
    match ctx.attr_kind(a) {
        AttrKind::Array(items) => items.iter().map(|&i| attr_int(ctx, i)).collect(),
        AttrKind::DenseArray { .. } => dense_array(ctx, a)?.to_i64_vec().ok(),
        AttrKind::DenseElements { .. } | AttrKind::DenseResource { .. } => {
            crate::ir::tensor_from_attr(ctx, a, max)
                .ok()?
                .to_i64_vec()
                .ok()
        }
        _ => None,
    }
}
