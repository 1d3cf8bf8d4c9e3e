//! Whole-graph validation before lowering: value names (each defined once, every use
//! defined), a topological order (cycles rejected), and the complete, sorted list of
//! unsupported constructs.

use super::{support, Opsets};
use crate::error::{ImportError, Result, UnsupportedOp};
use crate::limits::Limits;
use crate::proto::{GraphProto, ModelProto, NodeProto, ValueInfoProto};
use crate::tensor::elem_type;
use std::collections::{BinaryHeap, HashMap};
use strata_ir::Context;

/// The highest `ai.onnx` opset whose semantics the importer knows.
pub const MAX_OPSET: i64 = 28;

/// How a node is named in errors: its name, else its first output, else its index.
pub(crate) fn node_label(node: &NodeProto, index: usize) -> String {
    if !node.name.is_empty() {
        node.name.clone()
    } else if let Some(o) = node.output.iter().find(|o| !o.is_empty()) {
        o.clone()
    } else {
        format!("#{index}")
    }
}

pub(crate) fn node_at(node: &NodeProto, index: usize) -> String {
    format!("node '{}' ({})", node_label(node, index), node.op_type)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Def {
    Input,
    Init,
    Node(usize),
}

/// Validate `graph`; returns a topological order of its nodes (original order where the
/// model is already sorted).
pub(crate) fn validate(
    ctx: &Context,
    model: &ModelProto,
    graph: &GraphProto,
    opsets: &Opsets,
    limits: &Limits,
) -> Result<Vec<usize>> {
    let _ = model;
    if graph.node.len() as u64 > limits.max_nodes {
        return Err(ImportError::limit("number of nodes", limits.max_nodes));
    }
    let mut defs: HashMap<&str, Def> = HashMap::new();
    for t in &graph.initializer {
        if t.name.is_empty() {
            return Err(ImportError::invalid("initializer without a name", "graph"));
        }
        if defs.insert(&t.name, Def::Init).is_some() {
            return Err(ImportError::invalid(
                format!("initializer '{}' is defined twice", t.name),
                "graph",
            ));
        }
    }
    let mut inputs: HashMap<&str, ()> = HashMap::new();
    for vi in &graph.input {
        if vi.name.is_empty() {
            return Err(ImportError::invalid("graph input without a name", "graph"));
        }
        if inputs.insert(&vi.name, ()).is_some() {
            return Err(ImportError::invalid(
                format!("graph input '{}' is declared twice", vi.name),
                "graph",
            ));
        }
        defs.entry(&vi.name).or_insert(Def::Input);
    }
    for (i, n) in graph.node.iter().enumerate() {
        for o in n.output.iter().filter(|o| !o.is_empty()) {
            if defs.insert(o, Def::Node(i)).is_some() {
                return Err(ImportError::invalid(
                    format!("value '{o}' is defined more than once"),
                    node_at(n, i),
                ));
            }
        }
    }
    for (i, n) in graph.node.iter().enumerate() {
        for inp in n.input.iter().filter(|o| !o.is_empty()) {
            if !defs.contains_key(inp.as_str()) {
                return Err(ImportError::invalid(
                    format!("input '{inp}' is not defined in the graph"),
                    node_at(n, i),
                ));
            }
        }
    }
    for o in &graph.output {
        if !defs.contains_key(o.name.as_str()) {
            return Err(ImportError::invalid(
                format!("graph output '{}' is not defined", o.name),
                "graph",
            ));
        }
    }
    let order = topo_order(graph, &defs)?;
    unsupported(ctx, graph, opsets, &defs)?;
    Ok(order)
}

fn topo_order(graph: &GraphProto, defs: &HashMap<&str, Def>) -> Result<Vec<usize>> {
    let n = graph.node.len();
    let mut indeg = vec![0usize; n];
    let mut users: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, node) in graph.node.iter().enumerate() {
        for inp in node.input.iter().filter(|o| !o.is_empty()) {
            if let Some(Def::Node(p)) = defs.get(inp.as_str()) {
                indeg[i] += 1;
                users[*p].push(i);
            }
        }
    }
    let mut ready: BinaryHeap<std::cmp::Reverse<usize>> = (0..n)
        .filter(|&i| indeg[i] == 0)
        .map(std::cmp::Reverse)
        .collect();
    let mut order = Vec::with_capacity(n);
    while let Some(std::cmp::Reverse(i)) = ready.pop() {
        order.push(i);
        for &u in &users[i] {
            indeg[u] -= 1;
            if indeg[u] == 0 {
                ready.push(std::cmp::Reverse(u));
            }
        }
    }
    if order.len() != n {
        let i = (0..n).find(|&i| indeg[i] > 0).unwrap_or(0);
        return Err(ImportError::invalid(
            "the graph has a cycle through this node",
            node_at(&graph.node[i], i),
        ));
    }
    Ok(order)
}

fn value_issue(ctx: &Context, vi: &ValueInfoProto) -> Option<String> {
    let Some(t) = vi.r#type.as_ref() else {
        return Some("value without a type".into());
    };
    let Some(tt) = t.tensor_type.as_ref() else {
        return super::ctrl_types::container_issue(ctx, vi);
    };
    if elem_type(ctx, tt.elem_type).is_none() {
        return Some(format!(
            "element type {}",
            crate::proto::data_type::name(tt.elem_type)
        ));
    }
    if tt.shape.is_none() {
        return Some("unranked tensor".into());
    }
    None
}

fn unsupported(
    ctx: &Context,
    graph: &GraphProto,
    opsets: &Opsets,
    defs: &HashMap<&str, Def>,
) -> Result<()> {
    let mut list = Vec::new();
    let entry = |op_type: String, node: &str, opset: i64| UnsupportedOp {
        domain: String::new(),
        op_type,
        opset,
        node: node.to_string(),
    };
    let default_opset = opsets.get("").unwrap_or(0);
    if !graph.sparse_initializer.is_empty() {
        list.push(entry("sparse initializer".into(), "graph", default_opset));
    }
    for t in &graph.initializer {
        if elem_type(ctx, t.data_type).is_none() {
            let ty = crate::proto::data_type::name(t.data_type);
            list.push(entry(format!("element type {ty}"), &t.name, default_opset));
        }
        if t.segment.is_some() {
            list.push(entry("segmented tensor".into(), &t.name, default_opset));
        }
    }
    for vi in graph.input.iter().chain(&graph.output) {
        if matches!(defs.get(vi.name.as_str()), Some(Def::Init)) && graph.input.contains(vi) {
            continue;
        }
        if let Some(why) = value_issue(ctx, vi) {
            list.push(entry(why, &vi.name, default_opset));
        }
    }
    // Inputs computed by nodes may fold to constants at lowering time (`consteval`), which
    // then reports those that do not; graph inputs without an initializer never do.
    let is_const = |name: &str| !matches!(defs.get(name), Some(Def::Input));
    for (i, n) in graph.node.iter().enumerate() {
        let domain = Opsets::canonical(&n.domain);
        let label = node_label(n, i);
        let opset = opsets.get(domain);
        let mk = |op_type: String, opset: i64| UnsupportedOp {
            domain: domain.to_string(),
            op_type,
            opset,
            node: label.clone(),
        };
        let Some(opset) = opset else {
            if domain.is_empty() {
                return Err(ImportError::invalid(
                    "the model imports no opset of the ai.onnx domain",
                    node_at(n, i),
                ));
            }
            list.push(mk(n.op_type.clone(), 0));
            continue;
        };
        if !domain.is_empty() {
            if !super::nodes_domains::support(domain, &n.op_type, opset) {
                list.push(mk(n.op_type.clone(), opset));
            }
            list.extend(super::nodes_scan::nested_unsupported(n, opsets));
            continue;
        }
        if !(1..=MAX_OPSET).contains(&opset) {
            list.push(mk(n.op_type.clone(), opset));
            continue;
        }
        match support(&n.op_type, opset) {
            None => list.push(mk(n.op_type.clone(), opset)),
            Some(consts) => {
                list.extend(super::nodes_scan::nested_unsupported(n, opsets));
                for &ci in consts {
                    if let Some(name) = n.input.get(ci).filter(|s| !s.is_empty()) {
                        if !is_const(name) {
                            list.push(mk(
                                format!("{} with non-constant input {ci} ('{name}')", n.op_type),
                                opset,
                            ));
                        }
                    }
                }
            }
        }
    }
    if list.is_empty() {
        return Ok(());
    }
    list.sort();
    list.dedup();
    Err(ImportError::Unsupported(list))
}
