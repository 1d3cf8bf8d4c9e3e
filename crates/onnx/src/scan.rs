//! A pre-scan of the protobuf wire format that bounds subgraph nesting *before* decoding.
//!
//! Decoding nested messages recurses; a model of 3,000 `If` nodes nested in each other's
//! branches must fail with [`ImportError::LimitExceeded`] rather than exhaust the stack.
//! This scan walks only the fields that lead to subgraphs (`ModelProto.graph`,
//! `GraphProto.node`, `NodeProto.attribute`, `AttributeProto.g` / `.graphs`) with an
//! explicit stack bounded by the depth limit. Malformed bytes end the scan silently: the
//! decoder then reports them.

use crate::error::{ImportError, Result};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Model,
    Graph,
    Node,
    Attr,
}

fn varint(data: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for i in 0..10 {
        let b = *data.get(*pos)?;
        *pos += 1;
        v |= u64::from(b & 0x7f) << (7 * i);
        if b & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// Skip a field of wire type `wt` (groups are not followed; they cannot hold subgraphs).
fn skip(data: &[u8], pos: &mut usize, wt: u64) -> Option<()> {
    match wt {
        0 => varint(data, pos).map(|_| ()),
        1 => {
            *pos = pos.checked_add(8).filter(|&p| p <= data.len())?;
            Some(())
        }
        2 => {
            let len = usize::try_from(varint(data, pos)?).ok()?;
            *pos = pos.checked_add(len).filter(|&p| p <= data.len())?;
            Some(())
        }
        5 => {
            *pos = pos.checked_add(4).filter(|&p| p <= data.len())?;
            Some(())
        }
        // Start/end group markers carry no payload of their own.
        3 | 4 => Some(()),
        _ => None,
    }
}

/// Check that no subgraph of the serialized `ModelProto` in `data` is nested deeper than
/// `max_depth` (the main graph has depth 0).
pub fn check_subgraph_depth(data: &[u8], max_depth: u32) -> Result<()> {
    // (start, end, position, kind, graph depth)
    let mut stack: Vec<(usize, usize, Kind, u32)> = vec![(0, data.len(), Kind::Model, 0)];
    while let Some(top) = stack.last_mut() {
        let (pos, end, kind, depth) = *top;
        if pos >= end {
            stack.pop();
            continue;
        }
        let msg = &data[..end];
        let mut p = pos;
        let Some(key) = varint(msg, &mut p) else {
            return Ok(());
        };
        let (field, wt) = (key >> 3, key & 7);
        let child = match (kind, field, wt) {
            (Kind::Model, 7, 2) => Some((Kind::Graph, depth)),
            (Kind::Graph, 1, 2) => Some((Kind::Node, depth)),
            (Kind::Node, 5, 2) => Some((Kind::Attr, depth)),
            (Kind::Attr, 6 | 11, 2) => Some((Kind::Graph, depth + 1)),
            _ => None,
        };
        match child {
            Some((ck, cd)) => {
                let Some(len) = varint(msg, &mut p).and_then(|l| usize::try_from(l).ok()) else {
                    return Ok(());
                };
                let Some(cend) = p.checked_add(len).filter(|&e| e <= end) else {
                    return Ok(());
                };
                top.0 = cend;
                if cd > max_depth {
                    return Err(ImportError::limit(
                        format!("subgraph nesting depth ({} or more)", cd),
                        u64::from(max_depth),
                    ));
                }
                stack.push((p, cend, ck, cd));
            }
            None => {
                if skip(msg, &mut p, wt).is_none() {
                    return Ok(());
                }
                top.0 = p;
            }
        }
    }
    Ok(())
}
