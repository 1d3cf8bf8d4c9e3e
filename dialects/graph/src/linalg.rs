//! Linear-algebra ops: `einsum` (with the equation parser shared with the interpreter,
//! [`parse_einsum`]) and `det`.

use crate::attr::{string_c, Attrs};
use crate::shape::{format_shape, is_dynamic, DYN};
use crate::util::{
    operands, require_min_rank, same_elem, tensor, Elems, ANY_TENSOR, NUMERIC_TENSOR,
};
use crate::verify::verify_inferred;
use strata_ir::{op, Arity, AttrConstraint, Attribute, Context, Traits, Type};

/// A parsed einsum equation: every operand dimension and output dimension named by a label
/// id in `0..num_labels` (letters first, then one label per ellipsis dimension).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Einsum {
    /// The labels of each operand's dimensions (a label repeated within an operand takes
    /// the diagonal).
    pub inputs: Vec<Vec<usize>>,
    /// The labels of the result's dimensions (each at most once).
    pub output: Vec<usize>,
    /// The number of distinct labels.
    pub num_labels: usize,
}

/// The terms of one side of an equation: letters, with the position of `...` if any.
fn parse_term(t: &str) -> Result<(Vec<u8>, Option<usize>), String> {
    let mut letters = Vec::new();
    let mut ellipsis = None;
    let b = t.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'.' {
            if ellipsis.is_some() || !t[i..].starts_with("...") {
                return Err(format!("malformed ellipsis in einsum term '{t}'"));
            }
            ellipsis = Some(letters.len());
            i += 3;
        } else if b[i].is_ascii_alphabetic() {
            letters.push(b[i]);
            i += 1;
        } else {
            return Err(format!(
                "invalid character '{}' in einsum term '{t}'",
                b[i] as char
            ));
        }
    }
    Ok((letters, ellipsis))
}

/// Parse einsum `equation` (ONNX `Einsum`, numpy's notation: `"ij,jk->ik"`, `"...ii->...i"`,
/// spaces ignored) for operands of ranks `ranks`. Without `->` the output is the ellipsis
/// dimensions followed by the letters appearing exactly once, in alphabetical (ASCII)
/// order. Ellipsis dimensions of the operands are right-aligned with each other.
pub fn parse_einsum(equation: &str, ranks: &[usize]) -> Result<Einsum, String> {
    let eq: String = equation.chars().filter(|c| !c.is_whitespace()).collect();
    let (lhs, rhs) = match eq.split_once("->") {
        Some((l, r)) => (l, Some(r)),
        None => (eq.as_str(), None),
    };
    let terms: Vec<&str> = lhs.split(',').collect();
    if terms.len() != ranks.len() {
        return Err(format!(
            "einsum equation '{equation}' has {} operand terms for {} operands",
            terms.len(),
            ranks.len()
        ));
    }
    let mut parsed = Vec::with_capacity(terms.len());
    let mut ell_rank = 0;
    for (t, &r) in terms.iter().zip(ranks) {
        let (letters, ell) = parse_term(t)?;
        let e = match ell {
            Some(_) if letters.len() <= r => r - letters.len(),
            None if letters.len() == r => 0,
            _ => {
                return Err(format!(
                    "einsum term '{t}' does not match an operand of rank {r}"
                ))
            }
        };
        ell_rank = ell_rank.max(e);
        parsed.push((letters, ell, e));
    }
    // Label ids: letters by first appearance order is irrelevant; use a fixed table.
    let letter_id = |c: u8| -> usize {
        if c.is_ascii_uppercase() {
            (c - b'A') as usize
        } else {
            26 + (c - b'a') as usize
        }
    };
    let ell_id = |k: usize| 52 + k;
    let mut count = [0usize; 52];
    let mut inputs = Vec::with_capacity(parsed.len());
    for (letters, ell, e) in &parsed {
        let mut labels = Vec::with_capacity(letters.len() + e);
        for (i, &c) in letters.iter().enumerate() {
            if *ell == Some(i) {
                labels.extend((ell_rank - e..ell_rank).map(ell_id));
            }
            count[letter_id(c)] += 1;
            labels.push(letter_id(c));
        }
        if *ell == Some(letters.len()) {
            labels.extend((ell_rank - e..ell_rank).map(ell_id));
        }
        inputs.push(labels);
    }
    let output = match rhs {
        Some(r) => {
            let (letters, ell) = parse_term(r)?;
            let mut out = Vec::new();
            let mut seen = [false; 52];
            for (i, &c) in letters.iter().enumerate() {
                if ell == Some(i) {
                    out.extend((0..ell_rank).map(ell_id));
                }
                let id = letter_id(c);
                if seen[id] || count[id] == 0 {
                    return Err(format!(
                        "einsum output label '{}' is repeated or absent from the inputs",
                        c as char
                    ));
                }
                seen[id] = true;
                out.push(id);
            }
            if ell == Some(letters.len()) {
                out.extend((0..ell_rank).map(ell_id));
            } else if ell.is_none() && ell_rank > 0 {
                return Err("einsum output must keep the ellipsis dimensions".into());
            }
            out
        }
        None => {
            let mut out: Vec<usize> = (0..ell_rank).map(ell_id).collect();
            out.extend((0..52).filter(|&id| count[id] == 1));
            out
        }
    };
    Ok(Einsum {
        inputs,
        output,
        num_labels: 52 + ell_rank,
    })
}

/// The size of every label for operands of `shapes` (`DYN` where unknown; labels absent
/// from every operand have size 1). Letter dimensions must agree; ellipsis dimensions
/// broadcast (a size 1 stretches).
pub fn einsum_sizes(spec: &Einsum, shapes: &[&[i64]]) -> Result<Vec<i64>, String> {
    let mut sizes = vec![1i64; spec.num_labels];
    let mut known = vec![false; spec.num_labels];
    for (labels, shape) in spec.inputs.iter().zip(shapes) {
        for (&l, &d) in labels.iter().zip(shape.iter()) {
            if !known[l] {
                sizes[l] = d;
                known[l] = true;
                continue;
            }
            let s = sizes[l];
            if is_dynamic(s) || is_dynamic(d) {
                sizes[l] = if l >= 52 {
                    match (s, d) {
                        (1, o) | (o, 1) => o,
                        _ => DYN,
                    }
                } else if is_dynamic(s) {
                    d
                } else {
                    s
                };
                continue;
            }
            if s != d {
                if l >= 52 && (s == 1 || d == 1) {
                    sizes[l] = s.max(d);
                } else {
                    return Err(format!(
                        "einsum operand of shape {} has size {d} for a label of size {s}",
                        format_shape(shape)
                    ));
                }
            }
        }
    }
    Ok(sizes)
}

/// Inference of `einsum`.
pub fn infer_einsum(ctx: &Context, types: &[Type], attrs: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, usize::MAX, Elems::Numeric)?;
    same_elem(ctx, &ops)?;
    let a = Attrs::new(ctx, attrs);
    let eq = a
        .get("equation")
        .and_then(|e| crate::attr::string_value(ctx, e))
        .ok_or("requires string attribute 'equation'")?;
    let ranks: Vec<usize> = ops.iter().map(|o| o.rank()).collect();
    let spec = parse_einsum(eq, &ranks)?;
    let shapes: Vec<&[i64]> = ops.iter().map(|o| o.shape).collect();
    let sizes = einsum_sizes(&spec, &shapes)?;
    let shape: Vec<i64> = spec.output.iter().map(|&l| sizes[l]).collect();
    Ok(vec![tensor(ctx, &shape, ops[0].elem)])
}

op! {
    /// Einstein summation (ONNX `Einsum`, opset 12): `equation` (numpy's notation, e.g.
    /// `"bij,bjk->bik"`; `...` for broadcast leading dimensions; without `->` the output
    /// takes the letters appearing once, alphabetically) names every operand dimension by
    /// a label; the result has the output labels' dimensions and holds, for each of its
    /// positions, the sum over all other labels of the product of the operands' elements
    /// (a label repeated in one operand takes its diagonal). Operands share one numeric
    /// element type. The interpreter accumulates floats in `f64` and rounds once.
    ///
    /// ```mlir
    /// %0 = "graph.einsum"(%a, %b) <{equation = "bij,bjk->bik"}> : (tensor<5x2x3xf32>, tensor<5x3x4xf32>) -> tensor<5x2x4xf32>
    /// ```
    pub struct EinsumOp = "graph.einsum";
    summary: "Einstein summation";
    results: [output];
    attrs: [equation = "equation"];
    def: {
        traits: Traits::PURE,
        operands: Arity::AtLeast(1),
        results: Arity::Exactly(1),
        operand_type: Some(NUMERIC_TENSOR),
        result_type: Some(NUMERIC_TENSOR),
        attrs: &[AttrConstraint { required: true, ..string_c("equation") }],
        verify: Some(verify_inferred),
        infer: Some(infer_einsum),
    }
}

/// Inference of `det`.
pub fn infer_det(ctx: &Context, types: &[Type], _: Attribute) -> Result<Vec<Type>, String> {
    let ops = operands(ctx, types, 1, 1, Elems::Float)?;
    let x = ops[0];
    require_min_rank(&x, "input", 2)?;
    let r = x.rank();
    let (m, n) = (x.shape[r - 2], x.shape[r - 1]);
    if !is_dynamic(m) && !is_dynamic(n) && m != n {
        return Err(format!(
            "the last two dimensions must be square, but the shape is {}",
            format_shape(x.shape)
        ));
    }
    Ok(vec![tensor(ctx, &x.shape[..r - 2], x.elem)])
}

op! {
    /// Determinants of square matrices (ONNX `Det`, opset 11): the operand `[..., M, M]`
    /// gives a result `[...]`. The interpreter uses LU decomposition with partial pivoting
    /// in `f64` and rounds once.
    ///
    /// ```mlir
    /// %0 = "graph.det"(%x) : (tensor<3x2x2xf32>) -> tensor<3xf32>
    /// ```
    pub struct DetOp = "graph.det";
    summary: "determinant of square matrices";
    operands: [input];
    results: [output];
    def: {
        traits: Traits::PURE,
        operands: Arity::Exactly(1),
        results: Arity::Exactly(1),
        operand_type: Some(ANY_TENSOR),
        result_type: Some(ANY_TENSOR),
        verify: Some(verify_inferred),
        infer: Some(infer_det),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_explicit_implicit_and_ellipsis() {
        let e = parse_einsum("bij, bjk -> bik", &[3, 3]).unwrap();
        let (b, i, j, k) = (27, 34, 35, 36);
        assert_eq!(e.inputs, vec![vec![b, i, j], vec![b, j, k]]);
        assert_eq!(e.output, vec![b, i, k]);
        // Implicit: letters appearing once, alphabetically.
        assert_eq!(parse_einsum("ji", &[2]).unwrap().output, vec![i, j]);
        assert_eq!(
            parse_einsum("i,i", &[1, 1]).unwrap().output,
            Vec::<usize>::new()
        );
        let d = parse_einsum("...ii->...i", &[3]).unwrap();
        assert_eq!(d.inputs, vec![vec![52, i, i]]);
        assert_eq!(d.output, vec![52, i]);
        assert_eq!(
            parse_einsum("->", &[0]).unwrap().output,
            Vec::<usize>::new()
        );
    }

    #[test]
    fn rejects_bad_equations() {
        assert!(parse_einsum("ij", &[3]).is_err());
        assert!(parse_einsum("ij,jk", &[2]).is_err());
        assert!(parse_einsum("ij->ii", &[2]).is_err());
        assert!(parse_einsum("ij->k", &[2]).is_err());
        assert!(parse_einsum("i.j", &[2]).is_err());
        assert!(parse_einsum("i1", &[2]).is_err());
        let e = parse_einsum("ij,jk", &[2, 2]).unwrap();
        assert!(einsum_sizes(&e, &[&[2, 3], &[4, 5]]).is_err());
        assert_eq!(einsum_sizes(&e, &[&[2, 3], &[3, 5]]).unwrap()[35], 3);
    }
}
