//! Control-flow and structural ops: `func` (return, call, call_indirect, constant), the
//! `test` dialect's branch/region/yield ops, MLIR's `cf.br`/`cf.cond_br` (for IR that uses
//! them), and `builtin.unrealized_conversion_cast`, which has no semantics by design.

use super::{OpCx, Sem, Table};
use crate::error::{bail, Result};
use crate::tensor::Tensor;

pub(crate) fn register(t: &mut Table) {
    t.insert("func.return", Sem::Return);
    t.insert("func.call", Sem::Call);
    t.insert("func.call_indirect", Sem::CallIndirect);
    t.insert("func.constant", Sem::FuncConstant);
    t.insert("test.br", Sem::Branch);
    t.insert("cf.br", Sem::Branch);
    t.insert("cf.cond_br", Sem::CondBranch);
    t.insert("test.region", Sem::Region);
    t.insert("test.yield", Sem::Yield);
    t.insert("test.terminator", Sem::Yield);
    t.insert(
        "builtin.unrealized_conversion_cast",
        Sem::Compute(unrealized_cast),
    );
}

/// An unrealized conversion cast only exists while a conversion is in progress; reaching one
/// at run time means a lowering left it behind.
fn unrealized_cast(_: &OpCx<'_>, _: &[&Tensor]) -> Result<Vec<Tensor>> {
    bail!(
        "has no runtime semantics: an unrealized conversion cast must be resolved by the \
         conversion that introduced it"
    )
}
