//! `tensor.generic`, the structured op in its general form, and `tensor.yield`, the
//! terminator of every scalar body region in the dialect.

use crate::structured::{
    indexing_maps_attr, iterator_types_attr, verify_scalar_region, verify_structured, IteratorType,
    ScalarBody, StructuredOp,
};
use crate::util::{
    i32_array, is_scalar, operand_types, shaped, ty_str, ITERATORS_C, MAPS_C, SEGMENTS_C,
};
use strata_ir::affine::AffineMap;
use strata_ir::{op, Arity, Diagnostic, OpRef, Traits, Type};

op! {
    /// A structured computation in its general form (MLIR's `linalg.generic` on tensors).
    ///
    /// Operands are inputs then inits (`operandSegmentSizes = array<i32: inputs, inits>`);
    /// each result has its init's type (destination-passing style). `iterator_types` names
    /// each loop of the iteration space `"parallel"` or `"reduction"`; `indexing_maps` gives
    /// one affine map per operand from the loop indices to the operand's indices (a scalar
    /// input has a map with no results). Loop sizes are the sizes of the operand dimensions
    /// indexed by a loop alone, and must agree; compound indices (`d0 * 2 + d3`) must stay in
    /// bounds.
    ///
    /// The body has one block whose arguments are the elements of the inputs and then of the
    /// inits at the current point, and ends with `tensor.yield` of the new init elements.
    /// Result elements start as the init's; the points of the iteration space are visited in
    /// lexicographic order and each one updates the output elements it indexes. Body ops are
    /// scalar arith and math ops; they may use values defined above the op (constants).
    ///
    /// **Buffer form** (MLIR's linalg on buffers, the output of `bufferize`): the inputs are
    /// memrefs or scalars, the inits are memrefs, and the op has no results; it reads its
    /// inputs and inits and writes the new init elements in place. The interpreter reads
    /// every operand before writing the outputs; `bufferize` never lets an output overlap an
    /// input that is read through a different indexing map (where a loop nest visiting the
    /// points one by one could differ). A buffer-form op writes memory, so passes that
    /// erase or merge pure ops leave it alone (ops with memref operands are not treated as
    /// pure, see `strata_ir::rewrite::is_pure`).
    ///
    /// ```mlir
    /// %r = "tensor.generic"(%a, %b, %init) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
    /// ^bb0(%x: f32, %y: f32, %acc: f32):
    ///   %p = arith.mulf %x, %y : f32
    ///   %s = arith.addf %acc, %p : f32
    ///   "tensor.yield"(%s) : (f32) -> ()
    /// }) : (tensor<4x8xf32>, tensor<8xf32>, tensor<4xf32>) -> tensor<4xf32>
    /// "tensor.generic"(%ma, %mb, %mout) <{indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"], operandSegmentSizes = array<i32: 2, 1>}> ({
    /// ^bb0(%x: f32, %y: f32, %acc: f32):
    ///   %p = arith.mulf %x, %y : f32
    ///   %s = arith.addf %acc, %p : f32
    ///   "tensor.yield"(%s) : (f32) -> ()
    /// }) : (memref<4x8xf32>, memref<8xf32>, memref<4xf32>) -> ()
    /// ```
    pub struct GenericOp = "tensor.generic";
    summary: "structured computation with explicit indexing maps, iterators and body";
    def: {
        traits: Traits::PURE.with(Traits::SINGLE_BLOCK),
        regions: Arity::Exactly(1),
        attrs: &[MAPS_C, ITERATORS_C, SEGMENTS_C],
        verify: Some(verify_generic),
    }
}

impl GenericOp<'_> {
    /// `(inputs, inits)` from `operandSegmentSizes`, checked against the operand count.
    pub fn segments(&self) -> Result<(usize, usize), String> {
        let op = self.0;
        let a = op
            .attr("operandSegmentSizes")
            .ok_or("requires attribute 'operandSegmentSizes'")?;
        let seg = i32_array(op.ctx, a).ok_or("'operandSegmentSizes' must be an array<i32>")?;
        let n = op.body.num_operands(op.op);
        match seg[..] {
            [i, o] if i >= 0 && o >= 0 && (i + o) as usize == n => Ok((i as usize, o as usize)),
            _ => Err(format!(
                "'operandSegmentSizes' must be [inputs, inits] summing to the {n} operands"
            )),
        }
    }
}

impl<'a> StructuredOp<'a> for GenericOp<'a> {
    fn op_ref(&self) -> OpRef<'a> {
        self.0
    }
    fn num_inputs(&self) -> usize {
        self.segments().map_or(0, |(i, _)| i)
    }
    fn indexing_maps(&self) -> Result<Vec<AffineMap>, String> {
        indexing_maps_attr(&self.0)
    }
    fn iterator_types(&self) -> Result<Vec<IteratorType>, String> {
        iterator_types_attr(&self.0)
    }
    fn scalar_body(&self) -> ScalarBody {
        body_region(&self.0, true)
    }
}

/// [`ScalarBody::Region`] of region 0 of `op`.
pub(crate) fn body_region(op: &OpRef<'_>, has_init_args: bool) -> ScalarBody {
    let region = op.body.regions(op.op)[0];
    ScalarBody::Region {
        region,
        has_init_args,
    }
}

fn verify_generic(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let g = GenericOp(op);
    let (n_in, _) = g.segments().map_err(|e| op.error(e))?;
    verify_structured(&g)?;
    let elems = element_types(&op)?;
    let region = op.body.regions(op.op)[0];
    verify_scalar_region(&op, region, &elems, &elems[n_in..])
}

/// The element type of every operand (the type itself for scalars).
pub(crate) fn element_types(op: &OpRef<'_>) -> Result<Vec<Type>, Diagnostic> {
    operand_types(op)
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let e = match shaped(op.ctx, t) {
                Some((_, e)) => Some(e),
                None => is_scalar(op.ctx, t).then_some(t),
            };
            e.ok_or_else(|| {
                op.error(format_args!(
                    "operand #{i} must be a ranked tensor, a ranked memref or a scalar, but is {}",
                    ty_str(op.ctx, t)
                ))
            })
        })
        .collect()
}

op! {
    /// Terminates the scalar body of `tensor.generic`, `tensor.map`, `tensor.reduce` and
    /// `tensor.pad`, yielding the body's values (their types are checked by the parent).
    ///
    /// ```mlir
    /// "tensor.yield"(%s) : (f32) -> ()
    /// ```
    pub struct YieldOp = "tensor.yield";
    summary: "yield the values of a scalar body";
    def: {
        traits: Traits::TERMINATOR.with(Traits::RETURN_LIKE).with(Traits::PURE),
        results: Arity::Exactly(0),
        verify: Some(verify_yield),
    }
}

/// The ops whose body regions end in `tensor.yield`.
pub const YIELD_PARENTS: &[&str] = &[
    GenericOp::NAME,
    crate::named::MapOp::NAME,
    crate::named::ReduceOp::NAME,
    crate::movement::PadOp::NAME,
];

fn verify_yield(op: OpRef<'_>) -> Result<(), Diagnostic> {
    let parent = op
        .body
        .parent_op(op.op)
        .map(|p| op.ctx.op_name_str(op.body.name(p)));
    let registered = op
        .body
        .parent_op(op.op)
        .is_some_and(|p| op.ctx.op_def(op.body.name(p)).is_some());
    match parent {
        Some(p) if YIELD_PARENTS.contains(&p) => Ok(()),
        // An upstream op Strata does not define (`tensor.generate`), kept unregistered.
        Some(_) if !registered => Ok(()),
        _ => Err(op.error(format_args!(
            "expects its parent op to be one of '{}'",
            YIELD_PARENTS.join("', '")
        ))),
    }
}
