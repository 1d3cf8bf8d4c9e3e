//! The analyses of one function body that bufferization decides with: the position of the
//! last use of every tensor value, and the out-parameter each value should be computed in
//! (its *preferred destination*).
//!
//! A returned value prefers the out-parameter it is returned through (the first one, when
//! it is returned twice). The preference flows backwards through destination-passing
//! chains: when a `tensor.generic` result (or an `insert_slice` result) prefers an
//! out-parameter and its init (destination) tensor has no other use, the init prefers it
//! too, so the whole chain (`empty` → fill → matmul → bias add) is computed in the output
//! buffer without copies. A preference is only a wish: a producer that cannot write into a
//! given buffer (a slice view, a global, an argument) ignores it and the consumer copies.

use std::collections::BTreeMap;
use strata_dialect_tensor::GenericOp;
use strata_ir::{Block, Body, Context, Op, Value};

/// The analyses of a function body.
pub struct Plan {
    /// The position of the last op using each value (only values with uses).
    pub last_use: BTreeMap<Value, usize>,
    /// The out-parameter (result index) each value prefers to be computed in.
    pub pref: BTreeMap<Value, usize>,
}

impl Plan {
    /// Analyse the entry block `block` whose last op is the `func.return` `ret`.
    pub fn new(ctx: &Context, body: &Body, block: Block, ret: Op) -> Plan {
        let ops = body.block_op_vec(block);
        let pos: BTreeMap<Op, usize> = ops.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        let mut last_use = BTreeMap::new();
        let mut values: Vec<Value> = body.block_args(block).to_vec();
        for &o in &ops {
            values.extend_from_slice(body.results(o));
        }
        for v in values {
            let mut last = None;
            for u in body.uses(v) {
                if let Some(a) = body.ancestor_in_block(block, u.op) {
                    if let Some(&p) = pos.get(&a) {
                        last = Some(last.map_or(p, |l: usize| l.max(p)));
                    }
                }
            }
            if let Some(l) = last {
                last_use.insert(v, l);
            }
        }
        let mut pref = BTreeMap::new();
        for (k, v) in body.operands(ret).enumerate() {
            if body.defining_op(v).is_some() {
                pref.entry(v).or_insert(k);
            }
        }
        for &o in ops.iter().rev() {
            let name = ctx.op_name_str(body.name(o));
            let dests: Vec<(Value, Value)> = if name == GenericOp::NAME {
                let n = body.num_operands(o);
                let outs = body.results(o);
                let first = n - outs.len().min(n);
                outs.iter()
                    .enumerate()
                    .map(|(j, &r)| (r, body.operand(o, first + j)))
                    .collect()
            } else if name == "tensor.insert_slice" && body.num_operands(o) >= 2 {
                vec![(body.result(o, 0), body.operand(o, 1))]
            } else {
                Vec::new()
            };
            for (r, init) in dests {
                let Some(&k) = pref.get(&r) else { continue };
                if body.uses(init).len() == 1
                    && body.defining_op(init).is_some()
                    && !pref.contains_key(&init)
                {
                    pref.insert(init, k);
                }
            }
        }
        Plan { last_use, pref }
    }
}
