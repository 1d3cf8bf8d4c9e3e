//! `tensor-generalize`: rewrite every named structured op (`tensor.matmul`,
//! `tensor.conv2d_nchw_fchw`, ...) into the `tensor.generic` it stands for, with the indexing
//! maps, iterator types and body that its
//! [`StructuredOp`](strata_dialect_tensor::StructuredOp) implementation gives. Bodies held
//! as regions (`tensor.map`, `tensor.reduce`) move into the generic op (a map's body gains
//! an unused argument for the init element); known bodies are built by
//! [`build_body`](strata_dialect_tensor::structured::build_body). The rewrite keeps the interpreter-visible behaviour bit for
//! bit (`crates/interp/tests/tensor.rs` checks it on random inputs).

use strata_dialect_tensor::structured::{iterator_types_to_attr, structured, ScalarBody};
use strata_dialect_tensor::util::{affine_maps_attr, elem_or_scalar, i32_array_attr};
use strata_dialect_tensor::GenericOp;
use strata_ir::walk::ops_in_body_preorder;
use strata_ir::{Body, Context, Diagnostic, InsertPoint, Op, OpBuilder, OpRef, OperationState};
use strata_pass::{AnalysisManager, IrUnit, Pass, PassFailed, PassInfo, PASSES};

/// Registration of `tensor-generalize`.
#[linkme::distributed_slice(PASSES)]
pub static TENSOR_GENERALIZE: PassInfo = PassInfo {
    name: "tensor-generalize",
    summary: "Rewrite named tensor structured ops into tensor.generic",
    description: "Replaces every named structured op of the `tensor` dialect (`fill`, `map`, \
                  `matmul`, `batch_matmul`, `transpose`, `broadcast`, `reduce`, the \
                  convolutions and poolings) by the `tensor.generic` with the same indexing \
                  maps, iterator types and body, in every region including nested \
                  isolated-from-above ops. Results are identical bit for bit.\n\n\
                  Statistics: `num-generalized` (ops rewritten).",
    anchor: None,
    options: &[],
    create: |_| Ok(Box::new(TensorGeneralize)),
};

/// The `tensor-generalize` pass.
pub struct TensorGeneralize;

impl Pass for TensorGeneralize {
    fn info(&self) -> &'static PassInfo {
        &TENSOR_GENERALIZE
    }
    fn run(&self, unit: &mut IrUnit<'_>, am: &mut AnalysisManager) -> Result<(), PassFailed> {
        let tops = unit.top_ops();
        let mut n = 0;
        let mut errors = Vec::new();
        for op in tops {
            match generalize_all(unit.ctx, unit.body, op) {
                Ok(k) => n += k,
                Err(e) => errors.extend(e),
            }
        }
        unit.stat("num-generalized", n);
        if !errors.is_empty() {
            for d in errors {
                unit.emit(d);
            }
            return Err(PassFailed);
        }
        if n == 0 {
            am.preserve_all();
        }
        Ok(())
    }
}

/// Generalize every named structured op in `op` (included) and in everything nested in it,
/// nested isolated bodies included. Returns the number of ops rewritten, or the diagnostics
/// of the ops that could not be.
pub fn generalize_all(ctx: &Context, body: &mut Body, op: Op) -> Result<u64, Vec<Diagnostic>> {
    let mut n = 0;
    let mut errors = Vec::new();
    let mut stack: Vec<(Vec<usize>, Op)> = vec![(Vec::new(), op)];
    // Each entry: the path of nested-body owners from `body`, and an op whose body is at the
    // end of that path. Walk iteratively, one body at a time.
    while let Some((path, root)) = stack.pop() {
        let Some(b) = body_at(body, &path) else {
            continue;
        };
        let ops = ops_in_body_preorder(b, root);
        let mut nested_owners = Vec::new();
        for o in ops {
            if b.is_erased(o) {
                continue;
            }
            if b.nested(o).is_some() {
                nested_owners.push(o);
            }
            let name = ctx.op_name_str(b.name(o));
            if name == GenericOp::NAME || !name.starts_with("tensor.") {
                continue;
            }
            if structured(OpRef::new(ctx, b, o)).is_none() {
                continue;
            }
            match generalize(ctx, b, o) {
                Ok(_) => n += 1,
                Err(e) => errors.push(e),
            }
        }
        for owner in nested_owners {
            let Some(nb) = b.nested(owner) else { continue };
            let regions = b.regions(owner).to_vec();
            let children: Vec<Op> = nb.ops_in_regions(&regions);
            let mut p = path.clone();
            p.push(owner_index(owner));
            for c in children.into_iter().rev() {
                stack.push((p.clone(), c));
            }
        }
    }
    if errors.is_empty() {
        Ok(n)
    } else {
        Err(errors)
    }
}

fn owner_index(op: Op) -> usize {
    strata_ir::entity::EntityRef::index(op)
}

/// The body reached from `body` through the nested bodies of the ops in `path`.
fn body_at<'b>(body: &'b mut Body, path: &[usize]) -> Option<&'b mut Body> {
    let mut cur = body;
    for &i in path {
        let op = <Op as strata_ir::entity::EntityRef>::new(i);
        cur = cur.nested_mut(op)?;
    }
    Some(cur)
}

/// Rewrite the named structured op `op` of `body` into `tensor.generic` (inserted before it,
/// taking over its uses; `op` is erased). Returns the new op.
pub fn generalize(ctx: &Context, body: &mut Body, op: Op) -> Result<Op, Diagnostic> {
    let view = OpRef::new(ctx, body, op);
    let s = structured(view).ok_or_else(|| view.error("is not a structured op"))?;
    if view.name() == GenericOp::NAME {
        return Err(view.error("is already generic"));
    }
    let maps = s.indexing_maps().map_err(|e| view.error(e))?;
    let iters = s.iterator_types().map_err(|e| view.error(e))?;
    let n_in = s.num_inputs();
    let operands: Vec<_> = body.operands(op).collect();
    let n_out = operands.len() - n_in.min(operands.len());
    let elems: Vec<_> = operands
        .iter()
        .map(|&v| elem_or_scalar(ctx, body.value_type(v)))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| view.error("has an operand that is neither a ranked tensor nor a scalar"))?;
    let kind = s.scalar_body();
    let loc = body.op(op).loc;
    let results: Vec<_> = body.results(op).to_vec();
    let result_types: Vec<_> = results.iter().map(|&r| body.value_type(r)).collect();
    drop(s);

    let mut st = OperationState::new(ctx, ctx.op_name(GenericOp::NAME), loc);
    st.operands = operands;
    st.result_types = result_types;
    st.props = Some(ctx.dict_attr(&[
        ("indexing_maps", affine_maps_attr(ctx, &maps)),
        ("iterator_types", iterator_types_to_attr(ctx, &iters)),
        (
            "operandSegmentSizes",
            i32_array_attr(ctx, &[n_in as i32, n_out as i32]),
        ),
    ]));
    let region = st.add_region(body);
    match kind {
        ScalarBody::Region {
            region: old,
            has_init_args,
        } => {
            body.inline_region(old, region, 0);
            if !has_init_args {
                let Some(entry) = body.entry_block(region) else {
                    return Err(Diagnostic::error(loc, "body region has no block"));
                };
                for &e in &elems[n_in..] {
                    body.add_block_arg(entry, e);
                }
            }
        }
        _ => {
            let block = body.create_block();
            body.append_block(region, block);
            for &e in &elems {
                body.add_block_arg(block, e);
            }
            let init = *elems
                .last()
                .ok_or_else(|| Diagnostic::error(loc, "structured op without operands"))?;
            let mut b = OpBuilder::new(ctx, body);
            b.loc = loc;
            strata_dialect_tensor::structured::build_body(&mut b, block, kind, init)
                .map_err(|e| Diagnostic::error(loc, e))?;
        }
    }
    let new = body.create_op(st);
    body.insert_op(new, InsertPoint::Before(op));
    let new_results = body.results(new).to_vec();
    for (&old, &nv) in results.iter().zip(&new_results) {
        body.replace_all_uses(old, nv);
    }
    body.erase_op(op);
    Ok(new)
}
