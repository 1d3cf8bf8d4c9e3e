//! Dominance information for the CFG regions of a [`Body`]: block dominator trees
//! (Cooper–Harvey–Kennedy on reverse post-order) and op order inside blocks, answering
//! "does this value dominate this use?".

use crate::entity::EntityRef;
use crate::{Block, Body, Op, Region, Value, ValueDef};
use rustc_hash::FxHashMap;

/// Dominance facts for every region of one body, computed on demand and cached.
pub struct DominanceInfo<'a> {
    body: &'a Body,
    /// Position of each op in its block, by op index.
    order: Vec<u32>,
    /// Per region: immediate dominators (by block index in RPO) and reachability.
    regions: FxHashMap<Region, RegionDom>,
    /// The last answer of [`DominanceInfo::is_reachable`] (consecutive queries mostly ask
    /// about the same block).
    last_reachable: Option<(Block, bool)>,
}

struct RegionDom {
    /// RPO number of each reachable block.
    rpo: FxHashMap<Block, u32>,
    /// idom by RPO number (entry maps to itself).
    idom: Vec<u32>,
}

impl<'a> DominanceInfo<'a> {
    /// Prepare dominance queries over `body` (op order is computed once, eagerly).
    pub fn new(body: &'a Body, blocks: impl Iterator<Item = Block>) -> Self {
        let mut order = vec![0u32; body.op_capacity()];
        for b in blocks {
            for (i, op) in body.block_ops(b).enumerate() {
                if let Some(slot) = order.get_mut(op.index()) {
                    *slot = i as u32;
                }
            }
        }
        DominanceInfo {
            body,
            order,
            regions: FxHashMap::default(),
            last_reachable: None,
        }
    }

    fn region(&mut self, r: Region) -> &RegionDom {
        let body = self.body;
        self.regions
            .entry(r)
            .or_insert_with(|| compute_region(body, r))
    }

    /// Whether `block` is reachable from its region's entry block.
    pub fn is_reachable(&mut self, block: Block) -> bool {
        if let Some((b, r)) = self.last_reachable {
            if b == block {
                return r;
            }
        }
        let r = match self.body.block_parent(block) {
            Some(r) => self.region(r).rpo.contains_key(&block),
            None => false,
        };
        self.last_reachable = Some((block, r));
        r
    }

    /// Whether block `a` dominates block `b` (both in the same region).
    pub fn block_dominates(&mut self, a: Block, b: Block) -> bool {
        if a == b {
            return true;
        }
        let Some(r) = self.body.block_parent(a) else {
            return false;
        };
        let rd = self.region(r);
        let (Some(&ia), Some(&ib)) = (rd.rpo.get(&a), rd.rpo.get(&b)) else {
            // Unreachable blocks are dominated by everything (as in MLIR).
            return !rd.rpo.contains_key(&b);
        };
        let mut cur = ib;
        loop {
            if cur == ia {
                return true;
            }
            let next = rd.idom[cur as usize];
            if next == cur {
                return false;
            }
            cur = next;
        }
    }

    /// The position of `op` in its block.
    #[inline]
    fn position(&self, op: Op) -> u32 {
        self.order.get(op.index()).copied().unwrap_or(0)
    }

    /// The ancestor of `op` (or `op` itself) that lives directly in `region`, if any.
    pub fn ancestor_in_region(&self, region: Region, mut op: Op) -> Option<Op> {
        loop {
            let b = self.body.parent_block(op)?;
            if self.body.block_parent(b) == Some(region) {
                return Some(op);
            }
            op = self.body.parent_op(op)?;
        }
    }

    /// Whether value `v` properly dominates op `user` (can be used by it). `graph` says
    /// whether a region is a graph region (no dominance requirement there).
    pub fn value_dominates(&mut self, v: Value, user: Op, graph: &dyn Fn(Region) -> bool) -> bool {
        // The common case first: a result used in the block of its defining op.
        if let ValueDef::Result(d, _) = self.body.value_def(v) {
            let db = self.body.parent_block(d);
            if db.is_some() && db == self.body.parent_block(user) {
                if d == user {
                    // An op's results are not visible to itself.
                    return false;
                }
                let Some(region) = db.and_then(|b| self.body.block_parent(b)) else {
                    return false;
                };
                return graph(region) || self.position(d) < self.position(user);
            }
        }
        let (def_block, def_op) = match self.body.value_def(v) {
            ValueDef::Result(op, _) => match self.body.parent_block(op) {
                Some(b) => (b, Some(op)),
                None => return false,
            },
            ValueDef::BlockArg(b, _) => (b, None),
        };
        let Some(region) = self.body.block_parent(def_block) else {
            return false;
        };
        let Some(anc) = self.ancestor_in_region(region, user) else {
            return false;
        };
        if def_op == Some(anc) {
            // An op's results are not visible inside its own regions nor to itself.
            return false;
        }
        let use_block = self.body.parent_block(anc).expect("ancestor is in a block");
        if graph(region) {
            return true;
        }
        if use_block == def_block {
            return match def_op {
                None => true,
                Some(d) => self.position(d) < self.position(anc),
            };
        }
        self.block_dominates(def_block, use_block)
    }
}

fn compute_region(body: &Body, r: Region) -> RegionDom {
    let Dominators { blocks, idom } = dominators(body, r);
    let rpo = blocks
        .iter()
        .enumerate()
        .map(|(i, &b)| (b, i as u32))
        .collect();
    RegionDom { rpo, idom }
}

/// The blocks of `region` reachable from its entry block, in reverse post-order (iterative
/// depth-first search; successors outside the region are ignored).
pub fn reverse_post_order(body: &Body, region: Region) -> Vec<Block> {
    let Some(entry) = body.entry_block(region) else {
        return Vec::new();
    };
    let mut visited: rustc_hash::FxHashSet<Block> = rustc_hash::FxHashSet::default();
    visited.insert(entry);
    let mut post = Vec::new();
    let mut stack: Vec<(Block, Vec<Block>, usize)> = vec![(entry, successors(body, entry), 0)];
    while let Some((b, succs, i)) = stack.last_mut() {
        if *i < succs.len() {
            let s = succs[*i];
            *i += 1;
            if body.block_parent(s) == Some(region) && visited.insert(s) {
                let ss = successors(body, s);
                stack.push((s, ss, 0));
            }
        } else {
            post.push(*b);
            stack.pop();
        }
    }
    post.reverse();
    post
}

/// Immediate dominators of the reachable blocks of a CFG region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Dominators {
    /// The reachable blocks in reverse post-order (the entry block first).
    pub blocks: Vec<Block>,
    /// The immediate dominator of each block, as an index into `blocks` (the entry block is
    /// its own).
    pub idom: Vec<u32>,
}

impl Dominators {
    /// The dominator tree: the children of each block (indices into `blocks`), in reverse
    /// post-order.
    pub fn children(&self) -> Vec<Vec<u32>> {
        let mut children = vec![Vec::new(); self.blocks.len()];
        for (i, &d) in self.idom.iter().enumerate().skip(1) {
            if (d as usize) < children.len() {
                children[d as usize].push(i as u32);
            }
        }
        children
    }
}

/// Compute the immediate dominators of `region` (Cooper–Harvey–Kennedy on reverse
/// post-order).
pub fn dominators(body: &Body, r: Region) -> Dominators {
    let rpo_list = reverse_post_order(body, r);
    let rpo: FxHashMap<Block, u32> = rpo_list
        .iter()
        .enumerate()
        .map(|(i, &b)| (b, i as u32))
        .collect();
    let n = rpo_list.len();
    let mut preds: Vec<Vec<u32>> = vec![Vec::new(); n];
    for (i, &b) in rpo_list.iter().enumerate() {
        for s in successors(body, b) {
            if let Some(&j) = rpo.get(&s) {
                preds[j as usize].push(i as u32);
            }
        }
    }
    const UNDEF: u32 = u32::MAX;
    let mut idom = vec![UNDEF; n];
    if n > 0 {
        idom[0] = 0;
    }
    let mut changed = true;
    while changed {
        changed = false;
        for i in 1..n {
            let mut new = UNDEF;
            for &p in &preds[i] {
                if idom[p as usize] == UNDEF {
                    continue;
                }
                new = if new == UNDEF {
                    p
                } else {
                    intersect(&idom, p, new)
                };
            }
            if new != UNDEF && idom[i] != new {
                idom[i] = new;
                changed = true;
            }
        }
    }
    Dominators {
        blocks: rpo_list,
        idom,
    }
}

fn intersect(idom: &[u32], mut a: u32, mut b: u32) -> u32 {
    while a != b {
        while a > b {
            a = idom[a as usize];
        }
        while b > a {
            b = idom[b as usize];
        }
    }
    a
}

/// The successor blocks of a block (those of its last op).
pub fn successors(body: &Body, b: Block) -> Vec<Block> {
    body.last_op(b)
        .map(|t| body.successors(t).to_vec())
        .unwrap_or_default()
}
