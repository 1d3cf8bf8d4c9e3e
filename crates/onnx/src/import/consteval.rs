//! Import-time constant evaluation: ONNX allows the inputs Strata takes as attributes
//! (`Reshape`'s shape, `Slice`'s starts, `Squeeze`'s axes, ...) to be computed by other nodes,
//! as function expansions do (`Shape -> Gather -> Concat -> Reshape`, `Constant -> Cast`).
//! When such an input is not an initializer or `Constant`, [`Lowerer::fold_value`] folds the
//! already-lowered graph ops that define it with the graph dialect's folders (`graph.shape`
//! of a statically shaped value folds without its operand), iteratively (an explicit stack,
//! no recursion over the graph's depth) and memoised, so every op is folded at most once per
//! import.
//!
//! Operands whose constant exceeds [`FOLD_LIMIT`] elements (weights) are not handed to the
//! folders, so evaluation never decodes large blobs; a value that depends on a function
//! argument or on an op without a folder stays unknown and the node requiring it reports a
//! typed `Unsupported` error.

use super::Lowerer;
use crate::proto::data_type as dt;
use crate::tensor::ConstTensor;
use std::sync::Arc;
use strata_dialect_graph::dense::FOLD_LIMIT;
use strata_dialect_graph::util::ranked;
use strata_ir::rewrite::constant_value;
use strata_ir::{
    AttrKind, Attribute, Context, FloatKind, FoldResult, OpRef, Signedness, Type, TypeKind,
};
use strata_ir::{Op, Value};

/// The ONNX data type of graph element type `elem` (the inverse of
/// [`elem_type`](crate::tensor::elem_type)).
pub(crate) fn onnx_dtype(ctx: &Context, elem: Type) -> Option<i32> {
    Some(match ctx.type_kind(elem) {
        TypeKind::Float(k) => match k {
            FloatKind::F16 => dt::FLOAT16,
            FloatKind::BF16 => dt::BFLOAT16,
            FloatKind::F32 => dt::FLOAT,
            FloatKind::F64 => dt::DOUBLE,
            FloatKind::F8E4M3FN => dt::FLOAT8E4M3FN,
            FloatKind::F8E4M3FNUZ => dt::FLOAT8E4M3FNUZ,
            FloatKind::F8E5M2 => dt::FLOAT8E5M2,
            FloatKind::F8E5M2FNUZ => dt::FLOAT8E5M2FNUZ,
            FloatKind::F8E8M0FNU => dt::FLOAT8E8M0,
            FloatKind::F4E2M1FN => dt::FLOAT4E2M1,
        },
        TypeKind::Integer {
            width: 1,
            signedness: Signedness::Signless,
        } => dt::BOOL,
        TypeKind::Integer {
            width,
            signedness: Signedness::Unsigned,
        } => match width {
            2 => dt::UINT2,
            4 => dt::UINT4,
            8 => dt::UINT8,
            16 => dt::UINT16,
            32 => dt::UINT32,
            64 => dt::UINT64,
            _ => return None,
        },
        TypeKind::Integer { width, .. } => match width {
            2 => dt::INT2,
            4 => dt::INT4,
            8 => dt::INT8,
            16 => dt::INT16,
            32 => dt::INT32,
            64 => dt::INT64,
            _ => return None,
        },
        _ => return None,
    })
}

/// A dense elements or dense resource attribute of a statically shaped tensor as a
/// [`ConstTensor`] named `name` (`None` for other attributes and element types).
pub(crate) fn attr_to_const(ctx: &Context, attr: Attribute, name: &str) -> Option<ConstTensor> {
    let (ty, splat, data): (Type, bool, Arc<[u8]>) = match ctx.attr_kind(attr) {
        AttrKind::DenseElements { ty, splat, data } => (*ty, *splat, Arc::from(&data[..])),
        AttrKind::DenseResource { ty, name } => (*ty, false, ctx.resource_data(*name)?),
        _ => return None,
    };
    let (shape, elem) = ranked(ctx, ty)?;
    if shape.iter().any(|&d| d < 0) {
        return None;
    }
    let dtype = onnx_dtype(ctx, elem)?;
    let size = crate::tensor::elem_size(dtype)?;
    let n: u64 = shape.iter().map(|&d| d as u64).product();
    let want = if splat { 1 } else { n };
    if data.len() as u64 != want.checked_mul(size as u64)? {
        return None;
    }
    Some(ConstTensor {
        dtype,
        elem,
        shape: shape.to_vec(),
        data,
        splat,
        name: name.to_string(),
    })
}

/// The type of a dense elements or dense resource attribute.
fn dense_type(ctx: &Context, attr: Attribute) -> Option<Type> {
    match ctx.attr_kind(attr) {
        AttrKind::DenseElements { ty, .. } | AttrKind::DenseResource { ty, .. } => Some(*ty),
        _ => None,
    }
}

/// Whether a constant attribute is small enough to hand to the folders (a splat, or at most
/// [`FOLD_LIMIT`] elements).
fn small(ctx: &Context, attr: Attribute) -> bool {
    match ctx.attr_kind(attr) {
        AttrKind::DenseElements { splat: true, .. } => true,
        AttrKind::DenseElements { ty, .. } | AttrKind::DenseResource { ty, .. } => ranked(ctx, *ty)
            .and_then(|(s, _)| strata_dialect_graph::shape::num_elements(s))
            .is_some_and(|n| n <= FOLD_LIMIT as u64),
        _ => false,
    }
}

impl Lowerer<'_> {
    /// The known constants of `op`'s operands (`None` where unknown or too large).
    fn operand_consts(&self, op: Op) -> Vec<Option<Attribute>> {
        self.body
            .operands(op)
            .map(|o| self.folded.get(&o).copied().flatten())
            .map(|a| a.filter(|&a| small(self.ctx, a)))
            .collect()
    }

    /// Fold `op` with the operand constants known so far; records its results and returns
    /// whether every result is now known.
    fn try_fold_op(&mut self, op: Op) -> bool {
        let consts = self.operand_consts(op);
        let Some(f) = self.ctx.op_def(self.body.name(op)).and_then(|d| d.fold) else {
            return false;
        };
        let Some(folded) = f(OpRef::new(self.ctx, self.body, op), &consts) else {
            return false;
        };
        let results = self.body.results(op).to_vec();
        if folded.len() != results.len() {
            return false;
        }
        let mut vals = Vec::with_capacity(results.len());
        for (fr, &r) in folded.iter().zip(&results) {
            let v = match *fr {
                FoldResult::Attr(a) => Some(a),
                FoldResult::Value(w) => self.folded.get(&w).copied().flatten(),
            };
            let elem = |t: Type| ranked(self.ctx, t).map(|(_, e)| e);
            match v {
                Some(a)
                    if dense_type(self.ctx, a)
                        .and_then(elem)
                        .is_some_and(|e| Some(e) == elem(self.body.value_type(r))) =>
                {
                    vals.push(a)
                }
                _ => return false,
            }
        }
        for (r, a) in results.into_iter().zip(vals) {
            self.folded.insert(r, Some(a));
        }
        true
    }

    /// The constant value of `v`, evaluated by folding the graph ops that define it (see the
    /// module documentation); `None` when it is not a compile-time constant here.
    pub fn fold_value(&mut self, v: Value) -> Option<Attribute> {
        let mut stack = vec![(v, false)];
        while let Some((x, expanded)) = stack.pop() {
            if self.folded.contains_key(&x) {
                continue;
            }
            let Some(op) = self.body.defining_op(x) else {
                self.folded.insert(x, None);
                continue;
            };
            if let Some(a) = constant_value(self.ctx, self.body, x) {
                self.folded.insert(x, Some(a));
                continue;
            }
            let operands: Vec<Value> = self.body.operands(op).collect();
            if !expanded {
                // Some ops fold without their operands (`graph.shape` of a static shape):
                // try before walking up.
                if self.try_fold_op(op) {
                    continue;
                }
                stack.push((x, true));
                for o in operands {
                    if !self.folded.contains_key(&o) {
                        stack.push((o, false));
                    }
                }
                continue;
            }
            if !self.try_fold_op(op) {
                for r in self.body.results(op).to_vec() {
                    self.folded.entry(r).or_insert(None);
                }
            }
        }
        self.folded.get(&v).copied().flatten()
    }

    /// The constant named `name`: an initializer or `Constant` output, else the value of an
    /// already-lowered SSA value when [`fold_value`](Self::fold_value) computes it.
    pub fn constant_or_fold(&mut self, name: &str) -> Option<ConstTensor> {
        if let Some(c) = self.constant(name) {
            return Some(c.clone());
        }
        let v = *self.values.get(name)?;
        let a = self.fold_value(v)?;
        attr_to_const(self.ctx, a, name)
    }
}
