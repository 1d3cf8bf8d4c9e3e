//! Bounded results (`docs/lowering.md`, "Bounded dynamic results"): an out-parameter of
//! its upper-bound shape whose valid part is the leading sub-box given by its extents
//! (another out-parameter, `i64`, one per dim). [`trim`] copies that sub-box out.

/// The sub-box `extents` of the row-major buffer `bytes` of shape `bound` with elements of
/// `size` bytes, and its shape; an error when an extent is outside `[0, bound]`.
pub(crate) fn trim(
    bytes: &[u8],
    size: usize,
    bound: &[i64],
    extents: &[i64],
) -> Result<(Vec<u8>, Vec<usize>), String> {
    if extents.len() != bound.len()
        || extents
            .iter()
            .zip(bound)
            .any(|(&e, &b)| !(0..=b).contains(&e))
    {
        return Err(format!(
            "the extents {extents:?} of a bounded result do not fit its bound {bound:?}"
        ));
    }
    // Both fit the bound, whose buffer `bytes` holds, so the products do not overflow.
    let shape: Vec<usize> = extents.iter().map(|&e| e as usize).collect();
    let bound: Vec<usize> = bound.iter().map(|&b| b as usize).collect();
    let total: usize = shape.iter().product();
    if bytes.len() != bound.iter().product::<usize>() * size {
        return Err("a bounded result's buffer does not match its bound".to_string());
    }
    let mut out = Vec::with_capacity(total * size);
    if total == 0 {
        return Ok((out, shape));
    }
    let r = shape.len();
    // Rows along the last dim: copy `shape[r-1]` elements from each row of the sub-box.
    let row = shape.last().copied().unwrap_or(1) * size;
    let rows: usize = shape[..r.saturating_sub(1)].iter().product();
    let mut idx = vec![0usize; r.saturating_sub(1)];
    for _ in 0..rows {
        let mut off = 0usize;
        for (d, &i) in idx.iter().enumerate() {
            off = off * bound[d] + i;
        }
        let start = off * bound.last().copied().unwrap_or(1) * size;
        out.extend_from_slice(&bytes[start..start + row]);
        for d in (0..idx.len()).rev() {
            idx[d] += 1;
            if idx[d] < shape[d] {
                break;
            }
            idx[d] = 0;
        }
    }
    Ok((out, shape))
}

#[cfg(test)]
mod tests {
    use super::trim;

    #[test]
    fn trims_the_leading_sub_box() {
        // A 2x4 bound of one-byte elements, valid 2x3.
        let bytes: Vec<u8> = (0..8).collect();
        let (t, s) = trim(&bytes, 1, &[2, 4], &[2, 3]).expect("fits");
        assert_eq!((t, s), (vec![0, 1, 2, 4, 5, 6], vec![2, 3]));
        let (t, s) = trim(&bytes, 2, &[2, 2], &[1, 2]).expect("fits");
        assert_eq!((t, s), (vec![0, 1, 2, 3], vec![1, 2]));
        let (t, s) = trim(&bytes, 1, &[8], &[0]).expect("empty");
        assert_eq!((t, s), (vec![], vec![0]));
        assert!(trim(&bytes, 1, &[2, 4], &[3, 1]).is_err());
        assert!(trim(&bytes, 1, &[2, 4], &[-1, 1]).is_err());
    }
}
