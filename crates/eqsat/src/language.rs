//! The e-graph language: a dynamic [`egg::Language`] whose operators are IR op names.
//!
//! An e-node is one of
//! * [`Node::Op`]: a pure op, its discardable attributes, and its children: the operands
//!   followed by exactly one attribute child holding the op's inherent attributes (the
//!   properties dictionary), so that rules match and bind attributes like any other child;
//! * [`Node::Attr`]: an attribute leaf (a properties dictionary);
//! * [`Node::Leaf`]: a value the e-graph does not look into — a block argument, a result of a
//!   side-effecting or otherwise opaque op, or a value defined outside the block — numbered
//!   in the order the bridge met them, so ids are deterministic;
//! * [`Node::Get`]: result `i` of a multi-result op, whose class holds the op as a tuple.
//!
//! Nodes carry no types and no locations: types are computed by the analysis
//! ([`crate::analysis`]) and locations are tracked by the bridge, so equal computations merge
//! whatever their source position.

use egg::{Id, Language};
use smallvec::SmallVec;
use std::fmt;
use strata_ir::{Attribute, Context, OpName};

/// An e-node.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub enum Node {
    /// A pure op: `children` are the operands then one attribute child (the properties).
    Op {
        /// The op name.
        name: OpName,
        /// The discardable attribute dictionary (usually empty).
        attrs: Attribute,
        /// How many of the inferred results the op has, for ops with a variable number of
        /// results (`graph.max_pool` with or without indices); 0: all of them.
        results: u32,
        /// Operand classes followed by the properties class.
        children: SmallVec<[Id; 3]>,
    },
    /// An attribute leaf.
    Attr(Attribute),
    /// An opaque value, by its index in the bridge's leaf table.
    Leaf(u32),
    /// Result `.0` of the multi-result op in class `.1[0]`.
    Get(u32, [Id; 1]),
}

/// What must be equal for two nodes to be candidates for the same pattern node (everything
/// but the children).
#[derive(Clone, PartialEq, Eq, Hash, Debug)]
pub enum NodeDiscriminant {
    /// An op with this name, discardable attributes and result count.
    Op(OpName, Attribute, u32),
    /// This attribute.
    Attr(Attribute),
    /// This leaf.
    Leaf(u32),
    /// This projection.
    Get(u32),
}

impl Node {
    /// An op node with operands `operands` and properties class `props`, with all its
    /// inferred results.
    pub fn op(name: OpName, attrs: Attribute, operands: &[Id], props: Id) -> Node {
        Node::op_with_results(name, attrs, 0, operands, props)
    }
    /// An op node keeping the first `results` inferred results (0: all).
    pub fn op_with_results(
        name: OpName,
        attrs: Attribute,
        results: u32,
        operands: &[Id],
        props: Id,
    ) -> Node {
        let mut children: SmallVec<[Id; 3]> = operands.iter().copied().collect();
        children.push(props);
        Node::Op {
            name,
            attrs,
            results,
            children,
        }
    }
    /// The result count an op node keeps (0: all inferred).
    pub fn result_count(&self) -> u32 {
        match self {
            Node::Op { results, .. } => *results,
            _ => 0,
        }
    }
    /// The operand classes of an op node (all children but the properties); empty otherwise.
    pub fn operands(&self) -> &[Id] {
        match self {
            Node::Op { children, .. } => &children[..children.len().saturating_sub(1)],
            _ => &[],
        }
    }
    /// The properties class of an op node.
    pub fn props(&self) -> Option<Id> {
        match self {
            Node::Op { children, .. } => children.last().copied(),
            _ => None,
        }
    }
    /// The op name of an op node.
    pub fn op_name(&self) -> Option<OpName> {
        match self {
            Node::Op { name, .. } => Some(*name),
            _ => None,
        }
    }
    /// A printable form using the context's names (`graph.add`, `{perm = ...}`, `%leaf3`,
    /// `get.1`), without children.
    pub fn head(&self, ctx: &Context) -> String {
        match self {
            Node::Op { name, attrs, .. } => {
                let n = ctx.op_name_str(*name).to_string();
                if ctx.dict_entries(*attrs).is_empty() {
                    n
                } else {
                    format!("{n}{}", strata_ir::text::print_attr(ctx, *attrs))
                }
            }
            Node::Attr(a) => strata_ir::text::print_attr(ctx, *a),
            Node::Leaf(i) => format!("%leaf{i}"),
            Node::Get(i, _) => format!("get.{i}"),
        }
    }
}

impl Language for Node {
    type Discriminant = NodeDiscriminant;

    fn discriminant(&self) -> NodeDiscriminant {
        match self {
            Node::Op {
                name,
                attrs,
                results,
                ..
            } => NodeDiscriminant::Op(*name, *attrs, *results),
            Node::Attr(a) => NodeDiscriminant::Attr(*a),
            Node::Leaf(i) => NodeDiscriminant::Leaf(*i),
            Node::Get(i, _) => NodeDiscriminant::Get(*i),
        }
    }

    fn matches(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Node::Op {
                    name: a,
                    attrs: aa,
                    results: ar,
                    children: ac,
                },
                Node::Op {
                    name: b,
                    attrs: ba,
                    results: br,
                    children: bc,
                },
            ) => a == b && aa == ba && ar == br && ac.len() == bc.len(),
            (Node::Attr(a), Node::Attr(b)) => a == b,
            (Node::Leaf(a), Node::Leaf(b)) => a == b,
            (Node::Get(a, _), Node::Get(b, _)) => a == b,
            _ => false,
        }
    }

    fn children(&self) -> &[Id] {
        match self {
            Node::Op { children, .. } => children,
            Node::Get(_, c) => c,
            Node::Attr(_) | Node::Leaf(_) => &[],
        }
    }

    fn children_mut(&mut self) -> &mut [Id] {
        match self {
            Node::Op { children, .. } => children,
            Node::Get(_, c) => c,
            Node::Attr(_) | Node::Leaf(_) => &mut [],
        }
    }
}

/// Context-free rendering (op and attribute handles by number); use [`Node::head`] for
/// names.
impl fmt::Display for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Node::Op { name, .. } => write!(f, "op{name:?}"),
            Node::Attr(a) => write!(f, "attr{}", a.index()),
            Node::Leaf(i) => write!(f, "leaf{i}"),
            Node::Get(i, _) => write!(f, "get.{i}"),
        }
    }
}
