//! The IR store: a [`Body`] owns the operations, blocks, regions and values of one
//! isolated-from-above scope in typed arenas, with use-lists.
//!
//! Every op whose definition has [`Traits::ISOLATED_FROM_ABOVE`](crate::Traits) (modules,
//! functions) owns its regions in a *nested* `Body`. Values can never cross such a boundary, so
//! passes can work on many functions at once: each nested body is a disjoint `&mut Body`.
//! Ops of non-isolated region ops (`scf.for`, `test.region`) live in the same body as their
//! parent.
//!
//! Use-lists: each value keeps the `(op, operand index)` pairs that use it, and each operand
//! remembers its position in that list, so adding, removing and replacing a use is O(1) and
//! replace-all-uses is O(uses).

use crate::entity::{Block, Op, PrimaryMap, Region, Value};
use crate::{Attribute, Context, Location, OpName, Type};
use cranelift_entity::packed_option::PackedOption;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

/// One use of a value: operand `index` of `op`.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Use {
    /// The using op.
    pub op: Op,
    /// The operand index.
    pub index: u32,
}

#[derive(Clone, Copy, Debug)]
struct Operand {
    value: Value,
    /// Position of this use in `values[value].uses`.
    pos: u32,
}

/// Where a value comes from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum ValueDef {
    /// Result number `.1` of op `.0`.
    Result(Op, u32),
    /// Argument number `.1` of block `.0`.
    BlockArg(Block, u32),
}

#[derive(Clone, Debug)]
struct ValueData {
    ty: Type,
    def: ValueDef,
    /// Three inline uses: most values have at most three, so few use lists allocate.
    uses: SmallVec<[Use; 3]>,
    /// Source location of a block argument (`^bb0(%a: i32 loc(...))`), if known.
    loc: Option<Location>,
}

#[derive(Clone, Debug, Default)]
struct OpExtra {
    regions: SmallVec<[Region; 1]>,
    successors: SmallVec<[Block; 2]>,
    nested: Option<Box<Body>>,
}

/// The data of one operation.
#[derive(Clone, Debug)]
pub struct OpData {
    name: OpName,
    /// Source location.
    pub loc: Location,
    /// Inherent attributes (`<{...}>` in the generic form): a dictionary attribute.
    pub props: Attribute,
    /// Discardable attributes (`{...}` in the generic form): a dictionary attribute.
    pub attrs: Attribute,
    operands: SmallVec<[Operand; 2]>,
    results: SmallVec<[Value; 1]>,
    extra: Option<Box<OpExtra>>,
    parent: PackedOption<Block>,
    prev: PackedOption<Op>,
    next: PackedOption<Op>,
    erased: bool,
}

#[derive(Clone, Debug, Default)]
struct BlockData {
    args: SmallVec<[Value; 2]>,
    first: PackedOption<Op>,
    last: PackedOption<Op>,
    parent: PackedOption<Region>,
    len: u32,
}

#[derive(Clone, Debug, Default)]
struct RegionData {
    blocks: Vec<Block>,
    parent: PackedOption<Op>,
}

/// Everything needed to create an op.
#[derive(Debug)]
pub struct OperationState {
    /// Op name.
    pub name: OpName,
    /// Location.
    pub loc: Location,
    /// Operand values.
    pub operands: Vec<Value>,
    /// Result types.
    pub result_types: Vec<Type>,
    /// Inherent attributes (a dictionary attribute), `None` for empty.
    pub props: Option<Attribute>,
    /// Discardable attributes (a dictionary attribute), `None` for empty.
    pub attrs: Option<Attribute>,
    /// Successor blocks.
    pub successors: Vec<Block>,
    /// Regions (created with [`OperationState::add_region`]).
    pub regions: Vec<Region>,
    /// The nested body of an isolated-from-above op (holds `regions`).
    pub nested: Option<Box<Body>>,
    isolated: bool,
}

impl OperationState {
    /// A state for op `name` at `loc`.
    pub fn new(ctx: &Context, name: OpName, loc: Location) -> Self {
        let isolated = ctx
            .op_def(name)
            .is_some_and(|d| d.has(crate::Traits::ISOLATED_FROM_ABOVE));
        OperationState {
            name,
            loc,
            operands: Vec::new(),
            result_types: Vec::new(),
            props: None,
            attrs: None,
            successors: Vec::new(),
            regions: Vec::new(),
            nested: None,
            isolated,
        }
    }
    #[inline]
    /// Whether the op's regions live in a nested body.
    pub fn is_isolated(&self) -> bool {
        self.isolated
    }
    /// Add an empty region, in the nested body for isolated ops and in `body` otherwise.
    pub fn add_region(&mut self, body: &mut Body) -> Region {
        let r = if self.isolated {
            self.nested
                .get_or_insert_with(Default::default)
                .new_region()
        } else {
            body.new_region()
        };
        self.regions.push(r);
        r
    }
    #[inline]
    /// The body that holds this op's regions: the nested one for isolated ops, else `body`.
    pub fn region_body<'a>(&'a mut self, body: &'a mut Body) -> &'a mut Body {
        if self.isolated {
            self.nested.get_or_insert_with(Default::default)
        } else {
            body
        }
    }
}

/// Where to insert an op.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum InsertPoint {
    /// At the start of a block.
    Start(Block),
    /// At the end of a block.
    End(Block),
    /// Before an op.
    Before(Op),
    /// After an op.
    After(Op),
}

/// A mapping from original to cloned values and blocks, filled by [`Body::clone_op`].
#[derive(Default, Debug, Clone)]
pub struct IrMapping {
    /// Value mapping.
    pub values: FxHashMap<Value, Value>,
    /// Block mapping.
    pub blocks: FxHashMap<Block, Block>,
}

impl IrMapping {
    /// The mapped value, or the value itself when unmapped.
    pub fn value(&self, v: Value) -> Value {
        self.values.get(&v).copied().unwrap_or(v)
    }
    /// The mapped block, or the block itself when unmapped.
    pub fn block(&self, b: Block) -> Block {
        self.blocks.get(&b).copied().unwrap_or(b)
    }
}

/// The arenas of one isolated-from-above scope.
#[derive(Clone, Debug, Default)]
pub struct Body {
    ops: PrimaryMap<Op, OpData>,
    blocks: PrimaryMap<Block, BlockData>,
    regions: PrimaryMap<Region, RegionData>,
    values: PrimaryMap<Value, ValueData>,
}

impl Body {
    /// An empty body.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of op slots ever allocated (including erased ones).
    pub fn op_capacity(&self) -> usize {
        self.ops.len()
    }

    /// Number of live ops in this body (not counting nested bodies).
    pub fn num_live_ops(&self) -> usize {
        self.ops.values().filter(|o| !o.erased).count()
    }

    // ----- ops -----

    /// Create a detached op from `state`.
    pub fn create_op(&mut self, mut state: OperationState) -> Op {
        self.create_op_from(&mut state)
    }

    /// Create a detached op from `state`, leaving its vectors (operands, result types,
    /// successors, regions) in place so that the caller can reuse their storage; the nested
    /// body is moved out.
    pub(crate) fn create_op_from(&mut self, state: &mut OperationState) -> Op {
        let op = self.ops.next_key();
        let mut results: SmallVec<[Value; 1]> = SmallVec::with_capacity(state.result_types.len());
        for (i, &ty) in state.result_types.iter().enumerate() {
            results.push(self.values.push(ValueData {
                ty,
                def: ValueDef::Result(op, i as u32),
                uses: SmallVec::new(),
                loc: None,
            }));
        }
        let mut operands = SmallVec::with_capacity(state.operands.len());
        for (i, &v) in state.operands.iter().enumerate() {
            operands.push(self.add_use(v, op, i as u32));
        }
        let extra =
            if state.regions.is_empty() && state.successors.is_empty() && state.nested.is_none() {
                None
            } else {
                Some(Box::new(OpExtra {
                    regions: state.regions.iter().copied().collect(),
                    successors: state.successors.iter().copied().collect(),
                    nested: state.nested.take(),
                }))
            };
        let data = OpData {
            name: state.name,
            loc: state.loc,
            props: state.props.unwrap_or(EMPTY_DICT),
            attrs: state.attrs.unwrap_or(EMPTY_DICT),
            operands,
            results,
            extra,
            parent: None.into(),
            prev: None.into(),
            next: None.into(),
            erased: false,
        };
        let pushed = self.ops.push(data);
        debug_assert_eq!(pushed, op);
        // Regions in this body now belong to the op.
        if let Some(extra) = &self.ops[op].extra {
            if extra.nested.is_none() {
                for r in extra.regions.clone() {
                    self.regions[r].parent = op.into();
                }
            }
        }
        op
    }

    fn add_use(&mut self, v: Value, op: Op, index: u32) -> Operand {
        let uses = &mut self.values[v].uses;
        let pos = uses.len() as u32;
        uses.push(Use { op, index });
        Operand { value: v, pos }
    }

    fn remove_use(&mut self, operand: Operand) {
        let uses = &mut self.values[operand.value].uses;
        let pos = operand.pos as usize;
        uses.swap_remove(pos);
        if pos < uses.len() {
            let moved = uses[pos];
            self.ops[moved.op].operands[moved.index as usize].pos = pos as u32;
        }
    }

    #[inline]
    /// The data of an op.
    pub fn op(&self, op: Op) -> &OpData {
        &self.ops[op]
    }
    #[inline]
    /// Mutable data of an op (location and attributes).
    pub fn op_mut(&mut self, op: Op) -> &mut OpData {
        &mut self.ops[op]
    }
    #[inline]
    /// The op's name.
    pub fn name(&self, op: Op) -> OpName {
        self.ops[op].name
    }
    #[inline]
    /// Whether the op has been erased.
    pub fn is_erased(&self, op: Op) -> bool {
        self.ops[op].erased
    }
    #[inline]
    /// Number of operands.
    pub fn num_operands(&self, op: Op) -> usize {
        self.ops[op].operands.len()
    }
    #[inline]
    /// Operand `i`.
    pub fn operand(&self, op: Op, i: usize) -> Value {
        self.ops[op].operands[i].value
    }
    #[inline]
    /// All operands.
    pub fn operands(&self, op: Op) -> impl ExactSizeIterator<Item = Value> + '_ {
        self.ops[op].operands.iter().map(|o| o.value)
    }
    /// All operands, collected.
    pub fn operand_vec(&self, op: Op) -> SmallVec<[Value; 4]> {
        self.operands(op).collect()
    }
    #[inline]
    /// The results.
    pub fn results(&self, op: Op) -> &[Value] {
        &self.ops[op].results
    }
    #[inline]
    /// Result `i`.
    pub fn result(&self, op: Op, i: usize) -> Value {
        self.ops[op].results[i]
    }
    #[inline]
    /// The regions (ids in [`Body::region_body`] of this op).
    pub fn regions(&self, op: Op) -> &[Region] {
        self.ops[op].extra.as_ref().map_or(&[], |e| &e.regions)
    }
    #[inline]
    /// The successor blocks.
    pub fn successors(&self, op: Op) -> &[Block] {
        self.ops[op].extra.as_ref().map_or(&[], |e| &e.successors)
    }
    /// Set successor `i`.
    pub fn set_successor(&mut self, op: Op, i: usize, block: Block) {
        if let Some(e) = self.ops[op].extra.as_mut() {
            e.successors[i] = block;
        }
    }
    #[inline]
    /// The nested body of an isolated-from-above op.
    pub fn nested(&self, op: Op) -> Option<&Body> {
        self.ops[op]
            .extra
            .as_ref()
            .and_then(|e| e.nested.as_deref())
    }
    /// The nested body of an isolated-from-above op, mutably.
    pub fn nested_mut(&mut self, op: Op) -> Option<&mut Body> {
        self.ops[op]
            .extra
            .as_mut()
            .and_then(|e| e.nested.as_deref_mut())
    }
    #[inline]
    /// The body holding `op`'s regions: its nested body if it has one, else `self`.
    pub fn region_body(&self, op: Op) -> &Body {
        self.nested(op).unwrap_or(self)
    }
    /// The body holding `op`'s regions, mutably.
    pub fn region_body_mut(&mut self, op: Op) -> &mut Body {
        if self.nested(op).is_some() {
            self.nested_mut(op).expect("checked just above")
        } else {
            self
        }
    }
    /// Mutable access to the nested bodies of all live ops of `ops`, for parallel passes.
    pub fn nested_bodies_mut(&mut self, ops: &[Op]) -> Vec<(Op, &mut Body)> {
        let wanted: rustc_hash::FxHashSet<Op> = ops.iter().copied().collect();
        let mut out: Vec<(Op, &mut Body)> = self
            .ops
            .iter_mut()
            .filter(|(k, d)| !d.erased && wanted.contains(k))
            .filter_map(|(k, d)| d.extra.as_mut()?.nested.as_deref_mut().map(|b| (k, b)))
            .collect();
        // Keep the caller's order.
        let order: FxHashMap<Op, usize> = ops.iter().enumerate().map(|(i, &o)| (o, i)).collect();
        out.sort_by_key(|(o, _)| order[o]);
        out
    }
    /// Take the nested body out of an isolated op (to work on it while `self` stays shared,
    /// e.g. for parallel function passes). Put it back with [`Body::put_nested`].
    pub fn take_nested(&mut self, op: Op) -> Option<Box<Body>> {
        self.ops[op].extra.as_mut().and_then(|e| e.nested.take())
    }
    /// Put back a nested body taken with [`Body::take_nested`].
    pub fn put_nested(&mut self, op: Op, nested: Box<Body>) {
        self.ops[op]
            .extra
            .get_or_insert_with(Default::default)
            .nested = Some(nested);
    }
    /// Whether `op` owns a nested body (or had it taken out): its definition is
    /// isolated-from-above. Decided from the op's structure, not the registry.
    pub fn has_nested_slot(&self, op: Op) -> bool {
        self.ops[op]
            .extra
            .as_ref()
            .is_some_and(|e| e.nested.is_some())
    }
    /// The ops directly inside the given root regions of this body, in IR order.
    pub fn ops_in_regions(&self, regions: &[Region]) -> Vec<Op> {
        let mut out = Vec::new();
        for &r in regions {
            for &b in self.region_blocks(r) {
                out.extend(self.block_ops(b));
            }
        }
        out
    }

    #[inline]
    /// The block containing the op, if attached.
    pub fn parent_block(&self, op: Op) -> Option<Block> {
        self.ops[op].parent.expand()
    }
    /// The op containing the op's block, if any in this body.
    pub fn parent_op(&self, op: Op) -> Option<Op> {
        let b = self.parent_block(op)?;
        let r = self.blocks[b].parent.expand()?;
        self.regions[r].parent.expand()
    }
    #[inline]
    /// The next op in the block.
    pub fn next_op(&self, op: Op) -> Option<Op> {
        self.ops[op].next.expand()
    }
    #[inline]
    /// The previous op in the block.
    pub fn prev_op(&self, op: Op) -> Option<Op> {
        self.ops[op].prev.expand()
    }

    /// Set operand `i` of `op` to `v`.
    pub fn set_operand(&mut self, op: Op, i: usize, v: Value) {
        let old = self.ops[op].operands[i];
        if old.value == v {
            return;
        }
        self.remove_use(old);
        let new = self.add_use(v, op, i as u32);
        self.ops[op].operands[i] = new;
    }
    /// Replace all operands of `op`.
    pub fn set_operands(&mut self, op: Op, vals: &[Value]) {
        self.drop_operands(op);
        let mut new = SmallVec::with_capacity(vals.len());
        for (i, &v) in vals.iter().enumerate() {
            new.push(self.add_use(v, op, i as u32));
        }
        self.ops[op].operands = new;
    }

    /// Remove all operands of `op`, unregistering their uses.
    fn drop_operands(&mut self, op: Op) {
        // Remove from the last operand down: a use moved by `swap_remove` is then always one
        // that is still in the op's operand list (or another op's), so its position is fixed.
        for i in (0..self.ops[op].operands.len()).rev() {
            let operand = self.ops[op].operands[i];
            self.remove_use(operand);
            self.ops[op].operands.truncate(i);
        }
    }

    /// Insert a detached op at `at`.
    pub fn insert_op(&mut self, op: Op, at: InsertPoint) {
        debug_assert!(self.ops[op].parent.is_none(), "inserting an attached op");
        let (block, prev, next) = match at {
            InsertPoint::Start(b) => (b, None, self.blocks[b].first.expand()),
            InsertPoint::End(b) => (b, self.blocks[b].last.expand(), None),
            InsertPoint::Before(o) => {
                let b = self.ops[o]
                    .parent
                    .expand()
                    .expect("insert before a detached op");
                (b, self.ops[o].prev.expand(), Some(o))
            }
            InsertPoint::After(o) => {
                let b = self.ops[o]
                    .parent
                    .expand()
                    .expect("insert after a detached op");
                (b, Some(o), self.ops[o].next.expand())
            }
        };
        let d = &mut self.ops[op];
        d.parent = block.into();
        d.prev = prev.into();
        d.next = next.into();
        match prev {
            Some(p) => self.ops[p].next = op.into(),
            None => self.blocks[block].first = op.into(),
        }
        match next {
            Some(n) => self.ops[n].prev = op.into(),
            None => self.blocks[block].last = op.into(),
        }
        self.blocks[block].len += 1;
    }
    /// Append a detached op at the end of `block`.
    pub fn append_op(&mut self, block: Block, op: Op) {
        self.insert_op(op, InsertPoint::End(block));
    }
    /// Unlink an op from its block (it keeps its operands and uses).
    pub fn detach_op(&mut self, op: Op) {
        let Some(block) = self.ops[op].parent.expand() else {
            return;
        };
        let prev = self.ops[op].prev.expand();
        let next = self.ops[op].next.expand();
        match prev {
            Some(p) => self.ops[p].next = next.into(),
            None => self.blocks[block].first = next.into(),
        }
        match next {
            Some(n) => self.ops[n].prev = prev.into(),
            None => self.blocks[block].last = prev.into(),
        }
        self.blocks[block].len -= 1;
        let d = &mut self.ops[op];
        d.parent = None.into();
        d.prev = None.into();
        d.next = None.into();
    }
    /// Move an op (attached or not) to `at`.
    pub fn move_op(&mut self, op: Op, at: InsertPoint) {
        self.detach_op(op);
        self.insert_op(op, at);
    }
    /// Erase an op and everything nested in it. Uses of its results are dropped too (callers
    /// should have replaced them; debug builds check that nothing outside the op uses them).
    pub fn erase_op(&mut self, op: Op) {
        self.detach_op(op);
        let mut stack = vec![op];
        while let Some(o) = stack.pop() {
            if self.ops[o].erased {
                continue;
            }
            self.drop_operands(o);
            self.ops[o].erased = true;
            if let Some(extra) = self.ops[o].extra.take() {
                if extra.nested.is_none() {
                    for &r in &extra.regions {
                        for &b in &self.regions[r].blocks.clone() {
                            let mut cur = self.blocks[b].first.expand();
                            while let Some(c) = cur {
                                cur = self.ops[c].next.expand();
                                stack.push(c);
                            }
                            self.blocks[b] = BlockData::default();
                        }
                        self.regions[r].blocks.clear();
                    }
                }
            }
        }
    }

    // ----- values -----

    #[inline]
    /// The type of a value.
    pub fn value_type(&self, v: Value) -> Type {
        self.values[v].ty
    }
    /// Change the type of a value (used by type conversion).
    pub fn set_value_type(&mut self, v: Value, ty: Type) {
        self.values[v].ty = ty;
    }
    #[inline]
    /// Where a value is defined.
    pub fn value_def(&self, v: Value) -> ValueDef {
        self.values[v].def
    }
    #[inline]
    /// The defining op of a result value.
    pub fn defining_op(&self, v: Value) -> Option<Op> {
        match self.values[v].def {
            ValueDef::Result(op, _) => Some(op),
            ValueDef::BlockArg(..) => None,
        }
    }
    #[inline]
    /// The uses of a value.
    pub fn uses(&self, v: Value) -> &[Use] {
        &self.values[v].uses
    }
    #[inline]
    /// Whether a value has any use.
    pub fn has_uses(&self, v: Value) -> bool {
        !self.values[v].uses.is_empty()
    }
    #[inline]
    /// Number of value slots ever allocated.
    pub fn value_capacity(&self) -> usize {
        self.values.len()
    }
    #[inline]
    /// Whether `v` is a valid value id of this body.
    pub fn is_valid_value(&self, v: Value) -> bool {
        self.values.is_valid(v)
    }
    /// Replace every use of `old` by `new`. O(uses).
    pub fn replace_all_uses(&mut self, old: Value, new: Value) {
        if old == new {
            return;
        }
        let uses = std::mem::take(&mut self.values[old].uses);
        for u in uses {
            let operand = self.add_use(new, u.op, u.index);
            self.ops[u.op].operands[u.index as usize] = operand;
        }
    }
    /// Replace uses of `old` by `new` where `pred` says so.
    pub fn replace_uses_if(&mut self, old: Value, new: Value, pred: impl Fn(Use) -> bool) {
        let uses: Vec<Use> = self.values[old]
            .uses
            .iter()
            .copied()
            .filter(|u| pred(*u))
            .collect();
        for u in uses {
            self.set_operand(u.op, u.index as usize, new);
        }
    }

    // ----- blocks -----

    /// Create a detached, empty block.
    pub fn create_block(&mut self) -> Block {
        self.blocks.push(BlockData::default())
    }
    /// Add an argument of type `ty` to `block`.
    pub fn add_block_arg(&mut self, block: Block, ty: Type) -> Value {
        let idx = self.blocks[block].args.len() as u32;
        let v = self.values.push(ValueData {
            ty,
            def: ValueDef::BlockArg(block, idx),
            uses: SmallVec::new(),
            loc: None,
        });
        self.blocks[block].args.push(v);
        v
    }
    #[inline]
    /// The source location of a value (set for parsed block arguments; `None` otherwise).
    pub fn value_loc(&self, v: Value) -> Option<Location> {
        self.values[v].loc
    }
    /// Set the source location of a value (block arguments print it with debug info).
    pub fn set_value_loc(&mut self, v: Value, loc: Option<Location>) {
        self.values[v].loc = loc;
    }
    /// Remove argument `i` of `block` (it must have no uses).
    pub fn erase_block_arg(&mut self, block: Block, i: usize) {
        self.blocks[block].args.remove(i);
        for (j, &a) in self.blocks[block].args.clone().iter().enumerate().skip(i) {
            self.values[a].def = ValueDef::BlockArg(block, j as u32);
        }
    }
    #[inline]
    /// The block's arguments.
    pub fn block_args(&self, block: Block) -> &[Value] {
        &self.blocks[block].args
    }
    #[inline]
    /// The first op of a block.
    pub fn first_op(&self, block: Block) -> Option<Op> {
        self.blocks[block].first.expand()
    }
    #[inline]
    /// The last op of a block.
    pub fn last_op(&self, block: Block) -> Option<Op> {
        self.blocks[block].last.expand()
    }
    #[inline]
    /// Number of ops in a block.
    pub fn block_len(&self, block: Block) -> usize {
        self.blocks[block].len as usize
    }
    #[inline]
    /// The ops of a block, in order.
    pub fn block_ops(&self, block: Block) -> BlockOps<'_> {
        BlockOps {
            body: self,
            next: self.blocks[block].first.expand(),
        }
    }
    /// The ops of a block, collected (safe to mutate the block while iterating the result).
    pub fn block_op_vec(&self, block: Block) -> Vec<Op> {
        self.block_ops(block).collect()
    }
    #[inline]
    /// The region containing a block.
    pub fn block_parent(&self, block: Block) -> Option<Region> {
        self.blocks[block].parent.expand()
    }
    /// Append a detached block to a region.
    pub fn append_block(&mut self, region: Region, block: Block) {
        self.blocks[block].parent = region.into();
        self.regions[region].blocks.push(block);
    }
    /// Insert a detached block into `region` at position `index`.
    pub fn insert_block(&mut self, region: Region, index: usize, block: Block) {
        self.blocks[block].parent = region.into();
        self.regions[region].blocks.insert(index, block);
    }
    /// Remove a block from its region (its ops stay in it).
    pub fn detach_block(&mut self, block: Block) {
        if let Some(r) = self.blocks[block].parent.expand() {
            self.regions[r].blocks.retain(|&b| b != block);
        }
        self.blocks[block].parent = None.into();
    }
    /// Erase a block and all its ops.
    pub fn erase_block(&mut self, block: Block) {
        self.detach_block(block);
        for op in self.block_op_vec(block).into_iter().rev() {
            self.erase_op(op);
        }
    }
    /// Split `block` before `op`: `op` and everything after it move to a new block appended
    /// right after `block` in the same region. Returns the new block.
    pub fn split_block(&mut self, block: Block, op: Op) -> Block {
        let new = self.create_block();
        if let Some(r) = self.blocks[block].parent.expand() {
            let idx = self.regions[r]
                .blocks
                .iter()
                .position(|&b| b == block)
                .unwrap_or(0);
            self.insert_block(r, idx + 1, new);
        }
        let mut cur = Some(op);
        while let Some(o) = cur {
            cur = self.ops[o].next.expand();
            self.move_op(o, InsertPoint::End(new));
        }
        new
    }
    /// Move all ops of `src` to the end of `dst`, replacing `src`'s arguments by `args`, and
    /// erase `src`.
    pub fn merge_blocks(&mut self, src: Block, dst: Block, args: &[Value]) {
        for (i, &a) in self.blocks[src].args.clone().iter().enumerate() {
            if let Some(&v) = args.get(i) {
                self.replace_all_uses(a, v);
            }
        }
        for o in self.block_op_vec(src) {
            self.move_op(o, InsertPoint::End(dst));
        }
        self.detach_block(src);
    }

    /// Move all blocks of `src` into `dst` at block position `index` (MLIR's
    /// `inlineRegionBefore`). `src` is left empty.
    pub fn inline_region(&mut self, src: Region, dst: Region, index: usize) {
        let moved = std::mem::take(&mut self.regions[src].blocks);
        let index = index.min(self.regions[dst].blocks.len());
        for (i, b) in moved.into_iter().enumerate() {
            self.blocks[b].parent = dst.into();
            self.regions[dst].blocks.insert(index + i, b);
        }
    }

    // ----- regions -----

    /// Create an empty region not owned by any op yet.
    pub fn new_region(&mut self) -> Region {
        self.regions.push(RegionData::default())
    }
    /// Whether `r` is a region id of this body.
    pub fn is_valid_region(&self, r: Region) -> bool {
        self.regions.is_valid(r)
    }
    #[inline]
    /// The blocks of a region.
    pub fn region_blocks(&self, region: Region) -> &[Block] {
        &self.regions[region].blocks
    }
    #[inline]
    /// The first block of a region.
    pub fn entry_block(&self, region: Region) -> Option<Block> {
        self.regions[region].blocks.first().copied()
    }
    #[inline]
    /// The op owning a region in this body (`None` for the root regions of a nested body).
    pub fn region_parent(&self, region: Region) -> Option<Op> {
        self.regions[region].parent.expand()
    }

    /// The op that `op` is nested in at the level of `block`'s region, i.e. the ancestor of
    /// `op` (or `op` itself) whose parent block is `block`; `None` when `op` is not inside
    /// `block` in this body.
    pub fn ancestor_in_block(&self, block: Block, mut op: Op) -> Option<Op> {
        loop {
            let b = self.parent_block(op)?;
            if b == block {
                return Some(op);
            }
            op = self.parent_op(op)?;
        }
    }

    // ----- cloning -----

    /// Clone `op` (with its regions) into this body, detached. Operands are remapped through
    /// `map` (unmapped values are kept); results, blocks and block arguments of the clone are
    /// recorded in `map`.
    pub fn clone_op(&mut self, ctx: &Context, op: Op, map: &mut IrMapping) -> Op {
        self.clone_impl(ctx, None, op, map)
    }
    /// Clone `op` from another body into this one (see [`Body::clone_op`]).
    pub fn import_op(&mut self, ctx: &Context, src: &Body, op: Op, map: &mut IrMapping) -> Op {
        self.clone_impl(ctx, Some(src), op, map)
    }

    fn clone_impl(&mut self, ctx: &Context, src: Option<&Body>, op: Op, map: &mut IrMapping) -> Op {
        // Read everything needed from the source first (owned copies), then write.
        let (mut state, regions, result_vals) = {
            let s: &Body = src.unwrap_or(self);
            let d = &s.ops[op];
            let mut st = OperationState::new(ctx, d.name, d.loc);
            st.operands = d.operands.iter().map(|o| map.value(o.value)).collect();
            st.result_types = d.results.iter().map(|&r| s.values[r].ty).collect();
            st.props = Some(d.props);
            st.attrs = Some(d.attrs);
            st.successors = s.successors(op).iter().map(|&b| map.block(b)).collect();
            st.nested = s.nested(op).map(|n| Box::new(n.clone()));
            (st, s.regions(op).to_vec(), d.results.to_vec())
        };
        if state.nested.is_some() {
            state.regions = regions;
            state.isolated = true;
        } else {
            for &r in &regions {
                let nr = self.new_region();
                state.regions.push(nr);
                // Create blocks first so successors can be remapped.
                let blocks = src.unwrap_or(self).regions[r].blocks.clone();
                for &b in &blocks {
                    let nb = self.create_block();
                    self.append_block(nr, nb);
                    map.blocks.insert(b, nb);
                    let args: Vec<(Value, Type, Option<Location>)> = {
                        let s: &Body = src.unwrap_or(self);
                        s.blocks[b]
                            .args
                            .iter()
                            .map(|&a| (a, s.values[a].ty, s.values[a].loc))
                            .collect()
                    };
                    for (a, ty, loc) in args {
                        let na = self.add_block_arg(nb, ty);
                        self.values[na].loc = loc;
                        map.values.insert(a, na);
                    }
                }
                for &b in &blocks {
                    let ops: Vec<Op> = src.unwrap_or(self).block_ops(b).collect();
                    let nb = map.blocks[&b];
                    for o in ops {
                        let c = self.clone_impl(ctx, src, o, map);
                        self.append_op(nb, c);
                    }
                }
            }
            // Successors may refer to blocks created after the state was read.
            state.successors = state.successors.iter().map(|&b| map.block(b)).collect();
        }
        let new = self.create_op(state);
        for (i, &r) in result_vals.iter().enumerate() {
            map.values.insert(r, self.ops[new].results[i]);
        }
        new
    }
}

/// Iterator over the ops of a block.
pub struct BlockOps<'a> {
    body: &'a Body,
    next: Option<Op>,
}

impl Iterator for BlockOps<'_> {
    type Item = Op;
    fn next(&mut self) -> Option<Op> {
        let cur = self.next?;
        self.next = self.body.ops[cur].next.expand();
        Some(cur)
    }
}

impl OpData {
    #[inline]
    /// The op name.
    pub fn name(&self) -> OpName {
        self.name
    }
}

/// The handle of the empty dictionary attribute: interned first by every [`Context`].
pub(crate) const EMPTY_DICT: Attribute = Attribute(0);
